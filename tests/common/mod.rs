//! Helpers shared by the run-pass tests.
#![allow(dead_code, unused_macros)]

/// Defines `$name` as a `#[stackless::coroutine] async fn` and `$native` as the native
/// `async fn` with the same parameters and body (`#[macro_use] mod common;`).
macro_rules! both {
    (async fn $name:ident / $native:ident ($($arg:ident : $ty:ty),*) -> $ret:ty $body:block) => {
        #[stackless::coroutine]
        async fn $name($($arg: $ty),*) -> $ret $body
        #[allow(unused_mut)]
        async fn $native($($arg: $ty),*) -> $ret $body
    };
}

use std::cell::RefCell;

thread_local! {
    static LOG: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// A value that records its drop in this thread's log.
#[derive(Debug, PartialEq, Eq)]
pub struct D(pub &'static str);

impl Drop for D {
    fn drop(&mut self) {
        LOG.with(|l| l.borrow_mut().push(format!("drop {}", self.0)));
    }
}

/// Records an event in this thread's log.
pub fn log(event: impl Into<String>) {
    LOG.with(|l| l.borrow_mut().push(event.into()));
}

/// Takes (and clears) this thread's log.
pub fn take_log() -> Vec<String> {
    LOG.with(|l| std::mem::take(&mut *l.borrow_mut()))
}

/// Collects a generator's items, then the log.
pub fn run<I: Iterator>(it: I) -> (Vec<I::Item>, Vec<String>) {
    take_log();
    let v = it.collect();
    (v, take_log())
}

/// Drives a generator `k` times, drops it, and returns what it yielded plus the log.
pub fn cancel_after<I: Iterator>(mut it: I, k: usize) -> (Vec<I::Item>, Vec<String>) {
    take_log();
    let mut v = Vec::new();
    for _ in 0..k {
        match it.next() {
            Some(x) => v.push(x),
            None => break,
        }
    }
    drop(it);
    (v, take_log())
}

/// A minimal executor for tests: polls `fut` on this thread, parking between wake-ups.
pub fn block_on<F: std::future::Future>(fut: F) -> F::Output {
    use std::sync::Arc;
    use std::task::{Context, Poll, Wake, Waker};
    struct Unpark(std::thread::Thread);
    impl Wake for Unpark {
        fn wake(self: Arc<Self>) {
            self.0.unpark();
        }
        fn wake_by_ref(self: &Arc<Self>) {
            self.0.unpark();
        }
    }
    let waker = Waker::from(Arc::new(Unpark(std::thread::current())));
    let mut cx = Context::from_waker(&waker);
    let mut fut = std::pin::pin!(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
        std::thread::park();
    }
}

/// A future that is pending `n` times (waking itself) before it is ready with `v`.
pub struct Delay<T> {
    pub n: u32,
    pub v: Option<T>,
}

pub fn delay<T>(n: u32, v: T) -> Delay<T> {
    Delay { n, v: Some(v) }
}

impl<T: Unpin> std::future::Future for Delay<T> {
    type Output = T;
    fn poll(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<T> {
        if self.n == 0 {
            std::task::Poll::Ready(self.v.take().expect("polled after completion"))
        } else {
            self.n -= 1;
            cx.waker().wake_by_ref();
            std::task::Poll::Pending
        }
    }
}

/// Polls `fut` `k` times with a no-op waker, then drops it; returns whether it finished.
pub fn poll_n_then_drop<F: std::future::Future>(fut: F, k: usize) -> Option<F::Output> {
    let waker = std::task::Waker::noop();
    let mut cx = std::task::Context::from_waker(waker);
    let mut fut = Box::pin(fut);
    for _ in 0..k {
        if let std::task::Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return Some(v);
        }
    }
    None
}

/// Collects a stream's items with [`block_on`].
pub fn collect<S: futures_core::Stream>(s: S) -> Vec<S::Item> {
    let mut s = Box::pin(s);
    block_on(std::future::poll_fn(move |cx| {
        let mut out = Vec::new();
        loop {
            match s.as_mut().poll_next(cx) {
                std::task::Poll::Ready(Some(x)) => out.push(x),
                std::task::Poll::Ready(None) => return std::task::Poll::Ready(out),
                // `Delay` wakes itself before returning `Pending`: poll again.
                std::task::Poll::Pending => continue,
            }
        }
    }))
}

/// Polls a stream `k` times with a no-op waker, then drops it; returns the items it gave.
pub fn poll_stream_n_then_drop<S: futures_core::Stream>(s: S, k: usize) -> Vec<S::Item> {
    let waker = std::task::Waker::noop();
    let mut cx = std::task::Context::from_waker(waker);
    let mut s = Box::pin(s);
    let mut out = Vec::new();
    for _ in 0..k {
        match s.as_mut().poll_next(&mut cx) {
            std::task::Poll::Ready(Some(x)) => out.push(x),
            std::task::Poll::Ready(None) => break,
            std::task::Poll::Pending => {}
        }
    }
    out
}

/// Resumes a coroutine (pinned here) to completion: its yields, then its return value.
pub fn drain<C: stackless::Coroutine<(), Return = R>, R>(co: C) -> (Vec<C::Yield>, R) {
    let mut co = std::pin::pin!(co);
    let mut out = Vec::new();
    loop {
        match co.as_mut().resume(()) {
            stackless::CoroutineState::Yielded(y) => out.push(y),
            stackless::CoroutineState::Complete(r) => return (out, r),
        }
    }
}

/// `(&probe(&x)).unpin()` (with `IsUnpin` and `NotUnpin` in scope) tells whether `x`'s type
/// is `Unpin`, on stable: the first trait applies when it is, the second (one auto-ref
/// further) otherwise.
pub struct Probe<T>(std::marker::PhantomData<T>);
pub fn probe<T>(_: &T) -> Probe<T> {
    Probe(std::marker::PhantomData)
}
pub trait IsUnpin {
    fn unpin(&self) -> bool {
        true
    }
}
impl<T: Unpin> IsUnpin for Probe<T> {}
pub trait NotUnpin {
    fn unpin(&self) -> bool {
        false
    }
}
impl<T> NotUnpin for &Probe<T> {}

/// For every `k` up to `max_polls`: polls a machine `k` times and drops it, then the native
/// future the same way, and asserts that both give the same result and the same log.
pub fn cancels_like_native<A, B>(ours: impl Fn() -> A, native: impl Fn() -> B, max_polls: usize)
where
    A: std::future::Future,
    B: std::future::Future<Output = A::Output>,
    A::Output: PartialEq + std::fmt::Debug,
{
    for k in 0..=max_polls {
        take_log();
        let a = poll_n_then_drop(ours(), k);
        let ours_log = take_log();
        let b = poll_n_then_drop(native(), k);
        assert_eq!(a, b, "after {k} polls");
        assert_eq!(ours_log, take_log(), "after {k} polls");
    }
}
