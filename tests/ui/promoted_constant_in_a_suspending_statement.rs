// A constant constructor borrowed as an argument in a statement that suspends is a
// temporary, not a promoted constant: a reference to it that outlives the statement is
// rejected, where rustc would promote it to a `'static`. A `const` says which is meant.
struct W(u64);

fn keep(w: &'static W, _: ()) -> &'static W {
    w
}

async fn tick() {}

#[stackless::coroutine]
async fn kept() -> u64 {
    let w = keep(&W(7), tick().await);
    w.0
}

fn main() {}
