// Shape: BEHAVIOUR DIFFERENCE (drop order): a local `D` moved by `drop(a)` on one branch only (early-return branch), kept on the other across two awaits
// From src/cases/control.rs (same imports and types as there).
// What happens with the attribute (the body compiles and runs natively):
//   Compiles; wrong drop order on the path where `a` is not moved (flag = false): `a` is dropped
//   before `c` and `b` (when the machine leaves the suspension where only the other path moves
//   `a`?) where native drops `c`, `b`, `a` at the end of the body (tokio and stackless::rt):
//   assertion `left == right` failed: drops_in_order on tokio: ours (left) differs from native (right)
//     left: Outcome { output: Some("([\"a\", \"b\"], [\"a\", \"c\", \"b\"])"), polls: 5, log: ["drop a", "drop b", "drop a", "drop c", "drop b", "output dropped"] }
//    right: Outcome { output: Some("([\"a\", \"b\"], [\"a\", \"c\", \"b\"])"), polls: 5, log: ["drop a", "drop b", "drop c", "drop b", "drop a", "output dropped"] }

#[stackless::coroutine]
pub async fn drops_in_order(flag: bool) -> Vec<&'static str> {
    let a = D("a");
    let b = D("b");
    let mut names = vec![a.0];
    tick().await;
    if flag {
        drop(a);
        tick().await;
        names.push(b.0);
        return names;
    }
    let c = D("c");
    tick().await;
    names.push(c.0);
    names.push(b.0);
    names
}
