//! Stage 1b — macros that await: `select!`, `join!`, `try_join!` (tokio's and futures').
//!
//! Their expansions contain `.await`s the lowering cannot see (the tokens of a macro call are
//! not Rust until the macro runs). So each call runs where it can: in a native `async` block,
//! awaited in place, which makes it one ordinary suspension point of the machine. The block
//! borrows the locals the call uses (they get pinned slots, as for any awaited future that
//! borrows them). What the arms' handlers do to the *enclosing* function — `return`, `?`,
//! `break`, `continue` — would stop at the block, so the handlers are rewritten to hand it
//! out as a `Flow` value, which the code after the await carries out.
//!
//! from: `loop { select! { v = rx.recv() => sum += v?, _ = stop.recv() => break } }`
//! into: `loop { match async { Flow::Normal(select! {`
//!       `          v = rx.recv() => sum += match Try::branch(v) { Continue(x) => x,`
//!       `              Break(r) => return Flow::Return(FromResidual::from_residual(r)) },`
//!       `          _ = stop.recv() => return Flow::Break(0) }) }.await {`
//!       `      Flow::Normal(v) => v, Flow::Return(r) => return r, Flow::Break(0) => break } }`

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::parse::{Parse, ParseStream};
use syn::visit_mut::VisitMut;
use syn::{Expr, Lifetime, Token};

use crate::scan;

/// Rewrites every call of a macro that awaits in the body (not inside closures, `async`
/// blocks or items, which are not the coroutine's). `ret`: the function's return type, when
/// it can be written, which `?` in a handler converts to.
pub fn wrap(body: &mut syn::Block, ret: Option<&syn::Type>, stream: bool) -> syn::Result<()> {
    let mut w = Wrap {
        ret,
        stream,
        error: None,
    };
    w.visit_block_mut(body);
    match w.error {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// The `async` block a call of one of these runs in (`Wrap::rewrite`): not the user's, so
/// it does not take in what its code uses by value the way a native block would (at its
/// creation); its code is the call's, which moves what it moves where it moves it.
pub fn is_wrapper(a: &syn::ExprAsync) -> bool {
    matches!(a.block.stmts.first(), Some(syn::Stmt::Local(l))
        if matches!(&l.pat, syn::Pat::Ident(p) if p.ident == "__flow_out"))
}

/// `select!`, `select_biased!`, `join!`, `try_join!`: bare, or under `tokio`, `futures`,
/// `futures_util` (`tokio::select!`, `futures::future::join!` …).
pub fn awaits(m: &syn::Macro) -> Option<Kind> {
    let segs = scan::macro_segments(m);
    let last = segs.last()?;
    let kind = match last.as_str() {
        "select" | "select_biased" => Kind::Select,
        "join" | "try_join" => Kind::Join,
        _ => return None,
    };
    let ok = segs.len() == 1
        || matches!(
            segs[0].as_str(),
            "tokio" | "futures" | "futures_util" | "futures_lite"
        );
    ok.then_some(kind)
}

/// The expressions of a `select!`'s arms (futures, guards, handlers) or a `join!`'s futures,
/// each given to `f`, and the call's tokens rebuilt; `None` for another macro, or one these
/// cannot be read from.
pub fn visit_exprs(m: &syn::Macro, mut f: impl FnMut(&mut Expr)) -> Option<TokenStream> {
    visit_scoped_exprs(m, |e, _| f(e))
}

/// `visit_exprs`, each expression given with the names an arm's pattern binds around it
/// (`Some(v) = rx.recv(), if v > 0 => v + 1`: the handler's `v` is the pattern's, not a
/// local of the function; the future's and the precondition's are the function's).
pub fn visit_scoped_exprs(
    m: &syn::Macro,
    mut f: impl FnMut(&mut Expr, &[String]),
) -> Option<TokenStream> {
    match awaits(m)? {
        Kind::Select => {
            let mut arms = m.parse_body::<SelectArms>().ok()?;
            arms.borrow_named_futures(m);
            for arm in &mut arms.arms {
                arm.future.iter_mut().for_each(|e| f(e, &[]));
                // (`, if cond` is tokio's precondition, evaluated before the future is
                // polled: the pattern's names are not bound there.)
                arm.guard.iter_mut().for_each(|e| f(e, &[]));
                f(&mut arm.handler, &arm.bound);
            }
            Some(quote!(#arms))
        }
        Kind::Join => {
            let mut args = m.parse_body::<JoinArgs>().ok()?;
            args.futures.iter_mut().for_each(|e| f(e, &[]));
            Some(quote!(#args))
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
pub enum Kind {
    Select,
    Join,
}

struct Wrap<'a> {
    ret: Option<&'a syn::Type>,
    /// A stream ends with a plain `return;`.
    stream: bool,
    error: Option<syn::Error>,
}

impl Wrap<'_> {
    fn rewrite(&mut self, m: &syn::Macro, kind: Kind) -> Option<Expr> {
        let mut flow = Flow {
            convert: self.ret.filter(|_| !self.stream).cloned(),
            ..Flow::default()
        };
        let tokens = match kind {
            Kind::Select => {
                let mut arms = match m.parse_body::<SelectArms>() {
                    Ok(a) => a,
                    Err(e) => {
                        self.error = Some(syn::Error::new(
                            e.span(),
                            format!(
                                "this `{}!` call could not be read as `pattern = future => \
                                 handler` arms ({e}); bind its value with `let` in a nested \
                                 `async` block and await that",
                                m.path
                                    .segments
                                    .last()
                                    .map(|s| s.ident.to_string())
                                    .unwrap_or_default()
                            ),
                        ));
                        return None;
                    }
                };
                arms.borrow_named_futures(m);
                flow.arms(&mut arms);
                quote!(#arms)
            }
            Kind::Join => {
                let mut args = match m.parse_body::<JoinArgs>() {
                    Ok(a) => a,
                    Err(_) => return None,
                };
                for a in &mut args.futures {
                    flow.visit_expr_mut(a);
                }
                quote!(#args)
            }
        };
        if let Some(e) = flow.error.take() {
            self.error = Some(e);
            return None;
        }
        let p = quote!(::stackless::__private);
        let path = &m.path;
        let call = match m.delimiter {
            syn::MacroDelimiter::Paren(_) => quote!(#path!(#tokens)),
            syn::MacroDelimiter::Brace(_) => quote!(#path! { #tokens }),
            syn::MacroDelimiter::Bracket(_) => quote!(#path![#tokens]),
        };
        let ret = match (&self.ret, flow.returns) {
            (Some(t), true) => quote!(#t),
            (_, true) => quote!(_),
            (_, false) => quote!(()),
        };
        let residual = if flow.residuals {
            quote!(_)
        } else {
            quote!(())
        };
        let v = syn::Ident::new("__flow_value", Span::mixed_site());
        let out = syn::Ident::new("__flow_out", Span::mixed_site());
        let mut arms = vec![quote!(#p::Flow::Normal(#v) => #v,)];
        if flow.returns {
            arms.push(if self.stream {
                quote!(#p::Flow::Return(()) => return,)
            } else {
                quote!(#p::Flow::Return(#v) => return #v,)
            });
        }
        if flow.residuals {
            arms.push(quote!(#p::Flow::Residual(#v) => match #v? {},));
        }
        for (i, label) in flow.breaks.iter().enumerate() {
            let i = i as u8;
            arms.push(quote!(#p::Flow::Break(#i) => break #label,));
        }
        for (i, label) in flow.continues.iter().enumerate() {
            let i = i as u8;
            arms.push(quote!(#p::Flow::Continue(#i) => continue #label,));
        }
        arms.push(quote!(_ => ::stackless::__private::core::unreachable!(),));
        Some(syn::parse_quote! {
            match async {
                // Unreachable when every arm leaves (`=> break`), as the native call would be.
                #[allow(unreachable_code)]
                let #out = #p::Flow::<_, #ret, #residual>::Normal(#call);
                #out
            }.await {
                #(#arms)*
            }
        })
    }
}

impl VisitMut for Wrap<'_> {
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
    fn visit_expr_closure_mut(&mut self, _: &mut syn::ExprClosure) {}
    fn visit_expr_async_mut(&mut self, _: &mut syn::ExprAsync) {}

    fn visit_expr_mut(&mut self, e: &mut Expr) {
        if let Expr::Macro(m) = e {
            if let Some(kind) = awaits(&m.mac) {
                if let Some(r) = self.rewrite(&m.mac, kind) {
                    *e = r;
                }
                return;
            }
        }
        syn::visit_mut::visit_expr_mut(self, e);
    }

    fn visit_stmt_mut(&mut self, s: &mut syn::Stmt) {
        if let syn::Stmt::Macro(m) = s {
            if let Some(kind) = awaits(&m.mac) {
                if let Some(r) = self.rewrite(&m.mac, kind) {
                    // A `select! { .. }` without `;` may be its block's value.
                    *s = syn::Stmt::Expr(r, m.semi_token);
                }
                return;
            }
        }
        syn::visit_mut::visit_stmt_mut(self, s);
    }
}

/// Rewrites the control flow of a handler that leaves the `async` block the call runs in:
/// `return e` → `return Flow::Return(e)`, `e?` → a `match` that returns the residual as
/// `Flow::Return`, and a `break`/`continue` of a loop outside the handler → `return
/// Flow::Break(k)`/`Flow::Continue(k)` (`k` numbers the labels, `None` for the innermost).
#[derive(Default)]
struct Flow {
    /// The function's return type, when it can be written: what `?` in a handler converts
    /// its residual to there, as the native `?` converts it to the function's (each handler's
    /// error type may differ: `io::Error` in one, another in the next, both into an
    /// `anyhow::Error`). Without it the residual is handed out as it is (`Flow::Residual`)
    /// and converted by a `?` after the call, which needs every handler's to be one type.
    convert: Option<syn::Type>,
    returns: bool,
    residuals: bool,
    breaks: Vec<Option<Lifetime>>,
    continues: Vec<Option<Lifetime>>,
    /// Loops and labelled blocks inside the handler (their labels, and whether a loop): a
    /// `break` to one of them stays.
    inner: Vec<(Option<Lifetime>, bool)>,
    error: Option<syn::Error>,
}

impl Flow {
    fn index(list: &mut Vec<Option<Lifetime>>, label: &Option<Lifetime>) -> u8 {
        let i = list.iter().position(|l| l == label).unwrap_or_else(|| {
            list.push(label.clone());
            list.len() - 1
        });
        u8::try_from(i).expect("fewer than 256 labels")
    }

    /// Whether a `break`/`continue` with this label leaves the handler.
    fn leaves(&self, label: &Option<Lifetime>) -> bool {
        match label {
            None => !self.inner.iter().any(|(_, is_loop)| *is_loop),
            Some(l) => !self.inner.iter().any(|(i, _)| i.as_ref() == Some(l)),
        }
    }

    /// A `select!`'s futures, guards and handlers.
    fn arms(&mut self, arms: &mut SelectArms) {
        for arm in &mut arms.arms {
            if let Some(f) = &mut arm.future {
                self.visit_expr_mut(f);
            }
            if let Some(g) = &mut arm.guard {
                self.visit_expr_mut(g);
            }
            self.visit_expr_mut(&mut arm.handler);
        }
    }

    fn in_loop(&mut self, label: Option<Lifetime>, f: impl FnOnce(&mut Self)) {
        self.inner.push((label, true));
        f(self);
        self.inner.pop();
    }
}

impl VisitMut for Flow {
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
    fn visit_expr_closure_mut(&mut self, _: &mut syn::ExprClosure) {}
    fn visit_expr_async_mut(&mut self, _: &mut syn::ExprAsync) {}
    fn visit_macro_mut(&mut self, m: &mut syn::Macro) {
        // A `select!` in a handler runs in the same `async` block: its handlers' control flow
        // leaves it the same way.
        if let Some(rebuilt) = visit_exprs(m, |e| self.visit_expr_mut(e)) {
            m.tokens = rebuilt;
            return;
        }
        if let Some(mut args) = scan::parse_macro_args(m) {
            for a in &mut args.args {
                self.visit_expr_mut(a);
            }
            *m = scan::rebuild_macro(m, &args);
        }
    }

    fn visit_expr_mut(&mut self, e: &mut Expr) {
        let p = quote!(::stackless::__private);
        match e {
            Expr::Loop(l) => {
                let label = l.label.as_ref().map(|l| l.name.clone());
                self.in_loop(label, |s| s.visit_block_mut(&mut l.body));
            }
            Expr::While(w) => {
                self.visit_expr_mut(&mut w.cond);
                let label = w.label.as_ref().map(|l| l.name.clone());
                self.in_loop(label, |s| s.visit_block_mut(&mut w.body));
            }
            Expr::ForLoop(f) => {
                self.visit_expr_mut(&mut f.expr);
                let label = f.label.as_ref().map(|l| l.name.clone());
                self.in_loop(label, |s| s.visit_block_mut(&mut f.body));
            }
            Expr::Block(b) if b.label.is_some() => {
                // A labelled block: `break 'b` stays (an unlabelled `break` passes it).
                let label = b.label.as_ref().map(|l| l.name.clone());
                self.inner.push((label, false));
                self.visit_block_mut(&mut b.block);
                self.inner.pop();
            }
            Expr::Return(r) => {
                if let Some(v) = &mut r.expr {
                    self.visit_expr_mut(v);
                }
                self.returns = true;
                let v = r.expr.take().map_or_else(|| quote!(()), |v| quote!(#v));
                *e = syn::parse_quote!(return #p::Flow::Return(#v));
            }
            Expr::Try(t) => {
                self.visit_expr_mut(&mut t.expr);
                let inner = &t.expr;
                let leave = match &self.convert {
                    Some(ret) => {
                        self.returns = true;
                        quote!(#p::Flow::Return(
                            <#ret as #p::FromResidual<_>>::from_residual(__r)
                        ))
                    }
                    None => {
                        self.residuals = true;
                        quote!(#p::Flow::Residual(__r))
                    }
                };
                *e = syn::parse_quote!(match #p::Try::branch(#inner) {
                    ::stackless::__private::core::ops::ControlFlow::Continue(__v) => __v,
                    ::stackless::__private::core::ops::ControlFlow::Break(__r) => {
                        return #leave
                    }
                });
            }
            Expr::Break(b) => {
                let label = b.label.clone();
                if self.leaves(&label) {
                    if b.expr.is_some() {
                        self.error = Some(syn::Error::new_spanned(
                            &*b,
                            "a `break` with a value out of a `select!`/`join!` handler is \
                             not supported: bind the value to a local and `break` after the \
                             macro call",
                        ));
                        return;
                    }
                    let k = Self::index(&mut self.breaks, &label);
                    *e = syn::parse_quote!(return #p::Flow::Break(#k));
                } else if let Some(v) = &mut b.expr {
                    self.visit_expr_mut(v);
                }
            }
            Expr::Continue(c) => {
                let label = c.label.clone();
                if self.leaves(&label) {
                    let k = Self::index(&mut self.continues, &label);
                    *e = syn::parse_quote!(return #p::Flow::Continue(#k));
                }
            }
            _ => syn::visit_mut::visit_expr_mut(self, e),
        }
    }
}

/// The arms of a `select!`: `[biased;] pat = fut [, if cond] => handler[,] …` (tokio's), with
/// `else`, `complete`, `default` arms (tokio's, futures').
struct SelectArms {
    biased: bool,
    arms: Vec<SelectArm>,
}

struct SelectArm {
    /// `pat =`, `else`, `complete` or `default`: written back as they were.
    head: TokenStream,
    /// After `pat =`.
    future: Option<Expr>,
    /// The names `pat` binds, in scope in the handler.
    bound: Vec<String>,
    guard: Option<Expr>,
    handler: Expr,
}

impl SelectArms {
    /// `futures::select!` polls a future named by a local (`_ = other =>`) through `&mut`,
    /// where tokio's moves it in: written `&mut other` (a future too, and fused if `other`
    /// is), every stage sees the borrow, and a loop around the call polls the same future
    /// again, as natively. (Read as a move, the second turn found it moved out: a panic.)
    /// The futures flavour: called by a `futures` path, as `select_biased!`, with a
    /// `complete`/`default` arm, which tokio's has not, or a future written `.fuse()`.
    fn borrow_named_futures(&mut self, m: &syn::Macro) {
        let segs = scan::macro_segments(m);
        // (A bare `select!` imported from futures: its futures are fused, `.fuse()`, which
        // tokio's do not need.)
        let fused = |e: &Expr| matches!(e, Expr::MethodCall(m) if m.method == "fuse");
        let futures = segs.first().is_some_and(|s| s.starts_with("futures"))
            || segs.last().is_some_and(|s| s == "select_biased")
            || self.arms.iter().any(|a| {
                let head = a.head.to_string();
                head == "complete" || head == "default" || a.future.as_ref().is_some_and(fused)
            });
        if !futures {
            return;
        }
        for arm in &mut self.arms {
            if let Some(Expr::Path(p)) = &arm.future {
                if p.qself.is_none() && p.path.get_ident().is_some() {
                    let e = arm.future.take().expect("matched");
                    arm.future = Some(syn::parse_quote!(&mut #e));
                }
            }
        }
    }
}

impl Parse for SelectArms {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let biased = input.peek(syn::Ident) && input.peek2(Token![;]) && {
            let fork = input.fork();
            fork.parse::<syn::Ident>()? == "biased"
        };
        if biased {
            input.parse::<syn::Ident>()?;
            input.parse::<Token![;]>()?;
        }
        let mut arms = Vec::new();
        while !input.is_empty() {
            let mut bound = Vec::new();
            let (head, future) = if input.peek(Token![else]) {
                let e: Token![else] = input.parse()?;
                (quote!(#e), None)
            } else if (input.peek(syn::Ident) && input.peek2(Token![=>]))
                && ["complete", "default"]
                    .contains(&input.fork().parse::<syn::Ident>()?.to_string().as_str())
            {
                let i: syn::Ident = input.parse()?;
                (quote!(#i), None)
            } else {
                let pat = syn::Pat::parse_multi_with_leading_vert(input)?;
                let mut found = Vec::new();
                scan::pat_bindings(&pat, &mut found);
                bound = found.into_iter().map(|(i, _)| i.to_string()).collect();
                let eq: Token![=] = input.parse()?;
                let fut: Expr = input.parse()?;
                (quote!(#pat #eq), Some(fut))
            };
            let guard = if input.peek(Token![,]) && input.peek2(Token![if]) {
                input.parse::<Token![,]>()?;
                input.parse::<Token![if]>()?;
                Some(input.parse::<Expr>()?)
            } else {
                None
            };
            input.parse::<Token![=>]>()?;
            // A handler that is a block ends with it, as in the macros' own rules (`=>
            // $h:block`): `{ .. } () = &mut idle => ..` is not a call of the block.
            let handler: Expr = if input.peek(syn::token::Brace) {
                Expr::Block(input.parse()?)
            } else {
                input.parse()?
            };
            // A comma ends every arm but the last; after a block it may be left out.
            let comma_needed = !input.is_empty() && !matches!(handler, Expr::Block(_));
            if comma_needed || input.peek(Token![,]) {
                input.parse::<Token![,]>()?;
            }
            arms.push(SelectArm {
                head,
                future,
                bound,
                guard,
                handler,
            });
        }
        Ok(SelectArms { biased, arms })
    }
}

impl quote::ToTokens for SelectArms {
    fn to_tokens(&self, ts: &mut TokenStream) {
        if self.biased {
            ts.extend(quote!(biased;));
        }
        for a in &self.arms {
            let (head, future, handler) = (&a.head, &a.future, &a.handler);
            let guard = a.guard.as_ref().map(|g| quote!(, if #g));
            ts.extend(quote!(#head #future #guard => #handler,));
        }
    }
}

/// The futures of a `join!`/`try_join!` (tokio's may start with `biased;`).
struct JoinArgs {
    biased: bool,
    futures: syn::punctuated::Punctuated<Expr, Token![,]>,
}

impl Parse for JoinArgs {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let biased = input.peek(syn::Ident) && input.peek2(Token![;]);
        if biased {
            input.parse::<syn::Ident>()?;
            input.parse::<Token![;]>()?;
        }
        Ok(JoinArgs {
            biased,
            futures: syn::punctuated::Punctuated::parse_terminated(input)?,
        })
    }
}

impl quote::ToTokens for JoinArgs {
    fn to_tokens(&self, ts: &mut TokenStream) {
        if self.biased {
            ts.extend(quote!(biased;));
        }
        self.futures.to_tokens(ts);
    }
}
