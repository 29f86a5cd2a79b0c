// A general coroutine: the resume argument becomes the value of `yield_!`.
#[stackless::coroutine]
fn running_total() -> impl Coroutine<i64, Yield = i64, Return = String> {
    let mut total = 0;
    loop {
        let x = yield_!(total);
        if x == 0 {
            break;
        }
        total += x;
    }
    format!("total={total}")
}
