//! Our streams with the ecosystem's stream combinators (futures, tokio-stream), and the
//! ecosystem's streams consumed by our coroutines.

mod common;
use common::{block_on, delay};
use futures::StreamExt as _;
use stackless::{yield_, Stream};

#[stackless::coroutine]
fn numbers(n: u32) -> impl Stream<Item = u32> {
    for i in 1..=n {
        delay(1, ()).await;
        yield_!(i);
    }
}

#[test]
fn futures_stream_ext_combinators() {
    let v: Vec<u32> = block_on(
        numbers(6)
            .filter(|x| std::future::ready(x % 2 == 0))
            .map(|x| x * 10)
            .collect(),
    );
    assert_eq!(v, [20, 40, 60]);
    let first_two: Vec<u32> = block_on(numbers(100).take(2).collect());
    assert_eq!(first_two, [1, 2]);
}

#[test]
fn futures_select_two_of_our_streams() {
    let merged: Vec<u32> = block_on(futures::stream::select(numbers(3), numbers(2)).collect());
    let mut sorted = merged.clone();
    sorted.sort();
    assert_eq!(sorted, [1, 1, 2, 2, 3]);
}

#[test]
fn tokio_stream_ext_on_our_stream() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let v: Vec<u32> = rt.block_on(async {
        let mut s = Box::pin(tokio_stream::StreamExt::skip(numbers(4), 1));
        let mut out = Vec::new();
        while let Some(x) = tokio_stream::StreamExt::next(&mut s).await {
            out.push(x);
        }
        out
    });
    assert_eq!(v, [2, 3, 4]);
}

#[stackless::coroutine]
fn sum_of<S: Stream<Item = u32> + Unpin>(inner: S) -> impl Stream<Item = u32> {
    let mut inner = inner;
    let mut total = 0;
    loop {
        let (item, rest) = stackless::rt::take_next(inner).await;
        inner = rest;
        match item {
            Some(x) => {
                total += x;
                yield_!(total);
            }
            None => return,
        }
    }
}

#[test]
fn consuming_a_futures_stream() {
    let v: Vec<u32> = block_on(sum_of(futures::stream::iter(vec![1, 2, 3])).collect());
    assert_eq!(v, [1, 3, 6]);
}

#[test]
fn consuming_a_tokio_stream() {
    let v: Vec<u32> = block_on(sum_of(tokio_stream::iter(vec![5, 5])).collect());
    assert_eq!(v, [5, 10]);
}

#[test]
fn rt_next_in_a_native_async_block() {
    let v = stackless::rt::block_on(async {
        let mut s = Box::pin(numbers(3));
        let mut out = Vec::new();
        while let Some(x) = stackless::rt::next(&mut s).await {
            out.push(x);
        }
        out
    });
    assert_eq!(v, [1, 2, 3]);
}
