//! The real `#[tracing::instrument]` (tracing-attributes) beside `#[stackless::coroutine]`, in
//! either order, on an `async fn` and on an `#[async_trait]` method: the span is entered on
//! every poll of the body, and events inside it see it. (tests/foreign_attributes.rs checks
//! the same with a stand-in of the attribute's shape.) A small subscriber records, for each
//! event, the name of the span it is in.
#![deny(warnings)]

#[macro_use]
mod common;

use std::cell::RefCell;
use std::sync::Mutex;

use async_trait::async_trait;
use common::{block_on, delay};
use futures::future::BoxFuture;
use tracing::instrument;
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

/// The spans' names, by id; events are recorded with the span they are in, per thread.
struct Spans {
    names: Mutex<Vec<&'static str>>,
}

thread_local! {
    static STACK: RefCell<Vec<u64>> = const { RefCell::new(Vec::new()) };
    static EVENTS: RefCell<Vec<(Option<&'static str>, String)>> = const { RefCell::new(Vec::new()) };
}

struct Message(String);
impl tracing::field::Visit for Message {
    fn record_debug(&mut self, f: &tracing::field::Field, v: &dyn std::fmt::Debug) {
        if f.name() == "message" {
            self.0 = format!("{v:?}");
        }
    }
}

impl Subscriber for Spans {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, a: &Attributes<'_>) -> Id {
        let mut names = self.names.lock().unwrap();
        names.push(a.metadata().name());
        Id::from_u64(names.len() as u64)
    }
    fn record(&self, _: &Id, _: &Record<'_>) {}
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, e: &Event<'_>) {
        let mut m = Message(String::new());
        e.record(&mut m);
        let span = STACK.with(|s| s.borrow().last().copied());
        let name = span.map(|id| self.names.lock().unwrap()[id as usize - 1]);
        EVENTS.with(|v| v.borrow_mut().push((name, m.0)));
    }
    fn enter(&self, id: &Id) {
        STACK.with(|s| s.borrow_mut().push(id.into_u64()));
    }
    fn exit(&self, _: &Id) {
        STACK.with(|s| s.borrow_mut().pop());
    }
}

fn events() -> Vec<(Option<&'static str>, String)> {
    EVENTS.with(|v| std::mem::take(&mut *v.borrow_mut()))
}

fn with_subscriber<T>(f: impl FnOnce() -> T) -> T {
    let sub = Spans {
        names: Mutex::new(Vec::new()),
    };
    tracing::subscriber::with_default(sub, f)
}

#[stackless::coroutine]
#[instrument]
async fn below(n: u32) -> u32 {
    tracing::info!("start");
    delay(1, ()).await;
    let v = vec![n];
    let r = &v;
    delay(1, ()).await;
    tracing::info!(?r, "end");
    n + 1
}

#[instrument]
#[stackless::coroutine]
async fn above(n: u32) -> u32 {
    tracing::info!("start");
    delay(1, ()).await;
    tracing::info!("end");
    n + 1
}

#[async_trait]
trait Service {
    async fn call_below(&self, n: u32) -> u32;
    async fn call_above(&self, n: u32) -> u32;
}

struct S;

#[async_trait]
impl Service for S {
    #[stackless::coroutine]
    #[instrument(skip(self))]
    async fn call_below(&self, n: u32) -> u32 {
        tracing::info!("start");
        delay(1, ()).await;
        tracing::info!("end");
        n * 2
    }

    #[instrument(skip(self))]
    #[stackless::coroutine]
    async fn call_above(&self, n: u32) -> u32 {
        tracing::info!("start");
        delay(1, ()).await;
        tracing::info!("end");
        n * 3
    }
}

#[test]
fn the_instrument_span_is_entered_on_every_poll_in_either_order() {
    with_subscriber(|| {
        let cases: [(&str, u32, BoxFuture<'_, u32>); 4] = [
            ("below", 2, Box::pin(below(1))),
            ("above", 2, Box::pin(above(1))),
            ("call_below", 2, S.call_below(1)),
            ("call_above", 3, S.call_above(1)),
        ];
        for (name, want, fut) in cases {
            assert_eq!(block_on(fut), want, "{name}");
            let got = events();
            assert_eq!(got.len(), 2, "{name}: {got:?}");
            assert_eq!(got[0], (Some(name), "start".to_string()), "{name}");
            assert_eq!(got[1].0, Some(name), "{name}: {got:?}");
            assert!(got[1].1.ends_with("end"), "{name}: {got:?}");
        }
    });
}
