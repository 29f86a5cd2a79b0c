use stackless::yield_;

#[stackless::coroutine]
async fn f() -> u32 {
    yield_!(1);
    2
}

fn main() {
    let _ = f();
}
