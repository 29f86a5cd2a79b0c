// Shape: `span.in_scope(|| { debug!(v, acc, "adding"); acc + v })` in a loop with an await, then `info!(acc)`
// From src/cases/traced.rs (same imports and types as there).
// Error with the attribute (the body compiles natively):
//   error: no rules expected `(`
//      --> tests/corpus/src/cases/traced.rs:18:1
//       |
//    18 | #[stackless::coroutine]
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
//   (Events naming `acc`, a local kept across the loop's await: `debug!(v, acc, "adding")` in a `span.in_scope(|| ..)` closure and `info!(acc)` after the loop.)

#[stackless::coroutine]
pub async fn in_scope_sync(values: Vec<u32>) -> u32 {
    let span = info_span!("sum", n = values.len());
    let mut acc = 0;
    for v in &values {
        tick().await;
        acc = span.in_scope(|| {
            debug!(v, acc, "adding");
            acc + v
        });
    }
    info!(acc);
    acc
}
