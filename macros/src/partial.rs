//! Stage 1c — partial moves: what is left of a local moved out of in part is dropped where
//! Rust drops it, at the end of the local's scope. Runs on the body before the lowering and
//! before the twin (`twin.rs`) is written, so rustc borrow-checks the rewritten code.
//!
//! A machine carries a local past a suspension point by moving it (into the state) or keeps
//! it in a slot reached through a reference; Rust allows neither for a local some of whose
//! fields were moved out (`let Listener { tx, .. } = server;`, `let rx = self.rx;`). So a
//! local the body moves out of in part, exactly once and never mentions again, is taken whole
//! at that move into a `Part`, the parts are read out of it, and what is left is kept in a
//! holder declared right after the local (so it drops in the local's place in the order),
//! with a `rest` closure: it moves the same parts out of the whole value with the same
//! pattern or field paths, forgets them, and lets Rust drop the rest, field by field. A field
//! path whose part is `Copy` moved nothing: the holder then keeps the whole value
//! (`PartProbe`). Where the expansion writes the move more than once (the code after a
//! suspension point is copied into each arm that resumes there), the copies of the closure
//! are tied to one type (`unify_copies`).
//!
//! The closure is also the soundness argument (`part-read` in the crate docs): rustc checks it
//! on the local's own type, so a non-`Copy` part read out of the value is one Rust itself
//! lets be moved out of it by value (E0507 otherwise, where the native move is too).
//!
//! from: `let Listener { tx, .. } = server; … done.await;`
//! into: `let server = …; let mut rest__stackless_<tag>_0;`                 (its declaration)
//!       `…`
//!       `let mut __part = moved_in_part(server);`
//!       `let Listener { tx: ref mut __part_bind0, .. } = *Part::whole(&mut __part);`
//!       `let tx = unsafe { read(__part_bind0) };`
//!       `rest__stackless_<tag>_0 = { let __rest_<tag> = typed_rest(&__part, |__whole| {`
//!       `    let Listener { tx: mut __m0, .. } = __whole; forget_part(__m0); });`
//!       `    …rest(Hold(__part), __rest_<tag>) };`
//!
//! Only where that is certainly what Rust does (`Find`): one move out of the local (a field
//! path used as a value — an argument, `let a = x.f;`, an element, an awaited, `?` or
//! `yield_!` operand — or a `let` destructuring it with `..` or `_` somewhere), not inside a
//! loop, closure, `async` block or other macro of its scope, with no mention of the local
//! after it or elsewhere in its statement, none before in a value that may keep a borrow of
//! it, and no other binding of its name in its scope; and only of a local whose type is most
//! likely not a reference (`Candidate`).

use std::collections::{HashMap, HashSet};

/// The prefix of every hidden local of a rewritten partial move (`__part`, `__part_bind0`,
/// `__part_at`): what is read out of the `Part` owns itself, and borrows nothing of them
/// (`liveness.rs`).
pub const PART: &str = "__part";

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::visit::Visit;
use syn::visit_mut::VisitMut;
use syn::{Expr, Ident, Member, Pat, Stmt};

/// A local the body may move out of in part, as the body names it.
pub struct Candidate {
    pub name: Ident,
    /// Its type is known not to be a reference: a destructuring `let` moves out of it.
    pub owned: bool,
    /// Its type is most likely not a reference (a call's value, `Server::new(..)?`): a
    /// field path read out of it is a move or a copy of that field, never a read through a
    /// borrow kept past its last use.
    pub fields: bool,
}

/// Rewrites the partial moves of the coroutine's body, before it is lowered and before its
/// borrow-checked twin is written (`twin.rs`): the twin checks the rewritten code, so a
/// borrow still in use where the local is taken whole is rustc's error, not a dangling one.
/// Returns the number of holders made: with none, the expansion has no copies for
/// `unify_copies` to tie together.
pub fn apply(co: &mut crate::parse::Coroutine) -> usize {
    let candidates: Vec<_> = co
        .params
        .iter()
        .map(|p| {
            let name = match &p.pat {
                _ if p.receiver => Ident::new("self", Span::call_site()),
                Pat::Ident(pi) if pi.by_ref.is_none() && pi.subpat.is_none() => pi.ident.clone(),
                _ => return None,
            };
            Some(Candidate {
                name,
                owned: p.owned,
                fields: p.owned,
            })
        })
        .collect();
    co.rest_tag = expansion_tag(&co.body);
    let mut n = 0;
    // A parameter matched by a pattern that leaves part of it unbound (`(a, _): (D, D)`): its
    // `let` (`let (a, _) = __arg0;`, after `let __arg0 = __arg0;`, as rustc's `async fn`
    // binds it) is a partial move like a local's, and what it leaves is dropped at the end
    // of the body, after the parameters declared later.
    let mut rests = Vec::new();
    for (index, p) in co.params.iter_mut().enumerate() {
        if p.receiver || !p.owned || matches!(p.pat, Pat::Ident(_) | Pat::Wild(_)) {
            continue;
        }
        // (The body's name of the argument, as `lower.rs` binds it.)
        let field = crate::lower::param_ident(&p.field);
        let c = Candidate {
            name: field.clone(),
            owned: true,
            fields: true,
        };
        let pat = &p.pat;
        let mut stmts: Vec<Stmt> = vec![syn::parse_quote!(let #pat = #field;)];
        if let Some(decl) = hold_rest(&c, &mut stmts, 0, &mut n, &co.rest_tag) {
            p.binding = Some(stmts);
            rests.push(ParamRest { index, decl });
        }
    }
    rests.extend(hold_rests(&mut co.body, &candidates, &co.rest_tag, &mut n));
    co.param_rests = rests;
    n
}

/// Rewrites the partial moves of `body` (see the module docs). `params` are the parameters
/// as the body names them; for each one moved out of in part, returns its index and the
/// holder's declaration, to go right after the parameter's binding.
pub fn hold_rests(
    body: &mut syn::Block,
    params: &[Option<Candidate>],
    tag: &str,
    n: &mut usize,
) -> Vec<ParamRest> {
    let mut out = Vec::new();
    for (index, p) in params.iter().enumerate() {
        if let Some(c) = p {
            if let Some(decl) = hold_rest(c, &mut body.stmts, 0, n, tag) {
                out.push(ParamRest { index, decl });
            }
        }
    }
    let refs = may_borrow(body, params);
    Blocks {
        n,
        tag,
        refs: &refs,
    }
    .visit_block_mut(body);
    out
}

/// The holder's declaration for a parameter moved out of in part: for the lowering (right
/// after the parameter's binding) and for the twin (at the top of its body).
#[derive(Clone)]
pub struct ParamRest {
    pub index: usize,
    pub decl: Stmt,
}

/// `let mut rest__stackless_{tag}_{n};`
fn declaration(tag: &str, n: usize) -> Stmt {
    let holder = holder_name(tag, n);
    syn::parse_quote!(let mut #holder;)
}

/// A holder's name. The tag (`expansion_tag`) is a hash of the function being expanded, so
/// that no code of the user's can name a holder (`unify_copies` finds holders by name).
fn holder_name(tag: &str, n: usize) -> Ident {
    format_ident!("rest__stackless_{}_{}", tag, n, span = Span::mixed_site())
}

/// The name of the `rest` closure in a holder's value.
fn rest_name(tag: &str) -> Ident {
    format_ident!("__rest_{}", tag, span = Span::mixed_site())
}

/// A tag no code in `body` spells: a hash of it (no user code can contain a name with the
/// hash of the code that contains it).
pub fn expansion_tag(body: &syn::Block) -> String {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    quote!(#body).to_string().hash(&mut h);
    format!("{:016x}", h.finish())
}

/// Every block's own `let x = …;`, innermost first.
struct Blocks<'n> {
    n: &'n mut usize,
    tag: &'n str,
    /// The locals that may hold a borrow (`may_borrow`).
    refs: &'n HashSet<String>,
}

impl VisitMut for Blocks<'_> {
    fn visit_block_mut(&mut self, b: &mut syn::Block) {
        syn::visit_mut::visit_block_mut(self, b);
        let mut i = 0;
        while i < b.stmts.len() {
            if let Some(c) = declared(&b.stmts[i], self.refs) {
                if let Some(decl) = hold_rest(&c, &mut b.stmts, i + 1, self.n, self.tag) {
                    b.stmts.insert(i + 1, decl);
                    i += 1;
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
fn declared(s: &Stmt, refs: &HashSet<String>) -> Option<Candidate> {
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
    // (Nor one made of a local that may hold a borrow: `W { r: rv, n }` with `rv = &v`.)
    let of_refs = mentions_any(&init.expr, refs);
    let owned = !of_refs && ty.map_or_else(|| owned_expr(&init.expr, false), owned_type);
    let fields = !of_refs && ty.map_or_else(|| owned_expr(&init.expr, true), owned_type);
    Some(Candidate {
        name: pi.ident.clone(),
        owned,
        fields,
    })
}

/// The locals of the body that may hold a borrow: bound by a `let` whose value takes a
/// reference, calls a method, makes a closure, expands a macro, or is made of such a local
/// (by name, whatever its scope).
fn may_borrow(body: &syn::Block, params: &[Option<Candidate>]) -> HashSet<String> {
    #[derive(Default)]
    struct Lets(Vec<(Vec<String>, Expr)>);
    impl<'a> Visit<'a> for Lets {
        fn visit_local(&mut self, l: &'a syn::Local) {
            if let Some(init) = &l.init {
                let mut names = Vec::new();
                crate::scan::pat_bindings(&l.pat, &mut names);
                self.0.push((
                    names.iter().map(|(i, _)| i.to_string()).collect(),
                    (*init.expr).clone(),
                ));
            }
            syn::visit::visit_local(self, l);
        }
    }
    let mut lets = Lets::default();
    lets.visit_block(body);
    let mut refs: HashSet<String> = params
        .iter()
        .flatten()
        .filter(|c| !c.owned)
        .map(|c| c.name.to_string())
        .collect();
    loop {
        let before = refs.len();
        for (names, e) in &lets.0 {
            if !owned_expr(e, true) && !matches!(e, Expr::Lit(_)) || mentions_any(e, &refs) {
                refs.extend(names.iter().cloned());
            }
        }
        if refs.len() == before {
            return refs;
        }
    }
}

/// Whether `e` names one of the locals (as a path: not a field's or a method's name).
fn mentions_any(e: &Expr, names: &HashSet<String>) -> bool {
    struct Any<'n>(&'n HashSet<String>, bool);
    impl<'a> Visit<'a> for Any<'_> {
        fn visit_expr_path(&mut self, p: &'a syn::ExprPath) {
            if let Some(i) = p.path.get_ident() {
                self.1 |= self.0.contains(&i.to_string());
            }
        }
        fn visit_macro(&mut self, m: &'a syn::Macro) {
            fn any(ts: TokenStream, names: &HashSet<String>) -> bool {
                ts.into_iter().any(|t| match t {
                    TokenTree::Ident(i) => names.contains(&i.to_string()),
                    TokenTree::Group(g) => any(g.stream(), names),
                    _ => false,
                })
            }
            self.1 |= any(m.tokens.clone(), self.0);
        }
    }
    let mut a = Any(names, false);
    a.visit_expr(e);
    a.1
}

/// A type certainly not a reference (nor a raw pointer, nor something that may be one).
pub fn owned_type(ty: &syn::Type) -> bool {
    // (Not one with a lifetime in it: it may be a reference by another name, `R<'a>`, or
    // hold borrows that a value kept to the end of its scope would keep too.)
    if quote!(#ty).into_iter().any(|t| has_lifetime(&t)) {
        return false;
    }
    match ty {
        syn::Type::Path(p) => p.qself.is_none(),
        syn::Type::Tuple(_) | syn::Type::Array(_) => true,
        syn::Type::Paren(p) => owned_type(&p.elem),
        syn::Type::Group(g) => owned_type(&g.elem),
        _ => false,
    }
}

fn has_lifetime(t: &TokenTree) -> bool {
    match t {
        // (A lifetime, or a reference with an elided one: `Pin<&mut Self>`.)
        TokenTree::Punct(p) => matches!(p.as_char(), '\'' | '&' | '*'),
        TokenTree::Group(g) => g.stream().into_iter().any(|t| has_lifetime(&t)),
        _ => false,
    }
}

/// A value made here (a struct, tuple or array expression) that borrows nothing: what is left
/// of it is kept to the end of its scope, which must not keep a borrow alive that rustc would
/// end at its last use (`W { r: &v, n }` has no drop glue).
fn owned_expr(e: &Expr, calls: bool) -> bool {
    struct Borrows(bool);
    impl<'a> Visit<'a> for Borrows {
        fn visit_expr_reference(&mut self, _: &'a syn::ExprReference) {
            self.0 = true;
        }
        fn visit_expr_method_call(&mut self, _: &'a syn::ExprMethodCall) {
            self.0 = true;
        }
        fn visit_expr_closure(&mut self, _: &'a syn::ExprClosure) {
            self.0 = true;
        }
        fn visit_expr_async(&mut self, _: &'a syn::ExprAsync) {
            self.0 = true;
        }
        fn visit_macro(&mut self, _: &'a syn::Macro) {
            self.0 = true;
        }
    }
    let mut b = Borrows(false);
    b.visit_expr(e);
    made_here(e, calls) && !b.0
}

/// A struct, tuple or array expression; with `calls`, also a function's value (`f(..)`,
/// `f(..)?`, `f(..).await`).
fn made_here(e: &Expr, calls: bool) -> bool {
    match e {
        Expr::Group(g) => made_here(&g.expr, calls),
        Expr::Paren(p) => made_here(&p.expr, calls),
        Expr::Call(_) => calls,
        Expr::Try(t) if calls => made_here(&t.expr, calls),
        Expr::Await(a) if calls => made_here(&a.base, calls),
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
    tag: &str,
) -> Option<Stmt> {
    if !c.owned && !c.fields {
        return None;
    }
    let mut find = Find {
        c,
        mentions: 0,
        sites: Vec::new(),
        blocked: 0,
        holding: 0,
        transient: 0,
        bail: false,
        top: 0,
        mentioned_in: Vec::new(),
        sealed: 0,
    };
    for (k, s) in stmts[from..].iter().enumerate() {
        find.top = k;
        find.visit_stmt(s);
    }
    if find.bail || find.sites.len() != 1 || find.sites[0].0 + 1 != find.mentions {
        return None;
    }
    // Every other mention in a statement before the site's: a borrow made in the site's
    // own statement (a method's receiver, `match &mut x.b { b => … x.a … }`, a raw pointer)
    // may still be in use when the site takes the local whole.
    let site_top = find.sites[0].1;
    if find.mentioned_in.iter().filter(|&&t| t == site_top).count() > 1 {
        return None;
    }
    let holder = holder_name(tag, *n);
    *n += 1;
    let mut rewrite = Rewrite {
        c,
        holder: &holder,
        rest_name: rest_name(tag),
        rest: None,
    };
    rewrite.stmts(stmts, from);
    assert!(
        rewrite.rest.is_some(),
        "the partial move found is rewritten"
    );
    Some(declaration(tag, *n - 1))
}

/// An expression statement's outer attributes.
fn expr_attrs(e: &Expr) -> &[syn::Attribute] {
    match e {
        Expr::Call(x) => &x.attrs,
        Expr::MethodCall(x) => &x.attrs,
        Expr::Block(x) => &x.attrs,
        Expr::If(x) => &x.attrs,
        Expr::Match(x) => &x.attrs,
        Expr::Assign(x) => &x.attrs,
        Expr::Await(x) => &x.attrs,
        Expr::Macro(x) => &x.attrs,
        Expr::Loop(x) => &x.attrs,
        Expr::While(x) => &x.attrs,
        Expr::ForLoop(x) => &x.attrs,
        Expr::Unsafe(x) => &x.attrs,
        _ => &[],
    }
}

/// `a`, `mut a`, `a: T`: a pattern that moves the whole value it is given.
fn binds_whole(p: &Pat) -> bool {
    match p {
        Pat::Ident(pi) => pi.by_ref.is_none() && pi.subpat.is_none() && !path_like(&pi.ident),
        Pat::Type(pt) => binds_whole(&pt.pat),
        _ => false,
    }
}

/// `U`, `NONE`: an identifier in a pattern that is most likely a unit struct, a unit variant
/// or a constant, not a binding (Rust's naming conventions; the macro cannot resolve it).
fn path_like(i: &Ident) -> bool {
    i.to_string().starts_with(|c: char| c.is_ascii_uppercase())
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
            Pat::Ident(pi) if path_like(&pi.ident) => self.ok = false,
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
    /// The ordinals of the partial moves among the mentions, with their statements.
    sites: Vec<(usize, usize)>,
    /// Inside a loop, closure or `async` block: a move there is no site.
    blocked: usize,
    /// Inside a value that may keep a borrow past its statement (`Find::value`).
    holding: usize,
    /// Inside code whose borrows end with it (`Find::transient`).
    transient: usize,
    /// The name is bound again, or named where it cannot be told how.
    bail: bool,
    /// The statement of the scope being visited.
    top: usize,
    /// The statement of each mention.
    mentioned_in: Vec<usize>,
    /// Inside loops from which no borrow can escape (`sealed_loop`): a borrow kept there
    /// ends with the loop, before any site after it.
    sealed: usize,
}

/// Whether nothing a loop's body makes can outlive the loop: no assignment, and no method
/// call with arguments, on a place rooted at a name declared outside the body, of a value
/// that names the candidate or a name declared inside (`last = x;`, `out.push(item)`; not
/// `c = add(c, 1)`), and no such value as the loop's own (`break &x.a`). A borrow of the
/// candidate kept by a binding of the body (`let e =
/// x.map.entry(k)`, `while let Some(v) = x.rx.recv().await`) then ends with the loop.
fn sealed_loop(pats: &[&Pat], body: &syn::Block, candidate: &Ident) -> bool {
    struct Inner(HashSet<String>);
    impl<'a> Visit<'a> for Inner {
        fn visit_pat_ident(&mut self, p: &'a syn::PatIdent) {
            self.0.insert(p.ident.to_string());
            syn::visit::visit_pat_ident(self, p);
        }
    }
    // (Nor into the candidate itself: a borrow of it cannot be kept in it.)
    let mut inner = Inner(HashSet::from([candidate.to_string()]));
    for p in pats {
        inner.visit_pat(p);
    }
    inner.visit_block(body);
    struct Escapes<'i> {
        inner: &'i HashSet<String>,
        found: bool,
    }
    impl Escapes<'_> {
        /// Whether `e` may be or hold a borrow of the candidate: it names the candidate or a
        /// local of the body (bound from it, perhaps). A value made of outer locals alone
        /// (`c = add(c, 1)`) holds no borrow the loop made; one they held before the loop
        /// was made by a mention before it, which `Find` judges there.
        fn carries(&self, e: &Expr) -> bool {
            let mut names = HashSet::new();
            crate::scan::idents_in(&quote!(#e), &mut names);
            names.iter().any(|n| self.inner.contains(n))
        }
        fn outer(&self, e: &Expr) -> bool {
            let mut e = e;
            loop {
                match e {
                    Expr::Field(f) => e = &f.base,
                    Expr::Index(i) => e = &i.expr,
                    Expr::Paren(p) => e = &p.expr,
                    Expr::Unary(u) => e = &u.expr,
                    Expr::MethodCall(m) => e = &m.receiver,
                    Expr::Path(p) => {
                        return p
                            .path
                            .get_ident()
                            .is_none_or(|i| !self.inner.contains(&i.to_string()))
                    }
                    _ => return true,
                }
            }
        }
    }
    impl<'a> Visit<'a> for Escapes<'_> {
        fn visit_expr_assign(&mut self, a: &'a syn::ExprAssign) {
            self.found |= self.outer(&a.left) && self.carries(&a.right);
            syn::visit::visit_expr_assign(self, a);
        }
        fn visit_expr_binary(&mut self, b: &'a syn::ExprBinary) {
            self.found |= crate::scan::is_compound_assign(&b.op)
                && self.outer(&b.left)
                && self.carries(&b.right);
            syn::visit::visit_expr_binary(self, b);
        }
        fn visit_expr_method_call(&mut self, m: &'a syn::ExprMethodCall) {
            self.found |= self.outer(&m.receiver) && m.args.iter().any(|a| self.carries(a));
            syn::visit::visit_expr_method_call(self, m);
        }
        fn visit_expr_break(&mut self, b: &'a syn::ExprBreak) {
            // (`let r = loop { break &x.a; };`: the loop's value.)
            self.found |= b.expr.as_deref().is_some_and(|e| self.carries(e));
            syn::visit::visit_expr_break(self, b);
        }
        fn visit_expr_closure(&mut self, _: &'a syn::ExprClosure) {
            self.found = true;
        }
        fn visit_macro(&mut self, m: &'a syn::Macro) {
            self.found |= crate::scan::parse_macro_args(m).is_none();
        }
        fn visit_item(&mut self, _: &'a syn::Item) {}
    }
    let mut e = Escapes {
        inner: &inner.0,
        found: false,
    };
    e.visit_block(body);
    !e.found
}

impl Find<'_> {
    fn site(&mut self) {
        self.mentioned_in.push(self.top);
        if self.blocked == 0 {
            self.sites.push((self.mentions, self.top));
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
            self.mentioned_in.push(self.top);
            self.bail |= self.holding > 0 && self.sealed == 0;
        }
    }
    fn visit_expr_raw_addr(&mut self, r: &'a syn::ExprRawAddr) {
        // (A raw pointer's borrow is not tracked: it may be used after the local is taken.)
        let before = self.mentions;
        syn::visit::visit_expr_raw_addr(self, r);
        self.bail |= self.mentions > before;
    }
    fn visit_ident(&mut self, i: &'a Ident) {
        // (A binding of the same name, a struct literal's shorthand field.)
        if *i == self.c.name {
            self.bail = true;
        }
    }
    fn visit_macro(&mut self, m: &'a syn::Macro) {
        if !crate::scan::mentions(&m.tokens, &self.c.name)
            && !crate::scan::captures(m, &self.c.name)
        {
            return;
        }
        if crate::scan::is_yield_macro(m) {
            // (`yield_!`'s operand is rewritten like any expression: `Rewrite`.)
            match m.parse_body::<Expr>() {
                Ok(e) if field_path(&e, &self.c.name).is_some() => self.site(),
                Ok(e) => self.transient(&e),
                Err(_) => self.bail = true,
            }
            return;
        }
        let args = crate::scan::parse_macro_args(m);
        let name = m.path.segments.last().map(|s| s.ident.to_string());
        if let (Some("vec" | "dbg"), Some(args)) = (name.as_deref(), &args) {
            if !args.repeat {
                // (Elements and `dbg!`'s values are moved; a field path among them is a
                // site, which `Rewrite` reaches through the macro's parsed arguments:
                // `vec![x.name]`.)
                args.args.iter().for_each(|a| self.value(a));
                return;
            }
        }
        // (No site in another macro's tokens: they are not rewritten.)
        self.mentioned_in.push(self.top);
        if crate::scan::captures(m, &self.c.name) {
            // (`format!("{x:?}")`: a mention the arguments do not show.)
            self.mentions += 1;
        }
        if let Some(args) = args {
            if matches!(name.as_deref(), Some("vec" | "dbg")) {
                // (`vec![x.b; n]`: moved, no site.)
                self.blocked += 1;
                args.args.iter().for_each(|a| self.value(a));
                self.blocked -= 1;
            } else {
                self.blocked += 1;
                // (Formatting arguments are borrowed for the statement.)
                self.transient += 1;
                args.args.iter().for_each(|a| self.visit_expr(a));
                self.transient -= 1;
                self.blocked -= 1;
            }
        } else {
            self.bail = true;
        }
    }
    fn visit_stmt(&mut self, st: &'a Stmt) {
        // (A statement under `#[cfg]` may not be there: the move may never happen.)
        let attrs = match st {
            Stmt::Local(l) => &l.attrs[..],
            Stmt::Expr(Expr::Path(_), _) => &[],
            Stmt::Expr(e, _) => expr_attrs(e),
            Stmt::Macro(m) => &m.attrs[..],
            Stmt::Item(_) => &[],
        };
        if !attrs.is_empty() && crate::scan::mentions(&quote!(#st), &self.c.name) {
            self.bail = true;
        }
        match st {
            // A block's value (`self.counts` at the end of the body) is moved out: a site.
            Stmt::Expr(e, None) if field_path(e, &self.c.name).is_some() => self.site(),
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
        let sealed = usize::from(sealed_loop(&[], &e.body, &self.c.name));
        self.blocked += 1;
        self.sealed += sealed;
        syn::visit::visit_expr_loop(self, e);
        self.sealed -= sealed;
        self.blocked -= 1;
    }
    fn visit_expr_while(&mut self, e: &'a syn::ExprWhile) {
        let pats: Vec<&Pat> = match &*e.cond {
            Expr::Let(l) => vec![&*l.pat],
            _ => Vec::new(),
        };
        let sealed = usize::from(sealed_loop(&pats, &e.body, &self.c.name));
        self.blocked += 1;
        self.sealed += sealed;
        syn::visit::visit_expr_while(self, e);
        self.sealed -= sealed;
        self.blocked -= 1;
    }
    fn visit_expr_for_loop(&mut self, e: &'a syn::ExprForLoop) {
        self.visit_expr(&e.expr);
        let sealed = usize::from(sealed_loop(&[&*e.pat], &e.body, &self.c.name));
        self.blocked += 1;
        self.sealed += sealed;
        self.visit_pat(&e.pat);
        self.visit_block(&e.body);
        self.sealed -= sealed;
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
            if binds_whole(&l.pat) {
                self.value(&init.expr);
            } else {
                // (`let _ = x.a;`, `let ref r = x.a;`, `let (p, _) = x.b;`: no move of the
                // whole part, or one of part of it.)
                self.holding += 1;
                self.visit_expr(&init.expr);
                self.holding -= 1;
            }
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
        // (`x.b.into_bytes()`: a part moved out by a method that takes `self`.)
        if field_path(&m.receiver, &self.c.name).is_some()
            && crate::resident::consumes_receiver(&m.method.to_string())
        {
            self.bail = true;
        }
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
    /// `__rest_{tag}`
    rest_name: Ident,
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
        let at = Ident::new("__part_at", Span::mixed_site());
        let value = Ident::new("__part_value", Span::mixed_site());
        let whole = Ident::new("__whole", Span::mixed_site());
        self.rest = Some(quote!(|#whole| #private::forget_part(#whole #(.#path)*)));
        // A `Copy` part was copied, not moved: the whole value is dropped as it is, and the
        // path (which may go through a `Deref`) is not followed again.
        let keep = self.keep_part(&part);
        // (The `unsafe` block's tokens are all the macro's, with its span: `forbid(unsafe_code)`
        // in the user's crate does not apply to them.)
        let read = quote! {
            // SAFETY: `part-read`: the part is read out once, here, and the rest closure
            // below moves it out of the same type by the same path and forgets it.
            // (Unaligned: a field of a `#[repr(packed)]` struct may be.)
            unsafe { ::stackless::__private::core::ptr::read_unaligned(#at) }
        };
        syn::parse_quote_spanned! {span=>
            {
                let mut #part = #private::moved_in_part(#x);
                let #at = &raw const (*#private::Part::whole(&mut #part)) #(.#path)*;
                let #value = #read;
                #keep
                #value
            }
        }
    }

    /// The same for a field path read as a value, by whether the part is `Copy`.
    fn keep_part(&self, part: &Ident) -> TokenStream {
        let private = quote!(::stackless::__private);
        let value = Ident::new("__part_value", Span::mixed_site());
        let holder = self.holder;
        let rest = self.rest.as_ref().expect("written first");
        let rest_name = &self.rest_name;
        quote! {
            #holder = {
                use #private::{HoldAny as _, HoldCopy as _, PartAny as _, PartCopy as _};
                let __kind = (&#private::PartProbe::of(&#value)).__part_kind();
                let #rest_name = #private::typed_rest(&#part, #rest);
                let __hold = #private::Hold(#part);
                (&__hold).__hold_kind().rest_part(__kind, __hold, #rest_name)
            };
        }
    }

    /// `holder = { Hold(part) … .rest(hold, rest) };`
    fn keep(&self, part: &Ident) -> TokenStream {
        let private = quote!(::stackless::__private);
        let holder = self.holder;
        let rest = self.rest.as_ref().expect("written first");
        let rest_name = &self.rest_name;
        quote! {
            #holder = {
                use #private::{HoldAny as _, HoldCopy as _};
                let #rest_name = #private::typed_rest(&#part, #rest);
                let __hold = #private::Hold(#part);
                (&__hold).__hold_kind().rest(__hold, #rest_name)
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
            let bind = format_ident!("__part_bind{}", i, span = Span::mixed_site());
            let read = quote! {
                // SAFETY: `part-read`: the part is read out once, here, and the rest closure
                // below moves it out of the same type by the same pattern and forgets it.
                unsafe { ::stackless::__private::core::ptr::read(#bind) }
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

/// Each plain binding of a pattern made `ref mut __part_bindN` (or `mut __mN`), its name and
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
            pi.ident = format_ident!("__part_bind{}", i, span = Span::mixed_site());
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
    fn visit_expr_for_loop_mut(&mut self, f: &mut syn::ExprForLoop) {
        // (Its iterator runs once, before the loop: `Find` visits it too.)
        self.visit_expr_mut(&mut f.expr);
    }
    fn visit_stmt_mut(&mut self, s: &mut Stmt) {
        if self.rest.is_some() {
            return;
        }
        // (A block's value that is a field path: `Find::visit_stmt`.)
        if let Stmt::Expr(e, None) = s {
            if field_path(e, &self.c.name).is_some() {
                return self.value(e);
            }
        }
        syn::visit_mut::visit_stmt_mut(self, s);
    }
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
    fn visit_macro_mut(&mut self, m: &mut syn::Macro) {
        if self.rest.is_some() {
            return;
        }
        // (`vec![x.name]`: a site among the elements, `Find`.)
        if !crate::scan::is_yield_macro(m) {
            let name = m.path.segments.last().map(|s| s.ident.to_string());
            if let (Some("vec" | "dbg"), Some(mut args)) =
                (name.as_deref(), crate::scan::parse_macro_args(m))
            {
                if !args.repeat {
                    args.args.iter_mut().for_each(|a| self.value(a));
                    if self.rest.is_some() {
                        *m = crate::scan::rebuild_macro(m, &args);
                    }
                }
            }
            return;
        }
        if let Ok(mut e) = m.parse_body::<Expr>() {
            self.value(&mut e);
            if self.rest.is_some() {
                m.tokens = quote!(#e);
            }
        }
    }
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
/// so a partial move may be written more than once, and each copy of its `rest` closure is a
/// type of its own, where the holder has one type (the state or a slot keeps it). So a
/// closure written more than once is tied to an anchor, a `PhantomData` declared once at the
/// top of the step: the first copy gives the anchor its type, and the others take it (the
/// closures are the same source, without captures: of size zero and the same code,
/// `same_closure`).
pub fn unify_copies(out: TokenStream, tag: &str) -> TokenStream {
    out.into_iter()
        .map(|t| match t {
            TokenTree::Group(g) => {
                let stream = if is_step(&g.stream()) {
                    unify_step(g.stream(), tag)
                } else {
                    unify_copies(g.stream(), tag)
                };
                let mut ng = proc_macro2::Group::new(g.delimiter(), stream);
                ng.set_span(g.span());
                TokenTree::Group(ng)
            }
            t => t,
        })
        .collect()
}

/// The step's body: `{ … let __ret … = …; … }` (not the twin, which is never run).
fn is_step(ts: &TokenStream) -> bool {
    let tokens: Vec<TokenTree> = ts.clone().into_iter().collect();
    tokens.windows(2).any(|w| {
        matches!((&w[0], &w[1]),
            (TokenTree::Ident(l), TokenTree::Ident(r)) if l == "let" && r == "__ret")
    })
}

fn unify_step(step: TokenStream, tag: &str) -> TokenStream {
    let mut count = HashMap::new();
    count_assignments(&step, &mut count, tag);
    count.retain(|_, n| *n > 1);
    if count.is_empty() {
        return step;
    }
    let mut holders: Vec<&String> = count.keys().collect();
    holders.sort();
    let anchors = holders.into_iter().map(|h| {
        let a = anchor_of(h);
        quote!(let #a = ::stackless::__private::core::marker::PhantomData;)
    });
    let mut out: TokenStream = anchors.collect();
    let mut seen = HashMap::new();
    out.extend(rewrite_copied(step, &count, &mut seen, tag));
    out
}

/// `rest__stackless_{tag}_3 = { … }`, or its slot's `__pin_rest__stackless_{tag}_3_7.__set({
/// … })` (a holder kept in the frame, `pinned.rs`): the holder's name, if `tokens[k]` starts
/// one.
fn holder_assigned(tokens: &[TokenTree], k: usize, tag: &str) -> Option<String> {
    let prefix = format!("rest__stackless_{tag}_");
    let TokenTree::Ident(i) = &tokens[k] else {
        return None;
    };
    let name = i.to_string();
    match (tokens.get(k + 1), tokens.get(k + 2), tokens.get(k + 3)) {
        (Some(TokenTree::Punct(p)), Some(TokenTree::Group(g)), _)
            if name.starts_with(&prefix)
                && p.as_char() == '='
                && p.spacing() == proc_macro2::Spacing::Alone
                && g.delimiter() == proc_macro2::Delimiter::Brace =>
        {
            Some(name)
        }
        (Some(TokenTree::Punct(p)), Some(TokenTree::Ident(set)), Some(TokenTree::Group(g)))
            if p.as_char() == '.'
                && set == "__set"
                && g.delimiter() == proc_macro2::Delimiter::Parenthesis =>
        {
            let holder = name.strip_prefix("__pin_")?.rsplit_once('_')?.0;
            holder.starts_with(&prefix).then(|| holder.to_string())
        }
        _ => None,
    }
}

fn count_assignments(ts: &TokenStream, count: &mut HashMap<String, usize>, tag: &str) {
    let tokens: Vec<TokenTree> = ts.clone().into_iter().collect();
    for (k, t) in tokens.iter().enumerate() {
        if let Some(h) = holder_assigned(&tokens, k, tag) {
            *count.entry(h).or_insert(0) += 1;
        }
        if let TokenTree::Group(g) = t {
            count_assignments(&g.stream(), count, tag);
        }
    }
}

fn anchor_of(holder: &str) -> Ident {
    Ident::new(&format!("__anchor_{holder}"), Span::mixed_site())
}

fn rewrite_copied(
    ts: TokenStream,
    count: &HashMap<String, usize>,
    seen: &mut HashMap<String, usize>,
    tag: &str,
) -> TokenStream {
    let tokens: Vec<TokenTree> = ts.into_iter().collect();
    let mut out = Vec::with_capacity(tokens.len());
    let mut copy: Option<(String, bool)> = None;
    for (k, t) in tokens.iter().enumerate() {
        if let Some(h) = holder_assigned(&tokens, k, tag) {
            if count.contains_key(&h) {
                let n = seen.entry(h.clone()).or_insert(0);
                *n += 1;
                copy = Some((h, *n == 1));
            }
        }
        match t {
            // The holder's value: `{ use …; let __hold = …; (&__hold)….rest(__hold, |..| ..) }`.
            TokenTree::Group(g)
                if copy.is_some() && g.delimiter() == proc_macro2::Delimiter::Brace =>
            {
                let (h, first) = copy.take().expect("checked");
                let stream = anchored(g.stream(), &anchor_of(&h), first, tag);
                let mut ng = proc_macro2::Group::new(g.delimiter(), stream);
                ng.set_span(g.span());
                out.push(TokenTree::Group(ng));
            }
            // A slot's `__set(<value>)`: the value is the one group inside.
            TokenTree::Group(g)
                if copy.is_some() && g.delimiter() == proc_macro2::Delimiter::Parenthesis =>
            {
                let (h, first) = copy.take().expect("checked");
                let inner = g.stream().into_iter().map(|t| match t {
                    TokenTree::Group(v) if v.delimiter() == proc_macro2::Delimiter::Brace => {
                        let stream = anchored(v.stream(), &anchor_of(&h), first, tag);
                        let mut nv = proc_macro2::Group::new(v.delimiter(), stream);
                        nv.set_span(v.span());
                        TokenTree::Group(nv)
                    }
                    t => t,
                });
                let mut ng = proc_macro2::Group::new(g.delimiter(), inner.collect());
                ng.set_span(g.span());
                out.push(TokenTree::Group(ng));
            }
            TokenTree::Group(g) => {
                let stream = rewrite_copied(g.stream(), count, seen, tag);
                let mut ng = proc_macro2::Group::new(g.delimiter(), stream);
                ng.set_span(g.span());
                out.push(TokenTree::Group(ng));
            }
            t => out.push(t.clone()),
        }
    }
    out.into_iter().collect()
}

/// In a holder's value (`{ use …; let __rest = typed_rest(&__part, |..| ..); … }`), the
/// `rest` closure tied to the anchor after it is made: as the anchor's type (`first`), or
/// taken as it.
fn anchored(value: TokenStream, anchor: &Ident, first: bool, tag: &str) -> TokenStream {
    let tokens: Vec<TokenTree> = value.into_iter().collect();
    let name = rest_name(tag).to_string();
    let at = tokens
        .windows(2)
        .position(|w| {
            matches!((&w[0], &w[1]),
                (TokenTree::Ident(l), TokenTree::Ident(r)) if l == "let" && *r == name)
        })
        .expect("a holder's value makes its `rest` closure");
    let end = at
        + tokens[at..]
            .iter()
            .position(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == ';'))
            .expect("a statement");
    // (The name as the holder's value spells it, hygiene included.)
    let rest = &tokens[at + 1];
    let tie = if first {
        quote!(let #rest = ::stackless::__private::anchor_rest(&#anchor, #rest);)
    } else {
        quote! {
            // SAFETY: `same-closure`: a copy of the same closure expression as the one that
            // gave the anchor its type, and it captures nothing.
            let #rest = unsafe { ::stackless::__private::same_closure(&#anchor, #rest) };
        }
    };
    let mut out: TokenStream = tokens[..=end].iter().cloned().collect();
    out.extend(tie);
    out.extend(tokens[end + 1..].iter().cloned());
    out
}
