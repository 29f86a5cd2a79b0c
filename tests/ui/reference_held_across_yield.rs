use stackless::yield_;

#[stackless::coroutine]
fn gen() -> impl Iterator<Item = usize> {
    let s = String::from("abc");
    let r = &s;
    yield_!(1);
    yield_!(r.len());
}

fn main() {
    let _ = gen();
}
