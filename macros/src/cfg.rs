//! Stage 0 — `#[cfg]` on what suspends, on the `let`s before it and on parameters: rustc
//! evaluates `cfg`, a macro cannot.
//!
//! An attribute macro sees its input before rustc strips what `#[cfg(..)]` turns off, and it
//! cannot evaluate a `cfg` predicate itself. A `#[cfg]` on a statement (a match arm, a field
//! of a struct expression) with no suspension point in it can stay where it is: the lowering
//! keeps it on the statement, and rustc strips it. One that holds a suspension point cannot:
//! whether the point exists decides the machine's states. Nor can one on a parameter or on
//! a `let` before a point: whether its local exists decides the fields of `Start` or of the
//! states it may be carried in. So the function is expanded once
//! per combination of those predicates, each copy without the parts its combination turns off
//! (and without the `#[cfg]`s it decided), each under a `#[cfg(all(..))]` of its combination:
//! rustc keeps exactly one.
//!
//! from: `fn g() -> impl Iterator<Item = u32> { #[cfg(test)] yield_!(0); yield_!(1); }`
//! into: `#[cfg(all(test))] fn g() … { yield_!(0); yield_!(1); }`
//!       `#[cfg(all(not(test)))] fn g() … { yield_!(1); }` (each then expanded)

use proc_macro2::TokenStream;
use quote::quote;
use syn::punctuated::Punctuated;
use syn::visit::Visit;
use syn::visit_mut::VisitMut;

use crate::scan;

/// The most distinct predicates on suspending code: 2^4 expansions of one function.
const MOST: usize = 4;

/// The distinct predicates of `#[cfg(..)]`s on parameters and on suspending statements, arms
/// and fields, or an error at the first one past [`MOST`]; then those on `let`s before a
/// point, as many as fit under [`MOST`] (the others are left to rustc, which is right
/// unless the local is carried across a point: then rustc's E0425 says so).
pub fn predicates(f: &syn::ItemFn) -> syn::Result<Vec<TokenStream>> {
    let mut find = Find(Vec::new(), None, Vec::new());
    // A parameter under a `#[cfg]` is a field of `Start` or not.
    for arg in &f.sig.inputs {
        if let syn::FnArg::Typed(pt) = arg {
            find.note(&pt.attrs);
        }
    }
    find.visit_block(&f.block);
    if let Some(e) = find.1 {
        return Err(e);
    }
    let mut distinct: Vec<(String, TokenStream)> = Vec::new();
    for (p, attr) in find.0 {
        // (`not(p)` is `p` decided the other way: one predicate, not two.)
        let (p, _) = polarity(p);
        let key = p.to_string();
        if distinct.iter().any(|(k, _)| *k == key) {
            continue;
        }
        if distinct.len() == MOST {
            return Err(syn::Error::new_spanned(
                attr,
                format!(
                    "more than {MOST} different `#[cfg(..)]` conditions on parameters and code \
                     that suspends: the coroutine is expanded once per combination of them; move \
                     some of the conditional code into a helper `async fn` or use `if \
                     cfg!(..)`"
                ),
            ));
        }
        distinct.push((key, p));
    }
    for (p, _) in find.2 {
        let (p, _) = polarity(p);
        let key = p.to_string();
        if distinct.len() < MOST && !distinct.iter().any(|(k, _)| *k == key) {
            distinct.push((key, p));
        }
    }
    Ok(distinct.into_iter().map(|(_, p)| p).collect())
}

/// The copy of `f` for one combination: `on[i]` says whether predicate `i` holds. Returns
/// the `#[cfg(all(..))]` of the combination and the function without what it turns off.
pub fn configure(
    f: &syn::ItemFn,
    preds: &[TokenStream],
    on: &[bool],
) -> (TokenStream, syn::ItemFn) {
    let mut f = f.clone();
    let strip = Strip { preds, on };
    let inputs = std::mem::take(&mut f.sig.inputs);
    f.sig.inputs = inputs
        .into_iter()
        .filter_map(|mut arg| match &mut arg {
            syn::FnArg::Typed(pt) => strip.keep(&mut pt.attrs).then_some(arg),
            syn::FnArg::Receiver(_) => Some(arg),
        })
        .collect();
    let mut strip = strip;
    strip.visit_block_mut(&mut f.block);
    let terms = preds
        .iter()
        .zip(on)
        .map(|(p, &on)| if on { quote!(#p) } else { quote!(not(#p)) });
    (quote!(#[cfg(all(#(#terms),*))]), f)
}

/// `p` without the `not(..)`s around it, and whether there were none or an even number.
fn polarity(p: TokenStream) -> (TokenStream, bool) {
    let toks: Vec<proc_macro2::TokenTree> = p.clone().into_iter().collect();
    match toks.as_slice() {
        [proc_macro2::TokenTree::Ident(not), proc_macro2::TokenTree::Group(g)]
            if not == "not" && g.delimiter() == proc_macro2::Delimiter::Parenthesis =>
        {
            let (inner, positive) = polarity(g.stream());
            (inner, !positive)
        }
        _ => (p, true),
    }
}

/// The predicate of a `#[cfg(p)]`.
fn predicate(a: &syn::Attribute) -> Option<TokenStream> {
    if !a.path().is_ident("cfg") {
        return None;
    }
    a.meta.require_list().ok().map(|l| l.tokens.clone())
}

/// `#[cfg_attr(p, a, b)]`: the predicate `p` and the attributes `#[a] #[b]` it stands for.
fn cfg_attr(a: &syn::Attribute) -> Option<(TokenStream, Vec<syn::Attribute>)> {
    if !a.path().is_ident("cfg_attr") {
        return None;
    }
    let list = a.meta.require_list().ok()?;
    let metas = list
        .parse_args_with(Punctuated::<syn::Meta, syn::Token![,]>::parse_terminated)
        .ok()?;
    let mut metas = metas.into_iter();
    let p = metas.next()?;
    let attrs = metas
        .map(|m| syn::Attribute {
            pound_token: a.pound_token,
            style: a.style,
            bracket_token: a.bracket_token,
            meta: m,
        })
        .collect();
    Some((quote!(#p), attrs))
}

/// The predicates of `cfg`s and `cfg_attr`s among `attrs` (those inside a `cfg_attr` too).
fn predicates_of(attrs: &[syn::Attribute], out: &mut Vec<(TokenStream, syn::Attribute)>) {
    for a in attrs {
        if let Some(p) = predicate(a) {
            out.push((p, a.clone()));
        } else if let Some((p, inner)) = cfg_attr(a) {
            out.push((p, a.clone()));
            predicates_of(&inner, out);
        }
    }
}

/// A statement under a `#[cfg]` or `#[cfg_attr]` the compiler decides: it may not be there
/// (what it does, diverging, may not happen).
pub fn configured(s: &syn::Stmt) -> bool {
    let mut found = Vec::new();
    predicates_of(stmt_attrs(s), &mut found);
    !found.is_empty()
}

fn stmt_attrs(s: &syn::Stmt) -> &[syn::Attribute] {
    match s {
        syn::Stmt::Local(l) => &l.attrs,
        syn::Stmt::Macro(m) => &m.attrs,
        syn::Stmt::Expr(e, _) => expr_attrs(e),
        syn::Stmt::Item(_) => &[],
    }
}

fn expr_attrs(e: &syn::Expr) -> &[syn::Attribute] {
    use syn::Expr::*;
    match e {
        Array(x) => &x.attrs,
        Assign(x) => &x.attrs,
        Async(x) => &x.attrs,
        Await(x) => &x.attrs,
        Binary(x) => &x.attrs,
        Block(x) => &x.attrs,
        Break(x) => &x.attrs,
        Call(x) => &x.attrs,
        Cast(x) => &x.attrs,
        Closure(x) => &x.attrs,
        Continue(x) => &x.attrs,
        Field(x) => &x.attrs,
        ForLoop(x) => &x.attrs,
        If(x) => &x.attrs,
        Index(x) => &x.attrs,
        Let(x) => &x.attrs,
        Lit(x) => &x.attrs,
        Loop(x) => &x.attrs,
        Macro(x) => &x.attrs,
        Match(x) => &x.attrs,
        MethodCall(x) => &x.attrs,
        Paren(x) => &x.attrs,
        Path(x) => &x.attrs,
        Range(x) => &x.attrs,
        Reference(x) => &x.attrs,
        Return(x) => &x.attrs,
        Struct(x) => &x.attrs,
        Try(x) => &x.attrs,
        Tuple(x) => &x.attrs,
        Unary(x) => &x.attrs,
        Unsafe(x) => &x.attrs,
        While(x) => &x.attrs,
        _ => &[],
    }
}

fn expr_attrs_mut(e: &mut syn::Expr) -> Option<&mut Vec<syn::Attribute>> {
    use syn::Expr::*;
    Some(match e {
        Array(x) => &mut x.attrs,
        Assign(x) => &mut x.attrs,
        Async(x) => &mut x.attrs,
        Await(x) => &mut x.attrs,
        Binary(x) => &mut x.attrs,
        Block(x) => &mut x.attrs,
        Break(x) => &mut x.attrs,
        Call(x) => &mut x.attrs,
        Cast(x) => &mut x.attrs,
        Closure(x) => &mut x.attrs,
        Continue(x) => &mut x.attrs,
        Field(x) => &mut x.attrs,
        ForLoop(x) => &mut x.attrs,
        If(x) => &mut x.attrs,
        Index(x) => &mut x.attrs,
        Let(x) => &mut x.attrs,
        Lit(x) => &mut x.attrs,
        Loop(x) => &mut x.attrs,
        Macro(x) => &mut x.attrs,
        Match(x) => &mut x.attrs,
        MethodCall(x) => &mut x.attrs,
        Paren(x) => &mut x.attrs,
        Path(x) => &mut x.attrs,
        Range(x) => &mut x.attrs,
        Reference(x) => &mut x.attrs,
        Return(x) => &mut x.attrs,
        Struct(x) => &mut x.attrs,
        Try(x) => &mut x.attrs,
        Tuple(x) => &mut x.attrs,
        Unary(x) => &mut x.attrs,
        Unsafe(x) => &mut x.attrs,
        While(x) => &mut x.attrs,
        _ => return None,
    })
}

fn stmt_attrs_mut(s: &mut syn::Stmt) -> Option<&mut Vec<syn::Attribute>> {
    match s {
        syn::Stmt::Local(l) => Some(&mut l.attrs),
        syn::Stmt::Macro(m) => Some(&mut m.attrs),
        syn::Stmt::Expr(e, _) => expr_attrs_mut(e),
        syn::Stmt::Item(_) => None,
    }
}

/// Whether this stage decides a `#[cfg]` on each statement of a block: one that suspends
/// (`Some(true)`), and a `let` before one that does (`Some(false)`: its local may be carried
/// across the point, a field of the states or not).
fn decided(stmts: &[syn::Stmt]) -> Vec<Option<bool>> {
    let suspends: Vec<bool> = stmts.iter().map(scan::stmt_suspends).collect();
    (0..stmts.len())
        .map(|i| {
            let before =
                matches!(stmts[i], syn::Stmt::Local(_)) && suspends[i + 1..].contains(&true);
            (suspends[i] || before).then_some(suspends[i])
        })
        .collect()
}

/// Collects `(predicate, attribute)` of every `#[cfg]` this stage decides (`decided`, and
/// arms, fields and elements that suspend); or the error for one it cannot honour; and, apart,
/// those of `let`s that do not suspend themselves.
struct Find(
    Vec<(TokenStream, syn::Attribute)>,
    Option<syn::Error>,
    Vec<(TokenStream, syn::Attribute)>,
);

impl Find {
    fn note(&mut self, attrs: &[syn::Attribute]) {
        predicates_of(attrs, &mut self.0);
    }

    /// The elements of a list (array, tuple, arguments) that suspend.
    fn note_elements<'a>(&mut self, elems: impl IntoIterator<Item = &'a syn::Expr>) {
        for e in elems {
            if scan::suspends(e) {
                self.note(expr_attrs(e));
            }
        }
    }
}

impl<'a> Visit<'a> for Find {
    fn visit_item(&mut self, _: &'a syn::Item) {}
    fn visit_expr_closure(&mut self, _: &'a syn::ExprClosure) {}
    fn visit_expr_async(&mut self, _: &'a syn::ExprAsync) {}

    fn visit_block(&mut self, b: &'a syn::Block) {
        for (s, decided) in b.stmts.iter().zip(decided(&b.stmts)) {
            match decided {
                Some(true) => self.note(stmt_attrs(s)),
                Some(false) => predicates_of(stmt_attrs(s), &mut self.2),
                None => {}
            }
            self.visit_stmt(s);
        }
    }

    fn visit_arm(&mut self, a: &'a syn::Arm) {
        if scan::suspends(&a.body) || a.guard.as_ref().is_some_and(|(_, g)| scan::suspends(g)) {
            self.note(&a.attrs);
        }
        syn::visit::visit_arm(self, a);
    }

    fn visit_field_value(&mut self, f: &'a syn::FieldValue) {
        if scan::suspends(&f.expr) {
            self.note(&f.attrs);
        }
        syn::visit::visit_field_value(self, f);
    }

    fn visit_expr_array(&mut self, a: &'a syn::ExprArray) {
        self.note_elements(&a.elems);
        syn::visit::visit_expr_array(self, a);
    }

    fn visit_expr_tuple(&mut self, t: &'a syn::ExprTuple) {
        self.note_elements(&t.elems);
        syn::visit::visit_expr_tuple(self, t);
    }

    fn visit_expr_call(&mut self, c: &'a syn::ExprCall) {
        self.note_elements(&c.args);
        syn::visit::visit_expr_call(self, c);
    }

    fn visit_expr_method_call(&mut self, m: &'a syn::ExprMethodCall) {
        self.note_elements(&m.args);
        syn::visit::visit_expr_method_call(self, m);
    }

    /// In the arguments of a macro the lowering reads (`vec!`, `format!`, …), rustc decides a
    /// `#[cfg]` only after the macro runs: one on an argument that suspends is an error.
    fn visit_macro(&mut self, m: &'a syn::Macro) {
        let Some(args) = scan::parse_macro_args(m) else {
            return;
        };
        for a in &args.args {
            let mut found = Vec::new();
            predicates_of(expr_attrs(a), &mut found);
            if let (true, Some((_, attr))) = (scan::suspends(a), found.first()) {
                self.1.get_or_insert_with(|| {
                    syn::Error::new_spanned(
                        attr,
                        "`#[cfg]` on a macro argument that suspends is not supported: bind the \
                         argument with a `let` under the `#[cfg]` first",
                    )
                });
            }
            self.visit_expr(a);
        }
    }
}

/// Removes what one combination turns off, and the `#[cfg]`s it decided.
struct Strip<'a> {
    preds: &'a [TokenStream],
    on: &'a [bool],
}

impl Strip<'_> {
    /// Whether code with these attributes stays; the decided `#[cfg]`s are removed, and a
    /// decided `#[cfg_attr(p, a)]` becomes `#[a]` or nothing (and `a` is decided in turn).
    fn keep(&self, attrs: &mut Vec<syn::Attribute>) -> bool {
        let mut keep = true;
        let mut todo: Vec<syn::Attribute> = std::mem::take(attrs);
        todo.reverse();
        while let Some(a) = todo.pop() {
            if let Some(p) = predicate(&a) {
                match self.holds(&p) {
                    Some(on) => keep &= on,
                    None => attrs.push(a),
                }
            } else if let Some((p, inner)) = cfg_attr(&a) {
                match self.holds(&p) {
                    Some(true) => todo.extend(inner.into_iter().rev()),
                    Some(false) => {}
                    None => attrs.push(a),
                }
            } else {
                attrs.push(a);
            }
        }
        keep
    }

    /// Whether predicate `p` holds in this combination, if it (or what it negates) is one of
    /// the decided ones.
    fn holds(&self, p: &TokenStream) -> Option<bool> {
        let (p, positive) = polarity(p.clone());
        let p = p.to_string();
        let i = self.preds.iter().position(|q| q.to_string() == p)?;
        Some(self.on[i] == positive)
    }

    /// Keeps the elements of a list that this combination keeps.
    fn elements<P: Default>(&self, elems: &mut Punctuated<syn::Expr, P>) {
        *elems = std::mem::take(elems)
            .into_iter()
            .filter_map(|mut e| {
                let keep =
                    !scan::suspends(&e) || expr_attrs_mut(&mut e).is_none_or(|a| self.keep(a));
                keep.then_some(e)
            })
            .collect();
    }
}

impl VisitMut for Strip<'_> {
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
    fn visit_expr_closure_mut(&mut self, _: &mut syn::ExprClosure) {}
    fn visit_expr_async_mut(&mut self, _: &mut syn::ExprAsync) {}

    fn visit_block_mut(&mut self, b: &mut syn::Block) {
        let mut decided = decided(&b.stmts).into_iter();
        b.stmts.retain_mut(|s| {
            decided.next().flatten().is_none() || stmt_attrs_mut(s).is_none_or(|a| self.keep(a))
        });
        syn::visit_mut::visit_block_mut(self, b);
    }

    fn visit_expr_match_mut(&mut self, m: &mut syn::ExprMatch) {
        m.arms.retain_mut(|a| {
            let suspends =
                scan::suspends(&a.body) || a.guard.as_ref().is_some_and(|(_, g)| scan::suspends(g));
            !suspends || self.keep(&mut a.attrs)
        });
        syn::visit_mut::visit_expr_match_mut(self, m);
    }

    fn visit_expr_array_mut(&mut self, a: &mut syn::ExprArray) {
        self.elements(&mut a.elems);
        syn::visit_mut::visit_expr_array_mut(self, a);
    }

    fn visit_expr_tuple_mut(&mut self, t: &mut syn::ExprTuple) {
        self.elements(&mut t.elems);
        if t.elems.len() == 1 {
            t.elems.push_punct(Default::default());
        }
        syn::visit_mut::visit_expr_tuple_mut(self, t);
    }

    fn visit_expr_call_mut(&mut self, c: &mut syn::ExprCall) {
        self.elements(&mut c.args);
        syn::visit_mut::visit_expr_call_mut(self, c);
    }

    fn visit_expr_method_call_mut(&mut self, m: &mut syn::ExprMethodCall) {
        self.elements(&mut m.args);
        syn::visit_mut::visit_expr_method_call_mut(self, m);
    }

    fn visit_expr_struct_mut(&mut self, st: &mut syn::ExprStruct) {
        let fields = std::mem::take(&mut st.fields);
        for pair in fields.into_pairs() {
            let mut f = pair.into_value();
            if !scan::suspends(&f.expr) || self.keep(&mut f.attrs) {
                st.fields.push(f);
            }
        }
        syn::visit_mut::visit_expr_struct_mut(self, st);
    }
}
