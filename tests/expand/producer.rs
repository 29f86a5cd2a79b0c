use stackless::yield_;

/// The resume benchmark's producer (benches/producer.rs).
#[stackless::coroutine]
pub fn producer(n: u64) -> impl Iterator<Item = u64> {
    let mut s = String::from("state");
    let mut i = 0;
    while i < n {
        if i % 3 == 0 {
            yield_!(i + s.len() as u64);
        } else {
            yield_!(i * 2);
        }
        if i % 1000 == 999 {
            s.push('x');
        }
        i += 1;
    }
}

