// `stackless::__private` is hidden, not a safety boundary: a helper whose misuse would be
// undefined behaviour is an `unsafe fn`, so safe code cannot call it.
use std::future::Ready;
use std::pin::Pin;
use std::task::Context;

use stackless::__private::{pin_slot, FutCell, Pinned, Taken};

fn main() {
    // A second `take` would drop the string twice.
    let mut t = Taken::new(String::from("x"));
    let a = t.take();
    let b = t.take();
    drop((a, b));
}

// The reference would outlive the owner.
fn place<'a>(owner: &Pinned<String>) -> &'a String {
    owner.__place()
}

// The value would be pinned in a slot that nothing keeps in place.
fn pinned<'a>(owner: &Pinned<String>) -> Pin<&'a mut String> {
    pin_slot(owner)
}

// A live future would be overwritten without being dropped, and a dead one polled.
fn cell(mut c: Pin<&mut FutCell<Ready<u8>>>, cx: &mut Context<'_>) {
    c.as_mut().put(std::future::ready(1));
    let _ = c.as_mut().poll_ready(cx);
}
