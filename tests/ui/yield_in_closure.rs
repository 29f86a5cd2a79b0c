use stackless::yield_;

#[stackless::coroutine]
fn gen() -> impl Iterator<Item = u32> {
    let f = |x: u32| {
        yield_!(x);
    };
    f(1);
}

fn main() {
    let _ = gen();
}
