use stackless::yield_;

/// A closure made in a loop and called after a yield: its two copies (the `Start` arm's and
/// the `Yield0` arm's) are wrapped in one `AltFn1`.
#[stackless::coroutine]
fn offsets(n: u32) -> impl Iterator<Item = u32> {
    for i in 0..n {
        let f = move |x: u32| x + i;
        yield_!(f(1));
        yield_!(f(2));
    }
}
