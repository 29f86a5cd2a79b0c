//! Awaits in loops that keep their locals in place (`resident.rs`, runtime `parked.rs`): the
//! variant of such an `.await` holds the awaited future in a `FutCell`, polled in place and
//! dropped there as soon as it is ready. Every test runs the same body as a native
//! `async fn` and compares results and drop logs exactly: when the future is dropped, the
//! order of drops on cancellation at every poll, and what a panic leaves.
// The bodies are written as users write them (`while let` over an iterator).
#![allow(clippy::while_let_on_iterator)]

#[macro_use]
mod common;
use common::{block_on, collect, poll_n_then_drop, poll_stream_n_then_drop, take_log, D};
use stackless::{yield_, Stream};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// A future that is pending `left` times (waking itself), then ready with `v`, and logs its
/// drop (and, if asked, panics on its last poll).
struct Step {
    name: &'static str,
    left: u32,
    v: u64,
    panics: bool,
}

fn step(name: &'static str, left: u32, v: u64) -> Step {
    Step {
        name,
        left,
        v,
        panics: false,
    }
}

impl Future for Step {
    type Output = u64;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u64> {
        if self.left == 0 {
            if self.panics {
                panic!("{} panics", self.name);
            }
            common::log(format!("ready {}", self.name));
            Poll::Ready(self.v)
        } else {
            self.left -= 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

impl Drop for Step {
    fn drop(&mut self) {
        common::log(format!("drop future {}", self.name));
    }
}

/// The state a loop keeps across its awaits: large enough that moving it costs.
struct Stats {
    hist: [u64; 32],
    count: u64,
    _guard: D,
}

both! {
    async fn stats_loop / stats_loop_native(n: u64) -> u64 {
        let mut st = Stats { hist: [0; 32], count: 0, _guard: D("stats") };
        let names = ["a", "b", "c", "d"];
        for i in 0..n {
            let v = step(names[(i % 4) as usize], (i % 3) as u32, i).await;
            common::log(format!("after {i}"));
            st.hist[(i % 32) as usize] += v;
            st.count += 1;
        }
        let total: u64 = st.hist.iter().sum();
        total * 1000 + st.count
    }
}

#[test]
fn a_loop_keeps_its_state_in_place_and_drops_each_future_when_ready() {
    take_log();
    let ours = block_on(stats_loop(6));
    let ours_log = take_log();
    let native = block_on(stats_loop_native(6));
    let native_log = take_log();
    assert_eq!(ours, native);
    assert_eq!(ours, 15_006);
    // Each future is dropped as soon as it is ready, before the code after its `.await`.
    assert_eq!(ours_log, native_log);
    assert_eq!(&ours_log[..3], ["ready a", "drop future a", "after 0"]);
    assert_eq!(ours_log.last().map(String::as_str), Some("drop stats"));
}

#[test]
fn cancelled_at_every_poll_drops_the_pending_future_then_the_locals() {
    common::cancels_like_native(|| stats_loop(5), || stats_loop_native(5), 11);
}

both! {
    async fn panics_in_poll / panics_in_poll_native(n: u64) -> u64 {
        let mut kept = vec![D("kept")];
        let mut total = 0;
        for i in 0..n {
            let mut s = step("p", 1, i);
            s.panics = i == 2;
            total += s.await;
            kept.push(D("more"));
        }
        total + kept.len() as u64
    }
}

#[test]
fn a_panic_in_the_awaited_future_drops_it_and_the_locals() {
    for f in [
        (|| poll_n_then_drop(panics_in_poll(4), 20)) as fn() -> Option<u64>,
        || poll_n_then_drop(panics_in_poll_native(4), 20),
    ] {
        take_log();
        let r = std::panic::catch_unwind(f);
        assert!(r.is_err());
        let log = take_log();
        assert_eq!(
            log,
            [
                "ready p",
                "drop future p",
                "ready p",
                "drop future p",
                "drop future p",
                "drop kept",
                "drop more",
                "drop more"
            ]
        );
    }
}

#[stackless::coroutine]
async fn panics_after(n: u64) -> u64 {
    let mut st = vec![D("v")];
    for i in 0..n {
        let v = step("q", 0, i).await;
        if v == 1 {
            panic!("after the await");
        }
        st.push(D("w"));
    }
    st.len() as u64
}

#[test]
fn a_panic_after_the_await_poisons_the_machine() {
    take_log();
    let mut fut = Box::pin(panics_after(3));
    let mut cx = Context::from_waker(std::task::Waker::noop());
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let _ = fut.as_mut().poll(&mut cx);
    }));
    assert!(r.is_err());
    assert_eq!(
        take_log(),
        [
            "ready q",
            "drop future q",
            "ready q",
            "drop future q",
            "drop v",
            "drop w"
        ]
    );
    let again = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let _ = fut.as_mut().poll(&mut cx);
    }));
    let msg = again.expect_err("poisoned");
    let msg = msg.downcast_ref::<&str>().expect("a message");
    assert!(msg.contains("resumed after panicking"), "{msg}");
    drop(fut);
    assert_eq!(take_log(), Vec::<String>::new());
}

async fn doubled(i: u64) -> u64 {
    let x = step("inner", 1, i).await;
    x * 2
}

both! {
    async fn not_unpin_futures / not_unpin_futures_native(n: u64) -> u64 {
        // The awaited futures are `async fn` futures (not `Unpin`): they are polled where the
        // cell pins them.
        let mut seen = Vec::new();
        for i in 0..n {
            let v = doubled(i).await;
            seen.push(v);
        }
        seen.iter().sum()
    }
}

#[test]
fn futures_that_are_not_unpin() {
    take_log();
    assert_eq!(block_on(not_unpin_futures(4)), 12);
    let ours_log = take_log();
    assert_eq!(block_on(not_unpin_futures_native(4)), 12);
    assert_eq!(ours_log, take_log());
}

#[test]
fn no_larger_than_the_native_async_fn() {
    let ours = size_of_val(&stats_loop(1));
    let native = size_of_val(&stats_loop_native(1));
    assert!(ours <= native, "ours {ours} > native {native}");
    let ours = size_of_val(&not_unpin_futures(1));
    let native = size_of_val(&not_unpin_futures_native(1));
    assert!(ours <= native, "ours {ours} > native {native}");
}

fn assert_send<T: Send>(_: &T) {}

#[test]
fn send_when_what_it_keeps_is() {
    assert_send(&stats_loop(1));
    assert_send(&not_unpin_futures(1));
}

/// An async generator whose loop awaits while keeping a `Vec` of the lines it has read.
#[stackless::coroutine]
fn numbered(lines: Vec<&'static str>) -> impl Stream<Item = String> {
    let mut seen: Vec<String> = Vec::new();
    for (i, l) in lines.into_iter().enumerate() {
        let n = step("line", (i % 2) as u32, i as u64).await;
        seen.push(format!("{n}:{l}"));
        yield_!(seen.join(","));
    }
}

#[test]
fn an_async_generator_awaiting_in_a_loop() {
    take_log();
    assert_eq!(
        collect(numbered(vec!["a", "b", "c"])),
        ["0:a", "0:a,1:b", "0:a,1:b,2:c"]
    );
    let log = take_log();
    assert_eq!(log.iter().filter(|l| *l == "drop future line").count(), 3);
    // Cancelled while the second future is pending: it is dropped.
    take_log();
    let items = poll_stream_n_then_drop(numbered(vec!["a", "b", "c"]), 2);
    assert_eq!(items, ["0:a"]);
    assert_eq!(
        take_log(),
        ["ready line", "drop future line", "drop future line"]
    );
}

/// A receiver the task owns: each `recv()` future borrows it, so it lives in a pinned slot
/// (a self-borrowing machine). The loop's state is live at every await: it joins the frame
/// too, instead of moving out and back at every message.
struct Rx {
    left: Vec<u64>,
}

impl Rx {
    fn recv(&mut self) -> Recv<'_> {
        Recv {
            rx: self,
            waited: false,
        }
    }
}

struct Recv<'a> {
    rx: &'a mut Rx,
    waited: bool,
}

impl Future for Recv<'_> {
    type Output = Option<u64>;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<u64>> {
        if !self.waited {
            self.waited = true;
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        Poll::Ready(self.rx.left.pop())
    }
}

impl Drop for Recv<'_> {
    fn drop(&mut self) {
        common::log("drop recv");
    }
}

both! {
    async fn actor / actor_native(rx: Rx) -> u64 {
        let mut rx = rx;
        let mut st = Stats { hist: [0; 32], count: 0, _guard: D("stats") };
        while let Some(v) = rx.recv().await {
            st.hist[(v % 32) as usize] += v;
            st.count += 1;
        }
        let total: u64 = st.hist.iter().sum();
        total * 1000 + st.count
    }
}

#[test]
fn an_actor_loop_with_a_borrowed_receiver() {
    let rx = || Rx {
        left: vec![5, 4, 3],
    };
    take_log();
    assert_eq!(block_on(actor(rx())), 12_003);
    let ours = take_log();
    assert_eq!(block_on(actor_native(rx())), 12_003);
    assert_eq!(ours, take_log());
    common::cancels_like_native(|| actor(rx()), || actor_native(rx()), 8);

    let ours = size_of_val(&actor(rx()));
    let native = size_of_val(&actor_native(rx()));
    assert!(ours <= native, "ours {ours} > native {native}");
}

struct Inbox {
    left: Vec<u64>,
}

impl Inbox {
    async fn recv(&mut self) -> Option<u64> {
        common::delay(1, ()).await;
        self.left.pop()
    }
}

struct Collected {
    items: Vec<u64>,
    name: String,
}

both! {
    async fn moves_fields_out / moves_fields_out_native(inbox: Inbox) -> (Vec<u64>, String) {
        // `st` is live at every await of a self-borrowing machine, but its fields are moved
        // out at the end: it is not kept in a slot (a move out of one would not compile).
        let mut inbox = inbox;
        let mut st = Collected { items: Vec::new(), name: String::from("n") };
        while let Some(v) = inbox.recv().await {
            st.items.push(v);
        }
        let items = st.items;
        (items, st.name)
    }
}

#[test]
fn a_state_whose_fields_are_moved_out_at_the_end() {
    let inbox = || Inbox { left: vec![1, 2] };
    let want = (vec![2, 1], String::from("n"));
    assert_eq!(block_on(moves_fields_out(inbox())), want);
    assert_eq!(block_on(moves_fields_out_native(inbox())), want);
}

impl Collected {
    fn add(&mut self, v: u64) {
        self.items.push(v);
    }
    fn finish(self) -> usize {
        self.items.len() + self.name.len()
    }
}

both! {
    async fn consumed_by_a_method / consumed_by_a_method_native(inbox: Inbox) -> usize {
        // A user type whose methods the macro does not know: `finish` takes `self`.
        let mut inbox = inbox;
        let mut st = Collected { items: Vec::new(), name: String::from("n") };
        while let Some(v) = inbox.recv().await {
            st.add(v);
        }
        st.finish()
    }
}

#[test]
fn a_state_consumed_by_its_own_method() {
    let inbox = || Inbox {
        left: vec![1, 2, 3],
    };
    assert_eq!(block_on(consumed_by_a_method(inbox())), 4);
    assert_eq!(block_on(consumed_by_a_method_native(inbox())), 4);
}

both! {
    async fn taken_across_awaits / taken_across_awaits_native(names: Vec<&'static str>) -> Vec<usize> {
        // `d`, bound in the loop after the resident `seen`, is taken out of the await's
        // variant and put back at the next await.
        let mut seen = Vec::new();
        let mut it = names.into_iter();
        while let Some(n) = it.next() {
            let d = D(n);
            common::delay(1, ()).await;
            seen.push(d.0.len());
            common::delay(1, ()).await;
            seen.push(d.0.len() * 10);
        }
        seen
    }
}

#[test]
fn locals_bound_in_the_loop_across_awaits() {
    take_log();
    let want = vec![1, 10, 2, 20];
    assert_eq!(block_on(taken_across_awaits(vec!["a", "bb"])), want);
    let ours = take_log();
    assert_eq!(block_on(taken_across_awaits_native(vec!["a", "bb"])), want);
    assert_eq!(ours, take_log());
    common::cancels_like_native(
        || taken_across_awaits(vec!["a", "bb"]),
        || taken_across_awaits_native(vec!["a", "bb"]),
        10,
    );
}
