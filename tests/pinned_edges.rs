//! Pinned locals in less common positions: branches, match arms, declared without a value,
//! `Copy` values read by value, conditional moves and reassignment, format captures, early
//! exits from loops, and the machine's auto traits and allocations.

mod common;
use common::{drain, probe, IsUnpin, NotUnpin};
use stackless::{rt, yield_, Coroutine};

#[stackless::coroutine]
fn in_a_branch(flag: bool) -> impl Iterator<Item = char> {
    if flag {
        let s = String::from("yes");
        for c in s.chars() {
            yield_!(c);
        }
    } else {
        let t = String::from("no");
        for c in t.chars().rev() {
            yield_!(c);
        }
    }
}

/// Locals of two branches borrowed across yields (their slots overlap).
#[test]
fn pinned_locals_in_either_branch() {
    assert_eq!(in_a_branch(true).collect::<String>(), "yes");
    assert_eq!(in_a_branch(false).collect::<String>(), "on");
}

#[stackless::coroutine]
fn arm_binding(words: Option<String>) -> impl Iterator<Item = usize> {
    match words {
        Some(s) => {
            for w in s.split(',') {
                yield_!(w.len());
            }
        }
        None => yield_!(0),
    }
}

/// A match arm's binding borrowed across yields.
#[test]
fn a_match_binding_borrowed_across_yields() {
    assert_eq!(
        arm_binding(Some("a,bb,ccc".into())).collect::<Vec<_>>(),
        [1, 2, 3]
    );
    assert_eq!(arm_binding(None).collect::<Vec<_>>(), [0]);
}

#[stackless::coroutine]
fn if_let_binding(v: Vec<Vec<u8>>) -> impl Iterator<Item = u8> {
    if let Some(first) = v.into_iter().next() {
        for b in &first {
            yield_!(*b);
        }
    }
}

/// An `if let` binding borrowed across yields.
#[test]
fn an_if_let_binding_borrowed_across_yields() {
    assert_eq!(if_let_binding(vec![vec![4, 5]]).collect::<Vec<_>>(), [4, 5]);
    assert_eq!(if_let_binding(vec![]).count(), 0);
}

#[allow(clippy::needless_late_init)] // the late initialisation is what is tested
#[stackless::coroutine]
fn declared_then_assigned(n: u32) -> impl Coroutine<Yield = u32, Return = usize> {
    let v;
    v = (0..n).collect::<Vec<u32>>();
    for x in &v {
        yield_!(*x);
    }
    v.len()
}

/// `let v;` assigned later, then borrowed across yields.
#[test]
fn declared_without_a_value_then_assigned() {
    assert_eq!(drain(declared_then_assigned(3)), (vec![0, 1, 2], 3));
}

#[stackless::coroutine]
fn copy_read_by_value() -> impl Coroutine<Yield = u64, Return = u64> {
    let n = 5u64;
    let r = &n;
    yield_!(n);
    yield_!(*r + n);
    n * 2
}

/// A `Copy` pinned local read by value is copied, not moved out.
#[test]
fn a_copy_pinned_local_read_by_value() {
    assert_eq!(drain(copy_read_by_value()), (vec![5, 10], 10));
}

#[stackless::coroutine]
fn moved_and_reassigned(take: bool) -> impl Coroutine<Yield = usize, Return = String> {
    let mut s = String::from("first");
    let r = &s;
    yield_!(r.len());
    if take {
        let gone = s;
        yield_!(gone.len() + 100);
        s = String::from("second");
    }
    let r2 = &s;
    yield_!(r2.len());
    s
}

/// A pinned local moved out on one path and reassigned, then borrowed again.
#[test]
fn a_pinned_local_moved_then_reassigned() {
    assert_eq!(
        drain(moved_and_reassigned(true)),
        (vec![5, 105, 6], "second".to_string())
    );
    assert_eq!(
        drain(moved_and_reassigned(false)),
        (vec![5, 5], "first".to_string())
    );
}

#[stackless::coroutine]
fn formats() -> impl Iterator<Item = String> {
    let v = vec![1, 2];
    let name = String::from("v");
    for x in &v {
        yield_!(format!("{name}={v:?} x={x}"));
    }
}

/// Format strings capture pinned locals inline (`{v:?}`) and by argument.
#[test]
fn format_captures_of_pinned_locals() {
    assert_eq!(
        formats().collect::<Vec<_>>(),
        ["v=[1, 2] x=1", "v=[1, 2] x=2"]
    );
}

#[stackless::coroutine]
fn early_exits(stop: u32) -> impl Coroutine<Yield = u32, Return = u32> {
    let mut total = 0;
    'outer: for round in 0..3u32 {
        let v: Vec<u32> = (round * 10..round * 10 + 3).collect();
        for x in &v {
            if *x == stop {
                break 'outer;
            }
            if x % 2 == 1 {
                continue;
            }
            total += x;
            yield_!(*x);
        }
    }
    total
}

/// `break 'outer` and `continue` out of loops over pinned locals drop the slots and reuse
/// them next iteration.
#[test]
fn labelled_break_and_continue_over_pinned_locals() {
    assert_eq!(drain(early_exits(21)), (vec![0, 2, 10, 12, 20], 44));
    assert_eq!(drain(early_exits(99)), (vec![0, 2, 10, 12, 20, 22], 66));
}

#[stackless::coroutine]
async fn pinned_future() -> u32 {
    let v = vec![1u32, 2, 3];
    let mut sum = 0;
    for x in &v {
        rt::yield_now().await;
        sum += x;
    }
    sum
}

#[stackless::coroutine]
async fn plain_future() -> u32 {
    let v = vec![1u32, 2, 3];
    rt::yield_now().await;
    v.iter().sum()
}

/// A machine with pinned slots is `!Unpin`; one without stays `Unpin`.
#[test]
#[allow(clippy::needless_borrow)] // the `&` picks the probe's method (autoref specialisation)
fn pinned_slots_make_the_machine_not_unpin() {
    let with = pinned_future();
    let without = plain_future();
    assert!(!(&probe(&with)).unpin());
    assert!((&probe(&without)).unpin());
    assert_eq!(rt::block_on(with), 6);
    assert_eq!(rt::block_on(without), 6);
}

/// Ready at once with the borrowed slice's length.
struct Len<'a>(&'a [u8]);

impl std::future::Future for Len<'_> {
    type Output = usize;
    fn poll(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<usize> {
        std::task::Poll::Ready(self.0.len())
    }
}

/// Nine borrowed locals in the outermost block: more than a node's tuple holds (eight), so
/// they are a chain of pairs in one slot of the head; a `String` carried past every await
/// beside them.
#[stackless::coroutine]
async fn nine_slots(k: String) -> usize {
    let a = [1u8; 1];
    let b = [1u8; 2];
    let c = [1u8; 3];
    let d = [1u8; 4];
    let e = [1u8; 5];
    let f = [1u8; 6];
    let g = [1u8; 7];
    let h = [1u8; 8];
    let i = [1u8; 9];
    let keep = String::from("keep");
    let mut t = Len(&a).await + Len(&b).await;
    rt::yield_now().await;
    t += Len(&c).await + Len(&d).await + Len(&e).await + Len(&f).await;
    t += Len(&g).await + Len(&h).await + Len(&i).await;
    t + keep.len() + k.len()
}

/// Seven borrowed locals and three locals carried past every await: the head has room for
/// one of them beside the tag (eight slots in all), the others stay in the variants.
#[stackless::coroutine]
async fn seven_slots_three_carried() -> usize {
    let a = [1u8; 1];
    let b = [1u8; 2];
    let c = [1u8; 3];
    let d = [1u8; 4];
    let e = [1u8; 5];
    let f = [1u8; 6];
    let g = [1u8; 7];
    let x = String::from("x");
    let y = vec![1u8];
    let z = 5u16;
    let t = Len(&a).await + Len(&b).await + Len(&c).await + Len(&d).await;
    rt::yield_now().await;
    t + Len(&e).await + Len(&f).await + Len(&g).await + x.len() + y.len() + z as usize
}

#[test]
fn more_slots_than_a_head_holds() {
    assert_eq!(common::block_on(nine_slots("kk".into())), 45 + 4 + 2);
    assert_eq!(
        common::block_on(seven_slots_three_carried()),
        28 + 1 + 1 + 5
    );
}

#[deny(unused_unsafe, unused_parens)]
// The borrows are the shapes under test.
#[allow(
    clippy::needless_borrow,
    clippy::iter_count,
    clippy::unnecessary_mut_passed
)]
#[stackless::coroutine]
fn beside_the_expansions_unsafe(p: *const u32) -> impl Coroutine<Yield = u32, Return = usize> {
    let mut v = vec![1u32];
    for x in &v {
        yield_!(*x);
    }
    // A statement led by a reference to a pinned local, and a user `unsafe` block around
    // a mention of one: the expansion's own `unsafe` blocks nest inside it unflagged.
    (&v).iter().count();
    // SAFETY: `p` points to a live `u32` (the test passes one).
    unsafe { v.push(*p) };
    let r = &mut v;
    r.push(3);
    for x in &v {
        yield_!(*x);
    }
    (&mut v).len()
}

/// The rewrites of pinned locals into `unsafe { owner.__place() }` keep statement-leading
/// references and user `unsafe` blocks as they were, without a lint.
#[test]
fn pinned_locals_beside_unsafe_blocks() {
    let n = 2;
    let (ys, len) = drain(beside_the_expansions_unsafe(&n));
    assert_eq!((ys, len), (vec![1, 1, 2, 3], 3));
}
