use stackless::yield_;

#[stackless::coroutine]
fn gen(limit: u32) -> impl Iterator<Item = u32> {
    for i in 0..limit {
        yield_!(i + offset);
    }
}

fn main() {
    let _ = gen(3);
}
