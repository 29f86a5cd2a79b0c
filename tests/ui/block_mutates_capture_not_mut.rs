// A block mutates what it captured: the local must be `mut`, as for an `async move` block.
use stackless::{iter, yield_};

fn main() {
    let count = 0;
    let g = iter! {
        count += 1;
        yield_!(count);
    };
    drop(g);
}
