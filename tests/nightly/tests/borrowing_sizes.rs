//! Self-borrowing generators (`-> impl Coroutine`, pinned slots) against rustc's own
//! `static` coroutines with the same body: no larger, and the same values. (The async
//! bodies are compared with native `async fn`s on stable, in `tests/pinned_sizes.rs`.)
#![feature(coroutines, coroutine_trait, stmt_expr_attributes)]

use stackless::{Coroutine, CoroutineState, yield_};
use std::mem::size_of_val;
use std::ops::{Coroutine as _, CoroutineState as Native};
use std::pin::pin;

/// Runs ours and rustc's to the end; checks sizes and the yielded values.
macro_rules! compare {
    ($ours:expr, $native:expr) => {{
        let ours = $ours;
        let native = $native;
        assert!(
            size_of_val(&ours) <= size_of_val(&native),
            "{}: ours {} > native {}",
            stringify!($ours),
            size_of_val(&ours),
            size_of_val(&native)
        );
        let mut a = Vec::new();
        let mut ours = pin!(ours);
        while let CoroutineState::Yielded(y) = ours.as_mut().resume(()) {
            a.push(y);
        }
        let mut b = Vec::new();
        let mut native = pin!(native);
        while let Native::Yielded(y) = native.as_mut().resume(()) {
            b.push(y);
        }
        assert_eq!(a, b);
        a
    }};
}

#[stackless::coroutine]
fn split_words(s: String) -> impl Coroutine<Yield = u32, Return = ()> {
    for w in s.split(' ') {
        yield_!(w.len() as u32);
    }
}

/// The argument lives in its slot from the start (104 bytes, as rustc; 128 when `Start`
/// held it as well).
#[test]
fn splitting_a_string_argument() {
    let s = || String::from("ab c def");
    let native = {
        let s = s();
        #[coroutine]
        static move || {
            for w in s.split(' ') {
                yield w.len() as u32;
            }
        }
    };
    assert_eq!(compare!(split_words(s()), native), [2, 1, 3]);
}

#[stackless::coroutine]
fn for_ref() -> impl Coroutine<Yield = u32, Return = ()> {
    let v = vec![1u32, 2, 3];
    for x in &v {
        yield_!(*x);
    }
}

#[stackless::coroutine]
fn iter_count() -> impl Coroutine<Yield = u32, Return = u32> {
    let v = vec![1u32, 2, 3];
    let mut n = 0u8;
    for x in v.iter() {
        n += 1;
        yield_!(*x);
    }
    n as u32
}

#[stackless::coroutine]
fn two_yields_small() -> impl Coroutine<Yield = u32, Return = u32> {
    let b = [7u8; 3];
    let r = &b[1..];
    let k = 3u16;
    yield_!(r.len() as u32);
    yield_!(k as u32);
    r[0] as u32 + k as u32
}

#[stackless::coroutine]
fn nested_loops() -> impl Coroutine<Yield = u32, Return = ()> {
    let rows = vec![vec![1u32, 2], vec![3]];
    for row in &rows {
        for x in row {
            yield_!(*x);
        }
    }
}

#[stackless::coroutine]
fn chars_and_a_byte() -> impl Coroutine<Yield = u32, Return = ()> {
    let s = String::from("abc");
    let tag = 1u8;
    for c in s.chars() {
        yield_!(c as u32 + tag as u32);
    }
}

#[stackless::coroutine]
fn peeking() -> impl Coroutine<Yield = u32, Return = ()> {
    let v = vec![1u32, 2, 3];
    let mut it = v.iter().peekable();
    while let Some(x) = it.next() {
        if it.peek().is_some() {
            yield_!(*x);
        }
    }
}

/// Iterating locals by reference, by `iter()`, `chars()`, `peekable()`, nested, and a slice
/// of a small local held across two yields beside a carried `u16`.
#[test]
fn local_iterations() {
    let v = compare!(
        for_ref(),
        #[coroutine]
        static || {
            let v = vec![1u32, 2, 3];
            for x in &v {
                yield *x;
            }
        }
    );
    assert_eq!(v, [1, 2, 3]);
    let v = compare!(
        iter_count(),
        #[coroutine]
        static || {
            let v = vec![1u32, 2, 3];
            let mut n = 0u8;
            for x in v.iter() {
                n += 1;
                yield *x;
            }
            n as u32
        }
    );
    assert_eq!(v, [1, 2, 3]);
    let v = compare!(
        two_yields_small(),
        #[coroutine]
        static || {
            let b = [7u8; 3];
            let r = &b[1..];
            let k = 3u16;
            yield r.len() as u32;
            yield k as u32;
            r[0] as u32 + k as u32
        }
    );
    assert_eq!(v, [2, 3]);
    let v = compare!(
        nested_loops(),
        #[coroutine]
        static || {
            let rows = vec![vec![1u32, 2], vec![3]];
            for row in &rows {
                for x in row {
                    yield *x;
                }
            }
        }
    );
    assert_eq!(v, [1, 2, 3]);
    let v = compare!(
        chars_and_a_byte(),
        #[coroutine]
        static || {
            let s = String::from("abc");
            let tag = 1u8;
            for c in s.chars() {
                yield c as u32 + tag as u32;
            }
        }
    );
    assert_eq!(v, [98, 99, 100]);
    let v = compare!(
        peeking(),
        #[coroutine]
        static || {
            let v = vec![1u32, 2, 3];
            let mut it = v.iter().peekable();
            while let Some(x) = it.next() {
                if it.peek().is_some() {
                    yield *x;
                }
            }
        }
    );
    assert_eq!(v, [1, 2]);
}
