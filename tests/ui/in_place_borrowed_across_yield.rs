use stackless::yield_;

fn largest(b: &[u8]) -> &u8 {
    b.iter().max().unwrap()
}

// `buf` is kept in place for its size, in a frame that may move between resumes. A borrow of
// it that the macro cannot see (the result of a function given `&buf`, used as a plain value,
// is guessed to own its data) but that lives across the yield is rejected by rustc in the
// borrow-checked twin, at the yield.
#[stackless::coroutine]
fn gen() -> impl Iterator<Item = u8> {
    let mut buf = [1u8; 512];
    buf[3] = 9;
    let biggest = largest(&buf);
    yield_!(0);
    yield_!(*biggest + buf[0]);
}

fn main() {
    let _ = gen();
}
