//! Generator resume cost on nightly: stackless against rustc's own `gen` blocks and
//! `#[coroutine]` closures, and the hand-written iterator, in one run. The stable peers
//! (genawaiter, corosensei, threads) are in the root crate's `benches/generators.rs`.
//!
//! `cargo +nightly bench --manifest-path tests/nightly/Cargo.toml`
#![feature(coroutines, gen_blocks, iter_from_coroutine)]

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const N: u64 = 10_000;

#[path = "../../../benches/producer.rs"]
mod producer;
use producer::{hand, producer};

fn gen_block(n: u64) -> impl Iterator<Item = u64> {
    gen move {
        let mut s = String::from("state");
        let mut i = 0;
        while i < n {
            if i % 3 == 0 {
                yield i + s.len() as u64;
            } else {
                yield i * 2;
            }
            if i % 1000 == 999 {
                s.push('x');
            }
            i += 1;
        }
    }
}

fn coroutine_closure(n: u64) -> impl Iterator<Item = u64> {
    std::iter::from_coroutine(
        #[coroutine]
        move || {
            let mut s = String::from("state");
            let mut i = 0;
            while i < n {
                if i % 3 == 0 {
                    yield i + s.len() as u64;
                } else {
                    yield i * 2;
                }
                if i % 1000 == 999 {
                    s.push('x');
                }
                i += 1;
            }
        },
    )
}

fn fold(it: impl Iterator<Item = u64>) -> u64 {
    it.fold(0u64, |a, v| a.wrapping_add(v))
}

fn bench(c: &mut Criterion) {
    let expected = fold(hand(N));
    assert_eq!(fold(producer(N)), expected);
    assert_eq!(fold(gen_block(N)), expected);
    assert_eq!(fold(coroutine_closure(N)), expected);
    let mut g = c.benchmark_group("generator_resume_nightly");
    g.throughput(Throughput::Elements(N));
    g.bench_function("hand_written", |b| b.iter(|| fold(hand(black_box(N)))));
    g.bench_function("stackless", |b| b.iter(|| fold(producer(black_box(N)))));
    g.bench_function("gen_block", |b| b.iter(|| fold(gen_block(black_box(N)))));
    g.bench_function("coroutine_closure", |b| {
        b.iter(|| fold(coroutine_closure(black_box(N))))
    });
    g.finish();
    println!(
        "sizes: stackless {} B, gen block {} B, #[coroutine] closure {} B, hand-written {} B",
        std::mem::size_of_val(&producer(N)),
        std::mem::size_of_val(&gen_block(N)),
        std::mem::size_of_val(&coroutine_closure(N)),
        std::mem::size_of::<producer::HandProducer>()
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
