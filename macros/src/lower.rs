//! Stage 2 — lower: make every construct that contains a suspension point explicit.
//!
//! * Suspension points are pulled out of expressions, operands evaluated left to right
//!   into hidden temporaries, so each ends up as the whole initialiser of a `let`, an
//!   expression statement or a block's tail (A-normal form, applied only where needed).
//! * `while`, `while let` and `for` that contain suspension points become labelled
//!   `loop`s; `&&`/`||` with a suspension on the right become `if`s (short-circuit kept).
//! * In the code kept verbatim: `return e` becomes `break '__body e`, `e?` becomes a match
//!   on `Try::branch`, `self` becomes `__self`, and unlabelled `break`/`continue` that leave
//!   a lowered loop get its label.
//!
//! from: `let x = yield_!(a) * 10 + f(yield_!(b));`
//! into: `let __t0 = yield_!(a); let __t1 = __t0 * 10; let __t2 = yield_!(b);`
//!       `let x = __t1 + f(__t2);`
//!
//! from: `for v in items { yield_!(v) }`
//! into: `{ let mut __iter0 = IntoIterator::into_iter(items);`
//!       `  '__loop0: loop { match Iterator::next(&mut __iter0) {`
//!       `      None => break '__loop0, Some(v) => { yield_!(v) } } } }`

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::visit_mut::VisitMut;
use syn::{Expr, Ident, Lifetime, Pat};

use crate::ir::{Arm, Block, Body, Point, PointKind, SExpr, Stmt, StmtKind};
use crate::parse::{Coroutine, Kind};
use crate::scan;
use crate::temporaries::{self, TailRule};

pub struct Lowered {
    pub body: Body,
    /// Items declared in the body, hoisted to the top of the step closure.
    pub items: Vec<syn::Item>,
    /// Each distinct path the body names `yield_!` by (kept used for the user's imports).
    pub yield_paths: Vec<syn::Path>,
    /// Some `for` loop's iterator or `.await`'s future is made of a closure or an `async`
    /// block: the expansion has copies to unify (`emit::resolve_alts`).
    pub alts: bool,
    /// How many type ties the body uses (`__tie0`…, declared once at the top of the step:
    /// `Lowerer::tie`).
    pub ties: usize,
    /// Lowered for an unknown edition, and a block's tail would drop its temporaries in
    /// another order under edition 2021's rule (`temporaries::Tails`).
    pub edition_matters: bool,
}

/// Puts each piece of user code of `b` (a lowered `unsafe` block) back into an `unsafe`
/// block: a `let`'s value, an expression statement, a condition that is no `let`, a
/// `match` scrutinee that is no place (a place, `*p`, would be moved out of by a block).
fn unsafe_code(b: &mut Block, span: Span) {
    for s in &mut b.stmts {
        match &mut s.kind {
            StmtKind::Plain(syn::Stmt::Local(l)) => {
                if let Some(init) = &mut l.init {
                    wrap_unsafe(&mut init.expr, span);
                }
            }
            StmtKind::Plain(syn::Stmt::Expr(e, _)) => wrap_unsafe(e, span),
            StmtKind::Plain(_) => {}
            StmtKind::Let { init, .. } => unsafe_sexpr(init, span),
            StmtKind::Expr { expr, .. } => unsafe_sexpr(expr, span),
        }
    }
}

fn unsafe_sexpr(e: &mut SExpr, span: Span) {
    match e {
        SExpr::Suspend(_) => {}
        SExpr::Block(b) | SExpr::Loop { body: b, .. } => unsafe_code(b, span),
        SExpr::If {
            cond, then, els, ..
        } => {
            if !matches!(cond, Expr::Let(_)) {
                wrap_unsafe(cond, span);
            }
            unsafe_code(then, span);
            if let Some(e) = els {
                unsafe_code(e, span);
            }
        }
        SExpr::Match { scrutinee, arms } => {
            let place = matches!(
                scrutinee,
                Expr::Path(_) | Expr::Field(_) | Expr::Index(_) | Expr::Unary(_)
            );
            if !place {
                wrap_unsafe(scrutinee, span);
            }
            for a in arms {
                unsafe_code(&mut a.body, span);
            }
        }
    }
}

/// `unsafe { e }` (allowed to be needless: the expansion allows `unused_unsafe`).
fn wrap_unsafe(e: &mut Expr, span: Span) {
    let inner = std::mem::replace(e, Expr::Verbatim(TokenStream::new()));
    // SAFETY: not the macro's: the user's own `unsafe` block, around the user's own code,
    // which the user vouched for (only the suspension points are left out of it).
    *e = syn::parse_quote_spanned!(span=> unsafe { #inner });
}

/// The hidden label of the block whose value is the coroutine's return value.
pub fn body_label() -> Lifetime {
    Lifetime::new("'__body", Span::mixed_site())
}

/// The hidden identifier the `Start` arm binds a parameter to.
pub fn param_ident(field: &Ident) -> Ident {
    scan::ident(&field.to_string(), Span::mixed_site())
}

pub fn lower(co: &Coroutine) -> syn::Result<Lowered> {
    // `select!`/`join!` first: each becomes an `.await` of a native `async` block.
    let mut body = co.body.clone();
    crate::await_macros::wrap(&mut body, co.return_ty.as_ref(), co.kind == Kind::Stream)?;
    // Edition 2021's tails first (`temporaries::Tails`), or whether they would matter.
    let mut temps = 0;
    let new_types = new_type_locals(&body);
    let new_type = |e: &Expr| makes_new_type(&new_types, e);
    let extended = co.tail_rule == TailRule::Extended;
    let mut tails = temporaries::Tails::new(&mut temps, &new_type, extended);
    tails.scope(&mut body);
    let edition_matters = tails.changed && co.tail_rule == TailRule::Unknown;
    let mut l = Lowerer {
        tail_rule: co.tail_rule,
        edition_matters,
        kind: co.kind,
        residual_items: co.residual_items,
        name: co.name.to_string(),
        block: co.block,
        points: Vec::new(),
        items: Vec::new(),
        temps,
        loops: 0,
        pins: 0,
        ordinals: [0, 0],
        loop_labels: Vec::new(),
        errors: Vec::new(),
        new_type_locals: Default::default(),
        yield_impl: co.yield_impl.clone(),
        alts: false,
        ties: 0,
        alt_sites: 0,
        mark_alt_let: false,
        discarded: false,
        construct_discarded: false,
        yield_paths: Vec::new(),
    };
    // (A block form has no name a call could take.)
    if co.block.is_none() {
        check_recursion(co, &mut l.errors);
    }
    let mut stmts = Vec::new();
    // Parameters: `let <pattern> = <hidden field>;` opens the body, so they are ordinary
    // locals of its outermost scope from here on.
    // A block form's captures are bound last first, so that they drop in the order they
    // were captured, as the fields of rustc's coroutine do (`blocks.rs`); a function's
    // parameters drop last first, as its locals do.
    let mut param_stmts = vec![0; co.params.len()];
    let order: Vec<usize> = if co.block.is_some() {
        (0..co.params.len()).rev().collect()
    } else {
        (0..co.params.len()).collect()
    };
    for n in order {
        let p = &co.params[n];
        let pat = p.pat.clone();
        let field = param_ident(&p.field);
        if !matches!(pat, Pat::Ident(_) | Pat::Wild(_)) || scan::binds_ref(&pat) {
            // A pattern (`(a, _): (D, D)`, `ref v: Vec<u32>`) takes the argument where it
            // lives: moved into the body first, as rustc's `async fn` moves every argument
            // (`let __arg0 = __arg0;`), so it is a local of the body's outermost scope. What
            // the pattern does not move out (`_`) or borrows is dropped at the body's end,
            // after the parameters declared later. (`ref mut` borrows a `mut` place, as the
            // native parameter is one.)
            let m = scan::binds_ref_mut(&pat).then(|| quote!(mut));
            stmts.push(Stmt::plain(syn::parse_quote!(let #m #field = #field;)));
        }
        // `_: T` keeps its argument to the end of the body, as rustc's `async fn` does (it
        // moves every argument into the body): bound, under its hidden name, never mentioned.
        if let Some(binding) = &p.binding {
            // A partial move of the argument (`partial.rs`): its holder first, then the
            // pattern's `let` as rewritten.
            for r in co.param_rests.iter().filter(|r| r.index == n) {
                stmts.push(Stmt::plain(r.decl.clone()));
            }
            param_stmts[n] = stmts.len();
            stmts.extend(binding.iter().cloned().map(Stmt::plain));
            continue;
        }
        let local: syn::Stmt = if matches!(pat, Pat::Wild(_)) {
            syn::parse_quote!(let #field = #field;)
        } else {
            syn::parse_quote!(let #pat = #field;)
        };
        param_stmts[n] = stmts.len();
        stmts.push(Stmt::plain(by_ref_let(local)));
        // (What is left of a parameter moved out of in part, `partial.rs`; the holder of one
        // moved out on some paths only, `maybe_moved.rs`.)
        for r in co.param_rests.iter().filter(|r| r.index == n) {
            stmts.push(Stmt::plain(r.decl.clone()));
        }
    }
    // When the body ends in an expression (which may create temporaries), it becomes a block
    // of its own whose value is bound before the parameters go out of scope: as in a native
    // `fn`/`async fn`, the temporaries of the tail expression are dropped before the
    // parameters. (Without a tail, the body's locals already drop before the parameters.)
    //
    // from: `fn f(p: D) -> … { Ok(D::new(4).v()) }`
    // into: `let p = p; let __value = { Ok(D::new(4).v()) }; __value`
    let tail_temporaries = matches!(
        body.stmts.last(),
        Some(syn::Stmt::Expr(e, None)) if !matches!(e, Expr::Path(_) | Expr::Lit(_))
    );
    if co.params.is_empty() || !tail_temporaries {
        let n = body.stmts.len();
        let marked = l.alt_lets(&body.stmts);
        for (i, s) in body.stmts.clone().into_iter().enumerate() {
            l.discarded = i + 1 < n;
            l.mark_alt_let = marked.contains(&i);
            l.lower_stmt(s, &mut stmts);
        }
        l.mark_alt_let = false;
    } else {
        let value = Ident::new("__value", Span::mixed_site());
        let body = &body;
        // (Of the body's type where it can be written: the tail is checked against it, so
        // what it coerces, `Some(Box::new(Square(n)))` as an `Option<Box<dyn Shape>>`, it
        // still coerces.)
        let ty = co.return_ty.as_ref().map(|t| quote::quote!(: #t));
        l.lower_stmt(syn::parse_quote!(let #value #ty = #body;), &mut stmts);
        stmts.push(Stmt::plain(syn::Stmt::Expr(
            syn::parse_quote!(#value),
            None,
        )));
    }
    if let Some(e) = l.errors.into_iter().reduce(|mut a, b| {
        a.combine(b);
        a
    }) {
        return Err(e);
    }
    Ok(Lowered {
        body: Body {
            block: Block::new(None, Vec::new(), stmts),
            points: l.points,
            trivial_params: (0..co.params.len())
                .filter(|&k| co.params[k].trivial)
                .map(|k| param_stmts[k])
                .collect(),
            param_stmts,
        },
        items: l.items,
        yield_paths: l.yield_paths,
        alts: l.alts,
        ties: l.ties,
        edition_matters: l.edition_matters,
    })
}

/// A coroutine whose machine would contain a machine of its own type cannot have a size:
/// rustc says "cannot resolve opaque type". Catch the common shapes — iterating over a
/// recursive call, awaiting one — and say what to do. (A function that boxes its machine,
/// `boxed.rs`, awaits a box.)
fn check_recursion(co: &Coroutine, errors: &mut Vec<syn::Error>) {
    if co.boxed.is_some() {
        return;
    }
    struct V<'a> {
        name: &'a Ident,
        /// The coroutine is a method (`self.name(..)` calls it).
        method: bool,
        kind: Kind,
        errors: &'a mut Vec<syn::Error>,
    }
    impl V<'_> {
        fn recursive_call(&self, e: &Expr) -> Option<Span> {
            match e {
                // `name(..)`, or `Self::name(..)`; another path's function of the same name
                // (`Socket::connect(p)` in an `async fn connect`) is not this one.
                Expr::Call(c) => match &*c.func {
                    Expr::Path(p) if p.qself.is_none() => {
                        let segs: Vec<&syn::PathSegment> = p.path.segments.iter().collect();
                        let this = match segs.as_slice() {
                            [f] => p.path.leading_colon.is_none() && f.ident == *self.name,
                            [ty, f] => ty.ident == "Self" && f.ident == *self.name,
                            _ => false,
                        };
                        this.then(|| p.span())
                    }
                    _ => None,
                },
                // A method of the same name on anything but `self` may be another type's
                // (`a.windows(2)` in a `fn windows`, `src.read(..)` in an `async fn read`,
                // `self.items.iter()` in a `fn iter(&self)`): the macro cannot see types, so
                // only `self.name(..)` in a method counts (rustc still rejects the rest).
                Expr::MethodCall(m)
                    if self.method
                        && m.method == *self.name
                        && matches!(&*m.receiver, Expr::Path(p) if p.path.is_ident("self")) =>
                {
                    Some(m.method.span())
                }
                Expr::MethodCall(m) if m.method == "into_iter" => self.recursive_call(&m.receiver),
                Expr::Paren(p) => self.recursive_call(&p.expr),
                _ => None,
            }
        }
        fn report(&mut self, span: Span) {
            let fix = if self.kind == Kind::Future {
                format!("`Box::pin({}(..)).await`", self.name)
            } else {
                format!(
                    "`Box::new({}(..)) as Box<dyn Iterator<Item = _>>`",
                    self.name
                )
            };
            self.errors.push(syn::Error::new(
                span,
                format!(
                    "recursive coroutine: the state machine of `{}` would contain itself; box the recursive call: {fix}",
                    self.name
                ),
            ));
        }
    }
    impl<'a> syn::visit::Visit<'a> for V<'_> {
        fn visit_expr_closure(&mut self, _: &'a syn::ExprClosure) {}
        fn visit_item(&mut self, _: &'a syn::Item) {}
        fn visit_expr_for_loop(&mut self, f: &'a syn::ExprForLoop) {
            if let Some(span) = self.recursive_call(&f.expr) {
                self.report(span);
            }
            syn::visit::visit_expr_for_loop(self, f);
        }
        fn visit_expr_await(&mut self, a: &'a syn::ExprAwait) {
            if let Some(span) = self.recursive_call(&a.base) {
                self.report(span);
            }
            syn::visit::visit_expr_await(self, a);
        }
    }
    let mut v = V {
        name: &co.name,
        method: co.params.iter().any(|p| p.receiver),
        kind: co.kind,
        errors,
    };
    syn::visit::Visit::visit_block(&mut v, &co.body);
}

struct Lowerer {
    kind: Kind,
    residual_items: bool,
    name: String,
    /// A block form (`blocks.rs`): messages name its macro.
    block: Option<crate::blocks::Form>,
    points: Vec<Point>,
    items: Vec<syn::Item>,
    temps: usize,
    loops: usize,
    /// `let s = pin!(e);` statements split so far.
    pins: usize,
    ordinals: [usize; 2],
    /// Labels of the lowered loops around the current position, innermost last.
    loop_labels: Vec<Lifetime>,
    errors: Vec<syn::Error>,
    yield_paths: Vec<syn::Path>,
    /// Names bound by a `let` to a closure or an `async` block (by name only: a shadowing
    /// `let` of another value makes at most a needless `Alt`).
    new_type_locals: std::collections::HashSet<String>,
    /// The declared type of what is yielded (`impl Fn(u32) -> u32` makes a yielded closure
    /// one of the values whose copies are unified, `scan::yielded_closure`).
    yield_impl: Option<syn::Type>,
    /// A site was marked for `emit::resolve_alts`.
    alts: bool,
    /// Type ties made so far (`tie`).
    ties: usize,
    /// `let` sites marked so far (`alt_lets`).
    alt_sites: usize,
    /// The statement being lowered is a `let` that `alt_lets` marked.
    mark_alt_let: bool,
    /// Where a block's tail, and an `if let`'s scrutinee before its `else`, drop their
    /// temporaries (`temporaries::TailRule`).
    tail_rule: TailRule,
    /// Lowered otherwise under the other rule (`edition_matters` of `Lowered`).
    edition_matters: bool,
    /// The statement being lowered is not its block's value (it ends in `;`, or another
    /// statement follows it).
    discarded: bool,
    /// The construct being lowered is such a statement's (`match`: `hoist_temporaries`).
    construct_discarded: bool,
}

fn is_construct(e: &Expr) -> bool {
    match e {
        e if scan::block_like(e) => true,
        Expr::Await(_) | Expr::Yield(_) => true,
        Expr::Macro(m) => scan::is_yield_macro(&m.mac),
        _ => false,
    }
}

impl Lowerer {
    fn temp(&mut self) -> Ident {
        let t = format_ident!("__t{}", self.temps, span = Span::mixed_site());
        self.temps += 1;
        t
    }

    fn error(&mut self, span: Span, msg: impl std::fmt::Display) {
        self.errors.push(syn::Error::new(span, msg));
    }

    fn point(&mut self, kind: PointKind, operand: Expr, span: Span) -> SExpr {
        match kind {
            PointKind::Yield if !self.kind.can_yield() => self.error(
                span,
                "`yield_!` in an `async fn`: an async coroutine that yields values is an async \
                 generator; write `fn name(..) -> impl Stream<Item = Y>`",
            ),
            PointKind::Await if !self.kind.is_async() && self.block.is_some() => self.error(
                span,
                format!(
                    "`.await` in an `{}!` block, which is not async: use `stream! {{ .. }}` \
                     (or `try_stream!`) to await and yield",
                    self.name
                ),
            ),
            PointKind::Await if !self.kind.is_async() => self.error(
                span,
                format!(
                    "`.await` in a coroutine that is not async: `{}` returns `impl {}`; \
                     make it an `async fn`, or return `impl Stream<Item = Y>` to await and \
                     yield",
                    self.name,
                    if self.kind == Kind::Iterator {
                        "Iterator"
                    } else {
                        "Coroutine"
                    }
                ),
            ),
            _ => {}
        }
        let k = kind as usize;
        let ordinal = self.ordinals[k];
        self.ordinals[k] += 1;
        // (A yielded value is one only when it is an `async` block or a block form itself
        // (`iter! { .. }`, with its captures' `let`s around it, `blocks.rs`): one made of one,
        // `Box::new(async { .. })`, may be coerced to the declared type, `Box<dyn Future>`,
        // which an `Alt` would not be.)
        let new_type = match kind {
            PointKind::Await => self.makes_new_type(&operand),
            PointKind::Yield => {
                matches!(scan::strip_parens(&operand), Expr::Async(_))
                    || scan::is_block_form(&operand)
                    || scan::yielded_closure(&operand, self.yield_impl.as_ref()).is_some()
            }
        };
        self.alts |= new_type;
        self.points.push(Point {
            kind,
            operand,
            span,
            ordinal,
            new_type,
        });
        SExpr::Suspend(self.points.len() - 1)
    }

    /// `e` makes a closure or an `async` block, or names a local bound to one: written twice,
    /// its value has two types.
    fn makes_new_type(&self, e: &Expr) -> bool {
        makes_new_type(&self.new_type_locals, e)
    }

    /// Rewrites code that contains no suspension point (see the module docs).
    fn rewrite(&mut self, mut e: Expr) -> Expr {
        self.with_rewriter(|r| r.visit_expr_mut(&mut e));
        e
    }

    fn rewrite_stmt(&mut self, mut s: syn::Stmt) -> syn::Stmt {
        self.with_rewriter(|r| r.visit_stmt_mut(&mut s));
        s
    }

    fn with_rewriter(&mut self, f: impl FnOnce(&mut Rewriter)) {
        let mut r = Rewriter {
            kind: self.kind,
            residual_items: self.residual_items,
            target: self.loop_labels.last().cloned(),
            in_plain_loop: false,
            nested: 0,
            errors: Vec::new(),
        };
        f(&mut r);
        self.errors.append(&mut r.errors);
    }

    fn lower_block(&mut self, b: syn::Block, label: Option<Lifetime>, binds: Vec<Pat>) -> Block {
        let mut stmts = Vec::new();
        let marked = self.alt_lets(&b.stmts);
        let n = b.stmts.len();
        for (i, s) in b.stmts.into_iter().enumerate() {
            self.mark_alt_let = marked.contains(&i);
            self.discarded = i + 1 < n;
            self.lower_stmt(s, &mut stmts);
        }
        self.mark_alt_let = false;
        Block::new(label, binds, stmts)
    }

    /// The `let`s of a block that bind a closure, or a value made of one (an `async` block,
    /// an iterator adapter over a closure), to a name used again after a later statement
    /// suspends: that value is kept across the suspension point, and the `let` may be
    /// written in several arms (in a loop that suspends, or after a loop or branch that
    /// does: once per way to reach it), so its copies have types of their own. Their initialisers are marked (`__stackless_alt_let0::value(e)`, or
    /// `::fn1(e)`/`::fnmut1(e)` for a closure of one parameter bound by `let`/`let mut`), and
    /// `emit::resolve_alts` wraps the copies in one type when there are several.
    fn alt_lets(&self, stmts: &[syn::Stmt]) -> Vec<usize> {
        // (Not only in a loop: the code after a loop or a branch that suspends is written
        // once per way to reach it too. A site written once is left as it is, `resolve_alts`.)
        let mut out = Vec::new();
        for (i, s) in stmts.iter().enumerate() {
            let syn::Stmt::Local(local) = s else { continue };
            let Some(init) = local.init.as_ref().filter(|i| i.diverge.is_none()) else {
                continue;
            };
            let Some((name, None)) = scan::simple_binding(&local.pat) else {
                continue;
            };
            if scan::suspends(&init.expr) || !scan::writes_new_type(&init.expr) {
                continue;
            }
            let rest = &stmts[i + 1..];
            let Some(first) = rest.iter().position(scan::stmt_suspends) else {
                continue;
            };
            // A future or a machine (`async { .. }`, `stream! { .. }`) pinned before the
            // statement that suspends is held across it in a slot (`let s = pin!(s);
            // s.await`), which has one type too.
            let pinned = rest[..first].iter().any(|s| pins(s, name));
            let from = if pinned { first } else { first + 1 };
            let later = &rest[from..];
            if !later
                .iter()
                .any(|s| scan::mentions(&quote::quote!(#s), name))
            {
                continue;
            }
            // A closure is wrapped in a type that can be called, not passed on (`map(f)`), and
            // only for up to four parameters and not `async`: any other is left as it is (its
            // copies stay a type error that says so, documented in the crate docs).
            if let Expr::Closure(c) = &*init.expr {
                let callable = c.asyncness.is_none() && c.inputs.len() <= 4;
                if !callable || rest.iter().any(|s| scan::names_uncalled(s, name)) {
                    continue;
                }
            }
            out.push(i);
        }
        out
    }

    /// `tie(&__tieN, &x);` for each name a `let` of a construct that suspends binds: the
    /// construct's value is given in several copies of the code that follows (one per arm
    /// that reaches it: `match a { Some(k) => f(k).await, None => None }` is `None` in one,
    /// the await's value in the other), and in a copy where nothing else says its type
    /// (`Option<?>`), a closure or an operator on it is checked before the copy that says
    /// it. One variable of the step, `__tieN`, has that type in every copy.
    fn tie(&mut self, pat: &Pat) -> Vec<Stmt> {
        let mut names = Vec::new();
        scan::pat_bindings(pat, &mut names);
        names
            .into_iter()
            // (Not a hidden value of the expansion's: the body's value has the return type.)
            .filter(|(name, _)| !name.to_string().starts_with("__"))
            .map(|(name, _)| {
                let tie = format_ident!("__tie{}", self.ties, span = Span::mixed_site());
                self.ties += 1;
                Stmt::plain(syn::parse_quote!(::stackless::__private::tie(&#tie, &#name);))
            })
            .collect()
    }

    /// Wraps a marked `let`'s initialiser (see `alt_lets`).
    fn alt_let_init(&mut self, local: &syn::Local, init: Expr) -> Expr {
        let mutable = matches!(&local.pat, Pat::Ident(p) if p.mutability.is_some());
        let kind = match &init {
            Expr::Closure(c) if mutable => format_ident!("fnmut{}", c.inputs.len()),
            Expr::Closure(c) => format_ident!("fn{}", c.inputs.len()),
            _ => format_ident!("value"),
        };
        let marker = format_ident!("{}let{}", scan::ALT_MARKER, self.alt_sites);
        self.alt_sites += 1;
        self.alts = true;
        syn::parse_quote_spanned!(init.span()=> #marker::#kind(#init))
    }

    fn lower_stmt(&mut self, s: syn::Stmt, out: &mut Vec<Stmt>) {
        match s {
            syn::Stmt::Item(item) => self.items.push(item),
            syn::Stmt::Macro(m) if scan::pin_in_place(&m.mac).is_some() => {
                // `tokio::pin!(x);` / `pin_mut!(x);` shadow `x` with a pinned reference to it.
                for x in scan::pin_in_place(&m.mac).expect("checked") {
                    let stmt: syn::Stmt = syn::parse_quote!(let mut #x = ::stackless::__private::core::pin::pin!(#x););
                    self.lower_stmt(stmt, out);
                }
            }
            syn::Stmt::Macro(m) => {
                let e = Expr::Macro(syn::ExprMacro {
                    attrs: m.attrs,
                    mac: m.mac,
                });
                self.lower_stmt(syn::Stmt::Expr(e, m.semi_token), out)
            }
            syn::Stmt::Local(local) if pin_let(&local).is_some() => {
                // from: `let s = pin!(e);`
                // into: `let __pinned0 = e; let s = ::core::pin::pin!(__pinned0);`
                // so `__pinned0` is a local like any other: if `s` is kept across a suspension
                // point, `__pinned0` gets a pinned slot (see `liveness.rs`).
                let arg = pin_let(&local).expect("checked");
                let hidden = scan::ident(&format!("__pinned{}", self.pins), Span::mixed_site());
                self.pins += 1;
                let first: syn::Stmt = syn::parse_quote!(let #hidden = #arg;);
                self.lower_stmt(first, out);
                let syn::Local {
                    attrs,
                    let_token,
                    pat,
                    semi_token,
                    ..
                } = local;
                let init: Expr =
                    syn::parse_quote!(::stackless::__private::core::pin::pin!(#hidden));
                let second = syn::Stmt::Local(syn::Local {
                    attrs,
                    let_token,
                    pat,
                    init: Some(syn::LocalInit {
                        eq_token: Default::default(),
                        expr: Box::new(init),
                        diverge: None,
                    }),
                    semi_token,
                });
                out.push(Stmt::plain(self.rewrite_stmt(second)));
            }
            syn::Stmt::Local(local) if by_ref_binding(&local.pat).is_some() => {
                self.lower_stmt(by_ref_let(syn::Stmt::Local(local)), out)
            }
            syn::Stmt::Local(mut local)
                if local.init.as_ref().is_some_and(|i| {
                    i.diverge.is_none() && scan::suspends(&i.expr) && pin_let(&local).is_none()
                }) =>
            {
                let init = local.init.as_mut().expect("checked");
                // (Not where the `let` extends a temporary to its own scope: `let r = &f().await;`.)
                let temps = if extends_temporaries(&init.expr) {
                    Vec::new()
                } else {
                    self.hoist(&mut init.expr, false)
                };
                if temps.is_empty() {
                    return self.lower_local(local, out);
                }
                let mut names = Vec::new();
                scan::pat_bindings(&local.pat, &mut names);
                if names.is_empty() {
                    // `let _ = guard(&mk()).await;` binds nothing: its value is dropped at the
                    // end of the statement, before the temporaries, so the whole `let` goes in
                    // their block.
                    let block: Expr = syn::parse_quote!({ #(#temps)* #local });
                    return self.lower_stmt(syn::Stmt::Expr(block, Some(Default::default())), out);
                }
                let e = std::mem::replace(&mut *init.expr, Expr::PLACEHOLDER);
                *init.expr = temporaries::block(temps, e, false);
                self.lower_local(local, out)
            }
            syn::Stmt::Local(local) => self.lower_local(local, out),
            syn::Stmt::Expr(mut e, semi) if scan::suspends(&e) => {
                let discarded = std::mem::take(&mut self.discarded) || semi.is_some();
                // In a block's value too (`len(&vec![1, 2]).await` as the body's tail): the
                // temporaries live across the await and are dropped once the value is made.
                // (rustc's edition 2021 keeps a tail's temporaries past the block's locals,
                // 2024 drops them before, as here: a difference of order only there.)
                let temps = self.hoist(&mut e, false);
                if !temps.is_empty() {
                    // (With a `;`, the value is dropped in the block, before them.)
                    let block = temporaries::block(temps, e, semi.is_some());
                    self.lower_stmt(syn::Stmt::Expr(block, semi), out);
                } else if is_construct(&e) {
                    self.construct_discarded = discarded;
                    let expr = self.lower_construct(e, out);
                    out.push(Stmt::new(StmtKind::Expr {
                        expr,
                        semi: semi.is_some(),
                    }));
                } else {
                    let mut prefix = Vec::new();
                    let r = self.anf(e, &mut prefix);
                    let last = Stmt::plain(syn::Stmt::Expr(r, semi));
                    match statement_scope(prefix, last) {
                        Ok(expr) => out.push(Stmt::new(StmtKind::Expr {
                            expr,
                            semi: semi.is_some(),
                        })),
                        Err((prefix, last)) => {
                            out.extend(prefix);
                            out.push(last);
                        }
                    }
                }
            }
            syn::Stmt::Expr(e, semi) => {
                let e = self.rewrite(e);
                out.push(Stmt::plain(syn::Stmt::Expr(e, semi)));
            }
        }
    }

    /// Lowers a `let` (`lower_stmt` takes the `pin!`, `ref` and `else` cases first).
    fn lower_local(&mut self, mut local: syn::Local, out: &mut Vec<Stmt>) {
        let mark = std::mem::take(&mut self.mark_alt_let);
        // A local holding a closure or an `async` block: a `for` loop over it (or
        // over something made of it) is unified like one over a closure (below).
        if let (Some(i), Some((name, _))) = (&local.init, scan::simple_binding(&local.pat)) {
            if scan::writes_new_type(&i.expr) {
                self.new_type_locals.insert(name.to_string());
            }
        }
        let Some(init) = local.init.take() else {
            out.push(Stmt::plain(self.rewrite_stmt(syn::Stmt::Local(local))));
            return;
        };
        let else_suspends = init
            .diverge
            .as_ref()
            .is_some_and(|(_, e)| scan::suspends(e));
        // (A suspending initialiser too: its temporaries then live across its points to the
        // end of the statement, as a `match`'s scrutinee's, `temporaries.rs`.)
        if else_suspends || (init.diverge.is_some() && scan::suspends(&init.expr)) {
            // from: `let P = e else { … };`
            // into: `let (a, b) = match e { P => (a, b), _ => { … } };`
            let (_, els) = init.diverge.expect("checked above");
            // (Without the parentheses a `let … else` needs around a value ending in `}`, and
            // the braces around an `else` of one expression: as a `match`'s scrutinee and
            // arm, they are `unused_parens`/`unused_braces`.)
            let expr = match *init.expr {
                Expr::Paren(p) if p.attrs.is_empty() && scan::block_like(&p.expr) => p.expr,
                e => Box::new(e),
            };
            let els = match *els {
                Expr::Block(b) if b.attrs.is_empty() && b.label.is_none() => {
                    match &b.block.stmts[..] {
                        [syn::Stmt::Expr(e, None)] => Box::new(e.clone()),
                        _ => Box::new(Expr::Block(b)),
                    }
                }
                e => Box::new(e),
            };
            let mut names = Vec::new();
            scan::pat_bindings(&local.pat, &mut names);
            let mut arm_pat = local.pat.clone();
            strip_mut(&mut arm_pat);
            // (`let Some(x): Option<u32> = e else { .. }`: the type goes on the value, as a
            // pattern of an arm has none.)
            let expr: Box<Expr> = match arm_pat {
                Pat::Type(pt) => {
                    let ty = &pt.ty;
                    arm_pat = *pt.pat;
                    Box::new(syn::parse_quote!(::stackless::__private::expect::<#ty>(#expr)))
                }
                _ => expr,
            };
            let idents: Vec<&Ident> = names.iter().map(|(i, _)| i).collect();
            let pats = names
                .iter()
                .map(|(i, m)| if *m { quote!(mut #i) } else { quote!(#i) });
            let m: Expr = syn::parse_quote!(match #expr { #arm_pat => (#(#idents,)*), _ => #els });
            let stmt: syn::Stmt = if names.len() == 1 {
                let (i, mutable) = &names[0];
                let m: Expr = syn::parse_quote!(match #expr { #arm_pat => #i, _ => #els });
                let p = if *mutable { quote!(mut #i) } else { quote!(#i) };
                syn::parse_quote!(let #p = #m;)
            } else if names.is_empty() {
                syn::Stmt::Expr(
                    syn::parse_quote!(match #expr { #arm_pat => {} _ => #els }),
                    Some(Default::default()),
                )
            } else {
                syn::parse_quote!(let (#(#pats,)*) = #m;)
            };
            self.lower_stmt(stmt, out);
            return;
        }
        if !scan::suspends(&init.expr) {
            // from: `let n = &v.len();` (a temporary that the `let` keeps alive)
            // into: `let __temp0 = v.len(); let n = &__temp0;`: the value is a local the
            // state can carry (a temporary lives in the step), and `n` a reference that
            // is taken again after a resume (`liveness.rs`, `rederive`). Only calls:
            // a literal's reference would be promoted to `'static` instead.
            if let (None, Expr::Reference(r)) = (&init.diverge, &*init.expr) {
                if let Some((value, fields)) = extended_temporary(&r.expr) {
                    // (A temporary: kept to the end of its scope, `liveness.rs`, even where `n`
                    // is dead.)
                    let tmp = self.scope_temp();
                    let m = r.mutability;
                    let first: syn::Stmt = if m.is_some() {
                        syn::parse_quote!(let mut #tmp = #value;)
                    } else {
                        syn::parse_quote!(let #tmp = #value;)
                    };
                    out.push(Stmt::plain(self.rewrite_stmt(first)));
                    local.init = Some(syn::LocalInit {
                        eq_token: init.eq_token,
                        expr: syn::parse_quote!(&#m #tmp #(.#fields)*),
                        diverge: None,
                    });
                    out.push(Stmt::plain(self.rewrite_stmt(syn::Stmt::Local(local))));
                    return;
                }
            }
            let init = if mark {
                let expr = self.alt_let_init(&local, *init.expr);
                syn::LocalInit {
                    expr: Box::new(expr),
                    ..init
                }
            } else {
                init
            };
            local.init = Some(init);
            out.push(Stmt::plain(self.rewrite_stmt(syn::Stmt::Local(local))));
            return;
        }
        let syn::LocalInit {
            eq_token,
            expr,
            diverge,
        } = init;
        if diverge.is_none() && is_construct(&expr) {
            // (Only a branch has a copy of the code after it in which its value is not a
            // suspension point's.)
            let branches = matches!(&*expr, Expr::If(_) | Expr::Match(_));
            let init = self.lower_construct(*expr, out);
            let (pat, ty) = match local.pat {
                Pat::Type(pt) => (*pt.pat, Some(pt.ty)),
                p => (p, None),
            };
            let ties = if ty.is_none() && branches {
                self.tie(&pat)
            } else {
                Vec::new()
            };
            out.push(Stmt::new(StmtKind::Let { pat, ty, init }));
            out.extend(ties);
        } else if diverge.is_none() && !extends_temporaries(&expr) {
            // (Not where the `let` extends a temporary, `let r = &f().await;`: the value
            // lives with `r`, to the end of its scope.)
            let mut prefix = Vec::new();
            let r = self.anf(*expr, &mut prefix);
            match statement_scope(prefix, Stmt::plain(syn::Stmt::Expr(r, None))) {
                Ok(init) => {
                    let (pat, ty) = match local.pat {
                        Pat::Type(pt) => (*pt.pat, Some(pt.ty)),
                        p => (p, None),
                    };
                    out.push(Stmt::new(StmtKind::Let { pat, ty, init }));
                }
                Err((prefix, last)) => {
                    out.extend(prefix);
                    let StmtKind::Plain(syn::Stmt::Expr(r, None)) = last.kind else {
                        unreachable!("made above")
                    };
                    local.init = Some(syn::LocalInit {
                        eq_token,
                        expr: Box::new(r),
                        diverge: None,
                    });
                    out.push(Stmt::plain(syn::Stmt::Local(local)));
                }
            }
        } else {
            let r = self.anf(*expr, out);
            let diverge = diverge.map(|(t, e)| (t, Box::new(self.rewrite(*e))));
            local.init = Some(syn::LocalInit {
                eq_token,
                expr: Box::new(r),
                diverge,
            });
            out.push(Stmt::plain(syn::Stmt::Local(local)));
        }
    }

    /// Lowers an expression that contains a suspension point into prefix statements (pushed
    /// to `out`) and a residual expression that contains none.
    fn anf(&mut self, mut e: Expr, out: &mut Vec<Stmt>) -> Expr {
        if !scan::suspends(&e) {
            return self.rewrite(e);
        }
        if is_construct(&e) {
            let init = self.lower_construct(e, out);
            let t = self.temp();
            // (`mut`: the value may be the receiver of a `&mut self` method through a
            // `DerefMut`, `lock.write().await.touch(key)`, as the native temporary is.)
            out.push(Stmt::new(StmtKind::Let {
                pat: syn::parse_quote!(mut #t),
                ty: None,
                init,
            }));
            return syn::parse_quote!(#t);
        }
        match &mut e {
            Expr::Binary(b)
                if matches!(b.op, syn::BinOp::And(_) | syn::BinOp::Or(_))
                    && scan::suspends(&b.right) =>
            {
                let (l, r) = (&b.left, &b.right);
                let as_if: Expr = if matches!(b.op, syn::BinOp::And(_)) {
                    syn::parse_quote_spanned!(b.op.span()=> if #l { #r } else { false })
                } else {
                    syn::parse_quote_spanned!(b.op.span()=> if #l { true } else { #r })
                };
                return self.anf(as_if, out);
            }
            Expr::Assign(a) => {
                let right = std::mem::replace(&mut *a.right, Expr::PLACEHOLDER);
                let right = self.anf(right, out);
                if scan::suspends(&a.left) {
                    // The assigned value first, then the place (the Reference's order):
                    // `v[i.await] = x` is `let t = x; let j = i.await; v[j] = t`.
                    *a.right = self.saved(right, out);
                    let left = std::mem::replace(&mut *a.left, Expr::PLACEHOLDER);
                    *a.left = self.anf_place(left, out);
                } else {
                    *a.right = right;
                }
                return self.rewrite(e);
            }
            Expr::Binary(b) if scan::is_compound_assign(&b.op) => {
                // (Which operand a compound assignment evaluates first depends on the types:
                // only one whose right side is evaluated the same either way is taken.)
                if scan::suspends(&b.left) && crate::liveness::is_literal(&b.right) {
                    let left = std::mem::replace(&mut *b.left, Expr::PLACEHOLDER);
                    *b.left = self.anf_place(left, out);
                    return self.rewrite(e);
                }
                if scan::suspends(&b.left) {
                    self.error(b.left.span(), "a suspension point in the place of a compound assignment whose right side is not a literal is not supported (which one runs first depends on the types); bind either with `let` first");
                }
                let right = std::mem::replace(&mut *b.right, Expr::PLACEHOLDER);
                *b.right = self.anf(right, out);
                return self.rewrite(e);
            }
            Expr::Macro(m) => {
                let Some(mut args) = scan::parse_macro_args(&m.mac) else {
                    let name = m
                        .mac
                        .path
                        .segments
                        .last()
                        .map(|s| s.ident.to_string())
                        .unwrap_or_default();
                    self.error(m.mac.span(), format!("a suspension point inside `{name}!` cannot be seen by the lowering; bind its value with `let` before the macro call"));
                    return e;
                };
                let always = match args.family {
                    scan::MacroFamily::Args => args.args.len(),
                    scan::MacroFamily::Assert1 => 1,
                    scan::MacroFamily::Assert2 => 2,
                };
                if args.args.iter().skip(always).any(scan::suspends) {
                    // The message runs only when the assertion fails: its suspension points
                    // too. `assert_eq!(a, b, "{}", m.await)` is `match (&(a), &(b)) { (l, r) =>
                    // if !(*l == *r) { let t = m.await; assert_eq!(*l, *r, "{}", t) } }`:
                    // the same test and the same message, from the same values.
                    let Some(failing) = failing_assertion(&m.mac, args.args, always) else {
                        self.error(m.mac.span(), "a suspension point in this assertion's message is not supported; bind it with `let` first");
                        return e;
                    };
                    return self.anf(failing, out);
                }
                let ops: Vec<&mut Expr> = args.args.iter_mut().take(always).collect();
                self.anf_operands(ops, out, false);
                m.mac = scan::rebuild_macro(&m.mac, &args);
                return self.rewrite(e);
            }
            Expr::Closure(_) | Expr::Async(_) => return self.rewrite(e),
            _ => {}
        }
        let receiver = matches!(e, Expr::MethodCall(_));
        let ops = operands_mut(&mut e);
        self.anf_operands(ops, out, receiver);
        self.rewrite(e)
    }

    /// `r` (a lowered value) in a temporary, unless it is a literal (a local read later could
    /// read another value: `v[bump(&mut n).await] = n` assigns the old `n`).
    fn saved(&mut self, r: Expr, out: &mut Vec<Stmt>) -> Expr {
        if crate::liveness::is_literal(&r) {
            return r;
        }
        let t = self.temp();
        out.push(Stmt::plain(syn::parse_quote!(let #t = #r;)));
        syn::parse_quote!(#t)
    }

    /// Lowers the place of an assignment whose operands suspend (`v[i.await]`, `*{ yield_!(());
    /// p }`, `(*f().await).n`): the place stays a place, and its value operands — what a `*`
    /// reads, an index, a value it projects from — are evaluated left to right as any
    /// operands (`anf_operands`).
    fn anf_place(&mut self, mut e: Expr, out: &mut Vec<Stmt>) -> Expr {
        fn operands<'a>(e: &'a mut Expr, ops: &mut Vec<&'a mut Expr>) {
            match e {
                Expr::Paren(p) => operands(&mut p.expr, ops),
                Expr::Field(f) => operands(&mut f.base, ops),
                Expr::Index(i) => {
                    operands(&mut i.expr, ops);
                    ops.push(&mut i.index);
                }
                Expr::Unary(syn::ExprUnary {
                    op: syn::UnOp::Deref(_),
                    expr,
                    ..
                }) => ops.push(expr),
                Expr::Path(_) => {}
                e => ops.push(e),
            }
        }
        let mut ops = Vec::new();
        operands(&mut e, &mut ops);
        self.anf_operands(ops, out, false);
        e
    }

    /// Evaluates `ops` left to right: those before the last one that suspends are saved
    /// into temporaries (unless deferrable), the last one is lowered in place, the rest stay.
    fn anf_operands(&mut self, ops: Vec<&mut Expr>, out: &mut Vec<Stmt>, receiver_first: bool) {
        let Some(last) = ops.iter().rposition(|o| scan::suspends(o)) else {
            return;
        };
        // The names each operand's code may write (see `may_write`).
        let named: Vec<Vec<String>> = ops.iter().map(|o| may_write(o)).collect();
        for (i, op) in ops.into_iter().enumerate() {
            let taken = std::mem::replace(op, Expr::PLACEHOLDER);
            if i < last {
                let r = self.anf(taken, out);
                // Read later only if no later operand may write what it reads (it would
                // change it first: `f(x, bump(&mut x).await)` passes the old `x`).
                let unchanged = || {
                    let reads = token_names(&r);
                    named[i + 1..]
                        .iter()
                        .all(|later| later.iter().all(|n| !reads.contains(n)))
                };
                if scan::deferrable(&r) && unchanged() {
                    *op = r;
                } else {
                    let t = self.temp();
                    let stmt: syn::Stmt = if receiver_first && i == 0 {
                        syn::parse_quote!(let mut #t = #r;)
                    } else {
                        syn::parse_quote!(let #t = #r;)
                    };
                    out.push(Stmt::plain(stmt));
                    *op = syn::parse_quote!(#t);
                }
            } else if i == last {
                *op = self.anf(taken, out);
            } else {
                *op = taken;
            }
        }
    }

    /// The temporaries of `e` that rustc keeps to the end of their scope, made hidden locals
    /// (`temporaries.rs`): those made before `e`'s last suspension point, or (`all`) every
    /// one. The caller puts them first in a block that stands for the scope.
    fn hoist(&mut self, e: &mut Expr, all: bool) -> Vec<syn::Stmt> {
        let new_types = &self.new_type_locals;
        let new_type = |e: &Expr| makes_new_type(new_types, e);
        let mut h = temporaries::Hoist::new(&mut self.temps, &new_type);
        if all {
            h.all(e);
        } else {
            h.before_last_point(e);
        }
        h.stmts
    }

    /// The temporaries of an `if let`, `while let` or `match` scrutinee that live to the end
    /// of the construct (its iteration), as hidden locals: those made inside it
    /// (`temporaries.rs`), and the scrutinee itself when it is a value (`v.pop()`, `f()`)
    /// the patterns bind nothing of by value (`Some(_)`, `Some(ref x)`: `by_value` false),
    /// as rustc's scrutinee temporary (`let mut __temp1 = v.pop();`). (What patterns bind by
    /// value moves out of it: left as written.)
    fn scrutinee_temps(&mut self, e: &mut Expr, by_value: bool) -> Vec<syn::Stmt> {
        let mut temps = self.hoist(e, true);
        if !temporaries::held_scrutinee(e, by_value) {
            return temps;
        }
        let t = self.scope_temp();
        let value = std::mem::replace(e, syn::parse_quote!(#t));
        temps.push(syn::parse_quote!(let mut #t = #value;));
        temps
    }

    /// A fresh hidden local for a temporary that `liveness.rs` keeps to the end of its scope
    /// (`__temp3`; `temporaries::TEMP`).
    fn scope_temp(&mut self) -> Ident {
        let t = format_ident!(
            "{}{}",
            temporaries::TEMP,
            self.temps,
            span = Span::mixed_site()
        );
        self.temps += 1;
        t
    }

    /// Lowers a construct that contains a suspension point; prefix statements (a lowered
    /// condition or scrutinee) go to `out`.
    fn lower_construct(&mut self, e: Expr, out: &mut Vec<Stmt>) -> SExpr {
        // Only the statement's own `match` may use it (below).
        if !matches!(e, Expr::Match(_)) {
            self.construct_discarded = false;
        }
        match e {
            Expr::Macro(m) => {
                let span = m.mac.path.span();
                let path = &m.mac.path;
                if !self
                    .yield_paths
                    .iter()
                    .any(|p| quote!(#p).to_string() == quote!(#path).to_string())
                {
                    self.yield_paths.push(path.clone());
                }
                match scan::yield_operand(&m.mac) {
                    Ok(op) => {
                        let op = self.anf(op, out);
                        self.point(PointKind::Yield, op, span)
                    }
                    Err(err) => {
                        self.errors.push(err);
                        SExpr::Block(Block::new(None, Vec::new(), Vec::new()))
                    }
                }
            }
            Expr::Yield(y) => {
                let span = y.yield_token.span;
                let op = match y.expr {
                    Some(e) => self.anf(*e, out),
                    None => syn::parse_quote_spanned!(span=> ()),
                };
                self.point(PointKind::Yield, op, span)
            }
            Expr::Await(a) => {
                let span = a.await_token.span;
                let op = self.anf(*a.base, out);
                self.point(PointKind::Await, op, span)
            }
            Expr::Block(b) => {
                SExpr::Block(self.lower_block(b.block, b.label.map(|l| l.name), Vec::new()))
            }
            Expr::Unsafe(u) => {
                // The block is lowered as any other, then each piece of its code between
                // suspension points goes back into `unsafe` (the user's own word for it): the
                // suspension points themselves cannot be in an `unsafe` block of the step.
                let first = self.points.len();
                let mut b = self.lower_block(u.block, None, Vec::new());
                let span = u.unsafe_token.span;
                unsafe_code(&mut b, span);
                for p in &mut self.points[first..] {
                    wrap_unsafe(&mut p.operand, span);
                }
                SExpr::Block(b)
            }
            Expr::If(mut i) => {
                // An `if let`'s scrutinee's temporaries live to the end of the `if` (edition
                // 2021, as a `match`'s); edition 2024 drops them before the `else`: there, the
                // `else` begins by dropping them, last made first.
                if let Expr::Let(l) = &mut *i.cond {
                    let temps = self.scrutinee_temps(&mut l.expr, scan::binds_by_value(&l.pat));
                    if !temps.is_empty() {
                        if self.tail_rule != TailRule::Extended {
                            if let Some((_, els)) = &mut i.else_branch {
                                let dropped: Vec<&Ident> = temps
                                    .iter()
                                    .rev()
                                    .filter_map(temporaries::temp_name)
                                    .collect();
                                if !dropped.is_empty() {
                                    self.edition_matters |= self.tail_rule == TailRule::Unknown;
                                    let e = std::mem::replace(&mut **els, Expr::PLACEHOLDER);
                                    **els = syn::parse_quote!({
                                        #(::stackless::__private::discard(#dropped);)*
                                        #e
                                    });
                                }
                            }
                        }
                        let block = temporaries::block(temps, Expr::If(i), false);
                        return self.lower_construct(block, out);
                    }
                }
                self.lower_if(i, out)
            }
            Expr::Match(mut m) => {
                let discarded = std::mem::take(&mut self.construct_discarded);
                // The scrutinee's temporaries live to the end of the `match`: from
                // `match f(&mk()).await { .. }` to
                // `{ let mut __temp0 = mk(); let __value = match f(&__temp0).await { .. }; __value }`.
                let by_value = m.arms.iter().any(|a| scan::binds_by_value(&a.pat));
                let temps = self.scrutinee_temps(&mut m.expr, by_value);
                if !temps.is_empty() {
                    let block = temporaries::block(temps, Expr::Match(m), discarded);
                    return self.lower_construct(block, out);
                }
                let scrutinee = self.anf(*m.expr, out);
                let arms = m.arms.into_iter().map(|arm| self.lower_arm(arm)).collect();
                SExpr::Match { scrutinee, arms }
            }
            Expr::Loop(lp) => {
                let label = self.loop_label(lp.label.map(|l| l.name));
                self.loop_labels.push(label.clone());
                let body = self.lower_block(lp.body, None, Vec::new());
                self.loop_labels.pop();
                SExpr::Loop { label, body }
            }
            Expr::While(w) => {
                let label = self.loop_label(w.label.map(|l| l.name));
                self.loop_labels.push(label.clone());
                let mut stmts = Vec::new();
                let mut cond = *w.cond;
                // A `while let`'s scrutinee's temporaries live to the end of the iteration.
                if let Expr::Let(l) = &mut cond {
                    let by_value = scan::binds_by_value(&l.pat);
                    for t in self.scrutinee_temps(&mut l.expr, by_value) {
                        self.lower_stmt(t, &mut stmts);
                    }
                }
                let cond = self.lower_cond(cond, &mut stmts);
                let binds = scan::cond_binds(&cond);
                let then = self.lower_block(w.body, None, binds);
                let els = Block::new(
                    None,
                    Vec::new(),
                    vec![Stmt::plain(syn::parse_quote!(break #label;))],
                );
                let if_span = w.while_token.span;
                stmts.push(Stmt::new(StmtKind::Expr {
                    expr: SExpr::If {
                        if_span,
                        cond,
                        then,
                        els: Some(els),
                    },
                    semi: false,
                }));
                self.loop_labels.pop();
                SExpr::Loop {
                    label,
                    body: Block::new(None, Vec::new(), stmts),
                }
            }
            Expr::ForLoop(mut f) => {
                // The iterable's temporaries live to the end of the loop (a `for` is a `match`
                // on its iterator), dropped after it: from `for x in mk().iter() { .. }` to
                // `{ let mut __temp0 = mk(); let __value = for x in __temp0.iter() { .. }; }`.
                let temps = self.hoist(&mut f.expr, true);
                if !temps.is_empty() {
                    let block = temporaries::block(temps, Expr::ForLoop(f), true);
                    return self.lower_construct(block, out);
                }
                let iterable = self.anf(*f.expr, out);
                // `Range<T>` iterates only over integers and `char`s.
                let trivial_binds = matches!(iterable, Expr::Range(_));
                let label = self.loop_label(f.label.map(|l| l.name));
                let iter = format_ident!("__iter{}", self.loops, span = Span::mixed_site());
                let span = f.for_token.span;
                // The loop's body is written in several arms: an iterable that makes a closure
                // or an `async` block has one type per copy, which `emit.rs` unifies (its path
                // marks the site; every analysis only reads the last segment, `into_iter`).
                let init: syn::Stmt = if self.makes_new_type(&iterable) {
                    self.alts = true;
                    let marker = format_ident!("{}{}", scan::ALT_MARKER, iter);
                    syn::parse_quote_spanned! {span=>
                        let mut #iter = #marker::into_iter(#iterable);
                    }
                } else {
                    syn::parse_quote_spanned! {span=>
                        let mut #iter = ::stackless::__private::core::iter::IntoIterator::into_iter(#iterable);
                    }
                };
                self.loop_labels.push(label.clone());
                let pat = *f.pat;
                let some: Pat =
                    syn::parse_quote!(::stackless::__private::core::option::Option::Some(#pat));
                let mut body = self.lower_block(f.body, None, vec![some.clone()]);
                body.trivial_binds = trivial_binds;
                body.shared_binds = yields_references(&iterable) && binds_whole_items(&pat);
                self.loop_labels.pop();
                let none = Arm {
                    pat: syn::parse_quote!(::stackless::__private::core::option::Option::None),
                    guard: None,
                    body: Block::new(
                        None,
                        Vec::new(),
                        vec![Stmt::plain(syn::parse_quote!(break #label;))],
                    ),
                };
                let some = Arm {
                    pat: some,
                    guard: None,
                    body,
                };
                let scrutinee: Expr = syn::parse_quote_spanned!(span=> ::stackless::__private::core::iter::Iterator::next(&mut #iter));
                let m = SExpr::Match {
                    scrutinee,
                    arms: vec![none, some],
                };
                let lp = SExpr::Loop {
                    label,
                    body: Block::new(
                        None,
                        Vec::new(),
                        vec![Stmt::new(StmtKind::Expr {
                            expr: m,
                            semi: false,
                        })],
                    ),
                };
                let stmts = vec![
                    Stmt::plain(init),
                    Stmt::new(StmtKind::Expr {
                        expr: lp,
                        semi: false,
                    }),
                ];
                SExpr::Block(Block::new(None, Vec::new(), stmts))
            }
            other => {
                // `is_construct` admits only the cases above.
                self.error(other.span(), "internal error: not a construct");
                SExpr::Block(Block::new(None, Vec::new(), Vec::new()))
            }
        }
    }

    fn loop_label(&mut self, user: Option<Lifetime>) -> Lifetime {
        let n = self.loops;
        self.loops += 1;
        user.unwrap_or_else(|| Lifetime::new(&format!("'__loop{n}"), Span::mixed_site()))
    }

    /// An `if`/`while` condition: a `let` keeps its pattern, its scrutinee is lowered.
    fn lower_cond(&mut self, mut cond: Expr, out: &mut Vec<Stmt>) -> Expr {
        if !scan::suspends(&cond) {
            return self.rewrite(cond);
        }
        if !matches!(cond, Expr::Let(_)) && scan::cond_binds(&cond).is_empty() {
            // A condition is a scope of its own: its temporaries are dropped before the
            // branch runs (from `if mk().v() > f().await {` to
            // `if { let mut __temp0 = mk(); let __value = __temp0.v() > f().await; __value } {`).
            let temps = self.hoist(&mut cond, false);
            if !temps.is_empty() {
                cond = temporaries::block(temps, cond, false);
            }
        }
        match cond {
            Expr::Let(mut l) => {
                let scrutinee = std::mem::replace(&mut *l.expr, Expr::PLACEHOLDER);
                *l.expr = self.anf(scrutinee, out);
                Expr::Let(l)
            }
            c if !scan::cond_binds(&c).is_empty() => {
                self.error(c.span(), "a suspension point inside a `let` chain is not supported; bind the value with `let` before the condition");
                c
            }
            c => self.anf(c, out),
        }
    }

    fn lower_if(&mut self, i: syn::ExprIf, out: &mut Vec<Stmt>) -> SExpr {
        let cond = self.lower_cond(*i.cond, out);
        let binds = scan::cond_binds(&cond);
        let then = self.lower_block(i.then_branch, None, binds);
        let els = i.else_branch.map(|(_, e)| match *e {
            Expr::Block(b) => self.lower_block(b.block, None, Vec::new()),
            other => {
                // `else if …`: its condition is evaluated only on this branch.
                let mut stmts = Vec::new();
                self.lower_stmt(syn::Stmt::Expr(other, None), &mut stmts);
                Block::new(None, Vec::new(), stmts)
            }
        });
        SExpr::If {
            if_span: i.if_token.span,
            cond,
            then,
            els,
        }
    }

    fn lower_arm(&mut self, arm: syn::Arm) -> Arm {
        let pat = arm.pat;
        let guard = arm.guard.map(|(_, g)| {
            if scan::suspends(&g) {
                // (`guards.rs` splits the others.)
                self.error(
                    g.span(),
                    "a suspension point in the guard of an arm whose pattern binds by `ref mut` \
                     or `mut` is not supported: bind by value or `ref` there, or compute the \
                     guard's value before the `match`",
                );
                return *g;
            }
            self.rewrite(*g)
        });
        let body = match *arm.body {
            Expr::Block(b) if b.label.is_none() && scan::block_suspends(&b.block) => {
                self.lower_block(b.block, None, vec![pat.clone()])
            }
            other => {
                let mut stmts = Vec::new();
                self.lower_stmt(syn::Stmt::Expr(other, None), &mut stmts);
                let binds = vec![pat.clone()];
                Block::new(None, binds, stmts)
            }
        };
        Arm { pat, guard, body }
    }
}

/// Removes `mut` from a pattern's bindings (the `let` that receives them declares it).
fn strip_mut(p: &mut Pat) {
    struct S;
    impl VisitMut for S {
        fn visit_pat_ident_mut(&mut self, pi: &mut syn::PatIdent) {
            pi.mutability = None;
            syn::visit_mut::visit_pat_ident_mut(self, pi);
        }
        fn visit_expr_mut(&mut self, _: &mut Expr) {}
    }
    S.visit_pat_mut(p);
}

/// The operands of an expression, in the order Rust evaluates them.
pub fn operands_mut(e: &mut Expr) -> Vec<&mut Expr> {
    match e {
        Expr::Array(a) => a.elems.iter_mut().collect(),
        Expr::Call(c) => std::iter::once(&mut *c.func)
            .chain(c.args.iter_mut())
            .collect(),
        Expr::MethodCall(m) => std::iter::once(&mut *m.receiver)
            .chain(m.args.iter_mut())
            .collect(),
        Expr::Tuple(t) => t.elems.iter_mut().collect(),
        Expr::Binary(b) => vec![&mut *b.left, &mut *b.right],
        Expr::Unary(u) => vec![&mut *u.expr],
        Expr::Cast(c) => vec![&mut *c.expr],
        Expr::Field(f) => vec![&mut *f.base],
        Expr::Index(i) => vec![&mut *i.expr, &mut *i.index],
        Expr::Paren(p) => vec![&mut *p.expr],
        Expr::Group(g) => vec![&mut *g.expr],
        Expr::Reference(r) => vec![&mut *r.expr],
        Expr::Range(r) => r
            .start
            .iter_mut()
            .chain(r.end.iter_mut())
            .map(|b| &mut **b)
            .collect(),
        Expr::Repeat(r) => vec![&mut *r.expr],
        Expr::Struct(s) => {
            let mut v: Vec<&mut Expr> = s.fields.iter_mut().map(|f| &mut f.expr).collect();
            if let Some(rest) = &mut s.rest {
                v.push(&mut **rest);
            }
            v
        }
        Expr::Try(t) => vec![&mut *t.expr],
        Expr::Return(r) => r.expr.iter_mut().map(|b| &mut **b).collect(),
        Expr::Break(b) => b.expr.iter_mut().map(|b| &mut **b).collect(),
        Expr::Let(l) => vec![&mut *l.expr],
        _ => Vec::new(),
    }
}

/// The rewrites of code kept verbatim (see the module docs).
struct Rewriter {
    kind: Kind,
    /// `Coroutine::residual_items`: a `?` exits with `Some(residual)`, a `return` with `None`.
    residual_items: bool,
    /// The lowered loop an unlabelled `break`/`continue` here would leave.
    target: Option<Lifetime>,
    /// Inside a loop that was not lowered: unlabelled `break`/`continue` are its own.
    in_plain_loop: bool,
    /// Depth of closures and `async` blocks: `return` and `?` there are theirs.
    nested: usize,
    errors: Vec<syn::Error>,
}

impl Rewriter {
    fn nested_code(&mut self, f: impl FnOnce(&mut Self)) {
        self.nested += 1;
        let plain = std::mem::replace(&mut self.in_plain_loop, true);
        f(self);
        self.in_plain_loop = plain;
        self.nested -= 1;
    }

    fn plain_loop(&mut self, f: impl FnOnce(&mut Self)) {
        let plain = std::mem::replace(&mut self.in_plain_loop, true);
        f(self);
        self.in_plain_loop = plain;
    }
}

impl VisitMut for Rewriter {
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}

    fn visit_expr_mut(&mut self, e: &mut Expr) {
        match e {
            Expr::Closure(c) => {
                self.nested_code(|r| syn::visit_mut::visit_expr_closure_mut(r, c));
            }
            Expr::Async(a) => {
                self.nested_code(|r| syn::visit_mut::visit_expr_async_mut(r, a));
            }
            Expr::Yield(y) => {
                self.errors.push(syn::Error::new(
                    y.yield_token.span,
                    "`yield` inside a closure or `async` block belongs to no coroutine; \
                     yield from the coroutine's own body",
                ));
            }
            Expr::Loop(_) | Expr::While(_) | Expr::ForLoop(_) => {
                self.plain_loop(|r| match e {
                    Expr::Loop(l) => syn::visit_mut::visit_expr_loop_mut(r, l),
                    Expr::While(w) => syn::visit_mut::visit_expr_while_mut(r, w),
                    Expr::ForLoop(f) => syn::visit_mut::visit_expr_for_loop_mut(r, f),
                    _ => {}
                });
            }
            Expr::Return(ret) if self.nested == 0 => {
                syn::visit_mut::visit_expr_return_mut(self, ret);
                let label = body_label();
                let span = ret.return_token.span;
                let value = match (&ret.expr, self.residual_items) {
                    (_, true) => {
                        quote_spanned!(span=> <::stackless::__private::core::option::Option<_>>::None)
                    }
                    (Some(v), _) => quote!(#v),
                    (None, _) => quote!(()),
                };
                if let (Some(v), Kind::Stream) = (&ret.expr, self.kind) {
                    self.errors.push(syn::Error::new_spanned(
                        v,
                        "a stream ends with `return;`: to produce a last item, `yield_!` it first",
                    ));
                }
                // (A value but `()`: one error here, not rustc's about the closure and the
                // `async` block the body is copied into.)
                if let (Some(v), Kind::Iterator) = (&ret.expr, self.kind) {
                    if !matches!(&**v, Expr::Tuple(t) if t.elems.is_empty()) {
                        self.errors.push(syn::Error::new_spanned(
                            v,
                            "a generator ends with `return;`: to produce a last item, `yield_!` \
                             it first",
                        ));
                    }
                }
                let value = break_value(value);
                // (With its attributes: `#[cfg(windows)] return 1;`.)
                let attrs = &ret.attrs;
                *e = syn::parse_quote_spanned!(span=> #(#attrs)* break #label #value);
            }
            Expr::Try(t) if self.nested == 0 => {
                syn::visit_mut::visit_expr_try_mut(self, t);
                let inner = &t.expr;
                let span = t.question_token.span;
                let label = body_label();
                let (v, r) = (
                    Ident::new("__v", Span::mixed_site()),
                    Ident::new("__r", Span::mixed_site()),
                );
                let residual = quote_spanned!(span=> <_ as ::stackless::__private::FromResidual<_>>::from_residual(#r));
                let exit = if self.residual_items {
                    quote_spanned!(span=> <::stackless::__private::core::option::Option<_>>::Some(#residual))
                } else {
                    residual
                };
                // (With its attributes: `#[cfg(unix)] check()?;`.)
                let attrs = &t.attrs;
                *e = syn::parse_quote_spanned! {span=>
                    #(#attrs)*
                    match ::stackless::__private::Try::branch(#inner) {
                        ::stackless::__private::core::ops::ControlFlow::Continue(#v) => #v,
                        ::stackless::__private::core::ops::ControlFlow::Break(#r) => break #label #exit,
                    }
                };
            }
            // (Outside every loop: rustc's E0268, once, here, rather than its message about
            // the closure and the `async` block the body is copied into.)
            Expr::Break(syn::ExprBreak { label: None, .. })
            | Expr::Continue(syn::ExprContinue { label: None, .. })
                if self.nested == 0 && !self.in_plain_loop && self.target.is_none() =>
            {
                let (span, word) = match e {
                    Expr::Break(b) => (b.break_token.span, "break"),
                    Expr::Continue(c) => (c.continue_token.span, "continue"),
                    _ => unreachable!(),
                };
                self.errors
                    .push(syn::Error::new(span, format!("`{word}` outside of a loop")));
            }
            Expr::Break(b) if self.nested == 0 && b.label.is_none() && !self.in_plain_loop => {
                syn::visit_mut::visit_expr_break_mut(self, b);
                b.label = self.target.clone();
            }
            Expr::Continue(c) if self.nested == 0 && c.label.is_none() && !self.in_plain_loop => {
                c.label = self.target.clone();
            }
            Expr::Path(p) if p.qself.is_none() && p.path.is_ident("self") => {
                let span = p.path.segments[0].ident.span();
                *e = Expr::Path(syn::ExprPath {
                    attrs: std::mem::take(&mut p.attrs),
                    qself: None,
                    path: Ident::new("__self", span).into(),
                });
            }
            _ => syn::visit_mut::visit_expr_mut(self, e),
        }
    }

    fn visit_macro_mut(&mut self, mac: &mut syn::Macro) {
        if scan::is_yield_macro(mac) {
            self.errors.push(syn::Error::new_spanned(
                &mac.path,
                "`yield_!` inside a closure or `async` block belongs to no coroutine; \
                 yield from the coroutine's own body",
            ));
            return;
        }
        if let Some(mut args) = scan::parse_macro_args(mac) {
            for a in &mut args.args {
                match a {
                    // A bare `self` argument (`format!("{:?}", self)`) keeps the macro's
                    // context: with the user's span, clippy's `uninlined_format_args` would
                    // offer `{__self:?}`, and `--fix` would write the hidden name in.
                    Expr::Path(p) if p.qself.is_none() && p.path.is_ident("self") => {
                        let span = p.path.segments[0].ident.span();
                        p.path = Ident::new("__self", Span::call_site().located_at(span)).into();
                    }
                    a => self.visit_expr_mut(a),
                }
            }
            *mac = scan::rebuild_macro(mac, &args);
            return;
        }
        if self.nested == 0 && !scan::own_context_macro(mac) {
            if let Some(span) = scan::tokens_suspend(&mac.tokens) {
                let name = mac
                    .path
                    .segments
                    .last()
                    .map(|s| s.ident.to_string())
                    .unwrap_or_default();
                self.errors.push(syn::Error::new(
                    span,
                    format!(
                        "a suspension point inside `{name}!` cannot be seen by the lowering; \
                         bind its value with `let` before the macro call"
                    ),
                ));
            }
        }
        mac.tokens = rename_self(std::mem::take(&mut mac.tokens));
    }
}

/// `break 'l ::path` would parse as a labelled expression: such a value gets parentheses.
fn break_value(ts: TokenStream) -> TokenStream {
    match ts.clone().into_iter().next() {
        Some(TokenTree::Punct(p)) if p.as_char() == ':' => quote!((#ts)),
        _ => ts,
    }
}

/// `self` → `__self` inside the tokens of a macro we cannot parse (but not `self::path`).
fn rename_self(ts: TokenStream) -> TokenStream {
    let toks: Vec<TokenTree> = ts.into_iter().collect();
    let mut out = Vec::with_capacity(toks.len());
    for (i, t) in toks.iter().enumerate() {
        match t {
            TokenTree::Ident(id) if id == "self" => {
                let path =
                    matches!(toks.get(i + 1), Some(TokenTree::Punct(p)) if p.as_char() == ':');
                if path {
                    out.push(t.clone());
                } else {
                    out.push(TokenTree::Ident(Ident::new("__self", id.span())));
                }
            }
            TokenTree::Group(g) => {
                let mut ng = proc_macro2::Group::new(g.delimiter(), rename_self(g.stream()));
                ng.set_span(g.span());
                out.push(TokenTree::Group(ng));
            }
            _ => out.push(t.clone()),
        }
    }
    out.into_iter().collect()
}

/// `let <ident> = pin!(<e>);` (no `else`): the pinned expression.
fn pin_let(l: &syn::Local) -> Option<Expr> {
    let init = l.init.as_ref()?;
    if init.diverge.is_some() {
        return None;
    }
    let Expr::Macro(m) = &*init.expr else {
        return None;
    };
    if !scan::is_pin_macro(&m.mac) {
        return None;
    }
    m.mac.parse_body::<Expr>().ok()
}

/// An iterable whose items are shared references whatever the receiver's type: `&v`, and
/// the std iterators over borrowed data (`v.iter()`, `s.lines()`, `s.split(' ')`, …).
fn yields_references(iterable: &Expr) -> bool {
    match iterable {
        Expr::Reference(r) => r.mutability.is_none(),
        Expr::Paren(p) => yields_references(&p.expr),
        Expr::MethodCall(m) => matches!(
            m.method.to_string().as_str(),
            "iter"
                | "lines"
                | "split"
                | "rsplit"
                | "splitn"
                | "rsplitn"
                | "split_terminator"
                | "split_inclusive"
                | "split_whitespace"
                | "split_ascii_whitespace"
                | "keys"
                | "values"
                | "windows"
                | "chunks"
                | "chunks_exact"
                | "rchunks"
                | "matches"
        ),
        _ => false,
    }
}

/// A pattern that binds an item (or the fields of a tuple item) as it is: `x`, `(k, v)` —
/// not `&x`, which copies the value out.
fn binds_whole_items(pat: &Pat) -> bool {
    match pat {
        Pat::Ident(i) => i.by_ref.is_none() && i.subpat.is_none(),
        Pat::Tuple(t) => t.elems.iter().all(binds_whole_items),
        Pat::Paren(p) => binds_whole_items(&p.pat),
        Pat::Wild(_) => true,
        _ => false,
    }
}

/// The prefix a statement's suspension points were lowered into (`let mut __t0 = <point>;`)
/// and what is left of the statement, as one block: the hidden locals of the prefix are the
/// statement's temporaries, which rustc drops at the end of the statement (`let n =
/// f().await.0.len();` drops `f()`'s value there, not at the next point). `Err(last)` when
/// the prefix is empty or the statement's value is all of it (`let x = f().await;`: moved
/// whole, nothing is left to drop), with the prefix.
#[allow(clippy::result_large_err)]
fn statement_scope(prefix: Vec<Stmt>, last: Stmt) -> Result<SExpr, (Vec<Stmt>, Stmt)> {
    // (`x = f().await;` too: an assignment of the value whole, whose local the arms' copies
    // declare where it is assigned, `emit.rs`.)
    let whole = match &last.kind {
        StmtKind::Plain(syn::Stmt::Expr(e, _)) => match e {
            Expr::Path(_) => true,
            Expr::Assign(a) => matches!(&*a.right, Expr::Path(_)),
            Expr::Binary(b) => {
                scan::is_compound_assign(&b.op) && matches!(&*b.right, Expr::Path(_))
            }
            _ => false,
        },
        _ => false,
    };
    if prefix.is_empty() || whole {
        return Err((prefix, last));
    }
    let mut stmts = prefix;
    // The rest as the body of a `match` arm, the block's value: an arm's body is a
    // temporary scope of its own, so the rest's temporaries (`mk()` in `f().await.0.len() +
    // mk().0.len()`) are dropped before the prefix's hidden locals, where rustc drops a
    // statement's temporaries in reverse order of creation (a block's tail would keep them
    // past its locals in edition 2021); and the arm's value still has the block's expected
    // type (`Some(Box::new(n().await))` as an `Option<Box<dyn Debug>>`), which a `let` of it
    // would lose. (Not a `return`, `break` or `continue`: it leaves, dropping them first.)
    match last.kind {
        StmtKind::Plain(syn::Stmt::Expr(r, None))
            if !matches!(r, Expr::Return(_) | Expr::Break(_) | Expr::Continue(_)) =>
        {
            let arm = temporaries::in_arm(r);
            stmts.push(Stmt::plain(syn::Stmt::Expr(arm, None)));
        }
        _ => stmts.push(last),
    }
    Ok(SExpr::Block(Block::new(None, Vec::new(), stmts)))
}

/// A `let` initialiser whose temporaries the `let` keeps to the end of the local's scope
/// (rustc's temporary lifetime extension): `&e`, or a tuple, array or struct holding one.
pub fn extends_temporaries(e: &Expr) -> bool {
    match e {
        Expr::Reference(_) => true,
        Expr::Paren(p) => extends_temporaries(&p.expr),
        Expr::Group(g) => extends_temporaries(&g.expr),
        Expr::Tuple(t) => t.elems.iter().any(extends_temporaries),
        Expr::Array(a) => a.elems.iter().any(extends_temporaries),
        Expr::Struct(s) => s.fields.iter().any(|f| extends_temporaries(&f.expr)),
        Expr::Cast(c) => extends_temporaries(&c.expr),
        _ => false,
    }
}

/// `e` makes a closure or an `async` block, or names a local bound to one (`new_types`):
/// written twice, its value has two types.
/// The locals bound to a value that makes a type of its own (a closure, an `async` block),
/// as `Lowerer::lower_local` finds them.
fn new_type_locals(b: &syn::Block) -> std::collections::HashSet<String> {
    struct V(std::collections::HashSet<String>);
    impl<'a> syn::visit::Visit<'a> for V {
        fn visit_local(&mut self, l: &'a syn::Local) {
            if let (Some(i), Some((name, _))) = (&l.init, scan::simple_binding(&l.pat)) {
                if scan::writes_new_type(&i.expr) {
                    self.0.insert(name.to_string());
                }
            }
            syn::visit::visit_local(self, l);
        }
    }
    let mut v = V(Default::default());
    syn::visit::Visit::visit_block(&mut v, b);
    v.0
}

fn makes_new_type(new_types: &std::collections::HashSet<String>, e: &Expr) -> bool {
    // (`format!(..)` is a `String` whatever it formats: `format!("{port:?}")` with `port`
    // made by `arg.map(|p| p + 1)`.)
    if let Expr::Macro(m) = e {
        if m.mac
            .path
            .segments
            .last()
            .is_some_and(|s| s.ident == "format")
        {
            return false;
        }
    }
    let mut f = crate::names::FreeNames::default();
    syn::visit::Visit::visit_expr(&mut f, e);
    scan::writes_new_type(e) || f.out.iter().any(|n| new_types.contains(n))
}

/// `ref x` / `ref mut x` (with a type, `ref x: T`): the binding, its mutability and type.
fn by_ref_binding(p: &Pat) -> Option<(&Ident, bool, Option<&syn::Type>)> {
    match p {
        Pat::Ident(pi) if pi.by_ref.is_some() && pi.subpat.is_none() => {
            Some((&pi.ident, pi.mutability.is_some(), None))
        }
        Pat::Type(pt) => match by_ref_binding(&pt.pat)? {
            (i, m, None) => Some((i, m, Some(&*pt.ty))),
            _ => None,
        },
        _ => None,
    }
}

/// `let ref mut x = e;` is `let x = &mut e;` (the temporary of a value `e` is extended
/// either way), which the liveness stage knows as a borrow of `e` that can be taken again
/// after a resume (`rederive`).
///
/// from: `let ref mut v: Vec<u32> = __v;`
/// into: `let v: &mut Vec<u32> = &mut __v;`
fn by_ref_let(s: syn::Stmt) -> syn::Stmt {
    let syn::Stmt::Local(l) = &s else {
        return s;
    };
    let (Some((x, m, ty)), Some(init)) = (by_ref_binding(&l.pat), &l.init) else {
        return s;
    };
    if init.diverge.is_some() {
        return s;
    }
    let (attrs, e) = (&l.attrs, &init.expr);
    let m = m.then(|| quote!(mut));
    let ty = ty.map(|t| quote!(: &#m #t));
    syn::parse_quote!(#(#attrs)* let #x #ty = &#m #e;)
}

/// The temporary a `let x = &e;` keeps alive, when it is a call's result (`&v.len()`,
/// `&f().field`, `&format!(..)`, `&vec![..]`): the call, and the fields taken of it. (Not a
/// literal or a constant struct, whose reference is promoted to `'static` instead.)
fn extended_temporary(e: &Expr) -> Option<(&Expr, Vec<&syn::Member>)> {
    let mut fields = Vec::new();
    let mut e = e;
    while let Expr::Field(f) = e {
        fields.push(&f.member);
        e = &f.base;
    }
    fields.reverse();
    let call = match e {
        Expr::Call(_) | Expr::MethodCall(_) => true,
        Expr::Macro(m) => scan::makes_a_value(&m.mac),
        _ => false,
    };
    call.then_some((e, fields))
}

/// Whether a statement pins the local `name` where it is: `let s = pin!(name);`,
/// `pin_mut!(name);`, `tokio::pin!(name);`.
fn pins(s: &syn::Stmt, name: &Ident) -> bool {
    match s {
        syn::Stmt::Local(l) => l.init.as_ref().is_some_and(|i| {
            matches!(&*i.expr, Expr::Macro(m) if scan::is_pin_macro(&m.mac)
                && scan::mentions(&m.mac.tokens, name))
        }),
        syn::Stmt::Macro(m) => {
            scan::pin_in_place(&m.mac).is_some_and(|names| names.iter().any(|n| n == name))
        }
        _ => false,
    }
}

/// Every identifier in `e`'s tokens (a macro's too): the names its code may touch.
fn token_names(e: &Expr) -> Vec<String> {
    let mut out = std::collections::HashSet::new();
    scan::idents_in(&quote::ToTokens::to_token_stream(e), &mut out);
    out.into_iter().collect()
}

/// The names `e`'s code may write: under a `&mut`, assigned, a method's receiver (its autoref
/// may be `&mut`), in a macro's or a closure's tokens. A deferred operand is a place read by
/// value, so of a `Copy` type (a moved one could not be named again): nothing else changes
/// it (a `&x` cannot, a `Copy` value has no cell; an alias taken earlier cannot be used while
/// the place is read).
fn may_write(e: &Expr) -> Vec<String> {
    use syn::visit::Visit;
    struct V(Vec<String>);
    impl<'ast> Visit<'ast> for V {
        fn visit_expr(&mut self, e: &'ast Expr) {
            match e {
                Expr::Reference(r) if r.mutability.is_some() => self.0.extend(token_names(&r.expr)),
                Expr::Assign(a) => {
                    self.0.extend(token_names(&a.left));
                    self.visit_expr(&a.right);
                }
                Expr::Binary(b) if scan::is_compound_assign(&b.op) => {
                    self.0.extend(token_names(&b.left));
                    self.visit_expr(&b.right);
                }
                Expr::MethodCall(m) => {
                    self.0.extend(token_names(&m.receiver));
                    m.args.iter().for_each(|a| self.visit_expr(a));
                }
                Expr::Macro(_) | Expr::Closure(_) | Expr::Async(_) => self.0.extend(token_names(e)),
                e => syn::visit::visit_expr(self, e),
            }
        }
        fn visit_macro(&mut self, m: &'ast syn::Macro) {
            let e: Expr = Expr::Macro(syn::ExprMacro {
                attrs: Vec::new(),
                mac: m.clone(),
            });
            self.0.extend(token_names(&e));
        }
    }
    let mut v = V(Vec::new());
    v.visit_expr(e);
    v.0
}

/// An assertion whose message suspends (`assert!`, `assert_eq!`, `assert_ne!`, their
/// `debug_` forms), written as the test, then — only if it fails — the message's arguments
/// each bound in order (a named one keeps its name), then the same assertion with them,
/// which fails again with rustc's message. `None` for another macro.
fn failing_assertion(mac: &syn::Macro, args: Vec<Expr>, always: usize) -> Option<Expr> {
    let name = mac.path.segments.last()?.ident.to_string();
    let base = name.strip_prefix("debug_").unwrap_or(&name);
    if !matches!(base, "assert" | "assert_eq" | "assert_ne") || args.len() <= always {
        return None;
    }
    let span = mac.span();
    let assert = Ident::new(base, span);
    let mut args = args.into_iter();
    let tested: Vec<Expr> = args.by_ref().take(always).collect();
    let format = args.next()?;
    let mut binds = Vec::new();
    let mut passed = Vec::new();
    for (k, a) in args.enumerate() {
        let t = Ident::new(&format!("__assert_arg{k}"), Span::mixed_site());
        match a {
            Expr::Assign(named) if matches!(&*named.left, Expr::Path(_)) => {
                let (n, v) = (&named.left, &named.right);
                binds.push(quote::quote!(let #t = #v;));
                passed.push(quote::quote!(#n = #t));
            }
            v => {
                binds.push(quote::quote!(let #t = #v;));
                passed.push(quote::quote!(#t));
            }
        }
    }
    let (l, r) = (
        Ident::new("__assert_left", Span::mixed_site()),
        Ident::new("__assert_right", Span::mixed_site()),
    );
    let body: Expr = match tested.as_slice() {
        [cond] => syn::parse_quote_spanned!(span=> if !(#cond) {
            #(#binds)*
            ::stackless::__private::core::panic!(#format, #(#passed),*)
        }),
        [a, b] => {
            let test = if base == "assert_eq" {
                quote::quote!(*#l == *#r)
            } else {
                quote::quote!(*#l != *#r)
            };
            syn::parse_quote_spanned!(span=> match (&(#a), &(#b)) {
                (#l, #r) => if !(#test) {
                    #(#binds)*
                    ::stackless::__private::core::#assert!(*#l, *#r, #format, #(#passed),*)
                }
            })
        }
        _ => return None,
    };
    Some(if base != name {
        syn::parse_quote_spanned!(span=> if ::stackless::__private::core::cfg!(debug_assertions) { #body })
    } else {
        body
    })
}
