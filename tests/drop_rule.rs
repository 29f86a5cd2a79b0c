//! Rust's drop rule: a local (or parameter) that code after a suspension point never
//! mentions is still dropped at the end of its scope, as a native `async fn` or coroutine
//! drops it — on completion and at every cancellation point — and a dead `Copy` value costs
//! no bytes. (Before, such a value was dropped at the first suspension point after its last
//! use: a guard, a permit or a `Sender` went away at an `.await`.)

// The bodies are written in the shapes under test (a late `let`, a lazy `ok_or_else`).
#![allow(
    unused_assignments, // a value given back to a moved-out local only to be dropped
    clippy::toplevel_ref_arg, // `ref` parameters, as users write them
    clippy::needless_late_init,
    clippy::unnecessary_lazy_evaluations,
    clippy::vec_init_then_push,
    clippy::await_holding_lock,
    clippy::unnecessary_literal_unwrap, // a method taking `self` on a local, as users write
    clippy::match_single_binding // a by-value `match` on a local, as users write
)]

#[macro_use]
mod common;

use common::{cancel_after, cancels_like_native, delay, log, run, take_log, D};
use stackless::yield_;
use std::mem::size_of_val;

/// A type with a destructor used through a method of the user's (`&self`): its last use is
/// before the `.await`, its drop at the end of the function.
struct Guard(D);

impl Guard {
    fn touch(&self) -> u32 {
        log(format!("touch {}", (self.0).0));
        1
    }
}

both! { async fn guard_used_before / guard_used_before_native() -> u32 {
    let g = Guard(D("guard"));
    let n = g.touch();
    delay(1, ()).await;
    log("after the await");
    n
}}

both! { async fn two_dead_locals / two_dead_locals_native() -> u32 {
    let a = Guard(D("a"));
    let b = Guard(D("b"));
    a.touch();
    b.touch();
    delay(2, ()).await;
    log("between");
    delay(1, ()).await;
    log("end");
    7
}}

both! { async fn nested_scopes / nested_scopes_native() -> u32 {
    let outer = Guard(D("outer"));
    outer.touch();
    {
        let inner = Guard(D("inner"));
        inner.touch();
        delay(1, ()).await;
        log("inner scope ends");
    }
    delay(1, ()).await;
    log("outer scope ends");
    0
}}

both! { async fn parameters_last / parameters_last_native(x: Guard, _y: D) -> u32 {
    x.touch();
    let l = D("local");
    delay(1, ()).await;
    log(l.0);
    2
}}

#[stackless::coroutine]
async fn underscore_parameter(_x: D, _: D) -> u32 {
    delay(1, ()).await;
    log("end of body");
    3
}

async fn underscore_parameter_native(_x: D, _: D) -> u32 {
    delay(1, ()).await;
    log("end of body");
    3
}

both! { async fn moved_out / moved_out_native() -> u32 {
    let d = D("moved");
    drop(d);
    delay(1, ()).await;
    log("after");
    1
}}

both! { async fn reassigned / reassigned_native() -> u32 {
    let mut d = Guard(D("first"));
    d.touch();
    drop(d);
    d = Guard(D("second"));
    d.touch();
    delay(1, ()).await;
    log("after");
    1
}}

// A value a literal shows is `Copy` (`[.., 2]`, `k as u64`, `a == b`) may go when dead; one
// made by a cast that keeps its type, or by a branch that does, is kept to its scope's end.
both! { async fn casts_and_literals / casts_and_literals_native(c: bool) -> u32 {
    let a = [delay(1, 1u32).await, 2];
    let k = a[0] as u64 + 1;
    let same = D("same") as D;
    let branch = if c { D("then") as D } else { D("else") };
    let tuple = (1, D("tuple"));
    log("before");
    delay(1, ()).await;
    log(format!("after {} {} {}", k, same.0, branch.0));
    delay(1, ()).await;
    tuple.0
}}

#[test]
fn a_dead_local_is_dropped_at_the_end_of_its_scope() {
    for c in [true, false] {
        cancels_like_native(|| casts_and_literals(c), || casts_and_literals_native(c), 5);
    }
    take_log();
    common::block_on(casts_and_literals(true));
    assert_eq!(
        take_log(),
        [
            "before",
            "after 2 same then",
            "drop tuple",
            "drop then",
            "drop same"
        ]
    );
    cancels_like_native(guard_used_before, guard_used_before_native, 4);
    cancels_like_native(two_dead_locals, two_dead_locals_native, 6);
    cancels_like_native(nested_scopes, nested_scopes_native, 4);
    take_log();
    common::block_on(guard_used_before());
    assert_eq!(take_log(), ["touch guard", "after the await", "drop guard"]);
}

#[test]
fn parameters_drop_after_the_body_named_or_not() {
    cancels_like_native(
        || parameters_last(Guard(D("x")), D("y")),
        || parameters_last_native(Guard(D("x")), D("y")),
        4,
    );
    cancels_like_native(
        || underscore_parameter(D("x"), D("_")),
        || underscore_parameter_native(D("x"), D("_")),
        4,
    );
}

#[test]
fn a_moved_out_local_is_not_dropped_again_and_a_reassigned_one_is() {
    cancels_like_native(moved_out, moved_out_native, 4);
    cancels_like_native(reassigned, reassigned_native, 4);
}

/// The last `Sender` of a channel, used before an `.await` and not after, stays open until the
/// end of its scope: the receiver sees the channel close only then.
#[test]
fn a_sender_stays_open_to_the_end_of_its_scope() {
    #[stackless::coroutine]
    async fn send_then_wait(
        tx: tokio::sync::mpsc::Sender<u32>,
        probe: tokio::sync::oneshot::Receiver<()>,
    ) -> bool {
        tx.send(1).await.unwrap();
        // The receiver is checked while this waits: is the channel still open?
        probe.await.is_ok()
    }
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    rt.block_on(async {
        let (tx, mut rx) = tokio::sync::mpsc::channel(4);
        let (ptx, prx) = tokio::sync::oneshot::channel();
        let task = tokio::spawn(send_then_wait(tx, prx));
        assert_eq!(rx.recv().await, Some(1));
        tokio::task::yield_now().await;
        assert!(!rx.is_closed(), "the sender was dropped at the `.await`");
        ptx.send(()).unwrap();
        assert!(task.await.unwrap());
        assert_eq!(rx.recv().await, None);
    });
}

#[stackless::coroutine]
fn dead_buffer() -> impl Iterator<Item = u32> {
    let buf = [7u8; 4096];
    let sum: u32 = buf.iter().map(|&b| b as u32).sum();
    yield_!(sum);
    yield_!(sum + 1);
}

#[stackless::coroutine]
fn dead_string() -> impl Iterator<Item = usize> {
    let s = String::from("kept to the end");
    let n = s.len();
    yield_!(n);
    yield_!(n + 1);
}

/// A dead `Copy` value costs nothing; a dead value with drop glue is kept (and no more).
#[test]
fn a_dead_copy_value_costs_nothing() {
    assert!(
        size_of_val(&dead_buffer()) <= 16,
        "{}",
        size_of_val(&dead_buffer())
    );
    assert_eq!(dead_buffer().collect::<Vec<_>>(), [28672, 28673]);
    assert!(
        size_of_val(&dead_string()) <= std::mem::size_of::<String>() + 16,
        "{}",
        size_of_val(&dead_string())
    );
    let (v, _) = run(dead_string());
    assert_eq!(v, [15, 16]);
}

#[stackless::coroutine]
fn generic_dead<T: Clone>(t: T) -> impl Iterator<Item = T> {
    let u = t.clone();
    yield_!(u);
}

/// In generic code the choice is made per instantiation: `T = u64` is `Copy`, `String` not.
#[test]
fn generic_code_keeps_only_what_may_need_dropping() {
    assert_eq!(generic_dead(5u64).collect::<Vec<_>>(), [5]);
    assert_eq!(generic_dead(String::from("s")).collect::<Vec<_>>(), ["s"]);
}

both! { async fn overwritten / overwritten_native() -> u32 {
    let mut d = D("first");
    let n = d.0.len() as u32;
    delay(1, ()).await;
    d = D("second");
    log("assigned");
    delay(1, ()).await;
    log(d.0);
    n
}}

both! { async fn reconnect / reconnect_native(n: u32) -> u32 {
    let mut conn = D("conn0");
    let mut i = 0;
    while i < n {
        conn = delay(1, D(["conn1", "conn2", "conn3"][i as usize])).await;
        log("reconnected");
        i += 1;
    }
    log(conn.0);
    i
}}

#[stackless::coroutine]
fn overwritten_int() -> impl Iterator<Item = u64> {
    let mut x = 5u64;
    yield_!(x);
    x = 7;
    yield_!(x);
}

/// A local assigned over after a suspension point keeps its old value to the assignment,
/// which drops it (it was dropped at the point before): the old connection is closed when
/// the new one is in place. An overwritten `Copy` local still costs nothing.
#[test]
fn an_assignment_drops_the_old_value_where_rust_does() {
    cancels_like_native(overwritten, overwritten_native, 4);
    cancels_like_native(|| reconnect(3), || reconnect_native(3), 6);
    assert_eq!(overwritten_int().collect::<Vec<_>>(), [5, 7]);
    assert!(
        size_of_val(&overwritten_int()) <= 16,
        "{}",
        size_of_val(&overwritten_int())
    );
}

// Found while checking the rule above against rustc: with another suspension point before
// the assignment (`a.await; b.await; d = ..;`), the old value was dropped at the first one.
// It is carried to the assignment now, in a loop too. (Where only some paths suspend again
// before the assignment, it is still dropped at the first point: see the crate docs.)
both! { async fn overwritten_later / overwritten_later_native(rounds: u32) -> u32 {
    let mut d = D("first");
    let mut total = 0;
    delay(1, ()).await;
    log("waited");
    delay(1, ()).await;
    d = D("second");
    log("assigned");
    let mut cur = D("round0");
    for i in 0..rounds {
        delay(1, ()).await;
        log("waited");
        let n = delay(1, i).await;
        cur = D(["round1", "round2", "round3"][n as usize]);
        total += n;
    }
    log(cur.0);
    log(d.0);
    total
}}

both! { async fn overwritten_after_two / overwritten_after_two_native(n: u32) -> u32 {
    let mut d = D("first");
    delay(1, ()).await;
    log("waited");
    delay(1, ()).await;
    d = D("second");
    delay(1, n).await + name_len(&d)
}}

fn name_len(d: &D) -> u32 {
    d.0.len() as u32
}

#[stackless::coroutine]
fn overwritten_later_gen() -> impl Iterator<Item = u32> {
    let mut d = D("first");
    yield_!(1);
    yield_!(2);
    d = D("second");
    log("assigned");
    yield_!(3);
    log(d.0);
}

// Found by the conformance suite with plain overwrites on, against the change above: a
// `Copy` value whose `let` is no literal (`let mut n = first(k);`), assigned after two
// points, was E0277 (carried untyped, `NoDrop`, to the point that puts it back for the
// assignment, which needs its type). It is carried typed from the first point on.
both! { async fn counter_after_two / counter_after_two_native(k: u32) -> u32 {
    let mut n = k + 1;
    let mut last = None;
    delay(1, ()).await;
    delay(1, ()).await;
    n = 5;
    last = Some(D("last"));
    delay(1, ()).await;
    n + u32::from(last.is_some())
}}

#[stackless::coroutine]
fn counter_after_two_gen(k: u32) -> impl Iterator<Item = u32> {
    let mut n = k + 1;
    yield_!(1);
    yield_!(2);
    n = 5;
    yield_!(n);
}

// Found by review: a value that may hold a borrow (`vec![&a]`), assigned over after two
// points, was carried to the assignment and so past a move of what it borrowed (E0505;
// rustc's own drop of a `Vec<&D>` may dangle); it is dropped at the first point again. And
// a dead raw pointer is not kept: the machine stays `Send`, as natively.
both! { async fn borrowing_value_overwritten / borrowing_value_overwritten_native() -> usize {
    let a = D("a");
    let b = D("b");
    let mut v = vec![&a];
    log(v[0].0);
    delay(1, ()).await;
    drop(a);
    delay(1, ()).await;
    v = vec![&b];
    v.len()
}}

fn null() -> *const u8 {
    std::ptr::null()
}

#[stackless::coroutine]
async fn raw_pointer_overwritten() -> bool {
    let mut p = null();
    log(format!("{}", p.is_null()));
    delay(1, ()).await;
    delay(1, ()).await;
    p = null();
    p.is_null()
}

#[test]
fn a_borrowing_or_not_send_value_overwritten_later_compiles_as_natively() {
    fn is_send<T: Send>(_: &T) {}
    cancels_like_native(
        borrowing_value_overwritten,
        borrowing_value_overwritten_native,
        5,
    );
    is_send(&raw_pointer_overwritten());
    assert!(common::block_on(raw_pointer_overwritten()));
}

#[test]
fn a_copy_value_assigned_after_two_points_compiles() {
    cancels_like_native(|| counter_after_two(1), || counter_after_two_native(1), 6);
    assert_eq!(counter_after_two_gen(1).collect::<Vec<_>>(), [1, 2, 5]);
}

#[test]
fn an_assignment_after_another_point_drops_the_old_value_there() {
    cancels_like_native(
        || overwritten_after_two(1),
        || overwritten_after_two_native(1),
        6,
    );
    cancels_like_native(|| overwritten_later(3), || overwritten_later_native(3), 12);
    take_log();
    let mut g = overwritten_later_gen();
    for k in 1..=3 {
        assert_eq!(g.next(), Some(k));
        log(format!("got {k}"));
    }
    assert_eq!(g.next(), None);
    assert_eq!(
        take_log(),
        [
            "got 1",
            "got 2",
            "drop first",
            "assigned",
            "got 3",
            "second",
            "drop second"
        ]
    );
    let (v, l) = cancel_after(overwritten_later_gen(), 2);
    assert_eq!(v, [1, 2]);
    assert_eq!(l, ["drop first"]);
}

both! { async fn field_read / field_read_native() -> u32 {
    let d = D("read");
    log(d.0); // `d.0` by value: a copy here, a partial move of another type
    delay(1, ()).await;
    log("after");
    1
}}

both! { async fn conditional_move / conditional_move_native(c: bool) -> u32 {
    let d = D("maybe moved");
    if c {
        drop(d);
    }
    delay(1, ()).await;
    log("after");
    1
}}

/// A local moved out on some paths only lives in a slot with a drop flag (an `async fn` is
/// `!Unpin` anyway): dropped at the end of its scope where it was not moved, not at all
/// where it was.
#[test]
fn a_conditionally_moved_local_is_dropped_where_rust_drops_it() {
    cancels_like_native(
        || conditional_move(false),
        || conditional_move_native(false),
        4,
    );
    cancels_like_native(
        || conditional_move(true),
        || conditional_move_native(true),
        4,
    );
}

#[stackless::coroutine]
fn conditional_move_gen(c: bool) -> impl Iterator<Item = u32> {
    let d = D("maybe moved");
    if c {
        drop(d);
    }
    yield_!(1);
    log("after");
}

/// A local whose field is read by value (`d.0`, a copy of a `Copy` field) stays whole to
/// the end of its scope (`partial.rs`: the part read was a copy, so nothing moved).
#[test]
fn a_field_read_by_value_keeps_the_local() {
    cancels_like_native(field_read, field_read_native, 4);
}

/// A local moved out on some paths only is dropped at the end of its scope on the others, in
/// a generator too (which stays `Unpin`): the paths that do not move it move it into a
/// holder declared right after it (`maybe_moved.rs`). Was conformance bug 7.
#[test]
fn conditional_moves_in_generators() {
    let (_, gen_log) = run(conditional_move_gen(false));
    assert_eq!(gen_log, ["after", "drop maybe moved"]);
    let (_, gen_log) = run(conditional_move_gen(true));
    assert_eq!(gen_log, ["drop maybe moved", "after"]);
    let (_, gen_log) = cancel_after(conditional_move_gen(false), 1);
    assert_eq!(gen_log, ["drop maybe moved"]);
}

fn count(n: u32) {
    log(format!("count {n}"));
}

fn consume(d: D) {
    log(format!("consumed {}", d.0));
}

both! { async fn moved_on_some_paths / moved_on_some_paths_native(k: u32) -> u32 {
    let first = D("first");
    let tx = D("sender");
    let n = 7u32;
    let last = D("last");
    // A move by a call, a method known to take `self`, nested branches, `else if`, a
    // `match` whose arms are not blocks, a `Copy` value, a borrow before the move.
    if k == 0 {
        consume(tx);
    } else if k == 1 {
        log(format!("still {}", tx.0));
    } else {
        match k {
            2 => drop(tx),
            _ => log("kept"),
        }
    }
    if k > 5 {
        consume(first);
        count(n);
    }
    let opt = k.checked_sub(1).map(|_| D("option"));
    if k == 3 {
        log(opt.unwrap().0);
    }
    delay(1, ()).await;
    log("after");
    delay(1, ()).await;
    drop(last);
    n
}}

/// The same in an async machine, with moves the macro sees of several kinds: at every
/// cancellation point, on each path, the drop log is the native one.
#[test]
fn conditional_moves_by_any_visible_use() {
    for k in 0..7 {
        cancels_like_native(
            || moved_on_some_paths(k),
            || moved_on_some_paths_native(k),
            4,
        );
    }
}

both! { async fn declared_then_assigned / declared_then_assigned_native() -> u32 {
    let g: D;
    delay(1, ()).await;
    g = D("assigned");
    delay(1, ()).await;
    log(g.0);
    0
}}

both! { async fn maybe_assigned / maybe_assigned_native(c: bool) -> u32 {
    let _k = D("k");
    let g;
    if c {
        g = D("g");
        log(g.0);
    }
    let _m = D("m");
    delay(1, ()).await;
    0
}}

/// `let g;` has nothing to drop until it is assigned: not carried before (E0381 when it was).
#[test]
fn a_local_declared_without_a_value() {
    cancels_like_native(declared_then_assigned, declared_then_assigned_native, 4);
    cancels_like_native(|| maybe_assigned(false), || maybe_assigned_native(false), 4);
}

both! { async fn std_methods_taking_self / std_methods_taking_self_native() -> u32 {
    let o = Some(D("o"));
    let b = o.is_some_and(|d| d.0 == "o");
    let a = Some(D("a"));
    let c = a.xor(None);
    let v = [1u32, 2];
    let it = v.iter();
    let w: Vec<u32> = it.cloned().collect();
    let r: Option<D> = Some(D("r"));
    let x = r.ok_or_else(|| 0).map(|d| d.0.len() as u32).unwrap_or(0);
    delay(1, ()).await;
    b as u32 + c.is_some() as u32 + w[1] + x
}}

/// Standard methods that take `self` (`is_some_and`, `xor`, `cloned`, `ok_or_else`) move
/// their receiver: it is not carried (E0382 when it was).
#[test]
fn receivers_moved_by_std_methods_are_not_carried() {
    cancels_like_native(std_methods_taking_self, std_methods_taking_self_native, 3);
}

#[stackless::coroutine]
async fn join_set_alive(flag: std::sync::Arc<std::sync::atomic::AtomicBool>) -> u32 {
    let mut set = tokio::task::JoinSet::new();
    set.spawn(async move {
        tokio::task::yield_now().await;
        flag.store(true, std::sync::atomic::Ordering::SeqCst);
    });
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    0
}

/// `JoinSet::spawn` takes `&mut self`: the set lives to the end of the function, so its task
/// runs (dropped at the `.await`, the set aborted it).
#[test]
fn a_join_set_is_not_dropped_at_the_await() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap();
    let flag = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    rt.block_on(join_set_alive(flag.clone()));
    assert!(flag.load(std::sync::atomic::Ordering::SeqCst));
}

#[stackless::coroutine]
fn trimmed(line: String) -> impl Iterator<Item = usize> {
    let t = line.trim();
    let n = t.len();
    yield_!(n);
    yield_!(line.len());
}

fn unpin<T: Unpin>(t: T) -> T {
    t
}

/// A generator stays `Unpin` and unboxed: a dead value that may borrow another local
/// (`t` borrows `line`) is dropped at the point there, as before, rather than pinning `line`.
#[test]
fn a_dead_borrow_keeps_a_generator_unpin() {
    let g = unpin(trimmed(String::from(" ab ")));
    assert!(size_of_val(&g) <= 32, "{}", size_of_val(&g));
    assert_eq!(g.collect::<Vec<_>>(), [2, 4]);
}

#[stackless::coroutine]
async fn pattern_parameters((a, b): (Guard, Guard), Guard(inner): Guard, _: Guard) -> u32 {
    b.touch();
    a.touch();
    delay(1, ()).await;
    log(format!("inner {}", inner.0));
    1
}

async fn pattern_parameters_native((a, b): (Guard, Guard), Guard(inner): Guard, _: Guard) -> u32 {
    b.touch();
    a.touch();
    delay(1, ()).await;
    log(format!("inner {}", inner.0));
    1
}

/// Pattern parameters and a `_` parameter drop where rustc drops them.
#[test]
fn pattern_parameters_drop_like_native() {
    let args = || {
        (
            (Guard(D("a")), Guard(D("b"))),
            Guard(D("inner")),
            Guard(D("last")),
        )
    };
    cancels_like_native(
        || {
            let (p, q, r) = args();
            pattern_parameters(p, q, r)
        },
        || {
            let (p, q, r) = args();
            pattern_parameters_native(p, q, r)
        },
        4,
    );
}

#[stackless::coroutine]
fn collected_borrows() -> impl Iterator<Item = u32> {
    let d = D("d");
    let s = String::from("a,b");
    let mut v: Vec<&D> = Vec::new();
    v.push(&d);
    let mut parts = Vec::new();
    for w in s.split(',') {
        parts.push(w);
    }
    yield_!(parts.len() as u32);
    log("after");
}

both! { async fn collected_borrows_async / collected_borrows_async_native() -> u32 {
    let d = D("d");
    let mut v: Vec<&D> = Vec::new();
    v.push(&d);
    delay(1, ()).await;
    log("after");
    0
}}

/// A collection filled after its `let` with borrows of other locals (`v.push(&d)`, the
/// pieces of a split string) compiles: dead, it is dropped at the point (its borrows are not
/// read here; carried, it was E0505).
#[test]
fn collections_of_borrows_compile() {
    let (v, log) = run(collected_borrows());
    assert_eq!(v, [2]);
    assert_eq!(log, ["after", "drop d"]);
    cancels_like_native(collected_borrows_async, collected_borrows_async_native, 3);
}

struct Gate(D);

impl Gate {
    fn consume(self) {
        log(format!("consumed {}", (self.0).0));
    }
}

both! { async fn guard_maybe_released / guard_maybe_released_native(k: u8) -> u32 {
    let m = std::sync::Mutex::new(D("m"));
    let g = m.lock().unwrap();
    if k == 0 {
        drop(g);
    }
    delay(1, ()).await;
    log("after");
    0
}}

both! { async fn either_moved / either_moved_native(k: u8) -> u32 {
    let x = Gate(D("x"));
    if k == 0 {
        drop(x)
    } else if k == 1 {
        // (`x.consume()` is E0507 here: the macro takes an unknown method for a borrow.)
        Gate::consume(x);
    }
    delay(1, ()).await;
    log("after");
    0
}}

both! { async fn unused_future / unused_future_native() -> u32 {
    let _fut = async { delay(1, ()).await; 5u32 };
    delay(1, ()).await;
    0
}}

both! { async fn assigned_later / assigned_later_native() -> u32 {
    let mut x = None;
    log(format!("before {}", x.is_none()));
    x = Some(delay(1, D("a")).await);
    log("between");
    delay(1, ()).await;
    x.map(|d| d.0.len() as u32).unwrap_or(0)
}}

both! { async fn maybe_initialised / maybe_initialised_native(c: bool) -> u32 {
    let mut x;
    if c {
        x = D("maybe");
        log(x.0.to_string());
    }
    delay(1, ()).await;
    x = delay(1, D("new")).await;
    log(x.0.to_string());
    0
}}

/// Shapes the second review found: a guard released on one path (its mutex stays in place
/// with it), a local given up by `drop` on one path and passed by value on another, a future
/// never awaited, a local whose type the assignment after the point settles, and one given a
/// value on some paths only.
#[test]
fn conditional_moves_and_late_values() {
    for k in 0..3 {
        cancels_like_native(
            || guard_maybe_released(k),
            || guard_maybe_released_native(k),
            3,
        );
    }
    for k in 0..3 {
        cancels_like_native(|| either_moved(k), || either_moved_native(k), 3);
    }
    cancels_like_native(unused_future, unused_future_native, 3);
    cancels_like_native(assigned_later, assigned_later_native, 4);
    for c in [false, true] {
        cancels_like_native(|| maybe_initialised(c), || maybe_initialised_native(c), 5);
    }
}

// `let y;` given its value only after a suspension point (or on some paths of a branch after
// one): rustc keeps no value across the point, and neither may the machine (it once carried
// the unassigned binding: E0381, or E0282 for the arm that never assigns it).
mod deferred_init {
    use stackless::yield_;

    #[stackless::coroutine]
    async fn after_await() -> u32 {
        let y;
        async {}.await;
        y = async { 3 }.await;
        y
    }

    #[stackless::coroutine]
    async fn in_branches(c: bool) -> u32 {
        let y;
        if c {
            y = async { 3 }.await
        } else {
            y = 1
        }
        async {}.await;
        y
    }

    #[stackless::coroutine]
    fn generator(c: bool) -> impl Iterator<Item = u32> {
        let y;
        yield_!(1);
        if c {
            y = 3
        } else {
            y = 4
        }
        yield_!(y);
    }

    /// Found by the conformance suite (seed 7): the same in a loop whose body the
    /// expansion writes into several arms, with a point in the condition.
    #[stackless::coroutine]
    fn in_a_loop() -> impl stackless::Coroutine<i64, Yield = i64, Return = ()> {
        let mut c = 0;
        loop {
            c += 1;
            if c > 2 {
                break;
            }
            let x;
            if yield_!(-1) > 0 {
                x = 5;
            } else {
                x = 3;
            }
            for _ in 0..2 {
                yield_!(x);
            }
        }
    }

    #[test]
    fn assigned_after_a_point_in_a_loop() {
        use stackless::{Coroutine, CoroutineState};
        let mut g = std::pin::pin!(in_a_loop());
        let mut out = Vec::new();
        while let CoroutineState::Yielded(y) = g.as_mut().resume(1) {
            out.push(y);
        }
        assert_eq!(out, [-1, 5, 5, -1, 5, 5]);
    }

    use super::common::{log, take_log, D};

    // A `let x;` given its value on every path of a branch is a local like any other after
    // it: a generator dropped it at the next `yield_!` once dead (a documented difference,
    // found again by the conformance suite); kept to the end of its scope now. Arms that
    // `return`, a `match`, and an `if` whose condition suspends.
    #[stackless::coroutine]
    fn given_on_every_path(c: u8) -> impl stackless::Coroutine<u8, Yield = u8, Return = ()> {
        let x;
        if c == 1 {
            x = D("x1");
        } else {
            x = D("x2");
        }
        yield_!(1);
        let y;
        match c {
            0 => y = D("y0"),
            1 => {
                log("one");
                y = D("y1");
            }
            _ => return,
        }
        yield_!(2);
        let z;
        if yield_!(3) == 0 {
            z = D("z0");
        } else {
            z = D("z1");
        }
        yield_!(4);
        log("end");
    }

    // Against the change above: an arm that assigns the local and then moves it
    // (`x = D("a"); drop(x);`) counted as giving it a value, so the point after the branch
    // carried a moved-out local: E0382 in the expansion. What a statement may still move it
    // does not give a value.
    #[stackless::coroutine]
    fn assigned_then_moved(c: bool) -> impl Iterator<Item = u8> {
        let x;
        if c {
            x = D("a");
            drop(x);
        } else {
            x = D("b");
        }
        yield_!(1);
        log("after");
    }

    #[test]
    fn an_arm_that_moves_what_it_assigned_does_not_give_a_value() {
        for c in [true, false] {
            take_log();
            assert_eq!(assigned_then_moved(c).collect::<Vec<_>>(), [1]);
            let mut l = take_log();
            l.sort();
            let want = if c {
                ["after", "drop a"]
            } else {
                ["after", "drop b"]
            };
            assert_eq!(l, want, "{c}");
        }
    }

    #[test]
    fn given_on_every_path_of_a_branch_it_lives_to_its_scopes_end() {
        use stackless::{Coroutine, CoroutineState};
        for c in [0, 1, 2] {
            take_log();
            let mut g = std::pin::pin!(given_on_every_path(c));
            while let CoroutineState::Yielded(y) = g.as_mut().resume(c) {
                log(format!("yield {y}"));
            }
            let want: &[&str] = match c {
                0 => &[
                    "yield 1", "yield 2", "yield 3", "yield 4", "end", "drop z0", "drop y0",
                    "drop x2",
                ],
                1 => &[
                    "yield 1", "one", "yield 2", "yield 3", "yield 4", "end", "drop z1", "drop y1",
                    "drop x1",
                ],
                _ => &["yield 1", "drop x2"],
            };
            assert_eq!(take_log(), want);
        }
        // Dropped while suspended at the last point: all three, in reverse order.
        take_log();
        let mut g = Box::pin(given_on_every_path(0));
        for _ in 0..4 {
            let _ = g.as_mut().resume(0);
        }
        drop(g);
        assert_eq!(take_log(), ["drop z0", "drop y0", "drop x2"]);
    }

    #[test]
    fn assigned_after_the_point() {
        assert_eq!(stackless::rt::block_on(after_await()), 3);
        assert_eq!(stackless::rt::block_on(in_branches(true)), 3);
        assert_eq!(stackless::rt::block_on(in_branches(false)), 1);
        assert_eq!(generator(true).collect::<Vec<_>>(), [1, 3]);
        assert_eq!(generator(false).collect::<Vec<_>>(), [1, 4]);
    }
}

fn show(d: &D) {
    log(format!("show {}", d.0));
}

fn die() -> ! {
    panic!("never called")
}

struct Owner(#[allow(dead_code)] D);

impl Owner {
    /// Methods with `self` by value, conditionally moved: left as they are (not rewritten).
    #[stackless::coroutine]
    async fn finish(self, c: bool) -> u32 {
        if c {
            drop(self);
        }
        delay(1, ()).await;
        log("after");
        0
    }
}

// Found by review: each compiles natively, and did not with the first version of the holder
// (E0382, E0505, E0277, E0597, unreachable code, a parameter's neighbour's flags).
both! { async fn holders_compile_as_native / holders_compile_as_native_native (c: bool) -> u32 {
    // `vec![x]` and `dbg!`-like arguments move.
    let a = D("a");
    #[allow(clippy::useless_vec)] // `vec![a]` moves `a`: the point
    if c { consume(a); } else { let _v = vec![a]; }
    // A borrow of `b` through the scrutinee, used in the arm after the last mention.
    let b = k_option(c);
    match &b { Some(v) => show(v), None => consume_opt(b) }
    // A borrow through another name, used in the arm.
    let e = D("e");
    let r = &e;
    if c { consume(e) } else { show(r) }
    // A call that never returns, on the path that keeps it (unreachable code after it).
    let f = D("f");
    if c { consume(f); } else if !c { log("kept f"); } else { die(); }
    // A format capture after the branch is a mention.
    let mut w = vec![1u8];
    let m = &mut w;
    if c { m.push(2); }
    delay(1, ()).await;
    log(format!("{m:?}"));
    // A type only a later use settles.
    let n = None;
    if c { consume_opt(n); }
    delay(1, ()).await;
    log("end");
    0
}}

fn k_option(c: bool) -> Option<D> {
    c.then(|| D("option"))
}

fn consume_opt(o: Option<D>) {
    log(format!("consumed option {}", o.is_some()));
}

#[stackless::coroutine]
async fn params_after_a_holder(x: D, d: D, n: u8, c: bool) -> u8 {
    if c {
        consume(x)
    }
    delay(1, ()).await;
    log("end");
    let _ = &d;
    n
}

async fn params_after_a_holder_native(x: D, d: D, n: u8, c: bool) -> u8 {
    if c {
        consume(x)
    }
    delay(1, ()).await;
    log("end");
    let _ = &d;
    n
}

#[stackless::coroutine]
async fn shared_param_after_a_holder(x: D, v: Vec<u8>, r: &u8, c: bool) -> usize {
    if c {
        consume(x)
    }
    let it = v.iter();
    delay(1, ()).await;
    it.count() + *r as usize
}

#[test]
fn holders_keep_what_compiled() {
    for c in [false, true] {
        cancels_like_native(
            || holders_compile_as_native(c),
            || holders_compile_as_native_native(c),
            3,
        );
        // (The parameters' statements are found by their binding, not their position: the
        // holder's declaration after `x` shifted `d` onto `n`'s "no drop glue" flag.)
        cancels_like_native(
            || params_after_a_holder(D("x"), D("d"), 1, c),
            || params_after_a_holder_native(D("x"), D("d"), 1, c),
            3,
        );
        assert_eq!(
            common::block_on(shared_param_after_a_holder(D("x"), vec![1], &2, c)),
            3
        );
        take_log();
        assert_eq!(common::block_on(Owner(D("owner")).finish(c)), 0);
    }
}

fn take_debug(x: impl std::fmt::Debug) {
    log(format!("consumed {x:?}"));
}

#[stackless::coroutine]
async fn opaque_param_moved_on_some_paths(x: impl std::fmt::Debug, c: bool) -> u32 {
    let w = D("w");
    if c {
        take_debug(x);
    }
    delay(1, ()).await;
    drop(w);
    delay(1, ()).await;
    0
}

async fn opaque_param_moved_on_some_paths_native(x: impl std::fmt::Debug, c: bool) -> u32 {
    let w = D("w");
    if c {
        take_debug(x);
    }
    delay(1, ()).await;
    drop(w);
    delay(1, ()).await;
    0
}

/// An `impl Trait` parameter moved out on some paths only is dropped at the end of the body
/// on the others, after the body's locals, as natively.
#[test]
fn opaque_parameters_moved_on_some_paths() {
    for c in [false, true] {
        cancels_like_native(
            || opaque_param_moved_on_some_paths(D("x"), c),
            || opaque_param_moved_on_some_paths_native(D("x"), c),
            4,
        );
    }
}

/// A generator whose holder sits between parameters, one borrowed across a yield (kept
/// resident): the parameters after the holder keep their own flags (`resident.rs` found them
/// by position, and took `b` for the `Copy` `c`: E0507).
#[stackless::coroutine]
fn holder_between_parameters(a: D, x: D, b: D, c: bool) -> impl Iterator<Item = u32> {
    let rb = &b;
    yield_!(1);
    if c {
        consume(x);
    }
    yield_!(2);
    log(format!("rb {} {}", rb.0, a.0));
}

#[test]
fn parameters_after_a_holder_in_a_generator() {
    let (_, l) = run(holder_between_parameters(D("a"), D("x"), D("b"), false));
    assert_eq!(l, ["rb b a", "drop b", "drop x", "drop a"]);
    let (_, l) = run(holder_between_parameters(D("a"), D("x"), D("b"), true));
    assert_eq!(l, ["consumed x", "drop x", "rb b a", "drop b", "drop a"]);
}

// A parameter bound by reference (`ref v: T`, `ref mut v: T`, `(ref a, _): (T, U)`) borrows
// the argument where the body keeps it: moved into the body first, as rustc's `async fn`
// moves every argument, and dropped at the end of the body after the parameters declared
// later. (Before, the argument was dropped at the first point after the last use of the
// reference, and a `ref` parameter used after a point was E0716/E0505.)

#[stackless::coroutine]
async fn ref_mut_parameter(ref mut w: Guard, later: D) -> u32 {
    w.touch();
    delay(1, ()).await;
    log("end");
    let _ = &later;
    1
}

async fn ref_mut_parameter_native(ref mut w: Guard, later: D) -> u32 {
    w.touch();
    delay(1, ()).await;
    log("end");
    let _ = &later;
    1
}

#[stackless::coroutine]
async fn ref_parameter_used_after(ref m: Vec<D>, later: D) -> u32 {
    delay(1, ()).await;
    log(format!("m {}", m.len()));
    let _ = &later;
    m.len() as u32
}

async fn ref_parameter_used_after_native(ref m: Vec<D>, later: D) -> u32 {
    delay(1, ()).await;
    log(format!("m {}", m.len()));
    let _ = &later;
    m.len() as u32
}

#[stackless::coroutine]
async fn ref_in_pattern_parameter((ref a, _): (Guard, D), b: D) -> u32 {
    delay(1, ()).await;
    a.touch();
    let _ = &b;
    2
}

async fn ref_in_pattern_parameter_native((ref a, _): (Guard, D), b: D) -> u32 {
    delay(1, ()).await;
    a.touch();
    let _ = &b;
    2
}

#[test]
fn parameters_bound_by_reference_drop_like_native() {
    cancels_like_native(
        || ref_mut_parameter(Guard(D("w")), D("later")),
        || ref_mut_parameter_native(Guard(D("w")), D("later")),
        4,
    );
    cancels_like_native(
        || ref_parameter_used_after(vec![D("m")], D("later")),
        || ref_parameter_used_after_native(vec![D("m")], D("later")),
        4,
    );
    cancels_like_native(
        || ref_in_pattern_parameter((Guard(D("a")), D("_")), D("b")),
        || ref_in_pattern_parameter_native((Guard(D("a")), D("_")), D("b")),
        4,
    );
}

both! { async fn ref_pattern_local / ref_pattern_local_native(t: (Guard, D)) -> u32 {
    let tup = t;
    let (ref a, _) = tup;
    delay(1, ()).await;
    a.touch()
}}

/// `let (ref a, _) = tup;` borrows `tup` across the point (was E0505/E0597).
#[test]
fn a_pattern_binding_by_reference_borrows_its_local() {
    cancels_like_native(
        || ref_pattern_local((Guard(D("a")), D("_"))),
        || ref_pattern_local_native((Guard(D("a")), D("_"))),
        4,
    );
}

// A local moved out and given a value again in the same arm holds a value after the branch
// on every path: dropped at the end of its scope, not at the next point.

both! { async fn moved_and_reassigned / moved_and_reassigned_native(x: D, c: bool) -> u32 {
    let mut x = x;
    if c {
        consume(x);
        x = D("again");
    }
    delay(1, ()).await;
    log("end");
    let _ = &x;
    1
}}

both! { async fn moved_and_reassigned_unused / moved_and_reassigned_unused_native(x: D, c: bool) -> u32 {
    let mut x = x;
    if c {
        consume(x);
        x = D("again");
    }
    delay(1, ()).await;
    log("end");
    1
}}

both! { async fn reassigned_in_arms / reassigned_in_arms_native(x: D, k: u8) -> u32 {
    let mut x = x;
    match k {
        0 => {
            consume(x);
            x = D("zero");
        }
        1 => {
            consume(x);
            x = D("one");
            delay(1, ()).await;
        }
        _ => log("other"),
    }
    delay(1, ()).await;
    log("end");
    1
}}

both! { async fn reassigned_in_a_loop / reassigned_in_a_loop_native(x: D, n: u8) -> u32 {
    let mut x = x;
    let mut i = 0;
    while i < n {
        if i == 1 {
            consume(x);
            x = D("loop");
        }
        delay(1, ()).await;
        i += 1;
    }
    log("end");
    1
}}

#[stackless::coroutine]
async fn mut_parameter_reassigned(mut x: D, c: bool) -> u32 {
    if c {
        consume(x);
        x = D("again");
    }
    delay(1, ()).await;
    log("end");
    1
}

async fn mut_parameter_reassigned_native(mut x: D, c: bool) -> u32 {
    if c {
        consume(x);
        x = D("again");
    }
    delay(1, ()).await;
    log("end");
    1
}

#[test]
fn a_local_moved_and_reassigned_in_an_arm_is_kept() {
    for c in [false, true] {
        cancels_like_native(
            || moved_and_reassigned(D("x"), c),
            || moved_and_reassigned_native(D("x"), c),
            4,
        );
        cancels_like_native(
            || moved_and_reassigned_unused(D("x"), c),
            || moved_and_reassigned_unused_native(D("x"), c),
            4,
        );
        cancels_like_native(
            || mut_parameter_reassigned(D("x"), c),
            || mut_parameter_reassigned_native(D("x"), c),
            4,
        );
    }
    for k in 0..3 {
        cancels_like_native(
            || reassigned_in_arms(D("x"), k),
            || reassigned_in_arms_native(D("x"), k),
            5,
        );
    }
    for n in 0..4 {
        cancels_like_native(
            || reassigned_in_a_loop(D("x"), n),
            || reassigned_in_a_loop_native(D("x"), n),
            6,
        );
    }
}

#[stackless::coroutine]
fn reassigned_gen(mut x: D, c: bool) -> impl Iterator<Item = u32> {
    if c {
        consume(x);
        x = D("again");
    }
    yield_!(1);
    log("end");
}

#[stackless::coroutine]
fn ref_mut_parameter_gen(ref mut w: D, later: D) -> impl Iterator<Item = u32> {
    log(format!("w {}", w.0));
    yield_!(1);
    log("end");
    let _ = &later;
}

#[test]
fn generators_keep_reassigned_and_by_reference_parameters() {
    let (_, l) = run(reassigned_gen(D("x"), false));
    assert_eq!(l, ["end", "drop x"]);
    let (_, l) = run(reassigned_gen(D("x"), true));
    assert_eq!(l, ["consumed x", "drop x", "end", "drop again"]);
    let (_, l) = cancel_after(reassigned_gen(D("x"), true), 1);
    assert_eq!(l, ["consumed x", "drop x", "drop again"]);
    let (_, l) = run(ref_mut_parameter_gen(D("w"), D("later")));
    assert_eq!(l, ["w w", "end", "drop later", "drop w"]);
    let (_, l) = cancel_after(ref_mut_parameter_gen(D("w"), D("later")), 1);
    assert_eq!(l, ["w w", "drop later", "drop w"]);
}

// A `move` closure that owns what it took (a `Vec<D>`, a `Sender`) drops it at the end of its
// scope, as natively, after its last call too (it was dropped at the next point: a channel
// closed early). Calling it (`count()`) borrows it; one whose body moves what it took
// (`FnOnce`) is moved by its call.

both! { async fn closure_owning_values / closure_owning_values_native(items: Vec<D>) -> usize {
    let keep = D("keep");
    let count = move || items.len();
    delay(1, ()).await;
    let n = count();
    drop(keep);
    delay(1, ()).await;
    n
}}

both! { async fn closure_called_once / closure_called_once_native(items: Vec<D>) -> usize {
    let take = move || items;
    delay(1, ()).await;
    let v = take();
    delay(1, ()).await;
    v.len()
}}

#[test]
fn closures_that_own_values_drop_them_at_scope_end() {
    cancels_like_native(
        || closure_owning_values(vec![D("i1"), D("i2")]),
        || closure_owning_values_native(vec![D("i1"), D("i2")]),
        4,
    );
    cancels_like_native(
        || closure_called_once(vec![D("i1")]),
        || closure_called_once_native(vec![D("i1")]),
        4,
    );
}

// A field read by value (`vec![a.0]`) of a local used whole later was taken for a move of a
// part, so the local was dropped at the next point (corpus: drops_in_order): rustc rejects a
// use of a local moved out of in part, so such a read is a copy. A field moved out of in a
// `vec!` is a partial move like any other: the rest is dropped at the end of the scope.

both! { async fn field_read_then_whole / field_read_then_whole_native(flag: bool) -> u32 {
    let a = D("a");
    let b = D("b");
    let mut names = vec![a.0];
    delay(1, ()).await;
    if flag {
        drop(a);
        delay(1, ()).await;
        names.push(b.0);
        return names.len() as u32;
    }
    let c = D("c");
    delay(1, ()).await;
    names.push(c.0);
    names.push(b.0);
    names.len() as u32
}}

struct Named {
    name: String,
    _guard: D,
}

both! { async fn field_moved_in_vec / field_moved_in_vec_native() -> usize {
    let n = Named { name: String::from("n"), _guard: D("guard") };
    let v = vec![n.name];
    delay(1, ()).await;
    log("after");
    v.len()
}}

#[test]
fn field_reads_and_partial_moves_in_macros() {
    for flag in [false, true] {
        cancels_like_native(
            || field_read_then_whole(flag),
            || field_read_then_whole_native(flag),
            5,
        );
    }
    cancels_like_native(field_moved_in_vec, field_moved_in_vec_native, 3);
}

// A value made by a chain that takes a closure (`acquire().await.map_err(|e| ..)?`) is no
// closure: a permit kept to the end of its scope, as natively (it was taken for a closure,
// never carried for its drop, and released at the next await: two tasks ran at once through
// a one-permit semaphore; corpus: limited).

#[stackless::coroutine]
async fn limited(
    sem: std::sync::Arc<tokio::sync::Semaphore>,
    seen: std::sync::Arc<std::sync::Mutex<Vec<usize>>>,
) -> Result<u32, String> {
    let _permit = sem.acquire().await.map_err(|e| e.to_string())?;
    tokio::task::yield_now().await;
    seen.lock().unwrap().push(sem.available_permits());
    Ok(1)
}

#[test]
fn a_permit_is_held_to_the_end_of_its_scope() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let sem = std::sync::Arc::new(tokio::sync::Semaphore::new(1));
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let (a, b) = rt.block_on(async {
        tokio::join!(
            limited(sem.clone(), seen.clone()),
            limited(sem.clone(), seen.clone())
        )
    });
    assert_eq!((a, b), (Ok(1), Ok(1)));
    // Each task saw the permit taken (by itself) while it ran past its await.
    assert_eq!(*seen.lock().unwrap(), [0, 0]);
}

// A pattern parameter that leaves part of its argument unbound (`(x, _): (D, D)`) moves the
// argument into the body first, as rustc's `async fn` does, and what the pattern leaves is
// dropped at the end of the body after the parameters declared later (it was dropped at the
// first point). The shapes of rustc's own drop-order test for `async fn` parameters.

#[stackless::coroutine]
async fn tuple_rest((x, _): (D, D)) -> u32 {
    delay(1, ()).await;
    let _ = &x;
    1
}

async fn tuple_rest_native((x, _): (D, D)) -> u32 {
    delay(1, ()).await;
    let _ = &x;
    1
}

#[stackless::coroutine]
async fn many_patterns(x: D, (a, _, _c): (D, D, D), _: D, _y: D) -> u32 {
    delay(1, ()).await;
    let _ = (&x, &a);
    2
}

async fn many_patterns_native(x: D, (a, _, _c): (D, D, D), _: D, _y: D) -> u32 {
    delay(1, ()).await;
    let _ = (&x, &a);
    2
}

#[stackless::coroutine]
async fn by_ref_and_rest(ref mut x: D, (a, _): (D, D), _: D) -> u32 {
    let mut v = vec![1u8];
    delay(1, ()).await;
    v.push(2);
    let _ = (&x, &a);
    3
}

async fn by_ref_and_rest_native(ref mut x: D, (a, _): (D, D), _: D) -> u32 {
    let mut v = vec![1u8];
    delay(1, ()).await;
    v.push(2);
    let _ = (&x, &a);
    3
}

#[test]
fn patterns_leaving_part_of_a_parameter_drop_it_last() {
    cancels_like_native(
        || tuple_rest((D("x"), D("_"))),
        || tuple_rest_native((D("x"), D("_"))),
        3,
    );
    let args = || (D("x"), (D("a"), D("_1"), D("_c")), D("_2"), D("_y"));
    cancels_like_native(
        || {
            let (x, t, u, y) = args();
            many_patterns(x, t, u, y)
        },
        || {
            let (x, t, u, y) = args();
            many_patterns_native(x, t, u, y)
        },
        3,
    );
    cancels_like_native(
        || by_ref_and_rest(D("x"), (D("a"), D("_1")), D("_2")),
        || by_ref_and_rest_native(D("x"), (D("a"), D("_1")), D("_2")),
        3,
    );
}

// A pattern that binds several names, one of them kept in the frame (borrowed by a future
// that may be awaited), drops them in reverse order of binding, as natively, also when the
// machine finishes without passing a point (conformance seed 3, program 378: the pinned one
// was dropped first).

fn touch_d(d: &D) -> usize {
    d.0.len()
}

async fn tick_on(_d: &D) {
    delay(1, ()).await
}

both! { async fn two_bindings_one_pinned / two_bindings_one_pinned_native(k: usize) -> usize {
    let (p1, p2) = (D("p1"), D("p2"));
    if touch_d(&p1) == k {
        tick_on(&p1).await;
    }
    touch_d(&p2)
}}

#[test]
fn pattern_bindings_drop_in_reverse_order_when_one_is_pinned() {
    for k in [0, 2] {
        cancels_like_native(
            || two_bindings_one_pinned(k),
            || two_bindings_one_pinned_native(k),
            3,
        );
    }
}

fn len_of(d: &D) -> usize {
    d.0.len()
}

/// Found by review: a local a closure borrows (or a `move` closure owns), the closure called
/// only inside a `yield_!`'s operand, was dropped at the yield; rustc drops it at the end of
/// its scope.
#[stackless::coroutine]
fn closure_called_in_the_yield() -> impl Iterator<Item = usize> {
    let d = D("borrowed");
    let c = || d.0.len();
    yield_!(c());
    log("after the first");
    let e = D("owned");
    let f = move || len_of(&e);
    yield_!(f());
    log("after the second");
}

#[test]
fn a_closure_called_in_a_yield_keeps_what_it_captured_to_the_scope_end() {
    let (v, log) = run(closure_called_in_the_yield());
    assert_eq!(v, [8, 5]);
    assert_eq!(
        log,
        [
            "after the first",
            "after the second",
            "drop owned",
            "drop borrowed"
        ]
    );
    for (k, want) in [
        (1, &["drop borrowed"][..]),
        (2, &["after the first", "drop owned", "drop borrowed"][..]),
    ] {
        let (_, log) = cancel_after(closure_called_in_the_yield(), k);
        assert_eq!(log, want, "after {k}");
    }
}

both!(async fn popped / popped_native () -> () {
    let mut stack = vec![D("s1"), D("s2")];
    while let Some(x) = stack.pop() {
        let _n = x.0.len();
        delay(1, ()).await;
        log("after");
    }
});

both!(async fn popped_let_else / popped_let_else_native (v: Vec<D>) -> usize {
    let mut v = v;
    let mut n = 0;
    loop {
        let Some(x) = v.pop() else { break };
        n += x.0.len();
        delay(1, ()).await;
        log("after");
    }
    n
});

/// A binding taken out of a collection (`v.pop()`, a method the macro does not know) that
/// the code after the point does not mention: it may be a view of the collection, but the
/// collection has drop glue (a `Vec`, by its value or type), so in an `async fn` it stays in
/// place and the binding is carried to the end of the iteration, as natively. (Before, the
/// binding was dropped at the point: `drop s1` before `after`; found porting rustc's
/// coroutine drop tests. A generator still drops it at the point: keeping the collection in
/// place there would box the generator; documented.)
#[test]
fn a_binding_popped_off_a_collection_drops_at_the_end_of_the_iteration() {
    cancels_like_native(popped, popped_native, 4);
    cancels_like_native(
        || popped_let_else(vec![D("a"), D("bc")]),
        || popped_let_else_native(vec![D("a"), D("bc")]),
        4,
    );
    common::block_on(popped());
    assert_eq!(take_log(), ["after", "drop s2", "after", "drop s1"]);
}

both!(async fn underscore / underscore_native () -> () {
    let _ = delay(1, D("awaited")).await;
    log("next statement");
    delay(1, ()).await;
    log("end");
});

both!(async fn underscore_part / underscore_part_native () -> () {
    let (_a, _) = delay(1, (D("a"), D("b"))).await;
    log("next statement");
    delay(1, ()).await;
    log("end");
});

both!(async fn relock / relock_native (m: std::sync::Arc<tokio::sync::Mutex<u32>>) -> bool {
    let _ = m.lock().await;
    m.try_lock().is_ok()
});

/// `let _ = f().await;` drops the value at the end of the statement (it is a temporary
/// that `_` does not bind), and `let (a, _) = f().await;` the part `_` leaves: a lock guard
/// is released there. (Before, they stayed to the next suspension point; found by the peer
/// hunt with `let _ = m.lock().await; m.try_lock()`.)
#[test]
fn what_a_let_pattern_leaves_of_an_awaited_value_drops_at_the_statement_end() {
    cancels_like_native(underscore, underscore_native, 4);
    cancels_like_native(underscore_part, underscore_part_native, 4);
    let m = std::sync::Arc::new(tokio::sync::Mutex::new(1));
    assert!(common::block_on(relock(m.clone())));
    assert!(common::block_on(relock_native(m)));
}

// A local made from a slot's (`v.len()` borrows `v`, kept in place for the loop) that is dead
// at a point on one path and moved out on another, by a method taking `self`, a field move
// or a by-value `match`: it may hold a reference into the slot as far as the macro can tell,
// but its slot could not give the value up to such a move, so it stays moving.
both! { async fn moved_by_a_method_on_one_path / moved_by_a_method_native(v: Vec<u32>, stop: bool) -> usize {
    let t = Some((v.len().to_string(), D("t")));
    if stop {
        delay(1, ()).await;
        return 0;
    }
    let (n, d) = t.unwrap();
    let mut total = n.len() + d.0.len();
    for x in v.iter() {
        delay(1, ()).await;
        total += *x as usize;
    }
    total
}}

both! { async fn moved_by_a_match_on_one_path / moved_by_a_match_native(v: Vec<u32>, flag: bool) -> usize {
    let t = (v.len(), D("t"));
    let mut total = 0;
    if flag {
        delay(1, ()).await;
    } else {
        delay(1, ()).await;
        match t {
            (n, d) => total += n + d.0.len(),
        }
    }
    for x in v.iter() {
        delay(1, ()).await;
        total += *x as usize;
    }
    total
}}

#[test]
fn a_local_moved_out_on_one_path_compiles_and_drops_as_natively() {
    for stop in [false, true] {
        cancels_like_native(
            || moved_by_a_method_on_one_path(vec![1, 2], stop),
            || moved_by_a_method_native(vec![1, 2], stop),
            6,
        );
        cancels_like_native(
            || moved_by_a_match_on_one_path(vec![1, 2], stop),
            || moved_by_a_match_native(vec![1, 2], stop),
            6,
        );
    }
}

/// A scope guard: runs its closure when dropped (`scopeguard::guard`, a `defer!`).
struct OnDrop<F: FnMut()>(F);

impl<F: FnMut()> Drop for OnDrop<F> {
    fn drop(&mut self) {
        (self.0)()
    }
}

fn on_drop<F: FnMut()>(f: F) -> OnDrop<F> {
    OnDrop(f)
}

fn made_by<T>(f: impl FnOnce() -> T) -> T {
    f()
}

// Found by a hunt through rustc's run-pass tests: a value a call made of a closure was
// taken for a closure, and a closure never used again is dropped at the point, so the
// guard ran its cleanup at the `.await` (before "work").
both! { async fn guard_of_a_closure / guard_of_a_closure_native(n: u32) -> u32 {
    let _g = on_drop(|| log("cleanup"));
    let _made: D = made_by(|| D("made"));
    let _mapped = Some(D("mapped")).map(|d| (d, 1));
    let tag = "moved in";
    let _owning = on_drop(move || log(tag));
    delay(1, ()).await;
    log("work");
    n
}}

/// A guard that can be defused (`scopeguard::ScopeGuard::into_inner`, a rollback guard).
struct Defer<F: FnOnce()>(Option<F>);

impl<F: FnOnce()> Defer<F> {
    fn cancel(mut self) {
        self.0 = None;
    }
}

impl<F: FnOnce()> Drop for Defer<F> {
    fn drop(&mut self) {
        if let Some(f) = self.0.take() {
            f()
        }
    }
}

fn first(v: &[u32]) -> &u32 {
    &v[0]
}

// Found by the review of the rule above: a value made of closures may be consumed by a method
// (a defused guard) or called (an `FnOnce`): a move, not a use that keeps it (E0382 when it
// was kept); one whose closure takes a local other than a literal's (`move || .. r ..` with
// `r` a reference) is left to the closure rule (dropped at the point, as before).
both! { async fn consumed_guards / consumed_guards_native(ok: bool) -> u32 {
    let g = Defer(Some(|| log("rollback")));
    g.cancel();
    let h = Defer(Some(|| log("rollback h")));
    if ok {
        h.cancel();
    }
    let d = D("owned");
    let f: Box<dyn FnOnce()> = Box::new(move || drop(d));
    f();
    let v = [7u32, 8];
    let r = first(&v);
    let _seen = on_drop(move || log(format!("saw {r}")));
    delay(1, ()).await;
    log("work");
    2
}}

// Found by the second review: a guard bound in a loop whose body suspends is written once per
// copy of the loop body, each closure a type of its own (E0308 when it was carried): such a
// one is the closure case (dropped at the point), and compiles.
both! { async fn guard_in_a_loop / guard_in_a_loop_native(n: u32) -> u32 {
    let mut i = 0;
    while i < n {
        let _g = on_drop(|| log("g"));
        delay(1, ()).await;
        i += 1;
    }
    i
}}

#[stackless::coroutine]
fn guard_of_a_closure_gen() -> impl Iterator<Item = u32> {
    let _g = on_drop(|| log("cleanup"));
    yield_!(1);
    log("work");
}

#[test]
fn a_value_made_of_a_closure_is_dropped_at_the_end_of_its_scope() {
    cancels_like_native(|| guard_of_a_closure(1), || guard_of_a_closure_native(1), 2);
    assert_eq!(
        common::block_on(guard_in_a_loop(2)),
        common::block_on(guard_in_a_loop_native(2))
    );
    // (Compiles and runs; `_seen` is dropped at the point, the closure rule's difference.)
    take_log();
    common::block_on(consumed_guards(true));
    let ours = take_log();
    common::block_on(consumed_guards_native(true));
    let native = take_log();
    assert_eq!(
        ours.iter()
            .filter(|e| e.starts_with("rollback") || *e == "drop owned")
            .count(),
        1
    );
    assert_eq!(
        native
            .iter()
            .filter(|e| e.starts_with("rollback") || *e == "drop owned")
            .count(),
        1
    );
    take_log();
    common::block_on(consumed_guards(false));
    let ours = take_log();
    common::block_on(consumed_guards_native(false));
    assert_eq!(ours.len(), take_log().len());
    take_log();
    assert_eq!(guard_of_a_closure_gen().collect::<Vec<_>>(), [1]);
    assert_eq!(take_log(), ["work", "cleanup"]);
}

/// A store with a method named like a collection's filler.
struct Store(D);

impl Store {
    fn set(&self, v: u32) -> u32 {
        v
    }
    async fn wait_for(&self, k: u32) -> u32 {
        delay(1, k + (self.0).0.len() as u32).await
    }
}

// Found by the tokio-application hunt: a local "filled" by a `set`/`insert`/`push` call
// after its `let` is dropped at the next point if no code after it names it (what it holds
// may borrow a local that moves); when the future awaited there borrows it, that was rustc's
// E0597 ("`db` dropped here while still borrowed").
both! { async fn filled_then_awaited_on / filled_then_awaited_on_native() -> u32 {
    let db = Store(D("db"));
    db.set(1);
    let x = db.wait_for(2).await;
    log("after");
    x
}}

#[test]
fn a_filled_local_the_awaited_future_borrows_stays() {
    cancels_like_native(filled_then_awaited_on, filled_then_awaited_on_native, 3);
}

/// A `watch`-like sender: `send` borrows it.
struct Watch(D);

impl Watch {
    fn send(&self, v: u32) -> Result<(), u32> {
        log(format!("sent {v} on {}", (self.0).0));
        Ok(())
    }
    async fn closed(&self) {
        delay(1, ()).await
    }
}

/// A oneshot-like sender: `send` takes it.
struct Oneshot(D);

impl Oneshot {
    fn send(self, v: u32) -> Result<(), u32> {
        log(format!("sent {v} on {}", (self.0).0));
        Ok(())
    }
}

// Found by the tokio-application hunt: `tx.send(1).unwrap(); tx.closed().await;` was E0597
// (a `send` is guessed to take `self`, as a oneshot `Sender`'s does, so `tx` was not kept for
// the future borrowing it). A later statement of the same block using it shows the method
// borrowed. A later assignment does not (the oneshot given a new value), nor a use on another
// path only (a send before a `return` or a `break`: those stay moves).
both! { async fn sent_then_awaited / sent_then_awaited_native(tx: Watch, early: bool) -> u32 {
    tx.send(1).unwrap();
    tx.closed().await;
    log("closed");
    let mut once = Oneshot(D("first"));
    once.send(2).unwrap();
    once = Oneshot(D("second"));
    delay(1, ()).await;
    let last = Oneshot(D("last"));
    if early {
        last.send(3).unwrap();
        return 0;
    }
    delay(1, ()).await;
    let mut i = 0;
    loop {
        i += 1;
        if i == 2 {
            once.send(4).unwrap();
            break;
        }
        log(format!("round {i}"));
        delay(1, ()).await;
    }
    last.send(5).unwrap();
    1
}}

// And where the send is an `if`'s condition, a `match`'s scrutinee or an assertion's
// condition, which run whenever the statement does (the review of the change above).
both! { async fn sent_in_a_condition / sent_in_a_condition_native(tx: Watch) -> u32 {
    if tx.send(1).is_ok() {
        log("sent");
    }
    match tx.send(2) {
        Ok(()) => log("sent again"),
        Err(_) => log("not sent"),
    }
    assert!(tx.send(3).is_ok(), "{}", "not sent");
    tx.closed().await;
    log("closed");
    1
}}

#[test]
fn a_local_used_after_a_send_in_a_condition_was_borrowed_by_it() {
    cancels_like_native(
        || sent_in_a_condition(Watch(D("tx"))),
        || sent_in_a_condition_native(Watch(D("tx"))),
        3,
    );
}

#[test]
fn a_local_used_after_a_send_was_borrowed_by_it() {
    for early in [false, true] {
        cancels_like_native(
            || sent_then_awaited(Watch(D("tx")), early),
            || sent_then_awaited_native(Watch(D("tx")), early),
            6,
        );
    }
}
