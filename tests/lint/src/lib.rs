//! Expansions of `#[stackless::coroutine]` must compile without a single warning under
//! `#![deny(warnings)]` and `#![deny(clippy::all)]`, with `#![forbid(unsafe_code)]` (set in
//! Cargo.toml), and must name only absolute paths: each module below shadows `core` or
//! `stackless` with something else.
#![deny(warnings, clippy::all, rust_2018_idioms)]
#![no_std]

extern crate alloc;

/// Generators over every construct the lowering handles.
pub mod generators {
    use alloc::string::String;
    use alloc::vec::Vec;
    use stackless::{yield_, Coroutine};

    /// Shadows `::core` for relative paths.
    #[allow(dead_code)]
    mod core {}

    /// Counts up to `limit`.
    #[stackless::coroutine]
    pub fn count_up(limit: u64) -> impl Iterator<Item = u64> {
        let mut i = 0;
        while i < limit {
            yield_!(i);
            i += 1;
        }
    }

    /// Every control-flow construct with a suspension point inside.
    #[stackless::coroutine]
    pub fn everything(items: Vec<Option<u32>>, stop: u32) -> impl Iterator<Item = u32> {
        let _guard = String::from("guard");
        let mut seen = 0;
        'outer: for item in items {
            let Some(x) = item else {
                yield_!(0);
                continue;
            };
            match x {
                0 => continue 'outer,
                n if n == stop => break 'outer,
                n => {
                    let doubled = loop {
                        yield_!(n);
                        break n * 2;
                    };
                    if let Some(y) = doubled.checked_sub(1) {
                        yield_!(y);
                    }
                }
            }
            while seen < 2 {
                seen += 1;
                yield_!(seen);
            }
        }
        yield_!(seen);
    }

    /// A coroutine with `?`, early return and a resume argument.
    #[stackless::coroutine]
    pub fn parse_all(
    ) -> impl Coroutine<&'static str, Yield = usize, Return = Result<u32, ::core::num::ParseIntError>>
    {
        let mut sum = 0;
        loop {
            let s = yield_!(0);
            if s.is_empty() {
                return Ok(sum);
            }
            sum += s.parse::<u32>()?;
        }
    }

    /// Methods with receivers.
    pub struct Bag {
        /// The items.
        pub items: Vec<u8>,
    }

    impl Bag {
        /// Iterates by reference.
        #[stackless::coroutine]
        pub fn iter(&self) -> impl Iterator<Item = u8> + '_ {
            for &x in &self.items {
                yield_!(x);
            }
        }

        /// Drains.
        #[stackless::coroutine]
        pub fn drain(&mut self) -> impl Iterator<Item = u8> + '_ {
            while let Some(x) = self.items.pop() {
                yield_!(x);
            }
        }
    }
}

/// The same with `core` an alias of another crate.
pub mod renamed_core {
    #[allow(unused_extern_crates)]
    extern crate stackless as core;
    use stackless::yield_;

    /// Yields twice.
    #[stackless::coroutine]
    pub fn twice(x: u8) -> impl Iterator<Item = u8> {
        yield_!(x);
        yield_!(x);
    }
}

/// With a local module called `stackless`.
pub mod shadowed_stackless {
    #[allow(dead_code)]
    mod stackless {}

    /// Yields once.
    #[::stackless::coroutine]
    pub fn once() -> impl Iterator<Item = u8> {
        ::stackless::yield_!(1);
    }
}
