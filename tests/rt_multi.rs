//! Runtime tests on the multi-thread, work-stealing flavour, and bounded stress tests.

use std::collections::HashSet;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::SeqCst};
use std::sync::{mpsc, Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::thread::ThreadId;
use std::time::{Duration, Instant};

use stackless::rt::{
    sleep, spawn, spawn_blocking, timeout, yield_now, Builder, JoinHandle, Runtime,
};

fn two_workers() -> Runtime {
    Runtime::builder().worker_threads(2).build().unwrap()
}

struct DropCount(Arc<AtomicUsize>);
impl Drop for DropCount {
    fn drop(&mut self) {
        self.0.fetch_add(1, SeqCst);
    }
}

/// A oneshot channel usable from any thread.
struct Oneshot<T>(Arc<Mutex<(Option<T>, Option<Waker>)>>);
impl<T> Clone for Oneshot<T> {
    fn clone(&self) -> Self {
        Oneshot(self.0.clone())
    }
}
impl<T> Oneshot<T> {
    fn new() -> Self {
        Oneshot(Arc::new(Mutex::new((None, None))))
    }
    fn send(&self, v: T) {
        let w = {
            let mut s = self.0.lock().unwrap();
            s.0 = Some(v);
            s.1.take()
        };
        if let Some(w) = w {
            w.wake();
        }
    }
}
impl<T> Future for Oneshot<T> {
    type Output = T;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let mut s = self.0.lock().unwrap();
        match s.0.take() {
            Some(v) => Poll::Ready(v),
            None => {
                s.1 = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

#[test]
fn spawn_and_join_on_workers() {
    let rt = two_workers();
    let handles: Vec<_> = (0..1000u64)
        .map(|i| rt.spawn(async move { i + 1 }))
        .collect();
    let sum = rt.block_on(async {
        let mut sum = 0;
        for h in handles {
            sum += h.await.unwrap();
        }
        sum
    });
    assert_eq!(sum, 1000 * 1001 / 2);
}

#[test]
fn several_workers_run_at_the_same_time() {
    let rt = two_workers();
    let arrived = Arc::new(AtomicUsize::new(0));
    let ids: Vec<JoinHandle<ThreadId>> = (0..2)
        .map(|_| {
            let arrived = arrived.clone();
            rt.spawn(async move {
                arrived.fetch_add(1, SeqCst);
                // Block this worker until the other task is running too: only possible if
                // the two tasks are on two different workers at once.
                let deadline = Instant::now() + Duration::from_secs(10);
                while arrived.load(SeqCst) < 2 {
                    assert!(
                        Instant::now() < deadline,
                        "the second worker never ran the task"
                    );
                    std::thread::yield_now();
                }
                std::thread::current().id()
            })
        })
        .collect();
    let ids: HashSet<ThreadId> = rt.block_on(async {
        let mut set = HashSet::new();
        for h in ids {
            set.insert(h.await.unwrap());
        }
        set
    });
    assert_eq!(ids.len(), 2);
    assert!(!ids.contains(&std::thread::current().id()));
}

#[test]
fn idle_workers_steal_from_a_busy_one() {
    let rt = two_workers();
    // One task spawns many from inside a worker (they go to its local queue); each of
    // them blocks its thread a little, so the other worker must steal to help.
    let threads = rt.block_on(async { rt_spawn_many().await });
    assert_eq!(
        threads.len(),
        2,
        "both workers ran some of the locally spawned tasks"
    );
}

async fn rt_spawn_many() -> HashSet<ThreadId> {
    spawn(async {
        let handles: Vec<_> = (0..64)
            .map(|_| {
                spawn(async {
                    std::thread::sleep(Duration::from_millis(1));
                    std::thread::current().id()
                })
            })
            .collect();
        let mut set = HashSet::new();
        for h in handles {
            set.insert(h.await.unwrap());
        }
        set
    })
    .await
    .unwrap()
}

#[test]
fn abort_and_panic_on_workers() {
    let rt = two_workers();
    rt.block_on(async {
        let drops = Arc::new(AtomicUsize::new(0));
        let g = DropCount(drops.clone());
        let h = spawn(async move {
            let _g = g;
            std::future::pending::<()>().await
        });
        sleep(Duration::from_millis(5)).await;
        h.abort();
        assert!(h.await.unwrap_err().is_cancelled());
        assert_eq!(drops.load(SeqCst), 1);

        let err = spawn(async { panic!("worker boom") }).await.unwrap_err();
        assert!(err.is_panic());
        assert_eq!(spawn(async { 3 }).await.unwrap(), 3);
    });
}

#[test]
fn wake_from_another_thread_on_workers() {
    let rt = two_workers();
    let ch = Oneshot::new();
    let rx = ch.clone();
    let h = rt.spawn(async move { rx.await * 2 });
    let t = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(10));
        ch.send(21);
    });
    assert_eq!(rt.block_on(h).unwrap(), 42);
    t.join().unwrap();
}

#[test]
fn timers_on_workers() {
    let rt = two_workers();
    let order = rt.block_on(async {
        let order = Arc::new(Mutex::new(Vec::new()));
        let base = Instant::now() + Duration::from_millis(5);
        let hs: Vec<_> = [40u64, 0, 20, 10, 30]
            .into_iter()
            .map(|ms| {
                let order = order.clone();
                spawn(async move {
                    stackless::rt::sleep_until(base + Duration::from_millis(ms)).await;
                    order.lock().unwrap().push(ms);
                })
            })
            .collect();
        for h in hs {
            h.await.unwrap();
        }
        assert!(
            timeout(Duration::from_millis(5), std::future::pending::<()>())
                .await
                .is_err()
        );
        let v = order.lock().unwrap().clone();
        v
    });
    assert_eq!(order, [0, 10, 20, 30, 40]);
}

#[test]
fn spawn_blocking_does_not_stall_workers() {
    // One worker only: a blocking call inside a task would stall everything.
    let rt = Runtime::builder().worker_threads(1).build().unwrap();
    let (tx, rx) = mpsc::channel::<()>();
    rt.block_on(async {
        let job = spawn_blocking(move || rx.recv_timeout(Duration::from_secs(10)).is_ok());
        let progress = spawn(async move {
            for _ in 0..5 {
                sleep(Duration::from_millis(1)).await;
            }
            tx.send(()).unwrap();
        });
        progress.await.unwrap();
        assert!(job.await.unwrap());
    });
}

#[test]
fn hundred_thousand_tasks_on_workers() {
    const N: usize = 100_000;
    let rt = two_workers();
    let count = Arc::new(AtomicUsize::new(0));
    let c = count.clone();
    rt.block_on(async move {
        let handles: Vec<_> = (0..N)
            .map(|_| {
                let c = c.clone();
                spawn(async move {
                    c.fetch_add(1, SeqCst);
                })
            })
            .collect();
        for h in handles {
            h.await.unwrap();
        }
    });
    assert_eq!(count.load(SeqCst), N);
}

#[test]
fn shutdown_drops_pending_tasks_on_workers() {
    let drops = Arc::new(AtomicUsize::new(0));
    let rt = two_workers();
    let started = Arc::new(AtomicUsize::new(0));
    let mut handles = Vec::new();
    for i in 0..100 {
        let g = DropCount(drops.clone());
        let started = started.clone();
        handles.push(rt.spawn(async move {
            let _g = g;
            started.fetch_add(1, SeqCst);
            if i % 2 == 0 {
                std::future::pending::<()>().await;
            } else {
                sleep(Duration::from_secs(3600)).await;
            }
        }));
    }
    rt.block_on(async {
        while started.load(SeqCst) < 100 {
            sleep(Duration::from_millis(1)).await;
        }
    });
    assert_eq!(drops.load(SeqCst), 0);
    drop(rt);
    assert_eq!(drops.load(SeqCst), 100);
    for h in handles {
        assert!(h.is_finished());
    }
}

#[test]
fn spawn_after_shutdown_is_cancelled() {
    let rt = two_workers();
    let smuggled: Arc<Mutex<Option<JoinHandle<JoinHandle<u8>>>>> = Arc::default();
    // A blocking job that outlives the runtime and spawns after it is gone.
    let (tx, rx) = mpsc::channel::<()>();
    let (started_tx, started_rx) = mpsc::channel::<()>();
    let job = rt.spawn_blocking(move || {
        started_tx.send(()).unwrap();
        rx.recv().unwrap();
        spawn(async { 1u8 })
    });
    // Queued (not yet started) blocking jobs are cancelled by shutdown: wait for the start.
    started_rx.recv_timeout(Duration::from_secs(10)).unwrap();
    *smuggled.lock().unwrap() = Some(job);
    drop(rt);
    tx.send(()).unwrap();
    let job = smuggled.lock().unwrap().take().unwrap();
    let inner = stackless::rt::block_on(job).unwrap();
    assert!(stackless::rt::block_on(inner).unwrap_err().is_cancelled());
}

// ---- bounded stress tests ----

#[test]
fn stress_yields_across_workers() {
    let rt = two_workers();
    let total = Arc::new(AtomicUsize::new(0));
    let t = total.clone();
    rt.block_on(async move {
        let hs: Vec<_> = (0..200)
            .map(|_| {
                let t = t.clone();
                spawn(async move {
                    for _ in 0..200 {
                        t.fetch_add(1, SeqCst);
                        yield_now().await;
                    }
                })
            })
            .collect();
        for h in hs {
            h.await.unwrap();
        }
    });
    assert_eq!(total.load(SeqCst), 200 * 200);
}

#[test]
fn stress_relay_chain() {
    // 1,000 tasks in a chain: each waits for a value from its predecessor and passes it on
    // plus one, waking the next task from whichever worker it runs on. Ten rounds.
    let rt = two_workers();
    for round in 0..10u32 {
        let out = rt.block_on(async move {
            let first = Oneshot::<u32>::new();
            let mut prev = first.clone();
            let mut hs = Vec::new();
            for _ in 0..1000 {
                let next = Oneshot::<u32>::new();
                let (rx, tx) = (prev, next.clone());
                hs.push(spawn(async move {
                    let v = rx.await;
                    tx.send(v + 1);
                }));
                prev = next;
            }
            first.send(round);
            let v = prev.await;
            for h in hs {
                h.await.unwrap();
            }
            v
        });
        assert_eq!(out, round + 1000);
    }
}

#[test]
fn stress_external_wakers_and_timeouts() {
    let rt = two_workers();
    let done = Arc::new(AtomicUsize::new(0));
    let mut senders = Vec::new();
    let mut handles = Vec::new();
    for i in 0..200 {
        let ch = Oneshot::<usize>::new();
        senders.push(ch.clone());
        let done = done.clone();
        handles.push(rt.spawn(async move {
            let v = timeout(Duration::from_secs(10), ch)
                .await
                .expect("woken in time");
            assert_eq!(v, i);
            done.fetch_add(1, SeqCst);
        }));
    }
    let threads: Vec<_> = senders
        .chunks(50)
        .enumerate()
        .map(|(k, chunk)| {
            let chunk = chunk.to_vec();
            std::thread::spawn(move || {
                for (j, s) in chunk.into_iter().enumerate() {
                    s.send(k * 50 + j);
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    rt.block_on(async {
        for h in handles {
            h.await.unwrap();
        }
    });
    assert_eq!(done.load(SeqCst), 200);
}

#[test]
fn stress_many_runtimes() {
    for _ in 0..20 {
        let rt = two_workers();
        let n = rt.block_on(async {
            let hs: Vec<_> = (0..100).map(|i| spawn(async move { i })).collect();
            let mut n = 0;
            for h in hs {
                n += h.await.unwrap();
            }
            n
        });
        assert_eq!(n, 4950);
    }
    for _ in 0..20 {
        let rt = Builder::new_current_thread().build().unwrap();
        assert_eq!(rt.block_on(async { spawn(async { 1 }).await.unwrap() }), 1);
    }
}

#[test]
fn flag_is_set_by_detached_task() {
    let rt = two_workers();
    let flag = Arc::new(AtomicBool::new(false));
    let f = flag.clone();
    drop(rt.spawn(async move { f.store(true, SeqCst) }));
    rt.block_on(async {
        let deadline = Instant::now() + Duration::from_secs(10);
        while !flag.load(SeqCst) {
            assert!(Instant::now() < deadline);
            sleep(Duration::from_millis(1)).await;
        }
    });
}

#[test]
fn shutdown_cancels_queued_blocking_jobs() {
    let rt = Runtime::builder()
        .worker_threads(1)
        .max_blocking_threads(1)
        .build()
        .unwrap();
    let (started_tx, started_rx) = mpsc::channel::<()>();
    let (release_tx, release_rx) = mpsc::channel::<()>();
    let first = rt.spawn_blocking(move || {
        started_tx.send(()).unwrap();
        release_rx.recv().unwrap();
        1
    });
    let ran = Arc::new(AtomicBool::new(false));
    let r = ran.clone();
    // The pool's only thread is busy: this one waits in the queue.
    let second = rt.spawn_blocking(move || r.store(true, SeqCst));
    started_rx.recv_timeout(Duration::from_secs(10)).unwrap();
    drop(rt);
    release_tx.send(()).unwrap();
    assert_eq!(stackless::rt::block_on(first).unwrap(), 1);
    assert!(stackless::rt::block_on(second).unwrap_err().is_cancelled());
    assert!(!ran.load(SeqCst));
}
