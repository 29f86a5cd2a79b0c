// Shape: an `async {}` block `.instrument(span)`ed and awaited, with events `debug!(?job, start, "starting")`, `error!(id = job.id, ..)`, `trace!(?result)` naming locals around it
// From src/cases/traced.rs (same imports and types as there).
// Error with the attribute (the body compiles natively):
//   error: no rules expected `(`
//      --> tests/corpus/src/cases/traced.rs:49:1
//       |
//    49 | #[stackless::coroutine]
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
//   (The span is the attribute only; the events are opaque macros naming locals kept in the frame: `debug!(?job, start, "starting")` and `trace!(?result)`; a field shorthand of a kept local turns into a non-identifier.)

#[stackless::coroutine]
pub async fn process(job: Job) -> Result<u64, String> {
    let span = info_span!("process", id = job.id, name = %job.name);
    let start = job.id * 10;
    debug!(?job, start, "starting");
    let result = async {
        tick().await;
        if job.name.is_empty() {
            error!(id = job.id, "empty name");
            return Err(format!("job {} has no name", job.id));
        }
        info!(id = %job.id, "working");
        Ok(start + job.name.len() as u64)
    }
    .instrument(span)
    .await;
    trace!(?result);
    result
}
