use stackless::yield_;

#[stackless::coroutine]
fn gen() -> impl Iterator {
    yield_!(1);
}

fn main() {
    let _ = gen();
}
