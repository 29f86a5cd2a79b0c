//! Async fns and async generators that borrow their own locals across `.await` (issue #9,
//! pinned slots). Each async fn is written twice, as `#[stackless::coroutine]` and as a
//! native `async fn`, and both must give the same (exact) result.
// The bodies are written as users write them (`while let` over an iterator).
#![allow(clippy::while_let_on_iterator)]

#[macro_use]
mod common;
use common::{block_on, collect, delay};
use stackless::{yield_, Stream};
use std::future::Future;
use std::pin::{pin, Pin};
use std::task::{Context, Poll};

/// A byte source whose `read` is pending once before it is ready, like a socket.
struct Reader {
    data: Vec<u8>,
    pos: usize,
    chunk: usize,
}

impl Reader {
    fn new(data: &[u8], chunk: usize) -> Self {
        Reader {
            data: data.to_vec(),
            pos: 0,
            chunk,
        }
    }

    fn read<'a>(&'a mut self, buf: &'a mut [u8]) -> impl Future<Output = usize> + 'a {
        Read {
            src: self,
            buf,
            pending: true,
        }
    }
}

struct Read<'a> {
    src: &'a mut Reader,
    buf: &'a mut [u8],
    pending: bool,
}

impl Future for Read<'_> {
    type Output = usize;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<usize> {
        if self.pending {
            self.pending = false;
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        let this = &mut *self;
        let rest = &this.src.data[this.src.pos..];
        let n = rest.len().min(this.buf.len()).min(this.src.chunk);
        this.buf[..n].copy_from_slice(&rest[..n]);
        this.src.pos += n;
        Poll::Ready(n)
    }
}

const TEXT: &[u8] = b"the quick brown fox jumps";

both! {
    async fn read_all / read_all_native(src: Reader) -> Vec<u8> {
        let mut src = src;
        let mut out = Vec::new();
        let mut buf = [0u8; 8];
        loop {
            let n = src.read(&mut buf).await;
            if n == 0 {
                break;
            }
            out.extend_from_slice(&buf[..n]);
        }
        out
    }
}

/// Reading into a local buffer in a loop (both the reader and the buffer are borrowed).
#[test]
fn read_into_a_local_buffer_in_a_loop() {
    assert_eq!(block_on(read_all(Reader::new(TEXT, 5))), TEXT);
    assert_eq!(block_on(read_all_native(Reader::new(TEXT, 5))), TEXT);
    assert_eq!(block_on(read_all(Reader::new(TEXT, 100))), TEXT);
    assert_eq!(block_on(read_all(Reader::new(b"", 3))), b"");
}

both! {
    async fn read_counting / read_counting_native(src: &mut Reader) -> (usize, u32) {
        let mut buf = [0u8; 4];
        let mut reads = 0;
        let mut total = 0;
        loop {
            let n = src.read(&mut buf).await;
            reads += 1;
            if n == 0 {
                return (total, reads);
            }
            total += buf[..n].iter().filter(|b| **b == b' ').count();
        }
    }
}

/// A borrowed reader parameter reading into a local buffer; returns from inside the loop.
#[test]
fn read_from_a_borrowed_reader_into_a_local_buffer() {
    let mut r = Reader::new(TEXT, 3);
    assert_eq!(block_on(read_counting(&mut r)), (4, 10));
    let mut r = Reader::new(TEXT, 3);
    assert_eq!(block_on(read_counting_native(&mut r)), (4, 10));
    assert_eq!(
        stackless::rt::block_on(read_counting(&mut Reader::new(TEXT, 8))),
        (4, 8)
    );
}

#[stackless::coroutine]
fn numbers(n: u32) -> impl Stream<Item = u32> {
    for i in 1..=n {
        delay(1, ()).await;
        yield_!(i);
    }
}

both! {
    async fn drain_pinned / drain_pinned_native(n: u32) -> Vec<u32> {
        let mut s = pin!(numbers(n));
        let mut got = Vec::new();
        while let Some(x) = stackless::rt::next(&mut s).await {
            got.push(x * x);
        }
        got
    }
}

/// `let mut s = pin!(stream);` then `while let Some(x) = next(&mut s).await`.
#[test]
fn a_local_stream_pinned_with_pin_and_drained() {
    assert_eq!(block_on(drain_pinned(4)), [1, 4, 9, 16]);
    assert_eq!(block_on(drain_pinned_native(4)), [1, 4, 9, 16]);
}

both! {
    async fn drain_stream_ext / drain_stream_ext_native(n: u32) -> u32 {
        use futures::StreamExt;
        let mut s = pin!(numbers(n));
        let mut sum = 0;
        while let Some(x) = s.next().await {
            sum += x;
        }
        sum
    }
}

/// The same with `futures::StreamExt::next`.
#[test]
fn a_local_stream_drained_with_stream_ext() {
    assert_eq!(block_on(drain_stream_ext(5)), 15);
    assert_eq!(block_on(drain_stream_ext_native(5)), 15);
}

both! {
    async fn pinned_future_by_ref / pinned_future_by_ref_native() -> u32 {
        let mut f = pin!(delay(2, 7u32));
        let a = (&mut f).await;
        let b = delay(1, 1u32).await;
        a * 10 + b
    }
}

/// A local future pinned with `pin!` and awaited through `&mut`.
#[test]
fn a_local_future_pinned_and_awaited_by_reference() {
    assert_eq!(block_on(pinned_future_by_ref()), 71);
    assert_eq!(block_on(pinned_future_by_ref_native()), 71);
}

async fn takes_ref(s: &str) -> usize {
    delay(1, ()).await;
    s.len()
}

both! {
    async fn greet / greet_native(n: usize) -> (usize, String) {
        let name = "stackless".repeat(n);
        let len = takes_ref(&name).await;
        (len, name)
    }
}

/// `takes_ref(&name).await` on a local `String`, which is returned afterwards.
#[test]
fn await_a_future_that_borrows_a_local_string() {
    assert_eq!(block_on(greet(2)), (18, "stacklessstackless".to_string()));
    assert_eq!(
        block_on(greet_native(2)),
        (18, "stacklessstackless".to_string())
    );
}

async fn sum_later(v: &[u32]) -> u32 {
    delay(2, ()).await;
    v.iter().sum()
}

both! {
    async fn push_after / push_after_native() -> Vec<u32> {
        let mut v = vec![1, 2, 3];
        let s = sum_later(&v).await;
        v.push(s);
        let s = sum_later(&v).await;
        v.push(s);
        v
    }
}

/// A local `Vec` borrowed by an awaited future, then pushed to after the await.
#[test]
fn a_local_vec_borrowed_by_a_future_then_mutated() {
    assert_eq!(block_on(push_after()), [1, 2, 3, 6, 12]);
    assert_eq!(block_on(push_after_native()), [1, 2, 3, 6, 12]);
}

struct Inner {
    steps: u32,
}

impl Inner {
    fn step(&mut self) -> impl Future<Output = u32> + '_ {
        self.steps += 1;
        delay(1, self.steps)
    }
}

struct Counter {
    inner: Inner,
    count: u32,
}

impl Counter {
    #[stackless::coroutine]
    async fn tick(&mut self, times: u32) -> u32 {
        let mut last = 0;
        for _ in 0..times {
            last = self.inner.step().await;
            self.count += 1;
        }
        last * 100 + self.count
    }

    async fn tick_native(&mut self, times: u32) -> u32 {
        let mut last = 0;
        for _ in 0..times {
            last = self.inner.step().await;
            self.count += 1;
        }
        last * 100 + self.count
    }
}

/// A `&mut self` method whose awaited future reborrows `self.inner`, then updates `self`.
#[test]
fn mut_self_method_reborrowing_self_across_awaits() {
    let mut c = Counter {
        inner: Inner { steps: 0 },
        count: 0,
    };
    assert_eq!(block_on(c.tick(3)), 303);
    assert_eq!(block_on(c.tick(2)), 505);
    let mut n = Counter {
        inner: Inner { steps: 0 },
        count: 0,
    };
    assert_eq!(block_on(n.tick_native(3)), 303);
    assert_eq!(block_on(n.tick_native(2)), 505);
}

both! {
    async fn fresh_per_iteration / fresh_per_iteration_native(n: u32) -> (usize, Vec<String>) {
        let mut total = 0;
        let mut all = Vec::new();
        for i in 0..n {
            let s = format!("item-{}", i * 11);
            total += takes_ref(&s).await;
            all.push(s);
        }
        (total, all)
    }
}

/// A local declared in a loop body, borrowed across an await, then moved out: fresh each time.
#[test]
fn loop_body_locals_borrowed_across_an_await() {
    let expected = (
        6 + 7 + 7,
        vec!["item-0".to_string(), "item-11".into(), "item-22".into()],
    );
    assert_eq!(block_on(fresh_per_iteration(3)), expected);
    assert_eq!(block_on(fresh_per_iteration_native(3)), expected);
}

both! {
    async fn across_two_awaits / across_two_awaits_native() -> u32 {
        let v = vec![3, 4, 5];
        let r = &v;
        let a = delay(1, r[0]).await;
        let b = delay(2, r[1]).await;
        a * 100 + b * 10 + r[2] + v.len() as u32
    }
}

/// One borrow `let r = &v;` held across two awaits.
#[test]
fn a_borrow_held_across_two_awaits() {
    assert_eq!(block_on(across_two_awaits()), 348);
    assert_eq!(block_on(across_two_awaits_native()), 348);
}

both! {
    async fn parse_sum / parse_sum_native(input: &str) -> Result<u32, String> {
        let text = input.to_string();
        let mut total = 0;
        for w in text.split(',') {
            let n: u32 = w.trim().parse().map_err(|_| format!("bad {w:?}"))?;
            delay(1, ()).await;
            if n == 0 {
                return Ok(total);
            }
            total += n;
        }
        Ok(total)
    }
}

/// `?` and an early `return` while a split iterator borrows a local `String`.
#[test]
fn question_mark_and_early_return_with_a_live_borrow() {
    for (input, expected) in [
        ("1, 2, 3", Ok(6)),
        ("4, 0, x", Ok(4)),
        ("5, x, 0", Err("bad \" x\"".to_string())),
        ("", Err("bad \"\"".to_string())),
    ] {
        assert_eq!(block_on(parse_sum(input)), expected, "{input}");
        assert_eq!(block_on(parse_sum_native(input)), expected, "{input}");
    }
}

#[stackless::coroutine]
async fn ours_len(s: &str) -> usize {
    delay(1, ()).await;
    s.chars().count()
}

both! {
    async fn calls_ours / calls_ours_native() -> usize {
        let s = String::from("añb");
        let a = ours_len(&s).await;
        let t = s + "c";
        a + ours_len(&t).await
    }
}

/// A borrowing stackless async fn awaiting another stackless async fn on `&local`.
#[test]
fn nested_stackless_futures_borrowing_locals() {
    assert_eq!(block_on(calls_ours()), 7);
    assert_eq!(block_on(calls_ours_native()), 7);
}

both! {
    async fn in_a_match / in_a_match_native(key: u8) -> String {
        let table = vec![("a", 1u32), ("b", 2)];
        match table.iter().find(|(k, _)| k.as_bytes()[0] == key) {
            Some((k, v)) => {
                let doubled = delay(1, *v * 2).await;
                format!("{k}={doubled}")
            }
            None => "none".to_string(),
        }
    }
}

/// A `match` binding that borrows a local, used after an await in its arm.
#[test]
fn match_binding_into_a_local_across_an_await() {
    assert_eq!(block_on(in_a_match(b'b')), "b=4");
    assert_eq!(block_on(in_a_match_native(b'b')), "b=4");
    assert_eq!(block_on(in_a_match(b'z')), "none");
}

/// A borrowing stackless future runs on the stackless runtime and on tokio too.
#[test]
fn borrowing_futures_run_on_other_executors() {
    assert_eq!(stackless::rt::block_on(push_after()), [1, 2, 3, 6, 12]);
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    assert_eq!(rt.block_on(read_all(Reader::new(TEXT, 4))), TEXT);
    assert_eq!(rt.block_on(across_two_awaits()), 348);
}

// ---- async generators -------------------------------------------------------------------

#[stackless::coroutine]
fn doubled_slowly(n: u32) -> impl Stream<Item = u32> {
    let v: Vec<u32> = (1..=n).collect();
    for x in &v {
        delay(1, ()).await;
        yield_!(*x * 2);
    }
    delay(1, ()).await;
    yield_!(v.len() as u32);
}

/// An async generator iterating a local `Vec` by reference, awaiting between items.
#[test]
fn stream_over_a_local_vec_by_reference() {
    assert_eq!(collect(doubled_slowly(3)), [2, 4, 6, 3]);
}

#[stackless::coroutine]
fn word_lengths(text: &'static str) -> impl Stream<Item = (String, usize)> {
    let owned = text.to_uppercase();
    for w in owned.split_whitespace() {
        let len = takes_ref(w).await;
        yield_!((w.to_string(), len));
    }
}

/// An async generator whose split iterator over a local `String` lives across awaits and yields.
#[test]
fn stream_over_words_of_a_local_string() {
    assert_eq!(
        collect(word_lengths("ab cde f")),
        [("AB".to_string(), 2), ("CDE".into(), 3), ("F".into(), 1)]
    );
}

#[stackless::coroutine]
fn plus_hundred(n: u32) -> impl Stream<Item = u32> {
    let mut inner = pin!(numbers(n));
    while let Some(x) = stackless::rt::next(&mut inner).await {
        yield_!(x + 100);
    }
}

/// An async generator draining an inner stream pinned in one of its own locals.
#[test]
fn stream_draining_a_pinned_local_stream() {
    assert_eq!(collect(plus_hundred(3)), [101, 102, 103]);
}

#[stackless::coroutine]
fn stream_read(src: Reader) -> impl Stream<Item = Vec<u8>> {
    let mut src = src;
    let mut buf = [0u8; 6];
    loop {
        let n = src.read(&mut buf).await;
        if n == 0 {
            break;
        }
        yield_!(buf[..n].to_vec());
    }
}

/// An async generator reading into a local buffer and yielding each chunk.
#[test]
fn stream_of_chunks_read_into_a_local_buffer() {
    let chunks = collect(stream_read(Reader::new(b"hello world!!", 100)));
    assert_eq!(
        chunks,
        [b"hello ".to_vec(), b"world!".to_vec(), b"!".to_vec()]
    );
}

async fn pair(n: u32) -> (Vec<u32>, u32) {
    stackless::rt::yield_now().await;
    ((0..n).collect(), n)
}

/// Destructuring `let`s bind pinned locals: from an await (`let (v, n) = pair(..).await;`)
/// and from a plain value (`let (w, _) = (..);`), each borrowed across later awaits.
#[stackless::coroutine]
async fn destructured(n: u32) -> u32 {
    let (v, k) = pair(n).await;
    let (w, _) = (vec![10u32, 20], 0u8);
    let mut sum = 0;
    for x in v.iter().chain(w.iter()) {
        stackless::rt::yield_now().await;
        sum += x;
    }
    sum + k
}

#[test]
fn destructuring_lets_bind_pinned_locals() {
    assert_eq!(stackless::rt::block_on(destructured(4)), 6 + 30 + 4);
}

/// The workaround for an `async` block kept across an await that reads a local: move a
/// reference in.
#[stackless::coroutine]
async fn async_block_with_a_reference() -> usize {
    let v = vec![1, 2, 3];
    let r = &v;
    let fut = async move { r.len() };
    stackless::rt::yield_now().await;
    fut.await + v.len()
}

#[test]
fn an_async_move_block_holding_a_reference_to_a_local() {
    assert_eq!(stackless::rt::block_on(async_block_with_a_reference()), 6);
}
