use stackless::yield_;

#[stackless::coroutine(boxed)]
fn gen() -> impl Iterator<Item = u32> {
    yield_!(1);
}

fn main() {
    let _ = gen();
}
