//! What users of async-stream's `stream!`/`try_stream!`, genawaiter's generators and
//! nightly `gen` blocks do with them, written with the block forms: empty and unit streams,
//! a captured `&mut`, channels, borrowing `self`, streams of streams, `?` converting errors,
//! `#[for_await]`, resume arguments. (Our own tests of those behaviours.)

#![allow(clippy::diverging_sub_expression, unreachable_code)]

mod common;

use common::{block_on, collect, delay};
use stackless::{co, iter, stream, try_stream, yield_, Coroutine, CoroutineState, Stream};
use std::pin::pin;

#[test]
fn an_empty_stream_ends_at_once() {
    let s = stream! {};
    let items: Vec<()> = collect(s);
    assert!(items.is_empty());
    let g = iter! {};
    assert_eq!(g.count(), 0);
}

fn no_numbers(ran: &mut bool) -> impl Iterator<Item = u32> + '_ {
    iter! {
        *ran = true;
    }
}

fn no_names() -> impl Stream<Item = String> {
    stream! {}
}

/// A block that never yields takes its item from where it is used (`Item = u32`), as a
/// `gen` block does; where nothing says, as a diverging value's type (above: `count()`).
#[test]
fn a_block_that_never_yields_has_the_item_it_is_used_as() {
    let mut ran = false;
    assert_eq!(no_numbers(&mut ran).collect::<Vec<u32>>(), []);
    assert!(ran);
    assert_eq!(collect(no_names()), Vec::<String>::new());
}

#[test]
fn a_stream_that_never_yields_still_runs_its_body() {
    let mut ran = false;
    {
        let r = &mut ran;
        let s = stream! {
            *r = true;
        };
        let items: Vec<()> = collect(s);
        assert!(items.is_empty());
    }
    assert!(ran);
}

#[test]
fn a_stream_is_fused_and_stays_ended() {
    use stackless::FusedStream;
    let mut s = pin!(stream! {
        yield_!("hello");
    });
    assert!(!s.is_terminated());
    block_on(async {
        assert_eq!(stackless::next(&mut s).await, Some("hello"));
        assert_eq!(stackless::next(&mut s).await, None);
        assert!(s.is_terminated());
        assert_eq!(stackless::next(&mut s).await, None);
    });
}

#[test]
fn a_stream_reads_a_channel_it_owns() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    rt.block_on(async {
        let (tx, mut rx) = tokio::sync::mpsc::channel::<u32>(4);
        let s = stream! {
            while let Some(v) = rx.recv().await {
                yield_!(v * 2);
            }
        };
        let mut s = pin!(s);
        for i in 0..3 {
            tx.send(i).await.unwrap();
            assert_eq!(stackless::next(&mut s).await, Some(i * 2));
        }
        drop(tx);
        assert_eq!(stackless::next(&mut s).await, None);
    });
}

struct Data(String);

impl Data {
    fn words<'a>(&'a self) -> impl Stream<Item = &'a str> + 'a {
        stream! {
            for w in self.0.split(' ') {
                yield_!(w);
            }
        }
    }
}

#[test]
fn a_stream_borrows_self_for_its_lifetime() {
    let d = Data(String::from("hello big world"));
    assert_eq!(collect(d.words()), ["hello", "big", "world"]);
}

#[test]
fn a_stream_of_a_stream() {
    let s = stream! {
        let inner = stream! {
            for i in 0..3u32 {
                yield_!(delay(1, i).await);
            }
        };
        let mut inner = pin!(inner);
        while let Some(v) = stackless::next(&mut inner).await {
            yield_!(v + 10);
        }
    };
    assert_eq!(collect(s), [10, 11, 12]);
}

#[test]
fn for_await_over_a_stream_in_a_stream_block() {
    let words = stream! {
        yield_!("hello");
        yield_!("world");
    };
    let s = stream! {
        #[for_await]
        for w in words {
            yield_!(w.to_owned() + "!");
        }
    };
    assert_eq!(collect(s), ["hello!", "world!"]);
}

#[test]
fn a_try_stream_ends_with_its_first_error() {
    let s = try_stream! {
        if true {
            Err("hello")?;
        } else {
            yield_!("world");
        }
        unreachable!();
    };
    assert_eq!(collect(s), [Err::<&str, &str>("hello")]);
    let s = try_stream! {
        yield_!("hello");
        Err("world")?;
        unreachable!();
    };
    assert_eq!(collect(s), [Ok("hello"), Err("world")]);
}

#[derive(Debug, PartialEq)]
struct Small(u8);
#[derive(Debug, PartialEq)]
struct Wide(u16);

impl From<Small> for Wide {
    fn from(s: Small) -> Wide {
        Wide(s.0.into())
    }
}

fn converting(first: bool) -> impl Stream<Item = Result<&'static str, Wide>> {
    try_stream! {
        if first {
            Err(Small(1))?;
        } else {
            Err(Wide(2))?;
        }
        yield_!("never");
    }
}

#[test]
fn a_try_stream_converts_its_errors_into_the_items_error() {
    assert_eq!(collect(converting(true)), [Err(Wide(1))]);
    assert_eq!(collect(converting(false)), [Err(Wide(2))]);
}

#[test]
fn a_stream_returned_early_ends() {
    let s = stream! {
        for i in 0..10u32 {
            if i == 2 {
                return;
            }
            yield_!(i);
        }
    };
    assert_eq!(collect(s), [0, 1]);
}

#[test]
fn a_generator_like_genawaiters_takes_values_back() {
    // A summing coroutine: each resume adds to the total it yields next.
    let mut acc = pin!(co!(|start: u32| {
        let mut total = start;
        loop {
            let add: u32 = yield_!(total);
            if add == 0 {
                return total;
            }
            total += add;
        }
    }));
    let mut seen = Vec::new();
    let mut arg = 1;
    let done = loop {
        match acc.as_mut().resume(arg) {
            CoroutineState::Yielded(t) => seen.push(t),
            CoroutineState::Complete(t) => break t,
        }
        arg = if seen.len() < 4 { seen.len() as u32 } else { 0 };
    };
    assert_eq!(seen, [1, 2, 4, 7]);
    assert_eq!(done, 7);
}

#[test]
fn iter_blocks_as_gen_blocks_are_used() {
    // Chained with iterator adapters, nested, and collected.
    let rows = vec![vec![1, 2], vec![], vec![3]];
    let flat = iter! {
        for row in rows {
            for x in row {
                yield_!(x);
            }
        }
    };
    let doubled: Vec<i32> = flat.map(|x| x * 2).collect();
    assert_eq!(doubled, [2, 4, 6]);
    // An infinite block, taken from.
    let fib = iter! {
        let (mut a, mut b) = (0u64, 1u64);
        loop {
            yield_!(a);
            (a, b) = (b, a + b);
        }
    };
    assert_eq!(fib.take(8).collect::<Vec<_>>(), [0, 1, 1, 2, 3, 5, 8, 13]);
    // A block of blocks.
    let squares = iter! {
        for n in 1..4u32 {
            yield_!(iter! { for i in 0..n { yield_!(i * i); } }.sum::<u32>());
        }
    };
    assert_eq!(squares.collect::<Vec<_>>(), [0, 1, 5]);
}

#[test]
fn a_block_is_send_when_what_it_holds_is() {
    fn is_send_sync<T: Send + Sync>(_: &T) {}
    let s = stream! {
        yield_!(std::cell::Cell::new(0));
    };
    // A `Cell` yielded is not held across a point.
    is_send_sync(&s);
    let s2 = try_stream! {
        yield_!(1u8);
        Err(String::from("no"))?;
    };
    is_send_sync(&s2);
    assert_eq!(collect(s).len(), 1);
    assert_eq!(collect(s2), [Ok(1), Err(String::from("no"))]);
}

#[test]
fn yield_and_for_await_as_async_stream_writes_them() {
    // The `yield` keyword and `for await`, as in async-stream's macros, on stable.
    let words = stream! {
        yield "hello";
        yield "world";
    };
    let s = stream! {
        for await w in words {
            yield w.to_owned() + "!";
        }
    };
    assert_eq!(collect(s), ["hello!", "world!"]);
    let g = iter! {
        for i in 0..3u32 {
            if i == 1 {
                yield;
                continue;
            }
        }
    };
    assert_eq!(g.count(), 1);
    let t = try_stream! {
        yield 1u8;
        Err("stop")?;
    };
    assert_eq!(collect(t), [Ok(1), Err("stop")]);
}
