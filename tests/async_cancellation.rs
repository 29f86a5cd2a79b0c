//! Dropping an async machine at each await: the pending sub-future first, then the live
//! locals, each once.

mod common;
use common::{block_on, delay, log, poll_n_then_drop, take_log, D};
use std::future::Future;

struct Logged<F> {
    name: &'static str,
    inner: F,
}

impl<F: std::future::Future + Unpin> std::future::Future for Logged<F> {
    type Output = F::Output;
    fn poll(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<F::Output> {
        std::pin::Pin::new(&mut self.inner).poll(cx)
    }
}

impl<F> Drop for Logged<F> {
    fn drop(&mut self) {
        log(format!("drop future {}", self.name));
    }
}

fn step(name: &'static str, n: u32) -> Logged<common::Delay<u32>> {
    Logged {
        name,
        inner: delay(n, n),
    }
}

#[stackless::coroutine]
async fn three_steps() -> u32 {
    let a = D("a");
    let x = step("one", 1).await;
    let b = D("b");
    let y = step("two", 1).await;
    let _ = (&a, &b);
    log("end");
    x + y
}

#[test]
fn completes_with_ordered_drops() {
    take_log();
    assert_eq!(block_on(three_steps()), 2);
    assert_eq!(
        take_log(),
        [
            "drop future one",
            "drop future two",
            "end",
            "drop b",
            "drop a"
        ]
    );
}

#[test]
fn cancelled_at_every_await() {
    // k polls, then drop.
    let cases: [(usize, &[&str]); 4] = [
        (0, &[]),
        (1, &["drop future one", "drop a"]),
        (
            2,
            &["drop future one", "drop future two", "drop b", "drop a"],
        ),
        (
            3,
            &[
                "drop future one",
                "drop future two",
                "end",
                "drop b",
                "drop a",
            ],
        ),
    ];
    for (k, expected) in cases {
        take_log();
        let out = poll_n_then_drop(three_steps(), k);
        assert_eq!(out.is_some(), k == 3, "k = {k}");
        assert_eq!(take_log(), expected, "cancelled after {k} polls");
    }
}

struct Account {
    name: &'static str,
}

impl Account {
    async fn deduct(&self, amount: u64) {
        delay(1, ()).await;
        log(format!("{} -{amount}", self.name));
    }
    async fn add(&self, amount: u64) {
        delay(1, ()).await;
        log(format!("{} +{amount}", self.name));
    }
}

/// The article's cancellation-safety warning: cancelled between its two awaits, the money
/// has left `from` and never reaches `to`.
#[stackless::coroutine]
async fn transfer(from: &Account, to: &Account, amount: u64) {
    from.deduct(amount).await;
    to.add(amount).await;
}

#[test]
fn transfer_cancelled_between_its_awaits_loses_the_money() {
    let (a, b) = (Account { name: "alice" }, Account { name: "bob" });
    take_log();
    block_on(transfer(&a, &b, 10));
    assert_eq!(take_log(), ["alice -10", "bob +10"]);
    // Poll: start (deduct pending), deduct completes and `add` starts (pending), drop.
    poll_n_then_drop(transfer(&a, &b, 10), 2);
    assert_eq!(take_log(), ["alice -10"]);
}

#[stackless::coroutine]
async fn loop_with_guard(n: u32) -> u32 {
    let _guard = D("guard");
    let mut total = 0;
    for i in 0..n {
        let item = D(["i0", "i1", "i2"][i as usize]);
        total += delay(1, i).await;
        drop(item);
    }
    total
}

#[test]
fn cancelled_inside_a_loop() {
    for k in 0..8 {
        take_log();
        let done = poll_n_then_drop(loop_with_guard(3), k).is_some();
        let log = take_log();
        assert_eq!(
            log.iter().filter(|e| *e == "drop guard").count(),
            usize::from(k > 0),
            "k = {k}: {log:?}"
        );
        if done {
            assert_eq!(log, ["drop i0", "drop i1", "drop i2", "drop guard"]);
        }
        assert_eq!(
            log.last().map(String::as_str),
            if k > 0 { Some("drop guard") } else { None }
        );
    }
}

#[stackless::coroutine]
async fn panics_after_await() -> u32 {
    let _a = D("a");
    let x = delay(1, 1u32).await;
    if x == 1 {
        panic!("after await");
    }
    x
}

#[test]
fn panic_drops_live_locals_once_and_poisons() {
    take_log();
    let waker = std::task::Waker::noop();
    let mut cx = std::task::Context::from_waker(waker);
    let mut fut = Box::pin(panics_after_await());
    assert!(fut.as_mut().poll(&mut cx).is_pending());
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| fut.as_mut().poll(&mut cx)));
    assert!(r.is_err());
    assert_eq!(take_log(), ["drop a"]);
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| fut.as_mut().poll(&mut cx)));
    assert_eq!(
        *r.unwrap_err().downcast::<&str>().unwrap(),
        "coroutine `panics_after_await` resumed after panicking"
    );
    drop(fut);
    assert_eq!(take_log(), Vec::<String>::new());
}

#[test]
fn polling_after_completion_panics() {
    let waker = std::task::Waker::noop();
    let mut cx = std::task::Context::from_waker(waker);
    let mut fut = Box::pin(transfer_noop());
    assert!(fut.as_mut().poll(&mut cx).is_ready());
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| fut.as_mut().poll(&mut cx)));
    assert_eq!(
        *r.unwrap_err().downcast::<&str>().unwrap(),
        "coroutine `transfer_noop` resumed after completion"
    );
}

#[stackless::coroutine]
async fn transfer_noop() {}

#[stackless::coroutine]
async fn tail_temporary(p: D) -> &'static str {
    delay(1, ()).await;
    let _ = &p;
    D("tail").0
}

#[test]
fn parameters_outlive_the_tail_temporaries() {
    // As in a native `async fn`: the tail's temporaries drop first, then the parameters.
    take_log();
    assert_eq!(block_on(tail_temporary(D("param"))), "tail");
    assert_eq!(take_log(), ["drop tail", "drop param"]);
}
