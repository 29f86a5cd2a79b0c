//! `bail!`/`ensure!` (anyhow's, eyre's, or a user's macro by those names), whose expansion
//! returns `Err(..)` from the function: each runs in a closure of its own, and its `Err` is
//! returned by a `return` the lowering sees, with the drops every `return` makes. (Before,
//! E0308 "expected `Step<..>`"; found by the peer hunt, the shape of anyhow's macros.) Each
//! case runs against the native `async fn`, with drop logs, cancelled at every point.

#[macro_use]
mod common;
use common::{cancels_like_native, delay, log, D};

#[derive(Debug, PartialEq)]
struct Error(String);

macro_rules! bail {
    ($($t:tt)*) => {
        return Err(Error(format!($($t)*)))
    };
}

macro_rules! ensure {
    ($c:expr, $($t:tt)*) => {
        if !$c {
            bail!($($t)*)
        }
    };
}

both!(async fn checked / checked_native (n: u32) -> Result<u32, Error> {
    let _a = D("a");
    delay(1, ()).await;
    let _b = D("b");
    ensure!(n > 0, "empty {}", n);
    if n > 10 {
        let _c = D("c");
        bail!("big {n}");
    }
    delay(1, ()).await;
    log("end");
    Ok(n * 2)
});

#[test]
fn bail_and_ensure_return_from_the_function() {
    for n in [0, 2, 11] {
        cancels_like_native(|| checked(n), || checked_native(n), 3);
    }
    assert_eq!(common::block_on(checked(0)), Err(Error("empty 0".into())));
    assert_eq!(common::block_on(checked(11)), Err(Error("big 11".into())));
    assert_eq!(common::block_on(checked(2)), Ok(4));
}
