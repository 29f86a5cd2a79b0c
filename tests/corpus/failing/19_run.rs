// Shape: actor `impl CounterActor { async fn run(mut self) -> HashMap<..> }`: a by-value `mut self` receiver, `while let Some(cmd) = self.rx.recv().await`, fields mutated, `self.counts` returned
// From src/cases/services.rs (same imports and types as there).
// Error with the attribute at 3b28c61 (the body compiles natively):
//   error[E0596]: cannot borrow value as mutable, as it is not declared as mutable
//      --> tests/corpus/src/cases/services.rs:202:31
//       |
//   202 |         while let Some(cmd) = self.rx.recv().await {
//       |                               ^^^^^^^ cannot borrow as mutable
//       |
//   help: consider changing this to be mutable
//       |
//   201 |     pub async fn run(mut mut self) -> HashMap<String, i64> {
//   (and E0596 on `self.counts.entry(key)`, then E0507 `cannot move out of a shared reference` at the
//   attribute for `self.counts`, the return value: `mut self` is not kept as an owned, mutable self;
//   `self` by value without `mut` compiles, see `Counter::into_total` in traits.rs.)
//   (`CounterHandle::incr`/`get` stay in the case file and are tested without the actor
//   by `counter_actor_stopped`.)
//
// Its test (in the `tests!` block of src/tests/services.rs):
//       counter_actor: ALL, |m| async {
//           let (actor, handle) = m::services::counter_actor(2);
//           let h2 = handle.clone();
//           let client = async move {
//               let a = handle.incr("x", 2).await;
//               let b = h2.incr("x", i64::MAX).await;
//               let c = handle.incr("y", -1).await;
//               let d = (handle.get("x").await, handle.get("z").await);
//               drop((handle, h2));
//               (a, b, c, d)
//           };
//           let (counts, replies) = tokio::join!(actor.run(), client);
//           let mut counts: Vec<_> = counts.into_iter().collect();
//           counts.sort();
//           (counts, replies)
//       };

#[stackless::coroutine]
pub async fn run(mut self) -> HashMap<String, i64> {
    while let Some(cmd) = self.rx.recv().await {
        match cmd {
            Command::Get { key, resp } => {
                let _ = resp.send(self.counts.get(&key).copied());
            }
            Command::Incr { key, by, resp } => {
                let entry = self.counts.entry(key).or_insert(0);
                let reply = match entry.checked_add(by) {
                    Some(n) => {
                        *entry = n;
                        Ok(n)
                    }
                    None => Err("overflow".to_string()),
                };
                if resp.send(reply).is_err() {
                    log("caller went away");
                }
            }
        }
    }
    self.counts
}
