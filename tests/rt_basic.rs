//! Runtime tests on the current-thread flavour (`stackless::rt::block_on`).

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::SeqCst};
use std::sync::{mpsc, Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

use stackless::rt::{
    block_on, sleep, sleep_until, spawn, spawn_blocking, timeout, yield_now, Builder, Elapsed,
    JoinError, JoinHandle, Runtime,
};

/// Sets its flag when dropped.
struct DropFlag(Arc<AtomicBool>);
impl Drop for DropFlag {
    fn drop(&mut self) {
        self.0.store(true, SeqCst);
    }
}

/// Counts drops.
struct DropCount(Arc<AtomicUsize>);
impl Drop for DropCount {
    fn drop(&mut self) {
        self.0.fetch_add(1, SeqCst);
    }
}

/// A one-shot signal whose `set` may come from any thread.
#[derive(Clone, Default)]
struct Signal(Arc<Mutex<(bool, Option<Waker>)>>);
impl Signal {
    fn set(&self) {
        let waker = {
            let mut s = self.0.lock().unwrap();
            s.0 = true;
            s.1.take()
        };
        if let Some(w) = waker {
            w.wake();
        }
    }
    fn wait(&self) -> impl Future<Output = ()> + '_ {
        std::future::poll_fn(move |cx| {
            let mut s = self.0.lock().unwrap();
            if s.0 {
                Poll::Ready(())
            } else {
                s.1 = Some(cx.waker().clone());
                Poll::Pending
            }
        })
    }
}

#[test]
fn block_on_returns_the_output() {
    assert_eq!(block_on(async { 40 + 2 }), 42);
    let s = String::from("borrowed");
    assert_eq!(block_on(async { s.len() }), 8);
}

#[test]
fn spawn_and_join() {
    let out = block_on(async {
        let handles: Vec<JoinHandle<u64>> =
            (0..100u64).map(|i| spawn(async move { i * 2 })).collect();
        let mut v = Vec::new();
        for h in handles {
            v.push(h.await.unwrap());
        }
        v
    });
    assert_eq!(out, (0..100u64).map(|i| i * 2).collect::<Vec<_>>());
}

#[test]
fn spawned_task_runs_without_being_awaited_and_is_finished() {
    block_on(async {
        let ran = Arc::new(AtomicBool::new(false));
        let r = ran.clone();
        let h = spawn(async move { r.store(true, SeqCst) });
        assert!(!h.is_finished());
        yield_now().await;
        assert!(ran.load(SeqCst));
        assert!(h.is_finished());
        h.await.unwrap();
    });
}

#[test]
fn nested_spawn_and_non_copy_output() {
    let v = block_on(async {
        spawn(async {
            spawn(async { vec![String::from("a"), String::from("b")] })
                .await
                .unwrap()
        })
        .await
        .unwrap()
    });
    assert_eq!(v, ["a", "b"]);
}

#[test]
fn dropping_the_handle_detaches() {
    block_on(async {
        let signal = Signal::default();
        let s = signal.clone();
        drop(spawn(async move {
            yield_now().await;
            s.set();
        }));
        signal.wait().await;
    });
}

#[test]
fn detached_output_is_dropped() {
    let drops = Arc::new(AtomicUsize::new(0));
    let d = drops.clone();
    block_on(async move {
        drop(spawn(async move { DropCount(d) }));
        yield_now().await;
        yield_now().await;
    });
    assert_eq!(drops.load(SeqCst), 1);
}

#[test]
fn abort_drops_the_future_and_reports_cancelled() {
    block_on(async {
        let dropped = Arc::new(AtomicBool::new(false));
        let flag = DropFlag(dropped.clone());
        let h = spawn(async move {
            let _flag = flag;
            std::future::pending::<()>().await;
        });
        yield_now().await; // the task runs and parks forever
        assert!(!dropped.load(SeqCst));
        h.abort();
        assert!(
            dropped.load(SeqCst),
            "an idle task's future is dropped by abort() itself"
        );
        assert!(h.is_finished());
        let err = h.await.unwrap_err();
        assert!(err.is_cancelled());
        assert!(!err.is_panic());
    });
}

#[test]
fn abort_before_first_poll() {
    block_on(async {
        let polled = Arc::new(AtomicBool::new(false));
        let p = polled.clone();
        let h = spawn(async move { p.store(true, SeqCst) });
        h.abort();
        assert!(h.await.unwrap_err().is_cancelled());
        yield_now().await;
        assert!(!polled.load(SeqCst));
    });
}

#[test]
fn abort_after_completion_keeps_the_output() {
    block_on(async {
        let h = spawn(async { 5 });
        yield_now().await;
        assert!(h.is_finished());
        h.abort();
        assert_eq!(h.await.unwrap(), 5);
    });
}

#[test]
fn task_aborting_itself_while_running() {
    block_on(async {
        let slot: Arc<Mutex<Option<JoinHandle<()>>>> = Arc::default();
        let s = slot.clone();
        let dropped = Arc::new(AtomicBool::new(false));
        let flag = DropFlag(dropped.clone());
        let reached_end = Arc::new(AtomicBool::new(false));
        let r = reached_end.clone();
        let h = spawn(async move {
            let _flag = flag;
            yield_now().await;
            // Abort our own handle while we are being polled: the future is dropped when
            // this poll returns.
            let me = s.lock().unwrap().take().unwrap();
            me.abort();
            drop(me);
            yield_now().await;
            r.store(true, SeqCst);
        });
        *slot.lock().unwrap() = Some(h);
        for _ in 0..10 {
            yield_now().await;
        }
        assert!(dropped.load(SeqCst));
        assert!(!reached_end.load(SeqCst));
    });
}

#[test]
fn panics_are_reported_and_do_not_take_the_runtime_down() {
    let (msg, after) = block_on(async {
        let seven = std::hint::black_box(7);
        let h = spawn(async move {
            if seven == 7 {
                panic!("boom {seven}");
            }
            1
        });
        let err: JoinError = h.await.unwrap_err();
        assert!(err.is_panic());
        assert!(!err.is_cancelled());
        assert!(err.to_string().contains("boom 7"), "{err}");
        let payload = err.into_panic();
        let msg = payload.downcast_ref::<String>().cloned().unwrap();
        let after = spawn(async { 2 }).await.unwrap();
        (msg, after)
    });
    assert_eq!(msg, "boom 7");
    assert_eq!(after, 2);
}

#[test]
fn panic_with_str_payload() {
    block_on(async {
        let err = spawn(async { panic!("static") }).await.unwrap_err();
        assert_eq!(*err.into_panic().downcast_ref::<&str>().unwrap(), "static");
    });
}

#[test]
#[should_panic(expected = "outside of a runtime")]
fn spawn_outside_a_runtime_panics() {
    drop(spawn(async {}));
}

#[test]
#[should_panic(expected = "outside of a runtime")]
fn spawn_blocking_outside_a_runtime_panics() {
    drop(spawn_blocking(|| {}));
}

#[test]
fn sleep_waits_at_least_its_duration() {
    block_on(async {
        let start = Instant::now();
        sleep(Duration::from_millis(20)).await;
        assert!(start.elapsed() >= Duration::from_millis(20));
        sleep(Duration::ZERO).await;
    });
}

#[test]
fn timers_fire_in_deadline_order() {
    let order = block_on(async {
        let order = Arc::new(Mutex::new(Vec::new()));
        let base = Instant::now() + Duration::from_millis(10);
        let offsets = [30u64, 10, 50, 0, 20, 40, 5, 45, 15, 25];
        let handles: Vec<_> = offsets
            .iter()
            .map(|&ms| {
                let order = order.clone();
                spawn(async move {
                    sleep_until(base + Duration::from_millis(ms)).await;
                    assert!(Instant::now() >= base + Duration::from_millis(ms));
                    order.lock().unwrap().push(ms);
                })
            })
            .collect();
        for h in handles {
            h.await.unwrap();
        }
        let v = order.lock().unwrap().clone();
        v
    });
    let mut sorted = order.clone();
    sorted.sort_unstable();
    assert_eq!(order, sorted);
    assert_eq!(order.len(), 10);
}

#[test]
fn equal_deadlines_fire_in_registration_order() {
    let order = block_on(async {
        let order = Arc::new(Mutex::new(Vec::new()));
        let at = Instant::now() + Duration::from_millis(5);
        let handles: Vec<_> = (0..20)
            .map(|i| {
                let order = order.clone();
                spawn(async move {
                    sleep_until(at).await;
                    order.lock().unwrap().push(i);
                })
            })
            .collect();
        for h in handles {
            h.await.unwrap();
        }
        let v = order.lock().unwrap().clone();
        v
    });
    assert_eq!(order, (0..20).collect::<Vec<_>>());
}

#[test]
fn timeout_both_ways() {
    block_on(async {
        assert_eq!(timeout(Duration::from_secs(10), async { 7 }).await, Ok(7));
        let slow = timeout(Duration::from_secs(10), async {
            sleep(Duration::from_millis(5)).await;
            8
        });
        assert_eq!(slow.await, Ok(8));

        let dropped = Arc::new(AtomicBool::new(false));
        let flag = DropFlag(dropped.clone());
        let start = Instant::now();
        let r = timeout(Duration::from_millis(10), async move {
            let _flag = flag;
            std::future::pending::<()>().await
        })
        .await;
        assert_eq!(r, Err(Elapsed::clone(&r.unwrap_err())));
        assert!(start.elapsed() >= Duration::from_millis(10));
        assert!(dropped.load(SeqCst), "the timed-out future is dropped");
        assert_eq!(r.unwrap_err().to_string(), "deadline has elapsed");
    });
}

#[test]
fn cancelled_timers_do_not_keep_the_runtime_busy() {
    block_on(async {
        for _ in 0..1000 {
            let r = timeout(Duration::from_secs(3600), yield_now()).await;
            assert_eq!(r, Ok(()));
        }
        // All those hour-long timers were removed: this sleep is the only one left.
        let start = Instant::now();
        sleep(Duration::from_millis(2)).await;
        assert!(start.elapsed() >= Duration::from_millis(2));
    });
}

#[test]
fn yield_now_is_fair() {
    let log = block_on(async {
        let log = Arc::new(Mutex::new(Vec::new()));
        let handles: Vec<_> = (0..3)
            .map(|id| {
                let log = log.clone();
                spawn(async move {
                    for _ in 0..4 {
                        log.lock().unwrap().push(id);
                        yield_now().await;
                    }
                })
            })
            .collect();
        for h in handles {
            h.await.unwrap();
        }
        let v = log.lock().unwrap().clone();
        v
    });
    assert_eq!(log, [0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2]);
}

/// Polls itself `n` times, counting polls, waking itself `wakes` times in each poll.
struct WakeMany {
    polls: Arc<AtomicUsize>,
    wakes: usize,
    remaining: usize,
}
impl Future for WakeMany {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        self.polls.fetch_add(1, SeqCst);
        if self.remaining == 0 {
            return Poll::Ready(());
        }
        self.remaining -= 1;
        for _ in 0..self.wakes {
            cx.waker().wake_by_ref();
            #[allow(clippy::waker_clone_wake)] // waking by value is what is tested
            cx.waker().clone().wake();
        }
        Poll::Pending
    }
}

#[test]
fn waking_a_running_task_reschedules_it_exactly_once() {
    let polls = Arc::new(AtomicUsize::new(0));
    let p = polls.clone();
    block_on(async move {
        spawn(WakeMany {
            polls: p,
            wakes: 5,
            remaining: 3,
        })
        .await
        .unwrap();
    });
    assert_eq!(polls.load(SeqCst), 4);
}

#[test]
fn waking_a_queued_task_does_not_queue_it_twice() {
    let polls = Arc::new(AtomicUsize::new(0));
    let p = polls.clone();
    block_on(async move {
        let waker_slot: Arc<Mutex<Option<Waker>>> = Arc::default();
        let w = waker_slot.clone();
        let h = spawn(std::future::poll_fn(move |cx| {
            let n = p.fetch_add(1, SeqCst);
            if n == 0 {
                *w.lock().unwrap() = Some(cx.waker().clone());
                Poll::Pending
            } else {
                Poll::Ready(())
            }
        }));
        yield_now().await; // the task registers its waker
        let waker = waker_slot.lock().unwrap().take().unwrap();
        for _ in 0..10 {
            waker.wake_by_ref(); // the first queues it, the rest see it queued
        }
        drop(waker);
        h.await.unwrap();
    });
    assert_eq!(polls.load(SeqCst), 2);
}

#[test]
fn wake_from_another_thread() {
    let got = block_on(async {
        let signal = Signal::default();
        let s = signal.clone();
        let t = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(20));
            s.set();
        });
        let waiter = spawn({
            let signal = signal.clone();
            async move {
                signal.wait().await;
                "woken"
            }
        });
        let r = waiter.await.unwrap();
        t.join().unwrap();
        r
    });
    assert_eq!(got, "woken");
}

#[test]
fn main_future_woken_from_another_thread() {
    let signal = Signal::default();
    let s = signal.clone();
    let t = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(10));
        s.set();
    });
    block_on(signal.wait());
    t.join().unwrap();
}

#[test]
fn spawn_blocking_runs_elsewhere_while_tasks_progress() {
    block_on(async {
        let runtime_thread = std::thread::current().id();
        let (tx, rx) = mpsc::channel::<u32>();
        // The blocking job waits (blocking its thread) until the async side has made
        // progress; if it ran on the runtime thread this would never happen.
        let job = spawn_blocking(move || {
            let got = rx
                .recv_timeout(Duration::from_secs(10))
                .expect("tasks kept running");
            (std::thread::current().id(), got)
        });
        let ticker = spawn(async move {
            let mut n = 0;
            for _ in 0..10 {
                sleep(Duration::from_millis(1)).await;
                n += 1;
            }
            tx.send(n).unwrap();
            n
        });
        assert_eq!(ticker.await.unwrap(), 10);
        let (thread, got) = job.await.unwrap();
        assert_eq!(got, 10);
        assert_ne!(thread, runtime_thread);
    });
}

#[test]
fn spawn_blocking_panic_and_spawn_from_the_pool() {
    block_on(async {
        let err = spawn_blocking(|| panic!("blocking boom"))
            .await
            .unwrap_err();
        assert!(err.is_panic());
        // `spawn` works from a blocking closure (it has the runtime context).
        let inner = spawn_blocking(|| spawn(async { 3 })).await.unwrap();
        assert_eq!(inner.await.unwrap(), 3);
    });
}

#[test]
fn hundred_thousand_tasks_in_one_block_on() {
    const N: u64 = 100_000;
    let sum = block_on(async {
        let handles: Vec<_> = (0..N).map(|i| spawn(async move { i })).collect();
        let mut sum = 0;
        for h in handles {
            sum += h.await.unwrap();
        }
        sum
    });
    assert_eq!(sum, N * (N - 1) / 2);
}

#[test]
fn block_on_end_drops_pending_tasks() {
    let drops = Arc::new(AtomicUsize::new(0));
    let d = drops.clone();
    block_on(async move {
        for i in 0..50 {
            let guard = DropCount(d.clone());
            drop(spawn(async move {
                let _guard = guard;
                if i % 2 == 0 {
                    std::future::pending::<()>().await;
                } else {
                    sleep(Duration::from_secs(3600)).await;
                }
            }));
        }
        yield_now().await;
        assert_eq!(d.load(SeqCst), 0);
    });
    assert_eq!(drops.load(SeqCst), 50);
}

#[test]
fn shutdown_drops_tasks_that_wait_on_each_other() {
    // A cycle: each task holds the other's handle, so reference counting alone would leak.
    let drops = Arc::new(AtomicUsize::new(0));
    let rt = Builder::new_current_thread().build().unwrap();
    let slot: Arc<Mutex<Option<JoinHandle<()>>>> = Arc::default();
    let (s, d) = (slot.clone(), drops.clone());
    let g = DropCount(d);
    let a = rt.spawn(async move {
        let _g = g;
        std::future::pending::<()>().await;
    });
    let g = DropCount(drops.clone());
    let b = rt.spawn(async move {
        let _g = g;
        let _a = a;
        std::future::pending::<()>().await;
    });
    *s.lock().unwrap() = Some(b);
    rt.block_on(yield_now());
    assert_eq!(drops.load(SeqCst), 0);
    drop(rt);
    assert_eq!(drops.load(SeqCst), 2);
    let b = slot.lock().unwrap().take().unwrap();
    assert!(b.is_finished());
    let err = block_on(b).unwrap_err();
    assert!(err.is_cancelled());
}

#[test]
fn current_thread_runtime_keeps_tasks_between_block_ons() {
    let rt = Builder::new_current_thread().build().unwrap();
    let h = rt.spawn(async { 11 });
    assert!(!h.is_finished(), "nothing runs outside block_on");
    assert_eq!(rt.block_on(h).unwrap(), 11);
    let counter = Arc::new(AtomicUsize::new(0));
    let c = counter.clone();
    let h = rt.spawn(async move {
        for _ in 0..3 {
            yield_now().await;
            c.fetch_add(1, SeqCst);
        }
    });
    rt.block_on(async {
        h.await.unwrap();
    });
    assert_eq!(counter.load(SeqCst), 3);
}

#[test]
fn handle_awaited_on_another_runtime() {
    let rt = Builder::new_current_thread().build().unwrap();
    let h = rt.spawn(async {
        sleep(Duration::from_millis(2)).await;
        "done"
    });
    let t = std::thread::spawn(move || block_on(h).unwrap());
    rt.block_on(sleep(Duration::from_millis(20)));
    assert_eq!(t.join().unwrap(), "done");
}

#[test]
fn sleep_works_on_a_foreign_executor() {
    // No stackless runtime here: the process-wide timer thread drives the sleep.
    let start = Instant::now();
    let waker = std::task::Waker::from(Arc::new(ThreadWaker(std::thread::current())));
    let mut cx = Context::from_waker(&waker);
    let mut s = std::pin::pin!(sleep(Duration::from_millis(10)));
    while s.as_mut().poll(&mut cx).is_pending() {
        std::thread::park();
    }
    assert!(start.elapsed() >= Duration::from_millis(10));
}

struct ThreadWaker(std::thread::Thread);
impl std::task::Wake for ThreadWaker {
    fn wake(self: Arc<Self>) {
        self.0.unpark();
    }
}

#[test]
fn runtime_new_is_tokio_shaped() {
    let rt: Runtime = Runtime::new().unwrap();
    assert_eq!(rt.block_on(async { spawn(async { 1 }).await.unwrap() }), 1);
    let rt = Runtime::builder().current_thread().build().unwrap();
    assert_eq!(rt.block_on(async { 2 }), 2);
}

#[test]
fn join_error_is_send_sync_error() {
    fn check<T: Send + Sync + std::error::Error + 'static>() {}
    check::<JoinError>();
    check::<Elapsed>();
    fn send<T: Send + Sync>() {}
    send::<JoinHandle<u8>>();
    send::<Runtime>();
}
