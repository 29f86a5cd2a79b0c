use stackless::yield_;

#[stackless::coroutine]
fn gen(v: &mut Vec<u32>) -> impl Iterator<Item = u32> + '_ {
    let first = &v[0];
    v.push(1);
    yield_!(*first);
}

fn main() {
    let mut v = vec![1];
    let _ = gen(&mut v);
}
