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
