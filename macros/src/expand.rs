//! The whole pipeline: parse → lower → liveness → pinned → resident → layout → emit, and what to emit when a
//! stage reports an error.

use crate::temporaries::TailRule;
use crate::{boxed, cfg, emit, layout, liveness, lower, parse, pinned, resident, scan};

/// Expands `#[stackless::coroutine(args)] item`.
pub fn expand(
    args: proc_macro2::TokenStream,
    item: proc_macro2::TokenStream,
) -> proc_macro2::TokenStream {
    configured(args, item.clone()).unwrap_or_else(|e| fallback(item, e))
}

/// With `#[cfg]`s on code that suspends, one expansion per combination (`cfg.rs`).
fn configured(
    args: proc_macro2::TokenStream,
    item: proc_macro2::TokenStream,
) -> syn::Result<proc_macro2::TokenStream> {
    let Ok(f) = syn::parse2::<syn::ItemFn>(item.clone()) else {
        return try_expand(args, item, None);
    };
    if let Some(out) = sync_wrapper(&f) {
        return Ok(out);
    }
    let (f, item, boxed) = match boxed::unbox(&f) {
        Some(unboxed) => {
            let (f, b) = unboxed?;
            (f.clone(), quote::quote!(#f), Some(b))
        }
        None => (f, item, None),
    };
    let preds = cfg::predicates(&f)?;
    if preds.is_empty() {
        return try_expand(args, item, boxed);
    }
    let mut out = proc_macro2::TokenStream::new();
    for k in 0..1usize << preds.len() {
        let on: Vec<bool> = (0..preds.len()).map(|i| k & (1 << i) != 0).collect();
        let (gate, f) = cfg::configure(&f, &preds, &on);
        let expanded = try_expand(args.clone(), quote::quote!(#f), boxed.clone())?;
        out.extend(quote::quote!(#gate #expanded));
    }
    Ok(out)
}

pub fn try_expand(
    args: proc_macro2::TokenStream,
    item: proc_macro2::TokenStream,
    boxed: Option<boxed::Boxed>,
) -> syn::Result<proc_macro2::TokenStream> {
    let mut co = parse::parse(args, item)?;
    co.boxed = boxed;
    compile(co)
}

/// Every stage after the parse, for the `fn` forms and the block forms (`blocks.rs`) alike.
///
/// A block's tail drops its temporaries after the block's locals in editions up to 2021,
/// before them in 2024, by the edition of the block's span (`temporaries::TailRule`), which
/// a macro cannot read. The crate's edition is read from the compiler's command line
/// (`crate_edition`), and the body lowered for it; where the command line says nothing (an
/// IDE's expander) and the rule matters, the body is lowered for both rules, and the
/// compiler picks one by a `macro_rules!` matcher spanned at the body, whose `$e:expr`
/// matches `_` from edition 2024 on (`by_edition`). (The command line first: the matcher,
/// being the user's code for the compiler, draws `rust_2024_compatibility`'s warning on that
/// `expr`, which `cargo fix --edition` would try to rewrite in the user's file.)
pub fn compile(co: parse::Coroutine) -> syn::Result<proc_macro2::TokenStream> {
    compile_in(co, crate_edition())
}

/// `compile` for a crate of `edition`, if known.
fn compile_in(
    mut co: parse::Coroutine,
    edition: Option<u16>,
) -> syn::Result<proc_macro2::TokenStream> {
    if co.tail_rule == TailRule::Unknown {
        co.tail_rule = match edition {
            Some(e) if e >= 2024 => TailRule::Block,
            Some(_) => TailRule::Extended,
            None => TailRule::Unknown,
        };
    }
    let again = (co.tail_rule == TailRule::Unknown).then(|| co.clone());
    let (out, edition_matters) = compile_for(co)?;
    let Some(mut co) = again.filter(|_| edition_matters) else {
        return Ok(out);
    };
    let span = co.edition_span();
    co.tail_rule = TailRule::Extended;
    let (extended, _) = compile_for(co)?;
    Ok(by_edition(out, extended, span))
}

/// The crate's edition from the compiler's command line (`--edition=2021`, `--edition
/// 2021`; without one, rustc's default, 2015): the macro runs inside the compiler, whose
/// arguments these are. `None` where they are not a compiler's (an IDE's expander) or are
/// in an argument file (`@path`).
fn crate_edition() -> Option<u16> {
    // (The expansion snapshots, `snapshots.rs`, run outside the compiler: as in this
    // workspace's crates.)
    if cfg!(test) {
        return Some(2021);
    }
    static EDITION: std::sync::OnceLock<Option<u16>> = std::sync::OnceLock::new();
    *EDITION.get_or_init(|| {
        let args: Vec<String> = std::env::args().collect();
        let mut found = None;
        for (i, a) in args.iter().enumerate() {
            if let Some(v) = a.strip_prefix("--edition=") {
                found = v.parse().ok();
            } else if a == "--edition" {
                found = args.get(i + 1).and_then(|v| v.parse().ok());
            } else if a.starts_with('@') {
                return None;
            }
        }
        let compiler = args.first().is_some_and(|a| {
            let name = std::path::Path::new(a).file_stem().and_then(|s| s.to_str());
            matches!(name, Some("rustc" | "clippy-driver" | "rustdoc"))
        });
        match found {
            Some(e) => Some(e),
            None if compiler => Some(2015),
            None => None,
        }
    })
}

/// One expansion, its body chosen by edition: `new`'s (2024) or `old`'s (2015 to 2021).
/// Both are the same item but for the body (their last token tree, a `{ }` group: the
/// `fn`'s, or a block form's whole expression); if not, the body's own rule is unknown
/// and `new` (edition 2024's) is kept.
fn by_edition(
    new: proc_macro2::TokenStream,
    old: proc_macro2::TokenStream,
    span: proc_macro2::Span,
) -> proc_macro2::TokenStream {
    use proc_macro2::TokenTree;
    let split = |ts: proc_macro2::TokenStream| {
        let mut v: Vec<TokenTree> = ts.into_iter().collect();
        match v.pop() {
            Some(TokenTree::Group(g)) if g.delimiter() == proc_macro2::Delimiter::Brace => {
                Some((v.into_iter().collect::<proc_macro2::TokenStream>(), g))
            }
            _ => None,
        }
    };
    let (Some((head, new_body)), Some((old_head, old_body))) = (split(new.clone()), split(old))
    else {
        return new;
    };
    if head.to_string() != old_head.to_string() {
        return new;
    }
    // (Spanned at the user's body, the whole definition: the matcher's edition is the
    // definition's.)
    let pick = quote::quote_spanned! {span=>
        macro_rules! __stackless_edition {
            ($e:expr ; $new:tt $old:tt) => { $new };
            (_ ; $new:tt $old:tt) => { $old };
        }
    };
    quote::quote!(#head { #pick __stackless_edition!(_ ; #new_body #old_body) })
}

/// `compile` for the tail rule `co` says; and whether the rule mattered.
fn compile_for(mut co: parse::Coroutine) -> syn::Result<(proc_macro2::TokenStream, bool)> {
    crate::blocks::capture_nested(&mut co.body);
    crate::for_await::desugar(&mut co.body, co.kind.is_async())?;
    crate::returning::apply(&mut co);
    crate::guards::split(&mut co.body);
    crate::temporaries::unpromote(&mut co.body);
    let holders = crate::partial::apply(&mut co);
    crate::maybe_moved::apply(&mut co);
    let mut lowered = lower::lower(&co)?;
    // (By the statement that binds each: `liveness.rs` reads the body's statements.)
    let shared: Vec<usize> = (co.params.iter().enumerate())
        .filter(|(_, p)| p.shared_ref)
        .map(|(k, _)| lowered.body.param_stmts[k])
        .collect();
    let views: Vec<(usize, bool)> = (co.params.iter().enumerate())
        .filter(|(_, p)| p.view || p.owning_view)
        .map(|(k, p)| (lowered.body.param_stmts[k], p.owning_view))
        .collect();
    let pin_maybe_moved = matches!(
        co.kind,
        crate::parse::Kind::Future | crate::parse::Kind::Stream
    );
    let mut live = liveness::analyse(
        &mut lowered.body,
        co.resume_trivial(),
        &shared,
        &views,
        pin_maybe_moved,
    )?;
    let pins = pinned::pin(&mut lowered.body, &mut live, co.params.len());
    let mut resident = resident::analyse(&co, &mut lowered.body, &live, &pins);
    let layout = layout::layout(&co, &lowered.body, &live, &resident, &pins);
    let (out, refined) = emit::emit(&co, &lowered, &live, &layout, &pins, &resident);
    // (A pass over every token of the output: only when there is a holder to unify.)
    let unify = |out| match holders {
        0 => out,
        _ => crate::partial::unify_copies(out, &co.rest_tag),
    };
    if refined == resident.point {
        return Ok((unify(out), lowered.edition_matters));
    }
    // Some points of a resident group resume the same code: once more, with one `__point`
    // value for them (and no `__point` at all if that leaves one).
    resident.point = refined;
    let layout = layout::layout(&co, &lowered.body, &live, &resident, &pins);
    let out = emit::emit(&co, &lowered, &live, &layout, &pins, &resident).0;
    Ok((unify(out), lowered.edition_matters))
}

/// An attribute above this one (`#[tokio::main]`, `#[tokio::test]`) has already made the
/// `async fn` a plain `fn` that blocks on its body as an `async` block (`let body = async {
/// … };`): that block becomes an `async fn` of its own, under this attribute, called in its
/// place. Only for a function without parameters whose body makes such a block and suspends
/// nowhere else.
///
/// from: `fn main() { let body = async { tick().await; }; … block_on(body) }`
/// into: `fn main() { let body = { #[stackless::coroutine] async fn __stackless_body() { tick()`
///       `.await; } __stackless_body() }; … block_on(body) }`
fn sync_wrapper(f: &syn::ItemFn) -> Option<proc_macro2::TokenStream> {
    if f.sig.asyncness.is_some() || !f.sig.inputs.is_empty() || !f.sig.generics.params.is_empty() {
        return None;
    }
    let output = match &f.sig.output {
        syn::ReturnType::Default => quote::quote!(()),
        syn::ReturnType::Type(_, t) if !matches!(**t, syn::Type::ImplTrait(_)) => quote::quote!(#t),
        _ => return None,
    };
    let mut f = f.clone();
    let mut found = false;
    for s in &mut f.block.stmts {
        let syn::Stmt::Local(l) = s else { continue };
        let Some(init) = &mut l.init else { continue };
        let syn::Expr::Async(a) = &*init.expr else {
            continue;
        };
        if found {
            return None;
        }
        found = true;
        if !scan::block_suspends(&a.block) {
            // (`#[tokio::test] async fn parses() { assert!(..) }`: nothing suspends, the
            // block is the function's as written.)
            continue;
        }
        let stmts = &a.block.stmts;
        let name = proc_macro2::Ident::new("__stackless_body", a.async_token.span);
        *init.expr = syn::parse_quote_spanned! {a.async_token.span=>
            {
                #[::stackless::coroutine]
                async fn #name() -> #output { #(#stmts)* }
                #name()
            }
        };
    }
    found.then(|| quote::quote!(#f))
}

/// On an error, the function is still emitted (with the error inside its body, and its body
/// replaced by a diverging one) so there is one message and the rest of the crate, and IDEs,
/// keep working.
fn fallback(item: proc_macro2::TokenStream, err: syn::Error) -> proc_macro2::TokenStream {
    let err = err.into_compile_error();
    match syn::parse2::<syn::ItemFn>(item.clone()) {
        Ok(mut f) => {
            // Keep an imported `yield_` used, so the error stays the only message.
            let used = yield_paths(&f.block)
                .into_iter()
                .map(|p| quote::quote!(#p!(@__stackless_used);));
            let err = quote::quote!(#err #(#used)*);
            // An `async fn` stays one, so its callers' `.await` is no second error.
            if matches!(f.sig.output, syn::ReturnType::Default) || f.sig.constness.is_some() {
                f.sig.constness = None;
            }
            *f.block = syn::parse_quote!({ #err ::stackless::__private::core::unreachable!() });
            f.sig.abi = None;
            f.sig.variadic = None;
            quote::quote!(#[allow(unreachable_code, unused_variables)] #f)
        }
        Err(_) => match syn::parse2::<syn::TraitItemFn>(item.clone()) {
            // A trait's method declared without a body: it keeps its signature, with a default
            // body that holds the error, so the trait still has the method and its impls and
            // callers are no second error.
            Ok(mut m) if m.default.is_none() => {
                m.default =
                    Some(syn::parse_quote!({ #err ::stackless::__private::core::unreachable!() }));
                m.semi_token = None;
                quote::quote!(#[allow(unreachable_code, unused_variables)] #m)
            }
            // Anything else the attribute cannot take stays as written, beside the error.
            _ => quote::quote!(#err #item),
        },
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
mod tests {
    /// Without an edition on the command line, a body whose tail rule matters is lowered for
    /// both rules, behind the matcher that picks one; with one, once.
    #[test]
    fn both_rules_only_where_the_edition_is_unknown() {
        let item = quote::quote! {
            async fn f(p: D) -> usize {
                let a = D::new();
                tick().await;
                len(&D::new()) + p.len() + a.len()
            }
        };
        let co = || super::parse::parse(Default::default(), item.clone()).expect("parses");
        let unknown = super::compile_in(co(), None).expect("compiles").to_string();
        assert_eq!(
            unknown.matches("macro_rules ! __stackless_edition").count(),
            1
        );
        assert!(
            unknown.contains("($ e : expr ; $ new : tt $ old : tt)"),
            "{unknown}"
        );
        for edition in [2021, 2024] {
            let known = super::compile_in(co(), Some(edition))
                .expect("compiles")
                .to_string();
            assert!(!known.contains("__stackless_edition"), "{known}");
        }
        // An `if let` whose scrutinee's temporary edition 2024 drops before the `else`.
        let item = quote::quote! {
            async fn g() -> usize {
                if let Some(n) = mk().get() { tick().await; n } else { tick().await; 0 }
            }
        };
        let co = super::parse::parse(Default::default(), item).expect("parses");
        let unknown = super::compile_in(co, None).expect("compiles").to_string();
        assert_eq!(
            unknown.matches("macro_rules ! __stackless_edition").count(),
            1
        );
    }
}
