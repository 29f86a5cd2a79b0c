//! Prints the size of each async shape of rust-lang/rust#62958 as a native `async fn`, as a
//! `#[stackless::coroutine] async fn`, and the hand-computed minimum.
//!
//! `cargo run --example size_report`

#[path = "../tests/shapes/mod.rs"]
mod shapes;

fn main() {
    println!(
        "{:<48} {:>8} {:>10} {:>8}",
        "shape", "native", "stackless", "minimum"
    );
    for r in shapes::table() {
        println!(
            "{:<48} {:>8} {:>10} {:>8}",
            r.name, r.native, r.ours, r.minimum
        );
    }
}
