//! # stackless
//!
//! Coroutines — generators, general coroutines with resume arguments, `async fn`s and async
//! generators — compiled by a proc macro into explicit enum state machines, on stable Rust,
//! with no allocation and exactly the locals each suspension point needs.
//!
//! ```
//! use stackless::yield_;
//!
//! #[stackless::coroutine]
//! fn count_up(limit: u64) -> impl Iterator<Item = u64> {
//!     let mut i = 0;
//!     while i < limit {
//!         yield_!(i);
//!         i += 1;
//!     }
//! }
//!
//! assert_eq!(count_up(4).collect::<Vec<_>>(), [0, 1, 2, 3]);
//! // The machine holds `i` and `limit`, plus the state tag.
//! assert_eq!(core::mem::size_of_val(&count_up(4)), 24);
//! ```
//!
//! See [`coroutine`] for the rules: what a function may return, what each suspension point
//! carries, and where the semantics differ from rustc's own coroutines.
#![no_std]
#![warn(missing_docs)]

#[cfg(feature = "std")]
extern crate std;

/// The trait (from `futures-core`) of a stream that says when it is over
/// ([`is_terminated`](FusedStream::is_terminated)); async generators implement it.
#[doc(no_inline)]
pub use stackless_runtime::FusedStream;
/// The async iterator trait (from `futures-core`) that async generators implement.
#[doc(no_inline)]
pub use stackless_runtime::Stream;
#[doc(inline)]
pub use stackless_runtime::{from_coroutine, Coroutine, CoroutineState, FromCoroutine};
#[doc(inline)]
pub use stackless_runtime::{next, take_next, Next, TakeNext};
/// Backtraces of suspended machines: [`trace`] reads where a machine is parked, down
/// through the machines it awaits, without resuming it.
#[doc(inline)]
pub use stackless_runtime::{trace, Awaited, Backtrace, Level, Levels, Location, Status, Trace};

#[cfg(feature = "std")]
#[doc(inline)]
pub use stackless_runtime::rt;

#[doc = include_str!("coroutine.md")]
pub use stackless_macros::coroutine;

#[doc = include_str!("blocks.md")]
pub use stackless_macros::iter;

/// An async generator block: `stream! { .. }` is a `Stream` whose body may `.await` and
/// `yield_!`, as a `fn` returning `impl Stream<Item = Y>` under `#[stackless::coroutine]`.
/// A `?` yields its residual as the last item. See [`iter!`] for captures and types.
///
/// ```
/// use stackless::{stream, yield_, Stream};
///
/// fn evens(n: u32) -> impl Stream<Item = u32> {
///     stream! {
///         for i in 0..n {
///             stackless::rt::yield_now().await;
///             if i % 2 == 0 { yield_!(i); }
///         }
///     }
/// }
/// let items: Vec<u32> = stackless::rt::block_on(async {
///     let mut s = core::pin::pin!(evens(6));
///     let mut out = Vec::new();
///     while let Some(x) = stackless::next(&mut s).await { out.push(x); }
///     out
/// });
/// assert_eq!(items, [0, 2, 4]);
/// ```
pub use stackless_macros::stream;

/// A fallible async generator block: `try_stream! { .. }` is a `Stream` of `Result<T, E>`;
/// `yield_!(v)` yields `Ok(v)`, and a `?` on an error yields `Err(e.into())` as the last
/// item. See [`iter!`] for captures and types.
///
/// ```
/// use stackless::{try_stream, yield_, Stream};
///
/// fn parse_all(words: Vec<&'static str>) -> impl Stream<Item = Result<u32, std::num::ParseIntError>> {
///     try_stream! {
///         for w in words {
///             yield_!(w.parse::<u32>()?);
///         }
///     }
/// }
/// let items: Vec<_> = stackless::rt::block_on(async {
///     let mut s = core::pin::pin!(parse_all(vec!["1", "2", "x", "4"]));
///     let mut out = Vec::new();
///     while let Some(x) = stackless::next(&mut s).await { out.push(x.map_err(|_| ())); }
///     out
/// });
/// assert_eq!(items, [Ok(1), Ok(2), Err(())]);
/// ```
pub use stackless_macros::try_stream;

/// A coroutine block: `co!(|first: R| { .. })` is a [`Coroutine<R>`](Coroutine) whose first
/// `resume(first)` starts the body with `first` bound by the parameter, and whose later
/// `resume(arg)`s are the values of its `yield_!`s; its value is the coroutine's return
/// value. `co! { .. }` (or `co!(|| ..)`) discards the first argument, as a `fn` form does.
/// See [`iter!`] for captures and types.
///
/// ```
/// use std::pin::pin;
/// use stackless::{co, yield_, Coroutine, CoroutineState};
///
/// let mut total = pin!(co!(|first: i64| {
///     let mut sum = first;
///     loop {
///         let x = yield_!(sum);
///         if x == 0 { break; }
///         sum += x;
///     }
///     format!("total={sum}")
/// }));
/// assert_eq!(total.as_mut().resume(5), CoroutineState::Yielded(5));
/// assert_eq!(total.as_mut().resume(2), CoroutineState::Yielded(7));
/// assert_eq!(total.as_mut().resume(0), CoroutineState::Complete("total=7".to_string()));
/// ```
pub use stackless_macros::co;

/// Suspends the coroutine, yielding a value: `yield_!(v)`; `yield_!()` yields `()`.
///
/// The expression evaluates to the argument of the `resume` that continues the coroutine
/// (`()` for generators and streams). It can appear in any expression position:
/// `let x = yield_!(a) * 10 + yield_!(b);` evaluates left to right, as Rust does.
///
/// Outside the body of a `#[stackless::coroutine]` function it is a compile error: the
/// attribute rewrites every `yield_!` of its body, so one that reaches here belongs to no
/// coroutine.
///
/// ```compile_fail
/// fn not_a_coroutine() {
///     stackless::yield_!(1);
/// }
/// ```
#[macro_export]
macro_rules! yield_ {
    // Emitted once by each expansion with the user's own path, so an imported `yield_` counts
    // as used; expands to nothing.
    (@__stackless_used) => {};
    ($($tt:tt)*) => {
        $crate::__private::core::compile_error!(
            "`yield_!` can only be used in the body of a `#[stackless::coroutine]` function \
             (and not inside a closure or `async` block there); the attribute finds it by its \
             name, so call it `yield_!` (or `stackless::yield_!`), not by an alias from \
             `use stackless::yield_ as ..`"
        )
    };
}

/// Everything expansions of `#[stackless::coroutine]` name. Not a public API.
#[doc(hidden)]
pub mod __private {
    pub use stackless_runtime::__private::*;
}

/// The README's examples, run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
