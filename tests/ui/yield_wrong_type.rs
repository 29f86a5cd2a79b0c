use stackless::yield_;

#[stackless::coroutine]
fn gen() -> impl Iterator<Item = u32> {
    yield_!(1);
    yield_!("two");
}

fn main() {
    let _ = gen();
}
