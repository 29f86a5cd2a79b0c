//! Macros that return from the function (before the lowering): anyhow's and eyre's
//! `bail!(..)` and `ensure!(cond, ..)`, or a user's macro by those names.
//!
//! Their expansion is `return Err(..)`, which the lowering cannot see: run in the step
//! closure, it would return from the closure (E0308 "expected `Step<..>`"). Each such
//! statement runs in a closure of its own instead, whose `return Err(e)` is the closure's
//! value; the `Err` is then returned from the function by a `return` the lowering sees (with
//! the drops and the state's end every `return` has). Only in a function whose return type
//! is a `Result` (the last segment of its path: `Result<T, E>`, `anyhow::Result<T>`,
//! `io::Result<T>`), where the macros can be used natively; the closure's type is inferred
//! from the macro's `Err` and the function's.
//!
//! from: `ensure!(n > 0, "empty");`
//! into: `{ #[allow(unreachable_code)] let __returned = (|| { ensure!(n > 0, "empty");`
//!       `Ok(()) })(); if let Err(__e) = __returned { return Err(__e); } }`
//!
//! A macro of another name that returns (a user's `macro_rules!` with `return` or `?` in its
//! definition) is not seen: documented in the limits.

use proc_macro2::Span;
use syn::visit_mut::VisitMut;
use syn::{Expr, Stmt};

use crate::parse::{Coroutine, Kind};

pub fn apply(co: &mut Coroutine) {
    if !matches!(co.kind, Kind::Future | Kind::Coroutine) {
        return;
    }
    if !co.return_ty.as_ref().is_some_and(is_result) {
        return;
    }
    Returning.visit_block_mut(&mut co.body);
}

fn is_result(t: &syn::Type) -> bool {
    match t {
        syn::Type::Path(p) => p.path.segments.last().is_some_and(|s| s.ident == "Result"),
        // (A type a `macro_rules!` passed on as `$t:ty`.)
        syn::Type::Group(g) => is_result(&g.elem),
        syn::Type::Paren(p) => is_result(&p.elem),
        _ => false,
    }
}

/// `bail!`/`ensure!`, by any path.
fn returns(m: &syn::Macro) -> bool {
    m.path
        .segments
        .last()
        .is_some_and(|s| s.ident == "bail" || s.ident == "ensure")
}

struct Returning;

impl VisitMut for Returning {
    // (Their own `return`s: not the function's.)
    fn visit_expr_closure_mut(&mut self, _: &mut syn::ExprClosure) {}
    fn visit_expr_async_mut(&mut self, _: &mut syn::ExprAsync) {}
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}

    fn visit_stmt_mut(&mut self, st: &mut Stmt) {
        let mac = match st {
            Stmt::Macro(sm) => &sm.mac,
            Stmt::Expr(Expr::Macro(m), Some(_)) => &m.mac,
            _ => return syn::visit_mut::visit_stmt_mut(self, st),
        };
        if !returns(mac) {
            return syn::visit_mut::visit_stmt_mut(self, st);
        }
        let span = Span::mixed_site();
        let result = quote::quote_spanned!(span=> ::stackless::__private::core::result::Result);
        *st = syn::parse_quote_spanned!(span=> {
            #[allow(unreachable_code)]
            let __returned = (|| {
                #mac;
                #result::Ok(())
            })();
            if let #result::Err(__e) = __returned {
                return #result::Err(__e);
            }
        });
    }
}
