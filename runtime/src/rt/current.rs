//! The current-thread scheduler: every task runs on the thread that calls `block_on`.
//!
//! Wakes from that thread push onto a plain `VecDeque` (no lock, no atomics beyond the
//! task's state word); wakes from other threads go through a mutex-protected remote queue
//! and unpark the driving thread.

use core::future::Future;
use core::pin::pin;
use core::sync::atomic::AtomicBool;
use core::sync::atomic::Ordering::{AcqRel, Acquire, Relaxed, Release};
use core::task::{Context, Poll, Waker};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::prelude::rust_2021::*;
use std::rc::Rc;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, Weak};
use std::task::Wake;
use std::thread::{self, Thread};

use super::blocking::BlockingPool;
use super::context::{self, Ctx, Local};
use super::runtime::Scheduler;
use super::task::{Notified, Registry, Schedule};
use super::time::Timer;

/// How many tasks run between two looks at the main future, the remote queue and timers.
const BATCH: u32 = 61;

pub(crate) struct Shared {
    me: Weak<Shared>,
    registry: Registry,
    remote: Mutex<Remote>,
    remote_pending: AtomicBool,
    pub(crate) timer: Arc<Timer>,
    pub(crate) blocking: BlockingPool,
}

struct Remote {
    queue: VecDeque<Notified>,
    /// The thread currently driving the runtime (inside `block_on`).
    thread: Option<Thread>,
    closed: bool,
}

/// The run queue, owned by whichever thread drives the runtime.
pub(crate) struct Core {
    shared: Arc<Shared>,
    queue: RefCell<VecDeque<Notified>>,
}

impl Shared {
    pub(crate) fn new(blocking: BlockingPool) -> Arc<Shared> {
        Arc::new_cyclic(|me: &Weak<Shared>| {
            let weak = me.clone();
            Shared {
                me: me.clone(),
                registry: Registry::new(1),
                remote: Mutex::new(Remote {
                    queue: VecDeque::new(),
                    thread: None,
                    closed: false,
                }),
                remote_pending: AtomicBool::new(false),
                timer: Arc::new(Timer::new(Box::new(move || {
                    if let Some(shared) = weak.upgrade() {
                        if !shared.is_driver_thread() {
                            shared.unpark_driver();
                        }
                    }
                }))),
                blocking,
            }
        })
    }

    fn lock_remote(&self) -> MutexGuard<'_, Remote> {
        self.remote.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn is_driver_thread(&self) -> bool {
        context::with(|ctx| {
            matches!(ctx, Some(Ctx { local: Local::Current(core), .. })
                if core::ptr::eq(&*core.shared, self))
        })
    }

    fn unpark_driver(&self) {
        let thread = self.lock_remote().thread.clone();
        if let Some(t) = thread {
            t.unpark();
        }
    }

    /// Moves the remote queue into the local one. Returns `true` if anything moved.
    fn take_remote(&self, core: &Core) -> bool {
        if !self.remote_pending.swap(false, AcqRel) {
            return false;
        }
        let mut remote = self.lock_remote();
        if remote.queue.is_empty() {
            return false;
        }
        core.queue.borrow_mut().append(&mut remote.queue);
        true
    }

    /// Shutdown: drops every task's future and every queued entry and timer.
    pub(crate) fn shutdown(&self, local: Option<VecDeque<Notified>>) {
        let remote = {
            let mut r = self.lock_remote();
            r.closed = true;
            core::mem::take(&mut r.queue)
        };
        drop(remote);
        drop(local);
        for task in self.registry.close() {
            task.shutdown();
        }
        // Futures dropped above may have queued more work; it is dropped too.
        let remote = core::mem::take(&mut self.lock_remote().queue);
        drop(remote);
        self.timer.close();
        self.blocking.shutdown();
    }

    #[allow(dead_code)]
    pub(crate) fn live_tasks(&self) -> usize {
        self.registry.len()
    }
}

impl Schedule for Arc<Shared> {
    fn schedule(&self, task: Notified) -> Option<Notified> {
        let this: &Shared = self;
        let task = context::with(move |ctx| match ctx {
            Some(Ctx {
                local: Local::Current(core),
                ..
            }) if core::ptr::eq(&*core.shared, this) => {
                core.queue.borrow_mut().push_back(task);
                None
            }
            _ => Some(task),
        })?;
        // From another thread: keep the runtime alive for the duration of this call.
        let Some(shared) = this.me.upgrade() else {
            return Some(task);
        };
        let thread = {
            let mut remote = shared.lock_remote();
            if remote.closed {
                return Some(task);
            }
            remote.queue.push_back(task);
            shared.remote_pending.store(true, Release);
            remote.thread.clone()
        };
        if let Some(t) = thread {
            t.unpark();
        }
        None
    }

    fn registry(&self) -> Option<&Registry> {
        Some(&self.registry)
    }
}

/// Wakes the thread blocked in `block_on` for its main future.
pub(crate) struct MainWaker {
    pub(crate) woken: AtomicBool,
    thread: Thread,
}

impl MainWaker {
    pub(crate) fn new() -> Arc<MainWaker> {
        Arc::new(MainWaker {
            woken: AtomicBool::new(true),
            thread: thread::current(),
        })
    }
}

impl Wake for MainWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        if !self.woken.swap(true, AcqRel) {
            self.thread.unpark();
        }
    }
}

/// The run queue of a current-thread runtime while no thread is driving it.
pub(crate) type QueueSlot = Mutex<Option<VecDeque<Notified>>>;

/// Runs the main future and the runtime's tasks on this thread until the future finishes.
/// `queue` was taken from `slot`; it is put back there on return (or unwind).
pub(crate) fn block_on<F: Future>(
    shared: &Arc<Shared>,
    slot: &QueueSlot,
    queue: VecDeque<Notified>,
    future: F,
) -> F::Output {
    /// Hands the run queue back even if the main future panics.
    struct Finish<'a> {
        shared: &'a Shared,
        core: Rc<Core>,
        slot: &'a QueueSlot,
    }
    impl Drop for Finish<'_> {
        fn drop(&mut self) {
            self.shared.lock_remote().thread = None;
            let queue = self.core.queue.take();
            *self.slot.lock().unwrap_or_else(PoisonError::into_inner) = Some(queue);
        }
    }

    let core = Rc::new(Core {
        shared: shared.clone(),
        queue: RefCell::new(queue),
    });
    shared.lock_remote().thread = Some(thread::current());
    let finish = Finish {
        shared,
        core: core.clone(),
        slot,
    };
    let _enter = context::enter(Ctx {
        handle: Scheduler::Current(shared.clone()),
        local: Local::Current(core.clone()),
    });
    let main = MainWaker::new();
    let waker = Waker::from(main.clone());
    let mut cx = Context::from_waker(&waker);
    let mut future = pin!(future);
    let mut buf = Vec::new();
    // The main future takes its turn in FIFO order like a task: when it is woken, it is
    // polled after the tasks queued at that moment (so `yield_now` in it is fair too).
    let mut main_after: Option<usize> = None;
    loop {
        if main_after.is_none() && main.woken.swap(false, AcqRel) {
            shared.take_remote(&core);
            main_after = Some(core.queue.borrow().len());
        }
        if main_after == Some(0) {
            main_after = None;
            main.woken.store(false, Release);
            if let Poll::Ready(v) = future.as_mut().poll(&mut cx) {
                return v;
            }
            continue;
        }
        let mut ran = 0;
        while ran < BATCH && main_after != Some(0) {
            let next = core.queue.borrow_mut().pop_front();
            match next {
                Some(task) => {
                    task.run();
                    ran += 1;
                    if let Some(n) = main_after.as_mut() {
                        *n -= 1;
                    }
                }
                None => {
                    if !shared.take_remote(&core) {
                        if main_after.is_some() {
                            main_after = Some(0);
                        }
                        break;
                    }
                }
            }
        }
        shared.take_remote(&core);
        if shared.timer.fire(&mut buf) > 0 || ran == BATCH || main_after.is_some() {
            continue;
        }
        if !core.queue.borrow().is_empty() || main.woken.load(Relaxed) {
            continue;
        }
        {
            // Idle: give back a run queue that grew large during a burst.
            let mut q = core.queue.borrow_mut();
            if q.capacity() > 4096 {
                *q = VecDeque::new();
            }
        }
        if shared.remote_pending.load(Acquire) {
            continue;
        }
        shared.timer.park();
        let _ = &finish;
    }
}

/// Drives only `future` on this thread (used when another thread owns the run queue).
pub(crate) fn block_on_main_only<F: Future>(handle: Scheduler, future: F) -> F::Output {
    let main = MainWaker::new();
    let waker = Waker::from(main.clone());
    let mut cx = Context::from_waker(&waker);
    let _enter = context::enter(Ctx {
        handle,
        local: Local::None,
    });
    let mut future = pin!(future);
    loop {
        if main.woken.swap(false, AcqRel) {
            if let Poll::Ready(v) = future.as_mut().poll(&mut cx) {
                return v;
            }
        }
        if !main.woken.load(Acquire) {
            thread::park();
        }
    }
}
