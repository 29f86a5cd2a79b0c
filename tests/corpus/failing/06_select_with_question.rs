// Shape: BEHAVIOUR DIFFERENCE: `loop { futures::select! { v = rx.recv().fuse() => match v { Some(v) => got.push(v?), None => return Ok(got) } } }` (a local `rx` captured by the macro on each iteration)
// From src/cases/fanout.rs (same imports and types as there).
// What happens with the attribute (the body compiles and runs natively):
//   Compiles, but panics at run time on the first call (native returns Ok([1, 2])), on tokio
//   and on stackless::rt:
//   thread 'tests::fanout::selects' panicked at runtime/src/frame.rs:884:5:
//   stackless: a pinned local was used after it was moved (this is a bug in stackless)
//      2: stackless_runtime::frame::moved
//      3: <stackless_runtime::frame::Captured<T> as stackless_runtime::frame::CaptureMove>::__stackless_capture
//                at runtime/src/frame.rs:1222:21
//      4: corpus::cases::fanout::select_with_question::{{closure}}
//                at ./src/cases/fanout.rs:115:1

#[stackless::coroutine]
pub async fn select_with_question(mut rx: mpsc::Receiver<Result<u8, String>>) -> Result<Vec<u8>, String> {
    let mut got = vec![];
    loop {
        futures::select! {
            v = rx.recv().fuse() => match v {
                Some(v) => got.push(v?),
                None => return Ok(got),
            },
        }
    }
}
