use stackless::{coroutine, yield_};

#[coroutine]
fn gen() -> impl Iterator<Item = u32> {
    yield_!(1);
}

fn main() {
    let _ = gen();
}
