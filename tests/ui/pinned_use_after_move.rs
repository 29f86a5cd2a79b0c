use stackless::yield_;

// rustc: E0505, `v` is moved while the iterator kept across the yield borrows it.
#[stackless::coroutine]
fn gen() -> impl Iterator<Item = u32> {
    let v = vec![1, 2, 3];
    let it = v.iter();
    yield_!(0);
    drop(v);
    for x in it {
        yield_!(*x);
    }
}

fn main() {
    let _ = gen();
}
