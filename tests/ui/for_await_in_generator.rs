// `#[for_await]` awaits: a generator cannot.
#[stackless::coroutine]
fn each(v: Vec<u32>) -> impl Iterator<Item = u32> {
    #[for_await]
    for x in futures::stream::iter(v) {
        stackless::yield_!(x);
    }
}

fn main() {
    let _ = each(vec![1]);
}
