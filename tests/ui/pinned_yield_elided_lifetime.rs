use stackless::yield_;

// rustc: E0597. The elided lifetime of `Item = &str` is the argument's, as on a native
// `-> impl Iterator<Item = &str>`: a word of a local `String` cannot be yielded.
#[stackless::coroutine]
fn words(_x: &str) -> impl Iterator<Item = &str> {
    let s = String::from("hello world from a local");
    for w in s.split(' ') {
        yield_!(w);
    }
}

fn main() {
    let _ = words("");
}
