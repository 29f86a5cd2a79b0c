// A block that does not parse: one error, and its uses are no second one.
use stackless::{iter, yield_};

fn main() {
    let g = iter! {
        let x = ;
        yield_!(x);
    };
    let v: Vec<u32> = g.collect();
    println!("{v:?}");
}
