// Shape: a `tokio::pin!`ned future polled by `&mut` in one `select!`, then moved into a second `select!` (hedged request)
// From src/cases/client.rs (same imports and types as there).
// Error with the attribute (the body compiles natively):
//   error[E0507]: cannot move out of a mutable reference
//      --> tests/corpus/src/cases/client.rs:322:1
//       |
//   322 |   #[stackless::coroutine]
//       |   ^----------------------
//       |   |
//       |  _in this attribute macro expansion
//       | |
//   323 | | pub async fn hedged<T: Transport>(client: &Client<T>, path: &str, delay: Duration) -> Result<Response, ClientError> {
//   324 | |     let first = client.get(path);
//   325 | |     tokio::pin!(first);
//   ...   |
//   332 | |     tokio::select! {
//   333 | |         r = first => r,
//       | |_________________^ move occurs because value has type `Pin<&mut impl Future<Output = Result<Response, ...>> + Captures<...>>`, which does not implement the `Copy` trait
//       |
//       = note: the full name for the type has been written to '<long-type file>

#[stackless::coroutine]
pub async fn hedged<T: Transport>(client: &Client<T>, path: &str, delay: Duration) -> Result<Response, ClientError> {
    let first = client.get(path);
    tokio::pin!(first);
    tokio::select! {
        r = &mut first => return r,
        _ = tokio::time::sleep(delay) => {
            debug!("hedging");
        }
    }
    tokio::select! {
        r = first => r,
        r = client.get(path) => r,
    }
}
