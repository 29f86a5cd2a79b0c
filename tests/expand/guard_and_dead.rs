// An unmentioned guard is carried to the end of its scope; a buffer used only before the
// yield is dropped there and never stored.
#[stackless::coroutine]
fn guard_and_dead(lock: &Mutex<u32>) -> impl Iterator<Item = u32> + '_ {
    let _guard = lock.lock().unwrap();
    let buf = [0u8; 4096];
    let n = checksum(&buf);
    yield_!(n);
    yield_!(n + 1);
}
