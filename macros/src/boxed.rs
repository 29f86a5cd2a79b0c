//! Stage 0 — a function whose body is a boxed `async` block: what `#[async_trait]` makes of
//! an `async fn` in a trait or its impl, and what is written by hand where a future must be a
//! trait object (`-> BoxFuture<'_, T>`, recursion). The attribute, put on such a method
//! inside an `#[async_trait]` impl, sees async-trait's rewrite (async-trait expands first: it
//! sits on the impl), not the `async fn` the user wrote.
//!
//! The block is the coroutine: it becomes the machine of an `async fn` whose parameters are
//! the function's parameters the block captures, and the function keeps its signature and
//! boxes the machine where it boxed the block.
//!
//! from: `fn get<'life0, 'async_trait>(&'life0 self, k: u32)`
//!       `    -> Pin<Box<dyn Future<Output = u32> + Send + 'async_trait>>`
//!       `    where 'life0: 'async_trait, Self: 'async_trait`
//!       `{ Box::pin(async move { let __self = self; let k = k; .. __self.0[k] .. }) }`
//! into: the same signature, `{ Box::pin({ enum __Get<..> { .. } .. __machine }) }`: the
//!       machine of `async fn get<..>(&'life0 self, k: u32) -> u32 { .. self.0[k] .. }`.
//!
//! **Which parameters.** An `async move` block moves in the parameters it names; the others
//! are dropped when the function returns, before the future is first polled. The machine's
//! parameters are those the block names: as a block form's captures are read
//! (`blocks::captures`), or inside a macro the walk cannot read. The others stay parameters
//! of the function alone, and drop where they did.
//!
//! **async-trait's prologue.** async-trait binds every parameter again at the block's start
//! (`let x = x;`, `let __self = self;`, after its return type's `if let Some(__ret) =
//! None::<T> { return __ret; }`) and writes the body's `self` as `__self`: an `async move`
//! block's locals in place of an `async fn`'s parameters, dropped in the same order. Those
//! bindings are left out and `__self` is `self` again, so the machine's parameters are the
//! `async fn`'s, with what the macro knows of parameters (their declared types, the receiver)
//! rather than what it can tell of a local bound to another (`let d = d;` then `d.0`: a
//! `Copy` field read took the local for moved). Only bindings in the order the block first
//! names the parameters (which is the machine's parameters' order: an `async move` block's
//! capture order), and no renaming where the body binds a `__self` of its own.
//!
//! The function keeps its signature as written (its elided lifetimes stay elided, its
//! `#[cfg]`s on parameters stay for rustc to apply), but for the names of the parameters it
//! hands to the machine, which are the call site's (`parse::plain_params` names the fields of
//! `Start` so), and a pattern parameter the block names (`(a, b): (D, D)`), which becomes a
//! name (`__stackless_arg1`) bound by the same pattern at the block's start.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::visit::Visit;
use syn::{Expr, FnArg, GenericArgument, ItemFn, Pat, PathArguments, ReturnType, Signature, Type};

/// How the machine is put back in the function the user's attributes made.
#[derive(Clone)]
pub struct Boxed {
    /// The function's signature as written, but for the parameters it hands to the machine
    /// (names of the call site; a pattern made a name).
    pub sig: Signature,
    /// What boxed the block: `Box::pin`, as written.
    pub callee: Expr,
}

impl Boxed {
    /// The function emitted around `body` (the tokens that build the machine): its own
    /// signature, its body the callee applied to the machine, or, where other attributes
    /// expect the block (`#[tracing::instrument]` instruments async-trait's block), to an
    /// `async move` block that awaits it.
    pub fn emit(
        &self,
        attrs: &[syn::Attribute],
        vis: &syn::Visibility,
        body: TokenStream,
        wrapped: bool,
    ) -> TokenStream {
        let sig = &self.sig;
        let callee = &self.callee;
        let value = if wrapped {
            quote!(async move { { #body }.await })
        } else {
            quote!({ #body })
        };
        quote! {
            #(#attrs)*
            #vis #sig {
                #callee(#value)
            }
        }
    }
}

/// `f` as the `async fn` whose machine is boxed, if its body is a boxed `async` block; an
/// error if its return type does not name the future's output; `None` for any other
/// function (it is then what it is: a coroutine of its own signature, or an error).
pub fn unbox(f: &ItemFn) -> Option<syn::Result<(ItemFn, Boxed)>> {
    if f.sig.asyncness.is_some() || f.sig.constness.is_some() {
        return None;
    }
    let shape = match f.block.stmts.as_slice() {
        [syn::Stmt::Expr(Expr::Call(call), None)] if is_box_pin(&call.func) => {
            match call.args.iter().collect::<Vec<_>>().as_slice() {
                [Expr::Async(block)] if block.attrs.is_empty() => Some((call, block)),
                _ => None,
            }
        }
        _ => None,
    };
    let Some((call, block)) = shape else {
        // A function that returns a future but is not an `async fn` nor this shape: say
        // which shape is lowered.
        let ReturnType::Type(_, ty) = &f.sig.output else {
            return None;
        };
        future_output(ty)?;
        return Some(Err(syn::Error::new_spanned(
            ty,
            "a function that returns a future is a coroutine when it is an `async fn`, or when \
             its body is exactly `Box::pin(async move { .. })` (as `#[async_trait]` writes \
             it): move the other statements into the `async` block",
        )));
    };
    let output = match &f.sig.output {
        ReturnType::Type(arrow, ty) => future_output(ty).map(|t| (*arrow, t)),
        ReturnType::Default => None,
    };
    let Some((arrow, output)) = output else {
        let at: &dyn quote::ToTokens = match &f.sig.output {
            ReturnType::Type(_, ty) => ty,
            ReturnType::Default => &f.sig.ident,
        };
        return Some(Err(syn::Error::new_spanned(
            at,
            "a function that boxes an `async` block becomes the block's machine, boxed, and \
             needs the block's output type: write the return type as \
             `Pin<Box<dyn Future<Output = T> + Send + '_>>` or `BoxFuture<'_, T>` (not an alias)",
        )));
    };
    let captured: Vec<String> = (crate::blocks::captures(&block.block, None).iter())
        .map(|c| c.to_string())
        .collect();
    let mut in_macros = std::collections::HashSet::new();
    InMacros(&mut in_macros).visit_block(&block.block);
    let mut outer = f.sig.clone();
    let mut body = block.block.clone();
    let mut kept = Vec::new();
    let mut bound = Vec::new();
    for (k, arg) in outer.inputs.iter_mut().enumerate() {
        let names: Vec<String> = match arg {
            FnArg::Receiver(_) => vec!["self".to_string()],
            FnArg::Typed(pt) => {
                let mut v = Vec::new();
                crate::scan::pat_bindings(&pt.pat, &mut v);
                v.into_iter().map(|(i, _)| i.to_string()).collect()
            }
        };
        // (A block that is not `move` borrows what it names by reference, but a future the
        // function returns cannot borrow its parameters: one that compiles natively moves
        // each parameter it names, as the machine does.)
        if !names
            .iter()
            .any(|n| captured.contains(n) || in_macros.contains(n))
        {
            continue;
        }
        if let FnArg::Typed(pt) = arg {
            if !matches!(&*pt.pat, Pat::Ident(pi) if pi.by_ref.is_none() && pi.subpat.is_none()) {
                let name = format_ident!("__stackless_arg{}", k);
                let pat = std::mem::replace(&mut *pt.pat, syn::parse_quote!(#name));
                bound.push(syn::parse_quote!(let #pat = #name;));
            }
            kept.push(FnArg::Typed(pt.clone()));
            // The function hands it to the machine as `parse::plain_params` names the
            // machine's own (`Start { x }`): a name of the call site, not `mut`.
            let name = match &*pt.pat {
                Pat::Ident(pi) => crate::scan::ident(&pi.ident.to_string(), Span::call_site()),
                _ => unreachable!("made a name above"),
            };
            *pt.pat = syn::parse_quote!(#name);
        } else {
            kept.push(arg.clone());
        }
    }
    // The machine's parameters in the order the block first names them (the receiver
    // first): the order an `async move` block takes them in, and drops them in when it is
    // dropped before it first runs.
    let first_use = |arg: &FnArg| match arg {
        FnArg::Receiver(_) => 0,
        FnArg::Typed(pt) => {
            let mut v = Vec::new();
            crate::scan::pat_bindings(&pt.pat, &mut v);
            (v.iter())
                .filter_map(|(i, _)| captured.iter().position(|c| i == c))
                .min()
                .map_or(usize::MAX, |k| k + 1)
        }
    };
    kept.sort_by_key(first_use);
    plain_rebindings(&mut body, &mut kept);
    body.stmts.splice(0..0, bound);
    let mut inner = f.clone();
    inner.sig.inputs = kept.into_iter().collect();
    inner.sig.asyncness = Some(syn::Token![async](block.async_token.span));
    inner.sig.output = ReturnType::Type(arrow, Box::new(output));
    *inner.block = body;
    let boxed = Boxed {
        sig: outer,
        callee: (*call.func).clone(),
    };
    Some(Ok((inner, boxed)))
}

/// async-trait's prologue (the module's docs): its `let x = x;` of a parameter `x` left out,
/// the parameter is the `async fn`'s own, which the machine drops after the body's locals in
/// reverse order, as these bindings would be (a `mut` goes to the parameter); its `let
/// __self = self;` left out, the body's `__self` is `self`. Not a binding with an attribute
/// (`#[cfg(..)] let b = b;`), nor one after the prologue.
fn plain_rebindings(body: &mut syn::Block, params: &mut [FnArg]) {
    let mut k = 0;
    // (In the parameters' order, as async-trait writes them: `let b = b; let a = a;` would
    // drop `a` first, the parameters `b` first.)
    let mut after = 0;
    while k < body.stmts.len() {
        let st = &body.stmts[k];
        if let syn::Stmt::Expr(Expr::If(i), _) = st {
            let guard = matches!(&*i.cond, Expr::Let(l)
                if matches!(&*l.pat, Pat::TupleStruct(ts) if ts.elems.iter().any(|e|
                    matches!(e, Pat::Ident(p) if p.ident == "__ret"))));
            if guard && i.else_branch.is_none() {
                k += 1;
                continue;
            }
            return;
        }
        let syn::Stmt::Local(l) = st else { return };
        let (Pat::Ident(pi), Some(init)) = (&l.pat, &l.init) else {
            return;
        };
        if matches!(&*init.expr, Expr::Path(p) if p.path.is_ident("self")) && l.attrs.is_empty() {
            // `let __self = self;`: async-trait wrote the body's `self` as `__self`, which
            // is `self` again, the receiver of the `async fn`.
            if pi.ident != "__self" || pi.by_ref.is_some() || init.diverge.is_some() {
                return;
            }
            // (Not where the body binds a `__self` of its own, which would become `self`.)
            if binds_dunder_self(&body.stmts[k + 1..]) {
                k += 1;
                continue;
            }
            let Some(FnArg::Receiver(r)) = params.first_mut() else {
                return;
            };
            if pi.mutability.is_some() && r.reference.is_none() {
                r.mutability = pi.mutability;
            }
            body.stmts.remove(k);
            let stmts = &body.stmts;
            let tokens = unrename_self(quote!({ #(#stmts)* }));
            if let Ok(b) = syn::parse2::<syn::Block>(tokens) {
                *body = b;
            }
            continue;
        }
        let same = matches!(&*init.expr, Expr::Path(p) if p.path.is_ident(&pi.ident));
        if !l.attrs.is_empty() || !same || init.diverge.is_some() || pi.by_ref.is_some() {
            return;
        }
        let param = params.iter_mut().enumerate().find_map(|(at, p)| match p {
            FnArg::Typed(pt) => match &mut *pt.pat {
                Pat::Ident(pp) if pp.ident == pi.ident && pp.by_ref.is_none() => Some((at, pp)),
                _ => None,
            },
            FnArg::Receiver(_) => None,
        });
        let Some((at, param)) = param.filter(|(at, _)| *at >= after) else {
            return;
        };
        after = at + 1;
        if pi.mutability.is_some() {
            param.mutability = pi.mutability;
        }
        body.stmts.remove(k);
    }
}

/// Whether a pattern among `stmts` binds `__self` (a local of the user's so named).
fn binds_dunder_self(stmts: &[syn::Stmt]) -> bool {
    struct V(bool);
    impl<'a> Visit<'a> for V {
        fn visit_pat_ident(&mut self, p: &'a syn::PatIdent) {
            self.0 |= p.ident == "__self";
            syn::visit::visit_pat_ident(self, p);
        }
        fn visit_macro(&mut self, m: &'a syn::Macro) {
            // (A macro's tokens may bind it too: `let`, `|__self|`.)
            let toks: Vec<String> = m
                .tokens
                .clone()
                .into_iter()
                .map(|t| t.to_string())
                .collect();
            self.0 |= toks
                .windows(2)
                .any(|w| matches!(w[0].as_str(), "let" | "mut" | "|" | ",") && w[1] == "__self");
        }
    }
    let mut v = V(false);
    stmts.iter().for_each(|s| v.visit_stmt(s));
    v.0
}

/// `__self` → `self`, everywhere (async-trait's `ReplaceSelf` undone; the span stays the
/// user's `self`'s).
fn unrename_self(ts: TokenStream) -> TokenStream {
    ts.into_iter()
        .map(|t| match t {
            proc_macro2::TokenTree::Ident(i) if i == "__self" => {
                proc_macro2::TokenTree::Ident(proc_macro2::Ident::new("self", i.span()))
            }
            proc_macro2::TokenTree::Group(g) => {
                let mut n = proc_macro2::Group::new(g.delimiter(), unrename_self(g.stream()));
                n.set_span(g.span());
                proc_macro2::TokenTree::Group(n)
            }
            t => t,
        })
        .collect()
}

/// Adds the names written inside the macros of a block (which the capture walk cannot read:
/// `take!(@ b)`), outside closures' and items' own.
struct InMacros<'a>(&'a mut std::collections::HashSet<String>);

impl<'a> Visit<'a> for InMacros<'_> {
    fn visit_item(&mut self, _: &'a syn::Item) {}
    fn visit_macro(&mut self, m: &'a syn::Macro) {
        crate::scan::idents_in(&m.tokens, self.0);
    }
}

/// `Box::pin`, by any path (`Box::pin`, `::std::boxed::Box::pin`, `alloc::boxed::Box::pin`).
fn is_box_pin(e: &Expr) -> bool {
    crate::scan::path_ends_with(e, &["Box", "pin"])
}

/// The `T` of a boxed future type: `Pin<Box<dyn Future<Output = T> + ..>>` (any paths),
/// `BoxFuture<'_, T>`, `LocalBoxFuture<'_, T>`, `impl Future<Output = T>`.
pub fn future_output(ty: &Type) -> Option<Type> {
    match ty {
        Type::Group(g) => future_output(&g.elem),
        Type::Paren(p) => future_output(&p.elem),
        Type::TraitObject(syn::TypeTraitObject { bounds, .. })
        | Type::ImplTrait(syn::TypeImplTrait { bounds, .. }) => {
            bounds.iter().find_map(|b| match b {
                syn::TypeParamBound::Trait(tb) => {
                    let last = tb.path.segments.last()?;
                    if last.ident != "Future" {
                        return None;
                    }
                    let PathArguments::AngleBracketed(args) = &last.arguments else {
                        return None;
                    };
                    args.args.iter().find_map(|a| match a {
                        GenericArgument::AssocType(at) if at.ident == "Output" => {
                            Some(at.ty.clone())
                        }
                        _ => None,
                    })
                }
                _ => None,
            })
        }
        Type::Path(p) if p.qself.is_none() => {
            let last = p.path.segments.last()?;
            let PathArguments::AngleBracketed(args) = &last.arguments else {
                return None;
            };
            let types: Vec<&Type> = args
                .args
                .iter()
                .filter_map(|a| match a {
                    GenericArgument::Type(t) => Some(t),
                    _ => None,
                })
                .collect();
            match (last.ident.to_string().as_str(), types.as_slice()) {
                ("Pin" | "Box", [inner]) => future_output(inner),
                ("BoxFuture" | "LocalBoxFuture", [out]) => Some((*out).clone()),
                _ => None,
            }
        }
        _ => None,
    }
}
