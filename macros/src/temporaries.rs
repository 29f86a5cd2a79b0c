//! Temporaries (part of stage 2, the lowering): where rustc keeps a temporary across a
//! suspension point, the lowering makes it a hidden local.
//!
//! A value made in a place context — the receiver of a method (`mk().len()`), what a
//! reference or a comparison borrows (`&format!(..)`, `mk() == x`, `&mut &buf[..]`), the
//! base of a field or an index (`mk().items[0]`) — lives in a temporary that rustc drops at
//! the end of the enclosing *temporary scope*: the statement, a `match`, `if let` or
//! let-else (its scrutinee's), a `while let` iteration, a `for` loop (its iterable's), an
//! `if`/`while` condition. When a suspension point comes between the temporary's creation and the end of
//! its scope, the lowering would otherwise split the expression there and drop the
//! temporary at the split, before the point.
//!
//! The one rule, for every scope: each temporary made before the scope's last suspension
//! point becomes a hidden local `__temp…` declared first in a block that stands for the
//! scope, so it is dropped where rustc drops it, after the values made later (declared
//! later), as rustc drops a scope's temporaries in reverse order of creation. Evaluation
//! order stays the source's: every operand evaluated before a hoisted temporary that may
//! run code is bound to a hidden local first, in order (a value used once, moved where it
//! was written). What runs no code (a literal, a path, a place made of them, a closure) stays.
//!
//! from: `let n = add(side(), mk().len(), tick().await);`
//! into: `let n = { let __t0 = side(); let mut __temp1 = mk(); let __value = add(__t0, __temp1.len(), tick().await); __value };`
//!
//! A method's receiver is a place only for a method known to borrow it (`len`, `iter`,
//! `as_str`, `scan::view_method`, `resident::borrows_receiver`): the macro cannot see
//! whether another method takes `self` (`builder().build()`), and a hidden local that one
//! moved out of could not be kept. So `mk().custom()` drops `mk()`'s value before a later
//! point in the statement where rustc keeps it to the end (a documented difference, when
//! the temporary has drop glue and the method borrows it).
//!
//! Operands are bound through a constructor, a tuple or an array, which stay where they
//! were written (so the type they are expected to have still reaches their arguments). An
//! operand that runs code but cannot be bound — a place a method may borrow
//! (`v[i()].update(..)`), a value that may be a closure's — stops the hoisting: the
//! temporaries after it stay where they are (dropped at the point), so the order stays.
//!
//! Not hoisted: a reference rustc may promote to a `'static` (`&Wrapper(7)`, `&[1, 2]`: made
//! of constants only, and shared: `&mut 0` is a temporary; `&Msg::Data(x)`, `&(x + 1)`,
//! `&(n as u64)`, `&(n as u64, 1)`, `&W { v: n.into() }` are hoisted), a constructor or struct
//! literal of a reference or a `Box::new(..)`, a tuple or an array of anything but literals,
//! casts and arithmetic (`&[ra, rb]`), whose expected type may coerce what is in it (`&[&a,
//! &b]` as a `&[&dyn Debug]`, `&String`s as `&str`s: a hidden local would have its own type), a
//! closure or an `async` block (one type per copy of the code after a point), a value that
//! may borrow a temporary left in place (`mk().custom().len()`), what is inside a block, a
//! closure, a nested `if`/`match`/loop (their own scopes) or the right operand of `&&`/`||`
//! (its own scope, as in rustc; the left one is of the enclosing scope).
//! (Except a constant constructor borrowed as a call's argument, which `unpromote` makes
//! a call's value before the lowering and the twin: `len(&D("x")).await`.)

use proc_macro2::Span;
use quote::{format_ident, quote};
use syn::Expr;

use crate::scan;

/// The prefix of the hidden locals that hold a temporary, which `liveness.rs` keeps to the
/// end of their scope (unless a method took them by value).
pub const TEMP: &str = "__temp";

/// Where an operand is evaluated: as a value (moved or copied), or as a place (borrowed).
#[derive(Clone, Copy, PartialEq)]
enum Ctx {
    Value,
    /// The receiver of a method that may take it by value or by reference.
    Moved,
    Place,
    /// The receiver of a method that borrows it: a place, where a constructor's value
    /// (`D(k).len()`) is a temporary too (nothing promotes it).
    Receiver,
}

/// The hidden locals made for one temporary scope, in order of evaluation.
pub struct Hoist<'a> {
    /// The lowering's counter of hidden names.
    pub next: &'a mut usize,
    /// A value that makes a type of its own (a closure, an `async` block) or is made of one:
    /// kept where it is.
    pub new_type: &'a dyn Fn(&Expr) -> bool,
    /// Only try: what would be hoisted is not kept (see `has_temporaries`).
    dry: bool,
    pub stmts: Vec<syn::Stmt>,
}

impl<'a> Hoist<'a> {
    pub fn new(next: &'a mut usize, new_type: &'a dyn Fn(&Expr) -> bool) -> Self {
        Hoist {
            next,
            new_type,
            dry: false,
            stmts: Vec::new(),
        }
    }

    /// The temporaries of a statement's expression (or a condition's) made before its last
    /// suspension point.
    pub fn before_last_point(&mut self, e: &mut Expr) {
        self.value(e, false);
    }

    /// Every temporary of `e`, evaluated whole before the suspension points of its scope (a
    /// `match` scrutinee, a `for` iterable).
    pub fn all(&mut self, e: &mut Expr) {
        self.value(e, true);
    }

    fn hidden(&mut self, prefix: &str) -> syn::Ident {
        let t = format_ident!("{}{}", prefix, *self.next, span = Span::mixed_site());
        *self.next += 1;
        t
    }

    /// `e` is evaluated as a value: its temporaries (`all`, or those made before its last
    /// suspension point) are hoisted; `e` itself is not.
    fn value(&mut self, e: &mut Expr, all: bool) {
        if !all && !scan::suspends(e) {
            return;
        }
        match e {
            Expr::Paren(p) => self.value(&mut p.expr, all),
            Expr::Group(g) => self.value(&mut g.expr, all),
            // The awaited value is made before the point, whole.
            Expr::Await(a) => self.value(&mut a.base, true),
            Expr::Macro(m) if scan::is_yield_macro(&m.mac) => {
                let Ok(mut op) = scan::yield_operand(&m.mac) else {
                    return;
                };
                let before = self.stmts.len();
                self.value(&mut op, true);
                if self.stmts.len() != before && !self.dry {
                    m.mac.tokens = quote!(#op);
                }
            }
            Expr::Call(c) => {
                let mut ops = vec![(&mut *c.func, Ctx::Value)];
                ops.extend(c.args.iter_mut().map(|a| (a, Ctx::Value)));
                self.operands(ops, all);
            }
            Expr::MethodCall(m) => {
                // A receiver is borrowed (a place) only by a method known to borrow it: one
                // that may take `self` (`builder().build()`, `mk().into_iter()`) moves it, and
                // a local holding it would be moved out of, then kept (rustc's E0382).
                let method = m.method.to_string();
                let borrows = scan::view_method(&method)
                    || crate::resident::borrows_receiver(&method).is_some();
                let ctx = if borrows { Ctx::Receiver } else { Ctx::Moved };
                let mut ops = vec![(&mut *m.receiver, ctx)];
                ops.extend(m.args.iter_mut().map(|a| (a, Ctx::Value)));
                self.operands(ops, all);
            }
            // The left operand of `&&`/`||` is of the enclosing scope (its temporaries live
            // to the end of the condition or statement, across a point in either operand);
            // the right one is a temporary scope of its own.
            Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_) | syn::BinOp::Or(_)) => {
                let all = all || scan::suspends(&b.right);
                self.value(&mut b.left, all);
            }
            // `x = e`, `x += e`: the value first (see `lower.rs`); the place stays.
            Expr::Assign(a) => self.value(&mut a.right, all),
            Expr::Binary(b) if scan::is_compound_assign(&b.op) => self.value(&mut b.right, all),
            Expr::Binary(b) => {
                // A comparison borrows both operands (`PartialEq::eq(&a, &b)`).
                let ctx = if crate::scan::is_comparison(&b.op) {
                    Ctx::Place
                } else {
                    Ctx::Value
                };
                self.operands(vec![(&mut *b.left, ctx), (&mut *b.right, ctx)], all);
            }
            Expr::Unary(u) => {
                let ctx = if matches!(u.op, syn::UnOp::Deref(_)) {
                    Ctx::Place
                } else {
                    Ctx::Value
                };
                self.operands(vec![(&mut *u.expr, ctx)], all);
            }
            // `&mut 0`, `&mut D(1)`: a constant value borrowed mutably is never promoted (but
            // `&mut []`): a temporary. (Not a place: `&mut X`, `&mut COUNTER` borrow a local
            // or a `static`, however they are spelled.)
            Expr::Reference(r)
                if r.mutability.is_some()
                    && constant(&r.expr)
                    && !is_place(&r.expr)
                    && !matches!(&*r.expr, Expr::Array(a) if a.elems.is_empty()) =>
            {
                if self.dry {
                    self.stmts.push(syn::parse_quote!(let _ = ();));
                    return;
                }
                let t = self.hidden(TEMP);
                let value = std::mem::replace(&mut *r.expr, syn::parse_quote!(#t));
                self.stmts.push(syn::parse_quote!(let mut #t = #value;));
            }
            Expr::Reference(r) => self.operands(vec![(&mut *r.expr, Ctx::Place)], all),
            Expr::Field(f) => self.operands(vec![(&mut *f.base, Ctx::Place)], all),
            Expr::Index(i) => self.operands(
                vec![(&mut *i.expr, Ctx::Place), (&mut *i.index, Ctx::Value)],
                all,
            ),
            Expr::Cast(c) => self.operands(vec![(&mut *c.expr, Ctx::Value)], all),
            Expr::Try(t) => self.operands(vec![(&mut *t.expr, Ctx::Value)], all),
            Expr::Tuple(t) => {
                self.operands(t.elems.iter_mut().map(|e| (e, Ctx::Value)).collect(), all)
            }
            Expr::Array(a) => {
                self.operands(a.elems.iter_mut().map(|e| (e, Ctx::Value)).collect(), all)
            }
            Expr::Range(r) => {
                let ops = r.start.iter_mut().chain(r.end.iter_mut());
                self.operands(ops.map(|e| (&mut **e, Ctx::Value)).collect(), all)
            }
            Expr::Struct(s) => {
                let mut ops: Vec<(&mut Expr, Ctx)> = s
                    .fields
                    .iter_mut()
                    .map(|f| (&mut f.expr, Ctx::Value))
                    .collect();
                if let Some(rest) = &mut s.rest {
                    ops.push((&mut **rest, Ctx::Value));
                }
                self.operands(ops, all)
            }
            Expr::Return(syn::ExprReturn { expr: Some(v), .. })
            | Expr::Break(syn::ExprBreak { expr: Some(v), .. }) => self.value(v, all),
            // A block, a closure, an `if`/`match`/loop, another macro: its own scopes, or
            // nothing to see.
            _ => {}
        }
    }

    /// `e` is evaluated as a place: a value made there is a temporary, hoisted (after its
    /// own) when it is made before the last point (`all`, or `e` does not suspend: its
    /// value is made before a later operand's point).
    fn place(&mut self, e: &mut Expr, all: bool, receiver: bool) {
        match e {
            Expr::Paren(p) => return self.place(&mut p.expr, all, receiver),
            Expr::Group(g) => return self.place(&mut g.expr, all, receiver),
            Expr::Field(f) => return self.operands(vec![(&mut *f.base, Ctx::Place)], all),
            Expr::Index(i) => {
                return self.operands(
                    vec![(&mut *i.expr, Ctx::Place), (&mut *i.index, Ctx::Value)],
                    all,
                )
            }
            Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => {
                return self.operands(vec![(&mut *u.expr, Ctx::Place)], all)
            }
            _ => {}
        }
        // Its value is made after its own last point: nothing comes after it to outlive.
        if !all && scan::suspends(e) {
            return self.value(e, false);
        }
        self.value(e, true);
        let made = temporary(e) || (receiver && matches!(e, Expr::Call(_)));
        // (Not a value that may borrow a temporary left where it is, `mk().name().len()` with
        // `name` not known to borrow: it would outlive it.)
        if !made || (self.new_type)(e) || borrows_a_temporary(e) {
            return;
        }
        if self.dry {
            self.stmts.push(syn::parse_quote!(let _ = ();));
            return;
        }
        let t = self.hidden(TEMP);
        let value = std::mem::replace(e, syn::parse_quote!(#t));
        self.stmts.push(syn::parse_quote!(let mut #t = #value;));
    }

    /// Operands evaluated left to right: the part evaluated before the last point (`all`:
    /// every one) has its temporaries hoisted, and each operand before the last one that
    /// has some, if it may run code, is bound to a hidden local first.
    fn operands(&mut self, mut ops: Vec<(&mut Expr, Ctx)>, all: bool) {
        let last_point = ops.iter().rposition(|(o, _)| scan::suspends(o));
        let end = match (all, last_point) {
            (true, _) => ops.len(),
            (false, Some(i)) => i + 1,
            (false, None) => return,
        };
        let whole = |i: usize| all || last_point.is_some_and(|l| i < l);
        let Some(last) = (0..end)
            .rev()
            .find(|&i| self.has_temporaries(ops[i].0, ops[i].1, whole(i)))
        else {
            return;
        };
        for (i, (op, ctx)) in ops.iter_mut().enumerate().take(last + 1) {
            match ctx {
                // `select(pin!(a), b).await`: a `pin!` is a reference to a temporary, which
                // lives to the end of the statement.
                Ctx::Value | Ctx::Moved if pins_a_temporary(op) => self.place(op, whole(i), false),
                Ctx::Value | Ctx::Moved => self.value(op, whole(i)),
                Ctx::Place => self.place(op, whole(i), false),
                Ctx::Receiver => self.place(op, whole(i), true),
            }
            if i == last || runs_no_code(op) {
                continue;
            }
            // Evaluated before a hoisted temporary, and it runs code: bound first, in order.
            // Where it cannot be — a place (borrowed, or a receiver a method may borrow), a
            // value that may be a closure's (one type per copy of the code) — the temporaries
            // after it stay where they are (dropped at the point), so the order stays.
            let place =
                matches!(ctx, Ctx::Place | Ctx::Receiver) || (*ctx == Ctx::Moved && is_place(op));
            if place || !self.bindable(op) {
                break;
            }
            self.bind(op);
        }
    }

    /// Whether `bind` can bind `e`'s code to hidden locals.
    fn bindable(&self, e: &Expr) -> bool {
        match e {
            e if runs_no_code(e) => true,
            Expr::Call(c) if constructor(c) => c.args.iter().all(|a| self.bindable(a)),
            Expr::Tuple(t) => t.elems.iter().all(|a| self.bindable(a)),
            Expr::Array(a) => a.elems.iter().all(|a| self.bindable(a)),
            Expr::Paren(p) => self.bindable(&p.expr),
            e => !(self.new_type)(e),
        }
    }

    /// Binds what `e` runs to hidden locals (`let mut __tN = …;`), in order. Through a
    /// constructor, a tuple or an array, which run nothing, to their operands: the
    /// constructor stays where it was written, so the type it is expected to have still
    /// reaches its arguments (`f(Some(Box::new(x)), ..)` with `Option<Box<dyn Debug>>`).
    fn bind(&mut self, e: &mut Expr) {
        match e {
            e if runs_no_code(e) => {}
            Expr::Call(c) if constructor(c) => c.args.iter_mut().for_each(|a| self.bind(a)),
            Expr::Tuple(t) => t.elems.iter_mut().for_each(|a| self.bind(a)),
            Expr::Array(a) => a.elems.iter_mut().for_each(|a| self.bind(a)),
            Expr::Paren(p) => self.bind(&mut p.expr),
            e => {
                if self.dry {
                    return;
                }
                let t = self.hidden("__t");
                let value = std::mem::replace(e, syn::parse_quote!(#t));
                // (`mut`: it may be a method's receiver.)
                self.stmts.push(syn::parse_quote!(let mut #t = #value;));
            }
        }
    }

    /// Whether `place`/`value` would hoist a temporary of `e` (tried on a copy).
    fn has_temporaries(&mut self, e: &Expr, ctx: Ctx, all: bool) -> bool {
        let mut copy = e.clone();
        let mut n = 0;
        let mut probe = Hoist {
            next: &mut n,
            new_type: self.new_type,
            dry: true,
            stmts: Vec::new(),
        };
        match ctx {
            Ctx::Value | Ctx::Moved if pins_a_temporary(e) => probe.place(&mut copy, all, false),
            Ctx::Value | Ctx::Moved => probe.value(&mut copy, all),
            Ctx::Place => probe.place(&mut copy, all, false),
            Ctx::Receiver => probe.place(&mut copy, all, true),
        }
        !probe.stmts.is_empty()
    }
}

/// A place expression: a path, a field, an element, a dereference.
pub fn is_place(e: &Expr) -> bool {
    match e {
        Expr::Path(_) | Expr::Field(_) | Expr::Index(_) => true,
        Expr::Unary(u) => matches!(u.op, syn::UnOp::Deref(_)),
        Expr::Paren(p) => is_place(&p.expr),
        Expr::Group(g) => is_place(&g.expr),
        _ => false,
    }
}

/// `e`'s value may borrow a temporary inside it that was not hoisted: a method's receiver
/// that is a value (`mk().name()`), down the chain of receivers and places.
fn borrows_a_temporary(e: &Expr) -> bool {
    match e {
        Expr::MethodCall(m) => {
            let r = &*m.receiver;
            (!is_place(r) && !matches!(r, Expr::Lit(_))) || borrows_a_temporary(r)
        }
        Expr::Field(f) => borrows_a_temporary(&f.base),
        Expr::Index(i) => borrows_a_temporary(&i.expr),
        Expr::Paren(p) => borrows_a_temporary(&p.expr),
        Expr::Group(g) => borrows_a_temporary(&g.expr),
        Expr::Try(t) => borrows_a_temporary(&t.expr),
        Expr::Await(a) => borrows_a_temporary(&a.base),
        Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => borrows_a_temporary(&u.expr),
        _ => false,
    }
}

/// Evaluating it runs none of the program's code, so a temporary made after it may be made
/// before it: a literal, a path, a place made of them, a reference to one, a closure or an
/// `async` block (made, not run), a constructor, tuple, array or struct of those. (A field or an index may run a `Deref`/`Index`: taken to
/// be free of effects, as everywhere in the lowering, `scan::deferrable`.)
fn runs_no_code(e: &Expr) -> bool {
    match e {
        Expr::Closure(_) | Expr::Async(_) => true,
        Expr::Group(g) => runs_no_code(&g.expr),
        Expr::Paren(p) => runs_no_code(&p.expr),
        Expr::Reference(r) => runs_no_code(&r.expr),
        Expr::Cast(c) => runs_no_code(&c.expr),
        Expr::Tuple(t) => t.elems.iter().all(runs_no_code),
        Expr::Array(a) => a.elems.iter().all(runs_no_code),
        Expr::Call(c) if constructor(c) => c.args.iter().all(runs_no_code),
        Expr::Struct(s) => s.rest.is_none() && s.fields.iter().all(|f| runs_no_code(&f.expr)),
        e => scan::deferrable(e),
    }
}

/// The value of a call that lives in a temporary when used as a place: a function or
/// method call, an `.await`, a `?`, `vec![..]`, `format!(..)`. Not a constructor
/// (`Wrapper(7)`, `Some(1)`) nor another macro (`line!()`, `concat!(..)`): rustc may promote
/// a reference to one to a `'static`, and a local in its place would borrow less long than
/// the twin, which sees the promoted constant, believes.
pub fn temporary(e: &Expr) -> bool {
    match e {
        e if pins_a_temporary(e) => true,
        Expr::MethodCall(_) | Expr::Await(_) | Expr::Try(_) => true,
        Expr::Call(c) if !constructor(c) => true,
        Expr::Macro(m) => scan::makes_a_value(&m.mac),
        // A value rustc cannot promote, since it is made of a local's value or of a call's:
        // `x + 1`, `!done`, `Msg::Data(x)`. Not a constructor that the type it is expected to
        // have may coerce an argument of (`Some(&s)` as an `Option<&str>`, `Some(Box::new(x))`
        // as an `Option<Box<dyn T>>`), nor a tuple, an array or a struct literal (`&[&a, &b]`
        // as a `&[&dyn Debug]`): a hidden local would have the type of its value instead.
        Expr::Call(c) => !constant(e) && c.args.iter().all(keeps_its_type),
        // The same for a tuple or an array of values certainly of their own type (`&(n as
        // u64, 1)`; not `&[ra, rb]`, whose `&String`s an expected `&[&str]` coerces), a
        // struct literal of such values (`&W { v: n.into() }`: its fields' types are the
        // struct's), and a cast to a written type (`&(n as u64)`).
        Expr::Tuple(t) => !constant(e) && t.elems.iter().all(certainly_a_value),
        Expr::Array(a) => !constant(e) && a.elems.iter().all(certainly_a_value),
        Expr::Struct(st) => {
            !constant(e) && st.rest.is_none() && st.fields.iter().all(|f| keeps_its_type(&f.expr))
        }
        Expr::Cast(c) => !constant(e) && !matches!(&*c.ty, syn::Type::Infer(_)),
        Expr::Binary(_) => !constant(e),
        Expr::Unary(u) => !matches!(u.op, syn::UnOp::Deref(_)) && !constant(e),
        // A reference borrowed again (`read(&mut &buf[..]).await`): no coercion reaches
        // through the outer borrow, so the hidden local has the type rustc gives it.
        Expr::Reference(_) => !constant(e),
        _ => false,
    }
}

/// An argument whose type no expected type changes: a local's value, a field, a literal, a
/// method's or a function's result, a macro's value. (Not a reference, a `Box::new(..)`, a
/// constructor of one: coercion sites.)
fn keeps_its_type(e: &Expr) -> bool {
    match e {
        Expr::Path(_)
        | Expr::Field(_)
        | Expr::Lit(_)
        | Expr::MethodCall(_)
        | Expr::Binary(_)
        | Expr::Macro(_) => true,
        // (`String::new()`, `vec_of(..)`; not `Box::new(x)`, `Rc::new`, `Arc::new`, which
        // may be unsized to what is expected.)
        Expr::Call(c) => !matches!(&*c.func, Expr::Path(p) if p.path.segments.iter()
            .any(|s| matches!(s.ident.to_string().as_str(), "Box" | "Rc" | "Arc" | "Pin"))),
        Expr::Paren(p) => keeps_its_type(&p.expr),
        // (Its type is written: `n as u64`; not `n as _`.)
        Expr::Cast(c) => !matches!(&*c.ty, syn::Type::Infer(_)),
        _ => false,
    }
}

/// An element whose type is what it is made of, never a reference or a box an expected type
/// could coerce: a literal, a cast to a written type, an operator's value (`n + 1`, `!done`).
fn certainly_a_value(e: &Expr) -> bool {
    match e {
        Expr::Lit(_) | Expr::Binary(_) => true,
        Expr::Cast(c) => !matches!(&*c.ty, syn::Type::Infer(_)),
        Expr::Unary(u) => !matches!(u.op, syn::UnOp::Deref(_)),
        Expr::Paren(p) => certainly_a_value(&p.expr),
        _ => false,
    }
}

/// `pin!(e)` (or `pin_mut!`, `tokio::pin!` by name): pins `e` in a temporary, and is a
/// reference to it.
fn pins_a_temporary(e: &Expr) -> bool {
    matches!(e, Expr::Macro(m) if scan::is_pin_macro(&m.mac))
}

/// Whether `e` may be a constant expression, which rustc may promote to a `'static` when
/// borrowed: literals, paths that are not a local's name (`MAX`, `Kind::A`), and
/// constructors, tuples, arrays, struct literals and operators over those. (A single
/// lowercase name is taken to be a local: a `const` is written in capitals.)
fn constant(e: &Expr) -> bool {
    match e {
        Expr::Lit(_) => true,
        Expr::Path(p) => p.path.get_ident().is_none_or(|i| {
            !i.to_string()
                .starts_with(|c: char| c.is_lowercase() || c == '_')
        }),
        Expr::Paren(p) => constant(&p.expr),
        Expr::Group(g) => constant(&g.expr),
        Expr::Cast(c) => constant(&c.expr),
        Expr::Reference(r) => constant(&r.expr),
        Expr::Unary(u) => !matches!(u.op, syn::UnOp::Deref(_)) && constant(&u.expr),
        Expr::Binary(b) => constant(&b.left) && constant(&b.right),
        Expr::Call(c) => constructor(c) && c.args.iter().all(constant),
        Expr::Tuple(t) => t.elems.iter().all(constant),
        Expr::Array(a) => a.elems.iter().all(constant),
        Expr::Repeat(r) => constant(&r.expr),
        Expr::Struct(s) => s.rest.is_none() && s.fields.iter().all(|f| constant(&f.expr)),
        _ => false,
    }
}

/// `Name(..)`: a tuple struct's or variant's constructor, by rustc's naming convention,
/// whose value rustc may promote to a `'static` (its arguments constant, its type without
/// drop glue: the macro can see neither for sure).
fn constructor(c: &syn::ExprCall) -> bool {
    matches!(&*c.func, Expr::Path(p) if capitalised(&p.path))
}

/// A path whose last segment is capitalised: a type's, a tuple struct's or a variant's name.
fn capitalised(p: &syn::Path) -> bool {
    p.segments.last().is_some_and(|s| {
        s.ident
            .to_string()
            .starts_with(|ch: char| ch.is_uppercase())
    })
}

/// The hoisted temporaries of a scope, then its value bound, so that its other
/// temporaries are dropped first, as rustc drops a statement's temporaries in reverse order
/// of creation (in a block's tail they would outlive its locals, in edition 2021):
/// `{ let mut __temp0 = ..; let __value = e; __value }`. For a statement whose value is
/// `discarded` (it ends in `;`), the statement itself, which drops its value and its other
/// temporaries at its end, before the hoisted ones, as rustc does (the value first: it may
/// borrow them): `{ let mut __temp0 = ..; e; }`.
pub fn block(temps: Vec<syn::Stmt>, e: Expr, discarded: bool) -> Expr {
    // (A `return` has no value to bind: its temporaries are dropped as it leaves.)
    if matches!(e, Expr::Return(_)) {
        return syn::parse_quote!({ #(#temps)* #e });
    }
    if discarded {
        return syn::parse_quote!({ #(#temps)* #e; });
    }
    let v = syn::Ident::new("__value", Span::mixed_site());
    syn::parse_quote!({
        #(#temps)*
        let #v = #e;
        #v
    })
}

/// A constant constructor borrowed as a call's argument in a statement that suspends
/// (`alen(&D("x")).await`): a temporary rustc keeps to the end of the statement when its
/// type has drop glue of its own, and promotes to a `'static` when not. The macro cannot see
/// which; the lowering keeps it as a temporary (a hidden local to the end of the statement,
/// above), and so that the twin checks the same program, both see it made by a call
/// (`&identity(D("x"))`), which rustc never promotes. What differs from the source is only
/// where a promoted reference would outlive its statement (rustc's E0716 on the user's
/// line: a `const` or a `let` says which is meant).
///
/// Only a constructor (`Name(..)`, `Path::Name(..)`, `Name { .. }`) of literals and
/// constant paths, borrowed directly as an argument of a function or a method (a
/// constructor's argument may be extended to the end of the block), in a statement with
/// nothing that stops the lowering's hoisting before it (see `Stops`): not inside a block, a closure, an
/// `async` block, an arm or a loop body of the statement (their own statements are seen on
/// their own), nor an operand of `&&`/`||` (scopes of their own).
pub fn unpromote(body: &mut syn::Block) {
    use syn::visit::Visit;
    use syn::visit_mut::VisitMut;
    // What may stop the lowering's hoisting before such a temporary (`Hoist::operands`: an
    // operand that runs code but cannot be bound): a closure or an `async` block, an index,
    // a call of a local. There the constructor is left to rustc's promotion, as before.
    struct Stops<'b>(&'b std::collections::HashSet<String>, bool);
    impl<'a> Visit<'a> for Stops<'_> {
        fn visit_expr(&mut self, e: &'a Expr) {
            match e {
                Expr::Closure(_) | Expr::Async(_) | Expr::Index(_) => self.1 = true,
                Expr::Call(c) => {
                    if let Expr::Path(p) = &*c.func {
                        if p.path
                            .get_ident()
                            .is_some_and(|i| self.0.contains(&i.to_string()))
                        {
                            self.1 = true;
                        }
                    }
                    syn::visit::visit_expr(self, e);
                }
                _ => syn::visit::visit_expr(self, e),
            }
        }
    }
    struct Statements(std::collections::HashSet<String>);
    impl VisitMut for Statements {
        fn visit_item_mut(&mut self, _: &mut syn::Item) {}
        fn visit_stmt_mut(&mut self, s: &mut syn::Stmt) {
            let e = match s {
                syn::Stmt::Expr(e, _) => Some(e),
                syn::Stmt::Local(l) => l.init.as_mut().map(|i| &mut *i.expr),
                _ => None,
            };
            if let Some(e) = e.filter(|e| scan::suspends(e)) {
                let mut stops = Stops(&self.0, false);
                stops.visit_expr(e);
                if !stops.1 {
                    OwnScope.visit_expr_mut(e);
                }
            }
            syn::visit_mut::visit_stmt_mut(self, s);
        }
    }
    struct OwnScope;
    impl OwnScope {
        fn argument(&mut self, a: &mut Expr) {
            if let Expr::Reference(r) = a {
                if constant_constructor(&r.expr) {
                    // (At the constructor's span: rustc's E0716 points there.)
                    let span = syn::spanned::Spanned::span(&*r.expr);
                    let inner = &r.expr;
                    *r.expr = syn::parse_quote_spanned!(span=>
                        ::stackless::__private::core::convert::identity(#inner));
                    return;
                }
            }
            self.visit_expr_mut(a);
        }
    }
    impl VisitMut for OwnScope {
        fn visit_block_mut(&mut self, _: &mut syn::Block) {}
        fn visit_expr_closure_mut(&mut self, _: &mut syn::ExprClosure) {}
        fn visit_expr_async_mut(&mut self, _: &mut syn::ExprAsync) {}
        fn visit_arm_mut(&mut self, _: &mut syn::Arm) {}
        fn visit_expr_binary_mut(&mut self, b: &mut syn::ExprBinary) {
            if !matches!(b.op, syn::BinOp::And(_) | syn::BinOp::Or(_)) {
                syn::visit_mut::visit_expr_binary_mut(self, b);
            }
        }
        fn visit_expr_call_mut(&mut self, c: &mut syn::ExprCall) {
            self.visit_expr_mut(&mut c.func);
            // (Not a constructor's argument: `let x = (Some(&D(..)), ..);` extends the
            // temporary to the end of the block, which a hidden local of the statement would
            // not.)
            let ctor = constructor(c);
            for a in &mut c.args {
                if ctor {
                    self.visit_expr_mut(a);
                } else {
                    self.argument(a);
                }
            }
        }
        fn visit_expr_method_call_mut(&mut self, m: &mut syn::ExprMethodCall) {
            self.visit_expr_mut(&mut m.receiver);
            for a in &mut m.args {
                self.argument(a);
            }
        }
    }
    // The names the body binds: a call of one may be a closure's.
    let mut bound = scan::LetNames::default();
    bound.visit_block(body);
    Statements(bound.0).visit_block_mut(body);
}

/// `Name(..)`, `Path::Name(..)` or `Name { .. }` of literals and constant paths (what
/// `unpromote` makes a temporary of).
fn constant_constructor(e: &Expr) -> bool {
    let plain = |a: &Expr| matches!(a, Expr::Lit(_)) || (matches!(a, Expr::Path(_)) && constant(a));
    match e {
        Expr::Call(c) => constructor(c) && c.args.iter().all(plain),
        Expr::Struct(s) => {
            s.rest.is_none()
                && s.qself.is_none()
                && capitalised(&s.path)
                && s.fields.iter().all(|f| plain(&f.expr))
        }
        Expr::Paren(p) => constant_constructor(&p.expr),
        _ => false,
    }
}

/// `match () { () => e }`, built as syntax (so that syn prints the arm's body with the
/// parentheses it needs: `(match .. { .. }) + 1`).
pub fn in_arm(e: Expr) -> Expr {
    Expr::Match(syn::ExprMatch {
        attrs: Vec::new(),
        match_token: Default::default(),
        expr: Box::new(syn::parse_quote!(())),
        brace_token: Default::default(),
        arms: vec![syn::Arm {
            attrs: Vec::new(),
            pat: syn::parse_quote!(()),
            guard: None,
            fat_arrow_token: Default::default(),
            body: Box::new(e),
            comma: None,
        }],
    })
}

/// `Hoist`'s statements with each temporary declared in `decls` (`let mut __temp0;`) and
/// assigned where it was made (`__temp0 = mk();`, returned with the other statements).
fn deferred(stmts: Vec<syn::Stmt>, decls: &mut Vec<syn::Stmt>) -> Vec<syn::Stmt> {
    stmts
        .into_iter()
        .map(|s| match s {
            syn::Stmt::Local(syn::Local {
                pat: syn::Pat::Ident(pi),
                init: Some(init),
                ..
            }) if pi.ident.to_string().starts_with(TEMP) => {
                let (t, value) = (&pi.ident, &init.expr);
                decls.push(syn::parse_quote!(let mut #t;));
                syn::parse_quote!(#t = #value;)
            }
            s => s,
        })
        .collect()
}

/// Whether a scrutinee is itself rustc's scrutinee temporary to keep in a hidden local: a
/// value (`v.pop()`, `f()`) that does not suspend, makes no type of its own, and that the
/// patterns bind nothing of by value (`by_value` false: what they bind by value moves out of
/// it, left as written).
pub fn held_scrutinee(e: &Expr, by_value: bool) -> bool {
    !by_value && temporary(e) && !scan::suspends(e) && !scan::writes_new_type(e)
}

/// The scrutinee of a `match` or of an `if let` (not a chain of `let`s).
fn scrutinee_of(e: &mut Expr) -> Option<&mut Expr> {
    match e {
        Expr::Match(m) => Some(&mut m.expr),
        Expr::If(i) => match &mut *i.cond {
            Expr::Let(l) => Some(&mut l.expr),
            _ => None,
        },
        _ => None,
    }
}

/// The name of the hidden local `let mut __tempN = …;` declares, if it is one.
pub fn temp_name(s: &syn::Stmt) -> Option<&syn::Ident> {
    match s {
        syn::Stmt::Local(syn::Local {
            pat: syn::Pat::Ident(pi),
            ..
        }) if pi.ident.to_string().starts_with(TEMP) => Some(&pi.ident),
        _ => None,
    }
}

/// `let mut __tempN = …;`, a temporary `Hoist` made a hidden local.
fn is_temp(s: &syn::Stmt) -> bool {
    temp_name(s).is_some()
}

/// When a block's tail expression drops its temporaries, against the block's locals: rustc
/// decides by the edition of the block's span.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum TailRule {
    /// Not known (`expand.rs` reads it from the compiler's command line first): lowered as
    /// `Block`; `Tails` says whether `Extended` would differ, and `expand.rs` then lowers
    /// the body for it too, the compiler picking one.
    #[default]
    Unknown,
    /// Editions 2015 to 2021: at the end of the enclosing temporary scope, so after the
    /// block's locals (and those of the blocks it is the tail of in turn).
    Extended,
    /// Edition 2024: at the end of the block, before its locals.
    Block,
}

/// A block's tail whose temporaries the two rules drop in another order: one that suspends
/// and has temporaries kept across its point (`Hoist`), or one after a point of its block
/// (the block is split there, and its tail runs in code the emitter writes, whose braces are
/// of the macro's edition): with locals declared in the block (or in a block it is the tail
/// of in turn) before it.
///
/// Edition 2021's rule (`extended`): rustc keeps the tail's temporaries to the end of the
/// enclosing temporary scope — a statement, the body, a branch's, an arm's or a loop's body
/// (as rustc's terminating scopes) — past the locals of every block in between. So they are
/// declared here, without a value, first in that scope (so they drop after every local
/// declared in it), and assigned where they are made.
///
/// from: `let n = { let a = D::new(); len(&D::new()).await };`
/// into: `let n = { let mut __temp0; let __value = { let a = D::new(); { __temp0 = D::new();`
///       `len(&__temp0).await } }; __value };`
///
/// Edition 2024's: the lowering puts the temporaries of a tail that suspends in a block that
/// stands for it (`lower.rs`), so they drop before the locals; a tail after a point is made
/// the body of a `match` arm of its own here (`in_arm`), a temporary scope that ends before
/// the locals (the braces the emitter writes around it are of the macro's edition, 2021).
///
/// (A tail that is itself a construct — a `match`, an `if` — keeps its scrutinee's
/// temporaries to the end of the construct, as the lowering does; but edition 2024's arm
/// for one after a point without a point of its own, and edition 2021's declarations for a
/// `match` with one, `scrutinee`.)
pub struct Tails<'a> {
    next: &'a mut usize,
    new_type: &'a dyn Fn(&Expr) -> bool,
    /// Edition 2021's rule, else 2024's.
    extended: bool,
    /// Some tail's temporaries drop in another order under the other rule.
    pub changed: bool,
}

impl<'a> Tails<'a> {
    pub fn new(next: &'a mut usize, new_type: &'a dyn Fn(&Expr) -> bool, extended: bool) -> Self {
        Tails {
            next,
            new_type,
            extended,
            changed: false,
        }
    }

    /// A block that is a temporary scope of its own: the body, a branch, an arm, a loop's.
    pub fn scope(&mut self, b: &mut syn::Block) {
        let mut decls = Vec::new();
        self.block(b, &mut decls, false, true);
        b.stmts.splice(0..0, decls);
    }

    /// A block whose tail's temporaries go to `decls`; `locals`: a block it is the tail of
    /// declares a local; `own`: it is a temporary scope of its own (`scope`).
    fn block(&mut self, b: &mut syn::Block, decls: &mut Vec<syn::Stmt>, locals: bool, own: bool) {
        let n = b.stmts.len();
        let before = &b.stmts[..n.saturating_sub(1)];
        let locals = locals
            || before
                .iter()
                .any(|s| matches!(s, syn::Stmt::Local(_) | syn::Stmt::Macro(_)));
        let split = before.iter().any(scan::stmt_suspends);
        for (i, s) in b.stmts.iter_mut().enumerate() {
            match s {
                syn::Stmt::Expr(e, None) if i + 1 == n => {
                    // (Edition 2021's rule needs nothing for a tail after a point in a block
                    // that is a scope of its own: the emitter's braces, of the macro's
                    // edition, drop its temporaries after the block's locals already.)
                    let split = split && !(own && self.extended);
                    self.tail(e, decls, locals, split)
                }
                s => self.stmt(s),
            }
        }
    }

    /// A statement: a temporary scope of its own, whose declarations wrap its value.
    fn stmt(&mut self, s: &mut syn::Stmt) {
        let mut decls = Vec::new();
        match s {
            syn::Stmt::Local(l) => {
                let Some(init) = &mut l.init else { return };
                // (Edition 2021's rule leaves a `let … else`'s value as it is: wrapped for the
                // declarations, it would need parentheses, which draw `unused_parens`.)
                if let Some((_, els)) = &mut init.diverge {
                    self.branch(els);
                    if self.extended {
                        return;
                    }
                }
                // (`let r = &{ ..; f(&mk()).await };`: the value's temporaries are extended to
                // the `let`'s scope, which a block around the value would end.)
                if crate::lower::extends_temporaries(&init.expr) {
                    return;
                }
                self.expr(&mut init.expr, &mut decls, false);
                if decls.is_empty() {
                    return;
                }
                let e = &init.expr;
                let v = syn::Ident::new("__value", Span::mixed_site());
                *init.expr = syn::parse_quote!({ #(#decls)* let #v = #e; #v });
            }
            syn::Stmt::Expr(e, semi) => {
                self.expr(e, &mut decls, false);
                if decls.is_empty() {
                    return;
                }
                // (With its `;` inside: its value drops before the temporaries.)
                *e = match semi.take() {
                    Some(_) => syn::parse_quote!({ #(#decls)* #e; }),
                    None => syn::parse_quote!({ #(#decls)* #e }),
                };
            }
            _ => {}
        }
    }

    /// A branch's, an arm's or an `else`'s body: a temporary scope of its own.
    fn branch(&mut self, e: &mut Expr) {
        match e {
            Expr::Block(b) if b.label.is_none() => self.scope(&mut b.block),
            e => {
                let mut decls = Vec::new();
                self.expr(e, &mut decls, false);
                if !decls.is_empty() {
                    *e = syn::parse_quote!({ #(#decls)* #e });
                }
            }
        }
    }

    /// `e`, evaluated in a temporary scope whose tails' temporaries go to `decls`.
    fn expr(&mut self, e: &mut Expr, decls: &mut Vec<syn::Stmt>, locals: bool) {
        if !scan::suspends(e) {
            return;
        }
        match e {
            Expr::Block(b) => self.block(&mut b.block, decls, locals, false),
            Expr::Unsafe(u) => self.block(&mut u.block, decls, locals, false),
            Expr::If(i) => {
                self.scope(&mut i.then_branch);
                if let Some((_, els)) = &mut i.else_branch {
                    self.branch(els);
                }
            }
            Expr::Match(m) => m.arms.iter_mut().for_each(|a| self.branch(&mut a.body)),
            Expr::Loop(l) => self.scope(&mut l.body),
            Expr::While(w) => self.scope(&mut w.body),
            Expr::ForLoop(f) => self.scope(&mut f.body),
            // Their own bodies; the right operand of `&&`/`||` is a scope of its own; what a
            // reference takes may be extended to an enclosing `let`'s scope (left as it is).
            Expr::Closure(_) | Expr::Async(_) | Expr::Reference(_) => {}
            Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_) | syn::BinOp::Or(_)) => {
                self.expr(&mut b.left, decls, locals)
            }
            Expr::Await(a) => self.expr(&mut a.base, decls, locals),
            e => {
                for op in crate::lower::operands_mut(e) {
                    self.expr(op, decls, locals);
                }
            }
        }
    }

    /// Edition 2021's rule for a `match` or `if let` tail that suspends: its scrutinee's
    /// temporaries (all of them, which `lower.rs` would hoist to the construct's own block)
    /// declared in `decls` and assigned before it.
    ///
    /// from: `{ let _d = d; match guard().len() { 1 => { x.await; 1 } _ => 0 } }`
    /// into: `{ let mut __temp0; .. { let _d = d; { __temp0 = guard(); match __temp0.len()`
    ///       `{ .. } } } }`
    fn scrutinee(&mut self, e: &mut Expr, decls: &mut Vec<syn::Stmt>, locals: bool) {
        let by_value = match &*e {
            Expr::Match(m) => m.arms.iter().any(|a| scan::binds_by_value(&a.pat)),
            Expr::If(syn::ExprIf { cond, .. }) => {
                matches!(&**cond, Expr::Let(l) if scan::binds_by_value(&l.pat))
            }
            _ => true,
        };
        let Some(scrutinee) = scrutinee_of(e) else {
            unreachable!("a `match` or an `if let`")
        };
        let original = scrutinee.clone();
        let mut h = Hoist::new(self.next, self.new_type);
        h.all(scrutinee);
        let mut made: Vec<syn::Stmt> = Vec::new();
        if h.stmts.iter().any(is_temp) {
            self.changed = true;
            made = deferred(h.stmts, decls);
        } else {
            *scrutinee = original;
        }
        // The scrutinee itself, when it is a value the patterns bind nothing of by value
        // (`match mk() { T(ref v) => .. }`): rustc's scrutinee temporary, as `lower.rs`'s
        // `scrutinee_temps` makes it a hidden local where the `match` is not a tail.
        if held_scrutinee(scrutinee, by_value) {
            let t = format_ident!("{}{}", TEMP, *self.next, span = Span::mixed_site());
            *self.next += 1;
            let value = std::mem::replace(scrutinee, syn::parse_quote!(#t));
            decls.push(syn::parse_quote!(let mut #t;));
            made.push(syn::parse_quote!(#t = #value;));
            self.changed = true;
        }
        // (A point in the scrutinee: its blocks' tails go to `decls` too, as any operand's;
        // then the arms or branches.)
        self.expr(scrutinee, decls, locals);
        self.expr(e, decls, locals);
        if !made.is_empty() {
            *e = syn::parse_quote!({ #(#made)* #e });
        }
    }

    /// A block's tail expression; `split`: a point comes before it in its block.
    fn tail(&mut self, e: &mut Expr, decls: &mut Vec<syn::Stmt>, locals: bool, split: bool) {
        let construct = scan::block_like(e) || matches!(e, Expr::Closure(_) | Expr::Async(_));
        let suspends = scan::suspends(e);
        // (`{ ..; &String::from("x") }` as a `let`'s value: the temporary is extended to the
        // `let`'s scope, not the tail's; left as it is. A tail that never completes, `return
        // f(&mk())`, `break 2`, drops its temporaries as it leaves; in an arm of its own the
        // code after would be `unreachable_code`.)
        let extended = crate::lower::extends_temporaries(e);
        let diverges = crate::emit::expr_diverges(scan::strip_parens(e));
        let leaves = matches!(e, Expr::Return(_) | Expr::Break(_));
        // (Edition 2024: a `match` or an `if` after a point is a tail like any other, its
        // scrutinee's temporaries those of the tail.)
        let arm_construct =
            split && !suspends && !self.extended && matches!(e, Expr::Match(_) | Expr::If(_));
        // (Edition 2021: a `match` with a point of its own keeps its scrutinee's temporaries,
        // which the lowering would hoist to the `match`'s end, to the enclosing scope's.)
        if self.extended && suspends && locals && scrutinee_of(e).is_some() {
            return self.scrutinee(e, decls, locals);
        }
        if (construct && !arm_construct)
            || extended
            || (diverges && !leaves)
            || !locals
            || !(suspends || split)
        {
            return self.expr(e, decls, locals);
        }
        if suspends && !self.extended {
            // The lowering hoists them itself (see above): only whether there are any.
            let (mut copy, mut n) = (e.clone(), 0);
            let mut h = Hoist::new(&mut n, self.new_type);
            h.before_last_point(&mut copy);
            self.changed |= h.stmts.iter().any(is_temp);
            return self.expr(e, decls, locals);
        }
        if !self.extended {
            // After a point: in the body of a `match` arm of its own (an arm's body is a
            // temporary scope, and keeps the type the block is expected to have), which
            // drops all its temporaries, whatever they are, before the block's locals; for
            // `return v`/`break v`, the value (the code after the arm would be unreachable).
            let value = match e {
                Expr::Return(syn::ExprReturn { expr: Some(v), .. })
                | Expr::Break(syn::ExprBreak { expr: Some(v), .. }) => &mut **v,
                Expr::Return(_) | Expr::Break(_) => return,
                e => e,
            };
            if !matches!(value, Expr::Path(_) | Expr::Lit(_)) {
                self.changed = true;
                *value = in_arm(std::mem::replace(value, Expr::PLACEHOLDER));
            }
            return;
        }
        if diverges {
            return self.expr(e, decls, locals);
        }
        let original = (!suspends).then(|| e.clone());
        let mut h = Hoist::new(self.next, self.new_type);
        if suspends {
            h.before_last_point(e);
        } else {
            h.all(e);
        }
        // (Not where a temporary's value borrows what it makes, `f(&D(..))` hoisted from
        // `g(&f(&D(..)))`: what `Hoist` leaves in it would drop where it is assigned, before
        // the locals; the emitter's braces keep 2021's order for the rest as it is.)
        let nested = |s: &syn::Stmt| {
            struct Refs(bool);
            impl<'a> syn::visit::Visit<'a> for Refs {
                fn visit_expr_reference(&mut self, _: &'a syn::ExprReference) {
                    self.0 = true;
                }
            }
            let mut r = Refs(false);
            syn::visit::Visit::visit_stmt(&mut r, s);
            is_temp(s) && r.0
        };
        if !h.stmts.iter().any(is_temp) || (original.is_some() && h.stmts.iter().any(nested)) {
            // (Nothing bound either: `bind` binds only what comes before a temporary.)
            if let Some(o) = original {
                *e = o;
            }
            return self.expr(e, decls, locals);
        }
        self.changed = true;
        let made = deferred(h.stmts, decls);
        // (Blocks left in its operands, after the hoisted ones: theirs go to `decls` too.)
        self.expr(e, decls, locals);
        if !made.is_empty() {
            *e = syn::parse_quote!({ #(#made)* #e });
        }
    }
}
