//! Names: which locals a piece of code mentions (scope-aware, through macros and format
//! strings), and renaming a local whose binding hides another one that must be saved.
//!
//! from: `let x = 1; { let x = 2; yield_!(x); } yield_!(x);`
//! into: the inner `x` becomes `x_1`, so the outer `x` can be named where it is saved.

use proc_macro2::{Span, TokenStream, TokenTree};
use syn::visit::Visit;
use syn::{Expr, Ident, Pat};

use crate::ir::{Block, Body, SExpr, StmtKind};
use crate::liveness::Liveness;
use crate::scan;

/// The names a piece of code mentions that are not bound inside it.
///
/// Also, made by [`FreeNames::captures`], what a block form captures (`blocks.rs`): the
/// same scopes, but only names written as locals are, once each with the span of their first
/// use, and not a function called by name (`f(x)`), nor a name only inside a macro the walk
/// cannot read (but `self`, which the lowering names there).
#[derive(Default)]
pub struct FreeNames {
    bound: Vec<String>,
    pub out: Vec<String>,
    /// Reading captures: the names found, with their spans (`out` holds them too).
    captures: Option<Vec<Ident>>,
}

impl FreeNames {
    /// A walker of a block form's captures, `bound` already bound (the block's items, the
    /// coroutine block's first argument).
    pub fn captures(bound: Vec<String>) -> FreeNames {
        FreeNames {
            bound,
            out: Vec::new(),
            captures: Some(Vec::new()),
        }
    }
    /// The captures found (a walker made by [`FreeNames::captures`]).
    pub fn captured(self) -> Vec<Ident> {
        self.captures.unwrap_or_default()
    }
    fn bind(&mut self, p: &Pat) {
        let mut v = Vec::new();
        scan::pat_bindings(p, &mut v);
        self.bound.extend(v.into_iter().map(|(i, _)| i.to_string()));
    }
    fn name(&mut self, id: &Ident) {
        let n = id.to_string();
        if self.bound.contains(&n) {
            return;
        }
        if let Some(found) = &mut self.captures {
            let local_like = n == "self"
                || n.strip_prefix("r#")
                    .unwrap_or(&n)
                    .starts_with(|c: char| c.is_lowercase() || c == '_');
            if !local_like || n == "_" || found.iter().any(|f| *f == n) {
                return;
            }
            found.push(id.clone());
        }
        self.out.push(n);
    }
    fn tokens(&mut self, ts: &TokenStream) {
        for t in ts.clone() {
            match t {
                TokenTree::Ident(i) => self.name(&i),
                TokenTree::Group(g) => self.tokens(&g.stream()),
                TokenTree::Literal(l) => self.literal(&l.to_string(), l.span()),
                _ => {}
            }
        }
    }
    fn literal(&mut self, s: &str, span: Span) {
        if s.starts_with('"') || s.starts_with('r') {
            for n in scan::format_captures(s) {
                self.name(&scan::ident(&n, span));
            }
        }
    }
    /// A `select!`/`join!`: its expressions, each with what its arm's pattern binds bound
    /// (`r = rx => r.map_err(..)`: the handler's `r` is not free). False for another macro.
    fn await_macro(&mut self, m: &syn::Macro) -> bool {
        let mut arms: Vec<(Expr, Vec<String>)> = Vec::new();
        let scoped = crate::await_macros::visit_scoped_exprs(m, |e, bound| {
            arms.push((e.clone(), bound.to_vec()))
        });
        if scoped.is_none() {
            return false;
        }
        for (e, bound) in arms {
            let n = self.bound.len();
            self.bound.extend(bound);
            self.visit_expr(&e);
            self.bound.truncate(n);
        }
        true
    }

    /// A macro the walk reads as a block form's captures do (`captures`): a `yield_!`'s
    /// operand, a block form's own captures, `select!`/`join!` arms with their patterns'
    /// names bound in the handlers, a formatting macro's arguments (a named argument's name
    /// is none), and of any other macro only `self`.
    fn capture_macro(&mut self, m: &syn::Macro) {
        if scan::is_yield_macro(m) {
            if let Ok(v) = scan::yield_operand(m) {
                self.visit_expr(&v);
            }
            return;
        }
        if let Some(inner) = crate::blocks::captures_of(m) {
            inner.iter().for_each(|c| self.name(c));
            return;
        }
        if self.await_macro(m) {
            return;
        }
        if let Some(args) = scan::parse_macro_args(m) {
            let named: Vec<String> = (args.args.iter())
                .filter_map(|a| match a {
                    Expr::Assign(named) => scan::named_argument_name(named).map(|n| n.to_string()),
                    _ => None,
                })
                .collect();
            for a in &args.args {
                if let Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) = a
                {
                    let n = self.bound.len();
                    self.bound.extend(named.iter().cloned());
                    self.literal(&s.token().to_string(), s.span());
                    self.bound.truncate(n);
                }
                match a {
                    Expr::Assign(named) if scan::named_argument_name(named).is_some() => {
                        self.visit_expr(&named.right)
                    }
                    a => self.visit_expr(a),
                }
            }
            return;
        }
        if crate::blocks::mentions_self(&m.tokens) {
            self.name(&Ident::new("self", Span::call_site()));
        }
    }
    /// Visits a condition's `let` scrutinees, binds their patterns (for the `then` branch).
    fn cond(&mut self, c: &Expr) {
        match c {
            Expr::Let(l) => {
                self.visit_expr(&l.expr);
                self.bind(&l.pat);
            }
            Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_)) => {
                self.cond(&b.left);
                self.cond(&b.right);
            }
            other => self.visit_expr(other),
        }
    }
}

impl<'a> Visit<'a> for FreeNames {
    fn visit_item(&mut self, _: &'a syn::Item) {}
    fn visit_type(&mut self, _: &'a syn::Type) {}
    fn visit_pat(&mut self, _: &'a Pat) {}
    fn visit_expr_path(&mut self, p: &'a syn::ExprPath) {
        if p.qself.is_none() {
            if let Some(id) = p.path.get_ident() {
                self.name(id);
            }
        }
    }
    fn visit_expr_call(&mut self, c: &'a syn::ExprCall) {
        // (A block form's captures: `f(..)` calls a function by name, or a closure of the
        // enclosing scope, which the step closure takes: `blocks.rs`.)
        match &*c.func {
            Expr::Path(p)
                if self.captures.is_some() && p.qself.is_none() && p.path.get_ident().is_some() => {
            }
            f => self.visit_expr(f),
        }
        c.args.iter().for_each(|a| self.visit_expr(a));
    }
    fn visit_block(&mut self, b: &'a syn::Block) {
        let n = self.bound.len();
        for s in &b.stmts {
            self.visit_stmt(s);
        }
        self.bound.truncate(n);
    }
    fn visit_local(&mut self, l: &'a syn::Local) {
        if let Some(init) = &l.init {
            self.visit_expr(&init.expr);
            if let Some((_, e)) = &init.diverge {
                self.visit_expr(e);
            }
        }
        self.bind(&l.pat);
    }
    fn visit_expr_closure(&mut self, c: &'a syn::ExprClosure) {
        let n = self.bound.len();
        for p in &c.inputs {
            self.bind(p);
        }
        self.visit_expr(&c.body);
        self.bound.truncate(n);
    }
    fn visit_arm(&mut self, a: &'a syn::Arm) {
        let n = self.bound.len();
        self.bind(&a.pat);
        if let Some((_, g)) = &a.guard {
            self.visit_expr(g);
        }
        self.visit_expr(&a.body);
        self.bound.truncate(n);
    }
    fn visit_expr_if(&mut self, i: &'a syn::ExprIf) {
        let n = self.bound.len();
        self.cond(&i.cond);
        self.visit_block(&i.then_branch);
        self.bound.truncate(n);
        if let Some((_, e)) = &i.else_branch {
            self.visit_expr(e);
        }
    }
    fn visit_expr_while(&mut self, w: &'a syn::ExprWhile) {
        let n = self.bound.len();
        self.cond(&w.cond);
        self.visit_block(&w.body);
        self.bound.truncate(n);
    }
    fn visit_expr_for_loop(&mut self, f: &'a syn::ExprForLoop) {
        self.visit_expr(&f.expr);
        let n = self.bound.len();
        self.bind(&f.pat);
        self.visit_block(&f.body);
        self.bound.truncate(n);
    }
    fn visit_expr_let(&mut self, l: &'a syn::ExprLet) {
        self.visit_expr(&l.expr);
    }
    fn visit_macro(&mut self, m: &'a syn::Macro) {
        if self.captures.is_some() {
            return self.capture_macro(m);
        }
        // `select!`/`join!`: what an arm's pattern binds is not free in its handler
        // (`r = rx => r.map_err(..)` beside a local `r`).
        if self.await_macro(m) {
            return;
        }
        if let Some(args) = scan::parse_macro_args(m) {
            for a in &args.args {
                if let Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) = a
                {
                    for n in scan::format_captures(&s.value()) {
                        self.name(&scan::ident(&n, s.span()));
                    }
                }
                self.visit_expr(a);
            }
        } else {
            self.tokens(&m.tokens);
        }
    }
}

/// Renames local `id` (its binding and every mention of it) to a fresh name, so a local it
/// shadows can still be named where it must be saved.
pub fn rename(body: &mut Body, live: &mut Liveness, id: usize) {
    let old = live.locals[id].ident.to_string();
    let mut n = 1;
    let fresh = loop {
        let cand = format!("{old}_{n}");
        if !live.locals.iter().any(|l| l.ident == cand) {
            break cand;
        }
        n += 1;
    };
    let l = &live.locals[id];
    let to = scan::ident(&fresh, Span::call_site().located_at(l.ident.span()));
    rename_to(body, live, id, to);
}

/// Renames local `id` (its binding and every mention of it) to `to`.
pub fn rename_to(body: &mut Body, live: &mut Liveness, id: usize, to: Ident) {
    let l = &live.locals[id];
    let old = l.ident.to_string();
    let target = Target {
        scope: l.scope,
        pos: l.pos,
    };
    let mut r = Renamer {
        from: old,
        to: to.clone(),
        active: false,
        target,
        stop: false,
    };
    let mut operands: Vec<Expr> = body.points.iter().map(|p| p.operand.clone()).collect();
    r.block(&mut body.block, &mut operands);
    for (p, op) in body.points.iter_mut().zip(operands) {
        p.operand = op;
    }
    live.locals[id].ident = to;
}

struct Target {
    scope: usize,
    pos: usize,
}

/// Walks the lowered body; from the renamed binding on (in its scope), renames free
/// mentions of the old name, and stops where another binding of that name hides it.
struct Renamer {
    from: String,
    to: Ident,
    /// Inside the renamed local's scope, after its binding.
    active: bool,
    target: Target,
    /// Set when a later binding of the same name ends the renamed local's reach.
    stop: bool,
}

impl Renamer {
    fn binds(&self, p: &Pat) -> bool {
        let mut v = Vec::new();
        scan::pat_bindings(p, &mut v);
        v.iter().any(|(i, _)| *i == self.from)
    }

    fn rename_pat(&self, p: &mut Pat) {
        rename_binding(p, &self.from, &self.to);
    }

    /// A condition, left to right: a `let` chain's later parts see its earlier bindings
    /// (`let Some(w) = o && w.ok()`). If the `then` block binds the name (`declares`), its
    /// last `let` binding it is the binding renamed, and the parts after it name it.
    fn cond(&mut self, cond: &mut Expr, declares: bool) {
        let target = (scan::cond_binds(cond).iter())
            .rposition(|p| self.binds(p))
            .filter(|_| declares);
        let was = (self.active, self.stop);
        self.cond_part(cond, &mut 0, target);
        (self.active, self.stop) = was;
    }

    fn cond_part(&mut self, e: &mut Expr, k: &mut usize, target: Option<usize>) {
        match e {
            Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_)) => {
                self.cond_part(&mut b.left, k, target);
                self.cond_part(&mut b.right, k, target);
            }
            // (Its `let`s in the order `scan::cond_binds` lists them.)
            Expr::Paren(p) => self.cond_part(&mut p.expr, k, target),
            Expr::Let(l) => {
                self.expr(&mut l.expr);
                if target == Some(*k) {
                    self.rename_pat(&mut l.pat);
                    (self.active, self.stop) = (true, false);
                } else if self.binds(&l.pat) {
                    self.stop = true;
                }
                *k += 1;
            }
            e => self.expr(e),
        }
    }

    fn expr(&mut self, e: &mut Expr) {
        if self.active && !self.stop {
            let mut r = RenameFree {
                from: self.from.clone(),
                to: self.to.clone(),
                hidden: 0,
            };
            syn::visit_mut::VisitMut::visit_expr_mut(&mut r, e);
        }
    }

    fn block(&mut self, b: &mut Block, operands: &mut [Expr]) {
        let was = (self.active, self.stop);
        if b.range.start == self.target.pos && b.scope == self.target.scope {
            for p in &mut b.binds {
                self.rename_pat(p);
            }
            self.active = true;
        } else if self.active && b.binds.iter().any(|p| self.binds(p)) {
            self.stop = true;
        }
        for s in &mut b.stmts {
            match &mut s.kind {
                StmtKind::Plain(stmt) => {
                    let declares = b.scope == self.target.scope && s.range.start == self.target.pos;
                    match stmt {
                        syn::Stmt::Local(l) => {
                            if let Some(init) = &mut l.init {
                                self.expr(&mut init.expr);
                                if let Some((_, e)) = &mut init.diverge {
                                    self.expr(e);
                                }
                            }
                            if declares {
                                self.rename_pat(&mut l.pat);
                                self.active = true;
                            } else if self.active && self.binds(&l.pat) {
                                self.stop = true;
                            }
                        }
                        other => {
                            if self.active && !self.stop {
                                let mut r = RenameFree {
                                    from: self.from.clone(),
                                    to: self.to.clone(),
                                    hidden: 0,
                                };
                                syn::visit_mut::VisitMut::visit_stmt_mut(&mut r, other);
                            }
                        }
                    }
                }
                StmtKind::Let { pat, init, .. } => {
                    self.sexpr(init, operands);
                    if b.scope == self.target.scope && s.range.end == self.target.pos + 1 {
                        self.rename_pat(pat);
                        self.active = true;
                    } else if self.active && self.binds(pat) {
                        self.stop = true;
                    }
                }
                StmtKind::Expr { expr, .. } => self.sexpr(expr, operands),
            }
        }
        // Leaving the scope the name was bound in (or hidden in) restores the outer state.
        (self.active, self.stop) = was;
    }

    fn sexpr(&mut self, e: &mut SExpr, operands: &mut [Expr]) {
        match e {
            SExpr::Suspend(q) => self.expr(&mut operands[*q]),
            SExpr::Block(b) => self.block(b, operands),
            SExpr::If {
                cond, then, els, ..
            } => {
                // The `then` block's bindings are the `let` patterns of the condition.
                self.cond(cond, b_declares(then, &self.target));
                self.block(then, operands);
                if let Some(els) = els {
                    self.block(els, operands);
                }
            }
            SExpr::Match { scrutinee, arms } => {
                self.expr(scrutinee);
                for arm in arms {
                    if let Some(g) = &mut arm.guard {
                        if !(self.active && self.binds(&arm.pat)) {
                            self.expr(g);
                        }
                    }
                    if b_declares(&arm.body, &self.target) {
                        self.rename_pat(&mut arm.pat);
                        // The guard runs with the arm's bindings bound: it names this one.
                        if let Some(g) = &mut arm.guard {
                            let was = (self.active, self.stop);
                            (self.active, self.stop) = (true, false);
                            self.expr(g);
                            (self.active, self.stop) = was;
                        }
                    }
                    self.block(&mut arm.body, operands);
                }
            }
            SExpr::Loop { body, .. } => self.block(body, operands),
        }
    }
}

fn b_declares(b: &Block, t: &Target) -> bool {
    b.range.start == t.pos && b.scope == t.scope
}

/// Renames free occurrences of a name in plain code (not where a nested binding hides it).
struct RenameFree {
    from: String,
    to: Ident,
    hidden: usize,
}

impl RenameFree {
    fn binds(&self, p: &Pat) -> bool {
        let mut v = Vec::new();
        scan::pat_bindings(p, &mut v);
        v.iter().any(|(i, _)| *i == self.from)
    }
    fn ident(&self, i: &Ident) -> Ident {
        scan::ident(&self.to.to_string(), Span::call_site().located_at(i.span()))
    }
    fn tokens(&self, ts: TokenStream) -> TokenStream {
        ts.into_iter()
            .map(|t| match t {
                TokenTree::Ident(i) if i == self.from => TokenTree::Ident(self.ident(&i)),
                TokenTree::Group(g) => {
                    let mut ng = proc_macro2::Group::new(g.delimiter(), self.tokens(g.stream()));
                    ng.set_span(g.span());
                    TokenTree::Group(ng)
                }
                TokenTree::Literal(l) => {
                    let s = l.to_string();
                    if s.starts_with('"') && scan::format_captures(&s).contains(&self.from) {
                        let mut lit = proc_macro2::Literal::string(&rename_captures(
                            &unquote(&s),
                            &self.from,
                            &self.to.to_string(),
                        ));
                        lit.set_span(l.span());
                        TokenTree::Literal(lit)
                    } else {
                        TokenTree::Literal(l)
                    }
                }
                t => t,
            })
            .collect()
    }
}

fn unquote(s: &str) -> String {
    syn::parse_str::<syn::LitStr>(s)
        .map(|l| l.value())
        .unwrap_or_default()
}

/// `{x}`, `{x:?}` → `{x_1}`, `{x_1:?}` in a format string.
fn rename_captures(s: &str, from: &str, to: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        if let Some(stripped) = after.strip_prefix('{') {
            out.push_str("{{");
            rest = stripped;
            continue;
        }
        let end = after.find('}').unwrap_or(after.len());
        let inner = &after[..end];
        let (name, spec) = inner
            .split_once(':')
            .map_or((inner, None), |(n, s)| (n, Some(s)));
        out.push('{');
        out.push_str(if name.trim() == from { to } else { name });
        if let Some(spec) = spec {
            out.push(':');
            out.push_str(&spec.replace(&format!("{from}$"), &format!("{to}$")));
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

impl syn::visit_mut::VisitMut for RenameFree {
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
    fn visit_type_mut(&mut self, _: &mut syn::Type) {}
    fn visit_expr_path_mut(&mut self, p: &mut syn::ExprPath) {
        if self.hidden == 0 && p.qself.is_none() && p.path.is_ident(&self.from) {
            let i = &p.path.segments[0].ident;
            p.path.segments[0].ident = self.ident(i);
        }
    }
    fn visit_field_value_mut(&mut self, f: &mut syn::FieldValue) {
        if f.colon_token.is_none() {
            if let (Expr::Path(p), syn::Member::Named(m)) = (&f.expr, &f.member) {
                if self.hidden == 0 && p.path.is_ident(&self.from) {
                    let span = m.span();
                    f.colon_token = Some(syn::Token![:](span));
                }
            }
        }
        syn::visit_mut::visit_expr_mut(self, &mut f.expr);
    }
    fn visit_block_mut(&mut self, b: &mut syn::Block) {
        let h = self.hidden;
        for s in &mut b.stmts {
            self.visit_stmt_mut(s);
        }
        self.hidden = h;
    }
    fn visit_local_mut(&mut self, l: &mut syn::Local) {
        if let Some(init) = &mut l.init {
            self.visit_expr_mut(&mut init.expr);
            if let Some((_, e)) = &mut init.diverge {
                self.visit_expr_mut(e);
            }
        }
        if self.binds(&l.pat) {
            self.hidden += 1;
        }
    }
    fn visit_expr_closure_mut(&mut self, c: &mut syn::ExprClosure) {
        if !c.inputs.iter().any(|p| self.binds(p)) {
            self.visit_expr_mut(&mut c.body);
        }
    }
    fn visit_arm_mut(&mut self, a: &mut syn::Arm) {
        if !self.binds(&a.pat) {
            if let Some((_, g)) = &mut a.guard {
                self.visit_expr_mut(g);
            }
            self.visit_expr_mut(&mut a.body);
        }
    }
    fn visit_expr_if_mut(&mut self, i: &mut syn::ExprIf) {
        self.visit_expr_mut(&mut i.cond);
        if !scan::cond_binds(&i.cond).iter().any(|p| self.binds(p)) {
            self.visit_block_mut(&mut i.then_branch);
        }
        if let Some((_, e)) = &mut i.else_branch {
            self.visit_expr_mut(e);
        }
    }
    fn visit_expr_while_mut(&mut self, w: &mut syn::ExprWhile) {
        self.visit_expr_mut(&mut w.cond);
        if !scan::cond_binds(&w.cond).iter().any(|p| self.binds(p)) {
            self.visit_block_mut(&mut w.body);
        }
    }
    fn visit_expr_for_loop_mut(&mut self, f: &mut syn::ExprForLoop) {
        self.visit_expr_mut(&mut f.expr);
        if !self.binds(&f.pat) {
            self.visit_block_mut(&mut f.body);
        }
    }
    fn visit_expr_let_mut(&mut self, l: &mut syn::ExprLet) {
        self.visit_expr_mut(&mut l.expr);
    }
    fn visit_macro_mut(&mut self, m: &mut syn::Macro) {
        if self.hidden == 0 {
            if let Some(mut args) = scan::parse_macro_args(m) {
                // A capture in the format string (`"{x}"`) becomes a named argument
                // (`x = x_1`): a renamed capture inside the string would resolve with the
                // string's hygiene, which is not the new binding's when the body comes
                // through a `macro_rules!`.
                let captured = scan::format_string(m, &args).is_some_and(|s| {
                    scan::format_captures(&s.value()).contains(&self.from)
                        && scan::named_argument(&args, &self.from).is_none()
                });
                for a in &mut args.args {
                    match a {
                        // `name = value`: only the value mentions locals.
                        Expr::Assign(named) if scan::named_argument_name(named).is_some() => {
                            self.visit_expr_mut(&mut named.right)
                        }
                        a => self.visit_expr_mut(a),
                    }
                }
                if captured {
                    let name = Ident::new(&self.from, Span::call_site());
                    let to = &self.to;
                    args.args.push(syn::parse_quote!(#name = #to));
                }
                *m = scan::rebuild_macro(m, &args);
            } else if let Some(tokens) =
                crate::await_macros::visit_scoped_exprs(&m.clone(), |e, bound| {
                    // (Not in an arm whose pattern binds the name anew.)
                    if !bound.contains(&self.from) {
                        self.visit_expr_mut(e);
                    }
                })
            {
                m.tokens = tokens;
            } else {
                m.tokens = self.tokens(std::mem::take(&mut m.tokens));
            }
        }
    }
}

/// Renames the bindings named `from` in a pattern to `to`; a struct pattern's shorthand
/// field (`Req { key }`) becomes `Req { key: to }`.
pub fn rename_binding(p: &mut Pat, from: &str, to: &Ident) {
    struct R<'a>(&'a str, &'a Ident);
    impl syn::visit_mut::VisitMut for R<'_> {
        fn visit_pat_ident_mut(&mut self, pi: &mut syn::PatIdent) {
            if pi.ident == self.0 {
                pi.ident = self.1.clone();
            }
            syn::visit_mut::visit_pat_ident_mut(self, pi);
        }
        fn visit_field_pat_mut(&mut self, fp: &mut syn::FieldPat) {
            if fp.colon_token.is_none() {
                fp.colon_token = Some(Default::default());
            }
            syn::visit_mut::visit_field_pat_mut(self, fp);
        }
        fn visit_expr_mut(&mut self, _: &mut Expr) {}
    }
    syn::visit_mut::VisitMut::visit_pat_mut(&mut R(from, to), p);
}
