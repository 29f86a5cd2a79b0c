use stackless::{yield_, Coroutine};

#[stackless::coroutine]
fn co() -> impl Coroutine<String, Yield = u32, Return = ()> {
    let s: u32 = yield_!(1);
    let _ = s;
}

fn main() {
    let _ = co();
}
