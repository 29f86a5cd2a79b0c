use stackless::{co, yield_};

fn main() {
    let _c = co!(|a: i32, b: i32| {
        yield_!(a + b);
    });
}
