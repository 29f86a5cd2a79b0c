use stackless::yield_;

#[stackless::coroutine]
fn closure_borrowing_a_local() -> impl Iterator<Item = u32> {
    let base = vec![10, 20];
    let add = |x: u32| x + base[0] + base[1];
    for i in 0..3 {
        yield_!(add(i));
    }
}

fn main() {
    let _ = closure_borrowing_a_local();
}
