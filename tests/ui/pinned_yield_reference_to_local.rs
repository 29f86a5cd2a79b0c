use stackless::yield_;

// rustc: E0597, a yielded reference would outlive the local it points into.
#[stackless::coroutine]
fn gen() -> impl Iterator<Item = &'static u32> {
    let v = vec![1, 2, 3];
    for x in &v {
        yield_!(x);
    }
}

fn main() {
    let _ = gen();
}
