//! The machines of coroutines that keep locals in pinned slots (see [`crate::frame`]).
//!
//! Same as [`crate::machine`], but the state lives in the [`Frame`], beside the root block's
//! slots (see [`crate::frame::Head`]), and a second closure, `cancel`, runs in the machine's
//! `Drop`: it takes the state apart and drops what a suspended coroutine holds — the locals
//! carried in its variant and the slots in scope at its suspension point — in the order
//! leaving their scopes would. These machines are `!Unpin` (unless the frame is
//! [`Movable`]): borrows of the slots live in the state.

use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};

use futures_core::stream::FusedStream;
use futures_core::Stream;

use crate::frame::{Frame, FramePtr, Head, Movable};
use crate::machine::{resumed_after_completion, resumed_after_panic, Step, Terminated};
use crate::trace::{Level, Trace, VarsTrace};
use crate::{Coroutine, CoroutineState};

macro_rules! framed {
    ($(#[$m:meta])* $name:ident, $ctor:ident<$($g:ident),*>, $($step:tt)+) => {
        $(#[$m])*
        pub struct $name<P, K, F, D>
        where
            D: FnMut(FramePtr<P>),
        {
            // Its state is taken apart by `cancel` (in `Drop`), before the slots it borrows.
            frame: Frame<P, K>,
            step: F,
            cancel: D,
        }

        impl<P, K, F, D> $name<P, K, F, D>
        where
            D: FnMut(FramePtr<P>),
        {
            #[inline(always)]
            fn parts(self: Pin<&mut Self>) -> (FramePtr<P>, &mut F) {
                // SAFETY: structural pinning of `frame` (never moved out, never handed out
                // unpinned; `Drop` takes it apart in place), `step` is not structurally
                // pinned (only called through `&mut`).
                let this = unsafe { self.get_unchecked_mut() };
                // SAFETY: as above: `frame` is structurally pinned.
                let frame = unsafe { Pin::new_unchecked(&mut this.frame) };
                (frame.ptr(), &mut this.step)
            }
        }

        impl<P, K, F, D> Drop for $name<P, K, F, D>
        where
            D: FnMut(FramePtr<P>),
        {
            fn drop(&mut self) {
                // SAFETY: `self` is never moved again (this is its drop), so pinning its
                // frame here is the structural pinning of `parts`.
                let frame = unsafe { Pin::new_unchecked(&mut self.frame) };
                (self.cancel)(frame.ptr());
            }
        }

        // `step` and `cancel` are never pinned, nor are the slots of a `Movable` frame (no
        // `Pin` to one is ever made: `pin!` locals get a `Fixed` frame): the machine is
        // `Unpin` when its frame is `Movable` and the variants' pinned fields (the awaited
        // futures) are (the expansion's union of the variants says so). A `Fixed` frame
        // never is.
        impl<P, F, D> Unpin for $name<P, Movable, F, D>
        where
            P: Head,
            P::Vars: Unpin,
            D: FnMut(FramePtr<P>),
        {
        }

        impl<P, K, F, D> fmt::Debug for $name<P, K, F, D>
        where
            P: Head,
            P::Vars: VarsTrace<P::Tag>,
            D: FnMut(FramePtr<P>),
        {
            /// The machine's kind and its trace, on one line.
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                crate::trace::debug_machine(f, stringify!($name), self)
            }
        }

        impl<P, K, F, D> Trace for $name<P, K, F, D>
        where
            P: Head,
            P::Vars: VarsTrace<P::Tag>,
            D: FnMut(FramePtr<P>),
        {
            #[inline]
            fn level(&self) -> Level<'_> {
                self.frame.level()
            }
        }

        #[doc = concat!("Builds a [`", stringify!($name), "`]. Not a public API: expansions call it.")]
        #[doc(hidden)]
        #[inline(always)]
        pub fn $ctor<P, K, F, D, $($g),*>(
            frame: Frame<P, K>,
            step: F,
            cancel: D,
        ) -> $name<P, K, F, D>
        where
            D: FnMut(FramePtr<P>),
            F: $($step)+,
        {
            $name {
                frame,
                step,
                cancel,
            }
        }

    };
}

framed!(
    /// A generator or general coroutine with pinned slots. `!Unpin`: resume it through a
    /// `Pin` (`core::pin::pin!`, `Box::pin`); an `-> impl Iterator` function boxes it.
    FramedGenerator,
    framed_generator<R, Y, T>,
    FnMut(FramePtr<P>, R) -> Step<Y, T>
);
framed!(
    /// An `async fn` with pinned slots.
    FramedAsyncFn,
    framed_future<T>,
    FnMut(FramePtr<P>, &mut Context<'_>) -> Step<(), T>
);
framed!(
    /// An async generator with pinned slots.
    FramedAsyncGen,
    framed_stream<Y>,
    FnMut(FramePtr<P>, &mut Context<'_>) -> Step<Poll<Y>, ()>
);

impl<P, K, F, D, R, Y, T> Coroutine<R> for FramedGenerator<P, K, F, D>
where
    D: FnMut(FramePtr<P>),
    F: FnMut(FramePtr<P>, R) -> Step<Y, T>,
{
    type Yield = Y;
    type Return = T;

    #[inline]
    #[track_caller]
    fn resume(self: Pin<&mut Self>, arg: R) -> CoroutineState<Y, T> {
        let (frame, step) = self.parts();
        match step(frame, arg) {
            Step::Yielded(y) => CoroutineState::Yielded(y),
            Step::Complete(t) => CoroutineState::Complete(t),
            Step::Done(message) => resumed_after_completion(message),
            Step::Poisoned(message) => resumed_after_panic(message),
        }
    }
}

impl<P, K, F, D, T> Future for FramedAsyncFn<P, K, F, D>
where
    D: FnMut(FramePtr<P>),
    F: FnMut(FramePtr<P>, &mut Context<'_>) -> Step<(), T>,
{
    type Output = T;

    #[inline]
    #[track_caller]
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let (frame, step) = self.parts();
        match step(frame, cx) {
            Step::Yielded(()) => Poll::Pending,
            Step::Complete(t) => Poll::Ready(t),
            Step::Done(message) => resumed_after_completion(message),
            Step::Poisoned(message) => resumed_after_panic(message),
        }
    }
}

impl<P, K, F, D, Y> Stream for FramedAsyncGen<P, K, F, D>
where
    D: FnMut(FramePtr<P>),
    F: FnMut(FramePtr<P>, &mut Context<'_>) -> Step<Poll<Y>, ()>,
{
    type Item = Y;

    #[inline]
    #[track_caller]
    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Y>> {
        let (frame, step) = self.parts();
        match step(frame, cx) {
            Step::Yielded(Poll::Ready(y)) => Poll::Ready(Some(y)),
            Step::Yielded(Poll::Pending) => Poll::Pending,
            Step::Complete(()) | Step::Done(_) => Poll::Ready(None),
            Step::Poisoned(message) => resumed_after_panic(message),
        }
    }
}

impl<P, K, F, D, Y> FusedStream for FramedAsyncGen<P, K, F, D>
where
    P: Head,
    P::Tag: Terminated,
    D: FnMut(FramePtr<P>),
    F: FnMut(FramePtr<P>, &mut Context<'_>) -> Step<Poll<Y>, ()>,
{
    #[inline]
    fn is_terminated(&self) -> bool {
        self.frame.tag().terminated()
    }
}

/// A generator whose slots only keep large locals in place (nothing borrows them across a
/// suspension point, which the borrow-checked twin verifies) may move between resumes: it
/// is an `Iterator` itself, with no allocation.
impl<P, F, D, Y> Iterator for FramedGenerator<P, Movable, F, D>
where
    P: Head,
    P::Vars: Unpin,
    D: FnMut(FramePtr<P>),
    F: FnMut(FramePtr<P>, ()) -> Step<Y, ()>,
{
    type Item = Y;

    #[inline]
    fn next(&mut self) -> Option<Y> {
        let (frame, step) = Pin::new(self).parts();
        match step(frame, ()) {
            Step::Yielded(y) => Some(y),
            Step::Complete(()) | Step::Done(_) => None,
            Step::Poisoned(message) => resumed_after_panic(message),
        }
    }
}

impl<P, F, D, Y> core::iter::FusedIterator for FramedGenerator<P, Movable, F, D>
where
    P: Head,
    P::Vars: Unpin,
    D: FnMut(FramePtr<P>),
    F: FnMut(FramePtr<P>, ()) -> Step<Y, ()>,
{
}

/// A self-borrowing generator behind `-> impl Iterator`: `Iterator::next` takes `&mut self`,
/// so the machine pins itself in one heap allocation (`-> impl Coroutine` is the
/// allocation-free form).
#[cfg(feature = "alloc")]
pub struct BoxedGenerator<G>(Pin<alloc::boxed::Box<G>>);

#[cfg(feature = "alloc")]
impl<G: Trace> fmt::Debug for BoxedGenerator<G> {
    /// `BoxedGenerator(` and the machine's trace on one line `)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::trace::debug_machine(f, "BoxedGenerator", self)
    }
}

#[cfg(feature = "alloc")]
impl<G: Trace> Trace for BoxedGenerator<G> {
    #[inline]
    fn level(&self) -> Level<'_> {
        self.0.level()
    }
}

/// Pins a framed generator on the heap for `-> impl Iterator`. Not a public API.
#[cfg(feature = "alloc")]
#[doc(hidden)]
#[inline]
pub fn boxed<G: Coroutine<(), Return = ()>>(machine: G) -> BoxedGenerator<G> {
    BoxedGenerator(alloc::boxed::Box::pin(machine))
}

#[cfg(feature = "alloc")]
impl<P, K, F, D, Y> Iterator for BoxedGenerator<FramedGenerator<P, K, F, D>>
where
    D: FnMut(FramePtr<P>),
    F: FnMut(FramePtr<P>, ()) -> Step<Y, ()>,
{
    type Item = Y;

    #[inline]
    fn next(&mut self) -> Option<Y> {
        let (frame, step) = self.0.as_mut().parts();
        match step(frame, ()) {
            Step::Yielded(y) => Some(y),
            Step::Complete(()) | Step::Done(_) => None,
            Step::Poisoned(message) => resumed_after_panic(message),
        }
    }
}

#[cfg(feature = "alloc")]
impl<P, K, F, D, Y> core::iter::FusedIterator for BoxedGenerator<FramedGenerator<P, K, F, D>>
where
    D: FnMut(FramePtr<P>),
    F: FnMut(FramePtr<P>, ()) -> Step<Y, ()>,
{
}

/// Without the `alloc` feature a self-borrowing `-> impl Iterator` generator cannot box
/// itself: this makes that one clear error.
#[cfg(not(feature = "alloc"))]
#[diagnostic::on_unimplemented(
    message = "this generator borrows its own locals across `yield_!`, so `-> impl Iterator` \
               pins it in a `Box`: enable the `alloc` feature of `stackless`, or return \
               `impl Coroutine<Yield = …, Return = ()>` and pin it yourself",
    label = "needs the `alloc` feature"
)]
#[doc(hidden)]
pub trait NeedsAllocFeature {}

/// See [`NeedsAllocFeature`].
#[cfg(not(feature = "alloc"))]
#[doc(hidden)]
pub fn boxed<G: NeedsAllocFeature>(machine: G) -> G {
    machine
}
