// Shape: loop awaiting `process(job.clone()).instrument(info_span!("batch", i, total))` pushing into `let mut out = Vec::new();`, then an event field `ok = out.iter().filter(|r| r.is_ok()).count()` after the loop
// From src/cases/traced.rs (same imports and types as there, plus `crate::tracing::warn`).
// Error with the attribute at 3b28c61 (the body compiles natively):
//   error[E0282]: type annotations needed for `Vec<_>`
//     --> tests/corpus/src/cases/traced.rs:37:9
//      |
//   37 |     let mut out = Vec::new();
//      |         ^^^^^^^
//   ...
//   45 |     info!(total, ok = out.iter().filter(|r| r.is_ok()).count(), "batch done");
//      |                                             - type must be known at this point
//   (At f97805c it failed earlier, with `no rules expected (` in the tracing stand-in;
//   natively `out`'s element type is known from `out.push(r)` in the loop above the event.)
//
// Its test (in the `tests!` block of src/tests/traced.rs):
//       batch: ALL, |m| m::traced::batch(vec![
//           m::traced::Job { id: 1, name: "a".into() },
//           m::traced::Job { id: 2, name: String::new() },
//           m::traced::Job { id: 3, name: "ccc".into() },
//       ]);

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
