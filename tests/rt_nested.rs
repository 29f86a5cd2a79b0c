//! A `block_on` on a thread that drives a runtime (inside another `block_on`, or in a task)
//! panics with a clear message instead of hanging: the inner future may wait for a task that
//! only the blocked thread would run. Each case runs on a thread of its own and is given a
//! few seconds, so a regression fails the test instead of hanging the suite.

use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc;
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use stackless::rt::{block_on, spawn, spawn_blocking, Builder, Runtime};

const MESSAGE: &str = "Cannot start a runtime from within a runtime";

/// Runs `f` on a fresh thread and returns what it returned, or fails if it takes too long.
fn bounded<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(20))
        .expect("the nested `block_on` hung (or its thread died)")
}

fn message(payload: Box<dyn Any + Send>) -> String {
    match payload.downcast::<String>() {
        Ok(s) => *s,
        Err(p) => match p.downcast::<&'static str>() {
            Ok(s) => (*s).to_string(),
            Err(_) => "<not a string>".to_string(),
        },
    }
}

/// What `f` panicked with, if it panicked.
fn panic_message<T>(f: impl FnOnce() -> T) -> Option<String> {
    catch_unwind(AssertUnwindSafe(f)).err().map(message)
}

fn multi(workers: usize) -> Runtime {
    Builder::new_multi_thread()
        .worker_threads(workers)
        .build()
        .unwrap()
}

#[test]
fn block_on_in_the_future_of_block_on_panics() {
    let got = bounded(|| {
        panic_message(|| {
            block_on(async {
                let h = spawn(async { 1 });
                // Would park the thread that runs `h`.
                block_on(async move { h.await.unwrap() })
            })
        })
    });
    let msg = got.expect("nested block_on returned");
    assert!(msg.contains(MESSAGE), "{msg}");
    assert!(msg.contains("`.await` the future instead"), "{msg}");
}

#[test]
fn block_on_in_a_task_of_block_on_panics() {
    let got = bounded(|| {
        block_on(async {
            let h = spawn(async { 1 });
            let t = spawn(async move { block_on(async move { h.await.unwrap() }) });
            t.await
        })
    });
    let err = got.expect_err("nested block_on returned");
    assert!(err.is_panic());
    let msg = message(err.into_panic());
    assert!(msg.contains(MESSAGE), "{msg}");
}

#[test]
fn runtime_block_on_in_block_on_panics() {
    let got = bounded(|| {
        let rt = Builder::new_current_thread().build().unwrap();
        panic_message(|| {
            rt.block_on(async {
                let h = spawn(async { 2 });
                // The same runtime, from inside its own `block_on`.
                rt.block_on(async move { h.await.unwrap() })
            })
        })
    });
    let msg = got.expect("nested Runtime::block_on returned");
    assert!(msg.contains(MESSAGE), "{msg}");
}

#[test]
fn block_on_in_a_multi_thread_task_panics() {
    let got = bounded(|| {
        let rt = multi(1);
        rt.block_on(rt.spawn(async {
            let h = spawn(async { 3 });
            block_on(async move { h.await.unwrap() })
        }))
    });
    let err = got.expect_err("nested block_on returned");
    assert!(err.is_panic());
    let msg = message(err.into_panic());
    assert!(msg.contains(MESSAGE), "{msg}");
}

#[test]
fn runtime_block_on_in_its_own_worker_panics() {
    let got = bounded(|| {
        let rt = Arc::new(multi(2));
        let inner = rt.clone();
        let out = rt.block_on(rt.spawn(async move {
            panic_message(|| {
                let h = spawn(async { 4 });
                inner.block_on(async move { h.await.unwrap() })
            })
        }));
        // The task holds no clone of the runtime any more: drop it off its workers.
        drop(rt);
        out
    });
    let msg = got.unwrap().expect("nested Runtime::block_on returned");
    assert!(msg.contains(MESSAGE), "{msg}");
}

#[test]
fn block_on_in_spawn_blocking_works() {
    // A blocking-pool thread drives no tasks: blocking there is what it is for, even on a
    // future that waits for a task of the outer runtime.
    let got = bounded(|| {
        block_on(async {
            let h = spawn(async { 20 });
            spawn_blocking(move || block_on(async move { h.await.unwrap() + 22 }))
                .await
                .unwrap()
        })
    });
    assert_eq!(got, 42);
}

#[test]
fn block_on_after_block_on_works() {
    // Leaving `block_on` leaves its runtime: the thread may block again.
    let got = bounded(|| {
        let a = block_on(async { spawn(async { 1 }).await.unwrap() });
        let b = block_on(async { spawn(async { 2 }).await.unwrap() });
        let c = panic_message(|| block_on(async { block_on(async { 3 }) }));
        let d = block_on(async { 4 });
        (a + b + d, c.is_some())
    });
    assert_eq!(got, (7, true));
}

#[test]
fn multi_thread_block_on_caller_may_block_on() {
    // The caller of a multi-thread runtime's `block_on` drives no tasks (its workers do),
    // so a `block_on` in its future does not stop them.
    let got = bounded(|| {
        let rt = multi(2);
        rt.block_on(async {
            let h = spawn(async { 5 });
            block_on(async move { h.await.unwrap() })
        })
    });
    assert_eq!(got, 5);
}
