use stackless::yield_;

// rustc: E0502, `v` is mutated while the loop's iterator, kept across the yield, borrows it.
#[stackless::coroutine]
fn gen() -> impl Iterator<Item = u32> {
    let mut v = vec![1, 2, 3];
    for x in &v {
        yield_!(*x);
        v.push(*x);
    }
}

fn main() {
    let _ = gen();
}
