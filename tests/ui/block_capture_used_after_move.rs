// A block form moves what it captures, as an `async move` block does: rustc's own error at
// the later use.
use stackless::{iter, yield_};

fn main() {
    let names = vec![String::from("a")];
    let g = iter! {
        for n in names {
            yield_!(n);
        }
    };
    println!("{}", names.len());
    drop(g);
}
