use stackless::yield_;

macro_rules! twice {
    ($e:expr) => {
        ($e, $e)
    };
}

#[stackless::coroutine]
fn gen() -> impl Iterator<Item = u32> {
    let _pair = twice!(yield_!(1));
}

fn main() {
    let _ = gen();
}
