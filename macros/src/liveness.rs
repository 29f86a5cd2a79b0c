//! Stage 3 — liveness: which locals each suspension point must carry.
//!
//! Every statement gets a position in textual order, every name a binding (`Local`). A
//! local `L` in scope at suspension point `p` is carried across `p` when
//!
//! 1. `L` is mentioned after `p` — in the rest of each block around `p`, or anywhere in a
//!    loop around `p` (the next iteration) — or
//! 2. `L` has not been mentioned at all since it was bound and its initialiser is not a
//!    plain literal: an RAII guard such as `let _permit = sem.acquire();` keeps its
//!    scope-end drop.
//!
//! Every other local is dead at `p` and is dropped there, when the step returns. Mentions
//! are syntactic (a path, a struct-shorthand field, a name in a macro, a format string's
//! `{x}`), which is what decides whether the code after `p` compiles without `L`.
//!
//! from: `let buf = [0u8; 1024]; let n = sum(&buf); yield_!(n); let i = 0; yield_!(i);`
//! into: first point carries nothing (`buf` and `n` are not mentioned after it);
//!       the second carries nothing either (`i` is a literal, mentioned before it).

use proc_macro2::{Span, TokenStream, TokenTree};
use syn::visit::Visit;
use syn::{Expr, Ident, Pat};

use crate::ir::{Block, Body, Range, SExpr, StmtKind};
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
        let (scopes, ranges) = frames(&body.block, path);
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
            if after
                && overwritten_first(&body.block, path, &mentions[id], &overwrites, id, l.scope)
            {
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

/// Whether, on every path from the suspension point, the next thing done with `id` is an
/// assignment `id = e;` (or nothing, before its scope ends): then its value is dead at the
/// point and only its binding is needed. Follows the rest of each enclosing block outwards,
/// and around loops into their next iteration (seeing through the heads of lowered `while`
/// and `for` loops); any `break`/`continue` met on the way, or a mention inside a lowered
/// construct, gives up.
fn overwritten_first(
    root: &Block,
    path: &[usize],
    mentions: &[usize],
    overwrites: &[(usize, usize)],
    id: usize,
    decl_scope: usize,
) -> bool {
    enum Link<'a> {
        Loop(&'a Block, &'a syn::Lifetime),
        Branch,
    }
    let cx = Scanner {
        mentions,
        overwrites,
        id,
    };
    // The chain of blocks down to the point, as in `frames`.
    let mut chain: Vec<(&Block, usize)> = Vec::new();
    let mut links: Vec<Link> = Vec::new();
    let mut block = root;
    let mut k = 0;
    loop {
        let i = path[k];
        k += 1;
        chain.push((block, i));
        let e = match &block.stmts[i].kind {
            StmtKind::Let { init, .. } => init,
            StmtKind::Expr { expr, .. } => expr,
            StmtKind::Plain(_) => return false,
        };
        let (next, link) = match e {
            SExpr::Suspend(_) => break,
            SExpr::Block(b) => (b, Link::Branch),
            SExpr::If { then, els, .. } => {
                k += 1;
                let b = if path[k - 1] == 0 {
                    then
                } else {
                    els.as_ref().expect("else branch")
                };
                (b, Link::Branch)
            }
            SExpr::Match { arms, .. } => {
                k += 1;
                (&arms[path[k - 1]].body, Link::Branch)
            }
            SExpr::Loop { label, body } => (body, Link::Loop(body, label)),
        };
        links.push(link);
        block = next;
    }
    let mut j = chain.len() - 1;
    let (b, i) = chain[j];
    match cx.scan(&b.stmts[i + 1..]) {
        Scan::Overwrite => return true,
        Scan::Read => return false,
        Scan::FallOff => {}
    }
    loop {
        // Fell off the end of block `j`.
        if chain[j].0.scope == decl_scope || j == 0 {
            return true;
        }
        if let Link::Loop(body, label) = links[j - 1] {
            // The next iteration, then (below) the way out of the loop.
            if !cx.iteration(body, label) {
                return false;
            }
        }
        j -= 1;
        let (b, i) = chain[j];
        match cx.scan(&b.stmts[i + 1..]) {
            Scan::Overwrite => return true,
            Scan::Read => return false,
            Scan::FallOff => {}
        }
    }
}

enum Scan {
    Overwrite,
    Read,
    FallOff,
}

struct Scanner<'a> {
    mentions: &'a [usize],
    overwrites: &'a [(usize, usize)],
    id: usize,
}

impl Scanner<'_> {
    fn mentioned(&self, r: Range) -> bool {
        self.mentions.iter().any(|&m| r.start <= m && m < r.end)
    }

    fn scan(&self, stmts: &[crate::ir::Stmt]) -> Scan {
        for s in stmts {
            let here = self.mentioned(s.range);
            match &s.kind {
                // A statement that may leave the block (`break`, `continue`) before the
                // assignment would leave the local unassigned on that path.
                StmtKind::Plain(stmt) if may_jump(stmt) => return Scan::Read,
                StmtKind::Plain(_) if !here => continue,
                StmtKind::Plain(_) if self.overwrites.contains(&(s.range.start, self.id)) => {
                    return Scan::Overwrite
                }
                StmtKind::Plain(_) => return Scan::Read,
                // A lowered statement (another suspension point, a construct around one) that
                // neither names the local nor can jump out: look past it.
                _ if !here && !stmt_may_jump(s) => continue,
                _ => return Scan::Read,
            }
        }
        Scan::FallOff
    }

    /// A fresh iteration of the loop `label` with this body: true when it overwrites the
    /// local before reading it (or never names it).
    fn iteration(&self, body: &Block, label: &syn::Lifetime) -> bool {
        for (n, s) in body.stmts.iter().enumerate() {
            let head_only = |rest: &Block| {
                // The statement's own position is where its condition or scrutinee is read.
                !self.mentions.contains(&s.range.start)
                    && rest.stmts.len() == 1
                    && matches!(&rest.stmts[0].kind, StmtKind::Plain(syn::Stmt::Expr(Expr::Break(b), _))
                        if b.label.as_ref().is_some_and(|l| l.ident == label.ident))
            };
            let inner = match &s.kind {
                // `while cond { body }` → `if cond { body } else { break 'l }`
                StmtKind::Expr {
                    expr:
                        SExpr::If {
                            then,
                            els: Some(els),
                            ..
                        },
                    ..
                } if head_only(els) => Some(then),
                // `for p in it { body }` → `match next(&mut it) { None => break 'l, Some(p) => body }`
                StmtKind::Expr {
                    expr: SExpr::Match { arms, .. },
                    ..
                } if arms.len() == 2 && head_only(&arms[0].body) => Some(&arms[1].body),
                _ => None,
            };
            if let Some(inner) = inner {
                if n + 1 != body.stmts.len() {
                    return false;
                }
                return self.iteration_block(inner);
            }
            match self.scan(std::slice::from_ref(s)) {
                Scan::Overwrite => return true,
                Scan::Read => return false,
                Scan::FallOff => {}
            }
        }
        true
    }

    fn iteration_block(&self, b: &Block) -> bool {
        !matches!(self.scan(&b.stmts), Scan::Read)
    }
}

/// `may_jump` for a lowered statement: any `break`/`continue` in the code it holds.
fn stmt_may_jump(s: &crate::ir::Stmt) -> bool {
    fn block(b: &Block) -> bool {
        b.stmts.iter().any(stmt_may_jump)
    }
    fn sexpr(e: &SExpr) -> bool {
        match e {
            SExpr::Suspend(_) => false,
            SExpr::Block(b) => block(b),
            SExpr::If { then, els, .. } => block(then) || els.as_ref().is_some_and(block),
            SExpr::Match { arms, .. } => arms.iter().any(|a| block(&a.body)),
            SExpr::Loop { .. } => true,
        }
    }
    match &s.kind {
        StmtKind::Plain(stmt) => may_jump(stmt),
        StmtKind::Let { init, .. } => sexpr(init),
        StmtKind::Expr { expr, .. } => sexpr(expr),
    }
}

/// Whether a statement contains a `break` or `continue` (other than a `return`, which
/// ends the coroutine) outside closures.
fn may_jump(s: &syn::Stmt) -> bool {
    fn scan(ts: TokenStream) -> bool {
        let toks: Vec<TokenTree> = ts.into_iter().collect();
        toks.iter().enumerate().any(|(i, t)| match t {
            TokenTree::Ident(id) if id == "continue" => true,
            TokenTree::Ident(id) if id == "break" => {
                !matches!(toks.get(i + 2), Some(TokenTree::Ident(l)) if l == "__body")
            }
            TokenTree::Group(g) => scan(g.stream()),
            _ => false,
        })
    }
    scan(quote::quote!(#s))
}

/// The scopes around a suspension point, and the position ranges from which control can
/// continue after it: the rest of each enclosing block and every enclosing loop.
fn frames(root: &Block, path: &[usize]) -> (Vec<usize>, Vec<(Range, bool)>) {
    /// What holds the next block of the chain.
    enum Link<'a> {
        /// A loop, with its label.
        Loop(&'a syn::Lifetime),
        /// A branch of an `if`/`match`, or a block (with its label, if any).
        Branch(Option<&'a syn::Lifetime>),
    }
    let mut scopes = Vec::new();
    let mut ranges = Vec::new();
    // The blocks from the body down to the point, with the index of the statement that
    // holds it, and what links each to the next.
    let mut chain: Vec<(&Block, usize)> = Vec::new();
    let mut links: Vec<Link> = Vec::new();
    let mut block = root;
    let mut k = 0;
    loop {
        scopes.push(block.scope);
        let i = path[k];
        let stmt = &block.stmts[i];
        k += 1;
        chain.push((block, i));
        let e = match &stmt.kind {
            StmtKind::Let { init, .. } => init,
            StmtKind::Expr { expr, .. } => expr,
            StmtKind::Plain(_) => unreachable!("paths lead to suspension points"),
        };
        let (next, link) = match e {
            SExpr::Suspend(_) => break,
            SExpr::Block(b) => (b, Link::Branch(b.label.as_ref())),
            SExpr::If { then, els, .. } => {
                k += 1;
                let b = if path[k - 1] == 0 {
                    then
                } else {
                    els.as_ref().expect("else branch")
                };
                (b, Link::Branch(None))
            }
            SExpr::Match { arms, .. } => {
                k += 1;
                (&arms[path[k - 1]].body, Link::Branch(None))
            }
            SExpr::Loop { label, body } => (body, Link::Loop(label)),
        };
        links.push(link);
        block = next;
    }
    // From the innermost block outwards: can control, after the point, reach the rest of
    // each block (leave the construct holding the point normally)?
    let n = chain.len() - 1;
    let mut rest_reachable = vec![true; n + 1];
    let mut falls_off = vec![false; n + 1];
    for j in (0..=n).rev() {
        if j < n {
            let inner = &chain[j + 1..];
            rest_reachable[j] = match links[j] {
                Link::Branch(label) => {
                    falls_off[j + 1] || label.is_some_and(|l| breaks_in_rest(inner, l))
                }
                Link::Loop(l) => {
                    (next_iteration_reachable(inner, l) && block_breaks(chain[j + 1].0, l))
                        || breaks_in_rest(inner, l)
                }
            };
        }
        let (b, i) = chain[j];
        falls_off[j] = rest_reachable[j] && !b.stmts[i + 1..].iter().any(exits);
    }
    for (j, (b, i)) in chain.iter().enumerate() {
        if rest_reachable[j] {
            ranges.push((
                Range {
                    start: b.stmts[*i].range.end,
                    end: b.range.end,
                },
                false,
            ));
        }
    }
    for (j, link) in links.iter().enumerate() {
        if let Link::Loop(label) = link {
            if next_iteration_reachable(&chain[j + 1..], label) {
                ranges.push((chain[j + 1].0.range, true));
            }
        }
    }
    (scopes, ranges)
}

/// A statement that always leaves its block: `break`, `continue`, `return` (as `break
/// '__body`).
fn exits(s: &crate::ir::Stmt) -> bool {
    matches!(
        &s.kind,
        StmtKind::Plain(syn::Stmt::Expr(Expr::Break(_) | Expr::Continue(_), _))
    )
}

/// Whether any code in the statements after the point, at any level of `chain`, breaks
/// out to `label`.
fn breaks_in_rest(chain: &[(&Block, usize)], label: &syn::Lifetime) -> bool {
    chain
        .iter()
        .any(|(b, i)| b.stmts[i + 1..].iter().any(|s| stmt_breaks(s, label)))
}

fn block_breaks(b: &Block, label: &syn::Lifetime) -> bool {
    b.stmts.iter().any(|s| stmt_breaks(s, label))
}

/// Whether a lowered statement holds a `break 'label` anywhere.
fn stmt_breaks(s: &crate::ir::Stmt, label: &syn::Lifetime) -> bool {
    fn sexpr(e: &SExpr, label: &syn::Lifetime) -> bool {
        match e {
            SExpr::Suspend(_) => false,
            SExpr::Block(b) | SExpr::Loop { body: b, .. } => block_breaks(b, label),
            SExpr::If { then, els, .. } => {
                block_breaks(then, label) || els.as_ref().is_some_and(|e| block_breaks(e, label))
            }
            SExpr::Match { arms, .. } => arms.iter().any(|a| block_breaks(&a.body, label)),
        }
    }
    match &s.kind {
        StmtKind::Plain(stmt) => {
            let ts = quote::quote!(#stmt);
            crate::emit::mentions_label(&ts, "break", label)
        }
        StmtKind::Let { init, .. } => sexpr(init, label),
        StmtKind::Expr { expr, .. } => sexpr(expr, label),
    }
}

/// Whether, from the suspension point, control can come back to the start of the loop
/// labelled `label`, whose body is `chain[0]`: scanning the rest of each block outwards, a
/// `break` out of the loop (or a `return`) met before any `continue` means it cannot.
fn next_iteration_reachable(chain: &[(&Block, usize)], label: &syn::Lifetime) -> bool {
    for (block, i) in chain.iter().rev() {
        for s in &block.stmts[i + 1..] {
            match &s.kind {
                // `continue` of a loop around this one leaves it too.
                StmtKind::Plain(syn::Stmt::Expr(Expr::Continue(c), _)) => {
                    return match &c.label {
                        Some(l) => l.ident == label.ident || inner_label(chain, l),
                        None => true,
                    };
                }
                StmtKind::Plain(stmt) if mentions_continue(stmt) => return true,
                StmtKind::Plain(syn::Stmt::Expr(Expr::Break(b), _)) => {
                    let leaves = match &b.label {
                        Some(l) => {
                            l.ident == label.ident || l.ident == "__body" || !inner_label(chain, l)
                        }
                        None => false,
                    };
                    if leaves {
                        return false;
                    }
                    return true;
                }
                StmtKind::Plain(_) => {}
                _ if stmt_may_jump(s) => return true,
                _ => {}
            }
        }
    }
    true
}

/// Whether `l` labels a loop or block nested inside the loop body that `chain` starts with.
fn inner_label(chain: &[(&Block, usize)], l: &syn::Lifetime) -> bool {
    chain.iter().any(|(b, i)| {
        b.label.as_ref().is_some_and(|bl| bl.ident == l.ident)
            || match &b.stmts[*i].kind {
                StmtKind::Let {
                    init: SExpr::Loop { label, .. },
                    ..
                }
                | StmtKind::Expr {
                    expr: SExpr::Loop { label, .. },
                    ..
                } => label.ident == l.ident,
                _ => false,
            }
    })
}

fn mentions_continue(s: &syn::Stmt) -> bool {
    fn scan(ts: TokenStream) -> bool {
        ts.into_iter().any(|t| match t {
            TokenTree::Ident(id) => id == "continue",
            TokenTree::Group(g) => scan(g.stream()),
            _ => false,
        })
    }
    scan(quote::quote!(#s))
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
            self.declare(pat, b.scope, p, false);
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
                                literal = is_literal(&init.expr);
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

/// The names a piece of code mentions that are not bound inside it.
#[derive(Default)]
pub struct FreeNames {
    bound: Vec<String>,
    pub out: Vec<String>,
}

impl FreeNames {
    fn bind(&mut self, p: &Pat) {
        let mut v = Vec::new();
        scan::pat_bindings(p, &mut v);
        self.bound.extend(v.into_iter().map(|(i, _)| i.to_string()));
    }
    fn name(&mut self, n: String) {
        if !self.bound.contains(&n) {
            self.out.push(n);
        }
    }
    fn tokens(&mut self, ts: &TokenStream) {
        for t in ts.clone() {
            match t {
                TokenTree::Ident(i) => self.name(i.to_string()),
                TokenTree::Group(g) => self.tokens(&g.stream()),
                TokenTree::Literal(l) => self.literal(&l.to_string()),
                _ => {}
            }
        }
    }
    fn literal(&mut self, s: &str) {
        if s.starts_with('"') || s.starts_with('r') {
            for n in scan::format_captures(s) {
                self.name(n);
            }
        }
    }
    /// Visits a condition's `let` scrutinees, binds their patterns (for the `then` branch).
    fn cond(&mut self, c: &Expr) {
        match c {
            Expr::Let(l) => {
                self.visit_expr(&l.expr);
                self.bind(&l.pat);
            }
            Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_)) => {
                self.cond(&b.left);
                self.cond(&b.right);
            }
            other => self.visit_expr(other),
        }
    }
}

impl<'a> Visit<'a> for FreeNames {
    fn visit_item(&mut self, _: &'a syn::Item) {}
    fn visit_type(&mut self, _: &'a syn::Type) {}
    fn visit_pat(&mut self, _: &'a Pat) {}
    fn visit_expr_path(&mut self, p: &'a syn::ExprPath) {
        if p.qself.is_none() {
            if let Some(id) = p.path.get_ident() {
                self.name(id.to_string());
            }
        }
    }
    fn visit_block(&mut self, b: &'a syn::Block) {
        let n = self.bound.len();
        for s in &b.stmts {
            self.visit_stmt(s);
        }
        self.bound.truncate(n);
    }
    fn visit_local(&mut self, l: &'a syn::Local) {
        if let Some(init) = &l.init {
            self.visit_expr(&init.expr);
            if let Some((_, e)) = &init.diverge {
                self.visit_expr(e);
            }
        }
        self.bind(&l.pat);
    }
    fn visit_expr_closure(&mut self, c: &'a syn::ExprClosure) {
        let n = self.bound.len();
        for p in &c.inputs {
            self.bind(p);
        }
        self.visit_expr(&c.body);
        self.bound.truncate(n);
    }
    fn visit_arm(&mut self, a: &'a syn::Arm) {
        let n = self.bound.len();
        self.bind(&a.pat);
        if let Some((_, g)) = &a.guard {
            self.visit_expr(g);
        }
        self.visit_expr(&a.body);
        self.bound.truncate(n);
    }
    fn visit_expr_if(&mut self, i: &'a syn::ExprIf) {
        let n = self.bound.len();
        self.cond(&i.cond);
        self.visit_block(&i.then_branch);
        self.bound.truncate(n);
        if let Some((_, e)) = &i.else_branch {
            self.visit_expr(e);
        }
    }
    fn visit_expr_while(&mut self, w: &'a syn::ExprWhile) {
        let n = self.bound.len();
        self.cond(&w.cond);
        self.visit_block(&w.body);
        self.bound.truncate(n);
    }
    fn visit_expr_for_loop(&mut self, f: &'a syn::ExprForLoop) {
        self.visit_expr(&f.expr);
        let n = self.bound.len();
        self.bind(&f.pat);
        self.visit_block(&f.body);
        self.bound.truncate(n);
    }
    fn visit_expr_let(&mut self, l: &'a syn::ExprLet) {
        self.visit_expr(&l.expr);
    }
    fn visit_macro(&mut self, m: &'a syn::Macro) {
        if let Some(args) = scan::parse_macro_args(m) {
            for a in &args.args {
                if let Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) = a
                {
                    for n in scan::format_captures(&s.value()) {
                        self.name(n);
                    }
                }
                self.visit_expr(a);
            }
        } else {
            self.tokens(&m.tokens);
        }
    }
}

/// Renames local `id` (its binding and every mention of it) to a fresh name, so a local it
/// shadows can still be named where it must be saved.
fn rename(body: &mut Body, live: &mut Liveness, id: usize) {
    let old = live.locals[id].ident.to_string();
    let mut n = 1;
    let fresh = loop {
        let cand = format!("{old}_{n}");
        if !live.locals.iter().any(|l| l.ident == cand) {
            break cand;
        }
        n += 1;
    };
    let l = &live.locals[id];
    let to = scan::ident(&fresh, Span::call_site().located_at(l.ident.span()));
    let target = Target {
        scope: l.scope,
        pos: l.pos,
    };
    let mut r = Renamer {
        from: old,
        to: to.clone(),
        active: false,
        target,
        stop: false,
    };
    let mut operands: Vec<Expr> = body.points.iter().map(|p| p.operand.clone()).collect();
    r.block(&mut body.block, &mut operands);
    for (p, op) in body.points.iter_mut().zip(operands) {
        p.operand = op;
    }
    live.locals[id].ident = to;
}

struct Target {
    scope: usize,
    pos: usize,
}

/// Walks the lowered body; from the renamed binding on (in its scope), renames free
/// mentions of the old name, and stops where another binding of that name hides it.
struct Renamer {
    from: String,
    to: Ident,
    /// Inside the renamed local's scope, after its binding.
    active: bool,
    target: Target,
    /// Set when a later binding of the same name ends the renamed local's reach.
    stop: bool,
}

impl Renamer {
    fn binds(&self, p: &Pat) -> bool {
        let mut v = Vec::new();
        scan::pat_bindings(p, &mut v);
        v.iter().any(|(i, _)| *i == self.from)
    }

    fn rename_pat(&self, p: &mut Pat) {
        struct R<'a>(&'a str, &'a Ident);
        impl syn::visit_mut::VisitMut for R<'_> {
            fn visit_pat_ident_mut(&mut self, pi: &mut syn::PatIdent) {
                if pi.ident == self.0 {
                    pi.ident = self.1.clone();
                }
                syn::visit_mut::visit_pat_ident_mut(self, pi);
            }
            fn visit_expr_mut(&mut self, _: &mut Expr) {}
        }
        syn::visit_mut::VisitMut::visit_pat_mut(&mut R(&self.from, &self.to), p);
    }

    fn expr(&mut self, e: &mut Expr) {
        if self.active && !self.stop {
            let mut r = RenameFree {
                from: self.from.clone(),
                to: self.to.clone(),
                hidden: 0,
            };
            syn::visit_mut::VisitMut::visit_expr_mut(&mut r, e);
        }
    }

    fn block(&mut self, b: &mut Block, operands: &mut [Expr]) {
        let was = (self.active, self.stop);
        if b.range.start == self.target.pos && b.scope == self.target.scope {
            for p in &mut b.binds {
                self.rename_pat(p);
            }
            self.active = true;
        } else if self.active && b.binds.iter().any(|p| self.binds(p)) {
            self.stop = true;
        }
        for s in &mut b.stmts {
            match &mut s.kind {
                StmtKind::Plain(stmt) => {
                    let declares = b.scope == self.target.scope && s.range.start == self.target.pos;
                    match stmt {
                        syn::Stmt::Local(l) => {
                            if let Some(init) = &mut l.init {
                                self.expr(&mut init.expr);
                                if let Some((_, e)) = &mut init.diverge {
                                    self.expr(e);
                                }
                            }
                            if declares {
                                self.rename_pat(&mut l.pat);
                                self.active = true;
                            } else if self.active && self.binds(&l.pat) {
                                self.stop = true;
                            }
                        }
                        other => {
                            if self.active && !self.stop {
                                let mut r = RenameFree {
                                    from: self.from.clone(),
                                    to: self.to.clone(),
                                    hidden: 0,
                                };
                                syn::visit_mut::VisitMut::visit_stmt_mut(&mut r, other);
                            }
                        }
                    }
                }
                StmtKind::Let { pat, init, .. } => {
                    self.sexpr(init, operands);
                    if b.scope == self.target.scope && s.range.end == self.target.pos + 1 {
                        self.rename_pat(pat);
                        self.active = true;
                    } else if self.active && self.binds(pat) {
                        self.stop = true;
                    }
                }
                StmtKind::Expr { expr, .. } => self.sexpr(expr, operands),
            }
        }
        // Leaving the scope the name was bound in (or hidden in) restores the outer state.
        (self.active, self.stop) = was;
    }

    fn sexpr(&mut self, e: &mut SExpr, operands: &mut [Expr]) {
        match e {
            SExpr::Suspend(q) => self.expr(&mut operands[*q]),
            SExpr::Block(b) => self.block(b, operands),
            SExpr::If {
                cond, then, els, ..
            } => {
                self.expr(cond);
                self.block(then, operands);
                if let Some(els) = els {
                    self.block(els, operands);
                }
            }
            SExpr::Match { scrutinee, arms } => {
                self.expr(scrutinee);
                for arm in arms {
                    if let Some(g) = &mut arm.guard {
                        if !(self.active && self.binds(&arm.pat)) {
                            self.expr(g);
                        }
                    }
                    if b_declares(&arm.body, &self.target) {
                        self.rename_pat(&mut arm.pat);
                    }
                    self.block(&mut arm.body, operands);
                }
            }
            SExpr::Loop { body, .. } => self.block(body, operands),
        }
    }
}

fn b_declares(b: &Block, t: &Target) -> bool {
    b.range.start == t.pos && b.scope == t.scope
}

/// Renames free occurrences of a name in plain code (not where a nested binding hides it).
struct RenameFree {
    from: String,
    to: Ident,
    hidden: usize,
}

impl RenameFree {
    fn binds(&self, p: &Pat) -> bool {
        let mut v = Vec::new();
        scan::pat_bindings(p, &mut v);
        v.iter().any(|(i, _)| *i == self.from)
    }
    fn ident(&self, i: &Ident) -> Ident {
        scan::ident(&self.to.to_string(), Span::call_site().located_at(i.span()))
    }
    fn tokens(&self, ts: TokenStream) -> TokenStream {
        ts.into_iter()
            .map(|t| match t {
                TokenTree::Ident(i) if i == self.from => TokenTree::Ident(self.ident(&i)),
                TokenTree::Group(g) => {
                    let mut ng = proc_macro2::Group::new(g.delimiter(), self.tokens(g.stream()));
                    ng.set_span(g.span());
                    TokenTree::Group(ng)
                }
                TokenTree::Literal(l) => {
                    let s = l.to_string();
                    if s.starts_with('"') && scan::format_captures(&s).contains(&self.from) {
                        let mut lit = proc_macro2::Literal::string(&rename_captures(
                            &unquote(&s),
                            &self.from,
                            &self.to.to_string(),
                        ));
                        lit.set_span(l.span());
                        TokenTree::Literal(lit)
                    } else {
                        TokenTree::Literal(l)
                    }
                }
                t => t,
            })
            .collect()
    }
}

fn unquote(s: &str) -> String {
    syn::parse_str::<syn::LitStr>(s)
        .map(|l| l.value())
        .unwrap_or_default()
}

/// `{x}`, `{x:?}` → `{x_1}`, `{x_1:?}` in a format string.
fn rename_captures(s: &str, from: &str, to: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        if let Some(stripped) = after.strip_prefix('{') {
            out.push_str("{{");
            rest = stripped;
            continue;
        }
        let end = after.find('}').unwrap_or(after.len());
        let inner = &after[..end];
        let (name, spec) = inner
            .split_once(':')
            .map_or((inner, None), |(n, s)| (n, Some(s)));
        out.push('{');
        out.push_str(if name.trim() == from { to } else { name });
        if let Some(spec) = spec {
            out.push(':');
            out.push_str(&spec.replace(&format!("{from}$"), &format!("{to}$")));
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

impl syn::visit_mut::VisitMut for RenameFree {
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
    fn visit_type_mut(&mut self, _: &mut syn::Type) {}
    fn visit_expr_path_mut(&mut self, p: &mut syn::ExprPath) {
        if self.hidden == 0 && p.qself.is_none() && p.path.is_ident(&self.from) {
            let i = &p.path.segments[0].ident;
            p.path.segments[0].ident = self.ident(i);
        }
    }
    fn visit_field_value_mut(&mut self, f: &mut syn::FieldValue) {
        if f.colon_token.is_none() {
            if let (Expr::Path(p), syn::Member::Named(m)) = (&f.expr, &f.member) {
                if self.hidden == 0 && p.path.is_ident(&self.from) {
                    let span = m.span();
                    f.colon_token = Some(syn::Token![:](span));
                }
            }
        }
        syn::visit_mut::visit_expr_mut(self, &mut f.expr);
    }
    fn visit_block_mut(&mut self, b: &mut syn::Block) {
        let h = self.hidden;
        for s in &mut b.stmts {
            self.visit_stmt_mut(s);
        }
        self.hidden = h;
    }
    fn visit_local_mut(&mut self, l: &mut syn::Local) {
        if let Some(init) = &mut l.init {
            self.visit_expr_mut(&mut init.expr);
            if let Some((_, e)) = &mut init.diverge {
                self.visit_expr_mut(e);
            }
        }
        if self.binds(&l.pat) {
            self.hidden += 1;
        }
    }
    fn visit_expr_closure_mut(&mut self, c: &mut syn::ExprClosure) {
        if !c.inputs.iter().any(|p| self.binds(p)) {
            self.visit_expr_mut(&mut c.body);
        }
    }
    fn visit_arm_mut(&mut self, a: &mut syn::Arm) {
        if !self.binds(&a.pat) {
            if let Some((_, g)) = &mut a.guard {
                self.visit_expr_mut(g);
            }
            self.visit_expr_mut(&mut a.body);
        }
    }
    fn visit_expr_if_mut(&mut self, i: &mut syn::ExprIf) {
        self.visit_expr_mut(&mut i.cond);
        if !scan::cond_binds(&i.cond).iter().any(|p| self.binds(p)) {
            self.visit_block_mut(&mut i.then_branch);
        }
        if let Some((_, e)) = &mut i.else_branch {
            self.visit_expr_mut(e);
        }
    }
    fn visit_expr_while_mut(&mut self, w: &mut syn::ExprWhile) {
        self.visit_expr_mut(&mut w.cond);
        if !scan::cond_binds(&w.cond).iter().any(|p| self.binds(p)) {
            self.visit_block_mut(&mut w.body);
        }
    }
    fn visit_expr_for_loop_mut(&mut self, f: &mut syn::ExprForLoop) {
        self.visit_expr_mut(&mut f.expr);
        if !self.binds(&f.pat) {
            self.visit_block_mut(&mut f.body);
        }
    }
    fn visit_expr_let_mut(&mut self, l: &mut syn::ExprLet) {
        self.visit_expr_mut(&mut l.expr);
    }
    fn visit_macro_mut(&mut self, m: &mut syn::Macro) {
        if self.hidden == 0 {
            if let Some(mut args) = scan::parse_macro_args(m) {
                for a in &mut args.args {
                    if let Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(s),
                        ..
                    }) = a
                    {
                        if scan::format_captures(&s.value()).contains(&self.from) {
                            *s = syn::LitStr::new(
                                &rename_captures(&s.value(), &self.from, &self.to.to_string()),
                                s.span(),
                            );
                        }
                    }
                    self.visit_expr_mut(a);
                }
                *m = scan::rebuild_macro(m, &args);
            } else {
                m.tokens = self.tokens(std::mem::take(&mut m.tokens));
            }
        }
    }
}
