//! Machines with pinned slots allocate nothing themselves (`Future`, `Stream`,
//! `impl Coroutine`); a self-borrowing `-> impl Iterator` makes exactly one allocation, the
//! box that pins it. Counted with a global allocator; every test runs on its own thread, so
//! the counter is thread-local.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use stackless::{yield_, Coroutine, CoroutineState, Stream};

struct Counting;

thread_local! {
    static ALLOCS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: forwards to the system allocator; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = ALLOCS.try_with(|a| a.set(a.get() + 1));
        // SAFETY: same contract as ours.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as ours.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static A: Counting = Counting;

fn allocations<R>(f: impl FnOnce() -> R) -> (R, usize) {
    let before = ALLOCS.with(Cell::get);
    let r = f();
    (r, ALLOCS.with(Cell::get) - before)
}

/// Pending once, then ready.
struct Once(bool);
impl std::future::Future for Once {
    type Output = ();
    fn poll(mut self: std::pin::Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            Poll::Ready(())
        } else {
            self.0 = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

async fn fill(buf: &mut [u8; 64], v: u8) {
    Once(false).await;
    buf.fill(v);
}

#[stackless::coroutine]
async fn reads(n: u8) -> u32 {
    let mut buf = [0u8; 64];
    let mut sum = 0;
    for i in 0..n {
        fill(&mut buf, i).await;
        sum += buf.iter().map(|b| *b as u32).sum::<u32>();
    }
    sum
}

#[stackless::coroutine]
fn over_array() -> impl Coroutine<Yield = u8, Return = ()> {
    let a = [7u8, 8, 9];
    for x in &a {
        yield_!(*x);
    }
}

#[stackless::coroutine]
fn over_array_iter() -> impl Iterator<Item = u8> {
    let a = [7u8, 8, 9];
    for x in &a {
        yield_!(*x);
    }
}

#[stackless::coroutine]
fn stream_over_array() -> impl Stream<Item = u8> {
    let a = [1u8, 2];
    for x in &a {
        Once(false).await;
        yield_!(*x);
    }
}

/// An `async fn` reading into a local buffer polls to completion without allocating.
#[test]
fn a_self_borrowing_future_does_not_allocate() {
    let (sum, n) = allocations(|| {
        let mut f = pin!(reads(3));
        let mut cx = Context::from_waker(Waker::noop());
        loop {
            if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
                break v;
            }
        }
    });
    assert_eq!(sum, 64 + 2 * 64);
    assert_eq!(n, 0);
}

/// An `impl Coroutine` over a local array runs without allocating.
#[test]
fn a_self_borrowing_coroutine_does_not_allocate() {
    let (out, n) = allocations(|| {
        let mut co = pin!(over_array());
        let mut out = [0u8; 3];
        let mut i = 0;
        while let CoroutineState::Yielded(x) = co.as_mut().resume(()) {
            out[i] = x;
            i += 1;
        }
        out
    });
    assert_eq!(out, [7, 8, 9]);
    assert_eq!(n, 0);
}

/// An async generator over a local array streams without allocating.
#[test]
fn a_self_borrowing_stream_does_not_allocate() {
    let (out, n) = allocations(|| {
        let mut s = pin!(stream_over_array());
        let mut cx = Context::from_waker(Waker::noop());
        let mut out = [0u8; 2];
        let mut i = 0;
        loop {
            match s.as_mut().poll_next(&mut cx) {
                Poll::Ready(Some(x)) => {
                    out[i] = x;
                    i += 1;
                }
                Poll::Ready(None) => break out,
                Poll::Pending => {}
            }
        }
    });
    assert_eq!(out, [1, 2]);
    assert_eq!(n, 0);
}

/// The `-> impl Iterator` form pins itself in exactly one allocation.
#[test]
fn a_self_borrowing_iterator_allocates_once() {
    let (sum, n) = allocations(|| over_array_iter().map(u32::from).sum::<u32>());
    assert_eq!(sum, 24);
    assert_eq!(n, 1);
}
