//! Runtime support for [`stackless`](https://docs.rs/stackless): the [`Coroutine`] trait,
//! the machine types that `#[stackless::coroutine]` instantiates, and (with the `std`
//! feature) a small executor in [`rt`].
//!
//! Users depend on the `stackless` facade crate, not on this one.
#![no_std]
#![warn(missing_docs)]

#[cfg(feature = "alloc")]
extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

mod alt;
mod coroutine;
mod frame;
mod framed;
mod keep;
mod machine;
mod parked;
/// The runtime: `block_on`, `spawn`, timers, a blocking pool and work-stealing workers.
#[cfg(feature = "std")]
pub mod rt;
mod stream;
mod trace;
mod try_trait;

pub use coroutine::{from_coroutine, Coroutine, CoroutineState, FromCoroutine};
#[cfg(feature = "alloc")]
pub use framed::BoxedGenerator;
pub use framed::{FramedAsyncFn, FramedAsyncGen, FramedGenerator};
/// The trait of a [`Stream`] that says when it is over; async generators implement it.
pub use futures_core::stream::FusedStream;
/// The async iterator trait that `-> impl Stream<Item = Y>` coroutines implement.
pub use futures_core::Stream;
pub use machine::{AsyncFn, AsyncGen, Generator, Step};
pub use parked::{ParkedAsyncFn, ParkedAsyncGen, ParkedGenerator};
pub use stream::{next, take_next, Next, TakeNext};
pub use trace::{trace, Awaited, Backtrace, Level, Levels, Location, Status, Trace};

/// Items that expansions of `#[stackless::coroutine]` name. Not a public API.
#[doc(hidden)]
pub mod __private {
    pub use crate::alt::{
        alt_first, alt_fn0, alt_fn1, alt_fn2, alt_fn3, alt_fn4, alt_fn_mut0, alt_fn_mut1,
        alt_fn_mut2, alt_fn_mut3, alt_fn_mut4, alt_second, closure0, closure1, closure2, closure3,
        closure4, closure_mut0, closure_mut1, closure_mut2, closure_mut3, closure_mut4,
        closure_once0, closure_once1, closure_once2, closure_once3, closure_once4, fn_mut_sig0,
        fn_mut_sig1, fn_mut_sig2, fn_mut_sig3, fn_mut_sig4, fn_sig0, fn_sig1, fn_sig2, fn_sig3,
        fn_sig4, Alt,
    };
    pub use crate::frame::{
        pin_slot, Both, CaptureCopy, CaptureMove, Captured, DropInPlace, Either, Fixed, Frame,
        Head, Head0, Head1, Head2, Head3, Head4, Head5, Head6, Head7, Head8, Leaf, Movable, Opt,
        Owned, Pinned, PinnedOpt, Place, ReadCopy, ReadMove, Slot, State,
    };
    pub use crate::framed::{boxed, framed_future, framed_generator, framed_stream};
    pub use crate::keep::{
        anchor_rest, forget_part, forget_taken, moved_in_part, needs_drop_of, same_closure,
        typed_like, typed_rest, ChooseDropLater, ChooseNoDrop, DropLater, Hold, HoldAny, HoldCopy,
        HoldRef, HoldRefAny, HoldRefCopy, KeepAny, KeepCopy, KeepProbe, Kept, KeptWhole, NoDrop,
        NoDropOf, NoKeep, NoRest, Part, PartAny, PartCopy, PartKind, PartProbe, PartWasCopied,
        PartWasMoved, Rest, RestOr, Revive,
    };
    pub use crate::machine::{
        anchored, cold_path, discard, expect, future, generator, never, resident_generator,
        resident_stream, state_addr, stream, tie, Broken, Captures, Flow, Step, Terminated,
        Unpinned, Witness,
    };
    pub use crate::parked::{parked_future, parked_generator, parked_stream, FutCell, Taken};
    pub use crate::trace::{
        in_cell, probe, InCell, Level, Opaque, Points, ProbeOpaque, ProbeTraced, StateTrace, Trace,
        TraceKind, Traced, VarsTrace,
    };
    pub use crate::try_trait::{FromResidual, Try};
    /// `core`, named through this crate: expansions write `::stackless::__private::core::…`,
    /// which a crate that renames another crate to `core` (`extern crate x as core;` at its
    /// root) does not shadow.
    pub use ::core;
    pub use ::pin_project_lite::pin_project;
}
