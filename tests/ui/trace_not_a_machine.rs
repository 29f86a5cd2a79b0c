// `stackless::trace` reads the state of a machine of `#[stackless::coroutine]`; any other
// future has no state to read.
fn main() {
    let fut = async { 1 };
    let _ = stackless::trace(&fut);
}
