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

both!(async fn shapes / shapes_native (o: Option<u32>, msg: String) -> Result<u32, Error> {
    let _d = D("d");
    delay(1, ()).await;
    let Some(x) = o else { bail!("none") };
    let y = match o {
        Some(v) => v,
        None => bail!("none again"),
    };
    ensure!(y < 100, "big {}", y);
    let Some(z) = o else {
        bail!("none a third time");
    };
    delay(1, ()).await;
    Ok(x + y + z + msg.len() as u32)
});

mod moved {
    use super::{common, Error};
    use common::delay;

    // (An `ensure!` whose message is taken by value: moved only when the condition fails.)
    macro_rules! ensure {
        ($c:expr, $m:expr) => {
            if !$c {
                return Err(Error($m));
            }
        };
    }

    both!(async fn moved_message / moved_message_native (n: u32, msg: String) -> Result<usize, Error> {
        ensure!(n > 0, msg);
        delay(1, ()).await;
        Ok(msg.len())
    });

    pub fn run(n: u32) -> (Result<usize, Error>, Result<usize, Error>) {
        (
            common::block_on(moved_message(n, "ab".into())),
            common::block_on(moved_message_native(n, "ab".into())),
        )
    }
}

/// `bail!` as an expression (a `let`-`else`'s `else`, a `match` arm's value) diverges, as
/// the macro's own expansion; `ensure!(cond, msg)` moves `msg` only when `cond` fails.
/// (Found by review: E0308 and E0382.)
#[test]
fn bail_in_expressions_and_ensure_moving_its_message() {
    for o in [None, Some(2), Some(200)] {
        cancels_like_native(|| shapes(o, "m".into()), || shapes_native(o, "m".into()), 3);
    }
    assert_eq!(common::block_on(shapes(Some(2), "m".into())), Ok(7));
    assert_eq!(moved::run(1), (Ok(2), Ok(2)));
    assert_eq!(
        moved::run(0),
        (Err(Error("ab".into())), Err(Error("ab".into())))
    );
}
