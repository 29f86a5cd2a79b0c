use stackless::yield_;

#[stackless::coroutine]
fn gen(input: &str) -> impl Iterator<Item = u32> + '_ {
    let n: u32 = input.parse()?;
    yield_!(n);
}

fn main() {
    let _ = gen("1");
}
