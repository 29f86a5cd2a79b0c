use stackless::yield_;

// rustc: E0502, `v` is mutated while a closure kept across the yield borrows it.
#[stackless::coroutine]
fn gen() -> impl Iterator<Item = usize> {
    let mut v = vec![1];
    let len = || v.len();
    yield_!(0);
    v.push(2);
    yield_!(len());
}

fn main() {
    let _ = gen();
}
