//! Closures and `async` blocks that capture the coroutine's locals by reference and are kept
//! across suspension points, as native coroutines allow: the captured locals live in pinned
//! slots, and the closure (made `move` over handles to the slots) borrows nothing of the step.

use stackless::{rt, yield_};

#[stackless::coroutine]
fn with_closure() -> impl Iterator<Item = u32> {
    let base = vec![10, 20];
    let add = |x: u32| x + base[0] + base[1];
    for i in 0..3 {
        yield_!(add(i));
    }
}

/// A closure reading a local, called after each yield.
#[test]
fn a_closure_capturing_a_local_by_reference() {
    assert_eq!(with_closure().collect::<Vec<_>>(), [30, 31, 32]);
}

#[allow(clippy::drop_non_drop)] // ending the closure's borrow is the point
#[stackless::coroutine]
fn with_fn_mut() -> impl Iterator<Item = usize> {
    let mut log: Vec<u32> = Vec::new();
    let mut record = |x: u32| {
        log.push(x);
        log.len()
    };
    for i in 0..3 {
        yield_!(record(i));
    }
    drop(record);
    yield_!(log.iter().sum::<u32>() as usize);
}

/// A closure mutating a local through its capture, kept across yields; the local is read
/// after the closure is dropped.
#[test]
fn an_fn_mut_closure_capturing_a_local_mutably() {
    assert_eq!(with_fn_mut().collect::<Vec<_>>(), [1, 2, 3, 3]);
}

#[stackless::coroutine]
fn formats_in_closure() -> impl Iterator<Item = String> {
    let name = String::from("v");
    let show = |x: u32| format!("{name}={x}");
    for i in 0..2 {
        yield_!(show(i));
    }
}

/// A closure formatting a captured local inline (`{name}`).
#[test]
fn a_closure_with_an_inline_format_capture() {
    assert_eq!(formats_in_closure().collect::<Vec<_>>(), ["v=0", "v=1"]);
}

#[stackless::coroutine]
async fn lazy_len() -> usize {
    let v = vec![1, 2, 3];
    let fut = async { v.len() };
    rt::yield_now().await;
    fut.await + v.len()
}

/// A non-`move` `async` block reading a local, awaited after another await.
#[test]
fn an_async_block_capturing_a_local_by_reference() {
    assert_eq!(rt::block_on(lazy_len()), 6);
}

#[stackless::coroutine]
async fn two_lazy_sums(a: Vec<u32>, b: Vec<u32>) -> u32 {
    let x = async { a.iter().sum::<u32>() };
    let y = async {
        rt::yield_now().await;
        b.iter().sum::<u32>()
    };
    rt::yield_now().await;
    let (x, y) = (x.await, y.await);
    x + y + a.len() as u32 + b.len() as u32
}

fn assert_send<T: Send>(t: T) -> T {
    t
}

/// Two `async` blocks borrowing parameters, kept across an await; the future stays `Send`.
#[test]
fn async_blocks_borrowing_parameters_keep_the_future_send() {
    let f = assert_send(two_lazy_sums(vec![1, 2], vec![3]));
    assert_eq!(rt::block_on(f), 6 + 3);
}

#[stackless::coroutine]
async fn nested_closures(n: u32) -> u32 {
    let mut v = vec![1u32, 2];
    let mut outer = || {
        let mut inner = || v.push(n);
        inner();
        v.len() as u32
    };
    let k = outer();
    rt::yield_now().await;
    k + v.len() as u32
}

#[stackless::coroutine]
fn nested_closure_kept(n: u32) -> impl Iterator<Item = u32> {
    let v = vec![1u32, 2];
    let outer = || {
        let inner = || v.len() as u32 + n;
        inner()
    };
    yield_!(outer());
    yield_!(outer() + v.len() as u32);
}

/// A closure in a closure, both borrowing a local the machine keeps in place: the inner one
/// takes the outer one's handle (was "no method `__handle` on `Handle<T>`").
#[test]
fn closures_nested_in_kept_closures() {
    assert_eq!(rt::block_on(nested_closures(3)), 6);
    assert_eq!(nested_closure_kept(3).collect::<Vec<_>>(), [5, 7]);
}
