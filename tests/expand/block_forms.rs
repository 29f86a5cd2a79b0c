// The block forms: the machine of a `fn` whose parameters are what the block captures
// (`limit`, moved in where the block is), built where the expression is; a coroutine block
// binds its first resume argument (`first`) from the step's argument.
fn count_up(limit: u64) -> impl Iterator<Item = u64> {
    iter! {
        let mut i = 0;
        while i < limit {
            yield_!(i);
            i += 1;
        }
    }
}

fn running_total() -> impl Coroutine<i64, Yield = i64, Return = String> {
    co!(|first: i64| {
        let mut total = first;
        loop {
            let x = yield_!(total);
            if x == 0 {
                break;
            }
            total += x;
        }
        format!("total={total}")
    })
}
