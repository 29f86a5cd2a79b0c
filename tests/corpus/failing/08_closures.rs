// Shape: two closures in one body (`decorate` capturing a String by ref, `let mut bump = || count += 1;` capturing by mut ref) called around awaits
// From src/cases/control.rs (same imports and types as there).
// Error with the attribute (the body compiles natively):
//   error[E0308]: mismatched types
//      --> tests/corpus/src/cases/control.rs:128:13
//       |
//   118 | #[stackless::coroutine]
//       | -----------------------
//       | |
//       | the expected closure
//       | the found closure
//   ...
//   128 |     let mut bump = || count += 1;
//       |             ^^^^ expected closure, found a different closure
//       |
//       = note: expected closure `{closure@tests/corpus/src/cases/control.rs:118:1: 118:24}`
//                  found closure `{closure@tests/corpus/src/cases/control.rs:118:1: 118:24}`
//       = note: no two closures, even if identical, have the same type
//       = help: consider boxing your closure and/or using it as a trait object

#[stackless::coroutine]
pub async fn closures(words: Vec<String>) -> Vec<String> {
    let prefix = String::from(">");
    let decorate = |w: &str| format!("{prefix}{w}");
    let mut out = Vec::new();
    for w in &words {
        let n = lookup(w).await.unwrap_or_default();
        out.push(decorate(&format!("{w}{n}")));
    }
    let mut count = 0;
    let mut bump = || count += 1;
    bump();
    tick().await;
    bump();
    out.push(format!("count={count}"));
    out
}
