macro_rules! identity {
    ($e:expr) => {
        $e
    };
}

async fn one() -> u32 {
    1
}

#[stackless::coroutine]
async fn f() -> u32 {
    identity!(one().await)
}

fn main() {
    let _ = f();
}
