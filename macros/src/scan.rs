//! Small syntactic queries the stages share: where suspension points are, which macros we
//! can see into, which names a pattern binds.

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use syn::parse::Parser;
use syn::punctuated::Punctuated;
use syn::visit::Visit;
use syn::{Expr, Ident, Macro, Pat, Token};

/// An identifier with this name (which may be raw: `r#type`) and span.
pub fn ident(name: &str, span: proc_macro2::Span) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, span),
        None => Ident::new(name, span),
    }
}

/// Whether `e` is a path whose last segments are `last` (`Box::pin` for `["Box", "pin"]`,
/// by any path before them).
pub fn path_ends_with(e: &syn::Expr, last: &[&str]) -> bool {
    let syn::Expr::Path(p) = e else { return false };
    let segs = &p.path.segments;
    segs.len() >= last.len()
        && (segs.iter().rev().zip(last.iter().rev())).all(|(s, l)| s.ident == *l)
}

/// `yield_!(…)`, `stackless::yield_!(…)`, …
pub fn is_yield_macro(mac: &Macro) -> bool {
    mac.path
        .segments
        .last()
        .is_some_and(|s| s.ident == "yield_")
}

/// The argument of `yield_!(…)`; `yield_!()` yields `()`.
pub fn yield_operand(mac: &Macro) -> syn::Result<Expr> {
    if mac.tokens.is_empty() {
        return Ok(syn::parse_quote_spanned!(mac.delimiter.span().join()=> ()));
    }
    mac.parse_body::<Expr>()
        .map_err(|e| syn::Error::new(e.span(), format!("`yield_!` takes one expression: {e}")))
}

/// How the lowering sees into a macro invocation.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum MacroFamily {
    /// `format!`, `println!`, `write!`, `panic!`, `vec![a, b]`, `dbg!`, …: every argument is
    /// an expression evaluated in order.
    Args,
    /// `assert!(cond, fmt…)`: the first argument always, the rest only on failure.
    Assert1,
    /// `assert_eq!(a, b, fmt…)`: the first two always, the rest only on failure.
    Assert2,
}

pub fn macro_family(mac: &Macro) -> Option<MacroFamily> {
    let name = mac.path.segments.last()?.ident.to_string();
    Some(match name.as_str() {
        "format" | "print" | "println" | "eprint" | "eprintln" | "write" | "writeln" | "panic"
        | "format_args" | "todo" | "unimplemented" | "unreachable" | "vec" | "dbg" => {
            MacroFamily::Args
        }
        "assert" | "debug_assert" => MacroFamily::Assert1,
        "assert_eq" | "assert_ne" | "debug_assert_eq" | "debug_assert_ne" => MacroFamily::Assert2,
        _ => return None,
    })
}

/// A known macro's arguments, parsed.
pub struct MacroArgs {
    pub family: MacroFamily,
    pub args: Vec<Expr>,
    /// `vec![elem; n]`
    pub repeat: bool,
    pub trailing_comma: bool,
}

/// `e` without the parentheses or invisible groups around it, nor the mark `lower.rs`
/// puts on a `let` of a closure whose copies are unified (`__stackless_alt_let0::fn1(e)`).
/// A block-like expression: one that ends in its own `}` and can stand as a statement
/// without `;` (a block, an `unsafe` block, an `if`, a `match`, a loop).
pub fn block_like(e: &Expr) -> bool {
    matches!(
        e,
        Expr::Block(_)
            | Expr::Unsafe(_)
            | Expr::If(_)
            | Expr::Match(_)
            | Expr::Loop(_)
            | Expr::While(_)
            | Expr::ForLoop(_)
    )
}

pub fn strip_parens(e: &Expr) -> &Expr {
    match e {
        Expr::Paren(p) => strip_parens(&p.expr),
        Expr::Group(g) => strip_parens(&g.expr),
        Expr::Call(c)
            if c.args.len() == 1
                && matches!(&*c.func, Expr::Path(p) if p.path.segments.first()
                    .is_some_and(|s| s.ident.to_string().starts_with(ALT_MARKER))) =>
        {
            strip_parens(&c.args[0])
        }
        e => e,
    }
}

/// A `tracing`-style event or span macro (`info!`, `debug_span!`, `event!`, …, bare or by
/// path), whose arguments name fields: `x` alone is a field named `x` with `x`'s value, and
/// `name = value` names one.
pub fn field_macro(mac: &Macro) -> bool {
    mac.path.segments.last().is_some_and(|s| {
        matches!(
            s.ident.to_string().as_str(),
            "trace"
                | "debug"
                | "info"
                | "warn"
                | "error"
                | "event"
                | "span"
                | "trace_span"
                | "debug_span"
                | "info_span"
                | "warn_span"
                | "error_span"
        )
    })
}

pub fn parse_macro_args(mac: &Macro) -> Option<MacroArgs> {
    let family = macro_family(mac)?;
    if mac.path.segments.last()?.ident == "vec" {
        let repeat = |input: syn::parse::ParseStream| -> syn::Result<(Expr, Expr)> {
            let a: Expr = input.parse()?;
            let _: Token![;] = input.parse()?;
            let b: Expr = input.parse()?;
            Ok((a, b))
        };
        if let Ok((a, b)) = repeat.parse2(mac.tokens.clone()) {
            return Some(MacroArgs {
                family,
                args: vec![a, b],
                repeat: true,
                trailing_comma: false,
            });
        }
    }
    let list = Punctuated::<Expr, Token![,]>::parse_terminated
        .parse2(mac.tokens.clone())
        .ok()?;
    let trailing_comma = list.trailing_punct();
    Some(MacroArgs {
        family,
        args: list.into_iter().collect(),
        repeat: false,
        trailing_comma,
    })
}

/// The format string of a known formatting macro (`format!("..")`, `write!(f, "..")`,
/// `assert_eq!(a, b, "..")`), if it is a string literal.
pub fn format_string<'a>(mac: &Macro, args: &'a MacroArgs) -> Option<&'a syn::LitStr> {
    let name = mac.path.segments.last()?.ident.to_string();
    let at = match args.family {
        _ if args.repeat || matches!(name.as_str(), "vec" | "dbg") => return None,
        MacroFamily::Args if matches!(name.as_str(), "write" | "writeln") => 1,
        MacroFamily::Args => 0,
        MacroFamily::Assert1 => 1,
        MacroFamily::Assert2 => 2,
    };
    match args.args.get(at)? {
        Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(s),
            ..
        }) => Some(s),
        _ => None,
    }
}

/// The name of a formatting macro's named argument (`name = value`).
pub fn named_argument_name(a: &syn::ExprAssign) -> Option<&Ident> {
    match &*a.left {
        Expr::Path(p) if p.qself.is_none() => p.path.get_ident(),
        _ => None,
    }
}

/// The named argument `name = …` of a macro's arguments, if given.
pub fn named_argument<'a>(args: &'a MacroArgs, name: &str) -> Option<&'a syn::ExprAssign> {
    args.args.iter().find_map(|a| match a {
        Expr::Assign(named) if named_argument_name(named).is_some_and(|n| n == name) => Some(named),
        _ => None,
    })
}

/// Rebuilds a macro invocation from (rewritten) arguments.
pub fn rebuild_macro(mac: &Macro, parsed: &MacroArgs) -> Macro {
    let args = &parsed.args;
    let tokens = if parsed.repeat {
        let (a, b) = (&args[0], &args[1]);
        quote::quote!(#a; #b)
    } else if parsed.trailing_comma {
        quote::quote!(#(#args,)*)
    } else {
        quote::quote!(#(#args),*)
    };
    Macro {
        path: mac.path.clone(),
        bang_token: mac.bang_token,
        delimiter: mac.delimiter.clone(),
        tokens,
    }
}

/// Names captured implicitly by a format string: `{x}`, `{x:?}`, `{:w$}`.
pub fn format_captures(lit: &str) -> Vec<String> {
    let mut out = Vec::new();
    let bytes: Vec<char> = lit.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == '{' {
            if bytes.get(i + 1) == Some(&'{') {
                i += 2;
                continue;
            }
            let start = i + 1;
            let mut j = start;
            while j < bytes.len() && bytes[j] != '}' {
                j += 1;
            }
            let inner: String = bytes[start..j.min(bytes.len())].iter().collect();
            let (name, spec) = match inner.split_once(':') {
                Some((n, s)) => (n.trim().to_string(), s.to_string()),
                None => (inner.trim().to_string(), String::new()),
            };
            if is_ident(&name) {
                out.push(name);
            }
            // `width$` / `.prec$` in the spec
            let spec: Vec<char> = spec.chars().collect();
            let mut k = 0;
            while k < spec.len() {
                if spec[k] == '$' {
                    let mut b = k;
                    while b > 0 && (spec[b - 1].is_alphanumeric() || spec[b - 1] == '_') {
                        b -= 1;
                    }
                    let word: String = spec[b..k].iter().collect();
                    if is_ident(&word) {
                        out.push(word);
                    }
                }
                k += 1;
            }
            i = j + 1;
        } else {
            i += 1;
        }
    }
    out
}

fn is_ident(s: &str) -> bool {
    let mut c = s.chars();
    matches!(c.next(), Some(f) if f.is_alphabetic() || f == '_')
        && s != "_"
        && c.all(|ch| ch.is_alphanumeric() || ch == '_')
}

/// Whether `e` contains a suspension point that belongs to *this* coroutine: not one
/// inside a closure, an `async` block or a nested item (those belong to them).
pub fn suspends(e: &Expr) -> bool {
    let mut v = Suspends(false);
    v.visit_expr(e);
    v.0
}

/// [`suspends`] for a statement.
pub fn stmt_suspends(s: &syn::Stmt) -> bool {
    let mut v = Suspends(false);
    v.visit_stmt(s);
    v.0
}

pub fn block_suspends(b: &syn::Block) -> bool {
    let mut v = Suspends(false);
    v.visit_block(b);
    v.0
}

struct Suspends(bool);

impl<'a> Visit<'a> for Suspends {
    fn visit_expr_closure(&mut self, _: &'a syn::ExprClosure) {}
    fn visit_expr_async(&mut self, _: &'a syn::ExprAsync) {}
    fn visit_item(&mut self, _: &'a syn::Item) {}
    fn visit_expr_await(&mut self, _: &'a syn::ExprAwait) {
        self.0 = true;
    }
    fn visit_expr_yield(&mut self, _: &'a syn::ExprYield) {
        self.0 = true;
    }
    fn visit_macro(&mut self, mac: &'a Macro) {
        if is_yield_macro(mac) {
            self.0 = true;
        } else if let Some(args) = parse_macro_args(mac) {
            for a in &args.args {
                self.visit_expr(a);
            }
        }
    }
}

/// Whether a token stream mentions `yield_ !` or `.await` anywhere (for macros we cannot
/// parse), outside an `async { .. }` or `async move { .. }` block in it, whose `.await`s are
/// its own (`pin!(async { x.await })`).
pub fn tokens_suspend(ts: &TokenStream) -> Option<proc_macro2::Span> {
    let toks: Vec<TokenTree> = ts.clone().into_iter().collect();
    let mut skip_block = false;
    for (i, t) in toks.iter().enumerate() {
        let after_async = std::mem::take(&mut skip_block);
        match t {
            TokenTree::Ident(id) if id == "async" => skip_block = true,
            TokenTree::Ident(id) if id == "move" && after_async => skip_block = true,
            TokenTree::Group(g) if after_async && g.delimiter() == Delimiter::Brace => {}
            TokenTree::Ident(id) if id == "yield_" || id == "yield" => {
                let bang =
                    matches!(toks.get(i + 1), Some(TokenTree::Punct(p)) if p.as_char() == '!');
                if bang || id == "yield" {
                    return Some(id.span());
                }
            }
            TokenTree::Ident(id)
                if id == "await"
                    && i > 0
                    && matches!(&toks[i - 1], TokenTree::Punct(p) if p.as_char() == '.') =>
            {
                return Some(id.span());
            }
            TokenTree::Group(g) => {
                if let Some(s) = tokens_suspend(&g.stream()) {
                    return Some(s);
                }
            }
            _ => {}
        }
    }
    None
}

/// The identifiers a pattern binds, in order. An identifier pattern that starts with an
/// upper-case letter and has no `mut`/`ref`/`@` is taken to be a constant or unit variant
/// (`None`, `MAX`), as Rust's naming conventions say.
/// Whether a pattern binds something by `ref mut` (its value must then be a `mut` place).
pub fn binds_ref_mut(p: &Pat) -> bool {
    struct V(bool);
    impl<'a> syn::visit::Visit<'a> for V {
        fn visit_pat_ident(&mut self, pi: &'a syn::PatIdent) {
            self.0 |= pi.by_ref.is_some() && pi.mutability.is_some();
            syn::visit::visit_pat_ident(self, pi);
        }
        fn visit_expr(&mut self, _: &'a syn::Expr) {}
    }
    let mut v = V(false);
    syn::visit::Visit::visit_pat(&mut v, p);
    v.0
}

/// Whether a pattern binds something by reference (`ref x`, `ref mut x`).
pub fn binds_ref(p: &Pat) -> bool {
    struct V(bool);
    impl<'a> syn::visit::Visit<'a> for V {
        fn visit_pat_ident(&mut self, pi: &'a syn::PatIdent) {
            self.0 |= pi.by_ref.is_some();
            syn::visit::visit_pat_ident(self, pi);
        }
        fn visit_expr(&mut self, _: &'a syn::Expr) {}
    }
    let mut v = V(false);
    syn::visit::Visit::visit_pat(&mut v, p);
    v.0
}

/// The names a pattern binds by reference (`ref x`, `ref mut x`).
pub fn ref_bindings(p: &Pat) -> Vec<String> {
    struct V(Vec<String>);
    impl<'a> syn::visit::Visit<'a> for V {
        fn visit_pat_ident(&mut self, pi: &'a syn::PatIdent) {
            if pi.by_ref.is_some() {
                self.0.push(pi.ident.to_string());
            }
            syn::visit::visit_pat_ident(self, pi);
        }
        fn visit_expr(&mut self, _: &'a syn::Expr) {}
    }
    let mut v = V(Vec::new());
    syn::visit::Visit::visit_pat(&mut v, p);
    v.0
}

/// Whether a pattern binds something by value (`x`, `mut x`, `(a, _)`); `_`, `ref x`,
/// `Foo { .. }` do not (they take their value as a place, and move nothing out of it).
pub fn binds_by_value(p: &Pat) -> bool {
    struct V(bool);
    impl<'a> syn::visit::Visit<'a> for V {
        fn visit_pat_ident(&mut self, pi: &'a syn::PatIdent) {
            // (`None`, `MAX`: a unit variant or a constant, by rustc's naming convention, as
            // in `pat_bindings`.)
            let conventional_const = pi.by_ref.is_none()
                && pi.mutability.is_none()
                && pi.subpat.is_none()
                && pi.ident.to_string().starts_with(|c: char| c.is_uppercase());
            self.0 |= pi.by_ref.is_none() && !conventional_const;
            syn::visit::visit_pat_ident(self, pi);
        }
        fn visit_expr(&mut self, _: &'a syn::Expr) {}
    }
    let mut v = V(false);
    syn::visit::Visit::visit_pat(&mut v, p);
    v.0
}

/// `let <pattern> = <value>;` for a parameter: a pattern that binds by `ref mut` borrows a
/// `mut` place, as the native parameter is one (`async fn f(ref mut v: Vec<u32>)`).
pub fn param_let(pat: &Pat, value: &Ident) -> TokenStream {
    if binds_ref_mut(pat) {
        quote::quote!(let mut #value = #value; let #pat = #value;)
    } else {
        quote::quote!(let #pat = #value;)
    }
}

pub fn pat_bindings(p: &Pat, out: &mut Vec<(Ident, bool)>) {
    match p {
        Pat::Ident(pi) => {
            let conventional_const = pi.by_ref.is_none()
                && pi.mutability.is_none()
                && pi.subpat.is_none()
                && pi.ident.to_string().starts_with(|c: char| c.is_uppercase());
            if !conventional_const {
                out.push((pi.ident.clone(), pi.mutability.is_some()));
            }
            if let Some((_, sub)) = &pi.subpat {
                pat_bindings(sub, out);
            }
        }
        Pat::Or(po) => {
            if let Some(first) = po.cases.first() {
                pat_bindings(first, out);
            }
        }
        Pat::Paren(pp) => pat_bindings(&pp.pat, out),
        Pat::Reference(pr) => pat_bindings(&pr.pat, out),
        Pat::Slice(ps) => ps.elems.iter().for_each(|e| pat_bindings(e, out)),
        Pat::Struct(ps) => ps.fields.iter().for_each(|f| pat_bindings(&f.pat, out)),
        Pat::Tuple(pt) => pt.elems.iter().for_each(|e| pat_bindings(e, out)),
        Pat::TupleStruct(pt) => pt.elems.iter().for_each(|e| pat_bindings(e, out)),
        Pat::Type(pt) => pat_bindings(&pt.pat, out),
        _ => {}
    }
}

/// The operands of a condition's `&&`s, left to right (`let P = e` parts among them): the
/// condition whole when it is not a chain. (A parenthesised `&&` is walked into too, as
/// `&&` is associative; any other parenthesised operand stays whole, parentheses and all.)
pub fn chain_parts(cond: &Expr) -> Vec<&Expr> {
    match cond {
        Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_)) => {
            let mut v = chain_parts(&b.left);
            v.extend(chain_parts(&b.right));
            v
        }
        Expr::Paren(p) if is_and(&p.expr) => chain_parts(&p.expr),
        e => vec![e],
    }
}

fn is_and(e: &Expr) -> bool {
    matches!(e, Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_)))
}

/// [`chain_parts`], to rewrite them in place.
pub fn chain_parts_mut(cond: &mut Expr) -> Vec<&mut Expr> {
    // (Which case first: a guard on a mutable binding would keep `cond` borrowed.)
    let walk = match &*cond {
        Expr::Binary(b) => matches!(b.op, syn::BinOp::And(_)),
        Expr::Paren(p) => is_and(&p.expr),
        _ => false,
    };
    match (walk, cond) {
        (true, Expr::Binary(b)) => {
            let mut v = chain_parts_mut(&mut b.left);
            v.extend(chain_parts_mut(&mut b.right));
            v
        }
        (true, Expr::Paren(p)) => chain_parts_mut(&mut p.expr),
        (_, e) => vec![e],
    }
}

/// The bindings of the `let`s in an `if` condition (`if let P = e`, let chains).
pub fn cond_binds(cond: &Expr) -> Vec<Pat> {
    chain_parts(cond)
        .into_iter()
        .filter_map(|e| match e {
            Expr::Let(l) => Some((*l.pat).clone()),
            _ => None,
        })
        .collect()
}

/// The names a `let` chain binds that a later `let` of it names in its scrutinee.
pub fn chain_held(cond: &Expr) -> Vec<String> {
    let (pats, scrutinees) = (cond_binds(cond), cond_scrutinees(cond));
    let mut held = Vec::new();
    for (k, p) in pats.iter().enumerate() {
        let mut bound = Vec::new();
        pat_bindings(p, &mut bound);
        let mut later = std::collections::HashSet::new();
        for e in &scrutinees[k + 1..] {
            idents_in(&quote::quote!(#e), &mut later);
        }
        held.extend((bound.into_iter().map(|(i, _)| i.to_string())).filter(|n| later.contains(n)));
    }
    held
}

/// The scrutinees of the `let`s in an `if` condition.
pub fn cond_scrutinees(cond: &Expr) -> Vec<Expr> {
    chain_parts(cond)
        .into_iter()
        .filter_map(|e| match e {
            Expr::Let(l) => Some((*l.expr).clone()),
            _ => None,
        })
        .collect()
}

/// A type written as a primitive (`u64`, `f32`, `char`) or a raw pointer: what a numeric
/// `as` cast makes (other casts may keep any type: `d as D`, `b as Box<dyn Tr>`).
pub fn primitive_or_pointer(t: &syn::Type) -> bool {
    const PRIMITIVES: &[&str] = &[
        "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize",
        "f32", "f64", "bool", "char",
    ];
    match t {
        syn::Type::Ptr(_) => true,
        syn::Type::Paren(p) => primitive_or_pointer(&p.elem),
        syn::Type::Group(g) => primitive_or_pointer(&g.elem),
        syn::Type::Path(p) if p.qself.is_none() => p
            .path
            .get_ident()
            .is_some_and(|i| PRIMITIVES.contains(&i.to_string().as_str())),
        _ => false,
    }
}

/// A comparison (`==`, `<`, ..): its operands are taken by reference (`PartialEq::eq(&a, &b)`).
pub fn is_comparison(op: &syn::BinOp) -> bool {
    use syn::BinOp::*;
    matches!(op, Eq(_) | Ne(_) | Lt(_) | Le(_) | Gt(_) | Ge(_))
}

/// `+=`, `-=`, … (a compound assignment borrows its left side mutably).
pub fn is_compound_assign(op: &syn::BinOp) -> bool {
    use syn::BinOp::*;
    matches!(
        op,
        AddAssign(_)
            | SubAssign(_)
            | MulAssign(_)
            | DivAssign(_)
            | RemAssign(_)
            | BitXorAssign(_)
            | BitAndAssign(_)
            | BitOrAssign(_)
            | ShlAssign(_)
            | ShrAssign(_)
    )
}

/// The segments of a macro's path (`["tokio", "select"]`).
pub fn macro_segments(m: &Macro) -> Vec<String> {
    m.path
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect()
}

/// Whether a macro's path is one of these (`["core", "pin", "pin"]` for `core::pin::pin!`).
pub fn macro_path_is(m: &Macro, paths: &[&[&str]]) -> bool {
    let segs = macro_segments(m);
    paths
        .iter()
        .any(|p| p.len() == segs.len() && p.iter().zip(&segs).all(|(a, b)| a == b))
}

/// A macro whose body is a coroutine of its own: stackless's block forms (`iter!`,
/// `stream!`, `try_stream!`, `co!`, bare or by path) and async-stream's `stream!` and
/// `try_stream!`. Its `yield_!`s and `.await`s are its own, not the enclosing coroutine's.
pub fn own_context_macro(m: &Macro) -> bool {
    m.path.segments.last().is_some_and(|s| {
        matches!(
            s.ident.to_string().as_str(),
            "iter" | "stream" | "try_stream" | "co"
        )
    })
}

/// A block form's value: `iter! { .. }` (or `stream!`, …), or the block that moves its
/// captures in first, `{ let v = v; iter! { .. } }` (`blocks::capture_nested`).
pub fn is_block_form(e: &Expr) -> bool {
    match strip_parens(e) {
        Expr::Macro(m) => own_context_macro(&m.mac),
        Expr::Block(b) if b.label.is_none() => match b.block.stmts.last() {
            Some(syn::Stmt::Expr(e, None)) => is_block_form(e),
            Some(syn::Stmt::Macro(m)) => m.semi_token.is_none() && own_context_macro(&m.mac),
            _ => false,
        },
        _ => false,
    }
}

/// `pin!`, `core::pin::pin!`, `std::pin::pin!`.
pub fn is_pin_macro(m: &Macro) -> bool {
    macro_path_is(
        m,
        &[
            &["pin"],
            &["core", "pin", "pin"],
            &["std", "pin", "pin"],
            // What the lowering writes for `let s = pin!(e);` and `pin_mut!(x);`.
            &["stackless", "__private", "core", "pin", "pin"],
        ],
    )
}

/// The names of `tokio::pin!(a, b);` / `pin_mut!(a);` / `futures::pin_mut!(a);`. Recognised
/// by name, as `pin!` is (`is_pin_macro`): the lowering runs `core::pin::pin!` for them, and
/// so does the twin (`twin.rs`), whatever a macro of that name would do.
pub fn pin_in_place(m: &syn::Macro) -> Option<Vec<Ident>> {
    let known = macro_path_is(
        m,
        &[
            &["tokio", "pin"],
            &["pin_mut"],
            &["futures", "pin_mut"],
            &["futures_util", "pin_mut"],
        ],
    );
    if !known {
        return None;
    }
    let names = m
        .parse_body_with(syn::punctuated::Punctuated::<Ident, syn::Token![,]>::parse_terminated)
        .ok()?;
    Some(names.into_iter().collect())
}

/// The plain identifier a pattern is (`x`, `mut x`, `x: T`), with its type.
pub fn simple_binding(p: &syn::Pat) -> Option<(&syn::Ident, Option<&syn::Type>)> {
    match p {
        syn::Pat::Ident(pi) if pi.by_ref.is_none() && pi.subpat.is_none() => {
            Some((&pi.ident, None))
        }
        syn::Pat::Type(pt) => simple_binding(&pt.pat).map(|(i, _)| (i, Some(&*pt.ty))),
        _ => None,
    }
}

/// Whether evaluating `e` writes a closure or an `async` block: a value of a type of its own,
/// so two copies of `e` in the expansion have two types (see stackless-runtime's `alt.rs`).
pub fn writes_new_type(e: &Expr) -> bool {
    struct Found(bool);
    impl<'a> Visit<'a> for Found {
        fn visit_expr_closure(&mut self, _: &'a syn::ExprClosure) {
            self.0 = true;
        }
        fn visit_expr_async(&mut self, _: &'a syn::ExprAsync) {
            self.0 = true;
        }
        // A block form (`iter! { .. }`, `stream! { .. }`) declares its state's type.
        fn visit_macro(&mut self, m: &'a syn::Macro) {
            self.0 |= own_context_macro(m);
        }
        fn visit_item(&mut self, _: &'a syn::Item) {}
        fn visit_expr_call(&mut self, c: &'a syn::ExprCall) {
            // The `rest` closure of a partial move (`partial.rs`): see below.
            let typed_rest = matches!(&*c.func, Expr::Path(p)
                if p.path.segments.last().is_some_and(|s| s.ident == "typed_rest"));
            if !typed_rest {
                syn::visit::visit_expr_call(self, c);
            }
        }
        fn visit_expr_try(&mut self, t: &'a syn::ExprTry) {
            // `r.map_err(|e| ..)?`: the value is the `Ok` one, made before the closure was
            // given (a closure among a method's arguments is the method's, not the value's).
            match &*t.expr {
                Expr::MethodCall(m) => self.without_closure_args(m),
                e => self.visit_expr(e),
            }
        }
        fn visit_expr_match(&mut self, m: &'a syn::ExprMatch) {
            // A lowered `e?` (`match Try::branch(e) { .. }`): as `visit_expr_try`.
            if let Expr::Call(c) = &*m.expr {
                let branch = matches!(&*c.func, Expr::Path(p)
                    if p.path.segments.last().is_some_and(|s| s.ident == "branch"));
                if let (true, Some(Expr::MethodCall(inner))) = (branch, c.args.first()) {
                    self.without_closure_args(inner);
                    m.arms.iter().for_each(|a| self.visit_arm(a));
                    return;
                }
            }
            syn::visit::visit_expr_match(self, m);
        }
        fn visit_expr_method_call(&mut self, m: &'a syn::ExprMethodCall) {
            // `opt.unwrap_or_else(|| ..)`, `map_or(0, |v| ..)`: the closure is called, its
            // value is what comes out (`Option`'s and `Result`'s; an iterator has none of
            // these).
            if matches!(
                m.method.to_string().as_str(),
                "unwrap_or_else"
                    | "map_or"
                    | "map_or_else"
                    | "ok_or_else"
                    | "is_some_and"
                    | "is_ok_and"
                    | "is_err_and"
                    | "is_none_or"
                    | "or_insert_with"
                    | "get_or_insert_with"
            ) {
                return self.without_closure_args(m);
            }
            // The `rest` closure of a partial move (`partial.rs`) goes into its holder, not
            // into the value of the expression it is part of.
            let kept_rest = (m.method == "rest" || m.method == "rest_part")
                && matches!(&*m.receiver, Expr::MethodCall(r) if r.method == "__hold_kind");
            if kept_rest {
                self.visit_expr(&m.receiver);
                let n = m.args.len();
                m.args.iter().take(n - 1).for_each(|a| self.visit_expr(a));
            } else {
                syn::visit::visit_expr_method_call(self, m);
            }
        }
    }
    impl Found {
        fn without_closure_args(&mut self, m: &syn::ExprMethodCall) {
            self.visit_expr(&m.receiver);
            m.args
                .iter()
                .filter(|a| !matches!(a, Expr::Closure(_)))
                .for_each(|a| self.visit_expr(a));
        }
    }
    let mut f = Found(false);
    f.visit_expr(e);
    f.0
}

/// Whether an identifier with this name occurs in the tokens.
pub fn mentions(ts: &TokenStream, ident: &Ident) -> bool {
    ts.clone().into_iter().any(|t| match t {
        TokenTree::Ident(i) => i == *ident,
        TokenTree::Group(g) => mentions(&g.stream(), ident),
        _ => false,
    })
}

/// Every identifier in `ts`, at any depth.
pub fn idents_in(ts: &TokenStream, out: &mut std::collections::HashSet<String>) {
    for t in ts.clone() {
        match t {
            TokenTree::Ident(i) => {
                out.insert(i.to_string());
            }
            TokenTree::Group(g) => idents_in(&g.stream(), out),
            _ => {}
        }
    }
}

/// `vec![..]`, `format!(..)`: a macro whose value is made at run time (a temporary when
/// borrowed; never a promoted constant).
pub fn makes_a_value(m: &Macro) -> bool {
    m.path
        .segments
        .last()
        .is_some_and(|s| s.ident == "vec" || s.ident == "format")
}

/// Whether a formatting macro's string names the local (`"{x}"`, `"{x:?}"`).
pub fn captures(m: &syn::Macro, name: &Ident) -> bool {
    fn lits(ts: TokenStream, name: &str) -> bool {
        ts.into_iter().any(|t| match t {
            TokenTree::Literal(l) => {
                let s = l.to_string();
                [format!("{{{name}}}"), format!("{{{name}:")]
                    .iter()
                    .any(|p| s.contains(p.as_str()))
            }
            TokenTree::Group(g) => lits(g.stream(), name),
            _ => false,
        })
    }
    lits(m.tokens.clone(), &name.to_string())
}

/// Whether the statement names the local `name` other than as the callee of a call
/// (`f(x)`) or the receiver of `clone`: passed on, borrowed, another method's receiver.
pub fn names_uncalled(s: &syn::Stmt, name: &Ident) -> bool {
    struct Uses<'n> {
        name: &'n Ident,
        uncalled: bool,
    }
    impl<'a> Visit<'a> for Uses<'_> {
        fn visit_expr_call(&mut self, c: &'a syn::ExprCall) {
            if !matches!(&*c.func, Expr::Path(p) if p.path.is_ident(self.name)) {
                self.visit_expr(&c.func);
            }
            c.args.iter().for_each(|a| self.visit_expr(a));
        }
        fn visit_expr_method_call(&mut self, m: &'a syn::ExprMethodCall) {
            // `f.clone()`: the wrapper clones too.
            let cloned = m.method == "clone"
                && matches!(&*m.receiver, Expr::Path(p) if p.path.is_ident(self.name));
            if !cloned {
                self.visit_expr(&m.receiver);
            }
            m.args.iter().for_each(|a| self.visit_expr(a));
        }
        fn visit_expr_path(&mut self, p: &'a syn::ExprPath) {
            self.uncalled |= p.path.is_ident(self.name);
        }
        fn visit_macro(&mut self, m: &'a Macro) {
            if is_yield_macro(m) {
                if let Ok(e) = yield_operand(m) {
                    self.visit_expr(&e);
                }
            } else if let Some(args) = parse_macro_args(m) {
                args.args.iter().for_each(|a| self.visit_expr(a));
                // `"{f:?}"`
                let name = self.name.to_string();
                self.uncalled |= format_string(m, &args)
                    .is_some_and(|l| format_captures(&l.value()).contains(&name));
            } else {
                // Another macro: a closure named there is at least not known to be called.
                self.uncalled |= mentions(&m.tokens, self.name);
            }
        }
        fn visit_item(&mut self, _: &'a syn::Item) {}
    }
    let mut u = Uses {
        name,
        uncalled: false,
    };
    u.visit_stmt(s);
    u.uncalled
}

/// The marker path prefix of a call that may be written more than once with a type of its
/// own (`__stackless_alt_<site>::into_iter(e)`), resolved by `emit::resolve_alts`.
pub const ALT_MARKER: &str = "__stackless_alt_";

/// The value a `let`'s marked initialiser wraps (`__stackless_alt_let0::value(e)`, `::fn1(e)`,
/// `::fnmut1(e)`: see `lower.rs`, `mark_alt_lets`): `e`, which every analysis reads as the
/// initialiser itself.
pub fn alt_let_value(c: &syn::ExprCall) -> Option<&Expr> {
    let Expr::Path(p) = &*c.func else { return None };
    let mut segs = p.path.segments.iter();
    let (site, kind) = (segs.next()?, segs.next()?);
    let kind = kind.ident.to_string();
    let is_let = site.ident.to_string().starts_with(ALT_MARKER)
        && (kind == "value" || kind.starts_with("fn"))
        && segs.next().is_none()
        && c.args.len() == 1;
    is_let.then(|| &c.args[0])
}

/// Methods that certainly borrow their receiver for as long as their result lives (the
/// iterators and views of std, the I/O and channel methods of async runtimes). A call of
/// another method borrows the receiver only if the receiver is used again afterwards:
/// otherwise it may as well consume it (`req.send().await`, `builder.build()`).
pub fn borrowing_method(m: &str) -> bool {
    view_method(m)
        // Views on some types, but `BufRead::lines`/`split`, `Read::bytes`,
        // `Iterator::last` and `Pin::get_mut` take their receiver by value.
        || matches!(m, "lines" | "split" | "bytes" | "last" | "get_mut")
        || matches!(
            m,
            "by_ref"
                | "next"
                | "read"
                | "read_exact"
                | "read_to_end"
                | "read_to_string"
                | "read_buf"
                | "read_line"
                | "write"
                | "write_all"
                | "flush"
                | "shutdown"
                | "recv"
                | "recv_from"
                | "send"
                | "send_to"
                | "accept"
                | "readable"
                | "writable"
                | "lock"
                | "acquire"
                | "tick"
                | "changed"
                | "notified"
                | "wait"
                | "fill_buf"
        )
}

/// A string or collection type (`String`, `&str`, `Vec<T>`, `&[u8]`, `[T; N]`, `HashMap<K,
/// V>`, `Bytes`, …), seen through references: what a method of it returns is most often a
/// view of it, when not a count.
pub fn view_type(t: &syn::Type) -> bool {
    view_type_named(t, view_type_name)
}

/// `view_type`, the type's name (through references, groups and parentheses) checked by
/// `name`.
fn view_type_named(t: &syn::Type, name: fn(&str) -> bool) -> bool {
    match t {
        syn::Type::Reference(r) => view_type_named(&r.elem, name),
        syn::Type::Group(g) => view_type_named(&g.elem, name),
        syn::Type::Paren(p) => view_type_named(&p.elem, name),
        syn::Type::Slice(_) | syn::Type::Array(_) => true,
        syn::Type::Path(p) if p.qself.is_none() => p
            .path
            .segments
            .last()
            .is_some_and(|s| name(&s.ident.to_string())),
        _ => false,
    }
}

fn view_type_name(n: &str) -> bool {
    matches!(
        n,
        "String"
            | "str"
            | "Vec"
            | "VecDeque"
            | "HashMap"
            | "BTreeMap"
            | "HashSet"
            | "BTreeSet"
            | "Bytes"
            | "BytesMut"
            | "PathBuf"
            | "Path"
            | "OsString"
            | "OsStr"
    )
}

/// A string or a collection that owns its contents (`String`, `Vec<T>`, `HashMap<K, V>`, …;
/// not a reference, a slice, an array, `str` or `Path`): it certainly has drop glue, so
/// Rust's drop rule keeps it to the end of its scope whatever else happens to it, and keeping
/// it in place there costs no more than carrying it (`liveness.rs`; but for what the frame's
/// block-by-block layout cannot overlap).
pub fn owning_view_type(t: &syn::Type) -> bool {
    match t {
        syn::Type::Group(g) => owning_view_type(&g.elem),
        syn::Type::Paren(p) => owning_view_type(&p.elem),
        syn::Type::Path(_) => view_type_named(t, owning_view_type_name),
        _ => false,
    }
}

fn owning_view_type_name(n: &str) -> bool {
    view_type_name(n) && !matches!(n, "str" | "Path" | "OsStr")
}

/// An initialiser whose value is an owning string or collection (`owning_view_type`):
/// `String::from(..)`, `Vec::with_capacity(n)`, `format!(..)`, `vec![..]`, `x.to_string()`,
/// …, through `?`.
pub fn owning_view_value(e: &syn::Expr) -> bool {
    match e {
        syn::Expr::Try(t) => owning_view_value(&t.expr),
        syn::Expr::Paren(p) => owning_view_value(&p.expr),
        syn::Expr::Call(c) => matches!(&*c.func, syn::Expr::Path(p)
            if p.path.segments.len() >= 2
                && owning_view_type_name(&p.path.segments[p.path.segments.len() - 2].ident.to_string())),
        syn::Expr::Macro(_) | syn::Expr::MethodCall(_) => view_value(e),
        _ => false,
    }
}

/// An initialiser whose value is a string or a collection (`String::from(..)`, `format!(..)`,
/// `vec![..]`, `x.to_string()`, `Vec::with_capacity(n)`, …; through `?`): see `view_type`.
pub fn view_value(e: &syn::Expr) -> bool {
    match e {
        syn::Expr::Try(t) => view_value(&t.expr),
        syn::Expr::Paren(p) => view_value(&p.expr),
        syn::Expr::Call(c) => matches!(&*c.func, syn::Expr::Path(p)
            if p.path.segments.len() >= 2
                && view_type_name(&p.path.segments[p.path.segments.len() - 2].ident.to_string())),
        syn::Expr::Macro(m) => m
            .mac
            .path
            .segments
            .last()
            .is_some_and(|s| s.ident == "format" || s.ident == "vec"),
        syn::Expr::MethodCall(m) => matches!(
            m.method.to_string().as_str(),
            "to_string" | "to_owned" | "to_vec" | "to_uppercase" | "to_lowercase" | "repeat"
        ),
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(_) | syn::Lit::ByteStr(_),
            ..
        }) => true,
        _ => false,
    }
}

/// The views and iterators of std whose result borrows the receiver on every type that has
/// them (`iter`, `chars`, `as_slice`, …): a temporary one is called on is borrowed by its
/// result (`lower.rs`, `hoist_temporaries`).
pub fn view_method(m: &str) -> bool {
    matches!(
        m,
        "entry"
            | "split_at"
            | "split_at_mut"
            | "peek"
            | "peek_mut"
            | "range"
            | "range_mut"
            | "get_or_insert"
            | "get_or_insert_with"
            | "downcast_ref"
            | "downcast_mut"
            | "iter"
            | "iter_mut"
            | "chars"
            | "char_indices"
            | "splitn"
            | "rsplit"
            | "rsplitn"
            | "split_whitespace"
            | "split_terminator"
            | "split_inclusive"
            | "matches"
            | "match_indices"
            | "windows"
            | "chunks"
            | "chunks_exact"
            | "chunks_mut"
            | "keys"
            | "values"
            | "values_mut"
            | "drain"
            | "get"
            | "get_key_value"
            | "first"
            | "first_mut"
            | "last_mut"
            | "first_key_value"
            | "last_key_value"
            | "front"
            | "front_mut"
            | "back"
            | "back_mut"
            | "as_ref"
            | "as_mut"
            | "as_str"
            | "as_slice"
            | "as_mut_slice"
            | "as_bytes"
            | "as_deref"
            | "as_deref_mut"
            | "as_path"
            | "borrow"
            | "borrow_mut"
            | "trim"
    )
}

/// Can this operand be evaluated after a later suspension point instead of before it
/// without a visible difference? Literals and places (paths, fields, indexing, derefs, and
/// borrows of those): the coroutine is suspended in between, so nothing it owns changes.
pub fn deferrable(e: &Expr) -> bool {
    match e {
        Expr::Lit(_) | Expr::Path(_) => true,
        Expr::Unary(u) if matches!(u.op, syn::UnOp::Neg(_)) && matches!(&*u.expr, Expr::Lit(_)) => {
            true
        }
        Expr::Field(f) => deferrable(&f.base),
        Expr::Paren(p) => deferrable(&p.expr),
        Expr::Group(g) => deferrable(&g.expr),
        Expr::Index(i) => deferrable(&i.expr) && deferrable(&i.index),
        Expr::Reference(r) => deferrable(&r.expr),
        Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => deferrable(&u.expr),
        _ => false,
    }
}

/// The names the `let` statements a walk visits bind (`let (a, b) = ..;`: `a`, `b`), at any
/// depth: `LetNames::default()`, then `visit_block`/`visit_expr`.
#[derive(Default)]
pub struct LetNames(pub std::collections::HashSet<String>);

impl<'a> syn::visit::Visit<'a> for LetNames {
    fn visit_local(&mut self, l: &'a syn::Local) {
        let mut names = Vec::new();
        pat_bindings(&l.pat, &mut names);
        self.0.extend(names.into_iter().map(|(i, _)| i.to_string()));
        syn::visit::visit_local(self, l);
    }
}

/// A `break` (`brk`) or `continue` that leaves the code it is found in, with its label.
pub struct Jump {
    pub brk: bool,
    pub label: Option<String>,
}

/// The jumps that leave the code `walk` visits: not one of a loop or a labeled block inside
/// it, nor one in a closure, an `async` block or an item. A macro whose tokens hold `break`
/// or `continue` counts as an unlabelled `break` (what it does with it is not read).
pub fn jumps_leaving<'a>(walk: impl FnOnce(&mut dyn Visit<'a>)) -> Vec<Jump> {
    #[derive(Default)]
    struct Jumps {
        loops: usize,
        labels: Vec<String>,
        out: Vec<Jump>,
    }
    impl Jumps {
        fn inside(&mut self, label: Option<&syn::Label>, loops: usize, f: impl FnOnce(&mut Self)) {
            self.labels.extend(label.map(|l| l.name.ident.to_string()));
            self.loops += loops;
            f(self);
            self.loops -= loops;
            if label.is_some() {
                self.labels.pop();
            }
        }
        fn jump(&mut self, brk: bool, label: Option<&syn::Lifetime>) {
            let label = label.map(|l| l.ident.to_string());
            let leaves = match &label {
                Some(l) => !self.labels.contains(l),
                None => self.loops == 0,
            };
            if leaves {
                self.out.push(Jump { brk, label });
            }
        }
    }
    impl<'v> Visit<'v> for Jumps {
        fn visit_expr_loop(&mut self, l: &'v syn::ExprLoop) {
            self.inside(l.label.as_ref(), 1, |j| j.visit_block(&l.body));
        }
        fn visit_expr_while(&mut self, w: &'v syn::ExprWhile) {
            self.inside(w.label.as_ref(), 1, |j| {
                j.visit_expr(&w.cond);
                j.visit_block(&w.body);
            });
        }
        fn visit_expr_for_loop(&mut self, f: &'v syn::ExprForLoop) {
            self.visit_expr(&f.expr);
            self.inside(f.label.as_ref(), 1, |j| j.visit_block(&f.body));
        }
        fn visit_expr_block(&mut self, b: &'v syn::ExprBlock) {
            self.inside(b.label.as_ref(), 0, |j| j.visit_block(&b.block));
        }
        fn visit_expr_break(&mut self, b: &'v syn::ExprBreak) {
            self.jump(true, b.label.as_ref());
            syn::visit::visit_expr_break(self, b);
        }
        fn visit_expr_continue(&mut self, c: &'v syn::ExprContinue) {
            self.jump(false, c.label.as_ref());
        }
        fn visit_macro(&mut self, m: &'v syn::Macro) {
            if has_jump(m.tokens.clone()) {
                self.out.push(Jump {
                    brk: true,
                    label: None,
                });
            }
        }
        fn visit_expr_closure(&mut self, _: &'v syn::ExprClosure) {}
        fn visit_expr_async(&mut self, _: &'v syn::ExprAsync) {}
        fn visit_item(&mut self, _: &'v syn::Item) {}
    }
    let mut j = Jumps::default();
    walk(&mut j);
    j.out
}

/// Whether `ts` holds a `break` or a `continue` anywhere.
fn has_jump(ts: TokenStream) -> bool {
    ts.into_iter().any(|t| match t {
        TokenTree::Ident(i) => i == "break" || i == "continue",
        TokenTree::Group(g) => has_jump(g.stream()),
        _ => false,
    })
}

/// A yielded closure (`move |x| x + i`) where the item type is an `impl Fn…` of its
/// arity: the runtime's `closure{N}`, `closure_mut{N}` or `closure_once{N}` that makes its
/// copies one closure.
pub fn yielded_closure(operand: &syn::Expr, yield_ty: Option<&syn::Type>) -> Option<syn::Ident> {
    let syn::Expr::Closure(c) = strip_parens(operand) else {
        return None;
    };
    let syn::Type::ImplTrait(it) = yield_ty? else {
        return None;
    };
    it.bounds.iter().find_map(|b| {
        let syn::TypeParamBound::Trait(t) = b else {
            return None;
        };
        let last = t.path.segments.last()?;
        let syn::PathArguments::Parenthesized(args) = &last.arguments else {
            return None;
        };
        let kind = match last.ident.to_string().as_str() {
            "Fn" => "",
            "FnMut" => "_mut",
            "FnOnce" => "_once",
            _ => return None,
        };
        // (Not a signature that borrows, `Fn(&str)`: it is one for every lifetime, which
        // the runtime's generic `closure{N}` cannot say; `&'static str` is one type.)
        struct Borrows(bool);
        impl<'a> Visit<'a> for Borrows {
            fn visit_lifetime(&mut self, l: &'a syn::Lifetime) {
                self.0 |= l.ident != "static";
            }
            fn visit_type_reference(&mut self, r: &'a syn::TypeReference) {
                self.0 |= r.lifetime.is_none();
                syn::visit::visit_type_reference(self, r);
            }
        }
        let mut b = Borrows(false);
        b.visit_parenthesized_generic_arguments(args);
        let borrows = b.0;
        (!borrows && args.inputs.len() == c.inputs.len() && c.inputs.len() <= 4)
            .then(|| quote::format_ident!("closure{}{}", kind, c.inputs.len()))
    })
}
