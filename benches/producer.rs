//! The generator every resume benchmark uses, and the iterator a careful programmer would
//! write by hand for the same job. Shared by `benches/generators.rs` and the nightly
//! `tests/nightly/benches/gen_blocks.rs`.

use stackless::yield_;

/// The producer every contender implements: a counter and a `String` kept across yields,
/// and a data-dependent branch.
#[stackless::coroutine]
pub fn producer(n: u64) -> impl Iterator<Item = u64> {
    let mut s = String::from("state");
    let mut i = 0;
    while i < n {
        if i % 3 == 0 {
            yield_!(i + s.len() as u64);
        } else {
            yield_!(i * 2);
        }
        if i % 1000 == 999 {
            s.push('x');
        }
        i += 1;
    }
}

/// The same producer written with a `for` loop (its iterator and variable kept in place too).
// Not every includer measures it (the nightly bench does not).
#[allow(dead_code)]
#[stackless::coroutine]
pub fn producer_for(n: u64) -> impl Iterator<Item = u64> {
    let mut s = String::from("state");
    for i in 0..n {
        if i % 3 == 0 {
            yield_!(i + s.len() as u64);
        } else {
            yield_!(i * 2);
        }
        if i % 1000 == 999 {
            s.push('x');
        }
    }
}

/// What a careful programmer writes by hand.
pub struct HandProducer {
    s: String,
    i: u64,
    n: u64,
}

impl Iterator for HandProducer {
    type Item = u64;
    #[inline]
    fn next(&mut self) -> Option<u64> {
        if self.i >= self.n {
            return None;
        }
        let i = self.i;
        let v = if i % 3 == 0 {
            i + self.s.len() as u64
        } else {
            i * 2
        };
        if i % 1000 == 999 {
            self.s.push('x');
        }
        self.i += 1;
        Some(v)
    }
}

pub fn hand(n: u64) -> HandProducer {
    HandProducer {
        s: String::from("state"),
        i: 0,
        n,
    }
}
