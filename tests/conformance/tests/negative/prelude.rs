//! The items every generated crate starts with. `COMMON` is the same text in both crates
//! (the helpers the bodies call, and `Show`, which turns what a program yields or returns
//! into a trace line); `NATIVE` and `OURS` add each side's drivers. Our drivers move the
//! machine to a fresh heap allocation between resumes wherever Rust lets safe code move it
//! (always for an `Iterator`; for a `Coroutine` or `Future` when it is `Unpin`) and fill the
//! freed block with junk, so a machine that keeps a reference into itself reads the junk (a
//! different trace) or, under AddressSanitizer, freed memory.

pub const COMMON: &str = r#"
#![allow(warnings)]
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

#[derive(Clone)]
pub struct S {
    pub v: Vec<u32>,
    pub name: String,
    pub n: u32,
}
impl S {
    pub fn new() -> S {
        S { v: vec![1, 2, 3], name: String::from("s t"), n: 7 }
    }
}
pub static BUF: [u8; 256] = [9; 256];
pub static V32: [u32; 3] = [4, 5, 6];
pub fn first(b: &[u8; 256]) -> &u8 {
    &b[0]
}
pub fn first_of(v: &[u32]) -> &u32 {
    &v[0]
}
pub trait Arg {
    fn with(&self, x: ()) -> u8;
    fn with_u(&self, x: u8) -> u8;
}
impl Arg for [u8; 256] {
    fn with(&self, _x: ()) -> u8 {
        self[1]
    }
    fn with_u(&self, x: u8) -> u8 {
        self[1].wrapping_add(x)
    }
}
pub type BoxFn<'a> = Box<dyn FnOnce() -> usize + 'a>;
pub type BoxFut<'a> = Pin<Box<dyn Future<Output = usize> + 'a>>;
pub struct Pend(bool);
impl Future for Pend {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            Poll::Ready(())
        } else {
            self.0 = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}
pub fn pend() -> Pend {
    Pend(false)
}
pub async fn touch<T: ?Sized>(_x: &T) {
    pend().await
}
pub fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    let mut cx = Context::from_waker(std::task::Waker::noop());
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}
pub trait Show {
    fn show(self) -> String;
}
impl Show for () { fn show(self) -> String { String::from("()") } }
impl Show for u8 { fn show(self) -> String { self.to_string() } }
impl Show for u32 { fn show(self) -> String { self.to_string() } }
impl Show for usize { fn show(self) -> String { self.to_string() } }
impl Show for String { fn show(self) -> String { format!("{self:?}") } }
impl Show for &str { fn show(self) -> String { format!("{self:?}") } }
impl Show for &u8 { fn show(self) -> String { format!("&{self}") } }
impl Show for &u32 { fn show(self) -> String { format!("&{self}") } }
impl Show for BoxFn<'_> { fn show(self) -> String { format!("fn {}", self()) } }
impl Show for BoxFut<'_> { fn show(self) -> String { format!("fut {}", block_on(self)) } }
/// Runs one program, catching a panic (a trace line of its own).
pub fn guard(f: impl FnOnce() -> Vec<String>) -> Vec<String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
        .unwrap_or_else(|_| vec![String::from("panic")])
}
pub const STEPS: usize = 64;
"#;

pub const NATIVE: &str = r#"
use std::ops::{Coroutine, CoroutineState};
/// `-> impl Iterator` over a native coroutine (pinned in a box, as our self-borrowing
/// generators are).
pub struct Iter<C>(Pin<Box<C>>);
impl<C: Coroutine<Return = ()>> Iterator for Iter<C> {
    type Item = C::Yield;
    fn next(&mut self) -> Option<C::Yield> {
        match self.0.as_mut().resume(()) {
            CoroutineState::Yielded(y) => Some(y),
            CoroutineState::Complete(()) => None,
        }
    }
}
pub fn iter<C: Coroutine<Return = ()>>(c: C) -> Iter<C> {
    Iter(Box::pin(c))
}
pub fn run_iter<I: Iterator>(mut it: I) -> Vec<String> where I::Item: Show {
    let mut t = Vec::new();
    for _ in 0..STEPS {
        match it.next() {
            Some(y) => t.push(y.show()),
            None => { t.push(String::from("end")); break; }
        }
    }
    t
}
pub fn run_coro<R: Default, C: Coroutine<R>>(c: C) -> Vec<String>
where C::Yield: Show, C::Return: Show {
    let mut c = Box::pin(c);
    let mut t = Vec::new();
    for _ in 0..STEPS {
        match c.as_mut().resume(R::default()) {
            CoroutineState::Yielded(y) => t.push(y.show()),
            CoroutineState::Complete(r) => { t.push(format!("return {}", r.show())); break; }
        }
    }
    t
}
pub fn run_fut<F: Future>(f: F) -> Vec<String> where F::Output: Show {
    let mut f = Box::pin(f);
    let mut cx = Context::from_waker(std::task::Waker::noop());
    let mut t = Vec::new();
    for _ in 0..STEPS {
        match f.as_mut().poll(&mut cx) {
            Poll::Ready(v) => { t.push(format!("ready {}", v.show())); break; }
            Poll::Pending => t.push(String::from("pending")),
        }
    }
    t
}
"#;

pub const OURS: &str = r#"
use stackless::{yield_, Coroutine, CoroutineState};
/// Moves `*b` to a new allocation and fills the old one's block with junk, kept until the
/// next move (the allocator hands the freed block to the junk).
pub fn relocate<T>(b: Box<T>, junk: &mut Vec<Vec<u8>>) -> Box<T> {
    let nb = Box::new(*b);
    junk.push(vec![0xA5u8; std::mem::size_of::<T>().max(1)]);
    nb
}
pub fn run_iter<I: Iterator>(it: I) -> Vec<String> where I::Item: Show {
    let mut b = Box::new(it);
    let mut junk = Vec::new();
    let mut t = Vec::new();
    for _ in 0..STEPS {
        match b.next() {
            Some(y) => t.push(y.show()),
            None => { t.push(String::from("end")); break; }
        }
        b = relocate(b, &mut junk);
    }
    t
}
/// Drives a coroutine or future, moving it between resumes when it is `Unpin` (autoref
/// specialisation: `Moving` is found first, at the by-value step, only for `Unpin` machines).
pub struct Probe<M>(pub Option<M>);
pub trait Moving { fn drive(&mut self) -> Vec<String>; }
pub trait Pinned { fn drive(&mut self) -> Vec<String>; }
pub struct CoroM<R, C>(pub C, pub std::marker::PhantomData<R>);
pub struct FutM<F>(pub F);
fn step_coro<R: Default, C: Coroutine<R>>(c: Pin<&mut C>, t: &mut Vec<String>) -> bool
where C::Yield: Show, C::Return: Show {
    match c.resume(R::default()) {
        CoroutineState::Yielded(y) => { t.push(y.show()); true }
        CoroutineState::Complete(r) => { t.push(format!("return {}", r.show())); false }
    }
}
fn step_fut<F: Future>(f: Pin<&mut F>, t: &mut Vec<String>) -> bool where F::Output: Show {
    let mut cx = Context::from_waker(std::task::Waker::noop());
    match f.poll(&mut cx) {
        Poll::Ready(v) => { t.push(format!("ready {}", v.show())); false }
        Poll::Pending => { t.push(String::from("pending")); true }
    }
}
impl<R: Default, C: Coroutine<R> + Unpin> Moving for Probe<CoroM<R, C>>
where C::Yield: Show, C::Return: Show {
    fn drive(&mut self) -> Vec<String> {
        let mut b = Box::new(self.0.take().unwrap().0);
        let (mut junk, mut t) = (Vec::new(), Vec::new());
        for _ in 0..STEPS {
            if !step_coro(Pin::new(&mut *b), &mut t) { break; }
            b = relocate(b, &mut junk);
        }
        t
    }
}
impl<R: Default, C: Coroutine<R>> Pinned for &mut Probe<CoroM<R, C>>
where C::Yield: Show, C::Return: Show {
    fn drive(&mut self) -> Vec<String> {
        let mut b = Box::pin(self.0.take().unwrap().0);
        let mut t = Vec::new();
        for _ in 0..STEPS {
            if !step_coro(b.as_mut(), &mut t) { break; }
        }
        t
    }
}
impl<F: Future + Unpin> Moving for Probe<FutM<F>> where F::Output: Show {
    fn drive(&mut self) -> Vec<String> {
        let mut b = Box::new(self.0.take().unwrap().0);
        let (mut junk, mut t) = (Vec::new(), Vec::new());
        for _ in 0..STEPS {
            if !step_fut(Pin::new(&mut *b), &mut t) { break; }
            b = relocate(b, &mut junk);
        }
        t
    }
}
impl<F: Future> Pinned for &mut Probe<FutM<F>> where F::Output: Show {
    fn drive(&mut self) -> Vec<String> {
        let mut b = Box::pin(self.0.take().unwrap().0);
        let mut t = Vec::new();
        for _ in 0..STEPS {
            if !step_fut(b.as_mut(), &mut t) { break; }
        }
        t
    }
}
macro_rules! run_coro {
    ($R:ty, $e:expr) => {
        (&mut Probe(Some(CoroM::<$R, _>($e, std::marker::PhantomData)))).drive()
    };
}
macro_rules! run_fut {
    ($e:expr) => {
        (&mut Probe(Some(FutM($e)))).drive()
    };
}
"#;

/// The native side's versions of the two driver macros (so a call site is the same text).
pub const NATIVE_MACROS: &str = r#"
macro_rules! run_coro {
    ($R:ty, $e:expr) => {
        run_coro::<$R, _>($e)
    };
}
macro_rules! run_fut {
    ($e:expr) => {
        run_fut($e)
    };
}
"#;
