// `rt::spawn_traced` takes machines of `#[stackless::coroutine]`; `rt::spawn` takes any
// future.
fn main() {
    stackless::rt::block_on(async {
        let _ = stackless::rt::spawn_traced(async { 1 });
    });
}
