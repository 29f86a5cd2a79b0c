// Locals borrowed across suspension points live in pinned slots of the machine's frame: `buf`
// (borrowed by the awaited future) and `v` (borrowed by the `for` loop's iterator). Mentions
// become `__place()`/`__place_mut()` on the slot's owner, the `let`s become `Pinned::init`,
// and the body appears once more as a never-run `async` block that rustc borrow-checks.
#[stackless::coroutine]
async fn read_all(mut src: Reader) -> Vec<u8> {
    let mut out = Vec::new();
    let mut buf = [0u8; 16];
    loop {
        let n = src.read(&mut buf).await;
        if n == 0 {
            break;
        }
        out.extend_from_slice(&buf[..n]);
    }
    out
}

#[stackless::coroutine]
fn items() -> impl Iterator<Item = u32> {
    let v = vec![1, 2, 3];
    for x in &v {
        yield_!(*x);
    }
}
