//! Stage 1a — `#[for_await]` loops over a stream, in an `async fn` or an async generator
//! (the attribute of futures-async-stream, bare or as `#[stackless::for_await]`): the loop
//! becomes the `while let` a user would write by hand, before anything else runs (so the
//! twin checks it as that `while let`, and the lowering sees one more `.await`).
//!
//! from: `#[for_await] 'l: for Foo(i) in s { … }`
//! into: `{ let mut __stream = ::core::pin::pin!(s);`
//!       `  'l: while let Some(Foo(i)) = ::stackless::next(&mut __stream).await { … } }`
//!
//! The stream is pinned in place (a slot of the machine's frame, as `pin!` always is), the
//! pattern, the label, `break` and `continue` are the `for` loop's, and the loop's value is
//! `()`, as a `for` loop's.

use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::visit_mut::VisitMut;
use syn::{Attribute, Expr};

/// Rewrites every `#[for_await]` loop of the body and of the `async` blocks and closures in
/// it (not inside other closures or items). `is_async`: the coroutine may await; in
/// another, such a loop outside an `async` block is an error.
pub fn desugar(body: &mut syn::Block, is_async: bool) -> syn::Result<()> {
    let mut d = Desugar {
        is_async,
        error: None,
    };
    d.visit_block_mut(body);
    match d.error {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

struct Desugar {
    is_async: bool,
    error: Option<syn::Error>,
}

/// `#[for_await]` or `#[stackless::for_await]`.
fn is_for_await(a: &Attribute) -> bool {
    let segs: Vec<String> = a
        .path()
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect();
    matches!(a.meta, syn::Meta::Path(_))
        && (segs == ["for_await"] || segs == ["stackless", "for_await"])
}

impl VisitMut for Desugar {
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
    // An `async` block or closure in the body awaits on its own: its `#[for_await]` loops are
    // rewritten too (futures-async-stream's do), as loops of its own.
    fn visit_expr_closure_mut(&mut self, c: &mut syn::ExprClosure) {
        if c.asyncness.is_some() {
            let outer = std::mem::replace(&mut self.is_async, true);
            syn::visit_mut::visit_expr_closure_mut(self, c);
            self.is_async = outer;
        }
    }
    fn visit_expr_async_mut(&mut self, a: &mut syn::ExprAsync) {
        let outer = std::mem::replace(&mut self.is_async, true);
        syn::visit_mut::visit_expr_async_mut(self, a);
        self.is_async = outer;
    }

    fn visit_expr_mut(&mut self, e: &mut Expr) {
        // (Inner loops first: their `while let` is then part of this one's body.)
        syn::visit_mut::visit_expr_mut(self, e);
        let Expr::ForLoop(f) = e else { return };
        let Some(at) = f.attrs.iter().position(is_for_await) else {
            return;
        };
        let attr = f.attrs.remove(at);
        if !self.is_async {
            let at = attr
                .path()
                .segments
                .last()
                .map_or(attr.span(), |s| s.ident.span());
            self.error.get_or_insert(syn::Error::new(
                at,
                "`#[for_await]` awaits each item of a stream: it needs an `async fn` or an async \
                 generator (`-> impl Stream<Item = Y>`); in a generator, iterate with a plain \
                 `for`",
            ));
            return;
        }
        let (attrs, label, pat, stream, body) = (&f.attrs, &f.label, &f.pat, &f.expr, &f.body);
        let s = syn::Ident::new("__stream", Span::mixed_site());
        let span = f.for_token.span;
        *e = syn::parse_quote_spanned! {span=>
            {
                let mut #s = ::stackless::__private::core::pin::pin!(#stream);
                #(#attrs)*
                #label while let ::stackless::__private::core::option::Option::Some(#pat) =
                    ::stackless::next(&mut #s).await #body
            }
        };
    }
}
