//! Backtraces of suspended machines (`stackless::trace`, `Debug`): where each machine is
//! parked, down through the machines it awaits, read from the state without resuming it.

use std::future::Future;
use std::pin::{pin, Pin};
use std::task::{Context, Poll, Waker};

use stackless::{yield_, Awaited, Coroutine, Status, Stream};

/// Pending until `ready` is set (by the test, between polls).
struct Gate {
    ready: std::rc::Rc<std::cell::Cell<bool>>,
}

impl Future for Gate {
    type Output = u32;
    fn poll(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<u32> {
        if self.ready.get() {
            Poll::Ready(1)
        } else {
            Poll::Pending
        }
    }
}

fn poll<F: Future + ?Sized>(f: Pin<&mut F>) -> Poll<F::Output> {
    f.poll(&mut Context::from_waker(Waker::noop()))
}

#[stackless::coroutine]
async fn leaf(gate: Gate) -> u32 {
    let a = gate.await;
    a + 1
}

#[stackless::coroutine]
async fn middle(gate: Gate) -> u32 {
    let x = leaf(gate).await;
    x * 2
}

#[stackless::coroutine]
async fn top(gate: Gate) -> u32 {
    let y = middle(gate).await;
    y + 100
}

fn line_of(needle: &str) -> u32 {
    let src = include_str!("trace_machines.rs");
    src.lines()
        .position(|l| l.contains(needle))
        .map(|i| i as u32 + 1)
        .expect("needle")
}

#[test]
fn async_fn_chain() {
    let ready = std::rc::Rc::new(std::cell::Cell::new(false));
    let mut fut = pin!(top(Gate {
        ready: ready.clone()
    }));
    let t = stackless::trace(&*fut).to_string();
    assert!(t.starts_with("top (tests/trace_machines.rs:"), "{t}");
    assert!(t.ends_with(") not started"), "{t}");
    assert!(poll(fut.as_mut()).is_pending());
    let t = stackless::trace(&*fut).to_string();
    let lines: Vec<&str> = t.lines().collect();
    assert_eq!(lines.len(), 4, "{t}");
    assert_eq!(
        lines[0],
        format!(
            "top (tests/trace_machines.rs:{}:26) awaiting",
            line_of("let y = middle(gate).await;")
        )
    );
    assert_eq!(
        lines[1],
        format!(
            "  middle (tests/trace_machines.rs:{}:24) awaiting",
            line_of("let x = leaf(gate).await;")
        )
    );
    assert!(
        lines[2].starts_with("    leaf (tests/trace_machines.rs:"),
        "{t}"
    );
    assert_eq!(lines[3], "      trace_machines::Gate");
    let dbg = format!("{fut:?}");
    assert!(dbg.contains("top ("), "{dbg}");
    assert!(dbg.contains(" -> middle ("), "{dbg}");
    assert!(dbg.ends_with("-> trace_machines::Gate)"), "{dbg}");
    ready.set(true);
    assert_eq!(poll(fut.as_mut()), Poll::Ready(104));
    assert_eq!(stackless::trace(&*fut).to_string(), "top done");
}

#[stackless::coroutine]
fn count_up(limit: u64) -> impl Iterator<Item = u64> {
    let mut i = 0;
    while i < limit {
        yield_!(i);
        i += 1;
    }
}

#[test]
fn generator() {
    let mut g = count_up(2);
    assert!(stackless::trace(&g).to_string().ends_with("not started"));
    assert_eq!(g.next(), Some(0));
    let t = stackless::trace(&g).to_string();
    assert_eq!(
        t,
        format!(
            "count_up (tests/trace_machines.rs:{}:9) yielded",
            line_of("        yield_!(i);")
        )
    );
    assert_eq!(g.next(), Some(1));
    assert_eq!(g.next(), None);
    assert_eq!(stackless::trace(&g).to_string(), "count_up done");
    assert_eq!(format!("{g:?}"), "Generator(count_up done)");
}

#[stackless::coroutine]
fn ticks(gate: Gate) -> impl Stream<Item = u32> {
    yield_!(1);
    let v = middle(gate).await;
    yield_!(v);
}

#[test]
fn stream() {
    let ready = std::rc::Rc::new(std::cell::Cell::new(false));
    let mut s = pin!(ticks(Gate {
        ready: ready.clone()
    }));
    let mut next = || {
        let mut cx = Context::from_waker(Waker::noop());
        s.as_mut().poll_next(&mut cx)
    };
    assert_eq!(next(), Poll::Ready(Some(1)));
    assert_eq!(next(), Poll::Pending);
    let t = stackless::trace(&*s).to_string();
    assert!(t.starts_with("ticks (tests/trace_machines.rs:"), "{t}");
    assert!(t.contains("\n  middle ("), "{t}");
    assert!(t.contains("\n    leaf ("), "{t}");
    assert!(t.ends_with("\n      trace_machines::Gate"), "{t}");
    let levels: Vec<_> = stackless::trace(&*s).levels().map(|l| l.function).collect();
    assert_eq!(levels, ["ticks", "middle", "leaf"]);
    assert_eq!(stackless::trace(&*s).opaque(), Some("trace_machines::Gate"));
}

#[stackless::coroutine]
async fn wrap<F: Future<Output = u32>>(f: F) -> u32 {
    f.await
}

#[test]
fn generic_await_is_opaque() {
    let ready = std::rc::Rc::new(std::cell::Cell::new(false));
    let mut fut = pin!(wrap(leaf(Gate {
        ready: ready.clone()
    })));
    assert!(poll(fut.as_mut()).is_pending());
    let b = stackless::trace(&*fut);
    let levels: Vec<_> = b.levels().collect();
    assert_eq!(levels.len(), 1);
    match levels[0].status {
        Status::Awaiting {
            awaited: Awaited::Opaque(name),
            ..
        } => assert!(name.contains("AsyncFn"), "{name}"),
        _ => panic!("{b}"),
    }
}

#[stackless::coroutine]
async fn boom(gate: Gate) -> u32 {
    let a = gate.await;
    if a == 1 {
        panic!("boom");
    }
    a
}

#[test]
fn after_a_panic() {
    let ready = std::rc::Rc::new(std::cell::Cell::new(false));
    let mut fut = Box::pin(boom(Gate {
        ready: ready.clone(),
    }));
    assert!(poll(fut.as_mut()).is_pending());
    ready.set(true);
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| poll(fut.as_mut())));
    assert!(r.is_err());
    assert_eq!(stackless::trace(&*fut).to_string(), "boom panicked");
}

// A self-borrowing machine: `buf` is borrowed across the `.await` (a framed machine).
#[stackless::coroutine]
async fn fill(gate: Gate) -> usize {
    let mut buf = vec![0u8; 4];
    let n = read_into(&mut buf, gate).await;
    buf.len() + n as usize
}

#[stackless::coroutine]
async fn read_into(buf: &mut Vec<u8>, gate: Gate) -> u32 {
    buf.push(1);
    gate.await
}

#[test]
fn self_borrowing() {
    let ready = std::rc::Rc::new(std::cell::Cell::new(false));
    let mut fut = Box::pin(fill(Gate {
        ready: ready.clone(),
    }));
    assert!(poll(fut.as_mut()).is_pending());
    let t = stackless::trace(&*fut).to_string();
    let lines: Vec<&str> = t.lines().collect();
    assert_eq!(
        lines[0],
        format!(
            "fill (tests/trace_machines.rs:{}:39) awaiting",
            line_of("let n = read_into(&mut buf, gate).await;")
        ),
        "{t}"
    );
    assert!(lines[1].starts_with("  read_into ("), "{t}");
    assert_eq!(lines[2], "    trace_machines::Gate");
    ready.set(true);
    assert_eq!(poll(fut.as_mut()), Poll::Ready(6));
    assert_eq!(stackless::trace(&*fut).to_string(), "fill done");
}

#[stackless::coroutine]
fn running_total() -> impl Coroutine<i64, Yield = i64, Return = i64> {
    let mut total = 0;
    loop {
        let x = yield_!(total);
        if x == 0 {
            break;
        }
        total += x;
    }
    total
}

#[test]
fn coroutine() {
    let mut c = pin!(running_total());
    let _ = c.as_mut().resume(0);
    assert!(stackless::trace(&*c).to_string().contains(") yielded"));
}

// (A closure, as in the shape this tests: `map(leaf)` would name the future's type.)
#[allow(clippy::redundant_closure)]
#[stackless::coroutine]
async fn gathered(gates: Vec<Gate>, more: Vec<Gate>) -> u32 {
    let mut total = 0;
    for g in gates {
        total += leaf(g).await;
    }
    let futs: Vec<_> = more.into_iter().map(|g| leaf(g)).collect();
    for f in futs {
        total += f.await;
    }
    total
}

#[allow(clippy::redundant_closure)]
#[stackless::coroutine]
async fn closure_futures(xs: Vec<u32>) -> Vec<u32> {
    let triple = |x: u32| async move { x * 3 };
    let mut out = vec![];
    for x in xs {
        out.push(triple(x).await);
    }
    let futs: Vec<_> = (0..3).map(|i| triple(i)).collect();
    for f in futs {
        out.push(f.await);
    }
    out
}

/// A future whose type rustc infers only after the first copy of the code that awaits it
/// (a `Vec<_>` a closure filled, awaited after a loop that awaits): how a trace reads it
/// is chosen where its type is known (before, an `async` block there was taken for a
/// machine: E0277), and a machine there is still traced through.
#[test]
fn a_future_typed_late_is_traced_by_its_type() {
    assert_eq!(
        stackless::rt::block_on(closure_futures(vec![1, 2])),
        [3, 6, 0, 3, 6]
    );
    let ready = std::rc::Rc::new(std::cell::Cell::new(false));
    let gate = || Gate {
        ready: ready.clone(),
    };
    let mut fut = pin!(gathered(Vec::new(), vec![gate()]));
    assert!(poll(fut.as_mut()).is_pending());
    let t = stackless::trace(&*fut).to_string();
    let lines: Vec<&str> = t.lines().collect();
    assert_eq!(lines.len(), 3, "{t}");
    assert_eq!(
        lines[0],
        format!(
            "gathered (tests/trace_machines.rs:{}:20) awaiting",
            line_of("total += f.await;")
        )
    );
    assert!(
        lines[1].starts_with("  leaf (tests/trace_machines.rs:"),
        "{t}"
    );
    assert_eq!(lines[2], "    trace_machines::Gate");
    ready.set(true);
    assert_eq!(poll(fut.as_mut()), Poll::Ready(2));
}
