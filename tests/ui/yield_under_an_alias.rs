use stackless::yield_ as give;

// The attribute finds suspension points by name: an alias of `yield_!` is not one, and its
// error says so.
#[stackless::coroutine]
fn g() -> impl Iterator<Item = u8> {
    give!(1);
}

fn main() {
    let _ = g();
}
