// A method called on a field of a local kept in the frame runs inside an `unsafe` block of
// the expansion, with its arguments: an `unsafe` method (or an `unsafe` operation in an
// argument) the user did not put in `unsafe` must still be rejected, as natively.
use stackless::yield_;

struct S {
    n: u64,
    v: Vec<u64>,
}

struct Hold<'a> {
    r: &'a mut u64,
}

#[stackless::coroutine]
fn shrink() -> impl Iterator<Item = u64> {
    let mut s = S { n: 0, v: vec![1, 2] };
    let h = Hold { r: &mut s.n };
    yield_!(*h.r);
    s.v.set_len(1);
    let p = &7u64 as *const u64;
    s.v.push(*p);
    *h.r += 1;
    yield_!(s.v[0]);
}

fn main() {
    let _ = shrink();
}
