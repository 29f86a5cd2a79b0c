//! The liveness rule at work: which locals a variant holds, observed through sizes and
//! drop logs.

mod common;
use common::{log, run, take_log, D};
use stackless::{yield_, Coroutine};
use std::mem::size_of_val;

#[stackless::coroutine]
fn mentioned_only_in_next_iteration() -> impl Iterator<Item = u32> {
    // `acc` is declared outside the loop and mentioned before the yield only: the next
    // iteration reads it, so it is carried.
    let mut acc = 0u32;
    for i in 0..3u32 {
        acc += i;
        yield_!(acc);
    }
}

#[test]
fn locals_used_by_the_next_iteration_are_carried() {
    assert_eq!(
        mentioned_only_in_next_iteration().collect::<Vec<_>>(),
        [0, 1, 3]
    );
}

#[stackless::coroutine]
fn declared_inside_loop() -> impl Iterator<Item = u32> {
    for i in 0..3u32 {
        let big = [i as u8; 512];
        let s = big[0] as u32 + big[511] as u32;
        yield_!(s);
    }
}

#[test]
fn locals_declared_inside_a_loop_die_with_their_iteration() {
    let g = declared_inside_loop();
    // the range iterator (8 bytes) + tag; `big` and `s` are dead at the yield.
    assert!(size_of_val(&g) <= 16, "{}", size_of_val(&g));
    assert_eq!(g.collect::<Vec<_>>(), [0, 2, 4]);
}

#[stackless::coroutine]
fn literal_not_carried() -> impl Iterator<Item = u64> {
    let unused_literal = 5u64;
    yield_!(1);
    yield_!(2);
    let _ = unused_literal;
}

#[test]
fn literal_locals_mentioned_later_are_carried_only_where_needed() {
    // `unused_literal` is mentioned at the end, so it is carried across both yields.
    assert_eq!(size_of_val(&literal_not_carried()), 16);
    assert_eq!(literal_not_carried().collect::<Vec<_>>(), [1, 2]);
}

#[stackless::coroutine]
fn unmentioned_literal() -> impl Iterator<Item = u64> {
    let _k = 7u64;
    yield_!(1);
}

#[test]
fn an_unmentioned_literal_is_not_a_guard() {
    assert_eq!(size_of_val(&unmentioned_literal()), 1);
}

#[stackless::coroutine]
fn guard_declared_in_branch(flag: bool) -> impl Iterator<Item = u8> {
    if flag {
        let _g = D("branch guard");
        yield_!(1);
        log("after 1");
    }
    yield_!(2);
}

#[test]
fn guard_in_a_branch_drops_when_the_branch_ends() {
    let (v, l) = run(guard_declared_in_branch(true));
    assert_eq!(v, [1, 2]);
    assert_eq!(l, ["after 1", "drop branch guard"]);
}

#[stackless::coroutine]
fn reassigned_after_yield() -> impl Coroutine<u32, Yield = u32, Return = u32> {
    let mut x = 10;
    x = yield_!(x);
    x += yield_!(x);
    x
}

#[test]
fn assignment_from_a_yield() {
    use stackless::CoroutineState::*;
    let mut co = std::pin::pin!(reassigned_after_yield());
    assert_eq!(co.as_mut().resume(0), Yielded(10));
    assert_eq!(co.as_mut().resume(3), Yielded(3));
    assert_eq!(co.as_mut().resume(4), Complete(7));
}

#[stackless::coroutine]
fn moved_then_reassigned() -> impl Iterator<Item = String> {
    // `s` is moved into the yielded value, then assigned afresh: its old value is dead at the
    // yield, only its binding is needed.
    let mut s = String::from("a");
    for _ in 0..3 {
        yield_!(s);
        s = String::from("b");
    }
}

#[test]
fn moved_value_reassigned_after_the_yield() {
    assert_eq!(moved_then_reassigned().collect::<Vec<_>>(), ["a", "b", "b"]);
}

#[stackless::coroutine]
fn same_name_different_scopes() -> impl Iterator<Item = u32> {
    let v = 1;
    {
        let v = 2;
        yield_!(v);
    }
    yield_!(v);
    for v in [3, 4] {
        yield_!(v);
    }
    yield_!(v);
}

#[test]
fn shadowing_in_nested_scopes_keeps_the_outer_value() {
    assert_eq!(
        same_name_different_scopes().collect::<Vec<_>>(),
        [2, 1, 3, 4, 1]
    );
}

#[stackless::coroutine]
fn guards_shadowed() -> impl Iterator<Item = u8> {
    let _g = D("first");
    let _g = D("second");
    yield_!(1);
    log("end");
}

#[test]
fn a_shadowed_guard_still_drops_at_scope_end() {
    let (v, l) = run(guards_shadowed());
    assert_eq!(v, [1]);
    assert_eq!(l, ["end", "drop second", "drop first"]);
}

#[stackless::coroutine]
fn closure_captures() -> impl Iterator<Item = u32> {
    let base = 10;
    let add = move |x: u32| x + base;
    yield_!(add(1));
    yield_!(add(2));
}

#[test]
fn closures_are_carried_like_any_local() {
    assert_eq!(closure_captures().collect::<Vec<_>>(), [11, 12]);
}

#[stackless::coroutine]
fn iterator_adapters(v: Vec<u32>) -> impl Iterator<Item = u32> {
    let it = v.into_iter().filter(|x| x % 2 == 1).map(|x| x * 10);
    for x in it {
        yield_!(x);
    }
}

#[test]
fn unnameable_iterator_types_in_slots() {
    assert_eq!(
        iterator_adapters(vec![1, 2, 3]).collect::<Vec<_>>(),
        [10, 30]
    );
}

#[stackless::coroutine]
fn format_capture(n: u32) -> impl Iterator<Item = String> {
    let name = String::from("item");
    for i in 0..n {
        yield_!(format!("{name}-{i}"));
    }
}

#[test]
fn inline_format_captures_count_as_mentions() {
    assert_eq!(format_capture(2).collect::<Vec<_>>(), ["item-0", "item-1"]);
}

#[stackless::coroutine]
fn struct_shorthand() -> impl Iterator<Item = (u8, u8)> {
    #[derive(Clone, Copy)]
    struct P {
        x: u8,
        y: u8,
    }
    let x = 1;
    let y = 2;
    yield_!((0, 0));
    let p = P { x, y };
    yield_!((p.x, p.y));
}

#[test]
fn struct_shorthand_fields_are_mentions() {
    assert_eq!(struct_shorthand().collect::<Vec<_>>(), [(0, 0), (1, 2)]);
}

#[stackless::coroutine]
fn arm_bindings(items: Vec<Result<D, D>>) -> impl Iterator<Item = &'static str> {
    for item in items {
        match item {
            Ok(d) => {
                yield_!(d.0);
                log(format!("ok {}", d.0));
            }
            Err(e) => yield_!(e.0),
        }
    }
}

#[test]
fn match_arm_bindings_carried_and_dropped_once() {
    let items = || vec![Ok(D("a")), Err(D("b")), Ok(D("c"))];
    let (v, l) = run(arm_bindings(items()));
    assert_eq!(v, ["a", "b", "c"]);
    assert_eq!(l, ["ok a", "drop a", "drop b", "ok c", "drop c"]);
    // Cancelled while suspended in the `Ok` arm: `d` and the unvisited items drop.
    take_log();
    let mut g = arm_bindings(items());
    assert_eq!(g.next(), Some("a"));
    drop(g);
    assert_eq!(take_log(), ["drop a", "drop b", "drop c"]);
}

#[stackless::coroutine]
fn overwritten_each_iteration(n: u64) -> impl Iterator<Item = u64> {
    let mut x: u64;
    let mut c = 0u64;
    while c < n {
        c += 1;
        x = c * 2;
        yield_!(x);
    }
}

#[test]
fn a_local_overwritten_in_the_next_iteration_is_not_carried() {
    // Only `c` and `n` are carried across the yield (+ tag); `x` is assigned before it is
    // read again, so its value is dead at the yield.
    let g = overwritten_each_iteration(3);
    assert!(size_of_val(&g) <= 24, "{}", size_of_val(&g));
    assert_eq!(g.collect::<Vec<_>>(), [2, 4, 6]);
}

#[stackless::coroutine]
fn overwritten_but_read_after_the_loop(n: u64) -> impl Iterator<Item = u64> {
    let mut x = 0u64;
    let mut c = 0u64;
    while c < n {
        c += 1;
        x = c * 2;
        yield_!(c);
    }
    yield_!(x + 100);
}

#[test]
fn a_local_read_after_the_loop_stays_carried() {
    assert_eq!(
        overwritten_but_read_after_the_loop(2).collect::<Vec<_>>(),
        [1, 2, 104]
    );
}

#[stackless::coroutine]
fn owned_round_trip(items: Vec<u32>) -> impl Iterator<Item = u32> {
    // `buf` is moved into each call and assigned back at once.
    let mut buf: Vec<u32> = Vec::new();
    for x in items {
        buf = push_and_return(buf, x);
        yield_!(buf.len() as u32);
    }
}

fn push_and_return(mut v: Vec<u32>, x: u32) -> Vec<u32> {
    v.push(x);
    v
}

#[test]
fn moved_out_and_assigned_back_in_a_loop() {
    assert_eq!(
        owned_round_trip(vec![5, 6, 7]).collect::<Vec<_>>(),
        [1, 2, 3]
    );
}

#[stackless::coroutine]
#[allow(unused_variables)]
fn unused_range_variable() -> impl Iterator<Item = u8> {
    for i in 0..3u64 {
        yield_!(1);
    }
}

#[test]
fn an_unused_range_loop_variable_is_not_kept_as_a_guard() {
    // The range iterator (16 bytes) and the tag; `i` (an integer) is not carried.
    let g = unused_range_variable();
    assert!(size_of_val(&g) <= 24, "{}", size_of_val(&g));
    assert_eq!(g.count(), 3);
}

#[stackless::coroutine]
#[allow(unused_variables)]
fn unused_parameters(n: u64, flag: &bool, guard: D) -> impl Iterator<Item = u8> + '_ {
    yield_!(1);
    log("after 1");
    yield_!(2);
}

#[test]
fn unused_parameters_without_drop_glue_are_not_kept_but_guards_are() {
    // `n` (u64) and `flag` (a reference) are dead after Start; `guard`, unmentioned, keeps
    // its drop at the end of the body.
    let f = true;
    let g = unused_parameters(1, &f, D("guard"));
    let (v, l) = run(g);
    assert_eq!(v, [1, 2]);
    assert_eq!(l, ["after 1", "drop guard"]);
}

fn bump(x: u64, by: u64) -> u64 {
    x + by
}

// Found by the conformance generator with unconditional jumps on: `x = bump(x, 2)` inside a
// loop that is a `let`'s value counted as a move of `x` that nothing gave back, so a point
// where only a shadowing `x` is in scope did not carry the outer one, while the next point
// carries it for its drop: the code saving it there named a local not in scope (E0425).
#[stackless::coroutine]
#[allow(clippy::never_loop)]
fn restored_in_a_loop_value(flag: bool) -> impl Iterator<Item = u64> {
    let mut x = 12u64.wrapping_mul(4);
    if flag {
        {
            let steps = 'l: loop {
                x = bump(x, 2);
                break 'l 1u64;
            };
            log(format!("{steps} {x}"));
        }
        {
            let x = 1u64;
            yield_!(x);
        }
    } else {
        yield_!(3);
        x = bump(x, 3);
        log(format!("{x}"));
        return;
    }
    yield_!(8);
}

#[test]
fn a_local_given_back_inside_a_loop_value_stays_in_scope() {
    assert_eq!(
        run(restored_in_a_loop_value(true)),
        (vec![1, 8], vec!["1 50".into()])
    );
    assert_eq!(
        run(restored_in_a_loop_value(false)),
        (vec![3], vec!["51".into()])
    );
}

#[derive(Debug)]
struct State(&'static str);

impl Drop for State {
    fn drop(&mut self) {
        log(format!("drop {}", self.0));
    }
}

fn step(s: State, i: u32) -> Option<State> {
    (i < 2).then_some(s)
}

// Found by review of the change above: `state = match step(state, i) { .., None => break };`
// inside a loop moves `state` and may leave the loop before the assignment; it was counted
// as giving the value back, so the point after the loop carried a moved-out local (E0382).
// So with a `break` inside a branch between the move and the assignment.
#[stackless::coroutine]
fn step_until_done(c: bool) -> impl Iterator<Item = u32> {
    let mut state = State("s0");
    let mut i = 0;
    loop {
        state = match step(state, i) {
            Some(s) => s,
            None => break,
        };
        i += 1;
    }
    yield_!(i);
    state = State("fresh");
    yield_!(state.0.len() as u32);
    let mut buf = State("b0");
    loop {
        i += 1;
        if c {
            drop(buf);
            if i > 3 {
                break;
            }
            buf = State("b1");
        }
        if i > 5 {
            break;
        }
    }
    yield_!(i);
    buf = State("b2");
    yield_!(buf.0.len() as u32);
}

#[test]
fn a_break_between_a_move_and_its_assignment_leaves_the_local_moved() {
    assert_eq!(step_until_done(true).collect::<Vec<_>>(), [2, 5, 4, 2]);
    assert_eq!(step_until_done(false).collect::<Vec<_>>(), [2, 5, 6, 2]);
}
