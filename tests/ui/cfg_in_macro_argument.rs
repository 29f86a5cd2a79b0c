use stackless::yield_;

// The lowering reads `vec!`'s arguments before rustc configures them: a `#[cfg]` on one that
// suspends cannot be honoured, and says so (it was ignored: the yield ran).
#[stackless::coroutine]
fn g() -> impl Iterator<Item = u32> {
    let v = vec![
        #[cfg(any())]
        {
            yield_!(1);
            5
        },
        2,
    ];
    yield_!(v[0]);
}

fn main() {
    let _ = g();
}
