use stackless::{yield_, Coroutine};

#[stackless::coroutine]
fn co() -> impl Coroutine<u8, Return = u8> {
    yield_!(1)
}

fn main() {
    let _ = co();
}
