//! Safe programs that once reached freed memory through a machine (issue 17), as run-pass
//! tests with the native result. `.ci/sanitize` runs this file under valgrind and
//! AddressSanitizer; the programs rustc rejects are in `tests/ui` (`pinned_*_elided_*`,
//! `in_place_borrow_across_method_argument`).

mod common;

use common::D;
use stackless::{rt, yield_, Coroutine, CoroutineState};

async fn touch<T>(_: &T) {
    rt::yield_now().await
}

// ---- a non-`move` closure or `async` block that moves a pinned local owns it -------------

#[stackless::coroutine]
async fn boxed_closure_let() -> Box<dyn FnOnce() -> Vec<u32>> {
    let v = vec![1, 2, 3];
    touch(&v).await; // `v` lives in a pinned slot
    let f: Box<dyn FnOnce() -> Vec<u32>> = Box::new(|| v);
    f
}

#[stackless::coroutine]
async fn boxed_closure_tail() -> Box<dyn FnOnce() -> Vec<u32>> {
    let v = vec![1, 2, 3];
    touch(&v).await;
    Box::new(|| v)
}

/// The closure owns `v` (the machine is gone when it runs), and the tail expression
/// coerces to the declared `Box<dyn FnOnce>` as a native `async fn`'s does.
#[test]
fn a_closure_that_moves_a_pinned_local_owns_it() {
    let f = rt::block_on(boxed_closure_let());
    assert_eq!(f(), [1, 2, 3]);
    let f = rt::block_on(boxed_closure_tail());
    assert_eq!(f(), [1, 2, 3]);
}

#[stackless::coroutine]
async fn escaping_async_block() -> impl std::future::Future<Output = usize> {
    let s = String::from("owned by the block");
    touch(&s).await;
    async { s.len() + s.into_bytes().len() }
}

/// A non-`move` `async` block that moves a pinned local owns it too.
#[test]
fn an_async_block_that_moves_a_pinned_local_owns_it() {
    let inner = rt::block_on(escaping_async_block());
    assert_eq!(rt::block_on(inner), 36);
}

#[stackless::coroutine]
async fn copy_local_mutated_by_closure() -> (i32, i32) {
    let mut n = 5i32;
    let e = 0u8;
    let r = &n;
    touch(&e).await;
    let _ = *r;
    let mut bump = || {
        n += 1;
        n
    };
    let a = bump();
    let b = bump();
    (a + b, n)
}

/// A `Copy` local the closure reads by value and writes is borrowed by it, as natively: the
/// body sees the writes.
#[test]
fn a_closure_borrows_a_copy_local_it_reads_by_value() {
    assert_eq!(rt::block_on(copy_local_mutated_by_closure()), (13, 7));
}

#[stackless::coroutine]
fn drops_with_the_closure() -> impl Iterator<Item = u32> {
    let d = D("captured");
    let v = vec![1u32];
    let keep = || {
        let d = d;
        d.0.len() as u32
    };
    for x in &v {
        yield_!(*x);
    }
    common::log("made");
    yield_!(2);
    drop(keep);
    common::log("closure dropped");
    yield_!(3);
}

/// A moved-in local is dropped with the closure, not with the machine.
#[test]
fn a_moved_in_local_drops_with_the_closure() {
    let _ = common::take_log();
    let ys: Vec<u32> = drops_with_the_closure().collect();
    assert_eq!(ys, [1, 2, 3]);
    assert_eq!(
        common::take_log(),
        ["made", "drop captured", "closure dropped"]
    );
}

// ---- elided lifetimes in the signature are the signature's -------------------------------

struct Bag {
    items: Vec<u8>,
}

impl Bag {
    #[stackless::coroutine]
    fn items(&self) -> impl Iterator<Item = &u8> {
        let order: Vec<usize> = (0..self.items.len()).rev().collect();
        for i in &order {
            yield_!(&self.items[*i]);
        }
    }
}

#[stackless::coroutine]
fn words(s: &str) -> impl Iterator<Item = &str> {
    let v: Vec<&str> = s.split(' ').collect();
    for w in &v {
        yield_!(w);
    }
}

#[stackless::coroutine]
fn split(s: &str) -> impl Coroutine<i32, Yield = &str, Return = &str> {
    let v: Vec<&str> = s.split(' ').collect();
    let mut sum = 0;
    for w in &v {
        sum += yield_!(w);
    }
    v[sum as usize % v.len()]
}

#[stackless::coroutine]
async fn first_word(s: &str) -> &str {
    let v: Vec<&str> = s.split(' ').collect();
    touch(&v).await;
    v[0]
}

/// What a native `-> impl Iterator<Item = &T>` (or `Coroutine`, or `async fn`) with an
/// elided lifetime allows — references into the arguments, not into the locals — still
/// compiles and runs.
#[test]
fn references_into_the_arguments_may_leave() {
    let bag = Bag {
        items: vec![1, 2, 3],
    };
    assert_eq!(bag.items().copied().collect::<Vec<_>>(), [3, 2, 1]);
    assert_eq!(words("a b c").collect::<Vec<_>>(), ["a", "b", "c"]);
    let mut co = std::pin::pin!(split("x y z"));
    let mut seen = Vec::new();
    let ret = loop {
        match co.as_mut().resume(1) {
            CoroutineState::Yielded(w) => seen.push(w),
            CoroutineState::Complete(r) => break r,
        }
    };
    assert_eq!((seen, ret), (vec!["x", "y", "z"], "x"));
    assert_eq!(rt::block_on(first_word("hello world")), "hello");
}

// ---- `#[cfg]` on code that suspends --------------------------------------------------------

#[stackless::coroutine]
fn configured_yields() -> impl Iterator<Item = u32> {
    #[cfg(any())]
    yield_!(100);
    yield_!(1);
    #[cfg(test)]
    yield_!(2);
    let n = match 3 {
        #[cfg(any())]
        3 => yield_!(30),
        _ => 3,
    };
    yield_!(n);
}

#[stackless::coroutine]
async fn configured_awaits() -> u32 {
    let mut n = 1;
    #[cfg(any())]
    {
        n += 10;
        rt::yield_now().await;
    }
    #[cfg(not(any()))]
    {
        n += 100;
        rt::yield_now().await;
    }
    n
}

/// rustc decides the `#[cfg]`s: a statement (or match arm) it turns off is not in the
/// machine, suspension points and all.
#[test]
fn cfg_on_a_suspending_statement_is_honoured() {
    assert_eq!(configured_yields().collect::<Vec<_>>(), [1, 2, 3]);
    assert_eq!(rt::block_on(configured_awaits()), 101);
}

#[cfg(test)]
#[stackless::coroutine]
fn configured_by_test() -> impl Iterator<Item = &'static str> {
    #[cfg(test)]
    yield_!("test");
    #[cfg(not(test))]
    yield_!("not test");
    #[cfg(debug_assertions)]
    yield_!("debug");
}

/// The same with predicates that are true.
#[test]
fn cfg_predicates_that_hold_keep_their_code() {
    let expected: &[&str] = if cfg!(debug_assertions) {
        &["test", "debug"]
    } else {
        &["test"]
    };
    assert_eq!(configured_by_test().collect::<Vec<_>>(), expected);
}

// ---- found by adversarial review ------------------------------------------------------------

#[allow(clippy::toplevel_ref_arg, clippy::let_underscore_untyped)] // the point
#[stackless::coroutine]
fn let_wildcard_keeps_the_local() -> impl Iterator<Item = usize> {
    let s = String::from("hello world, a heap string");
    for ch in s.chars().take(1) {
        yield_!(ch as usize);
    }
    let r = &s;
    let _ = s; // moves nothing
    yield_!(r.len());
    let f = || {
        let _ = s;
        let ref t = s;
        t.len()
    };
    yield_!(f() + s.len());
}

/// `let _ = x;` and `let ref t = x;` (in the body, in a closure) take `x` as a place, as
/// natively; they moved a pinned local out and dropped it while `r` borrowed it.
#[test]
fn a_wildcard_or_ref_let_moves_nothing() {
    assert_eq!(
        let_wildcard_keeps_the_local().collect::<Vec<_>>(),
        [104, 26, 52]
    );
}

#[stackless::coroutine]
fn configured_by_cfg_attr() -> impl Iterator<Item = u32> {
    #[cfg_attr(test, cfg(any()))]
    yield_!(100);
    yield_!(1);
    let t = [
        #[cfg(any())]
        {
            yield_!(200);
            7
        },
        8,
    ];
    yield_!(t[0]);
    let (u,) = (
        #[cfg(any())]
        {
            yield_!(300);
            5
        },
        9,
    );
    yield_!(u);
}

/// `#[cfg_attr(p, cfg(q))]`, and `#[cfg]` on an element of an array or a tuple that
/// suspends, are decided by rustc too (the machine had kept a yield that the twin, which
/// rustc configures, did not check).
#[test]
fn cfg_attr_and_cfg_on_elements_are_honoured() {
    assert_eq!(configured_by_cfg_attr().collect::<Vec<_>>(), [1, 8, 9]);
}
