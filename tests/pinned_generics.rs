//! Self-borrowing coroutines with generics, lifetimes, `loop` values, `?`, a `pin!`ned async
//! block, and a trait impl method.

mod common;
use common::drain;
use core::pin::pin;
use stackless::{rt, yield_, Coroutine};

#[stackless::coroutine]
fn generic_items<T: Clone>(items: Vec<T>) -> impl Iterator<Item = T> {
    for x in &items {
        yield_!(x.clone());
    }
}

#[stackless::coroutine]
async fn words_len<'a>(s: &'a str, sep: &str) -> usize {
    let owned = s.to_uppercase();
    let mut n = 0;
    for w in owned.split(sep) {
        rt::yield_now().await;
        n += w.len();
    }
    n
}

#[allow(clippy::never_loop)] // a `loop` left by `break` with a value, on purpose
#[stackless::coroutine]
fn loop_value() -> impl Coroutine<Yield = u32, Return = usize> {
    let x = loop {
        let v = vec![1u32, 2];
        for a in &v {
            yield_!(*a);
        }
        break v.len();
    };
    x * 10
}

#[stackless::coroutine]
fn fallible(
    input: Vec<&'static str>,
) -> impl Coroutine<Yield = u32, Return = Result<u32, std::num::ParseIntError>> {
    let joined = input.join(",");
    let mut total = 0;
    for part in joined.split(',') {
        let n: u32 = part.parse()?;
        total += n;
        yield_!(n);
    }
    Ok(total)
}

#[stackless::coroutine]
async fn pinned_async_block() -> u32 {
    let mut f = pin!(async {
        rt::yield_now().await;
        7u32
    });
    rt::yield_now().await;
    let a = f.as_mut().await;
    a + 1
}

trait Source {
    fn total(&mut self) -> impl core::future::Future<Output = u32>;
}
struct Numbers(Vec<u32>);
impl Source for Numbers {
    #[stackless::coroutine]
    async fn total(&mut self) -> u32 {
        let mut sum = 0;
        for x in self.0.iter() {
            rt::yield_now().await;
            sum += x;
        }
        self.0.clear();
        sum
    }
}

/// Each gives the native result (a generic one needs the extra `'__frame` lifetime the
/// macro adds, see `emit::frame_lifetime`).
#[test]
fn generic_and_trait_self_borrows() {
    assert_eq!(
        generic_items(vec!["a".to_string(), "b".into()]).collect::<Vec<_>>(),
        ["a", "b"]
    );
    assert_eq!(rt::block_on(words_len("ab cd e", " ")), 5);
    assert_eq!(drain(loop_value()), (vec![1, 2], 20));
    let (ys, r) = drain(fallible(vec!["1", "2", "x", "4"]));
    assert_eq!(ys, [1, 2]);
    assert!(r.is_err());
    assert_eq!(drain(fallible(vec!["1", "2"])).1.unwrap(), 3);
    assert_eq!(rt::block_on(pinned_async_block()), 8);
    let mut n = Numbers(vec![1, 2, 3]);
    assert_eq!(rt::block_on(n.total()), 6);
    assert!(n.0.is_empty());
}
