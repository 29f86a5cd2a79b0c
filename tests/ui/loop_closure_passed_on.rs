use stackless::yield_;

// A closure made in a suspending loop and kept across a yield can be called there, not
// passed on: its copies (one per arm that runs the loop's body) are different types.
#[stackless::coroutine]
fn passed_on(v: Vec<u32>) -> impl Iterator<Item = u32> {
    for i in 0..3 {
        let f = move |x: &u32| x + i;
        yield_!(i);
        let s: u32 = v.iter().map(f).sum();
        yield_!(s);
    }
}

fn main() {
    let _ = passed_on(vec![1]);
}
