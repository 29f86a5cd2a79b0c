use core::fmt;
use core::pin::Pin;

/// The result of resuming a coroutine: it either suspended with a value, or finished.
///
/// Same shape as nightly `core::ops::CoroutineState`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CoroutineState<Y, R> {
    /// The coroutine suspended at a `yield_!` with this value.
    Yielded(Y),
    /// The coroutine ran to completion and returned this value.
    Complete(R),
}

/// A resumable computation: each [`resume`](Coroutine::resume) runs it to its next
/// `yield_!` (or to its end).
///
/// Same shape as nightly `core::ops::Coroutine`. `R` is the *resume argument*: the value a
/// pending `yield_!` evaluates to when the coroutine is resumed. The argument of the first
/// `resume` starts the body and is dropped.
///
/// ```
/// use core::pin::pin;
/// use stackless::{yield_, Coroutine, CoroutineState};
///
/// #[stackless::coroutine]
/// fn running_total() -> impl Coroutine<i64, Yield = i64, Return = String> {
///     let mut total = 0;
///     loop {
///         let x = yield_!(total);
///         if x == 0 {
///             break;
///         }
///         total += x;
///     }
///     format!("total={total}")
/// }
///
/// let mut co = pin!(running_total());
/// assert_eq!(co.as_mut().resume(0), CoroutineState::Yielded(0)); // starts the body
/// assert_eq!(co.as_mut().resume(5), CoroutineState::Yielded(5));
/// assert_eq!(co.as_mut().resume(7), CoroutineState::Yielded(12));
/// assert_eq!(co.as_mut().resume(0), CoroutineState::Complete("total=12".to_string()));
/// ```
pub trait Coroutine<R = ()> {
    /// The type of value this coroutine yields.
    type Yield;
    /// The type of value this coroutine returns when it completes.
    type Return;

    /// Runs the coroutine until its next suspension point or its end.
    ///
    /// # Panics
    /// Resuming a coroutine that has completed panics, and so does resuming one whose body
    /// panicked during an earlier resume.
    fn resume(self: Pin<&mut Self>, arg: R) -> CoroutineState<Self::Yield, Self::Return>;
}

impl<G: ?Sized + Coroutine<R> + Unpin, R> Coroutine<R> for &mut G {
    type Yield = G::Yield;
    type Return = G::Return;
    fn resume(mut self: Pin<&mut Self>, arg: R) -> CoroutineState<Self::Yield, Self::Return> {
        G::resume(Pin::new(&mut **self), arg)
    }
}

impl<G: ?Sized + Coroutine<R>, R> Coroutine<R> for Pin<&mut G> {
    type Yield = G::Yield;
    type Return = G::Return;
    fn resume(mut self: Pin<&mut Self>, arg: R) -> CoroutineState<Self::Yield, Self::Return> {
        G::resume((*self).as_mut(), arg)
    }
}

/// A boxed coroutine that may move ([`Unpin`]), resumed in its box, as nightly's
/// `Box<G>: Coroutine<R>`.
#[cfg(feature = "alloc")]
impl<G: ?Sized + Coroutine<R> + Unpin, R> Coroutine<R> for alloc::boxed::Box<G> {
    type Yield = G::Yield;
    type Return = G::Return;
    fn resume(mut self: Pin<&mut Self>, arg: R) -> CoroutineState<Self::Yield, Self::Return> {
        G::resume(Pin::new(&mut **self), arg)
    }
}

/// A coroutine pinned in a box (`Box::pin(co)`), as nightly's `Pin<Box<G>>: Coroutine<R>`:
/// the form that moves freely although the coroutine may not.
#[cfg(feature = "alloc")]
impl<G: ?Sized + Coroutine<R>, R> Coroutine<R> for Pin<alloc::boxed::Box<G>> {
    type Yield = G::Yield;
    type Return = G::Return;
    fn resume(mut self: Pin<&mut Self>, arg: R) -> CoroutineState<Self::Yield, Self::Return> {
        G::resume((*self).as_mut(), arg)
    }
}

/// An [`Iterator`] over the values a coroutine yields, as nightly's
/// `core::iter::from_coroutine`: each `next` resumes it with `()`; its completion is the
/// iterator's `None`.
///
/// The coroutine must be [`Unpin`], since `next` takes `&mut self`: pass one that is not
/// pinned, as `Box::pin(co)` or `core::pin::pin!(co)` (both are coroutines too). As with
/// nightly's adapter, calling `next` again after the `None` resumes a completed coroutine,
/// which panics for the machines `#[stackless::coroutine]` makes; [`Iterator::fuse`] makes
/// it safe to call again. (A generator written `-> impl Iterator` needs no adapter: it is
/// one, and fused.)
///
/// ```
/// use core::pin::pin;
/// use stackless::{yield_, Coroutine};
///
/// #[stackless::coroutine]
/// fn countdown(from: u32) -> impl Coroutine<Yield = u32, Return = ()> {
///     let mut n = from;
///     while n > 0 {
///         yield_!(n);
///         n -= 1;
///     }
/// }
///
/// let co = pin!(countdown(3));
/// assert_eq!(stackless::from_coroutine(co).collect::<Vec<_>>(), [3, 2, 1]);
/// // Boxed and pinned, it can be returned and stored.
/// let it = stackless::from_coroutine(Box::pin(countdown(2)));
/// assert_eq!(it.map(|x| x * 10).collect::<Vec<_>>(), [20, 10]);
/// ```
pub fn from_coroutine<G: Coroutine<Return = ()> + Unpin>(coroutine: G) -> FromCoroutine<G> {
    FromCoroutine(coroutine)
}

/// The iterator returned by [`from_coroutine`].
#[derive(Clone)]
#[must_use = "iterators are lazy and do nothing unless consumed"]
pub struct FromCoroutine<G>(G);

impl<G: Coroutine<Return = ()> + Unpin> Iterator for FromCoroutine<G> {
    type Item = G::Yield;

    #[inline]
    #[track_caller]
    fn next(&mut self) -> Option<Self::Item> {
        match Pin::new(&mut self.0).resume(()) {
            CoroutineState::Yielded(y) => Some(y),
            CoroutineState::Complete(()) => None,
        }
    }
}

impl<G> fmt::Debug for FromCoroutine<G> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FromCoroutine").finish_non_exhaustive()
    }
}
