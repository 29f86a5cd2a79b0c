//! A suspension point in a `match` guard (before everything else): the `match` is split at
//! that arm into the tests rustc makes, in its order, so that the guard becomes the
//! condition of an `if`, which the lowering can suspend in.
//!
//! rustc tests the arms in order. An arm's guard runs once its pattern matched, with the
//! pattern's bindings borrowed (a by-value binding `n` is read through a shared reference
//! there: `n > 5` sees the value), and only if the guard holds does the arm bind by value and
//! run. So:
//!
//! from: `match s { A => a, P if g(n).await => b, rest… }`
//! into: `match s { A => a, _ => { let __guard = if let P = &s { g(*n).await } else { false };`
//!       `if __guard { match s { P => b, _ => unreachable!() } } else { match s { rest…,`
//!       `_ => unreachable!() } } } }`
//!
//! `s` is the scrutinee when it is a place (a field, an index, a dereference, a local no
//! pattern binds by value), which each `match` reads again as rustc's one does; a value (a
//! call), or a local that patterns bind by value, is first bound by a `match` of its own
//! (`match make() { __scrutinee => .. }`), so its temporaries live to the end, as the
//! scrutinee's do; then every arm is a test through a shared borrow of it, in order, and the
//! arm that passes takes it whole and binds by value out of it (`chain`): a local kept in
//! place across the guard's suspension point cannot be moved out of in part. (So such a local
//! is moved whole by the `match`, where rustc moves only what an arm binds: what is left of
//! it is dropped at the end of the `match`, not of its scope.) Not for a pattern binding by `ref mut` or `mut` (the guard's view of
//! them is rustc's alone): those keep the error.

use quote::quote;
use syn::visit_mut::VisitMut;
use syn::{Expr, Ident};

use crate::scan;

/// Splits every `match` of the body whose guards suspend (see the module docs).
pub fn split(body: &mut syn::Block) {
    Split { n: 0 }.visit_block_mut(body);
}

struct Split {
    n: usize,
}

impl VisitMut for Split {
    fn visit_expr_closure_mut(&mut self, _: &mut syn::ExprClosure) {}
    fn visit_expr_async_mut(&mut self, _: &mut syn::ExprAsync) {}
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
    fn visit_expr_mut(&mut self, e: &mut Expr) {
        syn::visit_mut::visit_expr_mut(self, e);
        let Expr::Match(m) = e else { return };
        let Some(at) = m.arms.iter().position(|a| {
            a.guard.as_ref().is_some_and(|(_, g)| scan::suspends(g)) && splittable(&a.pat)
        }) else {
            return;
        };
        let name = Ident::new(
            &format!("__scrutinee{}", self.n),
            proc_macro2::Span::mixed_site(),
        );
        self.n += 1;
        // (A local matched by patterns that bind by value is taken whole first, as a value
        // scrutinee is: the arm that binds moves out of the taken value, where a local kept in
        // place across the guard's suspension could not be moved out of in part.)
        let binds_by_value = m.arms.iter().any(|a| !by_value(&a.pat).is_empty());
        let local =
            matches!(&*m.expr, Expr::Path(p) if p.qself.is_none() && p.path.get_ident().is_some());
        let (attrs, value) = (&m.attrs, &m.expr);
        *e = if is_place(value) && !(local && binds_by_value) {
            let split = split_at(value, &m.arms, at);
            syn::parse_quote!(#(#attrs)* { #split })
        } else {
            let split = chain(&name, &m.arms);
            syn::parse_quote!(#(#attrs)* match #value { #name => #split })
        };
        // The arms after the split may hold more such guards.
        syn::visit_mut::visit_expr_mut(self, e);
    }
}

/// The arms from `at` on, `arms[at]` having a guard that suspends, as the tests they stand
/// for: the guard in an `if`, then the arm's own `match`, else the rest's.
fn split_at(s: &Expr, arms: &[syn::Arm], at: usize) -> Expr {
    let before = &arms[..at];
    let arm = &arms[at];
    let after = &arms[at + 1..];
    let (pat, body) = (&arm.pat, &arm.body);
    let guard = borrowed_guard(arm);
    let flag = Ident::new("__guard", proc_macro2::Span::mixed_site());
    let unreachable = quote!(::stackless::__private::core::unreachable!());
    let rest = quote! {
        match #s {
            #(#after)*
            #[allow(unreachable_patterns)]
            _ => #unreachable,
        }
    };
    let tested = quote! {
        {
            #[allow(unused_variables)]
            let #flag: bool = if let #pat = &#s { #guard } else { false };
            if #flag {
                match #s {
                    #pat => #body,
                    #[allow(unreachable_patterns)]
                    _ => #unreachable,
                }
            } else {
                #rest
            }
        }
    };
    if before.is_empty() {
        return syn::parse_quote!(#tested);
    }
    syn::parse_quote! {
        match #s {
            #(#before)*
            #[allow(unreachable_patterns)]
            _ => #tested,
        }
    }
}

/// The arms as tests of a scrutinee of ours, `s` (a value the split bound, kept in place
/// across the guards' suspension points): each pattern (and guard) tested through a shared
/// borrow, in order; the arm that passes takes `s` whole and binds by value out of it.
///
/// from: `match v { P if g(n).await => b, Q => c }` (with `v` bound as `s`)
/// into: `if { let g = if let P = &s { g(*n).await } else { false }; g } { let t = s; match t`
///       `{ P => b, _ => unreachable!() } } else if { let g = if let Q = &s { true } else`
///       `{ false }; g } { let t = s; match t { Q => c, _ => unreachable!() } } else`
///       `{ unreachable!() }`
fn chain(s: &Ident, arms: &[syn::Arm]) -> Expr {
    let flag = Ident::new("__guard", proc_macro2::Span::mixed_site());
    let taken = Ident::new("__taken", proc_macro2::Span::mixed_site());
    let unreachable = quote!(::stackless::__private::core::unreachable!());
    let mut out = quote!({ #unreachable });
    for arm in arms.iter().rev() {
        let pat = &arm.pat;
        let body = &arm.body;
        let guard = borrowed_guard(arm);
        out = quote! {
            if {
                #[allow(unused_variables)]
                let #flag: bool = if let #pat = &#s { #guard } else { false };
                #flag
            } {
                let #taken = #s;
                match #taken {
                    // (Its bindings may be used by the guard only: `n if n == f().await`.)
                    #[allow(unused_variables)]
                    #pat => #body,
                    #[allow(unreachable_patterns)]
                    _ => #unreachable,
                }
            } else #out
        };
    }
    syn::parse_quote!(#out)
}

/// A pattern whose bindings the split can give the guard as rustc does: none by `ref mut`
/// or `mut`.
fn splittable(p: &syn::Pat) -> bool {
    let mut names = Vec::new();
    scan::pat_bindings(p, &mut names);
    !scan::binds_ref_mut(p) && names.iter().all(|(_, mutable)| !mutable)
}

/// A place expression: read again by each test, as rustc's `match` reads it.
fn is_place(e: &Expr) -> bool {
    match e {
        Expr::Path(p) => p.qself.is_none() && p.path.get_ident().is_some(),
        Expr::Field(f) => is_place(&f.base),
        Expr::Index(i) => is_place(&i.expr) && matches!(&*i.index, Expr::Lit(_) | Expr::Path(_)),
        Expr::Paren(p) => is_place(&p.expr),
        Expr::Unary(u) => matches!(u.op, syn::UnOp::Deref(_)) && is_place(&u.expr),
        _ => false,
    }
}

/// The arm's guard (`true` without one) as it runs on the pattern matched through a shared
/// borrow of the scrutinee: its by-value bindings are references there, read through, as in
/// rustc's guard.
fn borrowed_guard(arm: &syn::Arm) -> Expr {
    let Some((_, g)) = &arm.guard else {
        return syn::parse_quote!(true);
    };
    let mut g = (**g).clone();
    Deref {
        names: &by_value(&arm.pat),
    }
    .visit_expr_mut(&mut g);
    g
}

/// The names a pattern binds by value (`n`, not `ref n`).
fn by_value(p: &syn::Pat) -> Vec<String> {
    let mut v = Vec::new();
    ByValue(&mut v).visit_pat_mut(&mut p.clone());
    v
}

struct ByValue<'a>(&'a mut Vec<String>);

impl VisitMut for ByValue<'_> {
    fn visit_pat_ident_mut(&mut self, p: &mut syn::PatIdent) {
        let mut names = Vec::new();
        scan::pat_bindings(&syn::Pat::Ident(p.clone()), &mut names);
        if p.by_ref.is_none() && names.iter().any(|(i, _)| *i == p.ident) {
            self.0.push(p.ident.to_string());
        }
        syn::visit_mut::visit_pat_ident_mut(self, p);
    }
}

/// `n` → `(*n)` for the pattern's by-value bindings, in the guard (not where a closure's
/// parameter or a nested pattern binds the name again).
struct Deref<'a> {
    names: &'a [String],
}

impl VisitMut for Deref<'_> {
    fn visit_expr_closure_mut(&mut self, _: &mut syn::ExprClosure) {}
    fn visit_expr_mut(&mut self, e: &mut Expr) {
        if let Expr::Path(p) = e {
            if let Some(i) = p.path.get_ident() {
                if p.qself.is_none() && self.names.iter().any(|n| i == n) {
                    let i = i.clone();
                    *e = syn::parse_quote!((*#i));
                    return;
                }
            }
        }
        syn::visit_mut::visit_expr_mut(self, e);
    }
    fn visit_macro_mut(&mut self, m: &mut syn::Macro) {
        if scan::is_yield_macro(m) {
            if let Ok(mut v) = scan::yield_operand(m) {
                self.visit_expr_mut(&mut v);
                m.tokens = quote!(#v);
            }
        } else if let Some(mut args) = scan::parse_macro_args(m) {
            args.args.iter_mut().for_each(|a| self.visit_expr_mut(a));
            *m = scan::rebuild_macro(m, &args);
        }
    }
}
