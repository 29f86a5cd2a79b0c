//! Where the attribute applies: methods (`self`, `&self`, `&mut self`, `self: Box<Self>`),
//! trait impls, generic functions (type, lifetime and const parameters, where clauses,
//! `impl Trait` arguments), pattern parameters.

use stackless::{yield_, Coroutine};
use std::fmt::Debug;

struct Stack {
    items: Vec<u32>,
    name: String,
}

impl Stack {
    #[stackless::coroutine]
    fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        for x in &self.items {
            yield_!(*x);
        }
    }

    #[stackless::coroutine]
    fn drain(&mut self) -> impl Iterator<Item = u32> + '_ {
        while let Some(x) = self.items.pop() {
            yield_!(x);
        }
        self.name.push_str(" (drained)");
    }

    #[stackless::coroutine]
    fn into_labels(self) -> impl Iterator<Item = String> {
        // Locals are carried whole: a partially moved `self` cannot be, so split it first.
        let Stack { items, name } = self;
        for x in items {
            yield_!(format!("{name}:{x}"));
        }
    }

    #[stackless::coroutine]
    fn boxed(self: Box<Self>) -> impl Iterator<Item = usize> {
        yield_!(self.items.len());
        yield_!(self.name.len());
    }

    #[stackless::coroutine]
    fn mut_self(mut self) -> impl Iterator<Item = u32> {
        self.items.push(100);
        yield_!(self.items.len() as u32);
        self.items.clear();
        yield_!(self.items.len() as u32);
    }
}

fn stack() -> Stack {
    Stack {
        items: vec![1, 2, 3],
        name: "s".into(),
    }
}

#[test]
fn methods_with_every_receiver() {
    let mut s = stack();
    assert_eq!(s.iter().collect::<Vec<_>>(), [1, 2, 3]);
    assert_eq!(s.drain().collect::<Vec<_>>(), [3, 2, 1]);
    assert_eq!(s.name, "s (drained)");
    assert_eq!(
        stack().into_labels().collect::<Vec<_>>(),
        ["s:1", "s:2", "s:3"]
    );
    assert_eq!(Box::new(stack()).boxed().collect::<Vec<_>>(), [3, 1]);
    assert_eq!(stack().mut_self().collect::<Vec<_>>(), [4, 0]);
}

trait Source {
    fn values(&self) -> impl Iterator<Item = i64>;
    fn scaled(&self, k: i64) -> impl Iterator<Item = i64> + '_;
}

struct Ramp(i64);

impl Source for Ramp {
    #[stackless::coroutine]
    fn values(&self) -> impl Iterator<Item = i64> {
        // Edition 2021 RPITIT captures `&self`'s lifetime, like the trait's declaration.
        let n = self.0;
        for i in 0..n {
            yield_!(i);
        }
    }

    #[stackless::coroutine]
    fn scaled(&self, k: i64) -> impl Iterator<Item = i64> + '_ {
        for v in self.values() {
            yield_!(v * k);
        }
    }
}

#[test]
fn trait_impl_methods() {
    let r = Ramp(3);
    assert_eq!(r.values().collect::<Vec<_>>(), [0, 1, 2]);
    assert_eq!(r.scaled(10).collect::<Vec<_>>(), [0, 10, 20]);
}

#[stackless::coroutine]
fn generic<T, const N: usize>(items: [T; N]) -> impl Iterator<Item = String>
where
    T: Clone + Debug + PartialEq,
{
    // (Iterating `items.iter()` would borrow a local of the coroutine across the yield.)
    for i in 0..N {
        if i == 0 || items[i] != items[i - 1] {
            yield_!(format!("{:?}", items[i]));
        }
    }
}

#[test]
fn type_and_const_generics_with_where_clause() {
    assert_eq!(
        generic([1, 1, 2, 3, 3]).collect::<Vec<_>>(),
        ["1", "2", "3"]
    );
    assert_eq!(generic(["a", "b"]).collect::<Vec<_>>(), ["\"a\"", "\"b\""]);
}

#[stackless::coroutine]
fn lifetimes<'a, 'b>(a: &'a str, b: &'b str) -> impl Iterator<Item = &'a str> + use<'a, 'b> {
    for part in a.split(',') {
        if part != b {
            yield_!(part);
        }
    }
}

#[test]
fn lifetime_parameters() {
    let s = String::from("x,y,z");
    let skip = String::from("y");
    assert_eq!(lifetimes(&s, &skip).collect::<Vec<_>>(), ["x", "z"]);
}

#[stackless::coroutine]
fn impl_trait_args(
    it: impl IntoIterator<Item = u8>,
    f: impl Fn(u8) -> bool,
) -> impl Iterator<Item = u8> {
    for x in it {
        if f(x) {
            yield_!(x);
        }
    }
}

#[test]
fn impl_trait_arguments() {
    let v: Vec<u8> = impl_trait_args(vec![1, 2, 3, 4], |x| x % 2 == 0).collect();
    assert_eq!(v, [2, 4]);
}

#[stackless::coroutine]
fn pattern_params(
    (a, b): (u32, u32),
    [c, _, d]: [u32; 3],
    mut e: u32,
) -> impl Iterator<Item = u32> {
    yield_!(a + b);
    e += c;
    yield_!(e + d);
}

#[test]
fn destructuring_parameters() {
    assert_eq!(
        pattern_params((1, 2), [10, 0, 100], 5).collect::<Vec<_>>(),
        [3, 115]
    );
}

#[stackless::coroutine]
fn generic_coroutine<T: Default + std::ops::AddAssign + Copy>(
) -> impl Coroutine<T, Yield = T, Return = T> {
    let mut acc = T::default();
    for _ in 0..3 {
        let x = yield_!(acc);
        acc += x;
    }
    acc
}

#[test]
fn generic_resume_type() {
    use stackless::CoroutineState::*;
    let mut co = std::pin::pin!(generic_coroutine::<f64>());
    assert_eq!(co.as_mut().resume(0.0), Yielded(0.0));
    assert_eq!(co.as_mut().resume(1.5), Yielded(1.5));
    assert_eq!(co.as_mut().resume(2.0), Yielded(3.5));
    assert_eq!(co.as_mut().resume(0.5), Complete(4.0));
}

pub mod visibility {
    use stackless::yield_;
    #[stackless::coroutine]
    pub(crate) fn visible() -> impl Iterator<Item = u8> {
        yield_!(1);
    }

    /// Doc comments and attributes stay on the function.
    #[stackless::coroutine]
    #[inline]
    #[must_use]
    pub fn documented() -> impl Iterator<Item = u8> {
        yield_!(2);
    }
}

#[test]
fn visibility_and_attributes_are_kept() {
    assert_eq!(
        visibility::visible()
            .chain(visibility::documented())
            .collect::<Vec<_>>(),
        [1, 2]
    );
}

#[stackless::coroutine]
fn qualified_yield() -> impl Iterator<Item = u8> {
    stackless::yield_!(1);
    ::stackless::yield_!(2);
}

#[test]
fn yield_by_full_path() {
    assert_eq!(qualified_yield().collect::<Vec<_>>(), [1, 2]);
}

#[stackless::coroutine]
fn generic_names_like_ours<T0: Clone, F1: Fn(T0) -> u32>(
    x: T0,
    f: F1,
) -> impl Iterator<Item = u32> {
    yield_!(f(x.clone()));
    yield_!(f(x) + 1);
}

#[test]
fn generic_parameters_named_like_the_state_enums() {
    assert_eq!(
        generic_names_like_ours(2u32, |v| v * 10).collect::<Vec<_>>(),
        [20, 21]
    );
}

#[stackless::coroutine]
#[allow(clippy::implied_bounds_in_impls)] // the bounds as users write them
fn fused_first(n: u32) -> impl std::iter::FusedIterator + Iterator<Item = u32> {
    for i in 0..n {
        yield_!(i);
    }
}

#[stackless::coroutine]
#[allow(clippy::implied_bounds_in_impls)]
fn fused_borrowing(words: String) -> impl Iterator<Item = usize> + std::iter::FusedIterator {
    for w in words.split(' ') {
        yield_!(w.len());
    }
}

fn fused<I: std::iter::FusedIterator<Item = T>, T>(it: I) -> Vec<T> {
    it.collect()
}

/// `FusedIterator` among the bounds, before or after the one that names the item.
#[test]
fn fused_iterator_bounds_in_any_order() {
    assert_eq!(fused(fused_first(3)), [0, 1, 2]);
    assert_eq!(fused(fused_borrowing("a bb".into())), [1, 2]);
}
