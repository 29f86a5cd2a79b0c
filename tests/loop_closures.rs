//! Closures, `async` blocks and closure-made iterators declared inside a loop that suspends
//! and kept across a suspension point. The loop's body is written once per arm that runs
//! it, so each copy of the `let` has a type of its own; the copies are wrapped in one type
//! (stackless-runtime's `alt.rs`: `Alt`, and `AltFn{N}` for closures, which derefs to
//! `dyn Fn`).
// `let v = v;` makes a parameter a local of the body on purpose.
#![allow(clippy::redundant_locals)]

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

#[stackless::coroutine]
fn by_ref_capture(v: Vec<u32>) -> impl Iterator<Item = u32> {
    let v = v;
    for i in 0..2u32 {
        let f = |x: u32| x + v[0] + i;
        yield_!(f(1));
        yield_!(f(2));
    }
}

#[stackless::coroutine]
fn nested_loops(n: u32) -> impl Iterator<Item = u32> {
    for i in 0..n {
        for j in 0..2 {
            let f = move |x: u32| x * 100 + i * 10 + j;
            yield_!(f(0));
            yield_!(f(1));
        }
    }
}

both! {
    async fn fut_in_loop / fut_in_loop_native(n: u32) -> u32 {
        let mut t = 0;
        for i in 0..n {
            let later = async move { i * 2 };
            t += delay(1, 1).await;
            t += later.await;
        }
        t
    }
}

#[stackless::coroutine]
fn iter_kept(n: u32) -> impl Iterator<Item = u32> {
    for i in 0..n {
        let mut it = (0..3).map(move |x| x + i);
        yield_!(it.next().unwrap());
        yield_!(it.next().unwrap());
    }
}

/// A closure borrowing a local of the body (a pinned slot) and the loop's variable.
#[test]
fn a_loop_closure_that_borrows_a_local() {
    assert_eq!(by_ref_capture(vec![5]).collect::<Vec<_>>(), [6, 7, 7, 8]);
}

#[test]
fn closures_in_nested_loops() {
    assert_eq!(nested_loops(1).collect::<Vec<_>>(), [0, 100, 1, 101]);
    assert_eq!(nested_loops(2).count(), 8);
}

#[test]
fn an_async_block_made_in_a_loop_is_awaited_after_another_await() {
    assert_eq!(block_on(fut_in_loop(3)), block_on(fut_in_loop_native(3)));
    cancels_like_native(|| fut_in_loop(3), || fut_in_loop_native(3), 8);
}

#[test]
fn an_adapter_made_in_a_loop_is_driven_across_yields() {
    assert_eq!(iter_kept(2).collect::<Vec<_>>(), [0, 1, 1, 2]);
}

#[stackless::coroutine]
fn cloned(n: u32) -> impl Iterator<Item = u32> {
    for i in 0..n {
        let f = move |x: u32| x + i;
        let it = (0..2).map(move |x| x * 10 + i);
        yield_!(0);
        let g = f.clone();
        let again = it.clone();
        yield_!(g(1) + f(2));
        for y in it.chain(again) {
            yield_!(y);
        }
    }
}

#[test]
fn the_copies_can_be_cloned() {
    assert_eq!(
        cloned(2).collect::<Vec<_>>(),
        [0, 3, 0, 10, 0, 10, 0, 5, 1, 11, 1, 11]
    );
}

// A closure yielded from a loop (issue 20): the item type is `impl Fn…`, and each copy of
// the `yield_!` makes a closure of its own type; the copies become one closure that calls
// the copy it holds (runtime `closure{N}`), as the trait the item type names.
#[stackless::coroutine]
fn yielded_fns(k: u32) -> impl Iterator<Item = impl Fn(u32) -> u32> {
    let mut n = 0;
    while n < 4 {
        yield_!(move |x| x + n + k);
        n += 1;
    }
}

#[stackless::coroutine]
fn yielded_fn_muts() -> impl Iterator<Item = impl FnMut() -> u32> {
    let mut start = 0;
    loop {
        let mut count = start;
        yield_!(move || {
            count += 1;
            count
        });
        start += 100;
        if start > 200 {
            break;
        }
    }
}

#[stackless::coroutine]
fn yielded_fn_onces(words: Vec<String>) -> impl Iterator<Item = impl FnOnce(char) -> String> {
    let mut words = words.into_iter();
    while let Some(mut w) = words.next() {
        yield_!(move |end: char| {
            w.push(end);
            w
        });
    }
}

#[stackless::coroutine]
fn yielded_static_strs(
    names: &'static [&'static str],
) -> impl Iterator<Item = impl Fn(usize) -> &'static str> {
    let mut i = 0;
    while i < 2 {
        yield_!(move |k| names[(i + k) % names.len()]);
        i += 1;
    }
}

#[stackless::coroutine]
fn yielded_futures(n: u32) -> impl Iterator<Item = impl std::future::Future<Output = u32>> {
    let mut i = 0;
    while i < n {
        yield_!(async move { delay(1, i * 3).await });
        i += 1;
    }
}

#[test]
fn closures_and_async_blocks_yielded_from_a_loop_are_one_type() {
    let got: Vec<u32> = yielded_fns(1).map(|f| f(100)).collect();
    assert_eq!(got, [101, 102, 103, 104]);
    let got: Vec<u32> = yielded_fn_muts().map(|mut f| f() + f()).collect();
    assert_eq!(got, [1 + 2, 101 + 102, 201 + 202]);
    let words = vec!["a".to_string(), "b".to_string()];
    let got: Vec<String> = yielded_fn_onces(words).map(|f| f('!')).collect();
    assert_eq!(got, ["a!", "b!"]);
    let got: Vec<&str> = yielded_static_strs(&["a", "b", "c"])
        .map(|f| f(1))
        .collect();
    assert_eq!(got, ["b", "c"]);
    let got: Vec<u32> = yielded_futures(3).map(block_on).collect();
    assert_eq!(got, [0, 3, 6]);
}
