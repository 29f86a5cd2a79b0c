// Every control-flow construct with a suspension point inside.
#[stackless::coroutine]
fn everything(items: Vec<Option<u32>>, stop: u32) -> impl Iterator<Item = u32> {
    let _guard = String::from("guard");
    let mut seen = 0;
    'outer: for item in items {
        let Some(x) = item else {
            yield_!(0);
            continue;
        };
        match x {
            0 => continue 'outer,
            n if n == stop => break 'outer,
            n => {
                let doubled = loop {
                    yield_!(n);
                    break n * 2;
                };
                if let Some(y) = doubled.checked_sub(1) {
                    yield_!(y);
                }
            }
        }
        while seen < 2 {
            seen += 1;
            yield_!(seen);
        }
    }
    yield_!(seen);
}
