use stackless::{iter, yield_};

fn main() {
    let g = iter! {
        let f = || yield_!(1);
        f();
        yield_!(2);
    };
    let _v: Vec<i32> = g.collect();
}
