use stackless::yield_;

#[stackless::coroutine]
fn gen() -> impl Iterator<Item = u32> {
    let v = vec![1, 2, 3];
    for x in &v {
        yield_!(*x);
    }
}

fn main() {
    let _ = gen();
}
