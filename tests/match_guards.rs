//! A suspension point in a `match` guard: the arms are tested in order, the guard runs once
//! its pattern matched, with the bindings borrowed, and only a guard that holds binds by value
//! and runs the arm. Each program against the native `async fn` (or, for a generator, the
//! order of events), at every cancellation point.

#[macro_use]
mod common;

use common::{cancels_like_native, delay, log, take_log, D};
use stackless::yield_;

async fn check(n: u32) -> bool {
    log(format!("check {n}"));
    delay(1, n % 2 == 0).await
}

both! { async fn guard_on_a_value / guard_on_a_value_native(x: Option<u32>) -> u32 {
    match x {
        None => 0,
        Some(n) if check(n).await => n * 10,
        Some(n) => n,
    }
}}

both! { async fn guard_on_a_temporary / guard_on_a_temporary_native(k: u32) -> String {
    match Some(D(if k == 0 { "zero" } else { "other" })) {
        Some(d) if check(k).await => format!("even {}", d.0),
        Some(d) => format!("odd {}", d.0),
        None => String::new(),
    }
}}

both! { async fn two_guards / two_guards_native(v: Vec<u32>) -> u32 {
    let mut total = 0;
    for x in v {
        total += match x {
            0 => 100,
            n if check(n).await => n,
            n if check(n + 1).await => n * 1000,
            _ => 1,
        };
    }
    total
}}

both! { async fn guard_borrows_a_local_moved_in_the_arm / guard_borrows_native(s: Option<String>) -> usize {
    match s {
        Some(t) if check(t.len() as u32).await => {
            let owned: String = t;
            owned.len()
        }
        Some(t) => t.len() + 100,
        None => 0,
    }
}}

#[test]
fn guards_that_suspend_run_in_order_as_natively() {
    for x in [None, Some(2), Some(3)] {
        cancels_like_native(|| guard_on_a_value(x), || guard_on_a_value_native(x), 4);
    }
    for k in [0, 1] {
        cancels_like_native(
            || guard_on_a_temporary(k),
            || guard_on_a_temporary_native(k),
            4,
        );
    }
    let v = || vec![0, 2, 3, 5];
    cancels_like_native(|| two_guards(v()), || two_guards_native(v()), 12);
    for s in [None, Some("ab"), Some("abc")] {
        let s = || s.map(String::from);
        cancels_like_native(
            || guard_borrows_a_local_moved_in_the_arm(s()),
            || guard_borrows_native(s()),
            4,
        );
    }
    take_log();
}

#[stackless::coroutine]
fn yield_in_guard(items: Vec<i32>) -> impl stackless::Coroutine<bool, Yield = i32, Return = i32> {
    let mut kept = 0;
    for it in items {
        match it {
            n if n < 0 => log(format!("negative {n}")),
            n if yield_!(n) => kept += n,
            n => log(format!("dropped {n}")),
        }
    }
    kept
}

#[test]
fn a_yield_in_a_guard_takes_the_resume_argument() {
    use stackless::{Coroutine, CoroutineState};
    take_log();
    let mut c = std::pin::pin!(yield_in_guard(vec![1, -2, 3, 4]));
    assert_eq!(c.as_mut().resume(false), CoroutineState::Yielded(1));
    assert_eq!(c.as_mut().resume(true), CoroutineState::Yielded(3));
    assert_eq!(c.as_mut().resume(false), CoroutineState::Yielded(4));
    assert_eq!(c.as_mut().resume(true), CoroutineState::Complete(5));
    assert_eq!(take_log(), ["negative -2", "dropped 3"]);
}

both! { async fn guard_names_a_binding_kept_in_place / guard_names_a_binding_native(pairs: Vec<(u32, u32)>) -> u32 {
    let mut total = 0;
    for pair in pairs {
        match pair {
            (a, b) if a <= b => {
                let r = delay(1, &b).await;
                total += a + *r;
            }
            (a, _) => total += a,
        }
    }
    total
}}

/// A binding borrowed across a point lives in a slot; the guard, which runs before the arm
/// (and so before the slot is filled), names the pattern's binding itself.
#[test]
fn a_guard_names_a_binding_that_is_kept_in_place() {
    let v = || vec![(1, 2), (5, 3), (2, 2)];
    cancels_like_native(
        || guard_names_a_binding_kept_in_place(v()),
        || guard_names_a_binding_native(v()),
        6,
    );
}
