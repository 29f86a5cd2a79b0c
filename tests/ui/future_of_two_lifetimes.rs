// A future that borrows two parameters for the shorter of their lifetimes (`write_all`
// below, tokio's `AsyncWriteExt::write_all(&mut self, &[u8])`): the machine's state names
// the future's type, so that lifetime must be one the returned `impl Future` names, and
// rustc reports E0700. Natively the future hides in the coroutine. Give the parameters one
// named lifetime (`async fn copy<'a>(out: &'a mut Vec<u8>, s: &'a str)`).
async fn write_all<'a>(out: &'a mut Vec<u8>, buf: &'a [u8]) {
    out.extend_from_slice(buf);
}

#[stackless::coroutine]
async fn copy(out: &mut Vec<u8>, s: &str) {
    write_all(out, s.as_bytes()).await;
}

#[stackless::coroutine]
async fn copy_one_lifetime<'a>(out: &'a mut Vec<u8>, s: &'a str) {
    write_all(out, s.as_bytes()).await;
}

fn main() {
    let mut v = Vec::new();
    let _ = copy(&mut v, "a");
    let _ = copy_one_lifetime(&mut v, "a");
}
