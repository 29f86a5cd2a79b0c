//! Resident locals (`macros/src/resident.rs`): a generator's yields that carry the same
//! locals resume them in place, through references to the state, instead of moving them out
//! and back. Values, drop order (completion, cancellation, leaving the group, panics) and the
//! shapes that must fall back to moving.

mod common;
use common::{cancel_after, log, run, take_log, D};
use stackless::{yield_, Coroutine, CoroutineState};
use std::pin::pin;

#[path = "../benches/producer.rs"]
mod producer;

#[test]
fn producer_matches_the_hand_written_iterator() {
    // 3000 crosses several `push`es, so the `String` grows while it stays in the state.
    for n in [0, 1, 2, 5, 999, 1000, 3000] {
        let ours: Vec<u64> = producer::producer(n).collect();
        let hand: Vec<u64> = producer::hand(n).collect();
        assert_eq!(ours, hand, "n = {n}");
    }
}

#[test]
fn producer_is_the_hand_written_struct_plus_a_tag() {
    // One variant holds the loop's locals (with a one-byte `__point`) and is resumed in place.
    // Its niche guard keeps the enum's tag out of the `String`'s capacity, so the tag is a
    // byte of its own (padded to 8) that a `push` cannot touch, and a `fold` tests it once,
    // not at every value (layout.rs). The nightly `gen` block of the same body is 48 bytes
    // too (benches/README.md).
    let m = producer::producer(10);
    assert_eq!(
        std::mem::size_of_val(&m),
        std::mem::size_of::<producer::HandProducer>() + std::mem::align_of::<u64>()
    );
}

/// Two yields in one loop with different continuations: the group's arm picks the branch by
/// `__point`.
#[stackless::coroutine]
fn two_steps(n: u32) -> impl Coroutine<u32, Yield = u32, Return = u32> {
    let mut total = 0u32;
    let mut i = 0;
    while i < n {
        total += yield_!(i);
        total *= 2;
        i += 1;
        total += yield_!(total);
    }
    total
}

/// `two_steps` written as a plain function of its resume arguments.
fn two_steps_reference(n: u32, args: &[u32]) -> (Vec<u32>, u32) {
    let mut args = args.iter().copied();
    let mut out = Vec::new();
    let (mut total, mut i) = (0u32, 0);
    while i < n {
        out.push(i);
        total += args.next().unwrap();
        total *= 2;
        i += 1;
        out.push(total);
        total += args.next().unwrap();
    }
    (out, total)
}

#[test]
fn points_of_one_group_resume_their_own_continuations() {
    let args: Vec<u32> = (1..=20).map(|k| k * 3 % 7).collect();
    for n in 0..=5 {
        let mut co = pin!(two_steps(n));
        let mut out = Vec::new();
        // The first resume's argument is dropped (the body has not started).
        let mut next = 0;
        let ret = loop {
            match co.as_mut().resume(next) {
                CoroutineState::Yielded(v) => out.push(v),
                CoroutineState::Complete(r) => break r,
            }
            next = args[out.len() - 1];
        };
        let (exp_out, exp_ret) = two_steps_reference(n, &args);
        assert_eq!(out, exp_out, "n = {n}");
        assert_eq!(ret, exp_ret, "n = {n}");
    }
}

#[stackless::coroutine]
fn held(n: u32) -> impl Iterator<Item = u32> {
    let a = D("a");
    let b = D("b");
    let mut i = 0;
    while i < n {
        log(format!("{}{}", a.0, b.0));
        yield_!(i);
        i += 1;
    }
    let z = D("z");
    log(format!("end {}", z.0));
}

#[test]
fn completion_drops_residents_after_the_later_locals() {
    let (v, l) = run(held(2));
    assert_eq!(v, [0, 1]);
    assert_eq!(l, ["ab", "ab", "end z", "drop z", "drop b", "drop a"]);
}

#[test]
fn cancellation_drops_residents_in_reverse_declaration_order() {
    for k in 1..=3 {
        let (v, l) = cancel_after(held(5), k);
        assert_eq!(v.len(), k);
        let mut exp = vec!["ab"; k];
        exp.extend(["drop b", "drop a"]);
        assert_eq!(l, exp, "cancelled after {k} resumes");
    }
    // Never started: nothing to drop.
    let (_, l) = cancel_after(held(5), 0);
    assert!(l.is_empty(), "{l:?}");
}

/// Parameters dead after the loop are still dropped after the body's locals, as an `async fn`
/// drops its parameters, in reverse declaration order, also when the yield after the loop
/// leaves the group (they were dropped at that yield before).
#[stackless::coroutine]
fn leaves_the_group(p: D, q: D, n: u32) -> impl Iterator<Item = u32> {
    let mut i = 0;
    while i < n {
        log(format!("{}{}", p.0, q.0));
        yield_!(i);
        i += 1;
    }
    let t = D("t");
    yield_!(100 + i);
    log(format!("after {}", t.0));
}

#[test]
fn leaving_the_group_drops_dead_residents_in_reverse_order() {
    let (v, l) = run(leaves_the_group(D("p"), D("q"), 2));
    assert_eq!(v, [0, 1, 102]);
    assert_eq!(
        l,
        ["pq", "pq", "after t", "drop t", "drop q", "drop p"],
        "the parameters live to the end"
    );
}

#[stackless::coroutine]
fn panics_in_the_loop(at: u32) -> impl Iterator<Item = u32> {
    let guard = D("guard");
    let mut i = 0;
    loop {
        if i == at {
            panic!("boom at {i}");
        }
        log(format!("{} {i}", guard.0));
        yield_!(i);
        i += 1;
    }
}

#[test]
fn a_panic_in_a_resumed_arm_drops_the_residents_and_poisons() {
    take_log();
    let mut it = panics_in_the_loop(2);
    assert_eq!(it.next(), Some(0));
    assert_eq!(it.next(), Some(1));
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| it.next()));
    assert!(r.is_err());
    // The guard was dropped while unwinding, not left in the state.
    assert_eq!(take_log(), ["guard 0", "guard 1", "drop guard"]);
    let again = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| it.next()));
    let msg = again.expect_err("resuming again panics");
    let msg = msg
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| msg.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap();
    assert_eq!(
        msg,
        "coroutine `panics_in_the_loop` resumed after panicking"
    );
    drop(it);
    assert!(take_log().is_empty(), "nothing dropped twice");
}

/// Generic locals stay in place too: `x.clone()` reads through the reference.
#[stackless::coroutine]
fn repeat<T: Clone>(x: T, n: usize) -> impl Iterator<Item = T> {
    let mut i = 0;
    while i < n {
        yield_!(x.clone());
        i += 1;
    }
}

#[test]
fn generic_residents() {
    assert_eq!(repeat("ab".to_string(), 3).collect::<Vec<_>>(), ["ab"; 3]);
    assert_eq!(repeat(7u8, 0).count(), 0);
}

struct Bag {
    items: Vec<u32>,
}

impl Bag {
    /// `&self`: the receiver is read in place through a shared reference.
    #[stackless::coroutine]
    fn sizes(&self) -> impl Iterator<Item = usize> + '_ {
        let mut k = 0;
        while k < self.items.len() {
            yield_!(self.items.len() - k);
            k += 1;
        }
    }

    /// `&mut self` written through: not resident (moved out and back, as before).
    #[stackless::coroutine]
    fn drain(&mut self) -> impl Iterator<Item = u32> + '_ {
        while let Some(x) = self.items.pop() {
            yield_!(x);
        }
    }
}

#[test]
fn methods() {
    let mut bag = Bag {
        items: vec![1, 2, 3],
    };
    assert_eq!(bag.sizes().collect::<Vec<_>>(), [3, 2, 1]);
    assert_eq!(bag.drain().collect::<Vec<_>>(), [3, 2, 1]);
    assert!(bag.items.is_empty());
}

// Shapes whose locals must not be resident: each compiles (moving the local between the
// state and the step, as without this optimisation) and gives the native result. (The
// first is resident: a local moved out by the body's final expression is taken out of the
// state there.)

#[stackless::coroutine]
fn moved_after_the_loop(n: u32) -> impl Coroutine<Yield = u32, Return = Vec<u32>> {
    let mut v = Vec::new();
    let mut i = 0;
    while i < n {
        v.push(i);
        yield_!(i);
        i += 1;
    }
    v
}

#[stackless::coroutine]
fn captured_by_a_closure(n: u32) -> impl Iterator<Item = u32> {
    let offset = 10;
    let mut i = 0;
    while i < n {
        let add = move |x: u32| x + offset;
        yield_!(add(i));
        i += 1;
    }
}

#[stackless::coroutine]
fn holds_a_mut_reference(v: &mut Vec<u32>) -> impl Iterator<Item = usize> + '_ {
    let out = v;
    let mut i = 0;
    while i < 3 {
        out.push(i);
        yield_!(out.len());
        i += 1;
    }
}

#[stackless::coroutine]
fn field_moved_out(n: u32) -> impl Iterator<Item = String> {
    let pair = (String::from("a"), String::from("b"));
    let mut i = 0;
    while i < n {
        yield_!(pair.0.clone());
        i += 1;
    }
    let (_, second) = pair;
    yield_!(second);
}

#[stackless::coroutine]
fn consumed_by_a_method(n: u32) -> impl Iterator<Item = u32> {
    let mut it = (0..n).collect::<Vec<_>>().into_iter().rev();
    let mut i = 0;
    while i < n {
        yield_!(it.next().unwrap_or(99));
        i += 1;
    }
    yield_!(it.map(|x| x + 1).sum());
}

#[stackless::coroutine]
fn shadowed(n: u32) -> impl Iterator<Item = u32> {
    let x = 1;
    let mut i = 0;
    while i < n {
        yield_!(x + i);
        i += 1;
    }
    let x = 100;
    yield_!(x);
}

#[test]
fn fallbacks_give_the_native_results() {
    let mut co = pin!(moved_after_the_loop(3));
    let mut ys = Vec::new();
    let ret = loop {
        match co.as_mut().resume(()) {
            CoroutineState::Yielded(y) => ys.push(y),
            CoroutineState::Complete(r) => break r,
        }
    };
    assert_eq!((ys, ret), (vec![0, 1, 2], vec![0, 1, 2]));
    assert_eq!(captured_by_a_closure(3).collect::<Vec<_>>(), [10, 11, 12]);
    let mut v = vec![7];
    assert_eq!(holds_a_mut_reference(&mut v).collect::<Vec<_>>(), [2, 3, 4]);
    assert_eq!(v, [7, 0, 1, 2]);
    assert_eq!(field_moved_out(2).collect::<Vec<_>>(), ["a", "a", "b"]);
    assert_eq!(consumed_by_a_method(3).collect::<Vec<_>>(), [2, 1, 0, 0]);
    assert_eq!(shadowed(2).collect::<Vec<_>>(), [1, 2, 100]);
}

// Locals of nested blocks (a `for` loop's iterator) and `Copy` locals of any block (a `for`
// loop's variable over a range): the group's arm leaves the state where the block ends.

#[test]
fn a_for_loop_resumes_in_place() {
    for n in [0, 1, 7, 2500] {
        let ours: Vec<u64> = producer::producer_for(n).collect();
        let hand: Vec<u64> = producer::hand(n).collect();
        assert_eq!(ours, hand, "n = {n}");
    }
}

#[stackless::coroutine]
fn breaks_early(items: Vec<D>, stop: u32) -> impl Iterator<Item = &'static str> {
    let mut seen = 0u32;
    for d in items {
        yield_!(d.0);
        seen += 1;
        if seen == stop {
            break;
        }
    }
    log("after the loop");
    yield_!("end");
}

#[test]
fn the_iterator_drops_when_its_loop_ends() {
    let items = || vec![D("a"), D("b"), D("c"), D("d")];
    let (v, l) = run(breaks_early(items(), 2));
    assert_eq!(v, ["a", "b", "end"]);
    // Each item is dead at its yield; the rest go with the iterator when the loop ends.
    assert_eq!(
        l,
        ["drop a", "drop b", "drop c", "drop d", "after the loop"]
    );
    for k in 0..=3 {
        let (v, l) = cancel_after(breaks_early(items(), 2), k);
        assert_eq!(v.len(), k);
        let exp: &[&str] = match k {
            0 => &["drop a", "drop b", "drop c", "drop d"],
            1 => &["drop a", "drop b", "drop c", "drop d"],
            2 => &["drop a", "drop b", "drop c", "drop d"],
            _ => &["drop a", "drop b", "drop c", "drop d", "after the loop"],
        };
        assert_eq!(l, exp, "cancelled after {k} resumes");
    }
}

/// The loop variable is copied out of the state and written back; the two yields resume
/// different code.
#[stackless::coroutine]
fn each_twice(n: u32) -> impl Iterator<Item = u32> {
    let mut total = 0u32;
    for i in 0..n {
        yield_!(i);
        total += i;
        yield_!(i * 10 + total);
    }
}

#[test]
fn copied_loop_variables() {
    let mut exp = Vec::new();
    let mut total = 0;
    for i in 0..5 {
        exp.push(i);
        total += i;
        exp.push(i * 10 + total);
    }
    assert_eq!(each_twice(5).collect::<Vec<_>>(), exp);
}

struct Acc {
    n: u32,
    name: &'static str,
}

impl Drop for Acc {
    fn drop(&mut self) {
        log(format!("drop {} at {}", self.name, self.n));
    }
}

#[stackless::coroutine]
fn block_then_more(k: u32) -> impl Iterator<Item = String> {
    let outer = D("outer");
    {
        let mut acc = Acc { n: 0, name: "acc" };
        let mut j = 0;
        while j < k {
            yield_!(format!("{} {}", acc.n, outer.0));
            acc.n += 2;
            j += 1;
        }
        log(format!("block ends with {}", acc.n));
    }
    log("after the block");
    yield_!(outer.0.to_string());
}

#[test]
fn a_block_local_drops_when_its_block_ends() {
    let (v, l) = run(block_then_more(3));
    assert_eq!(v, ["0 outer", "2 outer", "4 outer", "outer"]);
    assert_eq!(
        l,
        [
            "block ends with 6",
            "drop acc at 6",
            "after the block",
            "drop outer"
        ]
    );
    let (v, l) = cancel_after(block_then_more(3), 2);
    assert_eq!(v.len(), 2);
    assert_eq!(l, ["drop acc at 2", "drop outer"]);
}

/// The inner loop's iterator is declared again at each outer iteration: the new one
/// overwrites the old (a `Range` has no drop glue) while the arm stays in place.
#[stackless::coroutine]
fn pairs(n: u32, m: u32) -> impl Iterator<Item = (u32, u32, usize)> {
    let mut log = String::new();
    for i in 0..n {
        for j in i..m {
            yield_!((i, j, log.len()));
            log.push('.');
        }
        log.push('|');
    }
}

#[test]
fn nested_for_loops() {
    let mut exp = Vec::new();
    let mut log = String::new();
    for i in 0..4 {
        for j in i..5 {
            exp.push((i, j, log.len()));
            log.push('.');
        }
        log.push('|');
    }
    assert_eq!(pairs(4, 5).collect::<Vec<_>>(), exp);
    assert_eq!(pairs(0, 5).count(), 0);
    assert_eq!(pairs(3, 0).count(), 0);
}

/// A `break` to a label outside the `for` loop's block: the iterator is not resident (the
/// arm could not leave the state where the block ends), the group falls back to moving.
#[stackless::coroutine]
fn breaks_out_of_the_block(n: u32) -> impl Iterator<Item = u32> {
    let mut s = String::new();
    'outer: {
        for i in 0..n {
            if i == 2 {
                break 'outer;
            }
            s.push('a');
            yield_!(i);
        }
        s.push('b');
    }
    yield_!(s.len() as u32);
}

/// `return` from inside the loop, with the iterator and a guard in the state: the iterator
/// (declared later) drops first, as leaving their scopes would.
#[stackless::coroutine]
fn returns_from_the_loop(items: Vec<D>) -> impl Coroutine<Yield = &'static str, Return = u32> {
    let guard = D("guard");
    let mut k = 0u32;
    for d in items {
        yield_!(d.0);
        k += 1;
        if k == 2 {
            return k;
        }
    }
    log(format!("{} done", guard.0));
    0
}

#[test]
fn leaving_by_break_and_return() {
    assert_eq!(breaks_out_of_the_block(5).collect::<Vec<_>>(), [0, 1, 2]);
    assert_eq!(breaks_out_of_the_block(1).collect::<Vec<_>>(), [0, 2]);

    take_log();
    let mut co = pin!(returns_from_the_loop(vec![D("a"), D("b"), D("c")]));
    let mut ys = Vec::new();
    let ret = loop {
        match co.as_mut().resume(()) {
            CoroutineState::Yielded(y) => ys.push(y),
            CoroutineState::Complete(r) => break r,
        }
    };
    assert_eq!((ys, ret), (vec!["a", "b"], 2));
    assert_eq!(take_log(), ["drop a", "drop b", "drop c", "drop guard"]);
}

#[derive(Debug, PartialEq)]
enum Phase {
    Warm,
    Run,
    Cool,
}

/// A non-`Copy` enum local matched in place (no arm binds by value) and assigned.
#[stackless::coroutine]
fn phases(n: u32) -> impl Iterator<Item = String> {
    let mut phase = Phase::Warm;
    let mut k = 0;
    while k < n {
        match phase {
            Phase::Warm => {
                yield_!(format!("warm {k}"));
                phase = Phase::Run;
            }
            Phase::Run if k % 3 == 2 => {
                yield_!(format!("run {k}, then cool"));
                phase = Phase::Cool;
            }
            Phase::Run => yield_!(format!("run {k}")),
            Phase::Cool => {
                yield_!(format!("cool {k}"));
                phase = Phase::Warm;
            }
        }
        if let Phase::Cool = phase {
            yield_!(String::from("cooling"));
        }
        k += 1;
    }
    yield_!(format!("{phase:?}"));
}

#[test]
fn an_enum_state_matched_in_place() {
    let got: Vec<String> = phases(5).collect();
    assert_eq!(
        got,
        [
            "warm 0",
            "run 1",
            "run 2, then cool",
            "cooling",
            "cool 3",
            "warm 4",
            "Run"
        ]
    );
}

/// The state is read by a `match` that moves nothing out of it, and changed between yields.
#[stackless::coroutine]
fn stepper(n: u32) -> impl Iterator<Item = u32> {
    let mut phase = Phase::Warm;
    let mut k = 0;
    while k < n {
        match phase {
            Phase::Warm => k += 1,
            Phase::Run => k += 2,
            Phase::Cool => k += 3,
        }
        yield_!(k);
        if k > 6 {
            phase = Phase::Cool;
        } else if k > 2 {
            phase = Phase::Run;
        }
    }
}

#[test]
fn a_state_matched_in_place_between_yields() {
    assert_eq!(
        stepper(20).collect::<Vec<_>>(),
        [1, 2, 3, 5, 7, 10, 13, 16, 19, 22]
    );
}

/// The final expression moves one resident out; the others drop when the body ends, after
/// it is evaluated.
#[stackless::coroutine]
fn returns_one_held(n: u32) -> impl Coroutine<Yield = u32, Return = (D, u32)> {
    let a = D("a");
    let kept = D("kept");
    let mut k = 0;
    while k < n {
        log(format!("{} {}", a.0, kept.0));
        yield_!(k);
        k += 1;
    }
    (kept, k)
}

#[test]
fn the_final_expression_moves_a_resident_out() {
    for n in [0, 1, 3] {
        take_log();
        let mut co = pin!(returns_one_held(n));
        let mut ys = Vec::new();
        let (kept, k) = loop {
            match co.as_mut().resume(()) {
                CoroutineState::Yielded(y) => ys.push(y),
                CoroutineState::Complete(r) => break r,
            }
        };
        assert_eq!(ys.len() as u32, n);
        assert_eq!((kept.0, k), ("kept", n));
        let mut exp = vec!["a kept"; n as usize];
        exp.push("drop a");
        assert_eq!(take_log(), exp, "n = {n}");
        drop(kept);
        assert_eq!(take_log(), ["drop kept"]);
    }
}

/// An async generator: its yields resume in place (its awaits move the locals, as before).
#[stackless::coroutine]
fn stream_of(n: u32) -> impl futures_core::Stream<Item = String> {
    let guard = D("stream guard");
    let mut s = String::new();
    for i in 0..n {
        s.push('s');
        yield_!(format!("{s}{i}"));
        if i % 2 == 1 {
            stackless::rt::yield_now().await;
        }
        yield_!(format!("{}", guard.0.len()));
    }
}

#[test]
fn a_stream_resumes_its_yields_in_place() {
    use std::task::{Context, Poll, Waker};
    let mut cx = Context::from_waker(Waker::noop());
    for cancel_at in [2usize, 5, usize::MAX] {
        take_log();
        let mut st = Box::pin(stream_of(3));
        let mut got = Vec::new();
        loop {
            if got.len() == cancel_at {
                break;
            }
            match futures_core::Stream::poll_next(st.as_mut(), &mut cx) {
                Poll::Ready(Some(v)) => got.push(v),
                Poll::Ready(None) => break,
                Poll::Pending => {}
            }
        }
        drop(st);
        let all = ["s0", "12", "ss1", "12", "sss2", "12"];
        let k = cancel_at.min(all.len());
        assert_eq!(got, all[..k], "cancel at {cancel_at}");
        assert_eq!(take_log(), ["drop stream guard"], "cancel at {cancel_at}");
    }
}

/// `write!` to a parameter that is a `&mut` (an immutable binding): written through, so not
/// resident (a shared reference to it could not be written through).
#[stackless::coroutine]
fn writes(out: &mut String, n: u32) -> impl Iterator<Item = usize> + '_ {
    use std::fmt::Write;
    let mut i = 0;
    while i < n {
        write!(out, "{i}").unwrap();
        yield_!(out.len());
        i += 1;
    }
}

/// `write!` to a `mut` local of the body: resident.
#[stackless::coroutine]
fn writes_local(n: u32) -> impl Iterator<Item = String> {
    use std::fmt::Write;
    let mut s = String::new();
    let mut i = 0;
    while i < n {
        writeln!(s, "{i}").unwrap();
        yield_!(s.clone());
        i += 1;
    }
}

#[test]
fn write_macros() {
    let mut out = String::from(">");
    assert_eq!(writes(&mut out, 3).collect::<Vec<_>>(), [2, 3, 4]);
    assert_eq!(out, ">012");
    assert_eq!(writes_local(2).collect::<Vec<_>>(), ["0\n", "0\n1\n"]);
}

/// `ref mut` in an `if let` on a `&mut` held by an immutable binding writes through it.
#[stackless::coroutine]
fn ref_mut_match(slot: &mut Option<u32>, n: u32) -> impl Iterator<Item = String> + '_ {
    let mut k = 0;
    while k < n {
        if let Some(ref mut v) = *slot {
            *v += 1;
        }
        yield_!(format!("{slot:?}"));
        k += 1;
    }
}

#[test]
fn ref_mut_patterns() {
    let mut slot = Some(10);
    assert_eq!(
        ref_mut_match(&mut slot, 2).collect::<Vec<_>>(),
        ["Some(11)", "Some(12)"]
    );
    assert_eq!(slot, Some(12));
}

/// Two-phase borrows through the reference: `v.push(v.len())`.
#[stackless::coroutine]
fn two_phase(n: usize) -> impl Iterator<Item = usize> {
    let mut v: Vec<usize> = Vec::new();
    while v.len() < n {
        v.push(v.len() * 2);
        yield_!(v[v.len() - 1]);
    }
}

#[test]
fn two_phase_borrows() {
    assert_eq!(two_phase(4).collect::<Vec<_>>(), [0, 2, 4, 6]);
}

// Locals declared in the loop, after the residents, of types the macro cannot know: the arm
// takes them out of the group's variant (a `Taken` cell) and puts the next ones back.

pub struct Node {
    val: u64,
    children: Vec<usize>,
}

#[stackless::coroutine]
fn dfs(nodes: &[Node]) -> impl Iterator<Item = u64> + '_ {
    let mut stack = vec![0usize];
    while let Some(i) = stack.pop() {
        yield_!(nodes[i].val);
        stack.extend(nodes[i].children.iter().rev().copied());
    }
}

#[test]
fn a_while_let_binding_is_taken_out_and_put_back() {
    let nodes: Vec<Node> = (0..7)
        .map(|i| Node {
            val: i as u64 * 10,
            children: (1..=2).map(|k| 2 * i + k).filter(|&c| c < 7).collect(),
        })
        .collect();
    assert_eq!(dfs(&nodes).collect::<Vec<_>>(), [0, 10, 30, 40, 20, 50, 60]);
    // `stack` (24 bytes), `nodes` (16), `i` (8) and the tag (padded to 8: the niche guard
    // keeps it out of the `Vec`'s capacity, which `extend` writes).
    assert_eq!(size_of_val(&dfs(&nodes)), 56);
}

#[stackless::coroutine]
fn per_item(names: Vec<&'static str>) -> impl Iterator<Item = usize> {
    let mut seen = Vec::new();
    let mut it = names.into_iter();
    while let Some(n) = it.next() {
        let d = D(n);
        yield_!(seen.len());
        seen.push(d.0.len());
        if d.0 == "boom" {
            panic!("boom");
        }
        drop(d);
        yield_!(seen.len() * 10);
    }
}

#[test]
fn taken_locals_drop_at_scope_end_on_cancellation_and_on_panic() {
    let (v, log) = run(per_item(vec!["a", "bb"]));
    assert_eq!(v, [0, 10, 1, 20]);
    assert_eq!(log, ["drop a", "drop bb"]);
    // Dropped while parked with `d` in the variant: `d` is dropped, before `seen`.
    for (k, want) in [
        (0, &[][..]),
        (1, &["drop a"][..]),
        (2, &["drop a"][..]),
        (3, &["drop a", "drop bb"][..]),
    ] {
        let (_, log) = cancel_after(per_item(vec!["a", "bb"]), k);
        assert_eq!(log, want, "after {k}");
    }
    // A panic after `d` was taken out: unwinding drops it once.
    take_log();
    let mut it = per_item(vec!["boom", "x"]);
    assert_eq!(it.next(), Some(0));
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| it.next()));
    assert!(r.is_err());
    assert_eq!(take_log(), ["drop boom"]);
    drop(it);
    assert_eq!(take_log(), Vec::<String>::new());
}

fn dv(d: &D) -> i64 {
    d.0.len() as i64
}

trait Len {
    fn v(&self) -> i64;
}

impl Len for D {
    fn v(&self) -> i64 {
        self.0.len() as i64 * 10
    }
}

/// Found by the conformance suite's block forms: a `mut` resident local mentioned twice in
/// the body's final expression, once by value (a method the macro does not know), once by
/// reference, was reached once through its storage and once through the `&mut` to it (E0502).
#[stackless::coroutine]
fn final_expression_twice(mut p: D) -> impl Coroutine<i64, Yield = i64, Return = i64> {
    if dv(&p) > yield_!(1) {
        p = D("again");
    }
    yield_!(2) + p.v() - dv(&p)
}

#[test]
fn a_mut_resident_local_mentioned_twice_in_the_final_expression() {
    take_log();
    let mut c = pin!(final_expression_twice(D("abc")));
    assert_eq!(c.as_mut().resume(0), CoroutineState::Yielded(1));
    assert_eq!(c.as_mut().resume(0), CoroutineState::Yielded(2));
    assert_eq!(take_log(), ["drop abc"]);
    assert_eq!(c.as_mut().resume(7), CoroutineState::Complete(7 + 50 - 5));
    assert_eq!(take_log(), ["drop again"]);
}
