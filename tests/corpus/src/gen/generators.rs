//! Generators (`-> impl Iterator`) as libraries write iterators by hand: tree walks,
//! tokenizers, chunking, pagination, dedup, windows. No native stable twin: the tests
//! compare with values (and drop logs) written out.

use std::collections::{HashSet, VecDeque};

use stackless::yield_;

use crate::support::{log, D};

#[derive(Debug)]
pub enum Tree {
    Leaf(u32),
    Node(Box<Tree>, Box<Tree>),
}

#[stackless::coroutine]
pub fn walk(root: &Tree) -> impl Iterator<Item = u32> + '_ {
    let mut stack = vec![root];
    while let Some(t) = stack.pop() {
        match t {
            Tree::Leaf(v) => yield_!(*v),
            Tree::Node(l, r) => {
                stack.push(r);
                stack.push(l);
            }
        }
    }
}

#[stackless::coroutine]
pub fn bfs(adj: Vec<Vec<usize>>, start: usize) -> impl Iterator<Item = usize> {
    let mut seen = HashSet::new();
    let mut queue = VecDeque::from([start]);
    seen.insert(start);
    while let Some(n) = queue.pop_front() {
        yield_!(n);
        for &m in &adj[n] {
            if seen.insert(m) {
                queue.push_back(m);
            }
        }
    }
}

#[stackless::coroutine]
pub fn words<'a>(text: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                yield_!(&text[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        yield_!(&text[s..]);
    }
}

#[stackless::coroutine]
pub fn chunks<T: Clone>(items: Vec<T>, size: usize) -> impl Iterator<Item = Vec<T>> {
    let mut buf = Vec::with_capacity(size);
    for item in items {
        buf.push(item);
        if buf.len() == size {
            yield_!(std::mem::take(&mut buf));
        }
    }
    if !buf.is_empty() {
        yield_!(buf);
    }
}

#[stackless::coroutine]
pub fn dedup<I>(iter: I) -> impl Iterator<Item = I::Item>
where
    I: IntoIterator,
    I::Item: PartialEq + Clone,
{
    let mut last = None;
    for x in iter {
        if last.as_ref() != Some(&x) {
            last = Some(x.clone());
            yield_!(x);
        }
    }
}

#[stackless::coroutine]
pub fn fib(limit: u64) -> impl Iterator<Item = u64> {
    let (mut a, mut b) = (0u64, 1u64);
    loop {
        if a > limit {
            return;
        }
        yield_!(a);
        (a, b) = (b, a + b);
    }
}

#[stackless::coroutine]
pub fn pages(
    total: usize,
    per_page: usize,
) -> impl Iterator<Item = (usize, std::ops::Range<usize>)> {
    let _d = D("pages");
    let mut page = 0;
    let mut start = 0;
    while start < total {
        let end = (start + per_page).min(total);
        yield_!((page, start..end));
        page += 1;
        start = end;
    }
    log("pages done");
}

#[stackless::coroutine]
pub fn lines_numbered(src: &str) -> impl Iterator<Item = String> + '_ {
    for (n, line) in src.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with("//") {
            continue;
        }
        yield_!(format!("{:>3}: {line}", n + 1));
    }
}

#[stackless::coroutine]
pub fn holding(names: Vec<&'static str>) -> impl Iterator<Item = &'static str> {
    let guard = D("guard");
    for n in names {
        let d = D(n);
        yield_!(d.0);
    }
    drop(guard);
    yield_!("end");
}

#[stackless::coroutine]
pub fn windows(v: Vec<i32>) -> impl Iterator<Item = i32> {
    for w in v.windows(3) {
        let [a, b, c] = w else { unreachable!() };
        if a < b && b > c {
            yield_!(*b);
        }
    }
}

#[stackless::coroutine]
pub fn flatten_results(
    items: Vec<Result<Vec<u8>, String>>,
) -> impl Iterator<Item = Result<u8, String>> {
    for item in items {
        match item {
            Ok(bytes) => {
                for b in bytes {
                    yield_!(Ok(b));
                }
            }
            Err(e) => {
                yield_!(Err(e));
                return;
            }
        }
    }
}

#[stackless::coroutine]
pub fn running_total() -> impl stackless::Coroutine<i64, Yield = i64, Return = String> {
    let mut total = 0;
    loop {
        let x = yield_!(total);
        if x == 0 {
            break;
        }
        total += x;
    }
    format!("total={total}")
}
