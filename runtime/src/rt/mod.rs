//! A small, fast runtime for futures: `block_on`, `spawn`, timers, a blocking pool and a
//! work-stealing multi-thread scheduler, shaped like tokio's API.
//!
//! ```
//! use std::time::Duration;
//! use stackless::rt::{block_on, sleep, spawn, timeout};
//!
//! let total = block_on(async {
//!     let tasks: Vec<_> = (1..=10u64)
//!         .map(|i| spawn(async move {
//!             sleep(Duration::from_millis(i)).await;
//!             i
//!         }))
//!         .collect();
//!     let mut total = 0;
//!     for t in tasks {
//!         total += t.await.unwrap();
//!     }
//!     total
//! });
//! assert_eq!(total, 55);
//!
//! // A future that does not finish in time.
//! let r = block_on(timeout(Duration::from_millis(1), std::future::pending::<()>()));
//! assert!(r.is_err());
//! ```
//!
//! # Pieces
//!
//! - [`block_on`](crate::rt::block_on) runs a future on the current thread, on a fresh current-thread runtime,
//!   so that [`spawn`](crate::rt::spawn) works inside it. The thread parks while nothing is ready.
//!   It panics when called on a thread that already drives a runtime (inside `block_on` or a
//!   task), where it would block the tasks its future may wait for: `.await` there instead.
//! - [`spawn`](crate::rt::spawn) starts a task on the current runtime and returns a [`JoinHandle`](crate::rt::JoinHandle), a future
//!   of `Result<T, JoinError>`. [`JoinHandle::abort`](crate::rt::JoinHandle::abort) cancels; a panic in a task is caught
//!   and reported as [`JoinError::is_panic`](crate::rt::JoinError::is_panic); dropping the handle detaches the task.
//! - [`sleep`](crate::rt::sleep), [`sleep_until`](crate::rt::sleep_until), [`timeout`](crate::rt::timeout), [`yield_now`](crate::rt::yield_now): one timer heap per runtime,
//!   driven by the park timeout of its threads.
//! - [`spawn_blocking`](crate::rt::spawn_blocking) runs a blocking closure on a bounded thread pool, so it does not
//!   stall the tasks that share its worker.
//! - [`Runtime`](crate::rt::Runtime) / [`Builder`](crate::rt::Builder): an explicit runtime, multi-thread (one worker per core,
//!   work stealing) or current-thread.
//!
//! # Costs
//!
//! A task is one allocation: a 24-byte header, the scheduler handle (8 bytes) and a union
//! of the future and its output. Waking does not allocate. Spawning, polling and completing
//! a task costs a handful of atomic operations; see `benches/README.md` for measurements
//! against tokio and async-executor.

mod blocking;
mod context;
mod current;
mod dump;
mod multi;
mod runtime;
mod task;
mod time;

use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};

/// Stream consumption without `futures-util`.
pub use crate::stream::{next, take_next, Next, TakeNext};
pub use dump::{Dump, TaskDump};
pub use runtime::{Builder, Runtime};
pub use task::{JoinError, JoinHandle, TaskState};
pub use time::{sleep, sleep_until, timeout, timeout_at, Elapsed, Sleep, Timeout};

/// Runs `future` to completion on the current thread and returns its output.
///
/// A fresh current-thread runtime is created for the call and shut down at its end, so
/// [`spawn`], [`sleep`] and [`spawn_blocking`] work inside; tasks still pending when
/// `future` finishes are dropped. While nothing is ready the thread parks until it is woken
/// or a timer is due: there is no busy loop.
///
/// ```
/// let v = stackless::rt::block_on(async {
///     let a = stackless::rt::spawn(async { 1 });
///     let b = stackless::rt::spawn(async { 2 });
///     a.await.unwrap() + b.await.unwrap()
/// });
/// assert_eq!(v, 3);
/// ```
///
/// # Panics
/// When called on a thread that is already driving a runtime: inside another `block_on`
/// (in its future or in one of its tasks) or in a task of a multi-thread [`Runtime`]. That
/// thread must keep running the tasks it drives, and the future may be waiting for one of
/// them, so instead of hanging this panics, as tokio does ("Cannot start a runtime from
/// within a runtime"). `.await` the future instead, or call `block_on` inside
/// [`spawn_blocking`], whose threads drive no tasks:
///
/// ```
/// use stackless::rt::{block_on, spawn, spawn_blocking};
///
/// let v = block_on(async {
///     let task = spawn(async { 20 });
///     // `block_on(task)` here would panic: this thread runs `task`.
///     let inner = spawn_blocking(|| block_on(async { 22 }));
///     task.await.unwrap() + inner.await.unwrap()
/// });
/// assert_eq!(v, 42);
/// ```
#[track_caller]
pub fn block_on<F: Future>(future: F) -> F::Output {
    context::assert_not_driving();
    let rt = Builder::new_current_thread()
        .build()
        .expect("failed to build a current-thread runtime");
    rt.block_on(future)
}

/// Spawns `future` as a new task on the current runtime and returns its [`JoinHandle`].
///
/// The task starts running without being awaited; awaiting the handle gives its output.
///
/// # Panics
/// When called outside a runtime: outside [`block_on`] / [`Runtime::block_on`], a task,
/// or a [`spawn_blocking`] closure. Use [`Runtime::spawn`] there.
#[track_caller]
pub fn spawn<F>(future: F) -> JoinHandle<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    spawn_as::<F, crate::trace::Opaque>(future, "spawn")
}

/// [`spawn`] and [`spawn_traced`]: the task, how a dump reads it (`K`), on the current
/// runtime; `name`, the function called, for the panic outside one.
#[track_caller]
fn spawn_as<F, K>(future: F, name: &str) -> JoinHandle<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
    K: crate::trace::TraceKind<F>,
{
    match context::current() {
        Some(ctx) => ctx
            .handle
            .spawn::<F, K>(future, core::panic::Location::caller()),
        None => std::panic!(
            "`stackless::rt::{name}` called outside of a runtime: call it from inside \
             `stackless::rt::block_on`, a `Runtime`, or a task (or use `Runtime::{name}`)"
        ),
    }
}

/// Spawns a machine of `#[stackless::coroutine]` as [`spawn`] does, so that a [`dump`]
/// shows where it is suspended (its [backtrace](crate::trace)), not only its type.
///
/// `spawn` takes any future; inside it (a generic function) stable Rust cannot ask whether
/// the future is a machine without a cost on every task, so a task says so where it is
/// spawned, where its type is known: `spawn_traced` takes futures that implement
/// [`Trace`](crate::Trace), which every `#[stackless::coroutine]` machine does.
///
/// ```
/// use std::time::Duration;
/// use stackless::rt;
///
/// #[stackless::coroutine]
/// async fn nap() {
///     rt::sleep(Duration::from_secs(60)).await;
/// }
///
/// rt::block_on(async {
///     let task = rt::spawn_traced(nap());
///     rt::yield_now().await; // let it start
///     let dump = rt::dump().to_string();
///     assert!(dump.contains("nap ("), "{dump}");
///     assert!(dump.contains("Sleep"), "{dump}");
///     task.abort();
/// });
/// ```
#[track_caller]
pub fn spawn_traced<F>(future: F) -> JoinHandle<F::Output>
where
    F: Future + crate::Trace + Send + 'static,
    F::Output: Send + 'static,
{
    spawn_as::<F, crate::trace::Traced>(future, "spawn_traced")
}

/// Every live task of the current runtime (see [`Dump`]): its id, whether it is running,
/// scheduled or idle, where it was spawned (`#[track_caller]`), and where its machine is
/// suspended, down through the machines it awaits ([`spawn_traced`]; other tasks show their
/// future's type name). Tasks being polled at that moment are reported as running and not
/// read. From another thread, call [`Runtime::dump`].
///
/// # Panics
/// Outside a runtime.
#[track_caller]
pub fn dump() -> Dump {
    match context::current() {
        Some(ctx) => ctx.handle.dump(),
        None => std::panic!(
            "`stackless::rt::dump` called outside of a runtime: call it from inside \
             `stackless::rt::block_on`, a `Runtime`, or a task (or use `Runtime::dump`)"
        ),
    }
}

/// Runs the blocking closure `f` on the current runtime's blocking pool and returns a
/// [`JoinHandle`] for its result.
///
/// Use it for calls that block the thread (file I/O, `std::thread::sleep`, heavy
/// computation): run inside a task, such a call would stall every other task of the same
/// worker thread. The pool has a bounded number of threads ([`Builder::max_blocking_threads`]);
/// jobs beyond it wait for a free thread.
///
/// ```
/// use std::time::Duration;
/// let n = stackless::rt::block_on(async {
///     stackless::rt::spawn_blocking(|| {
///         std::thread::sleep(Duration::from_millis(1));
///         7
///     })
///     .await
///     .unwrap()
/// });
/// assert_eq!(n, 7);
/// ```
///
/// # Panics
/// When called outside a runtime (see [`spawn`]).
#[track_caller]
pub fn spawn_blocking<F, R>(f: F) -> JoinHandle<R>
where
    F: FnOnce() -> R + Send + 'static,
    R: Send + 'static,
{
    match context::current() {
        Some(ctx) => ctx.handle.spawn_blocking(f),
        None => std::panic!(
            "`stackless::rt::spawn_blocking` called outside of a runtime: call it from \
             inside `stackless::rt::block_on`, a `Runtime`, or a task (or use \
             `Runtime::spawn_blocking`)"
        ),
    }
}

/// Yields to the scheduler: the current task goes to the back of the run queue, so every
/// other ready task runs before it resumes.
///
/// ```
/// stackless::rt::block_on(async {
///     for _ in 0..3 {
///         stackless::rt::yield_now().await;
///     }
/// });
/// ```
pub fn yield_now() -> YieldNow {
    YieldNow { yielded: false }
}

/// Future returned by [`yield_now`].
#[must_use = "futures do nothing unless you `.await` or poll them"]
#[derive(Debug)]
pub struct YieldNow {
    yielded: bool,
}

impl Future for YieldNow {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.yielded {
            return Poll::Ready(());
        }
        self.yielded = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}
