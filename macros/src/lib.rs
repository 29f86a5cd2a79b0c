//! The `#[stackless::coroutine]` attribute. Implementation detail of the `stackless` crate:
//! depend on `stackless` and read its documentation.
//!
//! The macro is a small compiler; each stage is a file:
//!
//! 1. [`parse`] — signature: which machine (`Iterator`, `Coroutine`, `Future`, `Stream`),
//!    its types, its parameters; rejects what cannot be a coroutine.
//! 2. [`lower`] — body: suspension points pulled out of expressions, loops made explicit.
//! 3. [`liveness`] — which locals each suspension point carries.
//! 4. [`layout`] — the state enum: one variant per suspension point.
//! 5. [`emit`] — the enum and the step closure that runs the body between suspensions.

use proc_macro::TokenStream;

mod emit;
mod ir;
mod layout;
mod liveness;
mod lower;
mod parse;
mod scan;

/// See `stackless::coroutine`.
#[proc_macro_attribute]
pub fn coroutine(args: TokenStream, item: TokenStream) -> TokenStream {
    let item = proc_macro2::TokenStream::from(item);
    expand(args.into(), item.clone())
        .unwrap_or_else(|e| fallback(item, e))
        .into()
}

fn expand(
    args: proc_macro2::TokenStream,
    item: proc_macro2::TokenStream,
) -> syn::Result<proc_macro2::TokenStream> {
    let co = parse::parse(args, item)?;
    let mut lowered = lower::lower(&co)?;
    let live = liveness::analyse(&mut lowered.body)?;
    let layout = layout::layout(&co, &lowered.body, &live);
    Ok(emit::emit(&co, &lowered, &live, &layout))
}

/// On an error, the function is still emitted (with the error inside its body, and its body
/// replaced by a diverging one) so there is one message and the rest of the crate, and IDEs,
/// keep working.
fn fallback(item: proc_macro2::TokenStream, err: syn::Error) -> proc_macro2::TokenStream {
    let err = err.into_compile_error();
    match syn::parse2::<syn::ItemFn>(item) {
        Ok(mut f) => {
            // Keep an imported `yield_` used, so the error stays the only message.
            let used = yield_paths(&f.block)
                .into_iter()
                .map(|p| quote::quote!(#p!(@__stackless_used);));
            let err = quote::quote!(#err #(#used)*);
            f.sig.asyncness = None;
            if matches!(f.sig.output, syn::ReturnType::Default) || f.sig.constness.is_some() {
                f.sig.constness = None;
            }
            *f.block = syn::parse_quote!({ #err ::core::unreachable!() });
            f.sig.abi = None;
            f.sig.variadic = None;
            quote::quote!(#[allow(unreachable_code, unused_variables)] #f)
        }
        Err(_) => err,
    }
}

/// The distinct paths by which a body invokes `yield_!`.
fn yield_paths(b: &syn::Block) -> Vec<syn::Path> {
    struct V(Vec<syn::Path>);
    impl<'a> syn::visit::Visit<'a> for V {
        fn visit_macro(&mut self, m: &'a syn::Macro) {
            if scan::is_yield_macro(m) {
                let p = &m.path;
                if !self
                    .0
                    .iter()
                    .any(|q| quote::quote!(#q).to_string() == quote::quote!(#p).to_string())
                {
                    self.0.push(m.path.clone());
                }
            }
        }
    }
    let mut v = V(Vec::new());
    syn::visit::Visit::visit_block(&mut v, b);
    v.0
}

#[cfg(test)]
mod snapshots;
