//! `Send`, `Sync` and `Unpin` of a machine follow the locals live across its suspension
//! points, not every local of the body. (The `!Send` direction is checked by trybuild in
//! `tests/ui`.)

use stackless::yield_;
use std::rc::Rc;

fn assert_send<T: Send>(_: &T) {}
fn assert_sync<T: Sync>(_: &T) {}
fn assert_unpin<T: Unpin>(_: &T) {}

#[stackless::coroutine]
fn rc_dead_before_yield() -> impl Iterator<Item = usize> + Send + Sync {
    let rc = Rc::new(5);
    let n = *rc + Rc::strong_count(&rc);
    yield_!(n);
    yield_!(n + 1);
}

#[test]
fn rc_that_dies_before_a_yield_leaves_the_generator_send() {
    let g = rc_dead_before_yield();
    assert_send(&g);
    assert_sync(&g);
    assert_unpin(&g);
    assert_eq!(g.collect::<Vec<_>>(), [6, 7]);
}

#[stackless::coroutine]
fn cell_in_a_branch() -> impl Iterator<Item = i32> + Send {
    let c = std::cell::Cell::new(1);
    c.set(c.get() + 1);
    let v = c.get();
    yield_!(v);
}

#[test]
fn cell_dead_before_the_yield_is_not_carried() {
    let g = cell_in_a_branch();
    assert_send(&g);
    assert_eq!(g.collect::<Vec<_>>(), [2]);
}

#[stackless::coroutine]
fn pinned_local_is_fine() -> impl Iterator<Item = u8> {
    // A `!Unpin` value carried by value across a yield: generators never pin their locals,
    // so the machine stays `Unpin` (it moves the value between variants).
    let p = (std::marker::PhantomPinned, 3u8);
    yield_!(p.1);
    yield_!(p.1);
}

#[test]
fn generators_are_unpin() {
    let g = pinned_local_is_fine();
    assert_unpin(&g);
    assert_eq!(g.collect::<Vec<_>>(), [3, 3]);
}

#[stackless::coroutine]
fn send_across_threads(n: u32) -> impl Iterator<Item = String> + Send {
    let prefix = String::from("item");
    for i in 0..n {
        yield_!(format!("{prefix}-{i}"));
    }
}

#[test]
fn a_send_generator_runs_on_another_thread() {
    let g = send_across_threads(3);
    let v = std::thread::spawn(move || g.collect::<Vec<_>>())
        .join()
        .unwrap();
    assert_eq!(v, ["item-0", "item-1", "item-2"]);
}
