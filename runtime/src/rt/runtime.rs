//! `Runtime` and `Builder`: owning a scheduler, its timer and its blocking pool.

use core::fmt;
use core::future::Future;
use core::time::Duration;
use std::collections::VecDeque;
use std::io;
use std::prelude::rust_2021::*;
use std::sync::{Arc, PoisonError};
use std::thread;

use super::blocking::BlockingPool;
use super::context;
use super::current::{self, QueueSlot};
use super::multi;
use super::task::{self, JoinHandle, Notified};
use super::time::Timer;
use crate::trace::{Opaque, Trace, TraceKind, Traced};
use core::panic::Location;

/// A handle to the scheduler of a runtime (what the thread-local context holds).
#[derive(Clone)]
pub(crate) enum Scheduler {
    Current(Arc<current::Shared>),
    Multi(Arc<multi::Shared>),
}

impl Scheduler {
    /// Spawns `future`; `K` says how a dump reads it (`Traced` or `Opaque`).
    pub(crate) fn spawn<F, K>(
        &self,
        future: F,
        spawned_at: &'static Location<'static>,
    ) -> JoinHandle<F::Output>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
        K: TraceKind<F>,
    {
        match self {
            Scheduler::Current(s) => task::spawn::<F, _, K>(future, s.clone(), spawned_at),
            Scheduler::Multi(s) => task::spawn::<F, _, K>(future, s.clone(), spawned_at),
        }
    }

    /// The live tasks of this scheduler, each read as `dump` says.
    pub(crate) fn dump(&self) -> super::dump::Dump {
        let registry = match self {
            Scheduler::Current(s) => task::Schedule::registry(s),
            Scheduler::Multi(s) => task::Schedule::registry(s),
        };
        super::dump::Dump::of(registry.map(|r| r.snapshot()).unwrap_or_default())
    }

    pub(crate) fn spawn_blocking<F, R>(&self, f: F) -> JoinHandle<R>
    where
        F: FnOnce() -> R + Send + 'static,
        R: Send + 'static,
    {
        let pool = match self {
            Scheduler::Current(s) => &s.blocking,
            Scheduler::Multi(s) => &s.blocking,
        };
        pool.spawn(self, f)
    }

    pub(crate) fn timer(&self) -> &Arc<Timer> {
        match self {
            Scheduler::Current(s) => &s.timer,
            Scheduler::Multi(s) => &s.timer,
        }
    }
}

/// The runtime: a scheduler for tasks, a timer and a pool of threads for blocking calls.
///
/// Two flavours, chosen with [`Builder`]:
/// - **multi-thread** ([`Runtime::new`]): one worker thread per core, each with a local run
///   queue, a shared injection queue, and idle workers stealing half of a busy worker's
///   queue. Futures passed to [`Runtime::block_on`] run on the calling thread; spawned tasks
///   run on the workers.
/// - **current-thread** ([`Builder::new_current_thread`]): every task runs on the thread
///   that calls [`Runtime::block_on`], and only while it does.
///
/// Dropping the runtime shuts it down: the workers stop, and the future of every task that
/// has not finished is dropped (awaiting such a task's handle gives a cancelled
/// [`JoinError`](super::JoinError)). Closures already running on the blocking pool are not
/// interrupted and are not waited for.
///
/// ```
/// use stackless::rt::Runtime;
///
/// let rt = Runtime::builder().worker_threads(2).build().unwrap();
/// let handles: Vec<_> = (0..10u64).map(|i| rt.spawn(async move { i * i })).collect();
/// let sum = rt.block_on(async {
///     let mut sum = 0;
///     for h in handles {
///         sum += h.await.unwrap();
///     }
///     sum
/// });
/// assert_eq!(sum, 285);
/// ```
pub struct Runtime {
    kind: Kind,
}

enum Kind {
    Current {
        shared: Arc<current::Shared>,
        queue: QueueSlot,
    },
    Multi {
        shared: Arc<multi::Shared>,
        workers: Vec<thread::JoinHandle<()>>,
    },
}

impl Runtime {
    /// A multi-thread runtime with one worker per core (as reported by
    /// [`std::thread::available_parallelism`]).
    pub fn new() -> io::Result<Runtime> {
        Builder::new_multi_thread().build()
    }

    /// A builder for a multi-thread runtime; call [`Builder::current_thread`] for the other
    /// flavour.
    pub fn builder() -> Builder {
        Builder::new_multi_thread()
    }

    fn scheduler(&self) -> Scheduler {
        match &self.kind {
            Kind::Current { shared, .. } => Scheduler::Current(shared.clone()),
            Kind::Multi { shared, .. } => Scheduler::Multi(shared.clone()),
        }
    }

    /// Runs `future` to completion on the current thread, blocking it (by parking, not
    /// spinning) while the future waits. Inside, [`spawn`](super::spawn) and the timers use
    /// this runtime.
    ///
    /// On a current-thread runtime the spawned tasks run here too, interleaved with
    /// `future`. If another thread is already inside `block_on` on the same current-thread
    /// runtime, this call only drives `future` and leaves the tasks to that thread.
    ///
    /// # Panics
    /// When called on a thread that is driving a runtime's tasks: inside
    /// [`block_on`](super::block_on) or a current-thread runtime's `block_on` (in the future
    /// or one of its tasks), or in a task of a multi-thread runtime. Blocking that thread
    /// would stop the tasks it runs, and the future may be waiting for one of them (a hang,
    /// not a deadlock you could see). `.await` the future instead, or block from inside
    /// [`spawn_blocking`](super::spawn_blocking), whose threads drive no tasks.
    #[track_caller]
    pub fn block_on<F: Future>(&self, future: F) -> F::Output {
        context::assert_not_driving();
        match &self.kind {
            Kind::Current { shared, queue } => {
                let taken = queue.lock().unwrap_or_else(PoisonError::into_inner).take();
                match taken {
                    Some(q) => current::block_on(shared, queue, q, future),
                    None => current::block_on_main_only(self.scheduler(), future),
                }
            }
            Kind::Multi { .. } => current::block_on_main_only(self.scheduler(), future),
        }
    }

    /// Spawns a task on this runtime (callable from any thread, inside or outside it).
    ///
    /// A [dump](Runtime::dump) shows the task with the type name of its future; spawn a
    /// machine of `#[stackless::coroutine]` with [`spawn_traced`](Runtime::spawn_traced)
    /// to see its backtrace there.
    #[track_caller]
    pub fn spawn<F>(&self, future: F) -> JoinHandle<F::Output>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
    {
        self.scheduler()
            .spawn::<F, Opaque>(future, Location::caller())
    }

    /// Spawns a machine of `#[stackless::coroutine]` (or any future that implements
    /// [`Trace`]) on this runtime, as [`spawn`](Runtime::spawn) does; a
    /// [dump](Runtime::dump) shows where it is suspended. See [`spawn_traced`](super::spawn_traced).
    #[track_caller]
    pub fn spawn_traced<F>(&self, future: F) -> JoinHandle<F::Output>
    where
        F: Future + Trace + Send + 'static,
        F::Output: Send + 'static,
    {
        self.scheduler()
            .spawn::<F, Traced>(future, Location::caller())
    }

    /// Every live task of this runtime: its id, whether it is running, scheduled or idle,
    /// where it was spawned, and where it is suspended (see [`dump`](super::dump)).
    /// Callable from any thread, while the tasks run.
    pub fn dump(&self) -> super::Dump {
        self.scheduler().dump()
    }

    /// Runs `f` on this runtime's blocking pool; see [`spawn_blocking`](super::spawn_blocking).
    pub fn spawn_blocking<F, R>(&self, f: F) -> JoinHandle<R>
    where
        F: FnOnce() -> R + Send + 'static,
        R: Send + 'static,
    {
        self.scheduler().spawn_blocking(f)
    }
}

impl Drop for Runtime {
    fn drop(&mut self) {
        match &mut self.kind {
            Kind::Current { shared, queue } => {
                let local: Option<VecDeque<Notified>> = queue
                    .get_mut()
                    .unwrap_or_else(PoisonError::into_inner)
                    .take();
                shared.shutdown(local);
            }
            Kind::Multi { shared, workers } => {
                shared.begin_shutdown();
                let me = thread::current().id();
                for w in workers.drain(..) {
                    if w.thread().id() != me {
                        let _ = w.join();
                    }
                }
                shared.finish_shutdown();
            }
        }
    }
}

impl fmt::Debug for Runtime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let flavor = match &self.kind {
            Kind::Current { .. } => "current_thread",
            Kind::Multi { .. } => "multi_thread",
        };
        f.debug_struct("Runtime").field("flavor", &flavor).finish()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Flavor {
    CurrentThread,
    MultiThread,
}

/// Configures and builds a [`Runtime`].
///
/// ```
/// use stackless::rt::Builder;
///
/// let rt = Builder::new_current_thread().build().unwrap();
/// assert_eq!(rt.block_on(async { 1 + 1 }), 2);
///
/// let rt = Builder::new_multi_thread().worker_threads(2).max_blocking_threads(8).build().unwrap();
/// assert_eq!(rt.block_on(rt.spawn(async { 3 })).unwrap(), 3);
/// ```
#[derive(Clone, Debug)]
pub struct Builder {
    flavor: Flavor,
    worker_threads: Option<usize>,
    max_blocking_threads: usize,
    keep_alive: Duration,
    thread_name: String,
}

impl Builder {
    /// A builder for the multi-thread, work-stealing flavour.
    pub fn new_multi_thread() -> Builder {
        Builder {
            flavor: Flavor::MultiThread,
            worker_threads: None,
            max_blocking_threads: 512,
            keep_alive: Duration::from_secs(10),
            thread_name: String::from("stackless-worker"),
        }
    }

    /// A builder for the current-thread flavour (tasks run inside `block_on` only).
    pub fn new_current_thread() -> Builder {
        Builder {
            flavor: Flavor::CurrentThread,
            ..Builder::new_multi_thread()
        }
    }

    /// Selects the current-thread flavour.
    pub fn current_thread(&mut self) -> &mut Builder {
        self.flavor = Flavor::CurrentThread;
        self
    }

    /// Selects the multi-thread flavour (the default of [`Runtime::builder`]).
    pub fn multi_thread(&mut self) -> &mut Builder {
        self.flavor = Flavor::MultiThread;
        self
    }

    /// Number of worker threads of a multi-thread runtime (default: one per core).
    ///
    /// # Panics
    /// If `n` is zero.
    #[track_caller]
    pub fn worker_threads(&mut self, n: usize) -> &mut Builder {
        assert!(n > 0, "worker_threads must be at least 1");
        self.worker_threads = Some(n);
        self
    }

    /// Upper bound on the threads of the blocking pool (default 512). Jobs beyond it wait.
    ///
    /// # Panics
    /// If `n` is zero.
    #[track_caller]
    pub fn max_blocking_threads(&mut self, n: usize) -> &mut Builder {
        assert!(n > 0, "max_blocking_threads must be at least 1");
        self.max_blocking_threads = n;
        self
    }

    /// How long an idle blocking-pool thread waits for work before exiting (default 10 s).
    pub fn thread_keep_alive(&mut self, duration: Duration) -> &mut Builder {
        self.keep_alive = duration;
        self
    }

    /// Name of the runtime's threads (default `"stackless-worker"`).
    pub fn thread_name(&mut self, name: impl Into<String>) -> &mut Builder {
        self.thread_name = name.into();
        self
    }

    /// Accepted for familiarity with tokio; timers are always enabled and there is no I/O
    /// driver.
    pub fn enable_all(&mut self) -> &mut Builder {
        self
    }

    /// Builds the runtime (starting its worker threads, for the multi-thread flavour).
    pub fn build(&mut self) -> io::Result<Runtime> {
        let blocking = BlockingPool::new(
            self.max_blocking_threads,
            self.keep_alive,
            std::format!("{}-blocking", self.thread_name),
        );
        match self.flavor {
            Flavor::CurrentThread => Ok(Runtime {
                kind: Kind::Current {
                    shared: current::Shared::new(blocking),
                    queue: QueueSlot::new(Some(VecDeque::new())),
                },
            }),
            Flavor::MultiThread => {
                let n = self
                    .worker_threads
                    .unwrap_or_else(|| thread::available_parallelism().map_or(1, |n| n.get()));
                let (shared, locals) = multi::Shared::new(n, blocking);
                let mut runtime = Runtime {
                    kind: Kind::Multi {
                        shared: shared.clone(),
                        workers: Vec::new(),
                    },
                };
                for (index, local) in locals.into_iter().enumerate() {
                    let name = std::format!("{}-{index}", self.thread_name);
                    let handle = multi::spawn_worker(shared.clone(), index, local, name)?;
                    if let Kind::Multi { workers, .. } = &mut runtime.kind {
                        workers.push(handle);
                    }
                }
                Ok(runtime)
            }
        }
    }
}

impl Default for Builder {
    fn default() -> Builder {
        Builder::new_multi_thread()
    }
}
