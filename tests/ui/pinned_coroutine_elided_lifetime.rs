use stackless::{yield_, Coroutine};

// rustc: E0597 and E0515. `Yield = &str` and `Return = &str` have the argument's lifetime.
#[stackless::coroutine]
fn split(_x: &str) -> impl Coroutine<i32, Yield = &str, Return = &str> {
    let s = String::from("a b");
    for w in s.split(' ') {
        let _n: i32 = yield_!(w);
    }
    let t = String::from("c d");
    let first = t.split(' ').next().unwrap();
    let _n: i32 = yield_!("e");
    first
}

fn main() {
    let _ = split("");
}
