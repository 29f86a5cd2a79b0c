use stackless::yield_;

// rustc: E0506, `d` is assigned while `r`, held across the yield, borrows it. (`r` is not
// carried: it is taken again from `d` after the resume, where the assignment conflicts.)
#[stackless::coroutine]
fn gen() -> impl Iterator<Item = usize> {
    let mut d = String::from("a");
    let r = &d;
    yield_!(0);
    d = String::from("b");
    yield_!(r.len() + d.len());
}

fn main() {
    let _ = gen();
}
