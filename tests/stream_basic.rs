//! Async generators: `fn … -> impl Stream<Item = Y>` mixing `.await` and `yield_!`.

mod common;
use common::{collect, delay, log, poll_stream_n_then_drop, take_log, D};
use stackless::{yield_, Stream};
use std::mem::size_of_val;

#[stackless::coroutine]
fn ticks(n: u32) -> impl Stream<Item = u32> {
    for i in 0..n {
        delay(1, ()).await;
        yield_!(i);
    }
}

#[test]
fn awaits_then_yields_in_a_loop() {
    assert_eq!(collect(ticks(4)), [0, 1, 2, 3]);
}

#[stackless::coroutine]
fn empty_stream() -> impl Stream<Item = u8> {}

#[test]
fn a_stream_with_no_items() {
    assert_eq!(collect(empty_stream()), Vec::<u8>::new());
}

#[stackless::coroutine]
fn yields_only() -> impl Stream<Item = &'static str> {
    yield_!("a");
    yield_!("b");
}

#[test]
fn a_stream_without_awaits() {
    assert_eq!(collect(yields_only()), ["a", "b"]);
}

#[stackless::coroutine]
fn branches(xs: Vec<i32>) -> impl Stream<Item = String> {
    for x in xs {
        if x < 0 {
            let abs = delay(1, -x).await;
            yield_!(format!("neg {abs}"));
        } else if x == 0 {
            continue;
        } else {
            yield_!(format!("pos {x}"));
            let doubled = delay(2, x * 2).await;
            yield_!(format!("twice {doubled}"));
        }
    }
    yield_!("end".to_string());
}

#[test]
fn awaits_and_yields_in_branches() {
    assert_eq!(
        collect(branches(vec![-1, 0, 3])),
        ["neg 1", "pos 3", "twice 6", "end"]
    );
}

#[stackless::coroutine]
fn await_in_yield(n: u32) -> impl Stream<Item = u32> {
    let mut i = 0;
    while i < n {
        yield_!(delay(1, i * 10).await + delay(0, 1).await);
        i += 1;
    }
}

#[test]
fn await_inside_the_yielded_expression() {
    assert_eq!(collect(await_in_yield(3)), [1, 11, 21]);
}

#[stackless::coroutine]
fn early_return(limit: u32) -> impl Stream<Item = u32> {
    let mut i = 0;
    loop {
        let v = delay(1, i).await;
        if v >= limit {
            return;
        }
        yield_!(v);
        i += 1;
    }
}

#[test]
fn early_return_ends_the_stream() {
    assert_eq!(collect(early_return(3)), [0, 1, 2]);
    assert_eq!(collect(early_return(0)), Vec::<u32>::new());
}

#[stackless::coroutine]
fn parse_all(items: Vec<&'static str>) -> impl Stream<Item = Result<u32, String>> {
    for s in items {
        let n: u32 = delay(1, s).await.parse().map_err(|e| format!("{s}: {e}"))?;
        yield_!(Ok(n));
    }
}

#[test]
fn question_mark_yields_the_error_last() {
    let got = collect(parse_all(vec!["1", "2", "x", "4"]));
    assert_eq!(
        got,
        [
            Ok(1),
            Ok(2),
            Err("x: invalid digit found in string".to_string())
        ]
    );
    assert_eq!(collect(parse_all(vec!["7"])), [Ok(7)]);
}

#[derive(Debug, PartialEq)]
struct MyError(String);
impl From<std::num::ParseIntError> for MyError {
    fn from(e: std::num::ParseIntError) -> Self {
        MyError(e.to_string())
    }
}

#[stackless::coroutine]
fn converted(items: Vec<&'static str>) -> impl Stream<Item = Result<i64, MyError>> {
    for s in items {
        yield_!(Ok(s.parse::<i64>()?));
    }
}

#[test]
fn question_mark_converts_with_from() {
    let got = collect(converted(vec!["-3", "z"]));
    assert_eq!(
        got,
        [Ok(-3), Err(MyError("invalid digit found in string".into()))]
    );
}

#[stackless::coroutine]
fn option_items(xs: Vec<Option<u8>>) -> impl Stream<Item = Option<u8>> {
    for x in xs {
        let v = x?;
        yield_!(Some(v + 1));
    }
}

#[test]
fn question_mark_on_option_items() {
    assert_eq!(
        collect(option_items(vec![Some(1), None, Some(5)])),
        [Some(2), None]
    );
}

#[test]
fn fused_after_the_end() {
    let waker = std::task::Waker::noop();
    let mut cx = std::task::Context::from_waker(waker);
    let mut s = Box::pin(yields_only());
    let mut seen = Vec::new();
    for _ in 0..6 {
        if let std::task::Poll::Ready(item) = s.as_mut().poll_next(&mut cx) {
            seen.push(item);
        }
    }
    assert_eq!(seen, [Some("a"), Some("b"), None, None, None, None]);
    assert_eq!(s.size_hint(), (0, None));
}

#[stackless::coroutine]
fn numbers(n: u32) -> impl Stream<Item = u32> {
    for i in 1..=n {
        delay(1, ()).await;
        yield_!(i);
    }
}

#[stackless::coroutine]
fn doubled<S: Stream<Item = u32> + Unpin>(inner: S) -> impl Stream<Item = u32> {
    let mut inner = inner;
    loop {
        let (item, rest) = stackless_runtime::take_next(inner).await;
        inner = rest;
        match item {
            Some(x) => yield_!(x * 2),
            None => break,
        }
    }
}

#[test]
fn a_stream_consuming_another_stream() {
    assert_eq!(collect(doubled(Box::pin(numbers(3)))), [2, 4, 6]);
}

#[stackless::coroutine]
fn zip_sum<A, B>(a: A, b: B) -> impl Stream<Item = u32>
where
    A: Stream<Item = u32> + Unpin,
    B: Stream<Item = u32> + Unpin,
{
    let (mut a, mut b) = (a, b);
    loop {
        let (x, rest_a) = stackless_runtime::take_next(a).await;
        a = rest_a;
        let (y, rest_b) = stackless_runtime::take_next(b).await;
        b = rest_b;
        match (x, y) {
            (Some(x), Some(y)) => yield_!(x + y),
            _ => return,
        }
    }
}

#[test]
fn two_streams_consumed_in_step() {
    let got = collect(zip_sum(
        Box::pin(numbers(3)),
        Box::pin(doubled(Box::pin(numbers(5)))),
    ));
    assert_eq!(got, [3, 6, 9]);
}

#[stackless::coroutine]
fn guarded(n: u32) -> impl Stream<Item = u32> {
    let _outer = D("outer");
    for i in 0..n {
        let item = D(["i0", "i1", "i2"][i as usize]);
        let v = delay(1, i).await;
        yield_!(v);
        drop(item);
    }
    log("end");
}

#[test]
fn drop_order_on_completion() {
    take_log();
    assert_eq!(collect(guarded(2)), [0, 1]);
    assert_eq!(take_log(), ["drop i0", "drop i1", "end", "drop outer"]);
}

#[test]
fn cancelled_at_every_suspension_point() {
    // Each item takes two polls (pending await, then the yield).
    let expected: [&[&str]; 7] = [
        &[],
        &["drop i0", "drop outer"],
        &["drop i0", "drop outer"],
        &["drop i0", "drop i1", "drop outer"],
        &["drop i0", "drop i1", "drop outer"],
        &["drop i0", "drop i1", "drop i2", "drop outer"],
        &["drop i0", "drop i1", "drop i2", "drop outer"],
    ];
    for (k, exp) in expected.iter().enumerate() {
        take_log();
        let items = poll_stream_n_then_drop(guarded(3), k);
        assert_eq!(items.len(), k / 2, "k = {k}");
        assert_eq!(take_log(), *exp, "cancelled after {k} polls");
    }
    take_log();
    let items = poll_stream_n_then_drop(guarded(3), 8);
    assert_eq!(items, [0, 1, 2]);
    assert_eq!(
        take_log(),
        ["drop i0", "drop i1", "drop i2", "end", "drop outer"]
    );
}

fn assert_send<T: Send>(_: &T) {}

#[stackless::coroutine]
fn send_stream() -> impl Stream<Item = usize> + Send {
    let rc = std::rc::Rc::new(3);
    let n = *rc;
    delay(1, ()).await;
    yield_!(n);
}

#[test]
fn rc_dead_before_the_await_keeps_the_stream_send() {
    let s = send_stream();
    assert_send(&s);
    assert_eq!(collect(s), [3]);
}

/// The hand-written equivalent of `counter`: what a careful programmer would write (only its
/// size is used here).
#[allow(dead_code)]
enum HandCounter {
    Start {
        n: u32,
    },
    Waiting {
        i: u32,
        n: u32,
        fut: common::Delay<()>,
    },
    Yielded {
        i: u32,
        n: u32,
    },
    Done,
}

#[stackless::coroutine]
fn counter(n: u32) -> impl Stream<Item = u32> {
    let mut i = 0;
    while i < n {
        delay(1, ()).await;
        yield_!(i);
        i += 1;
    }
}

#[test]
fn size_no_larger_than_the_hand_written_machine() {
    let ours = size_of_val(&counter(3));
    let hand = std::mem::size_of::<HandCounter>();
    assert!(ours <= hand, "ours {ours} > hand-written {hand}");
    assert_eq!(collect(counter(3)), [0, 1, 2]);
}

#[stackless::coroutine]
fn big_buffer_before() -> impl Stream<Item = u64> {
    let buf = [1u8; 2048];
    let s: u64 = buf.iter().map(|&b| b as u64).sum();
    delay(1, ()).await;
    yield_!(s);
}

#[test]
fn dead_buffer_not_carried_across_the_await() {
    let s = big_buffer_before();
    assert!(size_of_val(&s) <= 32, "{}", size_of_val(&s));
    assert_eq!(collect(s), [2048]);
}

#[stackless::coroutine]
fn nested_loops() -> impl Stream<Item = (u8, u8)> {
    'outer: for a in 0..3u8 {
        for b in 0..3u8 {
            if b > a {
                continue 'outer;
            }
            if a == 2 && b == 1 {
                break 'outer;
            }
            let x = delay(1, a).await;
            yield_!((x, b));
        }
    }
}

#[test]
fn labelled_loops_around_awaits_and_yields() {
    assert_eq!(collect(nested_loops()), [(0, 0), (1, 0), (1, 1), (2, 0)]);
}

#[stackless::coroutine]
fn match_on_awaited(xs: Vec<u8>) -> impl Stream<Item = &'static str> {
    for x in xs {
        match delay(1, x).await {
            0 => yield_!("zero"),
            n if n % 2 == 0 => {
                yield_!("even");
                delay(1, ()).await;
                yield_!("(still even)");
            }
            _ => yield_!("odd"),
        }
    }
}

#[test]
fn match_scrutinee_awaited_and_arms_yield() {
    assert_eq!(
        collect(match_on_awaited(vec![0, 2, 3])),
        ["zero", "even", "(still even)", "odd"]
    );
}

struct Source {
    items: Vec<u32>,
}

impl Source {
    #[stackless::coroutine]
    fn stream(&self) -> impl Stream<Item = u32> + '_ {
        for &x in &self.items {
            yield_!(delay(1, x).await);
        }
    }
}

#[test]
fn a_method_stream_borrowing_self() {
    let s = Source { items: vec![5, 6] };
    assert_eq!(collect(s.stream()), [5, 6]);
}

#[test]
fn panic_inside_a_stream_poisons_it() {
    #[stackless::coroutine]
    fn boom() -> impl Stream<Item = u8> {
        yield_!(1);
        delay(1, ()).await;
        panic!("stream panicked");
    }
    let waker = std::task::Waker::noop();
    let mut cx = std::task::Context::from_waker(waker);
    let mut s = Box::pin(boom());
    assert_eq!(
        s.as_mut().poll_next(&mut cx),
        std::task::Poll::Ready(Some(1))
    );
    assert_eq!(s.as_mut().poll_next(&mut cx), std::task::Poll::Pending);
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        s.as_mut().poll_next(&mut cx)
    }));
    assert!(r.is_err());
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        s.as_mut().poll_next(&mut cx)
    }));
    assert_eq!(
        *r.unwrap_err().downcast::<&str>().unwrap(),
        "coroutine `boom` resumed after panicking"
    );
}

#[stackless::coroutine]
fn generic_stream<T: Clone + Unpin>(item: T, times: usize) -> impl Stream<Item = T> {
    for _ in 0..times {
        yield_!(delay(1, item.clone()).await);
    }
}

#[test]
fn generic_item_type() {
    assert_eq!(collect(generic_stream("x".to_string(), 2)), ["x", "x"]);
}

#[stackless::coroutine]
fn awaits_other_stackless_futures(n: u32) -> impl Stream<Item = u32> {
    for i in 0..n {
        yield_!(add_later(i, 100).await);
    }
}

#[stackless::coroutine]
async fn add_later(a: u32, b: u32) -> u32 {
    delay(1, a).await + b
}

#[test]
fn a_stream_awaiting_async_fns() {
    assert_eq!(collect(awaits_other_stackless_futures(3)), [100, 101, 102]);
}

#[stackless::coroutine]
fn while_let_over_results(mut items: Vec<Result<u8, u8>>) -> impl Stream<Item = u8> {
    items.reverse();
    while let Some(Ok(x)) = items.pop() {
        delay(1, ()).await;
        yield_!(x);
    }
}

#[test]
fn while_let_loop_with_awaits() {
    assert_eq!(
        collect(while_let_over_results(vec![Ok(1), Ok(2), Err(9), Ok(3)])),
        [1, 2]
    );
}

#[stackless::coroutine]
fn shadowed_in_stream() -> impl Stream<Item = String> {
    let x = 1;
    yield_!(x.to_string());
    let x = delay(1, x + 1).await;
    {
        let x = "inner";
        delay(1, ()).await;
        yield_!(x.to_string());
    }
    yield_!(x.to_string());
}

#[test]
fn shadowing_across_awaits() {
    assert_eq!(collect(shadowed_in_stream()), ["1", "inner", "2"]);
}
