use stackless::yield_;

// `buf` is kept in place for its size, in a frame that may move between resumes. A borrow of
// it that the macro cannot see (`max` usually returns an owned value) but that lives across
// the yield is rejected by rustc in the borrow-checked twin, at the yield.
#[stackless::coroutine]
fn gen() -> impl Iterator<Item = u8> {
    let mut buf = [1u8; 512];
    buf[3] = 9;
    let biggest = buf.iter().max();
    yield_!(0);
    yield_!(*biggest.unwrap() + buf[0]);
}

fn main() {
    let _ = gen();
}
