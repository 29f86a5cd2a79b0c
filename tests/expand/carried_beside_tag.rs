// A machine with pinned slots (`buf`, borrowed by the awaited futures) lays its state out by
// hand (macro `state.rs`): the tag, a union of the variants' fields and the root block's
// slots are fields of one struct, which rustc packs. `count`, carried by both awaits, is
// kept in a slot of that struct too (`Leaf<T2>` in the head the impl names), not in each variant;
// `src` (a method call on it makes the futures borrow it) is written into its slot when the
// machine is made (`.set0(src)`), so `Start` holds nothing.
#[stackless::coroutine]
async fn fill_twice(src: &mut Src) -> u32 {
    let mut buf = [0u8; 4];
    let mut count = 0u32;
    count += src.read(&mut buf).await as u32;
    count += src.read(&mut buf).await as u32;
    count + buf[0] as u32
}
