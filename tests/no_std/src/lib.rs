//! `stackless` without its default features: no `std`, no `alloc`. Streams are consumed with
//! `stackless::next` / `stackless::take_next` (the executor in `stackless::rt` needs `std`),
//! coroutines are iterated with `stackless::from_coroutine`. Its tests poll the machines
//! with `core`'s no-op waker; `.ci/run` builds and tests this package alone, so that no other
//! package turns `std` on.
#![no_std]
#![deny(warnings, clippy::all)]

use core::pin::pin;
use stackless::{yield_, Coroutine, FusedStream, Stream};

/// `0..n`, with an await before each item.
#[stackless::coroutine]
pub fn count(n: u32) -> impl FusedStream<Item = u32> {
    for i in 0..n {
        core::future::ready(()).await;
        yield_!(i);
    }
}

/// The sum of a stream, pinned in the machine and drained with `stackless::next`.
#[stackless::coroutine]
pub async fn sum<S: Stream<Item = u32>>(s: S) -> u32 {
    let mut s = pin!(s);
    let mut total = 0;
    while let Some(x) = stackless::next(&mut s).await {
        total += x;
    }
    total
}

/// A stream's items doubled, taken one at a time with `stackless::take_next`.
#[stackless::coroutine]
pub fn doubled<S: Stream<Item = u32> + Unpin>(inner: S) -> impl Stream<Item = u32> {
    let mut inner = inner;
    loop {
        let (item, rest) = stackless::take_next(inner).await;
        inner = rest;
        match item {
            Some(x) => yield_!(x * 2),
            None => break,
        }
    }
}

/// Squares, as a coroutine that returns `()`.
#[stackless::coroutine]
pub fn squares(n: u32) -> impl Coroutine<Yield = u32, Return = ()> {
    for i in 1..=n {
        yield_!(i * i);
    }
}

/// The sum of `squares(n)`, through `from_coroutine` (the coroutine pinned on the stack).
pub fn sum_of_squares(n: u32) -> u32 {
    stackless::from_coroutine(pin!(squares(n))).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::future::Future;
    use core::task::{Context, Poll, Waker};

    fn block_on<F: Future>(f: F) -> F::Output {
        let mut f = pin!(f);
        let mut cx = Context::from_waker(Waker::noop());
        loop {
            if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
                return v;
            }
        }
    }

    #[test]
    fn next_drives_a_stream_without_std() {
        assert_eq!(block_on(sum(count(5))), 10);
        let mut s = pin!(count(2));
        block_on(async {
            assert_eq!(stackless::next(&mut s).await, Some(0));
            assert_eq!(stackless::next(&mut s).await, Some(1));
            assert!(!s.is_terminated());
            assert_eq!(stackless::next(&mut s).await, None);
            assert!(s.is_terminated());
        });
    }

    #[test]
    fn take_next_inside_a_coroutine() {
        let inner = pin!(count(4));
        assert_eq!(block_on(sum(doubled(inner))), 12);
    }

    #[test]
    fn from_coroutine_without_alloc() {
        assert_eq!(sum_of_squares(3), 14);
        let co = pin!(squares(2));
        let mut it = stackless::from_coroutine(co);
        assert_eq!((it.next(), it.next(), it.next()), (Some(1), Some(4), None));
    }
}
