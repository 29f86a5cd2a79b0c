//! Everyday generators, each written three ways and measured in one run: with
//! `#[stackless::coroutine]`, as a nightly `gen` block, and with the std iterator adapters a
//! Rust programmer would reach for. Unlike `gen_blocks.rs` (one producer tuned against the
//! hand-written limit), these are the shapes real code has: nested loops over borrowing
//! iterators, an explicit stack, an owned `Vec`, a generator borrowing its own local.
//!
//! `cargo +nightly bench --manifest-path tests/nightly/Cargo.toml --bench workloads`
#![feature(gen_blocks, coroutines, coroutine_trait)]

use std::ops::{Coroutine, CoroutineState};

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use stackless::yield_;

// --- words: nested `for` loops over `lines()` and `split(' ')` of a borrowed text ---

#[stackless::coroutine]
fn words_sl(text: &str) -> impl Iterator<Item = &str> {
    for line in text.lines() {
        for w in line.split(' ') {
            if !w.is_empty() {
                yield_!(w);
            }
        }
    }
}

fn words_gen(text: &str) -> impl Iterator<Item = &str> {
    gen move {
        for line in text.lines() {
            for w in line.split(' ') {
                if !w.is_empty() {
                    yield w;
                }
            }
        }
    }
}

fn words_std(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .flat_map(|l| l.split(' '))
        .filter(|w| !w.is_empty())
}

// --- dfs: a depth-first walk of an index tree with an explicit stack ---

pub struct Node {
    val: u64,
    children: Vec<usize>,
}

#[stackless::coroutine]
fn dfs_sl(nodes: &[Node]) -> impl Iterator<Item = u64> {
    let mut stack = vec![0usize];
    while let Some(i) = stack.pop() {
        yield_!(nodes[i].val);
        stack.extend(nodes[i].children.iter().rev().copied());
    }
}

fn dfs_gen(nodes: &[Node]) -> impl Iterator<Item = u64> {
    gen move {
        let mut stack = vec![0usize];
        while let Some(i) = stack.pop() {
            yield nodes[i].val;
            stack.extend(nodes[i].children.iter().rev().copied());
        }
    }
}

pub struct DfsStd<'a> {
    nodes: &'a [Node],
    stack: Vec<usize>,
}

impl Iterator for DfsStd<'_> {
    type Item = u64;
    fn next(&mut self) -> Option<u64> {
        let i = self.stack.pop()?;
        self.stack
            .extend(self.nodes[i].children.iter().rev().copied());
        Some(self.nodes[i].val)
    }
}

fn dfs_std(nodes: &[Node]) -> DfsStd<'_> {
    DfsStd {
        nodes,
        stack: vec![0],
    }
}

// --- flatten: rows of a borrowed `Vec<Vec<u32>>`, skipping zeros ---

#[stackless::coroutine]
fn flatten_sl(rows: &[Vec<u32>]) -> impl Iterator<Item = u32> {
    for row in rows {
        for &x in row {
            if x != 0 {
                yield_!(x);
            }
        }
    }
}

fn flatten_gen(rows: &[Vec<u32>]) -> impl Iterator<Item = u32> {
    gen move {
        for row in rows {
            for &x in row {
                if x != 0 {
                    yield x;
                }
            }
        }
    }
}

fn flatten_std(rows: &[Vec<u32>]) -> impl Iterator<Item = u32> {
    rows.iter().flatten().copied().filter(|&x| x != 0)
}

// --- owned: consume an owned `Vec<u64>` by value, with running state ---

#[stackless::coroutine]
fn owned_sl(v: Vec<u64>) -> impl Iterator<Item = u64> {
    let mut total = 0u64;
    for x in v {
        total = total.wrapping_add(x);
        yield_!(total ^ x);
    }
}

fn owned_gen(v: Vec<u64>) -> impl Iterator<Item = u64> {
    gen move {
        let mut total = 0u64;
        for x in v {
            total = total.wrapping_add(x);
            yield total ^ x;
        }
    }
}

fn owned_std(v: Vec<u64>) -> impl Iterator<Item = u64> {
    v.into_iter().scan(0u64, |total, x| {
        *total = total.wrapping_add(x);
        Some(*total ^ x)
    })
}

// --- self_borrow: a local `Vec` built inside the generator and iterated by reference ---

#[stackless::coroutine]
fn self_borrow_sl(n: u64) -> impl Iterator<Item = u64> {
    let v: Vec<u64> = (0..n).collect();
    for x in &v {
        yield_!(x * 3);
    }
}

/// A `gen` block cannot borrow its own locals (E0626); rustc's immovable form is a `static`
/// coroutine, pinned on the heap to serve as an `Iterator` (as ours is).
fn self_borrow_gen(n: u64) -> impl Iterator<Item = u64> {
    let c = Box::pin(
        #[coroutine]
        static move || {
            let v: Vec<u64> = (0..n).collect();
            for x in &v {
                yield x * 3;
            }
        },
    );
    std::iter::from_fn({
        let mut c = c;
        move || match c.as_mut().resume(()) {
            CoroutineState::Yielded(y) => Some(y),
            CoroutineState::Complete(()) => None,
        }
    })
}

fn self_borrow_std(n: u64) -> impl Iterator<Item = u64> {
    let v: Vec<u64> = (0..n).collect();
    v.into_iter().map(|x| x * 3)
}

fn sum<T: Into<u64>>(it: impl Iterator<Item = T>) -> u64 {
    it.fold(0u64, |a, v| a.wrapping_add(v.into()))
}

fn words_len<'a>(it: impl Iterator<Item = &'a str>) -> u64 {
    it.fold(0u64, |a, w| a.wrapping_add(w.len() as u64))
}

fn bench(c: &mut Criterion) {
    let text: String = (0..2_000)
        .map(|l| {
            let mut line = String::new();
            for w in 0..8 {
                line.push_str(&"ab".repeat(1 + (l + w) % 5));
                line.push_str(if w % 3 == 0 { "  " } else { " " });
            }
            line.push('\n');
            line
        })
        .collect();
    let nodes: Vec<Node> = (0..10_000)
        .map(|i| Node {
            val: i as u64 * 7,
            children: (1..=3).map(|k| 3 * i + k).filter(|&c| c < 10_000).collect(),
        })
        .collect();
    let rows: Vec<Vec<u32>> = (0..100)
        .map(|r| (0..100).map(|c| (r * c) % 7).collect())
        .collect();
    let owned: Vec<u64> = (0..10_000).collect();
    const N: u64 = 10_000;

    let expected = words_len(words_std(&text));
    assert_eq!(words_len(words_sl(&text)), expected);
    assert_eq!(words_len(words_gen(&text)), expected);
    let expected = sum(dfs_std(&nodes));
    assert_eq!(sum(dfs_sl(&nodes)), expected);
    assert_eq!(sum(dfs_gen(&nodes)), expected);
    let expected = sum(flatten_std(&rows));
    assert_eq!(sum(flatten_sl(&rows)), expected);
    assert_eq!(sum(flatten_gen(&rows)), expected);
    let expected = sum(owned_std(owned.clone()));
    assert_eq!(sum(owned_sl(owned.clone())), expected);
    assert_eq!(sum(owned_gen(owned.clone())), expected);
    let expected = sum(self_borrow_std(N));
    assert_eq!(sum(self_borrow_sl(N)), expected);
    assert_eq!(sum(self_borrow_gen(N)), expected);

    let mut g = c.benchmark_group("words");
    g.throughput(Throughput::Elements(words_std(&text).count() as u64));
    g.bench_function("std", |b| b.iter(|| words_len(words_std(black_box(&text)))));
    g.bench_function("stackless", |b| {
        b.iter(|| words_len(words_sl(black_box(&text))))
    });
    g.bench_function("gen_block", |b| {
        b.iter(|| words_len(words_gen(black_box(&text))))
    });
    g.finish();

    let mut g = c.benchmark_group("dfs");
    g.throughput(Throughput::Elements(nodes.len() as u64));
    g.bench_function("hand", |b| b.iter(|| sum(dfs_std(black_box(&nodes)))));
    g.bench_function("stackless", |b| b.iter(|| sum(dfs_sl(black_box(&nodes)))));
    g.bench_function("gen_block", |b| b.iter(|| sum(dfs_gen(black_box(&nodes)))));
    g.finish();

    let mut g = c.benchmark_group("flatten");
    g.throughput(Throughput::Elements(10_000));
    g.bench_function("std", |b| b.iter(|| sum(flatten_std(black_box(&rows)))));
    g.bench_function("stackless", |b| {
        b.iter(|| sum(flatten_sl(black_box(&rows))))
    });
    g.bench_function("gen_block", |b| {
        b.iter(|| sum(flatten_gen(black_box(&rows))))
    });
    g.finish();

    let mut g = c.benchmark_group("owned");
    g.throughput(Throughput::Elements(owned.len() as u64));
    g.bench_function("std", |b| {
        b.iter_batched(
            || owned.clone(),
            |v| sum(owned_std(v)),
            criterion::BatchSize::SmallInput,
        )
    });
    g.bench_function("stackless", |b| {
        b.iter_batched(
            || owned.clone(),
            |v| sum(owned_sl(v)),
            criterion::BatchSize::SmallInput,
        )
    });
    g.bench_function("gen_block", |b| {
        b.iter_batched(
            || owned.clone(),
            |v| sum(owned_gen(v)),
            criterion::BatchSize::SmallInput,
        )
    });
    g.finish();

    let mut g = c.benchmark_group("self_borrow");
    g.throughput(Throughput::Elements(N));
    g.bench_function("std", |b| b.iter(|| sum(self_borrow_std(black_box(N)))));
    g.bench_function("stackless", |b| {
        b.iter(|| sum(self_borrow_sl(black_box(N))))
    });
    g.bench_function("gen_block", |b| {
        b.iter(|| sum(self_borrow_gen(black_box(N))))
    });
    g.finish();

    println!(
        "sizes (stackless / gen block): words {} / {}, dfs {} / {}, flatten {} / {}, owned {} / {}, self_borrow {} / {}",
        size_of_val(&words_sl(&text)),
        size_of_val(&words_gen(&text)),
        size_of_val(&dfs_sl(&nodes)),
        size_of_val(&dfs_gen(&nodes)),
        size_of_val(&flatten_sl(&rows)),
        size_of_val(&flatten_gen(&rows)),
        size_of_val(&owned_sl(Vec::new())),
        size_of_val(&owned_gen(Vec::new())),
        size_of_val(&self_borrow_sl(1)),
        size_of_val(&self_borrow_gen(1)),
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
