// In an `#[async_trait]` trait, the attribute on a method without a body: async-trait has
// made it a function returning a boxed future, with nothing to lower.
use async_trait::async_trait;

#[async_trait]
trait Store {
    #[stackless::coroutine]
    async fn get(&self, k: u32) -> u32;
}

struct Mem;

#[async_trait]
impl Store for Mem {
    async fn get(&self, k: u32) -> u32 {
        k
    }
}

fn main() {
    let _ = Mem.get(1);
}
