//! One blocking call, two ways.
//!
//! A ticker task prints every 100 ms. Then a task makes a blocking call (here
//! `std::thread::sleep` for 600 ms, standing in for file I/O or a heavy computation):
//!
//! 1. inside the task itself: the only runtime thread is stuck, the ticker stalls;
//! 2. through `spawn_blocking`: the call runs on the blocking pool and the ticker keeps
//!    its beat.
//!
//! `cargo run --example blocking`

use std::time::{Duration, Instant};

use stackless::rt::{block_on, sleep, spawn, spawn_blocking};

fn blocking_call() -> u64 {
    std::thread::sleep(Duration::from_millis(600));
    42
}

/// Runs the ticker next to `work` and returns the longest gap between two ticks.
async fn longest_tick_gap(label: &str, use_pool: bool) -> Duration {
    let ticker = spawn(async {
        let mut last = Instant::now();
        let mut worst = Duration::ZERO;
        for _ in 0..10 {
            sleep(Duration::from_millis(100)).await;
            let now = Instant::now();
            worst = worst.max(now - last);
            last = now;
        }
        worst
    });
    let worker = spawn(async move {
        sleep(Duration::from_millis(150)).await;
        if use_pool {
            spawn_blocking(blocking_call).await.unwrap()
        } else {
            blocking_call()
        }
    });
    assert_eq!(worker.await.unwrap(), 42);
    let worst = ticker.await.unwrap();
    println!("{label:<40} longest gap between 100 ms ticks: {worst:?}");
    worst
}

fn main() {
    let stalled = block_on(longest_tick_gap("blocking call inside a task:", false));
    let smooth = block_on(longest_tick_gap(
        "blocking call through spawn_blocking:",
        true,
    ));
    assert!(
        stalled >= Duration::from_millis(500),
        "the in-task call stalls the ticker"
    );
    println!("spawn_blocking kept the other task running ({smooth:?} vs {stalled:?} worst gap)");
}
