use stackless::yield_;

#[stackless::coroutine]
fn gen(first: u32, ...) -> impl Iterator<Item = u32> {
    yield_!(first);
}

fn main() {}
