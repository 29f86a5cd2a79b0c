use stackless::yield_;

#[stackless::coroutine]
fn gen() {
    yield_!(1);
}

fn main() {
    gen();
}
