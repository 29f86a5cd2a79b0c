//! A small server-like program with a few hundred tasks parked in different places —
//! waiting for a frame on their connection, for a database permit, for a timer, for a
//! stream's next tick — and the task dump that says where each one is, read while they run.
//!
//! Run with `cargo run --example task_dump`.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use stackless::rt::{self, Runtime, TaskState};
use stackless::{yield_, Stream};
use tokio::sync::{mpsc, Semaphore};

/// The next frame of a connection.
#[stackless::coroutine]
async fn read_frame(rx: &mut mpsc::Receiver<Vec<u8>>) -> Option<Vec<u8>> {
    rx.recv().await
}

/// A database query: a permit of the pool, then the query's latency.
#[stackless::coroutine]
async fn query(db: Arc<Semaphore>, id: usize) -> usize {
    let permit = db.acquire().await.expect("pool open");
    rt::sleep(Duration::from_millis(200 + id as u64 % 50)).await;
    drop(permit);
    id
}

/// One connection: reads frames, and runs a query for each.
#[stackless::coroutine]
async fn handler(id: usize, mut rx: mpsc::Receiver<Vec<u8>>, db: Arc<Semaphore>) -> usize {
    let mut bytes = 0;
    while let Some(frame) = read_frame(&mut rx).await {
        bytes += frame.len();
        query(db.clone(), id).await;
    }
    bytes
}

/// A tick every `every`.
#[stackless::coroutine]
fn heartbeats(every: Duration) -> impl Stream<Item = u64> {
    let mut n = 0;
    loop {
        rt::sleep(every).await;
        n += 1;
        yield_!(n);
    }
}

/// Counts the ticks.
#[stackless::coroutine]
async fn monitor(every: Duration) -> u64 {
    let mut beats = Box::pin(heartbeats(every));
    let mut last = 0;
    while let Some(n) = rt::next(&mut beats).await {
        last = n;
    }
    last
}

fn main() {
    let rt = Runtime::builder().worker_threads(2).build().unwrap();
    let db = Arc::new(Semaphore::new(4));
    let mut connections = Vec::new();
    for id in 0..300 {
        let (tx, rx) = mpsc::channel(4);
        rt.spawn_traced(handler(id, rx, db.clone()));
        connections.push(tx);
    }
    for _ in 0..3 {
        rt.spawn_traced(monitor(Duration::from_secs(3600)));
    }
    // A task that is not a machine: the dump shows its future's type.
    rt.spawn(async { std::future::pending::<()>().await });
    // Every seventh connection sends a frame: its handler goes to the database, where four
    // get a permit and sleep, and the others wait for one.
    for tx in connections.iter().step_by(7) {
        tx.try_send(vec![0; 16]).unwrap();
    }
    std::thread::sleep(Duration::from_millis(100));

    let dump = rt.dump();
    println!("== the first tasks, in full\n");
    for t in dump.tasks().iter().take(3) {
        println!("{t}\n");
    }
    for t in dump
        .tasks()
        .iter()
        .filter(|t| t.functions.len() > 2)
        .take(2)
    {
        println!("{t}\n");
    }

    // Like a goroutine dump's summary: the distinct stacks, with how many tasks share each.
    println!(
        "== {} tasks, by where they are parked\n",
        dump.tasks().len()
    );
    let mut groups: BTreeMap<(String, String), usize> = BTreeMap::new();
    for t in dump.tasks() {
        let state = match t.state {
            TaskState::Running => "running",
            TaskState::Scheduled => "scheduled",
            TaskState::Idle => "idle",
        };
        *groups
            .entry((t.trace.clone(), state.to_string()))
            .or_default() += 1;
    }
    let mut groups: Vec<_> = groups.into_iter().collect();
    groups.sort_by_key(|g| std::cmp::Reverse(g.1));
    for ((trace, state), n) in groups {
        println!("{n} {state}:");
        for line in trace.lines() {
            println!("  {line}");
        }
        println!();
    }
}
