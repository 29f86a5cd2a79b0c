//! Tasks: one heap block per spawned future, reference counted through a single state word.
//!
//! All of the runtime's `unsafe` code lives in this file. A task is one allocation:
//!
//! ```text
//! Cell<F, S> (repr(C))
//! ├── Header     state: AtomicU32 (flags + reference count), registry id: u32,
//! │              vtable: &'static Vtable, join waker: Option<Box<Waker>>   (24 bytes)
//! ├── S          the scheduler handle (an `Arc`, 8 bytes)
//! └── Stage<F>   union { future: F, output: F::Output, panic: Box<dyn Any + Send> }
//! ```
//!
//! Which member of `Stage` is alive is told by the state word: before `COMPLETE` it is the
//! future; after it, the outcome bits say output, panic payload, or nothing (cancelled).
//! Wakers are `RawWaker`s whose data pointer is the task pointer; cloning one increments
//! the reference count, so waking never allocates.
//!
//! References are held by: the run queue entry ([`Notified`], at most one at a time, owned
//! by whoever holds the `NOTIFIED` bit), the [`JoinHandle`], the runtime's [`Registry`]
//! (until the task completes; this is what lets shutdown find and drop idle tasks), and
//! every outstanding [`Waker`].

use core::any::Any;
use core::cell::UnsafeCell;
use core::fmt;
use core::future::Future;
use core::marker::PhantomData;
use core::mem::ManuallyDrop;
use core::pin::Pin;
use core::ptr::{self, NonNull};
use core::sync::atomic::Ordering::{AcqRel, Acquire, Relaxed, Release};
use core::sync::atomic::{AtomicBool, AtomicU32};
use core::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::cell::Cell as StdCell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::prelude::rust_2021::*;
use std::sync::{Mutex, PoisonError};

use core::panic::Location;

use crate::trace::{Awaited, Opaque, TraceKind};

/// The task is being polled (or cancelled) by someone who owns it exclusively.
const RUNNING: u32 = 1 << 0;
/// The task must be polled again: a [`Notified`] for it exists or will be created by
/// whoever holds `RUNNING`.
const NOTIFIED: u32 = 1 << 1;
/// The future is gone; the stage holds the outcome (see `OUT_*`).
const COMPLETE: u32 = 1 << 2;
/// `abort()` or shutdown asked for the future to be dropped.
const CANCELLED: u32 = 1 << 3;
/// The `JoinHandle` is alive: the output must be kept for it.
const JOIN_INTEREST: u32 = 1 << 4;
/// The join waker slot is set and owned by the task side (read only).
const JOIN_WAKER: u32 = 1 << 5;
/// Outcome: the stage holds a panic payload.
const OUT_PANIC: u32 = 1 << 6;
/// Outcome: the future was dropped before finishing; the stage is empty.
const OUT_CANCELLED: u32 = 1 << 7;
const REF_SHIFT: u32 = 8;
const REF_ONE: u32 = 1 << REF_SHIFT;
/// Beyond this many references we abort rather than overflow (like `Arc`).
const REF_LIMIT: u32 = (u32::MAX >> REF_SHIFT) - 1;

/// A scheduler that tasks can be pushed to. Implemented by the runtime flavours.
pub(crate) trait Schedule: Send + Sync + 'static {
    /// Queues `task` to be run. Returns it back if the scheduler is shut down (the caller
    /// drops it, releasing its reference).
    fn schedule(&self, task: Notified) -> Option<Notified>;
    /// The registry that keeps every live task of this scheduler, if any.
    fn registry(&self) -> Option<&Registry>;
}

#[repr(C)]
pub(crate) struct Header {
    state: AtomicU32,
    /// Registry key; written once under the registry lock before the task is published.
    owner_id: UnsafeCell<u32>,
    vtable: &'static Vtable,
    /// The waker of whoever awaits the `JoinHandle`. Protocol: the handle writes it only
    /// while `JOIN_WAKER` is clear and the task is not complete; the task reads it only
    /// while `JOIN_WAKER` is set. Dropped with the task.
    join_waker: UnsafeCell<Option<Box<Waker>>>,
}

struct Vtable {
    run: unsafe fn(NonNull<Header>, bool),
    schedule: unsafe fn(NonNull<Header>),
    dealloc: unsafe fn(NonNull<Header>),
    read_output: unsafe fn(NonNull<Header>, *mut ()),
    drop_output: unsafe fn(NonNull<Header>),
    cancel: unsafe fn(NonNull<Header>),
    dump: unsafe fn(NonNull<Header>, &mut DumpSink<'_>),
}

/// What a dump hands each task's view to.
type DumpSink<'a> = dyn FnMut(TaskView<'_>) + 'a;

#[repr(C)]
struct Cell<F: Future, S> {
    header: Header,
    scheduler: S,
    /// Where the task was spawned (`#[track_caller]`), for [`dump`](super::dump).
    spawned_at: &'static Location<'static>,
    stage: UnsafeCell<Stage<F>>,
}

union Stage<F: Future> {
    future: ManuallyDrop<F>,
    output: ManuallyDrop<F::Output>,
    panic: ManuallyDrop<Box<dyn Any + Send>>,
}

/// `K` says how a dump reads the future: [`Traced`] for a machine of
/// `#[stackless::coroutine]`, [`Opaque`] (its type name) for any other.
fn vtable<F, S, K>() -> &'static Vtable
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
    S: Schedule,
    K: TraceKind<F>,
{
    &Vtable {
        run: run::<F, S>,
        schedule: schedule::<F, S>,
        dealloc: dealloc::<F, S>,
        read_output: read_output::<F, S>,
        drop_output: drop_output::<F, S>,
        cancel: cancel_and_release::<F, S>,
        dump: dump::<F, S, K>,
    }
}

/// A pointer to a task that does not by itself own a reference.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct RawTask(NonNull<Header>);

// SAFETY: every access through a `RawTask` goes through the atomic state word or follows
// the ownership protocol described on `Header`; the futures and outputs are `Send`.
unsafe impl Send for RawTask {}
// SAFETY: as above.
unsafe impl Sync for RawTask {}

impl RawTask {
    fn header(&self) -> &Header {
        // SAFETY: a `RawTask` is only used by code that holds (or is borrowing from a
        // holder of) a reference, so the block is alive.
        unsafe { self.0.as_ref() }
    }

    fn state(&self) -> &AtomicU32 {
        &self.header().state
    }

    fn ref_inc(self) {
        let prev = self.state().fetch_add(REF_ONE, Relaxed);
        if prev >> REF_SHIFT >= REF_LIMIT {
            std::process::abort();
        }
    }

    /// Releases one reference; frees the task when it was the last one.
    fn ref_dec(self) {
        self.ref_dec_by(1);
    }

    /// Releases `n` references at once.
    fn ref_dec_by(self, n: u32) {
        let prev = self.state().fetch_sub(n * REF_ONE, AcqRel);
        debug_assert!(prev >> REF_SHIFT >= n);
        if prev >> REF_SHIFT == n {
            // SAFETY: that was the last reference: nobody else can reach the task.
            unsafe { (self.header().vtable.dealloc)(self.0) }
        }
    }

    fn schedule(self) {
        // SAFETY: the caller transfers one reference, which `schedule` consumes.
        unsafe { (self.header().vtable.schedule)(self.0) }
    }

    /// Wakes by value: consumes one reference.
    fn wake_by_val(self) {
        let state = self.state();
        let mut cur = state.load(Acquire);
        loop {
            if cur & (COMPLETE | NOTIFIED) != 0 {
                self.ref_dec();
                return;
            }
            if cur & RUNNING != 0 {
                // The poller re-queues it when the poll ends; it holds a reference, so ours
                // can go in the same step without reaching zero.
                let next = (cur | NOTIFIED) - REF_ONE;
                match state.compare_exchange_weak(cur, next, AcqRel, Acquire) {
                    Ok(_) => return,
                    Err(actual) => cur = actual,
                }
                continue;
            }
            // Idle: our reference becomes the run queue's.
            match state.compare_exchange_weak(cur, cur | NOTIFIED, AcqRel, Acquire) {
                Ok(_) => return self.schedule(),
                Err(actual) => cur = actual,
            }
        }
    }

    fn wake_by_ref(self) {
        let state = self.state();
        let mut cur = state.load(Acquire);
        loop {
            if cur & (COMPLETE | NOTIFIED) != 0 {
                return;
            }
            let next = if cur & RUNNING != 0 {
                cur | NOTIFIED
            } else {
                if cur >> REF_SHIFT >= REF_LIMIT {
                    std::process::abort();
                }
                (cur | NOTIFIED) + REF_ONE
            };
            match state.compare_exchange_weak(cur, next, AcqRel, Acquire) {
                Ok(_) => {
                    if cur & RUNNING == 0 {
                        self.schedule();
                    }
                    return;
                }
                Err(actual) => cur = actual,
            }
        }
    }

    /// Requests cancellation; if nobody is polling the task, drops its future right here.
    fn abort(self) {
        let state = self.state();
        let mut cur = state.load(Acquire);
        loop {
            if cur & (COMPLETE | CANCELLED) != 0 {
                return;
            }
            let (next, take_over) = if cur & RUNNING != 0 {
                (cur | CANCELLED, false)
            } else {
                (cur | CANCELLED | RUNNING, true)
            };
            match state.compare_exchange_weak(cur, next, AcqRel, Acquire) {
                Ok(_) => {
                    if take_over {
                        // SAFETY: we set RUNNING, so we own the stage exclusively; any
                        // queued `Notified` will see RUNNING/COMPLETE and just release.
                        unsafe { (self.header().vtable.cancel)(self.0) }
                    }
                    return;
                }
                Err(actual) => cur = actual,
            }
        }
    }

    /// Registers `waker` to be woken on completion. Returns `true` if the task is complete.
    fn try_join(self, waker: &Waker) -> bool {
        let header = self.header();
        let state = &header.state;
        let mut cur = state.load(Acquire);
        if cur & COMPLETE != 0 {
            return true;
        }
        if cur & JOIN_WAKER != 0 {
            // SAFETY: JOIN_WAKER is set, so the slot is only read (by both sides).
            let same =
                unsafe { (*header.join_waker.get()).as_ref() }.is_some_and(|w| w.will_wake(waker));
            if same {
                return false;
            }
            loop {
                if cur & COMPLETE != 0 {
                    return true;
                }
                match state.compare_exchange_weak(cur, cur & !JOIN_WAKER, AcqRel, Acquire) {
                    Ok(_) => break,
                    Err(actual) => cur = actual,
                }
            }
        }
        // SAFETY: JOIN_WAKER is clear: the task side does not touch the slot, and only the
        // (single) join handle writes it.
        unsafe {
            let slot = &mut *header.join_waker.get();
            match slot {
                Some(boxed) => **boxed = waker.clone(),
                None => *slot = Some(Box::new(waker.clone())),
            }
        }
        let mut cur = state.load(Acquire);
        loop {
            if cur & COMPLETE != 0 {
                return true;
            }
            match state.compare_exchange_weak(cur, cur | JOIN_WAKER, AcqRel, Acquire) {
                Ok(_) => return false,
                Err(actual) => cur = actual,
            }
        }
    }

    /// The join handle goes away: either release the output or tell the task to drop it.
    fn drop_join_handle(self) {
        let state = self.state();
        let mut cur = state.load(Acquire);
        loop {
            if cur & COMPLETE != 0 {
                // SAFETY: complete with JOIN_INTEREST set: the output belongs to us.
                unsafe { (self.header().vtable.drop_output)(self.0) };
                break;
            }
            match state.compare_exchange_weak(cur, cur & !JOIN_INTEREST, AcqRel, Acquire) {
                Ok(_) => break,
                Err(actual) => cur = actual,
            }
        }
        self.ref_dec();
    }

    /// Shutdown: cancel the task if it can be, then release the registry's reference.
    pub(crate) fn shutdown(self) {
        self.abort();
        self.ref_dec();
    }
}

/// A task that must be run: owns one reference and the right to poll the task next.
///
/// Normally that right is the task's `NOTIFIED` bit. A task woken during its own poll (as
/// `yield_now` does) is re-queued while *keeping* `RUNNING`, which saves two atomic
/// operations per round trip; such an entry is tagged (low pointer bit), and dropping it
/// without running it cancels the task, since nobody else can.
pub(crate) struct Notified(NonNull<Header>);

impl Notified {
    fn new(raw: RawTask) -> Notified {
        Notified(raw.0)
    }

    fn new_running(raw: RawTask) -> Notified {
        // SAFETY: tagging the low bit of an aligned, non-null pointer keeps it non-null.
        Notified(unsafe { NonNull::new_unchecked(raw.0.as_ptr().map_addr(|a| a | 1)) })
    }

    fn is_running(&self) -> bool {
        self.0.as_ptr().addr() & 1 != 0
    }

    fn raw(&self) -> RawTask {
        // SAFETY: clearing the tag bit gives back the original, non-null task pointer.
        RawTask(unsafe { NonNull::new_unchecked(self.0.as_ptr().map_addr(|a| a & !1)) })
    }

    /// Polls the task once (or finishes cancelling it), consuming this entry.
    pub(crate) fn run(self) {
        let (raw, running) = (self.raw(), self.is_running());
        core::mem::forget(self);
        // SAFETY: we transfer our reference (and, if tagged, RUNNING) to `run`.
        unsafe { (raw.header().vtable.run)(raw.0, running) }
    }

    /// Cancels a task that was never polled, consuming this entry.
    pub(crate) fn cancel(self) {
        self.raw().state().fetch_or(CANCELLED, AcqRel);
        self.run();
    }
}

// SAFETY: a `Notified` is a task reference (see `RawTask`).
unsafe impl Send for Notified {}

impl Drop for Notified {
    fn drop(&mut self) {
        let raw = self.raw();
        if self.is_running() {
            // SAFETY: a tagged entry holds RUNNING: we must finish the task ourselves.
            unsafe { (raw.header().vtable.cancel)(raw.0) };
        }
        raw.ref_dec();
    }
}

impl fmt::Debug for Notified {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Notified").field(&self.raw().0).finish()
    }
}

// ---- typed entry points (reached through the vtable) ----

/// # Safety
/// `ptr` must point to a live `Cell<F, S>`.
unsafe fn cell<'a, F: Future, S>(ptr: NonNull<Header>) -> &'a Cell<F, S> {
    // SAFETY: `Header` is the first field of the `repr(C)` cell; guaranteed by caller.
    unsafe { ptr.cast::<Cell<F, S>>().as_ref() }
}

/// # Safety
/// The caller transfers one reference (from a `Notified`); if `running`, also `RUNNING`.
unsafe fn run<F, S>(ptr: NonNull<Header>, running: bool)
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
    S: Schedule,
{
    let raw = RawTask(ptr);
    let state = raw.state();
    let mut cur = state.load(Acquire);
    if running {
        // Re-queued while keeping RUNNING: forget wakes that came while queued (this poll
        // covers them), so a later wake re-queues the task exactly once.
        while cur & NOTIFIED != 0 && cur & CANCELLED == 0 {
            match state.compare_exchange_weak(cur, cur & !NOTIFIED, AcqRel, Acquire) {
                Ok(_) => cur &= !NOTIFIED,
                Err(actual) => cur = actual,
            }
        }
    } else {
        loop {
            if cur & (COMPLETE | RUNNING) != 0 {
                // Completed, or being cancelled in place by `abort`: nothing to run.
                raw.ref_dec();
                return;
            }
            let next = (cur | RUNNING) & !NOTIFIED;
            match state.compare_exchange_weak(cur, next, AcqRel, Acquire) {
                Ok(_) => {
                    cur = next;
                    break;
                }
                Err(actual) => cur = actual,
            }
        }
    }
    if cur & CANCELLED != 0 {
        // SAFETY: we hold RUNNING.
        let extra = unsafe { cancel_running::<F, S>(ptr) };
        raw.ref_dec_by(1 + extra);
        return;
    }
    // SAFETY: the task is alive (we hold a reference) and of this type (vtable).
    let cell = unsafe { cell::<F, S>(ptr) };
    let waker = ManuallyDrop::new(
        // SAFETY: the vtable's functions uphold the RawWaker contract for task pointers; this
        // waker borrows our reference (ManuallyDrop: never dropped, so no decrement).
        unsafe { Waker::from_raw(RawWaker::new(ptr.as_ptr() as *const (), &WAKER_VTABLE)) },
    );
    let mut cx = Context::from_waker(&waker);
    let stage = cell.stage.get();
    let polled = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: we hold RUNNING, so the stage is ours and holds the future; the future is
        // pinned because the heap block never moves until it is freed.
        let fut = unsafe { Pin::new_unchecked(&mut *(*stage).future) };
        fut.poll(&mut cx)
    }));
    match polled {
        Ok(Poll::Pending) => after_pending::<F, S>(raw),
        Ok(Poll::Ready(output)) => {
            // SAFETY: we hold RUNNING; the future is alive and dropped exactly once here.
            let dropped = catch_unwind(AssertUnwindSafe(|| unsafe {
                ManuallyDrop::drop(&mut (*stage).future)
            }));
            let outcome = match dropped {
                Ok(()) => {
                    // SAFETY: the future is gone; the stage is ours to fill.
                    unsafe {
                        ptr::write(
                            stage,
                            Stage {
                                output: ManuallyDrop::new(output),
                            },
                        )
                    };
                    0
                }
                Err(payload) => {
                    drop(output);
                    // SAFETY: as above.
                    unsafe {
                        ptr::write(
                            stage,
                            Stage {
                                panic: ManuallyDrop::new(payload),
                            },
                        )
                    };
                    OUT_PANIC
                }
            };
            // SAFETY: we hold RUNNING and the stage holds the outcome.
            let extra = unsafe { complete::<F, S>(raw, outcome) };
            raw.ref_dec_by(1 + extra);
        }
        Err(payload) => {
            // SAFETY: we hold RUNNING; the future (which panicked) is dropped once.
            let _ = catch_unwind(AssertUnwindSafe(|| unsafe {
                ManuallyDrop::drop(&mut (*stage).future)
            }));
            // SAFETY: as above.
            unsafe {
                ptr::write(
                    stage,
                    Stage {
                        panic: ManuallyDrop::new(payload),
                    },
                )
            };
            // SAFETY: we hold RUNNING and the stage holds the outcome.
            let extra = unsafe { complete::<F, S>(raw, OUT_PANIC) };
            raw.ref_dec_by(1 + extra);
        }
    }
}

/// The poll returned `Pending`: go idle, or re-queue if woken meanwhile.
fn after_pending<F, S>(raw: RawTask)
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
    S: Schedule,
{
    let state = raw.state();
    let mut cur = state.load(Acquire);
    loop {
        if cur & CANCELLED != 0 {
            // SAFETY: we still hold RUNNING.
            let extra = unsafe { cancel_running::<F, S>(raw.0) };
            raw.ref_dec_by(1 + extra);
            return;
        }
        if cur & NOTIFIED != 0 {
            // Woken during the poll: re-queue, keeping RUNNING (see `Notified`).
            match state.compare_exchange_weak(cur, cur & !NOTIFIED, AcqRel, Acquire) {
                Ok(_) => {
                    // SAFETY: alive (we hold a reference) and of this type.
                    let cell = unsafe { cell::<F, S>(raw.0) };
                    let rejected = cell.scheduler.schedule(Notified::new_running(raw));
                    drop(rejected);
                    return;
                }
                Err(actual) => cur = actual,
            }
        } else {
            let next = (cur & !RUNNING) - REF_ONE;
            match state.compare_exchange_weak(cur, next, AcqRel, Acquire) {
                Ok(_) => {
                    if next >> REF_SHIFT == 0 {
                        // SAFETY: last reference gone.
                        unsafe { (raw.header().vtable.dealloc)(raw.0) };
                    }
                    return;
                }
                Err(actual) => cur = actual,
            }
        }
    }
}

/// Drops the future of a task whose `RUNNING` bit the caller holds, and completes it.
/// Returns how many extra references (the registry's) the caller must release.
///
/// # Safety
/// `ptr` is a live `Cell<F, S>` and the caller holds `RUNNING` on a not complete task.
unsafe fn cancel_running<F, S>(ptr: NonNull<Header>) -> u32
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
    S: Schedule,
{
    // SAFETY: guaranteed by the caller.
    let cell = unsafe { cell::<F, S>(ptr) };
    let stage = cell.stage.get();
    // SAFETY: RUNNING gives exclusive access; the future is alive and dropped once.
    let dropped = catch_unwind(AssertUnwindSafe(|| unsafe {
        ManuallyDrop::drop(&mut (*stage).future)
    }));
    let outcome = match dropped {
        Ok(()) => OUT_CANCELLED,
        Err(payload) => {
            // SAFETY: the future is gone; the stage is ours.
            unsafe {
                ptr::write(
                    stage,
                    Stage {
                        panic: ManuallyDrop::new(payload),
                    },
                )
            };
            OUT_PANIC
        }
    };
    // SAFETY: we hold RUNNING and the stage holds the outcome.
    unsafe { complete::<F, S>(RawTask(ptr), outcome) }
}

/// `cancel_running`, then releases the registry's reference (not the caller's).
///
/// # Safety
/// As for `cancel_running`; the caller holds a reference of its own.
unsafe fn cancel_and_release<F, S>(ptr: NonNull<Header>)
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
    S: Schedule,
{
    // SAFETY: guaranteed by the caller.
    let extra = unsafe { cancel_running::<F, S>(ptr) };
    if extra > 0 {
        RawTask(ptr).ref_dec_by(extra);
    }
}

/// Publishes the outcome. Returns how many extra references (the registry's) the caller
/// must release along with its own.
///
/// # Safety
/// The caller holds `RUNNING`, and the stage holds the outcome described by `outcome`.
unsafe fn complete<F, S>(raw: RawTask, outcome: u32) -> u32
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
    S: Schedule,
{
    let header = raw.header();
    let prev = header.state.fetch_xor(RUNNING | COMPLETE | outcome, AcqRel);
    debug_assert!(prev & RUNNING != 0 && prev & (COMPLETE | OUT_PANIC | OUT_CANCELLED) == 0);
    if prev & JOIN_INTEREST == 0 {
        // SAFETY: nobody will read the output: it is ours to drop.
        unsafe { drop_output::<F, S>(raw.0) };
    } else if prev & JOIN_WAKER != 0 {
        // SAFETY: JOIN_WAKER is set and the task is now complete, so the handle will never
        // write the slot again; reading it is allowed.
        if let Some(waker) = unsafe { (*header.join_waker.get()).as_ref() } {
            waker.wake_by_ref();
        }
    }
    // SAFETY: the task is alive and of this type.
    let cell = unsafe { cell::<F, S>(raw.0) };
    match cell.scheduler.registry() {
        Some(registry) if registry.remove(raw) => 1,
        _ => 0,
    }
}

/// # Safety
/// The caller transfers one reference; `ptr` is a live `Cell<F, S>`.
unsafe fn schedule<F, S>(ptr: NonNull<Header>)
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
    S: Schedule,
{
    // SAFETY: guaranteed by the caller; our reference keeps it alive during the call.
    let cell = unsafe { cell::<F, S>(ptr) };
    let rejected = cell.scheduler.schedule(Notified::new(RawTask(ptr)));
    // Dropped after `schedule` returned: this may free the task.
    drop(rejected);
}

/// # Safety
/// The last reference is gone: `ptr` is a `Cell<F, S>` from `Box::leak`, unused elsewhere.
unsafe fn dealloc<F: Future, S>(ptr: NonNull<Header>) {
    // SAFETY: the block came from `Box::<Cell<F, S>>::leak`; the stage is a union with
    // `ManuallyDrop` members, so this drops only the header's join waker and the scheduler
    // handle (the outcome was consumed or dropped by then: see `complete`).
    drop(unsafe { Box::from_raw(ptr.cast::<Cell<F, S>>().as_ptr()) });
}

/// # Safety
/// The task is complete, the caller owns its output (join interest), and `dst` points to a
/// `Poll<Result<F::Output, JoinError>>`.
unsafe fn read_output<F: Future, S>(ptr: NonNull<Header>, dst: *mut ()) {
    // SAFETY: guaranteed by the caller.
    let cell = unsafe { cell::<F, S>(ptr) };
    let state = cell.header.state.load(Acquire);
    let stage = cell.stage.get();
    let result = if state & OUT_CANCELLED != 0 {
        Err(JoinError::cancelled())
    } else if state & OUT_PANIC != 0 {
        // SAFETY: the outcome bits say the stage holds a panic payload; moved out once.
        Err(JoinError::panic(unsafe {
            ManuallyDrop::take(&mut (*stage).panic)
        }))
    } else {
        // SAFETY: the stage holds the output; moved out once.
        Ok(unsafe { ManuallyDrop::take(&mut (*stage).output) })
    };
    // SAFETY: guaranteed by the caller.
    unsafe { *(dst as *mut Poll<Result<F::Output, JoinError>>) = Poll::Ready(result) };
}

/// # Safety
/// The task is complete and the caller owns its outcome, which is dropped here.
unsafe fn drop_output<F: Future, S>(ptr: NonNull<Header>) {
    // SAFETY: guaranteed by the caller.
    let cell = unsafe { cell::<F, S>(ptr) };
    let state = cell.header.state.load(Acquire);
    let stage = cell.stage.get();
    let _ = catch_unwind(AssertUnwindSafe(|| {
        if state & OUT_CANCELLED != 0 {
        } else if state & OUT_PANIC != 0 {
            // SAFETY: the stage holds a panic payload, dropped once.
            unsafe { ManuallyDrop::drop(&mut (*stage).panic) }
        } else {
            // SAFETY: the stage holds the output, dropped once.
            unsafe { ManuallyDrop::drop(&mut (*stage).output) }
        }
    }));
}

static WAKER_VTABLE: RawWakerVTable =
    RawWakerVTable::new(waker_clone, waker_wake, waker_wake_by_ref, waker_drop);

/// # Safety (all four): `data` is a task pointer whose waker holds (or borrows) a reference.
unsafe fn waker_clone(data: *const ()) -> RawWaker {
    // SAFETY: `data` is a non-null task pointer (see the RawWaker contract above).
    let raw = RawTask(unsafe { NonNull::new_unchecked(data as *mut Header) });
    raw.ref_inc();
    RawWaker::new(data, &WAKER_VTABLE)
}

unsafe fn waker_wake(data: *const ()) {
    // SAFETY: as in `waker_clone`; this consumes the waker's reference.
    RawTask(unsafe { NonNull::new_unchecked(data as *mut Header) }).wake_by_val();
}

unsafe fn waker_wake_by_ref(data: *const ()) {
    // SAFETY: as in `waker_clone`.
    RawTask(unsafe { NonNull::new_unchecked(data as *mut Header) }).wake_by_ref();
}

unsafe fn waker_drop(data: *const ()) {
    // SAFETY: as in `waker_clone`; this releases the waker's reference.
    RawTask(unsafe { NonNull::new_unchecked(data as *mut Header) }).ref_dec();
}

// ---- dumps ----

/// What a task's state word says, as a dump reports it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum TaskState {
    /// Being polled (or being dumped by another thread, or re-queued by its poller).
    Running,
    /// Woken, waiting in a run queue to be polled.
    Scheduled,
    /// Waiting for a wake.
    Idle,
}

/// One task as [`dump`] sees it, while it holds the task (the future is borrowed).
pub(crate) struct TaskView<'a> {
    pub(crate) id: u32,
    pub(crate) state: TaskState,
    pub(crate) spawned_at: &'static Location<'static>,
    /// The future, if the task could be claimed (not running).
    pub(crate) future: Option<Awaited<'a>>,
}

/// Hands `out` a view of the task, with its future unless it is being polled.
///
/// The dump *claims* an idle or scheduled task as a poll would: it sets `RUNNING` (so no
/// poller, `abort` or shutdown touches the future meanwhile: they see `RUNNING` and leave
/// the task to its holder, recording a wake as `NOTIFIED` and a cancellation as
/// `CANCELLED`), reads the future through a shared reference, and lets go exactly as a
/// poll that returned `Pending` does (`after_pending`): re-queued if woken meanwhile (a
/// queued entry that found `RUNNING` was dropped, so the task is queued again; an entry
/// that is still queued only causes one spurious poll), cancelled if aborted meanwhile,
/// idle otherwise. A task that is being polled is reported as running and not read. So
/// the poll path is unchanged, and never waits for a dump.
///
/// # Safety
/// The caller transfers one reference; `ptr` is a live `Cell<F, S>`.
unsafe fn dump<F, S, K>(ptr: NonNull<Header>, out: &mut DumpSink<'_>)
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
    S: Schedule,
    K: TraceKind<F>,
{
    let raw = RawTask(ptr);
    // SAFETY: alive (we hold a reference) and of this type (vtable).
    let cell = unsafe { cell::<F, S>(ptr) };
    // SAFETY: written before the task was published; immutable since.
    let id = unsafe { *raw.header().owner_id.get() };
    let state = raw.state();
    let mut cur = state.load(Acquire);
    let claimed = loop {
        if cur & COMPLETE != 0 {
            // Finished since the snapshot: no longer live.
            raw.ref_dec();
            return;
        }
        if cur & RUNNING != 0 {
            break None;
        }
        match state.compare_exchange_weak(cur, cur | RUNNING, AcqRel, Acquire) {
            Ok(_) => break Some(cur),
            Err(actual) => cur = actual,
        }
    };
    let Some(before) = claimed else {
        out(TaskView {
            id,
            state: TaskState::Running,
            spawned_at: cell.spawned_at,
            future: None,
        });
        raw.ref_dec();
        return;
    };
    let task_state = if before & NOTIFIED != 0 {
        TaskState::Scheduled
    } else {
        TaskState::Idle
    };
    // Releases the claim even if `out` panics.
    struct Release<F, S>(RawTask, PhantomData<fn() -> (F, S)>)
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
        S: Schedule;
    impl<F, S> Drop for Release<F, S>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
        S: Schedule,
    {
        fn drop(&mut self) {
            after_pending::<F, S>(self.0);
        }
    }
    let _release = Release::<F, S>(raw, PhantomData);
    let stage = cell.stage.get();
    // SAFETY: we hold RUNNING on a task that is not complete, so the stage holds the
    // future and nobody else reaches it until we let go; it is only read here.
    let future: &F = unsafe { &(*stage).future };
    // SAFETY: `F` is the task's future itself, never a `FutCell` (`cell-live` is moot).
    let awaited = unsafe { K::awaited(future) };
    out(TaskView {
        id,
        state: task_state,
        spawned_at: cell.spawned_at,
        future: Some(awaited),
    });
}

impl RawTask {
    /// Hands `out` a view of the task (see `dump`), consuming one reference.
    pub(crate) fn dump(self, out: &mut dyn FnMut(TaskView<'_>)) {
        // SAFETY: the caller transfers a reference; the vtable is of the task's type.
        unsafe { (self.header().vtable.dump)(self.0, out) }
    }
}

// ---- creation ----

fn allocate<F, S, K>(
    future: F,
    scheduler: S,
    refs: u32,
    spawned_at: &'static Location<'static>,
) -> RawTask
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
    S: Schedule,
    K: TraceKind<F>,
{
    let cell = Box::new(Cell {
        header: Header {
            state: AtomicU32::new(NOTIFIED | JOIN_INTEREST | (refs * REF_ONE)),
            owner_id: UnsafeCell::new(0),
            vtable: vtable::<F, S, K>(),
            join_waker: UnsafeCell::new(None),
        },
        scheduler,
        spawned_at,
        stage: UnsafeCell::new(Stage {
            future: ManuallyDrop::new(future),
        }),
    });
    RawTask(NonNull::from(Box::leak(cell)).cast::<Header>())
}

/// Creates a task, registers it and schedules it. `K` says how a dump reads its future
/// (see `vtable`).
pub(crate) fn spawn<F, S, K>(
    future: F,
    scheduler: S,
    spawned_at: &'static Location<'static>,
) -> JoinHandle<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
    S: Schedule,
    K: TraceKind<F>,
{
    let has_registry = scheduler.registry().is_some();
    let raw = allocate::<F, S, K>(
        future,
        scheduler,
        if has_registry { 3 } else { 2 },
        spawned_at,
    );
    let join = JoinHandle {
        raw: Some(raw),
        _output: PhantomData,
    };
    let notified = Notified::new(raw);
    // SAFETY: alive (we hold references) and of this type.
    let cell = unsafe { cell::<F, S>(raw.0) };
    let accepted = match cell.scheduler.registry() {
        Some(registry) => registry.insert(raw),
        None => true,
    };
    if accepted {
        raw.schedule_notified(notified);
    } else {
        raw.ref_dec(); // the registry's reference, never taken
        notified.cancel();
    }
    join
}

/// Creates a task that is not registered anywhere; the caller queues the `Notified`.
#[track_caller]
pub(crate) fn unscheduled<F, S>(future: F, scheduler: S) -> (Notified, JoinHandle<F::Output>)
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
    S: Schedule,
{
    let raw = allocate::<F, S, Opaque>(future, scheduler, 2, Location::caller());
    (
        Notified::new(raw),
        JoinHandle {
            raw: Some(raw),
            _output: PhantomData,
        },
    )
}

impl RawTask {
    fn schedule_notified(self, notified: Notified) {
        core::mem::forget(notified);
        self.schedule();
    }
}

// ---- JoinHandle ----

/// An owned permission to await a spawned task's result.
///
/// A `JoinHandle` is a future: it resolves to `Ok(output)` when the task finishes, or to
/// `Err(JoinError)` if it panicked or was aborted. Dropping the handle *detaches* the
/// task: it keeps running and its output is dropped when it finishes.
///
/// ```
/// let answer = stackless::rt::block_on(async {
///     let handle = stackless::rt::spawn(async { 6 * 7 });
///     handle.await.unwrap()
/// });
/// assert_eq!(answer, 42);
/// ```
pub struct JoinHandle<T> {
    raw: Option<RawTask>,
    _output: PhantomData<T>,
}

// SAFETY: the handle only moves the output (`T: Send`) to the thread that polls it; the
// task side is accessed through atomics.
unsafe impl<T: Send> Send for JoinHandle<T> {}
// SAFETY: `&JoinHandle` only offers `abort` and `is_finished`, which touch the state word.
unsafe impl<T: Send> Sync for JoinHandle<T> {}

impl<T> Unpin for JoinHandle<T> {}

impl<T> JoinHandle<T> {
    /// Cancels the task: its future is dropped (right away if it is not being polled at
    /// this moment, otherwise as soon as the current poll returns), and awaiting the handle
    /// then gives an error for which [`JoinError::is_cancelled`] is `true`.
    ///
    /// Has no effect on a task that already finished. A task started with
    /// [`spawn_blocking`](super::spawn_blocking) cannot be stopped once its closure runs.
    pub fn abort(&self) {
        if let Some(raw) = self.raw {
            raw.abort();
        }
    }

    /// Returns `true` once the task has finished (completed, panicked or been cancelled).
    pub fn is_finished(&self) -> bool {
        match self.raw {
            Some(raw) => raw.state().load(Acquire) & COMPLETE != 0,
            None => true,
        }
    }
}

impl<T> Future for JoinHandle<T> {
    type Output = Result<T, JoinError>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let raw = self
            .raw
            .expect("`JoinHandle` polled after it returned its result");
        if !raw.try_join(cx.waker()) {
            return Poll::Pending;
        }
        let mut out: Poll<Result<T, JoinError>> = Poll::Pending;
        // SAFETY: the task is complete and the handle (join interest) owns the output;
        // `out` has the type the task's `read_output` writes (`T` is the task's output).
        unsafe { (raw.header().vtable.read_output)(raw.0, &mut out as *mut _ as *mut ()) };
        self.raw = None;
        raw.ref_dec();
        out
    }
}

impl<T> Drop for JoinHandle<T> {
    fn drop(&mut self) {
        if let Some(raw) = self.raw.take() {
            raw.drop_join_handle();
        }
    }
}

impl<T> fmt::Debug for JoinHandle<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JoinHandle")
            .field("finished", &self.is_finished())
            .finish()
    }
}

/// Why a task did not produce its output: it was cancelled, or it panicked.
pub struct JoinError {
    repr: Repr,
}

enum Repr {
    Cancelled,
    Panic(Mutex<Box<dyn Any + Send>>),
}

impl JoinError {
    fn cancelled() -> JoinError {
        JoinError {
            repr: Repr::Cancelled,
        }
    }

    fn panic(payload: Box<dyn Any + Send>) -> JoinError {
        JoinError {
            repr: Repr::Panic(Mutex::new(payload)),
        }
    }

    /// `true` if the task was cancelled by [`JoinHandle::abort`] or by runtime shutdown.
    pub fn is_cancelled(&self) -> bool {
        matches!(self.repr, Repr::Cancelled)
    }

    /// `true` if the task panicked.
    pub fn is_panic(&self) -> bool {
        matches!(self.repr, Repr::Panic(_))
    }

    /// The panic payload (as from [`std::panic::catch_unwind`]).
    ///
    /// # Panics
    /// If the error is not a panic; see [`try_into_panic`](Self::try_into_panic).
    #[track_caller]
    pub fn into_panic(self) -> Box<dyn Any + Send> {
        self.try_into_panic()
            .expect("`JoinError::into_panic` called on an error that is not a panic")
    }

    /// The panic payload, or the error back if the task was cancelled.
    pub fn try_into_panic(self) -> Result<Box<dyn Any + Send>, JoinError> {
        match self.repr {
            Repr::Panic(payload) => {
                Ok(payload.into_inner().unwrap_or_else(PoisonError::into_inner))
            }
            Repr::Cancelled => Err(self),
        }
    }

    fn panic_message(&self) -> Option<String> {
        match &self.repr {
            Repr::Panic(payload) => {
                let payload = payload.lock().unwrap_or_else(PoisonError::into_inner);
                if let Some(s) = payload.downcast_ref::<&'static str>() {
                    Some(String::from(*s))
                } else {
                    payload.downcast_ref::<String>().cloned()
                }
            }
            Repr::Cancelled => None,
        }
    }
}

impl fmt::Display for JoinError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.repr {
            Repr::Cancelled => f.write_str("task was cancelled"),
            Repr::Panic(_) => match self.panic_message() {
                Some(msg) => write!(f, "task panicked with message {msg:?}"),
                None => f.write_str("task panicked"),
            },
        }
    }
}

impl fmt::Debug for JoinError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.repr {
            Repr::Cancelled => f.write_str("JoinError::Cancelled"),
            Repr::Panic(_) => match self.panic_message() {
                Some(msg) => write!(f, "JoinError::Panic({msg:?})"),
                None => f.write_str("JoinError::Panic(..)"),
            },
        }
    }
}

impl std::error::Error for JoinError {}

// ---- Registry: every live task of a runtime, so shutdown can drop them ----

/// A sharded slab of task pointers; each entry owns one reference to its task.
pub(crate) struct Registry {
    shards: Box<[SpinLock<Slab>]>,
    shard_bits: u32,
}

/// A minimal lock for the registry's tiny critical sections (a few instructions each):
/// unlocking is a plain release store, cheaper than a general mutex. Contended waiters spin
/// briefly, then yield their time slice.
struct SpinLock<T> {
    locked: AtomicBool,
    value: UnsafeCell<T>,
}

// SAFETY: the lock gives exclusive access to `value` to one thread at a time.
unsafe impl<T: Send> Sync for SpinLock<T> {}

struct SpinGuard<'a, T>(&'a SpinLock<T>);

impl<T> SpinLock<T> {
    fn new(value: T) -> SpinLock<T> {
        SpinLock {
            locked: AtomicBool::new(false),
            value: UnsafeCell::new(value),
        }
    }

    fn lock(&self) -> SpinGuard<'_, T> {
        let mut spins = 0u32;
        while self
            .locked
            .compare_exchange_weak(false, true, Acquire, Relaxed)
            .is_err()
        {
            while self.locked.load(Relaxed) {
                spins += 1;
                if spins < 64 {
                    core::hint::spin_loop();
                } else {
                    std::thread::yield_now();
                }
            }
        }
        SpinGuard(self)
    }
}

impl<T> core::ops::Deref for SpinGuard<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        // SAFETY: the guard holds the lock.
        unsafe { &*self.0.value.get() }
    }
}

impl<T> core::ops::DerefMut for SpinGuard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: the guard holds the lock.
        unsafe { &mut *self.0.value.get() }
    }
}

impl<T> Drop for SpinGuard<'_, T> {
    fn drop(&mut self) {
        self.0.locked.store(false, Release);
    }
}

struct Slab {
    /// Fixed-size chunks, so growing never copies (or leaves freed copies behind).
    /// Occupied entry: the task pointer (aligned, low bit 0). Vacant: `(next_free << 1) | 1`.
    chunks: Vec<Box<[*mut Header]>>,
    /// Slots handed out so far (occupied or vacant).
    used: usize,
    free_head: usize,
    closed: bool,
}

const CHUNK: usize = 1024;

impl Slab {
    fn entry(&mut self, slot: usize) -> &mut *mut Header {
        &mut self.chunks[slot / CHUNK][slot % CHUNK]
    }

    fn insert(&mut self, p: *mut Header) -> usize {
        if self.free_head != NO_FREE {
            let slot = self.free_head;
            let e = self.entry(slot);
            let next = (*e as usize) >> 1;
            *e = p;
            self.free_head = next;
            return slot;
        }
        if self.used == self.chunks.len() * CHUNK {
            self.chunks
                .push(std::vec![ptr::null_mut(); CHUNK].into_boxed_slice());
        }
        let slot = self.used;
        self.used += 1;
        *self.entry(slot) = p;
        slot
    }

    fn remove(&mut self, slot: usize) -> *mut Header {
        let free = self.free_head;
        let e = self.entry(slot);
        let p = *e;
        *e = ptr::without_provenance_mut((free << 1) | 1);
        self.free_head = slot;
        p
    }

    fn occupied(&self) -> impl Iterator<Item = *mut Header> + '_ {
        self.chunks
            .iter()
            .flat_map(|c| c.iter())
            .take(self.used)
            .copied()
            .filter(|p| (*p as usize) & 1 == 0)
    }
}

// SAFETY: the raw pointers are task references; tasks are `Send` and `Sync` (see RawTask).
unsafe impl Send for Slab {}

const NO_FREE: usize = usize::MAX >> 1;

thread_local! {
    static SHARD_HINT: StdCell<u32> = const { StdCell::new(0) };
}

impl Registry {
    /// A registry with at least `shards` shards (rounded up to a power of two).
    pub(crate) fn new(shards: usize) -> Registry {
        let n = shards.max(1).next_power_of_two();
        let shards = (0..n)
            .map(|_| {
                SpinLock::new(Slab {
                    chunks: Vec::new(),
                    used: 0,
                    free_head: NO_FREE,
                    closed: false,
                })
            })
            .collect::<Vec<_>>()
            .into_boxed_slice();
        Registry {
            shards,
            shard_bits: n.trailing_zeros(),
        }
    }

    fn lock(&self, shard: usize) -> SpinGuard<'_, Slab> {
        self.shards[shard].lock()
    }

    /// Takes the task's registry reference. Returns `false` if the registry is closed.
    fn insert(&self, raw: RawTask) -> bool {
        let shard = if self.shard_bits == 0 {
            0
        } else {
            SHARD_HINT
                .try_with(|h| {
                    let v = h.get().wrapping_add(1);
                    h.set(v);
                    v
                })
                .unwrap_or(0) as usize
                & (self.shards.len() - 1)
        };
        let mut slab = self.lock(shard);
        if slab.closed {
            return false;
        }
        let slot = slab.insert(raw.0.as_ptr());
        let limit = 1usize << (32 - self.shard_bits);
        assert!(slot < limit, "too many live tasks in one runtime");
        let id = ((slot as u32) << self.shard_bits) | shard as u32;
        // SAFETY: the task is not yet published (only this thread knows it), and the id is
        // never written again; readers see it through the publication of the task.
        unsafe { *raw.header().owner_id.get() = id };
        true
    }

    /// Removes a completed task. Returns `true` if the registry's reference was handed
    /// back to the caller (to be released), `false` if the registry was closed.
    fn remove(&self, raw: RawTask) -> bool {
        // SAFETY: written before the task was published; immutable since.
        let id = unsafe { *raw.header().owner_id.get() };
        let shard = (id as usize) & (self.shards.len() - 1);
        let slot = (id >> self.shard_bits) as usize;
        let mut slab = self.lock(shard);
        if slab.closed {
            return false;
        }
        let removed = slab.remove(slot);
        debug_assert_eq!(removed, raw.0.as_ptr());
        true
    }

    /// Closes the registry and returns every task in it (each with its reference).
    pub(crate) fn close(&self) -> Vec<RawTask> {
        let mut all = Vec::new();
        for shard in 0..self.shards.len() {
            let mut slab = self.lock(shard);
            slab.closed = true;
            for p in slab.occupied() {
                // SAFETY: occupied entries are live task pointers (the registry holds a
                // reference), never null.
                all.push(RawTask(unsafe { NonNull::new_unchecked(p) }));
            }
            slab.chunks = Vec::new();
            slab.used = 0;
            slab.free_head = NO_FREE;
        }
        all
    }

    /// Every registered task, each with a reference of its own (taken under the shard's
    /// lock, so the task cannot be freed in between), for a dump.
    pub(crate) fn snapshot(&self) -> Vec<RawTask> {
        let mut all = Vec::new();
        for shard in 0..self.shards.len() {
            let slab = self.lock(shard);
            for p in slab.occupied() {
                // SAFETY: occupied entries are live task pointers (the registry holds a
                // reference), never null.
                let raw = RawTask(unsafe { NonNull::new_unchecked(p) });
                raw.ref_inc();
                all.push(raw);
            }
        }
        all
    }

    /// Number of tasks currently registered (live, not yet completed).
    #[allow(dead_code)]
    pub(crate) fn len(&self) -> usize {
        (0..self.shards.len())
            .map(|s| self.lock(s).occupied().count())
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_is_three_words() {
        assert_eq!(core::mem::size_of::<Header>(), 24);
        assert_eq!(core::mem::size_of::<Notified>(), 8);
    }
}
