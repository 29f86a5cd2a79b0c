//! Patterns from real async and generator code, written as with native coroutines: a
//! line reader's `next_line().await` in a `while let`, a receiver from a destructured
//! channel pair, iteration over a local map, a `&mut self` generator mutating its items.

use stackless::{rt, yield_};
use std::collections::HashMap;
use std::future::{poll_fn, Future};
use std::pin::pin;
use std::task::Poll;

struct Lines {
    v: Vec<String>,
    i: usize,
}
impl Lines {
    async fn next_line(&mut self) -> Option<String> {
        rt::yield_now().await;
        let l = self.v.get(self.i).cloned();
        self.i += 1;
        l
    }
}

#[stackless::coroutine]
async fn count_lines(v: Vec<String>) -> usize {
    let mut lines = Lines { v, i: 0 };
    let mut n = 0;
    while let Some(l) = lines.next_line().await {
        n += l.len();
    }
    n
}

struct Chan(Vec<u32>);
impl Chan {
    async fn recv(&mut self) -> Option<u32> {
        rt::yield_now().await;
        self.0.pop()
    }
}
fn channel(v: Vec<u32>) -> (u8, Chan) {
    (0, Chan(v))
}

#[stackless::coroutine]
async fn drain(v: Vec<u32>) -> u32 {
    let (_tx, mut rx) = channel(v);
    let mut s = 0;
    while let Some(m) = rx.recv().await {
        s += m;
    }
    s
}

#[stackless::coroutine]
fn keys(map: HashMap<String, u32>) -> impl Iterator<Item = String> {
    let mut ks = Vec::new();
    for (k, val) in &map {
        if *val > 0 {
            ks.push(k.clone());
        }
    }
    ks.sort();
    for k in ks.iter() {
        yield_!(k.clone());
    }
}

struct Bag {
    items: Vec<u32>,
}
impl Bag {
    #[stackless::coroutine]
    fn bump(&mut self) -> impl Iterator<Item = u32> + '_ {
        for x in self.items.iter_mut() {
            *x += 1;
            yield_!(*x);
        }
        self.items.push(0);
    }
}

/// Each pattern gives the native result.
#[test]
fn real_world_patterns() {
    assert_eq!(rt::block_on(count_lines(vec!["ab".into(), "c".into()])), 3);
    assert_eq!(rt::block_on(drain(vec![1, 2, 3])), 6);
    let m: HashMap<String, u32> =
        [("a".to_string(), 1), ("b".to_string(), 0), ("c".into(), 2)].into();
    assert_eq!(keys(m).collect::<Vec<_>>(), ["a", "c"]);
    let mut b = Bag { items: vec![1, 2] };
    assert_eq!(b.bump().collect::<Vec<_>>(), [2, 3]);
    assert_eq!(b.items, [2, 3, 0]);
}

#[stackless::coroutine]
async fn race(n: u32) -> (u32, u32) {
    let mut a = pin!(async move {
        for _ in 0..n {
            rt::yield_now().await;
        }
        1u32
    });
    let mut b = pin!(async {
        for _ in 0..3 {
            rt::yield_now().await;
        }
        2u32
    });
    let first = poll_fn(|cx| {
        if let Poll::Ready(v) = a.as_mut().poll(cx) {
            return Poll::Ready(v);
        }
        if let Poll::Ready(v) = b.as_mut().poll(cx) {
            return Poll::Ready(v);
        }
        Poll::Pending
    })
    .await;
    rt::yield_now().await;
    let second = if first == 1 { b.await } else { a.await };
    (first, second)
}

/// A select written by hand: two futures pinned with `pin!`, polled by a `poll_fn` closure
/// that borrows both, then the loser awaited.
#[test]
fn select_by_hand_over_pinned_locals() {
    assert_eq!(rt::block_on(race(1)), (1, 2));
    assert_eq!(rt::block_on(race(10)), (2, 1));
}

struct LineSrc(Vec<&'static str>);
struct LineReader {
    src: LineSrc,
}
impl LineReader {
    async fn read_line(&mut self, out: &mut String) -> Result<usize, ()> {
        rt::yield_now().await;
        match self.src.0.first() {
            Some(&l) => {
                out.push_str(l);
                self.src.0.remove(0);
                Ok(l.len())
            }
            None => Ok(0),
        }
    }
}
#[stackless::coroutine]
async fn read_lines(src: LineSrc) -> Result<Vec<String>, ()> {
    let mut reader = LineReader { src };
    let mut line = String::new();
    let mut out = Vec::new();
    while reader.read_line(&mut line).await? > 0 {
        out.push(line.to_uppercase());
        line.clear();
    }
    Ok(out)
}
/// The line-reading loop of tokio's examples: `while reader.read_line(&mut line).await? > 0`,
/// the reader and the line both borrowed by the awaited future, the line cleared each turn.
#[test]
fn read_line_loop_into_a_local_string() {
    assert_eq!(
        rt::block_on(read_lines(LineSrc(vec!["a", "bc"]))).unwrap(),
        ["A", "BC"]
    );
}
