//! Awaits that resume in place: the awaited future's cell, and the machine that drops it.
//!
//! An `async fn` whose loop awaits keeps the same locals across each iteration's `.await`.
//! Moving them out of the state when the future is ready and back into it at the next
//! `.await` costs a copy of each per iteration (of a 256-byte struct: most of the loop's
//! time). A *resident* await (`resident.rs` in the macro) keeps them in its variant instead,
//! and the arm that resumes it reaches them through references. The variant holds the
//! awaited future in a [`FutCell`]: the future must be dropped as soon as it is ready (as a
//! native `.await` drops it, before the code after it runs), but the variant stays, so the
//! cell is the future's storage without its drop glue, and the expansion drops the future
//! in place.
//!
//! # The invariants the expansion upholds
//!
//! Everything here is `#[doc(hidden)]`; the methods whose misuse is undefined behaviour are
//! `unsafe fn`s whose `# Safety` sections cite these invariants by label (as the
//! expansion's `unsafe` blocks do):
//!
//! 1. **A cell is live exactly while its variant is parked on it** (`cell-live`). It is
//!    made live by [`FutCell::new`] (in the value the state is set to) or [`FutCell::put`]
//!    (into a cell that is not live); [`FutCell::poll_ready`] is only called on a live cell,
//!    and leaves it dead when it returns `Ready` or unwinds. So whenever the step returns
//!    with the state in a variant that holds a cell, the cell is live; whenever the body runs
//!    on after the await, it is dead. A [`Taken`] cell likewise: taken once, first thing, by
//!    the arm that resumes its variant, and put back at a suspension into the group.
//! 2. **Dropping a machine parked at such an await drops the future** (`cell-live`): the
//!    machine's `Drop` ([`ParkedAsyncFn`], [`ParkedAsyncGen`]) runs the expansion's `cancel`,
//!    which calls [`FutCell::drop_live`] on the cell of the variant the state is in. A step
//!    that unwinds sets the state to `Running` first (`poison`), so `cancel` finds no cell
//!    then.
//! 3. **A cell is pinned** (a `#[pin]` field of the state; part of `cell-live`): the future
//!    never moves between `new`/`put` and its drop, and its memory is reused only after that
//!    drop.

use core::fmt;
use core::future::Future;
use core::mem::MaybeUninit;
use core::pin::Pin;
use core::ptr;
use core::task::{Context, Poll};

use futures_core::stream::FusedStream;
use futures_core::Stream;

use crate::machine::{guarded, resumed_after_completion, resumed_after_panic, Step, Terminated};
use crate::trace::{Level, StateTrace, Trace};
use crate::{Coroutine, CoroutineState};

/// The storage of an awaited future that stays in its variant after it is ready. It has no
/// drop glue (and no niche: the bytes of a dropped future are never read as the enum's tag).
pub struct FutCell<F> {
    fut: MaybeUninit<F>,
}

impl<F> fmt::Debug for FutCell<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FutCell").finish_non_exhaustive()
    }
}

impl<F: Future> FutCell<F> {
    /// A live cell holding `fut`.
    #[inline(always)]
    pub fn new(fut: F) -> Self {
        FutCell {
            fut: MaybeUninit::new(fut),
        }
    }

    /// Makes a dead cell live with `fut` (the next `.await` of a loop).
    ///
    /// # Safety
    ///
    /// `cell-live`: the cell is dead (its future was dropped in place, by `poll_ready`
    /// returning `Ready`); writing over a live one would reuse a pinned future's memory
    /// without dropping it.
    #[inline(always)]
    pub unsafe fn put(self: Pin<&mut Self>, fut: F) {
        // SAFETY: the cell is dead (the caller's `cell-live`): its previous future was
        // dropped in place, so writing over its memory keeps `Pin`'s drop guarantee; nothing
        // is moved out.
        unsafe { self.get_unchecked_mut().fut.write(fut) };
    }

    /// Polls the live future; when it is ready (or its `poll` panics) drops it in place,
    /// leaving the cell dead.
    ///
    /// # Safety
    ///
    /// `cell-live`: the cell is live (made by `new` or `put`, and not dead since).
    #[inline(always)]
    pub unsafe fn poll_ready(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        /// Drops the future if `poll` unwinds.
        struct DropOnUnwind<F>(*mut F);
        impl<F> Drop for DropOnUnwind<F> {
            fn drop(&mut self) {
                // SAFETY: the future is live (the poll that unwound was of a live cell) and
                // pinned; this is its drop.
                unsafe { ptr::drop_in_place(self.0) }
            }
        }
        // SAFETY: structural pinning: the future is only reached pinned, and only dropped in
        // place.
        let ptr = unsafe { self.get_unchecked_mut().fut.as_mut_ptr() };
        let guard = DropOnUnwind(ptr);
        // SAFETY: the cell is live (the caller's `cell-live`) and pinned (invariant 3).
        let polled = unsafe { Pin::new_unchecked(&mut *ptr) }.poll(cx);
        match polled {
            Poll::Ready(v) => {
                // Ready: dropped now, as a native `.await` drops it.
                drop(guard);
                Poll::Ready(v)
            }
            Poll::Pending => {
                core::mem::forget(guard);
                Poll::Pending
            }
        }
    }

    /// Drops the live future in place (the machine is dropped while parked on it).
    ///
    /// # Safety
    ///
    /// `cell-live`: the cell is live; it is dead afterwards.
    #[inline]
    pub unsafe fn drop_live(self: Pin<&mut Self>) {
        // SAFETY: the cell is live (the caller's `cell-live`: `cancel` calls this only on the
        // cell of the variant the machine is parked at) and pinned; this is its drop.
        unsafe { ptr::drop_in_place(self.get_unchecked_mut().fut.as_mut_ptr()) }
    }
}

impl<F> FutCell<F> {
    /// The live future, for a trace (runtime `trace.rs`).
    ///
    /// # Safety
    ///
    /// `cell-live`: the cell is live (the machine is parked on it, not being resumed).
    #[inline]
    pub(crate) unsafe fn peek(&self) -> &F {
        // SAFETY: the cell is live (the caller's `cell-live`): it holds an initialised `F`.
        unsafe { self.fut.assume_init_ref() }
    }
}

/// A carried local that a resident group's variant holds but its arm takes out (a `while
/// let` binding of unknown type, say): its storage without drop glue. Live exactly while the
/// machine is parked in that variant (the same invariants as [`FutCell`]'s: the arm takes it
/// first thing, a suspension back into the group puts the next value, and the machine's
/// `Drop` drops a live one).
pub struct Taken<T> {
    value: MaybeUninit<T>,
}

impl<T> fmt::Debug for Taken<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Taken").finish_non_exhaustive()
    }
}

impl<T> Taken<T> {
    /// A live cell holding `value`.
    #[inline(always)]
    pub fn new(value: T) -> Self {
        Taken {
            value: MaybeUninit::new(value),
        }
    }

    /// Moves the live value out, leaving the cell dead.
    ///
    /// # Safety
    ///
    /// `cell-live`: the cell is live (made by `new` or `put`, not taken or dropped since);
    /// taking a dead one would read a moved-out value (a second `take` is a double drop).
    #[inline(always)]
    pub unsafe fn take(&mut self) -> T {
        // SAFETY: the cell is live (the caller's `cell-live`: the arm that resumes its
        // variant takes it once, first thing), and is dead from now on: its bytes are not
        // read again until `put`.
        unsafe { self.value.assume_init_read() }
    }

    /// Makes a dead cell live with `value`. Safe: on a live cell it would only leak the
    /// value there (a `Taken` is never pinned).
    #[inline(always)]
    pub fn put(&mut self, value: T) {
        // The cell is dead (`cell-live`): nothing to drop.
        self.value.write(value);
    }

    /// Drops the live value (the machine is dropped while parked in its variant).
    ///
    /// # Safety
    ///
    /// `cell-live`: the cell is live; it is dead afterwards.
    #[inline]
    pub unsafe fn drop_live(&mut self) {
        // SAFETY: the cell is live (the caller's `cell-live`: invariant 2 of the module docs,
        // for the variant the machine is parked in); this is its drop.
        unsafe { self.value.assume_init_drop() }
    }
}

macro_rules! parked {
    ($(#[$m:meta])* $name:ident) => {
        $(#[$m])*
        pub struct $name<S, F, C: FnMut(Pin<&mut S>)> {
            state: S,
            step: F,
            cancel: C,
        }

        impl<S, F, C: FnMut(Pin<&mut S>)> $name<S, F, C> {
            #[inline(always)]
            fn parts(self: Pin<&mut Self>) -> (Pin<&mut S>, &mut F) {
                // SAFETY: structural pinning of `state` (never moved out, never handed out
                // unpinned; `Drop` reaches it in place); `step` is not structurally pinned.
                let this = unsafe { self.get_unchecked_mut() };
                // SAFETY: as above: `state` is structurally pinned.
                let state = unsafe { Pin::new_unchecked(&mut this.state) };
                (state, &mut this.step)
            }
        }

        impl<S, F, C: FnMut(Pin<&mut S>)> Drop for $name<S, F, C> {
            fn drop(&mut self) {
                // SAFETY: `self` is never moved again (this is its drop), so pinning `state`
                // here is the structural pinning of `parts`.
                let state = unsafe { Pin::new_unchecked(&mut self.state) };
                (self.cancel)(state);
            }
        }

        // `step` and `cancel` are never pinned: the machine is `Unpin` when its state is.
        impl<S: Unpin, F, C: FnMut(Pin<&mut S>)> Unpin for $name<S, F, C> {}

        impl<S: StateTrace, F, C: FnMut(Pin<&mut S>)> fmt::Debug for $name<S, F, C> {
            /// The machine's kind and its trace, on one line.
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                crate::trace::debug_machine(f, stringify!($name), self)
            }
        }

        impl<S: StateTrace, F, C: FnMut(Pin<&mut S>)> Trace for $name<S, F, C> {
            #[inline]
            fn level(&self) -> Level<'_> {
                self.state.state_level()
            }
        }
    };
}

parked!(
    /// A generator or general coroutine whose resident group holds a [`Taken`] local: a
    /// [`Coroutine`] (and [`Iterator`]) exactly as large as its state enum, whose `Drop` drops
    /// what the group's variant holds outside the enum's drop glue.
    ParkedGenerator
);
parked!(
    /// An `async fn` with resident awaits (see the module docs): a [`Future`] exactly as
    /// large as its state enum, whose `Drop` drops the future it is parked on.
    ParkedAsyncFn
);
parked!(
    /// An async generator with resident awaits: a [`Stream`] exactly as large as its state
    /// enum, whose `Drop` drops the future it is parked on.
    ParkedAsyncGen
);

/// Builds a [`ParkedGenerator`]; see [`parked_future`].
#[doc(hidden)]
#[inline(always)]
#[allow(clippy::type_complexity)]
pub fn parked_generator<S, R, Y, T, C: FnMut(Pin<&mut S>)>(
    state: S,
    mut poison: impl FnMut(Pin<&mut S>),
    mut step: impl FnMut(Pin<&mut S>, R) -> Step<Y, T>,
    cancel: C,
) -> ParkedGenerator<S, impl FnMut(Pin<&mut S>, R) -> Step<Y, T>, C> {
    ParkedGenerator {
        state,
        step: move |state: Pin<&mut S>, arg: R| guarded(state, &mut poison, &mut step, arg),
        cancel,
    }
}

/// Builds a [`ParkedAsyncFn`]. Not a public API: expansions call it. If the step unwinds,
/// `poison` runs on the state (the expansion sets `Running`); `cancel` runs when the machine
/// is dropped.
#[doc(hidden)]
#[inline(always)]
#[allow(clippy::type_complexity)]
pub fn parked_future<S, T, C: FnMut(Pin<&mut S>)>(
    state: S,
    mut poison: impl FnMut(Pin<&mut S>),
    mut step: impl FnMut(Pin<&mut S>, &mut Context<'_>) -> Step<(), T>,
    cancel: C,
) -> ParkedAsyncFn<S, impl FnMut(Pin<&mut S>, &mut Context<'_>) -> Step<(), T>, C> {
    ParkedAsyncFn {
        state,
        step: move |state: Pin<&mut S>, cx: &mut Context<'_>| {
            guarded(state, &mut poison, &mut step, cx)
        },
        cancel,
    }
}

/// Builds a [`ParkedAsyncGen`]; see [`parked_future`].
#[doc(hidden)]
#[inline(always)]
#[allow(clippy::type_complexity)]
pub fn parked_stream<S, Y, C: FnMut(Pin<&mut S>)>(
    state: S,
    mut poison: impl FnMut(Pin<&mut S>),
    mut step: impl FnMut(Pin<&mut S>, &mut Context<'_>) -> Step<Poll<Y>, ()>,
    cancel: C,
) -> ParkedAsyncGen<S, impl FnMut(Pin<&mut S>, &mut Context<'_>) -> Step<Poll<Y>, ()>, C> {
    ParkedAsyncGen {
        state,
        step: move |state: Pin<&mut S>, cx: &mut Context<'_>| {
            guarded(state, &mut poison, &mut step, cx)
        },
        cancel,
    }
}

impl<S, F, C, R, Y, T> Coroutine<R> for ParkedGenerator<S, F, C>
where
    F: FnMut(Pin<&mut S>, R) -> Step<Y, T>,
    C: FnMut(Pin<&mut S>),
{
    type Yield = Y;
    type Return = T;

    #[inline]
    #[track_caller]
    fn resume(self: Pin<&mut Self>, arg: R) -> CoroutineState<Y, T> {
        let (state, step) = self.parts();
        match step(state, arg) {
            Step::Yielded(y) => CoroutineState::Yielded(y),
            Step::Complete(t) => CoroutineState::Complete(t),
            Step::Done(message) => resumed_after_completion(message),
            Step::Poisoned(message) => resumed_after_panic(message),
        }
    }
}

impl<S, F, C, Y> Iterator for ParkedGenerator<S, F, C>
where
    S: Unpin,
    F: FnMut(Pin<&mut S>, ()) -> Step<Y, ()>,
    C: FnMut(Pin<&mut S>),
{
    type Item = Y;

    #[inline]
    fn next(&mut self) -> Option<Y> {
        let (state, step) = Pin::new(self).parts();
        match step(state, ()) {
            Step::Yielded(y) => Some(y),
            Step::Complete(()) | Step::Done(_) => None,
            Step::Poisoned(message) => resumed_after_panic(message),
        }
    }
}

impl<S, F, C, Y> core::iter::FusedIterator for ParkedGenerator<S, F, C>
where
    S: Unpin,
    F: FnMut(Pin<&mut S>, ()) -> Step<Y, ()>,
    C: FnMut(Pin<&mut S>),
{
}

impl<S, F, C, T> Future for ParkedAsyncFn<S, F, C>
where
    F: FnMut(Pin<&mut S>, &mut Context<'_>) -> Step<(), T>,
    C: FnMut(Pin<&mut S>),
{
    type Output = T;

    #[inline]
    #[track_caller]
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let (state, step) = self.parts();
        match step(state, cx) {
            Step::Yielded(()) => Poll::Pending,
            Step::Complete(t) => Poll::Ready(t),
            Step::Done(message) => resumed_after_completion(message),
            Step::Poisoned(message) => resumed_after_panic(message),
        }
    }
}

impl<S, F, C, Y> Stream for ParkedAsyncGen<S, F, C>
where
    F: FnMut(Pin<&mut S>, &mut Context<'_>) -> Step<Poll<Y>, ()>,
    C: FnMut(Pin<&mut S>),
{
    type Item = Y;

    #[inline]
    #[track_caller]
    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Y>> {
        let (state, step) = self.parts();
        match step(state, cx) {
            Step::Yielded(Poll::Ready(y)) => Poll::Ready(Some(y)),
            Step::Yielded(Poll::Pending) => Poll::Pending,
            Step::Complete(()) | Step::Done(_) => Poll::Ready(None),
            Step::Poisoned(message) => resumed_after_panic(message),
        }
    }
}

impl<S, F, C, Y> FusedStream for ParkedAsyncGen<S, F, C>
where
    S: Terminated,
    F: FnMut(Pin<&mut S>, &mut Context<'_>) -> Step<Poll<Y>, ()>,
    C: FnMut(Pin<&mut S>),
{
    #[inline]
    fn is_terminated(&self) -> bool {
        self.state.terminated()
    }
}
