// Shape: `&self` method generic over `F: FnOnce(String) -> Fut`: an LRU behind `tokio::sync::RwLock`, with `self.inner.write().await.touch(key);` (a `&mut self` method called through `DerefMut` on the guard an await returns, in one expression)
// From src/cases/services.rs (same imports and types as there).
// Error with the attribute at 3b28c61 (the body compiles natively):
//   error[E0596]: cannot borrow value as mutable, as it is not declared as mutable
//     --> tests/corpus/src/cases/services.rs:99:5
//      |
//   99 |     #[stackless::coroutine]
//      |     ^^^^^^^^^^^^^^^^^^^^^^^ cannot borrow as mutable
//      |
//      = note: this error originates in the attribute macro `stackless::coroutine` (in Nightly builds, run with -Z macro-backtrace for more info)
//   help: consider changing this to be mutable
//      |
//   99 |     mut #[stackless::coroutine]
//   (Checked by hand: written `let mut w = self.inner.write().await; w.touch(key);` it compiles; the
//   error is the awaited guard used by `&mut` in the same expression.)
//
// Its test (in the `tests!` block of src/tests/services.rs):
//       lru: ALL, |m| async {
//           let cache = m::services::SharedLru::new(2);
//           let load = |k: String| async move {
//               tick().await;
//               if k == "bad" {
//                   Err(format!("cannot load {k}"))
//               } else {
//                   Ok(k.to_uppercase())
//               }
//           };
//           let f = cache.get_or_load("a", load);
//           assert_send(&f);
//           let mut out = vec![f.await];
//           for k in ["b", "a", "c", "bad", "b", "a"] {
//               out.push(cache.get_or_load(k, load).await);
//           }
//           (out, cache.keys().await)
//       };

#[stackless::coroutine]
pub async fn get_or_load<F, Fut>(&self, key: &str, load: F) -> Result<String, String>
where
    F: FnOnce(String) -> Fut,
    Fut: Future<Output = Result<String, String>>,
{
    {
        let cache = self.inner.read().await;
        if let Some(v) = cache.map.get(key) {
            let v = v.clone();
            drop(cache);
            self.inner.write().await.touch(key);
            return Ok(v);
        }
    }
    self.loads.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let value = load(key.to_owned()).await?;
    let mut cache = self.inner.write().await;
    if cache.map.len() >= cache.cap {
        if let Some(old) = cache.order.pop_front() {
            cache.map.remove(&old);
            log(format!("evict {old}"));
        }
    }
    cache.map.insert(key.to_owned(), value.clone());
    cache.order.push_back(key.to_owned());
    Ok(value)
}
