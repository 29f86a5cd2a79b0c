//! Stage 3 — liveness: which locals each suspension point must carry.
//!
//! Every statement gets a position in textual order, every name a binding (`Local`). A
//! local `L` in scope at suspension point `p` is carried across `p` when
//!
//! 1. `L` is mentioned after `p` — in the rest of a block around `p` that control can still
//!    reach, or in the next iteration of a loop around `p` that `L` was declared outside of
//!    (and that control can re-enter, see `flow.rs`) — or
//! 2. `L` still owes its drop at `p` (Rust's drop rule: a local is dropped at the end of its
//!    scope): it was not moved out on the way to `p` (`moved_before`, over the uses
//!    `resident::may_move` says may move it), its initialiser is not a plain literal, and it
//!    is not one of the few kinds the macro cannot carry without guessing wrong (a value
//!    that may borrow another local, in a generator; a closure; a collection filled after its
//!    `let`: see `analyse`). Carried only for its drop, it is a `DropLater<T>` or, when its
//!    type is `Copy`, a zero-sized `NoDrop` (`Liveness::kept_for_drop`, runtime `keep.rs`).
//!
//! Every other local is dead at `p` (moved out, or without drop glue) and is dropped there,
//! when the step returns. A local whose next use is an assignment keeps its old value to
//! that assignment when nothing suspends first (`revived`) or when the next statement that
//! suspends is a plain suspension point (`suspends_first`: it carries the value on); else
//! only its binding is carried. In an `async fn` or async generator, a local moved out on some paths only gets a
//! slot with a drop flag (`maybe_moved`, below). Mentions are syntactic (a path, a
//! struct-shorthand field, a name in a macro, a format string's `{x}`), which is what
//! decides whether the code after `p` compiles without `L`.
//!
//! from: `let buf = [0u8; 1024]; let n = sum(&buf); yield_!(n); let g = lock(); yield_!(1);`
//! into: the first point carries `buf` and `n` as `NoDrop`s (zero bytes: both are `Copy`);
//!       the second those and `g` as a `DropLater`, dropped at the end of the body.
//!
//! ## Pinned locals
//!
//! A local that something living across a suspension point may borrow cannot move between
//! variants. It is *pinned*: kept in a slot of the machine's frame from its `let` to the end
//! of its scope, and never carried in a variant. `L` is pinned when
//!
//! 1. an awaited future may borrow it (`src.read(&mut buf).await`: an argument `&buf`,
//!    `&mut buf.field`, or a method call on it, `buf.fill()`), or
//! 2. a value that may borrow it (`let it = v.iter();`, the iterator of `for x in &v`, a
//!    closure that captures it, `let s = pin!(fut);`) is carried across a point where `L` is
//!    in scope, or is itself pinned there.
//!
//! 3. it is a large `mut` array (`let mut buf = [0u8; 4096];`, `: [T; N]` with `N` ≥ 256)
//!    carried across some point, with a name no other local has: kept in place, it is not
//!    copied out and back at every resume. Nothing borrows it across a point (rule 1 and 2
//!    would pin it), so unless other locals are pinned the machine may still move between
//!    resumes; the twin (`twin.rs`) checks that no borrow of it lives across a point.
//!
//! A plain reference `let r = &d;` (`&mut d`, `&d.f`) does not keep `d` in place by itself:
//! where `r` would be carried, the point carries `d` instead and the arm that resumes takes
//! `r` again with the same statement (`rederive`; `emit.rs`, `restores`). Unless something
//! else keeps `d` in place, the machine stays movable and keeps the plain enum of
//! `layout.rs` (which may hide its tag in a niche).
//!
//! "May borrow" is syntactic: `&L…`, a method call on `L` (except the ones whose result
//! certainly owns its data: `len`, `clone`, `to_string`, `is_*`, …) anywhere in the value's
//! initialiser, or a mention of another local that may borrow `L`. A function's result
//! given `&L` (`let fut = fetch(&L);`) may borrow it only if that result is later *driven*
//! (awaited, iterated, pinned, polled: `Sure::IfDriven`); `let n = sum(&L);` keeps nothing. A method call on a shared
//! reference (`&self`, `x: &T`, `let r = &…;`) borrows its target, not the reference.
//! Guessing too much costs a slot; guessing too little is a borrow error from rustc.

use proc_macro2::Span;
use syn::visit::Visit;
use syn::{Expr, Ident, Pat};

use crate::flow::{assigned_next, overwritten_first, suspends_first, Chain};
use crate::holders::{may_reach, uses_awaited, uses_scrutinee, uses_stmt, Together, Uses};
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
    /// A shared reference (`&self`, a `x: &T` parameter, `let r = &…;`): a method call on it
    /// borrows what it points to, not the local.
    pub shared_ref: bool,
    /// Certainly large: `[e; N]` or `: [T; N]` with `N` ≥ `LARGE_ARRAY`. Kept in place (a
    /// pinned slot) when carried, instead of being moved out and back at every resume.
    pub large: bool,
    /// Initialised by a closure or an `async` block (`let f = |x| …;`): called or awaited by
    /// name, so not kept in a slot only to save moves.
    pub closure: bool,
    /// Declared without a value (`let x;`), or with one whose type its `let` settles (an
    /// annotation, a literal, `[e; N]`): which of these, for `revived` (`typed`).
    pub uninit: bool,
    pub typed: bool,
    /// Its `let` gives it a value whose type the code after does not settle (not `None`,
    /// `Default::default()`, `.collect()`: `maybe_moved::settled_later`).
    pub settled: bool,
    /// Its `let`'s value takes a reference or calls a method (`vec![&a]`, `s.as_str()`): it
    /// may hold a borrow, whatever `holds` could tell.
    pub lends: bool,
    /// A string or a collection, by its type or its initialiser (`scan::view_type`): the
    /// result of a method the macro does not know called on it is most often a view of it
    /// (`Sure::IfKept`); of another local, only if driven (`Sure::IfDriven`).
    pub view: bool,
    /// A string or a collection that owns its contents, by its type or its initialiser
    /// (`scan::owning_view_type`): it certainly has drop glue, so it is kept to the end of
    /// its scope whatever borrows it, and a slot costs it nothing in a machine that is
    /// `!Unpin` anyway (`Sure::IfDriven`).
    pub owning_view: bool,
    /// Initialised by an `async` block: never `Copy` (what `pinned.rs` moves into a block
    /// that takes it needs no `Copy` test, which rustc cannot make on the block's type while
    /// the body is being checked).
    pub async_block: bool,
    /// A `move` closure (or `async move` block) that takes in a local with a value of its
    /// own (not a literal's): it owns what it took, and drops it at the end of its scope
    /// (a `Sender`, a `Vec<D>`), so it is carried for its drop as any value is, always as a
    /// `DropLater` (the `Copy` test cannot be made on a closure's type, see `closure`).
    pub owns: bool,
    /// A value a call made of closures that take no local but a literal's (`let _g =
    /// guard(|| log("done"));`, `o.map(|d| (d, 1))`), bound before the first suspension
    /// point and in no loop (written once): no closure itself, it borrows nothing through
    /// them, and is carried for its drop to the end of its scope as a `DropLater` (the `Copy`
    /// test cannot be made on a type holding a closure's). A method called on it by name may
    /// take it (`g.cancel()`, a defused guard; `f()` of an `FnOnce`): a move.
    pub made: bool,
    /// Bound by value (not `ref`) where the frame can give it a slot of its own (see "Soundness" in
    /// `analyse`): by a `let` statement (`let w = …;`, `let (w, n) = …;`, `let w =
    /// (.., f().await);`: `pinned.rs`, `rewrite_let`, `split_pattern`), or by the pattern of
    /// an `if let`, a `let` chain (one a later `let` of it names is moved into its slot
    /// right after its own `let`: `pinned.rs`, `Slot::chained`) or a `match` arm
    /// (`rename_binds`).
    pub slot_able: bool,
    /// Certainly of a type without drop glue, as its `let` shows: a reference (`let r =
    /// &mut v[0];`, `let r: &T = …;`) or a literal. Such a local is never forgotten by a move
    /// (see "Soundness" in `analyse`).
    pub no_glue: bool,
}

/// The length from which an array local stays in place across suspension points.
pub const LARGE_ARRAY: u64 = 256;

fn large_array_expr(e: &Expr) -> bool {
    match e {
        Expr::Repeat(r) => matches!(&*r.len, Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(n), .. })
            if n.base10_parse::<u64>().is_ok_and(|n| n >= LARGE_ARRAY)),
        Expr::Paren(p) => large_array_expr(&p.expr),
        _ => false,
    }
}

fn large_array_type(t: &syn::Type) -> bool {
    match t {
        syn::Type::Array(a) => {
            matches!(&a.len, Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(n), .. })
            if n.base10_parse::<u64>().is_ok_and(|n| n >= LARGE_ARRAY))
        }
        syn::Type::Paren(p) => large_array_type(&p.elem),
        _ => false,
    }
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
    /// For each suspension point: locals whose old value the code after it assigns over
    /// before reading, and which still owe its drop: carried as if dead (`kept_for_drop`),
    /// the arm binds them again uninitialised and puts the old value back if it has drop
    /// glue (`Revive`, runtime `keep.rs`), so the assignment drops it, as in Rust.
    pub revived: Vec<Vec<usize>>,
    /// For each suspension point: locals carried as if dead there whose old value a later
    /// point revives for an assignment (`suspends_first`): carried typed, as `revived` ones
    /// are (`NoDropOf<T>`/`DropLater<T>`), under a hidden name in the arm that resumes.
    pub kept_typed: Vec<Vec<usize>>,
    /// For each suspension point: how to reach it from the body block (a statement index at
    /// each block, a branch index at each `if`/`match`).
    pub paths: Vec<Vec<usize>>,
    /// Locals kept in slots (see the module docs), in declaration order.
    pub pinned: Vec<usize>,
    /// Those of `pinned` kept in place only for their size (rule 3): nothing borrows them
    /// across a point, so the frame may move if it holds no other slot.
    pub in_place: Vec<usize>,
    /// Their names as written (the twin checks them).
    pub in_place_names: Vec<String>,
    /// For each suspension point: the pinned locals in scope there, in declaration order.
    pub pinned_at: Vec<Vec<usize>>,
    /// For each suspension point: the references `let r = &d;` that the code after it names,
    /// taken again from `d` when it resumes instead of being carried.
    pub rederive: Vec<Vec<usize>>,
    /// All such references, with what they borrow: (r, d).
    pub derived: Vec<(usize, usize)>,
    /// For each suspension point: it is inside a loop.
    pub in_loop: Vec<bool>,
}

impl Liveness {
    /// Point `q` carries local `id` only to drop it at the end of its scope: no code after
    /// `q` mentions it. Carried as a `DropLater`/`NoDrop` (runtime `keep.rs`).
    pub fn kept_for_drop(&self, q: usize, id: usize) -> bool {
        self.live[q].contains(&id) && !self.mentioned_after[q].contains(&id)
    }
}

pub fn analyse(
    body: &mut Body,
    trivial_resume: bool,
    shared_params: &[usize],
    view_params: &[(usize, bool)],
    pin_maybe_moved: bool,
) -> syn::Result<Liveness> {
    let mut w = Walker {
        env: Vec::new(),
        locals: Vec::new(),
        mentions: Vec::new(),
        moves: Vec::new(),
        pattern_moved: Default::default(),
        filled: Default::default(),
        sure_moves: Vec::new(),
        inits: Vec::new(),
        maybe_inits: Vec::new(),
        alternatives: Vec::new(),
        complete: Vec::new(),
        loop_bodies: Vec::new(),
        returning: Vec::new(),
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
        shared_params: shared_params.to_vec(),
        view_params: view_params.to_vec(),
        holds: Vec::new(),
        await_borrows: Vec::new(),
        driven: Default::default(),
        field_moves: Vec::new(),
        receiver_moves: Vec::new(),
        block_ends: Default::default(),
        derived: Vec::new(),
        loop_depth: 0,
        points_seen: 0,
        in_loop: vec![false; body.points.len()],
        overwrites: Vec::new(),
        bind_borrows: Vec::new(),
        bind_scrutinees: Vec::new(),
        bind_site: None,
        together: Vec::new(),
        bound_from: Vec::new(),
    };
    w.block(&mut body.block, None);
    let Walker {
        locals,
        mentions,
        mut moves,
        mut sure_moves,
        field_moves: field_reads,
        receiver_moves,
        block_ends,
        pattern_moved,
        filled,
        inits,
        maybe_inits,
        alternatives,
        complete,
        loop_bodies,
        returning,
        point_pos,
        paths,
        holds,
        await_borrows,
        overwrites,
        driven,
        in_loop,
        derived,
        together,
        bound_from,
        ..
    } = w;

    // A field read by value (`vec![a.0]`, `let n = a.len;`) is a move of a part, or a copy of
    // a `Copy` one: where the local is used again after it, it was a copy (rustc rejects a
    // use of a value moved out of in part), so it moved nothing. (Not a mention in another
    // arm of a branch the read is in: no path runs both.)
    let beside = |m: usize, u: usize| {
        let within = |r: &crate::ir::Range, x: usize| r.start <= x && x < r.end;
        alternatives.iter().any(|arms| {
            let (a, b) = (
                arms.iter().position(|r| within(r, m)),
                arms.iter().position(|r| within(r, u)),
            );
            matches!((a, b), (Some(a), Some(b)) if a != b)
        })
    };
    for (id, fm) in field_reads.iter().enumerate() {
        for &m in fm {
            if mentions[id].iter().any(|&u| u > m && !beside(m, u)) {
                moves[id].retain(|&x| x != m);
                sure_moves[id].retain(|&x| x != m);
            }
        }
    }
    // The same for a method the macro takes to consume its receiver (`tx.send(1)`: a oneshot
    // `Sender`'s takes `self`, a `watch` one's `&self`), called where its statement runs it
    // whenever it completes (`receiver_moves`): where a later statement of the same block
    // uses the local other than by giving it a new value, the method borrowed it (every such
    // statement runs after this one on some path, and rustc rejects a use after a move).
    // (Not a later use on another path only: `if c { tx.send(0); return; }` moves.)
    for &(id, m, start) in &receiver_moves {
        let end = block_ends.get(&start).copied().unwrap_or(m);
        let next = mentions[id].iter().filter(|&&u| m < u && u < end).min();
        if next.is_some_and(|&u| !overwrites.contains(&(u, id))) {
            moves[id].retain(|&x| x != m);
            sure_moves[id].retain(|&x| x != m);
        }
    }
    let shape = Shape {
        alternatives: &alternatives,
        complete: &complete,
        loop_bodies: &loop_bodies,
        returning: &returning,
    };
    // A point after which a local's old value is assigned over, though not right away
    // (`assigned_next`), drops that value there (only the binding is carried): for the points
    // after it, that is a move out. Unless the code after suspends again first
    // (`suspends_first`) and the value may have drop glue: then it is carried to the
    // assignment (below).
    // (Not one moved out or given a value on some paths only that may get a slot with a drop
    // flag below, `maybe_moved`: the assignment drops what the flag says is there.)
    // (Not one that may hold a borrow: kept past a move of what it borrows, E0505, where
    // rustc's own drop of it may dangle.)
    let carried_on = |id: usize, chain: &Chain<'_>, ms: &[usize]| {
        !locals[id].lends
            && !filled.contains(&id)
            && !holds.iter().any(|&(h, ..)| h == id)
            && suspends_first(chain, ms)
    };
    let given_up = given_up_names(body);
    let mut moves_at_points: Vec<(usize, usize)> = Vec::new();
    for (q, path) in paths.iter().enumerate() {
        let p = point_pos[q];
        let chain = Chain::new(&body.block, path);
        let (scopes, ranges) = chain.frames();
        for (id, l) in locals.iter().enumerate() {
            if l.pos >= p || !scopes.contains(&l.scope) {
                continue;
            }
            let ms = &mentions[id];
            if ms.iter().any(|&m| in_range(&ranges, m, l.pos))
                && overwritten_first(&chain, ms, &overwrites, id, l.scope, l.literal)
                && !assigned_next(&chain, ms, &overwrites, id, l.scope)
                && (l.literal || !carried_on(id, &chain, ms))
            {
                let how = moved_before(
                    &moves[id],
                    &sure_moves[id],
                    &inits[id],
                    &maybe_inits[id],
                    &shape,
                    l.pos,
                    p,
                );
                let flagged = pin_maybe_moved
                    && how == Some(false)
                    && (given_up.contains(&l.ident.to_string()) || l.uninit);
                if !flagged {
                    moves_at_points.push((id, p));
                }
            }
        }
    }
    // (The moves the body makes, before the ones of dead values at points.)
    let own_moves = moves.clone();
    for (id, p) in moves_at_points {
        moves[id].push(p);
        sure_moves[id].push(p);
    }

    // First, what each point would carry if every local could move (computed once; the
    // pinned locals are taken out of these sets at the end).
    let mut frames = Vec::new();
    // Locals moved out on some paths to a point only, that still owe their drop on the
    // others (`moved_before`): kept in a slot with a drop flag where the machine may pin.
    let mut maybe_moved: Vec<usize> = Vec::new();
    let mut carried_all: Vec<Vec<usize>> = Vec::new();
    // The same, less the locals whose value is dead because they are assigned first.
    let mut carried_values: Vec<Vec<usize>> = Vec::new();
    // Of those, the ones code after the point mentions.
    let mut mentioned: Vec<Vec<usize>> = Vec::new();
    // The locals whose value is dead there but whose binding the code after assigns.
    let mut assigned_first: Vec<Vec<usize>> = Vec::new();
    // The locals whose old value the code after assigns over, and which still owe its drop.
    let mut revived_all: Vec<Vec<usize>> = Vec::new();
    let mut kept_typed_all: Vec<Vec<usize>> = Vec::new();
    for (q, path) in paths.iter().enumerate() {
        let p = point_pos[q];
        let chain = Chain::new(&body.block, path);
        let (scopes, ranges) = chain.frames();
        let (mut carried, mut values, mut after_set, mut declared) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut revive = Vec::new();
        let mut typed = Vec::new();
        for (id, l) in locals.iter().enumerate() {
            if l.pos >= p || !scopes.contains(&l.scope) {
                continue;
            }
            let ms = &mentions[id];
            let after = ms.iter().any(|&m| in_range(&ranges, m, l.pos));
            // A borrowed temporary the lowering made a local lives to the end of its scope,
            // as rustc keeps the temporary (`lower.rs`, `hoist_temporaries`).
            let temporary = l.ident.to_string().starts_with(crate::temporaries::TEMP);
            // Rule 2: it still owes its drop at the end of its scope. (A value the lowering
            // bound to a hidden name — an operand evaluated before a point, `__await0` — is used
            // once, as the expression it stands for: by value, as far as anyone can tell.)
            // (Not an argument moved into the body under its hidden field name, `__arg0`
            // of a `ref v: T` parameter: a local like any other.)
            let hidden = l.ident.to_string().starts_with("__")
                && !temporary
                && !crate::parse::is_param_field(&l.ident);
            let since = ms.iter().any(|&m| l.pos < m && m <= p);
            let mut how = None;
            let moved = if hidden {
                since
            } else {
                how = moved_before(
                    &moves[id],
                    &sure_moves[id],
                    &inits[id],
                    &maybe_inits[id],
                    &shape,
                    l.pos,
                    p,
                );
                // (Also one the code after assigns over: the assignment drops the old value
                // if the flag says it is there.)
                let assigned =
                    after && overwritten_first(&chain, ms, &overwrites, id, l.scope, l.literal);
                if how == Some(false)
                    && (!after || assigned)
                    && !l.literal
                    && !maybe_moved.contains(&id)
                {
                    maybe_moved.push(id);
                }
                how.is_some()
            };
            // A value that may hold a borrow of another local (`let t = line.trim();`) is carried
            // for its drop only where its target can stay in place for it: in an async machine
            // (`!Unpin` anyway; the target gets a slot), and only when the borrow is certain
            // (`Sure::Yes`; `let n = sum(&buf);` is most often a plain number, and a slot for `buf` would
            // cost bytes and moves for nothing). A generator stays `Unpin`, unboxed: there,
            // such a value is dropped at the point, as before. (Carried without its target in
            // place, its borrow would be rustc's E0505 at the point.)
            // (Not by a method that takes its receiver, on one that is no string or collection:
            // `acquire().await.map_err(..)?` moves the `Result` it is given, `Sure::IfView`.)
            // (Nor one whose target certainly has drop glue, in an async machine: the target
            // stays to its scope's end anyway, so it gets a slot, below.)
            let hidden_holder = operand_local(&l.ident);
            let holder = holds.iter().any(|&(h, b, _, sure)| {
                h == id
                    && (!pin_maybe_moved
                        || (sure != Sure::Yes && (!locals[b].owning_view || hidden_holder)))
                    && !(pin_maybe_moved && sure == Sure::IfView && !locals[b].view)
            });
            // A closure or an `async` block never used again is dropped at the point: the
            // `Copy` test that picks how a dead value is carried cannot be made on its type
            // while the body is being checked (what it captures is known only after).
            // So is a collection filled after its `let` (`v.push(&d)`, `parts.push(w)` in a
            // loop): what it holds then is not read here, and may borrow a local that moves.
            // (Not one the future awaited at the point may borrow, `db.set(1);
            // db.wait_for(k).await`: dropped there, it would be freed under the future.)
            let awaited_on = await_borrows
                .iter()
                .any(|&(aq, b, _, _)| aq == q && b == id);
            let filled = filled.contains(&id) && !awaited_on;
            let guard = !l.literal
                && !moved
                && (!holder || after)
                && (!l.closure || after || l.owns || l.made)
                && (!filled || after);
            // (A temporary a method took by value is gone, as the native one would be.)
            if !(after || (temporary && !moved && !holder) || guard) {
                continue;
            }
            carried.push(id);
            if after && overwritten_first(&chain, ms, &overwrites, id, l.scope, l.literal) {
                if guard {
                    // Its value is read no more, but the assignment drops it: carried as if dead
                    // (`kept_for_drop`), then bound again under its name (`revived`) where the
                    // assignment comes before another point; where another point comes first,
                    // the arm keeps it under a hidden name, for that point to carry so again.
                    if assigned_next(&chain, ms, &overwrites, id, l.scope) {
                        values.push(id);
                        revive.push(id);
                        continue;
                    }
                    if carried_on(id, &chain, ms) {
                        values.push(id);
                        typed.push(id);
                        continue;
                    }
                }
                // Its value is not needed (the next thing done with it is an assignment), only
                // its binding: moved out here (`take(x).await; x = …`) is fine.
                declared.push(id);
                continue;
            }
            // `let y;` that no path to the point has assigned (its declaration is its only
            // "move", and every path has it): the code after must assign it before reading it
            // (rustc's E0381 otherwise), so only its binding is needed.
            // (Nor by a loop around the point that assigns it on an earlier iteration.)
            let looped = |i: &usize| {
                loop_bodies.iter().any(|r| {
                    r.start <= p && p < r.end && r.start <= *i && *i < r.end && l.pos < r.start
                })
            };
            if after
                && l.uninit
                && how == Some(true)
                && own_moves[id].iter().all(|&m| m == l.pos || m > p)
                && !inits[id].iter().chain(&maybe_inits[id]).any(looped)
            {
                declared.push(id);
                continue;
            }
            values.push(id);
            if after {
                after_set.push(id);
            }
        }
        carried_all.push(carried);
        carried_values.push(values);
        mentioned.push(after_set);
        assigned_first.push(declared);
        revived_all.push(revive);
        kept_typed_all.push(typed);
        frames.push(scopes);
    }
    let in_scope = |id: usize, q: usize| {
        let l: &Local = &locals[id];
        l.pos < point_pos[q] && frames[q].contains(&l.scope)
    };
    // Then the pinned locals (rules 1 and 2 of the module docs), to a fixed point.
    let mut pinned: Vec<usize> = Vec::new();
    // An uncertain borrow (a method that may consume its receiver instead) counts only
    // where the receiver is still needed after the point.
    let needed = |id: usize, q: usize, sure: Sure| {
        in_scope(id, q)
            && match sure {
                Sure::IfUsed => carried_all[q].contains(&id),
                Sure::IfMentioned => mentioned[q].contains(&id),
                _ => true,
            }
    };
    for &(q, borrowed, _, sure) in &await_borrows {
        // (`IfDriven`: held by a local the future takes in, not the one it drives. Unless
        // the local has drop glue, in a machine that is `!Unpin` anyway: kept in place, it
        // costs nothing, `while let Some(item) = queue.front() { show(item).await; .. }`.)
        let owning = pin_maybe_moved && locals[borrowed].owning_view;
        let later = (matches!(sure, Sure::IfDriven | Sure::IfKept) && !owning)
            || (sure == Sure::IfView && !locals[borrowed].view);
        if !later && needed(borrowed, q, sure) && !pinned.contains(&borrowed) {
            pinned.push(borrowed);
        }
    }
    // A local moved out on some paths only cannot be carried (it may be gone) nor left behind
    // (it may still owe its drop): in a machine that is `!Unpin` anyway (an `async fn`, an
    // async generator), it lives in a slot with a drop flag, as rustc keeps it, and the
    // flag says at its scope's end whether to drop it. Only one the body gives up by
    // `drop(x)` (`given_up_names`) or declares without a value: a value merely passed on
    // (`f(n)`, `n + 1`) in a branch is most often `Copy`, and a slot would cost bytes for
    // nothing. Not one a slot cannot give up: a field read or a method that takes `self`
    // (`resident::consumes_receiver`; a method the macro does not know is taken to borrow,
    // as everywhere: a user's own that takes `self` is then rustc's E0507, and
    // `Type::method(x)` says "by value"), a pattern binding a part by value, a deref; and
    // still dropped at the point on the paths that did not move it (documented). (Before
    // the borrows below: what it holds stays in place with it.)
    if pin_maybe_moved {
        let field_moved = field_moves(body, crate::resident::keeps_receiver);
        let opaque = opaque_names(body);
        for id in maybe_moved {
            let l = &locals[id];
            let name = l.ident.to_string();
            if !pinned.contains(&id)
                && !l.shared_ref
                && (given_up.contains(&name) || l.uninit)
                && !field_moved.contains(&name)
                && !opaque.contains(&name)
                && !pattern_moved.contains(&id)
            {
                pinned.push(id);
            }
        }
    }
    // Carried across a point and mentioned after it.
    let used_later = |id: usize| mentioned.iter().any(|m| m.contains(&id));
    // A `for` loop's hidden iterator is driven by the loop.
    let is_driven =
        |id: usize| driven.contains(&id) || locals[id].ident.to_string().starts_with("__iter");
    // (A fixed point: run again once the soundness rule below has kept more in place, as a
    // local such a holder may borrow must stay in place with it.)
    let keep_borrowed = |pinned: &mut Vec<usize>| {
        loop {
            let mut grew = false;
            for &(holder, borrowed, _, sure) in &holds {
                // A local with drop glue stays to its scope's end anyway: in a machine that is
                // `!Unpin` anyway, keeping it in place for a value that may borrow it costs no
                // byte, and guessing "not borrowed" would be rustc's borrow error on valid code
                // (`let t = from_utf8(s.as_bytes())?;`, `let w = wrap(&mut v);`), or the value
                // dropped at the point (`while let Some(x) = v.pop()`, see `holder` above).
                // (Not for a value the lowering bound, `__t0 = sum(&v)` in `sub(sum(&v),
                // x.await)`: most often a plain number, and the slot would cost bytes where the
                // frame's layout cannot overlap it with what follows.)
                let owning = pin_maybe_moved
                    && locals[borrowed].owning_view
                    && !operand_local(&locals[holder].ident);
                let unsure = !owning
                    && match sure {
                        Sure::IfDriven => !is_driven(holder),
                        Sure::IfKept => {
                            !(is_driven(holder)
                                || (pin_maybe_moved && locals[borrowed].view && used_later(holder)))
                        }
                        // (In a generator, as `IfDriven`: a slot would box it.)
                        Sure::IfView => {
                            !(locals[borrowed].view && (pin_maybe_moved || is_driven(holder)))
                        }
                        _ => false,
                    };
                if pinned.contains(&borrowed) || unsure {
                    continue;
                }
                // `let r = &d;` is taken again after each resume: it need not keep `d` in place.
                if derived.contains(&(holder, borrowed)) {
                    continue;
                }
                let kept = (0..paths.len()).any(|q| {
                    needed(borrowed, q, sure)
                        && (carried_all[q].contains(&holder)
                            || (pinned.contains(&holder) && in_scope(holder, q)))
                });
                if kept {
                    pinned.push(borrowed);
                    grew = true;
                }
            }
            if !grew {
                break;
            }
        }
    };
    keep_borrowed(&mut pinned);
    // Large arrays stay in place: moving one out and back at every resume costs a copy of it
    // each time (a slot costs none, and rustc keeps such locals in place too). Nothing
    // borrows them across a point (else they would be pinned above), which the twin checks
    // with a `&mut x` at each point: so only `mut` ones, with a name no other local has.
    // (Nor one a plain reference held across a point borrows, `let r = &mut buf;`: the point
    // carries the array and the resume takes `r` again, `rederive` below, as rustc accepts.)
    let mut in_place = Vec::new();
    for (id, l) in locals.iter().enumerate() {
        let unique = locals.iter().filter(|m| m.ident == l.ident).count() == 1;
        let referenced = derived
            .iter()
            .any(|&(r, d)| d == id && carried_all.iter().any(|c| c.contains(&r)));
        if l.large
            && l.mutable
            && unique
            && !referenced
            && !pinned.contains(&id)
            && carried_values.iter().any(|c| c.contains(&id))
        {
            pinned.push(id);
            in_place.push(id);
        }
    }
    // Once some local needs a fixed frame (and the machine has the borrow-checked twin
    // anyway), the iterator of a `for` loop that suspends joins it when it is live at every
    // suspension point: each variant would carry it, and the resumes stop moving it out and
    // back (an iterator over a borrowed local — `split`, `chars` — is tens of bytes).
    // So does a `mut` local live at every suspension point of a machine that suspends in a
    // loop (an event loop's state, say): each variant would carry it too, and every resume
    // would move it out and back. (Only `mut` ones: a small immutable local, a handle,
    // may be where the enum's tag goes.)
    if pinned.iter().any(|id| !in_place.contains(id)) {
        let loops = in_loop.iter().any(|&b| b);
        // A slot is reached through a reference: a field moved out of it (`let items =
        // st.items;`, `(st.name, n)`) or a method taking `self` (`st.finish()`) would be a move
        // out of a reference. Such locals stay moving (arithmetic and comparisons on a field
        // count as reads of a `Copy` value).
        let field_moved = field_moves(body, crate::resident::borrows_receiver);
        for (id, l) in locals.iter().enumerate() {
            let hidden_iter = l.ident.to_string().starts_with("__iter");
            let state = loops
                && l.mutable
                && !(l.literal || l.closure)
                && !field_moved.contains(&l.ident.to_string());
            // (Its value is needed at every point: one only kept for its drop somewhere is
            // carried in the variants, where a dead `Copy` value costs no byte, and a slot
            // would cost its size. Found by the conformance suite's block forms: a dead
            // `let mut x0 = sub(p1.v(), p0);` in a loop cost 8 bytes more than rustc.)
            let needed = |c: &Vec<usize>| c.contains(&id);
            let value_needed = if hidden_iter {
                carried_values.iter().all(needed)
            } else {
                mentioned.iter().all(needed)
            };
            if (hidden_iter || state) && !pinned.contains(&id) && value_needed {
                pinned.push(id);
            }
        }
    }
    // Soundness: a local carried only for its drop is forgotten at the point by a move, and a
    // move is a typed copy of the value. The compiler checks the borrows of a local the
    // machine moves (the state's type holds their lifetimes), but not those of a slot: the
    // twin checks them where no such move is made. So a value that may hold a reference into
    // a slot could by then hold a dangling one, which no typed copy may (`let w =
    // (first(&mut v), Log); v.push(9); tick().await;`). Such a local stays in place too, and
    // is dropped there, in place. Which ones may is not guessed from borrows: any local that
    // a statement naming a slot's local (or one of these) may write (`may_reach`), whatever
    // the types. Not one whose `let` shows it has no drop glue (a reference, a literal, a
    // value a literal shows is `Copy`: `copy_by_literal`; no drop, no move). Only one bound
    // where the frame can give it a slot of its own (`Local::slot_able`); and in a generator
    // only one the body never moves by value (its frame has no drop flags).
    if !pinned.is_empty() {
        let dead_somewhere = |id: usize| {
            (0..paths.len()).any(|q| carried_values[q].contains(&id) && !mentioned[q].contains(&id))
        };
        // (One the body moves out of on some path takes a slot with a drop flag, if the slot
        // can give its value up: only a whole move, as for `maybe_moved` above — not a field
        // moved out, a method that may take `self`, a pattern binding by value from it, a
        // `*t` out of a box, or a call of it.)
        let field_moved = field_moves(body, crate::resident::keeps_receiver);
        let opaque = opaque_names(body);
        let used_up = moved_by_use(body);
        let whole_moves = |id: usize| {
            let name = locals[id].ident.to_string();
            pin_maybe_moved
                && !field_moved.contains(&name)
                && !opaque.contains(&name)
                && !used_up.contains(&name)
                && !pattern_moved.contains(&id)
        };
        loop {
            let before = pinned.len();
            for id in may_reach(&pinned, &locals, &mentions, &together, &bound_from, &holds) {
                let never_moved = own_moves[id].iter().all(|&m| m == locals[id].pos);
                let l = &locals[id];
                if !pinned.contains(&id)
                    && l.slot_able
                    && !l.no_glue
                    && (never_moved || whole_moves(id))
                    && dead_somewhere(id)
                {
                    pinned.push(id);
                }
            }
            keep_borrowed(&mut pinned);
            if pinned.len() == before {
                break;
            }
        }
    }
    let in_place_names = in_place
        .iter()
        .map(|&id| locals[id].ident.to_string())
        .collect();
    pinned.sort_by_key(|&id| (locals[id].pos, id));
    let unpinned = |ids: &[usize]| -> Vec<usize> {
        ids.iter()
            .copied()
            .filter(|id| !pinned.contains(id))
            .collect()
    };
    let mut live: Vec<Vec<usize>> = carried_values.iter().map(|c| unpinned(c)).collect();
    let mut mentioned_after: Vec<Vec<usize>> = mentioned.iter().map(|c| unpinned(c)).collect();
    let mut declared_only: Vec<Vec<usize>> = assigned_first.iter().map(|c| unpinned(c)).collect();
    let mut revived: Vec<Vec<usize>> = revived_all.iter().map(|c| unpinned(c)).collect();
    let kept_typed: Vec<Vec<usize>> = kept_typed_all.iter().map(|c| unpinned(c)).collect();
    // A reference `let r = &d;` to a local that stays movable is not carried: the point
    // carries `d`, and the arm that resumes takes `r` again (`emit.rs`, `restores`).
    let derived: Vec<(usize, usize)> = derived
        .into_iter()
        .filter(|(r, d)| !pinned.contains(d) && !pinned.contains(r))
        .collect();
    let mut rederive: Vec<Vec<usize>> = vec![Vec::new(); live.len()];
    for (q, carried) in live.iter_mut().enumerate() {
        for &(r, d) in &derived {
            let Some(k) = carried.iter().position(|&x| x == r) else {
                continue;
            };
            carried.remove(k);
            let after = &mut mentioned_after[q];
            // Not named after the point: carried only to be dropped at its scope's end, which
            // a reference need not be.
            let Some(k) = after.iter().position(|&x| x == r) else {
                continue;
            };
            after.remove(k);
            if !carried.contains(&d) {
                carried.push(d);
            }
            if !after.contains(&d) {
                after.push(d);
            }
            // Its value is read again (by `r`), even if the code after assigns it first.
            declared_only[q].retain(|&x| x != d);
            revived[q].retain(|&x| x != d);
            rederive[q].push(r);
            let order = |x: &usize| (locals[*x].pos, *x);
            carried.sort_by_key(order);
            after.sort_by_key(order);
        }
    }
    let pinned_at: Vec<Vec<usize>> = (0..paths.len())
        .map(|q| {
            pinned
                .iter()
                .copied()
                .filter(|&id| in_scope(id, q))
                .collect()
        })
        .collect();
    // A carried local hidden by a later binding of the same name cannot be named where the
    // state is saved: the later binding is renamed.
    let mut renames: Vec<usize> = Vec::new();
    for (q, carried) in live.iter().enumerate() {
        for &id in carried {
            let l = &locals[id];
            for (mid, m) in locals.iter().enumerate() {
                if m.ident == l.ident
                    && m.pos > l.pos
                    && m.pos < point_pos[q]
                    && frames[q].contains(&m.scope)
                    && !renames.contains(&mid)
                    && !pinned.contains(&mid)
                {
                    renames.push(mid);
                }
            }
        }
    }
    let mut live_out = Liveness {
        locals,
        live,
        mentioned_after,
        declared_only,
        revived,
        kept_typed,
        paths,
        pinned,
        in_place,
        in_place_names,
        pinned_at,
        rederive,
        derived,
        in_loop,
    };
    for mid in renames {
        rename(body, &mut live_out, mid);
    }
    Ok(live_out)
}

/// Where control may go, for `moved_before`: the arms of each `if`/`match` that suspends, the
/// bodies of the loops that do, and the arms that end in a `return`.
#[derive(Clone, Copy)]
struct Shape<'a> {
    alternatives: &'a [Vec<crate::ir::Range>],
    /// For each of those: its arms cover every case (a `match`, an `if` with an `else`).
    complete: &'a [bool],
    loop_bodies: &'a [crate::ir::Range],
    returning: &'a [crate::ir::Range],
}

/// The block's last statement is a `return`.
fn ends_in_return(b: &Block) -> bool {
    matches!(
        b.stmts.last().map(|s| &s.kind),
        Some(StmtKind::Plain(syn::Stmt::Expr(Expr::Return(_), _)))
    )
}

/// Whether a local declared at `decl` may have been moved out on the way to position `p`
/// (so that it owes no drop there): some use that may move it (`moves`) comes before `p`,
/// not in an arm beside the one `p` is in, and no statement `x = …;` gives it a value again
/// on every path after that: `None` if not, `Some(true)` if it certainly was (a use that
/// moves it whenever it runs, on every path to `p`, and no assignment after), `Some(false)`
/// if only on some paths (see `maybe_moved` in `analyse`).
fn moved_before(
    moves: &[usize],
    sure_moves: &[usize],
    inits: &[usize],
    maybe_inits: &[usize],
    shape: &Shape<'_>,
    decl: usize,
    p: usize,
) -> Option<bool> {
    let Shape {
        alternatives,
        complete,
        loop_bodies,
        returning,
    } = *shape;
    let within = |r: &crate::ir::Range, x: usize| r.start <= x && x < r.end;
    let beside = |m: usize| {
        alternatives.iter().any(|arms| {
            let (a, b) = (
                arms.iter().position(|r| within(r, m)),
                arms.iter().position(|r| within(r, p)),
            );
            matches!((a, b), (Some(a), Some(b)) if a != b)
        })
    };
    let last = moves
        .iter()
        .copied()
        // (Not from an arm that returns, unless `p` is in it.)
        // (`decl <= m`: a `let x;` without a value is a move at its declaration.)
        .filter(|&m| decl <= m && m <= p && !beside(m))
        .filter(|&m| !returning.iter().any(|r| within(r, m) && !within(r, p)))
        .max();
    // An assignment counts only where every path to `p` runs it: not in an arm or a loop
    // body that `p` is not in.
    let always = |i: usize| {
        alternatives
            .iter()
            .flatten()
            .chain(loop_bodies)
            .all(|r| !within(r, i) || within(r, p))
    };
    // An assignment after the move gives the value back on the way to `p` where every path
    // from the move to `p` runs it: each arm it is in holds the move or `p` too
    // (`if c { consume(x); x = D(..); }`), and each loop body it is in holds `p` (a `break`
    // between the two would leave a loop around both with the local moved out; a
    // `continue` there would reach the move again, which rustc rejects).
    let gives_back = |m: usize, i: usize| {
        m <= i
            && i <= p
            && alternatives
                .iter()
                .flatten()
                .all(|r| !within(r, i) || within(r, m) || within(r, p))
            && loop_bodies.iter().all(|r| !within(r, i) || within(r, p))
    };
    // So does a branch after the move, on every path from it to `p`, each of whose arms
    // assigns it (where nothing inside the arm branches or loops around the assignment) or
    // ends in a `return`: `let x; if c { x = a; } else { x = b; }`.
    let every_arm = |m: usize| {
        alternatives.iter().zip(complete).any(|(arms, &complete)| {
            let (Some(first), Some(last)) = (arms.first(), arms.last()) else {
                return false;
            };
            let inside = |r: &crate::ir::Range, q: &crate::ir::Range| {
                r.start >= q.start && r.end <= q.end && (r.start, r.end) != (q.start, q.end)
            };
            complete
                && m < first.start
                && last.end <= p
                && alternatives
                    .iter()
                    .flatten()
                    .chain(loop_bodies)
                    .filter(|r| !arms.iter().any(|a| (a.start, a.end) == (r.start, r.end)))
                    .all(|r| !within(r, first.start) || within(r, m) || within(r, p))
                && arms.iter().all(|arm| {
                    returning
                        .iter()
                        .any(|r| (r.start, r.end) == (arm.start, arm.end))
                        || inits.iter().any(|&i| {
                            within(arm, i)
                                && alternatives
                                    .iter()
                                    .flatten()
                                    .chain(loop_bodies)
                                    .all(|r| !within(r, i) || !inside(r, arm))
                        })
                })
        })
    };
    let moved = last.is_some_and(|m| !inits.iter().any(|&i| gives_back(m, i)) && !every_arm(m));
    if !moved {
        return None;
    }
    // (An assignment in another arm of a branch `p` is in does not run on the way to `p`.)
    let certain = sure_moves.iter().any(|&m| {
        decl <= m
            && m <= p
            && always(m)
            && !inits
                .iter()
                .chain(maybe_inits)
                .any(|&i| m <= i && i <= p && !beside(i))
    });
    Some(certain)
}

/// Whether position `m` is in the code after a point (its frames' ranges). A loop's next
/// iteration matters only to locals declared before the loop: one declared inside is
/// declared afresh before the next iteration can mention it.
fn in_range(ranges: &[(crate::ir::Range, bool)], m: usize, decl: usize) -> bool {
    ranges
        .iter()
        .any(|(r, is_loop)| r.start <= m && m < r.end && (!is_loop || decl < r.start))
}

/// The locals whose value `e` passes on whole: `e` itself, or an argument, receiver or
/// element of it (`a`, `join(a, b)`, `a.map(f)`, `(a, b)`), not an operand of arithmetic,
/// a range or an index.
fn passed_on(e: &Expr, out: &mut Vec<String>) {
    match e {
        Expr::Path(p) => out.extend(p.path.get_ident().map(|i| i.to_string())),
        Expr::Reference(r) => passed_on(&r.expr, out),
        Expr::Paren(p) => passed_on(&p.expr, out),
        Expr::Group(g) => passed_on(&g.expr, out),
        Expr::Call(c) => c.args.iter().for_each(|a| passed_on(a, out)),
        Expr::MethodCall(m) => {
            passed_on(&m.receiver, out);
            m.args.iter().for_each(|a| passed_on(a, out));
        }
        Expr::Tuple(t) => t.elems.iter().for_each(|a| passed_on(a, out)),
        Expr::Array(a) => a.elems.iter().for_each(|a| passed_on(a, out)),
        Expr::Struct(st) => st.fields.iter().for_each(|f| passed_on(&f.expr, out)),
        Expr::Macro(m) if scan::is_pin_macro(&m.mac) => {
            if let Ok(inner) = m.mac.parse_body::<Expr>() {
                passed_on(&inner, out);
            }
        }
        _ => {}
    }
}

/// The locals the body may move out of in part, or consume by a method: `x.f` (or `x.f.g`)
/// used as a value other than a method's receiver, a place (`&x.f`, `x.f = …`, `x.f[i]`),
/// a comparison, arithmetic or a cast operand, or a formatting argument; and `x.m()` or
/// `x.f.m()` with a method `receiver` does not say takes `&self`/`&mut self` (`resident.rs`:
/// `borrows_receiver`, certain, for an optimisation; `keeps_receiver`, any method not known
/// to take `self`, where a slot is what Rust's drop rule needs).
fn field_moves(
    body: &Body,
    receiver: fn(&str) -> Option<bool>,
) -> std::collections::HashSet<String> {
    use std::collections::HashSet;
    fn field_root(e: &Expr) -> Option<String> {
        match e {
            Expr::Field(f) => match &*f.base {
                Expr::Path(p) => p.path.get_ident().map(|i| i.to_string()),
                b => field_root(b),
            },
            Expr::Paren(p) => field_root(&p.expr),
            _ => None,
        }
    }
    fn scan(e: &Expr, place: bool, out: &mut HashSet<String>, receiver: fn(&str) -> Option<bool>) {
        use syn::BinOp::*;
        match e {
            Expr::Field(f) => {
                if !place {
                    out.extend(field_root(e));
                }
                scan(&f.base, true, out, receiver);
            }
            Expr::Paren(p) => scan(&p.expr, place, out, receiver),
            Expr::Group(g) => scan(&g.expr, place, out, receiver),
            Expr::MethodCall(m) => {
                // A method not known to take `&self`/`&mut self` may take the receiver by
                // value: of a field, a move out of the slot; of the local itself, one too
                // unless it is an `into_*` (a whole move, which a slot's drop flag allows).
                let method = m.method.to_string();
                if receiver(&method).is_none() {
                    match &*m.receiver {
                        Expr::Path(_) if method.starts_with("into_") => {}
                        Expr::Path(p) => out.extend(p.path.get_ident().map(|i| i.to_string())),
                        r => out.extend(field_root(r)),
                    }
                }
                scan(&m.receiver, true, out, receiver);
                m.args.iter().for_each(|a| scan(a, false, out, receiver));
            }
            Expr::Reference(r) => scan(&r.expr, true, out, receiver),
            Expr::Index(i) => {
                scan(&i.expr, true, out, receiver);
                scan(&i.index, false, out, receiver);
            }
            Expr::Assign(a) => {
                scan(&a.left, true, out, receiver);
                scan(&a.right, false, out, receiver);
            }
            Expr::Binary(b) => {
                let operands_read = !matches!(b.op, And(_) | Or(_));
                scan(&b.left, operands_read, out, receiver);
                scan(
                    &b.right,
                    operands_read && !scan::is_compound_assign(&b.op),
                    out,
                    receiver,
                );
            }
            Expr::Unary(u) => scan(&u.expr, true, out, receiver),
            Expr::Cast(c) => scan(&c.expr, true, out, receiver),
            Expr::Macro(m) => {
                if let Some(args) = scan::parse_macro_args(&m.mac) {
                    args.args.iter().for_each(|a| scan(a, true, out, receiver));
                }
            }
            other => {
                struct Children<'o>(&'o mut HashSet<String>, fn(&str) -> Option<bool>);
                impl<'a> Visit<'a> for Children<'_> {
                    fn visit_expr(&mut self, e: &'a Expr) {
                        scan(e, false, self.0, self.1);
                    }
                    fn visit_item(&mut self, _: &'a syn::Item) {}
                }
                syn::visit::visit_expr(&mut Children(out, receiver), other);
            }
        }
    }
    struct Stmts<'o>(&'o mut HashSet<String>, fn(&str) -> Option<bool>);
    impl<'a> Visit<'a> for Stmts<'_> {
        fn visit_expr(&mut self, e: &'a Expr) {
            scan(e, false, self.0, self.1);
        }
        fn visit_item(&mut self, _: &'a syn::Item) {}
    }
    let mut out = HashSet::new();
    for p in &body.points {
        scan(&p.operand, false, &mut out, receiver);
    }
    // (A `match` scrutinee counts as a value: its patterns may move a field out.)
    crate::ir::each_code(&body.block, &mut |c| match c {
        crate::ir::Code::Stmt(s) => Stmts(&mut out, receiver).visit_stmt(s),
        crate::ir::Code::Expr(e) => scan(e, false, &mut out, receiver),
    });
    out
}

/// Visits every piece of code of the body: the suspension points' operands, the statements,
/// the conditions and scrutinees of the constructs that suspend.
fn visit_body<'a>(body: &'a Body, v: &mut impl Visit<'a>) {
    for p in &body.points {
        v.visit_expr(&p.operand);
    }
    crate::ir::each_code(&body.block, &mut |c| match c {
        crate::ir::Code::Stmt(s) => v.visit_stmt(s),
        crate::ir::Code::Expr(e) => v.visit_expr(e),
    });
}

/// The names the body gives up ownership of somewhere, which a `Copy` value would not be
/// written with: `drop(x)` (`mem::drop`), or a method that takes `self` on common types
/// (`resident::consumes_receiver`) called on `x`.
fn given_up_names(body: &Body) -> std::collections::HashSet<String> {
    #[derive(Default)]
    struct GivenUp(std::collections::HashSet<String>);
    impl<'a> Visit<'a> for GivenUp {
        fn visit_expr_call(&mut self, c: &'a syn::ExprCall) {
            let is_drop = matches!(&*c.func, Expr::Path(p)
                if p.path.segments.last().is_some_and(|s| s.ident == "drop" || s.ident == "moved_in_part"));
            if let (true, [Expr::Path(a)]) = (is_drop, c.args.iter().collect::<Vec<_>>().as_slice())
            {
                self.0.extend(a.path.get_ident().map(|i| i.to_string()));
            }
            syn::visit::visit_expr_call(self, c);
        }
        fn visit_expr_method_call(&mut self, m: &'a syn::ExprMethodCall) {
            if let Expr::Path(r) = &*m.receiver {
                if crate::resident::consumes_receiver(&m.method.to_string()) {
                    self.0.extend(r.path.get_ident().map(|i| i.to_string()));
                }
            }
            syn::visit::visit_expr_method_call(self, m);
        }
        fn visit_macro(&mut self, m: &'a syn::Macro) {
            if let Some(args) = scan::parse_macro_args(m) {
                args.args.iter().for_each(|a| self.visit_expr(a));
            }
        }
        fn visit_item(&mut self, _: &'a syn::Item) {}
    }
    let mut v = GivenUp::default();
    visit_body(body, &mut v);
    v.0
}

/// The names of the locals a method that stores its arguments is called on (`v.push(x)`,
/// `m.insert(k, v)`, `v.extend(it)`): such a collection may hold borrows its `let` does not
/// show.
#[derive(Default)]
struct Filled(Vec<String>);

impl<'a> Visit<'a> for Filled {
    fn visit_expr_method_call(&mut self, m: &'a syn::ExprMethodCall) {
        let stores = matches!(
            m.method.to_string().as_str(),
            "push"
                | "push_back"
                | "push_front"
                | "insert"
                | "extend"
                | "extend_from_slice"
                | "append"
                | "replace"
                | "set"
                | "get_or_insert"
                | "get_or_insert_with"
                | "or_insert"
                | "resize"
                | "splice"
                | "entry"
        );
        if stores && !m.args.is_empty() {
            if let Some((n, _)) = place_root(&m.receiver) {
                self.0.push(n);
            }
        }
        syn::visit::visit_expr_method_call(self, m);
    }
    fn visit_macro(&mut self, m: &'a syn::Macro) {
        // (Not an assertion's: its message's arguments run only if it fails.)
        if let Some(args) = scan::parse_macro_args(m) {
            if matches!(args.family, scan::MacroFamily::Args) {
                args.args.iter().for_each(|a| self.visit_expr(a));
            }
        }
    }
    fn visit_item(&mut self, _: &'a syn::Item) {}
}

/// The locals a pattern binding by value (`if let Some(d) = x`, `match x { Some(d) => .. }`,
/// `let (a, b) = t;`) or a deref (`*x`) moves out of.
/// (And, second, the locals assigned anywhere in the code: `x = …`.)
#[derive(Default)]
struct PatternMoves(Vec<String>, Vec<String>);

impl<'a> Visit<'a> for PatternMoves {
    fn visit_expr(&mut self, e: &'a Expr) {
        let path = |e: &Expr| match e {
            Expr::Path(p) => p.path.get_ident().map(|i| i.to_string()),
            _ => None,
        };
        match e {
            Expr::Match(m) if m.arms.iter().any(|a| scan::binds_by_value(&a.pat)) => {
                self.0.extend(path(&m.expr))
            }
            Expr::Let(l) if scan::binds_by_value(&l.pat) => self.0.extend(path(&l.expr)),
            Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => self.0.extend(path(&u.expr)),
            Expr::Assign(a) => self.1.extend(path(&a.left)),
            _ => {}
        }
        syn::visit::visit_expr(self, e);
    }

    fn visit_local(&mut self, l: &'a syn::Local) {
        let simple = matches!(&l.pat, Pat::Ident(pi) if pi.subpat.is_none())
            || matches!(&l.pat, Pat::Type(pt) if matches!(&*pt.pat, Pat::Ident(pi) if pi.subpat.is_none()));
        if let (false, Some(init)) = (simple, &l.init) {
            if scan::binds_by_value(&l.pat) {
                if let Expr::Path(p) = &*init.expr {
                    self.0.extend(p.path.get_ident().map(|i| i.to_string()));
                }
            }
        }
        syn::visit::visit_local(self, l);
    }

    fn visit_item(&mut self, _: &'a syn::Item) {}
}

/// The locals assigned (`x = …`) wherever the code runs whenever it completes: not in an
/// arm, a branch, a loop's body, the right of `&&`/`||`, a closure or an `async` block
/// (`f({ h = …; v })`, as `partial.rs` writes the holder of what is left of a local), unless
/// every arm of the branch that completes assigns it.
/// (And, second, the locals a partial move takes whole there, `moved_in_part(x)`.)
#[derive(Default)]
struct CertainAssigns(Vec<String>, std::collections::HashSet<String>);

impl CertainAssigns {
    /// What an arm of a branch certainly assigns; `None` if it never completes (it ends in a
    /// `return`, `break`, `continue` or a panic).
    fn arm(e: &Expr) -> Option<Vec<String>> {
        if crate::emit::expr_diverges(scan::strip_parens(e)) {
            return None;
        }
        let mut ca = CertainAssigns::default();
        ca.visit_expr(e);
        Some(ca.0)
    }

    /// The names every arm that completes assigns.
    fn every(arms: impl IntoIterator<Item = Option<Vec<String>>>) -> Vec<String> {
        let mut out: Option<Vec<String>> = None;
        for a in arms.into_iter().flatten() {
            out = Some(match out {
                None => a,
                Some(o) => o.into_iter().filter(|n| a.contains(n)).collect(),
            });
        }
        out.unwrap_or_default()
    }
}

impl<'a> Visit<'a> for CertainAssigns {
    fn visit_expr_call(&mut self, c: &'a syn::ExprCall) {
        let taken = matches!(&*c.func, Expr::Path(p)
            if p.path.segments.last().is_some_and(|s| s.ident == "moved_in_part"));
        if let (true, Some(Expr::Path(a))) = (taken, c.args.first()) {
            self.1.extend(a.path.get_ident().map(|i| i.to_string()));
        }
        syn::visit::visit_expr_call(self, c);
    }
    fn visit_expr_assign(&mut self, a: &'a syn::ExprAssign) {
        self.visit_expr(&a.right);
        if let Expr::Path(p) = &*a.left {
            self.0.extend(p.path.get_ident().map(|i| i.to_string()));
        } else {
            self.visit_expr(&a.left);
        }
    }
    fn visit_expr_if(&mut self, i: &'a syn::ExprIf) {
        self.visit_expr(&i.cond);
        // (Assigned by every branch of an `if … else`: `let x; if c { x = a; } else { x = b; }`.)
        if let Some((_, els)) = &i.else_branch {
            let then = Self::arm(&Expr::Block(syn::ExprBlock {
                attrs: Vec::new(),
                label: None,
                block: i.then_branch.clone(),
            }));
            self.0.extend(Self::every([then, Self::arm(els)]));
        }
    }
    fn visit_expr_match(&mut self, m: &'a syn::ExprMatch) {
        self.visit_expr(&m.expr);
        // (And by every arm of a `match`.)
        self.0
            .extend(Self::every(m.arms.iter().map(|a| Self::arm(&a.body))));
    }
    fn visit_expr_binary(&mut self, b: &'a syn::ExprBinary) {
        self.visit_expr(&b.left);
        if !matches!(b.op, syn::BinOp::And(_) | syn::BinOp::Or(_)) {
            self.visit_expr(&b.right);
        }
    }
    fn visit_expr_loop(&mut self, _: &'a syn::ExprLoop) {}
    fn visit_expr_while(&mut self, w: &'a syn::ExprWhile) {
        self.visit_expr(&w.cond);
    }
    fn visit_expr_for_loop(&mut self, f: &'a syn::ExprForLoop) {
        self.visit_expr(&f.expr);
    }
    fn visit_expr_closure(&mut self, _: &'a syn::ExprClosure) {}
    fn visit_expr_async(&mut self, _: &'a syn::ExprAsync) {}
    fn visit_local(&mut self, l: &'a syn::Local) {
        // (A `let … else` may leave before its bindings exist; what its initialiser assigns
        // is assigned.)
        if let Some(init) = &l.init {
            self.visit_expr(&init.expr);
        }
    }
    fn visit_macro(&mut self, m: &'a syn::Macro) {
        // (The arguments of a macro the lowering reads are evaluated, once each:
        // `vec![{ …; holder = …; part }]`, `partial.rs`.)
        // (Not an assertion's: its message's arguments run only if it fails.)
        if let Some(args) = scan::parse_macro_args(m) {
            if matches!(args.family, scan::MacroFamily::Args) {
                args.args.iter().for_each(|a| self.visit_expr(a));
            }
        }
    }
    fn visit_item(&mut self, _: &'a syn::Item) {}
}

/// The names a closure, an `async` block or a macro whose arguments are not expressions
/// mentions: what such code does with them (borrow, move, capture) is not read here.
fn opaque_names(body: &Body) -> std::collections::HashSet<String> {
    #[derive(Default)]
    struct Opaque(std::collections::HashSet<String>);
    impl<'a> Visit<'a> for Opaque {
        fn visit_expr(&mut self, e: &'a Expr) {
            let mut f = FreeNames::default();
            match e {
                Expr::Closure(c) => f.visit_expr_closure(c),
                Expr::Async(a) => f.visit_block(&a.block),
                _ => return syn::visit::visit_expr(self, e),
            }
            self.0.extend(f.out);
        }
        fn visit_macro(&mut self, m: &'a syn::Macro) {
            match scan::parse_macro_args(m) {
                Some(args) => args.args.iter().for_each(|a| self.visit_expr(a)),
                None => {
                    let mut f = FreeNames::default();
                    f.visit_macro(m);
                    self.0.extend(f.out);
                }
            }
        }
        fn visit_item(&mut self, _: &'a syn::Item) {}
    }
    let mut v = Opaque::default();
    visit_body(body, &mut v);
    v.0
}

/// The local a plain reference to a local or a field path of one names: `&d`, `&mut d`,
/// `&d.f.g` (no index, no call: taking it again after a resume must run no user code).
fn derived_target(e: &Expr) -> Option<String> {
    fn path(e: &Expr) -> Option<String> {
        match e {
            Expr::Path(p) if p.qself.is_none() => p.path.get_ident().map(|i| i.to_string()),
            Expr::Field(f) => path(&f.base),
            Expr::Paren(p) => path(&p.expr),
            _ => None,
        }
    }
    match e {
        Expr::Reference(r) => path(&r.expr),
        Expr::Paren(p) => derived_target(&p.expr),
        _ => None,
    }
}

/// The local an `.await` operand is (`fut`, `&mut fut`, `fut.as_mut()`, `Pin::new(&mut fut)`).
fn driven_operand(e: &Expr) -> Option<String> {
    match e {
        Expr::Path(p) => p.path.get_ident().map(|i| i.to_string()),
        Expr::Reference(r) => driven_operand(&r.expr),
        Expr::Paren(p) => driven_operand(&p.expr),
        Expr::Group(g) => driven_operand(&g.expr),
        Expr::MethodCall(m) if m.method == "as_mut" && m.args.is_empty() => {
            driven_operand(&m.receiver)
        }
        Expr::Call(c) if c.args.len() == 1 => match &*c.func {
            Expr::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "new") => {
                driven_operand(&c.args[0])
            }
            _ => None,
        },
        _ => None,
    }
}

/// The locals an expression drives: the receiver of `next`/`poll`-like calls, the argument
/// of `pin!` or `IntoIterator::into_iter`.
#[derive(Default)]
struct Driven {
    out: Vec<String>,
}

impl<'a> Visit<'a> for Driven {
    fn visit_expr_method_call(&mut self, m: &'a syn::ExprMethodCall) {
        let drives = matches!(
            m.method.to_string().as_str(),
            "next" | "next_back" | "poll" | "poll_next" | "resume" | "as_mut" | "try_next"
        );
        if let Some((n, _)) = place_root(&m.receiver).filter(|_| drives) {
            self.out.push(n);
        }
        syn::visit::visit_expr_method_call(self, m);
    }

    fn visit_expr_call(&mut self, c: &'a syn::ExprCall) {
        let last = match &*c.func {
            Expr::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
            _ => None,
        };
        if matches!(last.as_deref(), Some("into_iter" | "next" | "poll" | "new")) {
            for a in &c.args {
                let a = match a {
                    Expr::Reference(r) => &*r.expr,
                    a => a,
                };
                if let Some((n, _)) = place_root(a) {
                    self.out.push(n);
                }
            }
        }
        syn::visit::visit_expr_call(self, c);
    }

    fn visit_macro(&mut self, m: &'a syn::Macro) {
        if scan::is_pin_macro(m) {
            if let Ok(Expr::Path(p)) = m.parse_body::<Expr>() {
                if let Some(i) = p.path.get_ident() {
                    self.out.push(i.to_string());
                }
            }
        }
    }
}

struct Walker {
    /// Names in scope, innermost last.
    env: Vec<(String, usize)>,
    locals: Vec<Local>,
    /// Positions at which each local is mentioned.
    mentions: Vec<Vec<usize>>,
    /// Positions at which each local may be moved out, in whole or in part
    /// (`resident::may_move`).
    moves: Vec<Vec<usize>>,
    /// Locals moved out through a pattern that binds a part by value (`if let Some(d) = x`,
    /// `let (a, b) = t;`) or a deref (`*x`): a slot could not give them up that way.
    pattern_moved: std::collections::HashSet<usize>,
    /// Locals a method that stores its arguments is called on (`Filled`).
    filled: std::collections::HashSet<usize>,
    /// Of `moves`, the positions of uses that move the local whenever their statement runs
    /// to its end (`resident::stmt_certainly_moves`).
    sure_moves: Vec<Vec<usize>>,
    /// Positions of statements `x = …;` that give each local a value again.
    inits: Vec<Vec<usize>>,
    /// Positions of statements in which an assignment `x = …` may give it one
    /// (`if c { x = D; }`).
    maybe_inits: Vec<Vec<usize>>,
    /// The arms of each `if`/`match` that suspends: a move in one arm is not on the way to a
    /// point in another.
    alternatives: Vec<Vec<crate::ir::Range>>,
    /// For each of those: its arms cover every case (a `match`, an `if` with an `else`).
    complete: Vec<bool>,
    /// The bodies of the loops that suspend.
    loop_bodies: Vec<crate::ir::Range>,
    /// The arms of those `if`s and `match`es that end in a `return`: no code after the
    /// construct is reached from them.
    returning: Vec<crate::ir::Range>,
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
    /// Body statements binding parameters whose type is a shared reference.
    shared_params: Vec<usize>,
    /// The same, of the parameters whose type is a string or a collection (`Local::view`),
    /// and whether it owns its contents (`Local::owning_view`).
    view_params: Vec<(usize, bool)>,
    /// Locals whose value may hold a borrow of another local: (holder, borrowed, where,
    /// how sure).
    holds: Vec<(usize, usize, Span, Sure)>,
    /// Awaited futures that may borrow a local: (point, borrowed, where, how sure; never
    /// `IfDriven`: an awaited value is driven).
    await_borrows: Vec<(usize, usize, Span, Sure)>,
    /// Locals whose value is driven: awaited, iterated, polled, pinned (see `Sure::IfDriven`).
    driven: std::collections::HashSet<usize>,
    /// By local: the positions of statements whose only moves of it read a field by value.
    field_moves: Vec<Vec<usize>>,
    /// (local, statement, start of its block): statements whose only moves of the local are
    /// as the receiver of a method guessed to take `self` (`tx.send(v)`), called
    /// unconditionally (`straight_receivers`).
    receiver_moves: Vec<(usize, usize, usize)>,
    /// Each block's end, by its start.
    block_ends: std::collections::HashMap<usize, usize>,
    /// Locals declared `let r = &d;` (or `&mut d`, `&d.f`): (r, d).
    derived: Vec<(usize, usize)>,
    /// How many loops enclose the code being walked.
    loop_depth: usize,
    /// The suspension points walked so far.
    points_seen: usize,
    /// For each suspension point: it is inside a loop.
    in_loop: Vec<bool>,
    /// Statements `x = e;` that overwrite a local without reading it: (position, local).
    overwrites: Vec<(usize, usize)>,
    /// What the scrutinee of the `if let`/`match` being entered may borrow: its bindings may
    /// hold those borrows.
    bind_borrows: Vec<(usize, Span, Sure)>,
    /// The scrutinees of a `let` chain whose bindings the block being entered binds, one per
    /// pattern: a later one may borrow an earlier pattern's binding (`let Some(w) = o && let
    /// Some(z) = Some(&w.1)`), which only names it once that pattern is declared.
    bind_scrutinees: Vec<Expr>,
    /// The `if let`/`match` whose bindings the block being entered binds.
    bind_site: Option<BindSite>,
    /// Ranges of positions whose code is one statement: a value may pass from any local it
    /// mentions into any it declares, and into any other it may write unless `only_declared`
    /// (a `let` whose initialiser suspends: the statements inside have ranges of their own);
    /// with the names it only reads as an operand (`a + b`, `-a`, `v[i]`'s `i`, `a as u8`),
    /// which take nothing in. See `may_reach`.
    together: Vec<Together>,
    /// Bindings of a pattern with the position of the scrutinee they are bound from.
    bound_from: Vec<(usize, usize, Uses)>,
}

/// The `if let` or `match` a block's bindings are bound by (`Walker::bind_site`).
struct BindSite {
    /// Its position (where its scrutinee is mentioned).
    pos: usize,
    /// How its scrutinee names locals.
    uses: Uses,
}

/// Methods whose result certainly owns its data: a call of one borrows nothing for longer
/// than the call.
fn owning_method(m: &Ident) -> bool {
    let m = m.to_string();
    m.starts_with("is_")
        || m.starts_with("to_")
        || m.starts_with("into_")
        || matches!(
            m.as_str(),
            "len"
                | "parse"
                | "capacity"
                | "clone"
                | "cloned"
                | "copied"
                | "count"
                | "sum"
                | "product"
                | "max"
                | "min"
                | "contains"
                | "contains_key"
                | "starts_with"
                | "ends_with"
                | "eq"
                | "ne"
                | "lt"
                | "le"
                | "gt"
                | "ge"
                | "cmp"
                | "partial_cmp"
                | "unwrap_or_default"
                | "abs"
                | "pow"
                | "wrapping_add"
                | "wrapping_sub"
                | "checked_add"
                | "checked_sub"
                | "saturating_add"
                | "saturating_sub"
                | "hash"
                | "fmt"
                | "push"
                | "push_str"
                | "insert"
                | "extend"
                | "clear"
                | "truncate"
                | "set"
                | "get_mut_or"
                | "store"
                | "load"
                | "fetch_add"
                | "fetch_sub"
        )
}

/// The local a place expression (`x`, `x.f`, `x[i]`, `*x`) is rooted in.
pub fn place_root(e: &Expr) -> Option<(String, Span)> {
    match e {
        Expr::Path(p) if p.qself.is_none() => p.path.get_ident().map(|i| (i.to_string(), i.span())),
        Expr::Field(f) => place_root(&f.base),
        Expr::Index(i) => place_root(&i.expr),
        Expr::Paren(p) => place_root(&p.expr),
        Expr::Group(g) => place_root(&g.expr),
        Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => place_root(&u.expr),
        _ => None,
    }
}

/// A borrow the value of an expression may hold: (local, where, how sure, through a
/// projection — a field, an index, a deref or a method's auto-reference — rather than of the
/// local itself).
type Borrow = (String, Span, Sure, bool);

/// How sure the guess that a value borrows a local is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Sure {
    /// It does (or may, with nothing to tell otherwise): a written `&x`, a known borrowing
    /// method, a closure capturing `x`.
    Yes,
    /// Only if `x` is used again after the point (named, or owing its drop there): a method
    /// whose receiver it might consume.
    IfUsed,
    /// Only if `x` is named again after the point: a method that takes `self` on the types it
    /// is common on (`resident::consumes_receiver`: `send`, `commit`, `json`, …), called to
    /// make an awaited future. Not named again, `x` is most often moved into the future; a
    /// `&self` method of that name on a local not named again is then rustc's E0597 (write
    /// a use after the point, or `let r = &x;`).
    IfMentioned,
    /// Only if the value is then driven — awaited, iterated, polled: the result of a function
    /// given `&x` (`let fut = fetch(&client);` later awaited, but not `let n = sum(&buf);`).
    IfDriven,
    /// The result of a method the macro does not know called on `x` (`let w = tree.walk();`,
    /// `let k = line.split(' ').next().unwrap_or("");`): as `IfDriven`, and also, in a
    /// machine that is `!Unpin` anyway (where a slot costs nothing it would not pay), if the
    /// value is used after a point it lives across and `x` is a string or a collection
    /// (`Local::view`): then it is most often a view of `x` (an `Option`'s `xor`, a
    /// builder's `finish`, take `self` instead).
    IfKept,
    /// The result of a method that takes `self` on common types but `&self` on strings and
    /// collections (`lines`, `bytes`, `join`; `resident::consumes_receiver`): a borrow only
    /// of a local that is a string or a collection (`Local::view`: `text.lines()`), a move
    /// of any other (`reader.lines()`).
    IfView,
}

/// A local the lowering bound to an operand evaluated before a point (`__t0`, `__await0`),
/// not a temporary it keeps to the end of a scope (`__temp0`) nor the user's.
fn operand_local(i: &Ident) -> bool {
    let n = i.to_string();
    n.starts_with("__") && !n.starts_with(crate::temporaries::TEMP)
}

/// Methods that take `self` on the types whose calls are most often awaited: a response's
/// body (`json`, `text`, `bytes`), a transaction's end (`commit`, `rollback`), a future's or
/// a stream's combinators (`instrument`, `boxed`, `map`, `then`, `collect`, `fold`, …).
/// Not `send`, `close`, `run` or `finish`: their awaited forms take `&self` or `&mut self`
/// as often (a channel's `send`).
pub(crate) fn awaited_consumes(m: &str) -> bool {
    m.starts_with("into_")
        || matches!(
            m,
            "json"
                | "text"
                | "bytes"
                | "commit"
                | "rollback"
                | "instrument"
                | "in_current_span"
                | "with_current_subscriber"
                | "boxed"
                | "boxed_local"
                | "map"
                | "then"
                | "and_then"
                | "or_else"
                | "map_ok"
                | "map_err"
                | "err_into"
                | "ok_into"
                | "inspect"
                | "fuse"
                | "shared"
                | "catch_unwind"
                | "left_future"
                | "right_future"
                | "flatten"
                | "collect"
                | "fold"
                | "for_each"
                | "for_each_concurrent"
                | "try_collect"
                | "try_fold"
                | "try_for_each"
                | "count"
                | "concat"
                | "forward"
        )
}

/// Iterator (and `Option`) adapters: they take their receiver by value.
fn consuming_adapter(m: &str) -> bool {
    matches!(
        m,
        "take"
            | "skip"
            | "map"
            | "filter"
            | "filter_map"
            | "enumerate"
            | "rev"
            | "zip"
            | "chain"
            | "step_by"
            | "peekable"
            | "fuse"
            | "inspect"
            | "take_while"
            | "skip_while"
            | "map_while"
            | "flat_map"
            | "flatten"
            | "scan"
            | "cycle"
    )
}

/// What the value being examined is to the code that keeps it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    /// The value kept: a `let` initialiser, an assignment, a scrutinee.
    Value,
    /// The operand of an `.await`: the future kept until it is ready.
    Future,
    /// The iterable of a `for` loop: the iterator made of it is kept across the body.
    Iterable,
    /// An argument passed to a call whose result is kept.
    Arg,
}

/// The locals whose storage the value of `e` may borrow, with how sure the guess is.
///
/// Certain: a written `&x` that is (part of) the value, or an argument of the call that makes
/// an awaited future (an `async fn` keeps its arguments) or of `IntoIterator::into_iter`,
/// `Pin::new`, `zip`; a call of a known borrowing method on `x` (`borrowing_method`); a
/// method call on `x` that makes a `for` loop's iterable, or `&x` passed to a function that
/// does; a closure or `async` block that captures `x`; `pin!(x)`. Only if `x` is used again
/// after the point: a call of another method on `x` that makes an awaited future
/// (`self.conn.query().await`; the method might consume `x` instead). Only if the value is
/// driven later: `&x` passed to another function (`let fut = fetch(&x);` awaited later;
/// `let n = sum(&buf);` is not), an unknown method called on `x` (`let w = tree.walk();`). Not counted: other method calls in arguments
/// (`add(d.value(), 1)`) — if one of those does keep a borrow, moving `x` is rustc's borrow
/// error, never unsoundness. The value of `e?` and of a `match` is what `e`/the arms
/// borrow. Outside `.await` operands, `next` is `Iterator::next`, whose item cannot borrow
/// the iterator itself.
fn borrowed_by(e: &Expr, out: &mut Vec<Borrow>, role: Role) {
    let same = |e: &Expr, out: &mut Vec<Borrow>| borrowed_by(e, out, role);
    match e {
        Expr::Reference(r) => {
            if role != Role::Arg {
                if let Some((n, _)) = place_root(&r.expr) {
                    let through = !matches!(&*r.expr, Expr::Path(_));
                    out.push((n, r.and_token.span, Sure::Yes, through));
                } else {
                    // `&s.as_bytes()[1..]`, `&v.first().unwrap().name`: a place in the value
                    // of an expression holds what that value borrows.
                    let mut e = &*r.expr;
                    while let Expr::Index(syn::ExprIndex { expr, .. })
                    | Expr::Field(syn::ExprField { base: expr, .. })
                    | Expr::Paren(syn::ExprParen { expr, .. }) = e
                    {
                        e = expr;
                    }
                    return same(e, out);
                }
            }
            borrowed_by(&r.expr, out, Role::Arg);
        }
        Expr::RawAddr(r) => {
            if let Some((n, sp)) = place_root(&r.expr).filter(|_| role != Role::Arg) {
                out.push((n, sp, Sure::Yes, false));
            }
        }
        Expr::MethodCall(m) => {
            if owning_method(&m.method) {
                // Its result borrows nothing of the receiver's place; a copy of an iterator
                // (`v.iter().copied()`, `.cloned()`, `.clone()`) keeps what it borrows, and
                // so may an iterator's `max`/`min` (`v.iter().max()` is a reference).
                if matches!(
                    m.method.to_string().as_str(),
                    "clone" | "cloned" | "copied" | "max" | "min"
                ) {
                    same(&m.receiver, out);
                }
                // `unwrap_or_default` passes the `Option`'s content on: a count most often,
                // a view of the receiver's local sometimes (`s.split(' ').next()
                // .unwrap_or_default()` is a `&str`): kept only if used after a point of a
                // machine that is `!Unpin` anyway (`Sure::IfKept`).
                if m.method == "unwrap_or_default" {
                    let mut inner = Vec::new();
                    same(&m.receiver, &mut inner);
                    out.extend(
                        inner
                            .into_iter()
                            .map(|(n, sp, _, through)| (n, sp, Sure::IfKept, through)),
                    );
                }
                return;
            }
            let item = role != Role::Future && m.method == "next";
            // `it.take(5)`, `opt.map(f)`: an adapter takes its receiver by value (what the
            // receiver borrows flows on through the receiver's name, below).
            let adapter = consuming_adapter(&m.method.to_string());
            if let Some((n, _)) = place_root(&m.receiver).filter(|_| !item && !adapter) {
                let known = scan::borrowing_method(&m.method.to_string());
                let takes_self = crate::resident::consumes_receiver(&m.method.to_string());
                let guess = match role {
                    Role::Value | Role::Iterable if takes_self => Some(Sure::IfView),
                    _ if known => Some(Sure::Yes),
                    Role::Iterable => Some(Sure::Yes),
                    // `req.send().await`, `tx.commit().await`: a method that takes `self`
                    // on the types it is common on moves the receiver into the future,
                    // unless the receiver is named again after the point.
                    Role::Future if awaited_consumes(&m.method.to_string()) => {
                        Some(Sure::IfMentioned)
                    }
                    Role::Future => Some(Sure::IfUsed),
                    // `let it = tree.walk();` then `it.next()`: an unknown method's result
                    // borrows its receiver if it is driven.
                    Role::Value => Some(Sure::IfKept),
                    Role::Arg => None,
                };
                if let Some(certain) = guess {
                    out.push((n, m.method.span(), certain, true));
                }
            }
            // The receiver's own borrows flow into the result (`v.iter().map(f)`).
            same(&m.receiver, out);
            for a in &m.args {
                match a {
                    // `src.read(&mut buf).await`: the future keeps its arguments.
                    a @ Expr::Reference(_) if role == Role::Future => {
                        borrowed_by(a, out, Role::Value)
                    }
                    a => borrowed_by(a, out, Role::Arg),
                }
            }
        }
        Expr::Call(c) => {
            // A `let`'s initialiser marked for `emit::resolve_alts`: its value is `e`'s.
            if let Some(e) = crate::scan::alt_let_value(c) {
                return same(e, out);
            }
            // `f(1).await` with `let f = async |x| ..`: an async closure's future borrows the
            // closure (if it is used again: a closure returning an `async move` block's
            // future borrows nothing).
            if role == Role::Future {
                if let Expr::Path(p) = &*c.func {
                    if let Some(i) = p.path.get_ident() {
                        out.push((i.to_string(), i.span(), Sure::IfUsed, false));
                    }
                }
            }
            let last = match &*c.func {
                Expr::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
                _ => None,
            };
            let item = role != Role::Future && last.as_deref() == Some("next");
            // `Try::branch(e)` (a lowered `e?`): its value is `e`'s.
            if last.as_deref() == Some("branch") && c.args.len() == 1 {
                return same(&c.args[0], out);
            }
            // `Some(&v)`, `Ok(x.iter())`, `Wrap(&mut buf)`: a tuple struct's or an enum
            // variant's constructor holds its arguments, as a struct literal does.
            if last
                .as_deref()
                .is_some_and(|l| l.starts_with(|c: char| c.is_ascii_uppercase()))
            {
                return c.args.iter().for_each(|a| same(a, out));
            }
            let keeps = matches!(role, Role::Future | Role::Iterable)
                || matches!(
                    last.as_deref(),
                    Some("into_iter" | "new" | "zip" | "from_ref" | "from_mut")
                );
            for a in &c.args {
                match a {
                    // `Iterator::next(&mut it)`: the item does not borrow `it`.
                    Expr::Reference(r) if item => borrowed_by(&r.expr, out, Role::Arg),
                    a @ Expr::Reference(_) if keeps && role != Role::Arg => {
                        borrowed_by(a, out, Role::Value)
                    }
                    // `let fut = fetch(&client);`, `let t = from_utf8(s.as_bytes())?;`: kept
                    // if the value is driven later (or see `Sure::IfDriven`).
                    a @ (Expr::Reference(_) | Expr::MethodCall(_))
                        if role == Role::Value && !item =>
                    {
                        let mut inner = Vec::new();
                        borrowed_by(a, &mut inner, Role::Value);
                        out.extend(inner.into_iter().map(|(n, sp, sure, through)| {
                            let sure = if sure == Sure::Yes {
                                Sure::IfDriven
                            } else {
                                sure
                            };
                            (n, sp, sure, through)
                        }));
                    }
                    // `IntoIterator::into_iter(x.items())`: the iterable of a `for` loop.
                    a if keeps && last.as_deref() == Some("into_iter") => {
                        borrowed_by(a, out, Role::Iterable)
                    }
                    a => borrowed_by(a, out, Role::Arg),
                }
            }
        }
        Expr::Paren(p) => same(&p.expr, out),
        Expr::Group(g) => same(&g.expr, out),
        Expr::Try(t) => same(&t.expr, out),
        // A lowered `e?` (`match Try::branch(e) { Continue(v) => v, … }`), or any `match`:
        // its value may be what the scrutinee borrows, or an arm's.
        Expr::Match(m) => {
            same(&m.expr, out);
            for arm in &m.arms {
                same(&arm.body, out);
            }
        }
        Expr::Cast(c) => same(&c.expr, out),
        Expr::Tuple(t) => t.elems.iter().for_each(|e| same(e, out)),
        Expr::Array(a) => a.elems.iter().for_each(|e| same(e, out)),
        Expr::Struct(st) => st.fields.iter().for_each(|f| same(&f.expr, out)),
        Expr::Block(b) => {
            if let Some(syn::Stmt::Expr(e, None)) = b.block.stmts.last() {
                same(e, out);
            }
        }
        Expr::Closure(c) if c.capture.is_none() => {
            // A closure captures what it mentions by reference.
            let mut f = FreeNames::default();
            f.visit_expr_closure(c);
            for n in f.out {
                out.push((n, c.or1_token.span, Sure::Yes, false));
            }
        }
        Expr::Async(a) if a.capture.is_none() => {
            // So does an `async` block.
            let mut f = FreeNames::default();
            f.visit_block(&a.block);
            for n in f.out {
                out.push((n, a.async_token.span, Sure::Yes, false));
            }
        }
        Expr::Macro(m) if scan::is_pin_macro(&m.mac) => {
            if let Ok(Expr::Path(p)) = m.mac.parse_body::<Expr>() {
                if let Some(i) = p.path.get_ident() {
                    out.push((i.to_string(), i.span(), Sure::Yes, false));
                }
            }
        }
        _ => {}
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

    /// The locals from `first` on, just declared by `pat`: each bound by value may have a
    /// slot of its own (`Local::slot_able`).
    fn slot_able_from(&mut self, first: usize, pat: &Pat) {
        let by_ref = scan::ref_bindings(pat);
        for l in &mut self.locals[first..] {
            l.slot_able = !by_ref.contains(&l.ident.to_string());
        }
    }

    fn declare(&mut self, pat: &Pat, scope: usize, pos: usize, literal: bool) {
        self.declare_ref(pat, scope, pos, literal, false);
    }

    fn declare_ref(
        &mut self,
        pat: &Pat,
        scope: usize,
        pos: usize,
        literal: bool,
        shared_ref: bool,
    ) {
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
                shared_ref,
                large: false,
                closure: false,
                uninit: false,
                typed: false,
                settled: false,
                lends: false,
                view: false,
                owning_view: false,
                async_block: false,
                owns: false,
                made: false,
                slot_able: false,
                no_glue: false,
            });
            self.mentions.push(Vec::new());
            self.moves.push(Vec::new());
            self.field_moves.push(Vec::new());
            self.sure_moves.push(Vec::new());
            self.inits.push(Vec::new());
            self.maybe_inits.push(Vec::new());
        }
    }

    /// Records the locals `names` that a use may move out of (`resident::may_move`).
    fn record_moves(&mut self, names: std::collections::HashSet<String>, pos: usize) {
        for n in names {
            if let Some(id) = self.resolve(&n) {
                self.moves[id].push(pos);
            }
        }
    }

    /// The names in scope, for `resident::may_move`.
    fn env_names(&self) -> std::collections::HashSet<String> {
        self.env.iter().map(|(n, _)| n.clone()).collect()
    }

    fn move_expr(&mut self, e: &Expr, pos: usize) {
        let moved = crate::resident::may_move(e, &self.env_names());
        let moved = self.without_owner_calls(e, moved);
        self.record_moves(moved, pos);
    }

    /// `moved` less the closures `e` only calls that own what they took: such a call
    /// borrows the closure, in a point's operand or a condition as in a statement
    /// (`yield_!(count())`).
    fn without_owner_calls(
        &self,
        e: &Expr,
        mut moved: std::collections::HashSet<String>,
    ) -> std::collections::HashSet<String> {
        if !moved.is_empty() {
            for x in called_only(&syn::Stmt::Expr(e.clone(), None)) {
                if self.resolve(&x).is_some_and(|id| self.locals[id].owns) {
                    moved.remove(&x);
                }
            }
        }
        moved
    }

    fn record_pattern_moves(&mut self, names: Vec<String>) {
        for n in names {
            if let Some(id) = self.resolve(&n) {
                self.pattern_moved.insert(id);
            }
        }
    }

    /// Records the locals `names` that a use certainly moves.
    fn record_sure_moves(&mut self, names: std::collections::HashSet<String>, pos: usize) {
        for n in names {
            if let Some(id) = self.resolve(&n) {
                self.sure_moves[id].push(pos);
            }
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
        let mut d = Driven::default();
        d.visit_expr(e);
        for n in d.out {
            if let Some(id) = self.resolve(&n) {
                self.driven.insert(id);
            }
        }
    }

    /// A `ref` binding of a pattern matched against place `e` (`if let Some(ref s) = item`)
    /// borrows the local `e` is rooted in.
    fn place_borrow(&self, e: &Expr) -> Option<(usize, Span, Sure)> {
        let (name, span) = place_root(e)?;
        let id = self.resolve(&name)?;
        Some((id, span, Sure::Yes))
    }

    /// The locals the value of `e` may borrow: directly, or through another local that may
    /// borrow them (`let p = it.peekable();` where `it` borrows `v`).
    /// Each with whether the borrow is certain (a written `&`, a known borrowing method)
    /// or holds only if the local is used again (see `borrowing_method`).
    fn value_borrows(&self, e: &Expr, awaited: bool) -> Vec<(usize, Span, Sure)> {
        let mut direct = Vec::new();
        let role = if awaited { Role::Future } else { Role::Value };
        borrowed_by(e, &mut direct, role);
        let mut out: Vec<(usize, Span, Sure)> = Vec::new();
        // The local an `.await` drives (`fut.await`, `(&mut fut).await`): what it holds only
        // if driven, it holds now.
        let operand = driven_operand(e)
            .filter(|_| awaited)
            .and_then(|n| self.resolve(&n));
        let mut add =
            |id: usize, sp: Span, sure: Sure| match out.iter_mut().find(|(x, _, _)| *x == id) {
                Some(o) if sure == Sure::Yes => o.2 = Sure::Yes,
                Some(_) => {}
                None => out.push((id, sp, sure)),
            };
        for (n, sp, sure, through) in direct {
            // (Nor a holder's type, `typed_like(&ty, ..)`: it names a type, holds nothing.)
            if n.starts_with(crate::partial::PART) || crate::maybe_moved::names_a_type(&n) {
                continue;
            }
            if let Some(id) = self.resolve(&n) {
                // `&self.items`, `r.iter()` with `r: &T`: a borrow of what `r` points to.
                if through && self.locals[id].shared_ref {
                    continue;
                }
                add(id, sp, sure);
            }
        }
        let mut f = FreeNames::default();
        f.visit_expr(e);
        let mut passed = Vec::new();
        passed_on(e, &mut passed);
        for n in f.out {
            if n.starts_with(crate::partial::PART) {
                continue;
            }
            if let Some(m) = self.resolve(&n) {
                for &(h, b, sp, sure) in &self.holds {
                    if h != m {
                        continue;
                    }
                    // A guess that holds only if driven follows the value itself (`join(a, b)`,
                    // `into_iter(a)`), not a computation on it (`a * 2`, `0..a`).
                    match sure {
                        Sure::IfDriven | Sure::IfKept if operand == Some(m) => {
                            add(b, sp, Sure::Yes)
                        }
                        Sure::IfDriven | Sure::IfKept if !passed.contains(&n) => {}
                        sure => add(b, sp, sure),
                    }
                }
            }
        }
        out
    }

    fn block(&mut self, b: &mut Block, guard: Option<&Expr>) {
        b.scope = self.scopes;
        self.scopes += 1;
        b.range.start = self.pos;
        let env = self.env.len();
        let p = self.next();
        let bind_borrows = std::mem::take(&mut self.bind_borrows);
        let scrutinees = std::mem::take(&mut self.bind_scrutinees);
        let site = self.bind_site.take();
        let own = self.locals.len();
        for (k, pat) in b.binds.iter().enumerate() {
            // (What this pattern's scrutinee borrows of the earlier patterns' bindings.)
            let mut chained = Vec::new();
            if let Some(e) = scrutinees.get(k).filter(|_| k > 0) {
                chained = self.value_borrows(e, false);
                if scan::binds_ref(pat) {
                    chained.extend(self.place_borrow(e));
                }
                chained.retain(|&(id, _, _)| id >= own);
            }
            let first = self.locals.len();
            self.declare_ref(pat, b.scope, p, b.trivial_binds, b.shared_binds);
            if site.is_some() {
                self.slot_able_from(first, pat);
            }
            for holder in first..self.locals.len() {
                for &(id, sp, c) in bind_borrows.iter().chain(&chained) {
                    self.holds.push((holder, id, sp, c));
                }
                if let Some(s) = &site {
                    self.bound_from.push((holder, s.pos, s.uses.clone()));
                }
            }
        }
        if let Some(g) = guard {
            // The guard runs after the arm's bindings are bound.
            let gp = self.next();
            // (A guard cannot move a binding out.)
            self.mention_expr(g, gp);
            self.together.push(Together {
                range: (gp, gp),
                uses: uses_scrutinee(g, false),
                only_declared: false,
            });
        }
        let block_start = b.range.start;
        for (i, s) in b.stmts.iter_mut().enumerate() {
            self.path.push(i);
            s.range.start = self.pos;
            match &mut s.kind {
                StmtKind::Plain(stmt) => {
                    let p = self.next();
                    self.together.push(Together {
                        range: (p, p),
                        uses: uses_stmt(stmt),
                        only_declared: false,
                    });
                    let names = self.env_names();
                    let mut moved = crate::resident::stmt_may_move(stmt, &names);
                    // (Only a statement that may move something is looked at again.)
                    if !moved.is_empty() {
                        // The ones it moves only by reading a field: see `field_moves`.
                        let whole =
                            crate::resident::stmt_may_move(&without_field_reads(stmt), &names);
                        for x in moved.iter().filter(|x| !whole.contains(*x)) {
                            if let Some(id) = self.resolve(x) {
                                self.field_moves[id].push(p);
                            }
                        }
                        // And those it moves only as an unconditional method receiver.
                        let kept =
                            crate::resident::stmt_may_move(&straight_receivers(stmt), &names);
                        for x in moved.iter().filter(|x| !kept.contains(*x)) {
                            if let Some(id) = self.resolve(x) {
                                self.receiver_moves.push((id, p, block_start));
                            }
                        }
                        // A call of a closure that owns what it took borrows it: `count()`.
                        for x in called_only(stmt) {
                            if self.resolve(&x).is_some_and(|id| self.locals[id].owns) {
                                moved.remove(&x);
                            }
                        }
                        // Not one every arm that moves it assigns again: it holds a value
                        // after the statement whenever it held one before.
                        let restored = crate::resident::stmt_restores(stmt, &moved, &names);
                        for x in restored {
                            moved.remove(&x);
                        }
                    }
                    // A method called on a value made of closures may take it: `Local::made`.
                    for x in method_receivers(stmt) {
                        if self.resolve(&x).is_some_and(|id| self.locals[id].made) {
                            moved.insert(x);
                        }
                    }
                    // (What it may still move is not given a value by it: `if c { x = a;
                    // consume(x); } else { x = b; }`.)
                    let still_moved = moved.clone();
                    self.record_moves(moved, p);
                    let mut pm = PatternMoves::default();
                    pm.visit_stmt(stmt);
                    self.record_pattern_moves(pm.0);
                    let mut fl = Filled::default();
                    fl.visit_stmt(stmt);
                    for n in fl.0 {
                        if let Some(id) = self.resolve(&n) {
                            self.filled.insert(id);
                        }
                    }
                    for n in pm.1 {
                        if let Some(id) = self.resolve(&n) {
                            self.maybe_inits[id].push(p);
                        }
                    }
                    let mut ca = CertainAssigns::default();
                    ca.visit_stmt(stmt);
                    for n in ca.0.iter().filter(|n| !still_moved.contains(*n)) {
                        if let Some(id) = self.resolve(n) {
                            self.inits[id].push(p);
                        }
                    }
                    self.record_sure_moves(ca.1, p);
                    let sure = crate::resident::stmt_certainly_moves(stmt, &self.env_names());
                    self.record_sure_moves(sure, p);
                    match stmt {
                        syn::Stmt::Local(l) => {
                            let mut literal = false;
                            let mut borrowed = Vec::new();
                            let mut shared_ref = b.scope == 0 && self.shared_params.contains(&i);
                            if let Some(init) = &l.init {
                                self.mention_expr(&init.expr, p);
                                if let Some((_, e)) = &init.diverge {
                                    self.mention_expr(e, p);
                                }
                                literal = copy_by_literal(&init.expr)
                                    || (b.scope == 0 && self.trivial_params.contains(&i));
                                // (A holder of `maybe_moved.rs` names its local only
                                // for its type: `KeptType::of(&x).empty()` holds nothing.)
                                if !crate::maybe_moved::is_holder(&l.pat) {
                                    borrowed = self.value_borrows(&init.expr, false);
                                }
                                // `let (ref a, _) = tup;`: a binding by reference borrows the
                                // place matched, as in `if let`/`match`.
                                if scan::binds_ref(&l.pat) {
                                    borrowed.extend(self.place_borrow(&init.expr));
                                }
                                shared_ref |= matches!(&*init.expr, Expr::Reference(r) if r.mutability.is_none());
                            }
                            if let Pat::Type(pt) = &l.pat {
                                shared_ref |= matches!(&*pt.ty, syn::Type::Reference(r) if r.mutability.is_none());
                            }
                            let large = l.init.as_ref().is_some_and(|i| large_array_expr(&i.expr))
                                || matches!(&l.pat, Pat::Type(pt) if large_array_type(&pt.ty));
                            let first = self.locals.len();
                            let pat = l.pat.clone();
                            self.declare_ref(&pat, b.scope, p, literal, shared_ref);
                            // (A destructuring `let`'s bindings get slots one by one too:
                            // `pinned.rs`, `rewrite_let`.)
                            self.slot_able_from(first, &pat);
                            if scan::simple_binding(&pat).is_some() {
                                let reference = |e: &Expr| {
                                    matches!(
                                        scan::strip_parens(e),
                                        Expr::Reference(_) | Expr::RawAddr(_)
                                    )
                                };
                                let no_glue = literal
                                    || l.init.as_ref().is_some_and(|i| reference(&i.expr))
                                    || matches!(&l.pat, Pat::Type(pt) if matches!(&*pt.ty, syn::Type::Reference(_) | syn::Type::Ptr(_)));
                                for l in &mut self.locals[first..] {
                                    l.no_glue = no_glue;
                                }
                            }
                            if l.init.is_none() {
                                // `let x;`: no value to drop until an assignment gives it one
                                // (`moved_before` counts this as a move at the declaration).
                                for id in first..self.locals.len() {
                                    self.moves[id].push(p);
                                    self.sure_moves[id].push(p);
                                    self.locals[id].uninit = true;
                                }
                            }
                            let typed = matches!(&l.pat, Pat::Type(_))
                                || l.init.as_ref().is_some_and(|i| {
                                    is_literal(&i.expr) || matches!(&*i.expr, Expr::Repeat(_))
                                });
                            let param = (b.scope == 0)
                                .then(|| self.view_params.iter().find(|(k, _)| *k == i))
                                .flatten();
                            let view = param.is_some()
                                || matches!(&l.pat, Pat::Type(pt) if scan::view_type(&pt.ty))
                                || l.init.as_ref().is_some_and(|i| scan::view_value(&i.expr));
                            // (`let mut v = v;`: what the moved local was.)
                            let moved_from = |e: &Expr| match e {
                                Expr::Path(p) => p.path.get_ident().and_then(|i| {
                                    let name = i.to_string();
                                    (self.env.iter().rev())
                                        .find(|(k, id)| *k == name && *id < first)
                                        .map(|&(_, id)| self.locals[id].owning_view)
                                }),
                                _ => None,
                            };
                            let owning_view = param.is_some_and(|&(_, owning)| owning)
                                || matches!(&l.pat, Pat::Type(pt) if scan::owning_view_type(&pt.ty))
                                || l.init.as_ref().is_some_and(|i| {
                                    scan::owning_view_value(&i.expr)
                                        || moved_from(&i.expr) == Some(true)
                                });
                            let settled = l
                                .init
                                .as_ref()
                                .is_some_and(|i| !crate::maybe_moved::settled_later(&i.expr));
                            let lends = l.init.as_ref().is_some_and(|i| {
                                let e = &i.expr;
                                takes_a_reference(&quote::quote!(#e))
                            });
                            for id in first..self.locals.len() {
                                self.locals[id].typed = typed;
                                self.locals[id].settled = typed || settled;
                                self.locals[id].lends = lends;
                                self.locals[id].view = view;
                                self.locals[id].owning_view = owning_view;
                            }
                            if let (true, Pat::Ident(_) | Pat::Type(_)) = (large, &l.pat) {
                                for l in &mut self.locals[first..] {
                                    l.large = true;
                                }
                            }
                            if l.init
                                .as_ref()
                                .is_some_and(|i| scan::writes_new_type(&i.expr))
                            {
                                let async_block = l.init.as_ref().is_some_and(|i| {
                                    matches!(scan::strip_parens(&i.expr), Expr::Async(_))
                                });
                                let mut taken = FreeNames::default();
                                let moving =
                                    match l.init.as_ref().map(|i| scan::strip_parens(&i.expr)) {
                                        Some(Expr::Closure(c)) if c.capture.is_some() => {
                                            taken.visit_expr_closure(c);
                                            true
                                        }
                                        Some(Expr::Async(a)) if a.capture.is_some() => {
                                            taken.visit_block(&a.block);
                                            true
                                        }
                                        _ => false,
                                    };
                                let before = self.env.len() - (self.locals.len() - first);
                                // (`Local::made`: a `move` closure may copy a literal's
                                // value in; one that borrows may name no local at all, or
                                // the value would hold a reference to it.)
                                let local = |n: &String, literal_too: bool| {
                                    self.env[..before]
                                        .iter()
                                        .rev()
                                        .find(|(k, _)| k == n)
                                        .is_some_and(|&(_, id)| {
                                            literal_too || !self.locals[id].literal
                                        })
                                };
                                // (Nor one bound inside the initialiser, `guard({ let r =
                                // &v; move || .. r .. })`: it may hold a borrow. And only a
                                // `let` written once in the expansion, before every point and
                                // in no loop: each copy of a closure is a type of its own, and
                                // the state's field has one.)
                                let made = !moving
                                    && !async_block
                                    && self.loop_depth == 0
                                    && self.points_seen == 0
                                    && l.init.as_ref().is_some_and(|i| {
                                        let (borrowing, moving) = closures_names(&i.expr);
                                        let mut inner = scan::LetNames::default();
                                        inner.visit_expr(&i.expr);
                                        let inner = inner.0;
                                        !matches!(scan::strip_parens(&i.expr), Expr::Closure(_))
                                            && !borrowing.iter().any(|n| local(n, true))
                                            && !moving.iter().any(|n| local(n, false))
                                            && !borrowing
                                                .iter()
                                                .chain(&moving)
                                                .any(|n| inner.contains(n))
                                    });
                                let owns = moving
                                    && taken.out.iter().any(|n| {
                                        self.env[..before]
                                            .iter()
                                            .rev()
                                            .find(|(k, _)| k == n)
                                            .is_some_and(|&(_, id)| !self.locals[id].literal)
                                    })
                                    // (Called by reference: its body moves nothing it took. A
                                    // call of one that does is a move of it, `called_owners`.)
                                    && !closure_consumes(
                                        l.init.as_ref().map(|i| &*i.expr),
                                        // (Locals only: a function it calls by name,
                                        // `len(&e)`, is no capture it could move.)
                                        &(taken.out.iter())
                                            .filter(|n| self.env[..before].iter().any(|(k, _)| k == *n))
                                            .cloned()
                                            .collect::<Vec<_>>(),
                                    );
                                for l in &mut self.locals[first..] {
                                    l.async_block = async_block;
                                    l.owns = owns;
                                    l.made = made;
                                    l.closure = true;
                                }
                            }
                            for holder in first..self.locals.len() {
                                for &(id, sp, c) in &borrowed {
                                    self.holds.push((holder, id, sp, c));
                                }
                            }
                            // `let r = &d;`: a reference that can be taken again after a resume.
                            if let (Pat::Ident(pi), Some(init)) = (&l.pat, &l.init) {
                                let target = derived_target(&init.expr)
                                    .filter(|_| init.diverge.is_none())
                                    .and_then(|n| self.resolve(&n));
                                if let (None, None, Some(d)) = (&pi.mutability, &pi.subpat, target)
                                {
                                    if pi.by_ref.is_none() && self.locals.len() == first + 1 {
                                        self.derived.push((first, d));
                                    }
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
                                        if let Some(id) = self.resolve(&name) {
                                            self.inits[id].push(p);
                                        }
                                        let once =
                                            f.out.iter().filter(|n| **n == name).count() == 1;
                                        if let (true, Some(id)) = (once, self.resolve(&name)) {
                                            self.overwrites.push((p, id));
                                        }
                                        // `it = v.iter();`: `it` may now borrow `v`.
                                        if let Some(id) = self.resolve(&name) {
                                            for (b, sp, c) in self.value_borrows(&a.right, false) {
                                                self.holds.push((id, b, sp, c));
                                            }
                                        }
                                    }
                                }
                            }
                            self.mention_names(f.out, p);
                        }
                    }
                }
                StmtKind::Let { pat, init, .. } => {
                    let start = self.pos;
                    self.sexpr(init);
                    let p = self.next();
                    self.together.push(Together {
                        range: (start, p),
                        uses: Uses::default(),
                        only_declared: true,
                    });
                    let pat = pat.clone();
                    // `let x = yield_!(..);` with a resume type without drop glue: like a
                    // literal, nothing is lost by dropping it early.
                    let trivial = matches!(init, SExpr::Suspend(q) if !self.awaits[*q] && self.trivial_resume)
                        || sexpr_copy_by_literal(init);
                    let first = self.locals.len();
                    self.declare(&pat, b.scope, p, trivial);
                    self.slot_able_from(first, &pat);
                }
                StmtKind::Expr { expr, .. } => self.sexpr(expr),
            }
            s.range.end = self.pos;
            self.path.pop();
        }
        self.env.truncate(env);
        b.range.end = self.pos;
        self.block_ends.insert(b.range.start, b.range.end);
    }

    fn sexpr(&mut self, e: &mut SExpr) {
        match e {
            SExpr::Suspend(q) => {
                let q = *q;
                let p = self.next();
                let op = self.operands[q].clone();
                self.mention_expr(&op, p);
                self.together.push(Together {
                    range: (p, p),
                    uses: uses_awaited(&op),
                    only_declared: false,
                });
                // (`f({ h = …; v }).await`: `h` may be given a value before the point.)
                let mut pm = PatternMoves::default();
                pm.visit_expr(&op);
                for n in pm.1 {
                    if let Some(id) = self.resolve(&n) {
                        self.maybe_inits[id].push(p);
                    }
                }
                let mut ca = CertainAssigns::default();
                ca.visit_expr(&op);
                for n in ca.0 {
                    if let Some(id) = self.resolve(&n) {
                        self.inits[id].push(p);
                    }
                }
                self.record_sure_moves(ca.1, p);
                match &op {
                    // `tx.send(v).await`: a channel's or a sink's `send(&self)`/`(&mut self)`
                    // (a oneshot's `send(self)` is not awaited; an HTTP request builder's
                    // `req.send().await` takes no argument, and `self`).
                    Expr::MethodCall(m)
                        if self.awaits[q]
                            && m.method == "send"
                            && m.args.len() == 1
                            && matches!(&*m.receiver, Expr::Path(_)) =>
                    {
                        for a in &m.args {
                            self.move_expr(a, p);
                        }
                    }
                    op => {
                        self.move_expr(op, p);
                        let sure = crate::resident::certainly_moves(op, &self.env_names());
                        let sure = self.without_owner_calls(op, sure);
                        self.record_sure_moves(sure, p);
                    }
                }
                // An awaited future is stored in the state: what it may borrow is borrowed
                // across the await. (A yielded value is not stored.)
                if self.awaits[q] {
                    for (id, sp, c) in self.value_borrows(&op, true) {
                        self.await_borrows.push((q, id, sp, c));
                    }
                    if let Some(id) = driven_operand(&op).and_then(|n| self.resolve(&n)) {
                        self.driven.insert(id);
                    }
                }
                self.point_pos[q] = p;
                self.paths[q] = self.path.clone();
                self.in_loop[q] = self.loop_depth > 0;
                self.points_seen += 1;
            }
            SExpr::Block(b) => self.block(b, None),
            SExpr::If {
                cond, then, els, ..
            } => {
                let p = self.next();
                let c = cond.clone();
                self.mention_expr(&c, p);
                self.together.push(Together {
                    range: (p, p),
                    uses: uses_scrutinee(&c, false),
                    only_declared: false,
                });
                self.move_expr(&c, p);
                let mut pm = PatternMoves::default();
                pm.visit_expr(&c);
                self.record_pattern_moves(pm.0);
                let sure = crate::resident::certainly_moves(&c, &self.env_names());
                self.record_sure_moves(sure, p);
                self.path.push(0);
                self.bind_site = Some(BindSite {
                    pos: p,
                    uses: match scan::strip_parens(&c) {
                        Expr::Let(l) => uses_scrutinee(&l.expr, !scan::binds_ref(&l.pat)),
                        c => uses_scrutinee(c, false),
                    },
                });
                self.bind_borrows = scan::cond_scrutinees(&c)
                    .iter()
                    .flat_map(|e| self.value_borrows(e, false))
                    .collect();
                if scan::cond_binds(&c).iter().any(scan::binds_ref) {
                    for e in scan::cond_scrutinees(&c) {
                        self.bind_borrows.extend(self.place_borrow(&e));
                    }
                }
                self.bind_scrutinees = scan::cond_scrutinees(&c);
                self.block(then, None);
                self.path.pop();
                let mut alts = vec![then.range];
                if let Some(els) = els {
                    self.path.push(1);
                    self.block(els, None);
                    self.path.pop();
                    alts.push(els.range);
                }
                for b in std::iter::once(&*then).chain(els.as_ref()) {
                    if ends_in_return(b) {
                        self.returning.push(b.range);
                    }
                }
                self.alternatives.push(alts);
                self.complete.push(els.is_some());
            }
            SExpr::Match { scrutinee, arms } => {
                let p = self.next();
                let s = scrutinee.clone();
                self.mention_expr(&s, p);
                self.together.push(Together {
                    range: (p, p),
                    uses: uses_scrutinee(&s, false),
                    only_declared: false,
                });
                let moved = crate::resident::scrutinee_may_move(
                    &s,
                    arms.iter().map(|a| &a.pat),
                    &self.env_names(),
                );
                self.record_moves(moved, p);
                if arms.iter().any(|a| scan::binds_by_value(&a.pat)) {
                    if let Expr::Path(sp) = &s {
                        let n: Vec<String> = sp
                            .path
                            .get_ident()
                            .map(|i| i.to_string())
                            .into_iter()
                            .collect();
                        self.record_pattern_moves(n);
                    }
                }
                let mut pm = PatternMoves::default();
                pm.visit_expr(&s);
                self.record_pattern_moves(pm.0);
                let mut borrows = self.value_borrows(&s, false);
                if arms.iter().any(|a| scan::binds_ref(&a.pat)) {
                    borrows.extend(self.place_borrow(&s));
                }
                let scrutinee_uses =
                    uses_scrutinee(&s, !arms.iter().any(|a| scan::binds_ref(&a.pat)));
                for (i, arm) in arms.iter_mut().enumerate() {
                    self.path.push(i);
                    self.bind_borrows = borrows.clone();
                    self.bind_site = Some(BindSite {
                        pos: p,
                        uses: scrutinee_uses.clone(),
                    });
                    let guard = arm.guard.clone();
                    self.block(&mut arm.body, guard.as_ref());
                    self.path.pop();
                }
                self.alternatives
                    .push(arms.iter().map(|a| a.body.range).collect());
                self.complete.push(true);
                for a in arms.iter() {
                    if ends_in_return(&a.body) {
                        self.returning.push(a.body.range);
                    }
                }
            }
            SExpr::Loop { body, .. } => {
                self.loop_depth += 1;
                self.block(body, None);
                self.loop_depth -= 1;
                self.loop_bodies.push(body.range);
            }
        }
    }
}

/// Whether code takes a reference (`&x`, not `&&`) or calls a method (`.name(`): what it makes
/// may hold a borrow.
fn takes_a_reference(ts: &proc_macro2::TokenStream) -> bool {
    let toks: Vec<proc_macro2::TokenTree> = ts.clone().into_iter().collect();
    toks.iter().enumerate().any(|(i, t)| match t {
        proc_macro2::TokenTree::Punct(p) if p.as_char() == '&' => {
            p.spacing() == proc_macro2::Spacing::Alone
                && !matches!(toks.get(i + 1), Some(proc_macro2::TokenTree::Punct(q)) if q.as_char() == '&')
        }
        proc_macro2::TokenTree::Punct(p) if p.as_char() == '.' => matches!(
            (toks.get(i + 1), toks.get(i + 2)),
            (Some(proc_macro2::TokenTree::Ident(_)), Some(proc_macro2::TokenTree::Group(g)))
                if g.delimiter() == proc_macro2::Delimiter::Parenthesis
        ),
        proc_macro2::TokenTree::Group(g) => takes_a_reference(&g.stream()),
        _ => false,
    })
}

/// `s` with every local named alone as the receiver of a method call that runs whenever `s`
/// completes made `()` (`tx.send(1)` → `().send(1)`): what it moves other than that way.
/// Calls in a branch, a loop's body, a closure, an `async` block, the right of `&&`/`||`, a
/// `let`'s `else` or a macro keep their receivers, as does a statement that jumps away (not
/// those in an `if`'s or `while`'s condition, a scrutinee, a `for`'s iterable, or the
/// arguments a known macro always evaluates).
fn straight_receivers(s: &syn::Stmt) -> syn::Stmt {
    struct Strip;
    impl syn::visit_mut::VisitMut for Strip {
        fn visit_expr_mut(&mut self, e: &mut Expr) {
            match e {
                // (A condition, a scrutinee, a `for`'s iterable: evaluated whenever the
                // statement is.)
                Expr::If(i) => self.visit_expr_mut(&mut i.cond),
                Expr::Match(m) => self.visit_expr_mut(&mut m.expr),
                Expr::While(w) => self.visit_expr_mut(&mut w.cond),
                Expr::ForLoop(f) => self.visit_expr_mut(&mut f.expr),
                Expr::Let(l) => self.visit_expr_mut(&mut l.expr),
                Expr::Loop(_)
                | Expr::Closure(_)
                | Expr::Async(_)
                | Expr::Return(_)
                | Expr::Break(_)
                | Expr::Continue(_) => {}
                Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_) | syn::BinOp::Or(_)) => {
                    self.visit_expr_mut(&mut b.left);
                }
                Expr::MethodCall(m) => {
                    if matches!(&*m.receiver, Expr::Path(p) if p.path.get_ident().is_some()) {
                        *m.receiver = syn::parse_quote!(());
                    }
                    syn::visit_mut::visit_expr_method_call_mut(self, m);
                }
                _ => syn::visit_mut::visit_expr_mut(self, e),
            }
        }
        fn visit_local_mut(&mut self, l: &mut syn::Local) {
            if let Some(init) = &mut l.init {
                self.visit_expr_mut(&mut init.expr);
            }
        }
        // (A known macro's arguments that it always evaluates: all of `format!`'s or
        // `vec!`'s, an assertion's condition or operands. Not a panic's: nothing after it
        // runs.)
        fn visit_macro_mut(&mut self, m: &mut syn::Macro) {
            let Some(mut args) = scan::parse_macro_args(m) else {
                return;
            };
            if crate::emit::plain_diverges(&syn::Stmt::Macro(syn::StmtMacro {
                attrs: Vec::new(),
                mac: m.clone(),
                semi_token: None,
            })) {
                return;
            }
            let always = match args.family {
                scan::MacroFamily::Args => args.args.len(),
                scan::MacroFamily::Assert1 => 1,
                scan::MacroFamily::Assert2 => 2,
            };
            args.args
                .iter_mut()
                .take(always)
                .for_each(|a| self.visit_expr_mut(a));
            *m = scan::rebuild_macro(m, &args);
        }
        fn visit_item_mut(&mut self, _: &mut syn::Item) {}
    }
    let mut s = s.clone();
    syn::visit_mut::VisitMut::visit_stmt_mut(&mut Strip, &mut s);
    s
}

/// `s` with every field path of a local (`a.0`, `a.b.c`) made `()`: what it moves then, it
/// moves whole (`field_moves`).
fn without_field_reads(s: &syn::Stmt) -> syn::Stmt {
    struct Strip;
    impl syn::visit_mut::VisitMut for Strip {
        fn visit_expr_mut(&mut self, e: &mut Expr) {
            if let Expr::Field(f) = e {
                let mut base = &*f.base;
                while let Expr::Field(g) = base {
                    base = &g.base;
                }
                if matches!(base, Expr::Path(p) if p.path.get_ident().is_some()) {
                    *e = syn::parse_quote!(());
                    return;
                }
            }
            syn::visit_mut::visit_expr_mut(self, e);
        }
        fn visit_macro_mut(&mut self, m: &mut syn::Macro) {
            if let Some(mut args) = scan::parse_macro_args(m) {
                args.args.iter_mut().for_each(|a| self.visit_expr_mut(a));
                *m = scan::rebuild_macro(m, &args);
            }
        }
    }
    let mut s = s.clone();
    syn::visit_mut::VisitMut::visit_stmt_mut(&mut Strip, &mut s);
    s
}

/// The names the closures and `async` blocks in `e` mention free (what they may capture):
/// those of the ones that may capture by reference (and of macros, which may make one), and
/// those of the `move` ones.
fn closures_names(e: &Expr) -> (Vec<String>, Vec<String>) {
    #[derive(Default)]
    struct Closures {
        borrowing: FreeNames,
        moving: FreeNames,
    }
    impl<'a> Visit<'a> for Closures {
        fn visit_expr_closure(&mut self, c: &'a syn::ExprClosure) {
            match c.capture {
                Some(_) => self.moving.visit_expr_closure(c),
                None => self.borrowing.visit_expr_closure(c),
            }
        }
        fn visit_expr_async(&mut self, a: &'a syn::ExprAsync) {
            match a.capture {
                Some(_) => self.moving.visit_block(&a.block),
                None => self.borrowing.visit_block(&a.block),
            }
        }
        fn visit_macro(&mut self, m: &'a syn::Macro) {
            // (Tokens a macro may make a closure of: every name in them.)
            let mut names = std::collections::HashSet::new();
            scan::idents_in(&m.tokens, &mut names);
            self.borrowing.out.extend(names);
        }
        fn visit_item(&mut self, _: &'a syn::Item) {}
    }
    let mut c = Closures::default();
    c.visit_expr(e);
    (c.borrowing.out, c.moving.out)
}

/// Whether a `move` closure's body may move out what it took (`taken`): then it is
/// `FnOnce`, and a call of it moves it.
fn closure_consumes(init: Option<&Expr>, taken: &[String]) -> bool {
    let names: std::collections::HashSet<String> = taken.iter().cloned().collect();
    match init.map(scan::strip_parens) {
        Some(Expr::Closure(c)) => !crate::resident::may_move(&c.body, &names).is_empty(),
        _ => true,
    }
}

/// The locals named alone as a method's receiver in `s` (`g.cancel()`).
fn method_receivers(s: &syn::Stmt) -> Vec<String> {
    #[derive(Default)]
    struct Receivers(Vec<String>);
    impl<'a> Visit<'a> for Receivers {
        fn visit_expr_method_call(&mut self, m: &'a syn::ExprMethodCall) {
            if let Expr::Path(p) = scan::strip_parens(&m.receiver) {
                if let Some(i) = p.path.get_ident() {
                    self.0.push(i.to_string());
                }
            }
            syn::visit::visit_expr_method_call(self, m);
        }
        fn visit_expr_closure(&mut self, _: &'a syn::ExprClosure) {}
        fn visit_item(&mut self, _: &'a syn::Item) {}
    }
    let mut r = Receivers::default();
    r.visit_stmt(s);
    r.0
}

/// The locals statement `s` only calls (`count()`, `f(x)`): mentioned as a callee and
/// nowhere else in it.
fn called_only(s: &syn::Stmt) -> Vec<String> {
    #[derive(Default)]
    struct Calls {
        callees: Vec<String>,
        others: Vec<String>,
    }
    impl<'a> Visit<'a> for Calls {
        fn visit_expr_call(&mut self, c: &'a syn::ExprCall) {
            if let Expr::Path(p) = &*c.func {
                if let Some(i) = p.path.get_ident() {
                    self.callees.push(i.to_string());
                    c.args.iter().for_each(|a| self.visit_expr(a));
                    return;
                }
            }
            syn::visit::visit_expr_call(self, c);
        }
        fn visit_expr_path(&mut self, p: &'a syn::ExprPath) {
            if let Some(i) = p.path.get_ident() {
                self.others.push(i.to_string());
            }
        }
        fn visit_macro(&mut self, m: &'a syn::Macro) {
            let mut f = FreeNames::default();
            f.visit_macro(m);
            self.others.extend(f.out);
        }
    }
    let mut c = Calls::default();
    c.visit_stmt(s);
    let mut out = c.callees;
    out.retain(|n| !c.others.contains(n));
    out.dedup();
    out
}

/// `e`'s value is certainly of a `Copy` type without drop glue, as a literal in it shows:
/// a literal; an array or a repeat with such an element (an array's elements share one
/// type); a tuple of such; a cast to a primitive or a raw pointer (`x as u64`); a
/// comparison or `&&`/`||` (a `bool`); a block, `if` or `match` whose value such a branch
/// gives (`[f().await, -2, g().await, -1]`, `if c { 0 } else { n.await }`).
pub(crate) fn copy_by_literal(e: &Expr) -> bool {
    use syn::BinOp::{And, Or};
    let tail = |b: &syn::Block| match b.stmts.last() {
        Some(syn::Stmt::Expr(e, None)) => copy_by_literal(e),
        _ => false,
    };
    match e {
        Expr::Array(a) => a.elems.iter().any(copy_by_literal),
        Expr::Repeat(r) => copy_by_literal(&r.expr),
        Expr::Tuple(t) => t.elems.iter().all(copy_by_literal),
        Expr::Cast(c) => scan::primitive_or_pointer(&c.ty),
        Expr::Binary(b) => scan::is_comparison(&b.op) || matches!(b.op, And(_) | Or(_)),
        Expr::Paren(p) => copy_by_literal(&p.expr),
        Expr::Group(g) => copy_by_literal(&g.expr),
        Expr::Block(b) => tail(&b.block),
        Expr::Unsafe(b) => tail(&b.block),
        Expr::If(i) => {
            tail(&i.then_branch)
                || i.else_branch
                    .as_ref()
                    .is_some_and(|(_, e)| copy_by_literal(e))
        }
        Expr::Match(m) => m.arms.iter().any(|a| copy_by_literal(&a.body)),
        e => is_literal(e),
    }
}

/// [`copy_by_literal`] of the value a lowered initialiser gives (a suspending `let`'s).
fn sexpr_copy_by_literal(e: &SExpr) -> bool {
    let tail = |b: &Block| match b.stmts.last().map(|s| &s.kind) {
        Some(StmtKind::Expr { expr, semi: false }) => sexpr_copy_by_literal(expr),
        Some(StmtKind::Plain(syn::Stmt::Expr(e, None))) => copy_by_literal(e),
        _ => false,
    };
    match e {
        SExpr::Suspend(_) | SExpr::Loop { .. } => false,
        SExpr::Block(b) => tail(b),
        SExpr::If { then, els, .. } => tail(then) || els.as_ref().is_some_and(tail),
        SExpr::Match { arms, .. } => arms.iter().any(|a| tail(&a.body)),
    }
}

pub(crate) fn is_literal(e: &Expr) -> bool {
    match e {
        Expr::Lit(_) => true,
        Expr::Unary(u) if matches!(u.op, syn::UnOp::Neg(_)) => is_literal(&u.expr),
        Expr::Paren(p) => is_literal(&p.expr),
        _ => false,
    }
}

/// The locals a use may move out of in a way the slot of a flagged local cannot give up:
/// `*t` read by value (`let s = *t;`, out of a box; not `&*t` nor `*t = ..`), or a call of
/// the local itself (`load(key)`: an `FnOnce` takes itself).
fn moved_by_use(body: &Body) -> std::collections::HashSet<String> {
    use syn::visit::Visit;
    struct V(std::collections::HashSet<String>);
    impl<'ast> Visit<'ast> for V {
        fn visit_expr(&mut self, e: &'ast Expr) {
            match e {
                Expr::Reference(r) => {
                    if let Expr::Unary(u) = scan::strip_parens(&r.expr) {
                        if matches!(u.op, syn::UnOp::Deref(_)) {
                            return self.visit_expr(&u.expr);
                        }
                    }
                    syn::visit::visit_expr(self, e)
                }
                Expr::Assign(a) => {
                    if let Expr::Unary(u) = scan::strip_parens(&a.left) {
                        self.visit_expr(&u.expr);
                    } else {
                        self.visit_expr(&a.left);
                    }
                    self.visit_expr(&a.right)
                }
                Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => {
                    if let Expr::Path(p) = scan::strip_parens(&u.expr) {
                        self.0.extend(p.path.get_ident().map(|i| i.to_string()));
                    }
                    syn::visit::visit_expr(self, e)
                }
                Expr::Call(c) => {
                    if let Expr::Path(p) = scan::strip_parens(&c.func) {
                        self.0.extend(p.path.get_ident().map(|i| i.to_string()));
                    }
                    syn::visit::visit_expr(self, e)
                }
                e => syn::visit::visit_expr(self, e),
            }
        }
    }
    let mut v = V(Default::default());
    crate::ir::each_code(&body.block, &mut |c| match c {
        crate::ir::Code::Stmt(s) => v.visit_stmt(s),
        crate::ir::Code::Expr(e) => v.visit_expr(e),
    });
    for p in &body.points {
        v.visit_expr(&p.operand);
    }
    v.0
}
