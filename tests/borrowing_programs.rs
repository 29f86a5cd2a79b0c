//! Programs that borrow their own locals across suspension points, written as users write
//! them (issue #9): iterator chains and adapters over locals, a map and its keys, `peekable`,
//! closures over locals, a future held across another await. The async ones run beside the
//! native `async fn` with the same body and must give the same result.
// `let v = v;` makes a parameter a local of the body on purpose.
#![allow(clippy::while_let_on_iterator, clippy::redundant_locals)]

#[macro_use]
mod common;
use common::{block_on, cancels_like_native, collect, delay, log, D};
use stackless::yield_;
use std::collections::{HashMap, VecDeque};

#[stackless::coroutine]
fn words_enumerated(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let owned = text.to_uppercase();
    for (i, w) in owned.split_whitespace().enumerate() {
        yield_!((i, w.len()));
    }
}

#[stackless::coroutine]
fn map_pairs(n: u32) -> impl Iterator<Item = u32> {
    let mut map = HashMap::new();
    for i in 0..n {
        map.insert(i, i * 10);
    }
    let mut keys: Vec<&u32> = map.keys().collect();
    keys.sort();
    for k in keys {
        yield_!(map[k]);
    }
}

#[stackless::coroutine]
fn chunk_sums(v: Vec<u32>) -> impl Iterator<Item = u32> {
    let v = v;
    for chunk in v.chunks(2) {
        yield_!(chunk.iter().sum());
    }
}

#[stackless::coroutine]
fn peeking(v: Vec<u32>) -> impl Iterator<Item = (u32, Option<u32>)> {
    let mut it = v.iter().peekable();
    while let Some(x) = it.next() {
        let next = it.peek().map(|n| **n);
        yield_!((*x, next));
    }
}

#[stackless::coroutine]
fn collected_words(text: String) -> impl Iterator<Item = usize> {
    let words: Vec<&str> = text.split(' ').collect();
    for w in &words {
        yield_!(w.len());
    }
    yield_!(words.len());
}

#[stackless::coroutine]
fn lookup(keys: Vec<&'static str>) -> impl Iterator<Item = usize> {
    let mut map: HashMap<&str, String> = HashMap::new();
    map.insert("a", "alpha".to_string());
    for k in keys {
        match map.get(k) {
            Some(v) => yield_!(v.len()),
            None => yield_!(0),
        }
    }
}

both! {
    async fn parse_then_process / parse_then_process_native(data: String) -> usize {
        let data = delay(1, data).await;
        let parsed: Vec<&str> = data.split(',').collect();
        let mut total = 0;
        for p in parsed {
            total += delay(1, p.len()).await;
        }
        total
    }
}

both! {
    async fn window_sum / window_sum_native(v: Vec<u64>) -> u64 {
        let mut acc = 0;
        for w in v.windows(2) {
            acc += delay(1, w[0] * w[1]).await;
        }
        acc
    }
}

both! {
    async fn string_builder / string_builder_native(n: u32) -> String {
        let mut out = String::new();
        for i in 0..n {
            let s = &mut out;
            s.push_str(&delay(1, i.to_string()).await);
        }
        out
    }
}

both! {
    async fn slice_by_ref / slice_by_ref_native(v: Vec<u64>) -> u64 {
        let v = v;
        let (a, b) = v.split_at(v.len() / 2);
        let x = delay(1, a.iter().sum::<u64>()).await;
        let y = delay(1, b.iter().sum::<u64>()).await;
        x * 1000 + y + a.len() as u64
    }
}

#[stackless::coroutine]
fn peek_lines(text: String) -> impl Iterator<Item = (usize, bool)> {
    let mut lines = text.lines().peekable();
    while let Some(l) = lines.next() {
        let last = lines.peek().is_none();
        yield_!((l.len(), last));
    }
}

#[stackless::coroutine]
fn mutate_between() -> impl Iterator<Item = usize> {
    let mut v = vec![1usize];
    yield_!(v.len());
    for x in &v {
        yield_!(*x);
    }
    v.push(2);
    yield_!(v.len());
}

#[stackless::coroutine]
fn closure_over_local() -> impl Iterator<Item = u32> {
    let data = vec![5u32, 6, 7];
    let f = |i: usize| data[i];
    for i in 0..3 {
        yield_!(f(i));
    }
}

#[stackless::coroutine]
fn held_str() -> impl Iterator<Item = usize> {
    let s = String::from("xyz");
    let r: &str = &s;
    yield_!(1);
    yield_!(r.len());
}

#[stackless::coroutine]
fn grid_cells(grid: Vec<Vec<u8>>) -> impl Iterator<Item = u8> {
    let grid = grid;
    for row in &grid {
        for cell in row.iter() {
            yield_!(*cell);
        }
    }
}

#[stackless::coroutine]
fn max_held(v: Vec<u32>) -> impl Iterator<Item = u32> {
    let max = v.iter().max();
    yield_!(0);
    yield_!(max.copied().unwrap_or(0));
}

#[stackless::coroutine]
fn first_twice(v: Vec<u32>) -> impl Iterator<Item = u32> {
    if let Some(first) = v.first() {
        yield_!(*first);
        yield_!(*first + 1);
    }
}

#[stackless::coroutine]
fn stream_over_local(n: u32) -> impl futures_core::Stream<Item = u32> {
    let v: Vec<u32> = (0..n).collect();
    for x in &v {
        let y = delay(1, *x * 2).await;
        yield_!(y);
    }
}

both! {
    async fn read_to_string / read_to_string_native(parts: Vec<&'static str>) -> String {
        let mut contents = String::new();
        for p in parts {
            append(&mut contents, p).await;
        }
        contents
    }
}

async fn append(s: &mut String, p: &str) {
    delay(1, ()).await;
    s.push_str(p);
}

#[stackless::coroutine]
fn fnmut_counter() -> impl Iterator<Item = u32> {
    let mut count = 0;
    let mut inc = || {
        count += 1;
        count
    };
    for _ in 0..3 {
        yield_!(inc());
    }
}

#[stackless::coroutine]
fn closure_after_yield() -> impl Iterator<Item = u32> {
    let base = 10u32;
    let add = |x: u32| x + base;
    let mut i = 0;
    while i < 3 {
        yield_!(i);
        yield_!(add(i));
        i += 1;
    }
}

both! {
    async fn held_future / held_future_native(v: Vec<u32>) -> u32 {
        let v = v;
        let fut = delay(2, v.len() as u32);
        let other = delay(1, v[0]).await;
        fut.await + other
    }
}

both! {
    async fn closure_await / closure_await_native(n: u32) -> u32 {
        let data = vec![1u32, 2, 3];
        let get = |i: usize| data[i];
        let mut t = 0;
        for i in 0..3 {
            t += delay(1, get(i) * n).await;
        }
        t
    }
}

#[test]
fn words_enumerated_runs() {
    assert_eq!(
        words_enumerated("a bb ccc").collect::<Vec<_>>(),
        [(0, 1), (1, 2), (2, 3)]
    );
}

#[test]
fn map_pairs_runs() {
    assert_eq!(map_pairs(3).collect::<Vec<_>>(), [0, 10, 20]);
}

#[test]
fn chunk_sums_runs() {
    assert_eq!(
        chunk_sums(vec![1, 2, 3, 4, 5]).collect::<Vec<_>>(),
        [3, 7, 5]
    );
}

#[test]
fn peeking_runs() {
    assert_eq!(
        peeking(vec![1, 2]).collect::<Vec<_>>(),
        [(1, Some(2)), (2, None)]
    );
}

#[test]
fn collected_words_runs() {
    assert_eq!(
        collected_words("a bb".into()).collect::<Vec<_>>(),
        [1, 2, 2]
    );
}

#[test]
fn lookup_runs() {
    assert_eq!(lookup(vec!["a", "b"]).collect::<Vec<_>>(), [5, 0]);
}

#[test]
fn parse_then_process_runs() {
    assert_eq!(
        block_on(parse_then_process("a,bb,ccc".into())),
        block_on(parse_then_process_native("a,bb,ccc".into()))
    );
}

#[test]
fn window_sum_runs() {
    assert_eq!(
        block_on(window_sum(vec![1, 2, 3])),
        block_on(window_sum_native(vec![1, 2, 3]))
    );
}

#[test]
fn string_builder_runs() {
    assert_eq!(
        block_on(string_builder(3)),
        block_on(string_builder_native(3))
    );
}

#[test]
fn slice_by_ref_runs() {
    assert_eq!(
        block_on(slice_by_ref(vec![1, 2, 3, 4])),
        block_on(slice_by_ref_native(vec![1, 2, 3, 4]))
    );
}

#[test]
fn peek_lines_runs() {
    assert_eq!(
        peek_lines("a\nbb".into()).collect::<Vec<_>>(),
        [(1, false), (2, true)]
    );
}

#[test]
fn mutate_between_runs() {
    assert_eq!(mutate_between().collect::<Vec<_>>(), [1, 1, 2]);
}

#[test]
fn closure_over_local_runs() {
    assert_eq!(closure_over_local().collect::<Vec<_>>(), [5, 6, 7]);
}

#[test]
fn held_str_runs() {
    assert_eq!(held_str().collect::<Vec<_>>(), [1, 3]);
}

#[test]
fn grid_cells_runs() {
    assert_eq!(
        grid_cells(vec![vec![1, 2], vec![3]]).collect::<Vec<_>>(),
        [1, 2, 3]
    );
}

#[test]
fn max_held_runs() {
    assert_eq!(max_held(vec![3, 9, 2]).collect::<Vec<_>>(), [0, 9]);
}

#[test]
fn first_twice_runs() {
    assert_eq!(first_twice(vec![4]).collect::<Vec<_>>(), [4, 5]);
}

#[test]
fn stream_over_local_runs() {
    assert_eq!(collect(stream_over_local(3)), [0, 2, 4]);
}

#[test]
fn read_to_string_runs() {
    assert_eq!(
        block_on(read_to_string(vec!["a", "b"])),
        block_on(read_to_string_native(vec!["a", "b"]))
    );
}

#[test]
fn fnmut_counter_runs() {
    assert_eq!(fnmut_counter().collect::<Vec<_>>(), [1, 2, 3]);
}

#[test]
fn closure_after_yield_runs() {
    assert_eq!(
        closure_after_yield().collect::<Vec<_>>(),
        [0, 10, 1, 11, 2, 12]
    );
}

#[test]
fn held_future_runs() {
    assert_eq!(
        block_on(held_future(vec![7, 8])),
        block_on(held_future_native(vec![7, 8]))
    );
}

#[test]
fn closure_await_runs() {
    assert_eq!(
        block_on(closure_await(2)),
        block_on(closure_await_native(2))
    );
}

both! {
    async fn nested_borrow_loops / nested_borrow_loops_native(rows: Vec<Vec<u32>>) -> u32 {
        let rows = rows;
        let _g = D("guard");
        let mut total = 0;
        'outer: for row in &rows {
            let tag = D("row");
            for x in row.iter() {
                if *x == 99 {
                    break 'outer;
                }
                total += delay(1, *x).await;
            }
            drop(tag);
            log("row done");
        }
        total
    }
}

both! {
    async fn early_return_borrowed / early_return_borrowed_native(v: Vec<u32>) -> Result<u32, String> {
        let v = v;
        let _d = D("v-owner");
        let mut sum = 0;
        for x in &v {
            let checked = delay(1, if *x > 5 { Err(format!("big {x}")) } else { Ok(*x) }).await?;
            sum += checked;
        }
        Ok(sum)
    }
}

both! {
    async fn queue_worker / queue_worker_native(items: Vec<u32>) -> u32 {
        let mut q: VecDeque<u32> = items.into_iter().collect();
        let _g = D("worker");
        let mut done = 0;
        while let Some(front) = q.front() {
            let f = *front;
            let r = delay(1, f * 2).await;
            q.pop_front();
            if r % 4 == 0 {
                q.push_back(r / 4);
            }
            done += 1;
        }
        done
    }
}

both! {
    async fn match_guard_borrow / match_guard_borrow_native(words: Vec<String>) -> usize {
        let words = words;
        let mut n = 0;
        for w in words.iter() {
            match w.as_str() {
                s if s.starts_with('a') => n += delay(1, s.len()).await,
                "skip" => continue,
                other => {
                    let _d = D("other");
                    n += delay(2, other.len() * 10).await;
                }
            }
        }
        n
    }
}

both! {
    async fn shadowed_borrow / shadowed_borrow_native(s: String) -> usize {
        let s = s;
        let s = s.trim();
        let n = delay(1, s.len()).await;
        let s = s.to_uppercase();
        let parts: Vec<&str> = s.split(' ').collect();
        let m = delay(1, parts.len()).await;
        n * 100 + m
    }
}

fn rows() -> Vec<Vec<u32>> {
    vec![vec![1, 2], vec![3, 99, 4], vec![5]]
}

/// Early exits (`break 'outer`, `?`, `continue`) and shadowing around borrowed locals.
#[test]
fn exits_and_shadowing_agree_with_native() {
    assert_eq!(
        block_on(nested_borrow_loops(rows())),
        block_on(nested_borrow_loops_native(rows()))
    );
    assert_eq!(
        block_on(early_return_borrowed(vec![1, 2, 7, 3])),
        block_on(early_return_borrowed_native(vec![1, 2, 7, 3]))
    );
    assert_eq!(
        block_on(early_return_borrowed(vec![1, 2])),
        block_on(early_return_borrowed_native(vec![1, 2]))
    );
    assert_eq!(
        block_on(queue_worker(vec![4, 3, 8])),
        block_on(queue_worker_native(vec![4, 3, 8]))
    );
    let w = || vec!["abc".to_string(), "skip".into(), "zz".into(), "a".into()];
    assert_eq!(
        block_on(match_guard_borrow(w())),
        block_on(match_guard_borrow_native(w()))
    );
    assert_eq!(
        block_on(shadowed_borrow("  a b c ".into())),
        block_on(shadowed_borrow_native("  a b c ".into()))
    );
}

/// Dropped after every number of polls: the same results and drop logs as native.
#[test]
fn exits_cancel_like_native() {
    cancels_like_native(
        || nested_borrow_loops(rows()),
        || nested_borrow_loops_native(rows()),
        12,
    );
    cancels_like_native(
        || early_return_borrowed(vec![1, 2, 7, 3]),
        || early_return_borrowed_native(vec![1, 2, 7, 3]),
        10,
    );
    cancels_like_native(
        || queue_worker(vec![4, 3, 8]),
        || queue_worker_native(vec![4, 3, 8]),
        14,
    );
    let w = || vec!["abc".to_string(), "skip".into(), "zz".into(), "a".into()];
    cancels_like_native(
        || match_guard_borrow(w()),
        || match_guard_borrow_native(w()),
        12,
    );
}

// A method the macro does not know, called on a string or a collection, most often returns
// a view of it (`split`, then `unwrap_or_default`): in a machine that is `!Unpin` anyway, a
// view used after a point keeps its string in place (E0505/E0597 before). On an `Option`
// (`xor`) or another type, such a method is taken to consume its receiver, as before.

#[stackless::coroutine]
fn first_words(owned: String) -> impl futures_core::Stream<Item = usize> {
    let w = owned.split(' ').next().unwrap_or_default();
    delay(1, ()).await;
    yield_!(w.len());
    let line = format!("{owned}: tail");
    let key = line.split(':').next().unwrap_or("");
    delay(1, ()).await;
    yield_!(key.len());
}

both! { async fn header_key / header_key_native(raw: String) -> usize {
    let line = raw.trim().to_string();
    let key = line.split(':').next().unwrap_or_default();
    delay(1, ()).await;
    let a = Some(D("a"));
    let c = a.xor(None);
    delay(1, ()).await;
    key.len() + c.is_some() as usize
}}

#[test]
fn views_of_strings_kept_across_points() {
    assert_eq!(collect(first_words("hello world".into())), [5, 11]);
    cancels_like_native(
        || header_key(" ab: c ".into()),
        || header_key_native(" ab: c ".into()),
        4,
    );
}

struct Shared(u32);

impl Shared {
    async fn snapshot(self: &std::rc::Rc<Self>) -> u32 {
        delay(1, ()).await;
        self.0
    }
}

// `let st = st.clone();` in a loop, a closure or an `if let`, then moved into an `async
// move` block or dropped: that `st` is another local; the outer one stays borrowed by the
// awaited future (E0597 before: taken as moved, so not kept in place).
both! { async fn shadowed_in_a_loop / shadowed_in_a_loop_native() -> u32 {
    let st = std::rc::Rc::new(Shared(4));
    let mut tasks = Vec::new();
    for _ in 0..2 {
        let st = st.clone();
        tasks.push(async move { st.snapshot().await });
    }
    drop(tasks);
    st.snapshot().await
}}

both! { async fn shadowed_in_a_closure / shadowed_in_a_closure_native() -> u32 {
    let st = std::rc::Rc::new(Shared(5));
    let f = || {
        let st = st.clone();
        drop(st);
    };
    f();
    st.snapshot().await
}}

both! { async fn shadowed_in_an_if_let / shadowed_in_an_if_let_native() -> u32 {
    let st = std::rc::Rc::new(Shared(6));
    if let Some(st) = Some(st.clone()) {
        drop(st);
    }
    st.snapshot().await
}}

#[test]
fn a_shadowing_clone_is_another_local() {
    assert_eq!(block_on(shadowed_in_a_loop()), 4);
    assert_eq!(block_on(shadowed_in_a_closure()), 5);
    assert_eq!(block_on(shadowed_in_an_if_let()), 6);
    cancels_like_native(shadowed_in_a_loop, shadowed_in_a_loop_native, 3);
    cancels_like_native(shadowed_in_a_closure, shadowed_in_a_closure_native, 3);
    cancels_like_native(shadowed_in_an_if_let, shadowed_in_an_if_let_native, 3);
}

async fn shown(s: &str) -> usize {
    delay(1, s.len()).await
}

both! { async fn drain_front / drain_front_native(q: &mut VecDeque<String>) -> usize {
    let mut n = 0;
    while let Some(item) = q.front() {
        n = n * 10 + shown(item).await;
        q.pop_front();
    }
    n
}}

both! { async fn drain_back / drain_back_native(q: &mut VecDeque<String>) -> usize {
    let mut n = 0;
    while let Some(item) = q.back() {
        n = n * 10 + shown(item).await;
        q.pop_back();
    }
    n
}}

both! { async fn smallest_first / smallest_first_native(m: &mut std::collections::BTreeMap<u32, String>) -> usize {
    let mut n = 0;
    while let Some((_, v)) = m.first_key_value() {
        n = n * 10 + shown(v).await;
        m.pop_first();
    }
    n
}}

struct Inbox {
    queue: VecDeque<String>,
}

impl Inbox {
    #[stackless::coroutine]
    async fn drain(&mut self) -> usize {
        let mut n = 0;
        while let Some(item) = self.queue.front() {
            n = n * 10 + shown(item).await;
            self.queue.pop_front();
        }
        n
    }

    async fn drain_native(&mut self) -> usize {
        let mut n = 0;
        while let Some(item) = self.queue.front() {
            n = n * 10 + shown(item).await;
            self.queue.pop_front();
        }
        n
    }
}

/// An item of a collection behind a `&mut` (a parameter, `self`) awaited on before the
/// collection changes (`while let Some(x) = q.front() { show(x).await; q.pop_front(); }`):
/// the reference stays in place while the future borrows what it points to (E0502 before:
/// `front` was not known to return a view).
#[test]
fn an_item_behind_a_mutable_reference_is_awaited_on() {
    let words = || VecDeque::from(vec!["a".to_string(), "bb".into(), "ccc".into()]);
    let (mut q, mut r) = (words(), words());
    assert_eq!(
        block_on(drain_front(&mut q)),
        block_on(drain_front_native(&mut r))
    );
    assert_eq!((q.len(), r.len()), (0, 0));
    let (mut q, mut r) = (words(), words());
    assert_eq!(block_on(drain_back(&mut q)), 321);
    assert_eq!(block_on(drain_back_native(&mut r)), 321);
    let map = || std::collections::BTreeMap::from([(2, "xx".to_string()), (1, "y".into())]);
    let (mut m, mut n) = (map(), map());
    assert_eq!(block_on(smallest_first(&mut m)), 12);
    assert_eq!(block_on(smallest_first_native(&mut n)), 12);
    let mut inbox = Inbox { queue: words() };
    let mut native = Inbox { queue: words() };
    assert_eq!(block_on(inbox.drain()), 123);
    assert_eq!(block_on(native.drain_native()), 123);
}
