//! Large `mut` arrays stay in place across suspension points (no copy per resume), in a frame
//! that may still move between resumes: the machine stays `Unpin`, an `-> impl Iterator`
//! stays unboxed, and a suspended machine drops the array exactly once.

mod common;
use common::{log, take_log};
use stackless::yield_;

#[stackless::coroutine]
fn large_state(n: usize) -> impl Iterator<Item = u8> {
    let mut buf = [0u8; 4096];
    let mut i = 0;
    while i < n {
        buf[i % 4096] = i as u8;
        yield_!(buf[(i * 7) % 4096]);
        i += 1;
    }
}

fn hand(n: usize) -> Vec<u8> {
    let mut buf = [0u8; 4096];
    (0..n)
        .map(|i| {
            buf[i % 4096] = i as u8;
            buf[(i * 7) % 4096]
        })
        .collect()
}

struct Probe<T>(core::marker::PhantomData<T>);
trait IsUnpin {
    fn unpin(&self) -> bool {
        true
    }
}
impl<T: Unpin> IsUnpin for Probe<T> {}
// The probe's fallback: chosen for a `!Unpin` machine (none in this file, so unused).
#[allow(dead_code)]
trait NotUnpin {
    fn unpin(&self) -> bool {
        false
    }
}
impl<T> NotUnpin for &Probe<T> {}
fn probe<T>(_: &T) -> Probe<T> {
    Probe(core::marker::PhantomData)
}

/// Same values as the hand-written loop; the machine holds the buffer itself (not boxed)
/// and is `Unpin`, so it can be moved between resumes.
#[test]
#[allow(clippy::needless_borrow)] // the `&` picks the probe's method
fn a_large_buffer_stays_in_place_in_a_movable_iterator() {
    assert_eq!(large_state(10_000).collect::<Vec<_>>(), hand(10_000));
    let g = large_state(5);
    let size = std::mem::size_of_val(&g);
    assert!((4096..=4096 + 32).contains(&size), "{size}");
    assert!((&probe(&g)).unpin());
    // Moved between resumes.
    let mut g = g;
    let a = g.next();
    let mut moved = Box::new(g);
    let b = moved.next();
    let mut moved_again = *moved;
    assert_eq!([a, b, moved_again.next()], [Some(0), Some(0), Some(0)]);
    assert_eq!(moved_again.collect::<Vec<_>>(), [0, 0]);
}

struct Cell(u32);
impl Drop for Cell {
    fn drop(&mut self) {
        if self.0 != 0 {
            log(format!("drop cell {}", self.0));
        }
    }
}

#[stackless::coroutine]
fn cells() -> impl Iterator<Item = u32> {
    let _first = common::D("first");
    let mut cells = [const { Cell(0) }; 300];
    let _last = common::D("last");
    for i in 0..3u32 {
        cells[i as usize] = Cell(i + 1);
        yield_!(cells[i as usize].0);
    }
}

/// An in-place array with drop glue is dropped once, between the locals declared around it,
/// when the generator completes and when it is dropped at each yield.
#[test]
fn an_in_place_array_is_dropped_once_in_declaration_order() {
    take_log();
    assert_eq!(cells().collect::<Vec<_>>(), [1, 2, 3]);
    let l = take_log();
    assert_eq!(
        l,
        [
            "drop last",
            "drop cell 1",
            "drop cell 2",
            "drop cell 3",
            "drop first"
        ]
    );
    for k in 0..=3 {
        let mut g = cells();
        for _ in 0..k {
            g.next();
        }
        drop(g);
        let l = take_log();
        let mut want = Vec::new();
        if k > 0 {
            want.push("drop last".to_string());
            for c in 1..=k {
                want.push(format!("drop cell {c}"));
            }
            want.push("drop first".to_string());
        }
        assert_eq!(l, want, "dropped after {k} resumes");
    }
}

#[stackless::coroutine]
async fn checksum_rounds(rounds: u32) -> u32 {
    let mut block = [0u8; 2048];
    let mut sum = 0u32;
    for r in 0..rounds {
        block.fill(r as u8 + 1);
        stackless::rt::yield_now().await;
        sum += block.iter().map(|b| *b as u32).sum::<u32>();
    }
    sum
}

async fn checksum_rounds_native(rounds: u32) -> u32 {
    let mut block = [0u8; 2048];
    let mut sum = 0u32;
    for r in 0..rounds {
        block.fill(r as u8 + 1);
        stackless::rt::yield_now().await;
        sum += block.iter().map(|b| *b as u32).sum::<u32>();
    }
    sum
}

/// An async fn with a large buffer across awaits: same result as native, no larger.
#[test]
fn an_async_fn_keeps_a_large_buffer_in_place() {
    let ours = checksum_rounds(3);
    let native = checksum_rounds_native(3);
    assert!(
        std::mem::size_of_val(&ours) <= std::mem::size_of_val(&native),
        "{} > {}",
        std::mem::size_of_val(&ours),
        std::mem::size_of_val(&native)
    );
    assert_eq!(stackless::rt::block_on(ours), 2048 * 6);
    assert_eq!(stackless::rt::block_on(native), 2048 * 6);
}
