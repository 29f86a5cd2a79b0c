//! Stage 1d — locals moved out on some paths only: what was not moved is dropped where Rust
//! drops it, at the end of the local's scope. Runs on the body before the lowering and
//! before the twin (`twin.rs`) is written, so rustc checks the rewritten code.
//!
//! After `if c { consume(x); }`, rustc knows only at run time whether `x` still owes its
//! drop (a drop flag), and it drops it at the end of its scope. A machine cannot carry such a
//! local past a later suspension point (Rust lets nothing name a maybe-moved value), so the
//! branch is made to move it on every path: each path that does not move it moves it, at its
//! end, into a holder declared right after the local (so the holder drops in the local's
//! place in the order), whose type the compiler picks at the declaration: nothing for a
//! `Copy` type (`NoKeep`), an `Option` of the value otherwise (`Kept`, runtime `keep.rs`).
//! After the branch the local is moved on every path, and the holder is an ordinary local,
//! carried to the end of the scope and dropped there.
//!
//! from: `let x = D::new(); if c { consume(x); } tick().await; …`
//! into: `let x = D::new(); let mut kept__stackless_<tag>_0 = (&KeepProbe::of(&x)).__vacant();`
//!       `if c { consume(x); } else { kept__stackless_<tag>_0.keep(x); } tick().await; …`
//!
//! Only where that is certainly what Rust does: the branch (`if`, `if let`, `match`, nested
//! in one another) is the statement of the local's scope that mentions it last, a
//! suspension point follows it in that scope, and on each path through it the local is
//! either moved by a use the macro can see (an argument, `let y = x;`, a method known to
//! take `self`, a yielded or awaited operand), or only borrowed (`&x`, `x.len()`, a
//! comparison, a format argument) or not mentioned. Anything else — a use by a method the
//! macro does not know, a field read, a closure, another macro, a loop, a second binding of
//! the name — leaves the branch as it is (the local is then dropped at the next suspension
//! point on the paths that did not move it, a documented difference).

use proc_macro2::Span;
use quote::{format_ident, quote};
use syn::visit::Visit;
use syn::visit_mut::VisitMut;
use syn::{Expr, Ident, Stmt};

use crate::scan;

/// Rewrites the branches that move a local on some paths only (see the module docs).
pub fn apply(co: &mut crate::parse::Coroutine) {
    let mut n = 0;
    // Parameters: the holder's declaration goes right after the parameter's binding (the
    // lowering's and the twin's), as `partial.rs`'s holders do.
    for (index, p) in co.params.iter().enumerate() {
        let name = match &p.pat {
            _ if p.receiver && p.owned => Ident::new("self", Span::call_site()),
            syn::Pat::Ident(pi) if !p.receiver && pi.by_ref.is_none() && pi.subpat.is_none() => {
                pi.ident.clone()
            }
            _ => continue,
        };
        let holder = holder_name(&co.rest_tag, n);
        if keep_on_every_path(&name, &mut co.body.stmts, &holder) {
            n += 1;
            let decl = declaration(&name, &holder);
            co.param_rests
                .push(crate::partial::ParamRest { index, decl });
        }
    }
    Blocks {
        n: &mut n,
        tag: &co.rest_tag,
    }
    .visit_block_mut(&mut co.body);
}

/// A holder's name: the tag (`partial::expansion_tag`) is a hash of the function, so no
/// code of the user's spells it. (Not `__`-prefixed: `liveness.rs` takes those for values
/// used once; a holder is a local like the user's, kept to the end of its scope.)
fn holder_name(tag: &str, n: usize) -> Ident {
    format_ident!("kept__stackless_{}_{}", tag, n, span = Span::mixed_site())
}

/// `let mut holder = (&KeepProbe::of(&x)).__vacant();`: `NoKeep` or `Kept<T>` by `x`'s type.
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
}

impl VisitMut for Blocks<'_> {
    fn visit_block_mut(&mut self, b: &mut syn::Block) {
        syn::visit_mut::visit_block_mut(self, b);
        let mut i = 0;
        while i < b.stmts.len() {
            if let Some(x) = declared(&b.stmts[i]) {
                let holder = holder_name(self.tag, *self.n);
                if keep_on_every_path(&x, &mut b.stmts[i + 1..], &holder) {
                    *self.n += 1;
                    b.stmts.insert(i + 1, declaration(&x, &holder));
                    i += 1;
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
    l.init.as_ref()?;
    let (name, _) = scan::simple_binding(&l.pat)?;
    Some(name.clone())
}

/// Makes the branch after which `x` is moved on some paths only (in `rest`, the statements
/// of its scope after it) move it on every path, into `holder` where it was not. False, and
/// nothing changed, where that is not certainly what Rust does.
fn keep_on_every_path(x: &Ident, rest: &mut [Stmt], holder: &Ident) -> bool {
    // (Nor one `partial.rs` took whole at a move out of it in part: its holder keeps the rest.)
    if rest.iter().any(|s| binds(s, x) || taken_in_part(s, x)) {
        return false;
    }
    let Some(j) = rest.iter().rposition(|s| mentions(s, x)) else {
        return false;
    };
    if !rest[j + 1..].iter().any(scan::stmt_suspends) {
        // No suspension point after it: rustc's own drop flag does it, in the step.
        return false;
    }
    let mut copy = rest[j].clone();
    let Some(e) = branch_of(&mut copy) else {
        return false;
    };
    // (A branch that moves it on no path needs nothing.)
    let mut moved = false;
    if !branch(e, x, holder, &mut moved) || !moved {
        return false;
    }
    rest[j] = copy;
    true
}

/// The `if`/`match` a statement is.
fn branch_of(s: &mut Stmt) -> Option<&mut Expr> {
    match s {
        Stmt::Expr(e @ (Expr::If(_) | Expr::Match(_)), _) => Some(e),
        _ => None,
    }
}

/// `if`/`match` `e`, after which `x` is not mentioned: each path that does not move `x`
/// moves it into `holder`. False where a use of `x` is not one of those the module docs list.
fn branch(e: &mut Expr, x: &Ident, holder: &Ident, moved: &mut bool) -> bool {
    match e {
        Expr::If(i) => {
            if uses_before(&i.cond, x) > Use::Place {
                return false;
            }
            if !arm(&mut i.then_branch, x, holder, moved) {
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
                    Expr::Block(b) if b.label.is_none() => arm(&mut b.block, x, holder, moved),
                    other @ Expr::If(_) => branch(other, x, holder, moved),
                    _ => false,
                },
            }
        }
        Expr::Match(m) => {
            if uses_before(&m.expr, x) > Use::Place {
                return false;
            }
            for a in &mut m.arms {
                if a.guard.as_ref().is_some_and(|(_, g)| mentions_expr(g, x)) {
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
                if !arm(&mut b.block, x, holder, moved) {
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
fn arm(b: &mut syn::Block, x: &Ident, holder: &Ident, moved: &mut bool) -> bool {
    let Some(k) = b.stmts.iter().rposition(|s| mentions(s, x)) else {
        put_keep(b, x, holder);
        return true;
    };
    // (What comes before the last mention on this path does not move `x`: rustc's E0382
    // otherwise.)
    let tail = k + 1 == b.stmts.len() && matches!(b.stmts[k], Stmt::Expr(_, None));
    match uses(&b.stmts[k..=k], x) {
        Use::Value => {
            *moved = true;
            true
        }
        Use::Place if !tail => {
            put_keep(b, x, holder);
            true
        }
        Use::Nested => branch_of(&mut b.stmts[k]).is_some_and(|e| branch(e, x, holder, moved)),
        _ => false,
    }
}

/// `holder.keep(x);` at the end of `b` (before its value), unless `b` ends by leaving.
fn put_keep(b: &mut syn::Block, x: &Ident, holder: &Ident) {
    if b.stmts.last().is_some_and(leaves) {
        return;
    }
    let keep = keep(x, holder);
    let value = matches!(b.stmts.last(), Some(Stmt::Expr(_, None)));
    if !b.stmts.iter().any(|s| matches!(s, Stmt::Local(_))) {
        let at = if value {
            b.stmts.len() - 1
        } else {
            b.stmts.len()
        };
        b.stmts.insert(at, keep);
        return;
    }
    // Its locals (one may borrow `x`: `let g = x.lock();`) are dropped first: the block's code
    // becomes a block of its own, and its value is bound before `x` is kept.
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

fn keep(x: &Ident, holder: &Ident) -> Stmt {
    syn::parse_quote!(#holder.keep(#x);)
}

/// A statement that certainly leaves its block: `return`, `break`, `continue`, a panic.
fn leaves(s: &Stmt) -> bool {
    let e = match s {
        Stmt::Expr(e, _) => e,
        Stmt::Macro(m) => return panics(&m.mac),
        _ => return false,
    };
    match e {
        Expr::Return(_) | Expr::Break(_) | Expr::Continue(_) => true,
        Expr::Macro(m) => panics(&m.mac),
        _ => false,
    }
}

fn panics(m: &syn::Macro) -> bool {
    m.path.segments.last().is_some_and(|s| {
        matches!(
            s.ident.to_string().as_str(),
            "panic" | "unreachable" | "todo" | "unimplemented"
        )
    })
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
            Ctx::Unknown
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
        match (scan::macro_family(m), scan::parse_macro_args(m)) {
            // Format arguments are borrowed.
            (Some(_), Some(args)) => args.args.iter().for_each(|a| self.expr(a, Ctx::Place)),
            _ => self.found(Use::Unknown),
        }
    }

    fn expr(&mut self, e: &Expr, ctx: Ctx) {
        let x = self.x;
        match e {
            Expr::Path(p) if p.path.is_ident(x) => self.found(match ctx {
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
                } else if self.before {
                    Ctx::Place
                } else {
                    Ctx::Unknown
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
                self.expr(&b.left, Ctx::Unknown);
                self.expr(&b.right, Ctx::Value.within(ctx));
            }
            Expr::Binary(b) => {
                let c = if matches!(
                    b.op,
                    syn::BinOp::Eq(_)
                        | syn::BinOp::Ne(_)
                        | syn::BinOp::Lt(_)
                        | syn::BinOp::Le(_)
                        | syn::BinOp::Gt(_)
                        | syn::BinOp::Ge(_)
                ) {
                    Ctx::Place
                } else {
                    Ctx::Value
                };
                self.expr(&b.left, c.within(ctx));
                self.expr(&b.right, c.within(ctx));
            }
            Expr::Assign(a) => {
                self.expr(&a.left, Ctx::Unknown);
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
                if ctx == Ctx::Nested && scan::mentions(&m.mac.tokens, x) {
                    return self.found(Use::Unknown);
                }
                self.mac(&m.mac)
            }
            Expr::Lit(_) | Expr::Path(_) => {}
            // A branch, a loop, a block, a closure inside the statement: not told apart.
            other => {
                if mentions_expr(other, x) {
                    self.found(Use::Unknown);
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
            Ctx::Value if is_place_expr(base) => Ctx::Unknown,
            Ctx::Value => Ctx::Value,
            other => other,
        }
    }
}

/// A path, a field, an element or a dereference.
fn is_place_expr(e: &Expr) -> bool {
    match e {
        Expr::Path(_) | Expr::Field(_) | Expr::Index(_) => true,
        Expr::Unary(u) => matches!(u.op, syn::UnOp::Deref(_)),
        Expr::Paren(p) => is_place_expr(&p.expr),
        Expr::Group(g) => is_place_expr(&g.expr),
        _ => false,
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

fn mentions(s: &Stmt, x: &Ident) -> bool {
    scan::mentions(&quote!(#s), x)
}

fn mentions_expr(e: &Expr, x: &Ident) -> bool {
    scan::mentions(&quote!(#e), x)
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
