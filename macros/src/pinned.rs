//! Stage 3b — pinned locals: where each lives in the frame, and how the body reaches it.
//!
//! A pinned local (see `liveness.rs`) is not a Rust local of the step closure: it lives in a
//! slot of the machine's frame, and the closure holds its *owner* (`Pinned<T>`, or
//! `PinnedOpt<T>` when the body may move it out: with a drop flag, a `bool` of one node of
//! the frame's root) under a hidden name. Its `let` becomes `let owner =
//! Pinned::init(unsafe { Pinned::vacant(slot) }, value);` and every mention is rewritten by
//! context: a place (`v[i]`, `&mut v`) reaches the slot through `unsafe { owner.__place() }`/
//! `__place_mut()`, and a field path read or written (`v.f = x`, `&v.f`) through
//! `unsafe { &mut (*owner.__ptr()).f }`, so that only the field is borrowed, as natively; a
//! method called on a field path (`v.f.push(x)`) runs on the place projected the same way,
//! the whole call in the `unsafe` block (`unsafe { (*owner.__ptr()).f.push(x) }`), so that its
//! autoref borrows the field alone; a method's receiver or a scrutinee (`v.len()`,
//! `v.push(x)`, `match v {..}`) through
//! `owner.__place_auto()` (runtime `Place`), whose `Deref`/`DerefMut` the method's autoref
//! picks, so a `&self` method never makes a `&mut` to the local; a value (`f(v)`, `let w =
//! v;`, `return v`) copies a `Copy` value out and moves any other one (leaving the flag
//! unset). Each `unsafe` block holds only generated tokens and a field path's field names,
//! never the user's expressions (the initialiser, an assigned value stay outside; a union's
//! field named there is checked by the twin, which needs the user's own `unsafe` for it),
//! except a method call on a field path, whose arguments and index expressions are the
//! user's: the twin holds them outside any `unsafe` block, so an `unsafe` operation among
//! them without the user's own `unsafe` is rejected there. Each cites its invariant
//! ("Soundness" in the crate docs; `frame.rs` of stackless-runtime for the labels).
//!
//! The frame is laid out like a stack frame: the pinned locals of one block side by side
//! (`Both`), the child blocks that hold pinned locals overlapping (`Either`), since two
//! children of a block never have locals alive at the same time.
//!
//! from: `let v = vec![1, 2]; for x in &v { yield_!(*x); } v.len()`
//! into: `let __pin_v = Pinned::init(unsafe { Pinned::vacant(__frame.at0()) }, vec![1, 2]);`
//!       `… into_iter(unsafe { __pin_v.__place() }) … (*unsafe { __pin_v.__place() }).len()`

use std::collections::{BTreeMap, HashMap, HashSet};

use proc_macro2::{Delimiter, Group, Ident, Span, TokenStream, TokenTree};
use quote::{format_ident, quote, quote_spanned, ToTokens};
use syn::visit_mut::VisitMut;
use syn::{Expr, Pat};

use crate::ir::{Block, Body, SExpr, StmtKind};
use crate::liveness::Liveness;
use crate::names::{rename_to, FreeNames};
use crate::scan;

pub struct Slot {
    /// The owner's name: every mention of the local was renamed to it.
    pub owner: Ident,
    /// The owner of a local bound by a pattern (`if let`, `match`, `for`, a destructuring
    /// `let` of a suspension's value) is initialised from the pattern's binding, renamed to
    /// this: at the top of the block, or right after the `let`.
    pub bound: Option<Ident>,
    /// Bound by a `let` chain whose later `let` names it (`let Some(w) = o && let Some(z) =
    /// w.get()`): `z` may borrow it, so it cannot be moved at the top of the block; it is
    /// moved into its slot right after its own `let`, by a `let` the emitter adds to the
    /// chain (`emit.rs`, `chain_owners`), and the chain's later parts name the slot.
    pub chained: bool,
    /// `__frame.kids().left().first().at0()`.
    pub path: TokenStream,
    /// Has a drop flag: the body may move it out, or declares it without a value.
    pub flagged: bool,
    /// The drop flag's place, if flagged: a `bool` of the root's flags node.
    pub flag_path: TokenStream,
}

impl Slot {
    /// The owner's slot arguments: `path`, or `path, flag_path`.
    pub fn args(&self) -> TokenStream {
        let path = &self.path;
        if self.flagged {
            let flag = &self.flag_path;
            quote!(#path, #flag)
        } else {
            quote!(#path)
        }
    }
}

#[derive(Default)]
pub struct Pins {
    /// The root block's nodes (`Leaf<_>` per slot, `at0()`…; one chain past `FLAT_SLOTS`)
    /// and its kids (`Either<Both<(Leaf<_>,), ()>, ()>`): see `head_ty`.
    pub root_nodes: Vec<TokenStream>,
    pub root_kids: TokenStream,
    /// The drop flags' node (`Leaf<[bool; N]>`, the last of `root_nodes`): its writer
    /// (`setN`) and `N`.
    pub flags_node: Option<(Ident, usize)>,
    /// By local id (ordered: emission is deterministic).
    pub slots: BTreeMap<usize, Slot>,
    /// Some slot has a drop flag (the read traits must be in scope).
    pub flagged: bool,
    /// Every slot only keeps a large local in place: the frame may move between resumes.
    pub movable: bool,
    /// The names of the locals kept in place for their size (the twin checks them).
    pub in_place_names: Vec<String>,
    /// Arguments kept in a slot of the root block: written there when the machine is made
    /// (`Frame::setN`), so `Start` does not hold them too; the body's `let` of one takes
    /// its owner (`Pinned::resume`).
    pub preset: Vec<Preset>,
}

pub struct Preset {
    /// Which parameter.
    pub param: usize,
    /// `set0`…: the root slot's writer.
    pub set: Ident,
    /// Its drop flag's index in the flags' node, if it has one (set when the machine is made).
    pub flag: Option<usize>,
    /// The local, for its owner (`Pins::resume_let`).
    pub id: usize,
}

fn private() -> TokenStream {
    quote!(::stackless::__private)
}

impl Pins {
    /// The frame's type: a `HeadN` (runtime `frame.rs`) of the root block's slots, then
    /// `extra` more slots for variants' fields kept beside the tag (`state.rs`), the root's
    /// kids, the tag and the variants (`_`: inferred from `Frame::with_state`'s arguments).
    pub fn head_ty(&self, extra: usize) -> TokenStream {
        let p = private();
        let head = format_ident!("Head{}", self.root_nodes.len() + extra);
        let nodes = &self.root_nodes;
        let extra = (0..extra).map(|_| quote!(#p::Leaf<_>));
        let kids = &self.root_kids;
        quote!(#p::#head<#(#nodes,)* #(#extra,)* #kids, _, _>)
    }

    /// The names the body gives the pinned locals (`twin.rs`: `moves_by_name`).
    pub fn user_names(&self) -> Vec<String> {
        (self.slots.values())
            .map(|s| user_name(&s.owner.to_string()).to_string())
            .collect()
    }

    /// How many of the variants' fields the head has room for (`FLAT_SLOTS` in all).
    pub fn head_room(&self) -> usize {
        FLAT_SLOTS.saturating_sub(self.root_nodes.len())
    }
}

fn frame_ident() -> Ident {
    scan::ident("__frame", Span::mixed_site())
}

impl Pins {
    pub fn any(&self) -> bool {
        !self.slots.is_empty()
    }

    fn owner_ty(&self, id: usize) -> TokenStream {
        let p = private();
        if self.slots[&id].flagged {
            quote!(#p::PinnedOpt)
        } else {
            quote!(#p::Pinned)
        }
    }

    /// The owner of a slot whose local's `let` runs now (with the `let`'s type, if any). The
    /// initialiser (user tokens) is an argument of the safe `init`, outside the `unsafe`.
    pub fn init(&self, id: usize, ty: Option<&syn::Type>, value: TokenStream) -> TokenStream {
        let (owner, args) = (self.owner_ty(id), self.slots[&id].args());
        let ty = ty.map(|t| quote!(::<#t>));
        // SAFETY: `frame-live` (the slot's path is projected from the step's or cancel's
        // frame pointer), `slot-vacant` (the local's `let` runs now, after any earlier
        // owner of the slot was dropped), `twin-checked` (the owner is used as the local).
        // (The `let`'s type, user tokens too, only on `init`.)
        quote!(#owner #ty::init(unsafe { #owner::vacant(#args) }, #value))
    }

    /// `let owner = …::resume(slot);`: the owner of a slot whose local is in scope at the
    /// point being resumed (or at which the machine is dropped).
    pub fn resume_let(&self, id: usize) -> TokenStream {
        let s = &self.slots[&id];
        let (ty, args, owner) = (self.owner_ty(id), s.args(), &s.owner);
        // SAFETY: `frame-live` (as in `init`), `slot-owned` (the local is in scope at this
        // point: its owner was forgotten when the state was saved, or `setN` preset it),
        // `twin-checked`.
        quote!(let #owner = unsafe { #ty::resume(#args) };)
    }
}

pub fn pin(body: &mut Body, live: &mut Liveness, nparams: usize) -> Pins {
    if live.pinned.is_empty() {
        return Pins::default();
    }
    // Rename each pinned local to its owner's name.
    let mut slots = BTreeMap::new();
    let mut by_name: HashMap<String, (usize, bool)> = HashMap::new();
    let mut copies: Vec<String> = Vec::new();
    let mut futures: Vec<String> = Vec::new();
    for &id in &live.pinned.clone() {
        let l = &live.locals[id];
        let owner = scan::ident(
            &format!(
                "__pin_{}_{}",
                l.ident.to_string().trim_start_matches("r#"),
                id
            ),
            Span::call_site().located_at(l.ident.span()),
        );
        // Written through: a `mut` binding, or one that may hold a `&mut` (a method call on
        // `src: &mut R` reborrows `*src` mutably). A shared reference never is.
        let mutable = l.mutable || !l.shared_ref;
        if l.literal {
            // Initialised by a literal: its type is `Copy`, a by-value use is a copy.
            copies.push(owner.to_string());
        }
        if l.async_block {
            futures.push(owner.to_string());
        }
        rename_to(body, live, id, owner.clone());
        by_name.insert(owner.to_string(), (id, mutable));
        slots.insert(
            id,
            Slot {
                owner,
                bound: None,
                chained: false,
                path: TokenStream::new(),
                flagged: false,
                flag_path: TokenStream::new(),
            },
        );
    }

    // Which ones the body may move out of, or declares without a value (`let x;`).
    let local_names: Vec<String> = live.locals.iter().map(|l| l.ident.to_string()).collect();
    let mut detect = Access {
        names: &by_name,
        locals: &local_names,
        copies: &copies,
        futures: &futures,
        flagged: HashMap::new(),
        moved: Vec::new(),
        rewrite: false,
        refs: Vec::new(),
        named: Vec::new(),
        chain: false,
    };
    walk_exprs(body, &mut |e, top| detect.visit_top_mut(e, top));
    let mut uninit: HashSet<String> = HashSet::new();
    walk_stmts(&mut body.block, &mut |k| {
        if let StmtKind::Plain(stmt) = k {
            detect.visit_stmt_mut(stmt);
            if let syn::Stmt::Local(l) = stmt {
                if l.init.is_none() {
                    let mut found = Vec::new();
                    scan::pat_bindings(&l.pat, &mut found);
                    uninit.extend(found.into_iter().map(|(i, _)| i.to_string()));
                }
            }
        }
    });
    let moved = detect.moved;
    for slot in slots.values_mut() {
        let name = slot.owner.to_string();
        slot.flagged = moved.contains(&name) || uninit.contains(&name);
    }

    // The frame's shape.
    // Every drop flag is one `bool` of one node of the root, `Leaf<[bool; N]>`, after the
    // root block's slots: beside the state's tag, where a byte costs least (as one flag
    // beside each value, an `Option<T>` would round `T` up by its alignment, and a `bool`
    // in a child block's tuple would pad that tuple).
    let flags: Vec<usize> = (slots.iter())
        .filter(|(_, s)| s.flagged)
        .map(|(&id, _)| id)
        .collect();
    let mut tree = Tree {
        root_reserve: usize::from(!flags.is_empty()),
        ..Tree::default()
    };
    tree.collect(&body.block, None);
    let pinned: Vec<usize> = live.pinned.clone();
    let scope_of: HashMap<usize, usize> = pinned
        .iter()
        .map(|&id| (id, live.locals[id].scope))
        .collect();
    let (mut root_nodes, root_kids) = tree.root(&pinned, &scope_of);
    let flags_node = (!flags.is_empty()).then(|| {
        let (p, f, n) = (private(), frame_ident(), flags.len());
        let at = format_ident!("at{}", root_nodes.len());
        let len = proc_macro2::Literal::usize_unsuffixed(n);
        root_nodes.push(quote!(#p::Leaf<[bool; #len]>));
        for (i, id) in flags.iter().enumerate() {
            let i = proc_macro2::Literal::usize_unsuffixed(i);
            slots.get_mut(id).expect("slot").flag_path = quote!(#f.#at().flag(#i));
        }
        (format_ident!("set{}", root_nodes.len() - 1), n)
    });
    for &id in &pinned {
        slots.get_mut(&id).expect("slot").path = tree.path(id, &pinned, &scope_of);
    }

    // Arguments bound to a plain name that live in one of the root block's own slots are
    // written there when the machine is made: their `let` (the body's first statements,
    // `let x = <argument>;`) takes the owner (below, once the owners' types are known).
    let mut preset = Vec::new();
    let root_own = tree.own(ROOT, &pinned, &scope_of);
    // (By the statement that binds each parameter: others come between, `ir::Body`.)
    for (k, &at) in body.param_stmts.iter().enumerate().take(nparams) {
        let stmt = &body.block.stmts[at];
        let StmtKind::Plain(syn::Stmt::Local(l)) = &stmt.kind else {
            continue;
        };
        let Some((owner, None)) = scan::simple_binding(&l.pat) else {
            continue;
        };
        let Some(&(id, _)) = by_name.get(&owner.to_string()) else {
            continue;
        };
        let plain_init = l
            .init
            .as_ref()
            .is_some_and(|i| i.diverge.is_none() && matches!(&*i.expr, Expr::Path(_)));
        let at = root_own.iter().position(|&x| x == id);
        let (true, Some(j), true) = (plain_init, at, root_own.len() <= tree.flat(ROOT)) else {
            continue;
        };
        preset.push(Preset {
            param: k,
            set: format_ident!("set{}", j),
            flag: flags.iter().position(|&x| x == id),
            id,
        });
    }

    // Pattern bindings (`if let`, `match`, `for`, destructuring `let`s of a suspension's
    // value) bind a renamed local that the owner is initialised from. Then the mentions,
    // then the plain `let`s.
    let mut bound = Vec::new();
    let mut chained = Vec::new();
    rename_binds(&mut body.block, &by_name, &mut bound, &mut chained);
    for (id, ident) in bound {
        slots.get_mut(&id).expect("slot").bound = Some(ident);
    }
    for id in chained {
        slots.get_mut(&id).expect("slot").chained = true;
    }
    let flagged: HashMap<String, bool> = slots
        .values()
        .map(|s| (s.owner.to_string(), s.flagged))
        .collect();
    let pins = Pins {
        root_nodes,
        root_kids,
        flags_node,
        flagged: slots.values().any(|s| s.flagged),
        slots,
        movable: live.pinned.iter().all(|id| live.in_place.contains(id)),
        in_place_names: live.in_place_names.clone(),
        preset,
    };
    // A preset argument's `let` takes the owner of its slot (verbatim: the rewrites below
    // leave it alone).
    for q in &pins.preset {
        body.block.stmts[body.param_stmts[q.param]].kind =
            StmtKind::Plain(syn::Stmt::Expr(Expr::Verbatim(pins.resume_let(q.id)), None));
    }
    let mut access = Access {
        names: &by_name,
        locals: &local_names,
        copies: &copies,
        futures: &futures,
        flagged,
        moved: Vec::new(),
        rewrite: true,
        refs: Vec::new(),
        named: Vec::new(),
        chain: false,
    };
    walk_exprs(body, &mut |e, top| access.visit_top_mut(e, top));
    walk_stmts(&mut body.block, &mut |k| {
        if let StmtKind::Plain(stmt) = k {
            access.visit_stmt_mut(stmt);
            rewrite_let(stmt, &by_name, &pins);
        }
    });
    pins
}

/// Where an expression of the lowered body outside plain statements is.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Top {
    /// A suspension point's operand: an `.await`'s, or a `yield_!`'s.
    Operand { awaited: bool },
    /// A `match`'s scrutinee whose arms bind nothing by value (`Some(ref x)`, `None`, `_`):
    /// a place the arms borrow, not a value.
    Borrowed,
    /// Any other: a condition, a scrutinee, a guard.
    Value,
}

/// Every expression of the lowered body outside plain statements: suspension operands,
/// conditions, scrutinees, guards.
pub(crate) fn walk_exprs(body: &mut Body, f: &mut dyn FnMut(&mut Expr, Top)) {
    for p in &mut body.points {
        let awaited = p.kind == crate::ir::PointKind::Await;
        f(&mut p.operand, Top::Operand { awaited });
    }
    fn block(b: &mut Block, f: &mut dyn FnMut(&mut Expr, Top)) {
        for s in &mut b.stmts {
            match &mut s.kind {
                StmtKind::Plain(_) => {}
                StmtKind::Let { init, .. } => sexpr(init, f),
                StmtKind::Expr { expr, .. } => sexpr(expr, f),
            }
        }
    }
    fn sexpr(e: &mut SExpr, f: &mut dyn FnMut(&mut Expr, Top)) {
        match e {
            SExpr::Suspend(_) => {}
            SExpr::Block(b) => block(b, f),
            SExpr::If {
                cond, then, els, ..
            } => {
                f(cond, Top::Value);
                block(then, f);
                if let Some(e) = els {
                    block(e, f);
                }
            }
            SExpr::Match { scrutinee, arms } => {
                let borrowed = !arms.iter().any(|a| scan::binds_by_value(&a.pat));
                f(scrutinee, if borrowed { Top::Borrowed } else { Top::Value });
                for a in arms {
                    if let Some(g) = &mut a.guard {
                        f(g, Top::Value);
                    }
                    block(&mut a.body, f);
                }
            }
            SExpr::Loop { body, .. } => block(body, f),
        }
    }
    block(&mut body.block, f);
}

/// Every statement of the lowered body, each before the ones nested in it.
pub(crate) fn walk_stmts(b: &mut Block, f: &mut dyn FnMut(&mut StmtKind)) {
    for s in &mut b.stmts {
        f(&mut s.kind);
        match &mut s.kind {
            StmtKind::Plain(_) => {}
            StmtKind::Let { init: e, .. } | StmtKind::Expr { expr: e, .. } => match e {
                SExpr::Suspend(_) => {}
                SExpr::Block(b) | SExpr::Loop { body: b, .. } => walk_stmts(b, f),
                SExpr::If { then, els, .. } => {
                    walk_stmts(then, f);
                    if let Some(e) = els {
                        walk_stmts(e, f);
                    }
                }
                SExpr::Match { arms, .. } => {
                    for a in arms {
                        walk_stmts(&mut a.body, f);
                    }
                }
            },
        }
    }
}

/// A pattern that binds pinned locals among other names: the pinned ones renamed
/// (`x` → `x_bound`), each with the name it is bound under now.
fn split_pattern(pat: &mut Pat, names: &HashMap<String, (usize, bool)>) -> Vec<(usize, Ident)> {
    let mut found = Vec::new();
    scan::pat_bindings(pat, &mut found);
    let mut renamed = Vec::new();
    for (ident, _) in found {
        if let Some(&(id, _)) = names.get(&ident.to_string()) {
            let src = scan::ident(&format!("{ident}_bound"), ident.span());
            rename_pat(pat, &ident, &src);
            renamed.push((id, src));
        }
    }
    renamed
}

/// Removes the `mut` of binding `ident` in `pat`.
fn strip_mut_of(pat: &mut Pat, ident: &Ident) {
    struct S<'a>(&'a Ident);
    impl syn::visit_mut::VisitMut for S<'_> {
        fn visit_pat_ident_mut(&mut self, pi: &mut syn::PatIdent) {
            if pi.ident == *self.0 && pi.by_ref.is_none() {
                pi.mutability = None;
            }
            syn::visit_mut::visit_pat_ident_mut(self, pi);
        }
        fn visit_expr_mut(&mut self, _: &mut Expr) {}
    }
    syn::visit_mut::VisitMut::visit_pat_mut(&mut S(ident), pat);
}

/// A plain `let` of a pinned local becomes its owner's initialisation; a destructuring one
/// (or a `let … else`) binds the pinned names under other names, then moves each into its
/// slot.
fn rewrite_let(stmt: &mut syn::Stmt, names: &HashMap<String, (usize, bool)>, pins: &Pins) {
    let syn::Stmt::Local(l) = stmt else {
        return;
    };
    let mut found = Vec::new();
    scan::pat_bindings(&l.pat, &mut found);
    let Some(&(id, _)) = found.iter().find_map(|(i, _)| names.get(&i.to_string())) else {
        return;
    };
    let diverges = l.init.as_ref().is_some_and(|i| i.diverge.is_some());
    match scan::simple_binding(&l.pat) {
        Some((owner, ty)) if !diverges => {
            let owner = owner.clone();
            let value = match &l.init {
                Some(init) => {
                    let v = &init.expr;
                    pins.init(id, ty, quote!(#v))
                }
                None => {
                    let (p, args) = (private(), pins.slots[&id].args());
                    let ty = ty.map(|t| quote!(::<#t>));
                    // SAFETY: as in `Pins::init` (the type stays outside the `unsafe`).
                    quote!(#p::PinnedOpt #ty::empty(unsafe { #p::PinnedOpt::vacant(#args) }))
                }
            };
            *stmt = syn::parse_quote!(let #owner = #value;);
        }
        _ => {
            let split = split_pattern(&mut l.pat, names);
            // From the first pinned binding on, every binding of the pattern is declared
            // again after the `let`, in the pattern's order (a pinned one as its owner, any
            // other under its own name), so they drop in reverse order of binding, as
            // natively (`let (a, b) = ..;` with `a` pinned drops `b`, then `a`).
            let first = found
                .iter()
                .position(|(i, _)| names.contains_key(&i.to_string()));
            let mut moves = TokenStream::new();
            let mut pinned = split.into_iter();
            for (ident, mutable) in found.iter().skip(first.unwrap_or(found.len())) {
                if names.contains_key(&ident.to_string()) {
                    let (id, src) = pinned.next().expect("a pinned binding per name");
                    let owner = &pins.slots[&id].owner;
                    let init = pins.init(id, None, quote!(#src));
                    moves.extend(quote!(let #owner = #init;));
                } else {
                    // (Its `mut` moves to the new binding.)
                    strip_mut_of(&mut l.pat, ident);
                    let m = mutable.then(|| quote!(mut));
                    moves.extend(quote!(let #m #ident = #ident;));
                }
            }
            let local = quote!(#l);
            *stmt = syn::Stmt::Expr(Expr::Verbatim(quote!(#local #moves)), None);
        }
    }
}

/// Renames the pattern bindings of pinned locals (`x` → `x_bound` in `Some(x)`), in the
/// block's `binds`, the `if let` condition or match arm that binds them, and the arm's guard.
fn rename_binds(
    b: &mut Block,
    names: &HashMap<String, (usize, bool)>,
    bound: &mut Vec<(usize, Ident)>,
    chained: &mut Vec<usize>,
) -> Vec<(usize, Ident, Ident)> {
    let mut renamed = Vec::new();
    for pat in &mut b.binds {
        let mut found = Vec::new();
        scan::pat_bindings(pat, &mut found);
        for (ident, _) in found {
            if let Some(&(id, _)) = names.get(&ident.to_string()) {
                let src = scan::ident(&format!("{ident}_bound"), ident.span());
                rename_pat(pat, &ident, &src);
                bound.push((id, src.clone()));
                renamed.push((id, ident, src));
            }
        }
    }
    for s in &mut b.stmts {
        match &mut s.kind {
            StmtKind::Plain(_) => {}
            StmtKind::Let { pat, init, .. } => {
                // `let (a, b) = x.await;`: the emitter moves `a_bound` into its slot right
                // after the `let` (see `emit::let_stmt`).
                if scan::simple_binding(pat).is_none() {
                    bound.extend(split_pattern(pat, names));
                }
                rename_binds_sexpr(init, names, bound, chained)
            }
            StmtKind::Expr { expr, .. } => rename_binds_sexpr(expr, names, bound, chained),
        }
    }
    renamed
}

fn rename_binds_sexpr(
    e: &mut SExpr,
    names: &HashMap<String, (usize, bool)>,
    bound: &mut Vec<(usize, Ident)>,
    chained: &mut Vec<usize>,
) {
    match e {
        SExpr::Suspend(_) => {}
        SExpr::Block(b) | SExpr::Loop { body: b, .. } => {
            rename_binds(b, names, bound, chained);
        }
        SExpr::If {
            cond, then, els, ..
        } => {
            let held = scan::chain_held(cond);
            for (id, from, to) in rename_binds(then, names, bound, chained) {
                if held.contains(&from.to_string()) {
                    // Only its own `let` binds the renamed name; the later parts name the
                    // slot (`Slot::chained`).
                    rename_in_chain_patterns(cond, &from, &to);
                    chained.push(id);
                } else {
                    rename_in_expr(cond, &from, &to);
                }
            }
            if let Some(e) = els {
                rename_binds(e, names, bound, chained);
            }
        }
        SExpr::Match { arms, .. } => {
            for a in arms {
                for (_, from, to) in rename_binds(&mut a.body, names, bound, chained) {
                    rename_pat(&mut a.pat, &from, &to);
                    if let Some(g) = &mut a.guard {
                        rename_in_expr(g, &from, &to);
                    }
                }
            }
        }
    }
}

/// Renames a binding in the patterns of a condition's `let`s, not in their scrutinees.
fn rename_in_chain_patterns(cond: &mut Expr, from: &Ident, to: &Ident) {
    for part in scan::chain_parts_mut(cond) {
        if let Expr::Let(l) = part {
            rename_pat(&mut l.pat, from, to);
        }
    }
}

fn rename_pat(p: &mut Pat, from: &Ident, to: &Ident) {
    crate::names::rename_binding(p, &from.to_string(), to);
}

/// A guard runs before the arm's block, so it names the pattern's binding itself.
fn rename_in_expr(e: &mut Expr, from: &Ident, to: &Ident) {
    struct R<'a>(&'a Ident, &'a Ident);
    impl VisitMut for R<'_> {
        fn visit_ident_mut(&mut self, i: &mut Ident) {
            if *i == *self.0 {
                *i = self.1.clone();
            }
        }
    }
    R(from, to).visit_expr_mut(e);
}

/// The frame's block tree: which blocks hold pinned locals, directly or below.
#[derive(Default)]
struct Tree {
    parent: HashMap<usize, usize>,
    children: HashMap<usize, Vec<usize>>,
    /// Nodes of the root kept for other uses (the drop flags' node): fewer of the head's
    /// `FLAT_SLOTS` are left for the root block's slots.
    root_reserve: usize,
}

impl Tree {
    fn collect(&mut self, b: &Block, parent: Option<usize>) {
        if let Some(p) = parent {
            self.parent.insert(b.scope, p);
            self.children.entry(p).or_default().push(b.scope);
        }
        for s in &b.stmts {
            match &s.kind {
                StmtKind::Plain(_) => {}
                StmtKind::Let { init, .. } | StmtKind::Expr { expr: init, .. } => {
                    self.sexpr(init, b.scope)
                }
            }
        }
    }

    fn sexpr(&mut self, e: &SExpr, scope: usize) {
        match e {
            SExpr::Suspend(_) => {}
            SExpr::Block(b) | SExpr::Loop { body: b, .. } => self.collect(b, Some(scope)),
            SExpr::If { then, els, .. } => {
                self.collect(then, Some(scope));
                if let Some(e) = els {
                    self.collect(e, Some(scope));
                }
            }
            SExpr::Match { arms, .. } => {
                for a in arms {
                    self.collect(&a.body, Some(scope));
                }
            }
        }
    }

    /// Some slot is declared in `scope` or inside it.
    fn holds(&self, scope: usize, scope_of: &HashMap<usize, usize>) -> bool {
        scope_of.values().any(|&s| self.inside(s, scope))
    }

    /// The slots declared in `scope` itself.
    fn declared(
        &self,
        scope: usize,
        pinned: &[usize],
        scope_of: &HashMap<usize, usize>,
    ) -> Vec<usize> {
        pinned
            .iter()
            .copied()
            .filter(|id| scope_of[id] == scope)
            .collect()
    }

    /// How many slots the node at `scope` holds side by side (more are a chain).
    fn flat(&self, scope: usize) -> usize {
        if scope == ROOT {
            FLAT_SLOTS - self.root_reserve
        } else {
            FLAT_SLOTS
        }
    }

    /// The scopes one node of the frame holds: `scope`, and while the last one has exactly
    /// one child block with slots, that child too. An only child overlaps nothing, so its
    /// slots may as well sit beside its parent's, where rustc packs them together (a body
    /// whose tail expression made it a block of its own keeps its slots in the root, beside
    /// the state's tag).
    fn merged(&self, scope: usize, scope_of: &HashMap<usize, usize>) -> Vec<usize> {
        let mut m = vec![scope];
        loop {
            let kids = self.children_with_slots(*m.last().expect("non-empty"), scope_of);
            match kids.as_slice() {
                [only] => m.push(*only),
                _ => return m,
            }
        }
    }

    /// The slots of the node at `scope`, in declaration order (outer blocks' first).
    fn own(&self, scope: usize, pinned: &[usize], scope_of: &HashMap<usize, usize>) -> Vec<usize> {
        self.merged(scope, scope_of)
            .into_iter()
            .flat_map(|s| self.declared(s, pinned, scope_of))
            .collect()
    }

    /// The child nodes of the node at `scope`: never together, so they overlap.
    fn kids(&self, scope: usize, scope_of: &HashMap<usize, usize>) -> Vec<usize> {
        let last = *self.merged(scope, scope_of).last().expect("non-empty");
        self.children_with_slots(last, scope_of)
    }

    fn children_with_slots(&self, scope: usize, scope_of: &HashMap<usize, usize>) -> Vec<usize> {
        self.children
            .get(&scope)
            .map(|c| {
                c.iter()
                    .copied()
                    .filter(|&k| self.holds(k, scope_of))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Whether `scope` is `within` or inside it.
    fn inside(&self, mut scope: usize, within: usize) -> bool {
        loop {
            if scope == within {
                return true;
            }
            match self.parent.get(&scope) {
                Some(&p) => scope = p,
                None => return false,
            }
        }
    }

    /// The root block's nodes and kids (its `Both` would be a `HeadN`: `Pins::head_ty`).
    fn root(
        &self,
        pinned: &[usize],
        scope_of: &HashMap<usize, usize>,
    ) -> (Vec<TokenStream>, TokenStream) {
        let p = private();
        let own = self.own(ROOT, pinned, scope_of).len();
        let nodes = if own <= self.flat(ROOT) {
            (0..own).map(|_| quote!(#p::Leaf<_>)).collect()
        } else {
            vec![chain(own)]
        };
        (nodes, self.kids_ty(ROOT, pinned, scope_of))
    }

    fn kids_ty(
        &self,
        scope: usize,
        pinned: &[usize],
        scope_of: &HashMap<usize, usize>,
    ) -> TokenStream {
        let p = private();
        let mut kids_ty = quote!(());
        for &k in self.kids(scope, scope_of).iter().rev() {
            let node = self.ty(k, pinned, scope_of);
            kids_ty = quote!(#p::Either<#node, #kids_ty>);
        }
        kids_ty
    }

    /// `Both<OWN, KIDS>`: `OWN = (Leaf<_>, Leaf<_>)` in declaration order (a tuple, which
    /// rustc lays out with the least padding; past `FLAT_SLOTS` slots a chain
    /// `Both<Leaf<_>, Both<Leaf<_>, ()>>`), `KIDS = Either<node, Either<node, ()>>`. For the
    /// root, only `Leaf<_>, …, KIDS` (one node per own slot, or one chain past
    /// `FLAT_SLOTS`): the parameters of a `HeadN` (`Pins::head_ty`).
    fn ty(&self, scope: usize, pinned: &[usize], scope_of: &HashMap<usize, usize>) -> TokenStream {
        let p = private();
        let own = self.own(scope, pinned, scope_of).len();
        let own_ty = if own <= FLAT_SLOTS {
            let leaves = (0..own).map(|_| quote!(#p::Leaf<_>,));
            quote!((#(#leaves)*))
        } else {
            chain(own)
        };
        let kids_ty = self.kids_ty(scope, pinned, scope_of);
        quote!(#p::Both<#own_ty, #kids_ty>)
    }

    fn path(&self, id: usize, pinned: &[usize], scope_of: &HashMap<usize, usize>) -> TokenStream {
        let target = scope_of[&id];
        let f = frame_ident();
        let mut out = quote!(#f);
        // Down the nodes, from the root's to the one holding `target`.
        let mut node = ROOT;
        while !self.merged(node, scope_of).contains(&target) {
            let kids = self.kids(node, scope_of);
            let k = kids
                .iter()
                .position(|&c| self.inside(target, c))
                .expect("a child holding pinned locals");
            if node == ROOT {
                out.extend(quote!(.kids()));
            } else {
                out.extend(quote!(.second()));
            }
            for _ in 0..k {
                out.extend(quote!(.right()));
            }
            out.extend(quote!(.left()));
            node = kids[k];
        }
        let own = self.own(node, pinned, scope_of);
        let j = own.iter().position(|&x| x == id).expect("own slot");
        if own.len() <= self.flat(node) {
            if node != ROOT {
                out.extend(quote!(.first()));
            }
            let at = format_ident!("at{}", j);
            out.extend(quote!(.#at()));
        } else {
            out.extend(if node == ROOT {
                quote!(.at0())
            } else {
                quote!(.first())
            });
            for _ in 0..j {
                out.extend(quote!(.second()));
            }
            out.extend(quote!(.first()));
        }
        out
    }
}

/// `n` slots past `FLAT_SLOTS`: `Both<Leaf<_>, Both<Leaf<_>, …()>>`.
fn chain(n: usize) -> TokenStream {
    let p = private();
    let mut ty = quote!(());
    for _ in 0..n {
        ty = quote!(#p::Both<#p::Leaf<_>, #ty>);
    }
    ty
}

/// The scope of the body's outermost block: the frame's root.
const ROOT: usize = 0;

/// The most slots a block's own tuple holds (stackless-runtime's `frame.rs` projects tuples
/// up to this arity); a block with more pinned locals chains them in `Both`s.
const FLAT_SLOTS: usize = 8;

/// Rewrites mentions of pinned locals by context (see the module docs). With
/// `rewrite: false` it only records which ones are used by value.
struct Access<'a> {
    names: &'a HashMap<String, (usize, bool)>,
    /// Every local's name (after renaming): a closure that captures one that is not pinned
    /// keeps capturing by reference.
    locals: &'a [String],
    /// Owners of literal-initialised locals (`Copy`: never moved out).
    copies: &'a [String],
    /// Owners of locals initialised by an `async` block (never `Copy`).
    futures: &'a [String],
    flagged: HashMap<String, bool>,
    moved: Vec<String>,
    rewrite: bool,
    /// The owners the tokens of the macro just rewritten name: each is reached there through
    /// a reference bound before the macro (`Access::through_refs`).
    refs: Vec<Ident>,
    /// The names a macro's field sigils need bound (`tokens`): name, reference to its owner.
    named: Vec<(Ident, Ident)>,
    /// Visiting a `let` chain (`user_first_token`).
    chain: bool,
}

enum Ctx {
    Read,
    Write,
    /// A method's receiver or a scrutinee: read or written as the method's autoref (or the
    /// patterns' binding modes) decide, which the expansion cannot see (runtime `Place`).
    Auto,
}

impl Access<'_> {
    fn owner_of(&self, e: &Expr) -> Option<(Ident, bool)> {
        match e {
            Expr::Path(p) if p.qself.is_none() => {
                let i = p.path.get_ident()?;
                let &(_, mutable) = self.names.get(&i.to_string())?;
                Some((i.clone(), mutable))
            }
            _ => None,
        }
    }

    fn is_flagged(&self, owner: &Ident) -> bool {
        self.flagged
            .get(&owner.to_string())
            .copied()
            .unwrap_or(false)
    }

    /// `&owner` → `owner.__place()` (a reference to the local; a method call, so the
    /// owner's type is known before the result is coerced).
    fn reference(&self, owner: &Ident, mutable: bool) -> Expr {
        let f = if mutable {
            quote!(__place_mut)
        } else {
            quote!(__place)
        };
        let span = owner.span();
        // SAFETY: `twin-checked`: the reference is used where the user's `&local` was, which
        // the twin borrow-checks as the native coroutine's.
        syn::parse_quote_spanned!(span=> unsafe { #owner.#f() })
    }

    fn place(&self, owner: &Ident, mutable: bool) -> Expr {
        let r = self.reference(owner, mutable);
        syn::parse_quote!((*#r))
    }

    /// `owner.__place_auto()` as a place: `(**Place::reach(&mut …))`, whose `Deref` or
    /// `DerefMut` the use picks (runtime `Place`).
    fn auto_place(&self, owner: &Ident) -> Expr {
        let span = owner.span();
        // SAFETY: `twin-checked`: the place is used where the user's local was, which the
        // twin borrow-checks as the native coroutine's; the temporary `Place` is reached at
        // once, in this expression.
        syn::parse_quote_spanned!(span=>
            (**unsafe {
                ::stackless::__private::Place::reach(&mut #owner.__place_auto())
            })
        )
    }

    /// A field path of a pinned local (`s.b`, `s.0.name`, `(s).b`): the owner, whether the
    /// local may be written through, and the members (`.0.name`).
    fn field_path(&self, e: &Expr) -> Option<(Ident, bool, TokenStream)> {
        let mut members = Vec::new();
        let mut e = e;
        loop {
            match e {
                Expr::Field(f) => {
                    members.push(&f.member);
                    e = &f.base;
                }
                Expr::Paren(p) if !members.is_empty() => e = &p.expr,
                _ => break,
            }
        }
        let (owner, mutable) = self.owner_of(e)?;
        members.reverse();
        (!members.is_empty()).then(|| (owner, mutable, quote!(#(.#members)*)))
    }

    /// A method's receiver that is a place inside a `mut` pinned local, reached by at least
    /// one field (`s.hits`, `s.v[i]`, `(s.a).b`): the method call runs on the place projected
    /// from the slot's address (`unsafe { (*owner.__ptr()).hits.push(x) }`), so that its
    /// autoref, whichever it is, borrows the field alone, as natively. (Through a `Place` of
    /// the whole local, a `&mut self` method would make a `&mut` to all of it, an access to
    /// every other field, which a live borrow of one of them may be using.)
    fn projected_receiver(&self, e: &Expr) -> bool {
        let mut fields = 0;
        let mut e = e;
        loop {
            match e {
                Expr::Field(f) => {
                    fields += 1;
                    e = &f.base;
                }
                Expr::Index(i) => e = &i.expr,
                Expr::Paren(p) => e = &p.expr,
                _ => break,
            }
        }
        fields > 0 && matches!(self.owner_of(e), Some((_, true)))
    }

    /// The receiver of `projected_receiver`, its root made the slot's place
    /// (`(*owner.__ptr())`) and its index expressions rewritten as any expression.
    fn raw_receiver(&mut self, e: &mut Expr) {
        match e {
            Expr::Field(f) => self.raw_receiver(&mut f.base),
            Expr::Index(i) => {
                self.raw_receiver(&mut i.expr);
                self.visit_expr_mut(&mut i.index);
            }
            Expr::Paren(p) => self.raw_receiver(&mut p.expr),
            _ => {
                if let Some((owner, _)) = self.owner_of(e) {
                    let span = owner.span();
                    *e = syn::parse_quote_spanned!(span=> (*#owner.__ptr()));
                }
            }
        }
    }

    /// A field path of a pinned local as a place, projected from the slot's address
    /// (`(*unsafe { &mut (*owner.__ptr()).b })`): the reference is to the field alone, as
    /// the native field path's is, not to the whole local, so a live borrow of another
    /// field (`&mut s.a`, a closure capturing it, another thread) is not touched.
    fn field(&self, owner: &Ident, members: &TokenStream, mutable: bool) -> Expr {
        let m = mutable.then(|| quote!(mut));
        let span = owner.span();
        // SAFETY: `twin-checked`, as in `reference`, for the user's field path: the members
        // are field names, the only tokens of the user's in the block (a union's field is
        // reached here only if the user's own code is in an `unsafe` block, which the twin
        // checks).
        syn::parse_quote_spanned!(span=> (*unsafe { &#m (*#owner.__ptr()) #members }))
    }

    /// A place context: `x.f`, `x[i]`, a method receiver, an assignee.
    fn place_ctx(&mut self, e: &mut Expr, ctx: Ctx) {
        if let Some((owner, mutable, members)) = self.field_path(e) {
            match ctx {
                // (Below.)
                Ctx::Auto if mutable => {}
                _ => {
                    if self.rewrite {
                        let mutable = mutable && matches!(ctx, Ctx::Write);
                        *e = self.field(&owner, &members, mutable);
                    }
                    return;
                }
            }
        }
        if let Some((owner, mutable)) = self.owner_of(e) {
            if self.rewrite {
                *e = match ctx {
                    Ctx::Auto if mutable => self.auto_place(&owner),
                    Ctx::Write => self.place(&owner, mutable),
                    _ => self.place(&owner, false),
                };
            }
            return;
        }
        match e {
            Expr::Field(f) => self.place_ctx(&mut f.base, ctx),
            Expr::Index(i) => {
                self.place_ctx(&mut i.expr, ctx);
                self.visit_expr_mut(&mut i.index);
            }
            Expr::Paren(p) => self.place_ctx(&mut p.expr, ctx),
            Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => {
                self.place_ctx(&mut u.expr, ctx)
            }
            other => self.visit_expr_mut(other),
        }
    }

    /// A non-`move` closure (or `async` block) that captures pinned locals and nothing else
    /// of the body's: it becomes `move`, over copies of their owners' handles, so it borrows
    /// nothing of the step and can be kept across a suspension point (the slots stay put;
    /// the twin borrow-checks the native closure).
    /// `let mut x = <x by value>;` for each pinned local in `free` (the names a `move`
    /// closure or `async move` block mentions), or `None` if it names none.
    fn by_value_captures(&mut self, free: &[String]) -> Option<TokenStream> {
        let mut lets = TokenStream::new();
        let mut done: Vec<&String> = Vec::new();
        for n in free {
            if self.names.contains_key(n) && !done.contains(&n) {
                done.push(n);
                let ident = scan::ident(n, Span::call_site());
                let mut v: Expr = syn::parse_quote!(#ident);
                self.visit_expr_mut(&mut v);
                lets.extend(quote!(#[allow(unused_mut)] let mut #ident = #v;));
            }
        }
        (!done.is_empty()).then_some(lets)
    }

    fn captured_owners(&self, free: &[String]) -> Option<Vec<Ident>> {
        let mut owners: Vec<Ident> = Vec::new();
        for n in free {
            if self.names.contains_key(n) {
                if !owners.iter().any(|o| o == n) {
                    owners.push(scan::ident(n, Span::call_site()));
                }
            } else if self.locals.contains(n) {
                return None;
            }
        }
        (!owners.is_empty()).then_some(owners)
    }

    /// What a non-`move` closure (or `async` block) that becomes `move` captures of each
    /// pinned local it names, as `let`s shadowing the owners. A local it only uses as a place
    /// (or never moves: `Copy`) is borrowed by the native closure: a handle to the slot. One
    /// it uses by value (`|| v`) is moved into the native closure when it is made, if it is
    /// not `Copy`: `__captured()` decides by the local's type (runtime `Captured`), so the
    /// value is owned by the closure and outlives the machine as the native one would.
    fn captures(&self, owners: &[Ident], visit: impl FnOnce(&mut Access<'_>)) -> TokenStream {
        let mut probe = Access {
            names: self.names,
            locals: self.locals,
            copies: self.copies,
            futures: self.futures,
            flagged: HashMap::new(),
            moved: Vec::new(),
            rewrite: false,
            refs: Vec::new(),
            named: Vec::new(),
            chain: false,
        };
        visit(&mut probe);
        owners
            .iter()
            .map(|o| {
                let name = o.to_string();
                if self.is_flagged(o) && probe.moved.contains(&name) {
                    if self.futures.contains(&name) {
                        // An `async` block is never `Copy`: moved in without the test (which
                        // rustc cannot make on its type yet).
                        let p = private();
                        // SAFETY: `twin-checked`: the native block moves the local in here,
                        // which the twin checks.
                        quote!(let #o = #p::CaptureMove::__stackless_capture(unsafe { #o.__captured() });)
                    } else {
                        // SAFETY: `twin-checked`: the native closure moves the local in here
                        // (or, when it is `Copy`, borrows it), which the twin checks.
                        quote!(let #o = (&unsafe { #o.__captured() }).__stackless_capture();)
                    }
                } else {
                    // SAFETY: `twin-checked`: the twin borrow-checks the native closure
                    // borrowing these locals.
                    quote!(let #o = unsafe { #o.__handle() };)
                }
            })
            .collect()
    }

    /// The left of an assignment, destructuring ones included: `(a, b) = (b, a + b);`.
    fn assignee(&mut self, e: &mut Expr) {
        if let Some((owner, _)) = self.owner_of(e) {
            if self.rewrite {
                // Unparenthesised: a parenthesised place is no assignee in a destructuring
                // assignment.
                let span = owner.span();
                // SAFETY: `twin-checked`, as in `reference`.
                *e = syn::parse_quote_spanned!(span=> *unsafe { #owner.__place_mut() });
            }
            return;
        }
        match e {
            Expr::Tuple(t) => t.elems.iter_mut().for_each(|x| self.assignee(x)),
            Expr::Array(a) => a.elems.iter_mut().for_each(|x| self.assignee(x)),
            Expr::Paren(p) => self.assignee(&mut p.expr),
            Expr::Struct(st) => st
                .fields
                .iter_mut()
                .for_each(|f| self.assignee(&mut f.expr)),
            Expr::Infer(_) => {}
            other => self.place_ctx(other, Ctx::Write),
        }
    }

    fn value(&mut self, e: &mut Expr, owner: Ident, mutable: bool) {
        if !self.is_flagged(&owner) && self.rewrite {
            // Never moved out: a by-value use is a copy of a `Copy` value.
            *e = self.place(&owner, false);
            let _ = mutable;
            return;
        }
        if !self.rewrite {
            if !self.copies.contains(&owner.to_string()) {
                self.moved.push(owner.to_string());
            }
            return;
        }
        let span = owner.span();
        if self.futures.contains(&owner.to_string()) {
            // An `async` block is never `Copy`: moved out without the test (see `captures`).
            let p = private();
            // SAFETY: `twin-checked`: read at once, where the user's by-value use was.
            *e = syn::parse_quote_spanned!(span=>
                #p::ReadMove::__stackless_read(unsafe { #owner.__by_value() })
            );
            return;
        }
        // SAFETY: `twin-checked`: read at once, where the user's by-value use was.
        *e = syn::parse_quote_spanned!(span=>
            (&unsafe { #owner.__by_value() }).__stackless_read()
        );
    }
}

impl Access<'_> {
    /// An expression of the lowered body, where `top` says. In an `.await`'s operand, a method
    /// that takes `self` where such calls are most often awaited (`t.commit().await`,
    /// `s.collect().await`: `liveness::awaited_consumes`) moves a pinned receiver that may
    /// be moved out of (a drop flag) into the future, as natively; any other method borrows
    /// it in place (`Ctx::Auto`).
    fn visit_top_mut(&mut self, e: &mut Expr, top: Top) {
        if top == Top::Borrowed {
            return self.place_ctx(e, Ctx::Auto);
        }
        if let Expr::MethodCall(m) = e {
            if top == (Top::Operand { awaited: true })
                && crate::liveness::awaited_consumes(&m.method.to_string())
                && self.owner_of(&m.receiver).is_some()
            {
                self.visit_expr_mut(&mut m.receiver);
                for a in &mut m.args {
                    self.visit_expr_mut(a);
                }
                return;
            }
        }
        self.chain = is_let_chain(e);
        self.visit_expr_mut(e);
        self.chain = false;
    }
}

impl VisitMut for Access<'_> {
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}

    fn visit_stmt_mut(&mut self, st: &mut syn::Stmt) {
        // `m!(..);` as the lowering may write it, an expression statement: a statement macro
        // still (its expansion may be several statements).
        if let syn::Stmt::Expr(Expr::Macro(m), Some(semi)) = st {
            if self.rewrite
                && scan::parse_macro_args(&m.mac).is_none()
                && !scan::is_pin_macro(&m.mac)
            {
                self.visit_macro_mut(&mut m.mac);
                let refs = self.through_refs();
                if !refs.is_empty() {
                    *st = syn::Stmt::Expr(Expr::Verbatim(quote!(#refs #m #semi)), None);
                }
                return;
            }
        }
        if let syn::Stmt::Macro(sm) = st {
            if self.rewrite && scan::parse_macro_args(&sm.mac).is_none() {
                self.visit_macro_mut(&mut sm.mac);
                let refs = self.through_refs();
                if !refs.is_empty() {
                    // (Not in a block: the macro's `let`s stay in the enclosing one.)
                    *st = syn::Stmt::Expr(Expr::Verbatim(quote!(#refs #sm)), None);
                }
                return;
            }
        }
        syn::visit_mut::visit_stmt_mut(self, st);
    }

    /// `let _ = x;`, `let ref r = x;`: a pattern that binds nothing by value takes a place,
    /// and moves nothing out of it.
    fn visit_local_mut(&mut self, l: &mut syn::Local) {
        if let Some(init) = &mut l.init {
            if !scan::binds_by_value(&l.pat) {
                let ctx = if scan::binds_ref_mut(&l.pat) {
                    Ctx::Write
                } else {
                    Ctx::Read
                };
                self.place_ctx(&mut init.expr, ctx);
                if let Some((_, e)) = &mut init.diverge {
                    self.visit_expr_mut(e);
                }
                return;
            }
        }
        syn::visit_mut::visit_local_mut(self, l);
    }

    fn visit_expr_mut(&mut self, e: &mut Expr) {
        if let Some((owner, mutable)) = self.owner_of(e) {
            self.value(e, owner, mutable);
            return;
        }
        match e {
            // (Whether a `let` is one of a chain's: `user_first_token`.)
            Expr::If(i) => {
                let outer = std::mem::replace(&mut self.chain, is_let_chain(&i.cond));
                self.visit_expr_mut(&mut i.cond);
                self.chain = outer;
                self.visit_block_mut(&mut i.then_branch);
                if let Some((_, els)) = &mut i.else_branch {
                    self.visit_expr_mut(els);
                }
            }
            Expr::While(w) => {
                let outer = std::mem::replace(&mut self.chain, is_let_chain(&w.cond));
                self.visit_expr_mut(&mut w.cond);
                self.chain = outer;
                self.visit_block_mut(&mut w.body);
            }
            Expr::Reference(r) => {
                if let Some((owner, mutable)) = self.owner_of(&r.expr) {
                    if self.rewrite {
                        *e = self.reference(&owner, r.mutability.is_some() && mutable);
                    }
                } else {
                    let ctx = if r.mutability.is_some() {
                        Ctx::Write
                    } else {
                        Ctx::Read
                    };
                    self.place_ctx(&mut r.expr, ctx);
                }
            }
            // `f(x)` with `f` a callable in the frame: called in place, through `Fn`/`FnMut`
            // (an async closure's future then borrows it), as natively; read out by value, a
            // `FnMut` called in a loop would be gone on the second turn. (An `FnOnce` kept in
            // the frame cannot be called there: rustc's E0507.)
            Expr::Call(c) if self.owner_of(&c.func).is_some() => {
                self.place_ctx(&mut c.func, Ctx::Auto);
                for a in &mut c.args {
                    self.visit_expr_mut(a);
                }
            }
            Expr::MethodCall(m) => {
                // (Methods that take `self` on every type they are common on: the local is
                // moved out of its slot, as the native method moves it.)
                let method = m.method.to_string();
                let consumes = method.starts_with("into_")
                    || matches!(method.as_str(), "into" | "try_into" | "leak");
                if !consumes && self.rewrite && self.projected_receiver(&m.receiver) {
                    self.raw_receiver(&mut m.receiver);
                    for a in &mut m.args {
                        self.visit_expr_mut(a);
                    }
                    // (The block's own tokens at the macro's mixed site, whose edition is the
                    // macro crate's: under edition 2024 the user's temporaries in the call,
                    // `s.text.split(&sep())`, would be dropped at the block's end, not at the
                    // end of the user's statement as natively.)
                    let span = Span::mixed_site();
                    // SAFETY: `twin-checked`, as in `field`: the receiver is the user's place
                    // projected from the slot's address, which the method's autoref borrows
                    // (`&` or `&mut` of the field alone, or of what a `Deref` of it returns),
                    // where the user's receiver was. The arguments and index expressions in
                    // the block are the user's: an `unsafe` operation among them outside the
                    // user's own `unsafe` is rejected by the twin, where they stand outside
                    // any `unsafe` block.
                    *e = syn::parse_quote_spanned!(span=> unsafe { #m });
                    return;
                }
                if consumes {
                    self.visit_expr_mut(&mut m.receiver);
                } else {
                    self.place_ctx(&mut m.receiver, Ctx::Auto);
                }
                for a in &mut m.args {
                    self.visit_expr_mut(a);
                }
            }
            Expr::Paren(p) if matches!(&*p.expr, Expr::Reference(r) if self.owner_of(&r.expr).is_some()) =>
            {
                // `(&mut f).await`: the parentheses would be unused around a method call.
                let mut inner = (*p.expr).clone();
                self.visit_expr_mut(&mut inner);
                if self.rewrite {
                    *e = inner;
                }
            }
            Expr::Field(_) => self.place_ctx(e, Ctx::Read),
            Expr::Index(i) => {
                self.place_ctx(&mut i.expr, Ctx::Read);
                self.visit_expr_mut(&mut i.index);
            }
            Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => {
                self.place_ctx(&mut u.expr, Ctx::Read)
            }
            Expr::Assign(a) => {
                if let Some((owner, _)) = self.owner_of(&a.left) {
                    self.visit_expr_mut(&mut a.right);
                    if self.rewrite {
                        let right = &a.right;
                        *e = if self.is_flagged(&owner) {
                            syn::parse_quote!(#owner.__set(#right))
                        } else {
                            // SAFETY: `twin-checked`, as in `reference`; `#right` is
                            // outside the `unsafe`.
                            syn::parse_quote!(*unsafe { #owner.__place_mut() } = #right)
                        };
                    }
                    return;
                }
                self.assignee(&mut a.left);
                self.visit_expr_mut(&mut a.right);
            }
            Expr::Binary(b) if scan::is_compound_assign(&b.op) => {
                self.place_ctx(&mut b.left, Ctx::Write);
                self.visit_expr_mut(&mut b.right);
            }
            Expr::Binary(b) => {
                if crate::scan::is_comparison(&b.op) {
                    self.place_ctx(&mut b.left, Ctx::Read);
                    self.place_ctx(&mut b.right, Ctx::Read);
                } else {
                    syn::visit_mut::visit_expr_binary_mut(self, b);
                }
            }
            // A local that every arm binds by value (`match v { w => .. }`) is moved out
            // whole, as each arm would move it; otherwise the arms borrow it in place (one
            // that moves it on some arms only is rustc's E0507 there: moved whole, it would be
            // dropped early on the others).
            Expr::Match(m)
                if self.owner_of(&m.expr).is_some()
                    && m.arms.iter().all(|a| scan::binds_by_value(&a.pat)) =>
            {
                self.visit_expr_mut(&mut m.expr);
                for arm in &mut m.arms {
                    self.visit_arm_mut(arm);
                }
            }
            Expr::Match(m) => {
                self.place_ctx(&mut m.expr, Ctx::Auto);
                for arm in &mut m.arms {
                    self.visit_arm_mut(arm);
                }
            }
            Expr::Let(l) => {
                let bare = matches!(&*l.expr, Expr::Path(_));
                let before = self.rewrite.then(|| l.expr.to_token_stream().to_string());
                self.place_ctx(&mut l.expr, Ctx::Auto);
                if before.is_some_and(|b| b != l.expr.to_token_stream().to_string()) {
                    user_first_token(&mut l.expr, l.let_token.span, bare, self.chain);
                }
            }
            // A `move` closure or `async move` block takes its captures by value: read each
            // pinned local it names (a copy, or a move out of the slot) into a binding of the
            // same name first, as the capture would. (Without this it would capture the
            // owner itself.)
            Expr::Closure(c) if c.capture.is_some() => {
                let mut f = FreeNames::default();
                syn::visit::Visit::visit_expr_closure(&mut f, c);
                if let Some(lets) = self.by_value_captures(&f.out) {
                    if self.rewrite {
                        *e = syn::parse_quote!({ #lets #c });
                    }
                } else {
                    syn::visit_mut::visit_expr_closure_mut(self, c);
                }
            }
            Expr::Async(a) if a.capture.is_some() => {
                let mut f = FreeNames::default();
                syn::visit::Visit::visit_block(&mut f, &a.block);
                if let Some(lets) = self.by_value_captures(&f.out) {
                    if self.rewrite {
                        *e = syn::parse_quote!({ #lets #a });
                    }
                } else {
                    syn::visit_mut::visit_expr_async_mut(self, a);
                }
            }
            Expr::Closure(c) if c.capture.is_none() && self.rewrite => {
                let mut f = FreeNames::default();
                syn::visit::Visit::visit_expr_closure(&mut f, c);
                if let Some(owners) = self.captured_owners(&f.out) {
                    let captures = self.captures(&owners, |a| {
                        syn::visit_mut::visit_expr_closure_mut(a, &mut c.clone())
                    });
                    syn::visit_mut::visit_expr_closure_mut(self, c);
                    c.capture = Some(Default::default());
                    *e = syn::parse_quote!({ #captures #c });
                } else {
                    syn::visit_mut::visit_expr_closure_mut(self, c);
                }
            }
            Expr::Async(a) if a.capture.is_none() && self.rewrite => {
                let mut f = FreeNames::default();
                syn::visit::Visit::visit_block(&mut f, &a.block);
                if let Some(owners) = self.captured_owners(&f.out) {
                    let captures = if crate::await_macros::is_wrapper(a) {
                        // The block a `select!`/`join!` runs in: its code moves a local out
                        // where the call's code does (`return Ok(got)` in one arm), through a
                        // handle to the slot, not when the block is made (which would take it
                        // on every turn of a loop around the call).
                        owners
                            .iter()
                            // SAFETY: `twin-checked`: the twin has the call in place, which
                            // uses the locals as the block does.
                            .map(|o| quote!(let #o = unsafe { #o.__handle() };))
                            .collect()
                    } else {
                        self.captures(&owners, |acc| {
                            syn::visit_mut::visit_expr_async_mut(acc, &mut a.clone())
                        })
                    };
                    syn::visit_mut::visit_expr_async_mut(self, a);
                    a.capture = Some(Default::default());
                    *e = syn::parse_quote!({ #captures #a });
                } else {
                    syn::visit_mut::visit_expr_async_mut(self, a);
                }
            }
            Expr::Macro(m)
                if self.rewrite
                    && scan::parse_macro_args(&m.mac).is_none()
                    && !scan::is_pin_macro(&m.mac) =>
            {
                self.visit_macro_mut(&mut m.mac);
                let refs = self.through_refs();
                if !refs.is_empty() {
                    *e = syn::parse_quote!({ #refs #m });
                }
            }
            Expr::Macro(m) if scan::is_pin_macro(&m.mac) => {
                if let Ok(mut arg) = m.mac.parse_body::<Expr>() {
                    if let Some((owner, _)) = self.owner_of(&arg) {
                        if self.rewrite {
                            let p = private();
                            // SAFETY: `frame-fixed` (a `pin!` local makes the frame
                            // `Fixed`, liveness.rs), `twin-checked`.
                            *e = syn::parse_quote!(unsafe { #p::pin_slot(&#owner) });
                        }
                        return;
                    }
                    // `pin!(stream::iter(v))`: its argument is an expression like any other
                    // (moved in, as the macro moves it).
                    self.visit_expr_mut(&mut arg);
                    if self.rewrite {
                        m.mac.tokens = quote!(#arg);
                    }
                    return;
                }
                self.visit_macro_mut(&mut m.mac);
            }
            _ => syn::visit_mut::visit_expr_mut(self, e),
        }
    }

    fn visit_macro_mut(&mut self, m: &mut syn::Macro) {
        if let Some(mut args) = scan::parse_macro_args(m) {
            let by_value = m.path.segments.last().is_some_and(|s| s.ident == "vec");
            for a in &mut args.args {
                match a {
                    a if by_value => self.visit_expr_mut(a),
                    // Formatting and assertion macros take their arguments by reference
                    // (a named one, `name = value`, too).
                    Expr::Assign(named) if scan::named_argument_name(named).is_some() => {
                        self.place_ctx(&mut named.right, Ctx::Read)
                    }
                    a => self.place_ctx(a, Ctx::Read),
                }
            }
            if self.rewrite {
                *m = scan::rebuild_macro(m, &args);
            }
        } else if let Some(tokens) =
            crate::await_macros::visit_exprs(&m.clone(), |e| self.visit_expr_mut(e))
        {
            // A `select!`/`join!` (`await_macros.rs`): its futures, guards and handlers are
            // expressions, used as written (`_ = shutdown =>` moves `shutdown` in).
            if self.rewrite {
                m.tokens = tokens;
            }
        } else if self.rewrite {
            if let Some(owner) = self.moved_into_closure(&m.tokens) {
                let name = user_name(&owner);
                // A `move` closure or `async move` block in tokens the macro cannot read would
                // capture the slot's place, not the value the native one owns.
                let span = syn::spanned::Spanned::span(&m.path);
                let msg = format!(
                    "a `move` closure or `async move` block in this macro's tokens names \
                     `{name}`, which the coroutine keeps in its frame (it is borrowed across a \
                     suspension point, or used in a `select!`); the macro's tokens are not Rust \
                     the coroutine can read, so it cannot move `{name}` in: move a clone made \
                     in the macro's tokens instead (`let {name}2 = {name}.clone();`)"
                );
                *m = syn::parse_quote_spanned!(span=> ::stackless::__private::core::compile_error!(#msg));
                return;
            }
            let mut refs = Vec::new();
            let mut named = Vec::new();
            let fields = scan::field_macro(m);
            m.tokens = self.tokens(std::mem::take(&mut m.tokens), fields, &mut refs, &mut named);
            self.refs = refs;
            self.named = named;
        }
    }
}

impl Access<'_> {
    /// The first pinned local a `move` closure or `async move` block names, in tokens the
    /// macro cannot read (`spawn(async move { s.len() })` in a `select!` handler,
    /// `Box::new(move || n)`): the block is the group after `move`; a closure's body, as far
    /// as the next `,` or `;` of its level.
    fn moved_into_closure(&self, ts: &TokenStream) -> Option<String> {
        fn names(a: &Access<'_>, ts: TokenStream) -> Option<String> {
            ts.into_iter().find_map(|t| match t {
                TokenTree::Ident(i) if a.names.contains_key(&i.to_string()) => Some(i.to_string()),
                TokenTree::Group(g) => names(a, g.stream()),
                _ => None,
            })
        }
        let toks: Vec<TokenTree> = ts.clone().into_iter().collect();
        for (k, t) in toks.iter().enumerate() {
            match t {
                TokenTree::Ident(i) if i == "move" => {
                    let body: TokenStream = match toks.get(k + 1) {
                        Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Brace => {
                            g.stream()
                        }
                        _ => toks[k + 1..]
                            .iter()
                            .take_while(|t| {
                                !matches!(t, TokenTree::Punct(p) if p.as_char() == ',' || p.as_char() == ';')
                            })
                            .cloned()
                            .collect(),
                    };
                    if let Some(n) = names(self, body) {
                        return Some(n);
                    }
                }
                TokenTree::Group(g) => {
                    if let Some(n) = self.moved_into_closure(&g.stream()) {
                        return Some(n);
                    }
                }
                _ => {}
            }
        }
        None
    }

    /// In a macro the macro does not parse: a mention is the local, as a place (a `Place`, whose
    /// `Deref` or `DerefMut` the use picks, for a local that may be written through), reached
    /// through a shared reference to its owner (`refs`: the owners named) that `through_refs` binds
    /// before the macro. A closure the macro's expansion makes — `move` or not, which these
    /// tokens may not show — can then capture only that reference, so it cannot outlive the
    /// owner: taking the local away, as a native `move` closure would, is rustc's borrow
    /// error, not a closure holding the slot's address after the machine is gone.
    ///
    /// A mention right after a `?` or `%` (`tracing::debug!(?response, %id)`: a field whose
    /// value is the local, by its name) stays the name, bound before the macro to a shared
    /// reference to the local (`named`): the macro needs an identifier there.
    /// `fields`: the tokens are a `tracing`-style macro's arguments (`scan::field_macro`),
    /// where a local named alone as an argument is a field named after it (`info!(total,
    /// "done")`) and a name before `=` is a field's name (`info!(total = n, ..)`): the first
    /// is bound by name, as after a sigil, the second left as it is.
    fn tokens(
        &self,
        ts: TokenStream,
        fields: bool,
        refs: &mut Vec<Ident>,
        named: &mut Vec<(Ident, Ident)>,
    ) -> TokenStream {
        let toks: Vec<TokenTree> = ts.into_iter().collect();
        let punct = |k: Option<&TokenTree>, c: char| matches!(k, Some(TokenTree::Punct(p)) if p.as_char() == c);
        let field_name =
            |k: usize| fields && punct(toks.get(k + 1), '=') && !punct(toks.get(k + 2), '=');
        let shorthand = |k: usize| {
            fields
                && (k == 0 || punct(toks.get(k - 1), ','))
                && (k + 1 == toks.len() || punct(toks.get(k + 1), ','))
        };
        let mut sigil = false;
        toks.iter()
            .cloned()
            .enumerate()
            .map(|(k, t)| {
                let after_sigil = std::mem::replace(
                    &mut sigil,
                    matches!(&t, TokenTree::Punct(p) if p.as_char() == '?' || p.as_char() == '%'),
                );
                (t, after_sigil || shorthand(k), field_name(k))
            })
            .map(|(t, after_sigil, field_name)| match t {
                TokenTree::Ident(i) if field_name => TokenTree::Ident(i),
                TokenTree::Ident(i) if after_sigil && self.names.contains_key(&i.to_string()) => {
                    // (The local's own name, as the user wrote it: the macro may print it.)
                    let r = ref_ident(&i);
                    if !refs.contains(&r) {
                        refs.push(r.clone());
                    }
                    let name = crate::scan::ident(user_name(&i.to_string()), i.span());
                    if !named.iter().any(|(n, _)| *n == name) {
                        named.push((name.clone(), r));
                    }
                    TokenTree::Ident(name)
                }
                TokenTree::Ident(i) if self.names.contains_key(&i.to_string()) => {
                    let &(_, mutable) = &self.names[&i.to_string()];
                    let r = ref_ident(&i);
                    if !refs.contains(&r) {
                        refs.push(r.clone());
                    }
                    // The tokens' use of it is not known: a `Place`, whose `Deref` or
                    // `DerefMut` the use picks (a read never makes a `&mut` to the local).
                    let e = if mutable {
                        self.auto_place(&r)
                    } else {
                        self.place(&r, false)
                    };
                    let span = i.span();
                    let g = Group::new(Delimiter::Parenthesis, quote_spanned!(span=> #e));
                    TokenTree::Group(g)
                }
                TokenTree::Group(g) => {
                    let inner = self.tokens(g.stream(), false, refs, named);
                    let mut ng = Group::new(g.delimiter(), inner);
                    ng.set_span(g.span());
                    TokenTree::Group(ng)
                }
                t => t,
            })
            .collect()
    }

    /// `let x_ref = &x;` for each owner the macro just rewritten names (`tokens`), and
    /// `let name = &(place);` for each name a field sigil needs as it is.
    fn through_refs(&mut self) -> TokenStream {
        let refs: TokenStream = std::mem::take(&mut self.refs)
            .into_iter()
            .map(|r| {
                let owner = owner_of_ref(&r);
                quote!(let #r = &#owner;)
            })
            .collect();
        let named: TokenStream = std::mem::take(&mut self.named)
            .into_iter()
            .map(|(name, r)| {
                let place = self.place(&r, false);
                quote!(#[allow(unused_variables)] let #name = &#place;)
            })
            .collect();
        quote!(#refs #named)
    }
}

/// The local's own name, from its owner's (`__pin_buf_2` → `buf`, see `pin`).
fn user_name(owner: &str) -> &str {
    owner
        .strip_prefix("__pin_")
        .and_then(|rest| rest.rsplit_once('_'))
        .map_or(owner, |(name, _)| name)
}

/// The name a reference to `owner` is bound to before a macro whose tokens name it.
fn ref_ident(owner: &Ident) -> Ident {
    Ident::new(&format!("{owner}_ref"), owner.span())
}

/// A `let` in a condition, `let P = e`, is checked for the edition that allows a `let`
/// chain (`if let Some(x) = v.pop() && x > 1`, edition 2024) by its span, which is this
/// macro's (whose edition is the macro crate's, 2021) as soon as `e` mixes the macro's tokens
/// with the user's, unless `e` is one group of the user's span. So in a chain, a rewritten
/// scrutinee is put in parentheses of the `let`'s span (rustc's `unused_parens` does not
/// look at a chain's `let`s), in place of this macro's own around a local named alone
/// (`bare`, now `(**unsafe { .. })`). Outside a chain no edition is checked, and the
/// parentheses this macro wrote around a bare local go (they would be `unused_parens`
/// under the user's span); its first token gets the span, as does the first token of any
/// other (`(**unsafe { .. }).pop()` keeps its parentheses under it). (The user's own
/// parentheses stay: `(a || v.is_empty())`.)
fn user_first_token(e: &mut Expr, span: Span, bare: bool, chain: bool) {
    let tokens = match &*e {
        Expr::Paren(p) if bare => p.expr.to_token_stream(),
        e => e.to_token_stream(),
    };
    if chain {
        let mut g = Group::new(proc_macro2::Delimiter::Parenthesis, tokens);
        g.set_span(span);
        if let Ok(new) = syn::parse2(TokenTree::Group(g).into()) {
            *e = new;
        }
        return;
    }
    let mut toks: Vec<TokenTree> = tokens.into_iter().collect();
    match toks.first_mut() {
        Some(TokenTree::Group(g)) => {
            let mut ng = Group::new(g.delimiter(), g.stream());
            ng.set_span(span);
            *g = ng;
        }
        Some(t) => t.set_span(span),
        None => return,
    }
    if let Ok(new) = syn::parse2(toks.into_iter().collect()) {
        *e = new;
    }
}

/// A `let` chain: `&&`s with a `let` among their operands.
fn is_let_chain(cond: &Expr) -> bool {
    matches!(scan::strip_parens(cond), Expr::Binary(_)) && !scan::cond_binds(cond).is_empty()
}

/// The owner of a reference named by `ref_ident`.
fn owner_of_ref(r: &Ident) -> Ident {
    let s = r.to_string();
    Ident::new(s.strip_suffix("_ref").unwrap_or(&s), r.span())
}
