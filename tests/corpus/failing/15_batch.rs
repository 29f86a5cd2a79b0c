// Shape: loop awaiting `process(job.clone()).instrument(info_span!("batch", i, total))`, events with `target:`, `%e` and shorthand fields of locals
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
//   (The span is the attribute only; the events are `warn!(target: "jobs", %e, i, "job failed")` and `info!(total, ok = .., "batch done")` with `total` a local kept across the loop's awaits, also used in `info_span!("batch", i, total)`.)

#[stackless::coroutine]
pub async fn batch(jobs: Vec<Job>) -> Vec<Result<u64, String>> {
    let total = jobs.len();
    let mut out = Vec::new();
    for (i, job) in jobs.into_iter().enumerate() {
        let r = process(job.clone()).instrument(info_span!("batch", i, total)).await;
        if let Err(ref e) = r {
            warn!(target: "jobs", %e, i, "job failed");
        }
        out.push(r);
    }
    info!(total, ok = out.iter().filter(|r| r.is_ok()).count(), "batch done");
    out
}
