// Shape: BEHAVIOUR DIFFERENCE (drop order): a `move` closure owning a `Vec<D>` parameter, called once between two awaits
// From src/cases/control.rs (same imports and types as there).
// What happens with the attribute (the body compiles and runs natively):
//   Compiles; the closure `count` (which owns `items: Vec<D>`) is dropped after its last call,
//   before the second await, where native keeps it (and the `D`s) until the end of the body:
//   dropped after 2 polls (pending at the second `tick().await`):
//   assertion `left == right` failed: moved_into_closure on tokio, dropped after 2 polls: ours (left) differs from native (right)
//     left: Outcome { output: None, polls: 2, log: ["drop keep", "drop i1", "drop i2", "cancel"] }
//    right: Outcome { output: None, polls: 2, log: ["drop keep", "cancel", "drop i1", "drop i2"] }

#[stackless::coroutine]
pub async fn moved_into_closure(items: Vec<D>) -> usize {
    let keep = D("keep");
    let count = move || items.len();
    tick().await;
    let n = count();
    drop(keep);
    tick().await;
    n
}
