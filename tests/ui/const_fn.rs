use stackless::yield_;

#[stackless::coroutine]
const fn gen() -> impl Iterator<Item = u32> {
    yield_!(1);
}

fn main() {}
