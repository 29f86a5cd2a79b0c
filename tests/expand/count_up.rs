// The article's generator: one suspension point inside a `while` loop.
#[stackless::coroutine]
fn count_up(limit: u64) -> impl Iterator<Item = u64> {
    let mut i = 0;
    while i < limit {
        yield_!(i);
        i += 1;
    }
}
