use stackless::{iter, yield_};

fn main() {
    let g = iter! {
        yield_!(1u8);
        break;
    };
    let _v: Vec<u8> = g.collect();
}
