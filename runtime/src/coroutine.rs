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
