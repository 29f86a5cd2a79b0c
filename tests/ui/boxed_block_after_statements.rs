// A function returning a boxed future is a coroutine only as an `async fn` or with a body
// that is exactly `Box::pin(async move { .. })`: a statement before the box is not lowered.
use futures::future::BoxFuture;

#[stackless::coroutine]
fn answer(n: u32) -> BoxFuture<'static, u32> {
    let m = n + 1;
    Box::pin(async move { std::future::ready(m).await })
}

fn main() {
    let _ = answer(1);
}
