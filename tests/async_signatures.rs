//! `#[stackless::coroutine] async fn` with the signature semantics of a native `async fn`:
//! methods, trait impls, generics, lifetimes captured, `Send` inferred.

mod common;
use common::{block_on, delay};
use std::future::{Future, IntoFuture};

struct Client {
    base: String,
    hits: u32,
}

impl Client {
    #[stackless::coroutine]
    async fn get(&self, path: &str) -> String {
        let body = delay(1, format!("{}{}", self.base, path)).await;
        body.to_uppercase()
    }

    #[stackless::coroutine]
    async fn hit(&mut self) -> u32 {
        delay(1, ()).await;
        self.hits += 1;
        self.hits
    }

    #[stackless::coroutine]
    async fn into_base(self) -> String {
        delay(1, ()).await;
        self.base
    }

    #[stackless::coroutine]
    async fn boxed(self: Box<Self>) -> usize {
        delay(1, self.base.len()).await
    }
}

#[test]
fn methods_borrowing_self_and_arguments() {
    let mut c = Client {
        base: "http://x/".into(),
        hits: 0,
    };
    assert_eq!(block_on(c.get("a")), "HTTP://X/A");
    assert_eq!(block_on(c.hit()), 1);
    assert_eq!(block_on(c.hit()), 2);
    assert_eq!(
        block_on(
            Box::new(Client {
                base: "ab".into(),
                hits: 0
            })
            .boxed()
        ),
        2
    );
    assert_eq!(block_on(c.into_base()), "http://x/");
}

trait Fetch {
    fn fetch(&self, id: u32) -> impl Future<Output = String> + Send;
}

struct Db {
    prefix: &'static str,
}

impl Fetch for Db {
    #[stackless::coroutine]
    async fn fetch(&self, id: u32) -> String {
        let n = delay(1, id).await;
        format!("{}{n}", self.prefix)
    }
}

fn assert_send<T: Send>(_: &T) {}

#[test]
fn implements_a_trait_declaring_a_send_future() {
    let db = Db { prefix: "row" };
    let f = db.fetch(4);
    assert_send(&f);
    assert_eq!(block_on(f), "row4");
}

#[stackless::coroutine]
async fn generic<T: Clone + std::fmt::Debug + Unpin, const N: usize>(items: [T; N]) -> String {
    let mut out = String::new();
    for i in 0..N {
        let item = delay(1, items[i].clone()).await;
        out.push_str(&format!("{item:?}"));
    }
    out
}

#[test]
fn generic_async_fn() {
    assert_eq!(block_on(generic([1, 2, 3])), "123");
    assert_eq!(block_on(generic(['a'])), "'a'");
}

#[stackless::coroutine]
async fn borrows_two<'a>(a: &'a str, b: &str) -> &'a str {
    delay(1, ()).await;
    if b.is_empty() {
        a
    } else {
        &a[1..]
    }
}

#[test]
fn argument_lifetimes_are_captured_like_a_native_async_fn() {
    let (a, b) = (String::from("xyz"), String::from("q"));
    let fut = borrows_two(&a, &b);
    assert_eq!(block_on(fut), "yz");
}

#[stackless::coroutine]
async fn elided(s: &str, v: &[u8]) -> usize {
    delay(1, ()).await;
    s.len() + v.len()
}

#[test]
fn elided_lifetimes_are_captured() {
    let s = String::from("abc");
    let v = vec![1u8, 2];
    assert_eq!(block_on(elided(&s, &v)), 5);
}

#[stackless::coroutine]
async fn impl_trait_argument(
    f: impl Future<Output = u32>,
    g: impl IntoFuture<Output = u32>,
) -> u32 {
    f.await + g.await
}

#[test]
fn impl_future_arguments_and_into_future() {
    assert_eq!(
        block_on(impl_trait_argument(delay(2, 1), std::future::ready(2))),
        3
    );
}

struct Later(u32);
impl IntoFuture for Later {
    type Output = u32;
    type IntoFuture = common::Delay<u32>;
    fn into_future(self) -> Self::IntoFuture {
        delay(1, self.0)
    }
}

#[stackless::coroutine]
async fn awaits_into_future() -> u32 {
    Later(5).await + Later(6).await
}

#[test]
fn await_uses_into_future() {
    assert_eq!(block_on(awaits_into_future()), 11);
}

#[stackless::coroutine]
async fn rc_dead_before_await() -> usize {
    let rc = std::rc::Rc::new(2);
    let n = *rc;
    delay(1, ()).await;
    n
}

#[test]
fn an_rc_dead_before_the_await_leaves_the_future_send() {
    let f = rc_dead_before_await();
    assert_send(&f);
    assert_eq!(block_on(f), 2);
}

#[stackless::coroutine]
async fn on_another_thread(v: Vec<u32>) -> u32 {
    let mut sum = 0;
    for x in v {
        sum += delay(1, x).await;
    }
    sum
}

#[test]
fn a_send_future_runs_on_another_thread() {
    let f = on_another_thread(vec![1, 2, 3]);
    assert_eq!(std::thread::spawn(move || block_on(f)).join().unwrap(), 6);
}

fn assert_unpin<T: Unpin>(_: &T) {}

#[stackless::coroutine]
async fn awaits_unpin_futures() -> u32 {
    delay(1, 1).await + std::future::ready(1).await
}

#[test]
fn unpin_when_every_awaited_future_is() {
    let f = awaits_unpin_futures();
    assert_unpin(&f);
    assert_eq!(block_on(f), 2);
}

#[stackless::coroutine]
async fn pattern_arguments((a, b): (u32, u32), mut c: u32) -> u32 {
    c += delay(1, a).await;
    c + b
}

#[test]
fn destructuring_arguments() {
    assert_eq!(block_on(pattern_arguments((1, 2), 3)), 6);
}

#[stackless::coroutine]
async fn recursive_boxed(n: u32) -> u32 {
    if n == 0 {
        return 0;
    }
    let inner: std::pin::Pin<Box<dyn Future<Output = u32>>> = Box::pin(recursive_boxed(n - 1));
    n + inner.await
}

#[test]
fn recursion_through_box_pin() {
    assert_eq!(block_on(recursive_boxed(4)), 10);
}

struct Parser<'a> {
    rest: &'a str,
}

impl<'a> Parser<'a> {
    /// The output borrows from the input the parser holds, not from `self`.
    #[stackless::coroutine]
    async fn next_word(&mut self) -> Option<&'a str> {
        delay(1, ()).await;
        let rest = self.rest.trim_start();
        if rest.is_empty() {
            return None;
        }
        let end = rest.find(' ').unwrap_or(rest.len());
        let (word, tail) = rest.split_at(end);
        self.rest = tail;
        Some(word)
    }

    /// The output mentions no lifetime at all: `Self`'s lifetime is still captured.
    #[stackless::coroutine]
    async fn remaining(&self) -> usize {
        delay(1, ()).await;
        self.rest.len()
    }
}

#[test]
fn methods_of_a_type_with_a_lifetime_parameter() {
    let text = String::from("a bc");
    let mut p = Parser { rest: &text };
    assert_eq!(block_on(p.next_word()), Some("a"));
    assert_eq!(block_on(p.remaining()), 3);
    assert_eq!(block_on(p.next_word()), Some("bc"));
    assert_eq!(block_on(p.next_word()), None);
}

struct Counter {
    n: u32,
}

impl Counter {
    #[stackless::coroutine]
    async fn bump_pinned(self: std::pin::Pin<&mut Self>) -> u32 {
        delay(1, ()).await;
        let this = self.get_mut();
        this.n += 1;
        this.n
    }

    #[stackless::coroutine]
    async fn shared_rc(self: std::rc::Rc<Self>) -> u32 {
        delay(1, self.n).await
    }
}

#[test]
fn typed_receivers() {
    let mut c = Counter { n: 1 };
    assert_eq!(block_on(std::pin::Pin::new(&mut c).bump_pinned()), 2);
    assert_eq!(block_on(std::rc::Rc::new(Counter { n: 9 }).shared_rc()), 9);
}

struct Source {
    left: usize,
}

impl Source {
    async fn read(&mut self, buf: &mut [u8]) -> usize {
        let n = self.left.min(buf.len());
        self.left -= n;
        n
    }
}

/// A wrapper named like the method it awaits (`src.read(..)` inside `async fn read`): not
/// recursion (this was rejected as such).
#[stackless::coroutine]
async fn read(src: &mut Source, buf: &mut [u8]) -> usize {
    delay(1, ()).await;
    src.read(buf).await
}

#[test]
fn awaiting_a_method_of_the_same_name_is_not_recursion() {
    let mut src = Source { left: 5 };
    let mut buf = [0u8; 4];
    assert_eq!(block_on(read(&mut src, &mut buf)), 4);
    assert_eq!(block_on(read(&mut src, &mut buf)), 1);
}

struct Socket {
    port: u16,
}

impl Socket {
    async fn connect(port: u16) -> Socket {
        Socket { port }
    }
}

/// A wrapper named like another type's associated function it awaits
/// (`Socket::connect(p)` inside `async fn connect`): not recursion (this was rejected).
#[stackless::coroutine]
async fn connect(port: u16) -> u16 {
    delay(1, ()).await;
    Socket::connect(port + 1).await.port
}

#[test]
fn awaiting_another_types_function_of_the_same_name_is_not_recursion() {
    assert_eq!(block_on(connect(80)), 81);
}

#[stackless::coroutine]
async fn push_ref_mut(ref mut v: Vec<u32>) -> usize {
    delay(1, ()).await;
    v.push(1);
    v.len()
}

#[allow(clippy::toplevel_ref_arg)] // the `ref` bindings are the point
#[stackless::coroutine]
async fn local_ref_bindings() -> usize {
    let mut v = vec![1];
    let ref mut w = v;
    delay(1, ()).await;
    w.push(2);
    let ref r: Vec<u32> = v;
    delay(1, ()).await;
    r.len()
}

/// `ref mut` parameters and `ref`/`ref mut` `let` bindings borrow across awaits as a native
/// `async fn`'s do (E0596/E0716 before).
#[test]
fn ref_mut_parameters_and_ref_bindings() {
    assert_eq!(block_on(push_ref_mut(vec![7])), 2);
    assert_eq!(block_on(local_ref_bindings()), 2);
}

struct Req {
    key: String,
}

async fn key_len(k: &str) -> usize {
    delay(1, k.len()).await
}

#[stackless::coroutine]
async fn shorthand_field(r: Req) -> usize {
    let Req { key } = r;
    key_len(&key).await
}

/// A struct pattern's shorthand field whose binding is borrowed across an await (E0026
/// naming a generated field before).
#[test]
fn a_shorthand_field_borrowed_across_an_await() {
    assert_eq!(block_on(shorthand_field(Req { key: "abc".into() })), 3);
}

#[stackless::coroutine]
async fn relay(s: impl Future<Output = u32>) -> u32 {
    let s = std::pin::pin!(s);
    s.await + 1
}

/// An `impl Trait` parameter borrowed across an await (E0310 before; the named-generic form
/// worked).
#[test]
fn an_impl_trait_parameter_pinned_across_an_await() {
    assert_eq!(block_on(relay(async { 1 })), 2);
}

struct Bar<'a> {
    v: &'a u8,
}

impl<'a> Bar<'a> {
    #[stackless::coroutine]
    async fn get(&'a self) -> u8 {
        delay(1, ()).await;
        *self.v
    }
}

/// A method naming a lifetime of its `impl` header (E0700 before).
#[test]
fn a_method_using_the_impl_headers_lifetime() {
    let x = 5;
    let b = Bar { v: &x };
    assert_eq!(block_on(b.get()), 5);
}

struct Tally {
    rx: tokio::sync::mpsc::Receiver<(String, i64)>,
    counts: std::collections::HashMap<String, i64>,
}

impl Tally {
    /// An actor's `run(mut self)`: the awaited future borrows `self`, which the machine
    /// keeps in its frame (was E0596 "consider changing this to be mutable: `mut mut self`").
    #[stackless::coroutine]
    async fn run(mut self) -> usize {
        while let Some((k, by)) = self.rx.recv().await {
            *self.counts.entry(k).or_insert(0) += by;
        }
        self.counts.len()
    }
}

#[test]
fn mut_self_borrowed_across_awaits() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let n = rt.block_on(async {
        let (tx, rx) = tokio::sync::mpsc::channel(4);
        tx.send(("a".to_string(), 2)).await.unwrap();
        tx.send(("b".to_string(), 1)).await.unwrap();
        tx.send(("a".to_string(), 1)).await.unwrap();
        drop(tx);
        Tally {
            rx,
            counts: Default::default(),
        }
        .run()
        .await
    });
    assert_eq!(n, 2);
}

struct Actor2 {
    rx: tokio::sync::mpsc::Receiver<(String, i64)>,
    counts: std::collections::HashMap<String, i64>,
}

impl Actor2 {
    /// The actor hands its state back when its channel closes: a partial move of `self`
    /// after a loop whose bindings borrowed it (was E0507: the borrow held in the loop made
    /// the partial move give up).
    #[stackless::coroutine]
    async fn run(mut self) -> std::collections::HashMap<String, i64> {
        while let Some((k, by)) = self.rx.recv().await {
            let entry = self.counts.entry(k).or_insert(0);
            *entry += by;
        }
        self.counts
    }
}

#[test]
fn mut_self_returns_a_field_after_its_loop() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let counts = rt.block_on(async {
        let (tx, rx) = tokio::sync::mpsc::channel(4);
        tx.send(("a".to_string(), 2)).await.unwrap();
        tx.send(("a".to_string(), 3)).await.unwrap();
        drop(tx);
        Actor2 {
            rx,
            counts: Default::default(),
        }
        .run()
        .await
    });
    assert_eq!(counts.get("a"), Some(&5));
}

#[stackless::coroutine]
async fn apply_hrtb(f: impl for<'a> Fn(&'a str) -> &'a str, inputs: Vec<String>) -> Vec<String> {
    let mut out = Vec::new();
    for i in &inputs {
        std::future::ready(()).await;
        out.push(f(i).to_string());
    }
    out
}

#[stackless::coroutine]
async fn dyn_hrtb(f: &dyn for<'a> Fn(&'a [u8]) -> &'a [u8]) -> usize {
    std::future::ready(()).await;
    f(b"abc").len()
}

/// A parameter whose type binds its own lifetime (`impl for<'a> Fn(&'a str) -> &'a str`,
/// `&dyn for<'a> Fn(..)`): `'a` is the bound's, not a lifetime the future captures.
/// (Before, E0261 "use of undeclared lifetime name `'a`"; found by the peer hunt.)
#[test]
fn higher_ranked_parameter_types() {
    fn first(s: &str) -> &str {
        s.split(',').next().unwrap_or("")
    }
    assert_eq!(
        stackless::rt::block_on(apply_hrtb(first, vec!["a,b".into(), "c".into()])),
        ["a", "c"]
    );
    fn tail(b: &[u8]) -> &[u8] {
        &b[1..]
    }
    assert_eq!(stackless::rt::block_on(dyn_hrtb(&tail)), 2);
}

// An async fn of two borrowed parameters keeps them late-bound, as natively: it is general
// enough for a higher-ranked bound. (An outlives bound between its lifetimes, tried to let an
// awaited future borrow for the shorter of two, would make them early-bound; see the limits.)
#[stackless::coroutine]
pub async fn add_later(a: &u8, b: &u8) -> u8 {
    let n = *a + *b;
    delay(1, n).await
}

async fn drive(f: impl AsyncFn(&u8, &u8) -> u8) -> u8 {
    f(&1, &2).await
}

#[test]
fn an_async_fn_of_two_borrows_is_a_higher_ranked_callback() {
    assert_eq!(block_on(drive(add_later)), 3);
}
