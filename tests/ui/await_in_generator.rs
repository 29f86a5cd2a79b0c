use stackless::yield_;

async fn fetch() -> u32 {
    1
}

#[stackless::coroutine]
fn gen() -> impl Iterator<Item = u32> {
    let x = fetch().await;
    yield_!(x);
}

fn main() {
    let _ = gen();
}
