use stackless::{iter, yield_};

async fn ready() -> u32 {
    1
}

fn main() {
    let g = iter! {
        yield_!(ready().await);
    };
    let _v: Vec<u32> = g.collect();
}
