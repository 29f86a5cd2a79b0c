use stackless::{yield_, Stream};

async fn touch(_: &String) {}

// rustc: E0597. `Item = &str` has the argument's lifetime.
#[stackless::coroutine]
fn words(_x: &str) -> impl Stream<Item = &str> {
    let s = String::from("a b");
    touch(&s).await;
    for w in s.split(' ') {
        yield_!(w);
    }
}

fn main() {
    let _ = words("");
}
