//! The shapes of rust-lang/rust#62958 and friends, each written twice — as a
//! `#[stackless::coroutine] async fn` and as a native `async fn` — with the hand-computed
//! minimum size: the largest suspension point's live bytes (locals + awaited future) or the
//! arguments, plus the tag, rounded up to the alignment.
//!
//! Shared by `tests/async_sizes.rs` (which asserts and runs them) and
//! `examples/size_report.rs` (which prints the table).
#![allow(dead_code)]

use std::future::Future;
use std::mem::size_of_val;
use std::pin::Pin;
use std::task::{Context, Poll};

/// An 8-byte future, pending once.
pub struct Io(u64);
impl Future for Io {
    type Output = u64;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u64> {
        if self.0 & 1 == 0 {
            self.0 |= 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        } else {
            Poll::Ready(self.0 >> 1)
        }
    }
}
pub fn io(v: u64) -> Io {
    Io(v << 1)
}

/// A future carrying 1 KiB of state.
pub struct Big(pub [u8; 1024]);
impl Future for Big {
    type Output = u8;
    fn poll(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<u8> {
        Poll::Ready(self.0[0])
    }
}

fn sum(b: &[u8]) -> u64 {
    b.iter().map(|&x| x as u64).sum()
}

/// A 16-byte future borrowing a byte slice, pending once: what `src.read(&mut buf)` is.
pub struct SumLater<'a>(&'a [u8]);
impl Future for SumLater<'_> {
    type Output = u64;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u64> {
        if self.0.first() == Some(&0) {
            Poll::Ready(sum(self.0))
        } else if let [_, rest @ ..] = self.0 {
            // Pending once: the next poll sees a slice starting with 0 only if the data does.
            self.0 = rest;
            cx.waker().wake_by_ref();
            Poll::Pending
        } else {
            Poll::Ready(0)
        }
    }
}
pub fn sum_later(b: &[u8]) -> SumLater<'_> {
    SumLater(b)
}

macro_rules! both {
    ($(#[$m:meta])* async fn $name:ident / $native:ident ($($arg:ident : $ty:ty),*) -> $ret:ty $body:block) => {
        $(#[$m])*
        #[stackless::coroutine]
        pub async fn $name($($arg: $ty),*) -> $ret $body
        $(#[$m])*
        pub async fn $native($($arg: $ty),*) -> $ret $body
    };
}

both! {
    async fn borrowed_buffer / borrowed_buffer_native() -> u64 {
        let buf = [0u8; 1024];
        sum_later(&buf).await
    }
}

both! {
    async fn sibling_borrows / sibling_borrows_native() -> u64 {
        let a = {
            let x = [1u8; 1024];
            sum_later(&x).await
        };
        let b = {
            let y = [0u8; 1024];
            sum_later(&y).await
        };
        a + b
    }
}

both! {
    async fn arg_only_before / arg_only_before_native(buf: [u8; 1024]) -> u64 {
        let s = sum(&buf);
        io(1).await + s
    }
}

both! {
    async fn arg_after / arg_after_native(buf: [u8; 1024]) -> u64 {
        let a = io(1).await;
        a + sum(&buf)
    }
}

#[stackless::coroutine]
pub async fn wrap<F: Future>(f: F) -> F::Output {
    f.await
}

pub async fn wrap_native<F: Future>(f: F) -> F::Output {
    f.await
}

both! {
    async fn borrowed_then_dead / borrowed_then_dead_native() -> u64 {
        let buf = [7u8; 4096];
        let s = sum(&buf);
        io(s).await
    }
}

both! {
    async fn staggered / staggered_native() -> u64 {
        let a = [1u8; 100];
        let x = io(1).await;
        let y = io(2).await;
        let b = [2u8; 200];
        let z = io(3).await;
        sum(&a) + x + y + z + sum(&b)
    }
}

both! {
    async fn big_ready_then_await / big_ready_then_await_native() -> u64 {
        let x = Big([3; 1024]).await;
        io(x as u64).await
    }
}

both! {
    async fn scrutinee / scrutinee_native(v: Vec<u64>) -> u64 {
        match v.len() {
            0 => 0,
            n => io(n as u64).await + v[0],
        }
    }
}

both! {
    async fn same_statement / same_statement_native(n: u64) -> u64 {
        let r = sum(&[1u8; 512]) + io(n).await * 2 + io(n + 1).await;
        r
    }
}

#[stackless::coroutine]
pub async fn move_capture<F: Future<Output = u64>>(fut: F) -> u64 {
    fut.await + 1
}

both! {
    async fn leaf / leaf_native(x: u64) -> u64 {
        let scratch = [x as u8; 2048];
        let s = sum(&scratch);
        io(s).await
    }
}

#[stackless::coroutine]
pub async fn outer(x: u64) -> u64 {
    let a = leaf(x).await;
    let b = leaf(a).await;
    a + b
}

pub async fn outer_native(x: u64) -> u64 {
    let a = leaf_native(x).await;
    let b = leaf_native(a).await;
    a + b
}
/// One row of the report.
pub struct Row {
    pub name: &'static str,
    pub ours: usize,
    pub native: usize,
    pub minimum: usize,
}

/// Every shape, measured.
pub fn table() -> Vec<Row> {
    let row = |name, ours, native, minimum| Row {
        name,
        ours,
        native,
        minimum,
    };
    vec![
        row(
            "local buffer borrowed by the awaited future",
            size_of_val(&borrowed_buffer()),
            size_of_val(&borrowed_buffer_native()),
            1024 + 16 + 8,
        ),
        row(
            "two sibling borrowed buffers (slots overlap)",
            size_of_val(&sibling_borrows()),
            size_of_val(&sibling_borrows_native()),
            // at the second await: `y`, the future, `a`, the tag
            1024 + 16 + 8 + 8,
        ),
        row(
            "argument used only before the first await",
            size_of_val(&arg_only_before([1; 1024])),
            size_of_val(&arg_only_before_native([1; 1024])),
            1024 + 8,
        ),
        row(
            "argument used after an await",
            size_of_val(&arg_after([1; 1024])),
            size_of_val(&arg_after_native([1; 1024])),
            1024 + 8 + 8,
        ),
        row(
            "wrap(wrap(wrap(1 KiB future)))",
            size_of_val(&wrap(wrap(wrap(Big([0; 1024]))))),
            size_of_val(&wrap_native(wrap_native(wrap_native(Big([0; 1024]))))),
            1024 + 3,
        ),
        row(
            "4 KiB local borrowed and dead before the await",
            size_of_val(&borrowed_then_dead()),
            size_of_val(&borrowed_then_dead_native()),
            8 + 8,
        ),
        row(
            "locals live across different awaits",
            size_of_val(&staggered()),
            size_of_val(&staggered_native()),
            100 + 200 + 8 * 3 + 8 + 4,
        ),
        row(
            "let x = big_ready.await, then another await",
            size_of_val(&big_ready_then_await()),
            size_of_val(&big_ready_then_await_native()),
            1024 + 8,
        ),
        row(
            "match scrutinee temporaries",
            size_of_val(&scrutinee(vec![1])),
            size_of_val(&scrutinee_native(vec![1])),
            24 + 8 + 8,
        ),
        row(
            "temporaries in the await's statement",
            size_of_val(&same_statement(1)),
            size_of_val(&same_statement_native(1)),
            8 + 8 * 3 + 8,
        ),
        row(
            "async move { fut.await }-style capture",
            size_of_val(&move_capture(io(1))),
            size_of_val(&async move { io(1).await + 1 }),
            8 + 8,
        ),
        row(
            "nested calls, each with a dead 2 KiB buffer",
            size_of_val(&outer(1)),
            size_of_val(&outer_native(1)),
            16 + 8 + 8,
        ),
    ]
}
