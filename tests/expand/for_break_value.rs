// A `for` loop becomes a labelled `loop` over a hidden iterator; `break` with a value out of
// a `loop` that contains a yield.
#[stackless::coroutine]
fn search(items: Vec<u32>, target: u32) -> impl Coroutine<Yield = u32, Return = Option<usize>> {
    for (i, x) in items.into_iter().enumerate() {
        yield_!(x);
        if x == target {
            return Some(i);
        }
    }
    let tries = loop {
        let t = yield_!(0);
        if t > 3 {
            break t;
        }
    };
    None
}
