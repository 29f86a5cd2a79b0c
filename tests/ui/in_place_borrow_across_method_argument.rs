use stackless::yield_;

fn first(b: &[u8; 256]) -> &u8 {
    &b[0]
}

trait Arg {
    fn with(&self, x: ()) -> u8;
}

impl Arg for [u8; 256] {
    fn with(&self, _: ()) -> u8 {
        self[1]
    }
}

// A large array kept in place in a movable (`Unpin`) generator: `r` borrows it across the
// first `yield_!`, which sits in the arguments of a method called on it. The machine could
// move while `r` points into it: rejected (a native `gen` block rejects any borrow held
// across a yield). So is the same with a compound assignment.
#[stackless::coroutine]
fn g() -> impl Iterator<Item = u8> {
    let mut buf = [7u8; 256];
    buf[0] = 42;
    let r = first(&buf);
    let n = buf.with(yield_!(0));
    yield_!(*r + n);
}

#[stackless::coroutine]
fn h() -> impl Iterator<Item = u8> {
    let mut buf = [7u8; 256];
    let r = first(&buf);
    buf[1] += {
        yield_!(0);
        1
    };
    yield_!(*r);
}

fn main() {
    let _ = g();
    let _ = h();
}
