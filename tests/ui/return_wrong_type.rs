use stackless::{yield_, Coroutine};

#[stackless::coroutine]
fn co() -> impl Coroutine<Yield = u32, Return = String> {
    yield_!(1);
    42
}

fn main() {
    let _ = co();
}
