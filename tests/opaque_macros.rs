//! Macros the coroutine cannot read, naming locals it keeps in its frame: a mention is
//! reached as a place, and one right after a `?` or `%` field sigil (tracing's
//! `debug!(?response, %id)`) stays the name, bound to a reference to the local, since the
//! macro matches an identifier there; so does, in a `tracing`-named macro (`info!`, `event!`,
//! …), a local named alone as an argument (`info!(total, "done")`), and a name before `=`
//! (`info!(total = n)`) is a field's name, left alone.

use std::fmt::Write as _;

thread_local! {
    static OUT: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// In the shape of `tracing`'s field syntax: `?x` is `x`'s `Debug`, `%x` its `Display`,
/// `name = expr` an expression.
macro_rules! event {
    ($($t:tt)*) => { event_fields!(@ $($t)*) };
}

macro_rules! event_fields {
    (@) => {};
    (@ ? $x:ident $(, $($rest:tt)*)?) => {
        OUT.with(|o| write!(o.borrow_mut(), "{}={:?};", stringify!($x), $x).unwrap());
        event_fields!(@ $($($rest)*)?);
    };
    (@ % $x:ident $(, $($rest:tt)*)?) => {
        OUT.with(|o| write!(o.borrow_mut(), "{}={};", stringify!($x), $x).unwrap());
        event_fields!(@ $($($rest)*)?);
    };
    (@ $k:ident $(, $($rest:tt)*)?) => {
        OUT.with(|o| write!(o.borrow_mut(), "{}={:?};", stringify!($k), $k).unwrap());
        event_fields!(@ $($($rest)*)?);
    };
    (@ $k:ident = $e:expr $(, $($rest:tt)*)?) => {
        OUT.with(|o| write!(o.borrow_mut(), "{}={:?};", stringify!($k), $e).unwrap());
        event_fields!(@ $($($rest)*)?);
    };
}

async fn fill(buf: &mut Vec<u8>) -> usize {
    buf.push(7);
    buf.len()
}

#[stackless::coroutine]
async fn handler(id: u32) -> usize {
    let mut response = Vec::new();
    // `response` is borrowed by a future kept across a suspension point: it lives in a slot.
    let pending = fill(&mut response);
    let n = pending.await;
    event!(?response, %id, len = response.len());
    fill(&mut response).await;
    event!(?response);
    n + response.len()
}

#[test]
fn field_sigils_name_locals_kept_in_the_frame() {
    OUT.with(|o| o.borrow_mut().clear());
    assert_eq!(stackless::rt::block_on(handler(9)), 3);
    assert_eq!(
        OUT.with(|o| o.borrow().clone()),
        "response=[7];id=9;len=1;response=[7, 7];"
    );
}

async fn bump(total: &mut u32) {
    *total += 1;
}

#[stackless::coroutine]
async fn worker(jobs: Vec<u32>) -> u32 {
    let mut total = 0;
    for j in jobs {
        // `total` is borrowed by a future kept across a suspension point: it lives in a slot.
        bump(&mut total).await;
        total += j;
        event!(total, seen = total * 10);
    }
    event!(total);
    total
}

#[test]
fn field_shorthand_names_locals_kept_in_the_frame() {
    OUT.with(|o| o.borrow_mut().clear());
    assert_eq!(stackless::rt::block_on(worker(vec![1, 2])), 5);
    assert_eq!(
        OUT.with(|o| o.borrow().clone()),
        "total=2;seen=20;total=5;seen=50;total=5;"
    );
}
