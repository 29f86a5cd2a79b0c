//! Borrows the macro has to infer from syntax alone (issue #9): a function's result that
//! holds `&x` (`let fut = fetch(&x); … fut.await`, `for v in helper(&xs)`), a borrow that
//! comes through `?`, an iterator copied with `.copied()`, and bodies that arrive through a
//! `macro_rules!` (a `$ret:ty`, format strings naming pinned locals). Each of these was a
//! borrow error from rustc on a valid program; the async ones are checked against the native
//! `async fn` with the same body.
// The bodies are written as users write them (`while let` over an iterator).
#![allow(clippy::while_let_on_iterator)]

#[macro_use]
mod common;
use common::{block_on, cancel_after, delay, take_log, D};
use stackless::{yield_, Coroutine, CoroutineState, Stream};
use std::future::Future;
use std::pin::pin;
use std::task::Poll;

async fn len_later(s: &str) -> usize {
    delay(1, ()).await;
    s.len()
}

both! {
    async fn join_like / join_like_native(x: String) -> usize {
        // Two futures built from a borrow of a parameter, awaited one after the other: the
        // second is kept across the first's await.
        let a = len_later(&x);
        let b = len_later(&x);
        a.await + b.await
    }
}

#[test]
fn futures_built_from_a_borrow_of_a_parameter() {
    assert_eq!(block_on(join_like("abc".into())), 6);
    assert_eq!(block_on(join_like_native("abc".into())), 6);
}

both! {
    async fn local_future / local_future_native(n: usize) -> usize {
        let words: Vec<String> = (0..n).map(|i| "w".repeat(i)).collect();
        let mut total = 0;
        for i in 0..n {
            let fut = len_later(&words[n - 1 - i]);
            delay(1, ()).await;
            total += fut.await;
        }
        total + words.len()
    }
}

#[test]
fn a_future_built_from_a_borrow_of_a_local_awaited_later() {
    assert_eq!(block_on(local_future(4)), 10);
    assert_eq!(block_on(local_future_native(4)), 10);
}

both! {
    async fn pinned_by_hand / pinned_by_hand_native(x: String) -> usize {
        let mut fut = pin!(len_later(&x));
        delay(1, ()).await;
        fut.as_mut().await + x.len()
    }
}

#[test]
fn a_borrowing_future_pinned_by_hand() {
    assert_eq!(block_on(pinned_by_hand("ab".into())), 4);
    assert_eq!(block_on(pinned_by_hand_native("ab".into())), 4);
}

both! {
    async fn through_question_mark / through_question_mark_native(v: Vec<u32>) -> Result<u32, String> {
        // `first` borrows `v` through `?`, and is used after two awaits.
        let first = v.first().ok_or("empty".to_string())?;
        delay(1, ()).await;
        if *first > 10 {
            return Err(format!("too big {first}"));
        }
        delay(1, ()).await;
        Ok(*first + v.len() as u32)
    }
}

#[test]
fn a_borrow_through_the_question_mark() {
    for (v, expected) in [
        (vec![], Err("empty".to_string())),
        (vec![20], Err("too big 20".to_string())),
        (vec![2, 3], Ok(4)),
    ] {
        assert_eq!(block_on(through_question_mark(v.clone())), expected);
        assert_eq!(block_on(through_question_mark_native(v)), expected);
    }
}

#[stackless::coroutine]
fn offset_by_100(v: &[u32]) -> impl Iterator<Item = u32> + '_ {
    for x in v {
        yield_!(*x + 100);
    }
}

#[stackless::coroutine]
fn iterate_a_helper(n: u32) -> impl Iterator<Item = u32> {
    let v: Vec<u32> = (0..n).collect();
    for x in offset_by_100(&v) {
        yield_!(x);
    }
    yield_!(v.len() as u32);
}

#[test]
fn a_for_loop_over_a_function_given_a_borrow_of_a_local() {
    assert_eq!(iterate_a_helper(3).collect::<Vec<_>>(), [100, 101, 102, 3]);
}

#[stackless::coroutine]
fn copied_iterator(n: u32) -> impl Iterator<Item = u32> {
    let v: Vec<u32> = (0..n).collect();
    let it = v.iter().copied();
    for x in it {
        yield_!(x * 2);
    }
}

#[stackless::coroutine]
fn cloned_iterator(names: Vec<&'static str>) -> impl Iterator<Item = String> {
    let owned: Vec<String> = names.iter().map(|s| s.to_string()).collect();
    let mut it = owned.iter().cloned();
    while let Some(s) = it.next() {
        yield_!(s);
    }
}

#[test]
fn copied_and_cloned_iterators_keep_their_borrow() {
    assert_eq!(copied_iterator(3).collect::<Vec<_>>(), [0, 2, 4]);
    assert_eq!(
        cloned_iterator(vec!["a", "b"]).collect::<Vec<_>>(),
        ["a", "b"]
    );
}

/// `total(&buf)` returns a number: nothing borrows `buf` across the yield, so it is carried
/// in the state like any local (no pinned slot: the machine stays `Unpin`).
#[stackless::coroutine]
fn sum_then_yield(n: u64) -> impl Coroutine<(), Yield = u64, Return = usize> {
    let buf: Vec<u64> = (0..n).collect();
    let s = total(&buf);
    yield_!(s);
    buf.len()
}

fn total(v: &[u64]) -> u64 {
    v.iter().sum()
}

fn assert_unpin<T: Unpin>(_: &T) {}

#[test]
fn a_number_computed_from_a_borrow_pins_nothing() {
    let mut co = sum_then_yield(4);
    assert_unpin(&co);
    assert!(matches!(
        std::pin::Pin::new(&mut co).resume(()),
        CoroutineState::Yielded(6)
    ));
    assert!(matches!(
        std::pin::Pin::new(&mut co).resume(()),
        CoroutineState::Complete(4)
    ));
}

#[stackless::coroutine]
fn helper_borrows_dropped_first(n: u32) -> impl Iterator<Item = u32> {
    let guard = D("guard");
    let v: Vec<u32> = (0..n).collect();
    for x in offset_by_100(&v) {
        let _ = &guard;
        yield_!(x);
    }
}

#[test]
fn cancelling_a_helper_borrow_drops_in_reverse_order() {
    take_log();
    let (items, log) = cancel_after(helper_borrows_dropped_first(3), 2);
    assert_eq!(items, [100, 101]);
    assert_eq!(log, ["drop guard"]);
}

/// A user's own wrapper macro: the return type arrives as a `$ret:ty` fragment, the body's
/// format strings name locals that live in pinned slots.
macro_rules! generator {
    (fn $name:ident ($($arg:ident : $ty:ty),*) -> $ret:ty $body:block) => {
        #[stackless::coroutine]
        fn $name($($arg: $ty),*) -> $ret $body
    };
}

generator! {
    fn words_with_line(text: String) -> impl Iterator<Item = String> {
        let upper = text.to_uppercase();
        for w in upper.split(' ') {
            let tag = |k: usize| format!("{w}#{k}");
            yield_!(format!("{upper:?}/{w}/{}", tag(w.len())));
        }
    }
}

#[test]
fn a_body_through_macro_rules_with_format_captures_of_pinned_locals() {
    assert_eq!(
        words_with_line("ab c".into()).collect::<Vec<_>>(),
        ["\"AB C\"/AB/AB#2", "\"AB C\"/C/C#1"]
    );
}

generator! {
    fn named_argument_kept(n: u32) -> impl Iterator<Item = String> {
        let v: Vec<u32> = (0..n).collect();
        for x in &v {
            // `v` here is a named argument, not the local.
            yield_!(format!("{v}:{x}", v = x * 10));
        }
    }
}

#[test]
fn an_explicit_named_argument_is_left_alone() {
    assert_eq!(named_argument_kept(2).collect::<Vec<_>>(), ["0:0", "10:1"]);
}

#[stackless::coroutine]
fn nums(v: &[u32]) -> impl Stream<Item = u32> + '_ {
    for x in v {
        delay(1, ()).await;
        yield_!(*x);
    }
}

/// A stream made from a borrow of a local, pinned with `pin!` and drained.
#[stackless::coroutine]
async fn drain_pinned_stream(n: u32) -> u32 {
    let data: Vec<u32> = (0..n).collect();
    let mut s = pin!(nums(&data));
    let mut total = 0;
    while let Some(x) = stackless::rt::next(&mut s).await {
        total += x;
    }
    total + data.len() as u32
}

/// `v.iter().max()` is a reference into `v`.
#[stackless::coroutine]
fn max_ref(n: u32) -> impl Iterator<Item = u32> {
    let v: Vec<u32> = (0..n).collect();
    let m = v.iter().max().unwrap();
    yield_!(*m);
    yield_!(*m + v.len() as u32);
}

#[stackless::coroutine]
fn collect_strs(s: String) -> impl Iterator<Item = usize> {
    let owned = s.clone();
    let parts: Vec<&str> = owned.split(',').collect();
    for p in &parts {
        yield_!(p.len());
    }
}

#[test]
fn a_pinned_stream_over_a_local_and_references_from_iterator_methods() {
    assert_eq!(block_on(drain_pinned_stream(4)), 10);
    assert_eq!(max_ref(3).collect::<Vec<_>>(), [2, 5]);
    assert_eq!(collect_strs("a,bb".into()).collect::<Vec<_>>(), [1, 2]);
}

/// A user's type with a method returning an iterator that borrows it: the macro cannot
/// know `walk` borrows `t`, but `w` is driven (`w.next()`), so `t` gets a slot.
struct Tree {
    vals: Vec<u32>,
}

struct Walk<'a> {
    t: &'a Tree,
    i: usize,
}

impl Iterator for Walk<'_> {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        let v = self.t.vals.get(self.i).copied();
        self.i += 1;
        v
    }
}

impl Tree {
    fn walk(&self) -> Walk<'_> {
        Walk { t: self, i: 0 }
    }
}

#[stackless::coroutine]
fn custom_walk(n: u32) -> impl Iterator<Item = u32> {
    let t = Tree {
        vals: (0..n).collect(),
    };
    let mut w = t.walk();
    while let Some(x) = w.next() {
        yield_!(x);
    }
    yield_!(t.vals.len() as u32);
}

#[stackless::coroutine]
fn entry_count(words: Vec<&'static str>) -> impl Iterator<Item = u32> {
    let mut m = std::collections::HashMap::new();
    for w in words {
        let e = m.entry(w).or_insert(0u32);
        *e += 1;
        yield_!(*e);
        *e += 10;
    }
    yield_!(m.values().sum());
}

#[stackless::coroutine]
fn peeking(v: Vec<u32>) -> impl Iterator<Item = u32> {
    let mut it = v.into_iter().peekable();
    while let Some(x) = it.next() {
        let nxt = it.peek();
        yield_!(x + nxt.copied().unwrap_or(0));
    }
}

#[test]
fn user_iterators_map_entries_and_peeking() {
    assert_eq!(custom_walk(3).collect::<Vec<_>>(), [0, 1, 2, 3]);
    assert_eq!(
        entry_count(vec!["a", "b", "a"]).collect::<Vec<_>>(),
        [1, 1, 12, 33]
    );
    assert_eq!(peeking(vec![1, 2, 3]).collect::<Vec<_>>(), [3, 5, 3]);
}

async fn twice(x: &u32) -> u32 {
    delay(1, ()).await;
    x * 2
}

/// Two futures borrowing a parameter, pinned by hand and polled from a closure.
#[stackless::coroutine]
async fn manual_select(x: u32) -> u32 {
    let mut a = pin!(twice(&x));
    let mut b = pin!(twice(&x));
    let mut got = 0;
    std::future::poll_fn(|cx| {
        if let Poll::Ready(v) = a.as_mut().poll(cx) {
            got += v;
        }
        if let Poll::Ready(v) = b.as_mut().poll(cx) {
            got += v;
        }
        if got >= 4 * x {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    })
    .await;
    got + x
}

#[test]
fn two_pinned_futures_polled_by_hand() {
    assert_eq!(block_on(manual_select(3)), 15);
}

/// The variable of a `for` over `text.lines()` (or `&v`, `v.iter()`, `s.split(' ')`) is a
/// shared reference: `line.split(' ')` borrows the text, not the local `line`, so nothing
/// needs a slot and the machine stays `Unpin` (no box behind `-> impl Iterator`).
#[stackless::coroutine]
fn words(text: &str) -> impl Coroutine<(), Yield = &str, Return = ()> {
    for line in text.lines() {
        for w in line.split(' ') {
            if !w.is_empty() {
                yield_!(w);
            }
        }
    }
}

#[stackless::coroutine]
fn pairs(
    m: &std::collections::BTreeMap<String, Vec<u32>>,
) -> impl Coroutine<(), Yield = u32, Return = ()> + '_ {
    for (k, vs) in m.iter() {
        for v in vs.iter() {
            yield_!(k.len() as u32 * 100 + v);
        }
    }
}

fn drain<'a, Y>(mut co: impl Coroutine<(), Yield = Y, Return = ()> + Unpin + 'a) -> Vec<Y> {
    let mut out = Vec::new();
    while let CoroutineState::Yielded(y) = std::pin::Pin::new(&mut co).resume(()) {
        out.push(y);
    }
    out
}

#[test]
fn for_variables_over_borrowed_data_are_references() {
    let co = words("a b\n  c");
    assert_unpin(&co);
    assert_eq!(drain(co), ["a", "b", "c"]);
    let m = [("ab".to_string(), vec![1, 2]), ("c".to_string(), vec![3])]
        .into_iter()
        .collect();
    let co = pairs(&m);
    assert_unpin(&co);
    assert_eq!(drain(co), [201, 202, 103]);
}
