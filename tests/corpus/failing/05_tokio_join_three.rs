// Shape: `tokio::join!(a, b, async {..})` where `a`, `b` are `async` blocks bound to locals before the macro
// From src/cases/fanout.rs (same imports and types as there).
// Error with the attribute (the body compiles natively):
//   error[E0277]: the trait bound `{async block@tests/corpus/src/cases/fanout.rs:61:13: 61:18}: std::marker::Copy` is not satisfied
//       --> tests/corpus/src/cases/fanout.rs:59:1
//        |
//     59 | #[stackless::coroutine]
//        | ^^^^^^^^^^^^^^^^^^^^^^^ the trait `std::marker::Copy` is not implemented for `{async block@tests/corpus/src/cases/fanout.rs:61:13: 61:18}`
//        |
//   help: the trait `stackless::__private::CaptureCopy` is implemented for `stackless::__private::Captured<T>`
//       --> runtime/src/frame.rs:1194:1
//        |
//   1194 | impl<T: Copy> CaptureCopy for Captured<T> {
//        | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
//        = note: required for `stackless::__private::Captured<{async block@tests/corpus/src/cases/fanout.rs:61:13: 61:18}>` to implement `stackless::__private::CaptureCopy`
//        = note: this error originates in the attribute macro `stackless::coroutine` (in Nightly builds, run with -Z macro-backtrace for more info)
//
//   error[E0277]: the trait bound `{async block@tests/corpus/src/cases/fanout.rs:65:13: 65:18}: std::marker::Copy` is not satisfied
//       --> tests/corpus/src/cases/fanout.rs:59:1
//        |

#[stackless::coroutine]
pub async fn tokio_join_three() -> (u32, String, D) {
    let a = async {
        tick().await;
        1
    };
    let b = async { format!("b{}", 2) };
    let (x, y, z) = tokio::join!(a, b, async {
        tick().await;
        D("c")
    });
    (x, y, z)
}
