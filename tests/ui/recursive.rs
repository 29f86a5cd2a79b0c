use stackless::yield_;

#[stackless::coroutine]
fn tree(depth: u32) -> impl Iterator<Item = u32> {
    yield_!(depth);
    if depth > 0 {
        for x in tree(depth - 1) {
            yield_!(x);
        }
    }
}

fn main() {
    let _ = tree(3);
}
