// A function that boxes an `async` block is that block's machine, boxed: its return type
// must name the block's output, which an alias hides from the attribute.
use std::future::Future;
use std::pin::Pin;

type Fut = Pin<Box<dyn Future<Output = u32> + Send>>;

#[stackless::coroutine]
fn answer(n: u32) -> Fut {
    Box::pin(async move { std::future::ready(n).await + 1 })
}

fn main() {
    let _ = answer(1);
}
