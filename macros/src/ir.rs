//! The lowered body: the user's block, with every construct that contains a suspension
//! point made explicit and everything else kept as the user wrote it.
//!
//! A `Plain` statement contains no suspension point and is emitted verbatim (after the
//! rewrites of `lower.rs`). Suspension points appear only as `SExpr::Suspend`, and only as
//! the whole initialiser of a `let`, a whole expression statement, or a block's tail — the
//! places where "what happens next" is simple to write down.

use proc_macro2::Span;
use syn::{Expr, Lifetime, Pat, Type};

pub struct Body {
    pub block: Block,
    pub points: Vec<Point>,
    /// The statements of the body block that bind parameters whose type has no drop glue.
    pub trivial_params: Vec<usize>,
    /// The statement of the body block that binds each parameter (other statements come
    /// between: a `ref mut` parameter's place, the holders of `partial.rs` and
    /// `maybe_moved.rs`).
    pub param_stmts: Vec<usize>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum PointKind {
    Yield,
    Await,
}

/// A suspension point: `yield_!(operand)` or `operand.await`.
pub struct Point {
    pub kind: PointKind,
    /// Evaluated just before suspending; contains no suspension point.
    pub operand: Expr,
    pub span: Span,
    /// Its number among the points of the same kind (`Yield0`, `Yield1`, `Await0`, …).
    pub ordinal: usize,
    /// An `.await` whose future is made of a closure or an `async` block (written in it, or
    /// bound to a local it names): each copy of the code has a type of its own (`emit.rs`,
    /// `resolve_alts`).
    pub new_type: bool,
}

/// Source positions, filled in by `liveness.rs`: every statement and construct gets a range
/// of positions, numbered in program (textual) order.
#[derive(Clone, Copy, Default, Debug)]
pub struct Range {
    pub start: usize,
    pub end: usize,
}

pub struct Block {
    pub label: Option<Lifetime>,
    /// Patterns whose bindings are in scope for the whole block: the `if let` condition of a
    /// branch, the pattern of a match arm.
    pub binds: Vec<Pat>,
    /// The `binds` certainly have no drop glue (the variable of a `for` over a range): like a
    /// literal-initialised local, one that is never mentioned is not kept as a guard.
    pub trivial_binds: bool,
    /// The `binds` are shared references (the variable of a `for` over `&v`, `v.iter()`,
    /// `s.split(' ')`): a method call on one borrows what it points to, not the local.
    pub shared_binds: bool,
    pub stmts: Vec<Stmt>,
    /// Filled in by `liveness.rs`.
    pub scope: usize,
    pub range: Range,
}

pub struct Stmt {
    pub kind: StmtKind,
    pub range: Range,
    /// Whether the statement holds a `break`/`continue` (`flow::stmt_may_jump`), found once:
    /// liveness asks it for every suspension point.
    pub may_jump: std::cell::OnceCell<bool>,
}

pub enum StmtKind {
    /// No suspension point inside.
    Plain(syn::Stmt),
    /// `let pat[: ty] = <init>;`
    Let {
        pat: Pat,
        ty: Option<Box<Type>>,
        init: SExpr,
    },
    /// `<expr>;` (`semi`) or the block's tail `<expr>`.
    Expr { expr: SExpr, semi: bool },
}

// Built once per expansion and walked a few times: boxing would only add noise.
#[allow(clippy::large_enum_variant)]
pub enum SExpr {
    /// A suspension point (index into `Body::points`); its value is the resume argument
    /// (for `yield_!`) or the awaited output (for `.await`).
    Suspend(usize),
    Block(Block),
    /// `if cond { then } else { els }`; `cond` may be a `let` (chain) whose bindings are
    /// `then.binds`.
    If {
        if_span: Span,
        cond: Expr,
        then: Block,
        els: Option<Block>,
    },
    Match {
        scrutinee: Expr,
        arms: Vec<Arm>,
    },
    /// Every loop that contains a suspension point is a labelled `loop`; `while`, `while let`
    /// and `for` are desugared into it.
    Loop {
        label: Lifetime,
        body: Block,
    },
}

/// User code in the IR, as `Stmt::code` finds it.
pub enum Code<'a> {
    Stmt(&'a syn::Stmt),
    Expr(&'a Expr),
}

/// Every piece of user code in `b` and the blocks it holds, in order.
pub fn each_code<'a>(b: &'a Block, f: &mut dyn FnMut(Code<'a>)) {
    for s in &b.stmts {
        if let Some(c) = s.code() {
            f(c);
        }
        for (c, _) in s.blocks() {
            each_code(c, f);
        }
    }
}

pub struct Arm {
    pub pat: Pat,
    pub guard: Option<Expr>,
    pub body: Block,
}

impl Block {
    pub fn new(label: Option<Lifetime>, binds: Vec<Pat>, stmts: Vec<Stmt>) -> Self {
        Block {
            label,
            binds,
            trivial_binds: false,
            shared_binds: false,
            stmts,
            scope: 0,
            range: Range::default(),
        }
    }
}

impl Stmt {
    /// The blocks the statement holds directly (through the construct it is made of), each
    /// with whether it is a loop's body.
    pub fn blocks(&self) -> Vec<(&Block, bool)> {
        let e = match &self.kind {
            StmtKind::Plain(_) => return Vec::new(),
            StmtKind::Let { init, .. } => init,
            StmtKind::Expr { expr, .. } => expr,
        };
        match e {
            SExpr::Suspend(_) => Vec::new(),
            SExpr::Block(b) => vec![(b, false)],
            SExpr::Loop { body, .. } => vec![(body, true)],
            SExpr::If { then, els, .. } => std::iter::once(then)
                .chain(els.as_ref())
                .map(|b| (b, false))
                .collect(),
            SExpr::Match { arms, .. } => arms.iter().map(|a| (&a.body, false)).collect(),
        }
    }

    /// The code the statement holds directly, outside its blocks: the statement itself
    /// when it is plain, else the condition of an `if` or the scrutinee of a `match`.
    pub fn code(&self) -> Option<Code<'_>> {
        let e = match &self.kind {
            StmtKind::Plain(s) => return Some(Code::Stmt(s)),
            StmtKind::Let { init, .. } => init,
            StmtKind::Expr { expr, .. } => expr,
        };
        match e {
            SExpr::If { cond, .. } => Some(Code::Expr(cond)),
            SExpr::Match { scrutinee, .. } => Some(Code::Expr(scrutinee)),
            _ => None,
        }
    }

    pub fn new(kind: StmtKind) -> Self {
        Stmt {
            kind,
            range: Range::default(),
            may_jump: std::cell::OnceCell::new(),
        }
    }
    pub fn plain(stmt: syn::Stmt) -> Self {
        Stmt::new(StmtKind::Plain(stmt))
    }
}
