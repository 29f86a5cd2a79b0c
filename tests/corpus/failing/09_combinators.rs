// Shape: Option/Result combinator chain after an await: `looked.ok_or_else(..).and_then(|v| if v > 5 { Err(..) } else { Ok(v) })?` where `looked` comes from a `match` whose arm awaits (closure parameter inferred as `()`)
// From src/cases/control.rs (same imports and types as there).
// Error with the attribute (the body compiles natively):
//   error[E0277]: can't compare `()` with `i32`
//      --> tests/corpus/src/cases/control.rs:129:14
//       |
//   129 |         if v > 5 {
//       |              ^ no implementation for `() < i32` and `() > i32`
//       |
//   help: the trait `PartialOrd<i32>` is not implemented for `()`
//         but trait `PartialOrd<()>` is implemented for it
//      --> /rustc/59807616e1fa2540724bfbac14d7976d7e4a3860/library/core/src/cmp.rs:1973:4
//       = help: for that trait implementation, expected `()`, found `i32`
//
//   error[E0277]: `()` doesn't implement `std::fmt::Display`
//      --> tests/corpus/src/cases/control.rs:135:58
//       |
//   135 |     Ok(format!("{:?}-{}-{}", first, second.unwrap_or(0), n))
//       |                         --                               ^ `()` cannot be formatted with the default formatter
//       |                         |
//       |                         required by this formatting parameter
//       |
//       = help: the trait `std::fmt::Display` is not implemented for `()`
//       = note: in format strings you may be able to use `{:?}` (or {:#?} for pretty-print) instead
//
//   error[E0599]: no method named `run` found for struct `cases::server::Listener` in the current scope
//     --> tests/corpus/src/tests/server.rs:19:30
//      |
//   19 |                 res = server.run() => log(format!("run ended {:?}", res.map_err(|e| e.to_string()))),

#[stackless::coroutine]
pub async fn combinators(a: Option<&str>, b: Result<u32, String>) -> Result<String, String> {
    let first = a.map(str::to_uppercase).filter(|s| !s.is_empty());
    let second = b.as_ref().map(|v| v + 1).map_err(|e| e.clone());
    let looked = match first.as_deref() {
        Some(k) => lookup(&k.to_lowercase()).await,
        None => None,
    };
    let n = looked.ok_or_else(|| "not found".to_string()).and_then(|v| {
        if v > 5 {
            Err("too big".to_string())
        } else {
            Ok(v)
        }
    })?;
    Ok(format!("{:?}-{}-{}", first, second.unwrap_or(0), n))
}
