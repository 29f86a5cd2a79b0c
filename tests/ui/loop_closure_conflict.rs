use stackless::yield_;

#[stackless::coroutine]
fn conflict() -> impl Iterator<Item = u32> {
    let mut c = 0;
    for _ in 0..3 {
        let mut inc = || c += 1;
        yield_!(c);
        inc();
    }
}

fn main() {
    let _ = conflict();
}
