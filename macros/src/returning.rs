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
//! from: `ensure!(n > 0, "empty {}", name);`
//! into: `if !(n > 0) { #[allow(unreachable_code)] let __returned = (|| { ensure!(false,`
//!       `"empty {}", name); Ok(()) })(); if let Err(__e) = __returned { return Err(__e); }`
//!       `unreachable!() }`
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

struct Returning;

impl VisitMut for Returning {
    // (Their own `return`s: not the function's.)
    fn visit_expr_closure_mut(&mut self, _: &mut syn::ExprClosure) {}
    fn visit_expr_async_mut(&mut self, _: &mut syn::ExprAsync) {}
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}

    fn visit_stmt_mut(&mut self, st: &mut Stmt) {
        let mac = match st {
            Stmt::Macro(sm) => &sm.mac,
            Stmt::Expr(Expr::Macro(m), _) => &m.mac,
            _ => return syn::visit_mut::visit_stmt_mut(self, st),
        };
        if let Some(block) = returned(mac) {
            *st = Stmt::Expr(block, None);
        }
    }

    fn visit_expr_mut(&mut self, e: &mut Expr) {
        // `None => bail!("none")`, `let Some(x) = o else { bail!("none") };`: in an
        // expression.
        if let Expr::Macro(m) = e {
            if let Some(block) = returned(&m.mac) {
                *e = block;
            }
            return;
        }
        syn::visit_mut::visit_expr_mut(self, e);
    }
}

/// The block a `bail!`/`ensure!` call runs in, or `None` for another macro. `bail!` always
/// returns: its block diverges (`!`, as the macro's own expansion), so it can end a
/// `let`-`else` or stand for a `match` arm's value. `ensure!(cond, ..)` runs the macro only
/// when `cond` fails, as `ensure!(false, ..)`, so what its message takes by value is moved
/// only then, as natively; `ensure!(cond)` alone (its message quotes `cond`) runs whole.
fn returned(mac: &syn::Macro) -> Option<Expr> {
    let name = mac.path.segments.last()?.ident.to_string();
    if name != "bail" && name != "ensure" {
        return None;
    }
    let span = Span::mixed_site();
    let result = quote::quote_spanned!(span=> ::stackless::__private::core::result::Result);
    let wrap = |mac: &syn::Macro, diverges: bool| -> Expr {
        let end = diverges
            .then(|| quote::quote_spanned!(span=> ::stackless::__private::core::unreachable!()));
        syn::parse_quote_spanned!(span=> {
            #[allow(unreachable_code)]
            let __returned = (|| {
                #mac;
                #result::Ok(())
            })();
            if let #result::Err(__e) = __returned {
                return #result::Err(__e);
            }
            #end
        })
    };
    if name == "bail" {
        return Some(wrap(mac, true));
    }
    let args = mac
        .parse_body_with(syn::punctuated::Punctuated::<Expr, syn::Token![,]>::parse_terminated)
        .ok()?;
    if args.len() < 2 {
        return Some(wrap(mac, false));
    }
    let cond = &args[0];
    let rest = args.iter().skip(1);
    let mut failed = mac.clone();
    failed.tokens = quote::quote!(false, #(#rest),*);
    let run = wrap(&failed, true);
    Some(syn::parse_quote_spanned!(span=> if !(#cond) #run))
}
