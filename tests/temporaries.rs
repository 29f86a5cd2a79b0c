//! Temporaries of a `for` loop's iterable and of a `match`'s scrutinee live to the end of the
//! loop or the `match`, across the suspension points in it, as rustc keeps them (a `for` is a
//! `match` on its iterator): an iterator over a temporary compiles, and the temporary is
//! dropped where a native coroutine drops it.

#![allow(clippy::single_match)] // a `match` and its scrutinee are the point

#[macro_use]
mod common;

use common::{cancels_like_native, delay, log, take_log, D};
use stackless::yield_;

struct Bag(&'static str, Vec<u32>);

impl Drop for Bag {
    fn drop(&mut self) {
        log(format!("drop {}", self.0));
    }
}

impl Bag {
    fn items(&self) -> std::slice::Iter<'_, u32> {
        self.1.iter()
    }
}

fn bag(name: &'static str) -> Bag {
    Bag(name, vec![1, 2])
}

fn text() -> String {
    "a bb ccc".to_string()
}

#[stackless::coroutine]
fn over_temporaries() -> impl Iterator<Item = u32> {
    for x in bag("for").items() {
        yield_!(*x);
    }
    log("after for");
    for w in text().split(' ') {
        yield_!(w.len() as u32);
    }
    for x in &bag("ref").1 {
        yield_!(*x * 10);
        log("in ref");
    }
    log("after ref");
    match bag("match").1.as_slice() {
        [a, b] => {
            yield_!(*a + 6);
            log("in match");
            yield_!(*b + 6);
        }
        _ => {}
    }
    log("after match");
}

/// `for x in bag().items()`, `text().split(' ')`, `&bag().1`: the iterator borrows a
/// temporary (E0716 before); each temporary is dropped when its loop (or `match`) ends.
#[test]
fn iterators_and_scrutinees_over_temporaries() {
    take_log();
    let ys: Vec<u32> = over_temporaries().collect();
    assert_eq!(ys, [1, 2, 1, 2, 3, 10, 20, 7, 8]);
    assert_eq!(
        take_log(),
        [
            "drop for",
            "after for",
            "in ref",
            "in ref",
            "drop ref",
            "after ref",
            "in match",
            "drop match",
            "after match"
        ]
    );
}

/// Cancelled inside the loop, the temporary is dropped with the machine.
#[test]
fn a_cancelled_loop_drops_its_temporary() {
    take_log();
    let mut it = over_temporaries();
    assert_eq!(it.next(), Some(1));
    assert!(take_log().is_empty());
    drop(it);
    assert_eq!(take_log(), ["drop for"]);
}

fn name_len(d: &D) -> usize {
    d.0.len()
}

both! {
    async fn awaits_over_temporaries / awaits_over_temporaries_native () -> u32 {
        let mut sum = 0;
        for x in bag("for").items() {
            sum += delay(1, *x).await;
        }
        match name_len(&D("scrutinee")) {
            9 => {
                sum += delay(1, 100).await;
                log("in arm");
            }
            _ => {}
        }
        sum
    }
}

/// The same in an `async fn`, against the native one: results and drop logs at every
/// cancellation point.
#[test]
fn async_temporaries_drop_like_native() {
    take_log();
    assert_eq!(common::block_on(awaits_over_temporaries()), 103);
    let ours = take_log();
    assert_eq!(common::block_on(awaits_over_temporaries_native()), 103);
    assert_eq!(ours, take_log());
    cancels_like_native(awaits_over_temporaries, awaits_over_temporaries_native, 8);
}
