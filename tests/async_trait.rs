//! `#[stackless::coroutine]` on the methods of an `#[async_trait]` impl or trait, and on a
//! function that boxes an `async` block by hand (`boxed.rs`): async-trait expands first and
//! hands the attribute a function whose body is `Box::pin(async move { .. })`; the block is
//! lowered, boxed where it was. Each is compared with the same code without the attribute:
//! results, drop logs at completion and at every cancellation point.
#![deny(warnings)]

#[macro_use]
mod common;

use async_trait::async_trait;
use common::{block_on, cancels_like_native, delay, log, take_log, D};
use futures::future::{BoxFuture, LocalBoxFuture};
use std::rc::Rc;

#[async_trait]
trait Store {
    async fn get(&self, k: usize) -> u32;
    async fn put(&mut self, v: String) -> usize;
    async fn params(&self, a: D, _kept: D, _: D) -> &'static str;
    async fn pattern(&self, (a, b): (D, D)) -> &'static str;
    async fn borrows(&self, n: u32) -> u32;
    async fn consume(self, x: u32) -> usize
    where
        Self: Sized;
    async fn generic<T: Send + std::fmt::Debug + 'static>(&self, t: T) -> String;
    async fn early(&self, x: Option<u32>) -> Result<u32, String>;
    async fn shorter<'a>(&self, s: &'a str) -> &'a str;
    // A default body under the attribute: async-trait boxes it in the trait.
    #[stackless::coroutine]
    async fn default_body(&self, d: D) -> u32 {
        let v = [1u32, 2, 3];
        let r = &v;
        delay(1, ()).await;
        log(d.0);
        r[2] + self.get(0).await
    }
}

macro_rules! store {
    ($ty:ident $(#[$attr:meta])?) => {
        struct $ty(Vec<u32>);

        #[async_trait]
        impl Store for $ty {
            $(#[$attr])?
            async fn get(&self, k: usize) -> u32 {
                let k = delay(1, k).await;
                self.0[k]
            }
            $(#[$attr])?
            async fn put(&mut self, v: String) -> usize {
                let n = delay(1, v.len()).await;
                self.0.push(n as u32);
                self.0.len()
            }
            $(#[$attr])?
            async fn params(&self, a: D, _kept: D, _: D) -> &'static str {
                log("body");
                let _z = D("z");
                delay(1, ()).await;
                let name = a.0;
                drop(a);
                delay(1, ()).await;
                name
            }
            $(#[$attr])?
            async fn pattern(&self, (a, b): (D, D)) -> &'static str {
                delay(1, ()).await;
                drop(b);
                delay(1, ()).await;
                a.0
            }
            $(#[$attr])?
            async fn borrows(&self, n: u32) -> u32 {
                let v: Vec<u32> = (0..n).collect();
                let r = &v;
                delay(1, ()).await;
                r.iter().sum::<u32>() + self.0.len() as u32
            }
            $(#[$attr])?
            async fn consume(self, x: u32) -> usize {
                delay(1, ()).await;
                self.0.len() + x as usize
            }
            $(#[$attr])?
            async fn generic<T: Send + std::fmt::Debug + 'static>(&self, t: T) -> String {
                delay(1, ()).await;
                format!("{t:?}")
            }
            $(#[$attr])?
            async fn early(&self, x: Option<u32>) -> Result<u32, String> {
                delay(1, ()).await;
                let v = x.ok_or_else(|| "none".to_string())?;
                if v > 10 {
                    return Ok(10);
                }
                delay(1, ()).await;
                Ok(v)
            }
            $(#[$attr])?
            async fn shorter<'a>(&self, s: &'a str) -> &'a str {
                delay(1, ()).await;
                &s[1..]
            }
        }
    };
}

store!(Ours #[stackless::coroutine]);
store!(Native);

#[test]
fn async_trait_methods_behave_as_without_the_attribute() {
    assert_eq!(block_on(Ours(vec![5, 6]).get(1)), 6);
    assert_eq!(block_on(Native(vec![5, 6]).get(1)), 6);
    let (mut o, mut n) = (Ours(vec![]), Native(vec![]));
    assert_eq!(block_on(o.put("ab".into())), block_on(n.put("ab".into())));
    assert_eq!(o.0, n.0);
    let (o, n) = (Ours(vec![1]), Native(vec![1]));
    assert_eq!(block_on(o.borrows(4)), block_on(n.borrows(4)));
    assert_eq!(block_on(o.generic(Some(3))), "Some(3)");
    assert_eq!(block_on(n.generic(Some(3))), "Some(3)");
    for x in [None, Some(3), Some(30)] {
        assert_eq!(block_on(o.early(x)), block_on(n.early(x)));
    }
    assert_eq!(block_on(o.shorter("xyz")), "yz");
    assert_eq!(block_on(Ours(vec![1]).consume(4)), 5);
    assert_eq!(block_on(Native(vec![1]).consume(4)), 5);
}

#[test]
fn async_trait_parameters_drop_as_without_the_attribute() {
    let (o, n) = (Ours(vec![7]), Native(vec![7]));
    take_log();
    assert_eq!(block_on(o.params(D("a"), D("kept"), D("_"))), "a");
    let ours = take_log();
    assert_eq!(block_on(n.params(D("a"), D("kept"), D("_"))), "a");
    assert_eq!(ours, take_log());
    assert_eq!(ours, ["body", "drop a", "drop z", "drop _", "drop kept"]);
    cancels_like_native(
        || o.params(D("a"), D("kept"), D("_")),
        || n.params(D("a"), D("kept"), D("_")),
        4,
    );
    cancels_like_native(
        || o.pattern((D("a"), D("b"))),
        || n.pattern((D("a"), D("b"))),
        4,
    );
    cancels_like_native(|| o.default_body(D("d")), || n.default_body(D("d")), 4);
    take_log();
    assert_eq!(block_on(o.default_body(D("d"))), 10);
    assert_eq!(take_log(), ["d", "drop d"]);
}

#[test]
fn async_trait_machines_are_no_larger_than_its_native_blocks() {
    let (o, n) = (Ours(vec![]), Native(vec![]));
    let (a, b) = (o.borrows(3), n.borrows(3));
    assert!(
        size_of_val(&*a) <= size_of_val(&*b),
        "{} > {}",
        size_of_val(&*a),
        size_of_val(&*b)
    );
    let (a, b) = (
        o.params(D("a"), D("b"), D("c")),
        n.params(D("a"), D("b"), D("c")),
    );
    assert!(
        size_of_val(&*a) <= size_of_val(&*b),
        "{} > {}",
        size_of_val(&*a),
        size_of_val(&*b)
    );
}

// `#[async_trait(?Send)]`: the box is not `Send`, nor need the machine be.
#[async_trait(?Send)]
trait Local {
    async fn shared(&self, r: Rc<u32>) -> u32;
}

struct L;

#[async_trait(?Send)]
impl Local for L {
    #[stackless::coroutine]
    async fn shared(&self, r: Rc<u32>) -> u32 {
        let k = Rc::clone(&r);
        delay(1, ()).await;
        *k + *r
    }
}

#[test]
fn a_local_async_trait_method() {
    assert_eq!(block_on(L.shared(Rc::new(4))), 8);
}

// By hand: the parameters the block does not name are dropped when the function returns, as
// natively; a boxed machine may await its own function (each call is a new box). (`a` is
// named whole: a block that names only `a.0` takes only that field natively, and the whole
// of `a` here, as the block forms do; src/coroutine.md.)
#[stackless::coroutine]
fn boxed_by_hand(a: D, _unnamed: D) -> BoxFuture<'static, &'static str> {
    Box::pin(async move {
        log("body");
        delay(1, ()).await;
        let name = a.0;
        drop(a);
        name
    })
}

fn boxed_by_hand_native(a: D, _unnamed: D) -> BoxFuture<'static, &'static str> {
    Box::pin(async move {
        log("body");
        delay(1, ()).await;
        let name = a.0;
        drop(a);
        name
    })
}

#[stackless::coroutine]
fn fib(n: u32) -> LocalBoxFuture<'static, u32> {
    Box::pin(async move {
        if n < 2 {
            delay(1, n).await
        } else {
            fib(n - 1).await + fib(n - 2).await
        }
    })
}

#[test]
fn a_function_that_boxes_an_async_block() {
    take_log();
    let f = boxed_by_hand(D("a"), D("unnamed"));
    log("built");
    assert_eq!(block_on(f), "a");
    let ours = take_log();
    let f = boxed_by_hand_native(D("a"), D("unnamed"));
    log("built");
    assert_eq!(block_on(f), "a");
    assert_eq!(ours, take_log());
    assert_eq!(ours, ["drop unnamed", "built", "body", "drop a"]);
    assert_eq!(block_on(fib(10)), 55);
}

// What a first review found, each against the same code without the attribute. (`pause()`
// logs when it is pending, so a drop's place among the polls shows in the log.)

fn pause() -> impl std::future::Future<Output = ()> {
    let mut pending = true;
    std::future::poll_fn(move |cx| {
        if std::mem::take(&mut pending) {
            log("pending");
            cx.waker().wake_by_ref();
            std::task::Poll::Pending
        } else {
            std::task::Poll::Ready(())
        }
    })
}

#[async_trait]
trait Shapes {
    async fn field_read(&self, d: D) -> &'static str;
    async fn unnamed_first(&self, _: D, _u: D, d: D) -> &'static str;
    async fn cfg_param(&self, a: D, #[cfg(any())] b: D, #[cfg(not(any()))] c: D) -> &'static str;
    async fn shadowed_by_item(&self, b: D) -> &'static str;
}

macro_rules! shapes {
    ($ty:ident $(#[$attr:meta])?) => {
        struct $ty;

        #[async_trait]
        impl Shapes for $ty {
            // A `Copy` field read of a parameter: the parameter stays to the end (async-trait's
            // `let d = d;` is the `async fn`'s own parameter again).
            $(#[$attr])?
            async fn field_read(&self, d: D) -> &'static str {
                pause().await;
                let n = d.0;
                pause().await;
                n
            }
            // `_` parameters, which async-trait names `__arg1`, in their order.
            $(#[$attr])?
            async fn unnamed_first(&self, _: D, _u: D, d: D) -> &'static str {
                pause().await;
                let n = d.0;
                pause().await;
                n
            }
            $(#[$attr])?
            async fn cfg_param(&self, a: D, #[cfg(any())] b: D, #[cfg(not(any()))] c: D) -> &'static str {
                pause().await;
                #[cfg(any())]
                drop(b);
                drop(c);
                a.0
            }
            // An item of a nested block named like a parameter is that block's alone.
            $(#[$attr])?
            async fn shadowed_by_item(&self, b: D) -> &'static str {
                {
                    #[allow(non_upper_case_globals, dead_code)]
                    const b: u32 = 1;
                }
                pause().await;
                b.0
            }
        }
    };
}

shapes!(OursShapes #[stackless::coroutine]);
shapes!(NativeShapes);

#[test]
fn async_trait_parameters_as_async_trait_binds_them() {
    let (o, n) = (OursShapes, NativeShapes);
    cancels_like_native(|| o.field_read(D("d")), || n.field_read(D("d")), 4);
    cancels_like_native(
        || o.unnamed_first(D("_"), D("_u"), D("d")),
        || n.unnamed_first(D("_"), D("_u"), D("d")),
        4,
    );
    cancels_like_native(
        || o.cfg_param(D("a"), D("c")),
        || n.cfg_param(D("a"), D("c")),
        3,
    );
    cancels_like_native(
        || o.shadowed_by_item(D("b")),
        || n.shadowed_by_item(D("b")),
        3,
    );
    take_log();
    assert_eq!(block_on(o.field_read(D("d"))), "d");
    assert_eq!(take_log(), ["pending", "pending", "drop d"]);
}

// By hand, with the lifetime elided (`'_`), and a parameter named only inside a macro.
struct Obj(Vec<u32>);

macro_rules! consume {
    (@ $x:ident) => {
        drop($x)
    };
}

impl Obj {
    #[stackless::coroutine]
    fn len(&self) -> BoxFuture<'_, usize> {
        Box::pin(async move {
            delay(1, ()).await;
            self.0.len()
        })
    }

    #[stackless::coroutine]
    fn first(&self, d: D) -> BoxFuture<'_, Option<u32>> {
        Box::pin(async move {
            delay(1, ()).await;
            consume!(@ d);
            self.0.first().copied()
        })
    }
}

#[stackless::coroutine]
fn read(x: &u32) -> BoxFuture<'_, u32> {
    Box::pin(async move {
        delay(1, ()).await;
        *x + 1
    })
}

#[test]
fn boxed_by_hand_with_elided_lifetimes_and_macros() {
    let o = Obj(vec![4, 5]);
    assert_eq!(block_on(o.len()), 2);
    take_log();
    assert_eq!(block_on(o.first(D("d"))), Some(4));
    assert_eq!(take_log(), ["drop d"]);
    assert_eq!(block_on(read(&6)), 7);
}

// The second review's findings (session 21): a local of the user's named `__self` (not
// async-trait's renamed `self`), and by hand, parameters bound again in another order than
// the signature's (they are the block's locals then, dropped in their order).
#[async_trait]
trait Dunder {
    async fn dunder(&self, x: u32) -> u32;
}

macro_rules! dunder {
    ($ty:ident $(#[$attr:meta])?) => {
        struct $ty(u32);

        #[async_trait]
        impl Dunder for $ty {
            $(#[$attr])?
            async fn dunder(&self, x: u32) -> u32 {
                let n = self.0;
                let __self = x + 1;
                pause().await;
                __self + n
            }
        }
    };
}

dunder!(OursDunder #[stackless::coroutine]);
dunder!(NativeDunder);

#[stackless::coroutine]
fn rebound_in_another_order(a: D, b: D) -> BoxFuture<'static, usize> {
    Box::pin(async move {
        let b = b;
        let a = a;
        pause().await;
        a.0.len() + b.0.len()
    })
}

fn rebound_in_another_order_native(a: D, b: D) -> BoxFuture<'static, usize> {
    Box::pin(async move {
        let b = b;
        let a = a;
        pause().await;
        a.0.len() + b.0.len()
    })
}

#[test]
fn a_dunder_self_local_and_parameters_bound_in_another_order() {
    assert_eq!(block_on(OursDunder(1).dunder(5)), 7);
    assert_eq!(block_on(NativeDunder(1).dunder(5)), 7);
    cancels_like_native(
        || rebound_in_another_order(D("a"), D("b")),
        || rebound_in_another_order_native(D("a"), D("b")),
        3,
    );
}
