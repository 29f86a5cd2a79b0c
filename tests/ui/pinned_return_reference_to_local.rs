// rustc: E0515, the coroutine returns a reference to its own local.
#[stackless::coroutine]
async fn first_word(text: &str) -> &str {
    let owned = text.to_uppercase();
    let word = owned.split(' ').next().unwrap_or("");
    stackless::rt::yield_now().await;
    word
}

fn main() {
    let _ = first_word("a b");
}
