use std::rc::Rc;

async fn tick() {}

#[stackless::coroutine]
async fn holds_rc() -> usize {
    let rc = Rc::new(1);
    tick().await;
    *rc
}

fn require_send<T: Send>(_: T) {}

fn main() {
    require_send(holds_rc());
}
