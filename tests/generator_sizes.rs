//! `size_of` of generated machines: each variant holds exactly what its suspension point
//! needs, and variants share the space.

use stackless::{yield_, Coroutine};
use std::mem::size_of_val;

#[stackless::coroutine]
fn two_scopes() -> impl Iterator<Item = u8> {
    {
        let a = [1u8; 1024];
        yield_!(a[0]);
        yield_!(a[1023]);
    }
    {
        let b = [2u8; 1024];
        yield_!(b[0]);
        yield_!(b[1023]);
    }
}

#[test]
fn sequential_scopes_share_space() {
    let g = two_scopes();
    assert!(size_of_val(&g) <= 1024 + 8, "{}", size_of_val(&g));
    assert_eq!(g.collect::<Vec<_>>(), [1, 1, 2, 2]);
}

#[stackless::coroutine]
fn big_array_only_before() -> impl Iterator<Item = u32> {
    let buf = [7u8; 4096];
    let sum: u32 = buf.iter().map(|&b| b as u32).sum();
    yield_!(sum);
    yield_!(sum + 1);
}

#[test]
fn array_dead_at_the_yield_is_not_carried() {
    let g = big_array_only_before();
    assert!(size_of_val(&g) <= 8, "{}", size_of_val(&g));
    assert_eq!(g.collect::<Vec<_>>(), [7 * 4096, 7 * 4096 + 1]);
}

#[stackless::coroutine]
fn only_a_u32() -> impl Iterator<Item = u32> {
    let mut i = 0u32;
    loop {
        yield_!(i);
        i += 1;
        if i == 3 {
            break;
        }
    }
}

#[test]
fn a_single_u32_fits_in_eight_bytes() {
    let g = only_a_u32();
    assert!(size_of_val(&g) <= 8, "{}", size_of_val(&g));
    assert_eq!(g.collect::<Vec<_>>(), [0, 1, 2]);
}

#[stackless::coroutine]
fn nothing_live() -> impl Iterator<Item = u64> {
    yield_!(1);
    yield_!(2);
    yield_!(3);
}

#[test]
fn no_live_locals_is_just_a_tag() {
    assert_eq!(size_of_val(&nothing_live()), 1);
}

#[stackless::coroutine]
fn literal_counter() -> impl Iterator<Item = u8> {
    let step = 2;
    yield_!(step);
    yield_!(step * 2);
}

#[test]
fn literal_initialised_locals_are_carried_only_when_mentioned() {
    // `step` is mentioned after the first yield: carried there, then dead.
    assert!(size_of_val(&literal_counter()) <= 2);
    assert_eq!(literal_counter().collect::<Vec<_>>(), [2, 4]);
}

#[stackless::coroutine]
fn coroutine_with_args(a: u64, b: u8) -> impl Coroutine<u8, Yield = u64, Return = u8> {
    let x = yield_!(a);
    x + b
}

#[test]
fn start_variant_holds_the_arguments() {
    // Start { a: u64, b: u8 }, Yield0 { b: u8 }
    assert_eq!(size_of_val(&coroutine_with_args(1, 2)), 16);
}

#[stackless::coroutine]
fn large_buffer_across_yield() -> impl Iterator<Item = u8> {
    let mut buf = [0u8; 4096];
    for i in 0..3u8 {
        buf[i as usize] = i;
        yield_!(buf[i as usize]);
    }
}

#[test]
fn buffer_live_across_a_loop_is_carried_once() {
    let g = large_buffer_across_yield();
    // buf, the range iterator (2 bytes) and `i` are not overlapping; plus the tag.
    assert!(size_of_val(&g) <= 4096 + 8, "{}", size_of_val(&g));
    assert_eq!(g.collect::<Vec<_>>(), [0, 1, 2]);
}

// A literal local assigned over inside a branch that suspends first: its old value is dead
// at the point in the condition (found by the conformance generator with plain overwrites
// on, where ours was as large as rustc's: a second `i64` carried for nothing).
#[stackless::coroutine]
#[allow(unused_variables, unused_assignments)]
fn overwritten_in_a_branch(n: i64) -> impl stackless::Coroutine<i64, Yield = i64, Return = ()> {
    for i in 0..n {
        let mut c = 0i64;
        while c < 2 {
            c += 1;
            let mut x = 11i64;
            if yield_!(3) == 8 {
                yield_!(8);
                x = c + i;
                let _seen = c;
            }
        }
    }
}

#[test]
fn a_literal_overwritten_in_a_suspending_branch_is_not_carried() {
    use stackless::{Coroutine, CoroutineState};
    // `n`, `i`, `c` and the range, and the state's tag: no `x`.
    assert!(
        size_of_val(&overwritten_in_a_branch(2)) <= 40,
        "{}",
        size_of_val(&overwritten_in_a_branch(2))
    );
    let mut g = std::pin::pin!(overwritten_in_a_branch(2));
    let mut out = Vec::new();
    let mut r = 0;
    while let CoroutineState::Yielded(y) = g.as_mut().resume(r) {
        out.push(y);
        r = 8;
    }
    assert_eq!(out, [3, 8, 3, 8, 3, 8, 3, 8]);
}
