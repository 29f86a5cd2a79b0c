//! Drop order of coroutines that borrow their own locals (issue #9, pinned slots): on
//! completion, on cancellation after every number of resumes/polls, on early return, on `?`
//! and on panics. A value holding a borrow is dropped before the local it borrows; locals
//! declared earlier are dropped later; everything exactly once — as in a native coroutine.
//! Async shapes are also run as native `async fn`s and the two logs must be equal.
//!
//! Every borrowed local is mentioned after the last suspension point of its scope, so the
//! documented "dead local dropped at the suspension point" difference never applies here.
// The bodies are written as users write them (`while let` over an iterator).
#![allow(clippy::while_let_on_iterator)]

#[macro_use]
mod common;
use common::{cancel_after, log, poll_n_then_drop, poll_stream_n_then_drop, run, take_log, D};
use stackless::{yield_, Coroutine, CoroutineState, Stream};
use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::pin::{pin, Pin};
use std::task::{Context, Poll};

/// A value that borrows a `D` and reads it when dropped (so it must die before the `D`).
struct Holds<'a> {
    name: &'static str,
    d: &'a D,
}

impl Drop for Holds<'_> {
    fn drop(&mut self) {
        log(format!("drop {} (holds {})", self.name, self.d.0));
    }
}

/// An iterator adapter that logs its drop.
struct LoggedIter<I> {
    name: &'static str,
    inner: I,
}

fn logged<I>(name: &'static str, inner: I) -> LoggedIter<I> {
    LoggedIter { name, inner }
}

impl<I: Iterator> Iterator for LoggedIter<I> {
    type Item = I::Item;
    fn next(&mut self) -> Option<I::Item> {
        self.inner.next()
    }
}

impl<I> Drop for LoggedIter<I> {
    fn drop(&mut self) {
        log(format!("drop {}", self.name));
    }
}

/// A future that borrows a `D`, is pending `n` times, then is ready with the `D`'s name
/// length (or panics, if `boom`); its drop reads the `D`.
struct HoldFut<'a> {
    name: &'static str,
    d: &'a D,
    n: u32,
    boom: bool,
}

fn hold<'a>(name: &'static str, d: &'a D, n: u32) -> HoldFut<'a> {
    HoldFut {
        name,
        d,
        n,
        boom: false,
    }
}

impl Future for HoldFut<'_> {
    type Output = u32;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        if self.n > 0 {
            self.n -= 1;
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        if self.boom {
            panic!("boom in {}", self.name);
        }
        Poll::Ready(self.d.0.len() as u32)
    }
}

impl Drop for HoldFut<'_> {
    fn drop(&mut self) {
        log(format!("drop {} (holds {})", self.name, self.d.0));
    }
}

/// Polls `make()` `k` times, drops it; whether it finished, and the log.
fn cancelled<F: Future>(make: impl Fn() -> F, k: usize) -> (bool, Vec<String>) {
    take_log();
    let done = poll_n_then_drop(make(), k).is_some();
    (done, take_log())
}

// ---- generators ------------------------------------------------------------------------

#[stackless::coroutine]
fn guarded_borrow() -> impl Iterator<Item = u32> {
    let _first = D("first");
    let v = D("v");
    let h = Holds { name: "h", d: &v };
    yield_!(1);
    let _after = D("after");
    yield_!(2);
    log("end");
    let _ = (&h, &v);
}

/// On completion: later locals first, the borrower before the borrowed, the earlier local last.
#[test]
fn generator_completion_drops_borrower_before_borrowed() {
    let (v, l) = run(guarded_borrow());
    assert_eq!(v, [1, 2]);
    assert_eq!(
        l,
        [
            "end",
            "drop after",
            "drop h (holds v)",
            "drop v",
            "drop first"
        ]
    );
}

/// Cancelled after every number of resumes: exactly the created values, in reverse order.
#[test]
fn generator_cancelled_after_every_resume() {
    let expected: [&[&str]; 4] = [
        &[],
        &["drop h (holds v)", "drop v", "drop first"],
        &["drop after", "drop h (holds v)", "drop v", "drop first"],
        &[
            "end",
            "drop after",
            "drop h (holds v)",
            "drop v",
            "drop first",
        ],
    ];
    for (k, exp) in expected.iter().enumerate() {
        let (v, l) = cancel_after(guarded_borrow(), k);
        assert_eq!(v.len(), k.min(2), "k = {k}");
        assert_eq!(l, *exp, "cancelled after {k} resumes");
    }
}

#[stackless::coroutine]
fn for_over_logged_iter() -> impl Iterator<Item = &'static str> {
    let _guard = D("guard");
    let items = vec![D("x"), D("y"), D("z")];
    for d in logged("iter", items.iter()) {
        yield_!(d.0);
    }
    log("after loop");
    let _ = &items;
}

/// An iterator wrapper borrowing a local `Vec<D>` is dropped before the `Vec`, at every point.
#[test]
fn generator_iterator_wrapper_dropped_before_the_vec_it_borrows() {
    let (v, l) = run(for_over_logged_iter());
    assert_eq!(v, ["x", "y", "z"]);
    assert_eq!(
        l,
        [
            "drop iter",
            "after loop",
            "drop x",
            "drop y",
            "drop z",
            "drop guard"
        ]
    );
    for k in 0..=4 {
        let (v, l) = cancel_after(for_over_logged_iter(), k);
        let exp: &[&str] = match k {
            0 => &[],
            1..=3 => &["drop iter", "drop x", "drop y", "drop z", "drop guard"],
            _ => &[
                "drop iter",
                "after loop",
                "drop x",
                "drop y",
                "drop z",
                "drop guard",
            ],
        };
        assert_eq!(v.len(), k.min(3), "k = {k}");
        assert_eq!(l, exp, "cancelled after {k} resumes");
    }
}

#[stackless::coroutine]
fn per_iteration_borrow() -> impl Iterator<Item = &'static str> {
    let _outer = D("outer");
    for name in ["i0", "i1", "i2"] {
        let item = D(name);
        let h = Holds {
            name: "h",
            d: &item,
        };
        yield_!(name);
        log(format!("after {}", h.d.0));
    }
}

/// A loop-body local and its borrower: dropped at the end of each iteration, or once on cancel.
#[test]
fn generator_loop_body_borrow_cancelled_at_each_iteration() {
    let iteration = |n: &str| {
        [
            format!("after {n}"),
            format!("drop h (holds {n})"),
            format!("drop {n}"),
        ]
    };
    for k in 0..=4 {
        let (v, l) = cancel_after(per_iteration_borrow(), k);
        let mut exp: Vec<String> = Vec::new();
        for n in ["i0", "i1", "i2"].iter().take(k.saturating_sub(1).min(3)) {
            exp.extend(iteration(n));
        }
        if (1..=3).contains(&k) {
            let n = ["i0", "i1", "i2"][k - 1];
            exp.push(format!("drop h (holds {n})"));
            exp.push(format!("drop {n}"));
        }
        if k > 0 {
            exp.push("drop outer".into());
        }
        assert_eq!(v.len(), k.min(3), "k = {k}");
        assert_eq!(l, exp, "cancelled after {k} resumes");
    }
}

#[stackless::coroutine]
fn move_out_after_borrow() -> impl Iterator<Item = u32> {
    let v = D("v");
    {
        let h = Holds { name: "h", d: &v };
        yield_!(1);
        log("inner end");
        let _ = &h;
    }
    let w = v;
    yield_!(2);
    log(format!("end {}", w.0));
}

/// A local moved out after its borrower's scope ended is dropped once, by its new owner.
#[test]
fn generator_local_moved_after_its_borrow_is_dropped_once() {
    let expected: [&[&str]; 4] = [
        &[],
        &["drop h (holds v)", "drop v"],
        &["inner end", "drop h (holds v)", "drop v"],
        &["inner end", "drop h (holds v)", "end v", "drop v"],
    ];
    for (k, exp) in expected.iter().enumerate() {
        let (_, l) = cancel_after(move_out_after_borrow(), k);
        assert_eq!(l, *exp, "cancelled after {k} resumes");
    }
}

#[stackless::coroutine]
fn early_return(stop: bool) -> impl Iterator<Item = u32> {
    let _a = D("a");
    let v = D("v");
    let h = Holds { name: "h", d: &v };
    yield_!(1);
    if stop {
        log("return");
        return;
    }
    yield_!(2);
    log("end");
    let _ = &h;
}

/// An early `return` while a borrow is live drops the borrower, the borrowed, then the rest.
#[test]
fn generator_early_return_with_a_live_borrow() {
    let (v, l) = run(early_return(true));
    assert_eq!(v, [1]);
    assert_eq!(l, ["return", "drop h (holds v)", "drop v", "drop a"]);
    let (v, l) = run(early_return(false));
    assert_eq!(v, [1, 2]);
    assert_eq!(l, ["end", "drop h (holds v)", "drop v", "drop a"]);
}

#[stackless::coroutine]
fn panics_while_borrowed() -> impl Coroutine<bool, Yield = u32, Return = ()> {
    let _a = D("a");
    let items = vec![D("x"), D("y")];
    let mut it = logged("iter", items.iter());
    while let Some(d) = it.next() {
        if yield_!(d.0.len() as u32) {
            panic!("boom at {}", d.0);
        }
    }
    log("end");
}

/// A panic while an iterator borrows a local: everything is dropped once, during the unwind.
#[test]
fn generator_panic_with_a_live_borrow_drops_everything_once() {
    take_log();
    let mut co = pin!(panics_while_borrowed());
    assert_eq!(co.as_mut().resume(false), CoroutineState::Yielded(1));
    assert_eq!(co.as_mut().resume(false), CoroutineState::Yielded(1));
    assert_eq!(take_log(), Vec::<String>::new());
    let err = catch_unwind(AssertUnwindSafe(|| co.as_mut().resume(true))).unwrap_err();
    assert_eq!(*err.downcast::<String>().unwrap(), "boom at y");
    assert_eq!(take_log(), ["drop iter", "drop x", "drop y", "drop a"]);
    // Resuming a poisoned machine panics and drops nothing more.
    assert!(catch_unwind(AssertUnwindSafe(|| co.as_mut().resume(false))).is_err());
    assert_eq!(take_log(), Vec::<String>::new());
}

#[stackless::coroutine]
fn iter_panics(boom: bool) -> impl Iterator<Item = u32> {
    let _a = D("a");
    let v = D("v");
    let h = Holds { name: "h", d: &v };
    yield_!(1);
    if boom {
        panic!("boom");
    }
    yield_!(2);
    let _ = &h;
}

/// The same for a boxed `impl Iterator` generator; dropping it afterwards drops nothing.
#[test]
fn iterator_generator_panic_then_drop() {
    take_log();
    let mut it = iter_panics(true);
    assert_eq!(it.next(), Some(1));
    assert!(catch_unwind(AssertUnwindSafe(|| it.next())).is_err());
    assert_eq!(take_log(), ["drop h (holds v)", "drop v", "drop a"]);
    drop(it);
    assert_eq!(take_log(), Vec::<String>::new());
}

// ---- async fns -------------------------------------------------------------------------

both! {
    async fn two_awaits / two_awaits_native() -> u32 {
        let _first = D("first");
        let buf = D("buf");
        let n = hold("f1", &buf, 1).await;
        let _b = D("b");
        let m = hold("f2", &buf, 2).await;
        log("end");
        let _ = &buf;
        n + m
    }
}

/// Futures borrowing a local: completion log, equal to the native `async fn`'s.
#[test]
fn async_completion_drops_match_native() {
    take_log();
    assert_eq!(common::block_on(two_awaits()), 6);
    let ours = take_log();
    assert_eq!(common::block_on(two_awaits_native()), 6);
    assert_eq!(ours, take_log());
    assert_eq!(
        ours,
        [
            "drop f1 (holds buf)",
            "drop f2 (holds buf)",
            "end",
            "drop b",
            "drop buf",
            "drop first"
        ]
    );
}

/// Cancelled after every number of polls: the pending future, then the locals; as native.
#[test]
fn async_cancelled_after_every_poll_matches_native() {
    let expected: [&[&str]; 5] = [
        &[],
        &["drop f1 (holds buf)", "drop buf", "drop first"],
        &[
            "drop f1 (holds buf)",
            "drop f2 (holds buf)",
            "drop b",
            "drop buf",
            "drop first",
        ],
        &[
            "drop f1 (holds buf)",
            "drop f2 (holds buf)",
            "drop b",
            "drop buf",
            "drop first",
        ],
        &[
            "drop f1 (holds buf)",
            "drop f2 (holds buf)",
            "end",
            "drop b",
            "drop buf",
            "drop first",
        ],
    ];
    for (k, exp) in expected.iter().enumerate() {
        let ours = cancelled(two_awaits, k);
        let native = cancelled(two_awaits_native, k);
        assert_eq!(ours, native, "k = {k}");
        assert_eq!(
            ours,
            (k == 4, exp.iter().map(|s| s.to_string()).collect()),
            "k = {k}"
        );
    }
}

both! {
    async fn loop_borrow / loop_borrow_native() -> u32 {
        let _guard = D("guard");
        let mut total = 0;
        for name in ["i0", "i1", "i2"] {
            let item = D(name);
            total += hold("f", &item, 1).await;
            log(format!("got {}", item.0));
        }
        total
    }
}

/// A loop-body local borrowed by an awaited future, cancelled at every poll: as native.
#[test]
fn async_loop_body_borrow_cancelled_at_every_poll() {
    for k in 0..=5 {
        let ours = cancelled(loop_borrow, k);
        assert_eq!(ours, cancelled(loop_borrow_native, k), "k = {k}");
    }
    let (done, l) = cancelled(loop_borrow, 4);
    assert!(done);
    let mut exp = Vec::new();
    for n in ["i0", "i1", "i2"] {
        exp.push(format!("drop f (holds {n})"));
        exp.push(format!("got {n}"));
        exp.push(format!("drop {n}"));
    }
    exp.push("drop guard".to_string());
    assert_eq!(l, exp);
    let (done, l) = cancelled(loop_borrow, 2);
    assert!(!done);
    assert_eq!(
        l,
        [
            "drop f (holds i0)",
            "got i0",
            "drop i0",
            "drop f (holds i1)",
            "drop i1",
            "drop guard"
        ]
    );
}

both! {
    async fn iter_and_futures / iter_and_futures_native() -> u32 {
        let _a = D("a");
        let items = vec![D("x"), D("yy")];
        let mut it = logged("iter", items.iter());
        let mut sum = 0;
        while let Some(d) = it.next() {
            sum += hold("f", d, 1).await;
        }
        log("done");
        sum
    }
}

/// An iterator over a local and a future borrowing its item, cancelled at every poll.
#[test]
fn async_iterator_and_future_borrowing_locals_match_native() {
    for k in 0..=4 {
        assert_eq!(
            cancelled(iter_and_futures, k),
            cancelled(iter_and_futures_native, k),
            "k = {k}"
        );
    }
    assert_eq!(
        cancelled(iter_and_futures, 1).1,
        [
            "drop f (holds x)",
            "drop iter",
            "drop x",
            "drop yy",
            "drop a"
        ]
    );
    take_log();
    assert_eq!(common::block_on(iter_and_futures()), 3);
    assert_eq!(
        take_log(),
        [
            "drop f (holds x)",
            "drop f (holds yy)",
            "done",
            "drop iter",
            "drop x",
            "drop yy",
            "drop a"
        ]
    );
}

both! {
    async fn panicking_future / panicking_future_native(boom: bool) -> u32 {
        let _a = D("a");
        let v = D("v");
        let h = Holds { name: "h", d: &v };
        let x = HoldFut { name: "f", d: &v, n: 1, boom }.await;
        log("after");
        let _ = &h;
        x
    }
}

/// Polls `fut` until it panics; the panic message and the log (including the later drop).
fn poll_until_panic<F: Future>(fut: F) -> (String, Vec<String>) {
    take_log();
    let waker = std::task::Waker::noop();
    let mut cx = Context::from_waker(waker);
    let mut fut = Box::pin(fut);
    let err = loop {
        match catch_unwind(AssertUnwindSafe(|| fut.as_mut().poll(&mut cx))) {
            Ok(Poll::Pending) => continue,
            Ok(Poll::Ready(_)) => panic!("finished without panicking"),
            Err(e) => break e,
        }
    };
    // Polling again panics (resumed after panicking), and dropping drops nothing more.
    assert!(catch_unwind(AssertUnwindSafe(|| fut.as_mut().poll(&mut cx))).is_err());
    drop(fut);
    (*err.downcast::<String>().unwrap(), take_log())
}

/// A panic inside an awaited future that borrows a local: each value dropped once, as native.
#[test]
fn async_panic_with_live_borrows_matches_native() {
    let ours = poll_until_panic(panicking_future(true));
    assert_eq!(ours, poll_until_panic(panicking_future_native(true)));
    assert_eq!(
        ours,
        (
            "boom in f".to_string(),
            vec![
                "drop f (holds v)".to_string(),
                "drop h (holds v)".into(),
                "drop v".into(),
                "drop a".into()
            ]
        )
    );
    take_log();
    assert_eq!(common::block_on(panicking_future(false)), 1);
    assert_eq!(
        take_log(),
        [
            "drop f (holds v)",
            "after",
            "drop h (holds v)",
            "drop v",
            "drop a"
        ]
    );
}

both! {
    async fn try_with_borrow / try_with_borrow_native(fail: bool) -> Result<u32, String> {
        let _a = D("a");
        let v = D("v");
        let h = Holds { name: "h", d: &v };
        let x = hold("f", &v, 1).await;
        let r: Result<u32, String> = if fail { Err("no".into()) } else { Ok(x) };
        let y = r?;
        log("after");
        let _ = &h;
        Ok(y + 10)
    }
}

/// `?` returning early while a borrow is live: same result and drops as native.
#[test]
fn async_question_mark_with_a_live_borrow_matches_native() {
    for fail in [true, false] {
        take_log();
        let ours = (common::block_on(try_with_borrow(fail)), take_log());
        let native = (common::block_on(try_with_borrow_native(fail)), take_log());
        assert_eq!(ours, native, "fail = {fail}");
    }
    take_log();
    assert_eq!(
        common::block_on(try_with_borrow(true)),
        Err("no".to_string())
    );
    assert_eq!(
        take_log(),
        ["drop f (holds v)", "drop h (holds v)", "drop v", "drop a"]
    );
}

// ---- async generators ------------------------------------------------------------------

#[stackless::coroutine]
fn stream_with_borrows() -> impl Stream<Item = &'static str> {
    let _a = D("a");
    let items = vec![D("x"), D("y")];
    for d in logged("iter", items.iter()) {
        let n = hold("f", d, 1).await;
        yield_!(d.0);
        log(format!("n {n}"));
    }
    let _ = &items;
}

/// An async generator borrowing its locals, cancelled after every poll.
#[test]
fn stream_cancelled_after_every_poll() {
    let tail = ["drop iter", "drop x", "drop y", "drop a"];
    let expected: [(&[&str], &[&str]); 6] = [
        (&[], &[]),
        (&[], &["drop f (holds x)"]),
        (&["x"], &["drop f (holds x)"]),
        (&["x"], &["drop f (holds x)", "n 1", "drop f (holds y)"]),
        (
            &["x", "y"],
            &["drop f (holds x)", "n 1", "drop f (holds y)"],
        ),
        (
            &["x", "y"],
            &["drop f (holds x)", "n 1", "drop f (holds y)", "n 1"],
        ),
    ];
    for (k, (items, head)) in expected.iter().enumerate() {
        take_log();
        let got = poll_stream_n_then_drop(stream_with_borrows(), k);
        assert_eq!(got, *items, "k = {k}");
        let mut exp: Vec<&str> = head.to_vec();
        if k > 0 {
            exp.extend(tail);
        }
        assert_eq!(take_log(), exp, "cancelled after {k} polls");
    }
}

// ---- locals every point carries, kept beside the tag ----------------------------------
// A machine with pinned slots keeps a local that every suspension point carries in a slot
// of its head, beside the tag (macro `state.rs`, `promote`), not in each variant. It still
// moves out on resume and back on suspend; these check that it is dropped once, in its
// place in the order, on every path.

both! {
    async fn carried_everywhere / carried_everywhere_native() -> u32 {
        let keep = D("keep");
        let buf = D("buf");
        let a = hold("f1", &buf, 1).await;
        let once = D("once");
        let b = hold("f2", &buf, 1).await;
        drop(once);
        let c = hold("f3", &buf, 1).await;
        log(format!("end {}", keep.0));
        a + b + c
    }
}

/// `keep` is carried by all three awaits, `once` by one: cancelled after every number of
/// polls, the same drops in the same order as the native `async fn`.
#[test]
fn async_local_carried_by_every_await_cancelled_at_every_poll() {
    let full = [
        "drop f1 (holds buf)",
        "drop f2 (holds buf)",
        "drop once",
        "drop f3 (holds buf)",
        "end keep",
        "drop buf",
        "drop keep",
    ];
    // Each future is pending once: the fourth poll completes.
    for k in 0..6 {
        let ours = cancelled(carried_everywhere, k);
        assert_eq!(ours, cancelled(carried_everywhere_native, k), "k = {k}");
        assert_eq!(ours.0, k >= 4, "k = {k}");
        let keeps = ours.1.iter().filter(|l| *l == "drop keep").count();
        assert_eq!(keeps, usize::from(k > 0), "k = {k}");
    }
    let (done, l) = cancelled(carried_everywhere, 4);
    assert!(done);
    assert_eq!(l, full);
    // Cancelled while `f2` is pending: it goes first, then `once`, `buf`, `keep`.
    let (_, l) = cancelled(carried_everywhere, 2);
    assert_eq!(
        l,
        [
            "drop f1 (holds buf)",
            "drop f2 (holds buf)",
            "drop once",
            "drop buf",
            "drop keep"
        ]
    );
}

#[stackless::coroutine]
fn carried_by_every_yield(boom: bool) -> impl Iterator<Item = u32> {
    let tag = D("tag");
    let v = vec![1u32, 2, 3];
    for x in &v {
        yield_!(*x);
        if boom && *x == 2 {
            panic!("boom");
        }
        yield_!(*x * 10);
    }
    log(format!("end {}", tag.0));
}

/// A generator's local carried by both yields (beside the tag): run out, cancelled after
/// every resume, and unwound by a panic, it is dropped exactly once.
#[test]
fn generator_local_carried_by_every_yield_dropped_once() {
    let (v, l) = run(carried_by_every_yield(false));
    assert_eq!(v, [1, 10, 2, 20, 3, 30]);
    assert_eq!(l, ["end tag", "drop tag"]);
    for k in 0..8 {
        let (v, l) = cancel_after(carried_by_every_yield(false), k);
        assert_eq!(v.len(), k.min(6));
        let want: &[&str] = match k {
            0 => &[],
            1..=6 => &["drop tag"],
            _ => &["end tag", "drop tag"],
        };
        assert_eq!(l, want, "k = {k}");
    }
    take_log();
    let mut it = carried_by_every_yield(true);
    assert_eq!(it.by_ref().take(3).collect::<Vec<_>>(), [1, 10, 2]);
    assert!(catch_unwind(AssertUnwindSafe(|| it.next())).is_err());
    assert_eq!(take_log(), ["drop tag"]);
    drop(it);
    assert_eq!(take_log(), Vec::<String>::new());
}

// ---- arguments kept in slots -----------------------------------------------------------
// An argument the body keeps in a pinned slot of its outermost block is written there when
// the machine is made (not held in `Start` as well): these check its drops when the machine
// is never polled, cancelled, or run out.

both! {
    async fn args_in_slots / args_in_slots_native(a: D, b: D, c: D) -> u32 {
        let n = hold("f", &b, 1).await;
        log(format!("end {} {}", a.0, c.0));
        n
    }
}

/// `b` is borrowed by the awaited future (a slot from the start), `a` and `c` are carried:
/// never polled, cancelled while pending, and run out, the drops are the native ones.
#[test]
fn async_argument_in_a_slot_dropped_as_native() {
    let make = || args_in_slots(D("a"), D("b"), D("c"));
    let native = || args_in_slots_native(D("a"), D("b"), D("c"));
    for k in 0..4 {
        assert_eq!(cancelled(make, k), cancelled(native, k), "k = {k}");
    }
    assert_eq!(
        cancelled(make, 0),
        (
            false,
            vec!["drop a".into(), "drop b".into(), "drop c".into()]
        )
    );
    let (done, l) = cancelled(make, 2);
    assert!(done);
    assert_eq!(
        l,
        ["drop f (holds b)", "end a c", "drop c", "drop b", "drop a"]
    );
}

both! {
    async fn moved_argument / moved_argument_native(buf: Vec<D>) -> usize {
        let n = sum_names(&buf).await;
        let kept = buf;
        log(format!("moved {}", kept.len()));
        n
    }
}

/// Ready after one pending poll with the total length of the names.
async fn sum_names(v: &[D]) -> usize {
    let mut pending = true;
    std::future::poll_fn(|cx| {
        if std::mem::take(&mut pending) {
            cx.waker().wake_by_ref();
            Poll::Pending
        } else {
            Poll::Ready(())
        }
    })
    .await;
    v.iter().map(|d| d.0.len()).sum()
}

/// An argument in a slot that the body later moves out (a slot with a drop flag, written as
/// `Some` when the machine is made): dropped once on every path, as native.
#[test]
fn async_argument_in_a_flagged_slot_dropped_once() {
    let make = || moved_argument(vec![D("x"), D("yy")]);
    let native = || moved_argument_native(vec![D("x"), D("yy")]);
    for k in 0..4 {
        let ours = cancelled(make, k);
        assert_eq!(ours, cancelled(native, k), "k = {k}");
        let drops = ours.1.iter().filter(|l| l.starts_with("drop")).count();
        assert_eq!(drops, 2, "k = {k}");
    }
    let (done, l) = cancelled(make, 2);
    assert!(done);
    assert_eq!(l, ["moved 2", "drop x", "drop yy"]);
}

#[stackless::coroutine]
fn split_argument(s: String, tag: D) -> impl Coroutine<Yield = usize, Return = ()> {
    for w in s.split(' ') {
        yield_!(w.len());
    }
    log(format!("end {}", tag.0));
}

/// A generator that splits its `String` argument (a slot from the start): resumed to the
/// end, or dropped after any number of resumes, `tag` is dropped once.
#[test]
fn generator_argument_in_a_slot() {
    for k in 0..5 {
        take_log();
        {
            let mut co = pin!(split_argument("ab c def".into(), D("tag")));
            let mut lens = Vec::new();
            for _ in 0..k {
                match co.as_mut().resume(()) {
                    CoroutineState::Yielded(n) => lens.push(n),
                    CoroutineState::Complete(()) => break,
                }
            }
            assert_eq!(lens, [2, 1, 3][..k.min(3)]);
        }
        let want: &[&str] = if k < 4 {
            &["drop tag"]
        } else {
            &["end tag", "drop tag"]
        };
        assert_eq!(take_log(), want, "k = {k}");
    }
}

/// A future that borrows a `D`, is pending once, and panics when dropped.
struct PanicsOnDrop<'a>(&'a D, bool);

impl Future for PanicsOnDrop<'_> {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if std::mem::replace(&mut self.1, true) {
            Poll::Ready(())
        } else {
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

impl Drop for PanicsOnDrop<'_> {
    fn drop(&mut self) {
        log(format!("drop bad (holds {})", self.0 .0));
        panic!("bad drop");
    }
}

both! {
    async fn borrower_panics_on_drop / borrower_panics_on_drop_native() -> () {
        let a = D("a");
        let buf = D("buf");
        PanicsOnDrop(&buf, false).await;
        let _ = &a;
    }
}

/// Cancelled while the borrowing future is pending, whose drop panics: the panic comes out
/// of the machine's drop, and the locals it borrowed are still dropped, as native.
#[test]
fn a_borrower_that_panics_when_cancelled_still_lets_the_locals_drop() {
    fn cancel_after_one_poll<F: Future>(f: F) -> (bool, Vec<String>) {
        take_log();
        let mut f = Box::pin(f);
        let mut cx = Context::from_waker(std::task::Waker::noop());
        assert!(f.as_mut().poll(&mut cx).is_pending());
        let panicked = catch_unwind(AssertUnwindSafe(move || drop(f))).is_err();
        (panicked, take_log())
    }
    let ours = cancel_after_one_poll(borrower_panics_on_drop());
    assert_eq!(
        ours,
        cancel_after_one_poll(borrower_panics_on_drop_native())
    );
    assert_eq!(
        ours,
        (
            true,
            vec![
                "drop bad (holds buf)".into(),
                "drop buf".into(),
                "drop a".into()
            ]
        )
    );
}

/// The same future, dropped when it is done: the panic comes out of the poll that finished
/// it, and the body unwinds, dropping the locals it borrowed, as native.
#[test]
fn a_finished_borrower_that_panics_when_dropped_unwinds_the_body() {
    fn poll_until_panic<F: Future>(f: F) -> (bool, Vec<String>) {
        take_log();
        let mut f = Box::pin(f);
        let mut cx = Context::from_waker(std::task::Waker::noop());
        assert!(f.as_mut().poll(&mut cx).is_pending());
        let panicked = catch_unwind(AssertUnwindSafe(|| f.as_mut().poll(&mut cx))).is_err();
        drop(f);
        (panicked, take_log())
    }
    let ours = poll_until_panic(borrower_panics_on_drop());
    assert_eq!(ours, poll_until_panic(borrower_panics_on_drop_native()));
    assert_eq!(
        ours,
        (
            true,
            vec![
                "drop bad (holds buf)".into(),
                "drop buf".into(),
                "drop a".into()
            ]
        )
    );
}
