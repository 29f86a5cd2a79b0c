//! Stage 5 — emit: the state enum and the step closure.
//!
//! The step closure matches on the state and runs one *arm*: `Start` runs the body from the
//! top; the arm of a suspension point rebinds the locals it carries and runs that point's
//! continuation — the rest of the innermost block, then of each enclosing block, with each
//! enclosing loop re-entered after its current iteration — written out as ordinary nested
//! Rust, so locals stay real `let` bindings. Reaching a suspension point saves the live
//! locals into its variant and returns (or, for `.await`, goes round to poll the future).
//!
//! from: `let mut i = 0; while i < limit { yield_!(i); i += 1; }`
//! into: `Replace::Start { limit } => { let limit = limit; let mut i = 0;`
//!       `    '__loop0: loop { if i < limit { let __y = i;`
//!       `        __state.set(__CountUp::Yield0 { i, limit }); return Step::Yielded(__y); }`
//!       `      else { break '__loop0; } } }`
//!       `Replace::Yield0 { i, limit } => { let limit = limit; let mut i = i;`
//!       `    { let mut i = i; { __arg; i += 1; } } '__loop0: loop { …same loop… } }`
//!
//! A resident group's arm (`resident.rs`) takes nothing apart: it binds the carried locals
//! to `&mut`s to the fields of the group's variant (`Project::Yield0 { i, limit } => …`,
//! where the body reads `(*i) += 1`), picks the pending point's branch by `__point` if the
//! group's points resume different code, and a yield back into the group only returns.
//! Elsewhere a resident local lives in `__res_x` with `x = &mut __res_x`. The group that
//! `Start` enters is tested first, on its own, so the loop's resume is one test of the tag.

use std::collections::HashMap;

use proc_macro2::{Delimiter, Group, Ident, Punct, Spacing, Span, TokenStream, TokenTree};
use quote::{format_ident, quote, quote_spanned, ToTokens};
use syn::visit_mut::VisitMut;
use syn::{Lifetime, Signature};

use crate::ir::{Block, Body, PointKind, SExpr, Stmt, StmtKind};
use crate::layout::{Layout, Source, Variant};
use crate::liveness::Liveness;
use crate::lower::{body_label, Lowered};
use crate::parse::{Coroutine, Kind};
use crate::pinned::Pins;
use crate::resident::Resident;
use crate::scan;

fn hidden(name: &str) -> Ident {
    crate::scan::ident(name, Span::mixed_site())
}

/// The name a group's arm binds a copied or taken local's field to (`&mut` to it), apart
/// from the local's own name, which the arm binds too (and which may be hidden as well: a
/// `for` loop's iterator).
fn cell(field: &Ident) -> Ident {
    hidden(&format!("__cell_{field}"))
}

fn hidden_label(name: &str) -> Lifetime {
    Lifetime::new(name, Span::mixed_site())
}

pub fn emit(
    co: &Coroutine,
    lowered: &Lowered,
    live: &Liveness,
    layout: &Layout,
    pins: &Pins,
    resident: &Resident,
) -> (TokenStream, Vec<u8>) {
    let body = &lowered.body;
    // Only awaits need the dispatch loop (they poll a pinned future in place).
    let dispatch = body.points.iter().any(|p| p.kind == PointKind::Await);
    let mut em = Emitter {
        co,
        body,
        live,
        layout,
        dispatch,
        // Awaits and resident groups reach into a variant before (or instead of) taking it.
        project: dispatch || resident.any(),
        takes: vec![false; resident.groups.len()],
        in_place: true,
        refined: vec![0; resident.point.len()],
        resident,
        constructed: vec![false; body.points.len()],
        resuming: None,
        framed: pins.any(),
        promoted: if pins.any() {
            crate::state::promote(layout, pins.head_room(), pins.root_nodes.len())
        } else {
            Vec::new()
        },
        labels: 0,
        hidden_locals: Vec::new(),
        restored: Vec::new(),
        pins,
    };

    // Arms in breadth-first order from `Start`: each point's variant is built (and so its
    // slot types inferred) by an arm that comes before the arm that takes it apart. Points
    // that no code reaches get neither an arm nor a variant.
    let mut arms = Vec::new();
    let (start_pat, start_body, start_div) = em.start_arm();
    arms.push(quote!(#start_pat => #start_body));
    let mut divs = vec![start_div];
    let mut all_div = start_div;
    let mut order = Vec::new();
    // A resident group's arm sits where its first point's would; each of its points adds a
    // branch as the search reaches it.
    let mut group_arms: Vec<Option<GroupArm>> = vec![None; resident.groups.len()];
    loop {
        let next = (0..body.points.len()).find(|q| em.constructed[*q] && !order.contains(q));
        let Some(q) = next else { break };
        order.push(q);
        let (arm, div) = em.resume_arm(q);
        all_div &= div;
        match resident.group_of[q] {
            Some(g) => {
                let slot = group_arms[g].get_or_insert_with(|| {
                    arms.push(TokenStream::new());
                    divs.push(true);
                    (arms.len() - 1, Vec::new(), true)
                });
                slot.1.push((q, arm));
                slot.2 &= div;
            }
            None => {
                arms.push(arm);
                divs.push(div);
            }
        }
    }
    // The group that `Start` enters, if its arm comes right after `Start`'s.
    let mut hot_group = None;
    for (g, slot) in group_arms.into_iter().enumerate() {
        if let Some((at, branches, div)) = slot {
            let (pat, body) = em.group_arm(g, branches);
            arms[at] = quote!(#pat => #body);
            divs[at] = div;
            if at == 1 {
                hot_group = Some((pat, body, div));
            }
        }
    }

    let enum_def = em.enum_def(&order);
    let trace_def = em.trace_def(&order);
    let Layout {
        enum_name,
        replace_name,
        ..
    } = layout;
    let name = co.display_name();
    let private = quote!(::stackless::__private);
    let state = hidden("__state");
    let arg = hidden("__arg");
    let body_lbl = body_label();
    let uses_body = arms.iter().any(|a| mentions_label(a, "break", &body_lbl))
        || (hot_group.is_some() && !all_div);
    let label = uses_body.then(|| quote!(#body_lbl:));

    // A parameter's value: `self`, or the name the signature binds it to.
    let param_value = |k: usize| {
        if co.params[k].receiver {
            quote!(self)
        } else {
            let n = &co.params[k].field;
            quote!(#n)
        }
    };
    let start_params: Vec<usize> = (layout.start.fields.iter())
        .map(|f| match f.source {
            Source::Param(k) => k,
            _ => unreachable!("`Start` holds parameters"),
        })
        .collect();
    let start_values: Vec<TokenStream> = start_params.iter().map(|&k| param_value(k)).collect();
    let start_fields = layout
        .start
        .fields
        .iter()
        .zip(&start_params)
        .map(|(f, &k)| {
            let n = &f.name;
            if co.params[k].receiver {
                quote!(#n: self)
            } else {
                quote!(#n)
            }
        });
    let init = quote!(#enum_name::Start { #(#start_fields),* });
    let items = &lowered.items;
    let used = lowered
        .yield_paths
        .iter()
        .map(|p| quote!(#p!(@__stackless_used);));

    // Resumed in `Running` (after a panic) or `Done`: one arm, no branch (`Step::stopped`),
    // so the dispatch's cold end costs the inliner little; it also covers the niche guards
    // (`layout.rs`), which are never built. Where every other variant has an arm the
    // pattern names these, so a variant without one is still a compile error.
    let proj_name = &layout.proj_name;
    let guards = layout.niche_guards.iter().map(|v| {
        let vn = &v.name;
        quote!(| #proj_name::#vn { .. })
    });
    let running = if em.framed {
        let step = crate::state::names(layout).step;
        quote!(#step::running(&#state))
    } else {
        quote!(::stackless::__private::core::matches!(*#state, #enum_name::Running))
    };
    let (done, poisoned) = (
        format!("coroutine `{name}` resumed after completion"),
        format!("coroutine `{name}` resumed after panicking"),
    );
    let stop = quote! {
        return #private::Step::stopped(#running, &[#done, #poisoned])
    };
    let stopped = quote!(#proj_name::Running | #proj_name::Done #(#guards)* => #stop,);
    let dispatch = if em.dispatch {
        let dl = hidden_label("'__dispatch");
        quote! {
            #dl: loop {
                match #state.as_mut().project() {
                    #(#arms)*
                    #stopped
                }
            }
        }
    } else if let Some((group_pat, group_body, group_div)) = &hot_group {
        // The group that `Start` enters is where a generator's loop runs, so its test comes
        // first and alone (one `match` of all the arms would become a jump table). The
        // first pass tests the group; the second `Start`, then the other arms. The code is
        // written in the order rustc must see it (a variant's types are inferred from the
        // arm that builds it, which comes before the arm that takes it apart).
        let pass = hidden("__pass");
        let lbl = body_label();
        let part = |body: &TokenStream, div: bool| {
            if div {
                quote!(#body)
            } else {
                quote!(break #lbl #body)
            }
        };
        let start = part(&start_body, start_div);
        let group = part(group_body, *group_div);
        let rest_arms = &arms[2..];
        let rest = if rest_arms.is_empty() {
            // (`Start` and the group were tested before: nothing else resumes.)
            quote!(#stop;)
        } else {
            part(
                &quote! {
                    match #state.as_mut().project() {
                        #(#rest_arms)*
                        // (`Start` and the group were tested before.)
                        _ => #stop,
                    }
                },
                divs[2..].iter().all(|d| *d),
            )
        };
        quote! {
            let mut #pass = false;
            loop {
                if #pass {
                    if let #start_pat = #state.as_mut().project() {
                        #start
                    }
                } else if let #group_pat = #state.as_mut().project() {
                    #group
                }
                if #pass {
                    #rest
                }
                #pass = true;
            }
        }
    } else if em.project {
        quote! {
            match #state.as_mut().project() {
                #(#arms)*
                #stopped
            }
        }
    } else {
        quote! {
            match #state.as_mut().project_replace(#enum_name::Running) {
                #(#arms)*
                #replace_name::Running => return #private::Step::Poisoned(#poisoned),
                #replace_name::Done => {
                    #state.set(#enum_name::Done);
                    return #private::Step::Done(#done);
                }
            }
        }
    };
    // In the dispatch loop every arm that finishes the body breaks out with its value.
    let finishes = if em.dispatch {
        uses_body
    } else {
        uses_body || !all_div
    };
    let ret = hidden("__ret");
    let ret_ty = co
        .return_ty
        .as_ref()
        .filter(|_| !co.residual_items)
        .map(|t| quote!(: #t));
    // The type ties (`lower.rs`, `tie`): one variable each, for every copy of the code that
    // is written (none may be, when the code after the `let` cannot be reached: then the
    // variable would have no type).
    let tied = (lowered.ties > 0).then(|| {
        let mut names = std::collections::HashSet::new();
        scan::idents_in(&dispatch, &mut names);
        names
    });
    let ties = (0..lowered.ties).filter_map(|k| {
        let tie = format_ident!("__tie{}", k, span = Span::mixed_site());
        let written = tied.as_ref().is_some_and(|u| u.contains(&tie.to_string()));
        written.then(|| quote!(let #tie = ::stackless::__private::core::marker::PhantomData;))
    });
    let items = quote!(#(#ties)* #(#items)*);
    let step_body = if !finishes {
        quote!(#items #dispatch)
    } else {
        let complete = match co.kind {
            // A last item, the residual of a `?`, yielded once the state says `Done`.
            Kind::Stream => {
                let item = hidden("__item");
                quote! {
                    match #ret {
                        ::stackless::__private::core::option::Option::Some(#item) => #private::Step::Yielded(::stackless::__private::core::task::Poll::Ready(#item)),
                        ::stackless::__private::core::option::Option::None => #private::Step::Complete(()),
                    }
                }
            }
            Kind::Iterator if co.residual_items => {
                let item = hidden("__item");
                quote! {
                    match #ret {
                        ::stackless::__private::core::option::Option::Some(#item) => #private::Step::Yielded(#item),
                        ::stackless::__private::core::option::Option::None => #private::Step::Complete(()),
                    }
                }
            }
            _ => quote!(#private::Step::Complete(#ret)),
        };
        quote! {
            #items
            let #ret #ret_ty = #label { #dispatch };
            #state.set(#enum_name::Done);
            #complete
        }
    };
    let framed = pins.any();
    let frame_id = hidden("__frame");
    let frame = framed.then(|| quote!(#frame_id,));
    // A framed machine's state is in its frame: the step makes its handle.
    let state_param = (!framed).then(|| quote!(mut #state,));
    let (ctor, params) = match co.kind {
        Kind::Iterator | Kind::Coroutine => {
            let r = co.resume_ty.clone().map(|t| quote!(: #t));
            (quote!(generator), quote!(#state_param #frame #arg #r))
        }
        Kind::Future => (
            quote!(future),
            quote!(#state_param #frame #arg: &mut ::stackless::__private::core::task::Context<'_>),
        ),
        Kind::Stream => (
            quote!(stream),
            quote!(#state_param #frame #arg: &mut ::stackless::__private::core::task::Context<'_>),
        ),
    };
    let Coroutine {
        attrs, vis, sig, ..
    } = co;
    let mut sig = if framed && !pins.movable {
        frame_lifetime(sig.clone())
    } else {
        sig.clone()
    };
    traced_output(&mut sig);
    // `mut self`: the twin (a framed machine's) takes `self` in as the body does, and may
    // write through it, so the receiver stays `mut` there (the machine moves it in whole).
    let mut_self = co
        .params
        .iter()
        .any(|p| p.receiver && matches!(&p.pat, syn::Pat::Ident(pi) if pi.mutability.is_some()));
    if framed && mut_self {
        if let Some(syn::FnArg::Receiver(r)) = sig.inputs.first_mut() {
            if r.reference.is_none() {
                r.mutability = Some(Default::default());
            }
        }
    }
    let machine = hidden("__machine");
    // A block form's step is a `move` closure: what the block mentions only inside a macro
    // the macro cannot read (`blocks.rs`) is taken by it, as a `move` closure would.
    let step_move = co.block.is_some().then(|| quote!(move));
    let build = if framed {
        let ctor = Ident::new(&format!("framed_{ctor}"), Span::call_site());
        let frame_ty = pins.head_ty(em.promoted.len());
        let cancel = em.cancel(&order);
        let reads = pins.flagged.then(
            || quote!(#[allow(unused_imports)] use #private::{CaptureCopy as _, CaptureMove as _, ReadCopy as _, ReadMove as _};),
        );
        let kind = if pins.movable {
            quote!(#private::Movable)
        } else {
            quote!(#private::Fixed)
        };
        let (tag, vars) = crate::state::init(layout, &start_values);
        // Arguments that live in the root block's slots go there now (`pinned.rs`, `preset`).
        let mut sets: Vec<TokenStream> = pins
            .preset
            .iter()
            .map(|q| {
                let (set, v) = (&q.set, param_value(q.param));
                quote!(.#set(#v))
            })
            .collect();
        // Their drop flags say so (the others are written by their `let`s).
        if let Some((set, n)) = &pins.flags_node {
            if pins.preset.iter().any(|q| q.flag.is_some()) {
                let bits = (0..*n).map(|i| pins.preset.iter().any(|q| q.flag == Some(i)));
                sets.push(quote!(.#set([#(#bits),*])));
            }
        }
        quote! {
            #private::#ctor(
                #private::Frame::<#frame_ty, #kind>::with_state(#tag, #vars) #(#sets)*,
                #step_move |#params| {
                    // SAFETY: `frame-live`: the machine hands the step its pinned frame.
                    let mut #state = unsafe { #frame_id.state() };
                    #reads
                    #step_body
                },
                #cancel,
            )
        }
    } else if resident.any() {
        // A panic in a resumed group arm leaves its locals in the state: `Running` drops
        // them, and makes resuming again panic.
        let s = hidden("__s");
        let parked = em.parked_arms();
        if parked.is_empty() {
            let ctor = Ident::new(&format!("resident_{ctor}"), Span::call_site());
            quote! {
                #private::#ctor(
                    #init,
                    |mut #s| #s.set(#enum_name::Running),
                    #step_move |#params| { #step_body },
                )
            }
        } else {
            let ctor = Ident::new(&format!("parked_{ctor}"), Span::call_site());
            quote! {
                #private::#ctor(
                    #init,
                    |mut #s| #s.set(#enum_name::Running),
                    #step_move |#params| { #step_body },
                    |mut #s| match #s.as_mut().project() {
                        #(#parked)*
                        _ => {}
                    },
                )
            }
        }
    } else {
        quote!(#private::#ctor(#init, #step_move |#params| { #step_body }))
    };
    let out = if framed && !pins.movable && co.kind == Kind::Iterator {
        quote!(#private::boxed(#machine))
    } else {
        quote!(#machine)
    };
    // A block form has its twin whatever it holds: the twin takes the block's captures as
    // the native `async move` block would, so rustc checks their use against their
    // declarations outside (a `mut` needed, or not), which the machine's own parameters,
    // all `mut`, cannot (`blocks.rs`).
    let twinned = framed || co.block.is_some();
    let twin = twinned.then(|| crate::twin::twin(co, &pins.in_place_names, &pins.user_names()));
    let tie = twinned.then(|| crate::twin::tie(co, &machine));
    let autorefs = framed.then(|| quote!(, unknown_lints, dangerous_implicit_autorefs));
    let body = quote! {
        #(#used)*
        #twin
        #enum_def
        #trace_def
        // Each arm holds a copy of part of the body, so a local declared `mut` may be
        // mutated in some copies only; the code of an `unsafe` block that suspends is put
        // back into `unsafe` piece by piece, needlessly for some pieces (`lower.rs`). A
        // method on a field path of a local in the frame runs on the place projected from the
        // slot's address (`pinned.rs`): the autoref a `Deref` or `Index` of that field makes
        // there is meant (it borrows the field alone, where the user's code did), which
        // `dangerous_implicit_autorefs` (rustc 1.88; unknown before) would deny.
        #[allow(unused_mut, unused_unsafe #autorefs)]
        let #machine = #build;
        #tie
        #out
    };
    let tokens = if co.block.is_some() {
        // A block form is the expression that builds its machine.
        quote!({ #body })
    } else if let Some(boxed) = &co.boxed {
        // A boxed `async` block (`boxed.rs`): the function boxes the machine instead.
        boxed.emit(attrs, vis, body, co.wrapped())
    } else if co.wrapped() {
        // Other attributes expect an `async fn` (`#[tokio::main]`, `#[instrument]`): they get
        // one, which awaits the machine (made from its arguments when it is first polled, as a
        // native `async fn` moves them in), so they see every poll of it.
        let mut sig = sig.clone();
        sig.asyncness = Some(Default::default());
        sig.output = co.async_output.clone();
        quote! {
            #(#attrs)*
            #vis #sig {
                { #body }.await
            }
        }
    } else {
        // `+ Trace` in a trait impl's return type refines the trait's `impl Future`; a
        // frame's lifetime bound goes inline beside a `where` clause's (`frame_lifetime`).
        quote! {
            #(#attrs)*
            #[allow(refining_impl_trait, clippy::multiple_bound_locations)]
            #vis #sig {
                #body
            }
        }
    };
    let tokens = if lowered.alts {
        resolve_alts(tokens)
    } else {
        tokens
    };
    (resolve_kinds(tokens), em.refined)
}

/// Adds `+ Trace` to the machine's `impl Trait` return type, so that a machine that awaits
/// this one (or a caller of `stackless::trace`) sees that it can be traced (runtime
/// `trace.rs`).
///
/// from: `fn count_up(limit: u64) -> impl Iterator<Item = u64>`
/// into: `fn count_up(limit: u64) -> impl Iterator<Item = u64> + ::stackless::__private::Trace`
fn traced_output(sig: &mut Signature) {
    fn add(ty: &mut syn::Type) {
        match ty {
            // Spanned at the user's `impl`: the opaque type's span (and so its edition's
            // capture rules) stays the user's.
            syn::Type::ImplTrait(it) => {
                let span = it.impl_token.span;
                it.bounds
                    .push(syn::parse_quote_spanned!(span=> ::stackless::__private::Trace))
            }
            syn::Type::Group(g) => add(&mut g.elem),
            syn::Type::Paren(p) => add(&mut p.elem),
            _ => {}
        }
    }
    if let syn::ReturnType::Type(_, ty) = &mut sig.output {
        add(ty);
    }
}

/// The prefix of the marker of a trace kind (`__stackless_kind_Await0(__f)`), which
/// `resolve_kinds` replaces.
const KIND_MARKER: &str = "__stackless_kind_";

/// Resolves the trace kinds of the variants that hold an awaited future (runtime
/// `trace.rs`): the kind is chosen by the future's type (`(&&probe(&__f)).__trace_kind()`,
/// autoref dispatch), which must be known where the choice is made. The code that sets a
/// variant is written once per copy of the code before its point, and in the first copies
/// rustc may not know the type yet (a `Vec<_>` of futures a closure made, iterated after a
/// loop that awaits: an unknown type may be `Trace`, so `Traced` would be chosen, wrongly).
/// So only the last copy, in the order rustc checks them, chooses; the others take the
/// same type by inference (`Default::default()`).
///
/// from: `__trace: __stackless_kind_Await0(__f)` (every copy)
/// into: `__trace: Default::default()` … and in the last copy `__trace: { use ..; (&&probe(&__f)).__trace_kind() }`
fn resolve_kinds(tokens: TokenStream) -> TokenStream {
    let site = |toks: &[TokenTree], i: usize| match (&toks[i], toks.get(i + 1)) {
        (TokenTree::Ident(m), Some(TokenTree::Group(g)))
            if g.delimiter() == Delimiter::Parenthesis =>
        {
            let m = m.to_string();
            m.strip_prefix(KIND_MARKER).map(|v| (v.to_string(), 2))
        }
        _ => None,
    };
    resolve_markers(tokens, &site, &|_, k, n, _, fut| {
        if k + 1 == n {
            let private = quote!(::stackless::__private);
            quote!({
                use #private::{ProbeOpaque as _, ProbeTraced as _};
                (&&#private::probe(&#fut)).__trace_kind()
            })
        } else {
            quote!(::stackless::__private::core::default::Default::default())
        }
    })
}

/// Where a marker is (`resolve_markers`), and what it becomes.
type Site<'a> = &'a dyn Fn(&[TokenTree], usize) -> Option<(String, usize)>;
type Replace<'a> = &'a dyn Fn(&str, usize, usize, &[TokenTree], TokenStream) -> TokenStream;

/// The markers the emitter leaves at a site it writes more than once (`resolve_alts`,
/// `resolve_kinds`), resolved in the order rustc checks the copies: `site` says whether a
/// marker starts at `toks[i]` (its site, and how many tokens it takes, the last its
/// arguments' group); `replace` writes the `k`-th (from 0) of the site's `n` copies from the
/// marker's tokens and its arguments, whose own markers are resolved first.
fn resolve_markers(tokens: TokenStream, site: Site<'_>, replace: Replace<'_>) -> TokenStream {
    fn count(ts: &TokenStream, site: Site<'_>, counts: &mut HashMap<String, usize>) {
        let toks: Vec<TokenTree> = ts.clone().into_iter().collect();
        for (i, t) in toks.iter().enumerate() {
            if let Some((s, _)) = site(&toks, i) {
                *counts.entry(s).or_default() += 1;
            }
            if let TokenTree::Group(g) = t {
                count(&g.stream(), site, counts);
            }
        }
    }
    fn rewrite(
        ts: TokenStream,
        (site, replace): (Site<'_>, Replace<'_>),
        counts: &HashMap<String, usize>,
        seen: &mut HashMap<String, usize>,
    ) -> TokenStream {
        let toks: Vec<TokenTree> = ts.into_iter().collect();
        let mut out = TokenStream::new();
        let mut i = 0;
        while i < toks.len() {
            if let Some((s, len)) = site(&toks, i) {
                let TokenTree::Group(args) = &toks[i + len - 1] else {
                    unreachable!("a marker ends in its arguments")
                };
                let inner = rewrite(args.stream(), (site, replace), counts, seen);
                let k = seen.entry(s.clone()).or_default();
                out.extend(replace(&s, *k, counts[&s], &toks[i..i + len], inner));
                *k += 1;
                i += len;
                continue;
            }
            match &toks[i] {
                TokenTree::Group(g) => {
                    let inner = rewrite(g.stream(), (site, replace), counts, seen);
                    let mut ng = Group::new(g.delimiter(), inner);
                    ng.set_span(g.span());
                    out.extend([TokenTree::Group(ng)]);
                }
                t => out.extend([t.clone()]),
            }
            i += 1;
        }
        out
    }
    let mut counts = HashMap::new();
    count(&tokens, site, &mut counts);
    if counts.is_empty() {
        return tokens;
    }
    rewrite(tokens, (site, replace), &counts, &mut HashMap::new())
}

/// Resolves the markers of sites written in more than one copy (`__stackless_alt_<site>::
/// into_iter(e)` / `::into_future(e)`): with one copy, the plain std call; with `n`, the
/// k-th copy wrapped in `Alt` (`alt_second` k times around `alt_first`, the last copy without
/// `alt_first`), so all copies have one type (stackless-runtime's `alt.rs`).
fn resolve_alts(tokens: TokenStream) -> TokenStream {
    // `__stackless_alt_<site>::<call>(args)`.
    let site = |toks: &[TokenTree], i: usize| {
        let TokenTree::Ident(m) = &toks[i] else {
            return None;
        };
        let m = m.to_string();
        let site = m.strip_prefix(scan::ALT_MARKER)?;
        match (
            toks.get(i + 1),
            toks.get(i + 2),
            toks.get(i + 3),
            toks.get(i + 4),
        ) {
            (
                Some(TokenTree::Punct(a)),
                Some(TokenTree::Punct(b)),
                Some(TokenTree::Ident(_)),
                Some(TokenTree::Group(_)),
            ) if a.as_char() == ':' && b.as_char() == ':' => Some((site.to_string(), 5)),
            _ => None,
        }
    };
    resolve_markers(tokens, &site, &|_, k, n, marker, inner| {
        let call = marker[3].to_string();
        let args = Group::new(Delimiter::Parenthesis, inner.clone());
        let private = quote!(::stackless::__private);
        // A marked `let` (`lower.rs`, `alt_lets`): a closure's copies are wrapped in
        // an `AltFn` that derefs to `dyn Fn`, with the signature deduced at each copy.
        let (std_call, wrap) = match call.as_str() {
            "into_iter" => (
                quote!(::stackless::__private::core::iter::IntoIterator::into_iter #args),
                None,
            ),
            "into_future" => (
                quote!(::stackless::__private::core::future::IntoFuture::into_future #args),
                None,
            ),
            _ if n == 1 => (inner, None),
            "value" => (inner, None),
            c if c.starts_with("closure") => {
                let wrap = format_ident!("{}", c);
                (inner, Some(wrap))
            }
            c => {
                let (m, arity) = match c.strip_prefix("fnmut") {
                    Some(a) => ("_mut", a),
                    None => ("", c.trim_start_matches("fn")),
                };
                let sig = format_ident!("fn{}_sig{}", m, arity);
                let alt = format_ident!("alt_fn{}{}", m, arity);
                (quote!(#private::#sig(#inner)), Some(alt))
            }
        };
        let mut e = if n == 1 {
            std_call
        } else if k + 1 < n {
            quote!(#private::alt_first(#std_call))
        } else {
            std_call
        };
        for _ in 0..k.min(n - 1) {
            e = quote!(#private::alt_second(#e));
        }
        if let Some(alt) = wrap {
            e = quote!(#private::#alt(#e));
        }
        e
    })
}

/// A resident group's arm while the search collects it: its index among the arms, each
/// point's branch, and whether every branch diverges.
type GroupArm = (usize, Vec<(usize, TokenStream)>, bool);

struct Emitter<'a> {
    co: &'a Coroutine,
    body: &'a Body,
    live: &'a Liveness,
    layout: &'a Layout,
    /// Async machines poll their awaited futures in a loop around the arms.
    dispatch: bool,
    /// The arm matches on the state's projection (then take the variant apart, unless they
    /// resume a resident group in place).
    project: bool,
    /// For each resident group: some branch of its arm suspends at another variant, or
    /// leaves the state at the end of a block.
    takes: Vec<bool>,
    /// The group arm being emitted still reaches its locals in the state (`leave_after`).
    in_place: bool,
    /// For each point: the `__point` value its continuation's code calls for (see
    /// `group_arm`), filled in as group arms are emitted.
    refined: Vec<u8>,
    resident: &'a Resident,
    /// The points whose variant some emitted code builds.
    constructed: Vec<bool>,
    /// The point whose arm is being emitted (`None` for `Start`).
    resuming: Option<usize>,
    labels: usize,
    /// Locals the current arm rebound under a hidden name (carried only for their drop, no
    /// code after the resumed point names them), while their scope is being emitted.
    hidden_locals: Vec<usize>,
    /// Locals a resume arm restored under their own name (`restores`).
    restored: Vec<usize>,
    pins: &'a Pins,
    /// The machine has pinned slots: its state is laid out by hand (`state.rs`).
    framed: bool,
    /// Of a framed machine: the type parameters of the variants' fields kept in the head's
    /// slots, with their slot (`state::promote`).
    promoted: Vec<(Ident, usize)>,
}

impl<'a> Emitter<'a> {
    fn private(&self) -> TokenStream {
        quote!(::stackless::__private)
    }

    fn variant_pattern(&self, v: &Variant) -> TokenStream {
        let rn = &self.layout.replace_name;
        let vn = &v.name;
        if v.fields.is_empty() {
            return quote!(#rn::#vn);
        }
        let fs = v.fields.iter().map(|f| {
            let n = &f.name;
            match f.source {
                Source::Future | Source::Point | Source::Kind => quote!(#n: _),
                _ => {
                    let h = hidden(&n.to_string());
                    quote!(#n: #h)
                }
            }
        });
        quote!(#rn::#vn { #(#fs),* })
    }

    /// Wraps an arm's code so the dispatch loop leaves with the body's value.
    fn finish(&self, code: TokenStream, div: bool) -> TokenStream {
        if div {
            return code;
        }
        // A stream's body evaluates to `()`; its machine's to the residual of a `?`, if any.
        let code = if self.co.residual_items {
            quote!({ #code; ::stackless::__private::core::option::Option::None })
        } else {
            code
        };
        if !self.dispatch {
            return code;
        }
        let l = body_label();
        quote!(break #l #code)
    }

    fn start_arm(&mut self) -> (TokenStream, TokenStream, bool) {
        self.resuming = None;
        let pat = self.variant_pattern(&self.layout.start);
        let (code, div) = self.forward_block(&self.body.block);
        let code = self.finish(code, div);
        let private = self.private();
        let arg = hidden("__arg");
        if self.project {
            let pn = &self.layout.proj_name;
            let en = &self.layout.enum_name;
            let state = hidden("__state");
            let discard =
                (!self.dispatch && !self.co.first_arg).then(|| quote!(#private::discard(#arg);));
            // Resumes of a resident group are the hot path.
            let cold = self.resident.any().then(|| quote!(#private::cold_path();));
            (
                quote!(#pn::Start { .. }),
                quote! {
                    {
                        let #pat = #state.as_mut().project_replace(#en::Running) else {
                            ::stackless::__private::core::unreachable!()
                        };
                        #cold
                        #discard
                        #code
                    }
                },
                div,
            )
        } else {
            let discard = (!self.co.first_arg).then(|| quote!(#private::discard(#arg);));
            (pat, quote!({ #discard #code }), div)
        }
    }

    fn resume_arm(&mut self, q: usize) -> (TokenStream, bool) {
        self.resuming = Some(q);
        self.restored.clear();
        self.in_place = true;
        let variant = &self.layout.points[q];
        let pat = self.variant_pattern(variant);
        let path = self.live.paths[q].clone();
        let (code, div) = self.resume_block(&self.body.block, &path, 0);
        let code = self.finish(code, div);
        if self.resident.group_of[q].is_some() {
            // A branch of the group's arm (`group_arm`).
            return (code, div);
        }
        if !self.project {
            return (quote!(#pat => #code), div);
        }
        let pn = &self.layout.proj_name;
        let en = &self.layout.enum_name;
        let vn = &variant.name;
        let state = hidden("__state");
        let framed_await = self.framed && self.body.points[q].kind == PointKind::Await;
        let take = if framed_await {
            // The finished future is handed over as a guard, dropped where the body resumes
            // (`resume_sexpr`), once the locals it borrowed have their owners again: if its
            // drop panics, they are dropped too, as in the native coroutine.
            let pat = self.take_pattern(variant);
            quote! {
                let #pat = #state.as_mut().take(#en::Running) else {
                    ::stackless::__private::core::unreachable!()
                };
            }
        } else {
            quote! {
                let #pat = #state.as_mut().project_replace(#en::Running) else {
                    ::stackless::__private::core::unreachable!()
                };
            }
        };
        let arm = match self.body.points[q].kind {
            PointKind::Await => {
                let fut = hidden("__fut");
                let ready = hidden("__ready");
                let cx = hidden("__arg");
                let pending = self.pending();
                quote! {
                    #pn::#vn { __fut: #fut, .. } => {
                        let #ready = match ::stackless::__private::core::future::Future::poll(#fut, #cx) {
                            ::stackless::__private::core::task::Poll::Ready(__v) => __v,
                            ::stackless::__private::core::task::Poll::Pending => return #pending,
                        };
                        #take
                        #code
                    }
                }
            }
            PointKind::Yield => quote! {
                #pn::#vn { .. } => {
                    #take
                    #code
                }
            },
        };
        (arm, div)
    }

    /// The arm of a resident group: binds each carried local to a `&mut` to its field and
    /// runs the branch of the pending point, without taking the variant apart. If a branch
    /// may suspend at another variant, it first declares where that takes the locals to.
    fn group_arm(
        &mut self,
        g: usize,
        mut branches: Vec<(usize, TokenStream)>,
    ) -> (TokenStream, TokenStream) {
        let points = &self.resident.groups[g];
        let variant = &self.layout.points[points[0]];
        let pn = &self.layout.proj_name;
        let vn = &variant.name;
        let point = hidden("__point");
        let mut rebind = TokenStream::new();
        if self.takes[g] {
            let mut ids: Vec<usize> = variant
                .fields
                .iter()
                .filter_map(|f| match f.source {
                    Source::Local(id)
                        if self.resident.locals.contains_key(&id)
                            || self.resident.riders[g].contains(&id) =>
                    {
                        Some(id)
                    }
                    _ => None,
                })
                .collect();
            ids.sort_by_key(|&id| (self.live.locals[id].pos, id));
            for id in ids {
                let store = self.taken_store(g, id);
                rebind.extend(quote!(let mut #store;));
            }
        }
        let fields = variant.fields.iter().map(|f| {
            let n = &f.name;
            match f.source {
                // Rides untouched until the arm leaves the state (`take_group`).
                Source::Local(id) if self.resident.riders[g].contains(&id) => quote!(#n: _),
                Source::Local(id)
                    if self.resident.copied.contains(&id) || self.resident.taken.contains(&id) =>
                {
                    // Copied (or taken) out by `restores`, written back by `save`.
                    let h = cell(n);
                    quote!(#n: #h)
                }
                Source::Local(id) => {
                    let l = &self.live.locals[id];
                    let ident = &l.ident;
                    let slot = hidden(&format!("__slot_{n}"));
                    // Not `mut`: reached through a shared reference, as rustc would. A branch
                    // that leaves the state points it at the arm's own variable
                    // (`leave_after`).
                    let ty = (!self.resident.locals[&id]).then(|| quote!(: &_));
                    rebind.extend(quote! {
                        #[allow(unused_variables)]
                        let mut #ident #ty = #slot;
                    });
                    quote!(#n: #slot)
                }
                Source::Point => quote!(#n: #point),
                Source::Kind => quote!(#n: _),
                Source::Future => {
                    let fut = hidden("__fut");
                    quote!(#n: mut #fut)
                }
                Source::Param(_) => unreachable!("a group carries locals only"),
            }
        });
        let fields: Vec<TokenStream> = fields.collect();
        // An `.await`'s group: poll its future in place; ready, it is dropped there.
        let poll = (self.body.points[points[0]].kind == PointKind::Await).then(|| {
            let here = self.still_here(g);
            let private = self.private();
            let fut = hidden("__fut");
            let ready = hidden("__ready");
            let cx = hidden("__arg");
            let pending = self.pending();
            quote! {
                // SAFETY: `cell-live`: the state is parked on this `.await`'s variant, whose
                // cell is live until it is ready.
                let #ready = match unsafe { #private::FutCell::poll_ready(#fut.as_mut(), #cx) } {
                    ::stackless::__private::core::task::Poll::Ready(__v) => __v,
                    ::stackless::__private::core::task::Poll::Pending => {
                        #here
                        return #pending;
                    }
                };
            }
        });
        // Points whose continuations are the same code (two yields in the two branches of an
        // `if`, say) need not be told apart: `refined` gives them one `__point` value.
        let mut classes: std::collections::HashMap<String, u8> = Default::default();
        branches.sort_by_key(|(q, _)| self.point_index(*q));
        for (q, code) in &branches {
            let next = u8::try_from(classes.len()).expect("at most 256 points");
            let class = *classes.entry(code.to_string()).or_insert(next);
            self.refined[*q] = class;
        }
        branches.dedup_by_key(|(q, _)| self.point_index(*q));
        let code = if branches.len() == 1 {
            branches.pop().expect("one branch").1
        } else {
            let last = branches.pop().expect("branches").1;
            let arms = branches.iter().map(|(q, code)| {
                let k = proc_macro2::Literal::u8_unsuffixed(self.point_index(*q));
                quote!(#k => #code,)
            });
            quote!(match *#point { #(#arms)* _ => #last })
        };
        (
            quote!(#pn::#vn { #(#fields),* }),
            quote!({ #poll #rebind #code }),
        )
    }

    /// Where the body suspends without leaving group `g`'s variant: tells the optimiser that
    /// the state is still that variant, so that when a resume loop is compiled as one piece
    /// (`fold`, a `block_on`) the next resume's test of the tag folds away. With the group's
    /// niche guard (`layout.rs`) the tag is a byte nothing in the loop writes; without this
    /// hint, any call that may reach the state (a `String`'s growth, a poll) would make it
    /// unknown again.
    ///
    /// The only `unsafe` an expansion writes. Its condition holds by construction: this code
    /// is emitted only while `in_place` is set (`resumed_group`), that is inside `g`'s arm,
    /// which matched the state against `g`'s variant, before any path of it takes the variant
    /// apart (`leave_state` clears `in_place`; every other write of the state, a `set` to
    /// another point's variant, is followed by a `return`, or by a `continue` to the dispatch
    /// loop, which matches the state again). The body between reaches the
    /// state only through the `&mut`s to the variant's fields that the match bound, which
    /// cannot change the variant. Debug builds check the condition (`assert_unchecked`'s
    /// precondition check), so every test run checks it too. The tag is read through the
    /// state's address (runtime `state_addr`), not a `&` of the whole state: a future pending
    /// in the state may hold borrows of its own fields, which a shared borrow of the state
    /// would end under Stacked Borrows (found by review, with Miri).
    fn still_here(&self, g: usize) -> TokenStream {
        let state = hidden("__state");
        let en = &self.layout.enum_name;
        let vn = &self.layout.points[self.resident.groups[g][0]].name;
        // SAFETY: `still-in-variant`: see above — the state is `g`'s variant here. (Its tag
        // is read through the state's address, `state_addr`, which the state outlives.)
        quote!(unsafe { ::stackless::__private::core::hint::assert_unchecked(::stackless::__private::core::matches!(*::stackless::__private::state_addr(&#state), #en::#vn { .. })) };)
    }

    /// What a step returns while an awaited future is pending.
    fn pending(&self) -> TokenStream {
        let private = self.private();
        match self.co.kind {
            Kind::Stream => {
                quote!(#private::Step::Yielded(::stackless::__private::core::task::Poll::Pending))
            }
            _ => quote!(#private::Step::Yielded(())),
        }
    }

    /// A grouped point's `__point` value.
    fn point_index(&self, q: usize) -> u8 {
        self.resident.point[q]
    }

    /// The local is a field of the variant of the group whose arm is being emitted, and the
    /// arm still reaches it there.
    fn in_group_variant(&self, id: usize) -> bool {
        self.resumed_group().is_some_and(|g| {
            self.layout.points[self.resident.groups[g][0]]
                .fields
                .iter()
                .any(|f| matches!(f.source, Source::Local(x) if x == id))
        })
    }

    /// The group whose arm is being emitted, while its locals are still in the state.
    fn resumed_group(&self) -> Option<usize> {
        self.resuming
            .and_then(|q| self.resident.group_of[q])
            .filter(|_| self.in_place)
    }

    /// After statement `i` of block `parent`, in a group's arm: the blocks it holds have
    /// ended, and with them the resident locals they declared. The first time, the arm
    /// leaves the state — takes the variant apart, drops those locals (in reverse declaration
    /// order: the block's later locals were dropped at its end), and moves the others into
    /// the variables the arm declared first (`group_arm`), `x` now referring to them; the
    /// rest of the arm runs as any arm does. After that, such a block's end drops its locals'
    /// variables.
    fn leave_after(
        &mut self,
        parent: usize,
        i: usize,
        inner: TokenStream,
        tail: bool,
    ) -> TokenStream {
        let Some(g) = self.resuming.and_then(|q| self.resident.group_of[q]) else {
            return inner;
        };
        let variant = &self.layout.points[self.resident.groups[g][0]];
        let mut ending: Vec<usize> = variant
            .fields
            .iter()
            .filter_map(|f| match f.source {
                Source::Local(id)
                    if self.resident.locals.contains_key(&id)
                        || self.resident.riders[g].contains(&id) =>
                {
                    Some(id)
                }
                _ => None,
            })
            .filter(|&id| {
                let scope = self.live.locals[id].scope;
                self.resident.scope_parent.get(&scope) == Some(&(parent, i))
                    && !self.resident.body_scopes.contains(&scope)
            })
            .collect();
        if ending.is_empty() {
            return inner;
        }
        ending.sort_by_key(|&id| std::cmp::Reverse((self.live.locals[id].pos, id)));
        let private = self.private();
        let mut code = TokenStream::new();
        if self.in_place {
            code.extend(self.leave_state(g, &ending));
        } else {
            for &id in &ending {
                let store = self.taken_store(g, id);
                code.extend(quote!(#private::discard(#store);));
            }
        }
        if tail {
            let t = hidden("__tail");
            quote!(let #t = #inner; #code #t)
        } else {
            quote!(#inner #code)
        }
    }

    /// Leaves the state in a group's arm: takes the variant apart (`take_group`) and points
    /// the names of the residents still in scope at the arm's variables. The rest of the arm
    /// runs as any arm.
    fn leave_state(&mut self, g: usize, ending: &[usize]) -> TokenStream {
        self.in_place = false;
        let mut code = self.take_group(g, ending);
        let variant = &self.layout.points[self.resident.groups[g][0]];
        for f in &variant.fields {
            let Source::Local(id) = f.source else {
                continue;
            };
            if self.resident.locals.contains_key(&id) && !ending.contains(&id) {
                // An assignment, not a new `let`: the code after the enclosing blocks names
                // `x` too. (Read once, so it is not an unused assignment when nothing does.)
                let ident = &self.live.locals[id].ident;
                let r = self.resident_ref(id);
                code.extend(quote!(#ident = #r; let _ = &#ident;));
            }
        }
        code
    }

    /// Takes a group's variant out of the state (leaving `Running`) and moves its residents
    /// into the variables the group's arm declared first (`group_arm`); those in `ending` are
    /// dropped now, in that order, the others drop when the arm returns, after the arm's own
    /// locals, as leaving their scopes would. (Copied locals' values are the arm's locals.)
    fn take_group(&mut self, g: usize, ending: &[usize]) -> TokenStream {
        self.takes[g] = true;
        let private = self.private();
        let variant = &self.layout.points[self.resident.groups[g][0]];
        let rn = &self.layout.replace_name;
        let en = &self.layout.enum_name;
        let vn = &variant.name;
        let state = hidden("__state");
        let mut moves = TokenStream::new();
        let fs: Vec<TokenStream> = variant
            .fields
            .iter()
            .map(|f| {
                let n = &f.name;
                match f.source {
                    Source::Local(id)
                        if self.resident.locals.contains_key(&id)
                            || self.resident.riders[g].contains(&id) =>
                    {
                        let taken = hidden(&format!("__taken_{n}"));
                        let store = self.taken_store(g, id);
                        // Through the arm's variable, so each declared one is assigned (and
                        // typed).
                        moves.extend(quote!(#store = #taken;));
                        if ending.contains(&id) {
                            moves.extend(quote!(#private::discard(#store);));
                        }
                        quote!(#n: #taken)
                    }
                    _ => quote!(#n: _),
                }
            })
            .collect();
        quote! {
            let #rn::#vn { #(#fs),* } = #state.as_mut().project_replace(#en::Running) else {
                ::stackless::__private::core::unreachable!()
            };
            #moves
        }
    }

    /// The variable of group `g`'s arm that takes a resident (`__res_x`) or a rider (`__x`, the
    /// hidden name `local_value` gives it) out of the variant when the arm leaves the state.
    fn taken_store(&self, g: usize, id: usize) -> Ident {
        if self.resident.riders[g].contains(&id) {
            hidden(&self.live.locals[id].ident.to_string())
        } else {
            self.resident.storage(self.live, id)
        }
    }

    /// `&mut __res_x` (`&__res_x` for a local not declared `mut`).
    fn resident_ref(&self, id: usize) -> TokenStream {
        let store = self.resident.storage(self.live, id);
        if self.resident.locals[&id] {
            quote!(&mut #store)
        } else {
            quote!(&#store)
        }
    }

    /// `let mut __res_x = v; let x = &mut __res_x;`: a resident local outside its group's
    /// arm, reached through a reference like in the arm.
    fn resident_let(&self, id: usize, ty: Option<&syn::Type>, v: TokenStream) -> TokenStream {
        let l = &self.live.locals[id];
        if self.resident.overwritten.contains(&id) && self.in_group_variant(id) {
            // Its `let` runs again in a group's arm: the state holds the old value (which
            // has no drop glue), and `x` refers to it.
            let ident = &l.ident;
            return quote!(*#ident = #v;);
        }
        let store = self.resident.storage(self.live, id);
        let ident = &l.ident;
        let ty = ty.map(|t| quote!(: #t));
        let r = self.resident_ref(id);
        // The arm may suspend before it names the local (it is named after the resume).
        quote!(let mut #store #ty = #v; #[allow(unused_variables)] let #ident = #r;)
    }

    /// The arms of the `cancel` closure of a machine with parked groups: dropped while parked
    /// in a group's variant, the future of its `.await` is live in its cell, and so are its
    /// taken locals (dropped first, then those in reverse declaration order; the enum's drop
    /// glue drops the rest). Empty when no group holds a cell.
    fn parked_arms(&self) -> Vec<TokenStream> {
        let private = self.private();
        let proj_name = &self.layout.proj_name;
        let mut parked: Vec<TokenStream> = Vec::new();
        for g in &self.resident.groups {
            let variant = &self.layout.points[g[0]];
            let is_await = self.body.points[g[0]].kind == PointKind::Await;
            let mut taken: Vec<(usize, &Ident)> = variant
                .fields
                .iter()
                .filter_map(|f| match f.source {
                    Source::Local(id) if self.resident.taken.contains(&id) => Some((id, &f.name)),
                    _ => None,
                })
                .collect();
            if !is_await && taken.is_empty() {
                continue;
            }
            taken.sort_by_key(|(id, _)| std::cmp::Reverse((self.live.locals[*id].pos, *id)));
            let fut = hidden("__fut");
            let vn = &variant.name;
            let mut pats = Vec::new();
            let mut drops = Vec::new();
            if is_await {
                pats.push(quote!(__fut: #fut));
                // SAFETY: `cell-live`: the machine is parked in this variant, so its cell is
                // live.
                drops.push(quote!(unsafe { #private::FutCell::drop_live(#fut) };));
            }
            for (_, n) in &taken {
                let h = hidden(&n.to_string());
                pats.push(quote!(#n: #h));
                // SAFETY: `cell-live`, as for the future.
                drops.push(quote!(unsafe { #private::Taken::drop_live(#h) };));
            }
            parked.push(quote!(#proj_name::#vn { #(#pats,)* .. } => { #(#drops)* }));
        }
        parked
    }

    /// A framed machine's `take` value for `v`, every field bound to its hidden name (the
    /// awaited future's guard as `__fut`).
    fn take_pattern(&self, v: &Variant) -> TokenStream {
        let take = crate::state::names(self.layout).take;
        let vn = &v.name;
        if v.fields.is_empty() {
            return quote!(#take::#vn);
        }
        let fs = v.fields.iter().map(|f| {
            let (n, h) = (&f.name, hidden(&f.name.to_string()));
            if matches!(f.source, Source::Kind) {
                return quote!(#n: _);
            }
            quote!(#n: #h)
        });
        quote!(#take::#vn { #(#fs),* })
    }

    /// The closure a framed machine's `Drop` runs: takes the state apart and drops what the
    /// suspended body holds — carried locals and pinned slots — in reverse declaration order.
    fn cancel(&self, order: &[usize]) -> TokenStream {
        let state = hidden("__state");
        let frame = hidden("__frame");
        let en = &self.layout.enum_name;
        let arms = order.iter().map(|&q| {
            let variant = &self.layout.points[q];
            let pat = self.take_pattern(variant);
            let mut items: Vec<(usize, usize, TokenStream)> = Vec::new();
            for f in &variant.fields {
                if let Source::Local(id) = f.source {
                    let h = hidden(&f.name.to_string());
                    items.push((self.live.locals[id].pos, id, quote!(let #h = #h;)));
                }
            }
            for &id in &self.live.pinned_at[q] {
                items.push((self.live.locals[id].pos, id, self.pins.resume_let(id)));
            }
            items.sort_by_key(|(pos, id, _)| (*pos, *id));
            let lets = items.into_iter().map(|(_, _, t)| t);
            // The awaited future's guard is declared last, so it drops first: the locals
            // it borrows are owned here by then, and still dropped if its drop panics.
            let fut = variant
                .fields
                .iter()
                .any(|f| matches!(f.source, Source::Future))
                .then(|| {
                    let h = hidden("__fut");
                    quote!(let #h = #h;)
                });
            quote!(#pat => { #(#lets)* #fut })
        });
        // Never resumed: the arguments, those in `Start` and those already in their slots
        // (`pinned.rs`, `preset`), drop in their order, as `Start`'s fields would.
        let start = (!self.pins.preset.is_empty()).then(|| {
            let v = &self.layout.start;
            let pat = self.take_pattern(v);
            let mut items: Vec<(usize, TokenStream)> = Vec::new();
            for f in &v.fields {
                if let Source::Param(k) = f.source {
                    let h = hidden(&f.name.to_string());
                    items.push((k, quote!(let #h = #h;)));
                }
            }
            for q in &self.pins.preset {
                items.push((q.param, self.pins.resume_let(q.id)));
            }
            // Locals drop in reverse order of declaration.
            items.sort_by_key(|(k, _)| std::cmp::Reverse(*k));
            let lets = items.into_iter().map(|(_, t)| t);
            quote!(#pat => { #(#lets)* })
        });
        quote! {
            |#frame| {
                // SAFETY: `frame-live`: the machine's `Drop` hands `cancel` its pinned frame.
                let mut #state = unsafe { #frame.state() };
                #[allow(unused_variables)]
                match #state.as_mut().take(#en::Done) {
                    #start
                    #(#arms)*
                    _ => {}
                };
            }
        }
    }

    /// `mem::forget` of the owners of the pinned locals in scope at a suspension point: the
    /// suspended state owns their slots now.
    fn forget_owners(&self, q: usize) -> TokenStream {
        let owners = self.live.pinned_at[q].iter().map(|id| {
            let o = &self.pins.slots[id].owner;
            quote!(::stackless::__private::core::mem::forget(#o);)
        });
        quote!(#(#owners)*)
    }

    /// Saves the live locals into point `q`'s variant and suspends.
    /// The value point `q` saves of local `id`: the local; or, carried only to be dropped at
    /// its scope's end (`Liveness::kept_for_drop`), a `DropLater` of it, or nothing if its
    /// type is `Copy` (runtime `keep.rs`) — unless a resume arm bound it so already (under a
    /// hidden name, `restores`).
    fn local_value(&self, q: usize, id: usize) -> TokenStream {
        let mut l = self.live.locals[id].ident.clone();
        let rider = self.resuming.is_some_and(|r| self.resident.rides(r, id));
        if self.hidden_locals.contains(&id) || rider {
            let h = hidden(&l.to_string());
            return quote!(#h);
        }
        if self.resident.locals.contains_key(&id) {
            l = self.resident.storage(self.live, id);
        }
        if !self.resident.wrapped_for_drop(self.live, q, id) {
            return quote!(#l);
        }
        // Kept only for its drop: named and borrowed at the suspension point, so that a move
        // the macro did not see (a method that takes `self` under a name it does not know,
        // `v.consume()`) is rustc's E0382 there, "value borrowed here after move".
        if !self.resident.locals.contains_key(&id) {
            l = Ident::new(
                &l.to_string(),
                self.body.points[q].span.resolved_at(l.span()),
            );
        }
        let private = self.private();
        let h = hidden("__hold");
        let kept = hidden("__kept");
        // Typed when the code after assigns over it (`Liveness::revived`, `kept_typed`).
        let typed = self.live.revived[q].contains(&id) || self.live.kept_typed[q].contains(&id);
        let take = if typed {
            quote!(take_typed)
        } else {
            quote!(take)
        };
        // A closure that owns what it took (`Local::owns`), or a value made of closures
        // (`Local::made`), is kept whole, without the `Copy` test its type cannot take yet;
        // so is a revived local whose `let` does not settle its type (the test needs the
        // type known here, and the assignment after may be what settles it: `let mut x =
        // None;`).
        // (One carried on to such a point from an earlier one, `kept_typed`, takes the test
        // wherever its `let` settles its type: a `Copy` value is not kept, and the machine
        // stays `Send` as natively with a raw pointer dead there.)
        let local = &self.live.locals[id];
        let untyped = (self.live.revived[q].contains(&id) && !local.typed)
            || (self.live.kept_typed[q].contains(&id) && !local.settled);
        let kind = if self.live.locals[id].owns || self.live.locals[id].made || untyped {
            quote!(#private::ChooseDropLater)
        } else {
            quote!((&#h).__hold_kind())
        };
        // The local is seen by reference and its bytes copied, not moved as a value: it is
        // dead, and may hold a reference whose referent is gone by now (`HoldRef`).
        let borrow = quote_spanned!(l.span()=> &#l);
        quote!({
            use #private::{HoldRefAny as _, HoldRefCopy as _};
            let #h = #private::HoldRef(#borrow);
            // SAFETY: `value-kept`: the local is forgotten below if its type has drop glue.
            let #kept = unsafe { #kind.#take(#h) };
            if #private::needs_drop_of(&#l) {
                #private::forget_taken(#l);
            }
            #kept
        })
    }

    fn save(&mut self, q: usize) -> TokenStream {
        self.constructed[q] = true;
        let point = &self.body.points[q];
        let variant = &self.layout.points[q];
        let en = &self.layout.enum_name;
        let vn = &variant.name;
        let private = self.private();
        let state = hidden("__state");
        let fut = hidden("__f");
        // The trace marker first: it borrows the future before the future moves in.
        let mut ordered: Vec<&crate::layout::Field> = variant.fields.iter().collect();
        ordered.sort_by_key(|f| !matches!(f.source, Source::Kind));
        let fields: Vec<TokenStream> = ordered
            .into_iter()
            .map(|f| {
                let n = &f.name;
                match f.source {
                    // (A taken local is in a cell only in its group's variant.)
                    Source::Local(id)
                        if self.resident.taken.contains(&id)
                            && self.resident.group_of[q].is_some() =>
                    {
                        let v = self.local_value(q, id);
                        quote!(#n: #private::Taken::new(#v))
                    }
                    Source::Point => {
                        let k = proc_macro2::Literal::u8_suffixed(self.point_index(q));
                        quote!(#n: #k)
                    }
                    Source::Local(id) => {
                        let v = self.local_value(q, id);
                        quote!(#n: #v)
                    }
                    Source::Future if self.resident.group_of[q].is_some() => {
                        quote!(#n: #private::FutCell::new(#fut))
                    }
                    Source::Future => quote!(#n: #fut),
                    // How a trace reads the future: chosen by its concrete type, in the last
                    // copy of the code that sets this variant (`resolve_kinds`).
                    Source::Kind => {
                        let marker = format_ident!("{}{}", KIND_MARKER, vn);
                        let kind = quote!(#marker(#fut));
                        if self.resident.group_of[q].is_some() {
                            quote!(#n: #private::in_cell(#kind))
                        } else {
                            quote!(#n: #kind)
                        }
                    }
                    Source::Param(_) => unreachable!("parameters live in `Start` only"),
                }
            })
            .collect();
        let value = if fields.is_empty() {
            quote!(#en::#vn)
        } else {
            quote!(#en::#vn { #(#fields),* })
        };
        let operand = &point.operand;
        let span = point.span;
        // The references taken again after the resume are not carried: used here, so the
        // code up to the point does not leave them unused.
        let rederived = self.live.rederive[q].iter().map(|&r| {
            let r = &self.live.locals[r].ident;
            quote_spanned!(span=> let _ = &#r;)
        });
        let rederived = quote!(#(#rederived)*);
        // From a resident group's arm: within the group, only `__point` changes; to another
        // variant, the group's locals are moved out of the state first.
        let from = self.resumed_group();
        let store = match from {
            Some(g) if Some(g) == self.resident.group_of[q] => {
                let point = hidden("__point");
                let k = proc_macro2::Literal::u8_unsuffixed(self.point_index(q));
                let write = self.resident.told_apart(g).then(|| quote!(*#point = #k;));
                // The group's cell is dead (its future was ready): the next one goes there.
                let put = (self.body.points[q].kind == PointKind::Await).then(|| {
                    let cell = hidden("__fut");
                    // SAFETY: `cell-live`: the cell is dead (its future was ready, so dropped);
                    // `#fut` is the generated binding of the awaited future, not user tokens.
                    quote!(unsafe { #private::FutCell::put(#cell.as_mut(), #fut) };)
                });
                let copies = variant.fields.iter().filter_map(|f| match f.source {
                    Source::Local(id)
                        if self.resident.copied.contains(&id)
                            || self.resident.taken.contains(&id) =>
                    {
                        let h = cell(&f.name);
                        let v = self.local_value(q, id);
                        if self.resident.taken.contains(&id) {
                            Some(quote!(#private::Taken::put(#h, #v);))
                        } else {
                            Some(quote!(*#h = #v;))
                        }
                    }
                    _ => None,
                });
                let here = self.still_here(g);
                quote!(#put #(#copies)* #write #here)
            }
            Some(g) => {
                let take = self.take_group(g, &[]);
                quote!(#take #state.set(#value);)
            }
            None => quote!(#state.set(#value);),
        };
        match point.kind {
            PointKind::Yield => {
                let y = hidden("__y");
                let ty = self.co.yield_ty.as_ref().map(|t| quote!(: #t));
                let out = if self.co.kind == Kind::Stream {
                    quote!(::stackless::__private::core::task::Poll::Ready(#y))
                } else {
                    quote!(#y)
                };
                let forget = self.forget_owners(q);
                // A yielded `async` block has one type per copy of this code: the copies are
                // one `Alt` (`resolve_alts`), a `Future` as they are; a closure's, one closure
                // that calls the copy it holds (`closure{N}`, as the item type's `Fn` trait).
                let operand = if point.new_type {
                    let marker = format_ident!("{}yield{}", scan::ALT_MARKER, q);
                    let call = scan::yielded_closure(&point.operand, self.co.yield_impl.as_ref())
                        .unwrap_or_else(|| format_ident!("value"));
                    quote!(#marker::#call(#operand))
                } else {
                    quote!(#operand)
                };
                // (The braces are the macro's: spanned at the `yield_!`, a block right after
                // an `if` on its line looked to clippy like a missing `else`.)
                let inner = quote_spanned! {span=>
                    let #y #ty = #operand;
                    #rederived
                    #store
                    #forget
                    return #private::Step::Yielded(#out);
                };
                quote!({ #inner })
            }
            PointKind::Await => {
                let dl = hidden_label("'__dispatch");
                let forget = self.forget_owners(q);
                // An operand that makes a closure or an `async` block has one type per copy
                // of this code (`resolve_alts`).
                let into_future = if point.new_type {
                    let marker = format_ident!("{}await{}", scan::ALT_MARKER, q);
                    quote!(#marker::into_future)
                } else {
                    quote!(::stackless::__private::core::future::IntoFuture::into_future)
                };
                let inner = quote_spanned! {span=>
                    let #fut = #into_future(#operand);
                    #rederived
                    #store
                    #forget
                    continue #dl;
                };
                quote!({ #inner })
            }
        }
    }

    fn forward_block(&mut self, b: &Block) -> (TokenStream, bool) {
        let (stmts, div) = self.forward_stmts(b, 0);
        let prologue = self.bound_owners(b);
        let code = quote!({ #prologue #stmts });
        self.label_block(b, code, div)
    }

    /// The owners of pinned locals that the block's pattern (`if let`, match arm) binds.
    fn bound_owners(&self, b: &Block) -> TokenStream {
        let lets = self.pins.slots.iter().filter_map(|(&id, slot)| {
            let l = &self.live.locals[id];
            let src = slot.bound.as_ref().filter(|_| !slot.chained)?;
            if l.scope != b.scope || l.pos != b.range.start {
                return None;
            }
            let owner = &slot.owner;
            let init = self.pins.init(id, None, quote!(#src));
            Some(quote!(let #owner = #init;))
        });
        quote!(#(#lets)*)
    }

    /// A condition whose `let` chain binds a `chained` slot's local (`pinned.rs`,
    /// `Slot::chained`): the local moved into its slot by a `let` right after its own, so that
    /// the later parts borrow it there (`let Some(w_bound) = o && let __w = init(w_bound) &&
    /// let Some(z) = (*__w).get()`). That `let` is never the chain's last part (a later `let`
    /// names the local), so it adds no trailing irrefutable pattern.
    fn chain_owners(&self, cond: &syn::Expr) -> TokenStream {
        let chained: Vec<(usize, &crate::pinned::Slot)> = self
            .pins
            .slots
            .iter()
            .filter(|(_, s)| s.chained)
            .map(|(&id, s)| (id, s))
            .collect();
        if chained.is_empty() {
            return quote!(#cond);
        }
        let mut out = Vec::new();
        let mut added = false;
        for part in scan::chain_parts(cond) {
            out.push(quote!(#part));
            let syn::Expr::Let(l) = part else { continue };
            let mut names = Vec::new();
            crate::scan::pat_bindings(&l.pat, &mut names);
            for (id, slot) in &chained {
                let Some(src) = slot
                    .bound
                    .as_ref()
                    .filter(|b| names.iter().any(|(i, _)| i == *b))
                else {
                    continue;
                };
                let owner = &slot.owner;
                let init = self.pins.init(*id, None, quote!(#src));
                // (rustc checks a chain's `let` for its edition by its scrutinee's span, the
                // macro's as soon as it mixes the macro's tokens with the user's: in
                // parentheses of the user's `let` span, it is the user's, as
                // `pinned::user_first_token` says.)
                let mut init = proc_macro2::Group::new(proc_macro2::Delimiter::Parenthesis, init);
                init.set_span(l.let_token.span);
                let kw = quote_spanned!(l.let_token.span=> let);
                out.push(quote!(#kw #owner = #init));
                added = true;
            }
        }
        if !added {
            return quote!(#cond);
        }
        quote!(#(#out)&&*)
    }

    /// A labelled block's code with its label, if its code breaks to it: then, even if
    /// every path through its statements suspends or leaves (`div`), control can come out
    /// of it (`'b: { if c { break 'b; } x.await; }`), so the code after it is emitted too.
    fn label_block(&self, b: &Block, code: TokenStream, div: bool) -> (TokenStream, bool) {
        match &b.label {
            Some(l) if mentions_label(&code, "break", l) => (quote!(#l: #code), false),
            _ => (code, div),
        }
    }

    fn forward_stmts(&mut self, b: &Block, from: usize) -> (TokenStream, bool) {
        let mut codes = Vec::new();
        let n = b.stmts.len();
        let mut div = false;
        for (i, s) in b.stmts.iter().enumerate().skip(from) {
            if self.resident.tail == Some((b.scope, i)) {
                // The body's final expression may move resident locals out of `__res_x`.
                if let Some(g) = self.resumed_group() {
                    codes.push((None, self.leave_state(g, &[])));
                }
            }
            let (code, d) = self.forward_stmt(s, i + 1 == n);
            codes.push((declared_only(s), code));
            if d {
                div = true;
                break;
            }
        }
        // `let x;` whose assignment is in another arm (after a resume): this arm's copy would
        // have no type to infer (E0282), and nothing here uses it: it is not declared here.
        let mut out = TokenStream::new();
        for (k, (declared, code)) in codes.iter().enumerate() {
            if let Some(x) = declared {
                if !codes[k + 1..].iter().any(|(_, c)| names_local(c, x)) {
                    continue;
                }
            }
            out.extend(code.clone());
        }
        (out, div)
    }

    fn forward_stmt(&mut self, s: &Stmt, last: bool) -> (TokenStream, bool) {
        match &s.kind {
            StmtKind::Plain(syn::Stmt::Local(l)) if self.resident_binding(&l.pat).is_some() => {
                let (id, ty) = self.resident_binding(&l.pat).expect("checked");
                let init = &l.init.as_ref().expect("a resident local has a value").expr;
                (self.resident_let(id, ty, quote!(#init)), false)
            }
            // `let x;`: the arm that assigns it may be another one (after a resume), so this
            // arm's copy may leave it unused, where the native body does not.
            StmtKind::Plain(stmt @ syn::Stmt::Local(syn::Local { init: None, .. })) => {
                (quote!(#[allow(unused_variables, unused_mut)] #stmt), false)
            }
            StmtKind::Plain(stmt) => (stmt.to_token_stream(), plain_diverges(stmt)),
            StmtKind::Let { pat, ty, init } => {
                let (v, div) = self.forward_sexpr(init);
                (self.let_stmt(pat, ty.as_deref(), v, div), div)
            }
            StmtKind::Expr { expr, semi } => {
                let (v, div) = self.forward_sexpr(expr);
                (expr_stmt(v, *semi || !last || div), div)
            }
        }
    }

    /// The resident local a plain `let` pattern declares, with its type if written.
    fn resident_binding<'p>(&self, pat: &'p syn::Pat) -> Option<(usize, Option<&'p syn::Type>)> {
        let (ident, ty) = crate::scan::simple_binding(pat)?;
        Some((self.resident.by_name(self.live, ident)?, ty))
    }

    fn let_stmt(
        &self,
        pat: &syn::Pat,
        ty: Option<&syn::Type>,
        v: TokenStream,
        div: bool,
    ) -> TokenStream {
        if div {
            return quote!(#v;);
        }
        if let Some((id, _)) = self.resident_binding(pat) {
            return self.resident_let(id, ty, v);
        }
        if let syn::Pat::Ident(pi) = pat {
            if let Some((&id, slot)) = self.pins.slots.iter().find(|(_, s)| s.owner == pi.ident) {
                let owner = &slot.owner;
                let init = self.pins.init(id, ty, v);
                return quote!(let #owner = #init;);
            }
        }
        // A destructuring pattern binds the pinned locals under other names (`Slot::bound`):
        // each is moved into its slot after the `let`.
        let mut names = Vec::new();
        crate::scan::pat_bindings(pat, &mut names);
        let moves = self.pins.slots.iter().filter_map(|(&id, slot)| {
            let src = slot
                .bound
                .as_ref()
                .filter(|b| names.iter().any(|(i, _)| i == *b))?;
            let owner = &slot.owner;
            let init = self.pins.init(id, None, quote!(#src));
            Some(quote!(let #owner = #init;))
        });
        let moves = quote!(#(#moves)*);
        let ty = ty.map(|t| quote!(: #t));
        quote!(let #pat #ty = #v; #moves)
    }

    fn forward_sexpr(&mut self, e: &SExpr) -> (TokenStream, bool) {
        match e {
            SExpr::Suspend(q) => (self.save(*q), true),
            SExpr::Block(b) => self.forward_block(b),
            SExpr::If {
                if_span,
                cond,
                then,
                els,
            } => {
                let (t, td) = self.forward_block(then);
                // The user's `if` keeps its span: `let` chains are checked against its edition.
                let kw = quote_spanned!(*if_span=> if);
                let cond = self.chain_owners(cond);
                match els {
                    Some(els) => {
                        let (e, ed) = self.forward_block(els);
                        (quote!(#kw #cond #t else #e), td && ed)
                    }
                    None => (quote!(#kw #cond #t), false),
                }
            }
            SExpr::Match { scrutinee, arms } => {
                let mut div = true;
                let arms: Vec<TokenStream> = arms
                    .iter()
                    .map(|a| {
                        let (b, d) = self.forward_block(&a.body);
                        div &= d;
                        let pat = &a.pat;
                        let guard = a.guard.as_ref().map(|g| quote!(if #g));
                        quote!(#pat #guard => #b,)
                    })
                    .collect();
                (
                    quote!(match #scrutinee { #(#arms)* }),
                    div && !arms.is_empty(),
                )
            }
            SExpr::Loop { label, body } => self.forward_loop(label, body),
        }
    }

    fn forward_loop(&mut self, label: &Lifetime, body: &Block) -> (TokenStream, bool) {
        let (b, bd) = self.forward_block(body);
        let has_break = mentions_label(&b, "break", label);
        let has_continue = mentions_label(&b, "continue", label);
        let lbl = (has_break || has_continue).then(|| quote!(#label:));
        if bd && !has_continue {
            // The body always suspends or leaves before its end: no second iteration.
            (quote!(#lbl #b), !has_break)
        } else {
            (quote!(#lbl loop #b), !has_break)
        }
    }

    /// `let x = <hidden field>;` for the locals of this block that the resumed point carries.
    /// A local that no later code mentions (an RAII guard) is rebound under a hidden name.
    fn restores(&mut self, b: &Block) -> Vec<((usize, usize), TokenStream)> {
        let q = self.resuming.expect("restores belong to resume arms");
        let variant = &self.layout.points[q];
        let locals: Vec<(usize, &Ident)> = variant
            .fields
            .iter()
            .filter_map(|f| match f.source {
                Source::Local(id) if self.live.locals[id].scope == b.scope => Some((id, &f.name)),
                _ => None,
            })
            .collect();
        let pinned: Vec<usize> = self.live.pinned_at[q]
            .iter()
            .copied()
            .filter(|&id| self.live.locals[id].scope == b.scope)
            .collect();
        let rederived: Vec<usize> = self.live.rederive[q]
            .iter()
            .copied()
            .filter(|&id| self.live.locals[id].scope == b.scope)
            .collect();
        let mut all: Vec<(usize, Option<&Ident>)> = locals
            .iter()
            .map(|(id, f)| (*id, Some(*f)))
            .chain(pinned.iter().map(|&id| (id, None)))
            .chain(rederived.iter().map(|&id| (id, None)))
            .collect();
        all.sort_by_key(|(id, _)| (self.live.locals[*id].pos, *id));
        let mut out = Vec::new();
        let in_group = self.resumed_group().is_some();
        for (id, field) in all {
            let key = (self.live.locals[id].pos, id);
            let Some(field) = field else {
                if rederived.contains(&id) {
                    out.push((key, self.rederive(b, id)));
                } else {
                    out.push((key, self.pins.resume_let(id)));
                }
                continue;
            };
            let copied = in_group && self.resident.copied.contains(&id);
            let taken = in_group && self.resident.taken.contains(&id);
            if in_group && !copied && !taken {
                // Bound by the group's arm, to its field.
                continue;
            }
            // A copied (taken) local's field is bound by the group's arm to a `&mut`: copy
            // (take) it out.
            let h = if copied {
                let c = cell(field);
                quote!(*#c)
            } else if taken {
                let c = cell(field);
                let private = self.private();
                // SAFETY: `cell-live`: the group's arm takes its cell once, first thing.
                quote!(unsafe { #private::Taken::take(#c) })
            } else {
                let h = hidden(&field.to_string());
                quote!(#h)
            };
            let l = &self.live.locals[id];
            if self.live.revived[q].contains(&id) {
                // Bound again uninitialised; its old value back if it has drop glue, for the
                // assignment after to drop (`Liveness::revived`).
                let ident = &l.ident;
                let private = self.private();
                let v = hidden("__old");
                out.push((
                    key,
                    quote! {
                        #[allow(unused_mut, unused_variables)]
                        let mut #ident;
                        #[allow(unused_assignments)]
                        let () = if let ::stackless::__private::core::option::Option::Some(#v) =
                            #private::Revive::revive(#h)
                        {
                            #ident = #v;
                        };
                    },
                ));
                continue;
            }
            if !self.live.mentioned_after[q].contains(&id) {
                let name = hidden(&l.ident.to_string());
                out.push((key, quote!(let #name = #h;)));
                self.hidden_locals.push(id);
                continue;
            }
            if self.resident.locals.contains_key(&id) {
                out.push((key, self.resident_let(id, None, quote!(#h))));
                continue;
            }
            let ident = &l.ident;
            let m = l.mutable.then(|| quote_spanned!(ident.span()=> mut));
            // (Named by the code after the point, says the liveness: which may be the copy
            // of a loop iteration this arm does not write, `resume_block`.)
            self.restored.push(id);
            out.push((key, quote!(let #m #ident = #h;)));
        }
        out
    }

    /// `let r = &d;` again, for a reference the point does not carry (`liveness.rs`,
    /// `rederive`): its statement as the body has it (with `d` renamed or rewritten as
    /// everywhere else).
    fn rederive(&self, b: &Block, id: usize) -> TokenStream {
        let pos = self.live.locals[id].pos;
        let stmt = b
            .stmts
            .iter()
            .find(|s| s.range.start == pos)
            .map(|s| &s.kind);
        match stmt {
            Some(StmtKind::Plain(stmt @ syn::Stmt::Local(_))) => {
                quote!(#[allow(unused_variables)] #stmt)
            }
            _ => unreachable!("a rederived reference is declared by a plain `let`"),
        }
    }

    fn resume_block(&mut self, b: &Block, path: &[usize], k: usize) -> (TokenStream, bool) {
        let i = path[k];
        let hidden_before = self.hidden_locals.len();
        let restores = self.restores(b);
        let s = &b.stmts[i];
        let last = i + 1 == b.stmts.len();
        let (inner, idiv) = match &s.kind {
            StmtKind::Let { pat, ty, init } => {
                let (v, div) = self.resume_sexpr(init, path, k + 1);
                // `let _ = m.lock().await;`, `let (a, _) = f().await;`: the suspension's value
                // is a temporary, and what the pattern leaves of it is dropped at the end of
                // the statement, as natively. (`__ready`, a place, would stay to the next
                // point: the guard held, found by the peer hunt.)
                let v = if matches!(init, SExpr::Suspend(_)) && scan::simple_binding(pat).is_none()
                {
                    let core = quote!(::stackless::__private::core);
                    quote!(#core::convert::identity(#v))
                } else {
                    v
                };
                (self.let_stmt(pat, ty.as_deref(), v, div), div)
            }
            StmtKind::Expr {
                expr: SExpr::Suspend(_),
                semi: true,
            } => {
                // `yield_!(v);`: the resume argument is dropped at the end of the statement.
                let (v, _) = self.resume_sexpr(s_expr(s), path, k + 1);
                let private = self.private();
                (quote!(#private::discard(#v);), false)
            }
            StmtKind::Expr { expr, semi } => {
                let (v, div) = self.resume_sexpr(expr, path, k + 1);
                (expr_stmt(v, *semi || !last || div), div)
            }
            StmtKind::Plain(_) => unreachable!("paths lead to suspension points"),
        };
        let tail = last && matches!(s.kind, StmtKind::Expr { semi: false, .. });
        let inner = if idiv {
            inner
        } else {
            self.leave_after(b.scope, i, inner, tail)
        };
        let (rest, rdiv) = if idiv {
            (TokenStream::new(), false)
        } else {
            self.forward_stmts(b, i + 1)
        };
        self.hidden_locals.truncate(hidden_before);
        // Bindings whose value is dead here but which the code after assigns (when this arm
        // reaches the assignment before its next suspension point).
        // (In declaration order with the others: they drop in reverse.)
        let mut restores = restores;
        let q = self.resuming.expect("a resume arm");
        for &id in &self.live.declared_only[q] {
            let l = &self.live.locals[id];
            let code = quote!(#inner #rest);
            if l.scope == b.scope && scan::mentions(&code, &l.ident) {
                let ident = &l.ident;
                restores.push(((l.pos, id), quote!(let mut #ident;)));
            }
        }
        // A local restored by name that this arm's code does not name after all (the
        // liveness counted a next iteration of a loop that this copy does not write, `'o:
        // for i in .. { loop { .. x.await; .. break; } }`): unused here, though the body
        // uses it (the twin checks the body's own code).
        let code = quote!(#inner #rest);
        for (key, t) in &mut restores {
            let id = key.1;
            if self.restored.contains(&id) && !names_local(&code, &self.live.locals[id].ident) {
                *t = quote!(#[allow(unused_variables, unused_mut)] #t);
            }
        }
        restores.sort_by_key(|(key, _)| *key);
        let restores = restores.into_iter().map(|(_, t)| t);
        let restores = quote!(#(#restores)*);
        let code = quote!({ #restores #inner #rest });
        self.label_block(b, code, idiv || rdiv)
    }

    fn resume_sexpr(&mut self, e: &SExpr, path: &[usize], k: usize) -> (TokenStream, bool) {
        match e {
            SExpr::Suspend(q) => {
                debug_assert_eq!(Some(*q), self.resuming);
                let v = match (self.body.points[*q].kind, self.co.kind) {
                    (PointKind::Await, _) if self.framed => {
                        let (r, g) = (hidden("__ready"), hidden("__fut"));
                        quote!({ ::stackless::__private::core::mem::drop(#g); #r })
                    }
                    (PointKind::Await, _) => {
                        let r = hidden("__ready");
                        quote!(#r)
                    }
                    (PointKind::Yield, Kind::Stream) => quote!({}),
                    (PointKind::Yield, _) => {
                        // Located at the `yield_!`: a resume argument of the wrong type is
                        // reported there.
                        let span = Span::mixed_site().located_at(self.body.points[*q].span);
                        let a = Ident::new("__arg", span);
                        quote!(#a)
                    }
                };
                (v, false)
            }
            SExpr::Block(b) => self.resume_block(b, path, k),
            SExpr::If { then, els, .. } => {
                if path[k] == 0 {
                    self.resume_block(then, path, k + 1)
                } else {
                    self.resume_block(els.as_ref().expect("else branch"), path, k + 1)
                }
            }
            SExpr::Match { arms, .. } => self.resume_block(&arms[path[k]].body, path, k + 1),
            SExpr::Loop { label, body } => {
                // The rest of the current iteration, then the loop itself again.
                let (partial, pdiv) = self.resume_block(body, path, k);
                let n = self.labels;
                self.labels += 1;
                let exit = hidden_label(&format!("'__exit{n}"));
                let cont = hidden_label(&format!("'__cont{n}"));
                let has_break = mentions_label(&partial, "break", label);
                let has_continue = mentions_label(&partial, "continue", label);
                let partial = relabel(partial, label, &exit, &cont);
                let partial = if has_continue {
                    quote!(#cont: #partial)
                } else {
                    partial
                };
                let exit_lbl = has_break.then(|| quote!(#exit:));
                if pdiv && !has_continue {
                    (quote!(#exit_lbl { #partial }), !has_break)
                } else {
                    let (lp, ldiv) = self.forward_loop(label, body);
                    (quote!(#exit_lbl { #partial #lp }), ldiv && !has_break)
                }
            }
        }
    }

    /// The variants in the order their arms are written, and the type parameters they use.
    fn variants(&self, order: &[usize]) -> (Vec<&'a Variant>, Vec<&'a Ident>) {
        let mut variants = vec![&self.layout.start];
        for &q in order {
            // The points of a resident group share one variant.
            let v = &self.layout.points[q];
            if !variants.iter().any(|w| w.name == v.name) {
                variants.push(v);
            }
        }
        let mut used: Vec<&Ident> = Vec::new();
        for v in &variants {
            for f in &v.fields {
                if !used.contains(&&f.ty) {
                    used.push(&f.ty);
                }
            }
        }
        let params: Vec<&Ident> = self
            .layout
            .ty_params
            .iter()
            .filter(|p| used.contains(p))
            .collect();
        (variants, params)
    }

    /// The static table of the suspension points: the function's name and where it is,
    /// then the line and column of each point, by its index (`::core::line!()` spanned at
    /// the `.await` or `yield_!`, so the user's location).
    fn points_table(&self) -> TokenStream {
        let private = self.private();
        let name = self.co.display_name();
        let span = self.co.name.span();
        let here = |span: Span| quote_spanned!(span=> (::stackless::__private::core::line!(), ::stackless::__private::core::column!()));
        let defined = here(span);
        let at = self.body.points.iter().map(|p| here(p.span));
        let file = quote_spanned!(span=> ::stackless::__private::core::file!());
        let points = hidden("__POINTS");
        quote! {
            static #points: #private::Points = #private::Points {
                function: #name,
                file: #file,
                defined: #defined,
                at: &[#(#at),*],
            };
        }
    }

    /// The level of a state in variant `v` (for `trace_def`): with `__f` bound to a `&` of
    /// its awaited future, `__p` to its `__point` value.
    fn trace_level(&self, v: &Variant, order: &[usize]) -> TokenStream {
        let points = hidden("__POINTS");
        if v.name == "Start" {
            return quote!(#points.not_started());
        }
        let mut qs: Vec<usize> = order
            .iter()
            .copied()
            .filter(|&q| self.layout.points[q].name == v.name)
            .collect();
        qs.sort_unstable();
        let told_apart = v.fields.iter().any(|f| matches!(f.source, Source::Point));
        let index = if told_apart && qs.len() > 1 {
            // Points whose continuations are the same code share a `__point` value: the
            // first of them stands for all.
            let p = hidden("__p");
            let mut seen: Vec<u8> = Vec::new();
            let mut arms = Vec::new();
            for &q in &qs {
                let k = self.point_index(q);
                if !seen.contains(&k) {
                    seen.push(k);
                    let k = proc_macro2::Literal::u8_unsuffixed(k);
                    arms.push(quote!(#k => #q,));
                }
            }
            let first = qs[0];
            quote!(match *#p { #(#arms)* _ => #first })
        } else {
            let q = qs[0];
            quote!(#q)
        };
        let fut = v.fields.iter().find(|f| matches!(f.source, Source::Future));
        let kind = v.fields.iter().find(|f| matches!(f.source, Source::Kind));
        match (fut, kind) {
            (Some(fut), Some(kind)) => {
                let (f, k, private) = (&fut.ty, &kind.ty, self.private());
                let bound = hidden("__f");
                quote! {
                    #points.awaiting(
                        #index,
                        // SAFETY: `cell-live`: the state is parked at this `.await` (a trace
                        // reads it between steps), so a `FutCell` holding the future is live.
                        unsafe { <#k as #private::TraceKind<#f>>::awaited(#bound) },
                    )
                }
            }
            _ => quote!(#points.yielded(#index)),
        }
    }

    /// `StateTrace` for the state enum (runtime `trace.rs`): the current variant's row of
    /// the points table, and the future it awaits; `VarsTrace` for a framed machine's
    /// variants (`state.rs`). No code of the step refers to it.
    ///
    /// from: `enum __FetchUser<T0, F1, K2> { Start { id: T0 }, Await0 { __fut: F1, __trace:`
    ///       `K2 }, Running, Done }`
    /// into: `impl<T0, F1, K2> StateTrace for __FetchUser<T0, F1, K2> where K2:`
    ///       `TraceKind<F1> { fn state_level(&self) -> Level<'_> { static __POINTS: … ;`
    ///       `match self { Self::Start { .. } => __POINTS.not_started(), Self::Await0 {`
    ///       `__fut: __f, .. } => __POINTS.awaiting(0, K2::awaited(__f)), … } } }`
    fn trace_def(&self, order: &[usize]) -> TokenStream {
        let (variants, params) = self.variants(order);
        let private = self.private();
        let table = self.points_table();
        let points = hidden("__POINTS");
        let (f, p) = (hidden("__f"), hidden("__p"));
        let bounds: Vec<TokenStream> = variants
            .iter()
            .flat_map(|v| {
                let fut = v.fields.iter().find(|f| matches!(f.source, Source::Future));
                let kind = v.fields.iter().find(|f| matches!(f.source, Source::Kind));
                fut.zip(kind).map(|(fut, kind)| {
                    let (ft, kt) = (&fut.ty, &kind.ty);
                    quote!(#kt: #private::TraceKind<#ft>,)
                })
            })
            .collect();
        let arms: Vec<(Ident, TokenStream)> = variants
            .iter()
            .map(|v| (v.name.clone(), self.trace_level(v, order)))
            .collect();
        if self.framed {
            return crate::state::trace_def(
                self.layout,
                &variants,
                &params,
                &self.promoted,
                &bounds,
                &table,
                &arms,
            );
        }
        let en = &self.layout.enum_name;
        let generics = quote!(<#(#params),*>);
        let arms = variants.iter().zip(&arms).map(|(v, (vn, level))| {
            let fields = v.fields.iter().filter_map(|fd| {
                let n = &fd.name;
                match fd.source {
                    Source::Future => Some(quote!(#n: #f,)),
                    Source::Point => Some(quote!(#n: #p,)),
                    _ => None,
                }
            });
            quote!(Self::#vn { #(#fields)* .. } => #level,)
        });
        let guards = self.layout.niche_guards.iter().map(|v| {
            let vn = &v.name;
            quote!(| Self::#vn { .. })
        });
        quote! {
            impl #generics #private::StateTrace for #en #generics where #(#bounds)* {
                #[allow(unused_variables)]
                fn state_level(&self) -> #private::Level<'_> {
                    #table
                    match self {
                        #(#arms)*
                        // (The niche guards are never built.)
                        Self::Running #(#guards)* => #points.panicked(),
                        Self::Done => #points.done(),
                    }
                }
            }
        }
    }

    fn enum_def(&self, order: &[usize]) -> TokenStream {
        let Layout {
            enum_name,
            replace_name,
            proj_name,
            ..
        } = self.layout;
        let (variants, params) = self.variants(order);
        let stream = self.co.kind == Kind::Stream;
        if self.framed {
            let def = crate::state::def(
                self.layout,
                &variants,
                &params,
                &self.promoted,
                self.pins.root_nodes.len(),
            );
            let tag = crate::state::names(self.layout).tag;
            let terminated = stream.then(|| terminated(&quote!(), &quote!(#tag)));
            return quote!(#def #terminated);
        }
        let generics = if params.is_empty() {
            quote!()
        } else {
            quote!(<#(#params),*>)
        };
        let terminated =
            stream.then(|| terminated(&quote!(#generics), &quote!(#enum_name #generics)));
        let vs = variants.iter().map(|v| {
            let vn = &v.name;
            if v.fields.is_empty() {
                return quote!(#vn,);
            }
            let fs = v.fields.iter().map(|f| {
                let (n, t) = (&f.name, &f.ty);
                let pin = f.pinned.then(|| quote!(#[pin]));
                quote!(#pin #n: #t,)
            });
            quote!(#vn { #(#fs)* },)
        });
        let guards = self.layout.niche_guards.iter().map(|v| {
            let vn = &v.name;
            let fs = v.fields.iter().map(|f| {
                let (n, t) = (&f.name, &f.ty);
                quote!(#n: ::stackless::__private::core::mem::MaybeUninit<#t>,)
            });
            quote!(#vn { #(#fs)* },)
        });
        let def = quote! {
            #[allow(dead_code, non_camel_case_types, clippy::large_enum_variant)]
            enum #enum_name #generics {
                #(#vs)*
                #(#guards)*
                Running,
                Done,
            }
        };
        if !variants.iter().any(|v| v.fields.iter().any(|f| f.pinned)) {
            // No field is pinned (no future is awaited in place): the state moves freely,
            // so it is `Unpin` whatever its fields are (as pin-project-lite would make it),
            // and a projection is a plain `&mut` to it, `Pin::get_mut`: runtime `Unpinned`,
            // whose methods the expansion calls as pin-project-lite's (`project`,
            // `project_replace`). `layout.rs` names the projections by the enum itself where
            // no point holds a pinned field; the aliases are for a machine whose only such
            // points are never reached.
            let aliases = (proj_name != enum_name).then(|| {
                quote! {
                    #[allow(dead_code, non_camel_case_types)]
                    type #proj_name #generics = #enum_name #generics;
                    #[allow(dead_code, non_camel_case_types)]
                    type #replace_name #generics = #enum_name #generics;
                }
            });
            return quote! {
                #def
                impl #generics ::stackless::__private::core::marker::Unpin for #enum_name #generics {}
                #aliases
                #[allow(unused_imports)]
                use ::stackless::__private::Unpinned as _;
                #terminated
            };
        }
        let project = self.project.then(|| quote!(#[project = #proj_name]));
        let private = self.private();
        quote! {
            #private::pin_project! {
                #project
                #[project_replace = #replace_name]
                #def
            }
            #terminated
        }
    }
}

/// A stream's `FusedStream::is_terminated`: its state (or, with pinned slots, its tag) is
/// `Done`, or `Running` between steps (its body panicked).
///
/// from: `enum __Ticks<T0> { Start { n: T0 }, Yield0 { .. }, Running, Done }`
/// into: `impl<T0> Terminated for __Ticks<T0> { fn terminated(&self) -> bool { matches!(self,`
///       `Self::Running | Self::Done) } }`
fn terminated(generics: &TokenStream, ty: &TokenStream) -> TokenStream {
    quote! {
        impl #generics ::stackless::__private::Terminated for #ty {
            #[inline]
            fn terminated(&self) -> bool {
                ::stackless::__private::core::matches!(self, Self::Running | Self::Done)
            }
        }
    }
}

fn s_expr(s: &Stmt) -> &SExpr {
    match &s.kind {
        StmtKind::Expr { expr, .. } => expr,
        StmtKind::Let { init, .. } => init,
        StmtKind::Plain(_) => unreachable!("a lowered statement"),
    }
}

fn expr_stmt(v: TokenStream, semi: bool) -> TokenStream {
    if semi {
        quote!(#v;)
    } else {
        v
    }
}

/// Statements that certainly leave the block: `return`/`break`/`continue` and the
/// panicking macros.
pub fn plain_diverges(s: &syn::Stmt) -> bool {
    // (Not under a `#[cfg]`: it may be left out, `#[cfg(windows)] return 1;`.)
    if crate::cfg::configured(s) {
        return false;
    }
    match s {
        syn::Stmt::Expr(e, _) => expr_diverges(e),
        syn::Stmt::Macro(m) => macro_diverges(&m.mac),
        _ => false,
    }
}

pub fn expr_diverges(e: &syn::Expr) -> bool {
    match e {
        syn::Expr::Return(_) | syn::Expr::Break(_) | syn::Expr::Continue(_) => true,
        syn::Expr::Macro(m) => macro_diverges(&m.mac),
        syn::Expr::Block(b) if b.label.is_none() => b.block.stmts.iter().any(plain_diverges),
        // `loop { .. }` that nothing breaks out of (`loop { return; }`, a server's loop).
        syn::Expr::Loop(l) => !breaks_out(l),
        syn::Expr::If(i) => {
            i.then_branch.stmts.iter().any(plain_diverges)
                && i.else_branch
                    .as_ref()
                    .is_some_and(|(_, e)| expr_diverges(e))
        }
        _ => false,
    }
}

/// Whether a `break` in the body of `l` leaves it: an unlabelled one outside the loops of
/// the body, or one naming `l`'s label (`scan::jumps_leaving`; a macro that may hold one
/// counts).
fn breaks_out(l: &syn::ExprLoop) -> bool {
    let own = l.label.as_ref().map(|l| l.name.ident.to_string());
    scan::jumps_leaving(|v| v.visit_block(&l.body))
        .iter()
        .any(|j| j.brk && (j.label.is_none() || j.label == own))
}

fn macro_diverges(m: &syn::Macro) -> bool {
    m.path.segments.last().is_some_and(|s| {
        matches!(
            s.ident.to_string().as_str(),
            "panic" | "unreachable" | "todo" | "unimplemented"
        )
    })
}

/// Whether `kw 'label` (`break 'l`, `continue 'l`) occurs in the tokens.
pub fn mentions_label(ts: &TokenStream, kw: &str, label: &Lifetime) -> bool {
    let toks: Vec<TokenTree> = ts.clone().into_iter().collect();
    for (i, t) in toks.iter().enumerate() {
        match t {
            TokenTree::Ident(id) if id == kw => {
                if let (Some(TokenTree::Punct(p)), Some(TokenTree::Ident(n))) =
                    (toks.get(i + 1), toks.get(i + 2))
                {
                    if p.as_char() == '\'' && *n == label.ident {
                        return true;
                    }
                }
            }
            TokenTree::Group(g) if mentions_label(&g.stream(), kw, label) => return true,
            _ => {}
        }
    }
    false
}

/// In the rest of a resumed iteration: `break 'l` → `break 'exit`, `continue 'l` → `break 'cont`.
fn relabel(ts: TokenStream, label: &Lifetime, exit: &Lifetime, cont: &Lifetime) -> TokenStream {
    let toks: Vec<TokenTree> = ts.into_iter().collect();
    let mut out: Vec<TokenTree> = Vec::with_capacity(toks.len());
    let mut i = 0;
    while i < toks.len() {
        if let (TokenTree::Ident(kw), Some(TokenTree::Punct(p)), Some(TokenTree::Ident(n))) =
            (&toks[i], toks.get(i + 1), toks.get(i + 2))
        {
            if (kw == "break" || kw == "continue") && p.as_char() == '\'' && *n == label.ident {
                let target = if kw == "break" { exit } else { cont };
                out.push(TokenTree::Ident(Ident::new("break", kw.span())));
                let mut apos = Punct::new('\'', Spacing::Joint);
                apos.set_span(target.apostrophe);
                out.push(TokenTree::Punct(apos));
                out.push(TokenTree::Ident(target.ident.clone()));
                i += 3;
                continue;
            }
        }
        match &toks[i] {
            TokenTree::Group(g) => {
                let mut ng = Group::new(g.delimiter(), relabel(g.stream(), label, exit, cont));
                ng.set_span(g.span());
                out.push(TokenTree::Group(ng));
            }
            t => out.push(t.clone()),
        }
        i += 1;
    }
    out.into_iter().collect()
}

/// A machine whose state holds borrows of its own slots names them with a lifetime that the
/// returned `impl Trait` must capture. With no lifetime parameter to use, rustc would pick
/// `'static`, which a generic parameter `T` does not outlive; so a generic function gets one
/// more lifetime parameter, outlived by every other parameter, and captures it.
///
/// from: `fn items<T: Clone>(v: Vec<T>) -> impl Iterator<Item = T>`
/// into: `fn items<'__frame, T: Clone + '__frame>(v: Vec<T>)`
///       `    -> impl Iterator<Item = T> + Captures<&'__frame ()>`
///
/// Not for methods: in a trait impl a method's generics must match the trait's (E0195), and the
/// attribute cannot tell a trait impl from an inherent one. A generic method that borrows its
/// locals across a suspension point needs `T: 'static` then, as rustc's message says.
fn frame_lifetime(mut sig: Signature) -> Signature {
    let method = sig.receiver().is_some();
    // An `impl Trait` parameter is a type parameter too (`s: impl Stream<Item = u32>`).
    let impl_param = |a: &syn::FnArg| matches!(a, syn::FnArg::Typed(pt) if matches!(&*pt.ty, syn::Type::ImplTrait(_)));
    if method || (sig.generics.type_params().next().is_none() && !sig.inputs.iter().any(impl_param))
    {
        return sig;
    }
    // Name the elided lifetimes of the parameters too, so that each can be bounded.
    let _ = async_captures(&mut sig);
    let fl = Lifetime::new("'__frame", Span::call_site());
    // Where the parameter's bounds are (inline, or its `where` predicate when it has one):
    // bounds in two places are clippy's `multiple_bound_locations`.
    let where_clause = sig.generics.where_clause.take();
    let mut where_clause = where_clause;
    for p in sig.generics.params.iter_mut() {
        let predicate = where_clause.as_mut().and_then(|w| {
            w.predicates.iter_mut().find(|pr| match (pr, &*p) {
                (syn::WherePredicate::Type(t), syn::GenericParam::Type(tp)) => {
                    matches!(&t.bounded_ty, syn::Type::Path(tpath)
                        if tpath.qself.is_none() && tpath.path.is_ident(&tp.ident))
                }
                (syn::WherePredicate::Lifetime(l), syn::GenericParam::Lifetime(lp)) => {
                    l.lifetime == lp.lifetime
                }
                _ => false,
            })
        });
        match (p, predicate) {
            (syn::GenericParam::Type(_), Some(syn::WherePredicate::Type(t))) => {
                t.bounds.push(syn::TypeParamBound::Lifetime(fl.clone()))
            }
            (syn::GenericParam::Lifetime(_), Some(syn::WherePredicate::Lifetime(l))) => {
                l.bounds.push(fl.clone())
            }
            (syn::GenericParam::Lifetime(l), _) => l.bounds.push(fl.clone()),
            (syn::GenericParam::Type(t), _) => {
                t.bounds.push(syn::TypeParamBound::Lifetime(fl.clone()))
            }
            (syn::GenericParam::Const(_), _) => {}
        }
    }
    sig.generics.where_clause = where_clause;
    for a in sig.inputs.iter_mut() {
        if let syn::FnArg::Typed(pt) = a {
            if let syn::Type::ImplTrait(it) = &mut *pt.ty {
                it.bounds.push(syn::TypeParamBound::Lifetime(fl.clone()));
            }
        }
    }
    sig.generics.params.insert(
        0,
        syn::GenericParam::Lifetime(syn::LifetimeParam::new(fl.clone())),
    );
    if let syn::ReturnType::Type(_, ty) = &mut sig.output {
        if let syn::Type::ImplTrait(it) = &mut **ty {
            it.bounds
                .push(syn::parse_quote!(::stackless::__private::Captures<&#fl ()>));
        }
    }
    sig
}

/// Names every elided lifetime in an `async fn`'s parameters and returns the bound that
/// makes its `impl Future` capture all of them, as a native `async fn` does in every
/// edition.
pub fn async_captures(sig: &mut Signature) -> TokenStream {
    struct Namer {
        n: usize,
        new: Vec<Lifetime>,
    }
    impl Namer {
        fn fresh(&mut self, span: Span) -> Lifetime {
            let l = Lifetime::new(&format!("'__life{}", self.n), span);
            self.n += 1;
            self.new.push(l.clone());
            l
        }
    }
    impl VisitMut for Namer {
        fn visit_type_reference_mut(&mut self, r: &mut syn::TypeReference) {
            if r.lifetime.is_none() {
                r.lifetime = Some(self.fresh(r.and_token.span));
            }
            syn::visit_mut::visit_type_reference_mut(self, r);
        }
        fn visit_lifetime_mut(&mut self, l: &mut Lifetime) {
            if l.ident == "_" {
                *l = self.fresh(l.apostrophe);
            }
        }
        fn visit_type_bare_fn_mut(&mut self, _: &mut syn::TypeBareFn) {}
        fn visit_type_impl_trait_mut(&mut self, t: &mut syn::TypeImplTrait) {
            syn::visit_mut::visit_type_impl_trait_mut(self, t);
        }
        fn visit_parenthesized_generic_arguments_mut(
            &mut self,
            _: &mut syn::ParenthesizedGenericArguments,
        ) {
        }
    }
    let mut namer = Namer {
        n: 0,
        new: Vec::new(),
    };
    for input in sig.inputs.iter_mut() {
        match input {
            syn::FnArg::Receiver(r) => {
                if let Some((and, lt)) = &mut r.reference {
                    if lt.is_none() {
                        *lt = Some(namer.fresh(and.span));
                    }
                    // Keep the receiver's explicit type in step with its reference.
                    let lt = lt.clone();
                    let m = r.mutability;
                    *r.ty = syn::parse_quote!(&#lt #m Self);
                } else {
                    namer.visit_type_mut(&mut r.ty);
                }
            }
            syn::FnArg::Typed(pt) => namer.visit_type_mut(&mut pt.ty),
        }
    }
    for l in &namer.new {
        sig.generics
            .params
            .push(syn::GenericParam::Lifetime(syn::LifetimeParam::new(
                l.clone(),
            )));
    }
    elide_output(sig);
    let mut lifetimes: Vec<&Lifetime> = sig.generics.lifetimes().map(|l| &l.lifetime).collect();
    // And those of the `impl` header that the parameters name (`&'a self` in
    // `impl<'a> Bar<'a>`): a native `async fn` captures them too.
    let mut named = Vec::new();
    for input in &sig.inputs {
        let ty = match input {
            syn::FnArg::Receiver(r) => &*r.ty,
            syn::FnArg::Typed(pt) => &*pt.ty,
        };
        mentioned_lifetimes(ty, &mut named);
    }
    for l in &named {
        if !lifetimes.contains(&l) {
            lifetimes.push(l);
        }
    }
    if lifetimes.is_empty() {
        return TokenStream::new();
    }
    quote!(+ ::stackless::__private::Captures<(#(&#lifetimes (),)*)>)
}

/// Names the elided lifetimes of the return type as rustc's elision rules would, once the
/// parameters' are named: a `&self`/`&mut self` receiver's lifetime, or the only lifetime the
/// parameters mention. Otherwise (no such lifetime: rustc's E0106) the output is left as
/// written. A named lifetime in the parameters with an elided one in the output would be a
/// `mismatched_lifetime_syntaxes` warning the user did not write.
///
/// from: `fn get<'__life0>(x: &'__life0 str) -> impl Future<Output = &str>`
/// into: `fn get<'__life0>(x: &'__life0 str) -> impl Future<Output = &'__life0 str>`
fn elide_output(sig: &mut Signature) {
    let receiver = sig.receiver().and_then(|r| r.reference.as_ref()?.1.clone());
    let only = || {
        let mut m = Vec::new();
        for input in &sig.inputs {
            if let syn::FnArg::Typed(pt) = input {
                mentioned_lifetimes(&pt.ty, &mut m);
            }
        }
        (m.len() == 1).then(|| m.remove(0))
    };
    let Some(lifetime) = receiver.or_else(only) else {
        return;
    };
    struct Name(Lifetime);
    impl VisitMut for Name {
        fn visit_type_reference_mut(&mut self, r: &mut syn::TypeReference) {
            if r.lifetime.is_none() {
                r.lifetime = Some(Lifetime::new(&self.0.to_string(), r.and_token.span));
            }
            syn::visit_mut::visit_type_reference_mut(self, r);
        }
        fn visit_lifetime_mut(&mut self, l: &mut Lifetime) {
            if l.ident == "_" {
                *l = Lifetime::new(&self.0.to_string(), l.apostrophe);
            }
        }
        fn visit_type_bare_fn_mut(&mut self, _: &mut syn::TypeBareFn) {}
        fn visit_parenthesized_generic_arguments_mut(
            &mut self,
            _: &mut syn::ParenthesizedGenericArguments,
        ) {
        }
    }
    if let syn::ReturnType::Type(_, ty) = &mut sig.output {
        Name(lifetime).visit_type_mut(ty);
    }
}

/// The named lifetimes a type mentions (not `'static`, not `'_`), outside `fn` pointer types,
/// `Fn(..)` sugar and `for<'a>` binders, which bind their own.
fn mentioned_lifetimes(ty: &syn::Type, out: &mut Vec<Lifetime>) {
    struct V<'o>(&'o mut Vec<Lifetime>, Vec<Lifetime>);
    impl<'a> syn::visit::Visit<'a> for V<'_> {
        fn visit_lifetime(&mut self, l: &'a Lifetime) {
            if l.ident != "static" && l.ident != "_" && !self.0.contains(l) && !self.1.contains(l) {
                self.0.push(l.clone());
            }
        }
        fn visit_trait_bound(&mut self, b: &'a syn::TraitBound) {
            // (`impl for<'a> Fn(&'a str) -> &'a str`, `dyn for<'a> Tr<'a>`: `'a` is the
            // bound's own.)
            let n = self.1.len();
            if let Some(bl) = &b.lifetimes {
                self.1.extend(bl.lifetimes.iter().filter_map(|p| match p {
                    syn::GenericParam::Lifetime(l) => Some(l.lifetime.clone()),
                    _ => None,
                }));
            }
            syn::visit::visit_path(self, &b.path);
            self.1.truncate(n);
        }
        fn visit_type_bare_fn(&mut self, _: &'a syn::TypeBareFn) {}
        fn visit_parenthesized_generic_arguments(
            &mut self,
            _: &'a syn::ParenthesizedGenericArguments,
        ) {
        }
    }
    syn::visit::Visit::visit_type(&mut V(out, Vec::new()), ty);
}

/// The local a `let x;` (no type, no value) declares.
fn declared_only(s: &Stmt) -> Option<Ident> {
    match &s.kind {
        StmtKind::Plain(syn::Stmt::Local(syn::Local {
            init: None,
            pat: syn::Pat::Ident(pi),
            ..
        })) if pi.subpat.is_none() => Some(pi.ident.clone()),
        _ => None,
    }
}

/// Whether the tokens name the local `x`: not as a field's name (`Yield1 { x: _, .. }`, the
/// state's field of that name, which the code after a point may take apart).
fn names_local(ts: &TokenStream, x: &Ident) -> bool {
    let tokens: Vec<TokenTree> = ts.clone().into_iter().collect();
    tokens.iter().enumerate().any(|(k, t)| match t {
        TokenTree::Ident(i) if i == x => !matches!(
            (tokens.get(k + 1), tokens.get(k + 2)),
            (Some(TokenTree::Punct(p)), Some(next))
                if p.as_char() == ':' && p.spacing() == Spacing::Alone
                    && !matches!(next, TokenTree::Punct(q) if q.as_char() == ':')
        ),
        TokenTree::Group(g) => names_local(&g.stream(), x),
        _ => false,
    })
}
