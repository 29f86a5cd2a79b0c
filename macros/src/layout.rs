//! Stage 4 — layout: the state enum.
//!
//! One variant per suspension point, holding exactly the locals that point carries (and,
//! for `.await`, the pending future, structurally pinned), plus `Start` (the arguments),
//! `Running` (while a step runs, and after a panic) and `Done`. The enum is generic over one
//! type parameter per slot, so rustc infers every type, nameable or not.
//!
//! Fields are declared in reverse order of the locals' declarations (the pending future
//! first), so dropping a suspended machine drops them as leaving their scopes would. Beside
//! the pending future, `__trace` is a zero-sized marker that says how a backtrace reads it
//! (runtime `trace.rs`): no bytes, no code on the resume path.
//!
//! The points of a resident group (`resident.rs`) carry the same locals and share one
//! variant, named after the first of them, with a `__point: u8` field when there are several.
//!
//! A group's variant is resumed in place: a yield back into it writes no tag, so the next
//! resume learns the variant by reading the tag again. If rustc stored the tag in a niche of
//! the variant's own fields (a `String`'s capacity, say), every write to that field would be a
//! possible write of the tag, and the test could never leave the loop. So each group has a
//! *niche guard*: a variant never built, `__NoNicheYield0 { s: MaybeUninit<T2>, … }`, as large
//! as the group's and without a niche, which leaves rustc no layout but a tag of its own
//! (placed, as for any enum, where the variants' small fields pack best). That costs the bytes
//! a niche would have saved in the machines that resume in place, and buys a resume loop
//! that tests no tag (`emit.rs`, `still_here`).
//!
//! from: `fn count_up(limit: u64) { let mut i = 0; while i < limit { yield_!(i); i += 1; } }`
//! into: `enum __CountUp<T0, T1> { Start { limit: T0 }, Yield0 { i: T1, limit: T0 },`
//!       `                         Running, Done }`

use std::collections::HashMap;

use proc_macro2::Span;
use quote::format_ident;
use syn::{Ident, Pat};

use crate::ir::{Body, PointKind, StmtKind};
use crate::liveness::Liveness;
use crate::parse::Coroutine;
use crate::pinned::Pins;
use crate::resident::Resident;

#[derive(Clone, Copy)]
pub enum Source {
    /// One of the coroutine's parameters (its index).
    Param(usize),
    /// A local of the body.
    Local(usize),
    /// The future being awaited.
    Future,
    /// Which point of a resident group (see `resident.rs`) the body is parked at.
    Point,
    /// Beside an awaited future: a zero-sized marker of how a trace reads it (runtime
    /// `trace.rs`, `Traced`/`Opaque`), chosen where the future is made, by its type.
    Kind,
}

pub struct Field {
    pub name: Ident,
    pub ty: Ident,
    pub pinned: bool,
    pub source: Source,
}

pub struct Variant {
    pub name: Ident,
    pub fields: Vec<Field>,
}

pub struct Layout {
    pub enum_name: Ident,
    pub replace_name: Ident,
    pub proj_name: Ident,
    pub ty_params: Vec<Ident>,
    pub start: Variant,
    /// The variant of each suspension point.
    pub points: Vec<Variant>,
    /// One niche guard per resident group whose variant has fields: never built, with the
    /// group variant's fields, declared as `MaybeUninit`s (see the module's docs).
    pub niche_guards: Vec<Variant>,
}

pub fn camel(name: &str) -> String {
    let name = name.strip_prefix("r#").unwrap_or(name);
    let mut out = String::new();
    let mut up = true;
    for c in name.chars() {
        if c == '_' {
            up = true;
        } else if up {
            out.extend(c.to_uppercase());
            up = false;
        } else {
            out.push(c);
        }
    }
    out
}

pub fn layout(
    co: &Coroutine,
    body: &Body,
    live: &Liveness,
    resident: &Resident,
    pins: &Pins,
) -> Layout {
    let base = camel(&co.name.to_string());
    let enum_name = format_ident!("__{}", base);
    let replace_name = format_ident!("__{}Replace", base);
    let proj_name = format_ident!("__{}Project", base);

    let mut ty_params = Vec::new();
    // By local and how it is carried: as it is, or only to be dropped at its scope's end
    // (`Liveness::kept_for_drop`; runtime `keep.rs`), a type apart from the `T` it is carried
    // as where code after uses it.
    let mut local_ty: HashMap<(usize, u8), Ident> = HashMap::new();
    let mut taken_ty: HashMap<(usize, u8), Ident> = HashMap::new();
    let fresh = |prefix: &str, ty_params: &mut Vec<Ident>| {
        let id = format_ident!("{}{}", prefix, ty_params.len(), span = Span::call_site());
        ty_params.push(id.clone());
        id
    };

    // The parameters: a parameter bound to a plain identifier is the same value as the
    // local its `let` declares, so they share a type parameter.
    let root = &body.block;
    let mut start_fields = Vec::new();
    for (k, p) in co.params.iter().enumerate() {
        let ty = fresh("T", &mut ty_params);
        if let Pat::Ident(pi) = &p.pat {
            if pi.subpat.is_none() && pi.by_ref.is_none() {
                let pos = root.stmts[body.param_stmts[k]].range.start;
                if let Some(id) = live
                    .locals
                    .iter()
                    .position(|l| l.pos == pos && l.scope == root.scope && l.ident == pi.ident)
                {
                    local_ty.insert((id, 0), ty.clone());
                }
            }
        }
        // An argument written into its slot when the machine is made (`pinned.rs`,
        // `preset`) is not in `Start`.
        if pins.preset.iter().any(|q| q.param == k) {
            continue;
        }
        start_fields.push(Field {
            name: p.field.clone(),
            ty,
            pinned: false,
            source: Source::Param(k),
        });
    }
    debug_assert!(body
        .param_stmts
        .iter()
        .all(|&at| matches!(root.stmts[at].kind, StmtKind::Plain(_))));

    let mut points = Vec::new();
    for (q, point) in body.points.iter().enumerate() {
        let kind = match point.kind {
            PointKind::Yield => "Yield",
            PointKind::Await => "Await",
        };
        let name = format_ident!("{}{}", kind, point.ordinal);
        let mut fields = Vec::new();
        if point.kind == PointKind::Await {
            let ty = fresh("F", &mut ty_params);
            fields.push(Field {
                name: format_ident!("__fut"),
                ty,
                pinned: true,
                source: Source::Future,
            });
            let ty = fresh("K", &mut ty_params);
            fields.push(Field {
                name: format_ident!("__trace"),
                ty,
                pinned: false,
                source: Source::Kind,
            });
        }
        let mut used: Vec<String> = Vec::new();
        for &id in live.live[q].iter().rev() {
            // A taken local's field in its group's variant is a `Taken<T>` cell: a type of
            // its own, apart from the `T` other variants carry it as.
            // 0: as it is; 1: for its drop only (`NoDrop`/`DropLater`); 2: the same, to be put
            // back for an assignment (`NoDropOf<T>`/`DropLater<T>`, `Liveness::revived`).
            let dead = match resident.wrapped_for_drop(live, q, id) {
                false => 0u8,
                true if live.revived[q].contains(&id) || live.kept_typed[q].contains(&id) => 2,
                true => 1,
            };
            let ty = if resident.taken.contains(&id) && resident.group_of[q].is_some() {
                taken_ty.entry((id, dead))
            } else {
                local_ty.entry((id, dead))
            }
            .or_insert_with(|| fresh("T", &mut ty_params))
            .clone();
            let base = live.locals[id].ident.to_string();
            let mut fname = base.clone();
            let mut n = 1;
            while used.contains(&fname) {
                fname = format!("{base}_{n}");
                n += 1;
            }
            used.push(fname.clone());
            fields.push(Field {
                name: crate::scan::ident(&fname, Span::call_site()),
                ty,
                pinned: false,
                source: Source::Local(id),
            });
        }
        points.push(Variant { name, fields });
    }
    // The points of a resident group share one variant, and say which of them is pending.
    for (k, g) in resident.groups.iter().enumerate() {
        let first = points[g[0]].name.clone();
        for &q in g {
            let v = &mut points[q];
            v.name = first.clone();
            if resident.told_apart(k) {
                v.fields.push(Field {
                    name: format_ident!("__point"),
                    ty: format_ident!("u8"),
                    pinned: false,
                    source: Source::Point,
                });
            }
        }
    }
    let niche_guards = resident
        .groups
        .iter()
        .map(|g| &points[g[0]])
        .filter(|v| !v.fields.is_empty())
        .map(|v| Variant {
            name: format_ident!("__NoNiche{}", v.name),
            fields: v
                .fields
                .iter()
                .map(|f| Field {
                    name: f.name.clone(),
                    ty: f.ty.clone(),
                    pinned: false,
                    source: f.source,
                })
                .collect(),
        })
        .collect();
    // A state that moves freely (no frame, no future awaited in place) is projected as
    // itself (`emit.rs`, runtime `Unpinned`): its patterns name the enum.
    let moves_freely = !pins.any()
        && !(points.iter().chain(&niche_guards)).any(|v| v.fields.iter().any(|f| f.pinned));
    let (replace_name, proj_name) = if moves_freely {
        (enum_name.clone(), enum_name.clone())
    } else {
        (replace_name, proj_name)
    };
    Layout {
        enum_name,
        replace_name,
        proj_name,
        ty_params,
        start: Variant {
            name: format_ident!("Start"),
            fields: start_fields,
        },
        points,
        niche_guards,
    }
}
