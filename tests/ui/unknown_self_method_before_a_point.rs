// A method the macro does not know is taken to borrow its receiver, which Rust's drop
// rules then keep to the end of its scope, across the point: one that takes `self` is
// rustc's E0382, pointed at the suspension point. Write `Builder::go(b)` to say it moves.
struct Builder(String);

impl Builder {
    fn go(self) -> usize {
        self.0.len()
    }
}

async fn tick() {}

#[stackless::coroutine]
async fn run() -> usize {
    let b = Builder(String::from("b"));
    let n = b.go();
    tick().await;
    n
}

fn main() {
    let _ = run();
}
