use stackless::yield_;

#[stackless::coroutine]
fn gen() -> Vec<u8> {
    yield_!(1);
}

fn main() {
    let _ = gen();
}
