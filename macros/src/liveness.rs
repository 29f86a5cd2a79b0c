//! Stage 3 — liveness: which locals each suspension point must carry.
//!
//! Every statement gets a position in textual order, every name a binding (`Local`). A
//! local `L` in scope at suspension point `p` is carried across `p` when
//!
//! 1. `L` is mentioned after `p` — in the rest of a block around `p` that control can still
//!    reach, or in the next iteration of a loop around `p` that `L` was declared outside of
//!    (and that control can re-enter, see `flow.rs`) — or
//! 2. `L` has not been mentioned at all since it was bound and its initialiser is not a
//!    plain literal: an RAII guard such as `let _permit = sem.acquire();` keeps its
//!    scope-end drop.
//!
//! Every other local is dead at `p` and is dropped there, when the step returns. (A local
//! whose next use on every path is an assignment is not carried either; only its binding
//! is.) Mentions
//! are syntactic (a path, a struct-shorthand field, a name in a macro, a format string's
//! `{x}`), which is what decides whether the code after `p` compiles without `L`.
//!
//! from: `let buf = [0u8; 1024]; let n = sum(&buf); yield_!(n); let i = 0; yield_!(i);`
//! into: first point carries nothing (`buf` and `n` are not mentioned after it);
//!       the second carries nothing either (`i` is a literal, mentioned before it).

use proc_macro2::Span;
use syn::visit::Visit;
use syn::{Expr, Ident, Pat};

use crate::flow::{overwritten_first, Chain};
use crate::ir::{Block, Body, SExpr, StmtKind};
use crate::names::{rename, FreeNames};
use crate::scan;

pub struct Local {
    /// The binding's identifier, as written.
    pub ident: Ident,
    pub mutable: bool,
    /// The block (`Block::scope`) it is declared in.
    pub scope: usize,
    /// Position of its declaration.
    pub pos: usize,
    /// Declared by `let x = <literal>;`.
    pub literal: bool,
}

pub struct Liveness {
    pub locals: Vec<Local>,
    /// For each suspension point: the locals it carries, in declaration order.
    pub live: Vec<Vec<usize>>,
    /// For each suspension point: the carried locals that code after it mentions (the
    /// others are carried only to keep their drop at scope end).
    pub mentioned_after: Vec<Vec<usize>>,
    /// For each suspension point: locals whose old value is dead there because the code after
    /// it assigns them before reading them; the resumed arm declares them uninitialised.
    pub declared_only: Vec<Vec<usize>>,
    /// For each suspension point: how to reach it from the body block (a statement index at
    /// each block, a branch index at each `if`/`match`).
    pub paths: Vec<Vec<usize>>,
}

pub fn analyse(body: &mut Body, trivial_resume: bool) -> syn::Result<Liveness> {
    let mut w = Walker {
        env: Vec::new(),
        locals: Vec::new(),
        mentions: Vec::new(),
        pos: 0,
        scopes: 0,
        point_pos: vec![0; body.points.len()],
        paths: vec![Vec::new(); body.points.len()],
        path: Vec::new(),
        operands: body.points.iter().map(|p| p.operand.clone()).collect(),
        awaits: body
            .points
            .iter()
            .map(|p| p.kind == crate::ir::PointKind::Await)
            .collect(),
        trivial_resume,
        trivial_params: body.trivial_params.clone(),
        holds: Vec::new(),
        await_borrows: Vec::new(),
        overwrites: Vec::new(),
    };
    w.block(&mut body.block, None);
    let Walker {
        locals,
        mentions,
        point_pos,
        paths,
        holds,
        await_borrows,
        overwrites,
        ..
    } = w;

    let mut live = Vec::new();
    let mut mentioned_after = Vec::new();
    let mut declared_only = Vec::new();
    let mut renames: Vec<usize> = Vec::new();
    let mut errors: Option<syn::Error> = None;
    for (q, path) in paths.iter().enumerate() {
        let p = point_pos[q];
        let chain = Chain::new(&body.block, path);
        let (scopes, ranges) = chain.frames();
        // A loop's next iteration matters only to locals declared before the loop: one
        // declared inside is declared afresh before the next iteration can mention it.
        let in_range = |m: usize, decl: usize| {
            ranges
                .iter()
                .any(|(r, is_loop)| r.start <= m && m < r.end && (!is_loop || decl < r.start))
        };
        let mut carried = Vec::new();
        let mut after_set = Vec::new();
        let mut declared = Vec::new();
        for (id, l) in locals.iter().enumerate() {
            if l.pos >= p || !scopes.contains(&l.scope) {
                continue;
            }
            let ms = &mentions[id];
            let after = ms.iter().any(|&m| in_range(m, l.pos));
            let since = ms.iter().any(|&m| l.pos < m && m <= p);
            if after && overwritten_first(&chain, &mentions[id], &overwrites, id, l.scope) {
                // Its value is not needed (the next thing done with it is an assignment), only
                // its binding: moved out here (`take(x).await; x = …`) is fine.
                declared.push(id);
                continue;
            }
            if after || (!since && !l.literal) {
                carried.push(id);
            }
            if after {
                after_set.push(id);
            }
        }
        mentioned_after.push(after_set);
        declared_only.push(declared);
        for &(holder, borrowed, span) in &holds {
            if carried.contains(&holder) {
                let e = syn::Error::new(
                    span,
                    format!(
                        "`{}` is a local of this coroutine, and this borrow of it is kept across \
                         a suspension point; a stackless coroutine moves its locals between \
                         suspension points, so it cannot hold references to them yet. Iterate \
                         by index or by value, or borrow data that a parameter owns",
                        locals[borrowed].ident
                    ),
                );
                push_error(&mut errors, e);
            }
        }
        // A carried local hidden by a later binding of the same name cannot be named where
        // the state is saved: the later binding is renamed.
        for &id in &carried {
            let l = &locals[id];
            for (mid, m) in locals.iter().enumerate() {
                if m.ident == l.ident
                    && m.pos > l.pos
                    && m.pos < p
                    && scopes.contains(&m.scope)
                    && !renames.contains(&mid)
                {
                    renames.push(mid);
                }
            }
        }
        live.push(carried);
    }
    for &(_, borrowed, span) in &await_borrows {
        let e = syn::Error::new(
            span,
            format!(
                "the future awaited here borrows `{}`, a local of this coroutine; a stackless \
                 coroutine moves its locals between suspension points, so a future that borrows \
                 one cannot be kept across the `.await` yet. Pass the data in through a \
                 parameter (`&mut [u8]`), or use an API that takes an owned buffer",
                locals[borrowed].ident
            ),
        );
        push_error(&mut errors, e);
    }
    if let Some(e) = errors {
        return Err(e);
    }
    let mut live_out = Liveness {
        locals,
        live,
        mentioned_after,
        declared_only,
        paths,
    };
    for mid in renames {
        rename(body, &mut live_out, mid);
    }
    Ok(live_out)
}

fn push_error(all: &mut Option<syn::Error>, e: syn::Error) {
    match all {
        Some(a) => a.combine(e),
        None => *all = Some(e),
    }
}

struct Walker {
    /// Names in scope, innermost last.
    env: Vec<(String, usize)>,
    locals: Vec<Local>,
    /// Positions at which each local is mentioned.
    mentions: Vec<Vec<usize>>,
    pos: usize,
    scopes: usize,
    point_pos: Vec<usize>,
    paths: Vec<Vec<usize>>,
    path: Vec<usize>,
    operands: Vec<Expr>,
    /// Which suspension points are `.await`s.
    awaits: Vec<bool>,
    /// The resume argument's type certainly has no drop glue (`()`, integers, references…).
    trivial_resume: bool,
    /// Body statements binding parameters whose type has no drop glue.
    trivial_params: Vec<usize>,
    /// Locals whose value certainly holds a borrow of another local: (holder, borrowed,
    /// where).
    holds: Vec<(usize, usize, Span)>,
    /// Awaited futures that certainly borrow a local: (point, borrowed, where).
    await_borrows: Vec<(usize, usize, Span)>,
    /// Statements `x = e;` that overwrite a local without reading it: (position, local).
    overwrites: Vec<(usize, usize)>,
}

/// `&x` / `&mut x` of a plain name: certainly a borrow of that variable itself.
fn bare_borrow(e: &Expr) -> Option<(String, Span)> {
    match e {
        Expr::Reference(r) => match &*r.expr {
            Expr::Path(p) if p.qself.is_none() => p
                .path
                .get_ident()
                .map(|i| (i.to_string(), r.and_token.span)),
            Expr::Paren(inner) => bare_borrow(&Expr::Reference(syn::ExprReference {
                expr: inner.expr.clone(),
                ..r.clone()
            })),
            _ => None,
        },
        Expr::Paren(p) => bare_borrow(&p.expr),
        _ => None,
    }
}

/// The bare borrows passed directly to the outermost call of an expression.
fn argument_borrows(e: &Expr) -> Vec<(String, Span)> {
    match e {
        Expr::Call(c) => c.args.iter().filter_map(bare_borrow).collect(),
        Expr::MethodCall(m) => m.args.iter().filter_map(bare_borrow).collect(),
        Expr::Paren(p) => argument_borrows(&p.expr),
        _ => Vec::new(),
    }
}

impl Walker {
    fn resolve(&self, name: &str) -> Option<usize> {
        self.env
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|&(_, id)| id)
    }

    fn next(&mut self) -> usize {
        self.pos += 1;
        self.pos - 1
    }

    fn declare(&mut self, pat: &Pat, scope: usize, pos: usize, literal: bool) {
        let mut names = Vec::new();
        scan::pat_bindings(pat, &mut names);
        for (ident, mutable) in names {
            let id = self.locals.len();
            self.env.push((ident.to_string(), id));
            self.locals.push(Local {
                ident,
                mutable,
                scope,
                pos,
                literal,
            });
            self.mentions.push(Vec::new());
        }
    }

    fn mention_names(&mut self, names: Vec<String>, pos: usize) {
        for n in names {
            if let Some(&(_, id)) = self.env.iter().rev().find(|(k, _)| *k == n) {
                self.mentions[id].push(pos);
            }
        }
    }

    fn mention_expr(&mut self, e: &Expr, pos: usize) {
        let mut f = FreeNames::default();
        f.visit_expr(e);
        self.mention_names(f.out, pos);
    }

    fn block(&mut self, b: &mut Block, guard: Option<&Expr>) {
        b.scope = self.scopes;
        self.scopes += 1;
        b.range.start = self.pos;
        let env = self.env.len();
        let p = self.next();
        for pat in &b.binds {
            self.declare(pat, b.scope, p, b.trivial_binds);
        }
        if let Some(g) = guard {
            // The guard runs after the arm's bindings are bound.
            let gp = self.next();
            self.mention_expr(g, gp);
        }
        for (i, s) in b.stmts.iter_mut().enumerate() {
            self.path.push(i);
            s.range.start = self.pos;
            match &mut s.kind {
                StmtKind::Plain(stmt) => {
                    let p = self.next();
                    match stmt {
                        syn::Stmt::Local(l) => {
                            let mut literal = false;
                            let mut borrows = Vec::new();
                            if let Some(init) = &l.init {
                                self.mention_expr(&init.expr, p);
                                if let Some((_, e)) = &init.diverge {
                                    self.mention_expr(e, p);
                                }
                                literal = is_literal(&init.expr)
                                    || (b.scope == 0 && self.trivial_params.contains(&i));
                                // `let r = &v;`, and the iterator of `for x in &v`.
                                let hidden_iter = matches!(&l.pat, Pat::Ident(pi) if pi.ident.to_string().starts_with("__iter"));
                                borrows = if hidden_iter {
                                    argument_borrows(&init.expr)
                                } else {
                                    bare_borrow(&init.expr).into_iter().collect()
                                };
                            }
                            let borrowed: Vec<(usize, Span)> = borrows
                                .iter()
                                .filter_map(|(n, sp)| self.resolve(n).map(|id| (id, *sp)))
                                .collect();
                            let first = self.locals.len();
                            let pat = l.pat.clone();
                            self.declare(&pat, b.scope, p, literal);
                            for holder in first..self.locals.len() {
                                for &(id, sp) in &borrowed {
                                    self.holds.push((holder, id, sp));
                                }
                            }
                        }
                        other => {
                            let mut f = FreeNames::default();
                            f.visit_stmt(other);
                            // `x = <expr not mentioning x>;` overwrites `x` without reading it.
                            if let syn::Stmt::Expr(Expr::Assign(a), _) = other {
                                if let Expr::Path(lhs) = &*a.left {
                                    if let Some(name) = lhs.path.get_ident().map(|i| i.to_string())
                                    {
                                        let once =
                                            f.out.iter().filter(|n| **n == name).count() == 1;
                                        if let (true, Some(id)) = (once, self.resolve(&name)) {
                                            self.overwrites.push((p, id));
                                        }
                                    }
                                }
                            }
                            self.mention_names(f.out, p);
                        }
                    }
                }
                StmtKind::Let { pat, init, .. } => {
                    self.sexpr(init);
                    let p = self.next();
                    let pat = pat.clone();
                    // `let x = yield_!(..);` with a resume type without drop glue: like a
                    // literal, nothing is lost by dropping it early.
                    let trivial = matches!(init, SExpr::Suspend(q) if !self.awaits[*q] && self.trivial_resume);
                    self.declare(&pat, b.scope, p, trivial);
                }
                StmtKind::Expr { expr, .. } => self.sexpr(expr),
            }
            s.range.end = self.pos;
            self.path.pop();
        }
        self.env.truncate(env);
        b.range.end = self.pos;
    }

    fn sexpr(&mut self, e: &mut SExpr) {
        match e {
            SExpr::Suspend(q) => {
                let q = *q;
                let p = self.next();
                let op = self.operands[q].clone();
                self.mention_expr(&op, p);
                // An awaited future is stored in the state: a borrow passed to the call that
                // makes it is held across the await. (A yielded value is not stored.)
                if self.awaits[q] {
                    for (n, sp) in argument_borrows(&op) {
                        if let Some(id) = self.resolve(&n) {
                            self.await_borrows.push((q, id, sp));
                        }
                    }
                }
                self.point_pos[q] = p;
                self.paths[q] = self.path.clone();
            }
            SExpr::Block(b) => self.block(b, None),
            SExpr::If {
                cond, then, els, ..
            } => {
                let p = self.next();
                let c = cond.clone();
                self.mention_expr(&c, p);
                self.path.push(0);
                self.block(then, None);
                self.path.pop();
                if let Some(els) = els {
                    self.path.push(1);
                    self.block(els, None);
                    self.path.pop();
                }
            }
            SExpr::Match { scrutinee, arms } => {
                let p = self.next();
                let s = scrutinee.clone();
                self.mention_expr(&s, p);
                for (i, arm) in arms.iter_mut().enumerate() {
                    self.path.push(i);
                    let guard = arm.guard.clone();
                    self.block(&mut arm.body, guard.as_ref());
                    self.path.pop();
                }
            }
            SExpr::Loop { body, .. } => self.block(body, None),
        }
    }
}

fn is_literal(e: &Expr) -> bool {
    match e {
        Expr::Lit(_) => true,
        Expr::Unary(u) if matches!(u.op, syn::UnOp::Neg(_)) => is_literal(&u.expr),
        Expr::Paren(p) => is_literal(&p.expr),
        _ => false,
    }
}
