//! The article's `count_up` generator, then a short tour: a coroutine that takes resume
//! arguments and returns a value, and how big each machine is.
//!
//! Run with `cargo run --example count_up`.

use std::mem::size_of_val;
use std::pin::pin;

use stackless::{yield_, Coroutine, CoroutineState};

/// Python's `def count_up(): i = 0; while True: yield i; i += 1`, bounded.
#[stackless::coroutine]
fn count_up(limit: u64) -> impl Iterator<Item = u64> {
    let mut i = 0;
    while i < limit {
        yield_!(i);
        i += 1;
    }
}

/// A general coroutine: each `resume(x)` makes the pending `yield_!` evaluate to `x`.
#[stackless::coroutine]
fn running_total() -> impl Coroutine<i64, Yield = i64, Return = String> {
    let mut total = 0;
    loop {
        let x = yield_!(total);
        if x == 0 {
            break;
        }
        total += x;
    }
    format!("total={total}")
}

fn main() {
    let counter = count_up(5);
    println!(
        "count_up(5) is a {}-byte state machine",
        size_of_val(&counter)
    );
    let values: Vec<u64> = counter.collect();
    println!("yields {values:?}");

    let mut co = pin!(running_total());
    println!(
        "running_total() is a {}-byte state machine",
        size_of_val(&*co)
    );
    // The first resume starts the body; its argument is dropped.
    let mut state = co.as_mut().resume(0);
    for x in [5, 7, -2, 0] {
        match state {
            CoroutineState::Yielded(total) => println!("  total so far {total}, sending {x}"),
            CoroutineState::Complete(_) => unreachable!(),
        }
        state = co.as_mut().resume(x);
    }
    match state {
        CoroutineState::Complete(s) => println!("  returned {s:?}"),
        CoroutineState::Yielded(_) => unreachable!(),
    }
}
