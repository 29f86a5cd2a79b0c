async fn tick() {}

// The macro's error is the only one: the function stays an `async fn`, so the caller's
// `.await` is not a second error ("`u32` is not a future").
#[stackless::coroutine]
async fn guard(x: u32) -> u32 {
    let mut x = x;
    match x {
        ref mut n if {
            tick().await;
            *n > 1
        } =>
        {
            1
        }
        _ => 0,
    }
}

async fn caller() -> u32 {
    guard(3).await + 1
}

fn main() {
    let _ = caller();
}
