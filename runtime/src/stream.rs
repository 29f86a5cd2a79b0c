//! Consuming a [`Stream`] without `futures-util`.

use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};

use futures_core::Stream;

/// The next item of a stream: `while let Some(x) = next(&mut stream).await { … }`.
///
/// It needs neither `futures-util` nor `std`: `stackless::next` is there without the `std`
/// feature (with it, `stackless::rt::next` is the same function), and the future it
/// returns runs on any executor.
///
/// The stream must be [`Unpin`]; pin one that is not with `Box::pin` (or `core::pin::pin!`).
/// Inside a `#[stackless::coroutine]`, a stream that is a local of the coroutine cannot be
/// borrowed across the `.await` yet: use [`take_next`] there.
///
/// ```
/// use stackless::{rt, yield_, Stream};
///
/// #[stackless::coroutine]
/// fn evens(n: u32) -> impl Stream<Item = u32> {
///     for i in 0..n {
///         if i % 2 == 0 {
///             yield_!(i);
///         }
///     }
/// }
///
/// let got = rt::block_on(async {
///     let mut s = Box::pin(evens(7));
///     let mut v = Vec::new();
///     while let Some(x) = rt::next(&mut s).await {
///         v.push(x);
///     }
///     v
/// });
/// assert_eq!(got, [0, 2, 4, 6]);
/// ```
pub fn next<S: Stream + Unpin + ?Sized>(stream: &mut S) -> Next<'_, S> {
    Next { stream }
}

/// The future returned by [`next`].
#[derive(Debug)]
#[must_use = "futures do nothing unless awaited"]
pub struct Next<'a, S: ?Sized> {
    stream: &'a mut S,
}

impl<S: Stream + Unpin + ?Sized> Future for Next<'_, S> {
    type Output = Option<S::Item>;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<S::Item>> {
        Pin::new(&mut *self.stream).poll_next(cx)
    }
}

/// The next item of a stream, and the stream back: the form to use inside a
/// `#[stackless::coroutine]`, where a local stream cannot be borrowed across an `.await`.
///
/// ```
/// use stackless::{rt, yield_, Stream};
///
/// #[stackless::coroutine]
/// fn numbers() -> impl Stream<Item = u32> {
///     yield_!(1);
///     yield_!(2);
/// }
///
/// #[stackless::coroutine]
/// fn doubled<S: Stream<Item = u32> + Unpin>(inner: S) -> impl Stream<Item = u32> {
///     let mut inner = inner;
///     loop {
///         let (item, rest) = rt::take_next(inner).await;
///         inner = rest;
///         match item {
///             Some(x) => yield_!(x * 2),
///             None => break,
///         }
///     }
/// }
///
/// let got = rt::block_on(async {
///     let mut s = Box::pin(doubled(Box::pin(numbers())));
///     let mut v = Vec::new();
///     while let Some(x) = rt::next(&mut s).await {
///         v.push(x);
///     }
///     v
/// });
/// assert_eq!(got, [2, 4]);
/// ```
pub fn take_next<S: Stream + Unpin>(stream: S) -> TakeNext<S> {
    TakeNext {
        stream: Some(stream),
    }
}

/// The future returned by [`take_next`].
#[derive(Debug)]
#[must_use = "futures do nothing unless awaited"]
pub struct TakeNext<S> {
    stream: Option<S>,
}

impl<S: Stream + Unpin> Future for TakeNext<S> {
    type Output = (Option<S::Item>, S);
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let stream = self
            .stream
            .as_mut()
            .expect("`TakeNext` polled after completion");
        match Pin::new(stream).poll_next(cx) {
            Poll::Ready(item) => Poll::Ready((item, self.stream.take().expect("present"))),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl<S> Unpin for TakeNext<S> {}

/// Awaiting the next item of a machine's stream is being parked where the stream is: a trace
/// goes on into the stream's own level.
impl<S: crate::Trace + ?Sized> crate::Trace for Next<'_, S> {
    fn level(&self) -> crate::Level<'_> {
        self.stream.level()
    }
}
