//! A labelled block with a suspension point inside (`'b: { if c { break 'b v; } x.await; w }`):
//! control leaves it by `break 'b` from the code before the point or after it, and the code
//! after the block runs in either case. (Before, the code after a block whose statements all
//! suspend was not emitted in the arm that could break out of it: the first poll panicked
//! "resumed after panicking", or a loop around it silently lost values.)

#[macro_use]
mod common;
use common::{block_on, delay, poll_n_then_drop, take_log, D};
use stackless::{yield_, Coroutine, CoroutineState};

both!(async fn unit_block / unit_block_native (c: u32) -> u32 {
    'blk: {
        if c == 0 {
            break 'blk;
        }
        delay(1, ()).await;
    }
    c
});

both!(async fn valued_before / valued_before_native (c: u32) -> u32 {
    let v = 'blk: {
        if c == 0 {
            break 'blk 10;
        }
        delay(1, ()).await;
        c
    };
    v + 1
});

both!(async fn valued_after / valued_after_native (c: u32) -> u32 {
    let v = 'blk: {
        delay(1, ()).await;
        if c == 0 {
            break 'blk 10;
        }
        c
    };
    v + 1
});

both!(async fn in_a_loop / in_a_loop_native (n: u32) -> u32 {
    let mut t = 0;
    for i in 0..n {
        let v = 'b: {
            if i % 2 == 0 {
                break 'b i;
            }
            delay(1, ()).await;
            i * 10
        };
        t += v;
    }
    t
});

both!(async fn nested / nested_native (c: u32) -> u32 {
    let _a = D("a");
    let r = 'outer: {
        let _b = D("b");
        'inner: {
            let _c = D("c");
            if c == 0 {
                break 'inner;
            }
            if c == 1 {
                break 'outer 1;
            }
            delay(1, ()).await;
            if c == 2 {
                break 'outer 2;
            }
        }
        delay(1, ()).await;
        3
    };
    common::log(format!("r {r}"));
    r
});

#[test]
fn leaving_a_labelled_block_before_or_after_the_point() {
    for c in 0..3 {
        assert_eq!(block_on(unit_block(c)), block_on(unit_block_native(c)));
        assert_eq!(
            block_on(valued_before(c)),
            block_on(valued_before_native(c))
        );
        assert_eq!(block_on(valued_after(c)), block_on(valued_after_native(c)));
    }
    assert_eq!(block_on(in_a_loop_native(4)), 42);
    for n in 0..6 {
        assert_eq!(block_on(in_a_loop(n)), block_on(in_a_loop_native(n)));
    }
}

#[test]
fn nested_labels_drop_as_natively() {
    for c in 0..4 {
        let ours = block_on(nested(c));
        let ours_log = take_log();
        let native = block_on(nested_native(c));
        assert_eq!(ours, native);
        assert_eq!(ours_log, take_log(), "c = {c}");
        for k in 0..4 {
            let ours = poll_n_then_drop(nested(c), k);
            let ours_log = take_log();
            assert_eq!(ours, poll_n_then_drop(nested_native(c), k));
            assert_eq!(ours_log, take_log(), "c = {c}, dropped after {k} polls");
        }
    }
}

#[stackless::coroutine]
fn generator(c: u32) -> impl Iterator<Item = u32> {
    let v = 'b: {
        if c == 0 {
            break 'b 10;
        }
        yield_!(1);
        if c == 1 {
            break 'b 11;
        }
        yield_!(2);
        c
    };
    yield_!(v);
}

#[test]
fn in_a_generator() {
    assert_eq!(generator(0).collect::<Vec<_>>(), [10]);
    assert_eq!(generator(1).collect::<Vec<_>>(), [1, 11]);
    assert_eq!(generator(5).collect::<Vec<_>>(), [1, 2, 5]);
}

#[test]
fn in_a_coroutine_block() {
    let run = |a: u32| {
        let mut co = std::pin::pin!(stackless::co!(|a: u32| -> u32 {
            let v = 'b: {
                if a == 0 {
                    break 'b 5;
                }
                let x = yield_!(1u32);
                x + 2
            };
            v
        }));
        let mut out = Vec::new();
        let mut arg = a;
        loop {
            match co.as_mut().resume(arg) {
                CoroutineState::Yielded(y) => {
                    out.push(y);
                    arg = 40;
                }
                CoroutineState::Complete(r) => {
                    out.push(r);
                    return out;
                }
            }
        }
    };
    assert_eq!(run(0), [5]);
    assert_eq!(run(1), [1, 42]);
}
