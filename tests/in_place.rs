//! Large `mut` arrays stay in place across suspension points (no copy per resume), in a frame
//! that may still move between resumes: the machine stays `Unpin`, an `-> impl Iterator`
//! stays unboxed, and a suspended machine drops the array exactly once.

mod common;
use common::{log, probe, take_log, IsUnpin};
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

#[stackless::coroutine]
fn parsed_blocks(lines: Vec<&'static str>) -> impl stackless::Stream<Item = Result<u32, String>> {
    let mut scratch = [0u8; 512];
    for line in lines {
        stackless::rt::yield_now().await;
        let n: u32 = line.parse().map_err(|e| format!("{line}: {e}"))?;
        scratch[n as usize % 512] += 1;
        yield_!(Ok(n + scratch[n as usize % 512] as u32));
    }
}

/// A stream with an in-place buffer and `?` (the error is the last item).
#[test]
fn a_stream_with_an_in_place_buffer_and_question_mark() {
    let items = stackless::rt::block_on(async {
        let mut s = Box::pin(parsed_blocks(vec!["1", "1", "x", "2"]));
        let mut v = Vec::new();
        while let Some(item) = stackless::rt::next(&mut s).await {
            v.push(item);
        }
        v
    });
    assert_eq!(
        items,
        [
            Ok(2),
            Ok(3),
            Err("x: invalid digit found in string".to_string())
        ]
    );
}

#[stackless::coroutine]
async fn pushes_while_buffer_in_place(words: Vec<&'static str>) -> String {
    let mut table = [0u16; 256];
    let mut out = String::new();
    let (mut a, mut b) = (0u16, 1u16);
    for w in words {
        out.push_str(stackless::rt::spawn(async move { w }).await.unwrap());
        table[w.len()] += 1;
        // The in-place `table` is the receiver reserved around an await.
        table.rotate_left(stackless::rt::spawn(async { 0usize }).await.unwrap());
        (a, b) = (b, a + b + table[w.len()]);
    }
    out.push_str(&format!(" {a} {b}"));
    out
}

/// A receiver reserved around an await (`out.push_str(x.await)`) and a destructuring
/// assignment, next to an in-place buffer.
#[test]
fn two_phase_receivers_and_destructuring_assignment_next_to_an_in_place_buffer() {
    let s = stackless::rt::block_on(pushes_while_buffer_in_place(vec!["ab", "c", "de"]));
    // a, b: (0, 1) → (1, 0+1+1) → (2, 1+2+1) → (4, 2+4+2)
    assert_eq!(s, "abcde 4 8");
}
