//! Backtraces of suspended machines: where each one is parked, read from its state.
//!
//! A machine's state *is* its stack: the variant it is in names the suspension point, and
//! an `.await`'s variant holds the awaited future. So a suspended machine can say where it
//! is without being polled and without running user code: the expansion writes a table of
//! its suspension points (function, file, line, column of each `.await` and `yield_!`) as
//! static data, and implements [`StateTrace`] for its state enum, a `match` from the
//! current variant to its row in the table. Nothing is added to the machine (not a byte,
//! not an instruction on the resume path): the table is indexed by the tag the state has
//! anyway.
//!
//! Which awaited futures are themselves machines is decided by the compiler at each
//! `.await`, on the future's concrete type: the variant of the await holds a zero-sized
//! marker, [`Traced`] if the type implements [`Trace`] and [`Opaque`] otherwise (autoref
//! dispatch, [`ProbeTraced`] / [`ProbeOpaque`]); an opaque future is reported by its type
//! name. In generic code (`async fn wrap<F: Future>(f: F)`) the type parameter has no
//! `Trace` bound, so its future is opaque. The `impl Future` (and `impl Iterator`,
//! `impl Stream`, `impl Coroutine`) that `#[stackless::coroutine]` returns says `+ Trace`,
//! so a machine awaited by another machine is seen through.
//!
//! ```
//! # use std::time::Duration;
//! #[stackless::coroutine]
//! async fn inner() -> u32 {
//!     stackless::rt::sleep(Duration::from_millis(1)).await;
//!     7
//! }
//!
//! #[stackless::coroutine]
//! async fn outer() -> u32 {
//!     inner().await + 1
//! }
//!
//! let mut fut = Box::pin(outer());
//! let waker = std::task::Waker::noop();
//! let _ = std::future::Future::poll(fut.as_mut(), &mut std::task::Context::from_waker(waker));
//! let trace = stackless::trace(&*fut).to_string();
//! assert!(trace.starts_with("outer ("), "{trace}");
//! assert!(trace.contains("\n  inner ("), "{trace}");
//! assert!(trace.contains("Sleep"), "{trace}");
//! ```

use core::fmt;
use core::marker::PhantomData;
use core::pin::Pin;

/// Where in the source a suspension point (or a function) is.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Location {
    /// The file, as `file!()` names it.
    pub file: &'static str,
    /// The line, from 1.
    pub line: u32,
    /// The column, from 1.
    pub column: u32,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// What a machine's state says about it.
#[derive(Clone, Copy)]
#[non_exhaustive]
pub enum Status<'a> {
    /// Made, never resumed: at the start of its body.
    NotStarted,
    /// Suspended at an `.await`, on `awaited`.
    Awaiting {
        /// The `.await`.
        at: Location,
        /// The future it awaits.
        awaited: Awaited<'a>,
    },
    /// Suspended at a `yield_!`.
    Yielded {
        /// The `yield_!`.
        at: Location,
    },
    /// Ran to its end.
    Done,
    /// Its body panicked (resuming it again panics too).
    Panicked,
}

/// The future a machine awaits.
#[derive(Clone, Copy)]
pub enum Awaited<'a> {
    /// A machine of `#[stackless::coroutine]` (or anything else that implements [`Trace`]),
    /// whose own level comes next in the trace.
    Machine(&'a dyn Trace),
    /// Any other future: the end of the trace, reported by its type name.
    Opaque(&'static str),
}

/// One level of a trace: a machine's function and its status.
#[derive(Clone, Copy)]
pub struct Level<'a> {
    /// The function the machine was made from.
    pub function: &'static str,
    /// Where the function is defined.
    pub defined: Location,
    /// Where its state says it is.
    pub status: Status<'a>,
}

impl Level<'_> {
    /// The location of the suspension point the machine is parked at, if it is parked.
    pub fn location(&self) -> Option<Location> {
        match self.status {
            Status::Awaiting { at, .. } | Status::Yielded { at } => Some(at),
            _ => None,
        }
    }
}

/// A machine that can say where it is suspended, without being resumed: every machine that
/// `#[stackless::coroutine]` makes (its return type says `+ Trace`).
///
/// [`trace`] walks the levels down through the futures each one awaits; `{:?}` of a machine
/// prints the same, on one line.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a machine of `#[stackless::coroutine]`, so it cannot report where it is suspended",
    label = "not a `#[stackless::coroutine]` machine",
    note = "`stackless::trace` reads the state of a machine made by `#[stackless::coroutine]` \
            (an `async fn`, generator, async generator or coroutine); other futures appear in \
            a trace only as the type name of what a machine awaits"
)]
pub trait Trace: fmt::Debug {
    /// The machine's own level: its function and what its state says.
    fn level(&self) -> Level<'_>;
}

/// The trace of a machine: one line per level, from `machine` down through the machines it
/// awaits, ending at an opaque future (by its type name), a `yield_!`, or a machine that is
/// not suspended.
///
/// ```text
/// handler (src/server.rs:42:35) awaiting
///   read_frame (src/conn.rs:88:21) awaiting
///     tokio::io::util::read_buf::ReadBuf<'_, TcpStream>
/// ```
pub fn trace<T: Trace + ?Sized>(machine: &T) -> Backtrace<'_> {
    Backtrace {
        top: machine.level(),
    }
}

/// What [`trace`] returns: `Display` (one line per level) and `Debug` (one line), and an
/// iterator over the levels ([`Backtrace::levels`]).
#[derive(Clone, Copy)]
pub struct Backtrace<'a> {
    top: Level<'a>,
}

impl<'a> Backtrace<'a> {
    /// The levels, outermost first.
    pub fn levels(&self) -> Levels<'a> {
        Levels {
            next: Some(self.top),
        }
    }

    /// The type name of the opaque future at the bottom, if the innermost machine awaits one.
    pub fn opaque(&self) -> Option<&'static str> {
        self.levels().last().and_then(|l| match l.status {
            Status::Awaiting {
                awaited: Awaited::Opaque(name),
                ..
            } => Some(name),
            _ => None,
        })
    }
}

/// The levels of a [`Backtrace`], outermost first.
pub struct Levels<'a> {
    next: Option<Level<'a>>,
}

impl<'a> Iterator for Levels<'a> {
    type Item = Level<'a>;

    fn next(&mut self) -> Option<Level<'a>> {
        let level = self.next.take()?;
        if let Status::Awaiting {
            awaited: Awaited::Machine(m),
            ..
        } = level.status
        {
            self.next = Some(m.level());
        }
        Some(level)
    }
}

impl fmt::Display for Level<'_> {
    /// `function (file:line:column) awaiting` (or `yielded`), `function (file:line:column)
    /// not started` (where it is defined), `function done`, `function panicked`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.status {
            Status::NotStarted => write!(f, "{} ({}) not started", self.function, self.defined),
            Status::Awaiting { at, .. } => write!(f, "{} ({}) awaiting", self.function, at),
            Status::Yielded { at } => write!(f, "{} ({}) yielded", self.function, at),
            Status::Done => write!(f, "{} done", self.function),
            Status::Panicked => write!(f, "{} panicked", self.function),
        }
    }
}

impl Backtrace<'_> {
    /// Writes the trace, each line indented by `indent` plus two spaces per level.
    pub fn write_indented(&self, f: &mut dyn fmt::Write, indent: usize) -> fmt::Result {
        let mut depth = indent;
        let mut first = true;
        for level in self.levels() {
            if !first {
                f.write_char('\n')?;
            }
            first = false;
            write!(f, "{:depth$}{}", "", level)?;
            depth += 2;
            if let Status::Awaiting {
                awaited: Awaited::Opaque(name),
                ..
            } = level.status
            {
                write!(f, "\n{:depth$}{}", "", name)?;
            }
        }
        Ok(())
    }
}

impl fmt::Display for Backtrace<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_indented(f, 0)
    }
}

impl fmt::Debug for Backtrace<'_> {
    /// One line: the levels joined by ` -> `.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for level in self.levels() {
            if !first {
                f.write_str(" -> ")?;
            }
            first = false;
            fmt::Display::fmt(&level, f)?;
            if let Status::Awaiting {
                awaited: Awaited::Opaque(name),
                ..
            } = level.status
            {
                write!(f, " -> {name}")?;
            }
        }
        Ok(())
    }
}

impl fmt::Debug for Level<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl fmt::Debug for Status<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Status::NotStarted => f.write_str("NotStarted"),
            Status::Awaiting { at, awaited } => f
                .debug_struct("Awaiting")
                .field("at", at)
                .field("awaited", awaited)
                .finish(),
            Status::Yielded { at } => f.debug_struct("Yielded").field("at", at).finish(),
            Status::Done => f.write_str("Done"),
            Status::Panicked => f.write_str("Panicked"),
        }
    }
}

impl fmt::Debug for Awaited<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Awaited::Machine(m) => fmt::Debug::fmt(m, f),
            Awaited::Opaque(name) => f.write_str(name),
        }
    }
}

/// `Debug` of a machine: its kind and its trace, on one line.
pub(crate) fn debug_machine(
    f: &mut fmt::Formatter<'_>,
    kind: &str,
    machine: &dyn Trace,
) -> fmt::Result {
    write!(f, "{kind}({:?})", trace(machine))
}

// ---- what expansions name ----

/// The static table of a machine's suspension points, written by the expansion. Not a
/// public API.
#[doc(hidden)]
pub struct Points {
    /// The function's name.
    pub function: &'static str,
    /// `file!()`.
    pub file: &'static str,
    /// Line and column of the function's name.
    pub defined: (u32, u32),
    /// Line and column of each suspension point, by its index in the body.
    pub at: &'static [(u32, u32)],
}

impl Points {
    #[inline]
    fn location(&self, (line, column): (u32, u32)) -> Location {
        Location {
            file: self.file,
            line,
            column,
        }
    }

    #[inline]
    fn level<'a>(&'static self, status: Status<'a>) -> Level<'a> {
        Level {
            function: self.function,
            defined: self.location(self.defined),
            status,
        }
    }

    /// Not resumed yet.
    #[inline]
    pub fn not_started(&'static self) -> Level<'static> {
        self.level(Status::NotStarted)
    }

    /// Finished.
    #[inline]
    pub fn done(&'static self) -> Level<'static> {
        self.level(Status::Done)
    }

    /// `Running` seen from outside a step: the body panicked.
    #[inline]
    pub fn panicked(&'static self) -> Level<'static> {
        self.level(Status::Panicked)
    }

    /// Parked at the `yield_!` numbered `point`.
    #[inline]
    pub fn yielded(&'static self, point: usize) -> Level<'static> {
        self.level(Status::Yielded {
            at: self.location(self.at[point]),
        })
    }

    /// Parked at the `.await` numbered `point`, on `awaited`.
    #[inline]
    pub fn awaiting<'a>(&'static self, point: usize, awaited: Awaited<'a>) -> Level<'a> {
        self.level(Status::Awaiting {
            at: self.location(self.at[point]),
            awaited,
        })
    }
}

/// A state enum of an expansion: its current level. Not a public API: the machines
/// implement [`Trace`] through it.
#[doc(hidden)]
pub trait StateTrace {
    /// The level the state is at.
    fn state_level(&self) -> Level<'_>;
}

/// The state of a machine with pinned slots (`frame.rs`): its variants' union, read with
/// the tag. Not a public API.
#[doc(hidden)]
pub trait VarsTrace<Tag> {
    /// The level the state is at.
    ///
    /// # Safety
    ///
    /// `tag-names-variant`: `tag` is the frame's tag, and the union holds the fields of the
    /// variant it names (the machine is not being resumed).
    unsafe fn vars_level(&self, tag: Tag) -> Level<'_>;
}

/// How the expansion reads the future an `.await`'s variant holds: chosen at the `.await`
/// by the future's concrete type ([`ProbeTraced`], [`ProbeOpaque`]). Not a public API.
#[doc(hidden)]
pub trait TraceKind<F> {
    /// The awaited future, as a trace reports it.
    ///
    /// # Safety
    ///
    /// `cell-live`: if `F` is a `FutCell`, it is live (the machine is parked on it).
    unsafe fn awaited(fut: &F) -> Awaited<'_>;
}

/// The awaited future implements [`Trace`]. Not a public API.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, Default)]
pub struct Traced;

/// The awaited future is not known to implement [`Trace`]. Not a public API.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, Default)]
pub struct Opaque;

/// The awaited future is in a `FutCell`; `K` says how to read it. Not a public API.
#[doc(hidden)]
pub struct InCell<K>(PhantomData<K>);

impl<K> Clone for InCell<K> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<K> Copy for InCell<K> {}

/// Wraps a marker for a future kept in a `FutCell`. Not a public API.
#[doc(hidden)]
#[inline(always)]
pub fn in_cell<K>(_: K) -> InCell<K> {
    InCell(PhantomData)
}

impl<F: Trace> TraceKind<F> for Traced {
    #[inline]
    unsafe fn awaited(fut: &F) -> Awaited<'_> {
        Awaited::Machine(fut)
    }
}

impl<F> TraceKind<F> for Opaque {
    #[inline]
    unsafe fn awaited(_: &F) -> Awaited<'_> {
        Awaited::Opaque(core::any::type_name::<F>())
    }
}

impl<G, K: TraceKind<G>> TraceKind<crate::parked::FutCell<G>> for InCell<K> {
    #[inline]
    unsafe fn awaited(fut: &crate::parked::FutCell<G>) -> Awaited<'_> {
        // SAFETY: `cell-live`, the caller's: the cell holds its future.
        unsafe { K::awaited(fut.peek()) }
    }
}

/// The probe of an awaited future's type (see the module docs). Not a public API.
#[doc(hidden)]
pub struct Probe<F>(PhantomData<fn() -> F>);

/// The probe of `fut`'s type. Not a public API.
#[doc(hidden)]
#[inline(always)]
pub fn probe<F>(_: &F) -> Probe<F> {
    Probe(PhantomData)
}

/// Chooses [`Traced`] for a future that implements [`Trace`]: the method on `&Probe<F>`,
/// found first by `(&&probe(&f)).__trace_kind()`.
#[doc(hidden)]
pub trait ProbeTraced {
    #[doc(hidden)]
    fn __trace_kind(&self) -> Traced;
}

impl<F: Trace> ProbeTraced for &Probe<F> {
    #[inline(always)]
    fn __trace_kind(&self) -> Traced {
        Traced
    }
}

/// Chooses [`Opaque`] for any future (found one deref after [`ProbeTraced`]).
#[doc(hidden)]
pub trait ProbeOpaque {
    #[doc(hidden)]
    fn __trace_kind(&self) -> Opaque;
}

impl<F> ProbeOpaque for Probe<F> {
    #[inline(always)]
    fn __trace_kind(&self) -> Opaque {
        Opaque
    }
}

// ---- futures that wrap machines ----

impl<T: Trace + ?Sized> Trace for &T {
    fn level(&self) -> Level<'_> {
        (**self).level()
    }
}

impl<T: Trace + ?Sized> Trace for &mut T {
    fn level(&self) -> Level<'_> {
        (**self).level()
    }
}

#[cfg(feature = "alloc")]
impl<T: Trace + ?Sized> Trace for alloc::boxed::Box<T> {
    fn level(&self) -> Level<'_> {
        (**self).level()
    }
}

impl<P> Trace for Pin<P>
where
    P: core::ops::Deref + fmt::Debug,
    P::Target: Trace,
{
    fn level(&self) -> Level<'_> {
        self.as_ref().get_ref().level()
    }
}
