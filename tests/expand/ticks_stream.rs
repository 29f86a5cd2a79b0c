// An async generator: awaits poll in place, yields return an item.
#[stackless::coroutine]
fn ticks(n: u32, every: Duration) -> impl Stream<Item = u32> {
    for i in 0..n {
        sleep(every).await;
        yield_!(i);
    }
}
