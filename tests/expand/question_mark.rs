// `?` on a `Result` inside a loop; the error converts with `From`.
#[stackless::coroutine]
fn question_mark(input: Vec<&'static str>) -> impl Coroutine<Yield = i32, Return = Result<i32, String>> {
    let mut sum = 0;
    for s in input {
        let n: i32 = s.parse().map_err(|e| format!("{s}: {e}"))?;
        sum += n;
        yield_!(sum);
    }
    Ok(sum)
}
