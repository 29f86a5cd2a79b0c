//! Suspension points inside the user's `unsafe` blocks: the block is lowered like any other,
//! and its code between the points runs in `unsafe` again, as the user wrote it.
#![deny(warnings)]

use stackless::yield_;

async fn tick() {}

#[stackless::coroutine]
async fn awaits_in_unsafe(p: *mut u32) -> u32 {
    // SAFETY: the test passes a pointer to a live local, used by nothing else meanwhile.
    unsafe {
        *p += 1;
        tick().await;
        let v = *p;
        if *p > 1 {
            *p += std::future::ready(10u32).await;
        }
        match v {
            2 => std::future::ready(v + *p).await,
            _ => 0,
        }
    }
}

#[stackless::coroutine]
fn yields_in_unsafe(p: *const [u8; 3]) -> impl Iterator<Item = u8> {
    // SAFETY: as above.
    unsafe {
        for i in 0..3 {
            yield_!((*p)[i]);
        }
    }
}

#[test]
fn unsafe_blocks_may_suspend() {
    let mut x = 1u32;
    assert_eq!(stackless::rt::block_on(awaits_in_unsafe(&mut x)), 14);
    assert_eq!(x, 12);
    let a = [4u8, 5, 6];
    assert_eq!(yields_in_unsafe(&a).collect::<Vec<_>>(), [4, 5, 6]);
}
