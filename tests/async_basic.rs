//! `#[stackless::coroutine] async fn`: results, awaits in every position.

mod common;
use common::{block_on, delay};

#[stackless::coroutine]
async fn add(a: u32, b: u32) -> u32 {
    let x = delay(2, a).await;
    let y = delay(1, b).await;
    x + y
}

#[test]
fn awaits_in_sequence() {
    assert_eq!(block_on(add(2, 3)), 5);
}

#[stackless::coroutine]
async fn no_await(x: u8) -> u8 {
    x + 1
}

#[test]
fn async_fn_without_awaits() {
    assert_eq!(block_on(no_await(1)), 2);
}

#[stackless::coroutine]
async fn unit() {
    delay(1, ()).await;
}

#[test]
fn unit_output() {
    block_on(unit());
}

#[stackless::coroutine]
async fn positions(v: Vec<u32>) -> u32 {
    let mut sum = delay(1, 0).await + delay(0, 1).await * 10;
    for x in v {
        if delay(1, x).await % 2 == 0 {
            sum += x;
        }
        sum += match delay(0, x).await {
            1 => 100,
            _ => 0,
        };
    }
    while delay(1, sum).await < 300 {
        sum += 50;
    }
    sum + std::cmp::max(delay(2, 1).await, 0)
}

#[test]
fn awaits_in_operands_conditions_and_scrutinees() {
    // 0 + 10; x=1 → +100; x=2 → +2; x=4 → +4; = 116; +50×4 → 316; +1
    assert_eq!(block_on(positions(vec![1, 2, 4])), 317);
}

#[stackless::coroutine]
async fn nested_stackless(n: u32) -> u32 {
    add(n, 1).await + add(n, 2).await
}

#[test]
fn awaiting_other_stackless_futures() {
    assert_eq!(block_on(nested_stackless(10)), 23);
}

async fn native(x: u32) -> u32 {
    delay(1, x).await * 2
}

#[stackless::coroutine]
async fn mixed(x: u32) -> u32 {
    let a = native(x).await;
    let b = async { delay(1, 7).await }.await;
    let c = std::future::ready(1).await;
    a + b + c
}

#[test]
fn awaiting_native_futures_and_async_blocks() {
    assert_eq!(block_on(mixed(5)), 18);
}

#[stackless::coroutine]
async fn fallible(s: &str) -> Result<u32, std::num::ParseIntError> {
    let n: u32 = delay(1, s).await.parse()?;
    let m = delay(1, s.parse::<u32>()).await?;
    Ok(n + m)
}

#[test]
fn question_mark_after_await() {
    assert_eq!(block_on(fallible("21")), Ok(42));
    assert!(block_on(fallible("x")).is_err());
}
