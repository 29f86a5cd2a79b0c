//! Generator resume cost: stackless against the hand-written iterator (the limit) and its
//! peers, measured side by side in one run. Figures and commands: `benches/README.md`.
//!
//! `cargo bench --bench generators`

use std::hint::black_box;
use std::sync::mpsc;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use stackless::{iter, yield_};

const N: u64 = 10_000;

#[path = "producer.rs"]
mod producer;
use producer::{hand, producer, producer_for};

/// `producer` as a block form: the same body in `iter! { .. }`, capturing `n`.
fn producer_block(n: u64) -> impl Iterator<Item = u64> {
    iter! {
        let mut s = String::from("state");
        let mut i = 0;
        while i < n {
            if i % 3 == 0 {
                yield_!(i + s.len() as u64);
            } else {
                yield_!(i * 2);
            }
            if i % 1000 == 999 {
                s.push('x');
            }
            i += 1;
        }
    }
}

fn boxed(n: u64) -> Box<dyn Iterator<Item = u64>> {
    Box::new(hand(n))
}

fn genawaiter_producer(n: u64) -> impl Iterator<Item = u64> {
    genawaiter::rc::Gen::new(move |co| async move {
        let mut s = String::from("state");
        let mut i = 0;
        while i < n {
            if i % 3 == 0 {
                co.yield_(i + s.len() as u64).await;
            } else {
                co.yield_(i * 2).await;
            }
            if i % 1000 == 999 {
                s.push('x');
            }
            i += 1;
        }
    })
    .into_iter()
}

fn corosensei_sum(n: u64) -> u64 {
    use corosensei::{Coroutine, CoroutineResult};
    let mut co = Coroutine::new(move |y: &corosensei::Yielder<(), u64>, ()| {
        let mut s = String::from("state");
        let mut i = 0;
        while i < n {
            if i % 3 == 0 {
                y.suspend(i + s.len() as u64);
            } else {
                y.suspend(i * 2);
            }
            if i % 1000 == 999 {
                s.push('x');
            }
            i += 1;
        }
    });
    let mut sum = 0u64;
    while let CoroutineResult::Yield(v) = co.resume(()) {
        sum = sum.wrapping_add(v);
    }
    sum
}

fn thread_mpsc_sum(n: u64) -> u64 {
    let (tx, rx) = mpsc::sync_channel(1024);
    let t = std::thread::spawn(move || {
        for v in hand(n) {
            tx.send(v).unwrap();
        }
    });
    let sum = rx.iter().fold(0u64, |a, v| a.wrapping_add(v));
    t.join().unwrap();
    sum
}

fn fold(it: impl Iterator<Item = u64>) -> u64 {
    it.fold(0u64, |a, v| a.wrapping_add(v))
}

fn resume(c: &mut Criterion) {
    let expected = fold(hand(N));
    assert_eq!(fold(producer(N)), expected);
    assert_eq!(fold(producer_for(N)), expected);
    assert_eq!(fold(producer_block(N)), expected);
    assert_eq!(
        std::mem::size_of_val(&producer_block(N)),
        std::mem::size_of_val(&producer(N))
    );
    assert_eq!(fold(genawaiter_producer(N)), expected);
    assert_eq!(corosensei_sum(N), expected);
    assert_eq!(thread_mpsc_sum(N), expected);

    let mut g = c.benchmark_group("generator_resume");
    g.throughput(Throughput::Elements(N));
    g.bench_function("hand_written", |b| b.iter(|| fold(hand(black_box(N)))));
    g.bench_function("stackless", |b| b.iter(|| fold(producer(black_box(N)))));
    g.bench_function("stackless_block", |b| {
        b.iter(|| fold(producer_block(black_box(N))))
    });
    g.bench_function("stackless_for_loop", |b| {
        b.iter(|| fold(producer_for(black_box(N))))
    });
    g.bench_function("box_dyn_iterator", |b| b.iter(|| fold(boxed(black_box(N)))));
    g.bench_function("genawaiter", |b| {
        b.iter(|| fold(genawaiter_producer(black_box(N))))
    });
    g.bench_function("corosensei", |b| b.iter(|| corosensei_sum(black_box(N))));
    g.bench_function("thread_mpsc", |b| b.iter(|| thread_mpsc_sum(black_box(N))));
    g.finish();
}

/// The issue-18 workload: one conditional and one unconditional `yield_!` in a `while` loop
/// over a `u64` counter, with a `String` argument, summed with `fold`.
#[stackless::coroutine]
fn two_yields(name: String, n: u64) -> impl Iterator<Item = u64> {
    let mut i = 0u64;
    while i < n {
        if i % 3 == 0 {
            yield_!(i + name.len() as u64);
        }
        yield_!(i);
        i += 1;
    }
}

/// The same as a block form.
fn two_yields_block(name: String, n: u64) -> impl Iterator<Item = u64> {
    iter! {
        let mut i = 0u64;
        while i < n {
            if i % 3 == 0 {
                yield_!(i + name.len() as u64);
            }
            yield_!(i);
            i += 1;
        }
    }
}

/// The same, written by hand.
struct TwoYields {
    name: String,
    n: u64,
    i: u64,
    stage: u8,
}

impl Iterator for TwoYields {
    type Item = u64;
    fn next(&mut self) -> Option<u64> {
        loop {
            match self.stage {
                0 => {
                    if self.i >= self.n {
                        self.stage = 3;
                        return None;
                    }
                    if self.i % 3 == 0 {
                        self.stage = 1;
                        return Some(self.i + self.name.len() as u64);
                    }
                    self.stage = 2;
                    return Some(self.i);
                }
                1 => {
                    self.stage = 2;
                    return Some(self.i);
                }
                2 => {
                    self.i += 1;
                    self.stage = 0;
                }
                _ => return None,
            }
        }
    }
}

fn two_yields_hand(name: String, n: u64) -> TwoYields {
    TwoYields {
        name,
        n,
        i: 0,
        stage: 0,
    }
}

fn two_yields_group(c: &mut Criterion) {
    let name = || String::from("held-out");
    assert_eq!(
        fold(two_yields(name(), N)),
        fold(two_yields_hand(name(), N))
    );
    assert_eq!(
        fold(two_yields_block(name(), N)),
        fold(two_yields_hand(name(), N))
    );
    assert_eq!(
        std::mem::size_of_val(&two_yields_block(name(), N)),
        std::mem::size_of_val(&two_yields(name(), N))
    );
    let mut g = c.benchmark_group("two_yields");
    g.throughput(Throughput::Elements(N));
    g.bench_function("hand_written", |b| {
        b.iter(|| fold(two_yields_hand(name(), black_box(N))))
    });
    g.bench_function("stackless", |b| {
        b.iter(|| fold(two_yields(name(), black_box(N))))
    });
    g.bench_function("stackless_block", |b| {
        b.iter(|| fold(two_yields_block(name(), black_box(N))))
    });
    g.finish();
}

/// One round trip between two threads over channels: the cost the article quotes for a
/// thread switch.
fn ping_pong(c: &mut Criterion) {
    const ROUNDS: u64 = 1_000;
    let mut g = c.benchmark_group("thread_switch");
    g.throughput(Throughput::Elements(ROUNDS * 2));
    g.sample_size(10);
    g.bench_function("ping_pong", |b| {
        b.iter(|| {
            let (to_b, from_a) = mpsc::channel::<u64>();
            let (to_a, from_b) = mpsc::channel::<u64>();
            let t = std::thread::spawn(move || {
                for v in from_a {
                    if to_a.send(v + 1).is_err() {
                        break;
                    }
                }
            });
            let mut v = 0;
            for _ in 0..ROUNDS {
                to_b.send(v).unwrap();
                v = from_b.recv().unwrap();
            }
            drop(to_b);
            t.join().unwrap();
            v
        })
    });
    g.finish();
}

#[stackless::coroutine]
fn large_state(n: usize) -> impl Iterator<Item = u8> {
    let mut buf = [0u8; 4096];
    let mut i = 0;
    while i < n {
        buf[i % 4096] = i as u8;
        yield_!(buf[(i * 7) % 4096]);
        i += 1;
    }
}

struct HandLarge {
    buf: [u8; 4096],
    i: usize,
    n: usize,
}

impl Iterator for HandLarge {
    type Item = u8;
    #[inline]
    fn next(&mut self) -> Option<u8> {
        if self.i >= self.n {
            return None;
        }
        let i = self.i;
        self.buf[i % 4096] = i as u8;
        self.i += 1;
        Some(self.buf[(i * 7) % 4096])
    }
}

fn large(c: &mut Criterion) {
    const M: usize = 10_000;
    let hand = || HandLarge {
        buf: [0; 4096],
        i: 0,
        n: M,
    };
    let sum = |it: &mut dyn FnMut() -> Option<u8>| {
        let mut s = 0u64;
        while let Some(v) = it() {
            s += v as u64;
        }
        s
    };
    let mut h = hand();
    let mut l = large_state(M);
    assert_eq!(sum(&mut || h.next()), sum(&mut || l.next()));

    let mut g = c.benchmark_group("large_state_4k");
    g.throughput(Throughput::Elements(M as u64));
    g.bench_function(BenchmarkId::new("hand_written", M), |b| {
        b.iter(|| hand().fold(0u64, |a, v| a + v as u64))
    });
    g.bench_function(BenchmarkId::new("stackless", M), |b| {
        b.iter(|| large_state(black_box(M)).fold(0u64, |a, v| a + v as u64))
    });
    g.finish();
}

/// A generator that borrows its own local across its yields (`for x in &words`): pinned
/// slots and, as an `impl Iterator`, one box.
#[stackless::coroutine]
fn borrowing(words: &[String]) -> impl Iterator<Item = usize> + '_ {
    let joined = words.join(" ");
    for w in joined.split(' ') {
        yield_!(w.len());
    }
}

/// The same by hand: the iterator must own the string it splits, so it re-splits by index.
struct HandBorrowing {
    joined: String,
    at: usize,
}

impl Iterator for HandBorrowing {
    type Item = usize;
    #[inline]
    fn next(&mut self) -> Option<usize> {
        if self.at > self.joined.len() {
            return None;
        }
        let rest = &self.joined[self.at..];
        let len = rest.find(' ').unwrap_or(rest.len());
        self.at += len + 1;
        Some(len)
    }
}

fn self_borrow(c: &mut Criterion) {
    let words: Vec<String> = (0..N).map(|i| "x".repeat((i % 7) as usize)).collect();
    let hand = |w: &[String]| HandBorrowing {
        joined: w.join(" "),
        at: 0,
    };
    assert_eq!(
        hand(&words).collect::<Vec<_>>(),
        borrowing(&words).collect::<Vec<_>>()
    );
    let mut g = c.benchmark_group("self_borrow_split");
    g.throughput(Throughput::Elements(N));
    g.bench_function(BenchmarkId::new("hand_written", N), |b| {
        b.iter(|| hand(black_box(&words)).sum::<usize>())
    });
    g.bench_function(BenchmarkId::new("stackless", N), |b| {
        b.iter(|| borrowing(black_box(&words)).sum::<usize>())
    });
    g.bench_function(BenchmarkId::new("std_split_closure", N), |b| {
        b.iter(|| {
            let joined = black_box(&words).join(" ");
            joined.split(' ').map(str::len).sum::<usize>()
        })
    });
    g.finish();
}

criterion_group!(
    benches,
    resume,
    two_yields_group,
    large,
    self_borrow,
    ping_pong
);
criterion_main!(benches);
