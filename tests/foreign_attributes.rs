//! Other attributes on the same `async fn`, in either order: `#[tokio::main]`,
//! `#[tokio::test]` (and anything else the macro does not know, such as
//! `#[tracing::instrument]`) expect an `async fn`. Above ours, they see one that awaits the
//! machine (so they see every poll of it); below ours, they have already made the function a
//! plain `fn` blocking on an `async` block, which becomes a machine of its own.

/// Pending once.
async fn step() {
    let mut first = true;
    std::future::poll_fn(|cx| {
        if std::mem::take(&mut first) {
            cx.waker().wake_by_ref();
            std::task::Poll::Pending
        } else {
            std::task::Poll::Ready(())
        }
    })
    .await
}

#[stackless::coroutine]
#[tokio::main(flavor = "current_thread")]
async fn main_below_ours(n: u32) -> u32 {
    step().await;
    n + 1
}

#[tokio::main(flavor = "current_thread")]
#[stackless::coroutine]
async fn main_above_ours() -> Result<u32, std::num::ParseIntError> {
    step().await;
    let n: u32 = "41".parse()?;
    Ok(n + 1)
}

#[test]
fn tokio_main_in_either_order() {
    assert_eq!(main_below_ours(1), 2);
    assert_eq!(main_above_ours(), Ok(42));
}

#[stackless::coroutine]
#[tokio::test]
async fn tokio_test_below_ours() {
    step().await;
    let v = vec![1, 2, 3];
    step().await;
    assert_eq!(v.len(), 3);
}

#[tokio::test]
#[stackless::coroutine]
async fn tokio_test_above_ours() -> Result<(), String> {
    step().await;
    step().await;
    Ok(())
}

/// Doc comments, lint levels, `must_use`, `inline` mean the same on the machine's function:
/// no wrapper, the same machine as without them.
#[stackless::coroutine]
#[must_use]
#[inline]
#[allow(clippy::let_and_return)]
async fn passive_attributes(n: [u64; 8]) -> u64 {
    step().await;
    n[0]
}

#[stackless::coroutine]
async fn no_attributes(n: [u64; 8]) -> u64 {
    step().await;
    n[0]
}

#[test]
fn passive_attributes_stay_on_the_machine() {
    let f = passive_attributes([3; 8]);
    assert_eq!(
        std::mem::size_of_val(&f),
        std::mem::size_of_val(&no_attributes([3; 8]))
    );
    assert_eq!(stackless::rt::block_on(f), 3);
}
