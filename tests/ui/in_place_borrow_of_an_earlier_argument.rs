use stackless::yield_;

trait With {
    fn with(&mut self, out: &mut [u32], x: u32) -> u32;
}

impl With for [u32; 300] {
    fn with(&mut self, out: &mut [u32], x: u32) -> u32 {
        out[0] = self[0];
        x
    }
}

// The argument before the one that suspends is evaluated first and borrows `v` across the
// point while the block mutates it: rustc's E0499, as for the native coroutine (the twin
// once evaluated only the suspending argument first, and the machine wrote freed memory).
#[stackless::coroutine]
fn g() -> impl Iterator<Item = u32> {
    let mut a = [1u32; 300];
    let mut v = vec![1u32, 2, 3];
    yield_!(a[1]);
    let r = a.with(&mut v[..], {
        v.extend(0..1000);
        yield_!(0);
        5
    });
    yield_!(r + v[0]);
}

fn main() {
    let _ = g();
}
