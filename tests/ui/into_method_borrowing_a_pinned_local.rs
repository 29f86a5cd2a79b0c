// A method named `into_*` on a local kept in the machine's frame is taken to take `self`: the
// machine moves the local out for it. Here it takes `&self`, and a reference to the local is
// used after the call: natively fine, but the machine would have freed the value (found by
// review). The twin checks the move the machine makes, so this is rejected.
struct S(Vec<i32>);
impl S {
    fn into_peek(&self) -> usize {
        self.0.len()
    }
}

async fn touch<T>(_: &T) {}

#[stackless::coroutine]
async fn f() -> usize {
    let v = S(vec![1, 2, 3]);
    let r = &v;
    touch(&v).await;
    let a = v.into_peek();
    touch(&r).await;
    a + r.0.len()
}

fn main() {
    let _ = f();
}
