//! Stage 5b — the state of a machine with pinned slots, laid out by hand.
//!
//! A machine without slots keeps its state in the enum of `layout.rs`. A machine with slots
//! has a frame beside the state (`pinned.rs`); as two fields of one struct, the enum and the
//! frame would each be padded on their own, and the enum's tag could not use the room the
//! slots leave, nor the slots the room after the tag. A native coroutine has no such gap:
//! rustc lays out its tag and its saved locals side by side. So here the state is taken
//! apart into the same pieces, and they become fields of the frame's root struct (runtime
//! `frame.rs`, `Head`), beside the root block's slots, where rustc packs them all:
//!
//! - `__XTag`: a field-less enum of the variants' names, which variant is current;
//! - `__XVars<..>`: a union of the variants' fields, one tuple per variant with fields (in
//!   the variant's field order, so a tuple drops as the variant would);
//! - `__X<..>`, `__XProject<'_, ..>`, `__XReplace<..>`: the enums pin-project-lite would
//!   write for the enum of `layout.rs` — the value of a variant, its fields by reference
//!   (the awaited future pinned), and by value (the future taken out as `PhantomData`);
//!   `__XTake<'_, ..>` is `__XReplace` with the future as a `DropInPlace` guard;
//! - the trait `__XStep`, implemented for the runtime's `State<'_, HeadN<..>>`, with the
//!   methods of pin-project-lite's (`project`, `project_replace`) and `Pin`'s (`set`), so
//!   the step closure is the same code for both kinds of state, and `take`: the machine's
//!   `Drop` and a finished await take the future as a guard, dropped once the locals it
//!   borrows have owners again (so they drop too if its drop panics).
//!
//! The invariant: **the tag names the variant whose fields the state holds (in the union,
//! or in the head's slots for `promote`d ones), all of them initialised, and nothing else
//! there needs dropping.** Every method keeps it, and relies on it. A variant is only ever
//! left by `project_replace` (its fields moved out, the pinned one dropped in place), `take`
//! (the same, the pinned one handed to its guard) or `set` (all dropped in place); each
//! first sets the tag to `Running`, which has no fields, so a panic while dropping leaves a
//! state that holds nothing: a resume then reports the earlier panic, and the machine's
//! `Drop` finds nothing to drop twice. The pinned future is only reached as `Pin<&mut F>`
//! and dropped where it is, so its address is stable from the `set` that writes it to its
//! drop.
//!
//! A local that every suspension point carries is kept beside the tag too (`promote`); so
//! are the slots' drop flags, one `[bool; N]` node (`pinned.rs`); and an argument that lives
//! in a root slot is written there when the machine is made (`pinned.rs`, `preset`), so
//! `Start` does not hold it.
//!
//! from: `let mut buf = [0u8; 4]; let mut count = 0u32;`
//!       `count += src.read(&mut buf).await as u32; count += src.read(&mut buf).await as u32;`
//! into: `enum __FillTwiceTag { Start, Await0, Await1, Running, Done }`
//!       `union __FillTwiceVars<F1, F3> { __none: (), Await0: ManuallyDrop<(F1,)>,`
//!       `                                Await1: ManuallyDrop<(F3,)> }`
//!       `Frame::<Head3<Leaf<_>, Leaf<_>, Leaf<_>, (), _, _>, Fixed>`
//!       `    ::with_state(__FillTwiceTag::Start, __FillTwiceVars { __none: () }).set0(src)`
//!       (slots: `src`, `buf`, then `count`, carried by both awaits)

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::layout::{Layout, Source, Variant};

/// The names of the pieces.
pub struct Names {
    pub tag: Ident,
    pub vars: Ident,
    pub step: Ident,
    /// What `take` returns: `Replace`, with the pinned fields as `DropInPlace` guards.
    pub take: Ident,
}

pub fn names(layout: &Layout) -> Names {
    let e = layout.enum_name.to_string();
    Names {
        tag: format_ident!("{}Tag", e),
        vars: format_ident!("{}Vars", e),
        step: format_ident!("{}Step", e),
        take: format_ident!("{}Take", e),
    }
}

/// `Frame::with_state`'s arguments: the `Start` variant with the function's arguments.
pub fn init(layout: &Layout, start: &[TokenStream]) -> (TokenStream, TokenStream) {
    let Names { tag, vars, .. } = names(layout);
    let v = if start.is_empty() {
        quote!(#vars { __none: () })
    } else {
        quote!(#vars { Start: ::stackless::__private::core::mem::ManuallyDrop::new((#(#start,)*)) })
    };
    (quote!(#tag::Start), v)
}

/// The variants' fields kept beside the tag, in slots of the head, rather than in the
/// union: a local that every suspension point's variant carries (each variant with fields
/// has one of its type), as rustc keeps a local saved at several points in its layout's
/// prefix. Such a local takes its room once, beside the tag, instead of once per variant
/// after each variant's own padding; it is still moved out when the body resumes and back
/// when it suspends, like any carried local. `Start` keeps the arguments in the union (they
/// are written before the machine exists). At most `room` of them (`Pins::head_room`),
/// numbered from `first` (the head's slots after the root block's own).
pub fn promote(layout: &Layout, room: usize, first: usize) -> Vec<(Ident, usize)> {
    let carrying: Vec<&Variant> = layout
        .points
        .iter()
        .filter(|v| !v.fields.is_empty())
        .collect();
    let Some(some) = carrying.first() else {
        return Vec::new();
    };
    let mut out: Vec<(Ident, usize)> = Vec::new();
    for f in &some.fields {
        if !matches!(f.source, Source::Local(_)) || out.iter().any(|(t, _)| *t == f.ty) {
            continue;
        }
        if carrying.iter().all(|v| {
            v.fields
                .iter()
                .any(|g| g.ty == f.ty && matches!(g.source, Source::Local(_)))
        }) && out.len() < room
        {
            out.push((f.ty.clone(), first + out.len()));
        }
    }
    out
}

/// Where one field of a variant is kept.
enum Place {
    /// Element of the variant's tuple in the union.
    Union(syn::Index),
    /// The head's slot `atN()`.
    Head(Ident),
}

/// The items: the three enums, the tag, the union and the trait, with its impl. `promoted`
/// (from `promote`) are the type parameters of the fields kept in the head's slots;
/// `own` is the number of the root block's own slots before them.
pub fn def(
    layout: &Layout,
    variants: &[&Variant],
    params: &[&Ident],
    promoted: &[(Ident, usize)],
    own: usize,
) -> TokenStream {
    let Layout {
        enum_name: en,
        replace_name: rn,
        proj_name: pn,
        ..
    } = layout;
    let Names {
        tag,
        vars,
        step,
        take,
    } = names(layout);
    let private = quote!(::stackless::__private);
    let md = quote!(::stackless::__private::core::mem::ManuallyDrop);
    let g = quote!(<#(#params),*>);
    let ga = quote!(<'__a, #(#params),*>);
    let fieldless = [format_ident!("Running"), format_ident!("Done")];
    let names: Vec<&Ident> = variants
        .iter()
        .map(|v| &v.name)
        .chain(fieldless.iter())
        .collect();
    let is_start = |v: &Variant| v.name == "Start";
    let places = |v: &Variant| -> Vec<Place> {
        let mut k = 0;
        v.fields
            .iter()
            .map(|f| {
                let head = promoted
                    .iter()
                    .find(|(t, _)| *t == f.ty && !is_start(v) && !f.pinned);
                match head {
                    Some((_, j)) => Place::Head(format_ident!("at{}", j)),
                    None => {
                        k += 1;
                        Place::Union(syn::Index::from(k - 1))
                    }
                }
            })
            .collect()
    };

    // Where each variant's fields are kept, in `variants`' order.
    let placed: Vec<Vec<Place>> = variants.iter().map(|v| places(v)).collect();

    // The four enums (each variant's fields, typed by `ty`), and the union's fields.
    let enum_variants = |ty: &dyn Fn(&Ident, bool) -> TokenStream| -> Vec<TokenStream> {
        variants
            .iter()
            .map(|v| {
                let vn = &v.name;
                if v.fields.is_empty() {
                    return quote!(#vn,);
                }
                let fs = v.fields.iter().map(|f| {
                    let (n, t) = (&f.name, ty(&f.ty, f.pinned));
                    quote!(#n: #t,)
                });
                quote!(#vn { #(#fs)* },)
            })
            .collect()
    };
    let values = enum_variants(&|t, _| quote!(#t));
    let projs = enum_variants(&|t, pin| {
        if pin {
            quote!(::stackless::__private::core::pin::Pin<&'__a mut #t>)
        } else {
            quote!(&'__a mut #t)
        }
    });
    let replaces = enum_variants(&|t, pin| {
        if pin {
            quote!(::stackless::__private::core::marker::PhantomData<#t>)
        } else {
            quote!(#t)
        }
    });
    let takes = enum_variants(&|t, pin| {
        if pin {
            quote!(#private::DropInPlace<'__a, #t>)
        } else {
            quote!(#t)
        }
    });
    let unions = variants
        .iter()
        .zip(&placed)
        .filter(|(v, _)| !v.fields.is_empty())
        .map(|(v, places)| {
            let vn = &v.name;
            let tys = (v.fields.iter().zip(places))
                .filter(|(_, p)| matches!(p, Place::Union(_)))
                .map(|(f, _)| &f.ty);
            quote!(#vn: #md<(#(#tys,)*)>,)
        });

    // The union's type parameters: those of the fields kept in it.
    let in_union: Vec<&Ident> = params
        .iter()
        .copied()
        .filter(|t| {
            variants.iter().zip(&placed).any(|(v, places)| {
                (v.fields.iter().zip(places))
                    .any(|(f, p)| f.ty == **t && matches!(p, Place::Union(_)))
            })
        })
        .collect();
    let gv = quote!(<#(#in_union),*>);

    // The union is `Unpin` when the pinned fields (the awaited futures) are, as
    // pin-project-lite's enum would be.
    let pinned_tys = variants
        .iter()
        .flat_map(|v| &v.fields)
        .filter(|f| f.pinned)
        .map(|f| &f.ty);

    // Per variant with fields: `project`'s arm, `project_replace`'s arm, `set`'s drop arm
    // and the write of a new value. `__v` is the variant's tuple in the union, `__h` the
    // head.
    let mut proj_arms = Vec::new();
    let mut replace_arms = Vec::new();
    let mut drop_arms = Vec::new();
    let mut take_arms = Vec::new();
    let mut write_arms = Vec::new();
    for (v, places) in variants.iter().zip(placed.iter()) {
        if v.fields.is_empty() {
            continue;
        }
        let vn = &v.name;
        let ptr = |p: &Place| match p {
            Place::Union(i) => quote!(&mut __v.#i),
            Place::Head(at) => quote!(__h.#at().as_ptr()),
        };
        let tuple = quote!(let __v = &mut *(*__vars).#vn;);
        let proj = v.fields.iter().zip(places).map(|(f, p)| {
            let n = &f.name;
            let ptr = ptr(p);
            if f.pinned {
                // Never moved while the tag names the variant; dropped in place.
                quote!(#n: ::stackless::__private::core::pin::Pin::new_unchecked(&mut *#ptr),)
            } else {
                quote!(#n: &mut *#ptr,)
            }
        });
        proj_arms.push(quote! {
            #tag::#vn => {
                #tuple
                #pn::#vn { #(#proj)* }
            }
        });
        let reads = v.fields.iter().zip(places).map(|(f, p)| {
            let n = &f.name;
            if f.pinned {
                quote!(#n: ::stackless::__private::core::marker::PhantomData,)
            } else {
                let ptr = ptr(p);
                quote!(#n: ::stackless::__private::core::ptr::read(#ptr),)
            }
        });
        let pinned_drops: Vec<TokenStream> = v
            .fields
            .iter()
            .zip(places)
            .filter(|(f, _)| f.pinned)
            .map(|(_, p)| {
                let ptr = ptr(p);
                quote!(::stackless::__private::core::ptr::drop_in_place(#ptr);)
            })
            .collect();
        replace_arms.push(if pinned_drops.is_empty() {
            quote! {
                #tag::#vn => {
                    #tuple
                    #rn::#vn { #(#reads)* }
                }
            }
        } else {
            quote! {
                #tag::#vn => {
                    #tuple
                    let __out = #rn::#vn { #(#reads)* };
                    #(#pinned_drops)*
                    __out
                }
            }
        });
        let taken = v.fields.iter().zip(places).map(|(f, p)| {
            let n = &f.name;
            let ptr = ptr(p);
            if f.pinned {
                quote!(#n: #private::DropInPlace::new(#ptr),)
            } else {
                quote!(#n: ::stackless::__private::core::ptr::read(#ptr),)
            }
        });
        take_arms.push(quote! {
            #tag::#vn => {
                #tuple
                #take::#vn { #(#taken)* }
            }
        });
        // Every field, in the variant's order (the order the enum would drop them in).
        let drops = places.iter().map(|p| {
            let ptr = ptr(p);
            quote!(::stackless::__private::core::ptr::drop_in_place(#ptr);)
        });
        drop_arms.push(quote! {
            #tag::#vn => {
                #tuple
                #(#drops)*
            }
        });
        let fnames: Vec<&Ident> = v.fields.iter().map(|f| &f.name).collect();
        let in_union = v
            .fields
            .iter()
            .zip(places)
            .filter(|(_, p)| matches!(p, Place::Union(_)))
            .map(|(f, _)| &f.name);
        let in_head = v.fields.iter().zip(places).filter_map(|(f, p)| match p {
            Place::Head(at) => {
                let n = &f.name;
                Some(quote!(::stackless::__private::core::ptr::write(__h.#at().as_ptr(), #n);))
            }
            Place::Union(_) => None,
        });
        write_arms.push(quote! {
            #en::#vn { #(#fnames),* } => {
                (*__vars).#vn = #md::new((#(#in_union,)*));
                #(#in_head)*
                #tag::#vn
            }
        });
    }
    let fieldless_arms = |out: &TokenStream| {
        let arms = variants
            .iter()
            .filter(|v| v.fields.is_empty())
            .map(|v| &v.name)
            .chain(fieldless.iter())
            .map(|vn| quote!(#tag::#vn => #out::#vn,));
        quote!(#(#arms)*)
    };
    let proj_fieldless = fieldless_arms(&quote!(#pn));
    let take_fieldless = fieldless_arms(&quote!(#take));
    let replace_fieldless = fieldless_arms(&quote!(#rn));
    let write_fieldless = variants
        .iter()
        .filter(|v| v.fields.is_empty())
        .map(|v| &v.name)
        .chain(fieldless.iter())
        .map(|vn| quote!(#en::#vn => #tag::#vn,));
    // A projection with no field to borrow still names `'__a`.
    let borrow = variants
        .iter()
        .all(|v| v.fields.is_empty())
        .then(|| quote!(__Borrow(::stackless::__private::core::marker::PhantomData<&'__a ()>),));
    // `put`: the body of the method that writes a new value, called only where the tag says
    // `Running` (the union and the head's slots of promoted fields hold nothing).
    let put = quote! {
        let (__vars, __h) = (self.vars(), self.head());
        let __new = match __new {
            #(#write_arms)*
            #(#write_fieldless)*
        };
        self.set_tag(__new);
    };
    // The head, spelt out: the root block's own slots are any nodes, the promoted fields'
    // slots are `Leaf`s of their variants' type parameters.
    // (Type parameters named with a trailing `_`, which no machine's name can end in: the
    // machine's enum of `fn n2` is `__N2`, of `fn k` is `__K`.)
    let own_nodes: Vec<Ident> = (0..own).map(|j| format_ident!("__N{}_", j)).collect();
    let promoted_nodes = promoted.iter().map(|(t, _)| quote!(#private::Leaf<#t>));
    let head = format_ident!("Head{}", own + promoted.len());
    let head_ty =
        quote!(#private::#head<#(#own_nodes,)* #(#promoted_nodes,)* __K_, #tag, #vars #gv>);
    let state = quote!(#private::State<'__a, #head_ty>);
    let impl_g = quote!(<'__a, #(#params,)* #(#own_nodes,)* __K_>);

    quote! {
        #[allow(dead_code, non_camel_case_types, clippy::large_enum_variant)]
        enum #en #g { #(#values)* Running, Done, }
        #[allow(dead_code, non_camel_case_types, clippy::large_enum_variant)]
        enum #pn #ga { #(#projs)* Running, Done, #borrow }
        #[allow(dead_code, non_camel_case_types, clippy::large_enum_variant)]
        enum #rn #g { #(#replaces)* Running, Done, }
        #[allow(dead_code, non_camel_case_types, clippy::large_enum_variant)]
        enum #take #ga {
            #(#takes)*
            Running,
            Done,
            __Borrow(::stackless::__private::core::marker::PhantomData<&'__a ()>),
        }
        #[allow(dead_code, non_camel_case_types)]
        #[derive(::stackless::__private::core::clone::Clone, ::stackless::__private::core::marker::Copy)]
        enum #tag { #(#names,)* }
        #[allow(dead_code, non_snake_case)]
        union #vars #gv { __none: (), #(#unions)* }
        impl #gv ::stackless::__private::core::marker::Unpin for #vars #gv where #(#pinned_tys: ::stackless::__private::core::marker::Unpin,)* {}
        #[allow(dead_code)]
        trait #step #ga {
            fn project(self) -> #pn #ga;
            fn project_replace(self, __new: #en #g) -> #rn #g;
            fn set(&mut self, __new: #en #g);
            fn running(&self) -> bool;
            fn take(self, __new: #en #g) -> #take #ga;
            /// Writes a new value. Safety: the state holds nothing (its tag says `Running`).
            unsafe fn put(&mut self, __new: #en #g);
        }
        #[allow(unused_variables)]
        impl #impl_g #step #ga for #state {
            #[inline(always)]
            fn project(self) -> #pn #ga {
                let (__vars, __h) = (self.vars(), self.head());
                // SAFETY: `tag-names-variant`: the tag names the variant whose fields the
                // state holds (module docs of the macro's `state.rs`); `frame-live` for
                // `'__a`, the borrow of the state this handle was made from, which the
                // references live for.
                unsafe {
                    match self.tag() {
                        #(#proj_arms)*
                        #proj_fieldless
                    }
                }
            }
            #[inline(always)]
            fn project_replace(mut self, __new: #en #g) -> #rn #g {
                let (__vars, __h) = (self.vars(), self.head());
                let __old = self.tag();
                // SAFETY: as in `project`. The tag says `Running` (no fields) before the
                // fields are moved out or dropped, so a panic in a drop leaves nothing to
                // drop twice.
                let __out = unsafe {
                    self.set_tag(#tag::Running);
                    match __old {
                        #(#replace_arms)*
                        #replace_fieldless
                    }
                };
                // SAFETY: the tag says `Running`.
                unsafe { self.put(__new) };
                __out
            }
            #[inline(always)]
            fn set(&mut self, __new: #en #g) {
                let (__vars, __h) = (self.vars(), self.head());
                let __old = self.tag();
                // SAFETY: as in `project_replace`, the old fields all dropped in place.
                unsafe {
                    self.set_tag(#tag::Running);
                    match __old {
                        #(#drop_arms)*
                        _ => {}
                    }
                    // SAFETY: the tag says `Running`.
                    self.put(__new);
                }
            }
            #[inline(always)]
            fn running(&self) -> bool {
                ::stackless::__private::core::matches!(self.tag(), #tag::Running)
            }
            /// As `project_replace`, but the pinned fields are handed over as guards that
            /// drop them where they are, when the caller is ready (the machine's `Drop`, and
            /// a resumed await, once the locals the future borrowed have owners again). The
            /// new value has no fields (`Running`, `Done`): the guards' fields stay put.
            #[inline(always)]
            fn take(mut self, __new: #en #g) -> #take #ga {
                let (__vars, __h) = (self.vars(), self.head());
                let __old = self.tag();
                // SAFETY: as in `project`; the tag says `Running` (no fields) before the
                // fields are moved out or handed over, and each guard is the one owner of
                // its field.
                let __out = unsafe {
                    self.set_tag(#tag::Running);
                    match __old {
                        #(#take_arms)*
                        #take_fieldless
                    }
                };
                // SAFETY: the tag says `Running`; a new value without fields writes nothing
                // over the guards' fields.
                unsafe { self.put(__new) };
                __out
            }
            #[inline(always)]
            unsafe fn put(&mut self, __new: #en #g) {
                // SAFETY (the caller's): writes the new variant's fields into the union (a
                // write of a `ManuallyDrop` drops nothing) and the head's slots, which hold
                // nothing, then says so with its tag.
                unsafe { #put }
            }
        }
    }
}

/// `VarsTrace` for the union of the variants (runtime `trace.rs`): given the tag, the level
/// of the state, `arms` (from `emit.rs`, `trace_level`) with `__f` bound to a `&` of the
/// awaited future and `__p` to the `__point` value of the variant the tag names. `bounds`
/// tie each await's marker to its future's type; `table` is the points table.
pub fn trace_def(
    layout: &Layout,
    variants: &[&Variant],
    params: &[&Ident],
    promoted: &[(Ident, usize)],
    bounds: &[TokenStream],
    table: &TokenStream,
    arms: &[(Ident, TokenStream)],
) -> TokenStream {
    let Names { tag, vars, .. } = names(layout);
    let private = quote!(::stackless::__private);
    let is_start = |v: &Variant| v.name == "Start";
    // The union's type parameters, as `def` finds them: those of the fields kept in it.
    let in_head = |v: &Variant, f: &crate::layout::Field| {
        promoted
            .iter()
            .any(|(t, _)| *t == f.ty && !is_start(v) && !f.pinned)
    };
    let in_union: Vec<&Ident> = params
        .iter()
        .copied()
        .filter(|t| {
            variants
                .iter()
                .any(|v| v.fields.iter().any(|f| f.ty == **t && !in_head(v, f)))
        })
        .collect();
    let gv = quote!(<#(#in_union),*>);
    let (f, p) = (
        Ident::new("__f", proc_macro2::Span::mixed_site()),
        Ident::new("__p", proc_macro2::Span::mixed_site()),
    );
    let points = Ident::new("__POINTS", proc_macro2::Span::mixed_site());
    let arms = variants.iter().zip(arms).map(|(v, (vn, level))| {
        // The tuple in the union: the variant's fields that are not in the head, in order.
        let mut k = 0;
        let mut binds = Vec::new();
        for fd in &v.fields {
            if in_head(v, fd) {
                continue;
            }
            let i = syn::Index::from(k);
            k += 1;
            match fd.source {
                Source::Future => binds.push(quote!(let #f = &(*self.#vn).#i;)),
                Source::Point => binds.push(quote!(let #p = &(*self.#vn).#i;)),
                _ => {}
            }
        }
        quote!(#tag::#vn => { #(#binds)* #level })
    });
    quote! {
        impl #gv #private::VarsTrace<#tag> for #vars #gv where #(#bounds)* {
            #[allow(unused_variables)]
            unsafe fn vars_level(&self, __tag: #tag) -> #private::Level<'_> {
                #table
                // SAFETY: `tag-names-variant` (the caller's): the union holds the fields of
                // the variant `__tag` names, so reading that member reads initialised fields.
                unsafe {
                    match __tag {
                        #(#arms)*
                        #tag::Running => #points.panicked(),
                        #tag::Done => #points.done(),
                    }
                }
            }
        }
    }
}
