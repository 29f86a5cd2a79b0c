use stackless::{yield_, Coroutine};

async fn fetch() -> u32 {
    1
}

#[stackless::coroutine]
fn co() -> impl Coroutine<u32, Yield = u32, Return = ()> {
    let x = yield_!(fetch().await);
    let _ = x;
}

fn main() {
    let _ = co();
}
