//! Control-flow questions the liveness stage asks of the lowered body: which code can run
//! after a suspension point (the rest of which blocks, the next iteration of which loops),
//! and whether a local is assigned before it is read again.
//!
//! from: `loop { c += 1; yield_!(c); break; }`
//! into: after the yield, the rest of the loop body always leaves the loop: its next
//!       iteration is unreachable, so `c` is not mentioned after the point.

use proc_macro2::{TokenStream, TokenTree};
use syn::Expr;

use crate::ir::{Block, Range, SExpr, StmtKind};

/// Whether, on every path from the suspension point, the next thing done with `id` is an
/// assignment `id = e;` (or nothing, before its scope ends): then its value is dead at the
/// point and only its binding is needed. Follows the rest of each enclosing block outwards,
/// and around loops into their next iteration (seeing through the heads of lowered `while`
/// and `for` loops); any `break`/`continue` met on the way, or a mention inside a lowered
/// construct, gives up. With `branches` (a local whose value has no drop glue, which only
/// its binding needs then), a lowered `if` is followed into its branches.
pub fn overwritten_first(
    chain: &Chain<'_>,
    mentions: &[usize],
    overwrites: &[(usize, usize)],
    id: usize,
    decl_scope: usize,
    branches: bool,
) -> bool {
    let cx = Scanner {
        mentions,
        overwrites,
        id,
        strict: false,
        branches,
    };
    let (chain, links) = (&chain.blocks, &chain.links);
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
        if let Link::Loop(body, label) = &links[j - 1] {
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
    /// Another suspension point (a lowered statement) before the assignment counts as a read.
    strict: bool,
    /// A lowered `if` naming the local is followed into its branches.
    branches: bool,
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
                StmtKind::Plain(_) if stmt_may_jump(s) => return Scan::Read,
                StmtKind::Plain(_) if !here => continue,
                StmtKind::Plain(_) if self.overwrites.contains(&(s.range.start, self.id)) => {
                    return Scan::Overwrite
                }
                StmtKind::Plain(_) => return Scan::Read,
                // A lowered statement (another suspension point, a construct around one) that
                // neither names the local nor can jump out: look past it.
                _ if !here && !stmt_may_jump(s) && !self.strict => continue,
                // An `if` that names it in its branches only: each branch on its own (an
                // assignment in both is one on every path; one that falls off goes on here).
                StmtKind::Expr {
                    expr: SExpr::If { then, els, .. },
                    ..
                } if self.branches
                    && !stmt_may_jump(s)
                    && !self.mentions.contains(&s.range.start) =>
                {
                    let mut every = els.is_some();
                    for b in std::iter::once(then).chain(els) {
                        match self.scan(&b.stmts) {
                            Scan::Read => return Scan::Read,
                            Scan::Overwrite => {}
                            Scan::FallOff => every = false,
                        }
                    }
                    if every {
                        return Scan::Overwrite;
                    }
                }
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
    *s.may_jump.get_or_init(|| match &s.kind {
        StmtKind::Plain(stmt) => may_jump(stmt),
        StmtKind::Let { init, .. } => sexpr(init),
        StmtKind::Expr { expr, .. } => sexpr(expr),
    })
}

/// Whether a statement contains a `break` or `continue` (other than a `return`, which
/// ends the coroutine) outside closures.
pub fn may_jump(s: &syn::Stmt) -> bool {
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

/// Whether, after the suspension point at the end of `chain`, the code assigns local `id`
/// before it reads it and before any other suspension point, in the point's block or one
/// around it that declares nothing the local outlives (no loop in between): the arm that
/// resumes reaches that assignment with nothing else to save the local for.
pub fn assigned_next(
    chain: &Chain<'_>,
    mentions: &[usize],
    overwrites: &[(usize, usize)],
    id: usize,
    decl_scope: usize,
) -> bool {
    let cx = Scanner {
        mentions,
        overwrites,
        id,
        strict: true,
        branches: false,
    };
    let (blocks, links) = (&chain.blocks, &chain.links);
    let mut j = blocks.len() - 1;
    loop {
        let (b, i) = blocks[j];
        match cx.scan(&b.stmts[i + 1..]) {
            Scan::Overwrite => return true,
            Scan::Read => return false,
            Scan::FallOff => {}
        }
        if b.scope == decl_scope || j == 0 || matches!(links[j - 1], Link::Loop(..)) {
            return false;
        }
        j -= 1;
    }
}

/// Whether, after the suspension point at the end of `chain`, the next statement of its block
/// that is not plain code is another suspension point (`a().await;`, `let v = b().await;`),
/// and nothing before it names the local or may jump: the arm that resumes there cannot
/// reach the local's next use before suspending again. (`mentions`: the local's.)
pub fn suspends_first(chain: &Chain<'_>, mentions: &[usize]) -> bool {
    let (b, i) = chain.blocks[chain.blocks.len() - 1];
    for s in &b.stmts[i + 1..] {
        let here = mentions
            .iter()
            .any(|&m| s.range.start <= m && m < s.range.end);
        if here || stmt_may_jump(s) {
            return false;
        }
        match &s.kind {
            StmtKind::Plain(_) => continue,
            StmtKind::Let {
                init: SExpr::Suspend(_),
                ..
            }
            | StmtKind::Expr {
                expr: SExpr::Suspend(_),
                ..
            } => return true,
            _ => return false,
        }
    }
    false
}

/// The blocks from the body down to a suspension point, each with the index of the statement
/// that holds the point, and what links each block to the next one.
pub struct Chain<'a> {
    pub blocks: Vec<(&'a Block, usize)>,
    pub links: Vec<Link<'a>>,
}

/// What holds the next block of a chain.
pub enum Link<'a> {
    /// The body of a loop, with the loop's label.
    Loop(&'a Block, &'a syn::Lifetime),
    /// A branch of an `if`/`match`, or a block (with its label, if any).
    Branch(Option<&'a syn::Lifetime>),
}

impl<'a> Chain<'a> {
    /// Follows `path` (a statement index at each block, a branch index at each `if`/`match`)
    /// from the body block to a suspension point.
    pub fn new(root: &'a Block, path: &[usize]) -> Self {
        let mut blocks = Vec::new();
        let mut links = Vec::new();
        let mut block = root;
        let mut k = 0;
        loop {
            let i = path[k];
            k += 1;
            blocks.push((block, i));
            let e = match &block.stmts[i].kind {
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
                SExpr::Loop { label, body } => (body, Link::Loop(body, label)),
            };
            links.push(link);
            block = next;
        }
        Chain { blocks, links }
    }

    /// The scopes around the point, and the position ranges from which control can continue
    /// after it: the rest of each enclosing block that control can still reach, and every
    /// enclosing loop whose next iteration it can reach (flagged `true`).
    pub fn frames(&self) -> (Vec<usize>, Vec<(Range, bool)>) {
        let chain = &self.blocks;
        let scopes = chain.iter().map(|(b, _)| b.scope).collect();
        let mut ranges = Vec::new();
        // From the innermost block outwards: can control, after the point, reach the rest of
        // each block (leave the construct holding the point normally)?
        let n = chain.len() - 1;
        let mut rest_reachable = vec![true; n + 1];
        let mut falls_off = vec![false; n + 1];
        for j in (0..=n).rev() {
            if j < n {
                let inner = &chain[j + 1..];
                rest_reachable[j] = match self.links[j] {
                    Link::Branch(label) => {
                        falls_off[j + 1] || label.is_some_and(|l| breaks_in_rest(inner, l))
                    }
                    Link::Loop(body, l) => {
                        (next_iteration_reachable(inner, l) && block_breaks(body, l))
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
        for (j, link) in self.links.iter().enumerate() {
            if let Link::Loop(body, label) = link {
                if next_iteration_reachable(&chain[j + 1..], label) {
                    ranges.push((body.range, true));
                }
            }
        }
        (scopes, ranges)
    }
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
