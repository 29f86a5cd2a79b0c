use stackless::yield_;

#[stackless::coroutine]
extern "C" fn gen() -> impl Iterator<Item = u32> {
    yield_!(1);
}

fn main() {}
