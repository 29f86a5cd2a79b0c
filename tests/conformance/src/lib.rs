//! Runtime support for the generated conformance programs: the logging drop type, the
//! helper functions the generated bodies call, and the two drivers (one for
//! `stackless::Coroutine`, one for rustc's `core::ops::Coroutine`) that record everything
//! observable — yields, the return value, panics and drops, interleaved — into one trace;
//! and, for the async programs, the future they await (`tick`) and the driver that polls
//! both kinds of future (`drive_future`).
#![feature(coroutine_trait)]

use std::cell::RefCell;
use std::num::NonZeroU32;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::pin::Pin;

thread_local! {
    static LOG: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Records an event in this thread's trace.
pub fn log(event: String) {
    LOG.with(|l| l.borrow_mut().push(event));
}

/// Takes (and clears) this thread's trace.
pub fn take_log() -> Vec<String> {
    LOG.with(|l| std::mem::take(&mut *l.borrow_mut()))
}

/// A value with drop glue that logs its drop. `NonZeroU32` gives `Option<D>` a niche, so the
/// oracle's `Option<D>` wrappers (see the README) cost rustc's machine no bytes.
#[derive(Debug)]
pub struct D(NonZeroU32);

impl D {
    pub fn new(id: u32) -> D {
        D(NonZeroU32::new(id).expect("ids start at 1"))
    }
    pub fn v(&self) -> i64 {
        self.0.get() as i64
    }
}

/// A function that takes a `D` by value (a move the macro sees only as an argument).
pub fn consume(d: D) {
    drop(d);
}

/// A function that borrows a `D`: `dv(&D::new(k))` keeps its temporary to the end of the
/// statement.
pub fn dv(d: &D) -> i64 {
    d.v()
}

impl Drop for D {
    fn drop(&mut self) {
        log(format!("drop d{}", self.0));
    }
}

/// A pair of `D`s without a `Drop` of its own: moved out of in part, what is left is dropped
/// field by field at the end of the local's scope.
pub struct P {
    pub a: D,
    pub b: D,
}

/// Reads a `D` through a borrow, and logs that it did.
pub fn touch(d: &D) -> i64 {
    log(format!("touch d{}", d.0));
    d.v()
}

/// A value that holds a borrow of a `D` (`let r = held(&d);`).
pub struct Held<'a>(&'a D);

pub fn held(d: &D) -> Held<'_> {
    Held(d)
}

impl<'a> Held<'a> {
    pub fn get(&self) -> &'a D {
        self.0
    }
}

pub fn add(a: i64, b: i64) -> i64 {
    a.wrapping_add(b)
}

pub fn sub(a: i64, b: i64) -> i64 {
    a.wrapping_sub(b)
}

/// Panics for some values.
pub fn boom(e: i64) -> i64 {
    if e.rem_euclid(13) == 5 {
        panic!("boom {e}");
    }
    e
}

pub fn sumv(v: &[i64]) -> i64 {
    v.iter().fold(0, |a, &b| a.wrapping_add(b))
}

/// The error `chk` returns; converted into `Big` by `?`.
pub struct Small(pub i64);

#[derive(Debug, PartialEq)]
pub struct Big(pub i64);

impl From<Small> for Big {
    fn from(s: Small) -> Big {
        Big(s.0 * 100)
    }
}

/// Fails for some values.
pub fn chk(e: i64) -> Result<i64, Small> {
    if e.rem_euclid(7) == 3 {
        Err(Small(e))
    } else {
        Ok(e)
    }
}

/// The resume argument of resume number `i` (the first, `i == 0`, starts the body and is
/// ignored by both kinds of coroutine).
pub fn resume_arg(salt: u64, i: usize) -> i64 {
    ((salt as i64).wrapping_add(i as i64 * 37)).rem_euclid(17) - 4
}

/// A machine that produced more yields than this is reported as not terminating.
pub const MAX_RESUMES: usize = 2000;

/// What one run observed: the trace, and how many values were yielded.
pub struct Run {
    pub trace: Vec<String>,
    pub yields: usize,
}

enum Step {
    Yielded(i64),
    Complete(Result<i64, Big>),
    Panicked,
}

/// One resume of either kind of machine.
trait Machine {
    fn step(&mut self, arg: i64) -> Step;
}

struct Ours<C>(Pin<Box<C>>);
struct Native<C>(Pin<Box<C>>);

impl<C: stackless::Coroutine<i64, Yield = i64, Return = Result<i64, Big>>> Machine for Ours<C> {
    fn step(&mut self, arg: i64) -> Step {
        match catch_unwind(AssertUnwindSafe(|| self.0.as_mut().resume(arg))) {
            Ok(stackless::CoroutineState::Yielded(y)) => Step::Yielded(y),
            Ok(stackless::CoroutineState::Complete(r)) => Step::Complete(r),
            Err(_) => Step::Panicked,
        }
    }
}

impl<C: std::ops::Coroutine<i64, Yield = i64, Return = Result<i64, Big>>> Machine for Native<C> {
    fn step(&mut self, arg: i64) -> Step {
        match catch_unwind(AssertUnwindSafe(|| self.0.as_mut().resume(arg))) {
            Ok(std::ops::CoroutineState::Yielded(y)) => Step::Yielded(y),
            Ok(std::ops::CoroutineState::Complete(r)) => Step::Complete(r),
            Err(_) => Step::Panicked,
        }
    }
}

/// Resumes `m` until it completes or panics (at most `cancel` times), then drops it.
fn drive(m: impl Machine, salt: u64, cancel: Option<usize>) -> Run {
    take_log();
    let mut m = Some(m);
    let mut yields = 0;
    let mut i = 0;
    loop {
        if cancel == Some(i) {
            log("cancel".into());
            break;
        }
        if i == MAX_RESUMES {
            log("too many resumes".into());
            break;
        }
        match m
            .as_mut()
            .expect("not dropped yet")
            .step(resume_arg(salt, i))
        {
            Step::Yielded(y) => {
                yields += 1;
                log(format!("yield {y}"));
            }
            Step::Complete(r) => {
                log(format!("return {r:?}"));
                break;
            }
            Step::Panicked => {
                log("panic".into());
                break;
            }
        }
        i += 1;
    }
    drop(m.take());
    log("dropped".into());
    Run {
        trace: take_log(),
        yields,
    }
}

/// Drives one of our machines: resumes it (at most `cancel` times), then drops it.
pub fn drive_ours<C>(c: C, salt: u64, cancel: Option<usize>) -> Run
where
    C: stackless::Coroutine<i64, Yield = i64, Return = Result<i64, Big>>,
{
    drive(Ours(Box::pin(c)), salt, cancel)
}

/// Drives one of rustc's coroutines exactly as `drive_ours` drives ours.
pub fn drive_native<C>(c: C, salt: u64, cancel: Option<usize>) -> Run
where
    C: std::ops::Coroutine<i64, Yield = i64, Return = Result<i64, Big>>,
{
    drive(Native(Box::pin(c)), salt, cancel)
}

// ---- async programs --------------------------------------------------------------------

/// The future the async programs await: `Pending` `k` times (waking itself each time), then
/// `Ready(v)`. It logs `ready v` when it completes and `drop tick` when it is dropped (after
/// completing, or pending, when the machine holding it is cancelled), so where the awaited
/// future is dropped relative to the locals is part of the trace.
pub struct Tick {
    k: u32,
    v: i64,
}

pub fn tick(k: u32, v: i64) -> Tick {
    Tick { k, v }
}

impl std::future::Future for Tick {
    type Output = i64;
    fn poll(mut self: Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<i64> {
        if self.k == 0 {
            log(format!("ready {}", self.v));
            std::task::Poll::Ready(self.v)
        } else {
            self.k -= 1;
            cx.waker().wake_by_ref();
            std::task::Poll::Pending
        }
    }
}

impl Drop for Tick {
    fn drop(&mut self) {
        log("drop tick".into());
    }
}

/// `tick` that also borrows a `D` until it is dropped (the borrowed local must stay put),
/// and reads it when ready.
pub struct TickOn<'a> {
    k: u32,
    d: &'a D,
    v: i64,
}

pub fn tick_on(k: u32, d: &D, v: i64) -> TickOn<'_> {
    TickOn { k, d, v }
}

impl std::future::Future for TickOn<'_> {
    type Output = i64;
    fn poll(mut self: Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<i64> {
        if self.k == 0 {
            log(format!("ready {} on d{}", self.v, self.d.0));
            std::task::Poll::Ready(self.v)
        } else {
            self.k -= 1;
            cx.waker().wake_by_ref();
            std::task::Poll::Pending
        }
    }
}

impl Drop for TickOn<'_> {
    fn drop(&mut self) {
        log(format!("drop tick on d{}", self.d.0));
    }
}

/// Polls a future (ours or rustc's: both are `std::future::Future`s) with a no-op waker
/// until it is ready or panics (at most `cancel` times), then drops it. Each `Pending` is
/// logged as `pending` (the analogue of a yield; `Run::yields` counts them).
pub fn drive_future<F>(f: F, cancel: Option<usize>) -> Run
where
    F: std::future::Future<Output = Result<i64, Big>>,
{
    take_log();
    let mut f = Some(Box::pin(f));
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    let mut yields = 0;
    let mut i = 0;
    loop {
        if cancel == Some(i) {
            log("cancel".into());
            break;
        }
        if i == MAX_RESUMES {
            log("too many resumes".into());
            break;
        }
        let fut = f.as_mut().expect("not dropped yet");
        match catch_unwind(AssertUnwindSafe(|| fut.as_mut().poll(&mut cx))) {
            Ok(std::task::Poll::Pending) => {
                yields += 1;
                log("pending".into());
            }
            Ok(std::task::Poll::Ready(r)) => {
                log(format!("return {r:?}"));
                break;
            }
            Err(_) => {
                log("panic".into());
                break;
            }
        }
        i += 1;
    }
    drop(f.take());
    log("dropped".into());
    Run {
        trace: take_log(),
        yields,
    }
}
