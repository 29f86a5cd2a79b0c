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
