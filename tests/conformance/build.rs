//! The program generator. Writes `$OUT_DIR/cases.rs`: `STACKLESS_CONFORMANCE_CASES` random
//! coroutine bodies (default 500), each emitted twice — as a `#[stackless::coroutine]`
//! function using `yield_!` and as a nightly `#[coroutine] static move |_| { … yield … }`
//! closure — plus a table the test binary walks. `ASYNC_SHARE_PCT` of them are async
//! instead: a `#[stackless::coroutine] async fn` awaiting `tick(k, e)` where a sync program
//! yields, against a native `async fn` with the same body. Deterministic: program `i` of seed `s`
//! is generated from `(s, i)` alone, so `STACKLESS_CONFORMANCE_ONLY=i` regenerates just it.
//!
//! The oracle is rustc, directly: the native body is the same text, with `yield` (or a native
//! `.await`), and every drop must happen where rustc's happens. (Until the drop rule became
//! Rust's, the generator modelled an early-drop rule of ours in the native body; that model
//! is gone.) Half of the programs ("touched") keep every `D` alive to its block's end with a
//! final `touch`; the others let `D`s die wherever their last use is.

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::PathBuf;

// ---- generator switches --------------------------------------------------------------
// Each switch turns a construct on or off. A construct is switched off only when a bug
// in the macro blocks it; the comment then names the bug (see the README).

/// `let x; if c { x = e1; } else { x = e2; }`: deferred initialisation, the values suspending.
const ALLOW_DEFERRED_INIT: bool = true;

/// `let p = P { a: D::new(k), b: D::new(k + 1) };` and one move out of it in part:
/// `let P { a: d, .. } = p;`, `drop(p.b);` or `let d = p.a;` (what is left is dropped at
/// the end of `p`'s scope).
const ALLOW_PARTIAL_MOVES: bool = true;

/// `D::new(k).v()`: a temporary with drop glue inside a statement that also suspends.
const ALLOW_DROP_TEMPORARIES: bool = true;
/// `D::new(k).v()` in an expression that also contains a suspension point.
/// BUG 2: ours drops such a temporary when the operand holding it has been evaluated
/// (before the suspension), rustc at the end of the statement (after the resumption).
/// When false, such temporaries are replaced by literals.
const ALLOW_DROP_TEMPORARIES_ACROSS_YIELD: bool = true;
/// The same for `D::new(k).v()`, a temporary that a method borrows.
/// BUG 2d (drop order): the macro cannot see whether a method it does not know (`v`) takes
/// `self`, so it keeps a receiver only for methods known to borrow (`len`, `iter`, …): a
/// hidden local that the method moved out of could not be carried (rustc's E0382 on valid
/// code such as `send(Client::builder().build()).await`). So this temporary is dropped at
/// the point, where rustc keeps it to the end of the statement.
const ALLOW_METHOD_TEMPORARIES_ACROSS_YIELD: bool = false;
/// `D::new(k).v()` in a `match` scrutinee whose arms suspend.
/// BUG 2c: rustc keeps the temporary to the end of the `match`; ours drops it as soon as
/// the scrutinee is evaluated.
const ALLOW_DROP_TEMPORARIES_IN_SUSPENDING_MATCH: bool = true;
/// `D::new(k).v()` in the iterator expression of a `for` loop whose body suspends.
/// BUG 2b: rustc keeps the temporary to the end of the loop (`for` is a `match` on
/// `IntoIterator::into_iter(..)`); ours drops it as soon as the iterator is made.
const ALLOW_DROP_TEMPORARIES_IN_SUSPENDING_FOR: bool = true;
/// `boom(e)`: panics inside the body.
const ALLOW_PANICS: bool = true;
/// `chk(e)?`: early return through `?` with a `From` conversion.
const ALLOW_TRY: bool = true;
/// `drop(d)`: moving a `D` local out (in the declaring block: unconditionally).
const ALLOW_MOVES: bool = true;
/// `drop(d)` inside an `if` or a loop nested in the block that declares `d`.
/// BUG 7 (drop order): a local moved out on some paths only is not carried across the
/// suspension points after the move (the macro cannot carry a maybe-moved local without a
/// drop flag), so on the other paths it is dropped at the next point, where rustc drops it
/// at the end of its scope. Repro: `let d = D::new(1); if c { drop(d); } yield_!(0);`.
/// Fixed for async programs (such a local lives in a slot with a drop flag there; a
/// generator stays `Unpin`, so it has no slots to spare): see the next switch.
const ALLOW_CONDITIONAL_MOVES: bool = true;
/// `ALLOW_CONDITIONAL_MOVES` in async programs.
const ALLOW_CONDITIONAL_MOVES_ASYNC: bool = true;
/// `yield_!(f(&local))`: a yield operand whose outermost call takes a borrow of a local.
/// Was BUG 1 (fixed): rejected with "the future awaited here borrows `d0`" although nothing
/// is kept across the yield. When false, such an operand is written `add(f(&local), 0)`.
const ALLOW_BORROW_ARG_IN_YIELD_OPERAND: bool = true;
/// A local without drop glue whose initialiser is not a literal and that is never mentioned
/// (`let x = yield_!(1);` with `x` unused, an unused parameter or `for` variable).
/// BUG 3 (size): rule 2 of the liveness rule carries such a local to the end of its scope
/// (it might be a guard), so our machine is larger than rustc's, which knows it has no
/// drop glue. When false, every such binding is mentioned right after it is bound.
const ALLOW_UNMENTIONED_PLAIN_LOCALS: bool = true;
/// A suspension point in a `match` guard (`n0 if add(p0, yield_!(c1)) >= 2 => ..`): the
/// macro splits the `match` (`guards.rs`, session 12). Off: on, seeds 1 and 2 gave 0
/// mismatches (every trace rustc's), but seed 1's program 185 is 8 bytes larger than rustc's
/// (40 against 32): the split keeps the scrutinee and the guard's reference to it in frame
/// slots, next to a local moved in another arm, where rustc keeps them in its own layout.
const ALLOW_SUSPENDING_GUARDS: bool = false;
/// `break`/`continue`/`return` as a block's last statement (else: inside an `if`).
/// BUG 4 (size): liveness is syntactic, so a local mentioned in a loop is carried across
/// a suspension point in that loop even when every path from the point leaves the loop
/// (`while c < 1 { c += 1; yield_!(c); continue 'outer; }`); rustc's flow-sensitive
/// liveness drops it, and our machine is larger. When false, jumps are conditional.
/// On since session 19 (seed 1 clean; seeds 2–4 show that size gap in a few programs).
const ALLOW_UNCONDITIONAL_JUMPS: bool = true;
/// `x = e;` where `e` does not read `x` (else every assignment is `x = add(x, e)`).
/// BUG 4 again (size): a local that is overwritten before it is read again (in the next
/// loop iteration, or in a nested block) is still carried; rustc's liveness drops it.
const ALLOW_PLAIN_OVERWRITES: bool = false;
/// `break 'l yield_!(x)` / `return Ok(yield_!(x))`: a suspension point in a jump's value.
/// Was BUG 4c (size, fixed by the loop-exit rule): after such a point control leaves the loop (the body), but the
/// locals mentioned in the rest of the loop (the blocks) are carried across it anyway.
const ALLOW_SUSPENSION_IN_JUMP_VALUES: bool = true;
/// `a[1]` as an operand evaluated before a suspension point in the same expression.
/// Was BUG 6 (size, fixed since): the lowering deferred a place operand (`a[1]`) to after
/// the suspension point (`a[1] != yield_!(x)`), so the whole array was carried across it;
/// rustc copies the element before suspending and drops the array. On again in session 18:
/// seeds 1 and 2 give the same sizes as with it off (0 and the known 1 larger). When
/// false, an element read is written `a[1].wrapping_add(0i64)`, which both evaluate before
/// suspending.
const ALLOW_DEFERRED_INDEX_OPERANDS: bool = true;
/// Negative literals (`(-1i64)`).
/// Was BUG 5 (size, fixed): an operand `(-1i64)` evaluated before a suspension point in the same
/// expression is moved into a hidden local and carried across it (`-1i64` is a unary
/// minus, which the lowering does not treat as deferrable like a plain literal); rustc
/// treats it as a constant. When false, literals are 0..=12 (negative values still
/// arise from `sub`).
const ALLOW_NEGATIVE_LITERALS: bool = true;
/// Shadowing a `D` local by a new `D` binding of the same name.
const ALLOW_D_SHADOWING: bool = true;
/// Async programs: `#[stackless::coroutine] async fn` against a native `async fn`, every
/// suspension point an `.await` of `tick(k, e)` (see `src/lib.rs`).
const ALLOW_ASYNC: bool = true;
/// The share of programs (percent) that are async; which ones is a pure function of the
/// program's seed, drawn from a stream of its own (the sync programs are unchanged).
const ASYNC_SHARE_PCT: usize = 25;
/// `D::new(k).v()` in the tail expression of an async body (`Ok(D::new(4).v())`).
/// Was BUG A1 (fixed): ours dropped the parameters before that temporary; rustc (an `async fn`, and a
/// plain `fn` too) drops the body's tail temporaries first, then the parameters.
/// Repro: `#[stackless::coroutine] async fn f(p: D) -> i64 { D::new(4).v() }` logs
/// `drop p`, `drop 4`; the same `async fn` without the attribute logs `drop 4`, `drop p`.
/// When false, such temporaries are replaced by literals (async programs only).
const ALLOW_ASYNC_TAIL_TEMPORARIES: bool = true;
/// A temporary in the body's tail expression that lives across a suspension point in it
/// (`Ok(yield_!(dv(&D::new(3))))`). Was off while the macro dropped it before the body's
/// locals, edition 2024's order, in every crate; it now follows the crate's edition (2021
/// here: after the locals). When false,
/// such temporaries are replaced by literals.
const ALLOW_TAIL_TEMPORARIES_ACROSS_YIELD: bool = true;
/// `let x = { let dK = D::new(k); …; add(dv(&D::new(j)), yield_!(..)) };`: a block as a
/// `let`'s value, whose tail's temporaries outlive the block's locals in edition 2021 (this
/// crate's) and not in 2024 (the macro follows the crate's edition).
const ALLOW_BLOCK_VALUES: bool = true;
/// `let rK = &dJ;` kept to the end of its block by the block's final `touch(rK)`, across the
/// suspension points in between: the borrowed `D` lives in a pinned slot of our machine (the
/// self-borrow support). Coincide programs only (every `D` lives to its block's end there,
/// as rustc keeps a borrowed local), and a borrowed `D` is never moved.
const ALLOW_HELD_BORROWS: bool = true;
/// `tick_on(k, &dJ, e).await`: an awaited future that borrows a `D` local (async coincide
/// programs), so our machine keeps `dJ` in a pinned slot of its frame and lays its state
/// out by hand beside the slots (the macro's `state.rs`); rustc keeps it in its layout.
const ALLOW_AWAIT_BORROWS: bool = true;
/// `let rK_b = &dJ; let rK = held(rK_b);` instead of `let rK = &dJ;` (half of the held
/// borrows): a value that holds the borrow, which our machine cannot take again after a
/// resume as it does a plain reference, so `dJ` lives in a pinned slot, in generators too.
/// (Written in two steps, as the macro's docs say: `held(&dJ)` kept across a point and only
/// used as a value is a borrow the macro does not see, rustc's E0597 at that line.)
const ALLOW_HELD_VALUES: bool = true;

/// Parameters matched by a pattern (issue 18), a share of the `D` parameters
/// (`PATTERN_PARAM_PCT`, drawn from a random stream of its own, so the rest of a program is
/// drawn as before): `_: D`, `(pA, _): (D, D)`, `(pA, pB): (D, D)`, `(_, pB): (D, D)`,
/// `ref pA: D`, `ref mut pA: D`, `P { a: pA, .. }: P`, `P { b: pB, .. }: P` and
/// `P { a: pA, b: pB }: P` (the shapes under switches of their own below). As a native
/// `async fn` does, the argument is moved into the body and then matched, so what the pattern
/// leaves unbound, or binds by reference, is dropped at the end of the body, after the
/// parameters declared later. Async programs: the native `async fn` has the same signature,
/// so rustc is the oracle. Generators: a `#[coroutine]` closure cannot take the function's
/// parameters by pattern (its own parameter is the resume argument), so the native function
/// takes `__argN` and its closure begins with rustc's own lowering of an `async fn` parameter,
/// `let __argN = __argN; let <pat> = __argN;` (as the native generators always rebound a
/// plain parameter, `let p0 = p0;`): the oracle there is that desugaring, which the async
/// programs check against rustc itself. A `ref`/`ref mut` binding is a `&D`/`&mut D`: it is
/// never moved (`drop`/`consume`), only read through (`touch(&pA)`, `pA.v()`, borrowed,
/// awaited on), and a `ref mut` one is sometimes assigned through, `*pA = D::new(k);`.
const ALLOW_PATTERN_PARAMS: bool = true;
/// The share of `D` parameters (percent) written as a pattern.
const PATTERN_PARAM_PCT: usize = 50;
/// `_: D`.
const ALLOW_WILD_PARAMS: bool = true;
/// `(pA, _)`, `(_, pB)`: `(D, D)`.
const ALLOW_TUPLE_PARAMS: bool = true;
/// `ref pA: D`, `ref mut pA: D`.
const ALLOW_REF_PARAMS: bool = true;
/// `P { a: pA, .. }`, `P { b: pB, .. }`: `P` (the pair of `ALLOW_PARTIAL_MOVES`).
const ALLOW_STRUCT_PARAMS: bool = true;
/// A pattern that binds both parts: `(pA, pB): (D, D)`, `P { a: pA, b: pB }: P` (with
/// `ALLOW_TUPLE_PARAMS`/`ALLOW_STRUCT_PARAMS`).
/// Was BUG 8 (drop order, fixed by `pinned.rs` `rewrite_let`): a `let` (or parameter)
/// pattern with several bindings, one of them
/// not the last kept in a pinned slot (a `tick_on(k, &pA, ..)` or a held borrow of it),
/// when the machine ends before it has passed any suspension point: ours drops that binding
/// first, rustc in reverse order of the bindings (`pB`, then `pA`). Not about parameters:
/// `let (p1, p2) = (D::new(2), D::new(3)); if touch(&p1) == 0 { tick_on(1, &p1, 2).await; }
/// Ok(0)` logs `drop d2`, `drop d3` against rustc's `drop d3`, `drop d2` (also in a
/// generator, with `let rb = &p1; let r = held(rb); yield_!(0); touch(r.get());` in the
/// branch); with the slotted binding last, or a point passed first, both agree. Seed 3
/// program 378 with this on. The generator writes no other pattern with several bindings.
const ALLOW_TWO_BINDING_PARAMS: bool = true;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=STACKLESS_CONFORMANCE_SEED");
    println!("cargo:rerun-if-env-changed=STACKLESS_CONFORMANCE_CASES");
    println!("cargo:rerun-if-env-changed=STACKLESS_CONFORMANCE_ONLY");
    // The negative suite (tests/negative) runs this same compiler on the programs it writes.
    let rustc = env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    println!("cargo:rustc-env=STACKLESS_NEGATIVE_RUSTC={rustc}");
    let seed: u64 = env::var("STACKLESS_CONFORMANCE_SEED")
        .ok()
        .map(|s| {
            s.trim()
                .parse()
                .expect("STACKLESS_CONFORMANCE_SEED: an integer")
        })
        .unwrap_or(1);
    let cases: usize = env::var("STACKLESS_CONFORMANCE_CASES")
        .ok()
        .map(|s| {
            s.trim()
                .parse()
                .expect("STACKLESS_CONFORMANCE_CASES: an integer")
        })
        .unwrap_or(500);
    let only: Option<Vec<usize>> = env::var("STACKLESS_CONFORMANCE_ONLY").ok().map(|s| {
        s.split(',')
            .map(|x| {
                x.trim()
                    .parse()
                    .expect("STACKLESS_CONFORMANCE_ONLY: indices")
            })
            .collect()
    });
    let indices: Vec<usize> = only.unwrap_or_else(|| (0..cases).collect());

    let mut out = String::new();
    writeln!(out, "pub const SEED: u64 = {seed};").unwrap();
    let mut table = String::from("pub static CASES: &[Case] = &[\n");
    for &i in &indices {
        let p = generate(seed, i);
        emit(&mut out, &mut table, &p, i, seed);
    }
    table.push_str("];\n");
    out.push_str(&table);
    let dir = PathBuf::from(env::var("OUT_DIR").unwrap());
    fs::write(dir.join("cases.rs"), out).unwrap();
}

// ---- random numbers -------------------------------------------------------------------

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // splitmix64
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pct(&mut self, p: usize) -> bool {
        self.below(100) < p
    }
    fn int(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as usize) as i64
    }
    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len())]
    }
}

// ---- the grammar ----------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Debug)]
enum Ty {
    Int,
    D,
    Vec,
    Arr,
    /// `&D` (see `ALLOW_HELD_BORROWS`).
    Ref,
    /// `P { a: D, b: D }` (see `ALLOW_PARTIAL_MOVES`).
    Pair,
}

struct Local {
    name: String,
    ty: Ty,
    mutable: bool,
    /// Number of loops around its declaration.
    loop_depth: usize,
    /// Moved out (`drop(d)`) somewhere: no mention may follow.
    moved: bool,
    /// A loop counter: never assigned or shadowed by the random statements.
    counter: bool,
    /// A `D` some `let r = &d;` borrows: never moved.
    borrowed: bool,
    /// A `let r = held(&d);` (`ALLOW_HELD_VALUES`): mentioned as `r.get()`.
    held: bool,
    /// A `D` parameter bound `ref` (`Some(false)`) or `ref mut` (`Some(true)`)
    /// (`ALLOW_PATTERN_PARAMS`): a reference, never moved.
    by_ref: Option<bool>,
}

enum Expr {
    Lit(i64),
    Var(usize),
    /// `d.v()`
    DVal(usize),
    /// `touch(&d)`
    Touch(usize),
    /// `sumv(&v)`
    SumV(usize),
    /// `a[i]`
    Idx(usize, usize),
    /// `D::new(k).v()`: a temporary with drop glue.
    /// `dv(&D::new(k))` (borrowed by reference), or `D::new(k).v()` (by a method).
    DTemp(u32, bool),
    Call(&'static str, Vec<Expr>),
    Method(Box<Expr>, &'static str, Box<Expr>),
    /// `chk(e)?`
    Try(Box<Expr>),
    /// A suspension point (its number).
    Yield(Box<Expr>, usize),
}

enum Cond {
    Cmp(Expr, &'static str, Expr),
    And(Box<Cond>, Box<Cond>),
    Or(Box<Cond>, Box<Cond>),
    Not(Box<Cond>),
}

struct Block {
    stmts: Vec<Stmt>,
    tail: Option<Expr>,
}

enum LoopKind {
    /// `'l: loop { c += 1; if c > n { break 'l [0]; } … }` (breaks carry a value when it
    /// is the initialiser of a `let`).
    Loop,
    /// `'l: while cond { c += 1; … }`
    While(Cond),
    /// `'l: for i in 0..(e).rem_euclid(4) { … }`
    For(Expr, usize),
}

struct Loop {
    label: String,
    kind: LoopKind,
    body: Block,
}

enum Init {
    E(Expr),
    D(u32),
    /// `&d`
    Ref(usize),
    /// `P { a: D::new(k), b: D::new(k + 1) }`
    Pair(u32),
    /// `let x; if c { x = e1; } else { x = e2; }`
    Late(Cond, Expr, Expr),
    Vec(Vec<Expr>),
    Arr(Vec<Expr>),
    If(Cond, Block, Block),
    /// `let x = { let _gK = D::new(K); .. };` (the guard when `Some(K)`: a local of the
    /// block with a destructor, never mentioned, dropped at the block's end)
    Block(Block, Option<u32>),
    Loop(Loop),
}

#[derive(Clone, Copy)]
enum PartHow {
    /// `let P { a: d, .. } = p;`
    Pattern,
    /// `drop(p.a);`
    Drop,
    /// `let d = p.a;`
    Field,
}

enum Stmt {
    Let(usize, Init),
    /// `x = e;`
    Assign(usize, Expr),
    Expr(Expr),
    /// `v.push(e);`
    Push(usize, Expr),
    /// `drop(d);`, or (`true`) `consume(d);`: a function that takes it by value.
    Move(usize, bool),
    /// A move out of a `P` in part: the pair, the field (`"a"`/`"b"`), how, and the `D` a
    /// `let` binds the part to.
    PartMove(usize, &'static str, PartHow, Option<usize>),
    If(Cond, Block, Option<Block>),
    /// `match (e).rem_euclid(3) { 0 => {..} n if guard => {..} _ => {..} }`
    Match(Expr, usize, Cond, Vec<Block>),
    Loop(Loop),
    Break(String, Option<Expr>),
    Continue(String),
    Return(Expr, bool),
    /// `*pA = D::new(k);`: an assignment through a `ref mut` parameter binding.
    Replace(usize, u32),
}

/// A parameter: its pattern, and the first of the `D` numbers its argument is made of.
struct Param {
    pat: ParamPat,
    d: u32,
}

enum ParamPat {
    /// `pN: D` or `pN: i64`.
    Plain(usize),
    /// `_: D`.
    Wild,
    /// `(pA, pB): (D, D)`, either side `_` when `None`.
    Tuple(Option<usize>, Option<usize>),
    /// `ref pA: D`, `ref mut pA: D` (`true`).
    Ref(usize, bool),
    /// `P { a: pA, b: pB }: P`, a missing field `..`.
    Struct(Option<usize>, Option<usize>),
}

struct Program {
    params: Vec<Param>,
    body: Block,
    locals: Vec<Local>,
    /// Every `D` local is kept alive to the end of its block by a final `touch`, so our
    /// rule and rustc's agree without any modelling.
    coincide: bool,
    /// An async program: `tick(k, e).await` where a sync one has `yield_!(e)`.
    is_async: bool,
    /// For each suspension point: the `D` its awaited future borrows, if any.
    borrow_at: Vec<Option<usize>>,
    salt: u64,
}

impl ParamPat {
    /// The locals it binds, in order.
    fn bound(&self) -> Vec<usize> {
        match *self {
            ParamPat::Plain(l) | ParamPat::Ref(l, _) => vec![l],
            ParamPat::Wild => vec![],
            ParamPat::Tuple(a, b) | ParamPat::Struct(a, b) => a.into_iter().chain(b).collect(),
        }
    }
}

impl Program {
    /// How many times the `tick` awaited at point `n` is pending before it is ready (0..=2;
    /// 0: ready at once — the point still drops the dead locals, before the first poll).
    fn tick_k(&self, n: usize) -> usize {
        (self.salt as usize + 7 * n) % 3
    }
}

// ---- generation -----------------------------------------------------------------------

struct Gen {
    rng: Rng,
    locals: Vec<Local>,
    /// Locals that names resolve to here (shadowed ones removed).
    visible: Vec<usize>,
    /// Enclosing loops: label, breaks carry a value.
    loops: Vec<(String, bool)>,
    depth: usize,
    yields_left: usize,
    stmts_left: usize,
    points: usize,
    next_d: u32,
    labels: usize,
    coincide: bool,
    /// The `D` locals declared directly in each open block (coincide mode touches them).
    block_ds: Vec<Vec<usize>>,
    /// Statements to place before the one being generated (a loop's counter).
    pre: Vec<Stmt>,
    /// Statements to place after it (see `ALLOW_UNMENTIONED_PLAIN_LOCALS`).
    post: Vec<Stmt>,
    is_async: bool,
    /// For each suspension point: the `D` its awaited future borrows (`ALLOW_AWAIT_BORROWS`).
    borrow_at: Vec<Option<usize>>,
}

fn generate(seed: u64, index: usize) -> Program {
    let mut attempt = 0u64;
    loop {
        let s = seed
            .wrapping_mul(0x2545_F491_4F6C_DD1D)
            .wrapping_add(index as u64)
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .wrapping_add(attempt);
        if let Some(p) = try_generate(s) {
            return p;
        }
        attempt += 1;
    }
}

fn try_generate(s: u64) -> Option<Program> {
    let is_async = ALLOW_ASYNC && Rng(s ^ 0x0A5C_A5C0_A5C0_A5C0).pct(ASYNC_SHARE_PCT);
    let mut rng = Rng(s);
    let coincide = rng.pct(50);
    let yields = rng.int(1, 6) as usize;
    let stmts = rng.int(4, 18) as usize;
    let mut g = Gen {
        rng,
        locals: Vec::new(),
        visible: Vec::new(),
        loops: Vec::new(),
        depth: 0,
        yields_left: yields,
        stmts_left: stmts,
        points: 0,
        next_d: 1,
        labels: 0,
        coincide,
        block_ds: vec![Vec::new()],
        pre: Vec::new(),
        post: Vec::new(),
        is_async,
        borrow_at: Vec::new(),
    };
    // The shapes of pattern parameters come from a stream of their own (`ALLOW_PATTERN_PARAMS`).
    let mut shapes = Rng(s ^ 0x5A77_E2A1_9C3B_0D47);
    let mut params = Vec::new();
    for _ in 0..g.rng.below(3) {
        let ty = if g.rng.pct(50) { Ty::D } else { Ty::Int };
        // A parameter's `D`s are the first numbers: D::new(1), D::new(2), … in order.
        let d = g.next_d;
        let pat = if ty == Ty::D && ALLOW_PATTERN_PARAMS && shapes.pct(PATTERN_PARAM_PCT) {
            g.pattern_param(&mut shapes)
        } else {
            None
        };
        let pat = pat.unwrap_or_else(|| {
            let name = g.fresh("p");
            if ty == Ty::D {
                g.next_d += 1;
            }
            ParamPat::Plain(g.declare(name, ty, false))
        });
        params.push(Param { pat, d });
    }
    // The locals the parameters bind, in order.
    let bound: Vec<usize> = params.iter().flat_map(|p| p.pat.bound()).collect();
    g.block_ds = vec![bound
        .iter()
        .copied()
        .filter(|&p| g.locals[p].ty == Ty::D)
        .collect()];
    let mut stmts = Vec::new();
    if !ALLOW_UNMENTIONED_PLAIN_LOCALS {
        for &p in &bound {
            if g.locals[p].ty == Ty::Int {
                stmts.push(Stmt::Expr(Expr::Var(p)));
            }
        }
    }
    while g.stmts_left > 0 {
        g.stmts_left -= 1;
        let st = g.stmt();
        stmts.append(&mut g.pre);
        stmts.push(st);
        stmts.append(&mut g.post);
    }
    let ds = g.block_ds.pop().unwrap();
    g.touch_all(&mut stmts, &ds);
    // In coincide mode nothing may suspend after a block's final touches.
    let tail = g.expr(0, !coincide);
    let body = Block {
        stmts,
        tail: Some(tail),
    };
    if g.points == 0 {
        return None;
    }
    let mut body = body;
    scrub_block(&mut body);
    if is_async && !ALLOW_ASYNC_TAIL_TEMPORARIES {
        scrub_expr(body.tail.as_mut().unwrap(), Scrub::ALL);
    }
    let tail = body.tail.as_mut().unwrap();
    if !ALLOW_TAIL_TEMPORARIES_ACROSS_YIELD && has_yield(tail) {
        scrub_expr(tail, Scrub::ALL);
    }
    let salt = g.rng.next() % 1000;
    let p = Program {
        params,
        body,
        locals: g.locals,
        coincide,
        is_async,
        borrow_at: g.borrow_at,
        salt,
    };
    Some(p)
}

fn ends_in_jump(b: &Block) -> bool {
    matches!(
        b.stmts.last(),
        Some(Stmt::Break(..) | Stmt::Continue(..) | Stmt::Return(..))
    )
}

fn yield_operand(op: Expr) -> Expr {
    match op {
        Expr::Touch(_) | Expr::SumV(_) if !ALLOW_BORROW_ARG_IN_YIELD_OPERAND => {
            Expr::Call("add", vec![op, Expr::Lit(0)])
        }
        op => op,
    }
}

impl Gen {
    fn declare(&mut self, name: String, ty: Ty, mutable: bool) -> usize {
        let id = self.locals.len();
        self.visible.retain(|&v| self.locals[v].name != name);
        self.locals.push(Local {
            name,
            ty,
            mutable,
            loop_depth: self.loops.len(),
            moved: false,
            counter: false,
            borrowed: false,
            held: false,
            by_ref: None,
        });
        self.visible.push(id);
        id
    }

    /// A `D` parameter written as a pattern (`ALLOW_PATTERN_PARAMS`), its shape drawn from
    /// `shapes`; `None` when every shape is switched off.
    fn pattern_param(&mut self, shapes: &mut Rng) -> Option<ParamPat> {
        let mut kinds = Vec::new();
        if ALLOW_WILD_PARAMS {
            kinds.push(0);
        }
        if ALLOW_TUPLE_PARAMS {
            kinds.extend([1, 3]);
            if ALLOW_TWO_BINDING_PARAMS {
                kinds.push(2);
            }
        }
        if ALLOW_REF_PARAMS {
            kinds.extend([4, 5]);
        }
        if ALLOW_STRUCT_PARAMS {
            kinds.extend([6, 7]);
            if ALLOW_TWO_BINDING_PARAMS {
                kinds.push(8);
            }
        }
        if kinds.is_empty() {
            return None;
        }
        let kind = shapes.pick(&kinds);
        let bind = |g: &mut Gen, yes: bool| {
            yes.then(|| {
                let name = g.fresh("p");
                g.declare(name, Ty::D, false)
            })
        };
        let pat = match kind {
            0 => ParamPat::Wild,
            1..=3 => {
                let a = bind(self, kind != 3);
                let b = bind(self, kind != 1);
                ParamPat::Tuple(a, b)
            }
            4 | 5 => {
                let l = bind(self, true).unwrap();
                self.locals[l].by_ref = Some(kind == 5);
                ParamPat::Ref(l, kind == 5)
            }
            _ => {
                let a = bind(self, kind != 7);
                let b = bind(self, kind != 6);
                ParamPat::Struct(a, b)
            }
        };
        self.next_d += match pat {
            ParamPat::Tuple(..) | ParamPat::Struct(..) => 2,
            _ => 1,
        };
        Some(pat)
    }

    /// See `ALLOW_UNMENTIONED_PLAIN_LOCALS`.
    fn mention_later(&mut self, id: usize) {
        if ALLOW_UNMENTIONED_PLAIN_LOCALS {
            return;
        }
        let e = match self.locals[id].ty {
            Ty::Int => Expr::Var(id),
            Ty::Vec => Expr::SumV(id),
            Ty::Arr => Expr::Idx(id, 0),
            Ty::D | Ty::Ref | Ty::Pair => return,
        };
        self.post.push(Stmt::Expr(e));
    }

    fn fresh(&mut self, prefix: &str) -> String {
        let n = self
            .locals
            .iter()
            .filter(|l| l.name.starts_with(prefix))
            .count();
        format!("{prefix}{n}")
    }

    /// Numbers a new suspension point; in an async coincide program its future may borrow a
    /// `D` in scope (`ALLOW_AWAIT_BORROWS`).
    fn new_point(&mut self) -> usize {
        let n = self.points;
        self.points += 1;
        let ds = self.of(Ty::D);
        let borrow = (ALLOW_AWAIT_BORROWS
            && self.is_async
            && self.coincide
            && !ds.is_empty()
            && self.rng.pct(40))
        .then(|| {
            let d = self.rng.pick(&ds);
            self.locals[d].borrowed = true;
            d
        });
        self.borrow_at.push(borrow);
        n
    }

    fn of(&self, ty: Ty) -> Vec<usize> {
        self.visible
            .iter()
            .copied()
            .filter(|&v| self.locals[v].ty == ty && !self.locals[v].moved)
            .collect()
    }

    fn lit(&mut self) -> Expr {
        let lo = if ALLOW_NEGATIVE_LITERALS { -3 } else { 0 };
        Expr::Lit(self.rng.int(lo, 12))
    }

    fn expr(&mut self, depth: usize, allow_yield: bool) -> Expr {
        let r = self.rng.below(100);
        if allow_yield && self.yields_left > 0 && r < 22 {
            self.yields_left -= 1;
            let n = self.new_point();
            let nested = allow_yield && self.rng.pct(15);
            let op = self.expr(depth + 1, nested);
            return Expr::Yield(Box::new(yield_operand(op)), n);
        }
        if depth < 2 && r < 60 {
            let k = self.rng.below(100);
            return if k < 40 {
                let f = self.rng.pick(&["add", "sub"]);
                Expr::Call(
                    f,
                    vec![
                        self.expr(depth + 1, allow_yield),
                        self.expr(depth + 1, allow_yield),
                    ],
                )
            } else if k < 65 {
                let m =
                    self.rng
                        .pick(&["wrapping_add", "wrapping_sub", "wrapping_mul", "max", "min"]);
                let a = self.expr(depth + 1, allow_yield);
                let b = self.expr(depth + 1, allow_yield);
                Expr::Method(Box::new(a), m, Box::new(b))
            } else if k < 75 && ALLOW_PANICS {
                Expr::Call("boom", vec![self.expr(depth + 1, allow_yield)])
            } else if k < 85 && ALLOW_TRY {
                Expr::Try(Box::new(self.expr(depth + 1, allow_yield)))
            } else if k < 92 && ALLOW_DROP_TEMPORARIES {
                let id = self.next_d;
                self.next_d += 1;
                Expr::DTemp(id, self.rng.below(2) == 0)
            } else {
                self.leaf()
            };
        }
        self.leaf()
    }

    fn leaf(&mut self) -> Expr {
        let r = self.rng.below(100);
        let ints = self.of(Ty::Int);
        let ds = self.of(Ty::D);
        let vs = self.of(Ty::Vec);
        let arrs = self.of(Ty::Arr);
        if r < 35 && !ints.is_empty() {
            return Expr::Var(self.rng.pick(&ints));
        }
        if r < 55 && !ds.is_empty() {
            let d = self.rng.pick(&ds);
            return if self.rng.pct(50) {
                Expr::DVal(d)
            } else {
                Expr::Touch(d)
            };
        }
        if r < 62 && !vs.is_empty() {
            return Expr::SumV(self.rng.pick(&vs));
        }
        if r < 70 && !arrs.is_empty() {
            let i = self.rng.below(4);
            return Expr::Idx(self.rng.pick(&arrs), i);
        }
        self.lit()
    }

    fn cond(&mut self, depth: usize, allow_yield: bool) -> Cond {
        let r = self.rng.below(100);
        if depth < 1 && r < 25 {
            let a = self.cond(depth + 1, allow_yield);
            let b = self.cond(depth + 1, allow_yield);
            return if self.rng.pct(50) {
                Cond::And(Box::new(a), Box::new(b))
            } else {
                Cond::Or(Box::new(a), Box::new(b))
            };
        }
        if depth < 1 && r < 30 {
            return Cond::Not(Box::new(self.cond(depth + 1, allow_yield)));
        }
        let op = self.rng.pick(&["<", "==", "!=", ">="]);
        let mut a = self.expr(1, allow_yield);
        let b = if self.rng.pct(60) {
            self.lit()
        } else {
            self.expr(1, allow_yield)
        };
        if matches!((&a, &b), (Expr::Lit(_), Expr::Lit(_))) {
            // rustc folds `2 < 11` before laying out the coroutine, and would drop the
            // dead branch's locals from its machine: not what this suite compares.
            a = Expr::Call("add", vec![a, Expr::Lit(0)]);
        }
        Cond::Cmp(a, op, b)
    }

    fn block(&mut self, max: usize) -> Block {
        self.block_with(max, false)
    }

    /// A block; `tail`: it ends in a value (unless it ends in a jump).
    fn block_with(&mut self, max: usize, tail: bool) -> Block {
        let saved = self.visible.clone();
        self.block_ds.push(Vec::new());
        self.depth += 1;
        let n = 1 + self.rng.below(max);
        let mut stmts = Vec::new();
        for _ in 0..n {
            if self.stmts_left == 0 {
                break;
            }
            self.stmts_left -= 1;
            let st = self.stmt();
            stmts.append(&mut self.pre);
            stmts.push(st);
            stmts.append(&mut self.post);
        }
        // Sometimes leave the block early.
        if self.rng.pct(20) {
            if let Some(s) = self.jump() {
                if ALLOW_UNCONDITIONAL_JUMPS {
                    stmts.push(s);
                } else {
                    let c = self.cond(0, !self.coincide);
                    stmts.push(Stmt::If(
                        c,
                        Block {
                            stmts: vec![s],
                            tail: None,
                        },
                        None,
                    ));
                }
            }
        }
        let ds = self.block_ds.pop().unwrap();
        self.touch_all(&mut stmts, &ds);
        let mut b = Block { stmts, tail: None };
        if tail && !ends_in_jump(&b) {
            b.tail = Some(self.expr(1, !self.coincide));
        }
        self.depth -= 1;
        self.visible = saved;
        b
    }

    /// Coincide mode: a final `touch(&d)` keeps every `D` of the block alive to its end.
    fn touch_all(&mut self, stmts: &mut Vec<Stmt>, ds: &[usize]) {
        if !self.coincide {
            return;
        }
        // After a jump the touches would be unreachable; put them before it.
        let jump = matches!(
            stmts.last(),
            Some(Stmt::Break(..) | Stmt::Continue(..) | Stmt::Return(..))
        );
        let at = if jump { stmts.len() - 1 } else { stmts.len() };
        for &d in ds {
            if !self.locals[d].moved {
                stmts.insert(at, Stmt::Expr(Expr::Touch(d)));
            }
        }
    }

    fn jump(&mut self) -> Option<Stmt> {
        let r = self.rng.below(100);
        if r < 55 && !self.loops.is_empty() {
            let (label, value) = self.loops[self.rng.below(self.loops.len())].clone();
            if self.rng.pct(40) {
                return Some(Stmt::Continue(label));
            }
            let y = !self.coincide && ALLOW_SUSPENSION_IN_JUMP_VALUES;
            let v = if value { Some(self.expr(1, y)) } else { None };
            return Some(Stmt::Break(label, v));
        }
        if r < 85 {
            let y = !self.coincide && ALLOW_SUSPENSION_IN_JUMP_VALUES;
            let e = self.expr(1, y);
            return Some(Stmt::Return(e, self.rng.pct(30)));
        }
        None
    }

    /// The locals of type `ty` a move may take here: declared at this loop depth, and in the
    /// declaring block only (unconditional), unless `ALLOW_CONDITIONAL_MOVES`; in touched
    /// programs always.
    fn movable(&self, ty: Ty) -> Vec<usize> {
        let depth = self.loops.len();
        let here = self.block_ds.last().unwrap();
        let conditional =
            ALLOW_CONDITIONAL_MOVES || (self.is_async && ALLOW_CONDITIONAL_MOVES_ASYNC);
        self.of(ty)
            .into_iter()
            .filter(|&d| self.locals[d].loop_depth == depth)
            .filter(|&d| self.locals[d].by_ref.is_none())
            .filter(|d| (!self.coincide && conditional) || here.contains(d))
            .collect()
    }

    /// A move out of a `P` in part (`ALLOW_PARTIAL_MOVES`), under the same rules as `drop(d)`.
    fn part_move(&mut self) -> Option<Stmt> {
        let pairs = self.movable(Ty::Pair);
        if pairs.is_empty() {
            return None;
        }
        let p = self.rng.pick(&pairs);
        self.locals[p].moved = true;
        let field = self.rng.pick(&["a", "b"]);
        let how = self.rng.pick(&[PartHow::Pattern, PartHow::Drop, PartHow::Field]);
        let new = match how {
            PartHow::Drop => None,
            PartHow::Pattern | PartHow::Field => {
                let name = self.fresh("d");
                let id = self.declare(name, Ty::D, false);
                self.block_ds.last_mut().unwrap().push(id);
                Some(id)
            }
        };
        Some(Stmt::PartMove(p, field, how, new))
    }

    fn stmt(&mut self) -> Stmt {
        let nested = self.depth < 3;
        let ref_muts: Vec<usize> = self
            .of(Ty::D)
            .into_iter()
            // (Not once a held borrow of it may be alive: `*pA = ..` would conflict with it.)
            .filter(|&d| self.locals[d].by_ref == Some(true) && !self.locals[d].borrowed)
            .collect();
        if !ref_muts.is_empty() && self.rng.pct(10) {
            let d = self.rng.pick(&ref_muts);
            let k = self.next_d;
            self.next_d += 1;
            return Stmt::Replace(d, k);
        }
        if ALLOW_PARTIAL_MOVES && ALLOW_MOVES && self.rng.pct(15) {
            if let Some(s) = self.part_move() {
                return s;
            }
        }
        loop {
            let r = self.rng.below(118);
            match r {
                0..=17 => {
                    let ints: Vec<usize> = self
                        .of(Ty::Int)
                        .into_iter()
                        .filter(|&v| !self.locals[v].counter)
                        .collect();
                    let name = if !ints.is_empty() && self.rng.pct(25) {
                        self.locals[self.rng.pick(&ints)].name.clone()
                    } else {
                        self.fresh("x")
                    };
                    let init = self.expr(0, true);
                    let mutable = self.rng.pct(50);
                    let id = self.declare(name, Ty::Int, mutable);
                    if !matches!(init, Expr::Lit(_)) {
                        self.mention_later(id);
                    }
                    return Stmt::Let(id, Init::E(init));
                }
                18..=29 if ALLOW_HELD_BORROWS && self.coincide && self.rng.pct(30) => {
                    let ds = self.of(Ty::D);
                    if ds.is_empty() {
                        continue;
                    }
                    let d = self.rng.pick(&ds);
                    self.locals[d].borrowed = true;
                    let name = self.fresh("r");
                    let id = self.declare(name, Ty::Ref, false);
                    self.locals[id].held = ALLOW_HELD_VALUES && self.rng.pct(50);
                    // Its final `touch(r)` keeps the borrow alive to the end of the block.
                    self.block_ds.last_mut().unwrap().push(id);
                    return Stmt::Let(id, Init::Ref(d));
                }
                18..=29 => {
                    let ds = self.of(Ty::D);
                    // (A shadowed `D` can never be mentioned again: modelled programs only.)
                    let name = if ALLOW_D_SHADOWING
                        && !self.coincide
                        && !ds.is_empty()
                        && self.rng.pct(20)
                    {
                        self.locals[self.rng.pick(&ds)].name.clone()
                    } else {
                        self.fresh("d")
                    };
                    let k = self.next_d;
                    if ALLOW_PARTIAL_MOVES && self.rng.pct(20) {
                        self.next_d += 2;
                        let name = self.fresh("p");
                        let id = self.declare(name, Ty::Pair, false);
                        self.block_ds.last_mut().unwrap().push(id);
                        return Stmt::Let(id, Init::Pair(k));
                    }
                    self.next_d += 1;
                    let id = self.declare(name, Ty::D, false);
                    self.block_ds.last_mut().unwrap().push(id);
                    return Stmt::Let(id, Init::D(k));
                }
                30..=32 => {
                    let es = vec![self.expr(1, true), self.expr(1, false)];
                    let name = self.fresh("v");
                    let id = self.declare(name, Ty::Vec, true);
                    self.mention_later(id);
                    return Stmt::Let(id, Init::Vec(es));
                }
                33..=35 => {
                    let es = (0..4).map(|_| self.expr(2, true)).collect();
                    let name = self.fresh("a");
                    let id = self.declare(name, Ty::Arr, false);
                    self.mention_later(id);
                    return Stmt::Let(id, Init::Arr(es));
                }
                36..=44 => {
                    let ms: Vec<usize> = self
                        .of(Ty::Int)
                        .into_iter()
                        .filter(|&v| self.locals[v].mutable && !self.locals[v].counter)
                        .collect();
                    if ms.is_empty() {
                        continue;
                    }
                    let x = self.rng.pick(&ms);
                    let e = self.expr(0, true);
                    let compound = !ALLOW_PLAIN_OVERWRITES || self.rng.pct(60);
                    let e = if compound {
                        Expr::Call("add", vec![Expr::Var(x), e])
                    } else {
                        e
                    };
                    return Stmt::Assign(x, e);
                }
                45..=62 => {
                    if self.yields_left == 0 {
                        continue;
                    }
                    self.yields_left -= 1;
                    let n = self.new_point();
                    let nested = self.rng.pct(10);
                    let op = self.expr(0, nested);
                    return Stmt::Expr(Expr::Yield(Box::new(yield_operand(op)), n));
                }
                63..=67 => {
                    let mut ds = self.of(Ty::D);
                    ds.extend(self.of(Ty::Pair));
                    if ds.is_empty() {
                        continue;
                    }
                    return Stmt::Expr(Expr::Touch(self.rng.pick(&ds)));
                }
                68..=69 => {
                    let vs = self.of(Ty::Vec);
                    if vs.is_empty() {
                        continue;
                    }
                    let v = self.rng.pick(&vs);
                    return Stmt::Push(v, self.expr(1, true));
                }
                70..=73 => {
                    if !ALLOW_MOVES {
                        continue;
                    }
                    let ds: Vec<usize> = self
                        .movable(Ty::D)
                        .into_iter()
                        .filter(|&d| !self.locals[d].borrowed)
                        .collect();
                    if ds.is_empty() {
                        continue;
                    }
                    let d = self.rng.pick(&ds);
                    self.locals[d].moved = true;
                    return Stmt::Move(d, self.rng.below(2) == 0);
                }
                74..=75 if ALLOW_PANICS => {
                    return Stmt::Expr(Expr::Call("boom", vec![self.expr(1, true)]));
                }
                76..=87 if nested => {
                    let c = self.cond(0, true);
                    let t = self.block(3);
                    let e = if self.rng.pct(50) {
                        Some(self.block(3))
                    } else {
                        None
                    };
                    return Stmt::If(c, t, e);
                }
                88..=91 if nested && ALLOW_DEFERRED_INIT && self.rng.pct(35) => {
                    let c = self.cond(0, true);
                    let (a, b) = (self.expr(1, true), self.expr(1, true));
                    let name = self.fresh("x");
                    let id = self.declare(name, Ty::Int, false);
                    self.mention_later(id);
                    return Stmt::Let(id, Init::Late(c, a, b));
                }
                88..=91 if nested && ALLOW_BLOCK_VALUES && self.rng.pct(40) => {
                    // (Not one that ends in a jump: the code after the `let` would be dead,
                    // and rustc keeps nothing for it where the macro still keeps a value it
                    // cannot tell has no drop glue, `held(..)`: a known size gap, not this
                    // shape's.)
                    let mut b = self.block_with(2, true);
                    if ends_in_jump(&b) {
                        b.stmts.pop();
                        b.tail = Some(self.expr(1, !self.coincide));
                    }
                    // Often a temporary made before the tail's other operand, which may
                    // suspend: `add(dv(&D::new(k)), ..)`.
                    if ALLOW_DROP_TEMPORARIES && self.rng.pct(50) {
                        let id = self.next_d;
                        self.next_d += 1;
                        let rest = b.tail.take().expect("a tail");
                        b.tail = Some(Expr::Call("add", vec![Expr::DTemp(id, true), rest]));
                    }
                    let guard = self.rng.pct(60).then(|| {
                        self.next_d += 1;
                        self.next_d - 1
                    });
                    let name = self.fresh("x");
                    let m = self.rng.pct(30);
                    let id = self.declare(name, Ty::Int, m);
                    self.mention_later(id);
                    return Stmt::Let(id, Init::Block(b, guard));
                }
                88..=91 if nested => {
                    let c = self.cond(0, true);
                    // A block that ends in a jump gets no (unreachable) tail.
                    let t = self.block_with(2, true);
                    let e = self.block_with(2, true);
                    let name = self.fresh("x");
                    let m = self.rng.pct(30);
                    let id = self.declare(name, Ty::Int, m);
                    self.mention_later(id);
                    return Stmt::Let(id, Init::If(c, t, e));
                }
                92..=97 if nested => {
                    let scrut = self.expr(1, true);
                    let saved = self.visible.clone();
                    let mut arms = vec![self.block(2)];
                    let name = self.fresh("n");
                    let n = self.declare(name, Ty::Int, false);
                    let guard = if ALLOW_UNMENTIONED_PLAIN_LOCALS {
                        self.cond(1, ALLOW_SUSPENDING_GUARDS)
                    } else {
                        let op = self.rng.pick(&["<", "!=", ">="]);
                        let rhs = self.expr(1, ALLOW_SUSPENDING_GUARDS);
                        Cond::Cmp(Expr::Var(n), op, rhs)
                    };
                    arms.push(self.block(2));
                    self.visible = saved;
                    arms.push(self.block(2));
                    return Stmt::Match(scrut, n, guard, arms);
                }
                98..=117 if nested && self.loops.len() < 3 => {
                    return self.loop_stmt();
                }
                _ => continue,
            }
        }
    }

    /// A loop; the declaration of its counter goes to `self.pre`, to be placed just before it.
    fn loop_stmt(&mut self) -> Stmt {
        self.labels += 1;
        let label = format!("'l{}", self.labels);
        let kind = self.rng.below(3);
        let bound = self.rng.int(1, 3);
        let value = kind == 0 && self.rng.pct(40);
        let mut counter = None;
        if kind < 2 {
            let name = self.fresh("c");
            let c = self.declare(name, Ty::Int, true);
            self.locals[c].counter = true;
            counter = Some(c);
        }
        let saved = self.visible.clone();
        let (lk, mut prefix) = match kind {
            0 => {
                let c = counter.unwrap();
                let brk = Stmt::Break(label.clone(), if value { Some(Expr::Lit(0)) } else { None });
                (
                    LoopKind::Loop,
                    vec![
                        Stmt::Assign(c, Expr::Call("add", vec![Expr::Var(c), Expr::Lit(1)])),
                        Stmt::If(
                            Cond::Cmp(Expr::Var(c), ">", Expr::Lit(bound)),
                            Block {
                                stmts: vec![brk],
                                tail: None,
                            },
                            None,
                        ),
                    ],
                )
            }
            1 => {
                let c = counter.unwrap();
                let mut cond = Cond::Cmp(Expr::Var(c), "<", Expr::Lit(bound));
                if self.rng.pct(50) {
                    cond = Cond::And(Box::new(cond), Box::new(self.cond(1, true)));
                }
                (
                    LoopKind::While(cond),
                    vec![Stmt::Assign(
                        c,
                        Expr::Call("add", vec![Expr::Var(c), Expr::Lit(1)]),
                    )],
                )
            }
            _ => {
                let e = self.expr(1, true);
                let name = self.fresh("i");
                let i = self.declare(name, Ty::Int, false);
                (LoopKind::For(e, i), vec![])
            }
        };
        self.loops.push((label.clone(), value));
        let mut body = self.block(3);
        if let (LoopKind::For(_, i), false) = (&lk, ALLOW_UNMENTIONED_PLAIN_LOCALS) {
            prefix.push(Stmt::Expr(Expr::Var(*i)));
        }
        self.loops.pop();
        self.visible = saved;
        prefix.append(&mut body.stmts);
        body.stmts = prefix;
        let lp = Loop {
            label,
            kind: lk,
            body,
        };
        if let Some(c) = counter {
            self.pre.push(Stmt::Let(c, Init::E(Expr::Lit(0))));
        }
        if value {
            let name = self.fresh("x");
            let x = self.declare(name, Ty::Int, false);
            self.mention_later(x);
            Stmt::Let(x, Init::Loop(lp))
        } else {
            Stmt::Loop(lp)
        }
    }
}

// ---- printing ------------------------------------------------------------------------

struct Printer<'a> {
    p: &'a Program,
    native: bool,
    out: String,
    indent: usize,
}

impl Printer<'_> {
    fn line(&mut self, s: &str) {
        for _ in 0..self.indent {
            self.out.push_str("    ");
        }
        self.out.push_str(s);
        self.out.push('\n');
    }

    /// In the native body a `D` whose name is reused gets a unique name, so a hidden one
    /// can still be dropped explicitly where our rule drops it.
    fn name(&self, l: usize) -> String {
        let local = &self.p.locals[l];
        let reused = local.ty == Ty::D
            && self
                .p
                .locals
                .iter()
                .filter(|o| o.name == local.name)
                .count()
                > 1;
        if self.native && reused {
            format!("{}_{l}", local.name)
        } else {
            local.name.clone()
        }
    }

    fn dref(&self, d: usize) -> String {
        if self.p.locals[d].ty == Ty::Pair {
            return format!("&{}.a", self.name(d));
        }
        format!("&{}", self.name(d))
    }

    fn expr(&self, e: &Expr) -> String {
        match e {
            Expr::Lit(n) if *n < 0 => format!("({n}i64)"),
            Expr::Lit(n) => format!("{n}i64"),
            Expr::Var(l) => self.name(*l).to_string(),
            Expr::DVal(d) => format!("{}.v()", self.name(*d)),
            Expr::Touch(r) if self.p.locals[*r].held => format!("touch({}.get())", self.name(*r)),
            Expr::Touch(d) => format!("touch({})", self.dref(*d)),
            Expr::SumV(v) => format!("sumv(&{})", self.name(*v)),
            Expr::Idx(a, i) if ALLOW_DEFERRED_INDEX_OPERANDS => format!("{}[{i}]", self.name(*a)),
            Expr::Idx(a, i) => format!("{}[{i}].wrapping_add(0i64)", self.name(*a)),
            Expr::DTemp(k, true) => format!("dv(&D::new({k}))"),
            Expr::DTemp(k, false) => format!("D::new({k}).v()"),
            Expr::Call(f, args) => {
                let a: Vec<String> = args.iter().map(|a| self.expr(a)).collect();
                format!("{f}({})", a.join(", "))
            }
            Expr::Method(a, m, b) => format!("({}).{m}({})", self.expr(a), self.expr(b)),
            Expr::Try(a) => format!("chk({})?", self.expr(a)),
            Expr::Yield(op, n) if self.p.is_async => {
                let op = self.expr(op);
                let k = self.p.tick_k(*n);
                match self.p.borrow_at[*n] {
                    Some(d) => format!("tick_on({k}, {}, {op}).await", self.dref(d)),
                    None => format!("tick({k}, {op}).await"),
                }
            }
            Expr::Yield(op, _) => {
                let op = self.expr(op);
                if self.native {
                    format!("(yield {op})")
                } else {
                    format!("yield_!({op})")
                }
            }
        }
    }

    fn cond(&self, c: &Cond) -> String {
        match c {
            Cond::Cmp(a, op, b) => format!("{} {op} {}", self.expr(a), self.expr(b)),
            Cond::And(a, b) => format!("({}) && ({})", self.cond(a), self.cond(b)),
            Cond::Or(a, b) => format!("({}) || ({})", self.cond(a), self.cond(b)),
            Cond::Not(a) => format!("!({})", self.cond(a)),
        }
    }

    /// Prints `{ stmts tail }` with the opening `{` already on the current line.
    fn block_body(&mut self, b: &Block) {
        self.indent += 1;
        for s in &b.stmts {
            self.stmt(s);
        }
        if let Some(t) = &b.tail {
            let t = self.expr(t);
            self.line(&t);
        }
        self.indent -= 1;
    }

    /// A parameter's pattern, with this side's names.
    fn pat(&self, p: &ParamPat) -> String {
        let opt = |l: Option<usize>| l.map_or("_".to_string(), |l| self.name(l));
        match *p {
            ParamPat::Plain(l) => self.name(l),
            ParamPat::Wild => "_".into(),
            ParamPat::Tuple(a, b) => format!("({}, {})", opt(a), opt(b)),
            ParamPat::Ref(l, m) => format!("ref {}{}", if m { "mut " } else { "" }, self.name(l)),
            ParamPat::Struct(a, b) => {
                let mut fs = Vec::new();
                if let Some(a) = a {
                    fs.push(format!("a: {}", self.name(a)));
                }
                if let Some(b) = b {
                    fs.push(format!("b: {}", self.name(b)));
                }
                if a.is_none() || b.is_none() {
                    fs.push("..".into());
                }
                format!("P {{ {} }}", fs.join(", "))
            }
        }
    }

    /// The native generator's closure: binds every parameter as rustc's lowering of an `async
    /// fn` does (a plain one `let p0 = p0;`, a pattern `let __argN = __argN; let <pat> =
    /// __argN;`), then prints the body, one indent level in; when there are parameters the
    /// body becomes `let __value = {..}; __value`, so the parameters outlive the body's tail
    /// temporaries as in a native `fn` (and as the macro lowers a body with a tail expression).
    fn rebind_then_body(&mut self, params: &[Param], body: &Block) {
        for (i, prm) in params.iter().enumerate() {
            match prm.pat {
                ParamPat::Plain(l) => {
                    let n = self.name(l);
                    let raw = self.p.locals[l].name.clone();
                    self.line(&format!("let {n} = {raw};"));
                }
                ref pat => {
                    // (rustc's lowering writes `let mut __argN`, for a `ref mut` binding.)
                    let m = if matches!(pat, ParamPat::Ref(_, true)) {
                        "mut "
                    } else {
                        ""
                    };
                    self.line(&format!("let {m}__arg{i} = __arg{i};"));
                    let pat = self.pat(pat);
                    self.line(&format!("let {pat} = __arg{i};"));
                }
            }
        }
        if params.is_empty() {
            self.indent -= 1;
            self.body(body);
        } else {
            self.line("let __value = {");
            self.body(body);
            self.line("};");
            self.line("__value");
            self.indent -= 1;
        }
    }

    /// The coroutine's body: its tail is the `Ok` return value.
    fn body(&mut self, b: &Block) {
        self.indent += 1;
        for s in &b.stmts {
            self.stmt(s);
        }
        let t = self.expr(b.tail.as_ref().unwrap());
        self.line(&format!("Ok({t})"));
        self.indent -= 1;
    }

    fn lp(&mut self, head: &str, lp: &Loop, close: &str) {
        let h = match &lp.kind {
            LoopKind::Loop => format!("{head}{}: loop {{", lp.label),
            LoopKind::While(c) => format!("{head}{}: while {} {{", lp.label, self.cond(c)),
            LoopKind::For(e, i) => format!(
                "{head}{}: for {} in 0i64..({}).rem_euclid(4) {{",
                lp.label,
                self.name(*i),
                self.expr(e)
            ),
        };
        self.line(&h);
        self.block_body(&lp.body);
        self.line(close);
    }

    fn stmt(&mut self, s: &Stmt) {
        match s {
            Stmt::Let(l, init) => {
                let local = &self.p.locals[*l];
                let m = if local.mutable { "mut " } else { "" };
                let name = self.name(*l);
                match init {
                    Init::E(e) => {
                        let e = self.expr(e);
                        self.line(&format!("let {m}{name} = {e};"));
                    }
                    Init::Ref(d) if local.held => {
                        // In two steps, as the macro's docs say to write a borrow that a
                        // call's result keeps (`held(&d)` alone is a borrow error there).
                        let d = self.dref(*d);
                        self.line(&format!("let {name}_b = {d};"));
                        self.line(&format!("let {name} = held({name}_b);"));
                    }
                    Init::Ref(d) => {
                        let d = self.dref(*d);
                        self.line(&format!("let {name} = {d};"));
                    }
                    Init::D(k) => {
                        self.line(&format!("let {name} = D::new({k});"));
                    }
                    Init::Late(c, a, b) => {
                        let c = self.cond(c);
                        let (a, b) = (self.expr(a), self.expr(b));
                        self.line(&format!("let {name};"));
                        self.line(&format!("if {c} {{ {name} = {a}; }} else {{ {name} = {b}; }}"));
                    }
                    Init::Pair(k) => {
                        let k2 = k + 1;
                        self.line(&format!(
                            "let {name} = P {{ a: D::new({k}), b: D::new({k2}) }};"
                        ));
                    }
                    Init::Vec(es) => {
                        let es: Vec<String> = es.iter().map(|e| self.expr(e)).collect();
                        self.line(&format!("let mut {name} = vec![{}];", es.join(", ")));
                    }
                    Init::Arr(es) => {
                        let es: Vec<String> = es.iter().map(|e| self.expr(e)).collect();
                        self.line(&format!("let {name} = [{}];", es.join(", ")));
                    }
                    Init::If(c, t, e) => {
                        let c = self.cond(c);
                        self.line(&format!("let {m}{name} = if {c} {{"));
                        self.block_body(t);
                        self.line("} else {");
                        self.block_body(e);
                        self.line("};");
                    }
                    Init::Block(b, guard) => {
                        self.line(&format!("let {m}{name}: i64 = {{"));
                        if let Some(k) = guard {
                            self.line(&format!("    let _g{k} = D::new({k});"));
                        }
                        self.block_body(b);
                        self.line("};");
                    }
                    Init::Loop(lp) => self.lp(&format!("let {m}{name} = "), lp, "};"),
                }
            }
            Stmt::Assign(x, e) => {
                let e = self.expr(e);
                self.line(&format!("{} = {e};", self.name(*x)));
            }
            Stmt::Expr(e) => {
                let e = self.expr(e);
                self.line(&format!("{e};"));
            }
            Stmt::Push(v, e) => {
                let e = self.expr(e);
                self.line(&format!("{}.push({e});", self.name(*v)));
            }
            Stmt::Move(d, false) => {
                self.line(&format!("drop({});", self.name(*d)));
            }
            Stmt::Move(d, true) => {
                self.line(&format!("consume({});", self.name(*d)));
            }
            Stmt::PartMove(p, f, how, new) => {
                let p = self.name(*p);
                let new = new.map(|d| self.name(d));
                match (how, new) {
                    (PartHow::Pattern, Some(d)) => {
                        self.line(&format!("let P {{ {f}: {d}, .. }} = {p};"))
                    }
                    (PartHow::Field, Some(d)) => self.line(&format!("let {d} = {p}.{f};")),
                    _ => self.line(&format!("drop({p}.{f});")),
                }
            }
            Stmt::If(c, t, e) => {
                let c = self.cond(c);
                self.line(&format!("if {c} {{"));
                self.block_body(t);
                if let Some(e) = e {
                    self.line("} else {");
                    self.block_body(e);
                }
                self.line("}");
            }
            Stmt::Match(scrut, n, guard, arms) => {
                let sc = self.expr(scrut);
                self.line(&format!("match ({sc}).rem_euclid(3) {{"));
                self.indent += 1;
                self.line("0 => {");
                self.block_body(&arms[0]);
                let g = self.cond(guard);
                self.line(&format!(
                    "}}\n{}{} if {g} => {{",
                    "    ".repeat(self.indent),
                    self.name(*n)
                ));
                self.block_body(&arms[1]);
                self.line("}");
                self.line("_ => {");
                self.block_body(&arms[2]);
                self.line("}");
                self.indent -= 1;
                self.line("}");
            }
            Stmt::Loop(lp) => self.lp("", lp, "}"),
            Stmt::Break(l, None) => self.line(&format!("break {l};")),
            Stmt::Break(l, Some(v)) => {
                let v = self.expr(v);
                self.line(&format!("break {l} {v};"));
            }
            Stmt::Continue(l) => self.line(&format!("continue {l};")),
            Stmt::Replace(d, k) => self.line(&format!("*{} = D::new({k});", self.name(*d))),
            Stmt::Return(e, err) => {
                let e = self.expr(e);
                if *err {
                    self.line(&format!("return Err(Big({e}));"));
                } else {
                    self.line(&format!("return Ok({e});"));
                }
            }
        }
    }
}

fn param_ty(p: &Program, prm: &Param) -> &'static str {
    match prm.pat {
        ParamPat::Plain(l) if p.locals[l].ty == Ty::Int => "i64",
        ParamPat::Plain(_) | ParamPat::Wild | ParamPat::Ref(..) => "D",
        ParamPat::Tuple(..) => "(D, D)",
        ParamPat::Struct(..) => "P",
    }
}

fn emit(out: &mut String, table: &mut String, p: &Program, i: usize, _seed: u64) {
    let (raw, nat) = (
        Printer {
            p,
            native: false,
            out: String::new(),
            indent: 0,
        },
        Printer {
            p,
            native: true,
            out: String::new(),
            indent: 0,
        },
    );
    // Ours and the native `async fn`: the patterns themselves (with each side's names); the
    // native generator function: `__argN` for a pattern, matched in its closure.
    let sig = |pr: &Printer, gen_native: bool| -> String {
        let ps: Vec<String> = p
            .params
            .iter()
            .enumerate()
            .map(|(k, prm)| {
                let ty = param_ty(p, prm);
                match prm.pat {
                    ParamPat::Plain(l) if gen_native => format!("{}: {ty}", p.locals[l].name),
                    _ if gen_native => format!("__arg{k}: {ty}"),
                    _ => format!("{}: {ty}", pr.pat(&prm.pat)),
                }
            })
            .collect();
        ps.join(", ")
    };
    let params = sig(&raw, false);
    let args: Vec<String> = p
        .params
        .iter()
        .enumerate()
        .map(|(k, prm)| {
            let d = prm.d;
            match prm.pat {
                ParamPat::Plain(l) if p.locals[l].ty == Ty::Int => {
                    format!("{}i64", (p.salt % 7) as i64 + k as i64)
                }
                ParamPat::Plain(_) | ParamPat::Wild | ParamPat::Ref(..) => format!("D::new({d})"),
                ParamPat::Tuple(..) => format!("(D::new({d}), D::new({}))", d + 1),
                ParamPat::Struct(..) => format!("P {{ a: D::new({d}), b: D::new({}) }}", d + 1),
            }
        })
        .collect();
    let args = args.join(", ");

    let mut ours = Printer {
        p,
        native: false,
        out: String::new(),
        indent: 0,
    };
    ours.line("#[stackless::coroutine]");
    if p.is_async {
        ours.line(&format!("async fn case{i}({params}) -> Result<i64, Big> {{"));
    } else {
        ours.line(&format!(
            "fn case{i}({params}) -> impl Coroutine<i64, Yield = i64, Return = Result<i64, Big>> {{"
        ));
    }
    ours.body(&p.body);
    ours.line("}");

    let mut native = Printer {
        p,
        native: true,
        out: String::new(),
        indent: 0,
    };
    if p.is_async {
        // The same signature, each binding under the native body's name (a reused `D` name
        // is made unique there): rustc's `async fn` moves the arguments into the body itself.
        let nparams = sig(&nat, false);
        native.line(&format!("async fn case{i}_native({nparams}) -> Result<i64, Big> {{"));
        native.body(&p.body);
        native.line("}");
    } else {
        let nparams = sig(&nat, true);
        native.line(&format!(
            "fn case{i}_native({nparams}) -> impl std::ops::Coroutine<i64, Yield = i64, Return = Result<i64, Big>> {{"
        ));
        native.indent += 1;
        native.line("#[coroutine]");
        native.line("static move |_first: i64| -> Result<i64, Big> {");
        native.indent += 1;
        native.rebind_then_body(&p.params, &p.body);
        native.line("}");
        native.indent -= 1;
        native.line("}");
    }

    out.push_str(&ours.out);
    out.push_str(&native.out);
    // The same program as a block form (`co!(|_first| { .. })`, capturing the parameters)
    // against rustc's coroutine closure capturing them (no rebinding: the captures are the
    // closure's own): sync programs whose parameters are all plain bindings.
    let block = (!p.is_async && p.params.iter().all(|prm| matches!(prm.pat, ParamPat::Plain(_))))
        .then(|| {
            let mut ours = Printer {
                p,
                native: false,
                out: String::new(),
                indent: 0,
            };
            ours.line(&format!(
                "fn case{i}_block({params}) -> impl Coroutine<i64, Yield = i64, Return = Result<i64, Big>> {{"
            ));
            ours.indent += 1;
            ours.line("stackless::co!(|_first: i64| -> Result<i64, Big> {");
            ours.body(&p.body);
            ours.line("})");
            ours.indent -= 1;
            ours.line("}");
            let mut native = Printer {
                p,
                native: true,
                out: String::new(),
                indent: 0,
            };
            let nparams = sig(&nat, false);
            native.line(&format!(
                "fn case{i}_nblock({nparams}) -> impl std::ops::Coroutine<i64, Yield = i64, Return = Result<i64, Big>> {{"
            ));
            native.indent += 1;
            native.line("#[coroutine]");
            native.line("static move |_first: i64| -> Result<i64, Big> {");
            native.body(&p.body);
            native.line("}");
            native.indent -= 1;
            native.line("}");
            out.push_str(&ours.out);
            out.push_str(&native.out);
            (ours.out, native.out)
        });
    let (drive_o, drive_n) = if p.is_async {
        (
            format!("drive_future(case{i}({args}), k)"),
            format!("drive_future(case{i}_native({args}), k)"),
        )
    } else {
        (
            format!("drive_ours(case{i}({args}), {}, k)", p.salt),
            format!("drive_native(case{i}_native({args}), {}, k)", p.salt),
        )
    };
    writeln!(
        table,
        "    Case {{ index: {i}, block: false, coincide: {}, is_async: {}, salt: {}, ours_src: {:?}, native_src: {:?}, \
         ours: |k| {drive_o}, \
         native: |k| {drive_n}, \
         sizes: || (std::mem::size_of_val(&case{i}({args})), std::mem::size_of_val(&case{i}_native({args}))) }},",
        p.coincide, p.is_async, p.salt, ours.out, native.out
    )
    .unwrap();
    if let Some((ours_src, native_src)) = block {
        writeln!(
            table,
            "    Case {{ index: {i}, block: true, coincide: {}, is_async: false, salt: {}, ours_src: {:?}, native_src: {:?}, \
             ours: |k| drive_ours(case{i}_block({args}), {salt}, k), \
             native: |k| drive_native(case{i}_nblock({args}), {salt}, k), \
             sizes: || (std::mem::size_of_val(&case{i}_block({args})), std::mem::size_of_val(&case{i}_nblock({args}))) }},",
            p.coincide, p.salt, ours_src, native_src, salt = p.salt
        )
        .unwrap();
    }
}

// ---- switches applied after generation ------------------------------------------------

fn has_yield(e: &Expr) -> bool {
    match e {
        Expr::Yield(..) => true,
        Expr::Call(_, args) => args.iter().any(has_yield),
        Expr::Method(a, _, b) => has_yield(a) || has_yield(b),
        Expr::Try(a) => has_yield(a),
        _ => false,
    }
}

fn cond_has_yield(c: &Cond) -> bool {
    match c {
        Cond::Cmp(a, _, b) => has_yield(a) || has_yield(b),
        Cond::And(a, b) | Cond::Or(a, b) => cond_has_yield(a) || cond_has_yield(b),
        Cond::Not(a) => cond_has_yield(a),
    }
}

fn block_has_yield(b: &Block) -> bool {
    b.stmts.iter().any(stmt_has_yield) || b.tail.as_ref().is_some_and(has_yield)
}

fn loop_has_yield(lp: &Loop) -> bool {
    block_has_yield(&lp.body)
        || match &lp.kind {
            LoopKind::Loop => false,
            LoopKind::While(c) => cond_has_yield(c),
            LoopKind::For(e, _) => has_yield(e),
        }
}

fn stmt_has_yield(s: &Stmt) -> bool {
    match s {
        Stmt::Let(_, init) => match init {
            Init::E(e) => has_yield(e),
            Init::D(_) | Init::Ref(_) | Init::Pair(_) => false,
            Init::Late(c, a, b) => cond_has_yield(c) || has_yield(a) || has_yield(b),
            Init::Vec(es) | Init::Arr(es) => es.iter().any(has_yield),
            Init::If(c, t, e) => cond_has_yield(c) || block_has_yield(t) || block_has_yield(e),
            Init::Block(b, _) => block_has_yield(b),
            Init::Loop(lp) => loop_has_yield(lp),
        },
        Stmt::Assign(_, e) | Stmt::Expr(e) | Stmt::Push(_, e) | Stmt::Return(e, _) => has_yield(e),
        Stmt::Move(..)
        | Stmt::PartMove(..)
        | Stmt::Replace(..)
        | Stmt::Continue(_)
        | Stmt::Break(_, None) => false,
        Stmt::Break(_, Some(e)) => has_yield(e),
        Stmt::If(c, t, e) => {
            cond_has_yield(c) || block_has_yield(t) || e.as_ref().is_some_and(block_has_yield)
        }
        Stmt::Match(sc, _, g, arms) => {
            has_yield(sc) || cond_has_yield(g) || arms.iter().any(block_has_yield)
        }
        Stmt::Loop(lp) => loop_has_yield(lp),
    }
}

/// Replaces `D::new(k).v()` by `k` in `e`, when `scrub`.
/// Which temporaries `scrub_expr` replaces by literals.
#[derive(Clone, Copy)]
struct Scrub {
    /// Every one.
    all: bool,
    /// The ones a method the macro does not know borrows (`D::new(k).v()`).
    methods: bool,
}

impl Scrub {
    const ALL: Scrub = Scrub {
        all: true,
        methods: true,
    };
    /// Temporaries that would live `across` a suspension point, when that is `switched_off`.
    fn when(across: bool, switched_off: bool) -> Scrub {
        Scrub {
            all: across && switched_off,
            methods: across && (switched_off || !ALLOW_METHOD_TEMPORARIES_ACROSS_YIELD),
        }
    }
    fn or(self, other: Scrub) -> Scrub {
        Scrub {
            all: self.all || other.all,
            methods: self.methods || other.methods,
        }
    }
}

fn scrub_expr(e: &mut Expr, scrub: Scrub) {
    if !scrub.all && !scrub.methods {
        return;
    }
    match e {
        Expr::DTemp(k, by_ref) if scrub.all || !*by_ref => *e = Expr::Lit(*k as i64),
        Expr::Call(_, args) => args.iter_mut().for_each(|a| scrub_expr(a, scrub)),
        Expr::Method(a, _, b) => {
            scrub_expr(a, scrub);
            scrub_expr(b, scrub);
        }
        Expr::Try(a) | Expr::Yield(a, _) => scrub_expr(a, scrub),
        _ => {}
    }
}

fn scrub_cond(c: &mut Cond, scrub: Scrub) {
    match c {
        Cond::Cmp(a, _, b) => {
            scrub_expr(a, scrub);
            scrub_expr(b, scrub);
        }
        Cond::And(a, b) | Cond::Or(a, b) => {
            scrub_cond(a, scrub);
            scrub_cond(b, scrub);
        }
        Cond::Not(a) => scrub_cond(a, scrub),
    }
}

/// Applies the `ALLOW_DROP_TEMPORARIES_*` switches: a temporary with drop glue is kept
/// only in a full expression (temporary scope) without a suspension point.
fn scrub_block(b: &mut Block) {
    let same = !ALLOW_DROP_TEMPORARIES_ACROSS_YIELD;
    let construct = !ALLOW_DROP_TEMPORARIES_IN_SUSPENDING_MATCH;
    for s in &mut b.stmts {
        match s {
            Stmt::Let(_, init) => match init {
                Init::E(e) => {
                    let y = has_yield(e);
                    scrub_expr(e, Scrub::when(y, same));
                }
                Init::D(_) | Init::Ref(_) | Init::Pair(_) => {}
                Init::Late(c, a, b) => {
                    let y = cond_has_yield(c);
                    scrub_cond(c, Scrub::when(y, same));
                    // (Each value is its own statement: `x = e;`.)
                    let ya = has_yield(a);
                    scrub_expr(a, Scrub::when(ya, same));
                    let yb = has_yield(b);
                    scrub_expr(b, Scrub::when(yb, same));
                }
                Init::Vec(es) | Init::Arr(es) => {
                    let y = es.iter().any(has_yield);
                    es.iter_mut().for_each(|e| scrub_expr(e, Scrub::when(y, same)));
                }
                Init::If(c, t, e) => {
                    let y = cond_has_yield(c);
                    scrub_cond(c, Scrub::when(y, same));
                    scrub_block(t);
                    scrub_block(e);
                }
                Init::Block(b, _) => scrub_block(b),
                Init::Loop(lp) => scrub_loop(lp),
            },
            Stmt::Assign(_, e)
            | Stmt::Expr(e)
            | Stmt::Push(_, e)
            | Stmt::Return(e, _)
            | Stmt::Break(_, Some(e)) => {
                let y = has_yield(e);
                scrub_expr(e, Scrub::when(y, same));
            }
            Stmt::Move(..)
            | Stmt::PartMove(..)
            | Stmt::Replace(..)
            | Stmt::Continue(_)
            | Stmt::Break(_, None) => {}
            Stmt::If(c, t, e) => {
                let y = cond_has_yield(c);
                scrub_cond(c, Scrub::when(y, same));
                scrub_block(t);
                if let Some(e) = e {
                    scrub_block(e);
                }
            }
            Stmt::Match(sc, _, _, arms) => {
                let y = has_yield(sc);
                let deep = arms.iter().any(block_has_yield);
                scrub_expr(sc, Scrub::when(y, same).or(Scrub::when(deep, construct)));
                arms.iter_mut().for_each(scrub_block);
            }
            Stmt::Loop(lp) => scrub_loop(lp),
        }
    }
    if let Some(t) = &mut b.tail {
        let y = has_yield(t);
        scrub_expr(t, Scrub::when(y, same));
    }
}

fn scrub_loop(lp: &mut Loop) {
    let same = !ALLOW_DROP_TEMPORARIES_ACROSS_YIELD;
    let construct = !ALLOW_DROP_TEMPORARIES_IN_SUSPENDING_FOR;
    let deep = block_has_yield(&lp.body);
    match &mut lp.kind {
        LoopKind::Loop => {}
        LoopKind::While(c) => {
            let y = cond_has_yield(c);
            scrub_cond(c, Scrub::when(y, same));
        }
        LoopKind::For(e, _) => {
            let y = has_yield(e);
            scrub_expr(e, Scrub::when(y, same).or(Scrub::when(deep, construct)));
        }
    }
    scrub_block(&mut lp.body);
}
