//! Stage 1c — partial moves: what is left of a local moved out of in part is dropped where
//! Rust drops it, at the end of the local's scope.
//!
//! A machine carries a local past a suspension point by moving it (into the state) or keeps
//! it in a slot reached through a reference; Rust allows neither for a local some of whose
//! fields were moved out (`let Listener { tx, .. } = server;`, `let rx = self.rx;`). So a
//! local the body moves out of in part, exactly once and never mentions again, is taken whole
//! at that move into a `Part`, the parts are read out of it, and what is left is kept in a
//! `Rest` holder declared right after the local (so it drops in the local's place in the
//! order): its `rest` closure moves the same parts out of the whole value with the same
//! pattern or field paths, forgets them, and lets Rust drop the rest, field by field.
//!
//! The closure is also the soundness argument (`part-read` in the crate docs): rustc checks it
//! on the local's own type, so a part read out of the value is one Rust itself lets be moved
//! out of it by value. A part reached through a reference or a `Deref` other than `Box` is a
//! `Copy` read, else the closure is rustc's E0507 (where the native program's move is too).
//!
//! from: `let Listener { tx, .. } = server; … done.await;`
//! into: `let server = …; let mut rest0;`                                   (its declaration)
//!       `let mut __part = moved_in_part(server);`
//!       `let Listener { tx: ref mut __bind0, .. } = *Part::whole(&mut __part);`
//!       `let tx = unsafe { read(__bind0) };`
//!       `rest0 = …rest(Hold(__part), |__whole| { let Listener { tx: mut __m0, .. } = __whole;`
//!       `                                        forget_part(__m0); });`
//!
//! Only where that is certainly what Rust does: one move out of the local (a field path used
//! as a value — an argument, an initialiser, an element, an awaited or `?` operand — or a
//! `let` destructuring it with `..` or `_` somewhere), not inside a loop, closure or `async`
//! block of its scope, with no mention of the local after it and no other binding of its
//! name in its scope; a destructuring `let` only of a local whose type is known not to be a
//! reference (a declared type, a struct, tuple or array expression), since a pattern matched
//! against a reference binds by reference and moves nothing.

use std::collections::HashMap;

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::visit::Visit;
use syn::visit_mut::VisitMut;
use syn::{Expr, Ident, Member, Pat, Stmt};

/// A local the body may move out of in part, as the body names it.
pub struct Candidate {
    pub name: Ident,
    /// The name the statements after its declaration reach it by (`__self` for `self`,
    /// which the lowering renames in the body only).
    pub bound: Ident,
    /// Its type is known not to be a reference: a destructuring `let` moves out of it.
    pub owned: bool,
}

/// Rewrites the partial moves of `body` (see the module docs). `params` are the parameters
/// as the body names them; for each one moved out of in part, returns its index and the
/// holder's declaration, to go right after the parameter's binding.
pub fn hold_rests(body: &mut syn::Block, params: &[Option<Candidate>]) -> Vec<(usize, Vec<Stmt>)> {
    let mut n = 0;
    let mut out = Vec::new();
    for (i, p) in params.iter().enumerate() {
        if let Some(c) = p {
            if let Some(decl) = hold_rest(c, &mut body.stmts, 0, &mut n) {
                out.push((i, decl));
            }
        }
    }
    Blocks { n: &mut n }.visit_block_mut(body);
    out
}

/// Every block's own `let x = …;`, innermost first.
struct Blocks<'n> {
    n: &'n mut usize,
}

impl VisitMut for Blocks<'_> {
    fn visit_block_mut(&mut self, b: &mut syn::Block) {
        syn::visit_mut::visit_block_mut(self, b);
        let mut i = 0;
        while i < b.stmts.len() {
            if let Some(c) = declared(&b.stmts[i]) {
                if let Some(decl) = hold_rest(&c, &mut b.stmts, i + 1, self.n) {
                    let k = decl.len();
                    b.stmts.splice(i + 1..i + 1, decl);
                    i += k;
                }
            }
            i += 1;
        }
    }
    // (Their locals are their own, not the machine's.)
    fn visit_expr_closure_mut(&mut self, _: &mut syn::ExprClosure) {}
    fn visit_expr_async_mut(&mut self, _: &mut syn::ExprAsync) {}
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
    fn visit_macro_mut(&mut self, _: &mut syn::Macro) {}
}

/// `let x = …;` or `let mut x: T = …;`.
fn declared(s: &Stmt) -> Option<Candidate> {
    let Stmt::Local(l) = s else { return None };
    let init = l.init.as_ref()?;
    if init.diverge.is_some() {
        return None;
    }
    let (pi, ty) = match &l.pat {
        Pat::Ident(pi) => (pi, None),
        Pat::Type(pt) => match &*pt.pat {
            Pat::Ident(pi) => (pi, Some(&*pt.ty)),
            _ => return None,
        },
        _ => return None,
    };
    if pi.by_ref.is_some() || pi.subpat.is_some() {
        return None;
    }
    let owned = ty.map_or_else(|| owned_expr(&init.expr), owned_type);
    Some(Candidate {
        name: pi.ident.clone(),
        bound: pi.ident.clone(),
        owned,
    })
}

/// A type certainly not a reference (nor a raw pointer, nor something that may be one).
pub fn owned_type(ty: &syn::Type) -> bool {
    match ty {
        syn::Type::Path(p) => p.qself.is_none(),
        syn::Type::Tuple(_) | syn::Type::Array(_) => true,
        syn::Type::Paren(p) => owned_type(&p.elem),
        syn::Type::Group(g) => owned_type(&g.elem),
        _ => false,
    }
}

fn owned_expr(e: &Expr) -> bool {
    match e {
        Expr::Group(g) => owned_expr(&g.expr),
        e => matches!(e, Expr::Struct(_) | Expr::Tuple(_) | Expr::Array(_)),
    }
}

/// One local (declared just before `stmts[from]`, in scope to their end): its single partial
/// move rewritten, and its holder's declaration returned.
fn hold_rest(
    c: &Candidate,
    stmts: &mut Vec<Stmt>,
    from: usize,
    n: &mut usize,
) -> Option<Vec<Stmt>> {
    let mut find = Find {
        c,
        mentions: 0,
        sites: Vec::new(),
        blocked: 0,
        holding: 0,
        transient: 0,
        bail: false,
    };
    for s in &stmts[from..] {
        find.visit_stmt(s);
    }
    if find.bail || find.sites.len() != 1 || find.sites[0] + 1 != find.mentions {
        return None;
    }
    let holder = format_ident!("rest__stackless{}", *n, span = Span::mixed_site());
    let rest_fn = format_ident!("restfn__stackless{}", *n, span = Span::mixed_site());
    *n += 1;
    let mut rewrite = Rewrite {
        c,
        holder: &holder,
        rest_fn: &rest_fn,
        rest: None,
    };
    rewrite.stmts(stmts, from);
    let rest = rewrite.rest.expect("the partial move found is rewritten");
    // The `rest` closure is written once, here, typed by the local's own type: the code
    // after a suspension point may be written more than once, and each copy of a closure
    // would be a type of its own (`unify_copies`).
    let x = &c.bound;
    Some(vec![
        syn::parse_quote!(let mut #holder;),
        syn::parse_quote!(let #rest_fn = ::stackless::__private::rest_for(&#x, #rest);),
    ])
}

/// `x.f` or `x.f.g`: the field path of a use of `x`'s part.
fn field_path<'e>(e: &'e Expr, name: &Ident) -> Option<Vec<&'e Member>> {
    match e {
        Expr::Field(f) => match &*f.base {
            Expr::Path(p) if p.path.is_ident(name) && p.attrs.is_empty() => Some(vec![&f.member]),
            b => {
                let mut path = field_path(b, name)?;
                path.push(&f.member);
                Some(path)
            }
        },
        _ => None,
    }
}

/// `let <pattern> = x;`: a destructuring that leaves something behind (`..`, `_`) and binds
/// parts by value (plain `a`/`mut a` bindings only).
fn let_site(l: &syn::Local, c: &Candidate) -> bool {
    let Some(init) = &l.init else { return false };
    let is_x =
        matches!(&*init.expr, Expr::Path(p) if p.path.is_ident(&c.name) && p.attrs.is_empty());
    if !is_x || init.diverge.is_some() || !c.owned || !l.attrs.is_empty() {
        return false;
    }
    let mut shape = PatShape::default();
    shape.visit(&l.pat);
    shape.ok && shape.rest && shape.bindings > 0
}

#[derive(Default)]
struct PatShape {
    ok: bool,
    rest: bool,
    bindings: usize,
    seen: bool,
}

impl PatShape {
    fn visit(&mut self, p: &Pat) {
        if !self.seen {
            self.seen = true;
            self.ok = true;
        }
        match p {
            Pat::Ident(pi) if pi.by_ref.is_none() && pi.subpat.is_none() => self.bindings += 1,
            Pat::Wild(_) | Pat::Rest(_) => self.rest = true,
            Pat::Struct(s) => {
                self.rest |= s.rest.is_some();
                s.fields.iter().for_each(|f| self.visit(&f.pat));
            }
            Pat::TupleStruct(t) => t.elems.iter().for_each(|p| self.visit(p)),
            Pat::Tuple(t) => t.elems.iter().for_each(|p| self.visit(p)),
            Pat::Slice(s) => s.elems.iter().for_each(|p| self.visit(p)),
            Pat::Paren(p) => self.visit(&p.pat),
            Pat::Path(_) | Pat::Lit(_) => {}
            _ => self.ok = false,
        }
    }
}

/// Finds the moves out of the local and every other mention of it, in source order.
struct Find<'c> {
    c: &'c Candidate,
    /// Mentions seen (the sites among them).
    mentions: usize,
    /// The ordinals of the partial moves among the mentions.
    sites: Vec<usize>,
    /// Inside a loop, closure or `async` block: a move there is no site.
    blocked: usize,
    /// Inside a value that may keep a borrow past its statement (`Find::value`).
    holding: usize,
    /// Inside code whose borrows end with it (`Find::transient`).
    transient: usize,
    /// The name is bound again, or named where it cannot be told how.
    bail: bool,
}

impl Find<'_> {
    fn site(&mut self) {
        if self.blocked == 0 {
            self.sites.push(self.mentions);
        } else {
            // A move out of a part that is no site (in a loop, a closure, a macro): the
            // local may be partially moved before the site, which then could not take it whole.
            self.bail = true;
        }
        self.mentions += 1;
    }

    /// An operand consumed within its statement (awaited, `?`): a field path is a site.
    fn consumed(&mut self, e: &Expr) {
        if field_path(e, &self.c.name).is_some() {
            self.site();
        } else {
            self.visit_expr(e);
        }
    }

    /// A value-context child: a field path of the local is a site; anything else is visited,
    /// and a mention in it may be a borrow kept past the statement (`let r = &x.b;`,
    /// `v.push(&x.b)`, `out = x.b.as_str()`), which the whole move would end (E0505).
    fn value(&mut self, e: &Expr) {
        if field_path(e, &self.c.name).is_some() {
            self.site();
        } else {
            let keeps = usize::from(self.transient == 0);
            self.holding += keeps;
            self.visit_expr(e);
            self.holding -= keeps;
        }
    }

    /// Code whose value no local keeps (an expression statement, a `yield_!` operand) and
    /// that has no place to put a borrow of the local in: mentions in it end with it.
    fn transient(&mut self, e: &Expr) {
        let ends = !Stashes::in_expr(e, &self.c.name);
        let outer = std::mem::replace(&mut self.transient, usize::from(ends));
        self.visit_expr(e);
        self.transient = outer;
    }
}

impl<'a> Visit<'a> for Find<'_> {
    fn visit_expr_path(&mut self, p: &'a syn::ExprPath) {
        if p.path.is_ident(&self.c.name) {
            self.mentions += 1;
            self.bail |= self.holding > 0;
        }
    }
    fn visit_ident(&mut self, i: &'a Ident) {
        // (A binding of the same name, a struct literal's shorthand field.)
        if *i == self.c.name {
            self.bail = true;
        }
    }
    fn visit_macro(&mut self, m: &'a syn::Macro) {
        if !crate::scan::mentions(&m.tokens, &self.c.name) {
            return;
        }
        // (No site in a macro's tokens: they are not rewritten.)
        self.blocked += 1;
        if crate::scan::is_yield_macro(m) {
            match m.parse_body::<Expr>() {
                Ok(e) if field_path(&e, &self.c.name).is_some() => self.site(),
                Ok(e) => self.transient(&e),
                Err(_) => self.bail = true,
            }
        } else if let Some(args) = crate::scan::parse_macro_args(m) {
            let name = m.path.segments.last().map(|s| s.ident.to_string());
            if matches!(name.as_deref(), Some("vec" | "dbg")) {
                // (Elements and `dbg!`'s values are moved.)
                args.args.iter().for_each(|a| self.value(a));
            } else {
                // (Formatting arguments are borrowed for the statement.)
                self.transient += 1;
                args.args.iter().for_each(|a| self.visit_expr(a));
                self.transient -= 1;
            }
        } else {
            self.bail = true;
        }
        self.blocked -= 1;
    }
    fn visit_stmt(&mut self, st: &'a Stmt) {
        match st {
            Stmt::Expr(e, _) => self.transient(e),
            st => syn::visit::visit_stmt(self, st),
        }
    }
    fn visit_item(&mut self, _: &'a syn::Item) {}
    fn visit_expr_closure(&mut self, e: &'a syn::ExprClosure) {
        self.blocked += 1;
        syn::visit::visit_expr_closure(self, e);
        self.blocked -= 1;
    }
    fn visit_expr_async(&mut self, e: &'a syn::ExprAsync) {
        self.blocked += 1;
        syn::visit::visit_expr_async(self, e);
        self.blocked -= 1;
    }
    fn visit_expr_loop(&mut self, e: &'a syn::ExprLoop) {
        self.blocked += 1;
        syn::visit::visit_expr_loop(self, e);
        self.blocked -= 1;
    }
    fn visit_expr_while(&mut self, e: &'a syn::ExprWhile) {
        self.blocked += 1;
        syn::visit::visit_expr_while(self, e);
        self.blocked -= 1;
    }
    fn visit_expr_for_loop(&mut self, e: &'a syn::ExprForLoop) {
        self.visit_expr(&e.expr);
        self.blocked += 1;
        self.visit_pat(&e.pat);
        self.visit_block(&e.body);
        self.blocked -= 1;
    }
    fn visit_local(&mut self, l: &'a syn::Local) {
        if let_site(l, self.c) {
            self.visit_pat(&l.pat);
            self.site();
            return;
        }
        self.visit_pat(&l.pat);
        // (What a `let` binds may keep a borrow, wherever it is.)
        let outer = std::mem::take(&mut self.transient);
        if let Some(init) = &l.init {
            self.value(&init.expr);
            if let Some((_, e)) = &init.diverge {
                self.visit_expr(e);
            }
        }
        self.transient = outer;
    }
    fn visit_expr_call(&mut self, c: &'a syn::ExprCall) {
        self.visit_expr(&c.func);
        c.args.iter().for_each(|a| self.value(a));
    }
    fn visit_expr_method_call(&mut self, m: &'a syn::ExprMethodCall) {
        self.visit_expr(&m.receiver);
        m.args.iter().for_each(|a| self.value(a));
    }
    fn visit_expr_tuple(&mut self, t: &'a syn::ExprTuple) {
        t.elems.iter().for_each(|a| self.value(a));
    }
    fn visit_expr_array(&mut self, t: &'a syn::ExprArray) {
        t.elems.iter().for_each(|a| self.value(a));
    }
    fn visit_expr_struct(&mut self, s: &'a syn::ExprStruct) {
        self.visit_path(&s.path);
        for f in &s.fields {
            self.value(&f.expr);
        }
        if let Some(r) = &s.rest {
            self.visit_expr(r);
        }
    }
    // (What these consume ends with the statement: a borrow in it is not kept.)
    fn visit_expr_await(&mut self, a: &'a syn::ExprAwait) {
        self.consumed(&a.base);
    }
    fn visit_expr_try(&mut self, t: &'a syn::ExprTry) {
        self.consumed(&t.expr);
    }
    fn visit_expr_return(&mut self, r: &'a syn::ExprReturn) {
        if let Some(e) = &r.expr {
            self.value(e);
        }
    }
    fn visit_expr_assign(&mut self, a: &'a syn::ExprAssign) {
        self.visit_expr(&a.left);
        self.value(&a.right);
    }
    // (A field's name is no local's: `S { x }` is also a path expression, counted there.)
    fn visit_member(&mut self, _: &'a Member) {}
}

/// Whether a borrow of the local could be put somewhere that outlives `e`: a method call
/// with the local among its arguments (`v.push(&x.b)`), a call that also takes a local by
/// name (`put(v, &x.b)`), a `&mut`, an assignment, a closure, a macro.
#[derive(Default)]
struct Stashes<'n> {
    name: Option<&'n Ident>,
    found: bool,
}

impl<'n> Stashes<'n> {
    fn in_expr(e: &Expr, name: &'n Ident) -> bool {
        let mut s = Stashes {
            name: Some(name),
            found: false,
        };
        s.visit_expr(e);
        s.found
    }

    fn mentioned(&self, e: &Expr) -> bool {
        let name = self.name.expect("set");
        crate::scan::mentions(&quote!(#e), name)
    }
}

impl<'a> Visit<'a> for Stashes<'_> {
    fn visit_expr_method_call(&mut self, m: &'a syn::ExprMethodCall) {
        self.found |= m.args.iter().any(|a| self.mentioned(a));
        syn::visit::visit_expr_method_call(self, m);
    }
    fn visit_expr_call(&mut self, c: &'a syn::ExprCall) {
        let by_name = c
            .args
            .iter()
            .any(|a| matches!(a, Expr::Path(p) if p.path.get_ident().is_some()));
        self.found |= by_name && c.args.iter().any(|a| self.mentioned(a));
        syn::visit::visit_expr_call(self, c);
    }
    fn visit_expr_reference(&mut self, r: &'a syn::ExprReference) {
        self.found |= r.mutability.is_some();
        syn::visit::visit_expr_reference(self, r);
    }
    fn visit_expr_assign(&mut self, _: &'a syn::ExprAssign) {
        self.found = true;
    }
    fn visit_expr_closure(&mut self, _: &'a syn::ExprClosure) {
        self.found = true;
    }
    fn visit_expr_async(&mut self, _: &'a syn::ExprAsync) {
        self.found = true;
    }
    fn visit_macro(&mut self, m: &'a syn::Macro) {
        self.found |= crate::scan::parse_macro_args(m).is_none() && !crate::scan::is_yield_macro(m);
    }
}

/// Rewrites the one site `Find` found (the same traversal, stopping at the first site).
struct Rewrite<'c> {
    c: &'c Candidate,
    holder: &'c Ident,
    rest_fn: &'c Ident,
    /// The `rest` closure of the site, once rewritten.
    rest: Option<TokenStream>,
}

impl Rewrite<'_> {
    fn value(&mut self, e: &mut Expr) {
        if self.rest.is_some() {
            return;
        }
        if let Some(path) = field_path(e, &self.c.name) {
            let path: Vec<Member> = path.into_iter().cloned().collect();
            *e = self.read_field(&path, e.span());
        } else {
            self.visit_expr_mut(e);
        }
    }

    /// `x.f.g` as a value: `{ take x whole; read the part; keep the rest; the part }`.
    fn read_field(&mut self, path: &[Member], span: Span) -> Expr {
        let private = quote!(::stackless::__private);
        let x = &self.c.name;
        let part = Ident::new("__part", Span::mixed_site());
        let at = Ident::new("__at", Span::mixed_site());
        let whole = Ident::new("__whole", Span::mixed_site());
        self.rest = Some(quote!(|#whole| #private::forget_part(#whole #(.#path)*)));
        let keep = self.keep(&part);
        // (The `unsafe` block's tokens are all the macro's, with its span: `forbid(unsafe_code)`
        // in the user's crate does not apply to them.)
        let read = quote! {
            // SAFETY: `part-read`: the part is read out once, here, and the rest closure
            // below moves it out of the same type by the same path and forgets it.
            unsafe { ::core::ptr::read(#at) }
        };
        syn::parse_quote_spanned! {span=>
            {
                let mut #part = #private::moved_in_part(#x);
                let #at = &raw const (*#private::Part::whole(&mut #part)) #(.#path)*;
                let __part_value = #read;
                #keep
                __part_value
            }
        }
    }

    /// `holder = { Hold(part) … .rest(hold, rest) };`
    fn keep(&self, part: &Ident) -> TokenStream {
        let private = quote!(::stackless::__private);
        let holder = self.holder;
        let rest = self.rest_fn;
        quote! {
            #holder = {
                use #private::{HoldAny as _, HoldCopy as _};
                let __hold = #private::Hold(#part);
                (&__hold).__hold_kind().rest(__hold, #rest)
            };
        }
    }

    /// `let <pattern> = x;` as statements: bindings by `ref mut`, read out, rest kept.
    fn destructure(&mut self, l: &syn::Local) -> Vec<Stmt> {
        let private = quote!(::stackless::__private);
        let x = &self.c.name;
        let span = l.span();
        let part = Ident::new("__part", Span::mixed_site());
        let whole = Ident::new("__whole", Span::mixed_site());
        let mut by_ref = l.pat.clone();
        let mut moved = l.pat.clone();
        let mut names = Vec::new();
        Bindings {
            names: &mut names,
            by_ref: true,
        }
        .visit_pat_mut(&mut by_ref);
        let mut n2 = Vec::new();
        Bindings {
            names: &mut n2,
            by_ref: false,
        }
        .visit_pat_mut(&mut moved);
        let reads = names.iter().enumerate().map(|(i, (user, mutability))| {
            let bind = format_ident!("__bind{}", i, span = Span::mixed_site());
            let read = quote! {
                // SAFETY: `part-read`: the part is read out once, here, and the rest closure
                // below moves it out of the same type by the same pattern and forgets it.
                unsafe { ::core::ptr::read(#bind) }
            };
            quote_spanned! {span=> let #mutability #user = #read; }
        });
        let forgets = (0..names.len()).map(|i| {
            let m = format_ident!("__m{}", i, span = Span::mixed_site());
            quote!(#private::forget_part(#m);)
        });
        self.rest = Some(quote!(|#whole| {
            #[allow(unused_mut)]
            let #moved = #whole;
            #(#forgets)*
        }));
        let keep = self.keep(&part);
        let block: syn::Block = syn::parse_quote_spanned! {span=>
            {
                let mut #part = #private::moved_in_part(#x);
                let #by_ref = *#private::Part::whole(&mut #part);
                #(#reads)*
                #keep
            }
        };
        block.stmts
    }
}

/// Each plain binding of a pattern made `ref mut __bindN` (or `mut __mN`), its name and
/// mutability recorded; shorthand fields spelled out.
struct Bindings<'n> {
    names: &'n mut Vec<(Ident, Option<syn::token::Mut>)>,
    by_ref: bool,
}

impl VisitMut for Bindings<'_> {
    fn visit_field_pat_mut(&mut self, f: &mut syn::FieldPat) {
        if f.colon_token.is_none() {
            f.colon_token = Some(Default::default());
        }
        self.visit_pat_mut(&mut f.pat);
    }
    fn visit_pat_ident_mut(&mut self, pi: &mut syn::PatIdent) {
        let i = self.names.len();
        self.names.push((pi.ident.clone(), pi.mutability));
        if self.by_ref {
            pi.by_ref = Some(Default::default());
            pi.mutability = Some(Default::default());
            pi.ident = format_ident!("__bind{}", i, span = Span::mixed_site());
        } else {
            pi.mutability = Some(Default::default());
            pi.ident = format_ident!("__m{}", i, span = Span::mixed_site());
        }
    }
}

impl Rewrite<'_> {
    fn stmts(&mut self, stmts: &mut Vec<Stmt>, from: usize) {
        let mut i = from;
        while i < stmts.len() && self.rest.is_none() {
            if let Stmt::Local(l) = &stmts[i] {
                if let_site(l, self.c) {
                    let new = self.destructure(l);
                    stmts.splice(i..=i, new);
                    return;
                }
            }
            self.visit_stmt_mut(&mut stmts[i]);
            i += 1;
        }
    }
}

impl VisitMut for Rewrite<'_> {
    fn visit_block_mut(&mut self, b: &mut syn::Block) {
        self.stmts(&mut b.stmts, 0);
    }
    // (No move in them is a site: `Find`.)
    fn visit_expr_closure_mut(&mut self, _: &mut syn::ExprClosure) {}
    fn visit_expr_async_mut(&mut self, _: &mut syn::ExprAsync) {}
    fn visit_expr_loop_mut(&mut self, _: &mut syn::ExprLoop) {}
    fn visit_expr_while_mut(&mut self, _: &mut syn::ExprWhile) {}
    fn visit_expr_for_loop_mut(&mut self, _: &mut syn::ExprForLoop) {}
    fn visit_stmt_mut(&mut self, s: &mut Stmt) {
        if self.rest.is_some() {
            return;
        }
        syn::visit_mut::visit_stmt_mut(self, s);
    }
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
    fn visit_macro_mut(&mut self, _: &mut syn::Macro) {}
    fn visit_local_mut(&mut self, l: &mut syn::Local) {
        if let Some(init) = &mut l.init {
            self.value(&mut init.expr);
            if let Some((_, e)) = &mut init.diverge {
                self.visit_expr_mut(e);
            }
        }
    }
    fn visit_expr_call_mut(&mut self, c: &mut syn::ExprCall) {
        self.visit_expr_mut(&mut c.func);
        c.args.iter_mut().for_each(|a| self.value(a));
    }
    fn visit_expr_method_call_mut(&mut self, m: &mut syn::ExprMethodCall) {
        self.visit_expr_mut(&mut m.receiver);
        m.args.iter_mut().for_each(|a| self.value(a));
    }
    fn visit_expr_tuple_mut(&mut self, t: &mut syn::ExprTuple) {
        t.elems.iter_mut().for_each(|a| self.value(a));
    }
    fn visit_expr_array_mut(&mut self, t: &mut syn::ExprArray) {
        t.elems.iter_mut().for_each(|a| self.value(a));
    }
    fn visit_expr_struct_mut(&mut self, s: &mut syn::ExprStruct) {
        for f in &mut s.fields {
            self.value(&mut f.expr);
        }
        if let Some(r) = &mut s.rest {
            self.visit_expr_mut(r);
        }
    }
    fn visit_expr_await_mut(&mut self, a: &mut syn::ExprAwait) {
        self.value(&mut a.base);
    }
    fn visit_expr_try_mut(&mut self, t: &mut syn::ExprTry) {
        self.value(&mut t.expr);
    }
    fn visit_expr_return_mut(&mut self, r: &mut syn::ExprReturn) {
        if let Some(e) = &mut r.expr {
            self.value(e);
        }
    }
    fn visit_expr_assign_mut(&mut self, a: &mut syn::ExprAssign) {
        self.visit_expr_mut(&mut a.left);
        self.value(&mut a.right);
    }
}

/// The expansion writes the code after a suspension point into each arm that resumes there,
/// so a local's declaration, and the `rest` closure written after it, may be written more
/// than once; each copy of the closure is a type of its own, where the holder has one type.
/// A closure written more than once is taken as a `fn(T)` instead (`rest_for_fn`): one
/// type, a pointer's bytes.
pub fn unify_copies(out: TokenStream) -> TokenStream {
    let mut count = HashMap::new();
    count_definitions(&out, &mut count);
    if count.values().all(|&n| n < 2) {
        return out;
    }
    rewrite_copied(out, &count)
}

/// `let restfn__stackless3 = …`: the name, if `t` is such a `let`'s name.
fn defined(t: &TokenTree, prev: Option<&TokenTree>) -> Option<String> {
    match (prev, t) {
        (Some(TokenTree::Ident(l)), TokenTree::Ident(i))
            if l == "let" && i.to_string().starts_with("restfn__stackless") =>
        {
            Some(i.to_string())
        }
        _ => None,
    }
}

fn count_definitions(ts: &TokenStream, count: &mut HashMap<String, usize>) {
    let tokens: Vec<TokenTree> = ts.clone().into_iter().collect();
    for (k, t) in tokens.iter().enumerate() {
        if let Some(h) = defined(t, k.checked_sub(1).and_then(|p| tokens.get(p))) {
            *count.entry(h).or_insert(0) += 1;
        }
        if let TokenTree::Group(g) = t {
            count_definitions(&g.stream(), count);
        }
    }
}

fn rewrite_copied(ts: TokenStream, count: &HashMap<String, usize>) -> TokenStream {
    let tokens: Vec<TokenTree> = ts.into_iter().collect();
    let mut out = Vec::with_capacity(tokens.len());
    let mut copied = false;
    for (k, t) in tokens.iter().enumerate() {
        if let Some(h) = defined(t, k.checked_sub(1).and_then(|p| tokens.get(p))) {
            copied = count[&h] > 1;
        }
        match t {
            TokenTree::Ident(i) if copied && i == "rest_for" => {
                copied = false;
                out.push(TokenTree::Ident(Ident::new("rest_for_fn", i.span())));
            }
            TokenTree::Group(g) => {
                let stream = rewrite_copied(g.stream(), count);
                let mut ng = proc_macro2::Group::new(g.delimiter(), stream);
                ng.set_span(g.span());
                out.push(TokenTree::Group(ng));
            }
            t => out.push(t.clone()),
        }
    }
    out.into_iter().collect()
}
