//! Stage 1 — parse: read the function's signature, decide what kind of machine it becomes,
//! and reject what cannot be a coroutine.
//!
//! from: `fn count_up(limit: u64) -> impl Iterator<Item = u64> { … }`
//! into: `Coroutine { kind: Iterator, yield_ty: u64, resume_ty: (), return_ty: (), params: [limit] }`

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, ToTokens};
use syn::spanned::Spanned;
use syn::{
    Attribute, FnArg, GenericArgument, Ident, ItemFn, Pat, PathArguments, ReturnType, Signature,
    Type, TypeParamBound, Visibility,
};

/// The four machines the attribute can build.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `fn … -> impl Iterator<Item = Y>`
    Iterator,
    /// `fn … -> impl Coroutine<R, Yield = Y, Return = T>`
    Coroutine,
    /// `async fn … -> T`
    Future,
    /// `fn … -> impl Stream<Item = Y>`
    Stream,
}

impl Coroutine {
    /// Whether the value of a `yield_!` certainly has no drop glue: the resume type is `()`
    /// (generators, streams) or spelled as a primitive, a reference, or a tuple or array of
    /// those.
    pub fn resume_trivial(&self) -> bool {
        match self.kind {
            Kind::Iterator | Kind::Stream => true,
            Kind::Future => false,
            Kind::Coroutine => self.resume_ty.as_ref().is_some_and(trivially_dropped),
        }
    }
}

/// Certainly `Copy`: a primitive, a shared reference or raw pointer, or a tuple or array of
/// those. A by-value use of such a local copies it.
pub fn certainly_copy(ty: &Type) -> bool {
    match ty {
        Type::Reference(r) => r.mutability.is_none(),
        Type::Ptr(_) | Type::Never(_) => true,
        Type::Tuple(t) => t.elems.iter().all(certainly_copy),
        Type::Array(a) => certainly_copy(&a.elem),
        Type::Paren(p) => certainly_copy(&p.elem),
        Type::Path(_) => trivially_dropped(ty),
        _ => false,
    }
}

fn trivially_dropped(ty: &Type) -> bool {
    match ty {
        Type::Reference(_) | Type::Ptr(_) | Type::Never(_) => true,
        Type::Tuple(t) => t.elems.iter().all(trivially_dropped),
        Type::Array(a) => trivially_dropped(&a.elem),
        Type::Paren(p) => trivially_dropped(&p.elem),
        Type::Path(p) if p.qself.is_none() => p.path.get_ident().is_some_and(|i| {
            matches!(
                i.to_string().as_str(),
                "i8" | "i16"
                    | "i32"
                    | "i64"
                    | "i128"
                    | "isize"
                    | "u8"
                    | "u16"
                    | "u32"
                    | "u64"
                    | "u128"
                    | "usize"
                    | "f32"
                    | "f64"
                    | "bool"
                    | "char"
            )
        }),
        _ => false,
    }
}

impl Kind {
    /// Whether `.await` is allowed in the body.
    pub fn is_async(self) -> bool {
        matches!(self, Kind::Future | Kind::Stream)
    }
    /// Whether `yield_!` is allowed in the body.
    pub fn can_yield(self) -> bool {
        !matches!(self, Kind::Future)
    }
}

/// One parameter of the function, as the `Start` variant stores it.
#[derive(Clone)]
pub struct Param {
    /// Field name in the `Start` variant (the parameter's own name when it is a plain
    /// identifier, `__arg{n}` otherwise, `__self` for the receiver).
    pub field: Ident,
    /// How the body binds it: `let <pat> = <field>;` is prepended to the body.
    pub pat: Pat,
    /// The receiver: moved in as `__self: self`.
    pub receiver: bool,
    /// Its declared type certainly has no drop glue (`u64`, `&T`, …): unmentioned, it is not
    /// kept as a guard.
    pub trivial: bool,
    /// Its declared type is a shared reference (`&self`, `x: &T`): a method call on it borrows
    /// what it points to, never the parameter itself, so it never needs a pinned slot.
    pub shared_ref: bool,
    /// Its declared type is certainly `Copy` (`u64`, `&T`, …).
    pub copy: bool,
    /// Its declared type is certainly not a reference (`self`, `s: Listener`): a pattern
    /// matched against it moves what it binds (`partial.rs`).
    pub owned: bool,
    /// Its declared type is `impl Trait`: opaque here, so the function cannot reach what it
    /// may borrow (`maybe_moved.rs` may keep it to the end of the body).
    pub opaque: bool,
    /// Its declared type is a string or a collection (`String`, `&str`, `Vec<T>`, …): a
    /// method the macro does not know most often returns a view of it (`liveness.rs`).
    pub view: bool,
    /// Its declared type is an owning string or collection (`String`, `Vec<T>`, …:
    /// `scan::owning_view_type`): it certainly has drop glue.
    pub owning_view: bool,
    /// Its pattern's `let`, rewritten as a partial move of the argument when the pattern
    /// leaves part of it (`partial.rs`): emitted instead of `let <pat> = <field>;`.
    pub binding: Option<Vec<syn::Stmt>>,
}

/// The hidden field name of a parameter that is not a plain identifier (`__arg0`), or of
/// the receiver (`__self`): a local of the body's outermost scope once bound there.
pub fn is_param_field(i: &Ident) -> bool {
    let s = i.to_string();
    s == "__self"
        || s.strip_prefix("__arg")
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// `impl Trait` (seen through the invisible group a `macro_rules!` `$t:ty` makes).
fn impl_trait(t: &Type) -> bool {
    match t {
        Type::ImplTrait(_) => true,
        Type::Group(g) => impl_trait(&g.elem),
        Type::Paren(p) => impl_trait(&p.elem),
        _ => false,
    }
}

/// A function that `#[stackless::coroutine]` turns into a machine.
#[derive(Clone)]
pub struct Coroutine {
    pub attrs: Vec<Attribute>,
    pub vis: Visibility,
    /// The signature the expansion emits (no `async`, parameters made plain identifiers,
    /// `async fn` given its `impl Future` return type).
    pub sig: Signature,
    pub body: syn::Block,
    pub kind: Kind,
    /// The function's name, for panic messages and the state enum's name.
    pub name: Ident,
    /// `Y`, when it can be written inside the body (no nested `impl Trait`).
    pub yield_ty: Option<Type>,
    /// `Y` as declared when it is an `impl Trait` (`impl Fn(u32) -> u32`): the trait a
    /// yielded closure's copies are made one closure of (`scan::yielded_closure`).
    pub yield_impl: Option<Type>,
    /// `R`: `()` except for `impl Coroutine<R, …>`.
    pub resume_ty: Option<Type>,
    /// `T`: the value the body evaluates to, when it can be written inside the body.
    pub return_ty: Option<Type>,
    /// A `?` ends the machine by yielding the residual as its last item (a stream, and an
    /// `-> impl Iterator` generator whose body uses `?`): the body then evaluates to an
    /// `Option` of that item.
    pub residual_items: bool,
    pub params: Vec<Param>,
    /// The holders of what is left of parameters moved out of in part (`partial.rs`).
    pub param_rests: Vec<crate::partial::ParamRest>,
    /// The tag of the partial moves' holders' names (`partial::expansion_tag`).
    pub rest_tag: String,
    /// The return type as written (of an `async fn`: its output).
    pub async_output: ReturnType,
    /// An expression form (`iter! { .. }`, `stream! { .. }`, `try_stream! { .. }`,
    /// `co!(|first| { .. })`, `blocks.rs`): its parameters are what it captures, and the
    /// machine is built where the expression is instead of returned by a function.
    pub block: Option<crate::blocks::Form>,
    /// The body's first statement binds the first resume argument (`co!(|first| ..)`):
    /// the `Start` arm does not discard it.
    pub first_arg: bool,
    /// Where a block's tail drops its temporaries (`expand.rs` finds the body's edition).
    pub tail_rule: crate::temporaries::TailRule,
    /// The function boxed an `async` block, which is this machine (`boxed.rs`): it keeps
    /// its signature and boxes the machine instead.
    pub boxed: Option<crate::boxed::Boxed>,
}

impl Coroutine {
    /// How messages and traces name the machine: the function's name, or the block macro's.
    /// A span of the user's body, whose edition is the body's: its braces', or a block
    /// form's first token's.
    pub fn edition_span(&self) -> Span {
        use quote::ToTokens;
        match (self.block, self.body.stmts.first()) {
            (Some(_), Some(s)) => s
                .to_token_stream()
                .into_iter()
                .next()
                .map_or_else(Span::call_site, |t| t.span()),
            _ => self.body.brace_token.span.join(),
        }
    }

    pub fn display_name(&self) -> String {
        match self.block {
            Some(form) => format!("{}!", form.macro_name()),
            None => {
                let name = self.name.to_string();
                name.strip_prefix("r#").unwrap_or(&name).to_string()
            }
        }
    }

    /// Another attribute sits on an `async fn` (`#[tokio::main]`, `#[tokio::test]`,
    /// `#[tracing::instrument]`, anything the macro does not know): it expects an `async fn`,
    /// so the machine is awaited by one that keeps the attributes (`emit.rs`).
    pub fn wrapped(&self) -> bool {
        self.kind == Kind::Future && self.attrs.iter().any(|a| !passive_attribute(a))
    }
}

/// An attribute that means the same on the machine's function as on the `async fn`: doc
/// comments, lint levels, `inline`, `must_use`, `deprecated`, `cold`, and tool attributes
/// (`rustfmt::skip`, `clippy::…`).
fn passive_attribute(a: &Attribute) -> bool {
    let path = a.path();
    if path.segments.len() > 1 {
        let tool = path.segments[0].ident.to_string();
        return tool == "rustfmt" || tool == "clippy";
    }
    path.get_ident().is_some_and(|i| {
        matches!(
            i.to_string().as_str(),
            "doc"
                | "allow"
                | "warn"
                | "deny"
                | "forbid"
                | "expect"
                | "inline"
                | "must_use"
                | "deprecated"
                | "cold"
                | "track_caller"
        )
    })
}

pub fn parse(args: TokenStream, item: TokenStream) -> syn::Result<Coroutine> {
    if !args.is_empty() {
        return Err(syn::Error::new_spanned(
            args,
            "`#[stackless::coroutine]` takes no arguments",
        ));
    }
    let func: ItemFn = syn::parse2(item.clone()).map_err(|e| {
        if syn::parse2::<syn::Item>(item.clone())
            .is_ok_and(|i| !matches!(i, syn::Item::Fn(_) | syn::Item::Verbatim(_)))
        {
            syn::Error::new_spanned(
                item,
                "`#[stackless::coroutine]` goes on a function: a `fn` returning \
                 `impl Iterator<Item = Y>`, `impl Coroutine<R, Yield = Y, Return = T>` or \
                 `impl Stream<Item = Y>`, or an `async fn`",
            )
        } else if let Some(m) = syn::parse2::<syn::TraitItemFn>(item.clone())
            .ok()
            .filter(|m| {
                m.default.is_none()
                    && matches!(&m.sig.output, ReturnType::Type(_, t)
                        if crate::boxed::future_output(t).is_some())
            })
        {
            // (`#[async_trait]` made the `async fn` of a trait a function returning a boxed
            // future: there is no body to lower here.)
            syn::Error::new_spanned(
                &m.sig.ident,
                "`#[stackless::coroutine]` needs a function with a body: put it on the method \
                 of the `#[async_trait]` impl (or on a default body in the trait)",
            )
        } else if item.to_string().trim_end().ends_with(';') {
            syn::Error::new_spanned(
                item,
                "`#[stackless::coroutine]` needs a function with a body; in a trait, declare \
                 the method as `fn name(..) -> impl Iterator<Item = Y>` (or `impl Future`) \
                 and put the attribute on the implementation",
            )
        } else {
            e
        }
    })?;
    let ItemFn {
        attrs,
        vis,
        sig,
        block,
    } = func;
    check_signature(&sig)?;
    let name = sig.ident.clone();
    let (kind, yield_ty, resume_ty, return_ty) = classify(&sig)?;
    let async_output = sig.output.clone();
    let (sig, params) = plain_params(sig, kind)?;
    let residual_items =
        kind == Kind::Stream || (kind == Kind::Iterator && uses_question_mark(&block));
    Ok(Coroutine {
        attrs,
        vis,
        sig,
        body: *block,
        kind,
        name,
        yield_impl: yield_ty.clone().filter(|t| matches!(t, Type::ImplTrait(_))),
        yield_ty: yield_ty.filter(nameable),
        resume_ty,
        return_ty: return_ty.filter(nameable),
        residual_items,
        params,
        param_rests: Vec::new(),
        rest_tag: String::new(),
        async_output,
        block: None,
        first_arg: false,
        tail_rule: Default::default(),
        boxed: None,
    })
}

/// Whether the body (not a closure, `async` block or item in it) uses `?`.
pub fn uses_question_mark(b: &syn::Block) -> bool {
    struct V(bool);
    impl<'a> syn::visit::Visit<'a> for V {
        fn visit_expr_try(&mut self, t: &'a syn::ExprTry) {
            self.0 = true;
            syn::visit::visit_expr_try(self, t);
        }
        fn visit_expr_closure(&mut self, _: &'a syn::ExprClosure) {}
        fn visit_expr_async(&mut self, _: &'a syn::ExprAsync) {}
        fn visit_item(&mut self, _: &'a syn::Item) {}
        // In the macros the lowering reads: `yield_!(Ok(s.parse()?))`, `vec![x?]`.
        fn visit_macro(&mut self, m: &'a syn::Macro) {
            if crate::scan::is_yield_macro(m) {
                if let Ok(e) = crate::scan::yield_operand(m) {
                    self.visit_expr(&e);
                }
            } else if let Some(args) = crate::scan::parse_macro_args(m) {
                args.args.iter().for_each(|a| self.visit_expr(a));
            }
        }
    }
    let mut v = V(false);
    syn::visit::Visit::visit_block(&mut v, b);
    v.0
}

fn check_signature(sig: &Signature) -> syn::Result<()> {
    if let Some(c) = &sig.constness {
        return Err(syn::Error::new(
            c.span,
            "a coroutine cannot be a `const fn`: it returns a state machine that runs later, \
             at run time",
        ));
    }
    if let Some(abi) = &sig.abi {
        return Err(syn::Error::new_spanned(
            abi,
            "a coroutine cannot have an `extern` ABI: it returns a Rust state machine \
             (`impl Iterator`, `impl Coroutine`, `impl Future` or `impl Stream`)",
        ));
    }
    if let Some(v) = &sig.variadic {
        return Err(syn::Error::new_spanned(
            v,
            "a coroutine cannot be variadic: a state machine must own its arguments",
        ));
    }
    Ok(())
}

type Classified = (Kind, Option<Type>, Option<Type>, Option<Type>);

fn unit() -> Type {
    syn::parse_quote!(())
}

fn classify(sig: &Signature) -> syn::Result<Classified> {
    if sig.asyncness.is_some() {
        let output = match &sig.output {
            ReturnType::Default => unit(),
            ReturnType::Type(_, ty) => (**ty).clone(),
        };
        return Ok((Kind::Future, None, None, Some(output)));
    }
    let unsupported = |span: Span| {
        syn::Error::new(
            span,
            "unsupported return type for a coroutine: write `-> impl Iterator<Item = Y>` \
             (a generator), `-> impl Coroutine<R, Yield = Y, Return = T>`, \
             `-> impl Stream<Item = Y>` (an async generator), or make it an `async fn`",
        )
    };
    let ty = match &sig.output {
        ReturnType::Default => return Err(unsupported(sig.ident.span())),
        ReturnType::Type(_, ty) => ty,
    };
    // A `$ret:ty` of a `macro_rules!` arrives wrapped in an invisible group.
    let mut ty: &Type = ty;
    while let Type::Group(g) = ty {
        ty = &g.elem;
    }
    let Type::ImplTrait(imp) = ty else {
        return Err(unsupported(ty.span()));
    };
    let mut unnamed_item: Option<syn::Error> = None;
    for bound in &imp.bounds {
        let TypeParamBound::Trait(tb) = bound else {
            continue;
        };
        let Some(last) = tb.path.segments.last() else {
            continue;
        };
        let trait_name = last.ident.to_string();
        let (mut positional, mut assoc) = (Vec::new(), Vec::new());
        if let PathArguments::AngleBracketed(a) = &last.arguments {
            for arg in &a.args {
                match arg {
                    GenericArgument::Type(t) => positional.push(t.clone()),
                    GenericArgument::AssocType(at) => {
                        assoc.push((at.ident.to_string(), at.ty.clone(), at.span()))
                    }
                    _ => {}
                }
            }
        }
        let find = |n: &str| {
            assoc
                .iter()
                .find(|(k, _, _)| k == n)
                .map(|(_, t, _)| t.clone())
        };
        match trait_name.as_str() {
            "Iterator" | "FusedIterator" | "Stream" | "FusedStream" => {
                let Some(item) = find("Item") else {
                    // `impl FusedIterator + Iterator<Item = T>`: another bound may name it.
                    if unnamed_item.is_none() {
                        unnamed_item = Some(syn::Error::new_spanned(
                            tb,
                            format!(
                                "name the yielded type: `impl {trait_name}<Item = Y>` \
                                 (the coroutine yields values of type `Y`)"
                            ),
                        ));
                    }
                    continue;
                };
                let kind = if trait_name.ends_with("Stream") {
                    Kind::Stream
                } else {
                    Kind::Iterator
                };
                return Ok((kind, Some(item), Some(unit()), Some(unit())));
            }
            "Coroutine" => {
                let resume = positional.first().cloned().unwrap_or_else(unit);
                let (Some(y), Some(r)) = (find("Yield"), find("Return")) else {
                    return Err(syn::Error::new_spanned(
                        tb,
                        "name both associated types: `impl Coroutine<R, Yield = Y, Return = T>`",
                    ));
                };
                return Ok((Kind::Coroutine, Some(y), Some(resume), Some(r)));
            }
            "Future" => {
                return Err(syn::Error::new_spanned(
                    tb,
                    "write an async coroutine as `async fn name(..) -> T`; the attribute \
                     gives it the `impl Future<Output = T>` return type",
                ));
            }
            _ => {}
        }
    }
    Err(unnamed_item.unwrap_or_else(|| unsupported(ty.span())))
}

/// Whether a type can be written inside the body (no `impl Trait` in it).
pub fn nameable(ty: &Type) -> bool {
    !ty.to_token_stream()
        .into_iter()
        .any(|t| matches!(&t, proc_macro2::TokenTree::Ident(i) if i == "impl"))
        && !contains_impl(ty)
}

fn contains_impl(ty: &Type) -> bool {
    struct V(bool);
    impl<'a> syn::visit::Visit<'a> for V {
        fn visit_type_impl_trait(&mut self, _: &'a syn::TypeImplTrait) {
            self.0 = true;
        }
        fn visit_type_infer(&mut self, _: &'a syn::TypeInfer) {
            self.0 = true;
        }
    }
    let mut v = V(false);
    syn::visit::visit_type(&mut v, ty);
    v.0
}

/// Rewrites the parameters so each can be moved into the `Start` variant by name, and
/// records how the body rebinds it.
fn plain_params(mut sig: Signature, kind: Kind) -> syn::Result<(Signature, Vec<Param>)> {
    let mut params = Vec::new();
    for (n, arg) in sig.inputs.iter_mut().enumerate() {
        match arg {
            FnArg::Receiver(r) => {
                let field = Ident::new("__self", Span::call_site());
                // `mut self` makes the binding mutable; `&mut self` is a reference type.
                let mutability = if r.reference.is_none() {
                    r.mutability.take()
                } else {
                    None
                };
                let pat: Pat = if mutability.is_some() {
                    syn::parse_quote!(mut __self)
                } else {
                    syn::parse_quote!(__self)
                };
                // `self`, `&self`, `&mut self` (a reference is trivially dropped).
                let trivial = r.reference.is_some();
                params.push(Param {
                    field,
                    pat,
                    receiver: true,
                    trivial,
                    shared_ref: r.reference.is_some() && r.mutability.is_none(),
                    copy: false,
                    owned: r.reference.is_none()
                        && (r.colon_token.is_none() || crate::partial::owned_type(&r.ty)),
                    opaque: false,
                    view: false,
                    owning_view: false,
                    binding: None,
                });
            }
            FnArg::Typed(pt) => {
                let plain = match &*pt.pat {
                    Pat::Ident(pi) if pi.by_ref.is_none() && pi.subpat.is_none() => {
                        Some(pi.ident.clone())
                    }
                    _ => None,
                };
                let field = match plain {
                    Some(id) if id != "self" => {
                        crate::scan::ident(&id.to_string(), Span::call_site())
                    }
                    _ => format_ident!("__arg{}", n),
                };
                let pat = (*pt.pat).clone();
                *pt.pat = Pat::Ident(syn::PatIdent {
                    attrs: Vec::new(),
                    by_ref: None,
                    mutability: None,
                    ident: field.clone(),
                    subpat: None,
                });
                let trivial = trivially_dropped(&pt.ty);
                let shared_ref = matches!(&*pt.ty, Type::Reference(r) if r.mutability.is_none());
                params.push(Param {
                    field,
                    pat,
                    receiver: false,
                    trivial,
                    shared_ref,
                    copy: certainly_copy(&pt.ty),
                    owned: crate::partial::owned_type(&pt.ty),
                    opaque: impl_trait(&pt.ty),
                    view: crate::scan::view_type(&pt.ty),
                    owning_view: crate::scan::owning_view_type(&pt.ty),
                    binding: None,
                });
            }
        }
    }
    if kind == Kind::Future {
        sig.asyncness = None;
        let span = sig.fn_token.span;
        let captures = crate::emit::async_captures(&mut sig);
        let output = match &sig.output {
            ReturnType::Default => quote!(()),
            ReturnType::Type(_, ty) => quote!(#ty),
        };
        sig.output = syn::parse_quote_spanned! {span=>
            -> impl ::stackless::__private::core::future::Future<Output = #output> #captures
        };
    }
    Ok((sig, params))
}
