//! Async generators are `FusedStream`s: `is_terminated` is false until the stream has returned
//! `Ready(None)` (or its body panicked), read from the state's own tag. Every machine that
//! a stream compiles to (plain, resident, parked on an await, with pinned slots) implements
//! it, and `-> impl FusedStream<Item = T>` / `-> impl Stream<Item = T> + FusedStream` (any
//! order of bounds) expose it.
// `Stream<Item = T> + FusedStream` names a supertrait again: the bounds as users write them.
#![allow(clippy::implied_bounds_in_impls)]

mod common;
use common::delay;
use stackless::{yield_, FusedStream, Stream};
use std::pin::{pin, Pin};
use std::task::{Context, Poll, Waker};

/// Polls `s` to its end, checking `is_terminated` before each poll and after the end; returns
/// the items and the polls that returned `Pending`.
fn drain_fused<S: FusedStream + ?Sized>(mut s: Pin<&mut S>) -> (Vec<S::Item>, usize) {
    let mut cx = Context::from_waker(Waker::noop());
    let (mut items, mut pending) = (Vec::new(), 0);
    loop {
        assert!(!s.is_terminated(), "terminated before `Ready(None)`");
        match s.as_mut().poll_next(&mut cx) {
            Poll::Ready(Some(x)) => items.push(x),
            Poll::Ready(None) => break,
            Poll::Pending => pending += 1,
        }
    }
    assert!(s.is_terminated());
    // Fused: `Ready(None)` again, and still terminated.
    assert!(matches!(s.as_mut().poll_next(&mut cx), Poll::Ready(None)));
    assert!(s.is_terminated());
    (items, pending)
}

/// The machine type behind an opaque stream, by name.
fn machine<T>(_: &T) -> &'static str {
    let name = std::any::type_name::<T>();
    let name = name.split('<').next().unwrap_or(name);
    name.rsplit("::").next().unwrap_or(name)
}

#[stackless::coroutine]
fn plain(n: u32) -> impl FusedStream<Item = u32> {
    for i in 0..n {
        delay(1, ()).await;
        yield_!(i);
    }
}

#[stackless::coroutine]
fn stream_first(n: u32) -> impl Stream<Item = u32> + FusedStream {
    for i in 0..n {
        yield_!(i * 10);
    }
}

#[stackless::coroutine]
fn fused_first(n: u32) -> impl FusedStream + Stream<Item = u32> + Send + Unpin {
    yield_!(n);
}

#[stackless::coroutine]
fn empty() -> impl FusedStream<Item = u8> {}

/// An await in a loop whose locals stay in their variant (resident), and one that keeps
/// locals beside a future it is parked on.
#[stackless::coroutine]
fn numbered(lines: Vec<&'static str>) -> impl FusedStream<Item = String> {
    let mut seen: Vec<String> = Vec::new();
    for (i, l) in lines.into_iter().enumerate() {
        let n = delay(1, i).await;
        seen.push(format!("{n}:{l}"));
        yield_!(seen.join(","));
    }
}

/// A loop that awaits with a local kept in its variant: the machine is parked on the
/// future, in place.
#[stackless::coroutine]
fn pushed(n: u32) -> impl FusedStream<Item = Vec<u32>> {
    let mut v = vec![100];
    let mut i = 0;
    while i < n {
        let x = delay(1, i).await;
        v.push(x);
        i += 1;
    }
    yield_!(v.clone());
}

/// A local borrowed across the suspension points: the machine keeps it in a pinned slot.
#[stackless::coroutine]
fn borrowed(text: &'static str) -> impl FusedStream<Item = usize> {
    let owned = text.to_uppercase();
    for w in owned.split_whitespace() {
        delay(1, ()).await;
        yield_!(w.len());
    }
}

#[test]
fn terminated_only_after_ready_none() {
    let s = pin!(plain(3));
    assert_eq!(machine(&*s), "AsyncGen");
    assert_eq!(drain_fused(s), (vec![0, 1, 2], 3));
    assert_eq!(drain_fused(pin!(stream_first(2))), (vec![0, 10], 0));
    assert_eq!(drain_fused(pin!(fused_first(7))), (vec![7], 0));
    assert_eq!(drain_fused(pin!(empty())), (vec![], 0));
}

#[test]
fn every_stream_machine_is_fused() {
    let s = pin!(numbered(vec!["a", "b"]));
    let kind = machine(&*s);
    assert!(kind.ends_with("AsyncGen"), "{kind}");
    assert_eq!(drain_fused(s), (vec!["0:a".into(), "0:a,1:b".into()], 2));

    let s = pin!(pushed(2));
    assert_eq!(machine(&*s), "ParkedAsyncGen");
    assert_eq!(drain_fused(s), (vec![vec![100, 0, 1]], 2));

    let s = pin!(borrowed("ab cde"));
    assert_eq!(machine(&*s), "FramedAsyncGen");
    assert_eq!(drain_fused(s), (vec![2, 3], 2));
}

#[stackless::coroutine]
fn boom(n: u32) -> impl Stream<Item = u32> + FusedStream {
    yield_!(n);
    delay(1, ()).await;
    panic!("boom");
}

#[stackless::coroutine]
fn boom_framed(text: &'static str) -> impl FusedStream<Item = usize> {
    let owned = text.to_string();
    for w in owned.split(' ') {
        delay(1, ()).await;
        yield_!(w.len());
        if w.len() > 2 {
            panic!("boom");
        }
    }
}

/// After its body panicked a stream must not be polled again (it would panic): it says it
/// is terminated.
#[test]
fn terminated_after_a_panic() {
    fn run<S: FusedStream<Item = u32> + ?Sized>(mut s: Pin<&mut S>, first: u32) {
        let mut cx = Context::from_waker(Waker::noop());
        assert_eq!(s.as_mut().poll_next(&mut cx), Poll::Ready(Some(first)));
        assert!(!s.is_terminated());
        assert_eq!(s.as_mut().poll_next(&mut cx), Poll::Pending);
        assert!(!s.is_terminated());
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            s.as_mut().poll_next(&mut cx)
        }));
        assert_eq!(*r.unwrap_err().downcast::<&str>().unwrap(), "boom");
        assert!(s.is_terminated());
    }
    run(pin!(boom(4)), 4);
    let s = pin!(boom_framed("abc d"));
    assert_eq!(machine(&*s), "FramedAsyncGen");
    let mut s = s;
    let mut cx = Context::from_waker(Waker::noop());
    assert_eq!(s.as_mut().poll_next(&mut cx), Poll::Pending);
    assert!(!s.is_terminated());
    assert_eq!(s.as_mut().poll_next(&mut cx), Poll::Ready(Some(3)));
    assert!(!s.is_terminated());
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        s.as_mut().poll_next(&mut cx)
    }));
    assert_eq!(*r.unwrap_err().downcast::<&str>().unwrap(), "boom");
    assert!(s.is_terminated());
}

#[stackless::coroutine]
fn parse_all(items: Vec<&'static str>) -> impl FusedStream<Item = Result<u32, String>> {
    for s in items {
        delay(1, ()).await;
        let n: u32 = s.parse().map_err(|_| format!("bad {s}"))?;
        yield_!(Ok(n));
    }
}

/// A `?` ends the stream with the error as its last item: there is nothing more to poll for
/// after it, so the stream says it is terminated from then on (its next poll is
/// `Ready(None)`).
#[test]
fn terminated_after_the_error_a_question_mark_yields() {
    let mut s = pin!(parse_all(vec!["1", "x", "3"]));
    let mut cx = Context::from_waker(Waker::noop());
    assert_eq!(s.as_mut().poll_next(&mut cx), Poll::Pending);
    assert_eq!(s.as_mut().poll_next(&mut cx), Poll::Ready(Some(Ok(1))));
    assert!(!s.is_terminated());
    assert_eq!(s.as_mut().poll_next(&mut cx), Poll::Pending);
    assert_eq!(
        s.as_mut().poll_next(&mut cx),
        Poll::Ready(Some(Err("bad x".into())))
    );
    assert!(s.is_terminated());
    assert_eq!(s.as_mut().poll_next(&mut cx), Poll::Ready(None));
    assert!(s.is_terminated());
}

/// `futures::select!` needs fused streams: it skips a terminated one, and its `complete`
/// branch runs once every stream is.
#[test]
fn select_over_two_generators() {
    use futures::StreamExt;
    let got = common::block_on(async {
        let (mut a, mut b) = (pin!(plain(3)), pin!(stream_first(2)));
        let mut got = Vec::new();
        loop {
            futures::select! {
                x = a.next() => got.push(("a", x)),
                x = b.next() => got.push(("b", x)),
                complete => break,
            }
        }
        got
    });
    let a: Vec<_> = got.iter().filter(|(k, _)| *k == "a").map(|x| x.1).collect();
    let b: Vec<_> = got.iter().filter(|(k, _)| *k == "b").map(|x| x.1).collect();
    assert_eq!(a, [Some(0), Some(1), Some(2), None]);
    assert_eq!(b, [Some(0), Some(10), None]);
}
