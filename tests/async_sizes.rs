//! Sizes of async machines against the native `async fn` with the same body and against the
//! hand-computed minimum: the largest suspension point's live bytes (locals + awaited future)
//! or the arguments, plus the tag, rounded up to the alignment.
//!
//! `examples/size_report.rs` prints the same shapes as a table.

use std::future::Future;
use std::mem::size_of_val;
use std::pin::Pin;
use std::task::{Context, Poll};

/// An 8-byte future, pending once.
struct Io(u64);
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
fn io(v: u64) -> Io {
    Io(v << 1)
}

/// A future carrying 1 KiB of state.
struct Big([u8; 1024]);
impl Future for Big {
    type Output = u8;
    fn poll(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<u8> {
        Poll::Ready(self.0[0])
    }
}

fn sum(b: &[u8]) -> u64 {
    b.iter().map(|&x| x as u64).sum()
}

macro_rules! both {
    ($(#[$m:meta])* async fn $name:ident / $native:ident ($($arg:ident : $ty:ty),*) -> $ret:ty $body:block) => {
        $(#[$m])*
        #[stackless::coroutine]
        async fn $name($($arg: $ty),*) -> $ret $body
        $(#[$m])*
        async fn $native($($arg: $ty),*) -> $ret $body
    };
}

fn check(name: &str, ours: usize, native: usize, minimum: usize) {
    assert!(ours <= native, "{name}: ours {ours} > native {native}");
    assert!(ours <= minimum, "{name}: ours {ours} > minimum {minimum}");
}

both! {
    async fn arg_only_before / arg_only_before_native(buf: [u8; 1024]) -> u64 {
        let s = sum(&buf);
        io(1).await + s
    }
}

#[test]
fn argument_used_only_before_the_first_await() {
    // Start holds the argument (1024); Await0 holds Io + s (16); + tag.
    let ours = size_of_val(&arg_only_before([1; 1024]));
    let native = size_of_val(&arg_only_before_native([1; 1024]));
    check("arg_only_before", ours, native, 1024 + 8);
}

both! {
    async fn arg_after / arg_after_native(buf: [u8; 1024]) -> u64 {
        let a = io(1).await;
        a + sum(&buf)
    }
}

#[test]
fn argument_used_after_an_await() {
    // Await0 holds Io (8) and buf (1024) + tag.
    let ours = size_of_val(&arg_after([1; 1024]));
    let native = size_of_val(&arg_after_native([1; 1024]));
    check("arg_after", ours, native, 1024 + 8 + 8);
}

#[stackless::coroutine]
async fn wrap<F: Future>(f: F) -> F::Output {
    f.await
}

async fn wrap_native<F: Future>(f: F) -> F::Output {
    f.await
}

#[test]
fn wrapper_chains_add_one_tag_per_level() {
    let ours = size_of_val(&wrap(wrap(wrap(Big([0; 1024])))));
    let native = size_of_val(&wrap_native(wrap_native(wrap_native(Big([0; 1024])))));
    check("wrap×3", ours, native, 1024 + 3);
    // rust-lang/rust#62958: the native chain keeps a copy per level.
    assert!(native >= 3 * 1024, "native {native}");
}

both! {
    async fn borrowed_then_dead / borrowed_then_dead_native() -> u64 {
        let buf = [7u8; 4096];
        let s = sum(&buf);
        io(s).await
    }
}

#[test]
fn local_borrowed_and_dead_before_the_await() {
    let ours = size_of_val(&borrowed_then_dead());
    let native = size_of_val(&borrowed_then_dead_native());
    check("borrowed_then_dead", ours, native, 8 + 8);
    assert!(native > 4096, "rustc keeps the borrowed buffer: {native}");
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

#[test]
fn locals_live_across_different_awaits() {
    // Await0: a, fut; Await1: a, x, fut; Await2: a, x, y, b, fut.
    let ours = size_of_val(&staggered());
    let native = size_of_val(&staggered_native());
    check("staggered", ours, native, 100 + 200 + 8 * 3 + 8 + 4);
}

both! {
    async fn big_ready_then_await / big_ready_then_await_native() -> u64 {
        let x = Big([3; 1024]).await;
        io(x as u64).await
    }
}

#[test]
fn big_ready_future_then_another_await() {
    // The big future lives only in Await0; Await1 needs 8 bytes (and sets the alignment:
    // 1024 + tag rounds up to 1032).
    let ours = size_of_val(&big_ready_then_await());
    let native = size_of_val(&big_ready_then_await_native());
    check("big_ready_then_await", ours, native, 1024 + 8);
}

both! {
    async fn scrutinee / scrutinee_native(v: Vec<u64>) -> u64 {
        match v.len() {
            0 => 0,
            n => io(n as u64).await + v[0],
        }
    }
}

#[test]
fn match_scrutinee_temporaries() {
    // Await0: fut (8) + v (24).
    let ours = size_of_val(&scrutinee(vec![1]));
    let native = size_of_val(&scrutinee_native(vec![1]));
    check("scrutinee", ours, native, 24 + 8 + 8);
}

both! {
    async fn same_statement / same_statement_native(n: u64) -> u64 {
        let r = sum(&[1u8; 512]) + io(n).await * 2 + io(n + 1).await;
        r
    }
}

#[test]
fn temporaries_in_the_same_statement_as_the_await() {
    // Await0: fut + hidden temp (the sum); Await1: fut + two temps.
    let ours = size_of_val(&same_statement(1));
    let native = size_of_val(&same_statement_native(1));
    check("same_statement", ours, native, 8 + 8 * 3 + 8);
}

#[stackless::coroutine]
async fn move_capture<F: Future<Output = u64>>(fut: F) -> u64 {
    fut.await + 1
}

#[test]
fn async_move_style_capture() {
    let ours = size_of_val(&move_capture(io(1)));
    let native = size_of_val(&async move { io(1).await + 1 });
    check("move_capture", ours, native.max(8 + 1), 8 + 8);
}

both! {
    async fn leaf / leaf_native(x: u64) -> u64 {
        let scratch = [x as u8; 2048];
        let s = sum(&scratch);
        io(s).await
    }
}

#[stackless::coroutine]
async fn outer(x: u64) -> u64 {
    let a = leaf(x).await;
    let b = leaf(a).await;
    a + b
}

async fn outer_native(x: u64) -> u64 {
    let a = leaf_native(x).await;
    let b = leaf_native(a).await;
    a + b
}

#[test]
fn nested_calls_each_with_dead_buffers() {
    let ours = size_of_val(&outer(1));
    let native = size_of_val(&outer_native(1));
    // leaf: Await0 holds Io (8) + tag → 16; outer: Await1 holds leaf future + a.
    check("nested", ours, native, 16 + 8 + 8);
    assert!(native > 2048, "native {native}");
}

#[test]
fn results_agree_with_native() {
    assert_eq!(
        common::block_on(arg_only_before([1; 1024])),
        common::block_on(arg_only_before_native([1; 1024]))
    );
    assert_eq!(
        common::block_on(arg_after([1; 1024])),
        common::block_on(arg_after_native([1; 1024]))
    );
    assert_eq!(
        common::block_on(staggered()),
        common::block_on(staggered_native())
    );
    assert_eq!(
        common::block_on(big_ready_then_await()),
        common::block_on(big_ready_then_await_native())
    );
    assert_eq!(
        common::block_on(scrutinee(vec![4])),
        common::block_on(scrutinee_native(vec![4]))
    );
    assert_eq!(
        common::block_on(same_statement(3)),
        common::block_on(same_statement_native(3))
    );
    assert_eq!(
        common::block_on(outer(2)),
        common::block_on(outer_native(2))
    );
    assert_eq!(common::block_on(wrap(wrap(Big([9; 1024])))), 9);
}

mod common;
