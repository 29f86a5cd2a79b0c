// A constant constructor borrowed inside another constructor in a `let` (`Some(&D(..))`) is
// extended by rustc to the end of the block; the machine does not extend it (it is left to
// rustc's promotion, and a type with a `Drop` of its own is not promoted): rejected, never
// freed while borrowed (found by review: a use-after-free when it was made a temporary of
// the statement).
struct D(&'static str);

impl Drop for D {
    fn drop(&mut self) {}
}

async fn tick() {}

#[stackless::coroutine]
async fn extended() -> &'static str {
    let x = (Some(&D("extended")), tick().await);
    tick().await;
    x.0.unwrap().0
}

fn main() {}
