use stackless::yield_;

// rustc: E0505, `d` is moved while `r`, held across the yield, borrows it.
#[stackless::coroutine]
fn gen() -> impl Iterator<Item = usize> {
    let d = String::from("a");
    let r = &d;
    yield_!(0);
    let e = d;
    yield_!(r.len() + e.len());
}

fn main() {
    let _ = gen();
}
