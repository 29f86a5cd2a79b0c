//! A crate that renames another crate to `core` at its root: expansions name `core` through
//! `::stackless::__private::core`, which the alias does not shadow.
extern crate stackless as core;

use stackless::yield_;

#[stackless::coroutine]
fn twice(x: u8) -> impl Iterator<Item = u8> {
    yield_!(x);
    yield_!(x);
}

#[stackless::coroutine]
async fn later(x: u8) -> u8 {
    stackless::rt::yield_now().await;
    x
}

#[stackless::coroutine]
fn words(text: String) -> impl Iterator<Item = usize> {
    for w in text.split(' ') {
        yield_!(w.len());
    }
}

fn main() {
    assert_eq!(twice(3).collect::<Vec<_>>(), [3, 3]);
    assert_eq!(stackless::rt::block_on(later(4)), 4);
    assert_eq!(words("a bb".into()).collect::<Vec<_>>(), [1, 2]);
}
