//! The thread-local runtime context: which runtime `spawn` and `sleep` talk to, and the
//! local run queue of the current thread, if it is a runtime thread.

use core::marker::PhantomData;
use std::cell::RefCell;
use std::prelude::rust_2021::*;
use std::rc::Rc;
use std::sync::Arc;

use super::runtime::Scheduler;
use super::time::Timer;
use super::{current, multi};

/// What the current thread is to its runtime.
pub(crate) enum Local {
    /// Not a runtime thread (a `block_on` caller of a multi-thread runtime, or a blocking
    /// pool thread): work goes through the shared queues.
    None,
    /// The thread driving a current-thread runtime.
    Current(Rc<current::Core>),
    /// A worker of a multi-thread runtime.
    Worker(Rc<multi::WorkerCore>),
}

pub(crate) struct Ctx {
    pub(crate) handle: Scheduler,
    pub(crate) local: Local,
}

thread_local! {
    static CTX: RefCell<Option<Rc<Ctx>>> = const { RefCell::new(None) };
}

/// Restores the previous context when dropped.
pub(crate) struct EnterGuard {
    prev: Option<Rc<Ctx>>,
    _not_send: PhantomData<*const ()>,
}

pub(crate) fn enter(ctx: Ctx) -> EnterGuard {
    let prev = CTX.with(|c| c.borrow_mut().replace(Rc::new(ctx)));
    EnterGuard {
        prev,
        _not_send: PhantomData,
    }
}

impl Drop for EnterGuard {
    fn drop(&mut self) {
        let prev = self.prev.take();
        let _ = CTX.try_with(|c| *c.borrow_mut() = prev);
    }
}

/// Runs `f` with the current context (or `None`). `f` must not enter a context.
pub(crate) fn with<R>(f: impl FnOnce(Option<&Ctx>) -> R) -> R {
    let mut f = Some(f);
    match CTX.try_with(|c| match c.try_borrow() {
        Ok(ctx) => Some((f.take().unwrap())(ctx.as_deref())),
        Err(_) => None,
    }) {
        Ok(Some(r)) => r,
        _ => (f.take().unwrap())(None),
    }
}

/// A clone of the current context.
pub(crate) fn current() -> Option<Rc<Ctx>> {
    CTX.try_with(|c| c.try_borrow().ok().and_then(|c| c.clone()))
        .ok()
        .flatten()
}

/// The timer of the current runtime.
pub(crate) fn timer() -> Option<Arc<Timer>> {
    with(|ctx| ctx.map(|c| c.handle.timer().clone()))
}
