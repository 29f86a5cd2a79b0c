//! Task dumps (`stackless::rt::dump`, `Runtime::dump`): every live task with its state, its
//! spawn location and where its machine is suspended, read while the tasks run.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::SeqCst};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use stackless::rt::{self, Runtime, TaskState};

/// Pending until opened (from any thread); wakes its waiters then.
#[derive(Clone, Default)]
struct Gate(Arc<Mutex<(bool, Vec<Waker>)>>);

impl Gate {
    fn open(&self) {
        let ws = {
            let mut g = self.0.lock().unwrap();
            g.0 = true;
            std::mem::take(&mut g.1)
        };
        for w in ws {
            w.wake();
        }
    }
    fn wait(&self) -> Wait {
        Wait(self.clone())
    }
}

struct Wait(Gate);

impl Future for Wait {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let mut g = (self.0).0.lock().unwrap();
        if g.0 {
            Poll::Ready(())
        } else {
            g.1.push(cx.waker().clone());
            Poll::Pending
        }
    }
}

#[stackless::coroutine]
async fn read_frame(gate: Gate, n: usize) -> usize {
    gate.wait().await;
    n
}

#[stackless::coroutine]
async fn handler(gate: Gate, n: usize) -> usize {
    let got = read_frame(gate, n).await;
    got + 1
}

#[stackless::coroutine]
async fn sleeper(ms: u64) -> u64 {
    rt::sleep(Duration::from_millis(ms)).await;
    ms
}

/// Keeps a worker busy: yields again and again until told to stop.
#[stackless::coroutine]
async fn spinner(stop: Arc<AtomicBool>, polls: Arc<AtomicUsize>) -> usize {
    let mut n = 0;
    while !stop.load(SeqCst) {
        polls.fetch_add(1, SeqCst);
        n += 1;
        rt::yield_now().await;
    }
    n
}

fn line_of(needle: &str) -> u32 {
    include_str!("rt_dump.rs")
        .lines()
        .position(|l| l.contains(needle))
        .map(|i| i as u32 + 1)
        .expect("needle")
}

#[test]
fn multi_thread_under_load() {
    let rt = Runtime::builder().worker_threads(2).build().unwrap();
    let gate = Gate::default();
    let stop = Arc::new(AtomicBool::new(false));
    let polls = Arc::new(AtomicUsize::new(0));
    let mut handlers = Vec::new();
    let mut sleepers = Vec::new();
    let mut spinners = Vec::new();
    for i in 0..150 {
        handlers.push(rt.spawn_traced(handler(gate.clone(), i))); // spawn: handler
    }
    for _ in 0..50 {
        sleepers.push(rt.spawn_traced(sleeper(60_000))); // spawn: sleeper
    }
    for _ in 0..4 {
        spinners.push(rt.spawn_traced(spinner(stop.clone(), polls.clone())));
    }
    let opaque = rt.spawn(Gate::default().wait()); // spawn: opaque

    // Wait until every handler and sleeper has been polled once and parked.
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    let dump = loop {
        let dump = rt.dump();
        let parked = dump
            .tasks()
            .iter()
            .filter(|t| t.state == TaskState::Idle && !t.functions.is_empty())
            .filter(|t| t.functions[0] == "handler" || t.functions[0] == "sleeper")
            .filter(|t| !t.trace.contains("not started"))
            .count();
        if parked == 200 {
            break dump;
        }
        assert!(std::time::Instant::now() < deadline, "{dump}");
        std::thread::sleep(Duration::from_millis(5));
    };
    assert_eq!(dump.tasks().len(), 205, "{dump}");
    let file = "tests/rt_dump.rs";
    let handler_at = format!("{file}:{}:", line_of("// spawn: handler"));
    let sleeper_at = format!("{file}:{}:", line_of("// spawn: sleeper"));
    let opaque_at = format!("{file}:{}:", line_of("// spawn: opaque"));
    let mut seen = (0, 0, 0, 0);
    for t in dump.tasks() {
        let at = t.spawned_at.to_string();
        let text = t.to_string();
        if at.starts_with(&handler_at) {
            seen.0 += 1;
            assert_eq!(t.state, TaskState::Idle, "{text}");
            assert_eq!(t.functions, ["handler", "read_frame"], "{text}");
            let lines: Vec<&str> = t.trace.lines().collect();
            assert_eq!(
                lines[0],
                format!(
                    "handler ({file}:{}:35) awaiting",
                    line_of("let got = read_frame(gate, n).await;")
                )
            );
            assert_eq!(
                lines[1],
                format!(
                    "  read_frame ({file}:{}:17) awaiting",
                    line_of("    gate.wait().await;")
                )
            );
            assert_eq!(lines[2], "    rt_dump::Wait");
        } else if at.starts_with(&sleeper_at) {
            seen.1 += 1;
            assert_eq!(t.functions, ["sleeper"], "{text}");
            assert!(t.trace.ends_with("Sleep"), "{text}");
        } else if at.starts_with(&opaque_at) {
            seen.2 += 1;
            assert_eq!(t.trace, "rt_dump::Wait", "{text}");
        } else {
            seen.3 += 1;
            // A spinner: running, or caught between polls.
            match t.state {
                TaskState::Running => assert_eq!(t.trace, "", "{text}"),
                _ => assert_eq!(t.functions, ["spinner"], "{text}"),
            }
        }
    }
    assert_eq!(seen, (150, 50, 1, 4), "{dump}");
    let printed = dump.to_string();
    assert!(printed.starts_with("205 tasks ("), "{printed}");
    assert!(printed.contains("\ntask "), "{printed}");

    // Dumps while the spinners are polled and the handlers are woken: every task still runs
    // to its end, each exactly once (a wake during a dump re-queues the task).
    let dumper = {
        let done = stop.clone();
        let rt = &rt;
        std::thread::scope(|s| {
            let h = s.spawn(move || {
                let mut dumps = 0;
                loop {
                    let d = rt.dump();
                    assert!(d.tasks().len() <= 205);
                    dumps += 1;
                    if done.load(SeqCst) {
                        break;
                    }
                }
                dumps
            });
            std::thread::sleep(Duration::from_millis(50));
            gate.open();
            let total: usize = rt.block_on(async {
                let mut total = 0;
                for h in handlers {
                    total += h.await.unwrap();
                }
                total
            });
            assert_eq!(total, (0..150).map(|i| i + 1).sum::<usize>());
            stop.store(true, SeqCst);
            h.join().unwrap()
        })
    };
    assert!(dumper > 0);
    let spun: usize = rt.block_on(async {
        let mut n = 0;
        for h in spinners {
            n += h.await.unwrap();
        }
        n
    });
    assert_eq!(spun, polls.load(SeqCst));
    for s in &sleepers {
        s.abort();
    }
    opaque.abort();
    let after = rt.dump();
    assert!(after.tasks().len() <= 51, "{after}");
}

#[test]
fn current_thread_from_inside() {
    rt::block_on(async {
        let gate = Gate::default();
        let task = rt::spawn_traced(handler(gate.clone(), 1));
        let fresh = rt::spawn_traced(sleeper(5));
        let d = rt::dump();
        // Neither has run yet: both scheduled, not started.
        assert_eq!(d.tasks().len(), 2, "{d}");
        for t in d.tasks() {
            assert_eq!(t.state, TaskState::Scheduled, "{d}");
            assert!(t.trace.ends_with("not started"), "{d}");
        }
        rt::yield_now().await;
        let d = rt::dump();
        let h = d
            .tasks()
            .iter()
            .find(|t| t.functions.first() == Some(&"handler"))
            .expect("handler");
        assert_eq!(h.state, TaskState::Idle, "{d}");
        assert!(h.trace.contains("read_frame"), "{d}");
        gate.open();
        assert_eq!(task.await.unwrap(), 2);
        assert_eq!(fresh.await.unwrap(), 5);
        assert!(rt::dump().tasks().is_empty());
    });
}

#[test]
fn aborted_while_held_is_cancelled() {
    // A dump from another thread while tasks are aborted: each is cancelled once.
    let rt = Runtime::builder().worker_threads(2).build().unwrap();
    let drops = Arc::new(AtomicUsize::new(0));
    struct Counted(Arc<AtomicUsize>);
    impl Drop for Counted {
        fn drop(&mut self) {
            self.0.fetch_add(1, SeqCst);
        }
    }
    #[stackless::coroutine]
    async fn holds(c: Counted, gate: Gate) {
        gate.wait().await;
        drop(c);
    }
    let tasks: Vec<_> = (0..100)
        .map(|_| rt.spawn_traced(holds(Counted(drops.clone()), Gate::default())))
        .collect();
    std::thread::scope(|s| {
        let rt = &rt;
        let d = s.spawn(move || {
            for _ in 0..20 {
                let _ = rt.dump();
            }
        });
        for t in &tasks {
            t.abort();
        }
        d.join().unwrap();
    });
    rt.block_on(async {
        for t in tasks {
            assert!(t.await.unwrap_err().is_cancelled());
        }
    });
    assert_eq!(drops.load(SeqCst), 100);
}
