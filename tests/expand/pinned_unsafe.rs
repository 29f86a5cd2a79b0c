// Every `__private` helper whose misuse would be undefined behaviour is an `unsafe fn`; the
// expansion calls each in an `unsafe` block that holds only generated tokens (the user's
// initialisers, assigned values and arguments stay outside). Here: a local declared without
// a value (`PinnedOpt::empty`), assigned (`__set`), moved out (`__by_value`), borrowed by a
// closure kept across yields (`__handle`), and pinned with `pin!` (`pin_slot`).
#[stackless::coroutine]
fn flagged(n: u32) -> impl Coroutine<Yield = u32, Return = usize> {
    let v;
    v = (0..n).collect::<Vec<u32>>();
    for x in &v {
        yield_!(*x);
    }
    let w = v;
    let mut u = w.clone();
    for x in &u {
        yield_!(*x + 1);
    }
    u = Vec::new();
    yield_!(u.len() as u32);
    w.len()
}

// A closure kept across yields that borrows a pinned local (through a handle).
#[stackless::coroutine]
fn handle(n: u32) -> impl Iterator<Item = u32> {
    let u: Vec<u32> = (0..n).collect();
    let f = |x: u32| x + u.len() as u32;
    yield_!(f(1));
    yield_!(f(2));
}

#[stackless::coroutine]
async fn pinned_future<F: Future<Output = u32>>(fut: F) -> u32 {
    let fut = ::core::pin::pin!(fut);
    fut.await
}
