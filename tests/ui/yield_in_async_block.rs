use stackless::yield_;

#[stackless::coroutine]
fn gen() -> impl Iterator<Item = u32> {
    let _fut = async {
        yield_!(1);
    };
    yield_!(2);
}

fn main() {
    let _ = gen();
}
