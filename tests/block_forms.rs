//! The block forms (`iter!`, `stream!`, `try_stream!`, `co!`): expressions lowered by the
//! same compiler as the `fn` forms, capturing as a `move` closure (or `async move` block)
//! does. Each behaviour is checked against the `fn` form of the same body, or, for drops,
//! against rustc's own `async move` block with the same captures.

#![allow(clippy::let_and_return, clippy::redundant_locals)]

#[macro_use]
mod common;

use common::{collect, delay, log, poll_n_then_drop, poll_stream_n_then_drop, take_log, D};
use stackless::{co, iter, stream, try_stream, yield_, Coroutine, CoroutineState, Stream};
use std::mem::size_of_val;
use std::pin::pin;

#[test]
fn an_iter_block_moves_what_it_uses_and_copies_copies() {
    let words = vec![String::from("a"), String::from("bb"), String::from("ccc")];
    let min = 2;
    let long = iter! {
        for w in words {
            if w.len() >= min {
                yield_!(w);
            }
        }
    };
    // `min` is `Copy`: still usable; `words` was moved into the block.
    assert_eq!(min, 2);
    assert_eq!(long.collect::<Vec<_>>(), ["bb", "ccc"]);
}

#[test]
fn an_iter_block_returned_from_a_function_owns_its_captures() {
    fn multiples(k: u64, n: u64) -> impl Iterator<Item = u64> {
        let label = format!("x{k}");
        iter! {
            for i in 1..=n {
                yield_!(i * k);
            }
            drop(label);
        }
    }
    assert_eq!(multiples(3, 4).collect::<Vec<_>>(), [3, 6, 9, 12]);
}

#[test]
fn names_bound_inside_the_block_are_not_captures() {
    const BASE: u32 = 100;
    fn twice(x: u32) -> u32 {
        x * 2
    }
    let x = 1u32;
    let offset = 10u32;
    let g = iter! {
        // `x` in its own initialiser is the captured one; after it, the block's.
        let x = x + offset;
        yield_!(x);
        fn helper(v: u32) -> u32 { v + 1 }
        let add = |x: u32| x + BASE;
        yield_!(add(x));
        yield_!(helper(twice(x)));
        for (i, x) in [7u32, 8].into_iter().enumerate() {
            yield_!(x + i as u32);
        }
        match Some(x) {
            Some(x) if x > 0 => yield_!(x * 1000),
            _ => {}
        }
        let name = "n";
        yield_!(format!("{x}{name}{offset}{y}", y = 5).len() as u32);
    };
    assert_eq!(
        g.collect::<Vec<_>>(),
        [11, 111, 23, 7, 9, 11000, "11n105".len() as u32]
    );
}

#[test]
fn a_name_used_only_inside_an_opaque_macro_or_called_is_the_step_closures() {
    macro_rules! shout {
        ($s:expr) => {
            $s.to_uppercase()
        };
    }
    let greeting = String::from("hi");
    let bump = |x: u32| x + 1;
    let g = iter! {
        yield_!(shout!(greeting));
        yield_!(format!("{}", bump(1)));
    };
    assert_eq!(g.collect::<Vec<_>>(), ["HI", "2"]);
}

#[test]
fn a_question_mark_in_an_iter_block_yields_the_residual_last() {
    let words = vec!["1", "2", "x", "4"];
    let parsed = iter! {
        for w in words {
            yield_!(Ok(w.parse::<u32>()?));
        }
    };
    let out: Vec<Result<u32, std::num::ParseIntError>> = parsed.collect();
    assert_eq!(out.len(), 3);
    assert_eq!(out[..2], [Ok(1), Ok(2)]);
    assert!(out[2].is_err());
}

#[stackless::coroutine]
fn squares_fn(n: u64) -> impl Iterator<Item = u64> {
    for i in 0..n {
        yield_!(i * i);
    }
}

fn squares_block(n: u64) -> impl Iterator<Item = u64> {
    iter! {
        for i in 0..n {
            yield_!(i * i);
        }
    }
}

#[stackless::coroutine]
fn buffered_fn(words: Vec<String>) -> impl Iterator<Item = usize> {
    let buf = [0u8; 64];
    for w in &words {
        yield_!(w.len() + buf[0] as usize);
    }
}

fn buffered_block(words: Vec<String>) -> impl Iterator<Item = usize> {
    iter! {
        let buf = [0u8; 64];
        for w in &words {
            yield_!(w.len() + buf[0] as usize);
        }
    }
}

#[stackless::coroutine]
async fn waits_fn(n: u32, name: String) -> usize {
    let mut total = 0;
    for i in 0..n {
        total += delay(1, i).await as usize;
    }
    total + name.len()
}

#[test]
fn a_block_is_the_size_of_the_fn_form_of_its_body() {
    assert_eq!(size_of_val(&squares_block(3)), size_of_val(&squares_fn(3)));
    assert_eq!(size_of_val(&squares_block(3)), 24);
    let words = vec![String::from("ab")];
    assert_eq!(
        size_of_val(&buffered_block(words.clone())),
        size_of_val(&buffered_fn(words.clone()))
    );
    assert_eq!(
        buffered_block(words.clone()).collect::<Vec<_>>(),
        buffered_fn(words).collect::<Vec<_>>()
    );
    // A stream that only awaits: the size of the `async fn` with the same body.
    let (n, name) = (3u32, String::from("abc"));
    let s = stream! {
        let mut total = 0;
        for i in 0..n {
            total += delay(1, i).await as usize;
        }
        yield_!(total + name.len());
    };
    assert_eq!(size_of_val(&s), size_of_val(&waits_fn(3, String::new())));
    assert_eq!(collect(s), [6]);
}

#[test]
fn a_stream_block_awaits_and_keeps_borrowed_locals_in_place() {
    let items = vec![3u32, 4, 5];
    let s = stream! {
        let scale = vec![10u32];
        for x in &items {
            let y = delay(1, *x).await;
            yield_!(y * scale[0]);
        }
    };
    assert_eq!(collect(s), [30, 40, 50]);
}

#[test]
fn a_stream_block_is_fused_after_its_end() {
    use stackless::FusedStream;
    let s = stream! {
        yield_!(delay(1, 1u8).await);
    };
    let mut s = pin!(s);
    assert!(!s.is_terminated());
    let out = common::block_on(async {
        let mut v = Vec::new();
        while let Some(x) = stackless::next(&mut s).await {
            v.push(x);
        }
        v
    });
    assert_eq!(out, [1]);
    assert!(s.is_terminated());
}

#[derive(Debug, PartialEq)]
enum MyErr {
    Parse,
    Io(&'static str),
}

impl From<std::num::ParseIntError> for MyErr {
    fn from(_: std::num::ParseIntError) -> Self {
        MyErr::Parse
    }
}

fn parse_each(words: Vec<&'static str>) -> impl Stream<Item = Result<u32, MyErr>> {
    try_stream! {
        for w in words {
            if w == "io" {
                Err(MyErr::Io("disk"))?;
            }
            yield_!(delay(1, w).await.parse::<u32>()?);
        }
    }
}

#[test]
fn a_try_stream_yields_ok_values_and_ends_with_the_first_error() {
    assert_eq!(collect(parse_each(vec!["1", "2"])), [Ok(1), Ok(2)]);
    assert_eq!(
        collect(parse_each(vec!["1", "x", "3"])),
        [Ok(1), Err(MyErr::Parse)]
    );
    assert_eq!(
        collect(parse_each(vec!["io", "3"])),
        [Err(MyErr::Io("disk"))]
    );
}

#[test]
fn a_coroutine_block_binds_its_first_resume_argument() {
    let mut total = pin!(co!(|first: i64| -> String {
        let mut sum = first;
        loop {
            let x = yield_!(sum);
            if x == 0 {
                break;
            }
            sum += x;
        }
        format!("total={sum}")
    }));
    assert_eq!(total.as_mut().resume(5), CoroutineState::Yielded(5));
    assert_eq!(total.as_mut().resume(2), CoroutineState::Yielded(7));
    assert_eq!(
        total.as_mut().resume(0),
        CoroutineState::Complete(String::from("total=7"))
    );
}

#[test]
fn a_coroutine_block_infers_its_types_and_takes_patterns() {
    let base = 100;
    let mut c = pin!(co!(|(a, b): (i32, i32)| {
        let (r, _) = yield_!(a + b + base);
        r * 2
    }));
    assert_eq!(c.as_mut().resume((1, 2)), CoroutineState::Yielded(103));
    assert_eq!(c.as_mut().resume((7, 0)), CoroutineState::Complete(14));
    // Without a parameter, the first argument is dropped, as in the `fn` form.
    let mut d = pin!(co! {
        let got = yield_!("first");
        got
    });
    assert_eq!(
        d.as_mut().resume(D("dropped")),
        CoroutineState::Yielded("first")
    );
    assert_eq!(take_log(), ["drop dropped"]);
    match d.as_mut().resume(D("kept")) {
        CoroutineState::Complete(k) => assert_eq!(k, D("kept")),
        other => panic!("{:?}", matches!(other, CoroutineState::Yielded(_))),
    }
    take_log();
}

#[test]
fn a_coroutine_block_holding_a_drop_value_drops_its_first_argument_in_scope() {
    take_log();
    let tag = D("captured");
    let mut c = pin!(co!(|first: D| {
        let _keep = &tag;
        yield_!(());
        log("after the yield");
        drop(first);
        log("end");
    }));
    assert_eq!(c.as_mut().resume(D("first")), CoroutineState::Yielded(()));
    assert_eq!(c.as_mut().resume(D("second")), CoroutineState::Complete(()));
    assert_eq!(
        take_log(),
        [
            "drop second",
            "after the yield",
            "drop first",
            "end",
            "drop captured"
        ]
    );
}

struct Counter {
    step: u32,
    name: String,
}

impl Counter {
    fn counts(&self, n: u32) -> impl Iterator<Item = u32> + '_ {
        iter! {
            for i in 0..n {
                yield_!(i * self.step);
            }
        }
    }
    fn into_names(self) -> impl Iterator<Item = String> {
        iter! {
            for i in 0..2 {
                yield_!(format!("{}{i}", self.name));
            }
        }
    }
}

#[test]
fn a_block_in_a_method_captures_self() {
    let c = Counter {
        step: 5,
        name: String::from("c"),
    };
    assert_eq!(c.counts(3).collect::<Vec<_>>(), [0, 5, 10]);
    assert_eq!(c.into_names().collect::<Vec<_>>(), ["c0", "c1"]);
}

#[stackless::coroutine]
async fn blocks_inside_a_coroutine(n: u32) -> Vec<u32> {
    let v: Vec<u32> = (0..n).collect();
    let mut seen = 0;
    // `v` is borrowed across the await: it lives in a pinned slot.
    for _ in &v {
        delay(1, ()).await;
        seen += 1;
    }
    // Moved out of its slot into the block, as into an `async move` block.
    let g = iter! {
        for x in v {
            yield_!(x + seen);
        }
    };
    let mut out: Vec<u32> = g.collect();
    let s = stream! {
        for i in 0..2u32 {
            yield_!(delay(1, i * 100).await);
        }
    };
    let mut s = pin!(s);
    while let Some(x) = stackless::next(&mut s).await {
        out.push(x);
    }
    out
}

#[test]
fn blocks_nest_inside_coroutines_and_blocks() {
    assert_eq!(
        common::block_on(blocks_inside_a_coroutine(3)),
        [3, 4, 5, 0, 100]
    );
    let nested = iter! {
        for i in 0..4u32 {
            let inner = iter! {
                for j in 0..i {
                    yield_!(j);
                }
            };
            yield_!(inner.sum::<u32>());
        }
    };
    assert_eq!(nested.collect::<Vec<_>>(), [0, 0, 1, 3]);
}

/// For every `k`: polls a stream block that only awaits `k` times and drops it, and the
/// native `async move` block with the same captures and body the same way: the same log.
fn drops_like_async_move<S, F>(ours: impl Fn() -> S, native: impl Fn() -> F, max_polls: usize)
where
    S: Stream<Item = ()>,
    F: std::future::Future<Output = ()>,
{
    for k in 0..=max_polls {
        take_log();
        let items = poll_stream_n_then_drop(ours(), k);
        assert!(items.is_empty());
        let ours_log = take_log();
        poll_n_then_drop(native(), k);
        assert_eq!(ours_log, take_log(), "after {k} polls");
    }
}

fn name_of(d: &D) -> &'static str {
    d.0
}

// (Whole locals are used: an `async move` block captures a field used alone (`b.0`) by
// itself, edition 2021's disjoint capture, where a block form captures the whole local.)
#[test]
fn captures_drop_where_an_async_move_block_drops_them() {
    // Captured in the order `b`, `a`; one moved out in the body; locals of the body.
    drops_like_async_move(
        || {
            let (a, b, c) = (D("a"), D("b"), D("c"));
            stream! {
                let _local = D("local");
                log(name_of(&b));
                delay(1, ()).await;
                drop(c);
                log(name_of(&a));
                delay(1, ()).await;
                log("end");
            }
        },
        || {
            let (a, b, c) = (D("a"), D("b"), D("c"));
            async move {
                let _local = D("local");
                log(name_of(&b));
                delay(1, ()).await;
                drop(c);
                log(name_of(&a));
                delay(1, ()).await;
                log("end");
            }
        },
        6,
    );
    // A capture mentioned only before the first await, one never mentioned after its move
    // into a local.
    drops_like_async_move(
        || {
            let (a, b) = (D("a"), D("b"));
            stream! {
                let moved = a;
                log(name_of(&b));
                delay(2, ()).await;
                log("end");
                drop(moved);
            }
        },
        || {
            let (a, b) = (D("a"), D("b"));
            async move {
                let moved = a;
                log(name_of(&b));
                delay(2, ()).await;
                log("end");
                drop(moved);
            }
        },
        5,
    );
}

#[test]
fn an_unstarted_block_drops_its_captures_in_capture_order() {
    take_log();
    {
        let (a, b) = (D("a"), D("b"));
        let g = iter! {
            let _x = &b;
            let _y = &a;
            yield_!(1);
        };
        drop(g);
    }
    let ours = take_log();
    {
        let (a, b) = (D("a"), D("b"));
        let f = async move {
            let _x = &b;
            let _y = &a;
        };
        drop(f);
    }
    assert_eq!(ours, take_log());
    assert_eq!(ours, ["drop b", "drop a"]);
}

#[test]
fn auto_traits_follow_what_the_block_holds() {
    fn is_send<T: Send>(_: &T) {}
    let v = vec![1u32];
    let g = iter! {
        for x in v {
            yield_!(x);
        }
    };
    is_send(&g);
    // A `!Send` local dead before the await does not make it `!Send`.
    let s = stream! {
        {
            let rc = std::rc::Rc::new(1u32);
            log(format!("{rc}"));
        }
        yield_!(delay(1, 2u32).await);
    };
    is_send(&s);
    assert_eq!(g.collect::<Vec<_>>(), [1]);
    assert_eq!(collect(s), [2]);
    take_log();
}

#[test]
fn a_block_reports_where_it_is_parked() {
    let g = iter! {
        yield_!(1u8);
        yield_!(2u8);
    };
    let mut g = pin!(g);
    assert_eq!(g.as_mut().resume(()), CoroutineState::Yielded(1));
    let trace = stackless::trace(&g.as_ref()).to_string();
    assert!(trace.starts_with("iter! ("), "{trace}");
    assert!(trace.contains("tests/block_forms.rs"), "{trace}");
}

fn consume(d: D) {
    log(format!("consume {}", d.0));
}

/// Found by the conformance suite: a capture moved out on one path only was dropped at the
/// next suspension point on the others; rustc keeps it to the end of the block.
#[test]
fn a_capture_moved_on_some_paths_is_kept_on_the_others() {
    for first in [false, true] {
        drops_like_async_move(
            || {
                let p = D("p");
                stream! {
                    if first {
                        consume(p);
                    } else {
                        let _d = D("d");
                    }
                    let _e = D("e");
                    delay(1, ()).await;
                    log("end");
                }
            },
            || {
                let p = D("p");
                async move {
                    if first {
                        consume(p);
                    } else {
                        let _d = D("d");
                    }
                    let _e = D("e");
                    delay(1, ()).await;
                    log("end");
                }
            },
            3,
        );
    }
}

#[test]
fn a_block_in_a_block_moves_in_what_only_the_inner_one_uses() {
    let v = vec![1u32, 2, 3];
    let outer = iter! {
        let inner = iter! {
            for x in v {
                yield_!(x * 10);
            }
        };
        for x in inner {
            yield_!(x + 1);
        }
    };
    assert_eq!(outer.collect::<Vec<_>>(), [11, 21, 31]);
}

#[test]
fn blocks_yielded_from_a_loop_have_one_type() {
    let g = iter! {
        for i in 0..3u32 {
            yield_!(iter! {
                yield_!(i);
                yield_!(i * 10);
            });
        }
    };
    let all: Vec<Vec<u32>> = g.map(|inner| inner.collect()).collect();
    assert_eq!(all, [vec![0, 0], vec![1, 10], vec![2, 20]]);
}

struct Named(&'static str);

macro_rules! name_of {
    ($x:expr) => {
        $x.0
    };
}

impl Named {
    fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        // `self` only inside a macro the block cannot read.
        iter! {
            yield_!(name_of!(self));
        }
    }
}

#[test]
fn self_named_only_inside_a_macro_is_captured() {
    assert_eq!(Named("n").names().collect::<Vec<_>>(), ["n"]);
}

macro_rules! my_gen {
    ($($body:tt)*) => {{
        stackless::iter! { $($body)* }
    }};
}

macro_rules! my_co {
    ($($body:tt)*) => {{
        stackless::co!($($body)*)
    }};
}

/// A block form inside a user's `macro_rules!`, its body passed through: the captures are
/// the user's locals, named with the spans of the body's tokens (the macro's own call site
/// is inside `my_gen!`, whose hygiene cannot see them). (Before, E0425 "cannot find value
/// `m`"; found by review.)
#[test]
fn a_block_form_inside_a_user_macro_captures_the_users_locals() {
    let m = 7u32;
    let w: Vec<u32> = my_gen!(yield m; yield m + 1;).collect();
    assert_eq!(w, [7, 8]);
    let s = String::from("xy");
    let mut c = std::pin::pin!(my_co!(|a: u32| -> usize {
        let b = yield_!(a + m);
        s.len() + b as usize
    }));
    assert_eq!(c.as_mut().resume(1), CoroutineState::Yielded(8));
    assert_eq!(c.as_mut().resume(5), CoroutineState::Complete(7));
}
