use stackless::{yield_, Stream};

#[stackless::coroutine]
fn numbers() -> impl Stream<Item = u32> {
    yield_!(1);
    return 2;
}

fn main() {
    let _ = numbers();
}
