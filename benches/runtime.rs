//! Runtime benchmarks: `stackless::rt` side by side with tokio (current-thread and
//! multi-thread) and async-executor, in the same run.
//!
//! - `spawn_1m`: spawn 1,000,000 trivial tasks from inside `block_on`, then await every
//!   handle.
//! - `yield_1k_x_1k`: 1,000 tasks, each doing 1,000 `yield_now` round trips.
//! - resident bytes per idle task: measured in a fresh child process per runtime (so one
//!   runtime's freed memory cannot hide another's), printed before the criterion runs.
//!
//! `cargo bench --bench runtime`; see `benches/README.md` for results.

use std::future::Future;
use std::pin::Pin;
use std::process::Command;
use std::task::{Context, Poll};
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput};

const SPAWN_N: usize = 1_000_000;
const YIELD_TASKS: usize = 1_000;
const YIELDS: usize = 1_000;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Rt {
    StacklessCurrent,
    StacklessMulti2,
    TokioCurrent,
    TokioMulti2,
    AsyncExecutor,
}

const ALL: [Rt; 5] = [
    Rt::StacklessCurrent,
    Rt::StacklessMulti2,
    Rt::TokioCurrent,
    Rt::TokioMulti2,
    Rt::AsyncExecutor,
];

impl Rt {
    fn name(self) -> &'static str {
        match self {
            Rt::StacklessCurrent => "stackless-current",
            Rt::StacklessMulti2 => "stackless-multi-2",
            Rt::TokioCurrent => "tokio-current",
            Rt::TokioMulti2 => "tokio-multi-2",
            Rt::AsyncExecutor => "async-executor",
        }
    }
}

/// A runtime built once, reused by every iteration.
enum Built {
    Stackless(stackless::rt::Runtime),
    Tokio(tokio::runtime::Runtime),
    Executor(async_executor::Executor<'static>),
}

fn build(rt: Rt) -> Built {
    match rt {
        Rt::StacklessCurrent => Built::Stackless(
            stackless::rt::Builder::new_current_thread()
                .build()
                .unwrap(),
        ),
        Rt::StacklessMulti2 => Built::Stackless(
            stackless::rt::Builder::new_multi_thread()
                .worker_threads(2)
                .build()
                .unwrap(),
        ),
        Rt::TokioCurrent => Built::Tokio(
            tokio::runtime::Builder::new_current_thread()
                .build()
                .unwrap(),
        ),
        Rt::TokioMulti2 => Built::Tokio(
            tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .build()
                .unwrap(),
        ),
        Rt::AsyncExecutor => Built::Executor(async_executor::Executor::new()),
    }
}

fn spawn_all(built: &Built, n: usize) {
    match built {
        Built::Stackless(rt) => rt.block_on(async {
            let mut hs = Vec::with_capacity(n);
            for _ in 0..n {
                hs.push(stackless::rt::spawn(async {}));
            }
            for h in hs {
                h.await.unwrap();
            }
        }),
        Built::Tokio(rt) => rt.block_on(async {
            let mut hs = Vec::with_capacity(n);
            for _ in 0..n {
                hs.push(tokio::spawn(async {}));
            }
            for h in hs {
                h.await.unwrap();
            }
        }),
        Built::Executor(ex) => futures_lite::future::block_on(ex.run(async {
            let mut hs = Vec::with_capacity(n);
            for _ in 0..n {
                hs.push(ex.spawn(async {}));
            }
            for h in hs {
                h.await;
            }
        })),
    }
}

fn yield_many(built: &Built, tasks: usize, yields: usize) {
    match built {
        Built::Stackless(rt) => rt.block_on(async {
            let hs: Vec<_> = (0..tasks)
                .map(|_| {
                    stackless::rt::spawn(async move {
                        for _ in 0..yields {
                            stackless::rt::yield_now().await;
                        }
                    })
                })
                .collect();
            for h in hs {
                h.await.unwrap();
            }
        }),
        Built::Tokio(rt) => rt.block_on(async {
            let hs: Vec<_> = (0..tasks)
                .map(|_| {
                    tokio::spawn(async move {
                        for _ in 0..yields {
                            tokio::task::yield_now().await;
                        }
                    })
                })
                .collect();
            for h in hs {
                h.await.unwrap();
            }
        }),
        Built::Executor(ex) => futures_lite::future::block_on(ex.run(async {
            let hs: Vec<_> = (0..tasks)
                .map(|_| {
                    ex.spawn(async move {
                        for _ in 0..yields {
                            futures_lite::future::yield_now().await;
                        }
                    })
                })
                .collect();
            for h in hs {
                h.await;
            }
        })),
    }
}

fn bench_spawn(c: &mut Criterion) {
    let mut g = c.benchmark_group("spawn_1m");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    g.throughput(Throughput::Elements(SPAWN_N as u64));
    for rt in ALL {
        let built = build(rt);
        g.bench_with_input(
            BenchmarkId::from_parameter(rt.name()),
            &built,
            |b, built| b.iter(|| spawn_all(built, SPAWN_N)),
        );
    }
    g.finish();
}

fn bench_yield(c: &mut Criterion) {
    let mut g = c.benchmark_group("yield_1k_x_1k");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    g.throughput(Throughput::Elements((YIELD_TASKS * YIELDS) as u64));
    for rt in ALL {
        let built = build(rt);
        g.bench_with_input(
            BenchmarkId::from_parameter(rt.name()),
            &built,
            |b, built| b.iter(|| yield_many(built, YIELD_TASKS, YIELDS)),
        );
    }
    g.finish();
}

// ---- resident memory per idle task ----

const IDLE_N: usize = 1_000_000;
const BATCH: usize = 1024;

/// A 24-byte future that never completes (and registers no waker): an idle task.
struct Idle([u64; 3]);

impl Future for Idle {
    type Output = ();
    fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> {
        std::hint::black_box(&self.0);
        Poll::Pending
    }
}

fn rss_bytes() -> usize {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
    let kb: usize = line.split_whitespace().nth(1).unwrap().parse().unwrap();
    kb * 1024
}

/// Spawns `IDLE_N` idle tasks (in batches, yielding between them so each task is polled
/// once and the run queues stay short) and returns the resident-memory growth per task.
fn measure_idle(rt: Rt) -> f64 {
    let built = build(rt);
    spawn_all(&built, 10_000); // warm up the runtime's own structures
    let before = rss_bytes();
    let after = match &built {
        Built::Stackless(rt) => rt.block_on(async {
            for _ in 0..IDLE_N / BATCH {
                for _ in 0..BATCH {
                    drop(stackless::rt::spawn(Idle([1, 2, 3])));
                }
                stackless::rt::yield_now().await;
            }
            for _ in 0..4 {
                stackless::rt::yield_now().await;
            }
            rss_bytes()
        }),
        Built::Tokio(rt) => rt.block_on(async {
            for _ in 0..IDLE_N / BATCH {
                for _ in 0..BATCH {
                    drop(tokio::spawn(Idle([1, 2, 3])));
                }
                tokio::task::yield_now().await;
            }
            for _ in 0..4 {
                tokio::task::yield_now().await;
            }
            std::thread::sleep(Duration::from_millis(100));
            rss_bytes()
        }),
        Built::Executor(ex) => futures_lite::future::block_on(ex.run(async {
            for _ in 0..IDLE_N / BATCH {
                for _ in 0..BATCH {
                    ex.spawn(Idle([1, 2, 3])).detach();
                }
                futures_lite::future::yield_now().await;
            }
            for _ in 0..4 {
                futures_lite::future::yield_now().await;
            }
            rss_bytes()
        })),
    };
    let spawned = (IDLE_N / BATCH) * BATCH;
    let per_task = (after as f64 - before as f64) / spawned as f64;
    std::mem::forget(built); // do not count (or wait for) teardown
    per_task
}

fn memory_table() {
    println!(
        "resident bytes per idle task (future = {} bytes, {} tasks, fresh process each):",
        std::mem::size_of::<Idle>(),
        IDLE_N
    );
    let exe = std::env::current_exe().unwrap();
    for rt in ALL {
        let out = Command::new(&exe)
            .env("STACKLESS_BENCH_MEM", rt.name())
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        println!("  {:<20} {}", rt.name(), text.trim());
    }
}

fn main() {
    if let Ok(name) = std::env::var("STACKLESS_BENCH_MEM") {
        let rt = ALL
            .into_iter()
            .find(|r| r.name() == name)
            .expect("unknown runtime");
        println!("{:.1}", measure_idle(rt));
        return;
    }
    let args: Vec<String> = std::env::args().collect();
    // `cargo test --benches` runs the binary with `--test`: keep that quick.
    if args.iter().any(|a| a == "--test") {
        for rt in ALL {
            let built = build(rt);
            spawn_all(&built, 1000);
            yield_many(&built, 10, 10);
        }
        println!("runtime bench smoke test: 5 passed, 0 failed");
        return;
    }
    if std::env::var_os("STACKLESS_BENCH_SKIP_MEM").is_none() {
        memory_table();
    }
    let mut c = Criterion::default().configure_from_args();
    bench_spawn(&mut c);
    bench_yield(&mut c);
    c.final_summary();
}
