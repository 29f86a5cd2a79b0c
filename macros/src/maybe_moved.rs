//! Stage 1d — locals moved out on some paths only: what was not moved is dropped where Rust
//! drops it, at the end of the local's scope. Runs on the body before the lowering and
//! before the twin (`twin.rs`) is written, so rustc checks the rewritten code.
//!
//! After `if c { consume(x); }`, rustc knows only at run time whether `x` still owes its
//! drop (a drop flag), and it drops it at the end of its scope. A machine cannot carry such a
//! local past a later suspension point (Rust lets nothing name a maybe-moved value), so the
//! branch is made to move it on every path: each path that goes on without moving it moves it
//! into a holder — at its start when it does not mention `x` and nothing borrows `x` yet (so
//! its suspension points carry the holder only), else at its end, after its value and its
//! locals (which may borrow `x`). The holder's type is picked by the compiler at its
//! declaration (`KeepProbe`, runtime `keep.rs`): `NoKeep`, zero bytes, for a `Copy` type, an
//! empty `Kept` (an `Option`) otherwise. It is declared right before the branch when no local
//! is declared between the two, else right after the local: either way it drops in the
//! local's place. After the branch the local is moved on every path, and the holder is an
//! ordinary local, carried to the end of the scope and dropped there.
//!
//! from: `let x = D::new(); if c { consume(x); } tick().await; …`
//! into: `let x = D::new(); let mut kept__stackless_<tag>_0 = (&KeepProbe::of(&x)).__vacant();`
//!       `if c { consume(x); } else { let () = kept__stackless_<tag>_0.keep(x); } tick().await; …`
//!
//! `keep` is a plain move: nothing here is `unsafe`, and rustc (and the twin) check the
//! rewritten code.
//!
//! A branch that moves a part out of `x` on some paths (`partial.rs` took `x` whole there,
//! and gives what is left to a holder of its own, declared after `x`) is made the same way:
//! the paths that do not move it give `x` whole to that holder (`RestOr::Whole`, a `Kept`
//! or `NoKeep` as above), and the path that does wraps what it left (`RestOr::Part`). The
//! holder is then assigned on every path, and carried like any local.
//!
//! from: `let x = P { .. }; let mut rest_0; if c { drop({ …moved_in_part(x)…; rest_0 = { …; v }; … }); }`
//! into: `… rest_0 = { …; RestOr::Part(v) }; … } else { rest_0 = RestOr::Whole(kept(x)); }`
//!
//! Only where that is what Rust does: the branch (`if`, `if let`, `match`, nested in one
//! another, or a `let` of one) is the statement of the local's scope that mentions it last,
//! a suspension point is in it or follows it, and on each path through it that goes on the
//! local is either moved by a use the macro can see (an argument, `let y = x;`, `vec![x]`, a
//! method known to take `self`, a yielded or awaited operand), or only borrowed (`&x`, a
//! method, a comparison, a format argument) or not mentioned. A method the macro does not
//! know is taken to borrow, as everywhere (`liveness.rs`): one that takes `self` is rustc's
//! E0382 at the `keep`, and `Type::method(x)` says it moves. Not for a local that may hold a
//! borrow (`may_borrow`: keeping it would keep the borrow), one whose type only a later use
//! settles (`let x = None;`: the holder's type is picked at its declaration), nor `self`.
//! Anything else — a field read by value, a closure, another macro, a move inside a loop, a
//! second binding of the name, a scrutinee that is the local itself (its pattern may move a
//! part out) — leaves the branch as it is (the local is then dropped at the next suspension
//! point on the paths that did not move it, a documented difference).

use proc_macro2::Span;
use quote::{format_ident, quote};
use syn::visit::Visit;
use syn::visit_mut::VisitMut;
use syn::{Expr, Ident, Stmt};

use std::collections::HashSet;

use crate::scan;

/// Rewrites the branches that move a local on some paths only (see the module docs).
pub fn apply(co: &mut crate::parse::Coroutine) {
    let mut n = 0;
    let refs = may_borrow(co);
    // Parameters: the holder's declaration goes right after the parameter's binding (the
    // lowering's and the twin's), as `partial.rs`'s holders do.
    for (index, p) in co.params.iter().enumerate() {
        // (Not `self`: the lowering renames it, and this declaration is not lowered.)
        let name = match &p.pat {
            syn::Pat::Ident(pi)
                if !p.receiver
                    && (p.owned || p.opaque)
                    && pi.by_ref.is_none()
                    && pi.subpat.is_none() =>
            {
                pi.ident.clone()
            }
            _ => continue,
        };
        let holder = holder_name(&co.rest_tag, n);
        let names: Vec<Names> = co.body.stmts.iter().map(names_of).collect();
        let kept = keep_on_every_path(&name, &mut co.body.stmts, &names, &holder, &co.rest_tag);
        match kept {
            Some((_, None)) => {
                n += 1;
                let decl = declaration(&name, &holder);
                co.param_rests
                    .push(crate::partial::ParamRest { index, decl });
            }
            Some((j, Some(h))) => co.body.stmts.insert(j, holder_type(&h)),
            None => {}
        }
    }
    Blocks {
        n: &mut n,
        tag: &co.rest_tag,
        refs: &refs,
    }
    .visit_block_mut(&mut co.body);
}

/// The locals that may hold a borrow (a parameter of a reference type, a `let` whose value
/// takes a reference, calls a view method or is made of such a local): one kept in a holder
/// would keep its borrow to the end of the scope, where rustc ends it at its last use.
fn may_borrow(co: &crate::parse::Coroutine) -> HashSet<String> {
    struct Lets<'a>(Vec<&'a syn::Local>);
    impl<'a> Visit<'a> for Lets<'a> {
        fn visit_local(&mut self, l: &'a syn::Local) {
            self.0.push(l);
            syn::visit::visit_local(self, l);
        }
        fn visit_expr_closure(&mut self, _: &'a syn::ExprClosure) {}
        fn visit_expr_async(&mut self, _: &'a syn::ExprAsync) {}
        fn visit_item(&mut self, _: &'a syn::Item) {}
    }
    let mut lets = Lets(Vec::new());
    lets.visit_block(&co.body);
    let mut refs: HashSet<String> = co
        .params
        .iter()
        .filter(|p| !p.owned)
        .filter_map(|p| match &p.pat {
            syn::Pat::Ident(pi) => Some(pi.ident.to_string()),
            _ => None,
        })
        .collect();
    loop {
        let before = refs.len();
        for l in &lets.0 {
            let typed_ref =
                matches!(&l.pat, syn::Pat::Type(pt) if !crate::partial::owned_type(&pt.ty));
            let borrowing = l.init.as_ref().is_some_and(|i| {
                takes_reference(&i.expr) || {
                    let e = &i.expr;
                    let ts = quote!(#e);
                    refs.iter()
                        .any(|r| scan::mentions(&ts, &Ident::new(r, Span::call_site())))
                }
            });
            if typed_ref || borrowing {
                let mut names = Vec::new();
                scan::pat_bindings(&l.pat, &mut names);
                refs.extend(names.into_iter().map(|(i, _)| i.to_string()));
            }
        }
        if refs.len() == before {
            return refs;
        }
    }
}

/// `e` takes a reference (`&x`, `&mut x`) or calls a method that returns a view of its
/// receiver (`iter`, `as_str`, `get`, …).
fn takes_reference(e: &Expr) -> bool {
    struct Takes(bool);
    impl<'a> Visit<'a> for Takes {
        fn visit_expr_reference(&mut self, _: &'a syn::ExprReference) {
            self.0 = true;
        }
        fn visit_expr_method_call(&mut self, m: &'a syn::ExprMethodCall) {
            let method = m.method.to_string();
            self.0 |=
                scan::view_method(&method) || crate::resident::borrows_receiver(&method).is_some();
            syn::visit::visit_expr_method_call(self, m);
        }
        fn visit_expr_closure(&mut self, _: &'a syn::ExprClosure) {}
        fn visit_expr_async(&mut self, _: &'a syn::ExprAsync) {}
    }
    let mut t = Takes(false);
    t.visit_expr(e);
    t.0
}

/// The prefix of a holder's name.
const HOLDER: &str = "kept__stackless_";

/// `let mut kept__stackless_…`: a holder's declaration.
pub fn is_holder(p: &syn::Pat) -> bool {
    scan::simple_binding(p).is_some_and(|(i, _)| i.to_string().starts_with(HOLDER))
}

/// A holder's name: the tag (`partial::expansion_tag`) is a hash of the function, so no
/// code of the user's spells it. (Not `__`-prefixed: `liveness.rs` takes those for values
/// used once; a holder is a local like the user's, kept to the end of its scope.)
fn holder_name(tag: &str, n: usize) -> Ident {
    format_ident!("{}{}_{}", HOLDER, tag, n, span = Span::mixed_site())
}

/// `let mut holder = (&KeepProbe::of(&x)).__vacant();`: `NoKeep` (zero bytes) when `x`'s
/// type is `Copy`, an empty `Kept` otherwise. `liveness.rs` knows it holds no borrow of `x`
/// (`is_holder`).
fn declaration(x: &Ident, holder: &Ident) -> Stmt {
    syn::parse_quote! {
        let mut #holder = {
            use ::stackless::__private::{KeepAny as _, KeepCopy as _};
            (&::stackless::__private::KeepProbe::of(&#x)).__vacant()
        };
    }
}

/// Every block's own `let x = …;`.
struct Blocks<'n> {
    n: &'n mut usize,
    tag: &'n str,
    /// `may_borrow`.
    refs: &'n HashSet<String>,
}

impl VisitMut for Blocks<'_> {
    fn visit_block_mut(&mut self, b: &mut syn::Block) {
        syn::visit_mut::visit_block_mut(self, b);
        // (What each statement mentions, found once: looked up for every `let` before it.)
        let mut names: Vec<Names> = b.stmts.iter().map(names_of).collect();
        let mut i = 0;
        while i < b.stmts.len() {
            if let Some(x) = declared(&b.stmts[i]).filter(|x| !self.refs.contains(&x.to_string())) {
                let holder = holder_name(self.tag, *self.n);
                let kept = keep_on_every_path(
                    &x,
                    &mut b.stmts[i + 1..],
                    &names[i + 1..],
                    &holder,
                    self.tag,
                );
                if let Some((j, partial)) = kept {
                    names[i + 1 + j] = names_of(&b.stmts[i + 1 + j]);
                    // (A part taken: `partial.rs`'s holder, declared in `x`'s place, keeps
                    // the whole where no part is; its type is named right before the branch.)
                    if let Some(h) = partial {
                        let decl = holder_type(&h);
                        names.insert(i + 1 + j, names_of(&decl));
                        b.stmts.insert(i + 1 + j, decl);
                        i += 1;
                        continue;
                    }
                    *self.n += 1;
                    // Right before the branch when no local is declared in between (it drops
                    // in `x`'s place all the same, and the points before the branch do not
                    // carry it), else right after `x`.
                    let between = &b.stmts[i + 1..i + 1 + j];
                    let at = if between.iter().any(|s| matches!(s, Stmt::Local(_))) {
                        i + 1
                    } else {
                        i + 1 + j
                    };
                    let decl = declaration(&x, &holder);
                    names.insert(at, names_of(&decl));
                    b.stmts.insert(at, decl);
                    if at == i + 1 {
                        i += 1;
                    }
                }
            }
            i += 1;
        }
    }
    // (Their locals are their own, not the machine's.)
    fn visit_expr_closure_mut(&mut self, _: &mut syn::ExprClosure) {}
    fn visit_expr_async_mut(&mut self, _: &mut syn::ExprAsync) {}
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
    fn visit_macro_mut(&mut self, _: &mut syn::Macro) {}
}

/// `let x = …;` or `let mut x: T = …;`: the name.
fn declared(s: &Stmt) -> Option<Ident> {
    let Stmt::Local(l) = s else { return None };
    let init = l.init.as_ref()?;
    // (Its type must be known where the holder is declared, which picks `NoKeep` or `Kept`
    // by it: not one that only a later use settles, `let x = None;`, `Default::default()`,
    // `.collect()`, `.into()`, `.parse()`, unless written in the `let`.)
    if !matches!(l.pat, syn::Pat::Type(_)) && settled_later(&init.expr) {
        return None;
    }
    if is_holder(&l.pat) {
        return None;
    }
    let (name, _) = scan::simple_binding(&l.pat)?;
    Some(name.clone())
}

/// Makes the branch after which `x` is moved on some paths only (in `rest`, the statements
/// of its scope after it) move it on every path, into `holder` where it was not: the index
/// of the branch in `rest`. None, and nothing changed, where that is not certainly what Rust
/// does. Where the branch moves a part out of `x` (`partial.rs` took it whole there, and
/// keeps what is left in a holder of its own), the paths that do not move it keep it whole
/// in that holder (`RestOr`): that holder with the index.
/// `names`: what each statement of `rest` mentions (`names_of`). `tag`: the expansion's, in
/// the holders' names.
fn keep_on_every_path(
    x: &Ident,
    rest: &mut [Stmt],
    names: &[Names],
    holder: &Ident,
    tag: &str,
) -> Option<(usize, Option<Ident>)> {
    let name = x.to_string();
    let j = names.iter().rposition(|n| n.contains(&name))?;
    // (Only a branch can move it on some paths: the cheap tests first.)
    branch_of(&mut rest[j].clone())?;
    if rest.iter().any(|s| binds(s, x)) {
        return None;
    }
    // (One `partial.rs` took whole at a move out of it in part: only in this branch.)
    let partial = match rest.iter().position(|s| taken_in_part(s, x)) {
        None => None,
        Some(t) if t == j => Some(rest_holder(&rest[j], x, tag)?),
        Some(_) => return None,
    };
    let ty = partial
        .as_ref()
        .map(|h| format_ident!("{}_ty", h, span = Span::mixed_site()));
    let into = Into {
        name: partial.as_ref().unwrap_or(holder),
        ty: ty.as_ref(),
    };
    if !rest[j..].iter().any(scan::stmt_suspends) {
        // No suspension point in it or after it: rustc's own drop flag does it, in the step.
        return None;
    }
    let mut copy = rest[j].clone();
    let e = branch_of(&mut copy)?;
    // (A branch that moves it on no path needs nothing.)
    let mut moved = false;
    let clean = !names[..j].iter().any(|n| n.contains(&name));
    if !branch(e, x, &into, clean, &mut moved) || !moved {
        return None;
    }
    // (Nor one that no path keeps: it is moved on every path that goes on. The holder's type
    // is `x`'s, from `keep(x)`.)
    let marker = match &partial {
        None => holder.clone(),
        Some(_) => Ident::new("RestOr", Span::call_site()),
    };
    if !scan::mentions(&quote!(#copy), &marker) {
        return None;
    }
    if let (Some(h), Some(ty)) = (&partial, &ty) {
        wrap_part(&mut copy, h, ty);
    }
    rest[j] = copy;
    Some((j, partial))
}

/// Whether `name` is a local `holder_type` declares: borrowed (`&ty`), it lends nothing.
pub fn names_a_type(name: &str) -> bool {
    name.starts_with("rest__stackless_") && name.ends_with("_ty")
}

/// `let rest__stackless_<tag>_<n>_ty = PhantomData;` before a branch whose paths give
/// `partial.rs`'s holder a `RestOr` (`typed_like`).
fn holder_type(holder: &Ident) -> Stmt {
    let ty = format_ident!("{}_ty", holder, span = Span::mixed_site());
    syn::parse_quote! {
        let #ty = ::stackless::__private::core::marker::PhantomData;
    }
}

/// Where a path that does not move `x` keeps it: `holder`, this module's (`Kept`), or, with
/// `ty` (the local that names its type, `typed_like`), `partial.rs`'s holder of what is left
/// of it, given the whole local there (`RestOr::Whole`).
struct Into<'a> {
    name: &'a Ident,
    ty: Option<&'a Ident>,
}

/// The holder `partial.rs` gives what is left of `x` in statement `s`:
/// `rest__stackless_<tag>_<n> = …;` in the block that takes `x` whole (`moved_in_part(x)`).
fn rest_holder(s: &Stmt, x: &Ident, tag: &str) -> Option<Ident> {
    struct Find<'x> {
        x: &'x Ident,
        prefix: String,
        found: Vec<Ident>,
    }
    impl<'a> Visit<'a> for Find<'_> {
        fn visit_block(&mut self, b: &'a syn::Block) {
            if b.stmts.iter().any(|s| taken_in_part(s, self.x)) {
                for s in &b.stmts {
                    if let Stmt::Expr(Expr::Assign(a), _) = s {
                        if let Expr::Path(p) = &*a.left {
                            let h = p
                                .path
                                .get_ident()
                                .filter(|i| i.to_string().starts_with(&self.prefix));
                            self.found.extend(h.cloned());
                        }
                    }
                }
            }
            syn::visit::visit_block(self, b);
        }
    }
    let mut f = Find {
        x,
        prefix: format!("rest__stackless_{tag}_"),
        found: Vec::new(),
    };
    f.visit_stmt(s);
    match &f.found[..] {
        [h] => Some(h.clone()),
        _ => None,
    }
}

/// `holder = { …; typed_like(&ty, RestOr::Part(value)) };` for `partial.rs`'s
/// `holder = { …; value };` in `s` (its value's last expression wrapped, so that
/// `unify_copies` still finds the block).
fn wrap_part(s: &mut Stmt, holder: &Ident, ty: &Ident) {
    struct Wrap<'h>(&'h Ident, &'h Ident);
    impl VisitMut for Wrap<'_> {
        fn visit_expr_assign_mut(&mut self, a: &mut syn::ExprAssign) {
            if matches!(&*a.left, Expr::Path(p) if p.path.is_ident(self.0)) {
                if let Expr::Block(b) = &mut *a.right {
                    if let Some(Stmt::Expr(tail, None)) = b.block.stmts.last_mut() {
                        let ty = self.1;
                        *tail = syn::parse_quote! {
                            ::stackless::__private::typed_like(
                                &#ty,
                                ::stackless::__private::RestOr::Part(#tail),
                            )
                        };
                    }
                }
                return;
            }
            syn::visit_mut::visit_expr_assign_mut(self, a);
        }
    }
    Wrap(holder, ty).visit_stmt_mut(s);
}

/// The `if`/`match` a statement is, or that a `let` binds the value of.
fn branch_of(s: &mut Stmt) -> Option<&mut Expr> {
    match s {
        Stmt::Expr(e @ (Expr::If(_) | Expr::Match(_)), _) => Some(e),
        Stmt::Local(syn::Local {
            init:
                Some(syn::LocalInit {
                    expr,
                    diverge: None,
                    ..
                }),
            ..
        }) if matches!(**expr, Expr::If(_) | Expr::Match(_)) => Some(&mut **expr),
        _ => None,
    }
}

/// `if`/`match` `e`, after which `x` is not mentioned: each path that does not move `x`
/// moves it into `holder`. False where a use of `x` is not one of those the module docs list.
/// `clean`: nothing on the way here mentions `x`, so nothing borrows it yet.
fn branch(e: &mut Expr, x: &Ident, holder: &Into, clean: bool, moved: &mut bool) -> bool {
    match e {
        Expr::If(i) => {
            if uses_before(&i.cond, x) > Use::Place {
                return false;
            }
            let clean = clean && !mentions_expr(&i.cond, x);
            if !arm(&mut i.then_branch, x, holder, clean, moved) {
                return false;
            }
            match &mut i.else_branch {
                None => {
                    let keep = keep(x, holder);
                    i.else_branch =
                        Some((Default::default(), Box::new(syn::parse_quote!({ #keep }))));
                    true
                }
                Some((_, els)) => match &mut **els {
                    Expr::Block(b) if b.label.is_none() => {
                        arm(&mut b.block, x, holder, clean, moved)
                    }
                    other @ Expr::If(_) => branch(other, x, holder, clean, moved),
                    _ => false,
                },
            }
        }
        Expr::Match(m) => {
            if uses_before(&m.expr, x) > Use::Place {
                return false;
            }
            let clean = clean && !mentions_expr(&m.expr, x);
            for a in &mut m.arms {
                let clean = clean && !a.guard.as_ref().is_some_and(|(_, g)| mentions_expr(g, x));
                // (A guard cannot move it: rustc's E0507 "in pattern guard".)
                if a.guard
                    .as_ref()
                    .is_some_and(|(_, g)| uses_before(g, x) > Use::Place)
                {
                    return false;
                }
                if !matches!(&*a.body, Expr::Block(b) if b.label.is_none() && b.attrs.is_empty()) {
                    let body = &a.body;
                    *a.body = syn::parse_quote!({ #body });
                    a.comma = Some(Default::default());
                }
                let Expr::Block(b) = &mut *a.body else {
                    return false;
                };
                if !arm(&mut b.block, x, holder, clean, moved) {
                    return false;
                }
            }
            true
        }
        _ => false,
    }
}

/// One path of a branch: a block that moves `x` at its last mention of it, or (nested) in a
/// branch there, or only borrows it (then `x` is kept into `holder` at its end).
fn arm(b: &mut syn::Block, x: &Ident, holder: &Into, clean: bool, moved: &mut bool) -> bool {
    // (A path that leaves the scope drops what it holds as it leaves: its move does not make
    // `x` maybe moved after the branch.)
    let goes_on = !b.stmts.last().is_some_and(crate::emit::plain_diverges);
    let Some(k) = b.stmts.iter().rposition(|s| mentions(s, x)) else {
        // A path that does not mention it, where nothing can borrow it yet, keeps it first:
        // at its suspension points, `x`'s value is in the holder only, as rustc keeps it in
        // its place only. (Dropped with the holder, in `x`'s place: after the path's own
        // locals, as `x` would be.) Else at its end, after whatever may borrow it.
        if !clean {
            put_keep(b, x, holder);
        } else if !b.stmts.last().is_some_and(crate::emit::plain_diverges) {
            b.stmts.insert(0, keep(x, holder));
        }
        return true;
    };
    // (What comes before the last mention on this path does not move `x`: rustc's E0382
    // otherwise.)
    let tail = k + 1 == b.stmts.len() && matches!(b.stmts[k], Stmt::Expr(_, None));
    match uses(&b.stmts[k..=k], x) {
        Use::Value => {
            *moved |= goes_on;
            true
        }
        Use::Place if !tail => {
            put_keep(b, x, holder);
            true
        }
        Use::Nested => {
            // A branch in the arm that moves it on some path is made to move it on every
            // path; one that only borrows it is a borrow like any other.
            let mut copy = b.stmts[k].clone();
            let mut inner = false;
            let Some(e) = branch_of(&mut copy) else {
                return false;
            };
            let clean = clean && !b.stmts[..k].iter().any(|s| mentions(s, x));
            if !branch(e, x, holder, clean, &mut inner) {
                return false;
            }
            if inner {
                b.stmts[k] = copy;
                *moved |= goes_on;
                true
            } else if !tail {
                put_keep(b, x, holder);
                true
            } else {
                false
            }
        }
        _ => false,
    }
}

/// `holder.keep(x);` at the end of `b`, after its value and its locals (either may borrow
/// `x`: `match &x { Some(v) => show(v), .. }`, `let g = x.lock();`), unless `b` ends by
/// leaving.
fn put_keep(b: &mut syn::Block, x: &Ident, holder: &Into) {
    if b.stmts.last().is_some_and(crate::emit::plain_diverges) {
        return;
    }
    let keep = keep(x, holder);
    let value = matches!(b.stmts.last(), Some(Stmt::Expr(_, None)));
    if !value && !b.stmts.iter().any(|s| matches!(s, Stmt::Local(_))) {
        b.stmts.push(keep);
        return;
    }
    // The block's code becomes a block of its own, its value bound before `x` is kept.
    let inner = syn::Block {
        brace_token: Default::default(),
        stmts: std::mem::take(&mut b.stmts),
    };
    b.stmts = if value {
        let v = Ident::new("__kept_value", Span::mixed_site());
        vec![
            syn::parse_quote!(let #v = #inner;),
            keep,
            Stmt::Expr(syn::parse_quote!(#v), None),
        ]
    } else {
        vec![syn::parse_quote!(#inner;), keep]
    };
}

/// `let () = holder.keep(x);` (after a call that never returns, which the macro cannot tell,
/// it is unreachable: allowed, on a `let`, where an attribute may be); or `partial.rs`'s
/// holder given the whole local (`Into::whole`).
fn keep(x: &Ident, holder: &Into) -> Stmt {
    let h = holder.name;
    if let Some(ty) = holder.ty {
        return syn::parse_quote! {
            #[allow(unreachable_code)]
            let () = {
                #h = ::stackless::__private::typed_like(
                    &#ty,
                    ::stackless::__private::RestOr::Whole({
                        use ::stackless::__private::{KeepAny as _, KeepCopy as _};
                        let mut __whole =
                            (&::stackless::__private::KeepProbe::of(&#x)).__vacant();
                        let () = __whole.keep(#x);
                        __whole
                    }),
                );
            };
        };
    }
    syn::parse_quote! {
        #[allow(unreachable_code)]
        let () = #h.keep(#x);
    }
}

/// How statements use `x`, the strongest first.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Use {
    None,
    /// Only borrowed.
    Place,
    /// Moved (or copied) where the statement surely runs.
    Value,
    /// Inside a branch of the statement, which is one (see `branch`).
    Nested,
    /// A use the macro cannot tell.
    Unknown,
}

/// Where an operand is evaluated.
#[derive(Clone, Copy, PartialEq)]
enum Ctx {
    Value,
    Place,
    /// Its use (a method the macro does not know, a field read by value) cannot be told.
    Unknown,
    /// Inside a branch or a loop of the statement.
    Nested,
    /// Assigned, or matched by a pattern that may move a part out: never told apart.
    Written,
}

fn uses(stmts: &[Stmt], x: &Ident) -> Use {
    uses_in(stmts, x, false)
}

/// The use of `x` by a condition or a scrutinee, which a path through the branch that moves
/// it runs before mentioning it again: a method there does not take it by value (or the
/// program is rustc's E0382 anyway), so it borrows it.
fn uses_before(e: &Expr, x: &Ident) -> Use {
    uses_in(&[Stmt::Expr(e.clone(), None)], x, true)
}

fn uses_in(stmts: &[Stmt], x: &Ident, before: bool) -> Use {
    let mut u = Uses {
        x,
        before,
        found: Use::None,
    };
    for s in stmts {
        u.stmt(s);
    }
    u.found
}

struct Uses<'x> {
    x: &'x Ident,
    /// See `uses_before`.
    before: bool,
    found: Use,
}

impl Uses<'_> {
    fn found(&mut self, u: Use) {
        self.found = self.found.max(u);
    }

    fn stmt(&mut self, s: &Stmt) {
        match s {
            Stmt::Local(syn::Local {
                init:
                    Some(syn::LocalInit {
                        expr,
                        diverge: None,
                        ..
                    }),
                ..
            }) if matches!(**expr, Expr::If(_) | Expr::Match(_)) => {
                self.stmt(&Stmt::Expr((**expr).clone(), None))
            }
            Stmt::Local(l) => {
                let Some(init) = &l.init else { return };
                if let Some((_, e)) = &init.diverge {
                    self.expr(e, Ctx::Unknown);
                }
                let ctx = match &l.pat {
                    syn::Pat::Wild(_) => Ctx::Place,
                    p if scan::simple_binding(p).is_some() => Ctx::Value,
                    _ if is_x(&init.expr, self.x) => Ctx::Unknown,
                    _ => Ctx::Value,
                };
                self.expr(&init.expr, ctx);
            }
            Stmt::Expr(e, _) => match e {
                // The branch that is the statement: its arms are `branch`'s.
                Expr::If(i) => {
                    self.expr(&i.cond, Ctx::Value);
                    self.nested(&quote!(#i));
                }
                Expr::Match(m) => {
                    self.scrutinee(&m.expr);
                    self.nested(&quote!(#m));
                }
                e => self.expr(e, Ctx::Value),
            },
            Stmt::Macro(m) => self.mac(&m.mac),
            Stmt::Item(_) => {}
        }
    }

    /// Mentions anywhere in `ts` (beyond what was seen) are nested.
    fn nested(&mut self, ts: &proc_macro2::TokenStream) {
        if scan::mentions(ts, self.x) && self.found < Use::Nested {
            self.found(Use::Nested);
        }
    }

    fn scrutinee(&mut self, e: &Expr) {
        let ctx = if is_x(e, self.x) {
            Ctx::Written
        } else {
            Ctx::Place
        };
        self.expr(e, ctx);
    }

    fn mac(&mut self, m: &syn::Macro) {
        if !scan::mentions(&m.tokens, self.x) {
            return;
        }
        if scan::is_yield_macro(m) {
            if let Ok(op) = scan::yield_operand(m) {
                return self.expr(&op, Ctx::Value);
            }
        }
        let takes = m
            .path
            .segments
            .last()
            .is_some_and(|s| s.ident == "vec" || s.ident == "dbg");
        match (scan::macro_family(m), scan::parse_macro_args(m)) {
            // `vec![x]`, `dbg!(x)` take their arguments.
            (Some(_), Some(args)) if takes => {
                args.args.iter().for_each(|a| self.expr(a, Ctx::Value))
            }
            // Format arguments are borrowed.
            (Some(_), Some(args)) => args.args.iter().for_each(|a| self.expr(a, Ctx::Place)),
            _ if self.before => self.found(Use::Place),
            _ => self.found(Use::Unknown),
        }
    }

    fn expr(&mut self, e: &Expr, ctx: Ctx) {
        let x = self.x;
        match e {
            Expr::Path(p) if p.path.is_ident(x) => self.found(match ctx {
                Ctx::Written => Use::Unknown,
                // (Before a later mention on the same path, no use moves it: see `uses_before`.)
                _ if self.before => Use::Place,
                Ctx::Value => Use::Value,
                Ctx::Place => Use::Place,
                Ctx::Nested | Ctx::Unknown => Use::Unknown,
            }),
            Expr::Paren(p) => self.expr(&p.expr, ctx),
            Expr::Group(g) => self.expr(&g.expr, ctx),
            Expr::Reference(r) => self.expr(&r.expr, Ctx::Place.within(ctx)),
            Expr::Field(f) => self.expr(&f.base, ctx.place_of(&f.base)),
            Expr::Index(i) => {
                self.expr(&i.expr, ctx.place_of(&i.expr));
                self.expr(&i.index, Ctx::Value.within(ctx));
            }
            Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => {
                self.expr(&u.expr, ctx.place_of(&u.expr))
            }
            Expr::MethodCall(m) => {
                let method = m.method.to_string();
                let receiver = if scan::view_method(&method)
                    || crate::resident::borrows_receiver(&method).is_some()
                {
                    Ctx::Place
                } else if crate::resident::consumes_receiver(&method) {
                    Ctx::Value
                } else {
                    // A method the macro does not know is taken to borrow, as everywhere
                    // (`liveness.rs`): one that takes `self` is rustc's E0382 at the
                    // `keep`; `Type::method(x)` says it moves `x`.
                    Ctx::Place
                };
                self.expr(&m.receiver, receiver.within(ctx));
                m.args
                    .iter()
                    .for_each(|a| self.expr(a, Ctx::Value.within(ctx)));
            }
            Expr::Call(c) => {
                // (`x(..)` calls what `x` holds: by reference or by value.)
                self.expr(&c.func, Ctx::Unknown);
                c.args
                    .iter()
                    .for_each(|a| self.expr(a, Ctx::Value.within(ctx)));
            }
            Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_) | syn::BinOp::Or(_)) => {
                self.expr(&b.left, Ctx::Value.within(ctx));
                self.expr(&b.right, Ctx::Nested);
            }
            Expr::Binary(b) if scan::is_compound_assign(&b.op) => {
                self.expr(&b.left, Ctx::Written);
                self.expr(&b.right, Ctx::Value.within(ctx));
            }
            Expr::Binary(b) => {
                let c = if crate::scan::is_comparison(&b.op) {
                    Ctx::Place
                } else {
                    Ctx::Value
                };
                self.expr(&b.left, c.within(ctx));
                self.expr(&b.right, c.within(ctx));
            }
            Expr::Assign(a) => {
                self.expr(&a.left, Ctx::Written);
                self.expr(&a.right, Ctx::Value.within(ctx));
            }
            Expr::Unary(u) => self.expr(&u.expr, Ctx::Value.within(ctx)),
            Expr::Cast(c) => self.expr(&c.expr, Ctx::Value.within(ctx)),
            Expr::Try(t) => self.expr(&t.expr, Ctx::Value.within(ctx)),
            Expr::Await(a) => self.expr(&a.base, Ctx::Value.within(ctx)),
            Expr::Tuple(t) => t
                .elems
                .iter()
                .for_each(|e| self.expr(e, Ctx::Value.within(ctx))),
            Expr::Array(a) => a
                .elems
                .iter()
                .for_each(|e| self.expr(e, Ctx::Value.within(ctx))),
            Expr::Range(r) => r
                .start
                .iter()
                .chain(r.end.iter())
                .for_each(|e| self.expr(e, Ctx::Value.within(ctx))),
            Expr::Struct(s) => {
                s.fields
                    .iter()
                    .for_each(|f| self.expr(&f.expr, Ctx::Value.within(ctx)));
                if let Some(rest) = &s.rest {
                    self.expr(rest, Ctx::Unknown);
                }
            }
            Expr::Return(r) => r
                .expr
                .iter()
                .for_each(|e| self.expr(e, Ctx::Value.within(ctx))),
            Expr::Break(b) => b
                .expr
                .iter()
                .for_each(|e| self.expr(e, Ctx::Value.within(ctx))),
            Expr::Let(l) => self.scrutinee(&l.expr),
            Expr::Macro(m) => {
                if ctx == Ctx::Nested && !self.before && scan::mentions(&m.mac.tokens, x) {
                    return self.found(Use::Unknown);
                }
                self.mac(&m.mac)
            }
            // `partial.rs`'s block that takes `x` whole for a move out of it in part
            // (`drop(x.b)` → `drop({ let mut __part = moved_in_part(x); … })`): a move.
            Expr::Block(b)
                if b.block.stmts.iter().any(|s| taken_in_part(s, x))
                    && count(&quote!(#b), x) == 1 =>
            {
                self.found(match ctx {
                    _ if self.before => Use::Place,
                    Ctx::Nested | Ctx::Unknown | Ctx::Written => Use::Unknown,
                    Ctx::Value | Ctx::Place => Use::Value,
                })
            }
            Expr::Lit(_) | Expr::Path(_) => {}
            // A branch, a loop, a block, a closure inside the statement: not told apart.
            other => {
                if mentions_expr(other, x) {
                    self.found(if self.before {
                        Use::Place
                    } else {
                        Use::Unknown
                    });
                }
            }
        }
    }
}

impl Ctx {
    /// An operand's context inside an operand evaluated in `outer`: inside a branch, every
    /// use is one. (Inside a value used in an unknown way, `f(&x).custom()`, `x` is used as
    /// the operand says: only the value is used up.)
    fn within(self, outer: Ctx) -> Ctx {
        match outer {
            Ctx::Nested => outer,
            _ => self,
        }
    }

    /// The `base` of a place (`x.f`, `x[i]`, `*x`) used in `self`: borrowed where the place
    /// is, unknown where it is read by value (a copy or a move out in part) — unless the base
    /// is a value itself (`x.take().0`), which is then used up.
    fn place_of(self, base: &Expr) -> Ctx {
        match self {
            Ctx::Place => Ctx::Place,
            Ctx::Value if crate::temporaries::is_place(base) => Ctx::Unknown,
            Ctx::Value => Ctx::Value,
            other => other,
        }
    }
}

fn is_x(e: &Expr, x: &Ident) -> bool {
    match e {
        Expr::Path(p) => p.path.is_ident(x),
        Expr::Paren(p) => is_x(&p.expr, x),
        Expr::Group(g) => is_x(&g.expr, x),
        _ => false,
    }
}

/// `x` named in `s`, or captured by a format string in it (`"{x}"`).
/// The names a statement mentions, as `mentions` finds them: its identifiers, and the
/// names a string literal in it captures as a format string does (`{x}`, `{x:?}`).
type Names = HashSet<String>;

fn names_of(s: &Stmt) -> Names {
    fn walk(ts: proc_macro2::TokenStream, out: &mut Names) {
        for t in ts {
            match t {
                proc_macro2::TokenTree::Ident(i) => {
                    out.insert(i.to_string());
                }
                proc_macro2::TokenTree::Group(g) => walk(g.stream(), out),
                proc_macro2::TokenTree::Literal(l) => {
                    // `{name}` or `{name:` (as `scan::captures` looks for them).
                    let s = l.to_string();
                    let b = s.as_bytes();
                    for (k, _) in s.match_indices('{') {
                        let start = k + 1;
                        let mut end = start;
                        while end < b.len() && (b[end].is_ascii_alphanumeric() || b[end] == b'_') {
                            end += 1;
                        }
                        if end > start && matches!(b.get(end), Some(b'}' | b':')) {
                            out.insert(s[start..end].to_string());
                        }
                    }
                }
                proc_macro2::TokenTree::Punct(_) => {}
            }
        }
    }
    let mut out = Names::new();
    walk(quote!(#s), &mut out);
    out
}

fn mentions(s: &Stmt, x: &Ident) -> bool {
    let ts = quote!(#s);
    scan::mentions(&ts, x) || captured(ts, x)
}

fn mentions_expr(e: &Expr, x: &Ident) -> bool {
    let ts = quote!(#e);
    scan::mentions(&ts, x) || captured(ts, x)
}

fn captured(ts: proc_macro2::TokenStream, x: &Ident) -> bool {
    let m = syn::Macro {
        path: syn::parse_quote!(m),
        bang_token: Default::default(),
        delimiter: syn::MacroDelimiter::Paren(Default::default()),
        tokens: ts,
    };
    scan::captures(&m, x)
}

/// A value whose type the code after may settle (see `declared`).
pub fn settled_later(e: &Expr) -> bool {
    match e {
        Expr::Path(p) => p.path.is_ident("None"),
        Expr::Call(c) => matches!(&*c.func, Expr::Path(p)
            if p.path.segments.last().is_some_and(|s| s.ident == "default")),
        Expr::MethodCall(m) => matches!(
            m.method.to_string().as_str(),
            "collect" | "into" | "try_into" | "parse" | "unwrap_or_default" | "sum" | "product"
        ),
        Expr::Try(t) => settled_later(&t.expr),
        Expr::Paren(p) => settled_later(&p.expr),
        _ => false,
    }
}

/// How many times `ts` names `x`.
fn count(ts: &proc_macro2::TokenStream, x: &Ident) -> usize {
    ts.clone()
        .into_iter()
        .map(|t| match t {
            proc_macro2::TokenTree::Ident(i) => usize::from(i == *x),
            proc_macro2::TokenTree::Group(g) => count(&g.stream(), x),
            _ => 0,
        })
        .sum()
}

/// `s` has `partial.rs`'s `moved_in_part(x)`.
fn taken_in_part(s: &Stmt, x: &Ident) -> bool {
    struct Taken<'x>(&'x Ident, bool);
    impl<'a> Visit<'a> for Taken<'_> {
        fn visit_expr_call(&mut self, c: &'a syn::ExprCall) {
            let part = matches!(&*c.func, Expr::Path(p)
                if p.path.segments.last().is_some_and(|s| s.ident == "moved_in_part"));
            self.1 |= part && c.args.iter().any(|a| is_x(a, self.0));
            syn::visit::visit_expr_call(self, c);
        }
    }
    let mut v = Taken(x, false);
    v.visit_stmt(s);
    v.1
}

/// A pattern in `s` binds the name `x` (a second local, or a closure's parameter).
fn binds(s: &Stmt, x: &Ident) -> bool {
    struct Binds<'x>(&'x Ident, bool);
    impl<'a> Visit<'a> for Binds<'_> {
        fn visit_pat_ident(&mut self, p: &'a syn::PatIdent) {
            self.1 |= p.ident == *self.0;
            syn::visit::visit_pat_ident(self, p);
        }
    }
    let mut v = Binds(x, false);
    v.visit_stmt(s);
    v.1
}
