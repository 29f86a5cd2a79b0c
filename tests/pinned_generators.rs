//! Generators that borrow their own locals across `yield_!` (issue #9, pinned slots): the
//! yielded sequence and return value are those of the same body as a nightly coroutine.
//!
//! `-> impl Iterator` generators that borrow their own locals are boxed internally and are
//! still plain iterators; `-> impl Coroutine` ones are `!Unpin` and are pinned by the caller.
// The bodies are written as users write them (`while let` on an iterator, a one-arm
// `match`), which is what the tests are about.
#![allow(clippy::while_let_on_iterator, clippy::single_match)]

use stackless::{yield_, Coroutine, CoroutineState};
use std::pin::pin;

/// Resumes a pinned coroutine with `()` until it completes: the yields, then the return value.
fn drain<C: Coroutine<Yield = Y, Return = R>, Y, R>(co: C) -> (Vec<Y>, R) {
    let mut co = pin!(co);
    let mut out = Vec::new();
    loop {
        match co.as_mut().resume(()) {
            CoroutineState::Yielded(y) => out.push(y),
            CoroutineState::Complete(r) => return (out, r),
        }
    }
}

#[stackless::coroutine]
fn for_ref_local() -> impl Iterator<Item = u32> {
    let v = vec![1, 2, 3];
    for x in &v {
        yield_!(*x);
    }
}

/// `for x in &v` over a local `Vec` yields its elements.
#[test]
fn for_over_a_reference_to_a_local_vec() {
    assert_eq!(for_ref_local().collect::<Vec<_>>(), [1, 2, 3]);
}

#[stackless::coroutine]
fn iter_method(n: u32) -> impl Iterator<Item = u32> {
    let v: Vec<u32> = (1..=n).collect();
    for x in v.iter() {
        yield_!(*x * 10);
    }
}

/// `for x in v.iter()` over a local built from a parameter.
#[test]
fn for_over_iter_of_a_local_vec() {
    assert_eq!(iter_method(4).collect::<Vec<_>>(), [10, 20, 30, 40]);
    assert_eq!(iter_method(0).count(), 0);
}

#[stackless::coroutine]
fn words() -> impl Iterator<Item = String> {
    let s = String::from("alpha beta  gamma");
    for w in s.split(' ') {
        yield_!(w.to_uppercase());
    }
}

/// `s.split(' ')` on a local `String`, including the empty piece between two spaces.
#[test]
fn split_a_local_string() {
    assert_eq!(words().collect::<Vec<_>>(), ["ALPHA", "BETA", "", "GAMMA"]);
}

#[stackless::coroutine]
fn chars_enumerated() -> impl Iterator<Item = (usize, char)> {
    let s = String::from("héllo");
    for (i, c) in s.chars().enumerate() {
        yield_!((i, c));
    }
}

/// `s.chars().enumerate()` on a local `String` (a multi-byte char in the middle).
#[test]
fn enumerate_the_chars_of_a_local_string() {
    assert_eq!(
        chars_enumerated().collect::<Vec<_>>(),
        [(0, 'h'), (1, 'é'), (2, 'l'), (3, 'l'), (4, 'o')]
    );
}

#[stackless::coroutine]
fn doubled_in_place() -> impl Iterator<Item = u32> {
    let mut v = vec![1, 2, 3];
    for x in v.iter_mut() {
        *x *= 2;
        yield_!(*x);
    }
    yield_!(v.iter().sum::<u32>());
}

/// `v.iter_mut()` mutates a local between yields; the mutations are visible afterwards.
#[test]
fn iter_mut_over_a_local_then_read_it() {
    assert_eq!(doubled_in_place().collect::<Vec<_>>(), [2, 4, 6, 12]);
}

#[stackless::coroutine]
fn nested_loops() -> impl Iterator<Item = u32> {
    let a = vec![1, 2];
    let b = vec![10, 20, 30];
    for x in &a {
        for y in &b {
            yield_!(x + y);
        }
    }
}

/// Two nested `for` loops, each over a reference to a different local.
#[test]
fn nested_loops_over_two_locals() {
    assert_eq!(nested_loops().collect::<Vec<_>>(), [11, 21, 31, 12, 22, 32]);
}

#[stackless::coroutine]
fn held_reference() -> impl Iterator<Item = usize> {
    let v = vec![5, 6, 7, 8];
    let r = &v;
    yield_!(r.len());
    yield_!(r[0]);
    yield_!(r[3]);
    yield_!(r.iter().sum::<usize>());
}

/// `let r = &v;` held across several yields.
#[test]
fn a_reference_held_across_several_yields() {
    assert_eq!(held_reference().collect::<Vec<_>>(), [4, 5, 8, 26]);
}

#[stackless::coroutine]
fn first_element() -> impl Iterator<Item = u32> {
    let v = vec![7, 8, 9];
    let first = &v[0];
    yield_!(1);
    yield_!(*first);
    yield_!(*first + v[2]);
}

/// `let first = &v[0];` across yields, with `v` itself read while it is borrowed.
#[test]
fn a_reference_into_a_local_across_yields() {
    assert_eq!(first_element().collect::<Vec<_>>(), [1, 7, 16]);
}

#[stackless::coroutine]
fn line_lengths() -> impl Iterator<Item = usize> {
    let text = String::from("a\nbb\n\nccc\n");
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        yield_!(line.len());
    }
}

/// `while let Some(line) = lines.next()` where `lines` is `text.lines()` of a local `String`.
#[test]
fn while_let_over_lines_of_a_local_string() {
    assert_eq!(line_lengths().collect::<Vec<_>>(), [1, 2, 0, 3]);
}

#[stackless::coroutine]
fn run_lengths() -> impl Iterator<Item = (u32, usize)> {
    let v = vec![1, 1, 2, 3, 3, 3];
    let mut it = v.iter().peekable();
    while let Some(&x) = it.next() {
        let mut n = 1;
        while it.peek() == Some(&&x) {
            it.next();
            n += 1;
        }
        yield_!((x, n));
    }
}

/// A peekable iterator over a local `Vec`, advanced and peeked between yields.
#[test]
fn peekable_over_a_local_vec() {
    assert_eq!(run_lengths().collect::<Vec<_>>(), [(1, 2), (2, 1), (3, 3)]);
}

#[stackless::coroutine]
fn per_iteration_locals(n: u32) -> impl Iterator<Item = char> {
    for i in 0..n {
        let word = format!("w{i}");
        for c in word.chars() {
            yield_!(c);
        }
    }
}

/// A local declared inside a loop body and borrowed across a yield: a fresh value each time.
#[test]
fn a_loop_body_local_borrowed_across_a_yield() {
    assert_eq!(per_iteration_locals(3).collect::<String>(), "w0w1w2");
}

#[stackless::coroutine]
fn len_after_loop() -> impl Coroutine<Yield = u32, Return = usize> {
    let v = vec![4, 5, 6, 7];
    for x in &v {
        yield_!(*x);
    }
    v.len()
}

/// `return v.len()` after the loop that borrowed `v` (a pinned `Coroutine`).
#[test]
fn use_the_local_after_its_borrow_ended() {
    assert_eq!(drain(len_after_loop()), (vec![4, 5, 6, 7], 4));
}

#[stackless::coroutine]
fn moved_after_loop() -> impl Coroutine<Yield = u32, Return = Vec<u32>> {
    let v = vec![1, 2, 3];
    for x in &v {
        yield_!(*x);
    }
    let w = v;
    yield_!(w.iter().sum::<u32>());
    w
}

/// `let w = v;` moves the local out once its borrow ended, and is returned.
#[test]
fn move_the_local_out_after_its_borrow_ended() {
    assert_eq!(drain(moved_after_loop()), (vec![1, 2, 3, 6], vec![1, 2, 3]));
}

#[stackless::coroutine]
fn dropped_after_loop() -> impl Coroutine<Yield = usize, Return = &'static str> {
    let v = vec![String::from("ab"), String::from("cde")];
    for s in &v {
        yield_!(s.len());
    }
    drop(v);
    yield_!(0);
    "done"
}

/// `drop(v)` after the loop that borrowed it.
#[test]
fn drop_the_local_after_its_borrow_ended() {
    assert_eq!(drain(dropped_after_loop()), (vec![2, 3, 0], "done"));
}

#[stackless::coroutine]
fn param_borrowed(v: Vec<u32>) -> impl Iterator<Item = u32> {
    for x in &v {
        yield_!(x * 2);
    }
}

/// A parameter `v: Vec<u32>` (owned by the coroutine) borrowed by `for x in &v`.
#[test]
fn an_owned_parameter_borrowed_across_yields() {
    assert_eq!(param_borrowed(vec![3, 1, 4]).collect::<Vec<_>>(), [6, 2, 8]);
}

#[stackless::coroutine]
fn counter_through_mut_ref() -> impl Coroutine<Yield = u32, Return = u32> {
    let mut count = 0;
    let c = &mut count;
    for i in 1..=3 {
        *c += i;
        yield_!(*c);
    }
    *c += 100;
    count
}

/// `let c = &mut count;` across yields, then `count` read after the last use of `c`.
#[test]
fn a_mut_borrow_of_a_local_counter_across_yields() {
    assert_eq!(drain(counter_through_mut_ref()), (vec![1, 3, 6], 106));
}

#[stackless::coroutine]
fn collect_args() -> impl Coroutine<i32, Yield = usize, Return = Vec<i32>> {
    let mut acc = Vec::new();
    let r = &mut acc;
    loop {
        let x = yield_!(r.len());
        if x < 0 {
            break;
        }
        r.push(x);
    }
    acc
}

/// Resume arguments pushed through a `&mut` borrow of a local that lives across the yields.
#[test]
fn resume_arguments_while_a_local_is_borrowed() {
    let mut co = pin!(collect_args());
    assert_eq!(co.as_mut().resume(99), CoroutineState::Yielded(0));
    assert_eq!(co.as_mut().resume(10), CoroutineState::Yielded(1));
    assert_eq!(co.as_mut().resume(20), CoroutineState::Yielded(2));
    assert_eq!(co.as_mut().resume(30), CoroutineState::Yielded(3));
    assert_eq!(
        co.as_mut().resume(-1),
        CoroutineState::Complete(vec![10, 20, 30])
    );
}

/// The same machine resumed through `Box::pin` instead of `pin!`.
#[test]
fn a_borrowing_coroutine_resumed_through_box_pin() {
    let mut co = Box::pin(len_after_loop());
    let mut got = Vec::new();
    let ret = loop {
        match co.as_mut().resume(()) {
            CoroutineState::Yielded(y) => got.push(y),
            CoroutineState::Complete(r) => break r,
        }
    };
    assert_eq!((got, ret), (vec![4, 5, 6, 7], 4));
}

#[stackless::coroutine]
fn slice_pattern() -> impl Iterator<Item = u32> {
    let v = vec![9, 1, 2];
    match &v[..] {
        [head, rest @ ..] => {
            yield_!(*head);
            for x in rest {
                yield_!(*x + *head);
            }
        }
        [] => {}
    }
}

/// A `match` on a slice of a local whose bindings are used across yields.
#[test]
fn match_bindings_borrowing_a_local_across_yields() {
    assert_eq!(slice_pattern().collect::<Vec<_>>(), [9, 10, 11]);
}

#[stackless::coroutine]
fn shadowed_locals() -> impl Iterator<Item = u32> {
    let v = vec![1];
    for x in &v {
        yield_!(*x);
    }
    let v = vec![2, 3];
    for x in &v {
        yield_!(*x);
    }
}

/// A borrowed local shadowed by a second borrowed local of the same name.
#[test]
fn shadowed_borrowed_locals() {
    assert_eq!(shadowed_locals().collect::<Vec<_>>(), [1, 2, 3]);
}

#[stackless::coroutine]
fn array_chunks() -> impl Iterator<Item = u8> {
    let arr = [1u8, 2, 3, 4, 5];
    for pair in arr.chunks(2) {
        yield_!(pair.iter().sum::<u8>());
    }
}

/// `chunks` of a local array (no heap behind the borrow: it points into the machine).
#[test]
fn chunks_of_a_local_array() {
    assert_eq!(array_chunks().collect::<Vec<_>>(), [3, 7, 5]);
}

#[stackless::coroutine]
fn closure_borrowing_a_local() -> impl Iterator<Item = u32> {
    let base = vec![10, 20];
    // A closure kept across a yield moves a reference in (a by-reference capture of a
    // pinned local is rejected: see tests/ui/closure_captures_pinned_local.rs).
    let b = &base;
    let add = move |x: u32| x + b[0] + b[1];
    for i in 0..3 {
        yield_!(add(i));
    }
}

/// A `move` closure holding a reference to a local, called after each yield.
#[test]
fn a_closure_capturing_a_local_by_reference() {
    assert_eq!(
        closure_borrowing_a_local().collect::<Vec<_>>(),
        [30, 31, 32]
    );
}

#[stackless::coroutine]
fn manual_iter() -> impl Iterator<Item = usize> {
    let v = vec![3, 4, 5];
    let mut it = v.iter();
    yield_!(*it.next().unwrap());
    yield_!(*it.next().unwrap());
    yield_!(it.len());
}

/// An iterator over a local advanced by hand between yields.
#[test]
fn an_iterator_over_a_local_advanced_by_hand() {
    assert_eq!(manual_iter().collect::<Vec<_>>(), [3, 4, 1]);
}

/// Borrowing generators work with iterator adapters, partially consumed and interleaved.
#[test]
fn borrowing_generators_with_adapters() {
    assert_eq!(
        for_ref_local()
            .zip(iter_method(5))
            .map(|(a, b)| a + b)
            .collect::<Vec<_>>(),
        [11, 22, 33]
    );
    let mut it = words();
    assert_eq!(it.next().as_deref(), Some("ALPHA"));
    assert_eq!(it.nth(1).as_deref(), Some(""));
    // A generator moved after it started (it is an iterator by value; the pinned slots are
    // behind its internal box).
    let moved = it;
    assert_eq!(moved.collect::<Vec<_>>(), ["GAMMA"]);
}

/// An exhausted borrowing generator keeps returning `None`.
#[test]
fn exhausted_generator_is_fused() {
    let mut it = for_ref_local();
    assert_eq!(it.by_ref().count(), 3);
    assert_eq!(it.next(), None);
    assert_eq!(it.next(), None);
}
