async fn index() -> usize {
    0
}

fn step(n: u32) -> u32 {
    n + 1
}

#[stackless::coroutine]
async fn bump(mut v: Vec<u32>, n: u32) -> Vec<u32> {
    // Which side runs first depends on the types: rustc's order cannot be known here.
    v[index().await] += step(n);
    v
}

fn main() {
    let _ = bump(vec![1], 2);
}
