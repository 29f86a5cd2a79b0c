// The expansion's `unsafe` blocks hold only its own tokens: an unsafe operation of the
// user's next to a pinned local (here an argument of a method called on it) still needs
// the user's `unsafe`.
use stackless::yield_;

#[stackless::coroutine]
fn pushes(p: *const u32) -> impl Iterator<Item = u32> {
    let mut v = vec![1u32];
    for x in &v {
        yield_!(*x);
    }
    v.push(*p);
    for x in &v {
        yield_!(*x);
    }
}

fn main() {
    let n = 2;
    let _ = pushes(&n);
}
