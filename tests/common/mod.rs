//! Helpers shared by the run-pass tests.
#![allow(dead_code)]

use std::cell::RefCell;

thread_local! {
    static LOG: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// A value that records its drop in this thread's log.
#[derive(Debug, PartialEq, Eq)]
pub struct D(pub &'static str);

impl Drop for D {
    fn drop(&mut self) {
        LOG.with(|l| l.borrow_mut().push(format!("drop {}", self.0)));
    }
}

/// Records an event in this thread's log.
pub fn log(event: impl Into<String>) {
    LOG.with(|l| l.borrow_mut().push(event.into()));
}

/// Takes (and clears) this thread's log.
pub fn take_log() -> Vec<String> {
    LOG.with(|l| std::mem::take(&mut *l.borrow_mut()))
}

/// Collects a generator's items, then the log.
pub fn run<I: Iterator>(it: I) -> (Vec<I::Item>, Vec<String>) {
    take_log();
    let v = it.collect();
    (v, take_log())
}

/// Drives a generator `k` times, drops it, and returns what it yielded plus the log.
pub fn cancel_after<I: Iterator>(mut it: I, k: usize) -> (Vec<I::Item>, Vec<String>) {
    take_log();
    let mut v = Vec::new();
    for _ in 0..k {
        match it.next() {
            Some(x) => v.push(x),
            None => break,
        }
    }
    drop(it);
    (v, take_log())
}
