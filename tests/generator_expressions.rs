//! `yield_!` in expression position: evaluation order, short-circuiting, resume values.

mod common;
use common::{log, take_log};
use stackless::{yield_, Coroutine, CoroutineState::*};
use std::pin::pin;

fn drive<C: Coroutine<i32, Yield = i32>>(co: C, args: &[i32]) -> (Vec<i32>, Option<C::Return>) {
    let mut co = pin!(co);
    let mut out = Vec::new();
    let mut args = args.iter().copied();
    let mut state = co.as_mut().resume(0);
    loop {
        match state {
            Yielded(y) => out.push(y),
            Complete(r) => return (out, Some(r)),
        }
        let Some(a) = args.next() else {
            return (out, None);
        };
        state = co.as_mut().resume(a);
    }
}

fn t(name: &str, v: i32) -> i32 {
    log(format!("{name}={v}"));
    v
}

#[stackless::coroutine]
fn arithmetic() -> impl Coroutine<i32, Yield = i32, Return = i32> {
    let x = yield_!(1) * 10 + yield_!(2);
    x
}

#[test]
fn operands_left_to_right() {
    assert_eq!(drive(arithmetic(), &[3, 4]), (vec![1, 2], Some(34)));
}

#[stackless::coroutine]
fn order_of_calls() -> impl Coroutine<i32, Yield = i32, Return = i32> {
    let r = t("a", 1) + t("b", yield_!(2)) * t("c", 3) - t("d", yield_!(4));
    r
}

#[test]
fn calls_evaluated_in_source_order_around_yields() {
    take_log();
    assert_eq!(
        drive(order_of_calls(), &[20, 40]),
        (vec![2, 4], Some(1 + 20 * 3 - 40))
    );
    assert_eq!(take_log(), ["a=1", "b=20", "c=3", "d=40"]);
}

#[stackless::coroutine]
fn short_circuit(flag: bool) -> impl Coroutine<i32, Yield = i32, Return = (bool, bool)> {
    let and = flag && yield_!(1) > 0;
    let or = flag || yield_!(2) > 0;
    (and, or)
}

#[test]
fn and_or_short_circuit() {
    // flag = true: `&&` evaluates its right side, `||` does not.
    assert_eq!(
        drive(short_circuit(true), &[5]),
        (vec![1], Some((true, true)))
    );
    // flag = false: `&&` does not, `||` does.
    assert_eq!(
        drive(short_circuit(false), &[0]),
        (vec![2], Some((false, false)))
    );
}

#[stackless::coroutine]
fn arguments_and_methods() -> impl Coroutine<i32, Yield = i32, Return = Vec<i32>> {
    let mut v = Vec::new();
    v.push(yield_!(1));
    v.push(t("x", 7) + yield_!(2));
    let mut w = vec![yield_!(3), t("y", 8), yield_!(4)];
    w.retain(|_| true);
    v.extend(w.iter().map(|x| x * 2));
    v.push(std::cmp::max(yield_!(5), t("z", 0)));
    v
}

#[test]
fn yields_as_call_and_method_arguments() {
    take_log();
    let (ys, r) = drive(arguments_and_methods(), &[10, 20, 30, 40, 50]);
    assert_eq!(ys, [1, 2, 3, 4, 5]);
    assert_eq!(r, Some(vec![10, 27, 60, 16, 80, 50]));
    assert_eq!(take_log(), ["x=7", "y=8", "z=0"]);
}

#[stackless::coroutine]
fn in_conditions_and_scrutinees() -> impl Coroutine<i32, Yield = i32, Return = String> {
    let mut out = String::new();
    if yield_!(1) > 0 {
        out.push('p');
    } else {
        out.push('n');
    }
    match yield_!(2) {
        0 => out.push('0'),
        x if x < 0 => out.push('-'),
        _ => out.push('+'),
    }
    let s = match yield_!(3) {
        1 => "one",
        _ => "many",
    };
    out.push_str(s);
    out
}

#[test]
fn yields_in_if_conditions_and_match_scrutinees() {
    let (ys, r) = drive(in_conditions_and_scrutinees(), &[1, -3, 1]);
    assert_eq!((ys, r.as_deref()), (vec![1, 2, 3], Some("p-one")));
    let (_, r) = drive(in_conditions_and_scrutinees(), &[0, 0, 9]);
    assert_eq!(r.as_deref(), Some("n0many"));
}

struct Acc {
    items: Vec<i32>,
}

#[stackless::coroutine]
fn fields_tuples_structs() -> impl Coroutine<i32, Yield = i32, Return = (i32, i32, i32)> {
    let mut acc = Acc {
        items: vec![yield_!(1)],
    };
    acc.items.push(yield_!(2));
    let pair = (acc.items[0] + yield_!(3), acc.items[1]);
    let arr = [yield_!(4); 2];
    (pair.0, pair.1, arr[0] + arr[1] + acc.items.len() as i32)
}

#[test]
fn yields_in_struct_literals_tuples_arrays() {
    assert_eq!(
        drive(fields_tuples_structs(), &[1, 2, 3, 4]),
        (vec![1, 2, 3, 4], Some((4, 2, 10)))
    );
}

#[stackless::coroutine]
fn assignments() -> impl Coroutine<i32, Yield = i32, Return = i32> {
    let mut x = 1;
    x += yield_!(x);
    x *= yield_!(x);
    let mut arr = [0; 3];
    arr[1] = yield_!(x);
    x - arr[1]
}

#[test]
fn yields_on_the_right_of_assignments() {
    assert_eq!(drive(assignments(), &[2, 5, 4]), (vec![1, 3, 15], Some(11)));
}

#[stackless::coroutine]
fn nested_yields() -> impl Coroutine<i32, Yield = i32, Return = i32> {
    // The resume value of the inner yield is yielded by the outer one.
    let x = yield_!(yield_!(1) + 1);
    x
}

#[test]
fn yield_of_a_yield() {
    assert_eq!(drive(nested_yields(), &[10, 99]), (vec![1, 11], Some(99)));
}

#[stackless::coroutine]
fn unit_yields() -> impl Iterator<Item = ()> {
    yield_!();
    yield_!(());
}

#[test]
fn empty_yield_yields_unit() {
    assert_eq!(unit_yields().count(), 2);
}

#[stackless::coroutine]
fn casts_ranges_refs() -> impl Coroutine<i32, Yield = i32, Return = (i64, Vec<i32>, bool)> {
    let wide = yield_!(1) as i64;
    let r: Vec<i32> = (yield_!(2)..yield_!(3)).collect();
    let v = 5;
    let same = std::ptr::eq(&v, &v) && *&yield_!(4) == 4;
    (wide, r, same)
}

#[test]
fn yields_in_casts_ranges_and_references() {
    assert_eq!(
        drive(casts_ranges_refs(), &[7, 2, 5, 4]),
        (vec![1, 2, 3, 4], Some((7, vec![2, 3, 4], true)))
    );
}

#[stackless::coroutine]
fn bumps_a_place_behind_a_yield(mut x: u32) -> impl Iterator<Item = u32> {
    *{
        yield_!(x);
        &mut x
    } += 1;
    yield_!(x);
    let mut v = [0u32; 3];
    v[{
        yield_!(7);
        2
    }] = 5;
    yield_!(v[2]);
}

/// A `yield_!` in the place of an assignment: the place's operands run in order, then the
/// assignment.
#[test]
fn a_yield_in_the_place_of_an_assignment() {
    assert_eq!(
        bumps_a_place_behind_a_yield(1).collect::<Vec<_>>(),
        [1, 2, 7, 5]
    );
}
