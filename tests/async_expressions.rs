//! `.await` in every expression position, evaluation order, `?`, control flow.

#[macro_use]
mod common;
use common::{block_on, delay, log, take_log};

fn t(name: &'static str, v: u32) -> common::Delay<u32> {
    log(name);
    delay(1, v)
}

#[stackless::coroutine]
async fn order() -> u32 {
    t("a", 1).await + t("b", 2).await * t("c", 3).await - t("d", 4).await
}

#[test]
fn operands_awaited_left_to_right() {
    take_log();
    assert_eq!(block_on(order()), 1 + 2 * 3 - 4);
    assert_eq!(take_log(), ["a", "b", "c", "d"]);
}

struct Chain(u32);
impl Chain {
    fn bump(self) -> common::Delay<Chain> {
        delay(1, Chain(self.0 + 1))
    }
}

#[stackless::coroutine]
async fn method_chain() -> u32 {
    let c = delay(1, Chain(0)).await.bump().await.bump().await;
    c.0
}

#[test]
fn await_in_method_chains() {
    assert_eq!(block_on(method_chain()), 2);
}

#[stackless::coroutine]
async fn conditions(n: u32) -> Vec<&'static str> {
    let mut out = vec![];
    if delay(1, n).await > 2 {
        out.push("big");
    }
    let mut i = 0;
    while delay(1, i).await < n {
        i += 1;
    }
    out.push(if i == n { "counted" } else { "?" });
    match delay(1, n % 2).await {
        0 => out.push("even"),
        _ => out.push("odd"),
    }
    out
}

#[test]
fn await_in_conditions_and_scrutinees() {
    assert_eq!(block_on(conditions(3)), ["big", "counted", "odd"]);
    assert_eq!(block_on(conditions(2)), ["counted", "even"]);
}

#[stackless::coroutine]
async fn short_circuit(flag: bool) -> (bool, bool) {
    let a = flag && t("and", 1).await == 1;
    let b = flag || t("or", 1).await == 1;
    (a, b)
}

#[test]
fn and_or_short_circuit_around_awaits() {
    take_log();
    assert_eq!(block_on(short_circuit(true)), (true, true));
    assert_eq!(take_log(), ["and"]);
    assert_eq!(block_on(short_circuit(false)), (false, true));
    assert_eq!(take_log(), ["or"]);
}

#[stackless::coroutine]
async fn try_await(v: Vec<Result<u32, String>>) -> Result<u32, String> {
    let mut sum = 0;
    for r in v {
        sum += delay(1, r).await?;
    }
    Ok(sum)
}

#[test]
fn question_mark_on_awaited_results() {
    assert_eq!(block_on(try_await(vec![Ok(1), Ok(2)])), Ok(3));
    assert_eq!(
        block_on(try_await(vec![Ok(1), Err("bad".into()), Ok(2)])),
        Err("bad".into())
    );
}

#[stackless::coroutine]
async fn option_try(v: Vec<Option<u32>>) -> Option<u32> {
    let mut sum = 0;
    for x in v {
        sum += delay(1, x).await?;
    }
    Some(sum)
}

#[test]
fn question_mark_on_options() {
    assert_eq!(block_on(option_try(vec![Some(1), Some(2)])), Some(3));
    assert_eq!(block_on(option_try(vec![Some(1), None])), None);
}

#[stackless::coroutine]
async fn arguments(v: Vec<u32>) -> Vec<u32> {
    let mut out = Vec::new();
    out.push(delay(1, 1).await);
    out.extend([delay(1, 2).await, delay(1, 3).await]);
    out.push(std::cmp::max(delay(1, 4).await, v[0]));
    let s = format!("{}-{}", delay(1, 5).await, v.len());
    out.push(s.len() as u32);
    out
}

#[test]
fn await_as_arguments_of_calls_methods_and_macros() {
    assert_eq!(block_on(arguments(vec![9])), [1, 2, 3, 9, 3]);
}

#[stackless::coroutine]
async fn loops_and_labels() -> Vec<(u32, u32)> {
    let mut out = vec![];
    'outer: for i in 0..4 {
        let mut j = 0;
        loop {
            if delay(1, j).await > i {
                continue 'outer;
            }
            if i == 3 {
                break 'outer;
            }
            out.push((i, j));
            j += 1;
        }
    }
    out
}

#[test]
fn labelled_loops_with_awaits() {
    assert_eq!(
        block_on(loops_and_labels()),
        [(0, 0), (1, 0), (1, 1), (2, 0), (2, 1), (2, 2)]
    );
}

#[stackless::coroutine]
async fn break_with_value() -> u32 {
    let mut n = 0;
    let found = loop {
        n = delay(1, n + 1).await;
        if n * n > 20 {
            break n;
        }
    };
    found * 10
}

#[test]
fn loop_break_value_after_await() {
    assert_eq!(block_on(break_with_value()), 50);
}

#[stackless::coroutine]
async fn early_return(x: u32) -> &'static str {
    if delay(1, x).await == 0 {
        return "zero";
    }
    let y = delay(1, x * 2).await;
    if y > 10 {
        return "big";
    }
    "small"
}

#[test]
fn early_returns_after_awaits() {
    assert_eq!(block_on(early_return(0)), "zero");
    assert_eq!(block_on(early_return(9)), "big");
    assert_eq!(block_on(early_return(1)), "small");
}

#[stackless::coroutine]
async fn let_else_and_if_let(v: Vec<Option<u32>>) -> u32 {
    let mut sum = 0;
    for x in v {
        let Some(y) = x else {
            delay(1, ()).await;
            continue;
        };
        if let Some(z) = delay(1, y.checked_sub(1)).await {
            sum += z;
        }
    }
    sum
}

#[test]
fn let_else_and_if_let_around_awaits() {
    assert_eq!(
        block_on(let_else_and_if_let(vec![Some(3), None, Some(0), Some(5)])),
        6
    );
}

#[stackless::coroutine]
async fn block_values() -> u32 {
    let a = {
        let x = delay(1, 2).await;
        x * 10
    };
    let b = if a > 5 { delay(1, a).await } else { 0 };
    a + b
}

#[test]
fn blocks_and_ifs_as_values() {
    assert_eq!(block_on(block_values()), 40);
}

#[stackless::coroutine]
async fn closures_inside(v: Vec<u32>) -> u32 {
    let scale = delay(1, 3).await;
    let f = |x: u32| x * scale;
    let total: u32 = v.iter().map(|&x| f(x)).sum();
    total + delay(1, 1).await
}

#[test]
fn closures_capturing_locals_between_awaits() {
    assert_eq!(block_on(closures_inside(vec![1, 2])), 10);
}

#[stackless::coroutine]
async fn async_block_inside() -> u32 {
    let inner = async { delay(1, 4).await * 2 };
    inner.await + 1
}

#[test]
fn awaiting_a_nested_async_block() {
    assert_eq!(block_on(async_block_inside()), 9);
}

#[stackless::coroutine]
async fn shadowing() -> String {
    let x = delay(1, 1).await;
    let x = delay(1, x + 1).await;
    let s = {
        let x = "inner";
        delay(1, ()).await;
        x.to_string()
    };
    format!("{s}{x}")
}

#[test]
fn shadowing_across_awaits() {
    assert_eq!(block_on(shadowing()), "inner2");
}

struct Lru {
    hits: std::collections::HashMap<String, u32>,
}

impl Lru {
    fn touch(&mut self, k: &str) -> u32 {
        let n = self.hits.entry(k.to_string()).or_insert(0);
        *n += 1;
        *n
    }
}

/// A `&mut self` method on the value of an await, through its `DerefMut`
/// (`lock.write().await.touch(key)`): the value is a `mut` temporary, as natively (was E0596).
#[stackless::coroutine]
async fn touch_under_write_lock(lock: &tokio::sync::RwLock<Lru>, key: &str) -> u32 {
    let n = lock.write().await.touch(key);
    tokio::task::yield_now().await;
    n
}

#[test]
fn a_mut_method_on_an_awaited_guard() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let lock = tokio::sync::RwLock::new(Lru {
        hits: Default::default(),
    });
    assert_eq!(rt.block_on(touch_under_write_lock(&lock, "a")), 1);
    assert_eq!(rt.block_on(touch_under_write_lock(&lock, "a")), 2);
}

#[stackless::coroutine]
async fn awaits_in_assigned_places(mut v: Vec<u32>, mut a: [u32; 2]) -> (Vec<u32>, [u32; 2]) {
    // The assigned value first, then the place's operands, left to right (as rustc).
    v[t("index", 1).await as usize] = t("value", 9).await;
    let mut w = vec![vec![0u32; 2]; 2];
    w[t("outer", 1).await as usize][t("inner", 0).await as usize] = 5;
    v[0] = w[1][0];
    // A place read through a `*` of an awaited reference, compound with a plain value.
    *pick(&mut a, t("which", 1).await).await += 10;
    (v, a)
}

async fn awaits_in_assigned_places_native(
    mut v: Vec<u32>,
    mut a: [u32; 2],
) -> (Vec<u32>, [u32; 2]) {
    v[t("index", 1).await as usize] = t("value", 9).await;
    let mut w = vec![vec![0u32; 2]; 2];
    w[t("outer", 1).await as usize][t("inner", 0).await as usize] = 5;
    v[0] = w[1][0];
    *pick(&mut a, t("which", 1).await).await += 10;
    (v, a)
}

fn pick(a: &mut [u32; 2], which: u32) -> common::Delay<&mut u32> {
    delay(1, &mut a[which as usize])
}

/// `.await` in the place of an assignment (`v[i.await] = x`), evaluated in rustc's order.
#[test]
fn awaits_in_the_place_of_an_assignment() {
    take_log();
    let ours = block_on(awaits_in_assigned_places(vec![1, 2], [3, 4]));
    let ours_log = take_log();
    let native = block_on(awaits_in_assigned_places_native(vec![1, 2], [3, 4]));
    assert_eq!(ours, native);
    assert_eq!(ours, (vec![5, 9], [3, 14]));
    assert_eq!(ours_log, take_log());
    assert_eq!(ours_log, ["value", "index", "outer", "inner", "which"]);
}

#[stackless::coroutine]
async fn assigned_value_read_before_the_place(mut v: Vec<u32>, mut n: u32) -> (Vec<u32>, u32) {
    v[bump(&mut n).await] = n;
    (v, n)
}

async fn assigned_value_read_before_the_place_native(
    mut v: Vec<u32>,
    mut n: u32,
) -> (Vec<u32>, u32) {
    v[bump(&mut n).await] = n;
    (v, n)
}

async fn bump(n: &mut u32) -> usize {
    *n += 1;
    0
}

/// The assigned value is read before the place's `.await` changes it.
#[test]
fn the_assigned_value_is_read_before_the_place() {
    let ours = block_on(assigned_value_read_before_the_place(vec![0], 5));
    assert_eq!(
        ours,
        block_on(assigned_value_read_before_the_place_native(vec![0], 5))
    );
    assert_eq!(ours, (vec![5], 6));
}

fn pair(a: u32, b: usize) -> (u32, usize) {
    (a, b)
}

both! { async fn operand_read_before_a_later_await_changes_it / operand_read_native(n: u32) -> (u32, usize, u32) {
    let mut n = n;
    let (a, b) = pair(n, bump(&mut n).await);
    let mut z = 0;
    let c = pair(n, {
        n += 10;
        bump(&mut z).await
    })
    .0;
    (a, b, c + n)
}}

/// An operand before an awaited one is read first, even when the awaited code changes it
/// (it was read after the await, seeing the new value).
#[test]
fn an_operand_is_read_before_a_later_await_changes_it() {
    let ours = block_on(operand_read_before_a_later_await_changes_it(5));
    assert_eq!(ours, block_on(operand_read_native(5)));
    assert_eq!(ours, (5, 0, 6 + 16));
}

both! { async fn awaits_in_assertion_messages / awaits_in_assertion_messages_native(x: u32) -> u32 {
    assert!(x < 10, "too big: {}", t("big", x).await);
    assert_eq!(x % 2, 0, "odd {} ({n})", t("odd", x).await, n = t("n", x + 1).await);
    assert_ne!(x, 4, "four: {}", t("four", x).await);
    debug_assert!(x != 6, "six {}", t("six", x).await);
    x
}}

fn panic_message(r: std::thread::Result<u32>) -> Result<u32, String> {
    r.map_err(|p| {
        (p.downcast_ref::<String>().cloned())
            .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default()
    })
}

/// An `.await` in an assertion's message runs only when the assertion fails, and the
/// message is rustc's.
#[test]
fn awaits_in_an_assertion_message_run_only_when_it_fails() {
    for x in [2, 3, 4, 6, 12] {
        take_log();
        let ours = panic_message(std::panic::catch_unwind(|| {
            block_on(awaits_in_assertion_messages(x))
        }));
        let ours_log = take_log();
        let native = panic_message(std::panic::catch_unwind(|| {
            block_on(awaits_in_assertion_messages_native(x))
        }));
        assert_eq!(ours, native, "x = {x}");
        assert_eq!(ours_log, take_log(), "x = {x}");
    }
}

trait Shape {
    fn area(&self) -> u32;
}

struct Square(u32);

impl Shape for Square {
    fn area(&self) -> u32 {
        self.0 * self.0
    }
}

fn passed_on<T>(_: u32, t: T) -> T {
    t
}

// The value of a statement that suspends keeps the type it is expected to have: coercions
// inside constructors, tuples and arrays, and a closure's signature from the annotation
// (E0308 and E0282 when the lowering bound the value with a `let` of its own).
both! { async fn expected_types / expected_types_native(n: u32) -> Option<Box<dyn Shape>> {
    let (k, f): (u32, fn(&str) -> usize) = (delay(1, n).await, |s| s.len());
    let v: [Box<dyn std::fmt::Debug>; 2] = [Box::new(delay(1, k).await), Box::new("x")];
    let g: Box<dyn Fn(&str) -> &str> = passed_on(delay(1, 0).await, Box::new(|s| s));
    log(format!("{} {:?} {}", f("abc"), v, g("y")));
    Some(Box::new(Square(delay(1, k).await)))
}}

#[test]
fn a_suspending_value_keeps_its_expected_type() {
    take_log();
    assert_eq!(block_on(expected_types(3)).map(|s| s.area()), Some(9));
    assert_eq!(take_log(), ["3 [3, \"x\"] y"]);
    assert_eq!(
        block_on(expected_types_native(3)).map(|s| s.area()),
        Some(9)
    );
}

// The same without parameters (the body's value is not bound before them), and in a loop.
#[stackless::coroutine]
async fn expected_type_of_the_tail() -> Option<Box<dyn Shape>> {
    let mut last: Option<Box<dyn std::fmt::Debug>> = None;
    for k in 1..3 {
        let b: Option<Box<dyn std::fmt::Debug>> = Some(Box::new(delay(1, k).await));
        last = b;
    }
    log(format!("{last:?}"));
    Some(Box::new(Square(delay(1, 2).await)))
}

#[test]
fn a_suspending_tail_keeps_its_expected_type() {
    take_log();
    assert_eq!(
        block_on(expected_type_of_the_tail()).map(|s| s.area()),
        Some(4)
    );
    assert_eq!(take_log(), ["Some(2)"]);
}

fn checked(v: u32) -> common::Delay<Result<u32, String>> {
    delay(
        1,
        if v < 100 {
            Ok(v)
        } else {
            Err(format!("{v} too big"))
        },
    )
}

// `x.await? + 1`: the rest of the statement after the point is an arm's body whose left
// operand the `?` made a `match`; quoted as it was, `match .. { .. } + 1` ended the arm
// there and the attribute panicked (found by the reviewer; the same at 8bcc03f).
#[stackless::coroutine]
async fn question_mark_operands(v: u32) -> Result<u32, String> {
    let n = checked(v).await? + 1;
    let m = (checked(n).await? + 1) * 2;
    let k = checked(m).await?.max(checked(1).await?) + checked(2).await?;
    Ok(k)
}

#[test]
fn an_awaited_question_mark_as_an_operand() {
    assert_eq!(block_on(question_mark_operands(3)), Ok(12));
    assert_eq!(
        block_on(question_mark_operands(60)),
        Err("124 too big".to_string())
    );
}
