//! `#[for_await] for pat in stream { .. }` in an `async fn` or an async generator: each item
//! awaited in turn, with the `for` loop's pattern, label, `break` and `continue` (the
//! attribute of futures-async-stream; `#[stackless::for_await]` works too).

use futures_core::Stream;
use stackless::yield_;

#[derive(Debug, PartialEq)]
struct Foo(u32);

fn foos(n: u32) -> impl Stream<Item = Foo> {
    futures::stream::iter((0..n).map(Foo))
}

#[stackless::coroutine]
async fn sum_until(n: u32, stop: u32) -> u32 {
    let mut total = 0;
    #[for_await]
    'items: for Foo(i) in foos(n) {
        if i % 2 == 1 {
            continue 'items;
        }
        if i >= stop {
            break;
        }
        total += i;
    }
    total
}

#[stackless::coroutine]
async fn nested(n: u32) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    #[stackless::for_await]
    'outer: for Foo(a) in foos(n) {
        #[for_await]
        for Foo(b) in foos(n) {
            if b > a {
                continue 'outer;
            }
            out.push((a, b));
        }
    }
    out
}

#[stackless::coroutine]
fn doubled(n: u32) -> impl Stream<Item = u32> {
    #[for_await]
    for Foo(i) in foos(n) {
        yield_!(i * 2);
    }
}

#[test]
fn for_await_loops() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    assert_eq!(rt.block_on(sum_until(10, 100)), 20);
    assert_eq!(rt.block_on(sum_until(10, 5)), 6);
    assert_eq!(
        rt.block_on(nested(3)),
        [(0, 0), (1, 0), (1, 1), (2, 0), (2, 1), (2, 2)]
    );
    let got: Vec<u32> = rt.block_on(async {
        let mut s = std::pin::pin!(doubled(4));
        let mut v = Vec::new();
        while let Some(x) = stackless::next(&mut s).await {
            v.push(x);
        }
        v
    });
    assert_eq!(got, [0, 2, 4, 6]);
}

#[stackless::coroutine]
fn summed_in_a_block(v: Vec<u32>) -> impl futures::Stream<Item = u32> {
    let sum = async {
        let mut t = 0;
        #[stackless::for_await]
        for x in futures::stream::iter(v) {
            t += x;
        }
        t
    }
    .await;
    yield_!(sum);
}

#[stackless::coroutine]
async fn summed_in_a_move_block(extra: u32) -> u32 {
    let s = stackless::stream! {
        for x in [1u32, 2] {
            yield x;
        }
    };
    let f = async move {
        let mut t = 0;
        #[for_await]
        for x in s {
            t += x;
        }
        t
    };
    f.await + extra
}

/// `#[for_await]` in an `async` block inside the body (futures-async-stream's `nested`
/// shape): the block awaits on its own, its loop is rewritten as the body's are. (Before,
/// "cannot find attribute `for_await`"; found by the peer hunt.)
#[test]
fn a_for_await_loop_in_a_nested_async_block() {
    use futures::StreamExt;
    assert_eq!(
        stackless::rt::block_on(summed_in_a_block(vec![1, 2]).collect::<Vec<_>>()),
        [3]
    );
    assert_eq!(stackless::rt::block_on(summed_in_a_move_block(4)), 7);
}
