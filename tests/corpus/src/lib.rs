//! The corpus: real-world shapes of `async fn`s, streams and generators, each written as a
//! user writes it with nothing but `#[stackless::coroutine]` on it.
//!
//! Every file in `src/cases/` exists twice: as `cases::x` (the attribute applied) and as
//! `native::x` (the same text without the attribute lines, written by `build.rs`), and the
//! tests in `src/tests/` run both and compare output, drop log and events, also when dropped
//! after every poll. Generators and async generators (`yield_!` has no native stable form)
//! are in `src/gen/` and are checked against the values and logs written in the tests.
//! Cases that do not compile (or behave differently) are kept in `failing/`, listed in the
//! README.

pub mod support;
pub mod tracing;

macro_rules! corpus {
    ($($(#[$attr:meta])* $name:ident),* $(,)?) => {
        /// The cases, compiled by `#[stackless::coroutine]`.
        // The expansion repeats a generic parameter's bounds (`fn f<R, W>(..) where R: ..`)
        // so clippy sees them in two places: a finding about the macro (see README).
        #[allow(clippy::multiple_bound_locations)]
        pub mod cases {
            $($(#[$attr])* pub mod $name;)*
        }
        /// The same text without the attribute, compiled by rustc.
        pub mod native {
            $(
                $(#[$attr])*
                pub mod $name {
                    include!(concat!(env!("OUT_DIR"), "/native/", stringify!($name), ".rs"));
                }
            )*
        }
    };
}

corpus! {
    async_traits,
    // `Scripted`'s shared script is spelled out as services spell it.
    #[allow(clippy::type_complexity)]
    client,
    control,
    fanout,
    frames,
    // `first_field<'a, 'b>` names both lifetimes on purpose (the shape under test).
    #[allow(clippy::needless_lifetimes)]
    parsers,
    server,
    services,
    shared,
    traced,
    traits,
}

/// Generators and async generators (no native twin).
pub mod gen {
    pub mod generators;
    // Bounds repeated by the expansion (see `cases`).
    #[allow(clippy::multiple_bound_locations)]
    pub mod streams;
}

#[cfg(test)]
mod harness;
#[cfg(test)]
mod tests;
