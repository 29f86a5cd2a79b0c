//! Temporaries of a `for` loop's iterable and of a `match`'s scrutinee live to the end of the
//! loop or the `match`, across the suspension points in it, as rustc keeps them (a `for` is a
//! `match` on its iterator): an iterator over a temporary compiles, and the temporary is
//! dropped where a native coroutine drops it.

#![allow(
    clippy::single_match,
    clippy::match_single_binding,
    clippy::useless_vec,
    clippy::toplevel_ref_arg,
    clippy::redundant_pattern_matching
)] // a `match` and its scrutinee are the point, a `vec!` a temporary

#[macro_use]
mod common;

use common::{cancels_like_native, delay, log, take_log, D};
use stackless::yield_;

struct Bag(&'static str, Vec<u32>);

impl Drop for Bag {
    fn drop(&mut self) {
        log(format!("drop {}", self.0));
    }
}

fn bag(name: &'static str) -> Bag {
    Bag(name, vec![1, 2])
}

fn text() -> String {
    "abc".to_string()
}

#[stackless::coroutine]
fn over_temporaries() -> impl Iterator<Item = u32> {
    for x in bag("for").1.iter() {
        yield_!(*x);
    }
    log("after for");
    for c in text().chars() {
        yield_!(c as u32 - 96);
    }
    for x in &bag("ref").1 {
        yield_!(*x * 10);
        log("in ref");
    }
    log("after ref");
    match bag("match").1.as_slice() {
        [a, b] => {
            yield_!(*a + 6);
            log("in match");
            yield_!(*b + 6);
        }
        _ => {}
    }
    log("after match");
}

/// `for x in bag().1.iter()`, `text().chars()`, `&bag().1`: the iterator borrows a
/// temporary (E0716 before); each temporary is dropped when its loop (or `match`) ends.
#[test]
fn iterators_and_scrutinees_over_temporaries() {
    take_log();
    let ys: Vec<u32> = over_temporaries().collect();
    assert_eq!(ys, [1, 2, 1, 2, 3, 10, 20, 7, 8]);
    assert_eq!(
        take_log(),
        [
            "drop for",
            "after for",
            "in ref",
            "in ref",
            "drop ref",
            "after ref",
            "in match",
            "drop match",
            "after match"
        ]
    );
}

/// Cancelled inside the loop, the temporary is dropped with the machine.
#[test]
fn a_cancelled_loop_drops_its_temporary() {
    take_log();
    let mut it = over_temporaries();
    assert_eq!(it.next(), Some(1));
    assert!(take_log().is_empty());
    drop(it);
    assert_eq!(take_log(), ["drop for"]);
}

fn guard() -> D {
    D("scrutinee")
}

fn name_len(d: &D) -> usize {
    d.0.len()
}

both! {
    async fn awaits_over_temporaries / awaits_over_temporaries_native () -> u32 {
        let mut sum = 0;
        for x in bag("for").1.iter() {
            sum += delay(1, *x).await;
        }
        match name_len(&guard()) {
            9 => {
                sum += delay(1, 100).await;
                log("in arm");
            }
            _ => {}
        }
        sum
    }
}

/// The same in an `async fn`, against the native one: results and drop logs at every
/// cancellation point.
#[test]
fn async_temporaries_drop_like_native() {
    take_log();
    assert_eq!(common::block_on(awaits_over_temporaries()), 103);
    let ours = take_log();
    assert_eq!(common::block_on(awaits_over_temporaries_native()), 103);
    assert_eq!(ours, take_log());
    cancels_like_native(awaits_over_temporaries, awaits_over_temporaries_native, 8);
}

#[derive(Debug, PartialEq)]
struct W(u64);

#[stackless::coroutine]
fn promoted() -> impl Iterator<Item = &'static W> {
    match &W(7) {
        w => {
            yield_!(w);
            yield_!(w);
        }
    }
}

/// A reference to a constant stays the `'static` rustc promotes it to (a hidden local in its
/// place was freed with the machine).
#[test]
fn a_promoted_constant_outlives_the_machine() {
    let mut it = promoted();
    let first = it.next().unwrap();
    drop(it);
    assert_eq!(*first, W(7));
}

#[stackless::coroutine]
fn consumed_temporaries() -> impl Iterator<Item = String> {
    use std::io::BufRead;
    for line in std::io::Cursor::new("a\nb").lines() {
        yield_!(line.unwrap());
    }
    for x in vec![String::from("c")].into_iter() {
        yield_!(x);
    }
}

/// A temporary that the iterable's method consumes (`BufRead::lines`, `into_iter`) is not
/// kept: it was moved into the iterator.
#[test]
fn consumed_temporaries_are_not_kept() {
    assert_eq!(consumed_temporaries().collect::<Vec<_>>(), ["a", "b", "c"]);
}

async fn total(v: &[u32]) -> u32 {
    delay(1, v.iter().sum()).await
}

async fn width(s: &str) -> usize {
    delay(1, s.len()).await
}

async fn named(d: &D) -> &'static str {
    delay(1, d.0).await
}

struct Conn;

async fn write(_: &Conn, s: &str) -> Result<usize, ()> {
    delay(1, Ok(s.len())).await
}

fn probe(name: &'static str) -> D {
    D(name)
}

both! {
    async fn awaited_temporaries / awaited_temporaries_native (k: u32) -> Result<usize, ()> {
        #[allow(clippy::useless_vec)] // a temporary `Vec` is the point
        let a = total(&vec![1, 2, 3]).await as usize;
        let b = width(&format!("{k}")).await;
        let n = named(&probe("arg")).await;
        log(n);
        named(&probe("statement")).await;
        log("after");
        let mut c = 0;
        if k > 1 {
            c = write(&Conn, &format!("key {k}")).await?;
        }
        if k == 0 {
            return Ok(width(&format!("{k}{k}")).await);
        }
        Ok(a + b + c)
    }
}

/// An awaited call borrowing a temporary (`f(&vec![..]).await`, `send(&format!(..)).await`,
/// after a leading `&local` argument): the temporary lives to the end of the statement,
/// across the await (E0716 before), and is dropped there, as natively; at every cancellation
/// point too.
#[test]
fn awaited_calls_borrowing_temporaries() {
    take_log();
    assert_eq!(common::block_on(awaited_temporaries(42)), Ok(6 + 2 + 6));
    let ours = take_log();
    assert_eq!(common::block_on(awaited_temporaries_native(42)), Ok(14));
    assert_eq!(ours, take_log());
    assert_eq!(ours, ["drop arg", "arg", "drop statement", "after"]);
    cancels_like_native(
        || awaited_temporaries(7),
        || awaited_temporaries_native(7),
        12,
    );
    cancels_like_native(
        || awaited_temporaries(0),
        || awaited_temporaries_native(0),
        12,
    );
}

async fn same<T: ?Sized>(x: &T) -> &T {
    delay(1, ()).await;
    x
}

#[derive(Debug, PartialEq)]
struct Triple(u32, u32, u32);

#[stackless::coroutine]
async fn promoted_line() -> &'static u32 {
    same(&line!()).await
}

#[stackless::coroutine]
async fn promoted_triple() -> &'static Triple {
    same(&Triple(1 + 2, 40, 50)).await
}

#[stackless::coroutine]
async fn promoted_str() -> &'static &'static str {
    same(&concat!("he", "llo")).await
}

/// Constants rustc promotes to `'static` (a macro's value, a constructor of constant
/// expressions) are not made locals of the machine: the references outlive it (they were
/// freed with it).
#[test]
fn promoted_constants_are_not_hoisted() {
    let line = common::block_on(Box::pin(promoted_line()));
    assert!(*line > 0);
    assert_eq!(
        *common::block_on(Box::pin(promoted_triple())),
        Triple(3, 40, 50)
    );
    assert_eq!(*common::block_on(Box::pin(promoted_str())), "hello");
}

struct Holder(String);

struct Guard<'a>(&'a Holder);

impl Drop for Guard<'_> {
    fn drop(&mut self) {
        log(format!("guard of {}", self.0 .0));
    }
}

async fn guard_of(h: &Holder) -> Guard<'_> {
    delay(1, Guard(h)).await
}

fn holder(name: &str) -> Holder {
    Holder(name.to_string())
}

impl Drop for Holder {
    fn drop(&mut self) {
        log(format!("drop {}", self.0));
    }
}

both! {
    async fn guards_of_temporaries / guards_of_temporaries_native () -> u32 {
        guard_of(&holder("statement")).await;
        let _ = guard_of(&holder("wildcard")).await;
        match holder("scrutinee").0.as_str() {
            s => {
                delay(1, ()).await;
                log(s.len().to_string());
            }
        }
        1
    }
}

/// A statement's value that borrows one of its temporaries (a guard) is dropped before the
/// temporary, as natively (it read the freed temporary).
#[test]
fn a_value_borrowing_a_temporary_drops_first() {
    take_log();
    common::block_on(guards_of_temporaries());
    let ours = take_log();
    common::block_on(guards_of_temporaries_native());
    assert_eq!(ours, take_log());
    cancels_like_native(guards_of_temporaries, guards_of_temporaries_native, 6);
}

// Temporaries in a statement that suspends live across the suspension point, to the end of
// the statement, as rustc keeps them: borrowed by the awaited call (`len(&vec![..]).await`
// as the body's value) or the receiver of a method whose value is passed on
// (`delay(1, D::new(k).len())`).

impl D {
    fn len(&self) -> usize {
        self.0.len()
    }
}

async fn count(v: &[u32]) -> usize {
    v.len()
}

both! {
    async fn tail_borrows_a_temporary / tail_borrows_a_temporary_native () -> usize {
        count(&vec![1, 2, 3]).await
    }
}

both! {
    async fn receiver_temporary_lives_across / receiver_temporary_lives_across_native () -> usize {
        let n = delay(1, D("across the await").len()).await;
        log("after");
        n + delay(1, (D("chained").len()).max(2)).await
    }
}

#[stackless::coroutine]
fn yielded_receiver_temporary() -> impl Iterator<Item = usize> {
    yield_!(D("yielded").len());
    log("after the yield");
}

#[test]
fn statement_temporaries_live_across_the_point() {
    cancels_like_native(tail_borrows_a_temporary, tail_borrows_a_temporary_native, 2);
    cancels_like_native(
        receiver_temporary_lives_across,
        receiver_temporary_lives_across_native,
        4,
    );
    take_log();
    let mut g = yielded_receiver_temporary();
    assert_eq!(g.next(), Some(7));
    // Suspended in the statement: the temporary is still there, as in a native `gen` block.
    assert_eq!(take_log(), Vec::<String>::new());
    assert_eq!(g.next(), None);
    assert_eq!(take_log(), ["drop yielded", "after the yield"]);
}

/// Makes a `D` named `name`, and says so.
fn made(name: &'static str) -> D {
    log(format!("make {name}"));
    D(name)
}

fn width_of(d: &D) -> u32 {
    d.0.len() as u32
}

fn said(event: &'static str) -> u32 {
    log(event);
    1
}

async fn tick(n: u32) -> u32 {
    let v = delay(1, n).await;
    log(format!("tick {n}"));
    v
}

fn sum3(a: u32, b: u32, c: u32) -> u32 {
    a + b + c
}

both! {
    async fn argument_temporary / argument_temporary_native () -> u32 {
        // Not the leading argument: the call before it runs first, as written.
        let n = sum3(said("first"), width_of(&made("arg")), tick(1).await);
        log("after");
        n
    }
}

both! {
    async fn condition_temporary / condition_temporary_native () -> u32 {
        // A condition is a scope of its own: dropped before the branch runs.
        if width_of(&made("cond")) > tick(1).await {
            log("then");
        }
        let mut n = 0;
        while width_of(&made("loop")) + n < tick(6).await {
            log("body");
            n += 1;
        }
        n
    }
}

both! {
    async fn awaited_scrutinee_temporary / awaited_scrutinee_temporary_native () -> u32 {
        // To the end of the `match`, across the await in the scrutinee and the ones in arms.
        let n = match tick(width_of(&made("scrutinee"))).await {
            9 => tick(2).await,
            k => {
                log("arm");
                tick(k).await
            }
        };
        log("after");
        n
    }
}

both! {
    async fn range_temporary / range_temporary_native () -> u32 {
        // To the end of the loop: `for` is a `match` on its iterator.
        let mut s = 0;
        for i in 0..width_of(&made("range")) {
            s += tick(i).await;
        }
        log("after");
        s
    }
}

both! {
    async fn operand_temporaries / operand_temporaries_native () -> u32 {
        // Each dropped at the end of the statement, in reverse order of creation.
        let x = (width_of(&made("a")), width_of(&made("b")) + tick(1).await);
        let y = tick(width_of(&made("c"))).await + tick(width_of(&made("d"))).await;
        log("after");
        x.0 + x.1 + y
    }
}

/// A temporary made before a suspension point in its temporary scope (a statement, a
/// condition, a `match` scrutinee, a `for` iterable) is dropped at the end of that scope,
/// after the point, as natively: wherever it stands in the expression, the order in which
/// the expression runs unchanged; at every cancellation point too.
#[test]
fn temporaries_live_to_the_end_of_their_scope() {
    take_log();
    assert_eq!(common::block_on(argument_temporary()), 5);
    assert_eq!(
        take_log(),
        ["first", "make arg", "tick 1", "drop arg", "after"]
    );
    cancels_like_native(argument_temporary, argument_temporary_native, 3);
    cancels_like_native(condition_temporary, condition_temporary_native, 9);
    cancels_like_native(
        awaited_scrutinee_temporary,
        awaited_scrutinee_temporary_native,
        5,
    );
    cancels_like_native(range_temporary, range_temporary_native, 12);
    cancels_like_native(operand_temporaries, operand_temporaries_native, 7);
}

struct Builder(D);

impl Builder {
    /// Takes `self`, as builders do: the macro does not know this method.
    fn finish(self) -> u32 {
        log("finish");
        width_of(&self.0)
    }
}

fn builder() -> Builder {
    Builder(D("builder"))
}

both! {
    async fn consumed_receiver / consumed_receiver_native () -> u32 {
        // A receiver that a method the macro does not know takes by value: not kept (it would
        // be moved out of, then carried: E0382 before).
        let n = tick(builder().finish()).await + tick(1).await;
        log("after");
        n
    }
}

#[test]
fn receivers_taken_by_value_compile() {
    cancels_like_native(consumed_receiver, consumed_receiver_native, 4);
}

struct Boxed {
    d: D,
    items: Vec<u32>,
}

impl Boxed {
    /// A method the macro does not know: its result may borrow the receiver.
    fn inner(&self) -> &D {
        &self.d
    }
    fn items(&self) -> &[u32] {
        &self.items
    }
}

fn holder_of(name: &'static str) -> Boxed {
    log(format!("make {name}"));
    Boxed {
        d: D(name),
        items: vec![1, 2],
    }
}

trait Cm {
    fn cm(&mut self, n: usize) -> u32;
}

impl Cm for D {
    fn cm(&mut self, n: usize) -> u32 {
        log(format!("cm {}", self.0));
        n as u32
    }
}

fn first_of(o: Option<Box<dyn std::fmt::Debug>>, n: usize, _: u32) -> u32 {
    o.map_or(0, |_| n as u32)
}

fn count_of(xs: &[&dyn std::fmt::Debug], n: usize) -> u32 {
    (xs.len() + n) as u32
}

both! {
    async fn unknown_receivers / unknown_receivers_native () -> u32 {
        // The value of a method the macro does not know, called on a temporary: it may
        // borrow it, so neither is kept past the point (E0716 if the value were).
        let a = holder_of("a").inner().0.len() as u32 + tick(1).await;
        let b = holder_of("b").items()[0] + tick(1).await;
        a + b
    }
}

both! {
    async fn operands_keep_their_coercions / operands_keep_their_coercions_native () -> u32 {
        // Bound in order before a temporary, through the constructor, which keeps the type
        // it is expected to have (`Box<u32>` to `Box<dyn Debug>`).
        let one = 1;
        let a = first_of(Some(Box::new(said("boxed"))), width_of(&made("a")) as usize, 0)
            + tick(1).await;
        let b = count_of(&[&one, &said("listed")], width_of(&made("b")) as usize)
            + tick(1).await;
        a + b
    }
}

both! {
    async fn receivers_that_are_places / receivers_that_are_places_native () -> u32 {
        // A receiver a method may borrow, evaluated by code: not moved into a hidden local.
        let mut v = vec![D("v0")];
        let a = v[said("index") as usize - 1].cm(width_of(&made("a")) as usize) + tick(1).await;
        let mut w = vec![1u32];
        let b = std::pin::Pin::new(&mut w).get_mut().len() as u32 + tick(1).await;
        a + b
    }
}

both! {
    async fn closures_among_operands / closures_among_operands_native () -> u32 {
        // An operand that awaits or calls a closure runs before the temporary after it.
        let h = async { said("async block") };
        let a = sum3(h.await, width_of(&made("a")), tick(2).await);
        let g = |x: u32| said("closure") + x;
        let b = sum3(g(1), width_of(&made("b")), tick(2).await);
        a + b
    }
}

struct Pair<'a>(&'a D, &'a D);

impl Drop for Pair<'_> {
    fn drop(&mut self) {
        log(format!("drop pair {} {}", (self.0).0, (self.1).0));
    }
}

fn pair<'a>(a: &'a D, _: u32, b: &'a D) -> Pair<'a> {
    Pair(a, b)
}

both! {
    async fn discarded_value_borrowing_temporaries / discarded_value_borrowing_temporaries_native () -> u32 {
        // The statement's value borrows a temporary made after the point: it is dropped
        // first, then that temporary, then the one kept across the point.
        pair(&made("early"), tick(1).await, &made("late"));
        log("after");
        0
    }
}

/// Found by review: each compiled natively and not with the first version of the rule
/// (E0716, E0308, E0507, E0505), or ran in another order.
#[test]
fn temporaries_keep_what_compiled_and_the_order() {
    // (Compiles; the temporaries are dropped at the point, the documented difference.)
    assert_eq!(common::block_on(unknown_receivers()), 4);
    assert_eq!(common::block_on(unknown_receivers_native()), 4);
    cancels_like_native(
        operands_keep_their_coercions,
        operands_keep_their_coercions_native,
        5,
    );
    // (Compiles; the temporary after the receiver, which runs code, is dropped at the point.)
    assert_eq!(common::block_on(receivers_that_are_places()), 4);
    assert_eq!(common::block_on(receivers_that_are_places_native()), 4);
    // The order of evaluation is the source's; the temporary after such an operand is
    // dropped at the point (it cannot be made before it), where natively after it.
    take_log();
    assert_eq!(common::block_on(closures_among_operands_native()), 9);
    take_log();
    assert_eq!(common::block_on(closures_among_operands()), 9);
    assert_eq!(
        take_log(),
        [
            "async block",
            "make a",
            "drop a",
            "tick 2",
            "closure",
            "make b",
            "drop b",
            "tick 2"
        ]
    );
    cancels_like_native(
        discarded_value_borrowing_temporaries,
        discarded_value_borrowing_temporaries_native,
        3,
    );
}

fn pick(d: &D, n: u32) -> Option<u32> {
    Some(width_of(d) + n)
}

both! {
    async fn let_scrutinee_temporaries / let_scrutinee_temporaries_native () -> u32 {
        // `if let`, `while let` and let-else scrutinees that suspend, borrowing a temporary
        // made before the point (E0716 before): kept to the end of the `if` (edition 2021),
        // of the iteration, of the statement.
        let a = if let Some(v) = pick(&made("if"), tick(1).await) {
            log("then");
            v
        } else {
            0
        };
        let mut n = 0;
        while let Some(v) = pick(&made("while"), tick(n).await) {
            if v > 6 {
                break;
            }
            n += 1;
        }
        let Some(b) = pick(&made("else"), tick(2).await) else {
            return 0;
        };
        a + n + b
    }
}

#[test]
fn let_scrutinees_keep_their_temporaries() {
    cancels_like_native(
        let_scrutinee_temporaries,
        let_scrutinee_temporaries_native,
        12,
    );
}

enum Msg {
    Data(D),
}

async fn send(m: &Msg) -> usize {
    delay(1, ()).await;
    match m {
        Msg::Data(d) => d.0.len(),
    }
}

async fn peek<T>(v: &T) -> usize {
    delay(1, ()).await;
    std::mem::size_of_val(v)
}

fn mk(n: &'static str) -> D {
    D(n)
}

both!(async fn variant_of_a_local / variant_of_a_local_native (n: &'static str) -> usize {
    let d = mk(n);
    send(&Msg::Data(d)).await + 1
});

both!(async fn operator / operator_native (x: u64) -> usize {
    let a = peek(&(x + 1)).await;
    a + peek(&!x).await + send(&Msg::Data(mk("t").clone_named())).await
});

impl D {
    fn clone_named(&self) -> D {
        D(self.0)
    }
}

/// A temporary that is a constructor or an operator over a local's value or a method's
/// (`&Msg::Data(d)`, `&(x + 1)`, `&Msg::Data(d.clone())`), borrowed by an awaited
/// future: rustc cannot promote it, so it lives to the end of the statement, across the
/// point, dropped where rustc drops it. (Before, E0716; found porting rustc's
/// issue-63832 tests.) Made of constants only (`&Wrapper(7)`), it may be promoted and is
/// left as written.
#[test]
fn a_constructed_temporary_lives_to_the_end_of_its_statement() {
    cancels_like_native(
        || variant_of_a_local("m"),
        || variant_of_a_local_native("m"),
        3,
    );
    cancels_like_native(|| operator(3), || operator_native(3), 4);
}

both!(async fn ref_binding / ref_binding_native (o: Option<D>) -> usize {
    let n = match o {
        Some(ref x) => {
            delay(1, ()).await;
            x.0.len()
        }
        None => 0,
    };
    log("after the match");
    n
});

#[stackless::coroutine]
fn ref_binding_generator(o: Option<D>) -> impl Iterator<Item = usize> {
    match o {
        Some(ref x) => {
            yield_!(1);
            yield_!(x.0.len());
        }
        None => {}
    }
    log("after the match");
}

/// `match o { Some(ref x) => { p.await; x.. } None => .. }`: the arms bind nothing by value
/// (`None` is a variant, not a binding), so the scrutinee is the local itself, borrowed in
/// place, not a value read out of it. (Before, E0716 at `o`; found porting rustc's
/// coroutine/match-bindings.)
#[test]
fn a_ref_binding_into_a_local_held_across_a_point() {
    cancels_like_native(
        || ref_binding(Some(mk("xy"))),
        || ref_binding_native(Some(mk("xy"))),
        3,
    );
    cancels_like_native(|| ref_binding(None), || ref_binding_native(None), 2);
    assert_eq!(
        ref_binding_generator(Some(mk("xyz"))).collect::<Vec<_>>(),
        [1, 3]
    );
    assert_eq!(take_log(), ["after the match", "drop xyz"]);
}

#[stackless::coroutine]
fn extended_then_dead() -> impl Iterator<Item = usize> {
    let m = &mk("ext");
    yield_!(m.0.len());
    log("after the yield");
}

/// A temporary that `let m = &f();` extends lives to the end of `m`'s scope, even when `m`
/// is dead after a point. (Before, a generator dropped it at the point: its hidden local
/// was taken for an operand's, used once; found porting rustc's coroutine tests.)
#[test]
fn a_let_extended_temporary_lives_to_the_end_of_its_scope() {
    take_log();
    assert_eq!(extended_then_dead().collect::<Vec<_>>(), [3]);
    assert_eq!(take_log(), ["after the yield", "drop ext"]);
}

both!(async fn pinned_inline / pinned_inline_native () -> u32 {
    use futures::future::Either;
    let _g = D("guard");
    let r = match futures::future::select(
        std::pin::pin!(async {
            let d = delay(2, D("left")).await;
            d.0.len() as u32
        }),
        std::pin::pin!(async {
            let _e = D("right");
            delay(5, ()).await;
            7u32
        }),
    )
    .await
    {
        Either::Left((a, _)) => a,
        Either::Right((b, _)) => b,
    };
    log("after");
    r
});

/// `pin!(async { .. })` written inline in an awaited call: the `.await`s in it are the
/// block's own, and the pinned block is a temporary that lives to the end of the statement,
/// across the point. (Before, "a suspension point inside `pin!` cannot be seen", then
/// E0716; found by the peer hunt.)
#[test]
fn a_pin_written_inline_in_an_awaited_call() {
    cancels_like_native(pinned_inline, pinned_inline_native, 5);
}

both!(async fn awaited_value_as_a_place / awaited_value_as_a_place_native () -> usize {
    let n = delay(1, mk("t")).await.0.len();
    log("next statement");
    delay(1, ()).await;
    let m = delay(1, (mk("u"), 2)).await.1 + n;
    log("next again");
    delay(1, ()).await;
    m
});

/// An awaited value used as a place in its statement (`f().await.0.len()`): a temporary,
/// dropped at the end of the statement. (Before, its hidden local lived to the next point;
/// found porting rustc's drop-order tests.)
#[test]
fn an_awaited_value_used_as_a_place_drops_at_the_statement_end() {
    cancels_like_native(awaited_value_as_a_place, awaited_value_as_a_place_native, 6);
}

both!(async fn ref_to_an_awaited_value / ref_to_an_awaited_value_native () -> usize {
    let ref r = delay(1, mk("t")).await;
    delay(1, ()).await;
    log("after");
    r.0.len()
});

/// `let ref r = f().await;` extends the value to `r`'s scope (not the statement's). (A
/// regression of the statement scoping, found by review.)
#[test]
fn a_let_extended_awaited_value() {
    cancels_like_native(ref_to_an_awaited_value, ref_to_an_awaited_value_native, 3);
}

enum Msg2 {
    Data(Vec<u32>),
    Text(String),
}

async fn size(m: &Msg2) -> usize {
    delay(1, ()).await;
    match m {
        Msg2::Data(v) => v.len(),
        Msg2::Text(s) => s.len(),
    }
}

both!(async fn constructed_from_calls / constructed_from_calls_native () -> usize {
    size(&Msg2::Data(vec![1, 2, 3])).await + size(&Msg2::Text(String::from("ab"))).await
});

/// A constructor over a macro's or a function's value, borrowed by an awaited call
/// (`&Msg::Data(vec![..])`, `&Msg::Text(String::from(..))`): a temporary to the end of the
/// statement. (Found by review: E0716.)
#[test]
fn a_constructor_over_calls_lives_to_the_end_of_its_statement() {
    assert_eq!(common::block_on(constructed_from_calls()), 5);
    assert_eq!(common::block_on(constructed_from_calls_native()), 5);
}

both!(async fn wildcard_while_let / wildcard_while_let_native () -> () {
    let mut v = vec![mk("1"), mk("2")];
    while let Some(_) = v.pop() {
        delay(1, ()).await;
        log("iteration");
    }
    log("end");
});

both!(async fn wildcard_if_let / wildcard_if_let_native () -> () {
    let mut v = vec![mk("1"), mk("2")];
    if let Some(_) = v.pop() {
        delay(1, ()).await;
        log("in");
    }
    log("end");
});

both!(async fn ref_arm / ref_arm_native () -> () {
    let mut v = vec![mk("1"), mk("2")];
    match v.pop() {
        Some(ref d) => {
            delay(1, ()).await;
            log(d.0);
        }
        None => {}
    }
    log("end");
});

/// The value of an `if let`/`while let`/`match` scrutinee that no pattern binds by value
/// (`Some(_)`, `Some(ref d)`) lives to the end of the construct, across its points, as
/// rustc's scrutinee temporary does. (Before, it was dropped at the point; found by review.)
#[test]
fn a_scrutinee_value_the_patterns_leave_lives_to_the_end_of_the_construct() {
    cancels_like_native(wildcard_while_let, wildcard_while_let_native, 4);
    cancels_like_native(wildcard_if_let, wildcard_if_let_native, 3);
    cancels_like_native(ref_arm, ref_arm_native, 3);
}

async fn d_len(d: &D) -> usize {
    delay(1, d.0.len()).await
}

/// A `Drop` struct made of a literal has drop glue of its own: no promotion, a temporary
/// that lives to the end of its statement, across the `.await` in it.
struct Frame {
    kind: &'static str,
}

impl Drop for Frame {
    fn drop(&mut self) {
        log(format!("drop frame {}", self.kind));
    }
}

async fn send_frame(f: &Frame) -> usize {
    delay(1, f.kind.len()).await
}

both! {
    async fn borrowed_constant_constructors / borrowed_constant_constructors_native () -> usize {
        let _local = D("local");
        let a = d_len(&D("in a let")).await;
        d_len(&D("in a statement")).await;
        let b = send_frame(&Frame { kind: "ping" }).await + d_len(&D("beside")).await;
        log(format!("{a} {b}"));
        a + b
    }
}

/// A constant constructor borrowed by an awaited call (`len(&D("x")).await`): a temporary
/// (rustc promotes one only when its type has no drop glue of its own, which the macro cannot
/// see), kept to the end of the statement: it compiled only when made by a call before.
#[test]
fn a_borrowed_constant_constructor_lives_to_the_end_of_its_statement() {
    take_log();
    assert_eq!(common::block_on(borrowed_constant_constructors()), 18);
    let ours = take_log();
    assert_eq!(
        common::block_on(borrowed_constant_constructors_native()),
        18
    );
    assert_eq!(ours, take_log());
    cancels_like_native(
        borrowed_constant_constructors,
        borrowed_constant_constructors_native,
        8,
    );
}

#[derive(Clone, Copy)]
struct Wc(u64);

async fn wc_get(w: &Wc) -> u64 {
    delay(1, w.0).await
}

both! {
    async fn promoted_after_a_closure / promoted_after_a_closure_native (v: Vec<u64>) -> u64 {
        v.iter().map(|x| x * 2).sum::<u64>() + wc_get(&Wc(1)).await
    }
}

/// After an operand the lowering cannot bind first (a closure), a constant constructor is
/// left to rustc's promotion, as before (found by review: made a temporary there, it was
/// dropped at the point, E0716).
#[test]
fn a_constant_constructor_after_a_closure_is_still_promoted() {
    assert_eq!(common::block_on(promoted_after_a_closure(vec![1, 2])), 7);
    assert_eq!(
        common::block_on(promoted_after_a_closure_native(vec![1, 2])),
        7
    );
}

/// Reads `src` a byte per suspension, advancing the slice it is given (as `AsyncRead for
/// &[u8]` does).
async fn read_all_from(src: &mut &[u8], out: &mut Vec<u8>) -> usize {
    let mut n = 0;
    while let Some((&b, rest)) = src.split_first() {
        delay(1, ()).await;
        out.push(b);
        *src = rest;
        n += 1;
    }
    n
}

// A reference borrowed again (`&mut &buf[..]`, a reader over a slice): the inner reference
// is a temporary of the statement, kept across its await (E0716 before).
both! { async fn reborrowed_slice / reborrowed_slice_native(text: &'static str) -> (usize, Vec<u8>) {
    let buf = text.as_bytes().to_vec();
    let mut out = Vec::new();
    let n = read_all_from(&mut &buf[1..], &mut out).await;
    let m = read_all_from(&mut &b"xy"[..], &mut out).await + n;
    (m, out)
}}

#[test]
fn a_reference_borrowed_again_lives_across_the_await() {
    assert_eq!(
        common::block_on(reborrowed_slice("abc")),
        (4, b"bcxy".to_vec())
    );
    cancels_like_native(
        || reborrowed_slice("abc"),
        || reborrowed_slice_native("abc"),
        6,
    );
}

async fn bump_d(d: &mut D) -> usize {
    delay(1, ()).await;
    log(format!("bump {}", d.0));
    d.0.len()
}

async fn bump_n(n: &mut u32) -> u32 {
    delay(1, ()).await;
    *n += 1;
    *n
}

fn both_of<A, B>(a: A, b: B) -> (A, B) {
    (a, b)
}

// A constant borrowed mutably (`&mut 0`, `&mut D("t")`) is never promoted: a temporary of
// its statement, also in a block's tail that is an operand (E0716 before).
both! { async fn mutably_borrowed_constants / mutably_borrowed_constants_native(n: u32) -> (u32, u32, usize) {
    let (a, b) = both_of(n, { let k = 1; bump_n(&mut 0).await * k });
    let c = both_of(bump_d(&mut D("t")).await, D("u")).0;
    log("end");
    (a, b, c)
}}

#[test]
fn a_constant_borrowed_mutably_is_a_temporary() {
    take_log();
    assert_eq!(common::block_on(mutably_borrowed_constants(5)), (5, 1, 1));
    assert_eq!(take_log(), ["bump t", "drop u", "drop t", "end"]);
    cancels_like_native(
        || mutably_borrowed_constants(5),
        || mutably_borrowed_constants_native(5),
        4,
    );
}

async fn add_to(r: &mut u32, v: u32) -> u32 {
    delay(1, ()).await;
    *r += v;
    *r
}

// `&mut X` borrows the local `X` (however it is spelled), never a copy of it.
#[allow(non_snake_case)]
async fn uppercase_local_native() -> u32 {
    let mut X: u32 = 1;
    let r = add_to(&mut X, delay(1, 5u32).await).await;
    X * 100 + r
}

#[allow(non_snake_case)]
#[stackless::coroutine]
async fn uppercase_local() -> u32 {
    let mut X: u32 = 1;
    let r = add_to(&mut X, delay(1, 5u32).await).await;
    X * 100 + r
}

#[test]
fn a_mutable_borrow_of_an_uppercase_local_is_no_temporary() {
    assert_eq!(common::block_on(uppercase_local()), 606);
    assert_eq!(common::block_on(uppercase_local_native()), 606);
}

// An awaited value used as a place (`f().await.0.len()`) is a temporary of its statement,
// as one made after the point is (`made("after").0.len()`): rustc drops them at the end of
// the statement in reverse order of creation, the later one first. (In edition 2021 the
// second, in the value the lowering left after the point, outlived the first.)
both! { async fn awaited_value_then_another / awaited_value_then_another_native(n: usize) -> usize {
    let a = delay(1, made("awaited")).await.0.len() + made("after").0.len() + n;
    log("first");
    let b = made("before").0.len() + delay(1, made("awaited 2")).await.0.len();
    log("second");
    a + b
}}

#[test]
fn an_awaited_value_used_as_a_place_outlives_the_later_temporaries() {
    take_log();
    assert_eq!(common::block_on(awaited_value_then_another(1)), 28);
    assert_eq!(
        take_log(),
        [
            "make awaited",
            "make after",
            "drop after",
            "drop awaited",
            "first",
            "make before",
            "make awaited 2",
            "drop awaited 2",
            "drop before",
            "second"
        ]
    );
    cancels_like_native(
        || awaited_value_then_another(1),
        || awaited_value_then_another_native(1),
        4,
    );
}

/// An `async fn` that reads what it is given after a suspension point of its own.
async fn peek_later<T: std::fmt::Debug>(t: &T) -> usize {
    delay(1, ()).await;
    format!("{t:?}").len()
}

#[derive(Debug)]
#[allow(dead_code)] // read through `Debug`
struct Reply {
    kind: D,
    n: u64,
}

// Found by the tokio-application hunt (`dst.write_frame(&Frame::Integer(n as u64)).await?`):
// a cast, a tuple or an array of values, or a struct literal made of a local's value, borrowed by an
// awaited call was E0716 (left in the step, freed at the point); rustc keeps it to the end
// of the statement, and drops it there.
both! {
    async fn borrowed_values_of_locals / borrowed_values_of_locals_native (n: u32) -> usize {
        let a = peek_later(&(n as u64)).await;
        let b = peek_later(&Some(n as u64)).await;
        let c = peek_later(&[n as u64, 2]).await;
        let d = peek_later(&(n as u64, n + 1, -(n as i64))).await;
        let e = peek_later(&Reply { kind: D("frame"), n: n.into() }).await;
        log("end");
        a + b + c + d + e
    }
}

#[test]
fn a_borrowed_value_made_of_locals_lives_to_the_end_of_its_statement() {
    cancels_like_native(
        || borrowed_values_of_locals(7),
        || borrowed_values_of_locals_native(7),
        12,
    );
}

fn total_len(x: &[&str]) -> usize {
    x.iter().map(|s| s.len()).sum()
}

// Found by the review: an array of references an expected type coerces (`&String`s as
// `&str`s) stays where it is written (a hidden local would have its own type, E0308).
both! {
    async fn coerced_elements / coerced_elements_native () -> usize {
        let (a, b) = (String::from("ab"), String::from("c"));
        let (ra, rb) = (&a, &b);
        let n = total_len(&[ra, rb]) + delay(1, 1).await;
        n + delay(1, total_len(&[ra, rb])).await
    }
}

#[test]
fn an_array_whose_elements_coerce_stays_in_place() {
    cancels_like_native(coerced_elements, coerced_elements_native, 3);
}

// Found by the tokio-application hunt (`let addr = args.port.map(|p| ..);` then
// `bind(&format!("127.0.0.1:{addr:?}")).await`): a `format!` naming a local made of a
// closure was taken to be of the closure's type too, so its temporary stayed in the step
// (E0716). A `format!` is a `String`.
both! {
    async fn format_of_a_closure_made_value / format_of_a_closure_made_value_native (arg: Option<u16>) -> usize {
        let port = arg.map(|p| p + 1);
        peek_later(&format!("{port:?}")).await
    }
}

#[test]
fn a_format_of_a_closure_made_value_lives_to_the_end_of_its_statement() {
    cancels_like_native(
        || format_of_a_closure_made_value(Some(7)),
        || format_of_a_closure_made_value_native(Some(7)),
        3,
    );
}

// Found by the rustc run-pass hunt: the left operand of `&&`/`||` is no temporary scope of
// its own (only the right one is), so a temporary it borrows lives to the end of the
// condition, across its `.await` (E0716 before: it was left in the step).
both! {
    async fn left_of_and_borrows_a_temporary / left_of_and_borrows_a_temporary_native (j: u32) -> usize {
        let mut n = 0;
        if peek_later(&bag("left").1).await > 0 && j == 1 {
            log("then");
            n += 1;
        }
        while peek_later(&bag("cond").1).await > 100 || n == 1 {
            n += 1;
        }
        n
    }
}

#[test]
fn a_temporary_of_the_left_of_and_lives_to_the_end_of_the_condition() {
    for j in [0, 1] {
        cancels_like_native(
            || left_of_and_borrows_a_temporary(j),
            || left_of_and_borrows_a_temporary_native(j),
            6,
        );
    }
}

// A block's tail that suspends keeps its temporaries to the end of the enclosing temporary
// scope, after the block's locals, as rustc does in this crate's edition (2021; 2024 drops
// them before the locals: `tests/edition2024`). Found by the rustc run-pass hunt: the
// machine dropped them in edition 2024's order in every crate.
async fn later_len(d: &D) -> usize {
    delay(1, d.len()).await
}

both! {
    async fn body_tail_temporary / body_tail_temporary_native (p: D) -> usize {
        let _a = D("local");
        later_len(&D("tail")).await + p.len()
    }
}

both! {
    async fn block_tail_temporary / block_tail_temporary_native (c: bool) -> usize {
        let n = { let _a = D("outer"); { let _b = D("inner"); later_len(&D("tail")).await } };
        log("after the let");
        let m = if c { let _t = D("then"); later_len(&D("then tail")).await } else { 0 };
        log("after the if");
        for i in 0..2 {
            let _l = D(if i == 0 { "first" } else { "second" });
            later_len(&D("loop tail")).await;
        }
        let k = (delay(1, 5).await, { let _x = D("x"); later_len(&D("operand tail")).await }, D("after").len());
        log("after the tuple");
        n + m + k.0 + k.1 + k.2
    }
}

// A tail after a point of its block (which the machine splits there): its temporaries too
// drop after the block's locals (conformance seed 1, program 42).
both! {
    async fn tail_after_a_point / tail_after_a_point_native () -> usize {
        let n = {
            let _a = D("local");
            delay(1, ()).await;
            D("tail").len()
        };
        log("after the let");
        n
    }
}

// A reference to a temporary as a block's tail is extended to the `let`'s scope (found by
// the reviewer: E0716 when the tail was given a block of its own).
both! {
    async fn extended_tail / extended_tail_native (c: bool) -> usize {
        let r = { let _a = D("local"); delay(1, ()).await; &String::from("extended") };
        let n = r.len();
        let s = if c { let _b = D("branch"); delay(1, ()).await; &String::from("tail") } else { &String::new() };
        log("after the lets");
        n + s.len()
    }
}

fn label_len(d: &D) -> usize {
    d.0.len()
}

fn twice(n: &usize) -> usize {
    n * 2
}

// A tail after a point whose temporary is borrowed by a call whose value is borrowed in
// turn (`twice(&label_len(&D(..)))`, the second reviewer's m_unsafe): the constructor's value
// stays a temporary of the tail, dropped after the block's locals.
both! {
    async fn nested_borrow_tail / nested_borrow_tail_native () -> usize {
        let n = { let _a = D("local"); delay(1, ()).await; twice(&label_len(&D("tmp"))) };
        log("after the let");
        n
    }
}

// A `match` as a block's tail with a point in an arm: its scrutinee's temporaries too drop
// after the block's locals (the first session-21 reviewer's B7; the lowering kept them to
// the `match`'s end, edition 2024's order).
both! {
    async fn match_tail / match_tail_native (d: D) -> usize {
        let n = {
            let _d = d;
            match D("scrutinee").len() {
                9 => {
                    let _q = D("arm");
                    delay(1, ()).await;
                    1
                }
                _ => 0,
            }
        };
        log("after the let");
        let _z = D("z");
        match (delay(1, ()).await, D("body scrutinee").len()).1 {
            14 => n + 1,
            _ => n,
        }
    }
}

fn label_of(c: bool) -> D {
    D(if c { "some" } else { "none" })
}

both! {
    async fn if_let_tail / if_let_tail_native (d: D, c: bool) -> usize {
        let _d = d;
        if let Some(n) = label_of(c).0.get(..4) {
            let _q = D("then");
            delay(1, ()).await;
            n.len()
        } else {
            delay(1, ()).await;
            0
        }
    }
}

// The scrutinee itself a temporary the patterns bind nothing of by value (the second
// session-21 reviewer's t7).
struct Label(String);

impl Drop for Label {
    fn drop(&mut self) {
        common::log(format!("drop label {}", self.0));
    }
}

fn label(s: &str) -> Label {
    Label(s.to_string())
}

both! {
    async fn match_on_a_temporary_tail / match_on_a_temporary_tail_native (d: D) -> usize {
        let _d = d;
        match label("scrutinee") {
            Label(ref s) => {
                delay(1, ()).await;
                s.len()
            }
        }
    }
}

#[stackless::coroutine]
fn yielded_from_a_tail() -> impl Iterator<Item = usize> {
    let n = {
        let _a = D("local");
        yield_!(D("tail").len())
    };
    log("after the let");
    n
}

#[test]
fn a_tail_temporary_outlives_the_block_locals_in_edition_2021() {
    cancels_like_native(
        || body_tail_temporary(D("param")),
        || body_tail_temporary_native(D("param")),
        2,
    );
    take_log();
    assert_eq!(common::block_on(body_tail_temporary(D("param"))), 9);
    assert_eq!(take_log(), ["drop local", "drop tail", "drop param"]);
    for c in [false, true] {
        cancels_like_native(
            || block_tail_temporary(c),
            || block_tail_temporary_native(c),
            12,
        );
    }
    cancels_like_native(tail_after_a_point, tail_after_a_point_native, 2);
    for c in [false, true] {
        cancels_like_native(|| extended_tail(c), || extended_tail_native(c), 6);
    }
    cancels_like_native(nested_borrow_tail, nested_borrow_tail_native, 2);
    cancels_like_native(|| match_tail(D("d")), || match_tail_native(D("d")), 4);
    for c in [false, true] {
        cancels_like_native(
            || if_let_tail(D("d"), c),
            || if_let_tail_native(D("d"), c),
            3,
        );
    }
    cancels_like_native(
        || match_on_a_temporary_tail(D("d")),
        || match_on_a_temporary_tail_native(D("d")),
        3,
    );
    take_log();
    assert_eq!(common::block_on(match_tail(D("d"))), 2);
    assert_eq!(
        take_log(),
        [
            "drop arm",
            "drop d",
            "drop scrutinee",
            "after the let",
            "drop z",
            "drop body scrutinee"
        ]
    );
    take_log();
    assert_eq!(common::block_on(tail_after_a_point()), 4);
    assert_eq!(take_log(), ["drop local", "drop tail", "after the let"]);
    let mut g = yielded_from_a_tail();
    take_log();
    assert_eq!(g.next(), Some(4));
    assert_eq!(take_log(), Vec::<String>::new());
    assert_eq!(g.next(), None);
    assert_eq!(take_log(), ["drop local", "drop tail", "after the let"]);
}
