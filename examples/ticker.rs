//! An async generator: a stream of ticks driven by `stackless::rt::sleep`, consumed with
//! `stackless::rt::next`, next to a slower ticker on the same thread.
//!
//! `cargo run --example ticker`

use std::time::{Duration, Instant};

use stackless::{rt, yield_, Stream};

/// Yields `n` ticks, `every` apart, each with the time since the stream started.
#[stackless::coroutine]
fn ticks(
    name: &'static str,
    n: u32,
    every: Duration,
) -> impl Stream<Item = (&'static str, u32, Duration)> {
    let start = Instant::now();
    for i in 0..n {
        rt::sleep(every).await;
        yield_!((name, i, start.elapsed()));
    }
}

fn main() {
    rt::block_on(async {
        let slow = rt::spawn(async {
            let mut s = Box::pin(ticks("slow", 3, Duration::from_millis(50)));
            while let Some((name, i, at)) = rt::next(&mut s).await {
                println!("{name} tick {i} at {:>3} ms", at.as_millis());
            }
        });
        let mut fast = Box::pin(ticks("fast", 6, Duration::from_millis(20)));
        while let Some((name, i, at)) = rt::next(&mut fast).await {
            println!("{name} tick {i} at {:>3} ms", at.as_millis());
        }
        slow.await.expect("the slow ticker finishes");
    });
    println!(
        "size of a ticks() stream: {} bytes",
        std::mem::size_of_val(&ticks("x", 1, Duration::ZERO))
    );
}
