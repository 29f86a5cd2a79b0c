// The article's `fetch_user`: two awaits, the first result carried to the second.
#[stackless::coroutine]
async fn fetch_user(id: u64) -> User {
    let data = fetch_from_db(id).await;
    let user = parse_user(data).await;
    user
}
