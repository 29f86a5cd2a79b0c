//! Coroutine plumbing, as nightly's `core::ops::Coroutine` has it: `Box<G>` (when `G` is
//! `Unpin`) and `Pin<Box<G>>` are coroutines too, and `from_coroutine` iterates over what a
//! `Coroutine<Return = ()>` yields.

use core::pin::{pin, Pin};
use stackless::{from_coroutine, yield_, Coroutine, CoroutineState};

#[stackless::coroutine]
fn running_total() -> impl Coroutine<i64, Yield = i64, Return = String> {
    let mut total = 0;
    loop {
        let x = yield_!(total);
        if x == 0 {
            break;
        }
        total += x;
    }
    format!("total={total}")
}

/// Keeps an iterator over its own local across the yield: pinned slots, `!Unpin`.
#[stackless::coroutine]
fn words(text: &'static str) -> impl Coroutine<Yield = String, Return = ()> {
    let upper = text.to_uppercase();
    for w in upper.split(' ') {
        yield_!(w.to_string());
    }
}

#[stackless::coroutine]
fn countdown(from: u32) -> impl Coroutine<Yield = u32, Return = ()> {
    let mut n = from;
    while n > 0 {
        yield_!(n);
        n -= 1;
    }
}

/// Drives any `Unpin` coroutine with these resume arguments.
fn drive<C: Coroutine<i64> + Unpin>(
    mut co: C,
    args: &[i64],
) -> Vec<CoroutineState<C::Yield, C::Return>> {
    args.iter().map(|&a| Pin::new(&mut co).resume(a)).collect()
}

fn unpin<T: Unpin>(_: &T) {}

#[test]
fn boxed_coroutines_resume() {
    use CoroutineState::{Complete, Yielded};
    let expected = [Yielded(0), Yielded(5), Complete("total=5".to_string())];
    // `Box<G>` with `G: Unpin`.
    let co = running_total();
    unpin(&co);
    assert_eq!(drive(Box::new(co), &[0, 5, 0]), expected);
    // `Pin<Box<G>>`.
    assert_eq!(drive(Box::pin(running_total()), &[0, 5, 0]), expected);
    // Unsized: trait objects, in a `Vec` of different coroutines.
    let mut all: Vec<Pin<Box<dyn Coroutine<Yield = String, Return = ()>>>> =
        vec![Box::pin(words("a b")), Box::pin(words("c"))];
    let mut got = Vec::new();
    for co in &mut all {
        while let Yielded(w) = co.as_mut().resume(()) {
            got.push(w);
        }
    }
    assert_eq!(got, ["A", "B", "C"]);
    let mut b: Box<dyn Coroutine<i64, Yield = i64, Return = String> + Unpin> =
        Box::new(running_total());
    assert_eq!(Pin::new(&mut b).resume(0), Yielded(0));
    assert_eq!(Pin::new(&mut b).resume(2), Yielded(2));
}

#[test]
fn from_coroutine_iterates_the_yields() {
    assert_eq!(
        from_coroutine(pin!(countdown(3))).collect::<Vec<_>>(),
        [3, 2, 1]
    );
    // Boxed: the iterator can be returned; a `!Unpin` coroutine too.
    fn boxed(text: &'static str) -> impl Iterator<Item = String> {
        from_coroutine(Box::pin(words(text)))
    }
    assert_eq!(boxed("x yz").collect::<Vec<_>>(), ["X", "YZ"]);
    // An `Unpin` coroutine needs no pinning.
    let co = countdown(2);
    unpin(&co);
    assert_eq!(
        from_coroutine(co).map(|x| x * 10).collect::<Vec<_>>(),
        [20, 10]
    );
    // A coroutine that completes at once.
    assert_eq!(from_coroutine(pin!(countdown(0))).next(), None);
}

/// As nightly's `from_coroutine`, `next` after the end resumes a completed coroutine, which
/// panics (with a `&'static str`); `fuse()` makes it return `None` again instead.
#[test]
fn from_coroutine_after_the_end() {
    let mut it = from_coroutine(Box::pin(countdown(1)));
    assert_eq!((it.next(), it.next()), (Some(1), None));
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| it.next()));
    assert_eq!(
        *r.unwrap_err().downcast::<&str>().unwrap(),
        "coroutine `countdown` resumed after completion"
    );
    let mut it = from_coroutine(Box::pin(countdown(1))).fuse();
    assert_eq!((it.next(), it.next(), it.next()), (Some(1), None, None));
}
