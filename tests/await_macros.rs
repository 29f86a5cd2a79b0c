//! `select!`, `join!` and `try_join!` (tokio's and futures') in coroutine bodies, with
//! handlers that `return`, use `?`, `break` and `continue` the enclosing loops: each call runs
//! in an `async` block of its own, awaited in place, and the handlers' control flow is
//! carried out after it. Every function here is compared with the same body as a native
//! `async fn`.

// `loop { select! { .. => break } }` that leaves at once is the shape under test.
#![allow(clippy::never_loop)]

#[macro_use]
mod common;

use stackless::yield_;
use tokio::sync::mpsc;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap()
}

both! {
    async fn pump / pump_native (rx: mpsc::Receiver<u32>, stop: mpsc::Receiver<()>) -> u32 {
        let (mut rx, mut stop) = (rx, stop);
        let mut sum = 0;
        loop {
            tokio::select! {
                biased;
                v = rx.recv() => match v {
                    Some(0) => continue,
                    Some(v) => sum += v,
                    None => break,
                },
                _ = stop.recv() => return 1000 + sum,
            }
            sum += 100;
        }
        sum
    }
}

async fn run_pump(native: bool, values: &[u32], stop: bool) -> u32 {
    let (tx, rx) = mpsc::channel(8);
    let (stx, srx) = mpsc::channel(1);
    for v in values {
        tx.send(*v).await.unwrap();
    }
    drop(tx);
    if stop {
        stx.send(()).await.unwrap();
    }
    if native {
        pump_native(rx, srx).await
    } else {
        pump(rx, srx).await
    }
}

/// A server-style loop: `break`, `continue` and `return` from `select!` arms.
#[test]
fn select_with_break_continue_and_return() {
    let rt = runtime();
    for (values, stop) in [(&[1, 0, 2][..], false), (&[5][..], true), (&[][..], false)] {
        let ours = rt.block_on(run_pump(false, values, stop));
        let native = rt.block_on(run_pump(true, values, stop));
        assert_eq!(ours, native, "{values:?} {stop}");
    }
    assert_eq!(rt.block_on(run_pump(false, &[1, 0, 2], false)), 203);
}

#[derive(Debug, PartialEq)]
struct Error(String);

impl From<std::num::ParseIntError> for Error {
    fn from(e: std::num::ParseIntError) -> Self {
        Error(e.to_string())
    }
}

async fn parse(s: &str) -> Result<u32, std::num::ParseIntError> {
    tokio::task::yield_now().await;
    s.parse()
}

both! {
    async fn first_number / first_number_native (a: String, b: String) -> Result<u32, Error> {
        let n = tokio::select! {
            biased;
            v = parse(&a) => v? + 1,
            v = parse(&b), if b.len() > 1 => v? + 2,
        };
        let (x, y) = tokio::join!(parse(&a), parse(&b));
        let z = tokio::try_join!(parse(&a), parse(&b))?;
        Ok(n * 1000 + x.unwrap_or(7) * 10 + y.unwrap_or(7) + z.0 + z.1)
    }
}

/// `?` in a `select!` handler and after `try_join!`, with a `From` conversion; `join!`'s
/// tuple; a guarded arm.
#[test]
fn select_and_join_with_question_marks() {
    let rt = runtime();
    for (a, b) in [("1", "2"), ("x", "2"), ("1", "y"), ("33", "44")] {
        let ours = rt.block_on(first_number(a.into(), b.into()));
        let native = rt.block_on(first_number_native(a.into(), b.into()));
        assert_eq!(ours, native, "{a} {b}");
    }
}

both! {
    async fn labelled / labelled_native (n: u32) -> Vec<u32> {
        let mut out = Vec::new();
        'outer: for i in 0..n {
            for j in 0..n {
                futures::select! {
                    _ = futures::future::ready(()) => {
                        if j > i {
                            continue 'outer;
                        }
                        if i + j > 4 {
                            break 'outer;
                        }
                        out.push(i * 10 + j);
                    }
                    complete => break,
                }
            }
        }
        out
    }
}

/// `futures::select!` with labelled `break`/`continue` of outer loops, and a `complete` arm.
#[test]
fn futures_select_with_labelled_jumps() {
    let rt = runtime();
    assert_eq!(rt.block_on(labelled(4)), rt.block_on(labelled_native(4)));
}

both! {
    async fn nested / nested_native (a: Result<u32, String>) -> Result<u32, String> {
        let mut n = 0;
        loop {
            tokio::select! {
                biased;
                _ = std::future::ready(()) => {
                    tokio::select! {
                        biased;
                        v = std::future::ready(a.clone()) => {
                            n += v?;
                            break;
                        }
                    }
                }
            }
        }
        let last = { tokio::select! { biased; v = std::future::ready(n) => v + 1 } };
        Ok(last)
    }
}

/// A `select!` in a handler of another, whose `?` and `break` leave the function's loop; a
/// braced `select!` as a block's value.
#[test]
fn nested_select_and_select_as_a_value() {
    let rt = runtime();
    for a in [Ok(3), Err("no".to_string())] {
        assert_eq!(
            rt.block_on(nested(a.clone())),
            rt.block_on(nested_native(a))
        );
    }
    assert_eq!(rt.block_on(nested(Ok(3))), Ok(4));
}

#[stackless::coroutine]
fn numbers(
    v: Vec<&'static str>,
) -> impl stackless::Stream<Item = Result<u32, std::num::ParseIntError>> {
    for s in v {
        let n = tokio::select! { biased; x = std::future::ready(s) => x.parse::<u32>()? };
        yield_!(Ok(n));
    }
}

/// `?` in a `select!` handler of an async generator yields the error as the last item.
#[test]
fn question_mark_in_a_streams_select() {
    let items = common::collect(numbers(vec!["1", "x", "3"]));
    assert_eq!(items.len(), 2);
    assert_eq!(items[0], Ok(1));
    assert!(items[1].is_err());
}

// A `select!`'s futures, guards and handlers are read as the Rust they are, so what they
// move in is moved in: a parameter awaited by value in an arm (`_ = shutdown =>`), a
// pinned future moved into a second `select!` after being polled by `&mut` in a first one,
// an `async move` block in a handler that takes a local.

#[stackless::coroutine]
async fn run_until(shutdown: impl std::future::Future<Output = ()>, work: u32) -> u32 {
    let mut n = 0u32;
    tokio::select! {
        biased;
        _ = shutdown => {}
        r = async { n += work; tokio::task::yield_now().await; n } => n = r + 1,
    }
    tokio::task::yield_now().await;
    n
}

async fn get(p: &str) -> usize {
    tokio::task::yield_now().await;
    p.len()
}

#[stackless::coroutine]
async fn hedged(path: &str, first_wins: bool) -> usize {
    let first = get(path);
    tokio::pin!(first);
    tokio::select! {
        biased;
        r = &mut first, if first_wins => return r,
        _ = std::future::ready(()) => {}
    }
    tokio::select! {
        biased;
        r = first => r * 10,
        r = get("zz") => r,
    }
}

async fn hedged_native(path: &str, first_wins: bool) -> usize {
    let first = get(path);
    tokio::pin!(first);
    tokio::select! {
        biased;
        r = &mut first, if first_wins => return r,
        _ = std::future::ready(()) => {}
    }
    tokio::select! {
        biased;
        r = first => r * 10,
        r = get("zz") => r,
    }
}

#[stackless::coroutine]
async fn spawns() -> String {
    let s = String::from("owned by the task");
    let h = tokio::select! {
        biased;
        _ = std::future::ready(()) => tokio::spawn(async move { s.clone() }),
    };
    h.await.unwrap()
}

#[test]
fn select_arms_move_what_they_name() {
    let rt = runtime();
    assert_eq!(rt.block_on(run_until(std::future::pending(), 3)), 4);
    assert_eq!(rt.block_on(run_until(std::future::ready(()), 3)), 0);
    for first_wins in [true, false] {
        assert_eq!(
            rt.block_on(hedged("abc", first_wins)),
            rt.block_on(hedged_native("abc", first_wins))
        );
    }
    assert_eq!(rt.block_on(spawns()), "owned by the task");
}

async fn bump(n: &mut u32) -> u32 {
    *n += 1;
    tokio::task::yield_now().await;
    *n
}

#[stackless::coroutine]
async fn arm_binds_a_local_name(mut rx: tokio::sync::mpsc::Receiver<u32>) -> u32 {
    let mut v = 10u32;
    let r = tokio::select! {
        biased;
        Some(v) = rx.recv(), if v > 0 => v + 100,
        w = bump(&mut v) => w,
    };
    tokio::task::yield_now().await;
    r + v
}

/// An arm's pattern that binds the name of a local the machine keeps in its frame: the
/// guard and the handler see the pattern's binding, the futures the local (was "expected
/// pattern, found `*`").
#[test]
fn select_arm_patterns_shadow_locals() {
    let rt = runtime();
    rt.block_on(async {
        let (tx, rx) = tokio::sync::mpsc::channel(1);
        tx.send(5).await.unwrap();
        assert_eq!(arm_binds_a_local_name(rx).await, 115);
        let (_tx, rx) = tokio::sync::mpsc::channel(1);
        assert_eq!(arm_binds_a_local_name(rx).await, 22);
    });
}

#[stackless::coroutine]
async fn join_bound_blocks(k: u32) -> (u32, String, u32) {
    let a = async {
        tokio::task::yield_now().await;
        k
    };
    let b = async { format!("b{k}") };
    tokio::join!(a, b, async {
        tokio::task::yield_now().await;
        k * 2
    })
}

/// `async` blocks bound to locals and moved into a `join!`: never `Copy`, moved in as they
/// are (was E0277 "`{async block}: Copy` is not satisfied").
#[test]
fn join_takes_async_blocks_bound_to_locals() {
    let rt = runtime();
    assert_eq!(rt.block_on(join_bound_blocks(3)), (3, "b3".to_string(), 6));
}

#[stackless::coroutine]
async fn select_in_a_loop_returning_a_local(
    mut rx: tokio::sync::mpsc::Receiver<Result<u8, String>>,
) -> Result<Vec<u8>, String> {
    use futures::FutureExt;
    let mut got = vec![];
    loop {
        futures::select! {
            v = rx.recv().fuse() => match v {
                Some(v) => got.push(v?),
                None => return Ok(got),
            },
        }
    }
}

/// A local moved out by one arm (`return Ok(got)`) of a `select!` in a loop: the block the
/// call runs in moves it out there, not when it is made on each turn (it panicked with "a
/// pinned local was used after it was moved").
#[test]
fn select_arm_moving_a_local_in_a_loop() {
    let rt = runtime();
    rt.block_on(async {
        let (tx, rx) = tokio::sync::mpsc::channel(4);
        tx.send(Ok(1)).await.unwrap();
        tx.send(Ok(2)).await.unwrap();
        drop(tx);
        assert_eq!(select_in_a_loop_returning_a_local(rx).await, Ok(vec![1, 2]));
        let (tx, rx) = tokio::sync::mpsc::channel(4);
        tx.send(Ok(1)).await.unwrap();
        tx.send(Err("bad".to_string())).await.unwrap();
        assert_eq!(
            select_in_a_loop_returning_a_local(rx).await,
            Err("bad".to_string())
        );
    });
}

both!(async fn named_future_in_a_loop / named_future_in_a_loop_native () -> u32 {
    use futures::FutureExt;
    let mut other = Box::pin(std::future::pending::<()>().fuse());
    let mut n = 0;
    for i in 1..4u32 {
        futures::select! {
            x = async { i }.fuse() => n += x,
            _ = other => n += 100,
        }
    }
    n
});

/// `futures::select!` polls a future named by a local through `&mut` (tokio's moves it):
/// in a loop, every turn polls the same future. (Before, the second turn found it moved
/// out of its slot: "a pinned local was used after it was moved"; found by the peer hunt.)
#[test]
fn a_future_named_in_futures_select_is_borrowed_each_turn() {
    assert_eq!(common::block_on(named_future_in_a_loop_native()), 6);
    assert_eq!(common::block_on(named_future_in_a_loop()), 6);
}

both!(async fn unit_pattern_after_a_block / unit_pattern_after_a_block_native () -> Vec<u32> {
    let (tx, mut rx) = mpsc::channel(4);
    tx.send(1u32).await.unwrap();
    let mut got = Vec::new();
    let mut done = std::pin::pin!(std::future::ready(()));
    let mut k = 0;
    loop {
        k += 1;
        tokio::select! {
            biased;
            Some(v) = rx.recv() => { got.push(v); }
            () = &mut done, if k > 1 => { got.push(0); break; }
        }
    }
    drop(tx);
    got
});

/// An arm whose pattern is `()` after an arm whose handler is a block without a comma
/// (tokio's own documentation writes it): the block ends the handler, as in the macro's
/// rules, instead of being read as called by `()`. (Before, "could not be read as
/// `pattern = future => handler` arms"; found by the peer hunt.)
#[test]
fn a_block_handler_ends_its_arm() {
    assert_eq!(
        common::block_on(unit_pattern_after_a_block_native()),
        [1, 0]
    );
    assert_eq!(common::block_on(unit_pattern_after_a_block()), [1, 0]);
}

both!(async fn reply_or_timeout / reply_or_timeout_native (d: u64) -> Result<u32, &'static str> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    let _ = tx.send(5u32);
    let r = tokio::select! {
        biased;
        r = rx => r.map_err(|_| "closed"),
        _ = common::delay(d as u32, ()) => Err("timeout"),
    };
    r
});

#[stackless::coroutine]
fn selected_items(a: u32, mut rx: mpsc::Receiver<u32>) -> impl futures::Stream<Item = u32> {
    let v = tokio::select! { v = async { a } => v };
    yield_!(v);
    loop {
        let got = tokio::select! { v = rx.recv() => v };
        match got {
            Some(v) => yield_!(v),
            None => break,
        }
    }
}

/// A `select!` arm's pattern binding the name of a local (`let r = select! { r = rx => .. }`,
/// `let v = select! { v = .. => v }`): the handler's `r` is the pattern's, so the block the
/// call runs in takes the locals it uses through handles, as everywhere. (Before, the name
/// was taken for the local's, the block borrowed the step's locals: E0505 and E0716; found
/// by the peer hunt, the shape of a oneshot reply raced against a timeout.)
#[test]
fn an_arm_binding_a_locals_name() {
    for d in [0, 3] {
        assert_eq!(
            common::block_on(reply_or_timeout(d)),
            common::block_on(reply_or_timeout_native(d))
        );
    }
    let (tx, rx) = mpsc::channel(3);
    tx.try_send(1).unwrap();
    tx.try_send(2).unwrap();
    drop(tx);
    use futures::StreamExt;
    assert_eq!(
        common::block_on(selected_items(7, rx).collect::<Vec<_>>()),
        [7, 1, 2]
    );
}

mod bare_futures_select {
    use super::common;
    use futures::{select, FutureExt};

    both!(async fn fused / fused_native () -> u32 {
        let mut never = futures::future::pending::<()>().fuse();
        let mut n = 0;
        while n < 2 {
            select! {
                _ = never => {}
                x = futures::future::ready(1u32).fuse() => n += x,
            }
        }
        n
    });

    pub fn run() -> (u32, u32) {
        (common::block_on(fused()), common::block_on(fused_native()))
    }
}

/// futures' `select!` imported bare: a future written `.fuse()` says which flavour it is, and
/// a future named by a local is borrowed, as natively. (Found by review: the panic of
/// 603368c, by a bare `select!`.)
#[test]
fn a_bare_futures_select_borrows_a_named_future() {
    assert_eq!(bare_futures_select::run(), (2, 2));
}

#[derive(Debug, PartialEq)]
enum AppError {
    Io(String),
    Parse(u8),
}

impl From<std::io::Error> for AppError {
    fn from(e: std::io::Error) -> Self {
        AppError::Io(e.to_string())
    }
}

impl From<u8> for AppError {
    fn from(e: u8) -> Self {
        AppError::Parse(e)
    }
}

async fn io_step(fail: bool) -> std::io::Result<u32> {
    if fail {
        Err(std::io::Error::other("io"))
    } else {
        Ok(1)
    }
}

async fn parse_step(fail: bool) -> Result<u32, u8> {
    if fail {
        Err(7)
    } else {
        Ok(2)
    }
}

// Found by the tokio-application hunt: handlers whose `?` convert different error types into
// the function's (`io::Error` in one, another in the next, as into an `anyhow::Error`) were
// E0308: the residual was handed out of the call as it was, so every handler's had to be
// one type. It is converted in the handler now, as the native `?` does.
both! {
    async fn two_error_types / two_error_types_native (first: bool, fail: bool) -> Result<u32, AppError> {
        let n = tokio::select! {
            biased;
            v = io_step(fail), if first => v?,
            v = parse_step(fail) => v? + 10,
        };
        Ok(n)
    }
}

#[test]
fn handlers_convert_their_errors_into_the_functions() {
    let rt = runtime();
    for first in [true, false] {
        for fail in [true, false] {
            assert_eq!(
                rt.block_on(two_error_types(first, fail)),
                rt.block_on(two_error_types_native(first, fail))
            );
        }
    }
}
