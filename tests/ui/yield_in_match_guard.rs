use stackless::{yield_, Coroutine};

#[stackless::coroutine]
fn co(x: u32) -> impl Coroutine<bool, Yield = u32, Return = u32> {
    match x {
        n if yield_!(n) => n,
        _ => 0,
    }
}

fn main() {
    let _ = co(1);
}
