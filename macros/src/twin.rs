//! The borrow-checked twin: the user's body once more, as dead code rustc checks natively.
//!
//! Once a local lives in a pinned slot, the step closure reaches it through references of
//! unbounded lifetime, which rustc's borrow checker cannot relate to each other. So the
//! expansion of a coroutine with pinned locals also contains its body as an `async move`
//! block that is never run (in a branch that is never taken), where `yield_!(v)` is an await
//! of a never-polled future of the resume type. rustc type- and borrow-checks that block as
//! the native coroutine: a program it would reject as an `async fn` or `gen` block (a use
//! after a move into a pinned borrow, a mutation while a borrow is held across a yield, a
//! reference to a local escaping) is rejected with rustc's own message on the user's code.
//!
//! from: `let v = vec![1]; for x in &v { yield_!(*x); }`
//! into: `if never() { check::<(), _>(async move { let v = vec![1];`
//!       `    for x in &v { { discard(*x); pending::<()>().await } } }); unreachable!() }`

use proc_macro2::TokenStream;
use quote::quote;
use syn::visit_mut::VisitMut;
use syn::Expr;

use crate::liveness::place_root;
use crate::parse::{Coroutine, Kind};
use crate::scan;

/// `in_place`: the locals kept in place for their size (`liveness.rs`, rule 3). At every
/// suspension point where one is in scope, the twin takes `&mut` of it just before
/// suspending: rustc then rejects any borrow of it that lives across the point, which is what
/// lets their frame move between resumes.
pub fn twin(co: &Coroutine, in_place: &[String]) -> TokenStream {
    let private = quote!(::stackless::__private);
    let resume = match (&co.kind, &co.resume_ty) {
        (Kind::Coroutine, Some(t)) => quote!(#t),
        (Kind::Coroutine, None) => quote!(_),
        _ => quote!(()),
    };
    let mut body = co.body.clone();
    let yield_ty = co.yield_ty.as_ref().map(|t| quote!(::<#t>));
    Yields {
        resume: &resume,
        private: &private,
        yield_ty: yield_ty.as_ref(),
        in_place,
        scope: Vec::new(),
        reserved: Vec::new(),
        stream_item: (co.kind == Kind::Stream).then(|| {
            co.yield_ty
                .as_ref()
                .map_or_else(|| quote!(_), |t| quote!(#t))
        }),
    }
    .visit_block_mut(&mut body);
    let lets = co.params.iter().filter(|p| !p.receiver).map(|p| {
        let (pat, field) = (&p.pat, &p.field);
        quote!(let #pat = #field;)
    });
    let ret = match (&co.kind, &co.return_ty) {
        (Kind::Iterator | Kind::Stream, _) => quote!(()),
        (_, Some(t)) => quote!(#t),
        (_, None) => quote!(_),
    };
    let stmts = &body.stmts;
    quote! {
        if #private::never() {
            #private::check_body::<#ret, _>(async move {
                #(#lets)*
                #(#stmts)*
            });
            ::core::unreachable!();
        }
    }
}

struct Yields<'a> {
    resume: &'a TokenStream,
    private: &'a TokenStream,
    /// `::<Y>`: the yielded value gets its expected type, as in the coroutine.
    yield_ty: Option<&'a TokenStream>,
    in_place: &'a [String],
    /// The `in_place` locals in scope here.
    scope: Vec<syn::Ident>,
    /// Receivers (and compound-assignment targets) whose two-phase borrow is reserved around
    /// the arguments being visited: `out.push(x.await)`. The lowering evaluates the await
    /// first, so the machine holds no borrow of `out` across it; not checked.
    reserved: Vec<String>,
    /// In a stream, `?` yields the residual as the last item and ends the stream: `Some(Y)`.
    stream_item: Option<TokenStream>,
}

impl Yields<'_> {
    /// The replacement of a `yield_!` (its operand already visited).
    fn replace(&mut self, m: &syn::Macro) -> Option<Expr> {
        if !scan::is_yield_macro(m) {
            return None;
        }
        let mut operand = scan::yield_operand(m).ok()?;
        self.visit_expr_mut(&mut operand);
        let (r, p, y) = (self.resume, self.private, self.yield_ty);
        if self.scope.is_empty() {
            return Some(syn::parse_quote!({
                #p::discard #y (#operand);
                ::core::future::pending::<#r>().await
            }));
        }
        let span = syn::spanned::Spanned::span(&m.path);
        let checks = self.checks(span);
        let v = hidden("__v");
        Some(syn::parse_quote!({
            let #v = #operand;
            #checks
            #p::discard #y (#v);
            ::core::future::pending::<#r>().await
        }))
    }

    /// Located at the suspension point, where rustc reports a conflicting borrow. One check,
    /// before suspending, suffices: a borrow alive after the point was made before it.
    fn checks(&self, span: proc_macro2::Span) -> TokenStream {
        let at = proc_macro2::Span::call_site().located_at(span);
        let names = self
            .scope
            .iter()
            .filter(|n| !self.reserved.contains(&n.to_string()))
            // The binding's hygiene (it may come from a `macro_rules!`), the point's location.
            .map(|n| syn::Ident::new(&n.to_string(), n.span().located_at(span)));
        quote::quote_spanned!(at=> #(let _ = &mut #names;)*)
    }
}

fn hidden(name: &str) -> syn::Ident {
    syn::Ident::new(name, proc_macro2::Span::mixed_site())
}

impl VisitMut for Yields<'_> {
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
    fn visit_expr_closure_mut(&mut self, _: &mut syn::ExprClosure) {}
    fn visit_expr_async_mut(&mut self, _: &mut syn::ExprAsync) {}

    fn visit_block_mut(&mut self, b: &mut syn::Block) {
        let outer = self.scope.len();
        for s in &mut b.stmts {
            self.visit_stmt_mut(s);
            if let syn::Stmt::Local(l) = s {
                let mut names = Vec::new();
                scan::pat_bindings(&l.pat, &mut names);
                for (i, _) in names {
                    if self.in_place.iter().any(|n| i == n) {
                        self.scope.push(i);
                    }
                }
            }
        }
        self.scope.truncate(outer);
    }

    fn visit_expr_mut(&mut self, e: &mut Expr) {
        let reserved = match e {
            Expr::MethodCall(m) => place_root(&m.receiver).map(|(n, _)| n),
            Expr::Binary(b) if scan::is_compound_assign(&b.op) => {
                place_root(&b.left).map(|(n, _)| n)
            }
            _ => None,
        };
        if let Some(r) = reserved {
            self.reserved.push(r);
            syn::visit_mut::visit_expr_mut(self, e);
            self.reserved.pop();
            return;
        }
        if let (Expr::Try(t), Some(item)) = (&mut *e, self.stream_item.clone()) {
            self.visit_expr_mut(&mut t.expr);
            let (inner, p) = (&t.expr, self.private);
            let span = t.question_token.span;
            *e = syn::parse_quote_spanned! {span=>
                match #p::Try::branch(#inner) {
                    ::core::ops::ControlFlow::Continue(__v) => __v,
                    ::core::ops::ControlFlow::Break(__r) => {
                        let _: #item = #p::FromResidual::from_residual(__r);
                        return;
                    }
                }
            };
            return;
        }
        if let Expr::Await(a) = e {
            if !self.scope.is_empty() {
                self.visit_expr_mut(&mut a.base);
                let base = &a.base;
                let checks = self.checks(a.await_token.span);
                let f = hidden("__f");
                *e = syn::parse_quote!({
                    let #f = ::core::future::IntoFuture::into_future(#base);
                    #checks
                    #f.await
                });
                return;
            }
        }
        if let Expr::Macro(m) = e {
            if let Some(r) = self.replace(&m.mac) {
                *e = r;
                return;
            }
        }
        syn::visit_mut::visit_expr_mut(self, e);
    }

    fn visit_stmt_mut(&mut self, s: &mut syn::Stmt) {
        if let syn::Stmt::Macro(m) = s {
            if let Some(r) = self.replace(&m.mac) {
                *s = syn::Stmt::Expr(r, Some(Default::default()));
                return;
            }
        }
        syn::visit_mut::visit_stmt_mut(self, s);
    }

    fn visit_macro_mut(&mut self, m: &mut syn::Macro) {
        if let Some(mut args) = scan::parse_macro_args(m) {
            for a in &mut args.args {
                self.visit_expr_mut(a);
            }
            *m = scan::rebuild_macro(m, &args);
        }
    }
}
