// A non-`move` async block kept across an await captures a local by reference: not
// supported yet, with the workaround in the message.
#[stackless::coroutine]
async fn lazy_len() -> usize {
    let v = vec![1, 2];
    let fut = async { v.len() };
    stackless::rt::yield_now().await;
    fut.await
}

fn main() {
    let _ = lazy_len();
}
