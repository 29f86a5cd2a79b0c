//! More shapes: suspension points in scrutinees and iterables, closures that move locals,
//! deep nesting.

use stackless::{yield_, Coroutine, CoroutineState::*};
use std::pin::pin;

#[stackless::coroutine]
fn while_let_scrutinee() -> impl Coroutine<Option<u32>, Yield = u32, Return = u32> {
    let mut sum = 0;
    while let Some(x) = yield_!(sum) {
        sum += x;
    }
    sum
}

#[test]
fn yield_as_a_while_let_scrutinee() {
    let mut co = pin!(while_let_scrutinee());
    assert_eq!(co.as_mut().resume(None), Yielded(0));
    assert_eq!(co.as_mut().resume(Some(2)), Yielded(2));
    assert_eq!(co.as_mut().resume(Some(3)), Yielded(5));
    assert_eq!(co.as_mut().resume(None), Complete(5));
}

#[stackless::coroutine]
fn for_over_resume_value() -> impl Coroutine<Vec<u32>, Yield = u32, Return = ()> {
    for x in yield_!(0) {
        yield_!(x * 2);
    }
}

#[test]
fn yield_as_a_for_iterable() {
    let mut co = pin!(for_over_resume_value());
    assert_eq!(co.as_mut().resume(vec![]), Yielded(0));
    assert_eq!(co.as_mut().resume(vec![1, 2]), Yielded(2));
    assert_eq!(co.as_mut().resume(vec![]), Yielded(4));
    assert_eq!(co.as_mut().resume(vec![]), Complete(()));
}

#[stackless::coroutine]
fn closure_moving_a_local() -> impl Iterator<Item = String> {
    let name = String::from("n");
    let greet = move |g: &str| format!("{g} {name}");
    yield_!(greet("hi"));
    let again = greet;
    yield_!(again("bye"));
}

#[test]
fn a_closure_that_owns_a_local_is_carried() {
    assert_eq!(
        closure_moving_a_local().collect::<Vec<_>>(),
        ["hi n", "bye n"]
    );
}

#[stackless::coroutine]
fn deep_nesting(n: u32) -> impl Iterator<Item = u32> {
    for a in 0..n {
        if a % 2 == 0 {
            let mut b = 0;
            while b < a {
                match b {
                    0 => {
                        for c in 0..2 {
                            if c == 1 {
                                yield_!(a * 100 + b * 10 + c);
                            }
                        }
                    }
                    _ => loop {
                        yield_!(a * 100 + b * 10);
                        break;
                    },
                }
                b += 1;
            }
        } else {
            yield_!(a);
        }
    }
}

#[test]
fn five_levels_of_nesting() {
    assert_eq!(
        deep_nesting(5).collect::<Vec<_>>(),
        [1, 201, 210, 3, 401, 410, 420, 430]
    );
}

#[stackless::coroutine]
fn yield_in_return_and_break() -> impl Coroutine<u32, Yield = u32, Return = u32> {
    let mut n = 0;
    let v = loop {
        n += 1;
        if n == 2 {
            break yield_!(n) + 100;
        }
    };
    if v > 150 {
        return yield_!(v);
    }
    v
}

#[test]
fn suspension_points_in_break_and_return_values() {
    let mut co = pin!(yield_in_return_and_break());
    assert_eq!(co.as_mut().resume(0), Yielded(2));
    assert_eq!(co.as_mut().resume(60), Yielded(160));
    assert_eq!(co.as_mut().resume(7), Complete(7));
    let mut co = pin!(yield_in_return_and_break());
    assert_eq!(co.as_mut().resume(0), Yielded(2));
    assert_eq!(co.as_mut().resume(1), Complete(101));
}

#[stackless::coroutine]
fn tuple_destructuring_from_yield() -> impl Coroutine<(u8, String), Yield = usize, Return = String>
{
    let (a, b) = yield_!(0);
    let (c, d) = yield_!(b.len());
    format!("{a}{b}{c}{d}")
}

#[test]
fn patterns_bound_from_resume_values() {
    let mut co = pin!(tuple_destructuring_from_yield());
    assert_eq!(co.as_mut().resume((0, String::new())), Yielded(0));
    assert_eq!(co.as_mut().resume((1, "xy".into())), Yielded(2));
    assert_eq!(
        co.as_mut().resume((2, "z".into())),
        Complete("1xy2z".into())
    );
}
