// A `move` block in a `select!` handler that names a local the coroutine keeps in its frame:
// the handler's tokens are not read by the coroutine, which cannot move the local in (the
// block would hold the slot's address, not the value): an error that says what to write.
#[stackless::coroutine]
async fn spawns() -> tokio::task::JoinHandle<String> {
    let s = String::from("owned by the coroutine");
    tokio::select! {
        biased;
        _ = std::future::ready(()) => tokio::spawn(async move { s.clone() }),
    }
}

fn main() {
    let _ = spawns();
}
