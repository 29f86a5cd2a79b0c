use stackless::{yield_, Coroutine};

#[stackless::coroutine]
fn co(x: u32) -> impl Coroutine<bool, Yield = u32, Return = u32> {
    // A suspending guard is split out of the `match`; one whose pattern binds by `ref mut`
    // is not (the guard's view of it is rustc's alone).
    let mut x = x;
    match x {
        ref mut n if yield_!(*n) => *n,
        _ => 0,
    }
}

fn main() {
    let _ = co(1);
}
