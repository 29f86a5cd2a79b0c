use stackless::yield_;

// rustc: E0502, `d` is borrowed mutably while `r` still borrows it: `r` is used after the
// yield, so its borrow lasts across it.
#[stackless::coroutine]
fn gen() -> impl Iterator<Item = usize> {
    let mut d = String::from("a");
    let r = &d;
    d.push('b');
    yield_!(0);
    yield_!(r.len());
}

fn main() {
    let _ = gen();
}
