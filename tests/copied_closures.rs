//! Closures and `async` blocks in code the expansion writes more than once. The code after a
//! suspension point is copied into the arm that resumes there, so the body of a loop that
//! suspends appears in several arms, and each copy of a closure or `async` block is a type
//! of its own. A `for` loop's iterator or an awaited future made of one is kept in the
//! state, whose field has one type: the copies are unified (stackless-runtime's `alt.rs`).
//! Each of these was a type error ("expected closure, found a different closure").
// Indexing keeps `rows` un-borrowed across the yields (iterating `&rows` would pin it).
#![allow(clippy::needless_range_loop)]

#[macro_use]
mod common;
use common::{block_on, collect, delay, take_log, D};
use stackless::{yield_, Stream};
use std::task::Poll;

#[stackless::coroutine]
fn nested_adapters(rows: Vec<Vec<u32>>) -> impl Iterator<Item = u32> {
    for r in 0..rows.len() {
        for y in rows[r].iter().filter(|x| **x > 1).map(|x| x + 1) {
            yield_!(y);
        }
    }
}

#[stackless::coroutine]
fn capturing_by_move(rows: Vec<Vec<u32>>, k: u32) -> impl Iterator<Item = u32> {
    let mut row = 0;
    while row < rows.len() {
        let scale = k * (row as u32 + 1);
        for y in rows[row].iter().map(move |x| x * scale).rev() {
            yield_!(y);
        }
        row += 1;
    }
}

#[stackless::coroutine]
fn reached_from_two_yields(flag: bool, v: Vec<u32>) -> impl Iterator<Item = u32> {
    if flag {
        yield_!(100);
    } else {
        yield_!(200);
    }
    // Written in the arms of both yields above.
    for y in v.iter().map(|x| x + 1) {
        yield_!(y);
    }
}

#[test]
fn iterators_made_of_closures_inside_loops() {
    assert_eq!(
        nested_adapters(vec![vec![1, 2], vec![3], vec![0, 5]]).collect::<Vec<_>>(),
        [3, 4, 6]
    );
    assert_eq!(
        capturing_by_move(vec![vec![1, 2], vec![3]], 10).collect::<Vec<_>>(),
        [20, 10, 60]
    );
    assert_eq!(
        reached_from_two_yields(true, vec![1, 2]).collect::<Vec<_>>(),
        [100, 2, 3]
    );
    assert_eq!(
        reached_from_two_yields(false, vec![5]).collect::<Vec<_>>(),
        [200, 6]
    );
}

both! {
    async fn blocks_in_a_loop / blocks_in_a_loop_native(n: u64) -> u64 {
        let mut total = 0;
        let mut seen = Vec::new();
        for i in 0..n {
            // An `async move` block, and a closure (inside `poll_fn`) capturing `i`.
            total += async move {
                delay(1, ()).await;
                i * 2
            }
            .await;
            seen.push(total);
            total += std::future::poll_fn(|_| Poll::Ready(i)).await;
        }
        total + seen.len() as u64
    }
}

both! {
    async fn logged_blocks / logged_blocks_native(n: u32) -> usize {
        let mut kept = vec![D("kept")];
        for i in 0..n {
            let guard = D(if i % 2 == 0 { "even" } else { "odd" });
            async move {
                let _g = guard;
                delay(1, ()).await;
            }
            .await;
            kept.push(D("more"));
        }
        kept.len()
    }
}

#[test]
fn awaited_async_blocks_and_closures_inside_loops() {
    assert_eq!(block_on(blocks_in_a_loop(4)), 22);
    assert_eq!(block_on(blocks_in_a_loop_native(4)), 22);
    take_log();
    assert_eq!(block_on(logged_blocks(3)), 4);
    let ours = take_log();
    assert_eq!(block_on(logged_blocks_native(3)), 4);
    assert_eq!(ours, take_log());
}

#[test]
fn cancelled_at_every_poll_like_the_native_async_fn() {
    common::cancels_like_native(|| logged_blocks(3), || logged_blocks_native(3), 9);
}

#[stackless::coroutine]
fn stream_of_blocks(n: u32) -> impl Stream<Item = u32> {
    for i in 0..n {
        let v = async move {
            delay(1, ()).await;
            i * 3
        }
        .await;
        yield_!(v);
    }
}

#[test]
fn an_async_generator_awaiting_async_blocks() {
    assert_eq!(collect(stream_of_blocks(3)), [0, 3, 6]);
}

both! {
    async fn move_block_of_a_pinned_local / move_block_of_a_pinned_local_native(n: u64) -> u64 {
        // `i` is borrowed by the awaited `poll_fn` future (a pinned slot); the `async move`
        // block takes a copy of it.
        let mut t = 0;
        for i in 0..n {
            t += async move { i * 2 }.await;
            t += std::future::poll_fn(|_| Poll::Ready(i)).await;
        }
        t
    }
}

#[test]
fn a_move_block_copies_a_pinned_local() {
    assert_eq!(block_on(move_block_of_a_pinned_local(3)), 9);
    assert_eq!(block_on(move_block_of_a_pinned_local_native(3)), 9);
}

/// An adapter bound to a local first, then consumed by `take` in the `for` loop.
#[stackless::coroutine]
fn local_adapter(rows: Vec<Vec<u32>>) -> impl Iterator<Item = u32> {
    for r in 0..rows.len() {
        let it = rows[r].iter().map(|x| x * 2);
        for y in it.take(5) {
            yield_!(y);
        }
    }
}
/// An `async` block bound to a local, then awaited.
#[stackless::coroutine]
async fn local_future(n: u64) -> u64 {
    let mut t = 0;
    let mut v = Vec::new();
    for i in 0..n {
        let fut = async move {
            delay(1, ()).await;
            i + 1
        };
        t += fut.await;
        v.push(t);
    }
    t + v.len() as u64
}
#[test]
fn closures_and_blocks_bound_to_locals_first() {
    assert_eq!(
        local_adapter(vec![vec![1, 2], vec![3]]).collect::<Vec<_>>(),
        [2, 4, 6]
    );
    assert_eq!(block_on(local_future(3)), 9);
}

async fn lookup(w: &str) -> usize {
    delay(1, ()).await;
    w.len()
}

#[stackless::coroutine]
async fn closure_after_a_suspending_loop(words: Vec<String>, flag: bool) -> Vec<String> {
    let mut out = Vec::new();
    for w in &words {
        let n = lookup(w).await;
        out.push(format!("{w}{n}"));
    }
    if flag {
        delay(1, ()).await;
    }
    let mut count = 0;
    let mut bump = || count += 1;
    bump();
    delay(1, ()).await;
    bump();
    out.push(format!("count={count}"));
    out
}

/// A closure bound after a loop or a branch that suspends: the code after them is written
/// once per way to reach it, and the closure kept across the next point has one type (was
/// "expected closure, found a different closure").
#[test]
fn closures_after_suspending_loops_and_branches() {
    for flag in [false, true] {
        assert_eq!(
            block_on(closure_after_a_suspending_loop(vec![], flag)),
            ["count=2"]
        );
        assert_eq!(
            block_on(closure_after_a_suspending_loop(vec!["ab".into()], flag)),
            ["ab2", "count=2"]
        );
    }
}

#[stackless::coroutine]
fn yielded_blocks(n: u32) -> impl Iterator<Item = impl std::future::Future<Output = u32>> {
    for i in 0..n {
        yield_!(async move { i * 10 });
    }
}

#[stackless::coroutine]
fn yielded_boxed(
    n: u32,
) -> impl Iterator<Item = std::pin::Pin<Box<dyn std::future::Future<Output = u32>>>> {
    for i in 0..n {
        yield_!(Box::pin(async move { i + 1 }));
    }
}

/// An `async` block yielded in a loop: one type across the copies of the loop's body (was
/// "expected `async` block, found a different `async` block"); one coerced to a declared
/// `Box<dyn Future>` stays what it was.
#[test]
fn async_blocks_yielded_in_a_loop() {
    let total: u32 = yielded_blocks(3).map(block_on).sum();
    assert_eq!(total, 30);
    let total: u32 = yielded_boxed(3).map(block_on).sum();
    assert_eq!(total, 6);
}
