//! Closures, `async` blocks and closure-made iterators declared inside a loop that suspends
//! and kept across a suspension point. The loop's body is written once per arm that runs
//! it, so each copy of the `let` has a type of its own; the copies are wrapped in one type
//! (stackless-runtime's `alt.rs`: `Alt`, and `AltFn{N}` for closures, which derefs to
//! `dyn Fn`).

#[macro_use]
mod common;
use common::{block_on, cancels_like_native, collect, delay, log, run, take_log, D};
use stackless::yield_;

#[stackless::coroutine]
fn fn_closure(n: u32) -> impl Iterator<Item = u32> {
    for i in 0..n {
        let f = move |x: u32| x + i * 10;
        yield_!(f(1));
        yield_!(f(2));
    }
}

#[test]
fn a_closure_made_in_a_loop_is_called_after_a_yield() {
    assert_eq!(fn_closure(3).collect::<Vec<_>>(), [1, 2, 11, 12, 21, 22]);
}

#[stackless::coroutine]
fn fn_mut_closure(n: u32) -> impl Iterator<Item = u32> {
    let mut i = 0;
    while i < n {
        let mut count = i * 100;
        let mut next = move || {
            count += 1;
            count
        };
        yield_!(next());
        yield_!(next());
        i += 1;
    }
}

#[test]
fn an_fn_mut_closure_keeps_its_state_across_yields() {
    assert_eq!(fn_mut_closure(2).collect::<Vec<_>>(), [1, 2, 101, 102]);
}

#[stackless::coroutine]
fn arities(n: u32) -> impl Iterator<Item = u32> {
    for i in 0..n {
        let zero = || i;
        let two = |a: u32, b: u32| a * b + i;
        yield_!(zero());
        yield_!(two(2, 3));
    }
}

#[test]
fn closures_of_zero_and_two_parameters() {
    assert_eq!(arities(2).collect::<Vec<_>>(), [0, 6, 1, 7]);
}

#[stackless::coroutine]
fn adapter(n: u32) -> impl Iterator<Item = u32> {
    for i in 1..=n {
        let it = (0..3).map(move |x| x * i);
        yield_!(0);
        for y in it {
            yield_!(y);
        }
    }
}

#[test]
fn an_iterator_adapter_made_in_a_loop_is_kept_across_a_yield() {
    assert_eq!(adapter(2).collect::<Vec<_>>(), [0, 0, 1, 2, 0, 0, 2, 4]);
}

#[stackless::coroutine]
fn blocks(n: u32) -> impl futures_core::Stream<Item = u32> {
    for i in 0..n {
        let fut = async move { i * 10 };
        yield_!(i);
        yield_!(fut.await);
    }
}

#[test]
fn an_async_block_made_in_a_loop_is_awaited_after_a_yield() {
    assert_eq!(collect(blocks(2)), [0, 0, 1, 10]);
}

#[stackless::coroutine]
fn captures(names: Vec<&'static str>) -> impl Iterator<Item = usize> {
    for name in names {
        let d = D(name);
        // Captures `d` whole (`d.0` alone would be a copy of the `&str`, and `d` would be
        // dead after the first yield, so dropped there: see "liveness" in the docs).
        let len = move || {
            let d = &d;
            d.0.len()
        };
        yield_!(len());
        yield_!(len() * 10);
    }
}

#[test]
fn a_closure_kept_across_a_yield_drops_its_captures_once() {
    let (v, log) = run(captures(vec!["a", "bb"]));
    assert_eq!(v, [1, 10, 2, 20]);
    assert_eq!(log, ["drop a", "drop bb"]);
    // Dropped while suspended between the two calls: the closure (and its `D`) go with it.
    take_log();
    let mut it = captures(vec!["a", "bb"]);
    assert_eq!(it.nth(2), Some(2));
    assert_eq!(take_log(), ["drop a"]);
    drop(it);
    assert_eq!(take_log(), ["drop bb"]);
}

both! {
    async fn awaits_between_calls / awaits_between_calls_native(n: u32) -> u32 {
        let mut total = 0;
        for i in 0..n {
            let d = D("captured");
            let scale = move |x: u32| {
                let _ = &d;
                x * (i + 1)
            };
            total += scale(delay(1, 2).await);
            log("between");
            total += scale(delay(1, 3).await);
        }
        total
    }
}

#[test]
fn an_async_fn_keeps_a_loop_closure_across_awaits_like_native() {
    assert_eq!(
        block_on(awaits_between_calls(3)),
        block_on(awaits_between_calls_native(3))
    );
    cancels_like_native(
        || awaits_between_calls(3),
        || awaits_between_calls_native(3),
        14,
    );
}
