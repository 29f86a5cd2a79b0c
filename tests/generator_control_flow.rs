//! Control flow in generator bodies: every construct, with suspension points inside.

use stackless::yield_;

#[stackless::coroutine]
fn if_else(n: u32) -> impl Iterator<Item = u32> {
    for i in 0..n {
        if i % 2 == 0 {
            yield_!(i * 10);
        } else if i % 3 == 0 {
            yield_!(i * 100);
            yield_!(i * 1000);
        } else {
            yield_!(i);
        }
    }
}

#[test]
fn if_else_chains() {
    assert_eq!(
        if_else(7).collect::<Vec<_>>(),
        [0, 1, 20, 300, 3000, 40, 5, 60]
    );
}

#[stackless::coroutine]
fn if_let(items: Vec<Option<u8>>) -> impl Iterator<Item = u8> {
    for item in items {
        if let Some(x) = item {
            yield_!(x);
            yield_!(x + 1);
        } else {
            yield_!(0);
        }
    }
}

#[test]
fn if_let_binding_carried() {
    assert_eq!(
        if_let(vec![Some(3), None, Some(7)]).collect::<Vec<_>>(),
        [3, 4, 0, 7, 8]
    );
}

#[stackless::coroutine]
fn let_else(items: Vec<Result<u8, String>>) -> impl Iterator<Item = u8> {
    for item in items {
        let Ok(x) = item else {
            yield_!(255);
            continue;
        };
        yield_!(x);
    }
}

#[test]
fn let_else_with_continue() {
    let v = let_else(vec![Ok(1), Err("no".into()), Ok(2)]).collect::<Vec<_>>();
    assert_eq!(v, [1, 255, 2]);
}

#[stackless::coroutine]
fn match_guards(xs: Vec<i32>) -> impl Iterator<Item = String> {
    for x in xs {
        match x {
            0 => yield_!("zero".to_string()),
            n if n < 0 => {
                yield_!(format!("neg {n}"));
                yield_!(format!("abs {}", -n));
            }
            n @ 1..=9 => yield_!(format!("digit {n}")),
            n => {
                let s = n.to_string();
                yield_!(s.clone());
                yield_!(format!("{} digits", s.len()));
            }
        }
    }
}

#[test]
fn match_with_guards_and_bindings() {
    let v = match_guards(vec![0, -4, 7, 123]).collect::<Vec<_>>();
    assert_eq!(v, ["zero", "neg -4", "abs 4", "digit 7", "123", "3 digits"]);
}

#[stackless::coroutine]
fn labelled() -> impl Iterator<Item = (u32, u32)> {
    'outer: for i in 0..4 {
        let mut j = 0;
        'inner: loop {
            if j > i {
                continue 'outer;
            }
            if i == 3 {
                break 'outer;
            }
            yield_!((i, j));
            j += 1;
            if j == 2 {
                break 'inner;
            }
        }
        yield_!((i, 99));
    }
    yield_!((100, 100));
}

#[test]
fn labelled_break_and_continue() {
    let v = labelled().collect::<Vec<_>>();
    assert_eq!(
        v,
        [
            (0, 0),
            (1, 0),
            (1, 1),
            (1, 99),
            (2, 0),
            (2, 1),
            (2, 99),
            (100, 100)
        ]
    );
}

#[stackless::coroutine]
fn break_value() -> impl Iterator<Item = u32> {
    let mut n = 0;
    let found = loop {
        n += 1;
        yield_!(n);
        if n * n > 10 {
            break n * 100;
        }
    };
    yield_!(found);
}

#[test]
fn loop_break_with_value() {
    assert_eq!(break_value().collect::<Vec<_>>(), [1, 2, 3, 4, 400]);
}

#[stackless::coroutine]
fn while_let(mut stack: Vec<u32>) -> impl Iterator<Item = u32> {
    while let Some(top) = stack.pop() {
        yield_!(top);
        if top > 1 {
            stack.push(top / 2);
        }
    }
}

#[test]
fn while_let_loop() {
    assert_eq!(while_let(vec![1, 8]).collect::<Vec<_>>(), [8, 4, 2, 1, 1]);
}

#[stackless::coroutine]
fn while_cond_yields() -> impl stackless::Coroutine<bool, Yield = u32, Return = u32> {
    let mut rounds = 0;
    while yield_!(rounds) {
        rounds += 1;
    }
    rounds
}

#[test]
fn while_condition_with_yield() {
    use stackless::{Coroutine, CoroutineState::*};
    let mut co = std::pin::pin!(while_cond_yields());
    assert_eq!(co.as_mut().resume(false), Yielded(0));
    assert_eq!(co.as_mut().resume(true), Yielded(1));
    assert_eq!(co.as_mut().resume(true), Yielded(2));
    assert_eq!(co.as_mut().resume(false), Complete(2));
}

#[stackless::coroutine]
fn early_return(limit: u32) -> impl Iterator<Item = u32> {
    let mut i = 0;
    loop {
        if i == limit {
            return;
        }
        yield_!(i);
        i += 1;
    }
}

#[test]
fn early_return_ends_iteration() {
    assert_eq!(early_return(3).collect::<Vec<_>>(), [0, 1, 2]);
    assert_eq!(early_return(0).count(), 0);
}

#[stackless::coroutine]
fn shadowing() -> impl Iterator<Item = String> {
    let x = 5;
    yield_!(x.to_string());
    let x = x * 2;
    yield_!(x.to_string());
    let x = format!("<{x}>");
    yield_!(x.clone());
    {
        let x = "inner";
        yield_!(x.to_string());
    }
    yield_!(x);
}

#[test]
fn shadowed_locals() {
    assert_eq!(
        shadowing().collect::<Vec<_>>(),
        ["5", "10", "<10>", "inner", "<10>"]
    );
}

#[stackless::coroutine]
fn nested_blocks() -> impl Iterator<Item = i32> {
    let a = 1;
    let b = {
        let c = a + 1;
        yield_!(c);
        let d = {
            yield_!(c * 10);
            c * 100
        };
        d + a
    };
    yield_!(b);
}

#[test]
fn block_values_across_yields() {
    assert_eq!(nested_blocks().collect::<Vec<_>>(), [2, 20, 201]);
}

#[stackless::coroutine]
fn items_in_body() -> impl Iterator<Item = u32> {
    const BASE: u32 = 40;
    fn helper(x: u32) -> u32 {
        x + 2
    }
    #[derive(Debug)]
    struct Pair(u32, u32);
    let p = Pair(helper(BASE), 1);
    yield_!(p.0);
    yield_!(p.1 + helper(0));
}

#[test]
fn items_declared_inside() {
    assert_eq!(items_in_body().collect::<Vec<_>>(), [42, 3]);
}

#[stackless::coroutine]
fn macros(n: u32) -> impl Iterator<Item = String> {
    let s = format!("{:?}-{}", yield_!(format!("first {n}")), n);
    yield_!(s);
    let v = vec![yield_!("a".to_string()), yield_!("b".to_string())];
    yield_!(format!("{v:?}"));
    assert_eq!(n, 7, "n was {}", n);
    assert!(n > 1);
    yield_!(format!("{n:>4}|"));
}

#[test]
fn std_macros_with_yields_inside() {
    let v = macros(7).collect::<Vec<_>>();
    assert_eq!(v, ["first 7", "()-7", "a", "b", "[(), ()]", "   7|"]);
}

#[stackless::coroutine]
fn question_mark(
    input: Vec<&'static str>,
) -> impl stackless::Coroutine<Yield = i32, Return = Result<i32, String>> {
    let mut sum = 0;
    for s in input {
        let n: i32 = s.parse().map_err(|e| format!("{s}: {e}"))?;
        sum += n;
        yield_!(sum);
    }
    Ok(sum)
}

#[test]
fn question_mark_on_result() {
    use stackless::{Coroutine, CoroutineState::*};
    let mut co = std::pin::pin!(question_mark(vec!["1", "2", "x", "4"]));
    assert_eq!(co.as_mut().resume(()), Yielded(1));
    assert_eq!(co.as_mut().resume(()), Yielded(3));
    assert_eq!(
        co.as_mut().resume(()),
        Complete(Err("x: invalid digit found in string".to_string()))
    );

    let mut co = std::pin::pin!(question_mark(vec!["5"]));
    assert_eq!(co.as_mut().resume(()), Yielded(5));
    assert_eq!(co.as_mut().resume(()), Complete(Ok(5)));
}

#[stackless::coroutine]
fn nested_matches(pairs: Vec<(Option<u8>, Result<u8, u8>)>) -> impl Iterator<Item = String> {
    for pair in pairs {
        match pair {
            (Some(a), Ok(b)) => {
                yield_!(format!("both {a} {b}"));
                match a.cmp(&b) {
                    std::cmp::Ordering::Less => yield_!("less".to_string()),
                    std::cmp::Ordering::Equal => {}
                    std::cmp::Ordering::Greater => yield_!("greater".to_string()),
                }
            }
            (None, Err(e)) | (Some(_), Err(e)) => yield_!(format!("err {e}")),
            (None, Ok(b)) => yield_!(format!("only {b}")),
        }
    }
}

#[test]
fn nested_matches_and_or_patterns() {
    let v = nested_matches(vec![
        (Some(1), Ok(2)),
        (Some(3), Err(4)),
        (None, Ok(5)),
        (Some(9), Ok(9)),
    ])
    .collect::<Vec<_>>();
    assert_eq!(v, ["both 1 2", "less", "err 4", "only 5", "both 9 9"]);
}

#[stackless::coroutine]
fn labelled_block() -> impl Iterator<Item = u32> {
    let x = 'found: {
        for i in 0..10 {
            yield_!(i);
            if i == 2 {
                break 'found i * 100;
            }
        }
        0
    };
    yield_!(x);
}

#[test]
fn labelled_block_left_from_a_loop_with_yields() {
    assert_eq!(labelled_block().collect::<Vec<_>>(), [0, 1, 2, 200]);
}

#[stackless::coroutine]
fn continue_in_while() -> impl Iterator<Item = u32> {
    let mut i = 0;
    while i < 6 {
        i += 1;
        if i % 2 == 0 {
            continue;
        }
        yield_!(i);
        if i == 5 {
            continue;
        }
        yield_!(i * 10);
    }
}

#[test]
fn continue_before_and_after_yields() {
    assert_eq!(continue_in_while().collect::<Vec<_>>(), [1, 10, 3, 30, 5]);
}

#[stackless::coroutine]
fn option_question_mark(
    v: Vec<Option<u32>>,
) -> impl stackless::Coroutine<Yield = u32, Return = Option<u32>> {
    let mut sum = 0;
    for x in v {
        sum += x?;
        yield_!(sum);
    }
    Some(sum)
}

#[test]
fn question_mark_on_option() {
    use stackless::{Coroutine, CoroutineState::*};
    let mut co = std::pin::pin!(option_question_mark(vec![Some(1), None, Some(2)]));
    assert_eq!(co.as_mut().resume(()), Yielded(1));
    assert_eq!(co.as_mut().resume(()), Complete(None));
}

#[stackless::coroutine]
fn parse_all(
    items: Vec<&'static str>,
) -> impl Iterator<Item = Result<u32, std::num::ParseIntError>> {
    for s in items {
        let n: u32 = s.parse()?;
        yield_!(Ok(n * 2));
    }
}

#[derive(Debug, PartialEq)]
struct ParseError(String);

impl From<std::num::ParseIntError> for ParseError {
    fn from(e: std::num::ParseIntError) -> Self {
        ParseError(e.to_string())
    }
}

#[stackless::coroutine]
fn parse_borrowed(items: Vec<&'static str>) -> impl Iterator<Item = Result<u32, ParseError>> {
    let all = items.clone();
    for s in &all {
        yield_!(Ok(s.parse::<u32>()?));
    }
}

/// `?` in an `-> impl Iterator<Item = Result<T, E>>` generator yields the error (converted
/// with `From`) as the last item and ends, as in a stream; in a `yield_!` operand and in a
/// generator that borrows its locals too.
#[test]
fn question_mark_in_a_generator_yields_the_error_last() {
    let r: Vec<_> = parse_all(vec!["1", "x", "3"]).collect();
    assert_eq!(r.len(), 2);
    assert_eq!(r[0], Ok(2));
    assert!(r[1].is_err());
    assert_eq!(
        parse_all(vec!["1", "3"]).collect::<Vec<_>>(),
        [Ok(2), Ok(6)]
    );
    let mut it = parse_borrowed(vec!["4", "y", "5"]);
    assert_eq!(it.next(), Some(Ok(4)));
    assert_eq!(
        it.next(),
        Some(Err(ParseError("invalid digit found in string".into())))
    );
    assert_eq!(it.next(), None);
    assert_eq!(it.next(), None);
}

#[stackless::coroutine]
fn firsts(words: Vec<&'static str>) -> impl Iterator<Item = Option<char>> {
    for w in words {
        let c = w.chars().next()?;
        yield_!(Some(c.to_ascii_uppercase()));
    }
}

/// With `Option` items, as in a stream, `?` on `None` yields `None` as the last item; the
/// iterator is fused after it.
#[test]
fn question_mark_on_option_items() {
    let mut it = firsts(vec!["ab", "c", "", "d"]);
    assert_eq!(it.next(), Some(Some('A')));
    assert_eq!(it.next(), Some(Some('C')));
    assert_eq!(it.next(), Some(None));
    assert_eq!(it.next(), None);
    assert_eq!(it.next(), None);
    assert_eq!(
        firsts(vec!["x", "y"]).collect::<Vec<_>>(),
        [Some('X'), Some('Y')]
    );
}
