// rustc: E0515. The output `&str` has the argument's lifetime, as on a native `async fn`.
async fn touch(_: &String) {}

#[stackless::coroutine]
async fn first(_x: &str) -> &str {
    let s = String::from("a b");
    touch(&s).await;
    s.split(' ').next().unwrap()
}

fn main() {
    let _ = first("");
}
