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

/// Panics if this thread drives a runtime's tasks: it is inside a current-thread runtime's
/// `block_on` (the main future or one of its tasks) or it is a multi-thread worker. A
/// `block_on` there would park the thread that must run those tasks, and the future it
/// blocks on may be waiting for one of them: a hang, made a panic here (as tokio does).
/// A blocking-pool thread, or the caller of a multi-thread runtime's `block_on`, drives no
/// tasks and may block.
#[track_caller]
pub(crate) fn assert_not_driving() {
    let driving = with(|ctx| {
        matches!(
            ctx,
            Some(Ctx {
                local: Local::Current(_) | Local::Worker(_),
                ..
            })
        )
    });
    if driving {
        std::panic!(
            "Cannot start a runtime from within a runtime: `stackless::rt::block_on` (or \
             `Runtime::block_on`) was called on a thread that is driving a stackless runtime \
             (inside `block_on`, or in a task). Blocking this thread would stop the tasks it \
             runs, which the future may be waiting for. `.await` the future instead, or call \
             `block_on` from `spawn_blocking`."
        );
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
