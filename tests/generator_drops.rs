//! Drop order: on completion, on early return, on cancellation after every number of
//! resumes, and when the body panics.

mod common;
use common::{cancel_after, log, run, take_log, D};
use stackless::yield_;

#[stackless::coroutine]
fn three_guards() -> impl Iterator<Item = u32> {
    let _a = D("a");
    yield_!(1);
    let _b = D("b");
    yield_!(2);
    {
        let _c = D("c");
        yield_!(3);
    }
    yield_!(4);
}

#[test]
fn completion_drops_in_reverse_declaration_order() {
    let (v, l) = run(three_guards());
    assert_eq!(v, [1, 2, 3, 4]);
    assert_eq!(l, ["drop c", "drop b", "drop a"]);
}

#[test]
fn cancellation_after_every_resume() {
    // The log holds the drops made while running, then those made by dropping the machine.
    let expected: [&[&str]; 6] = [
        &[],                             // never started: nothing was created
        &["drop a"],                     // suspended at 1
        &["drop b", "drop a"],           // at 2
        &["drop c", "drop b", "drop a"], // at 3
        &["drop c", "drop b", "drop a"], // at 4 (c dropped when its block ended)
        &["drop c", "drop b", "drop a"], // completed
    ];
    for (k, exp) in expected.iter().enumerate() {
        let (v, l) = cancel_after(three_guards(), k);
        assert_eq!(v.len(), k.min(4), "k = {k}");
        assert_eq!(l, *exp, "cancelled after {k} resumes");
    }
}

#[stackless::coroutine]
fn moved_values(items: Vec<&'static str>) -> impl Iterator<Item = &'static str> {
    let held = D("held");
    for name in items {
        let d = D(name);
        yield_!(d.0);
        drop(d);
        log(format!("after {name}"));
    }
    yield_!(held.0);
}

#[test]
fn each_local_dropped_exactly_once() {
    let (v, l) = run(moved_values(vec!["x", "y"]));
    assert_eq!(v, ["x", "y", "held"]);
    assert_eq!(l, ["drop x", "after x", "drop y", "after y", "drop held"]);
    for k in 0..=4 {
        let (_, l) = cancel_after(moved_values(vec!["x", "y"]), k);
        let drops = l.iter().filter(|e| e.starts_with("drop")).count();
        let created = match k {
            0 => 0,
            1 => 2,
            2 => 3,
            _ => 3,
        };
        assert_eq!(drops, created, "k = {k}: {l:?}");
    }
}

#[stackless::coroutine]
fn dead_value_kept_past_yield() -> impl Iterator<Item = u32> {
    let used = D("used-before");
    let n = used.0.len() as u32;
    log("before yield");
    yield_!(n);
    log("after yield");
}

#[test]
fn value_dead_at_a_yield_lives_to_its_scope_end() {
    // `used` is mentioned before the yield and never after: still dropped at the end of its
    // scope, as rustc does (it was dropped at the yield before).
    let (v, l) = run(dead_value_kept_past_yield());
    assert_eq!(v, [11]);
    assert_eq!(l, ["before yield", "after yield", "drop used-before"]);
}

#[stackless::coroutine]
fn unmentioned_guard_kept() -> impl Iterator<Item = u32> {
    let _guard = D("guard");
    yield_!(1);
    log("after 1");
    yield_!(2);
    log("end");
}

#[test]
fn unmentioned_guard_keeps_scope_end_drop() {
    let (v, l) = run(unmentioned_guard_kept());
    assert_eq!(v, [1, 2]);
    assert_eq!(l, ["after 1", "end", "drop guard"]);
}

#[stackless::coroutine]
fn early_return_drops(stop: bool) -> impl Iterator<Item = u32> {
    let _outer = D("outer");
    {
        let _inner = D("inner");
        yield_!(1);
        if stop {
            return;
        }
    }
    yield_!(2);
}

#[test]
fn early_return_drops_live_locals() {
    let (v, l) = run(early_return_drops(true));
    assert_eq!(v, [1]);
    assert_eq!(l, ["drop inner", "drop outer"]);
    let (v, l) = run(early_return_drops(false));
    assert_eq!(v, [1, 2]);
    assert_eq!(l, ["drop inner", "drop outer"]);
}

#[stackless::coroutine]
fn panics_midway() -> impl Iterator<Item = u32> {
    let _a = D("a");
    yield_!(1);
    let _b = D("b");
    if _b.0 == "b" {
        panic!("boom");
    }
    yield_!(2);
}

#[test]
fn panic_in_body_drops_each_live_local_once() {
    take_log();
    let mut g = panics_midway();
    assert_eq!(g.next(), Some(1));
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| g.next()));
    assert!(r.is_err());
    assert_eq!(take_log(), ["drop b", "drop a"]);
    // Resuming after the panic panics with its own message; dropping it drops nothing more.
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| g.next()));
    let msg = *r.unwrap_err().downcast::<&str>().unwrap();
    assert_eq!(msg, "coroutine `panics_midway` resumed after panicking");
    drop(g);
    assert_eq!(take_log(), Vec::<String>::new());
}

#[stackless::coroutine]
fn loop_locals(n: u32) -> impl Iterator<Item = u32> {
    let _outer = D("outer");
    for i in 0..n {
        let _it = D(["i0", "i1", "i2"][i as usize]);
        yield_!(i);
    }
    log("loop done");
}

#[test]
fn loop_iteration_locals_drop_each_iteration() {
    let (v, l) = run(loop_locals(3));
    assert_eq!(v, [0, 1, 2]);
    assert_eq!(
        l,
        ["drop i0", "drop i1", "drop i2", "loop done", "drop outer"]
    );
    let (_, l) = cancel_after(loop_locals(3), 2);
    assert_eq!(l, ["drop i0", "drop i1", "drop outer"]);
}

#[stackless::coroutine]
fn arguments_dropped(a: D, b: D) -> impl Iterator<Item = u32> {
    yield_!(1);
    log("body end");
    let _ = (&a, &b);
}

#[test]
fn arguments_drop_after_locals_in_reverse_order() {
    take_log();
    let g = arguments_dropped(D("a"), D("b"));
    assert_eq!(take_log(), Vec::<String>::new());
    let (v, l) = run(g);
    assert_eq!(v, [1]);
    assert_eq!(l, ["body end", "drop b", "drop a"]);
    // Never started: the arguments are dropped with the machine in order, as rustc drops an
    // unpolled `async fn`'s arguments.
    take_log();
    drop(arguments_dropped(D("a"), D("b")));
    assert_eq!(take_log(), ["drop a", "drop b"]);
}

#[stackless::coroutine]
fn temporaries(n: usize) -> impl Iterator<Item = usize> {
    // `vec![..].len()` is evaluated before the yield (left to right) into a hidden temporary;
    // the vector itself is dead after `.len()` and is dropped at the yield.
    let total = vec![D("t1"), D("t2")].len() + yield_!(n).then_some(0).unwrap_or(n);
    log("resumed");
    yield_!(total);
}

trait ThenSome {
    fn then_some(self, v: usize) -> Option<usize>;
}
impl ThenSome for () {
    fn then_some(self, _: usize) -> Option<usize> {
        None
    }
}

#[test]
fn statement_temporaries_are_evaluated_before_the_yield() {
    let (v, l) = run(temporaries(5));
    assert_eq!(v, [5, 7]);
    assert_eq!(l, ["drop t1", "drop t2", "resumed"]);
}
