use stackless::yield_;
use std::pin::Pin;

// A macro of one's own named `pin!` is taken for `core::pin::pin!` (the coroutine pins the
// value in its frame), and the twin checks it as such: a reference into the frame cannot be
// yielded as `'static`.
macro_rules! pin {
    ($e:expr) => {
        Box::leak(Box::new(Box::pin($e))).as_mut()
    };
}

#[stackless::coroutine]
fn leak() -> impl Iterator<Item = Pin<&'static mut String>> {
    let s = String::from("in the frame");
    let p = pin!(s);
    yield_!(pin!(String::from("first")));
    yield_!(p);
}

fn main() {
    let _ = leak();
}
