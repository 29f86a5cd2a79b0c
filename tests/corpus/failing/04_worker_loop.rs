// Shape: worker loop: `tokio::select!` (biased) on `watch::changed()` and `mpsc::recv()` with labeled `break`, `continue`, `return Err`, `let else`; an event `info!(total, "stopping")` (field shorthand of a local) inside an arm
// From src/cases/fanout.rs (same imports and types as there).
// Error with the attribute (the body compiles natively):
//   error: no rules expected `(`
//      --> tests/corpus/src/cases/fanout.rs:125:1
//       |
//   125 | #[stackless::coroutine]
//       | ^^^^^^^^^^^^^^^^^^^^^^^ no rules expected this token in macro call
//       |
//      ::: tests/corpus/src/tracing.rs:233:1
//       |
//   233 | macro_rules! __fields {
//       | --------------------- when calling this macro
//       |
//   note: while trying to match `]`
//      --> tests/corpus/src/tracing.rs:234:21
//       |
//   234 |     (@ [$($f:expr),*]) => {
//       |                     ^
//       = note: this error originates in the attribute macro `stackless::coroutine` (in Nightly builds, run with -Z macro-backtrace for more info)
//
//   error: could not compile `corpus` (lib test) due to 1 previous error

#[stackless::coroutine]
pub async fn worker_loop(mut jobs: mpsc::Receiver<i32>, mut stop: watch::Receiver<bool>) -> Result<i32, String> {
    let mut total = 0;
    'outer: loop {
        tokio::select! {
            biased;
            changed = stop.changed() => {
                if changed.is_err() || *stop.borrow() {
                    info!(total, "stopping");
                    break 'outer;
                }
            }
            job = jobs.recv() => {
                let Some(job) = job else { break };
                if job == 0 {
                    continue;
                }
                if job < 0 {
                    return Err(format!("bad job {job}"));
                }
                total += job;
            }
        }
    }
    Ok(total)
}
