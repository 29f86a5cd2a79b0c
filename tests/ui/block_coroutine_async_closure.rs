use stackless::{co, yield_};

fn main() {
    let _c = co!(async |a: i32| {
        yield_!(a);
    });
}
