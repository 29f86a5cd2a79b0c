//! Stage 3c — resident locals: carried locals that stay in the state between resumes.
//!
//! A generator whose loop yields keeps the same locals across each of its yields. Moving them
//! out of the state at every resume and back at every yield costs a copy of each (and the
//! copies keep LLVM from holding them in registers). Instead, the suspension points of a
//! generator that carry exactly the same locals form a *group* with one variant (and a
//! `__point: u8` field saying which point of the group the body is parked at, when there is
//! more than one); the arm that resumes a point of the group reaches those locals through
//! `&mut` references to the variant's fields, and a yield back to a point of the group only
//! writes `__point`. Only a transition to another variant (or completion) moves them.
//!
//! A local is *resident* when the lowering can prove that reaching it through a reference
//! changes nothing rustc would accept or reject:
//! 1. it is declared by a plain `let x = …;` with a value (or is a parameter) in the body's
//!    outermost block — its scope ends with the body, so keeping it in the state until
//!    completion drops it when leaving its scope would — or in a block nested in it outside
//!    any loop (a `for` loop's hidden iterator, say), which nothing leaves but by its end or
//!    `return`, and whose tail makes no temporary: where that block ends, the arm leaves the
//!    state (takes the variant apart, drops the block's residents, keeps the others in
//!    variables of its own) and runs on as any arm (`emit.rs`, `leave_after`);
//! 2. no other binding anywhere in the body has its name (every mention is this local);
//! 3. the body never moves it: each mention is a place (`x.f`, `x[i]`, `&x`, an assignee, a
//!    comparison operand, a cast operand, the receiver of a method known to take `&self` or
//!    `&mut self`, a formatting macro's argument, the scrutinee of a `match`/`if let` whose
//!    patterns bind nothing by value), or the local is certainly `Copy` (a literal, or a
//!    declared primitive or shared-reference type), so a by-value use copies — except in
//!    the body's final expression, which may move it out of `__res_x` (a group's arm leaves
//!    the state just before it);
//! 4. no closure, `async` block or unparsed macro mentions it (a `move` capture would take
//!    the reference instead of the value).
//!
//! A point joins a group only if every local it carries is resident, certainly `Copy`
//! (a literal, a declared primitive, a `for` loop's variable over a range), or *taken*:
//! declared inside a loop after every resident it is carried with (a `while let` binding or
//! a `for` loop's variable, whose type the macro cannot know; not a `for` loop's iterator). The arm copies
//! the `Copy` ones out of the variant and writes them back at a yield into the group; it
//! moves a taken one out of its `Taken` cell (stackless-runtime's `parked.rs`: storage
//! without drop glue) and puts the next one back, and the machine's `Drop` drops a taken
//! local that is live while it is parked (before the residents: it was declared after them).
//!
//! Every mention of a resident local becomes `(*x)`: in a resumed arm `x` is the `&mut` to
//! the variant's field, elsewhere to a hidden local `__res_x` that holds the value (and is
//! moved into the state at a suspension, as any carried local is). A panic in a resumed arm
//! leaves the locals in the state: the machine's constructor wraps the step in a guard that
//! sets `Running` (dropping them) when unwinding, so resuming it again panics as after any
//! panic.
//!
//! from: `let mut s = String::new(); let mut i = 0; while i < n { yield_!(i); s.push('x'); i += 1; }`
//! into: `Start` arm: `let mut __res_s = String::new(); let s = &mut __res_s; …`
//!       `    __state.set(Yield0 { i: __res_i, s: __res_s, n: __res_n }); return …`
//!       `Project::Yield0 { i: __slot_i, s: __slot_s, n: __slot_n } =>`
//!       `    { let mut s = __slot_s; … (*s).push('x'); (*i) += 1; if (*i) < (*n) { return … } }`
//!
//! Groups form in coroutines without pinned slots. Each `.await` is a group of its own: its
//! variant also holds the awaited future, in a `FutCell` (stackless-runtime's `parked.rs`)
//! that is the future's storage without its drop glue. The arm polls it in place and, when
//! it is ready, drops it there (as a native `.await` drops its future before the code after
//! it runs), then runs on in place; an `.await` back into the group puts the next future in
//! the cell. The machine's `Drop` drops the future of the await it is parked at. (A slot
//! enum around the future, tried first, cost up to 8 bytes where the future's type has no
//! niche, and made some conformance programs larger than rustc's machines; the cell costs
//! nothing.)

use std::collections::{BTreeMap, HashSet};

use proc_macro2::Span;
use syn::visit_mut::VisitMut;
use syn::{Expr, Ident, Pat};

use crate::ir::{Block, Body, PointKind, SExpr, StmtKind};
use crate::liveness::Liveness;
use crate::names::FreeNames;
use crate::parse::Coroutine;
use crate::pinned::Pins;
use crate::scan;

/// More points than this in one group would not fit the `u8` that says which one is pending.
const MAX_GROUP: usize = 256;

#[derive(Default)]
pub struct Resident {
    /// For each suspension point: its group, if its arm resumes in place.
    pub group_of: Vec<Option<usize>>,
    /// Each group's points.
    pub groups: Vec<Vec<usize>>,
    /// For each grouped point: its `__point` value. Points of a group whose continuations are
    /// the same code share one (see `emit.rs`, which refines a first guess of one value per
    /// point).
    pub point: Vec<u8>,
    /// The resident locals (ids), and whether each is declared `mut`.
    pub locals: BTreeMap<usize, bool>,
    /// The other locals a group carries: certainly `Copy`, copied out of the variant when
    /// its arm starts and written back at a yield into the group.
    pub copied: std::collections::BTreeSet<usize>,
    /// And those of them not known to be `Copy`, declared in a loop after the residents:
    /// held in a `Taken` cell, taken out when the arm starts and put back at a suspension
    /// into the group; the machine's `Drop` drops a live one.
    pub taken: std::collections::BTreeSet<usize>,
    /// By group: the locals its points carry only for their drop (`Liveness::kept_for_drop`),
    /// declared outside any loop and not resident: they ride in the variant untouched, as a
    /// `DropLater`/`NoDrop`, until the arm leaves the state (then, like the residents, they
    /// move into variables the arm declared first).
    pub riders: Vec<std::collections::BTreeSet<usize>>,
    /// The blocks whose locals live until the body ends (the outermost one, and the block
    /// of the user's body if it is bound to `__value`).
    pub body_scopes: Vec<usize>,
    /// For a block nested (outside loops) in those: its parent block and the index of the
    /// statement there that holds it.
    pub scope_parent: std::collections::HashMap<usize, (usize, usize)>,
    /// The statement that is the body's final expression (block scope, index), when it is
    /// plain code that moves a resident out (`Ok(v)` at the end): a group's arm leaves the
    /// state just before it.
    pub tail: Option<(usize, usize)>,
    /// Resident locals declared in a loop (a `for` loop's iterator over a range, which has
    /// no drop glue): when their `let` runs again in a group's arm, the new value overwrites
    /// the old one in the state.
    pub overwritten: std::collections::BTreeSet<usize>,
}

impl Resident {
    /// Point `q` carries local `id` only for its drop, as a `DropLater`/`NoDrop` (runtime
    /// `keep.rs`): `Liveness::kept_for_drop`, except a resident local, which is carried as it
    /// is everywhere (its group's variant holds it in place).
    pub fn wrapped_for_drop(&self, live: &Liveness, q: usize, id: usize) -> bool {
        live.kept_for_drop(q, id) && !self.locals.contains_key(&id)
    }

    /// Local `id` rides in the variant of the group of point `q` (see `riders`).
    pub fn rides(&self, q: usize, id: usize) -> bool {
        self.group_of[q].is_some_and(|g| self.riders[g].contains(&id))
    }

    pub fn any(&self) -> bool {
        !self.groups.is_empty()
    }

    /// The group's points need a `__point` field to tell them apart.
    pub fn told_apart(&self, g: usize) -> bool {
        let first = self.point[self.groups[g][0]];
        self.groups[g].iter().any(|&q| self.point[q] != first)
    }

    /// The local a resident local's binding names, if `ident` is one.
    pub fn by_name(&self, live: &Liveness, ident: &Ident) -> Option<usize> {
        self.locals
            .keys()
            .copied()
            .find(|&id| live.locals[id].ident == *ident)
    }

    /// Where a resident local's value is kept while the body runs outside a resumed group
    /// arm: `__res_x`.
    pub fn storage(&self, live: &Liveness, id: usize) -> Ident {
        let name = live.locals[id].ident.to_string();
        scan::ident(
            &format!("__res_{}", name.trim_start_matches("r#")),
            Span::mixed_site(),
        )
    }
}

pub fn analyse(co: &Coroutine, body: &mut Body, live: &Liveness, pins: &Pins) -> Resident {
    let n = body.points.len();
    let mut out = Resident {
        group_of: vec![None; n],
        point: vec![0; n],
        ..Resident::default()
    };
    if pins.any() {
        return out;
    }
    let root = &body.block;
    let value_block = value_block(root);
    let user = value_block.unwrap_or(root);
    // The body's final expression makes no temporary that could outlive the locals: in
    // edition 2021 such a temporary is dropped after the body's locals, while the state keeps
    // resident locals until the body has produced its value and the machine sets `Done`.
    if !block_tail_ok(user) {
        return out;
    }
    if let Some(StmtKind::Plain(syn::Stmt::Expr(_, None))) = user.stmts.last().map(|s| &s.kind) {
        out.tail = Some((user.scope, user.stmts.len() - 1));
    }

    // Rule 1: plain `let`s of the outermost block (the parameters' included), of the block
    // that holds the user's body when its value is bound before the parameters drop
    // (`let __value = { … };`, see `lower.rs`) — both end with the body — and of the blocks
    // nested in them outside any loop (a `for` loop's iterator, say), which end where the
    // arm that resumes them in place leaves the state (`emit.rs`).
    let mut blocks: Vec<(&Block, bool)> = vec![(root, true)];
    if let Some(b) = value_block {
        out.body_scopes.push(b.scope);
        blocks.push((b, false));
    }
    out.body_scopes.push(root.scope);
    let mut nested = Vec::new();
    for (b, _) in &blocks {
        nested_blocks(b, &mut nested, &mut out.scope_parent);
    }
    for b in nested {
        if !out.body_scopes.contains(&b.scope) && block_tail_ok(b) && !jumps_out(b) {
            blocks.push((b, false));
        }
    }
    // In loops, only the iterator of a `for` loop over a range: it has no drop glue, so
    // overwriting the one the state still holds when its `let` runs again (`emit.rs`) is
    // as good as having dropped it at the end of its scope.
    let mut in_loops = Vec::new();
    for (b, _) in &blocks {
        loop_blocks(b, false, &mut in_loops);
    }
    for b in in_loops {
        for s in &b.stmts {
            let StmtKind::Plain(syn::Stmt::Local(l)) = &s.kind else {
                continue;
            };
            let (Some((ident, None)), Some(init)) = (scan::simple_binding(&l.pat), &l.init) else {
                continue;
            };
            if init.diverge.is_none() && range_iterator(&init.expr) {
                if let Some(id) = live
                    .locals
                    .iter()
                    .position(|x| x.scope == b.scope && x.ident == *ident && x.pos == s.range.start)
                {
                    out.overwritten.insert(id);
                }
            }
        }
    }
    let mut candidates: BTreeMap<String, (usize, bool)> = BTreeMap::new();
    // Candidates certainly small though not certainly `Copy`: a range `for` loop's iterator.
    let mut small: HashSet<usize> = HashSet::new();
    let mut immutable: HashSet<String> = HashSet::new();
    for &id in &out.overwritten {
        candidates.insert(live.locals[id].ident.to_string(), (id, false));
    }
    for (b, is_root) in blocks {
        for (k, s) in b.stmts.iter().enumerate() {
            let StmtKind::Plain(syn::Stmt::Local(l)) = &s.kind else {
                continue;
            };
            let Some((ident, ty)) = scan::simple_binding(&l.pat) else {
                continue;
            };
            if l.init.as_ref().is_none_or(|i| i.diverge.is_some()) || ident == "self" {
                continue;
            }
            let Some(id) = live
                .locals
                .iter()
                .position(|x| x.scope == b.scope && x.ident == *ident && x.pos == s.range.start)
            else {
                continue;
            };
            let init = &l.init.as_ref().expect("checked above").expr;
            let param = if is_root {
                param_at(co, &body.param_stmts, k)
            } else {
                None
            };
            let copy = crate::liveness::is_literal(init)
                || ty.is_some_and(crate::parse::certainly_copy)
                || param.is_some_and(|p| p.copy && !p.receiver);
            candidates.insert(ident.to_string(), (id, copy));
            if range_iterator(init) {
                small.insert(id);
            }
            if !live.locals[id].mutable {
                immutable.insert(ident.to_string());
            }
        }
    }
    if candidates.is_empty() {
        return out;
    }

    // A local that a reference `let r = &d;` is taken from again at each resume
    // (`liveness.rs`) is not resident: where the arm leaves the state, `d` moves and `r`
    // would point at the state.
    candidates.retain(|_, (id, _)| !live.derived.iter().any(|(_, d)| d == id));

    // Rule 2: one binding per name in the whole body.
    let mut counts = BindingCount::default();
    count_bindings(&mut body.block, &mut counts);
    for p in &mut body.points {
        counts.visit_expr_mut(&mut p.operand);
    }
    candidates.retain(|name, _| counts.0.iter().filter(|n| *n == name).count() == 1);

    // Rules 3 and 4.
    let mut uses = Uses {
        names: candidates.keys().cloned().collect(),
        copy: candidates
            .iter()
            .filter(|(_, (_, c))| *c)
            .map(|(n, _)| n.clone())
            .collect(),
        immutable,
        bad: HashSet::new(),
        rewrite: false,
        own: None,
        in_tail: false,
        storage: Default::default(),
        moved_in_tail: false,
        receiver: borrows_receiver,
        certain: false,
        closures_borrow: false,
    };
    walk(body, &mut uses, out.tail);
    // A local whose value is dead at some point and assigned after it is declared anew
    // (uninitialised) by that point's arm: it has no storage of its own there.
    let redeclared: HashSet<usize> = (live.declared_only.iter().chain(&live.revived))
        .flatten()
        .copied()
        .collect();
    let ok: HashSet<usize> = candidates
        .iter()
        .filter(|(name, (id, _))| !uses.bad.contains(*name) && !redeclared.contains(id))
        .map(|(_, (id, _))| *id)
        // Carried only for its drop wherever it is carried: it rides (`riders`) instead, as a
        // `DropLater` (nothing at all if its type is `Copy`).
        .filter(|&id| (0..n).any(|q| live.live[q].contains(&id) && !live.kept_for_drop(q, id)))
        .collect();
    // Of those, the ones that may be large (not certainly `Copy`: a struct, a `Vec`).
    let weighty: HashSet<usize> = candidates
        .values()
        .filter(|(id, copy)| {
            ok.contains(id) && !copy && !out.overwritten.contains(id) && !small.contains(id)
        })
        .map(|(id, _)| *id)
        .collect();

    // Locals that are certainly `Copy`, wherever they are declared (a `for` loop's variable
    // over a range, say): a group's arm copies them out of its variant and writes them back
    // at a yield into the group.
    let copies = copy_locals(co, body, live);

    // Groups: points that carry the same, non-empty set of locals, each resident or copied.
    // An `.await` is a group of its own: its variant holds its future too (in a `FutCell`,
    // dropped in place when ready; futures of other awaits have other types).
    // A local declared in a loop, after every resident it is carried with (a `while let`
    // binding of a type the macro cannot know, say), may join the group too: the arm takes it
    // out of the variant (a `Taken` cell) and a suspension back into the group puts the next
    // one, so only it moves at each resume. (Declared after the residents, it is dropped
    // before them, as its scope ends first, on completion, panic or cancellation alike.)
    let mut loop_scopes: HashSet<usize> = HashSet::new();
    {
        let mut in_loop_blocks = Vec::new();
        loop_blocks(&body.block, false, &mut in_loop_blocks);
        loop_scopes.extend(in_loop_blocks.iter().map(|b| b.scope));
    }
    // Not a `for` loop's own iterator: taking a `Split` out and back at every resume was
    // measured 2.3x slower than moving the whole variant (benches/README.md, "words").
    let takeable = |id: &usize, carried: &[usize]| {
        let l = &live.locals[*id];
        !l.ident.to_string().starts_with("__iter")
            && loop_scopes.contains(&l.scope)
            && !live.pinned.contains(id)
            && carried
                .iter()
                .filter(|x| ok.contains(x))
                .all(|x| live.locals[*x].pos < l.pos)
    };
    let mut keys: Vec<(Vec<usize>, Option<usize>, Vec<usize>)> = Vec::new();
    for q in 0..n {
        let carried = &live.live[q];
        // A local carried only for its drop (`Liveness::kept_for_drop`) stays in place as it
        // is if resident; else it is carried as a type of its own (`DropLater`): declared
        // outside the loops, it rides in the variant (`riders`); in one, it is taken out and
        // back; either way in a group whose points all carry it so.
        let dead = |id: &usize| {
            live.kept_for_drop(q, *id) && !ok.contains(id) && !live.revived[q].contains(id)
        };
        let rider = |id: &usize| dead(id) && !loop_scopes.contains(&live.locals[*id].scope);
        let fits = |id: &usize| {
            // (A local the code after assigns over is bound again by the arm: `revived`.)
            !live.revived[q].contains(id)
                && (ok.contains(id)
                    || rider(id)
                    || (!dead(id) && copies.contains(id))
                    || takeable(id, carried))
        };
        // The cell around an awaited future hides the future's niche from the enum's tag
        // (which may then cost a few bytes), and the machine gets a `Drop`: worth it only for
        // an await that a loop runs again and again, keeping something that may be large in
        // place — not for a few integers.
        let is_await = body.points[q].kind == PointKind::Await;
        if carried.is_empty()
            || !carried.iter().all(fits)
            || !carried.iter().any(|id| ok.contains(id))
            || (is_await && !(live.in_loop[q] && carried.iter().any(|id| weighty.contains(id))))
        {
            continue;
        }
        let mut key = carried.clone();
        key.sort_unstable();
        let dead: Vec<usize> = key.iter().copied().filter(|id| dead(id)).collect();
        let key = (key, is_await.then_some(q), dead);
        let g = match keys.iter().position(|k| *k == key) {
            Some(g) if out.groups[g].len() < MAX_GROUP => g,
            Some(_) => continue,
            None => {
                keys.push(key);
                out.groups.push(Vec::new());
                out.riders.push(Default::default());
                out.groups.len() - 1
            }
        };
        out.point[q] = u8::try_from(out.groups[g].len()).expect("at most 256 points");
        out.groups[g].push(q);
        out.group_of[q] = Some(g);
    }
    for (g, (key, _, dead)) in keys.iter().enumerate() {
        for &id in key {
            if dead.contains(&id) && !loop_scopes.contains(&live.locals[id].scope) {
                out.riders[g].insert(id);
            } else if dead.contains(&id) {
                out.taken.insert(id);
            } else if ok.contains(&id) {
                out.locals.insert(id, live.locals[id].mutable);
            } else if copies.contains(&id) {
                out.copied.insert(id);
            } else {
                out.taken.insert(id);
            }
        }
    }
    if out.locals.is_empty() {
        return out;
    }

    // Every mention of a resident local becomes `(*x)` (a by-value one in the final
    // expression, `__res_x`).
    let storage = out
        .locals
        .keys()
        .map(|&id| (live.locals[id].ident.to_string(), out.storage(live, id)))
        .collect();
    let mut rewrite = Uses {
        names: out
            .locals
            .keys()
            .map(|&id| live.locals[id].ident.to_string())
            .collect(),
        copy: HashSet::new(),
        immutable: out
            .locals
            .iter()
            .filter(|(_, mutable)| !**mutable)
            .map(|(&id, _)| live.locals[id].ident.to_string())
            .collect(),
        bad: HashSet::new(),
        rewrite: true,
        own: None,
        in_tail: false,
        storage,
        moved_in_tail: false,
        receiver: borrows_receiver,
        certain: false,
        closures_borrow: false,
    };
    walk(body, &mut rewrite, out.tail);
    // A group's arm leaves the state before the final expression only if it moves one out.
    if !rewrite.moved_in_tail {
        out.tail = None;
    }
    out
}

/// The parameter the root block's statement `k` binds, if it binds one (`ir::Body::param_stmts`:
/// other statements come between).
fn param_at<'c>(
    co: &'c Coroutine,
    param_stmts: &[usize],
    k: usize,
) -> Option<&'c crate::parse::Param> {
    param_stmts
        .iter()
        .position(|&at| at == k)
        .map(|i| &co.params[i])
}

/// The locals that are certainly `Copy`: declared by a literal or with a primitive or
/// shared-reference type, parameters of such a type, and the variable of a `for` loop over a
/// range of integers.
fn copy_locals(co: &Coroutine, body: &Body, live: &Liveness) -> HashSet<usize> {
    fn walk(
        b: &Block,
        root: bool,
        co: &Coroutine,
        param_stmts: &[usize],
        live: &Liveness,
        out: &mut HashSet<usize>,
    ) {
        let find = |ident: &Ident, pos: usize| {
            live.locals
                .iter()
                .position(|x| x.scope == b.scope && x.ident == *ident && x.pos == pos)
        };
        if b.trivial_binds {
            for (id, l) in live.locals.iter().enumerate() {
                if l.scope == b.scope && l.pos == b.range.start {
                    out.insert(id);
                }
            }
        }
        for (k, s) in b.stmts.iter().enumerate() {
            if let StmtKind::Plain(syn::Stmt::Local(l)) = &s.kind {
                if let (Some((ident, ty)), Some(init)) = (scan::simple_binding(&l.pat), &l.init) {
                    let param = if root {
                        param_at(co, param_stmts, k)
                    } else {
                        None
                    };
                    let copy = (init.diverge.is_none() && crate::liveness::is_literal(&init.expr))
                        || ty.is_some_and(crate::parse::certainly_copy)
                        || param.is_some_and(|p| p.copy && !p.receiver);
                    if let (true, Some(id)) = (copy, find(ident, s.range.start)) {
                        out.insert(id);
                    }
                }
            }
            for (c, _) in s.blocks() {
                walk(c, false, co, param_stmts, live, out);
            }
        }
    }
    let mut out = HashSet::new();
    walk(&body.block, true, co, &body.param_stmts, live, &mut out);
    out
}

/// The blocks held, directly or through blocks, `if`s and `match`es but not loops, by the
/// statements of `b`, with the parent and statement of each.
fn nested_blocks<'a>(
    b: &'a Block,
    out: &mut Vec<&'a Block>,
    parent: &mut std::collections::HashMap<usize, (usize, usize)>,
) {
    for (i, s) in b.stmts.iter().enumerate() {
        for (c, in_loop) in s.blocks() {
            if !in_loop {
                parent.insert(c.scope, (b.scope, i));
                out.push(c);
                nested_blocks(c, out, parent);
            }
        }
    }
}

/// The blocks inside loops, below `b` (`inside`: `b` itself is in one).
fn loop_blocks<'a>(b: &'a Block, inside: bool, out: &mut Vec<&'a Block>) {
    if inside {
        out.push(b);
    }
    for s in &b.stmts {
        for (c, is_loop) in s.blocks() {
            loop_blocks(c, inside || is_loop, out);
        }
    }
}

/// `IntoIterator::into_iter(a..b)`, as `lower.rs` writes a `for` loop over a range: a
/// `Range` of integers or `char`s.
fn range_iterator(e: &Expr) -> bool {
    let Expr::Call(c) = e else { return false };
    let into_iter = matches!(&*c.func, Expr::Path(p)
        if p.path.segments.last().is_some_and(|s| s.ident == "into_iter"));
    let range = |a: &Expr| match a {
        Expr::Range(_) => true,
        Expr::Paren(p) => matches!(&*p.expr, Expr::Range(_)),
        _ => false,
    };
    into_iter && c.args.len() == 1 && range(&c.args[0])
}

/// Whether code in `b` may leave it other than by its end or by `return`: a `break` or
/// `continue` to a label declared outside it. (`lower.rs` labels every unlabelled one that
/// leaves a lowered loop.)
fn jumps_out(b: &Block) -> bool {
    let mut inside: Vec<String> = Vec::new();
    let mut tokens = proc_macro2::TokenStream::new();
    collect_labels_and_tokens(b, &mut inside, &mut tokens);
    fn scan(ts: proc_macro2::TokenStream, inside: &mut Vec<String>, jumps: &mut Vec<String>) {
        let toks: Vec<proc_macro2::TokenTree> = ts.into_iter().collect();
        for (i, t) in toks.iter().enumerate() {
            match t {
                proc_macro2::TokenTree::Ident(id) if id == "break" || id == "continue" => {
                    if let (
                        Some(proc_macro2::TokenTree::Punct(p)),
                        Some(proc_macro2::TokenTree::Ident(l)),
                    ) = (toks.get(i + 1), toks.get(i + 2))
                    {
                        if p.as_char() == '\'' {
                            jumps.push(l.to_string());
                        }
                    }
                }
                proc_macro2::TokenTree::Punct(p) if p.as_char() == '\'' => {
                    // `'l:` declares a label.
                    if let (
                        Some(proc_macro2::TokenTree::Ident(l)),
                        Some(proc_macro2::TokenTree::Punct(c)),
                    ) = (toks.get(i + 1), toks.get(i + 2))
                    {
                        if c.as_char() == ':' {
                            inside.push(l.to_string());
                        }
                    }
                }
                proc_macro2::TokenTree::Group(g) => scan(g.stream(), inside, jumps),
                _ => {}
            }
        }
    }
    let mut jumps = Vec::new();
    scan(tokens, &mut inside, &mut jumps);
    jumps.iter().any(|l| l != "__body" && !inside.contains(l))
}

/// The labels the IR of `b` declares, and the tokens of all the code it holds.
fn collect_labels_and_tokens(
    b: &Block,
    labels: &mut Vec<String>,
    out: &mut proc_macro2::TokenStream,
) {
    use quote::ToTokens;
    if let Some(l) = &b.label {
        labels.push(l.ident.to_string());
    }
    for s in &b.stmts {
        let e = match &s.kind {
            StmtKind::Plain(stmt) => {
                stmt.to_tokens(out);
                continue;
            }
            StmtKind::Let { init, .. } => init,
            StmtKind::Expr { expr, .. } => expr,
        };
        match e {
            SExpr::Suspend(_) => {}
            SExpr::Block(c) => collect_labels_and_tokens(c, labels, out),
            SExpr::If {
                cond, then, els, ..
            } => {
                cond.to_tokens(out);
                collect_labels_and_tokens(then, labels, out);
                if let Some(e) = els {
                    collect_labels_and_tokens(e, labels, out);
                }
            }
            SExpr::Match { scrutinee, arms } => {
                scrutinee.to_tokens(out);
                for a in arms {
                    if let Some(g) = &a.guard {
                        g.to_tokens(out);
                    }
                    collect_labels_and_tokens(&a.body, labels, out);
                }
            }
            SExpr::Loop { label, body } => {
                labels.push(label.ident.to_string());
                collect_labels_and_tokens(body, labels, out);
            }
        }
    }
}

/// The block holding the user's body when `lower.rs` binds its value before the parameters
/// drop (`let __value = { … };`).
fn value_block(root: &Block) -> Option<&Block> {
    root.stmts.iter().find_map(|s| match &s.kind {
        StmtKind::Let {
            pat: Pat::Ident(pi),
            init: SExpr::Block(b),
            ..
        } if pi.ident == "__value" => Some(b),
        _ => None,
    })
}

fn block_tail_ok(b: &Block) -> bool {
    let Some(last) = b.stmts.last() else {
        return true;
    };
    match &last.kind {
        StmtKind::Plain(syn::Stmt::Expr(e, None)) => no_temporaries(e),
        StmtKind::Plain(_) | StmtKind::Let { .. } | StmtKind::Expr { semi: true, .. } => true,
        StmtKind::Expr { expr, semi: false } => match expr {
            // A loop's body and an `if`'s condition drop their temporaries themselves.
            SExpr::Suspend(_) | SExpr::Loop { .. } => true,
            SExpr::Block(b) => block_tail_ok(b),
            SExpr::If { then, els, .. } => {
                block_tail_ok(then) && els.as_ref().is_none_or(block_tail_ok)
            }
            SExpr::Match { scrutinee, arms } => {
                no_temporaries(scrutinee) && arms.iter().all(|a| block_tail_ok(&a.body))
            }
        },
    }
}

/// Certainly creates no temporary: places, literals, and calls, operators and constructors
/// over them (a method call borrows a place, never a value made for it).
fn no_temporaries(e: &Expr) -> bool {
    let place = |e: &Expr| is_place(e);
    match e {
        Expr::Path(_) | Expr::Lit(_) | Expr::While(_) | Expr::Loop(_) | Expr::ForLoop(_) => true,
        Expr::Paren(p) => no_temporaries(&p.expr),
        Expr::Tuple(t) => t.elems.iter().all(no_temporaries),
        Expr::Array(a) => a.elems.iter().all(no_temporaries),
        Expr::Call(c) => matches!(&*c.func, Expr::Path(_)) && c.args.iter().all(no_temporaries),
        Expr::MethodCall(m) => place(&m.receiver) && m.args.iter().all(no_temporaries),
        Expr::Struct(st) => st.rest.is_none() && st.fields.iter().all(|f| no_temporaries(&f.expr)),
        Expr::Binary(b) => no_temporaries(&b.left) && no_temporaries(&b.right),
        Expr::Unary(u) => no_temporaries(&u.expr),
        Expr::Cast(c) => no_temporaries(&c.expr),
        Expr::Reference(r) => place(&r.expr),
        Expr::Field(_) | Expr::Index(_) => place(e),
        _ => false,
    }
}

fn is_place(e: &Expr) -> bool {
    match e {
        Expr::Path(_) => true,
        Expr::Paren(p) => is_place(&p.expr),
        Expr::Field(f) => is_place(&f.base),
        Expr::Index(i) => is_place(&i.expr) && no_temporaries(&i.index),
        Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => is_place(&u.expr),
        _ => false,
    }
}

/// Every name any pattern of the body binds, once per binding.
#[derive(Default)]
struct BindingCount(Vec<String>);

impl VisitMut for BindingCount {
    fn visit_pat_ident_mut(&mut self, p: &mut syn::PatIdent) {
        self.0.push(p.ident.to_string());
        syn::visit_mut::visit_pat_ident_mut(self, p);
    }
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}

fn count_bindings(b: &mut Block, c: &mut BindingCount) {
    for s in &mut b.stmts {
        match &mut s.kind {
            StmtKind::Plain(stmt) => c.visit_stmt_mut(stmt),
            StmtKind::Let { pat, init, .. } => {
                c.visit_pat_mut(pat);
                count_sexpr(init, c);
            }
            StmtKind::Expr { expr, .. } => count_sexpr(expr, c),
        }
    }
}

fn count_sexpr(e: &mut SExpr, c: &mut BindingCount) {
    match e {
        SExpr::Suspend(_) => {}
        SExpr::Block(b) | SExpr::Loop { body: b, .. } => count_bindings(b, c),
        SExpr::If {
            cond, then, els, ..
        } => {
            c.visit_expr_mut(cond);
            count_bindings(then, c);
            if let Some(e) = els {
                count_bindings(e, c);
            }
        }
        SExpr::Match { scrutinee, arms } => {
            c.visit_expr_mut(scrutinee);
            for a in arms {
                c.visit_pat_mut(&mut a.pat);
                if let Some(g) = &mut a.guard {
                    c.visit_expr_mut(g);
                }
                count_bindings(&mut a.body, c);
            }
        }
    }
}

/// Runs `uses` over every expression and plain statement of the body.
fn walk(body: &mut Body, uses: &mut Uses, tail: Option<(usize, usize)>) {
    for p in &mut body.points {
        uses.visit_expr_mut(&mut p.operand);
    }
    fn block(b: &mut Block, uses: &mut Uses, tail: Option<(usize, usize)>) {
        let scope = b.scope;
        for (i, s) in b.stmts.iter_mut().enumerate() {
            let e = match &mut s.kind {
                StmtKind::Plain(stmt) => {
                    uses.in_tail = tail == Some((scope, i));
                    let moved_before = uses.moved_in_tail;
                    uses.visit_stmt_mut(stmt);
                    // A by-value mention made the final expression reach the local in its
                    // storage, `__res_x`: so do its other mentions there, since `x` (a `&mut`
                    // to it) and `__res_x` cannot both be used in one expression
                    // (`sub(p.v(), touch(&p))`, with `p` resident and `mut`: E0502).
                    if uses.in_tail && uses.rewrite && uses.moved_in_tail && !moved_before {
                        ToStorage(&uses.storage).visit_stmt_mut(stmt);
                    }
                    uses.in_tail = false;
                    continue;
                }
                StmtKind::Let { init, .. } => init,
                StmtKind::Expr { expr, .. } => expr,
            };
            match e {
                SExpr::Suspend(_) => {}
                SExpr::Block(c) | SExpr::Loop { body: c, .. } => block(c, uses, tail),
                SExpr::If {
                    cond, then, els, ..
                } => {
                    uses.visit_expr_mut(cond);
                    block(then, uses, tail);
                    if let Some(e) = els {
                        block(e, uses, tail);
                    }
                }
                SExpr::Match { scrutinee, arms } => {
                    // Matched in place when no arm moves a part of it out.
                    match arms_ctx(arms.iter().map(|a| &a.pat)) {
                        Some(ctx) => uses.place(scrutinee, ctx),
                        None => uses.visit_expr_mut(scrutinee),
                    }
                    for a in arms {
                        if let Some(g) = &mut a.guard {
                            uses.visit_expr_mut(g);
                        }
                        block(&mut a.body, uses, tail);
                    }
                }
            }
        }
    }
    block(&mut body.block, uses, tail);
}

/// How matching a place against the pattern uses it: `None` when the pattern binds a name by
/// value (which moves that part of a non-`Copy` value out), else `Some(Ctx::Write)` with a
/// `ref mut` binding and `Some(Ctx::Read)` without (`ref`, literals, paths, `_`).
fn match_ctx(p: &Pat) -> Option<Ctx> {
    struct V {
        by_value: bool,
        by_mut: bool,
    }
    impl<'a> syn::visit::Visit<'a> for V {
        fn visit_pat_ident(&mut self, p: &'a syn::PatIdent) {
            let constant = p.by_ref.is_none()
                && p.mutability.is_none()
                && p.subpat.is_none()
                && p.ident.to_string().starts_with(|c: char| c.is_uppercase());
            if p.by_ref.is_none() && !constant {
                self.by_value = true;
            }
            if p.by_ref.is_some() && p.mutability.is_some() {
                self.by_mut = true;
            }
            syn::visit::visit_pat_ident(self, p);
        }
    }
    let mut v = V {
        by_value: false,
        by_mut: false,
    };
    syn::visit::Visit::visit_pat(&mut v, p);
    match (v.by_value, v.by_mut) {
        (true, _) => None,
        (false, true) => Some(Ctx::Write),
        (false, false) => Some(Ctx::Read),
    }
}

/// How a `match` over these arms uses its scrutinee (see `match_ctx`).
fn arms_ctx<'a>(pats: impl Iterator<Item = &'a Pat>) -> Option<Ctx> {
    let mut ctx = Ctx::Read;
    for p in pats {
        if let Ctx::Write = match_ctx(p)? {
            ctx = Ctx::Write;
        }
    }
    Some(ctx)
}

/// Methods of the standard library's types that take `&self` (`Some(false)`) or `&mut self`
/// (`Some(true)`), so a call never moves its receiver, and that no common type defines with
/// `self` instead. (Not `lines`, `bytes`, `split`: `io::BufRead`/`io::Read` take `self`; nor
/// `get_mut`: `Pin::get_mut` does.)
pub(crate) fn borrows_receiver(method: &str) -> Option<bool> {
    Some(match method {
        "len" | "is_empty" | "get" | "contains" | "contains_key" | "iter" | "as_str"
        | "as_slice" | "as_bytes" | "clone" | "to_string" | "to_owned" | "to_vec" | "first"
        | "front" | "back" | "capacity" | "starts_with" | "ends_with" | "trim"
        | "split_whitespace" | "chars" | "is_some" | "is_none" | "is_ok"
        | "is_err" | "keys" | "values" | "windows" | "chunks" | "trim_start" | "trim_end"
        | "char_indices" | "to_lowercase" | "to_uppercase" | "binary_search"
        | "get_key_value" | "is_ascii" => false,
        "push" | "push_str" | "push_back" | "push_front" | "pop" | "pop_back" | "pop_front"
        | "insert" | "remove" | "clear" | "extend" | "extend_from_slice"
        | "iter_mut" | "as_mut_slice" | "truncate" | "next" | "next_back" | "nth" | "peek"
        | "entry" | "first_mut" | "front_mut" | "back_mut" | "sort" | "sort_unstable"
        | "sort_by" | "sort_by_key" | "sort_unstable_by" | "dedup" | "retain" | "reserve"
        | "swap" | "values_mut" | "resize" | "fill" | "copy_from_slice" | "split_off"
        | "drain" | "append" | "sort_unstable_by_key" | "reverse" | "rotate_left"
        | "rotate_right" | "retain_mut" | "clone_from" | "insert_str" | "write_str"
        | "write_fmt" | "dedup_by_key" | "shrink_to_fit" | "get_or_insert_with"
        // `&self` on `str`, `&mut self` on iterators and `Option`: written, to be safe.
        | "find" | "position" | "replace" => true,
        _ => return None,
    })
}

/// For `may_move`: a method call moves its receiver out only if it is one of the methods
/// that take `self` on common types (`consumes_receiver`). Any other method is taken to
/// borrow it: a local whose last use is `guard.update()` or `tx.notify()` still owes its drop
/// at the end of its scope, as in Rust. (Guessing wrong the other way — a user's own method
/// taking `self` — is rustc's E0382 at the suspension point, never a silent early drop;
/// `Type::method(x)` says "by value".)
pub(crate) fn keeps_receiver(method: &str) -> Option<bool> {
    (!consumes_receiver(method)).then_some(true)
}

/// Methods that take `self` on common types (`Option`, `Result`, iterators, builders, join
/// handles, HTTP responses, a oneshot `Sender::send`): a call of one may move its receiver
/// out. Generous on data types (a `Vec` or `String` dropped early is not observable), spare on
/// the methods guards and handles are used through by reference.
pub(crate) fn consumes_receiver(m: &str) -> bool {
    m.starts_with("into_")
        || m.starts_with("unwrap")
        || m.starts_with("expect")
        || m.starts_with("map")
        || m.starts_with("and")
        || m.starts_with("or")
        || m.starts_with("filter")
        || m.starts_with("skip")
        || m.starts_with("take")
        || m.starts_with("step")
        || m.starts_with("flat")
        || m.starts_with("scan")
        || m.starts_with("ok_")
        || (m.starts_with("is_") && (m.ends_with("_and") || m.ends_with("_or")))
        || matches!(
            m,
            "ok" | "err"
                | "into"
                | "try_into"
                | "xor"
                | "cloned"
                | "copied"
                | "transpose"
                | "eq"
                | "ne"
                | "lt"
                | "le"
                | "gt"
                | "ge"
                | "cmp"
                | "partial_cmp"
                | "lines"
                | "collect"
                | "sum"
                | "product"
                | "count"
                | "fold"
                | "reduce"
                | "for_each"
                | "zip"
                | "chain"
                | "rev"
                | "enumerate"
                | "peekable"
                | "fuse"
                | "inspect"
                | "cycle"
                | "last"
                | "max"
                | "min"
                | "max_by"
                | "min_by"
                | "max_by_key"
                | "min_by_key"
                | "partition"
                | "unzip"
                | "join"
                | "send"
                | "finish"
                | "commit"
                | "rollback"
                | "close"
                | "build"
                | "text"
                | "json"
                | "bytes"
                | "then"
                | "then_some"
                | "boxed"
                | "run"
                | "await"
                | "poll"
                | "left"
                | "right"
                | "flatten"
                | "leak"
                | "forget"
        )
}

/// The names among `names` that `e` may move out of, in whole or in part: used by value (a
/// path, `x.f`, a method that may take `self`), or named by a closure, an `async` block or a
/// macro whose arguments are not expressions. A place (`&x`, `x.f = …`, `x[i]`, a comparison,
/// a formatting argument, a `match` that binds nothing by value) moves nothing. A `Copy`
/// value "moved" is only copied; the liveness asks this only about drops, which a `Copy`
/// value has none of.
pub(crate) fn may_move(e: &Expr, names: &HashSet<String>) -> HashSet<String> {
    let mut uses = Uses::moves(names);
    let mut e = e.clone();
    uses.visit_expr_mut(&mut e);
    uses.bad
}

/// The names among `names` that statement `s` certainly moves out of (in whole or in part)
/// whenever it runs to its end: `may_move` less the uses in code that may not run
/// (`Uses::certain`). A move `may_move` finds and this does not is a conditional one.
pub(crate) fn stmt_certainly_moves(s: &syn::Stmt, names: &HashSet<String>) -> HashSet<String> {
    let mut uses = Uses::moves(names);
    uses.certain = true;
    match s {
        syn::Stmt::Local(l) => {
            if let Some(init) = &l.init {
                let mut e = (*init.expr).clone();
                match match_ctx(&l.pat) {
                    Some(ctx) => uses.place(&mut e, ctx),
                    None => uses.visit_expr_mut(&mut e),
                }
            }
        }
        syn::Stmt::Expr(e, _) => uses.visit_expr_mut(&mut e.clone()),
        syn::Stmt::Macro(_) | syn::Stmt::Item(_) => {}
    }
    uses.bad
}

/// `stmt_certainly_moves` of an expression evaluated whole (a suspension point's operand, an
/// `if`'s condition).
pub(crate) fn certainly_moves(e: &Expr, names: &HashSet<String>) -> HashSet<String> {
    let mut uses = Uses::moves(names);
    uses.certain = true;
    uses.visit_expr_mut(&mut e.clone());
    uses.bad
}

/// `may_move` of a `match` scrutinee: in place if no arm binds a part of it by value.
pub(crate) fn scrutinee_may_move<'a>(
    s: &Expr,
    pats: impl Iterator<Item = &'a Pat>,
    names: &HashSet<String>,
) -> HashSet<String> {
    let mut uses = Uses::moves(names);
    let mut e = s.clone();
    match arms_ctx(pats) {
        Some(ctx) => uses.place(&mut e, ctx),
        None => uses.visit_expr_mut(&mut e),
    }
    uses.bad
}

/// `may_move` of a statement; a `let` moves its initialiser only if its pattern binds a part
/// of it by value (`let (ref a, _) = t;` moves nothing).
pub(crate) fn stmt_may_move(s: &syn::Stmt, names: &HashSet<String>) -> HashSet<String> {
    match s {
        syn::Stmt::Local(l) => {
            let mut out = HashSet::new();
            if let Some(init) = &l.init {
                out = scrutinee_may_move(&init.expr, std::iter::once(&l.pat), names);
                if let Some((_, d)) = &init.diverge {
                    out.extend(may_move(d, names));
                }
            }
            out
        }
        syn::Stmt::Expr(e, _) => may_move(e, names),
        syn::Stmt::Macro(m) => may_move(
            &Expr::Macro(syn::ExprMacro {
                attrs: Vec::new(),
                mac: m.mac.clone(),
            }),
            names,
        ),
        syn::Stmt::Item(_) => HashSet::new(),
    }
}

/// The names `stmt_may_move` finds that statement `s` nonetheless leaves as they were, or
/// assigned: every arm of it that may move one assigns it again before the arm ends
/// (`if c { consume(x); x = D::new(); }`), a loop's body does before it can end or run again
/// (`let v = loop { x = add(x, 2); break 0; };`), so after the statement it holds a value
/// whenever it held one before. (Not when the statement may `break` or `continue` out of
/// itself: that could leave a loop around it between the move and the assignment.)
/// `moved`: what `stmt_may_move` found in it.
pub(crate) fn stmt_restores(
    s: &syn::Stmt,
    moved: &HashSet<String>,
    names: &HashSet<String>,
) -> HashSet<String> {
    if stmt_jumps_out(s) {
        return HashSet::new();
    }
    moved
        .iter()
        .filter(|x| gives_back(s, x, names))
        .cloned()
        .collect()
}

/// Whether statement `s` leaves `x` holding a value whenever it held one before and
/// completes. (One that may move it and may jump out of itself does not: the jump may come
/// between the move and the assignment, `x = match f(x) { Some(y) => y, None => break };`.)
fn gives_back(s: &syn::Stmt, x: &str, names: &HashSet<String>) -> bool {
    if !stmt_may_move(s, names).contains(x) {
        return true;
    }
    if stmt_jumps_out(s) {
        return false;
    }
    match s {
        // (`x = f(x);`)
        s if assigns(s, x) => true,
        syn::Stmt::Expr(e, _) => expr_restores(e, x, names),
        syn::Stmt::Local(syn::Local {
            init: Some(init), ..
        }) if init.diverge.is_none() => expr_restores(&init.expr, x, names),
        _ => false,
    }
}

/// Whether a `break` or a `continue` in `s` may leave it (`scan::jumps_leaving`).
fn stmt_jumps_out(s: &syn::Stmt) -> bool {
    !crate::scan::jumps_leaving(|v| v.visit_stmt(s)).is_empty()
}

/// Whether every path through `e` that may move `x` assigns it again afterwards (see
/// `stmt_restores`); a path that does not move it leaves it as it was.
fn expr_restores(e: &Expr, x: &str, names: &HashSet<String>) -> bool {
    let moves = |e: &Expr| may_move(e, names).contains(x);
    match e {
        Expr::If(i) => {
            !moves(&i.cond)
                && block_restores(&i.then_branch.stmts, x, names)
                && i.else_branch
                    .as_ref()
                    .is_none_or(|(_, e)| expr_restores(e, x, names))
        }
        Expr::Match(m) => {
            let id = crate::scan::ident(x, proc_macro2::Span::call_site());
            let scrutinee = &m.expr;
            !crate::scan::mentions(&quote::quote!(#scrutinee), &id)
                && m.arms.iter().all(|a| {
                    a.guard.as_ref().is_none_or(|(_, g)| !moves(g))
                        && expr_restores(&a.body, x, names)
                })
        }
        Expr::Block(b) if b.label.is_none() => block_restores(&b.block.stmts, x, names),
        Expr::Unsafe(b) => block_restores(&b.block.stmts, x, names),
        Expr::Loop(l) => loop_restores(&l.body.stmts, x, names),
        Expr::Paren(p) => expr_restores(&p.expr, x, names),
        e => !moves(e),
    }
}

/// `expr_restores` of a block: after the last statement that may move `x` (and does not
/// restore it itself), a statement `x = …;` gives it a value again.
fn block_restores(stmts: &[syn::Stmt], x: &str, names: &HashSet<String>) -> bool {
    let Some(last) = stmts.iter().rposition(|s| !gives_back(s, x, names)) else {
        return true;
    };
    stmts[last + 1..].iter().any(|s| assigns(s, x))
}

/// The same of a `loop`'s body, and no `break` or `continue` comes before that assignment:
/// the loop is left, or runs again, only with `x` holding a value.
fn loop_restores(stmts: &[syn::Stmt], x: &str, names: &HashSet<String>) -> bool {
    let Some(last) = stmts.iter().rposition(|s| !gives_back(s, x, names)) else {
        return true;
    };
    let Some(assign) = stmts[last + 1..].iter().position(|s| assigns(s, x)) else {
        return false;
    };
    !stmts[..=last + assign].iter().any(stmt_jumps_out)
}

/// Whether `s` is `x = …;`.
fn assigns(s: &syn::Stmt, x: &str) -> bool {
    matches!(s, syn::Stmt::Expr(Expr::Assign(a), _)
        if matches!(&*a.left, Expr::Path(p) if p.path.is_ident(x)))
}

#[derive(Clone, Copy)]
enum Ctx {
    /// Used by value: moved, unless `Copy`.
    Value,
    /// Read in place.
    Read,
    /// Written in place (`&mut x`, `x += 1`, a `&mut self` method).
    Write,
    /// The top of the left of an assignment.
    Assignee,
}

/// Classifies (`rewrite: false`: records in `bad` the names used in a way rule 3 or 4
/// forbids) or rewrites (`rewrite: true`: every mention `x` → `(*x)`) mentions of `names`.
/// `(*x)` / `*x` (a resident local reached through its reference, `Uses::mention`) →
/// `__res_x`, its storage.
struct ToStorage<'a>(&'a std::collections::HashMap<String, Ident>);

impl VisitMut for ToStorage<'_> {
    fn visit_expr_mut(&mut self, e: &mut Expr) {
        let inner = match &*e {
            Expr::Paren(p) => &*p.expr,
            e => e,
        };
        let store = match inner {
            Expr::Unary(syn::ExprUnary {
                op: syn::UnOp::Deref(_),
                expr,
                ..
            }) => match &**expr {
                Expr::Path(p) => p.path.get_ident().and_then(|i| self.0.get(&i.to_string())),
                _ => None,
            },
            _ => None,
        };
        match store {
            Some(store) => *e = syn::parse_quote!(#store),
            None => syn::visit_mut::visit_expr_mut(self, e),
        }
    }
}

struct Uses {
    names: HashSet<String>,
    /// Visiting the body's final expression: a by-value mention moves the local out (of
    /// `__res_x`, this name's entry here) instead of being ruled out.
    in_tail: bool,
    storage: std::collections::HashMap<String, Ident>,
    /// Some by-value mention in the final expression was rewritten.
    moved_in_tail: bool,
    copy: HashSet<String>,
    /// Not declared `mut`: reached through a shared reference, so nothing may write through
    /// it (a write is an error rustc gives, or goes through a `&mut` the local holds, which a
    /// shared reference to it would not allow).
    immutable: HashSet<String>,
    bad: HashSet<String>,
    rewrite: bool,
    /// The name whose own `let` initialiser is being visited (a parameter's `let n = n;`
    /// names the argument, not the local).
    own: Option<String>,
    /// Which methods certainly take their receiver by reference (`borrows_receiver`).
    receiver: fn(&str) -> Option<bool>,
    /// Only what certainly runs: not the branches of an `if`/`match`, a loop's body, the
    /// right of `&&`/`||`, a closure, an `async` block or a macro it cannot read
    /// (`stmt_certainly_moves`).
    certain: bool,
    /// Finding moves (`Uses::moves`): a closure that is not `move` moves only what its body
    /// moves (it captures the rest by reference); otherwise any name a closure mentions may
    /// be moved.
    closures_borrow: bool,
}

impl Uses {
    /// A classifier of `names`' uses for `may_move`: what it records as `bad` may move.
    fn moves(names: &HashSet<String>) -> Uses {
        Uses {
            names: names.clone(),
            copy: HashSet::new(),
            immutable: HashSet::new(),
            bad: HashSet::new(),
            rewrite: false,
            own: None,
            in_tail: false,
            storage: Default::default(),
            moved_in_tail: false,
            receiver: keeps_receiver,
            certain: false,
            closures_borrow: true,
        }
    }

    fn name_of(&self, e: &Expr) -> Option<Ident> {
        match e {
            Expr::Path(p) if p.qself.is_none() && p.attrs.is_empty() => {
                let i = p.path.get_ident()?;
                let s = i.to_string();
                (self.names.contains(&s) && self.own.as_ref() != Some(&s)).then(|| i.clone())
            }
            _ => None,
        }
    }

    fn mention(&mut self, e: &mut Expr, ident: Ident, ctx: Ctx) {
        let name = ident.to_string();
        let assignee = matches!(ctx, Ctx::Assignee);
        if matches!(ctx, Ctx::Value) && self.in_tail {
            if let (true, Some(store)) = (self.rewrite, self.storage.get(&name)) {
                let store = store.clone();
                *e = syn::parse_quote!(#store);
                self.moved_in_tail = true;
            }
            return;
        }
        let bad = match ctx {
            Ctx::Value => !self.copy.contains(&name),
            Ctx::Read => false,
            Ctx::Write | Ctx::Assignee => self.immutable.contains(&name),
        };
        if bad {
            self.bad.insert(name);
        }
        if self.rewrite {
            let span = ident.span();
            *e = if assignee {
                // Unparenthesised: a parenthesised place is no assignee in a destructuring
                // assignment.
                syn::parse_quote_spanned!(span=> *#ident)
            } else {
                syn::parse_quote_spanned!(span=> (*#ident))
            };
        }
    }

    /// A place context: `x.f`, `x[i]`, `&x`, a receiver, an assignee.
    fn place(&mut self, e: &mut Expr, ctx: Ctx) {
        if let Some(i) = self.name_of(e) {
            self.mention(e, i, ctx);
            return;
        }
        // Below the top of an assignee, a place is written (`x.f = …`, `x[i] = …`).
        let inner = match ctx {
            Ctx::Assignee => Ctx::Write,
            other => other,
        };
        match e {
            Expr::Field(f) => self.place(&mut f.base, inner),
            Expr::Index(i) => {
                self.place(&mut i.expr, inner);
                self.visit_expr_mut(&mut i.index);
            }
            Expr::Paren(p) => self.place(&mut p.expr, inner),
            Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => self.place(&mut u.expr, inner),
            Expr::Tuple(t) if matches!(ctx, Ctx::Assignee) => t
                .elems
                .iter_mut()
                .for_each(|x| self.place(x, Ctx::Assignee)),
            Expr::Array(a) if matches!(ctx, Ctx::Assignee) => a
                .elems
                .iter_mut()
                .for_each(|x| self.place(x, Ctx::Assignee)),
            Expr::Struct(s) if matches!(ctx, Ctx::Assignee) => s
                .fields
                .iter_mut()
                .for_each(|f| self.place(&mut f.expr, Ctx::Assignee)),
            other => self.visit_expr_mut(other),
        }
    }

    /// The names `pat` binds are other locals from here to the end of its scope.
    fn hide(&mut self, pat: &Pat) {
        let mut bound = Vec::new();
        scan::pat_bindings(pat, &mut bound);
        for (i, _) in bound {
            self.names.remove(&i.to_string());
        }
    }

    /// A condition left to right, each `let` of a chain hiding what it binds from the parts
    /// after it (`let Some(x) = o && consume(x)` moves the inner `x`); the caller restores.
    fn condition(&mut self, c: &mut Expr) {
        match c {
            Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_)) => {
                self.condition(&mut b.left);
                self.condition(&mut b.right);
            }
            Expr::Let(l) => {
                let pat = (*l.pat).clone();
                self.visit_expr_mut(c);
                self.hide(&pat);
            }
            c => self.visit_expr_mut(c),
        }
    }

    /// A closure, `async` block or unparsed macro: the names it mentions may not be resident.
    fn opaque(&mut self, free: FreeNames) {
        for n in free.out {
            if self.names.contains(&n) {
                self.bad.insert(n);
            }
        }
    }
}

impl VisitMut for Uses {
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}

    // A binding hides a name from the rest of its scope: past `let st = st.clone();` in a
    // nested block, `st` (moved into `async move { st.get().await }`, say) is another local.
    fn visit_block_mut(&mut self, b: &mut syn::Block) {
        let outer = self.names.clone();
        for s in &mut b.stmts {
            match s {
                // (Its initialiser names the outer local: `{ let v = v; … }` moves it.)
                syn::Stmt::Local(l) => {
                    let own = self.own.take();
                    if let Some(init) = &mut l.init {
                        self.visit_expr_mut(&mut init.expr);
                        if let Some((_, e)) = &mut init.diverge {
                            self.visit_expr_mut(e);
                        }
                    }
                    self.own = own;
                    self.hide(&l.pat);
                }
                s => self.visit_stmt_mut(s),
            }
        }
        self.names = outer;
    }

    fn visit_arm_mut(&mut self, a: &mut syn::Arm) {
        let outer = self.names.clone();
        self.hide(&a.pat);
        if let Some((_, g)) = &mut a.guard {
            self.visit_expr_mut(g);
        }
        self.visit_expr_mut(&mut a.body);
        self.names = outer;
    }

    fn visit_local_mut(&mut self, l: &mut syn::Local) {
        let own = scan::simple_binding(&l.pat)
            .map(|(i, _)| i.to_string())
            .filter(|n| self.names.contains(n));
        let inner = own.or_else(|| self.own.clone());
        let outer = std::mem::replace(&mut self.own, inner);
        if let Some(init) = &mut l.init {
            self.visit_expr_mut(&mut init.expr);
            if let Some((_, e)) = &mut init.diverge {
                self.visit_expr_mut(e);
            }
        }
        self.own = outer;
    }

    fn visit_field_value_mut(&mut self, f: &mut syn::FieldValue) {
        // `S { x }` names the local: spell it out so the rewritten value is printed (only if
        // it is rewritten: `S { x: x }` is clippy's `redundant_field_names` on the user's
        // spans).
        let shorthand = f.colon_token.is_none() && self.name_of(&f.expr).is_some();
        let before = shorthand.then(|| f.expr.clone());
        self.visit_expr_mut(&mut f.expr);
        if let Some(before) = before {
            if before != f.expr {
                f.colon_token = Some(Default::default());
            }
        }
    }

    fn visit_expr_mut(&mut self, e: &mut Expr) {
        if self.certain {
            match e {
                Expr::If(i) => return self.visit_expr_mut(&mut i.cond),
                Expr::Match(m) => {
                    // (Its scrutinee moves only what an arm binds: not certain.)
                    let mut scrutinee = (*m.expr).clone();
                    return syn::visit_mut::visit_expr_mut(self, &mut scrutinee);
                }
                Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_) | syn::BinOp::Or(_)) => {
                    return self.visit_expr_mut(&mut b.left)
                }
                Expr::Loop(_)
                | Expr::While(_)
                | Expr::ForLoop(_)
                | Expr::Closure(_)
                | Expr::Async(_)
                | Expr::Block(_)
                | Expr::Unsafe(_) => return,
                Expr::Macro(m) if scan::parse_macro_args(&m.mac).is_none() => return,
                _ => {}
            }
        }
        if let Some(i) = self.name_of(e) {
            self.mention(e, i, Ctx::Value);
            return;
        }
        match e {
            Expr::Reference(r) if self.rewrite && self.name_of(&r.expr).is_some() => {
                // `&x` → `&*x` (`x` itself, when it is a shared reference already).
                let i = self.name_of(&r.expr).expect("checked");
                let span = i.span();
                *e = match r.mutability {
                    Some(m) => syn::parse_quote_spanned!(span=> &#m *#i),
                    None if self.immutable.contains(&i.to_string()) => {
                        syn::parse_quote_spanned!(span=> #i)
                    }
                    None => syn::parse_quote_spanned!(span=> &*#i),
                };
            }
            Expr::Reference(r) => {
                let ctx = if r.mutability.is_some() {
                    Ctx::Write
                } else {
                    Ctx::Read
                };
                self.place(&mut r.expr, ctx)
            }
            Expr::RawAddr(r) => self.place(&mut r.expr, Ctx::Write),
            Expr::MethodCall(m) => {
                let method = m.method.to_string();
                let copy_receiver = self
                    .name_of(&m.receiver)
                    .is_some_and(|i| self.copy.contains(&i.to_string()));
                if let Some(mutates) = (self.receiver)(&method) {
                    let ctx = if mutates { Ctx::Write } else { Ctx::Read };
                    self.place(&mut m.receiver, ctx);
                } else if copy_receiver {
                    // A method of a `Copy` type: `&self`, `&mut self` or a copy of `self`.
                    self.place(&mut m.receiver, Ctx::Write);
                } else {
                    self.visit_expr_mut(&mut m.receiver);
                }
                for a in &mut m.args {
                    self.visit_expr_mut(a);
                }
            }
            Expr::Index(i) => {
                self.place(&mut i.expr, Ctx::Read);
                self.visit_expr_mut(&mut i.index);
            }
            Expr::Field(f) => {
                // `x.f` by value moves the field out, unless it is `Copy`.
                if let Some(i) = self.name_of(&f.base) {
                    self.mention(&mut f.base, i, Ctx::Value);
                } else {
                    self.visit_expr_mut(&mut f.base);
                }
            }
            Expr::Assign(a) => {
                self.place(&mut a.left, Ctx::Assignee);
                self.visit_expr_mut(&mut a.right);
            }
            Expr::Binary(b) if scan::is_compound_assign(&b.op) => {
                self.place(&mut b.left, Ctx::Write);
                self.visit_expr_mut(&mut b.right);
            }
            Expr::Binary(b) => {
                if crate::scan::is_comparison(&b.op) {
                    self.place(&mut b.left, Ctx::Read);
                    self.place(&mut b.right, Ctx::Read);
                } else {
                    syn::visit_mut::visit_expr_binary_mut(self, b);
                }
            }
            // A cast to a primitive reads a primitive: a copy (`d as D` moves `d`).
            Expr::Cast(c) if scan::primitive_or_pointer(&c.ty) => {
                self.place(&mut c.expr, Ctx::Read)
            }
            Expr::ForLoop(f) => {
                self.visit_expr_mut(&mut f.expr);
                let outer = self.names.clone();
                self.hide(&f.pat);
                self.visit_block_mut(&mut f.body);
                self.names = outer;
            }
            Expr::If(i) if !scan::cond_binds(&i.cond).is_empty() => {
                let outer = self.names.clone();
                self.condition(&mut i.cond);
                self.visit_block_mut(&mut i.then_branch);
                self.names = outer;
                if let Some((_, e)) = &mut i.else_branch {
                    self.visit_expr_mut(e);
                }
            }
            Expr::While(w) if !scan::cond_binds(&w.cond).is_empty() => {
                let outer = self.names.clone();
                self.condition(&mut w.cond);
                self.visit_block_mut(&mut w.body);
                self.names = outer;
            }
            // Matched in place when no arm moves a part of it out.
            Expr::Match(m) if arms_ctx(m.arms.iter().map(|a| &a.pat)).is_some() => {
                let ctx = arms_ctx(m.arms.iter().map(|a| &a.pat)).expect("checked");
                self.place(&mut m.expr, ctx);
                for a in &mut m.arms {
                    self.visit_arm_mut(a);
                }
            }
            Expr::Let(l) if match_ctx(&l.pat).is_some() => {
                let ctx = match_ctx(&l.pat).expect("checked");
                self.place(&mut l.expr, ctx)
            }
            Expr::Closure(c) if self.closures_borrow && c.capture.is_none() => {
                // What its body moves out of, by value (the rest it borrows); not a name its
                // parameters bind again.
                let mut params = Vec::new();
                c.inputs
                    .iter()
                    .for_each(|p| scan::pat_bindings(p, &mut params));
                let names: HashSet<String> = (self.names.iter())
                    .filter(|n| !params.iter().any(|(p, _)| p == n.as_str()))
                    .cloned()
                    .collect();
                self.bad.extend(may_move(&c.body, &names));
            }
            Expr::Closure(c) => {
                let mut f = FreeNames::default();
                syn::visit::Visit::visit_expr_closure(&mut f, c);
                self.opaque(f);
            }
            Expr::Async(a) => {
                let mut f = FreeNames::default();
                syn::visit::Visit::visit_block(&mut f, &a.block);
                self.opaque(f);
            }
            _ => syn::visit_mut::visit_expr_mut(self, e),
        }
    }

    fn visit_macro_mut(&mut self, m: &mut syn::Macro) {
        let by_value = m
            .path
            .segments
            .last()
            .is_some_and(|s| s.ident == "vec" || s.ident == "dbg");
        // `write!(w, …)` calls `w.write_fmt(…)`: `&mut` to its first argument.
        let writes = m
            .path
            .segments
            .last()
            .is_some_and(|s| s.ident == "write" || s.ident == "writeln");
        match scan::parse_macro_args(m) {
            Some(mut args) => {
                for (k, a) in args.args.iter_mut().enumerate() {
                    if by_value {
                        self.visit_expr_mut(a);
                    } else if writes && k == 0 {
                        self.place(a, Ctx::Write);
                    } else {
                        // Formatting and assertion macros take their arguments by reference.
                        self.place(a, Ctx::Read);
                    }
                }
                // `{x:p}` would print the address of the reference, not of the value.
                if let Some(Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                })) = args.args.first()
                {
                    let text = s.value();
                    for n in &self.names {
                        let pointer = text.match_indices(&format!("{{{n}:")).any(|(at, _)| {
                            text[at..]
                                .split('}')
                                .next()
                                .is_some_and(|spec| spec.contains('p'))
                        });
                        if pointer {
                            self.bad.insert(n.clone());
                        }
                    }
                }
                if self.rewrite {
                    *m = scan::rebuild_macro(m, &args);
                }
            }
            None => {
                let mut f = FreeNames::default();
                syn::visit::Visit::visit_macro(&mut f, m);
                self.opaque(f);
            }
        }
    }
}
