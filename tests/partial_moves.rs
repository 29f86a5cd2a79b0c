//! A local moved out of in part keeps the rest to the end of its scope, as rustc drops it:
//! on completion and at every cancellation point, in the same order as the native `async fn`.
//! (Before, the fields left behind were dropped at the next suspension point: a server's
//! listener or a channel's other half went away at an `.await` after the destructuring.)

#![allow(clippy::drop_non_drop)]

#[macro_use]
mod common;

use common::{cancel_after, cancels_like_native, delay, log, run, take_log, D};
use stackless::yield_;

#[allow(dead_code)]
struct Listener {
    listener: D,
    notify: D,
    done_tx: D,
}

fn listener() -> Listener {
    Listener {
        listener: D("listener"),
        notify: D("notify"),
        done_tx: D("done_tx"),
    }
}

both! { async fn destructured_param / destructured_param_native(server: Listener) -> u32 {
    let Listener { notify, done_tx, .. } = server;
    drop(notify);
    drop(done_tx);
    delay(2, ()).await;
    log("shutdown complete");
    1
}}

both! { async fn destructured_local / destructured_local_native() -> u32 {
    let _first = D("first");
    let server = Listener { listener: D("listener"), notify: D("notify"), done_tx: D("done_tx") };
    let _between = D("between");
    delay(1, ()).await;
    let Listener { mut notify, .. } = server;
    notify.0 = "notify (renamed)";
    let _after = D("after");
    delay(1, ()).await;
    log("end");
    2
}}

both! { async fn tuple_with_wildcard / tuple_with_wildcard_native(t: (D, D, D)) -> u32 {
    let (a, _, c) = t;
    delay(1, ()).await;
    drop(c);
    delay(1, ()).await;
    log(a.0);
    3
}}

#[allow(dead_code)]
struct Outer {
    inner: Inner,
    tail: D,
}

#[allow(dead_code)]
struct Inner {
    a: D,
    b: D,
}

both! { async fn nested_pattern / nested_pattern_native(o: Outer) -> u32 {
    let Outer { inner: Inner { b, .. }, .. } = o;
    delay(1, ()).await;
    drop(b);
    delay(1, ()).await;
    log("end");
    4
}}

async fn consume(d: D) -> usize {
    log(format!("consume {}", d.0));
    d.0.len()
}

both! { async fn field_awaited / field_awaited_native(server: Listener) -> usize {
    let n = consume(server.notify).await;
    delay(1, ()).await;
    log("end");
    n
}}

both! { async fn field_into_local / field_into_local_native(server: Listener) -> u32 {
    let tx = server.done_tx;
    delay(1, ()).await;
    drop(tx);
    delay(1, ()).await;
    log("end");
    5
}}

both! { async fn field_moved_on_one_path / field_moved_on_one_path_native(server: Listener, c: bool) -> u32 {
    let _k = D("k");
    if c {
        drop(server.notify);
    }
    delay(1, ()).await;
    log("end");
    6
}}

both! { async fn early_return_before_the_move / early_return_before_the_move_native(server: Listener, c: bool) -> u32 {
    delay(1, ()).await;
    if c {
        return 0;
    }
    let Listener { listener, .. } = server;
    delay(1, ()).await;
    log(listener.0);
    7
}}

#[allow(dead_code)]
struct Config {
    port: u16,
    name: D,
}

both! { async fn copy_field_read / copy_field_read_native(cfg: Config) -> u16 {
    let port = cfg.port;
    delay(1, ()).await;
    log("end");
    port
}}

#[allow(dead_code)]
struct Boxed {
    inner: Box<Inner>,
    other: D,
}

both! { async fn through_a_box / through_a_box_native(b: Boxed) -> u32 {
    let a = b.inner.a;
    delay(1, ()).await;
    log(a.0);
    8
}}

/// An actor that takes its receiver out of `self` and loops on it.
struct Actor {
    rx: std::vec::IntoIter<u32>,
    _guard: D,
}

impl Actor {
    #[stackless::coroutine]
    async fn run(self) -> u32 {
        let rx = self.rx;
        let mut total = 0;
        for v in rx {
            delay(1, ()).await;
            total += v;
        }
        log("loop done");
        total
    }

    async fn run_native(self) -> u32 {
        let rx = self.rx;
        let mut total = 0;
        for v in rx {
            delay(1, ()).await;
            total += v;
        }
        log("loop done");
        total
    }
}

fn actor() -> Actor {
    Actor {
        rx: vec![1, 2, 3].into_iter(),
        _guard: D("actor guard"),
    }
}

#[test]
fn partial_moves_drop_the_rest_where_rust_does() {
    cancels_like_native(
        || destructured_param(listener()),
        || destructured_param_native(listener()),
        4,
    );
    cancels_like_native(destructured_local, destructured_local_native, 4);
    let t = || (D("a"), D("b"), D("c"));
    cancels_like_native(
        || tuple_with_wildcard(t()),
        || tuple_with_wildcard_native(t()),
        4,
    );
    let o = || Outer {
        inner: Inner {
            a: D("a"),
            b: D("b"),
        },
        tail: D("tail"),
    };
    cancels_like_native(|| nested_pattern(o()), || nested_pattern_native(o()), 4);
    cancels_like_native(
        || field_awaited(listener()),
        || field_awaited_native(listener()),
        4,
    );
    cancels_like_native(
        || field_into_local(listener()),
        || field_into_local_native(listener()),
        4,
    );
    for c in [true, false] {
        cancels_like_native(
            || field_moved_on_one_path(listener(), c),
            || field_moved_on_one_path_native(listener(), c),
            3,
        );
        cancels_like_native(
            || early_return_before_the_move(listener(), c),
            || early_return_before_the_move_native(listener(), c),
            4,
        );
    }
    let cfg = || Config {
        port: 80,
        name: D("name"),
    };
    cancels_like_native(
        || copy_field_read(cfg()),
        || copy_field_read_native(cfg()),
        3,
    );
    let b = || Boxed {
        inner: Box::new(Inner {
            a: D("a"),
            b: D("b"),
        }),
        other: D("other"),
    };
    cancels_like_native(|| through_a_box(b()), || through_a_box_native(b()), 3);
    cancels_like_native(|| actor().run(), || actor().run_native(), 8);
}

#[test]
fn the_listener_outlives_the_shutdown_wait() {
    // The shape of a real server's shutdown: the fields taken out are dropped, and the
    // listener left in `server` is still open while the handlers finish.
    take_log();
    assert_eq!(stackless::rt::block_on(destructured_param(listener())), 1);
    assert_eq!(
        take_log(),
        [
            "drop notify",
            "drop done_tx",
            "shutdown complete",
            "drop listener"
        ]
    );
}

#[stackless::coroutine]
fn generator_parts(server: Listener) -> impl Iterator<Item = &'static str> {
    let Listener { notify, .. } = server;
    yield_!(notify.0);
    drop(notify);
    yield_!("after");
}

#[test]
fn generators_keep_the_rest_too() {
    let (items, log) = run(generator_parts(listener()));
    assert_eq!(items, ["notify", "after"]);
    assert_eq!(log, ["drop notify", "drop listener", "drop done_tx"]);
}

/// Matched against a reference, a pattern binds by reference and moves nothing: nothing to
/// keep, and it compiles as natively.
#[stackless::coroutine]
async fn destructure_a_reference(server: &Listener) -> &'static str {
    let Listener { notify, .. } = server;
    delay(1, ()).await;
    notify.0
}

#[test]
fn a_reference_is_destructured_as_natively() {
    let s = listener();
    assert_eq!(
        stackless::rt::block_on(destructure_a_reference(&s)),
        "notify"
    );
}

/// tokio: the fields left in a server stay until the function returns, across a `select!`
/// and the wait for the handlers, on a real runtime.
mod on_tokio {
    use super::*;

    #[allow(dead_code)]
    struct Server {
        listener: D,
        notify: tokio::sync::broadcast::Sender<()>,
        done_tx: tokio::sync::mpsc::Sender<()>,
    }

    both! { async fn run / run_native(server: Server, done_rx: tokio::sync::mpsc::Receiver<()>) -> usize {
        let mut done_rx = done_rx;
        tokio::select! {
            _ = tokio::task::yield_now() => log("accept loop ended"),
        }
        let Server {
            notify, done_tx, ..
        } = server;
        drop(notify);
        drop(done_tx);
        let _ = done_rx.recv().await;
        log("handlers done");
        1
    }}

    fn server() -> (Server, tokio::sync::mpsc::Receiver<()>) {
        let (notify, _) = tokio::sync::broadcast::channel(1);
        let (done_tx, done_rx) = tokio::sync::mpsc::channel(1);
        let s = Server {
            listener: D("listener"),
            notify,
            done_tx,
        };
        (s, done_rx)
    }

    #[test]
    fn graceful_shutdown_keeps_the_listener() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        take_log();
        let (s, rx) = server();
        assert_eq!(rt.block_on(run(s, rx)), 1);
        let ours = take_log();
        let (s, rx) = server();
        assert_eq!(rt.block_on(run_native(s, rx)), 1);
        assert_eq!(ours, take_log());
        assert_eq!(
            ours,
            ["accept loop ended", "handlers done", "drop listener"]
        );
    }
}

// Found by review: shapes where taking the local whole at the move would not be what Rust
// does. Each is left as it was (no rewrite), or rewritten only where that is exact.

#[allow(dead_code)]
struct Sv {
    a: String,
    v: Vec<String>,
}

/// A two-phase borrow of the receiver (`&mut x.v`) is live while the argument moves `x.a`:
/// taking `x` whole there would let `push` grow a stale copy of `v`.
#[stackless::coroutine]
async fn two_phase_receiver() -> usize {
    let mut x = Sv {
        a: "a".into(),
        v: vec![String::from("z")],
    };
    x.v.push(x.a);
    delay(1, ()).await;
    1
}

#[test]
fn a_borrow_in_the_moving_statement_keeps_the_local_in_place() {
    assert_eq!(stackless::rt::block_on(two_phase_receiver()), 1);
}

#[allow(dead_code)]
struct Pair {
    a: D,
    b: D,
}

fn pair() -> Pair {
    Pair {
        a: D("a"),
        b: D("b"),
    }
}

both! { async fn let_underscore_moves_nothing / let_underscore_moves_nothing_native() -> u32 {
    let x = pair();
    let _ = x.a;
    log("after let _");
    delay(1, ()).await;
    log("end");
    1
}}

/// A call's value, read from by a field path that is `Copy`: the local stays whole (no
/// `Deref` or path is evaluated again at its drop).
#[allow(dead_code)]
struct Counted {
    n: u32,
    d: D,
}

fn counted() -> Counted {
    Counted { n: 3, d: D("d") }
}

both! { async fn copy_read_of_a_call_value / copy_read_of_a_call_value_native() -> u32 {
    let x = counted();
    let n = x.n;
    delay(1, ()).await;
    log("end");
    n
}}

both! { async fn field_of_a_call_value_awaited / field_of_a_call_value_awaited_native() -> usize {
    let x = pair();
    let n = consume(x.b).await;
    log("after");
    delay(1, ()).await;
    n
}}

struct Unit;

impl Drop for Unit {
    fn drop(&mut self) {
        log("drop unit");
    }
}

// `U` in a pattern is a unit struct, not a binding: nothing is moved.
both! { async fn unit_struct_pattern / unit_struct_pattern_native() -> u32 {
    let x: (Unit, D) = (Unit, D("d"));
    let (Unit, ..) = x;
    log("after let");
    delay(1, ()).await;
    log("end");
    1
}}

/// A boxed receiver moved out of in part.
struct BoxedActor {
    rx: D,
    _tx: D,
}

impl BoxedActor {
    #[stackless::coroutine]
    async fn run(self: Box<Self>) -> u32 {
        let rx = self.rx;
        delay(1, ()).await;
        drop(rx);
        log("end");
        1
    }

    async fn run_native(self: Box<Self>) -> u32 {
        let rx = self.rx;
        delay(1, ()).await;
        drop(rx);
        log("end");
        1
    }
}

fn boxed_actor() -> Box<BoxedActor> {
    Box::new(BoxedActor {
        rx: D("rx"),
        _tx: D("tx"),
    })
}

#[test]
fn review_shapes_drop_like_native() {
    cancels_like_native(
        let_underscore_moves_nothing,
        let_underscore_moves_nothing_native,
        3,
    );
    cancels_like_native(
        copy_read_of_a_call_value,
        copy_read_of_a_call_value_native,
        3,
    );
    cancels_like_native(
        field_of_a_call_value_awaited,
        field_of_a_call_value_awaited_native,
        4,
    );
    cancels_like_native(unit_struct_pattern, unit_struct_pattern_native, 3);
    cancels_like_native(|| boxed_actor().run(), || boxed_actor().run_native(), 3);
}

// Found by the conformance suite (seed 7): a conditional partial move in a loop body that is
// written into several arms, its holder kept in a slot (`__set`): the copies of the rest
// closure share one type there too.
both! { async fn conditional_move_in_a_copied_loop / conditional_move_in_a_copied_loop_native(n: u32) -> u32 {
    let mut i = 0;
    loop {
        i += 1;
        if i > n {
            break;
        }
        let p = Pair { a: D("a"), b: D("b") };
        let x = if i % 2 == 0 {
            let b = p.b;
            log(b.0);
            i
        } else {
            0
        };
        if delay(1, x).await > 100 {
            return 0;
        }
    }
    i
}}

#[test]
fn conditional_moves_in_copied_loops_drop_like_native() {
    cancels_like_native(
        || conditional_move_in_a_copied_loop(3),
        || conditional_move_in_a_copied_loop_native(3),
        5,
    );
}

// Found by the conformance suite (seed 2 with unconditional jumps on): a loop that is the
// value of a `let` reads a field of the local and bumps a counter declared outside it; the
// counter's new value is made of outer locals only, so no borrow of the local escapes the
// loop, and the move after it is a partial move like any other (the rest was dropped at the
// await before, as if the local had been moved whole).
both! { async fn counter_bumped_in_a_loop_value / counter_bumped_in_a_loop_value_native(n: u32) -> u32 {
    let p = Pair { a: D("a"), b: D("b") };
    let mut c = 0;
    let first = 'l: loop {
        c += 1;
        if c > n {
            break 'l c;
        }
        log(name(&p.a));
    };
    let b = p.b;
    drop(b);
    delay(2, ()).await;
    log("end");
    first
}}

fn name(d: &D) -> &'static str {
    d.0
}

#[test]
fn a_counter_bumped_in_a_loop_before_the_move_lets_the_rest_stay() {
    for n in [0, 2] {
        cancels_like_native(
            || counter_bumped_in_a_loop_value(n),
            || counter_bumped_in_a_loop_value_native(n),
            3,
        );
    }
}

// Found by the conformance suite (seed 1 program 53 and seed 2 program 312, with
// unconditional jumps on): in a generator (which carries its locals in its variants, having
// no frame to keep them in), a local moved out of in part on one path only was dropped
// whole at the next `yield_!`, on both paths. Now the paths that do not move a part keep the
// whole local in the holder of what is left (`RestOr`), dropped in the local's place.
#[stackless::coroutine]
fn part_moved_on_one_path(c: bool, server: Listener) -> impl Iterator<Item = u32> {
    let local = listener();
    let _k = D("k");
    if c {
        let notify = local.notify;
        log(format!("took {}", notify.0));
    }
    yield_!(1);
    if !c {
        drop(server.done_tx);
    }
    yield_!(2);
    log("end");
}

#[test]
fn generators_keep_what_a_part_moved_on_one_path_leaves() {
    for c in [true, false] {
        take_log();
        let mut g = part_moved_on_one_path(c, listener());
        for k in 1..=2 {
            assert_eq!(g.next(), Some(k));
            log(format!("yield {k}"));
        }
        assert_eq!(g.next(), None);
        let want: &[&str] = if c {
            &[
                "took notify",
                "drop notify",
                "yield 1",
                "yield 2",
                "end",
                "drop k",
                "drop listener",
                "drop done_tx",
                "drop listener",
                "drop notify",
                "drop done_tx",
            ]
        } else {
            &[
                "yield 1",
                "drop done_tx",
                "yield 2",
                "end",
                "drop k",
                "drop listener",
                "drop notify",
                "drop done_tx",
                "drop listener",
                "drop notify",
            ]
        };
        assert_eq!(take_log(), want, "{c}");
        // Dropped while suspended at each point: what is left, in the same order.
        for k in 1..=2 {
            let (_, l) = cancel_after(part_moved_on_one_path(c, listener()), k);
            let server: &[&str] = if !c && k == 2 {
                &["drop listener", "drop notify"]
            } else {
                &["drop listener", "drop notify", "drop done_tx"]
            };
            let local: &[&str] = if c {
                &["drop listener", "drop done_tx"]
            } else {
                &["drop listener", "drop notify", "drop done_tx"]
            };
            let dropped: Vec<&str> = ["drop k"]
                .iter()
                .chain(local)
                .chain(server)
                .copied()
                .collect();
            assert!(
                l.ends_with(&dropped.iter().map(|s| s.to_string()).collect::<Vec<_>>()),
                "{c} {k}: {l:?}"
            );
        }
    }
}

// The same where the branch suspends: the code after each point is written again into the
// arm that resumes there, and an arm may see only the paths that keep the local whole (here
// the one resuming in the condition: its `else`), which alone do not settle the holder's
// type (E0282 in the first version): a zero-sized local carried across the points names it
// for every copy (`typed_like`).
#[stackless::coroutine]
fn part_moved_beside_a_point() -> impl stackless::Coroutine<u32, Yield = u32, Return = u32> {
    let local = listener();
    let _k = D("k");
    if yield_!(1) > 0 {
        let n = yield_!(2);
        if n > 5 {
            drop(local.done_tx);
        }
    }
    log("end");
    0
}

#[test]
fn a_part_moved_beside_a_point_keeps_the_rest() {
    use stackless::{Coroutine, CoroutineState};
    for (first, second) in [(0, 0), (1, 1), (1, 9)] {
        take_log();
        let mut g = std::pin::pin!(part_moved_beside_a_point());
        let mut r = [0, first, second].into_iter();
        while let CoroutineState::Yielded(y) = g.as_mut().resume(r.next().unwrap_or(0)) {
            log(format!("yield {y}"));
        }
        let mut want = vec!["yield 1"];
        if first > 0 {
            want.push("yield 2");
        }
        if second > 5 {
            want.extend([
                "drop done_tx",
                "end",
                "drop k",
                "drop listener",
                "drop notify",
            ]);
        } else {
            want.extend([
                "end",
                "drop k",
                "drop listener",
                "drop notify",
                "drop done_tx",
            ]);
        }
        assert_eq!(take_log(), want, "{first} {second}");
    }
}

// Found by the conformance suite (seed 4 program 3) against the version above: a `let`
// destructuring the local in one arm, followed there by a `yield_!`. The holder's value
// names the type local (`typed_like(&ty, ..)`), which the liveness took for a borrow: in a
// generator a value that may borrow another local is dropped at the next point, so what
// was left of the local was dropped at the `yield_!` instead of at the end of its scope.
fn name_of(d: &D) -> &'static str {
    d.0
}

#[stackless::coroutine]
fn part_taken_then_yielded(c: bool) -> impl Iterator<Item = &'static str> {
    let local: Listener = listener();
    if c {
        let Listener { notify, .. } = local;
        yield_!(name_of(&notify));
    } else {
        yield_!("none");
    }
    log("end");
}

#[test]
fn a_part_taken_before_a_yield_in_its_arm_keeps_the_rest() {
    for c in [true, false] {
        take_log();
        let mut g = part_taken_then_yielded(c);
        let first = g.next();
        log("resumed");
        assert_eq!(g.next(), None);
        let want: &[&str] = if c {
            assert_eq!(first, Some("notify"));
            &[
                "resumed",
                "drop notify",
                "end",
                "drop listener",
                "drop done_tx",
            ]
        } else {
            assert_eq!(first, Some("none"));
            &[
                "resumed",
                "end",
                "drop listener",
                "drop notify",
                "drop done_tx",
            ]
        };
        assert_eq!(take_log(), want, "{c}");
    }
}
