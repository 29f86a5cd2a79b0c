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
//! The branch is `if false`: rustc type- and borrow-checks it (both run before the constant
//! condition is folded), but the block is never code-generated. Behind an opaque `never()`
//! the twin's `async` block and its drop glue were compiled to machine code in every build
//! (about 85 items for the 68 framed machines of the corpus), only never to run.
//!
//! from: `let v = vec![1]; for x in &v { yield_!(*x); }`
//! into: `if false { check::<(), _>(async move { let v = vec![1];`
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
/// `pinned`: the names of the locals kept in slots (`into_*` calls on them: `moves_by_name`).
pub fn twin(co: &Coroutine, in_place: &[String], pinned: &[String]) -> TokenStream {
    let private = quote!(::stackless::__private);
    let resume = match (&co.kind, &co.resume_ty) {
        (Kind::Coroutine, Some(t)) => quote!(#t),
        (Kind::Coroutine, None) => quote!(_),
        _ => quote!(()),
    };
    let yielded = match (&co.kind, &co.yield_ty) {
        (Kind::Future, _) => quote!(()),
        (_, Some(t)) => quote!(#t),
        (_, None) => quote!(_),
    };
    let ret = match (&co.kind, &co.return_ty) {
        (Kind::Iterator | Kind::Stream, _) => quote!(()),
        (_, Some(t)) => quote!(#t),
        (_, None) => quote!(_),
    };
    let mut body = co.body.clone();
    MovesByName { pinned }.visit_block_mut(&mut body);
    let yield_ty = co.yield_ty.as_ref().map(|t| quote!(::<#t>));
    Yields {
        private: &private,
        yield_ty: yield_ty.as_ref(),
        in_place,
        scope: Vec::new(),
        anchored: false,
        stream_item: co.residual_items.then(|| {
            co.yield_ty
                .as_ref()
                .map_or_else(|| quote!(_), |t| quote!(#t))
        }),
    }
    .visit_block_mut(&mut body);
    // `co!(|first| ..)`: the first resume argument, which the machine's body binds from the
    // step's argument, is the twin's first resume.
    if co.first_arg {
        let first = body.stmts.iter_mut().find_map(|s| match s {
            syn::Stmt::Local(syn::Local {
                init: Some(init), ..
            }) if matches!(&*init.expr, Expr::Path(p) if p.path.is_ident("__arg")) => Some(init),
            _ => None,
        });
        if let Some(init) = first {
            let w = witness();
            *init.expr = syn::parse_quote!(#w.resume().await);
        }
    }
    // (A block form's captures are the `async move` block's own, by their names outside.)
    let lets = co
        .params
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.receiver && co.block.is_none())
        .map(|(n, p)| {
            let (pat, field) = (&p.pat, &p.field);
            match &p.binding {
                // (A pattern's partial move of the argument: its holder, then its `let`.)
                Some(binding) => {
                    let decls = co
                        .param_rests
                        .iter()
                        .filter(|r| r.index == n)
                        .map(|r| &r.decl);
                    let body_name = crate::lower::param_ident(field);
                    quote!(let #body_name = #field; #(#decls)* #(#binding)*)
                }
                None => scan::param_let(pat, field),
            }
        });
    // (The holders of what is left of parameters moved out of in part, `partial.rs`.)
    let rests = (co.param_rests.iter())
        .filter(|r| co.params[r.index].binding.is_none())
        .map(|r| &r.decl);
    let stmts = &body.stmts;
    // The body's value is coerced to the return type where it is written out, as the
    // coroutine's is (`Box::new(|| v)` to a `Box<dyn FnOnce() -> _>`).
    // The body's value is reported where the body's tail is (E0515 at the returned local).
    let (r, ret_ty) = (hidden("__r"), co.return_ty.as_ref().map(|t| quote!(: #t)));
    let tail = match body.stmts.last() {
        Some(syn::Stmt::Expr(e, None)) => syn::spanned::Spanned::span(e),
        _ => proc_macro2::Span::call_site(),
    };
    let r_out = syn::Ident::new("__r", proc_macro2::Span::mixed_site().located_at(tail));
    let w = witness();
    // A block form that never yields: its item is inferred from where it is used, and falls
    // back as a diverging value's type does where nothing says (as `gen {}` and an empty
    // `stream! {}` of async-stream are usable anywhere).
    let no_items = (co.block.is_some() && !crate::blocks::yields(&co.body)).then(|| {
        quote! {
            #[allow(unreachable_code)]
            #w.yielded(loop {});
        }
    });
    quote! {
        let #w = #private::Witness::<#resume, #yielded, #ret>::new();
        if false {
            #no_items
            // The body's own lints are the native `async fn`'s, not an `async` block's.
            #[allow(clippy::async_yields_async)]
            #w.body(async move {
                #(#lets)*
                #(#rests)*
                let #r #ret_ty = { #(#stmts)* };
                // Unreachable after a body that diverges (`loop` with `return`s).
                #[allow(unreachable_code)]
                let #r_out = #r;
                #r_out
            });
            ::stackless::__private::core::unreachable!();
        }
    }
}

/// After the machine is built: its resume, yield and return types are the twin's (so the
/// twin's yields and output are checked against the signature's lifetimes, elided or not).
/// Not a type with `impl Trait` in it: the twin's closure or `async` block is not the
/// machine's (another copy of the same source), so only where the signature names the type
/// can the two be equated.
pub fn tie(co: &Coroutine, machine: &syn::Ident) -> TokenStream {
    let w = witness();
    let (mut yields, mut returns) = (co.yield_ty.is_some(), co.return_ty.is_some());
    // A block form's types are inferred, often from how its machine is used: the twin's are
    // equated with the machine's unless a value may hold a closure or an `async` block,
    // which is another type in the twin (`blocks.rs`).
    if co.block.is_some() {
        let (y, r) = crate::blocks::values_nameable(&co.body);
        yields |= y;
        returns |= r;
    }
    let ties: Vec<TokenStream> = match co.kind {
        Kind::Iterator | Kind::Coroutine => {
            let mut t = vec![quote!(resumes)];
            t.extend(yields.then(|| quote!(yields)));
            t.extend(returns.then(|| quote!(returns)));
            t
        }
        Kind::Future => returns.then(|| quote!(outputs)).into_iter().collect(),
        Kind::Stream => yields.then(|| quote!(items)).into_iter().collect(),
    };
    quote!(#(#w.#ties(&#machine);)*)
}

/// The witness of the machine's types (stackless-runtime's `Witness`).
fn witness() -> syn::Ident {
    hidden("__witness")
}

/// `x.into_foo(..)` on a local kept in a slot: the machine takes `x` out of its slot for the
/// call (`pinned.rs`: a method named `into_*` is taken to take `self`), so the twin checks
/// the same move, `{ let __moved = x; __moved.into_foo(..) }`. Where the method takes
/// `&self` or `&mut self` instead, a later use of `x` (or of a borrow of it) is then
/// rejected here, as the machine could not honour it, where it would be a use of a moved
/// value in the machine (found by review: a `&self` method named `into_peek` left a
/// reference to the freed value).
struct MovesByName<'a> {
    pinned: &'a [String],
}

impl VisitMut for MovesByName<'_> {
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
    fn visit_expr_mut(&mut self, e: &mut Expr) {
        syn::visit_mut::visit_expr_mut(self, e);
        if let Expr::Closure(c) = e {
            // A `move` closure takes each local kept in a slot that it names whole
            // (`pinned.rs`: `by_value_captures`), where the native one takes only the field
            // paths it uses (`move || s.id`): the twin checks the whole move, so a later use
            // of the rest of the local (or of a borrow of it) is rejected here, not a use of
            // the value the closure took (found by Miri: a reference to `s.name` read the
            // string the closure freed).
            if let Some(capture) = &c.capture {
                let mut free = crate::names::FreeNames::default();
                syn::visit::Visit::visit_expr_closure(&mut free, c);
                let mut moved: Vec<&String> = Vec::new();
                for n in &free.out {
                    if self.pinned.contains(n) && !moved.contains(&n) {
                        moved.push(n);
                    }
                }
                if !moved.is_empty() {
                    let span = capture.span;
                    let names = moved.iter().map(|n| syn::Ident::new(n, span));
                    let lets = names.map(|n| quote!(#[allow(unused_mut)] let mut #n = #n;));
                    *e = syn::parse_quote!({ #(#lets)* #c });
                }
            }
            return;
        }
        let Expr::MethodCall(m) = e else { return };
        let named = matches!(&*m.receiver, Expr::Path(p)
            if p.path.get_ident().is_some_and(|i| self.pinned.contains(&i.to_string())));
        if named && m.method.to_string().starts_with("into_") {
            let moved = syn::Ident::new("__moved", proc_macro2::Span::mixed_site());
            let receiver = std::mem::replace(&mut *m.receiver, syn::parse_quote!(#moved));
            let call = &*m;
            *e = syn::parse_quote!({ #[allow(unused_mut)] let mut #moved = #receiver; #call });
        }
    }
}

struct Yields<'a> {
    private: &'a TokenStream,
    /// `::<Y>`: the yielded value gets its expected type, as in the coroutine.
    yield_ty: Option<&'a TokenStream>,
    in_place: &'a [String],
    /// The `in_place` locals in scope here.
    scope: Vec<syn::Ident>,
    /// In a stream, `?` yields the residual as the last item and ends the stream: `Some(Y)`.
    stream_item: Option<TokenStream>,
    /// The block being visited uses its anchor (`let __anchor = ();` goes first in it).
    anchored: bool,
}

/// A local of a block whose borrow bounds what the block's `pin!`s make (runtime `anchored`).
fn anchor_ident() -> syn::Ident {
    hidden("__anchor")
}

impl Yields<'_> {
    /// The anchor of the block being visited, declared there once it is used; mentioned where
    /// the `pin!` is, so that a borrow error points there.
    fn anchor_at(&mut self, at: &syn::Path) -> syn::Ident {
        self.anchored = true;
        let span = proc_macro2::Span::mixed_site().located_at(syn::spanned::Spanned::span(at));
        syn::Ident::new("__anchor", span)
    }

    /// The replacement of a `yield_!` (its operand already visited).
    fn replace(&mut self, m: &syn::Macro) -> Option<Expr> {
        if !scan::is_yield_macro(m) {
            return None;
        }
        let mut operand = scan::yield_operand(m).ok()?;
        self.visit_expr_mut(&mut operand);
        let (p, y, w) = (self.private, self.yield_ty, witness());
        if self.scope.is_empty() {
            return Some(syn::parse_quote!({
                #w.yielded(#p::expect #y (#operand));
                #w.resume().await
            }));
        }
        let span = syn::spanned::Spanned::span(&m.path);
        let checks = self.checks(span);
        let v = hidden("__v");
        Some(syn::parse_quote!({
            let #v = #p::expect #y (#operand);
            #checks
            #w.yielded(#v);
            #w.resume().await
        }))
    }

    /// Located at the suspension point, where rustc reports a conflicting borrow. One check,
    /// before suspending, suffices: a borrow alive after the point was made before it.
    fn checks(&self, span: proc_macro2::Span) -> TokenStream {
        let at = proc_macro2::Span::call_site().located_at(span);
        let names = self
            .scope
            .iter()
            // The binding's hygiene (it may come from a `macro_rules!`), the point's location.
            .map(|n| syn::Ident::new(&n.to_string(), n.span().located_at(span)));
        quote::quote_spanned!(at=> #(let _ = &mut #names;)*)
    }
}

impl Yields<'_> {
    /// `buf.with(yield_!(0))`, `buf[0] += yield_!(1)` with `buf` kept in place: the lowering
    /// suspends before it takes the receiver's (two-phase) borrow, so the machine holds no
    /// borrow of `buf` across the point, and may move. The twin evaluates the operands in the
    /// lowering's order too (`lower.rs`, `anf_operands`): those before the last that suspends
    /// into `let`s unless `deferrable` (a place, evaluated after it), so the check at the
    /// point (`&mut buf`) sees every other borrow of `buf` that lives across it (`let r =
    /// &buf;` used after), and every borrow the machine carries across it is the twin's too
    /// (`buf.with(&mut v[..], { v.push(1); yield_!(0); 5 })`).
    fn hoist(&mut self, e: &mut Expr) -> bool {
        let in_scope = |place: &Expr| {
            place_root(place).is_some_and(|(n, _)| self.scope.iter().any(|s| *s == n))
        };
        match e {
            Expr::MethodCall(m) if in_scope(&m.receiver) && m.args.iter().any(scan::suspends) => {
                let last = m
                    .args
                    .iter()
                    .rposition(scan::suspends)
                    .expect("one suspends");
                let mut lets = Vec::new();
                if !scan::deferrable(&m.receiver) {
                    let v = located("__a", &m.receiver);
                    let mut value = std::mem::replace(&mut *m.receiver, syn::parse_quote!(#v));
                    self.visit_expr_mut(&mut value);
                    lets.push(quote!(let mut #v = #value;));
                } else {
                    self.visit_expr_mut(&mut m.receiver);
                }
                for (i, a) in m.args.iter_mut().enumerate() {
                    if i < last && scan::deferrable(a) || i > last {
                        self.visit_expr_mut(a);
                        continue;
                    }
                    let v = located(&format!("__a{i}"), a);
                    let mut value = std::mem::replace(a, syn::parse_quote!(#v));
                    self.visit_expr_mut(&mut value);
                    lets.push(quote!(let #v = #value;));
                }
                let call = &*m;
                *e = syn::parse_quote!({ #(#lets)* #call });
                true
            }
            Expr::Binary(b)
                if scan::is_compound_assign(&b.op)
                    && in_scope(&b.left)
                    && scan::suspends(&b.right) =>
            {
                let v = located("__b", &b.right);
                let mut value = std::mem::replace(&mut *b.right, syn::parse_quote!(#v));
                self.visit_expr_mut(&mut value);
                self.visit_expr_mut(&mut b.left);
                let op = &*b;
                *e = syn::parse_quote!({ let #v = #value; #op });
                true
            }
            _ => false,
        }
    }
}

/// A hidden name standing where `e` stood, so that errors about the expression it is part of
/// still point at the user's code.
fn located(name: &str, e: &Expr) -> syn::Ident {
    let span = syn::spanned::Spanned::span(e);
    syn::Ident::new(name, proc_macro2::Span::mixed_site().located_at(span))
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
        let anchored = std::mem::replace(&mut self.anchored, false);
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
        if std::mem::replace(&mut self.anchored, anchored) {
            let anchor = anchor_ident();
            b.stmts.insert(0, syn::parse_quote!(let #anchor = ();));
        }
    }

    fn visit_expr_mut(&mut self, e: &mut Expr) {
        if self.hoist(e) {
            return;
        }
        if let (Expr::Try(t), Some(item)) = (&mut *e, self.stream_item.clone()) {
            self.visit_expr_mut(&mut t.expr);
            let (inner, p, w) = (&t.expr, self.private, witness());
            let span = t.question_token.span;
            *e = syn::parse_quote_spanned! {span=>
                match #p::Try::branch(#inner) {
                    ::stackless::__private::core::ops::ControlFlow::Continue(__v) => __v,
                    ::stackless::__private::core::ops::ControlFlow::Break(__r) => {
                        #w.yielded(#p::expect::<#item>(#p::FromResidual::from_residual(__r)));
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
                    let #f = ::stackless::__private::core::future::IntoFuture::into_future(#base);
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
            // `pin!` is recognised by name and run as `core::pin::pin!` (a slot that lives
            // until the block ends): whatever the macro of that name makes, the twin's value
            // lives no longer (see `anchor`).
            if scan::is_pin_macro(&m.mac) {
                let (p, anchor) = (self.private, self.anchor_at(&m.mac.path));
                *e = syn::parse_quote!(#p::anchored(&#anchor, #m));
                return;
            }
        }
        syn::visit_mut::visit_expr_mut(self, e);
    }

    fn visit_stmt_mut(&mut self, s: &mut syn::Stmt) {
        // `let x = pin!(e);`: as below, with the value first bound where `pin!`'s temporary
        // is extended to the block.
        if let syn::Stmt::Local(l) = s {
            let pinned = l.init.as_ref().and_then(|i| match &*i.expr {
                Expr::Macro(m) if i.diverge.is_none() && scan::is_pin_macro(&m.mac) => {
                    Some(m.clone())
                }
                _ => None,
            });
            if let Some(m) = pinned {
                let (p, anchor) = (self.private, self.anchor_at(&m.mac.path));
                let (attrs, pat, v) = (&l.attrs, &l.pat, hidden("__pinned"));
                *s = syn::Stmt::Expr(
                    Expr::Verbatim(quote! {
                        let #v = #m;
                        #(#attrs)* let #pat = #p::anchored(&#anchor, #v);
                    }),
                    None,
                );
                return;
            }
        }
        if let syn::Stmt::Macro(m) = s {
            if let Some(r) = self.replace(&m.mac) {
                *s = syn::Stmt::Expr(r, Some(Default::default()));
                return;
            }
            // `pin_mut!(x);` / `tokio::pin!(x);` are recognised by name and run as
            // `core::pin::pin!` (a slot that lives until the block ends): whatever the macro
            // of that name makes, the twin's `x` lives no longer (see `anchor`).
            if let Some(names) = scan::pin_in_place(&m.mac) {
                let (p, anchor) = (self.private, self.anchor_at(&m.mac.path));
                let lets = names
                    .iter()
                    .map(|x| quote!(let mut #x = #p::anchored(&#anchor, #x);));
                let stmt = m.clone();
                *s = syn::Stmt::Expr(Expr::Verbatim(quote!(#stmt #(#lets)*)), None);
                return;
            }
        }
        syn::visit_mut::visit_stmt_mut(self, s);
    }

    fn visit_macro_mut(&mut self, m: &mut syn::Macro) {
        // `select!`/`join!`: their handlers are the body's too (a `?` in a stream's).
        if let Some(rebuilt) = crate::await_macros::visit_exprs(m, |e| self.visit_expr_mut(e)) {
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
}
