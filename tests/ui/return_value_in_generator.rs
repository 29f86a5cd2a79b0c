use stackless::{iter, yield_};

#[stackless::coroutine]
fn numbers() -> impl Iterator<Item = u32> {
    yield_!(1);
    return 5;
}

fn main() {
    let g = iter! {
        yield_!(1u8);
        return 5;
    };
    let _v: Vec<u8> = g.collect();
    let _n: Vec<u32> = numbers().collect();
}
