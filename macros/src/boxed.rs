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
//!       `{ Box::pin(async move { let __self = self; let k = k; .. }) }`
//! into: the same signature, `{ Box::pin({ enum __Get<..> { .. } .. __machine }) }`: the
//!       machine of `async fn get<..>(&'life0 self, k: u32) -> u32 { let __self = self; .. }`.
//!
//! **Which parameters.** An `async move` block moves in the parameters it names; the others
//! are dropped when the function returns, before the future is first polled. The machine's
//! parameters are those the block names (`blocks::captures`, as a block form's captures are
//! found); the others stay parameters of the function alone, and drop where they did. (A name
//! the capture reading misses is still moved into the machine's step closure, which is
//! `move`: it compiles, and is dropped with the machine.) async-trait binds every parameter
//! in the block (`let x = x;`), so its methods keep them all, as a native `async fn` does.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Expr, FnArg, GenericArgument, ItemFn, PathArguments, ReturnType, Signature, Type};

/// How the machine is put back in the function the user's attributes made.
#[derive(Clone)]
pub struct Boxed {
    /// The function's signature as written (its parameters as the machine's signature
    /// names them, `parse::plain_params`, once `compile` has run).
    pub sig: Signature,
    /// The parameters the block does not capture: `(position, parameter)` in `sig`.
    pub uncaptured: Vec<(usize, FnArg)>,
    /// What boxed the block: `Box::pin`, as written.
    pub callee: Expr,
}

impl Boxed {
    /// The function emitted around `body` (the tokens that build the machine): its
    /// signature, the machine's parameters as `machine_sig` names them, its body the callee
    /// applied to the machine, or, where other attributes expect the block
    /// (`#[tracing::instrument]` instruments async-trait's block), to an `async move` block
    /// that awaits it.
    pub fn emit(
        &self,
        attrs: &[syn::Attribute],
        vis: &syn::Visibility,
        machine_sig: &Signature,
        body: TokenStream,
        wrapped: bool,
    ) -> TokenStream {
        let mut sig = self.sig.clone();
        let mut inputs: Vec<FnArg> = machine_sig.inputs.iter().cloned().collect();
        for (at, arg) in &self.uncaptured {
            inputs.insert(*at, arg.clone());
        }
        sig.inputs = inputs.into_iter().collect();
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
    let [syn::Stmt::Expr(Expr::Call(call), None)] = f.block.stmts.as_slice() else {
        return None;
    };
    let [Expr::Async(block)] = call.args.iter().collect::<Vec<_>>().as_slice() else {
        return None;
    };
    if !is_box_pin(&call.func) || !block.attrs.is_empty() {
        return None;
    }
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
    let captured = crate::blocks::captures(&block.block, None);
    let names = |arg: &FnArg| -> Vec<String> {
        match arg {
            FnArg::Receiver(_) => vec!["self".to_string()],
            FnArg::Typed(pt) => {
                let mut bound = Vec::new();
                crate::scan::pat_bindings(&pt.pat, &mut bound);
                bound.into_iter().map(|(i, _)| i.to_string()).collect()
            }
        }
    };
    let mut inner = f.clone();
    let mut uncaptured = Vec::new();
    let mut kept = Vec::new();
    for (at, arg) in f.sig.inputs.iter().enumerate() {
        let taken = names(arg)
            .iter()
            .any(|n| captured.iter().any(|c| c == n.as_str()));
        // (A block that is not `move` borrows what it names by reference, but a future the
        // function returns cannot borrow its parameters: one that compiles natively moves
        // each parameter it names, as the machine does.)
        if taken {
            kept.push(arg.clone());
        } else {
            uncaptured.push((at, arg.clone()));
        }
    }
    inner.sig.inputs = kept.into_iter().collect();
    inner.sig.asyncness = Some(syn::Token![async](block.async_token.span));
    inner.sig.output = ReturnType::Type(arrow, Box::new(output));
    *inner.block = block.block.clone();
    let boxed = Boxed {
        sig: f.sig.clone(),
        uncaptured,
        callee: (*call.func).clone(),
    };
    Some(Ok((inner, boxed)))
}

/// `Box::pin`, by any path (`Box::pin`, `::std::boxed::Box::pin`, `alloc::boxed::Box::pin`).
fn is_box_pin(e: &Expr) -> bool {
    let Expr::Path(p) = e else { return false };
    let segs: Vec<String> = p
        .path
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect();
    segs.len() >= 2 && segs[segs.len() - 2] == "Box" && segs[segs.len() - 1] == "pin"
}

/// The `T` of a boxed future type: `Pin<Box<dyn Future<Output = T> + ..>>` (any paths),
/// `BoxFuture<'_, T>`, `LocalBoxFuture<'_, T>`, `impl Future<Output = T>`.
fn future_output(ty: &Type) -> Option<Type> {
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
