//! The C10K story in numbers: a million coroutines versus ten thousand OS threads.
//!
//! Spawns 1,000,000 tasks on a multi-thread `stackless::rt::Runtime`; each sleeps for a
//! second (so that all of them are alive at once) and finishes. Prints the wall time, the
//! peak resident memory (`VmHWM` from `/proc/self/status`) and the bytes per coroutine.
//! Then does the same with 10,000 OS threads, each blocked in `std::thread::sleep`.
//!
//! Run it in release mode: `cargo run --release --example million`.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use stackless::rt::{sleep, Runtime};

const TASKS: usize = 1_000_000;
const THREADS: usize = 10_000;
const NAP: Duration = Duration::from_secs(1);

/// A field of `/proc/self/status`, in bytes.
fn status_bytes(field: &str) -> usize {
    let status = std::fs::read_to_string("/proc/self/status").expect("needs Linux /proc");
    let line = status
        .lines()
        .find(|l| l.starts_with(field))
        .expect("field in /proc/self/status");
    let kb: usize = line.split_whitespace().nth(1).unwrap().parse().unwrap();
    kb * 1024
}

/// Resets the peak-RSS counter (`VmHWM`) to the current RSS, where the kernel allows it.
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn mib(bytes: usize) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn coroutines() {
    let rt = Runtime::new().expect("runtime");
    rt.block_on(async {}); // start the workers before measuring
    reset_peak();
    let base = status_bytes("VmRSS:");
    let start = Instant::now();
    let done = Arc::new(AtomicUsize::new(0));
    for _ in 0..TASKS {
        let done = done.clone();
        drop(rt.spawn(async move {
            sleep(NAP).await;
            done.fetch_add(1, Ordering::Relaxed);
        }));
    }
    let spawned = start.elapsed();
    let alive_rss = status_bytes("VmRSS:");
    rt.block_on(async {
        while done.load(Ordering::Relaxed) < TASKS {
            sleep(Duration::from_millis(5)).await;
        }
    });
    let wall = start.elapsed();
    let peak = status_bytes("VmHWM:");
    println!("{TASKS} coroutines, each sleeping {NAP:?}:");
    println!("  spawned in {spawned:.2?}, all finished after {wall:.2?} (wall time)");
    println!(
        "  resident while all alive: +{:.1} MiB; peak (VmHWM) {:.1} MiB",
        mib(alive_rss - base),
        mib(peak)
    );
    println!(
        "  bytes per coroutine: {:.0} (resident growth / {TASKS}); {:.0} by peak",
        (alive_rss - base) as f64 / TASKS as f64,
        peak.saturating_sub(base) as f64 / TASKS as f64
    );
    println!(
        "  future size: {} bytes",
        std::mem::size_of_val(&async { sleep(NAP).await })
    );
}

fn threads() {
    reset_peak();
    let base = status_bytes("VmRSS:");
    let start = Instant::now();
    let barrier = Arc::new(Barrier::new(THREADS + 1));
    let mut handles = Vec::with_capacity(THREADS);
    for _ in 0..THREADS {
        let b = barrier.clone();
        let spawned = std::thread::Builder::new().spawn(move || {
            b.wait();
            std::thread::sleep(NAP);
        });
        match spawned {
            Ok(h) => handles.push(h),
            Err(e) => {
                println!("  could not start more than {} threads: {e}", handles.len());
                // Let the started ones pass the barrier.
                for _ in handles.len()..THREADS {
                    let barrier = barrier.clone();
                    std::thread::spawn(move || barrier.wait()).join().ok();
                }
                break;
            }
        }
    }
    barrier.wait();
    let alive_rss = status_bytes("VmRSS:");
    let n = handles.len();
    for h in handles {
        h.join().unwrap();
    }
    let wall = start.elapsed();
    let peak = status_bytes("VmHWM:");
    println!("{n} OS threads, each sleeping {NAP:?}:");
    println!("  all finished after {wall:.2?} (wall time)");
    println!(
        "  resident while all alive: +{:.1} MiB; peak (VmHWM) {:.1} MiB",
        mib(alive_rss - base),
        mib(peak)
    );
    println!(
        "  bytes per thread: {:.0} resident (plus {} KiB of reserved stack address space each)",
        (alive_rss - base) as f64 / n.max(1) as f64,
        2048
    );
}

fn main() {
    coroutines();
    println!();
    threads();
}
