// A type error in an expression that starts with `self` points at the whole expression, as
// natively (the machine's name for the receiver once made the span `self` alone).
struct Mem(Vec<u32>);

impl Mem {
    #[stackless::coroutine]
    async fn get(&self, k: u32) -> usize {
        let a = std::future::ready(k).await;
        let s: String = self.0[a as usize];
        s.len()
    }
}

fn main() {
    let _ = Mem(vec![1]).get(0);
}
