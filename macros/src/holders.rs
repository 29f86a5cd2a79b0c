//! Stage 3, with `liveness.rs` — which locals may hold a reference into a slot (its
//! "Soundness" rule).
//!
//! A local carried past a suspension point only for its drop is forgotten there by a move,
//! a typed copy, which must not be made of a value holding a dangling reference; only a
//! reference into a slot can dangle there (the borrows of a local the machine moves are
//! rustc's to check). So the liveness stage keeps in place every such local that *may* hold
//! one. The macro cannot see types, so "may" is read off how code names locals: a reference
//! passes between locals only through code that names both. [`may_reach`] is that closure:
//! from code that may borrow a slot's local (`&v`, `v.iter()`, `first(&mut v)`) to every
//! local the same code may write (declares, assigns, or names at all), and on from there.
//!
//! from: `let w = (first(&mut v), Log); *w.0 += 1; v.push(9); tick().await;` (`v` in a slot)
//! into: `w` may hold a reference into `v` → `w` gets a slot of its own, dropped in place.

use proc_macro2::Span;
use syn::Expr;

use crate::liveness::{Local, Sure};
use crate::scan;

/// One statement's code, for `may_reach`: see `Walker::together` (`liveness.rs`).
pub(crate) struct Together {
    pub range: (usize, usize),
    pub uses: Uses,
    pub only_declared: bool,
}

/// How a piece of code names locals (`uses`): the names it names only by value (`f(a)`,
/// `let b = a.f;`, `(a, 1)`, an operator's operand: `a == b`, `a + b`, `-a`, `a as T`,
/// `v[i]`), which take no reference *to* them (a reference the value already held passes
/// on, and one may be written into them: an operator's method may store one operand in
/// the other, or return one, `c as &H`); every other name may be borrowed there, or
/// written.
#[derive(Default, Clone)]
pub(crate) struct Uses {
    by_value: Vec<String>,
    other: Vec<String>,
}

impl Uses {
    /// May take a value in: any name.
    fn writable(&self, n: &str) -> bool {
        self.other.iter().chain(&self.by_value).any(|m| m == n)
    }
    /// May take a reference to it: named other than by value.
    fn borrowed(&self, n: &str) -> bool {
        self.other.iter().any(|m| m == n)
    }
}

/// The locals whose value may hold a reference into one of `slots` (pinned locals): by a
/// sure or guessed borrow (`holds`), or because a piece of code that may borrow a slot's
/// local, or names one of these, may write it: it declares or assigns it, or names it
/// (`let w = (first(&mut v), Log);`, `w.0 = Some(&mut
/// v[0]);`, `let w = { .. &mut v .. };`, `set(&mut w, r)`, `cell.set(r)`); or it is bound by
/// a pattern from a scrutinee that may borrow a slot's local or names one of these (`if let
/// Some(w) = o.as_mut()`). A reference passes between locals only through code that names
/// both, so this holds whatever the types are (a local that is a reference stands for what
/// it points to: it was taken in code that named both). It is wider than the truth (`let n =
/// v.len();` counts); a slot's local named only by value gives no reference to itself
/// (`match (x, y) { (Some(p), _) => .. }` binds a copy of a part).
pub(crate) fn may_reach(
    slots: &[usize],
    locals: &[Local],
    mentions: &[Vec<usize>],
    together: &[Together],
    bound_from: &[(usize, usize, Uses)],
    holds: &[(usize, usize, Span, Sure)],
) -> Vec<usize> {
    let within = |x: usize, &(a, b): &(usize, usize)| a <= x && x <= b;
    let name = |id: usize| locals[id].ident.to_string();
    let gives = |id: usize, uses: &Uses, holders: &[bool]| {
        holders[id] || (slots.contains(&id) && uses.borrowed(&name(id)))
    };
    let named: Vec<Vec<usize>> = (together.iter())
        .map(|t| {
            (0..locals.len())
                .filter(|&id| {
                    mentions[id].iter().any(|&m| within(m, &t.range))
                        || within(locals[id].pos, &t.range)
                })
                .collect()
        })
        .collect();
    // Code that may take a reference to a slot's local, whose value may carry it out.
    let borrows_slot: Vec<bool> = (together.iter().zip(&named))
        .map(|(t, ids)| {
            !t.only_declared
                && ids
                    .iter()
                    .any(|&id| slots.contains(&id) && t.uses.borrowed(&name(id)))
        })
        .collect();
    let mut holders: Vec<bool> = vec![false; locals.len()];
    loop {
        let mut grew = false;
        let mut mark = |id: usize, holders: &mut Vec<bool>| {
            if !holders[id] {
                holders[id] = true;
                grew = true;
            }
        };
        for (k, t) in together.iter().enumerate() {
            let r = &t.range;
            // A `let` whose initialiser suspends takes the value of code inside it (a tail, a
            // `break`'s value, a suspension's): any of that which may carry a reference.
            let fires = if t.only_declared {
                named[k].iter().any(|&id| holders[id])
                    || (together.iter().enumerate()).any(|(j, u)| {
                        borrows_slot[j] && within(u.range.0, r) && within(u.range.1, r)
                    })
            } else {
                borrows_slot[k] || named[k].iter().any(|&id| holders[id])
            };
            if !fires {
                continue;
            }
            for &id in &named[k] {
                let takes = if t.only_declared {
                    locals[id].pos == r.1
                } else {
                    within(locals[id].pos, r) || t.uses.writable(&name(id))
                };
                if takes {
                    mark(id, &mut holders);
                }
            }
        }
        for (holder, at, uses) in bound_from {
            if (0..locals.len()).any(|id| mentions[id].contains(at) && gives(id, uses, &holders)) {
                mark(*holder, &mut holders);
            }
        }
        for &(holder, borrowed, _, _) in holds {
            if slots.contains(&borrowed) || holders[borrowed] {
                mark(holder, &mut holders);
            }
        }
        if !grew {
            break;
        }
    }
    (0..locals.len()).filter(|&id| holders[id]).collect()
}

/// How `stmt` (or an expression, `uses_expr`) names locals: see [`Uses`].
pub(crate) fn uses_stmt(stmt: &syn::Stmt) -> Uses {
    let mut v = UsesWalk::default();
    match stmt {
        syn::Stmt::Local(l) => {
            if let Some(init) = &l.init {
                if scan::binds_ref(&l.pat) {
                    syn::visit::Visit::visit_expr(&mut v, &init.expr);
                } else {
                    v.by_value(&init.expr);
                }
                if let Some((_, e)) = &init.diverge {
                    syn::visit::Visit::visit_expr(&mut v, e);
                }
            }
        }
        stmt => syn::visit::Visit::visit_stmt(&mut v, stmt),
    }
    v.finish()
}

/// [`uses_stmt`] of a scrutinee whose patterns bind by value (`by_value`) or may bind by
/// reference.
pub(crate) fn uses_scrutinee(e: &Expr, by_value: bool) -> Uses {
    let mut v = UsesWalk::default();
    if by_value {
        v.by_value(e);
    } else {
        syn::visit::Visit::visit_expr(&mut v, e);
    }
    v.finish()
}

/// [`uses_stmt`] of an awaited future or a yielded value: a future's output never borrows
/// the future itself (`(&mut fut).await`, `fut.await` name `fut` by value; what `fut`
/// borrows, the output may: `fut` passes that on as a holder).
pub(crate) fn uses_awaited(op: &Expr) -> Uses {
    match scan::strip_parens(op) {
        Expr::Reference(r) if r.mutability.is_some() => uses_scrutinee(&r.expr, true),
        op => uses_scrutinee(op, true),
    }
}

/// `Iterator::next` by a path (the `for` loop's lowering, `lower.rs`).
fn is_iterator_next(f: &Expr) -> bool {
    crate::scan::path_ends_with(f, &["Iterator", "next"])
}

#[derive(Default)]
struct UsesWalk {
    uses: Uses,
    /// Inside a closure or an `async` block: a capture may be by reference whatever the use.
    captured: usize,
}

impl UsesWalk {
    fn finish(self) -> Uses {
        let mut u = self.uses;
        let other = u.other.clone();
        u.by_value.retain(|n| !other.contains(n));
        u
    }

    /// A bare local, or a field path of one, that `e` names whole.
    fn root(e: &Expr) -> Option<String> {
        match e {
            Expr::Path(p) if p.qself.is_none() => p.path.get_ident().map(|i| i.to_string()),
            Expr::Field(f) => Self::root(&f.base),
            Expr::Paren(p) => Self::root(&p.expr),
            _ => None,
        }
    }

    /// `e` is moved or copied whole where it is (an argument, an element, an initialiser).
    fn by_value(&mut self, e: &Expr) {
        use syn::visit::Visit;
        match Self::root(e) {
            Some(n) if self.captured == 0 => self.uses.by_value.push(n),
            _ => self.visit_expr(e),
        }
    }

    /// `e` is an operator's operand (or an indexed place, `v` of `v[i]`): taken by value
    /// or by a reference that cannot outlast the call (`PartialEq::eq(&h, &r)`,
    /// `Index::index(&v, i)`), whatever the form of the place (`*r.f`), and it may take a
    /// value in from the other operand (`h == r` storing `r` in a `Cell` of `h`, `c + r`
    /// through `c: &H`, `w[c]` storing `w`'s reference in `*c`): by value.
    fn operand(&mut self, e: &Expr) {
        use syn::visit::Visit;
        let mut e = e;
        loop {
            match e {
                Expr::Field(f) => e = &f.base,
                Expr::Paren(p) => e = &p.expr,
                Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => e = &u.expr,
                Expr::Index(i) => {
                    self.operand(&i.index);
                    e = &i.expr;
                }
                _ => break,
            }
        }
        match e {
            Expr::Path(p) if p.qself.is_none() && self.captured == 0 => {
                if let Some(i) = p.path.get_ident() {
                    self.uses.by_value.push(i.to_string());
                }
            }
            e => self.visit_expr(e),
        }
    }
}

impl<'ast> syn::visit::Visit<'ast> for UsesWalk {
    fn visit_expr(&mut self, e: &'ast Expr) {
        match e {
            Expr::Binary(b) if !scan::is_compound_assign(&b.op) => {
                self.operand(&b.left);
                self.operand(&b.right);
            }
            // (An assignment writes its place; it takes no reference to it that could last.)
            Expr::Binary(b) => {
                self.by_value(&b.left);
                self.by_value(&b.right);
            }
            Expr::Unary(u) if !matches!(u.op, syn::UnOp::Deref(_)) => self.operand(&u.expr),
            Expr::Cast(c) => self.operand(&c.expr),
            Expr::Index(i) => {
                self.operand(&i.index);
                self.visit_expr(&i.expr);
            }
            // `Iterator::next(&mut it)` (a `for` loop's): an item never borrows the iterator
            // itself (what it borrows, the item may: `it` passes that on as a holder).
            Expr::Call(c) if is_iterator_next(&c.func) && c.args.len() == 1 => match &c.args[0] {
                Expr::Reference(r) => self.by_value(&r.expr),
                a => self.by_value(a),
            },
            Expr::Call(c) => {
                self.visit_expr(&c.func);
                c.args.iter().for_each(|a| self.by_value(a));
            }
            Expr::MethodCall(m) => {
                self.visit_expr(&m.receiver);
                m.args.iter().for_each(|a| self.by_value(a));
            }
            Expr::Tuple(t) => t.elems.iter().for_each(|a| self.by_value(a)),
            Expr::Array(a) => a.elems.iter().for_each(|a| self.by_value(a)),
            Expr::Struct(st) => {
                for f in &st.fields {
                    self.by_value(&f.expr);
                }
                if let Some(r) = &st.rest {
                    self.by_value(r);
                }
            }
            Expr::Assign(a) => {
                self.by_value(&a.left);
                self.by_value(&a.right);
            }
            Expr::Return(r) => r.expr.iter().for_each(|x| self.by_value(x)),
            Expr::Break(b) => b.expr.iter().for_each(|x| self.by_value(x)),
            Expr::Closure(_) | Expr::Async(_) => {
                self.captured += 1;
                syn::visit::visit_expr(self, e);
                self.captured -= 1;
            }
            e => syn::visit::visit_expr(self, e),
        }
    }
    fn visit_path(&mut self, p: &'ast syn::Path) {
        if let Some(i) = p.get_ident() {
            self.uses.other.push(i.to_string());
        }
        syn::visit::visit_path(self, p);
    }
    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        let mut names = std::collections::HashSet::new();
        scan::idents_in(&m.tokens, &mut names);
        self.uses.other.extend(names);
    }
}
