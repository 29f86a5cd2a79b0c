// Shape: BEHAVIOUR DIFFERENCE (drop order): destructuring parameters `Point { x, y }: Point, (a, _): (u32, D), [first, .., last]: [u8; 4]`
// From src/cases/control.rs (same imports and types as there).
// What happens with the attribute (the body compiles and runs natively):
//   Compiles; the full run matches, but dropped after 1 poll (pending at `tick().await`) the
//   `D` matched by `_` inside the tuple parameter is dropped during the first poll, where
//   native keeps it in the future until the future is dropped (tokio and stackless::rt):
//   assertion `left == right` failed: destructure_params on tokio, dropped after 1 polls: ours (left) differs from native (right)
//     left: Outcome { output: None, polls: 1, log: ["drop t", "cancel"] }
//    right: Outcome { output: None, polls: 1, log: ["cancel", "drop t"] }

#[stackless::coroutine]
pub async fn destructure_params(Point { x, y }: Point, (a, _): (u32, D), [first, .., last]: [u8; 4]) -> i64 {
    tick().await;
    (x * y) as i64 + a as i64 + first as i64 * 100 + last as i64
}
