//! Other attributes on the same `async fn`, in either order: `#[tokio::main]`,
//! `#[tokio::test]` (and anything else the macro does not know, such as
//! `#[tracing::instrument]`) expect an `async fn`. Above ours, they see one that awaits the
//! machine (so they see every poll of it); below ours, they have already made the function a
//! plain `fn` blocking on an `async` block, which becomes a machine of its own.

/// Pending once.
async fn step() {
    let mut first = true;
    std::future::poll_fn(|cx| {
        if std::mem::take(&mut first) {
            cx.waker().wake_by_ref();
            std::task::Poll::Pending
        } else {
            std::task::Poll::Ready(())
        }
    })
    .await
}

#[stackless::coroutine]
#[tokio::main(flavor = "current_thread")]
async fn main_below_ours(n: u32) -> u32 {
    step().await;
    n + 1
}

#[tokio::main(flavor = "current_thread")]
#[stackless::coroutine]
async fn main_above_ours() -> Result<u32, std::num::ParseIntError> {
    step().await;
    let n: u32 = "41".parse()?;
    Ok(n + 1)
}

#[test]
fn tokio_main_in_either_order() {
    assert_eq!(main_below_ours(1), 2);
    assert_eq!(main_above_ours(), Ok(42));
}

#[stackless::coroutine]
#[tokio::test]
async fn tokio_test_below_ours() {
    step().await;
    let v = vec![1, 2, 3];
    step().await;
    assert_eq!(v.len(), 3);
}

#[tokio::test]
#[stackless::coroutine]
async fn tokio_test_above_ours() -> Result<(), String> {
    step().await;
    step().await;
    Ok(())
}

/// A test whose body does not suspend, the attribute added anyway (as on every test of a
/// file): nothing to lower, the body runs as written. (Before, "unsupported return type":
/// found by the peer hunt.)
#[tokio::test]
#[stackless::coroutine]
async fn tokio_test_above_ours_without_an_await() {
    assert_eq!("1".parse::<u32>(), Ok(1));
}

#[stackless::coroutine]
#[tokio::test]
async fn tokio_test_below_ours_without_an_await() {
    assert_eq!("2".parse::<u32>(), Ok(2));
}

/// Doc comments, lint levels, `must_use`, `inline` mean the same on the machine's function:
/// no wrapper, the same machine as without them.
#[stackless::coroutine]
#[must_use]
#[inline]
#[allow(clippy::let_and_return)]
async fn passive_attributes(n: [u64; 8]) -> u64 {
    step().await;
    n[0]
}

#[stackless::coroutine]
async fn no_attributes(n: [u64; 8]) -> u64 {
    step().await;
    n[0]
}

#[test]
fn passive_attributes_stay_on_the_machine() {
    let f = passive_attributes([3; 8]);
    assert_eq!(
        std::mem::size_of_val(&f),
        std::mem::size_of_val(&no_attributes([3; 8]))
    );
    assert_eq!(stackless::rt::block_on(f), 3);
}

/// What `#[instrument_like::instrument]` expands to needs: a span entered around every poll
/// of the instrumented future (as `tracing::Instrumented` does), and events that record the
/// span they happen in.
mod instrument_like_rt {
    use std::cell::RefCell;
    use std::future::Future;
    use std::pin::Pin;
    use std::task::{Context, Poll};

    thread_local! {
        static STACK: RefCell<Vec<&'static str>> = const { RefCell::new(Vec::new()) };
        static EVENTS: RefCell<Vec<(Option<&'static str>, &'static str)>> =
            const { RefCell::new(Vec::new()) };
    }

    pub struct Span(pub &'static str);

    pub struct Instrumented<F> {
        fut: Pin<Box<F>>,
        span: Span,
    }

    pub fn instrument<F: Future>(fut: F, span: Span) -> Instrumented<F> {
        Instrumented {
            fut: Box::pin(fut),
            span,
        }
    }

    impl<F: Future> Future for Instrumented<F> {
        type Output = F::Output;
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
            let name = self.span.0;
            STACK.with(|s| s.borrow_mut().push(name));
            let r = self.fut.as_mut().poll(cx);
            STACK.with(|s| s.borrow_mut().pop());
            r
        }
    }

    pub fn event(msg: &'static str) {
        let span = STACK.with(|s| s.borrow().last().copied());
        EVENTS.with(|e| e.borrow_mut().push((span, msg)));
    }

    pub fn take_events() -> Vec<(Option<&'static str>, &'static str)> {
        EVENTS.with(|e| std::mem::take(&mut *e.borrow_mut()))
    }
}

use instrument_like_rt::{event, take_events};

// Ours outermost: ours runs first and keeps the attribute on an outer `async fn` that awaits
// the machine, so the span is entered around every poll of it. The attribute outermost: it
// runs first and hands ours a body that awaits its own `async move` block (which ours does
// not lower: that block is a native future the machine awaits).

#[stackless::coroutine]
#[instrument_like::instrument]
async fn instrument_inside_ours(n: u32) -> u32 {
    event("start");
    step().await;
    event("after one");
    step().await;
    event("after two");
    n + 1
}

#[instrument_like::instrument]
#[stackless::coroutine]
async fn instrument_outside_ours(n: u32) -> Result<u32, String> {
    event("start");
    step().await;
    if n == 0 {
        return Err("zero".into());
    }
    event("after one");
    step().await;
    event("after two");
    Ok(n + 1)
}

#[test]
fn an_instrumenting_attribute_keeps_its_span_on_every_poll_in_either_order() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    assert_eq!(rt.block_on(instrument_inside_ours(1)), 2);
    let below = take_events();
    assert_eq!(
        below,
        [
            (Some("instrument_inside_ours"), "start"),
            (Some("instrument_inside_ours"), "after one"),
            (Some("instrument_inside_ours"), "after two"),
        ]
    );
    assert_eq!(rt.block_on(instrument_outside_ours(1)), Ok(2));
    assert_eq!(
        take_events(),
        [
            (Some("instrument_outside_ours"), "start"),
            (Some("instrument_outside_ours"), "after one"),
            (Some("instrument_outside_ours"), "after two"),
        ]
    );
    assert_eq!(rt.block_on(instrument_outside_ours(0)), Err("zero".into()));
    assert_eq!(take_events(), [(Some("instrument_outside_ours"), "start")]);
}
