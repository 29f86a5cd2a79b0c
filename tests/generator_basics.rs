//! The machine's contract: Iterator and Coroutine behaviour, fusing, panics.

use stackless::{yield_, Coroutine, CoroutineState};
use std::pin::pin;

#[stackless::coroutine]
fn count_up(limit: u64) -> impl Iterator<Item = u64> {
    let mut i = 0;
    while i < limit {
        yield_!(i);
        i += 1;
    }
}

#[test]
fn iterator_yields_then_fuses() {
    let mut it = count_up(2);
    assert_eq!(it.next(), Some(0));
    assert_eq!(it.next(), Some(1));
    assert_eq!(it.next(), None);
    assert_eq!(it.next(), None);
    assert_eq!(it.next(), None);
}

fn assert_fused<I: std::iter::FusedIterator>(_: &I) {}

#[stackless::coroutine]
fn fused_count(limit: u64) -> impl std::iter::FusedIterator<Item = u64> {
    for i in 0..limit {
        yield_!(i);
    }
}

#[test]
fn iterator_is_fused_and_composes() {
    let it = fused_count(10);
    assert_fused(&it);
    let v: Vec<u64> = it.filter(|x| x % 3 == 0).map(|x| x * x).collect();
    assert_eq!(v, [0, 9, 36, 81]);
    assert_eq!(count_up(100).sum::<u64>(), 4950);
}

#[stackless::coroutine]
fn empty() -> impl Iterator<Item = u8> {}

#[test]
fn no_yield_at_all() {
    assert_eq!(empty().next(), None);
}

#[stackless::coroutine]
fn echo() -> impl Coroutine<String, Yield = usize, Return = String> {
    let mut all = String::new();
    loop {
        let s = yield_!(all.len());
        if s.is_empty() {
            return all;
        }
        all.push_str(&s);
    }
}

#[test]
fn resume_arguments_and_return_value() {
    let mut co = pin!(echo());
    // The first argument starts the body and is dropped.
    assert_eq!(
        co.as_mut().resume("ignored".into()),
        CoroutineState::Yielded(0)
    );
    assert_eq!(co.as_mut().resume("ab".into()), CoroutineState::Yielded(2));
    assert_eq!(co.as_mut().resume("cde".into()), CoroutineState::Yielded(5));
    assert_eq!(
        co.as_mut().resume(String::new()),
        CoroutineState::Complete("abcde".into())
    );
}

#[test]
fn resume_after_completion_panics_naming_the_function() {
    let mut co = pin!(echo());
    let _ = co.as_mut().resume(String::new());
    let _ = co.as_mut().resume(String::new());
    let err = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        co.as_mut().resume(String::new())
    }))
    .unwrap_err();
    assert_eq!(
        *err.downcast::<&str>().unwrap(),
        "coroutine `echo` resumed after completion"
    );
}

#[stackless::coroutine]
fn panicky() -> impl Coroutine<bool, Yield = (), Return = ()> {
    loop {
        if yield_!() {
            panic!("asked to panic");
        }
    }
}

#[test]
fn resume_after_panic_panics_differently() {
    let mut co = pin!(panicky());
    let _ = co.as_mut().resume(false);
    let _ = co.as_mut().resume(false);
    let err = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| co.as_mut().resume(true)))
        .unwrap_err();
    assert_eq!(*err.downcast::<&str>().unwrap(), "asked to panic");
    let err = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| co.as_mut().resume(false)))
        .unwrap_err();
    assert_eq!(
        *err.downcast::<&str>().unwrap(),
        "coroutine `panicky` resumed after panicking"
    );
}

#[stackless::coroutine]
fn infinite() -> impl Iterator<Item = u32> {
    let mut n = 0u32;
    loop {
        yield_!(n);
        n = n.wrapping_add(1);
    }
}

#[test]
fn infinite_generator_is_lazy() {
    assert_eq!(infinite().skip(5).take(3).collect::<Vec<_>>(), [5, 6, 7]);
}

#[stackless::coroutine]
fn fib() -> impl Iterator<Item = u64> {
    let (mut a, mut b) = (0u64, 1u64);
    loop {
        yield_!(a);
        (a, b) = (b, a + b);
    }
}

#[test]
fn fibonacci() {
    assert_eq!(
        fib().take(10).collect::<Vec<_>>(),
        [0, 1, 1, 2, 3, 5, 8, 13, 21, 34]
    );
}

#[stackless::coroutine]
fn yields_references<'a>(words: &'a [String]) -> impl Iterator<Item = &'a str> + 'a {
    for w in words {
        if !w.is_empty() {
            yield_!(w.as_str());
        }
    }
}

#[test]
fn borrowing_a_parameter() {
    let words = vec!["a".to_string(), String::new(), "bc".to_string()];
    assert_eq!(yields_references(&words).collect::<Vec<_>>(), ["a", "bc"]);
}

#[stackless::coroutine]
fn coerced(s: &String) -> impl Iterator<Item = &str> + '_ {
    // The yielded `&String` coerces to the declared `&str`, as in a native generator.
    yield_!(s);
    yield_!(&s[1..]);
}

#[test]
fn yielded_values_coerce_to_the_declared_type() {
    let s = "xyz".to_string();
    assert_eq!(coerced(&s).collect::<Vec<_>>(), ["xyz", "yz"]);
}

#[stackless::coroutine]
fn recursive_tree(depth: u32) -> impl Iterator<Item = u32> {
    yield_!(depth);
    if depth > 0 {
        // Recursion goes through a box, as with native generators.
        let inner: Box<dyn Iterator<Item = u32>> = Box::new(recursive_tree(depth - 1));
        for x in inner {
            yield_!(x);
        }
    }
}

#[test]
fn recursion_through_a_box() {
    assert_eq!(recursive_tree(3).collect::<Vec<_>>(), [3, 2, 1, 0]);
}

/// Named like the method it calls: `a.windows(2)` is a slice's method, not a recursive call
/// of `windows` (this was rejected as recursion).
#[stackless::coroutine]
fn windows(a: Vec<u32>) -> impl Iterator<Item = u32> {
    let sums: Vec<u32> = a.windows(2).map(|w| w[0] + w[1]).collect();
    for s in sums {
        yield_!(s);
    }
}

struct Bag {
    items: Vec<u32>,
}

impl Bag {
    /// `self.items.iter()` inside `fn iter(&self)`: another type's `iter`.
    #[stackless::coroutine]
    fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        for x in self.items.iter() {
            yield_!(*x);
        }
    }
}

#[test]
fn a_method_call_of_the_generators_own_name_is_not_recursion() {
    assert_eq!(windows(vec![1, 2, 3]).collect::<Vec<_>>(), [3, 5]);
    let bag = Bag { items: vec![4, 5] };
    assert_eq!(bag.iter().collect::<Vec<_>>(), [4, 5]);
}
