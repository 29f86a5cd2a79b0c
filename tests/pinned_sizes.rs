//! Sizes of async machines that borrow their own locals across `.await` (issue #9, pinned
//! slots), against the native `async fn` with the same body (written next to each one).
//! Each pair is also run, and must give the same result.
// The bodies are written as users write them (`while let` over an iterator).
#![allow(clippy::while_let_on_iterator)]

#[macro_use]
mod common;
use common::block_on;
use std::future::Future;
use std::mem::size_of_val;
use std::pin::{pin, Pin};
use std::task::{Context, Poll};

/// Asserts that our machine is no larger than the native one, and hands both back to run.
fn no_larger<A: Future, B: Future>(ours: A, native: B) -> (A, B) {
    assert!(
        size_of_val(&ours) <= size_of_val(&native),
        "ours {} > native {}",
        size_of_val(&ours),
        size_of_val(&native)
    );
    (ours, native)
}

fn sum(b: &[u8]) -> u64 {
    b.iter().map(|&x| x as u64).sum()
}

/// A small future pending once, then ready with `v`.
struct Io {
    v: u64,
    pending: bool,
}

fn io(v: u64) -> Io {
    Io { v, pending: true }
}

impl Future for Io {
    type Output = u64;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u64> {
        if std::mem::take(&mut self.pending) {
            cx.waker().wake_by_ref();
            Poll::Pending
        } else {
            Poll::Ready(self.v)
        }
    }
}

/// A future borrowing a byte slice (16 bytes + flag), pending once, then ready with its sum.
struct SumLater<'a> {
    b: &'a [u8],
    pending: bool,
}

fn sum_later(b: &[u8]) -> SumLater<'_> {
    SumLater { b, pending: true }
}

impl Future for SumLater<'_> {
    type Output = u64;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u64> {
        if std::mem::take(&mut self.pending) {
            cx.waker().wake_by_ref();
            Poll::Pending
        } else {
            Poll::Ready(sum(self.b))
        }
    }
}

/// A byte source: each `read` is pending once, then fills up to `chunk` bytes.
struct Src {
    left: usize,
    chunk: usize,
}

struct Read<'a> {
    src: &'a mut Src,
    buf: &'a mut [u8],
    pending: bool,
}

impl Src {
    fn read<'a>(&'a mut self, buf: &'a mut [u8]) -> impl Future<Output = usize> + 'a {
        Read {
            src: self,
            buf,
            pending: true,
        }
    }
}

impl Future for Read<'_> {
    type Output = usize;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<usize> {
        if std::mem::take(&mut self.pending) {
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        let this = &mut *self;
        let n = this.src.left.min(this.src.chunk).min(this.buf.len());
        this.buf[..n].fill(1);
        this.src.left -= n;
        Poll::Ready(n)
    }
}

/// A stream of `n..0`, pending before each item.
struct Countdown {
    n: u32,
    pending: bool,
}

impl futures_core::Stream for Countdown {
    type Item = u32;
    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<u32>> {
        if self.n == 0 {
            return Poll::Ready(None);
        }
        if std::mem::take(&mut self.pending) {
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        self.pending = true;
        self.n -= 1;
        Poll::Ready(Some(self.n))
    }
}

both! {
    async fn read_loop / read_loop_native(src: &mut Src) -> u64 {
        let mut buf = [0u8; 1024];
        let mut total = 0;
        loop {
            let n = src.read(&mut buf).await;
            if n == 0 {
                break;
            }
            total += sum(&buf[..n]);
        }
        total
    }
}

/// Reading into a local `[u8; 1024]` in a loop: no bigger than native, and results agree.
#[test]
fn read_into_a_local_1k_buffer() {
    let (mut a, mut b) = (
        Src {
            left: 3000,
            chunk: 700,
        },
        Src {
            left: 3000,
            chunk: 700,
        },
    );
    let (ours, native) = no_larger(read_loop(&mut a), read_loop_native(&mut b));
    assert!(size_of_val(&ours) >= 1024);
    assert_eq!(block_on(ours), 3000);
    assert_eq!(block_on(native), 3000);
}

both! {
    async fn drain_local_stream / drain_local_stream_native(n: u32) -> u32 {
        let mut s = pin!(Countdown { n, pending: true });
        let mut total = 0;
        while let Some(x) = stackless::rt::next(&mut s).await {
            total = total * 10 + x;
        }
        total
    }
}

/// A local stream pinned with `pin!` and drained with `next(&mut s).await`.
#[test]
fn a_pinned_local_stream_drained() {
    let (ours, native) = no_larger(drain_local_stream(4), drain_local_stream_native(4));
    assert_eq!(block_on(ours), 3210);
    assert_eq!(block_on(native), 3210);
}

both! {
    async fn sibling_buffers / sibling_buffers_native() -> u64 {
        let a = {
            let buf = [1u8; 2048];
            sum_later(&buf).await
        };
        let b = {
            let buf = [2u8; 2048];
            sum_later(&buf).await
        };
        a + b
    }
}

/// Two 2 KiB locals, each borrowed across an await in sibling blocks, share their bytes.
#[test]
fn sibling_borrowed_buffers_overlap() {
    let (ours, native) = no_larger(sibling_buffers(), sibling_buffers_native());
    assert!(size_of_val(&ours) >= 2048);
    assert!(
        size_of_val(&ours) <= 2048 + 64,
        "ours {} does not overlap the two buffers",
        size_of_val(&ours)
    );
    assert_eq!(block_on(ours), 2048 * 3);
    assert_eq!(block_on(native), 2048 * 3);
}

both! {
    async fn reference_across_awaits / reference_across_awaits_native() -> u64 {
        let v = vec![1u8, 2, 3];
        let r = &v;
        let a = io(10).await;
        let b = io(20).await;
        a + b + sum(r)
    }
}

/// A reference to a local held across two awaits.
#[test]
fn a_reference_held_across_awaits() {
    let (ours, native) = no_larger(reference_across_awaits(), reference_across_awaits_native());
    assert_eq!(block_on(ours), 36);
    assert_eq!(block_on(native), 36);
}

both! {
    async fn dead_scratch_then_borrow / dead_scratch_then_borrow_native() -> u64 {
        let scratch = [3u8; 4096];
        let s = sum(&scratch);
        let buf = [1u8; 64];
        let t = sum_later(&buf).await;
        s + t
    }
}

/// A 4 KiB local borrowed only before the await (dead there) next to a small one borrowed
/// across it: ours carries only the small one; rustc keeps both.
#[test]
fn a_dead_borrowed_local_is_not_carried_next_to_a_pinned_one() {
    let (ours, native) = no_larger(
        dead_scratch_then_borrow(),
        dead_scratch_then_borrow_native(),
    );
    assert!(size_of_val(&ours) < 4096, "ours {}", size_of_val(&ours));
    assert_eq!(block_on(ours), 3 * 4096 + 64);
    assert_eq!(block_on(native), 3 * 4096 + 64);
}

both! {
    async fn loop_local_buffer / loop_local_buffer_native(n: u64) -> u64 {
        let mut total = 0;
        for i in 0..n {
            let buf = [i as u8; 512];
            total += sum_later(&buf).await;
        }
        total
    }
}

/// A 512-byte local declared in a loop body and borrowed across the await in it.
#[test]
fn a_loop_body_buffer_borrowed_across_an_await() {
    let (ours, native) = no_larger(loop_local_buffer(3), loop_local_buffer_native(3));
    assert_eq!(block_on(ours), 512 * 3);
    assert_eq!(block_on(native), 512 * 3);
}
