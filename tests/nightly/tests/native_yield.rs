//! On nightly with `#![feature(coroutines)]`, the body may use the native `yield v` syntax;
//! it lowers exactly like `yield_!(v)`. The same bodies run as rustc's own coroutines give
//! the same results.
#![feature(coroutines, coroutine_trait, stmt_expr_attributes)]

use stackless::{Coroutine, CoroutineState};
use std::ops::{Coroutine as _, CoroutineState as Native};
use std::pin::pin;

#[stackless::coroutine]
fn count_up(limit: u64) -> impl Iterator<Item = u64> {
    let mut i = 0;
    while i < limit {
        yield i;
        i += 1;
    }
}

#[test]
fn native_yield_in_a_generator() {
    assert_eq!(count_up(4).collect::<Vec<_>>(), [0, 1, 2, 3]);
}

#[stackless::coroutine]
fn totals() -> impl Coroutine<i64, Yield = i64, Return = i64> {
    let mut total = 0;
    loop {
        let x = yield total;
        if x == 0 {
            return total;
        }
        total += x;
    }
}

/// Drives a coroutine with the given resume arguments; the return value is pushed negated.
fn drive<C, Y, R>(
    mut co: std::pin::Pin<&mut C>,
    args: &[i64],
    resume: impl Fn(std::pin::Pin<&mut C>, i64) -> Result<Y, R>,
) -> Vec<i64>
where
    Y: Into<i64>,
    R: Into<i64>,
{
    let mut out = vec![];
    let mut arg = 0;
    for &next in args {
        match resume(co.as_mut(), arg) {
            Ok(y) => out.push(y.into()),
            Err(r) => {
                out.push(-r.into());
                break;
            }
        }
        arg = next;
    }
    out
}

#[test]
fn native_yield_with_resume_arguments_matches_rustc() {
    let args = [3, 4, 0, 0];
    let ours = drive(pin!(totals()), &args, |co, a| match co.resume(a) {
        CoroutineState::Yielded(y) => Ok(y),
        CoroutineState::Complete(r) => Err(r),
    });
    let native = drive(
        pin!(
            #[coroutine]
            |_first: i64| {
                let mut total = 0;
                loop {
                    let x = yield total;
                    if x == 0 {
                        return total;
                    }
                    total += x;
                }
            }
        ),
        &args,
        |co, a| match co.resume(a) {
            Native::Yielded(y) => Ok(y),
            Native::Complete(r) => Err(r),
        },
    );
    assert_eq!(ours, native);
    assert_eq!(ours, [0, 3, 7, -7]);
}

#[stackless::coroutine]
fn mixed() -> impl Iterator<Item = u8> {
    yield 1;
    stackless::yield_!(2);
    yield 3;
}

#[test]
fn native_and_macro_yields_mix() {
    assert_eq!(mixed().collect::<Vec<_>>(), [1, 2, 3]);
}

#[stackless::coroutine]
fn unit_yields() -> impl Iterator<Item = ()> {
    yield;
    yield ();
}

#[test]
fn bare_yield_yields_unit() {
    assert_eq!(unit_yields().count(), 2);
}
