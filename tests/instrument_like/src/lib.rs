//! `#[instrument_like::instrument]`: the shape `tracing::instrument` gives an `async fn`
//! (tracing-attributes' `gen_block` for async bodies): the body moves into an `async move`
//! block, which is awaited through an `Instrumented` wrapper that enters the span around
//! every poll. The span here is the function's name, entered in a thread-local stack that
//! the tests' events read (`instrument_like_rt::current()` in tests/foreign_attributes.rs).

use proc_macro::TokenStream;
use quote::quote;

#[proc_macro_attribute]
pub fn instrument(_args: TokenStream, item: TokenStream) -> TokenStream {
    let mut f = syn::parse_macro_input!(item as syn::ItemFn);
    if f.sig.asyncness.is_none() {
        return syn::Error::new_spanned(&f.sig, "expected an `async fn`")
            .to_compile_error()
            .into();
    }
    let name = f.sig.ident.to_string();
    let body = &f.block;
    let ret = match &f.sig.output {
        syn::ReturnType::Default => quote!(()),
        syn::ReturnType::Type(_, t) => quote!(#t),
    };
    f.block = syn::parse_quote!({
        let __span = crate::instrument_like_rt::Span(#name);
        let __future = async move {
            #[allow(unreachable_code)]
            let __ret: #ret = #body;
            __ret
        };
        crate::instrument_like_rt::instrument(__future, __span).await
    });
    quote!(#f).into()
}
