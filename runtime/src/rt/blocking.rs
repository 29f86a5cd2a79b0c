//! The blocking pool: a bounded set of threads for closures that block.
//!
//! A blocking call (file I/O, a lock held for long, a CPU-heavy loop) inside a task would
//! stall every other task of its worker thread. `spawn_blocking` moves such a call to one of
//! these threads. Threads are started on demand up to a bound (512 by default; further
//! jobs wait in a queue) and exit after idling for a while (10 s by default).

use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};
use core::time::Duration;
use std::collections::VecDeque;
use std::prelude::rust_2021::*;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread;

use super::context::{self, Ctx, Local};
use super::runtime::Scheduler;
use super::task::{self, JoinHandle, Notified, Registry, Schedule};

pub(crate) struct BlockingPool {
    inner: Arc<Inner>,
}

struct Inner {
    state: Mutex<State>,
    cond: Condvar,
    max_threads: usize,
    keep_alive: Duration,
    name: String,
}

struct State {
    queue: VecDeque<Notified>,
    threads: usize,
    idle: usize,
    pending_notify: usize,
    shutdown: bool,
}

/// Blocking tasks are polled exactly once and never woken, so they need no scheduler.
struct NoSchedule;

impl Schedule for NoSchedule {
    fn schedule(&self, task: Notified) -> Option<Notified> {
        Some(task)
    }

    fn registry(&self) -> Option<&Registry> {
        None
    }
}

/// A closure as a future that runs it on its first poll.
struct BlockingTask<F>(Option<F>);

impl<F> Unpin for BlockingTask<F> {}

impl<F: FnOnce() -> R, R> Future for BlockingTask<F> {
    type Output = R;

    fn poll(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<R> {
        let f = self
            .0
            .take()
            .expect("blocking task polled after completion");
        Poll::Ready(f())
    }
}

impl BlockingPool {
    pub(crate) fn new(max_threads: usize, keep_alive: Duration, name: String) -> BlockingPool {
        BlockingPool {
            inner: Arc::new(Inner {
                state: Mutex::new(State {
                    queue: VecDeque::new(),
                    threads: 0,
                    idle: 0,
                    pending_notify: 0,
                    shutdown: false,
                }),
                cond: Condvar::new(),
                max_threads: max_threads.max(1),
                keep_alive,
                name,
            }),
        }
    }

    pub(crate) fn spawn<F, R>(&self, handle: &Scheduler, f: F) -> JoinHandle<R>
    where
        F: FnOnce() -> R + Send + 'static,
        R: Send + 'static,
    {
        let (notified, join) = task::unscheduled(BlockingTask(Some(f)), NoSchedule);
        let inner = &self.inner;
        let mut st = inner.lock();
        if st.shutdown {
            drop(st);
            notified.cancel();
            return join;
        }
        st.queue.push_back(notified);
        if st.idle > st.pending_notify {
            st.pending_notify += 1;
            inner.cond.notify_one();
        } else if st.threads < inner.max_threads {
            let pool = inner.clone();
            let handle = handle.clone();
            let spawned = thread::Builder::new()
                .name(inner.name.clone())
                .spawn(move || pool.run(handle));
            match spawned {
                Ok(_) => st.threads += 1,
                Err(e) if st.threads == 0 => {
                    std::panic!("stackless::rt: failed to start a blocking thread: {e}")
                }
                Err(_) => {} // queued: an existing thread will take it
            }
        }
        join
    }

    /// Cancels queued jobs and lets the threads exit once their current job is done.
    pub(crate) fn shutdown(&self) {
        let queued = {
            let mut st = self.inner.lock();
            st.shutdown = true;
            core::mem::take(&mut st.queue)
        };
        self.inner.cond.notify_all();
        for job in queued {
            job.cancel();
        }
    }
}

impl Inner {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn run(&self, handle: Scheduler) {
        let _enter = context::enter(Ctx {
            handle,
            local: Local::None,
        });
        let mut st = self.lock();
        loop {
            if let Some(job) = st.queue.pop_front() {
                drop(st);
                job.run();
                st = self.lock();
                continue;
            }
            if st.shutdown {
                break;
            }
            st.idle += 1;
            let (guard, waited) = self
                .cond
                .wait_timeout(st, self.keep_alive)
                .unwrap_or_else(PoisonError::into_inner);
            st = guard;
            st.idle -= 1;
            if st.pending_notify > 0 {
                st.pending_notify -= 1;
            }
            if waited.timed_out() && st.queue.is_empty() {
                break;
            }
        }
        st.threads -= 1;
    }
}
