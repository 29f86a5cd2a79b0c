//! Async machines against native `async fn`s with the same body, both polled by the same
//! minimal poll loop. Figures and commands: `benches/README.md`.
//!
//! `cargo bench --bench async_fns`

use std::future::Future;
use std::hint::black_box;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

/// The poll loop both contenders run under: a no-op waker, poll until ready.
fn poll_to_end<F: Future>(fut: F) -> F::Output {
    let mut cx = Context::from_waker(Waker::noop());
    let mut fut = pin!(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

/// Defines `$name` as a `#[stackless::coroutine] async fn` and `$native` as the native
/// `async fn` with the same parameters and body.
macro_rules! both {
    (async fn $name:ident / $native:ident ($($arg:ident : $ty:ty),*) -> $ret:ty $body:block) => {
        #[stackless::coroutine]
        async fn $name($($arg: $ty),*) -> $ret $body
        async fn $native($($arg: $ty),*) -> $ret $body
    };
}

both! {
    async fn ready_loop / ready_loop_native(n: u64) -> u64 {
        let mut sum = 0u64;
        for i in 0..n {
            sum = sum.wrapping_add(std::future::ready(black_box(i)).await);
        }
        sum
    }
}

/// A future that is pending once (waking itself), then ready: each `.await` of it suspends
/// the machine, as a real I/O future does.
struct PendingOnce(bool);

impl Future for PendingOnce {
    type Output = u64;
    fn poll(mut self: std::pin::Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u64> {
        if self.0 {
            Poll::Ready(1)
        } else {
            self.0 = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

/// The state an event loop keeps across its awaits: 264 bytes.
struct Stats {
    hist: [u64; 32],
    count: u64,
}

both! {
    async fn state_loop / state_loop_native(n: u64) -> u64 {
        let mut st = Stats {
            hist: [0; 32],
            count: 0,
        };
        for i in 0..n {
            let v = PendingOnce(black_box(false)).await;
            st.hist[(i % 32) as usize] += v;
            st.count += 1;
        }
        let total: u64 = st.hist.iter().sum();
        total + st.count
    }
}

/// A receiver the task owns: each `recv()` borrows it (a pinned slot), pending once per
/// message.
struct Rx {
    left: u64,
}

impl Rx {
    fn recv(&mut self) -> Recv<'_> {
        Recv {
            rx: self,
            waited: false,
        }
    }
}

struct Recv<'a> {
    rx: &'a mut Rx,
    waited: bool,
}

impl Future for Recv<'_> {
    type Output = Option<u64>;
    fn poll(mut self: std::pin::Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<u64>> {
        if !self.waited {
            self.waited = true;
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        if self.rx.left == 0 {
            Poll::Ready(None)
        } else {
            self.rx.left -= 1;
            Poll::Ready(Some(self.rx.left))
        }
    }
}

// An actor: a loop over messages from a receiver it owns, with the same 264-byte state.
both! {
    async fn actor / actor_native(rx: Rx) -> u64 {
        let mut rx = rx;
        let mut st = Stats {
            hist: [0; 32],
            count: 0,
        };
        while let Some(v) = rx.recv().await {
            st.hist[(v % 32) as usize] += v;
            st.count += 1;
        }
        let total: u64 = st.hist.iter().sum();
        total + st.count
    }
}

macro_rules! chain {
    ($($name:ident => $next:ident),* ; $leaf:ident) => {
        #[stackless::coroutine]
        async fn $leaf(x: u64) -> u64 {
            std::future::ready(black_box(x)).await + 1
        }
        $(
            #[stackless::coroutine]
            async fn $name(x: u64) -> u64 {
                $next(x).await + 1
            }
        )*
    };
}

macro_rules! chain_native {
    ($($name:ident => $next:ident),* ; $leaf:ident) => {
        async fn $leaf(x: u64) -> u64 {
            std::future::ready(black_box(x)).await + 1
        }
        $(
            async fn $name(x: u64) -> u64 {
                $next(x).await + 1
            }
        )*
    };
}

chain!(c9 => c8, c8 => c7, c7 => c6, c6 => c5, c5 => c4, c4 => c3, c3 => c2, c2 => c1, c1 => c0; c0);
chain_native!(n9 => n8, n8 => n7, n7 => n6, n6 => n5, n5 => n4, n4 => n3, n3 => n2, n2 => n1, n1 => n0; n0);

fn async_benches(c: &mut Criterion) {
    const N: u64 = 1_000;
    assert_eq!(
        poll_to_end(ready_loop(N)),
        poll_to_end(ready_loop_native(N))
    );
    assert_eq!(poll_to_end(c9(1)), poll_to_end(n9(1)));

    let mut g = c.benchmark_group("async_ready_loop_1000");
    g.throughput(Throughput::Elements(N));
    g.bench_function("native", |b| {
        b.iter(|| poll_to_end(ready_loop_native(black_box(N))))
    });
    g.bench_function("stackless", |b| {
        b.iter(|| poll_to_end(ready_loop(black_box(N))))
    });
    g.finish();

    assert_eq!(
        poll_to_end(state_loop(N)),
        poll_to_end(state_loop_native(N))
    );
    let mut g = c.benchmark_group("async_state_loop_1000");
    g.throughput(Throughput::Elements(N));
    g.bench_function("native", |b| {
        b.iter(|| poll_to_end(state_loop_native(black_box(N))))
    });
    g.bench_function("stackless", |b| {
        b.iter(|| poll_to_end(state_loop(black_box(N))))
    });
    g.finish();

    assert_eq!(
        poll_to_end(actor(Rx { left: N })),
        poll_to_end(actor_native(Rx { left: N }))
    );
    let mut g = c.benchmark_group("async_actor_1000");
    g.throughput(Throughput::Elements(N));
    g.bench_function("native", |b| {
        b.iter(|| poll_to_end(actor_native(Rx { left: black_box(N) })))
    });
    g.bench_function("stackless", |b| {
        b.iter(|| poll_to_end(actor(Rx { left: black_box(N) })))
    });
    g.finish();

    let mut g = c.benchmark_group("async_chain_10");
    g.bench_function("native", |b| b.iter(|| poll_to_end(n9(black_box(1)))));
    g.bench_function("stackless", |b| b.iter(|| poll_to_end(c9(black_box(1)))));
    g.finish();
}

criterion_group!(benches, async_benches);
criterion_main!(benches);
