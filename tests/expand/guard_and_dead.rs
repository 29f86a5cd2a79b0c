// An unmentioned guard and a buffer used only before the yield both live to the end of
// their scope; the buffer, being `Copy`, is carried as a zero-sized `NoDrop`.
#[stackless::coroutine]
fn guard_and_dead(lock: &Mutex<u32>) -> impl Iterator<Item = u32> + '_ {
    let _guard = lock.lock().unwrap();
    let buf = [0u8; 4096];
    let n = checksum(&buf);
    yield_!(n);
    yield_!(n + 1);
}
