//! Stage 0 — the block forms: `iter! { .. }`, `stream! { .. }`, `try_stream! { .. }` and
//! `co!(|first: R| { .. })`, expressions whose value is a machine. Each becomes the
//! [`Coroutine`] a `fn` would be whose parameters are the locals the block captures, and
//! goes through the same stages; `emit.rs` then writes the machine's construction in place
//! of the expression instead of a function that returns it.
//!
//! from: `let g = iter! { for i in 0..n { yield_!(i * k) } };`
//! into: `let g = { enum __Iter<T0, T1, ..> { Start { n: T0, k: T1 }, .. } .. ctor(__Iter::`
//!       `Start { n, k }, move |__state, __arg| { .. }) };` — the body lowered as for
//!       `fn iter(n: _, k: _) -> impl Iterator`, with `n` and `k` moved in as a `move`
//!       closure takes them.
//!
//! **What a block captures.** A macro cannot resolve names, so it reads them: every name the
//! block's code uses as a value (`x`, `x.f`, `S { x }`, `format!("{x}")`, inside `select!`
//! arms) that no pattern, `let`, closure parameter or item of the block binds, that is not a
//! function called by name (`f(..)`), and that is written as a local is (starting with a
//! lower-case letter or `_`: `MAX`, `None` and `Point` are constants, variants and unit
//! structs by Rust's naming rules). `self` is captured as the receiver is by a method's
//! machine. Each is moved in (or copied) where the block is, whole, as by an `async move`
//! block, and is a parameter of the machine from then on: kept across a suspension point only
//! while used or owing its drop, dropped after the block's own locals. A name the block uses
//! only inside a macro it cannot read (`tracing::info!(?x)`), only calls by name, or writes
//! in upper case is taken by the step closure, which is `move`: the machine owns it, by
//! reference use only, and drops it when dropped itself (documented in `src/blocks.md`).
//! (Capturing a name only called would capture a generic function, `drop`, at one type.)
//!
//! A capture is declared `mut` in the machine whatever its declaration outside says (the
//! macro cannot see it); the twin (`twin.rs`), which every block form has, is the `async
//! move` block of the same body, capturing by the names outside, so rustc checks the
//! capture's use against its declaration there (a `mut` needed, or not needed).

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::parse::Parser;
use syn::spanned::Spanned;
use syn::visit::Visit;
use syn::visit_mut::VisitMut;
use syn::{Expr, Ident, Pat};

use crate::parse::{Coroutine, Kind, Param};
use crate::scan;

/// The four block macros.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// `iter! { .. }`: an `Iterator` (and `Coroutine<(), Return = ()>`).
    Iter,
    /// `stream! { .. }`: a `Stream`; the body may `.await`.
    Stream,
    /// `try_stream! { .. }`: a `Stream` of `Result`s; `yield_!(v)` yields `Ok(v)`, a `?`
    /// yields the error as the last item.
    TryStream,
    /// `co!(|first: R| { .. })`: a `Coroutine<R>`, its first resume argument bound by the
    /// closure-like parameter.
    Co,
}

impl Form {
    pub fn macro_name(self) -> &'static str {
        match self {
            Form::Iter => "iter",
            Form::Stream => "stream",
            Form::TryStream => "try_stream",
            Form::Co => "co",
        }
    }
}

/// Expands one block macro; on an error, the error beside a value of a type that stands for
/// any machine (runtime `Broken`), so the expression's uses are no second error.
pub fn expand(form: Form, input: TokenStream) -> TokenStream {
    match block(form, input.clone()) {
        Ok(out) => out,
        Err(e) => {
            let err = e.into_compile_error();
            // Keep an imported `yield_` used, so the error stays the only message (the input
            // may not parse: its tokens are searched).
            let used = mentions_yield(&input).then(|| quote!(yield_!(@__stackless_used);));
            quote!({ #err #used ::stackless::__private::Broken::new() })
        }
    }
}

/// Whether the tokens name `self` (not `self::path`).
pub fn mentions_self(ts: &TokenStream) -> bool {
    let toks: Vec<proc_macro2::TokenTree> = ts.clone().into_iter().collect();
    toks.iter().enumerate().any(|(i, t)| match t {
        proc_macro2::TokenTree::Ident(id) => {
            id == "self"
                && !matches!(toks.get(i + 1), Some(proc_macro2::TokenTree::Punct(p)) if p.as_char() == ':')
        }
        proc_macro2::TokenTree::Group(g) => mentions_self(&g.stream()),
        _ => false,
    })
}

/// Whether the tokens call `yield_!` by that bare name somewhere.
fn mentions_yield(ts: &TokenStream) -> bool {
    let toks: Vec<proc_macro2::TokenTree> = ts.clone().into_iter().collect();
    toks.iter().enumerate().any(|(i, t)| match t {
        proc_macro2::TokenTree::Ident(id) => {
            id == "yield_"
                && matches!(toks.get(i + 1), Some(proc_macro2::TokenTree::Punct(p)) if p.as_char() == '!')
                && !matches!(i.checked_sub(1).and_then(|k| toks.get(k)),
                    Some(proc_macro2::TokenTree::Punct(p)) if p.as_char() == ':')
        }
        proc_macro2::TokenTree::Group(g) => mentions_yield(&g.stream()),
        _ => false,
    })
}

fn block(form: Form, input: TokenStream) -> syn::Result<TokenStream> {
    let span = Span::call_site();
    let (mut body, first, return_ty) = match form {
        Form::Co => co_input(input)?,
        _ => (within(input)?, None, None),
    };
    // `yield v` (async-stream's and nightly's syntax) is `yield_!(v)`: written as the macro,
    // no unstable `yield` reaches rustc.
    Yields {
        ok: form == Form::TryStream,
    }
    .visit_block_mut(&mut body);
    let kind = match form {
        Form::Iter => Kind::Iterator,
        Form::Stream | Form::TryStream => Kind::Stream,
        Form::Co => Kind::Coroutine,
    };
    let unit: syn::Type = syn::parse_quote!(());
    let (resume_ty, return_ty) = match form {
        Form::Co => (
            first
                .as_ref()
                .and_then(|(_, t)| t.clone())
                .filter(crate::parse::nameable),
            return_ty.filter(crate::parse::nameable),
        ),
        _ => (Some(unit.clone()), Some(unit.clone())),
    };
    // A block that never yields has its item inferred from where it is used, as a `gen`
    // block's (`fn none() -> impl Iterator<Item = u32> { iter! {} }`).
    let yield_ty = None;
    let captures = captures(&body, first.as_ref().map(|(p, _)| p));
    let params = captures.iter().map(param).collect();
    let first_arg = first.is_some();
    if let Some((pat, ty)) = first {
        let arg = Ident::new("__arg", Span::mixed_site());
        let ty = ty.map(|t| quote!(: #t));
        body.stmts
            .insert(0, syn::parse_quote!(let #pat #ty = #arg;));
    }
    let residual_items =
        kind == Kind::Stream || (kind == Kind::Iterator && crate::parse::uses_question_mark(&body));
    let name = Ident::new(form.macro_name(), span);
    let co = Coroutine {
        attrs: Vec::new(),
        vis: syn::Visibility::Inherited,
        sig: syn::parse_quote!(fn #name()),
        body,
        kind,
        name,
        yield_ty,
        yield_impl: None,
        resume_ty,
        return_ty,
        residual_items,
        params,
        param_rests: Vec::new(),
        rest_tag: String::new(),
        async_output: syn::ReturnType::Default,
        block: Some(form),
        first_arg,
        tail_rule: Default::default(),
        boxed: None,
    };
    crate::expand::compile(co)
}

/// The statements of a block macro's input (`iter! { a; b }`, `iter!({ a; b })`).
fn within(input: TokenStream) -> syn::Result<syn::Block> {
    Ok(syn::Block {
        brace_token: Default::default(),
        stmts: syn::Block::parse_within.parse2(for_await(input))?,
    })
}

/// `for await x in s { .. }` (async-stream's syntax, which no parser of Rust reads) →
/// `#[for_await] for x in s { .. }`, which `for_await.rs` lowers.
fn for_await(input: TokenStream) -> TokenStream {
    use proc_macro2::TokenTree;
    let toks: Vec<TokenTree> = input.into_iter().collect();
    let mut out = Vec::with_capacity(toks.len());
    let mut i = 0;
    while i < toks.len() {
        match &toks[i] {
            TokenTree::Ident(f) if f == "for" => {
                if let Some(TokenTree::Ident(a)) = toks.get(i + 1) {
                    if a == "await" {
                        let attr = Ident::new("for_await", a.span());
                        out.extend(quote!(#[#attr]));
                        out.push(toks[i].clone());
                        i += 2;
                        continue;
                    }
                }
                out.push(toks[i].clone());
            }
            TokenTree::Group(g) => {
                let mut ng = proc_macro2::Group::new(g.delimiter(), for_await(g.stream()));
                ng.set_span(g.span());
                out.push(TokenTree::Group(ng));
            }
            t => out.push(t.clone()),
        }
        i += 1;
    }
    out.into_iter().collect()
}

type CoInput = (
    syn::Block,
    Option<(Pat, Option<syn::Type>)>,
    Option<syn::Type>,
);

/// `co!(|first: R| -> T { .. })`, `co!(move |first| ..)`, `co!(|| ..)` or `co! { .. }`.
fn co_input(input: TokenStream) -> syn::Result<CoInput> {
    let closure = match input.clone().into_iter().next() {
        Some(proc_macro2::TokenTree::Punct(p)) if p.as_char() == '|' => true,
        Some(proc_macro2::TokenTree::Ident(i)) => {
            i == "move" || i == "async" || i == "static" || i == "for"
        }
        _ => false,
    };
    if !closure {
        return Ok((within(input)?, None, None));
    }
    let c: syn::ExprClosure = syn::parse2(for_await(input))?;
    if let Some(a) = &c.asyncness {
        return Err(syn::Error::new(
            a.span,
            "a coroutine block is not `async`: use `stream! { .. }` for one that awaits",
        ));
    }
    if let Some(s) = &c.movability {
        return Err(syn::Error::new(
            s.span,
            "a coroutine block is never moved while it runs (it is pinned): drop `static`",
        ));
    }
    if let Some(l) = &c.lifetimes {
        return Err(syn::Error::new_spanned(
            l,
            "a coroutine block takes no `for<..>` lifetimes",
        ));
    }
    if c.inputs.len() > 1 {
        return Err(syn::Error::new_spanned(
            &c.inputs,
            "a coroutine block takes one resume argument, `|first: R| { .. }`: the value of \
             its first `resume`; each later `resume(arg)` is the value of a `yield_!`",
        ));
    }
    let first = c.inputs.into_iter().next().map(|p| match p {
        Pat::Type(pt) => (*pt.pat, Some(*pt.ty)),
        p => (p, None),
    });
    let ret = match c.output {
        syn::ReturnType::Type(_, t) => Some(*t),
        syn::ReturnType::Default => None,
    };
    let body = match *c.body {
        Expr::Block(b) if b.label.is_none() && b.attrs.is_empty() => b.block,
        e => syn::Block {
            brace_token: Default::default(),
            stmts: vec![syn::Stmt::Expr(e, None)],
        },
    };
    Ok((body, first, ret))
}

/// A block form inside a coroutine's body (a function's, or another block's) is expanded
/// after it, by rustc, and its tokens are opaque to the enclosing coroutine's stages: what it
/// captures is moved in first, by a `let` per capture around it, which those stages read as
/// they read any move (of a local kept in a pinned slot too).
///
/// from: `let g = iter! { for x in v { yield_!(x + n) } };`
/// into: `let g = { let v = v; let n = n; iter! { for x in v { yield_!(x + n) } } };`
pub fn capture_nested(body: &mut syn::Block) {
    Nested.visit_block_mut(body);
}

struct Nested;

impl Nested {
    /// `{ let v = v; …; m }` for block form `m`, if it is one.
    fn captured(m: &syn::Macro) -> Option<Expr> {
        let lets = captures_of(m)?
            .into_iter()
            // (`self` stays: the enclosing coroutine's lowering names its own in the tokens.)
            .filter(|c| c != "self")
            .map(|c| quote!(let #c = #c;));
        Some(syn::parse_quote!({ #(#lets)* #m }))
    }
}

impl VisitMut for Nested {
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
    fn visit_expr_mut(&mut self, e: &mut Expr) {
        syn::visit_mut::visit_expr_mut(self, e);
        if let Expr::Macro(m) = e {
            if let Some(c) = Self::captured(&m.mac) {
                *e = c;
            }
        }
    }
    fn visit_stmt_mut(&mut self, s: &mut syn::Stmt) {
        syn::visit_mut::visit_stmt_mut(self, s);
        if let syn::Stmt::Macro(m) = s {
            if let Some(c) = Self::captured(&m.mac) {
                *s = syn::Stmt::Expr(c, m.semi_token);
            }
        }
    }
}

/// Which block form a macro is: `iter!`, `stream!`, `try_stream!`, `co!`, bare or as
/// `stackless::…`.
pub fn form_of(m: &syn::Macro) -> Option<Form> {
    let segs: Vec<String> = m
        .path
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect();
    let name = match segs.as_slice() {
        [n] => n,
        [krate, n] if krate == "stackless" => n,
        _ => return None,
    };
    Some(match name.as_str() {
        "iter" => Form::Iter,
        "stream" => Form::Stream,
        "try_stream" => Form::TryStream,
        "co" => Form::Co,
        _ => return None,
    })
}

/// A capture as a parameter of the machine: `mut x: _`.
fn param(c: &Ident) -> Param {
    let receiver = c == "self";
    let (field, pat) = if receiver {
        let field = Ident::new("__self", Span::call_site());
        (field.clone(), syn::parse_quote!(mut #field))
    } else {
        (
            scan::ident(&c.to_string(), c.span()),
            syn::parse_quote!(mut #c),
        )
    };
    Param {
        field,
        pat,
        receiver,
        trivial: false,
        shared_ref: false,
        copy: false,
        // Whatever its type, a capture is the machine's own: one moved out on some paths
        // only is kept on the others to the end of the block (`maybe_moved.rs`), as rustc
        // keeps a coroutine's upvar. (A captured reference kept longer borrows nothing the
        // machine did not borrow already.)
        owned: !receiver,
        opaque: false,
        view: false,
        owning_view: false,
        binding: None,
    }
}

/// Whether no value the block yields (first) or returns (second) is written with a closure,
/// an `async` block or a block form in it: its type is then the same in the machine and in
/// the twin (`twin::tie`).
pub fn values_nameable(body: &syn::Block) -> (bool, bool) {
    fn plain(e: &Expr) -> bool {
        struct V(bool);
        impl<'a> Visit<'a> for V {
            fn visit_expr_closure(&mut self, _: &'a syn::ExprClosure) {
                self.0 = false;
            }
            fn visit_expr_async(&mut self, _: &'a syn::ExprAsync) {
                self.0 = false;
            }
            fn visit_macro(&mut self, m: &'a syn::Macro) {
                if scan::own_context_macro(m) {
                    self.0 = false;
                } else if let Some(args) = scan::parse_macro_args(m) {
                    args.args.iter().for_each(|a| self.visit_expr(a));
                }
            }
        }
        let mut v = V(true);
        v.visit_expr(e);
        v.0
    }
    struct Values {
        yields: bool,
        returns: bool,
    }
    impl<'a> Visit<'a> for Values {
        fn visit_expr_closure(&mut self, _: &'a syn::ExprClosure) {}
        fn visit_expr_async(&mut self, _: &'a syn::ExprAsync) {}
        fn visit_item(&mut self, _: &'a syn::Item) {}
        fn visit_expr_return(&mut self, r: &'a syn::ExprReturn) {
            if let Some(e) = &r.expr {
                self.returns &= plain(e);
                self.visit_expr(e);
            }
        }
        fn visit_macro(&mut self, m: &'a syn::Macro) {
            if scan::is_yield_macro(m) {
                if let Ok(v) = scan::yield_operand(m) {
                    self.yields &= plain(&v);
                    self.visit_expr(&v);
                }
            } else if let Some(args) = scan::parse_macro_args(m) {
                args.args.iter().for_each(|a| self.visit_expr(a));
            } else {
                let _ = crate::await_macros::visit_exprs(m, |e| self.visit_expr(e));
            }
        }
    }
    let mut v = Values {
        yields: true,
        returns: true,
    };
    v.visit_block(body);
    if let Some(syn::Stmt::Expr(tail, None)) = body.stmts.last() {
        v.returns &= plain(tail);
    }
    (v.yields, v.returns)
}

/// Whether the body has a `yield_!` of its own (not in a closure, `async` block or item).
pub(crate) fn yields(body: &syn::Block) -> bool {
    struct V(bool);
    impl<'a> Visit<'a> for V {
        fn visit_expr_closure(&mut self, _: &'a syn::ExprClosure) {}
        fn visit_expr_async(&mut self, _: &'a syn::ExprAsync) {}
        fn visit_item(&mut self, _: &'a syn::Item) {}
        fn visit_macro(&mut self, m: &'a syn::Macro) {
            if scan::is_yield_macro(m) {
                self.0 = true;
            } else if let Some(args) = scan::parse_macro_args(m) {
                args.args.iter().for_each(|a| self.visit_expr(a));
            } else {
                let _ = crate::await_macros::visit_exprs(m, |e| self.visit_expr(e));
            }
        }
    }
    let mut v = V(false);
    v.visit_block(body);
    v.0
}

/// `yield v` → `::stackless::yield_!(v)`, `yield` → `::stackless::yield_!()`; in a
/// `try_stream!` (`ok`), every yielded value `v` → `Ok(v)`. Not in a closure, `async` block or
/// item: a yield there is an error of its own.
struct Yields {
    ok: bool,
}

impl Yields {
    fn value(&self, v: TokenStream, span: Span) -> TokenStream {
        if self.ok {
            quote::quote_spanned!(span=> ::stackless::__private::core::result::Result::Ok(#v))
        } else {
            v
        }
    }
}

impl VisitMut for Yields {
    fn visit_expr_closure_mut(&mut self, _: &mut syn::ExprClosure) {}
    fn visit_expr_async_mut(&mut self, _: &mut syn::ExprAsync) {}
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
    fn visit_expr_mut(&mut self, e: &mut Expr) {
        syn::visit_mut::visit_expr_mut(self, e);
        if let Expr::Yield(y) = e {
            let span = y.yield_token.span;
            let v = match y.expr.take() {
                Some(v) => self.value(quote!(#v), v.span()),
                None if self.ok => self.value(quote!(()), span),
                None => TokenStream::new(),
            };
            *e = syn::parse_quote_spanned!(span=> ::stackless::yield_!(#v));
        }
    }
    fn visit_macro_mut(&mut self, m: &mut syn::Macro) {
        if scan::is_yield_macro(m) {
            if let (true, Ok(mut v)) = (self.ok, scan::yield_operand(m)) {
                self.visit_expr_mut(&mut v);
                m.tokens = self.value(quote!(#v), v.span());
            }
            return;
        }
        // (Only a macro whose tokens hold a yield is rebuilt; a block form's are its own.)
        if scan::tokens_suspend(&m.tokens).is_none() || form_of(m).is_some() {
            return;
        }
        if let Some(rebuilt) = crate::await_macros::visit_exprs(m, |e| self.visit_expr_mut(e)) {
            m.tokens = rebuilt;
        } else if let Some(mut args) = scan::parse_macro_args(m) {
            args.args.iter_mut().for_each(|a| self.visit_expr_mut(a));
            *m = scan::rebuild_macro(m, &args);
        }
    }
}

/// The locals a block captures, in the order of their first use (see the module's docs).
pub fn captures(body: &syn::Block, first: Option<&Pat>) -> Vec<Ident> {
    // (`co!(|first| ..)`: the first resume argument is bound before the body.)
    let mut bound = Vec::new();
    if let Some(pat) = first {
        scan::pat_bindings(pat, &mut bound);
    }
    let mut items = Items(bound.into_iter().map(|(i, _)| i.to_string()).collect());
    // (The block's own items: one declared in a nested block is seen there only, and a use
    // outside it is of a local of the same name, which is captured.)
    for s in &body.stmts {
        if let syn::Stmt::Item(i) = s {
            items.visit_item(i);
        }
    }
    let mut c = crate::names::FreeNames::captures(items.0);
    c.visit_block(body);
    c.captured()
}

/// What a block form, `m`, captures; `None` for another macro (`names.rs`, a block in a
/// block).
pub fn captures_of(m: &syn::Macro) -> Option<Vec<Ident>> {
    let form = form_of(m)?;
    let (body, first, _) = match form {
        Form::Co => co_input(m.tokens.clone()),
        _ => within(m.tokens.clone()).map(|b| (b, None, None)),
    }
    .ok()?;
    Some(captures(&body, first.as_ref().map(|(p, _)| p)))
}

/// The names of the items a block declares (visible in the whole of the block, before their
/// declaration too), and of its `use`s.
struct Items(Vec<String>);

impl<'a> Visit<'a> for Items {
    fn visit_item(&mut self, i: &'a syn::Item) {
        let name = match i {
            syn::Item::Const(c) => Some(&c.ident),
            syn::Item::Static(s) => Some(&s.ident),
            syn::Item::Fn(f) => Some(&f.sig.ident),
            syn::Item::Struct(s) => Some(&s.ident),
            syn::Item::Enum(e) => Some(&e.ident),
            syn::Item::Union(u) => Some(&u.ident),
            syn::Item::Use(u) => {
                use_names(&u.tree, &mut self.0);
                None
            }
            _ => None,
        };
        self.0.extend(name.map(|n| n.to_string()));
        // (Not into the item: its names are its own.)
    }
}

fn use_names(t: &syn::UseTree, out: &mut Vec<String>) {
    match t {
        syn::UseTree::Path(p) => use_names(&p.tree, out),
        syn::UseTree::Name(n) => out.push(n.ident.to_string()),
        syn::UseTree::Rename(r) => out.push(r.rename.to_string()),
        syn::UseTree::Glob(_) => {}
        syn::UseTree::Group(g) => g.items.iter().for_each(|t| use_names(t, out)),
    }
}
