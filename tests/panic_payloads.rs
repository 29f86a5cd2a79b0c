//! A machine resumed after its body panicked, or after it completed, panics with a
//! `&'static str` payload, as rustc's coroutines do ("coroutine resumed after panicking"),
//! naming the function: code that downcasts the payload to `&str` finds it. For the machines
//! the other tests do not reach this way: with pinned slots (generator, boxed iterator,
//! `async fn`) and parked on an await.

mod common;
use common::delay;
use stackless::{yield_, Coroutine, CoroutineState};
use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::pin::pin;
use std::task::{Context, Poll, Waker};

/// The payload of the panic `f` raises, as the `&'static str` it must be.
fn payload<T>(f: impl FnOnce() -> T) -> &'static str {
    let err = catch_unwind(AssertUnwindSafe(f)).err().expect("a panic");
    *err.downcast::<&'static str>()
        .expect("a `&'static str` payload")
}

#[stackless::coroutine]
fn framed_words(text: &'static str) -> impl Coroutine<Yield = usize, Return = ()> {
    let owned = text.to_string();
    for w in owned.split(' ') {
        yield_!(w.len());
        if w.is_empty() {
            panic!("empty word");
        }
    }
}

#[test]
fn framed_coroutine() {
    let mut co = pin!(framed_words("ab"));
    assert!(std::any::type_name_of_val(&*co).contains("FramedGenerator"));
    assert_eq!(co.as_mut().resume(()), CoroutineState::Yielded(2));
    assert_eq!(co.as_mut().resume(()), CoroutineState::Complete(()));
    assert_eq!(
        payload(|| co.as_mut().resume(())),
        "coroutine `framed_words` resumed after completion"
    );

    let mut co = pin!(framed_words(" x"));
    assert_eq!(co.as_mut().resume(()), CoroutineState::Yielded(0));
    assert_eq!(payload(|| co.as_mut().resume(())), "empty word");
    assert_eq!(
        payload(|| co.as_mut().resume(())),
        "coroutine `framed_words` resumed after panicking"
    );
}

/// A self-borrowing `-> impl Iterator` generator (boxed): after a panic, `next` panics again.
#[stackless::coroutine]
fn boxed_words(text: &'static str) -> impl Iterator<Item = usize> {
    let owned = text.to_string();
    for w in owned.split(' ') {
        yield_!(w.len());
        if w.is_empty() {
            panic!("empty word");
        }
    }
}

#[test]
fn boxed_iterator() {
    let mut it = boxed_words(" x");
    assert_eq!(it.next(), Some(0));
    assert_eq!(payload(|| it.next()), "empty word");
    assert_eq!(
        payload(|| it.next()),
        "coroutine `boxed_words` resumed after panicking"
    );
}

#[stackless::coroutine]
async fn framed_sum(text: &'static str) -> usize {
    let owned = text.to_string();
    let mut total = 0;
    for w in owned.split(' ') {
        total += delay(1, w.len()).await;
        if w.is_empty() {
            panic!("empty word");
        }
    }
    total
}

/// A loop that awaits with a local kept beside the future it is parked on.
#[stackless::coroutine]
async fn parked_sum(n: usize) -> usize {
    let mut v = vec![0];
    let mut i = 0;
    while i < n {
        let x = delay(1, i).await;
        v.push(x);
        i += 1;
        if x == 1 {
            panic!("one");
        }
    }
    v.len()
}

#[test]
fn futures_with_slots_and_parked() {
    let mut cx = Context::from_waker(Waker::noop());
    let mut f = pin!(framed_sum("ab c"));
    assert!(std::any::type_name_of_val(&*f).contains("FramedAsyncFn"));
    let ready = loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            break v;
        }
    };
    assert_eq!(ready, 3);
    assert_eq!(
        payload(|| f.as_mut().poll(&mut cx)),
        "coroutine `framed_sum` resumed after completion"
    );

    let mut f = pin!(parked_sum(3));
    assert!(std::any::type_name_of_val(&*f).contains("ParkedAsyncFn"));
    for _ in 0..2 {
        assert!(f.as_mut().poll(&mut cx).is_pending());
    }
    assert_eq!(payload(|| f.as_mut().poll(&mut cx)), "one");
    assert_eq!(
        payload(|| f.as_mut().poll(&mut cx)),
        "coroutine `parked_sum` resumed after panicking"
    );
}
