// Suspension points inside an expression: operands before them go to hidden temporaries,
// places are read after.
#[stackless::coroutine]
fn operands(v: Vec<u32>) -> impl Coroutine<u32, Yield = u32, Return = u32> {
    let x = f(v.len()) + yield_!(1) * v[0] + g(yield_!(2), v[1]);
    x
}
