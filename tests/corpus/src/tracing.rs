//! A small stand-in for the `tracing` crate (not available offline): `macro_rules!` macros
//! of the same shapes (`info!(?x, %y, field = v, "msg {}", z)`, `debug!(target: "t", ..)`,
//! `info_span!`, `span!`, `.entered()`, `.in_scope(..)`, `.instrument(span)`) that record
//! every event, with the spans entered when it happens, in the drop log.

// The whole API is provided as tracing has it; not every macro is used by the cases.
#![allow(unused_macros, unused_imports)]

use std::cell::RefCell;
use std::fmt::Write as _;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};

use crate::support::log;

thread_local! {
    static STACK: RefCell<Vec<Span>> = const { RefCell::new(Vec::new()) };
}

/// A verbosity level, named as tracing names them (`Level::INFO`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Level(pub &'static str);

impl Level {
    /// `ERROR`.
    pub const ERROR: Level = Level("ERROR");
    /// `WARN`.
    pub const WARN: Level = Level("WARN");
    /// `INFO`.
    pub const INFO: Level = Level("INFO");
    /// `DEBUG`.
    pub const DEBUG: Level = Level("DEBUG");
    /// `TRACE`.
    pub const TRACE: Level = Level("TRACE");
}

/// The rendered fields and message of an event or span.
#[derive(Debug, Default)]
pub struct Fields {
    /// The formatted message, empty when none.
    pub message: String,
    /// `name=value` for every field, in order.
    pub fields: Vec<String>,
}

/// A span: a name and fields, entered around the code it covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    name: &'static str,
    fields: Vec<String>,
}

impl Span {
    /// A span named `name` with `fields`.
    pub fn new(name: &'static str, fields: Fields) -> Span {
        Span {
            name,
            fields: fields.fields,
        }
    }

    /// The span of no span (entering it changes nothing visible but the name `none`).
    pub fn none() -> Span {
        Span {
            name: "none",
            fields: Vec::new(),
        }
    }

    /// The innermost span entered on this thread.
    pub fn current() -> Span {
        STACK.with(|s| s.borrow().last().cloned().unwrap_or_else(Span::none))
    }

    /// Adds a field after the span was made.
    pub fn record(&mut self, name: &str, value: impl std::fmt::Debug) {
        self.fields.push(format!("{name}={value:?}"));
    }

    /// Enters the span until the guard drops.
    pub fn enter(&self) -> Entered<'_> {
        STACK.with(|s| s.borrow_mut().push(self.clone()));
        Entered {
            _span: PhantomData,
            _not_send: PhantomData,
        }
    }

    /// Enters the span, which the guard owns, until the guard drops.
    pub fn entered(self) -> EnteredSpan {
        STACK.with(|s| s.borrow_mut().push(self.clone()));
        EnteredSpan {
            _span: self,
            _not_send: PhantomData,
        }
    }

    /// Runs `f` inside the span.
    pub fn in_scope<T>(&self, f: impl FnOnce() -> T) -> T {
        let _g = self.enter();
        f()
    }

    fn render(&self, out: &mut String) {
        out.push_str(self.name);
        if !self.fields.is_empty() {
            let _ = write!(out, "{{{}}}", self.fields.join(" "));
        }
    }
}

fn exit() {
    STACK.with(|s| s.borrow_mut().pop());
}

/// Exits the span when dropped (`!Send`, as tracing's is).
#[derive(Debug)]
pub struct Entered<'a> {
    _span: PhantomData<&'a Span>,
    _not_send: PhantomData<*const ()>,
}

impl Drop for Entered<'_> {
    fn drop(&mut self) {
        exit();
    }
}

/// Owns an entered span and exits it when dropped (`!Send`, as tracing's is).
#[derive(Debug)]
pub struct EnteredSpan {
    _span: Span,
    _not_send: PhantomData<*const ()>,
}

impl EnteredSpan {
    /// Exits the span and gives it back.
    pub fn exit(self) -> Span {
        let span = self._span.clone();
        drop(self);
        span
    }
}

impl Drop for EnteredSpan {
    fn drop(&mut self) {
        exit();
    }
}

/// Records one event in the log: `LEVEL target span{f}:span: message f=v`.
pub fn emit(level: &str, target: Option<&str>, fields: Fields) {
    let mut line = String::from(level);
    line.push(' ');
    if let Some(t) = target {
        line.push_str(t);
        line.push(' ');
    }
    STACK.with(|s| {
        for (i, span) in s.borrow().iter().enumerate() {
            if i > 0 {
                line.push(':');
            }
            span.render(&mut line);
        }
    });
    line.push_str(": ");
    line.push_str(&fields.message);
    for f in &fields.fields {
        line.push(' ');
        line.push_str(f);
    }
    log(line);
}

/// `.instrument(span)` / `.in_current_span()` on every future (and stream).
pub trait Instrument: Sized {
    /// Enters `span` around every poll of `self`.
    fn instrument(self, span: Span) -> Instrumented<Self> {
        Instrumented { inner: self, span }
    }

    /// Enters the current span around every poll of `self`.
    fn in_current_span(self) -> Instrumented<Self> {
        self.instrument(Span::current())
    }
}

impl<T> Instrument for T {}

/// A future (or stream) that enters its span around every poll.
#[derive(Debug)]
pub struct Instrumented<F> {
    inner: F,
    span: Span,
}

impl<F> Instrumented<F> {
    fn project(self: Pin<&mut Self>) -> (Pin<&mut F>, &Span) {
        // SAFETY: `inner` is structurally pinned: it is never moved out of a pinned
        // `Instrumented`, which has no `Drop` impl and is `Unpin` only when `F` is.
        unsafe {
            let this = self.get_unchecked_mut();
            (Pin::new_unchecked(&mut this.inner), &this.span)
        }
    }
}

impl<F: Future> Future for Instrumented<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let (inner, span) = self.project();
        let _g = span.enter();
        inner.poll(cx)
    }
}

impl<S: futures_core::Stream> futures_core::Stream for Instrumented<S> {
    type Item = S::Item;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<S::Item>> {
        let (inner, span) = self.project();
        let _g = span.enter();
        inner.poll_next(cx)
    }
}

/// Renders the fields and message of an event or span (tt muncher).
#[doc(hidden)]
macro_rules! __fields {
    (@ [$($f:expr),*]) => {
        $crate::tracing::Fields {
            message: ::std::string::String::new(),
            fields: ::std::vec![$($f),*],
        }
    };
    (@ [$($f:expr),*] ? $name:ident $(, $($rest:tt)*)?) => {
        $crate::tracing::__fields!(@ [$($f,)* ::std::format!("{}={:?}", ::core::stringify!($name), $name)] $($($rest)*)?)
    };
    (@ [$($f:expr),*] % $name:ident $(, $($rest:tt)*)?) => {
        $crate::tracing::__fields!(@ [$($f,)* ::std::format!("{}={}", ::core::stringify!($name), $name)] $($($rest)*)?)
    };
    (@ [$($f:expr),*] $name:ident = ? $val:expr $(, $($rest:tt)*)?) => {
        $crate::tracing::__fields!(@ [$($f,)* ::std::format!("{}={:?}", ::core::stringify!($name), $val)] $($($rest)*)?)
    };
    (@ [$($f:expr),*] $name:ident = % $val:expr $(, $($rest:tt)*)?) => {
        $crate::tracing::__fields!(@ [$($f,)* ::std::format!("{}={}", ::core::stringify!($name), $val)] $($($rest)*)?)
    };
    (@ [$($f:expr),*] $name:ident = $val:expr $(, $($rest:tt)*)?) => {
        $crate::tracing::__fields!(@ [$($f,)* ::std::format!("{}={:?}", ::core::stringify!($name), $val)] $($($rest)*)?)
    };
    (@ [$($f:expr),*] $name:ident $(, $($rest:tt)*)?) => {
        $crate::tracing::__fields!(@ [$($f,)* ::std::format!("{}={:?}", ::core::stringify!($name), $name)] $($($rest)*)?)
    };
    (@ [$($f:expr),*] $fmt:literal $(, $($arg:tt)*)?) => {
        $crate::tracing::Fields {
            message: ::std::format!($fmt $(, $($arg)*)?),
            fields: ::std::vec![$($f),*],
        }
    };
}
#[doc(hidden)]
pub(crate) use __fields;

/// `event!(Level::INFO, ..)`, `event!(target: "t", Level::INFO, ..)`.
macro_rules! event {
    (target: $target:expr, $lvl:expr, $($rest:tt)+) => {
        $crate::tracing::emit(($lvl).0, ::core::option::Option::Some($target), $crate::tracing::__fields!(@ [] $($rest)+))
    };
    ($lvl:expr, $($rest:tt)+) => {
        $crate::tracing::emit(($lvl).0, ::core::option::Option::None, $crate::tracing::__fields!(@ [] $($rest)+))
    };
}
pub(crate) use event;

macro_rules! error {
    (target: $target:expr, $($rest:tt)+) => { $crate::tracing::event!(target: $target, $crate::tracing::Level::ERROR, $($rest)+) };
    ($($rest:tt)+) => { $crate::tracing::event!($crate::tracing::Level::ERROR, $($rest)+) };
}
pub(crate) use error;

macro_rules! warn_ {
    (target: $target:expr, $($rest:tt)+) => { $crate::tracing::event!(target: $target, $crate::tracing::Level::WARN, $($rest)+) };
    ($($rest:tt)+) => { $crate::tracing::event!($crate::tracing::Level::WARN, $($rest)+) };
}
pub(crate) use warn_ as warn;

macro_rules! info {
    (target: $target:expr, $($rest:tt)+) => { $crate::tracing::event!(target: $target, $crate::tracing::Level::INFO, $($rest)+) };
    ($($rest:tt)+) => { $crate::tracing::event!($crate::tracing::Level::INFO, $($rest)+) };
}
pub(crate) use info;

macro_rules! debug {
    (target: $target:expr, $($rest:tt)+) => { $crate::tracing::event!(target: $target, $crate::tracing::Level::DEBUG, $($rest)+) };
    ($($rest:tt)+) => { $crate::tracing::event!($crate::tracing::Level::DEBUG, $($rest)+) };
}
pub(crate) use debug;

macro_rules! trace {
    (target: $target:expr, $($rest:tt)+) => { $crate::tracing::event!(target: $target, $crate::tracing::Level::TRACE, $($rest)+) };
    ($($rest:tt)+) => { $crate::tracing::event!($crate::tracing::Level::TRACE, $($rest)+) };
}
pub(crate) use trace;

/// `span!(Level::INFO, "name", fields..)`.
macro_rules! span {
    ($lvl:expr, $name:literal $(, $($rest:tt)*)?) => {
        $crate::tracing::Span::new($name, $crate::tracing::__fields!(@ [] $($($rest)*)?))
    };
}
pub(crate) use span;

macro_rules! info_span {
    ($name:literal $(, $($rest:tt)*)?) => {
        $crate::tracing::span!($crate::tracing::Level::INFO, $name $(, $($rest)*)?)
    };
}
pub(crate) use info_span;

macro_rules! debug_span {
    ($name:literal $(, $($rest:tt)*)?) => {
        $crate::tracing::span!($crate::tracing::Level::DEBUG, $name $(, $($rest)*)?)
    };
}
pub(crate) use debug_span;
