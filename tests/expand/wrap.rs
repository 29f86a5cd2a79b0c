// The smallest async wrapper: one await, the argument moves into the awaited future.
#[stackless::coroutine]
async fn wrap<F: Future>(f: F) -> F::Output {
    f.await
}
