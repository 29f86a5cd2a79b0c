// Shape: `&mut self` method of a generic `impl<S> Cache<S> where ..` with an `impl Into<String>` parameter shadowed by its conversion (`let value = value.into();`) before an await
// From src/cases/traits.rs (same imports and types as there).
// Error with the attribute (the body compiles natively):
//   error[E0382]: use of moved value: `value`
//     --> tests/corpus/src/cases/traits.rs:71:44
//      |
//   70 |     #[stackless::coroutine]
//      |     ----------------------- inside of this loop
//   71 |     pub async fn put(&mut self, key: &str, value: impl Into<String>) -> u32 {
//      |                                            ^^^^^
//      |                                            |
//      |                                            value used here after move
//      |                                            move occurs because `value` has type `impl Into<String>`, which does not implement the `Copy` trait
//   72 |         let value = value.into();
//      |                           ------ `value` moved due to this method call
//      |
//   note: `into` takes ownership of the receiver `self`, which moves `value`
//     --> /rustc/59807616e1fa2540724bfbac14d7976d7e4a3860/library/core/src/convert/mod.rs:455:12
//   help: consider restricting opaque type `impl Into<String>` with trait `Copy`
//      |

#[stackless::coroutine]
pub async fn put(&mut self, key: &str, value: impl Into<String>) -> u32 {
    let value = value.into();
    self.local.remove(key);
    self.inner.put(key.to_owned(), value).await;
    self.hits + self.misses
}
