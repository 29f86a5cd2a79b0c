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
#[track_caller]
fn no_larger<A: Future, B: Future>(ours: A, native: B) -> (A, B) {
    if std::env::var_os("STACKLESS_PRINT_SIZES").is_some() {
        println!(
            "size line {}: {} ours {} native {}",
            std::panic::Location::caller().line(),
            std::any::type_name::<B>(),
            size_of_val(&ours),
            size_of_val(&native)
        );
    }
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

// Small locals borrowed across awaits: here the state's tag and the slots share padding
// (runtime `frame.rs`, `Head`; macro `state.rs`). Before the state was laid out by hand
// (an enum beside the slots, each padded on its own), `u8_then_u64` was 40 bytes to native
// 32, `u16_u8_then_u32` 32 to 24, `short_buffer_twice` 48 to 40, `u16_in_a_loop` 48 to 40,
// `sibling_small_locals` 32 to 24 and `array_elements` 40 to 32.

/// Ready at once: writes 7 into the borrowed place (the future is a reference and a counter).
struct Fill<'a, T>(&'a mut T, u32);

fn fill<T>(x: &mut T) -> Fill<'_, T> {
    Fill(x, 0)
}

impl<T: From<u8>> Future for Fill<'_, T> {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<()> {
        self.1 += 1;
        *self.0 = T::from(7);
        Poll::Ready(())
    }
}

/// Ready at once with the borrowed slice's length.
struct Look<'a>(&'a [u8]);

impl Future for Look<'_> {
    type Output = usize;
    fn poll(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<usize> {
        Poll::Ready(self.0.len())
    }
}

/// Each body is defined twice (ours and native), its sizes compared, both run.
macro_rules! small {
    ($($(#[$m:meta])* $test:ident: async fn $name:ident / $native:ident () -> $ret:ty $body:block => $want:expr;)*) => {$(
        both! { async fn $name / $native() -> $ret $body }
        $(#[$m])*
        #[test]
        fn $test() {
            let (ours, native) = no_larger($name(), $native());
            assert_eq!(block_on(ours), $want);
            assert_eq!(block_on(native), $want);
        }
    )*};
}

small! {
    /// A `u32` then a `u16`, each filled by an awaited future that borrows it.
    u32_then_u16: async fn u32_u16 / u32_u16_native() -> u64 {
        let mut a: u32 = 0;
        fill(&mut a).await;
        let mut b: u16 = 0;
        fill(&mut b).await;
        a as u64 + b as u64
    } => 14;
    /// A `u8` then a `u64`.
    u8_then_u64: async fn u8_u64 / u8_u64_native() -> u64 {
        let mut a: u8 = 0;
        fill(&mut a).await;
        let mut b: u64 = 0;
        fill(&mut b).await;
        a as u64 + b
    } => 14;
    /// A `u16`, a `u8` and a `u32`.
    u16_u8_then_u32: async fn u16_u8_u32 / u16_u8_u32_native() -> u64 {
        let mut a: u16 = 0;
        fill(&mut a).await;
        let mut b: u8 = 0;
        fill(&mut b).await;
        let mut c: u32 = 0;
        fill(&mut c).await;
        a as u64 + b as u64 + c as u64
    } => 21;
    /// A 16-byte buffer looked at once.
    sixteen_byte_buffer: async fn buf16 / buf16_native() -> usize {
        let buf = [0u8; 16];
        Look(&buf).await
    } => 16;
    /// A 13-byte buffer (odd size: padding after it) looked at twice.
    short_buffer_twice: async fn buf13 / buf13_native() -> usize {
        let buf = [0u8; 13];
        Look(&buf).await + Look(&buf[1..]).await
    } => 25;
    /// Two buffers, one after the other.
    two_buffers_in_turn: async fn two_bufs / two_bufs_native() -> usize {
        let a = [0u8; 64];
        let x = Look(&a).await;
        let b = [0u8; 32];
        x + Look(&b).await
    } => 96;
    /// A `Vec` and a `String`, both borrowed.
    a_vec_and_a_string: async fn vec_and_string / vec_and_string_native() -> usize {
        let v = vec![1u8; 10];
        let s = String::from("hi");
        Look(&v).await + Look(s.as_bytes()).await + s.len()
    } => 14;
    /// A `u64` borrowed, a `String` carried past two awaits.
    u64_and_a_string: async fn u64_and_string / u64_and_string_native() -> u64 {
        let mut a: u64 = 0;
        let s = String::from("x");
        fill(&mut a).await;
        io(1).await;
        a + s.len() as u64
    } => 8;
    /// An element of a local `Vec` referenced across two awaits.
    element_ref_across_awaits: async fn ref_across / ref_across_native() -> u64 {
        let v = vec![1u64, 2, 3];
        let r = &v[1];
        io(1).await;
        io(2).await;
        *r
    } => 2;
    /// A `u64` filled, then a `bool` borrowed mutably across an await.
    u64_then_bool: async fn bool_u64 / bool_u64_native() -> u64 {
        let mut a: u64 = 0;
        fill(&mut a).await;
        let mut b = false;
        Look(&[]).await;
        b |= a > 0;
        let r = &mut b;
        io(1).await;
        *r as u64
    } => 1;
    /// A `u8` referenced across an await of a future with no niche for a tag.
    u8_ref_across_an_await: async fn u8_ref / u8_ref_native() -> u64 {
        let a: u8 = 1;
        let r = &a;
        io(1).await;
        *r as u64
    } => 1;
    /// A `u16` declared in a loop body, filled by an awaited future each iteration.
    u16_in_a_loop: async fn u16_loop / u16_loop_native() -> u64 {
        let mut t = 0;
        for _ in 0..3 {
            let mut x: u16 = 0;
            fill(&mut x).await;
            t += x as u64;
        }
        t
    } => 21;
    /// Small locals of two branches (their slots overlap).
    sibling_small_locals: async fn sibling_small / sibling_small_native() -> u64 {
        let c = io(1).await;
        if c > 0 {
            let mut x: u32 = 0;
            fill(&mut x).await;
            x as u64
        } else {
            let mut y: u8 = 0;
            fill(&mut y).await;
            y as u64
        }
    } => 7;
    /// Elements of a local array filled one after the other.
    array_elements: async fn arr_u32 / arr_u32_native() -> u64 {
        let mut a = [0u32; 3];
        fill(&mut a[0]).await;
        fill(&mut a[2]).await;
        (a[0] + a[2]) as u64
    } => 14;
}

small! {
    /// A `u8` borrowed, and a `u8` carried past two awaits: the carried one is kept beside
    /// the tag, as rustc keeps a local saved at several points (32 bytes when each variant
    /// carried it; native 24).
    u8_carried_past_two_awaits: async fn u8_carried / u8_carried_native() -> u64 {
        let mut a: u8 = 0;
        let k: u8 = 3;
        fill(&mut a).await;
        io(1).await;
        (a + k) as u64
    } => 10;
}

/// An argument carried past every await beside a small borrowed local (32 bytes when each
/// variant carried it; native 24).
#[test]
fn a_flag_argument_carried_past_every_await() {
    both! {
        async fn byte_flag / byte_flag_native(flag: bool) -> u64 {
            let mut a: u32 = 0;
            fill(&mut a).await;
            let x = io(2).await;
            if flag {
                x + a as u64
            } else {
                0
            }
        }
    }
    let (ours, native) = no_larger(byte_flag(true), byte_flag_native(true));
    assert_eq!(block_on(ours), 9);
    assert_eq!(block_on(native), 9);
}

small! {
    /// A local `Vec` iterated by reference with an await in the loop.
    awaits_in_a_loop_over_a_local_vec: async fn iter_vec / iter_vec_native() -> u64 {
        let v = vec![1u64, 2, 3];
        let mut t = 0;
        for x in &v {
            t += io(*x).await;
        }
        t
    } => 6;
    /// A small local and a counter, both live across two awaits in a loop.
    counter_past_two_awaits_in_a_loop: async fn counter_two / counter_two_native() -> u64 {
        let mut x: u32 = 0;
        let mut c: u64 = 0;
        for _ in 0..3 {
            fill(&mut x).await;
            io(1).await;
            c += 1;
        }
        c + x as u64
    } => 10;
    /// A future pinned with `pin!`, awaited by `as_mut()`, then another await.
    a_pinned_future_then_another: async fn pin_io / pin_io_native() -> u64 {
        let mut f = pin!(io(4));
        let a = f.as_mut().await;
        let b = io(1).await;
        a + b
    } => 5;
    /// A single `u32` filled by an awaited future.
    one_u32_filled: async fn one_u32 / one_u32_native() -> u32 {
        let mut a: u32 = 0;
        fill(&mut a).await;
        a
    } => 7;
}

/// Bodies with arguments: a reader borrowed by each read into a local buffer (once, in a
/// loop with a second await, and owned by the machine), and a `String` argument.
#[test]
fn buffers_filled_from_a_reader_argument() {
    both! {
        async fn buf100 / buf100_native(src: &mut Src) -> usize {
            let mut buf = [0u8; 100];
            let n = src.read(&mut buf).await;
            buf[..n].len()
        }
    }
    both! {
        async fn buf100_loop / buf100_loop_native(src: &mut Src) -> usize {
            let mut buf = [0u8; 100];
            let mut t = 0;
            loop {
                let n = src.read(&mut buf).await;
                if n == 0 {
                    break;
                }
                t += n;
                io(1).await;
            }
            t
        }
    }
    both! {
        async fn owned_src / owned_src_native(src: Src) -> usize {
            let mut src = src;
            let mut buf = [0u8; 8];
            let a = src.read(&mut buf).await;
            let b = src.read(&mut buf).await;
            a + b
        }
    }
    both! {
        async fn string_arg / string_arg_native(s: String) -> usize {
            let v = [1u8; 3];
            Look(&v).await + Look(s.as_bytes()).await
        }
    }
    let src = || Src {
        left: 250,
        chunk: 70,
    };
    let (mut a, mut b) = (src(), src());
    let (ours, native) = no_larger(buf100(&mut a), buf100_native(&mut b));
    assert_eq!((block_on(ours), block_on(native)), (70, 70));
    let (mut a, mut b) = (src(), src());
    let (ours, native) = no_larger(buf100_loop(&mut a), buf100_loop_native(&mut b));
    assert_eq!((block_on(ours), block_on(native)), (250, 250));
    let (ours, native) = no_larger(owned_src(src()), owned_src_native(src()));
    assert_eq!((block_on(ours), block_on(native)), (16, 16));
    let s = || String::from("four");
    let (ours, native) = no_larger(string_arg(s()), string_arg_native(s()));
    assert_eq!((block_on(ours), block_on(native)), (7, 7));
}

/// With an argument, a body that ends in an expression is a block of its own (its tail's
/// temporaries drop before the arguments): its slots still join the root's, beside the tag
/// (an only child block's slots join its parent's, `pinned.rs`, `merged`). Before, they sat
/// in a tuple of their own: `u32 + u16 + x` was 32 bytes (native 32, now 24), `u8` carried
/// 32 (native 24).
#[test]
fn small_locals_of_a_body_with_arguments() {
    both! {
        async fn p_u32_u16 / p_u32_u16_native(x: u8) -> u64 {
            let mut a: u32 = 0;
            fill(&mut a).await;
            let mut b: u16 = 0;
            fill(&mut b).await;
            a as u64 + b as u64 + x as u64
        }
    }
    both! {
        async fn p_u8_u64 / p_u8_u64_native(x: u64) -> u64 {
            let mut a: u8 = 0;
            fill(&mut a).await;
            let mut b: u64 = 0;
            fill(&mut b).await;
            a as u64 + b + x
        }
    }
    both! {
        async fn p_carried / p_carried_native(k: u8) -> u64 {
            let mut a: u8 = 0;
            fill(&mut a).await;
            io(1).await;
            (a + k) as u64
        }
    }
    both! {
        async fn p_vec_loop / p_vec_loop_native(n: u64) -> u64 {
            let v: Vec<u64> = (0..n).collect();
            let mut t = 0;
            for x in &v {
                t += io(*x).await;
            }
            t
        }
    }
    let (ours, native) = no_larger(p_u32_u16(1), p_u32_u16_native(1));
    assert_eq!((block_on(ours), block_on(native)), (15, 15));
    let (ours, native) = no_larger(p_u8_u64(1), p_u8_u64_native(1));
    assert_eq!((block_on(ours), block_on(native)), (15, 15));
    let (ours, native) = no_larger(p_carried(3), p_carried_native(3));
    assert_eq!((block_on(ours), block_on(native)), (10, 10));
    let (ours, native) = no_larger(p_vec_loop(4), p_vec_loop_native(4));
    assert_eq!((block_on(ours), block_on(native)), (6, 6));
}

small! {
    /// A borrowed `u64` also used by value (`let y = x;`): the macro cannot see that it is
    /// `Copy`, so its slot has a drop flag, a `bool` in a slot of its own beside the tag
    /// (48 bytes when the flag made the slot an `Option<u64>`; native 40).
    a_borrowed_local_also_read_by_value: async fn flag_u64 / flag_u64_native() -> u64 {
        let mut x: u64 = std::hint::black_box(1);
        let k: u8 = 2;
        fill(&mut x).await;
        let y = x;
        io(1).await;
        y + x + k as u64
    } => 16;
    /// A borrowed `u32` moved out after the awaits (32 bytes with an `Option<u32>` slot;
    /// native 24).
    a_borrowed_local_moved_out_later: async fn flag_u32 / flag_u32_native() -> u64 {
        let mut x = std::hint::black_box(1u32);
        fill(&mut x).await;
        io(1).await;
        let z = x;
        z as u64
    } => 7;
}

/// A line reader: `read_line` borrows the reader and the line until ready.
struct Lines(u32);

impl Lines {
    fn read_line<'a>(&'a mut self, s: &'a mut String) -> impl Future<Output = ()> + 'a {
        self.0 += 1;
        s.push_str("line");
        std::future::ready(())
    }
}

/// Drop flags are `bool`s of one node beside the tag: two locals each moved out after
/// their awaits (48 bytes with `Option` slots; now 32, as native), and a `String` in each
/// branch, moved into a `Vec` (64 with `Option` slots, or with a flag beside each `String`
/// in its branch's tuple; now 56, native 64).
#[test]
fn drop_flags_beside_the_tag() {
    both! {
        async fn two_flags / two_flags_native() -> u64 {
            let mut x: u64 = std::hint::black_box(1);
            let mut y: u32 = std::hint::black_box(2);
            fill(&mut x).await;
            fill(&mut y).await;
            let a = x;
            let b = y;
            a + b as u64
        }
    }
    both! {
        async fn sibling_strings / sibling_strings_native(c: bool) -> usize {
            let mut r = Lines(0);
            let mut v = Vec::new();
            if c {
                let mut s = String::new();
                r.read_line(&mut s).await;
                v.push(s);
            } else {
                let mut t = String::new();
                r.read_line(&mut t).await;
                t.push('!');
                v.push(t);
            }
            v.len() + v[0].len()
        }
    }
    let (ours, native) = no_larger(two_flags(), two_flags_native());
    assert_eq!((block_on(ours), block_on(native)), (14, 14));
    for c in [true, false] {
        let (ours, native) = no_larger(sibling_strings(c), sibling_strings_native(c));
        let want = if c { 5 } else { 6 };
        assert_eq!((block_on(ours), block_on(native)), (want, want));
    }
}
