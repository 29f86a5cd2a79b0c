//! The machine types that `#[stackless::coroutine]` instantiates.
//!
//! An expansion produces two things: a state enum (one variant per suspension point, holding
//! exactly the locals live across it) and a *step* closure that runs the body from the point
//! the state records to the next suspension point. The closure captures nothing, so a machine
//! is exactly as large as its state enum.

use core::fmt;
use core::future::Future;
use core::iter::FusedIterator;
use core::marker::PhantomData;
use core::pin::Pin;
use core::task::{Context, Poll};

use futures_core::stream::FusedStream;
use futures_core::Stream;

use crate::trace::{Level, StateTrace, Trace};
use crate::{Coroutine, CoroutineState};

/// What one run of a step closure produced. Not a public API: expansions return it.
#[doc(hidden)]
pub enum Step<Y, T> {
    /// Suspended at a `yield_!` with this value.
    Yielded(Y),
    /// Ran to the end of the body and returned this value.
    Complete(T),
    /// Resumed after completion: the panic's message, which names the coroutine's function.
    Done(&'static str),
    /// Resumed after the body panicked: the panic's message.
    Poisoned(&'static str),
}

impl<Y, T> Step<Y, T> {
    /// Resumed in `Running` (`poisoned`) or `Done`: one arm for both, with no branch, so
    /// that the cold end of the step's dispatch costs the inliner little. `messages` are the
    /// panics' for both (`resumed after completion`, `resumed after panicking`), static
    /// strings the expansion writes.
    #[inline(always)]
    pub fn stopped(poisoned: bool, messages: &'static [&'static str; 2]) -> Self {
        if poisoned {
            Step::Poisoned(messages[1])
        } else {
            Step::Done(messages[0])
        }
    }
}

pin_project_lite::pin_project! {
    /// A generator or general coroutine: the machine behind `-> impl Iterator` and
    /// `-> impl Coroutine<R>` functions.
    ///
    /// It implements [`Coroutine<R>`] and, when it takes no resume argument and returns `()`,
    /// [`Iterator`] and [`FusedIterator`]. Its size is the size of its state enum.
    pub struct Generator<S, F> {
        #[pin]
        state: S,
        step: F,
    }
}

impl<S: StateTrace, F> fmt::Debug for Generator<S, F> {
    /// `Generator(` and the machine's trace on one line `)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::trace::debug_machine(f, "Generator", self)
    }
}

impl<S: StateTrace, F> Trace for Generator<S, F> {
    #[inline]
    fn level(&self) -> Level<'_> {
        self.state.state_level()
    }
}

/// Builds a [`Generator`] from its initial state and its step closure.
///
/// The bound fixes the closure's signature, so the closure in an expansion needs no type
/// annotations: its state type is inferred from the initial state and from the variants the
/// body constructs.
#[doc(hidden)]
#[inline(always)]
pub fn generator<S, F, R, Y, T>(state: S, step: F) -> Generator<S, F>
where
    F: FnMut(Pin<&mut S>, R) -> Step<Y, T>,
{
    Generator { state, step }
}

/// Builds a [`Generator`] whose step may return with locals left in the state (a *resident*
/// group: the step resumes them in place instead of moving them out). If the step unwinds,
/// `poison` runs on the state (the expansion sets it to `Running`, which drops those locals
/// and makes a later resume panic, as after any panic in a step).
///
/// The returned step captures only `step` and `poison`, which capture nothing: the machine
/// stays exactly as large as its state enum.
#[doc(hidden)]
#[inline(always)]
pub fn resident_generator<S, R, Y, T>(
    state: S,
    mut poison: impl FnMut(Pin<&mut S>),
    mut step: impl FnMut(Pin<&mut S>, R) -> Step<Y, T>,
) -> Generator<S, impl FnMut(Pin<&mut S>, R) -> Step<Y, T>> {
    Generator {
        state,
        step: move |state: Pin<&mut S>, arg: R| guarded(state, &mut poison, &mut step, arg),
    }
}

/// [`resident_generator`] for an async generator (whose yields, not awaits, form groups).
#[doc(hidden)]
#[inline(always)]
#[allow(clippy::type_complexity)]
pub fn resident_stream<S, Y>(
    state: S,
    mut poison: impl FnMut(Pin<&mut S>),
    mut step: impl FnMut(Pin<&mut S>, &mut Context<'_>) -> Step<Poll<Y>, ()>,
) -> AsyncGen<S, impl FnMut(Pin<&mut S>, &mut Context<'_>) -> Step<Poll<Y>, ()>> {
    AsyncGen {
        state,
        step: move |state: Pin<&mut S>, cx: &mut Context<'_>| {
            guarded(state, &mut poison, &mut step, cx)
        },
    }
}

/// Runs `step`; if it unwinds, runs `poison` on the state first.
#[inline(always)]
pub(crate) fn guarded<S, A, O>(
    state: Pin<&mut S>,
    poison: &mut impl FnMut(Pin<&mut S>),
    step: &mut impl FnMut(Pin<&mut S>, A) -> O,
    arg: A,
) -> O {
    struct OnUnwind<'a, S, P: FnMut(Pin<&mut S>)> {
        state: Pin<&'a mut S>,
        poison: &'a mut P,
    }
    impl<S, P: FnMut(Pin<&mut S>)> Drop for OnUnwind<'_, S, P> {
        fn drop(&mut self) {
            (self.poison)(self.state.as_mut());
        }
    }
    let mut guard = OnUnwind { state, poison };
    let out = step(guard.state.as_mut(), arg);
    // Returned normally: the state is what the step left.
    core::mem::forget(guard);
    out
}

/// Marks the path that calls it as rarely taken (the `Start` arm runs once per machine), so
/// LLVM lowers the step's dispatch around the arms that run at every resume. `#[cold]` needs
/// a call that is not inlined to take effect; the call costs nothing on the hot path.
#[doc(hidden)]
#[cold]
#[inline(never)]
pub fn cold_path() {}

/// The address of a pinned state, read from the pin's bits: no reference to the state is
/// made, so reading its tag through it (`matches!(*state_addr(&s), V { .. })`) reads the tag
/// only. A `&S` (what `*s` gives) would be a shared borrow of the whole state, under which
/// Stacked Borrows ends the borrows a pending future holds of its own fields.
#[doc(hidden)]
#[inline(always)]
pub fn state_addr<S>(state: &Pin<&mut S>) -> *const S {
    // SAFETY: `Pin<P>` is `repr(transparent)` over `P`, here `&mut S`, whose bits are the
    // state's address; read as a raw pointer, it is not a borrow.
    unsafe { *(state as *const Pin<&mut S>).cast::<*const S>() }
}

/// The projections of a state with no pinned field (no future awaited in place): it moves
/// freely, so it is `Unpin` whatever its fields are, and a projection is a plain `&mut` to
/// it. The expansion names them as the methods pin-project-lite gives a state that has a
/// pinned field (`state.as_mut().project()`), with this trait in scope.
#[doc(hidden)]
pub trait Unpinned<'a, S> {
    /// `Pin::get_mut`.
    fn project(self) -> &'a mut S;
    /// Puts `new` in the state's place and returns what was there.
    fn project_replace(self, new: S) -> S;
}

// (Only for a machine's state, which has a trace, so that the trait in scope of a body
// changes no method of the user's: `Pin::new(&mut foo).project()` is `Foo`'s own.)
impl<'a, S: Unpin + crate::trace::StateTrace> Unpinned<'a, S> for Pin<&'a mut S> {
    #[inline(always)]
    fn project(self) -> &'a mut S {
        Pin::get_mut(self)
    }
    #[inline(always)]
    fn project_replace(self, new: S) -> S {
        core::mem::replace(Pin::get_mut(self), new)
    }
}

/// Drops a value the body does not use (the first resume argument, the value of a
/// `yield_!` statement).
#[doc(hidden)]
#[inline(always)]
pub fn discard<T>(_: T) {}

/// `tie(&__tie0, &x)`: gives `x` the type of the expansion's `__tie0` (a `PhantomData` of
/// the step), in every copy of the code that binds `x` (macro `lower.rs`, `tie`).
#[doc(hidden)]
#[inline(always)]
pub fn tie<T>(_: &core::marker::PhantomData<T>, _: &T) {}

/// Lets an `async fn`'s `impl Future` capture the lifetimes of its parameters, as a native
/// `async fn` does, in every edition.
#[doc(hidden)]
pub trait Captures<T: ?Sized> {}
impl<T: ?Sized, U: ?Sized> Captures<T> for U {}

/// Panics for a coroutine resumed after it completed.
#[doc(hidden)]
#[cold]
#[inline(never)]
#[track_caller]
pub fn resumed_after_completion(message: &'static str) -> ! {
    panic_with(message)
}

/// Panics for a coroutine resumed after its body panicked.
#[doc(hidden)]
#[cold]
#[inline(never)]
#[track_caller]
pub fn resumed_after_panic(message: &'static str) -> ! {
    panic_with(message)
}

/// A panic whose payload is the `&'static str` itself, as rustc's coroutines' "resumed after
/// completion" panics are (code that downcasts the payload finds a `&str`). Without `std`
/// there is no payload, only the message.
#[track_caller]
fn panic_with(message: &'static str) -> ! {
    #[cfg(feature = "std")]
    std::panic::panic_any(message);
    #[cfg(not(feature = "std"))]
    panic!("{}", message)
}

impl<S, F, R, Y, T> Coroutine<R> for Generator<S, F>
where
    F: FnMut(Pin<&mut S>, R) -> Step<Y, T>,
{
    type Yield = Y;
    type Return = T;

    #[inline]
    #[track_caller]
    fn resume(self: Pin<&mut Self>, arg: R) -> CoroutineState<Y, T> {
        let this = self.project();
        match (this.step)(this.state, arg) {
            Step::Yielded(y) => CoroutineState::Yielded(y),
            Step::Complete(t) => CoroutineState::Complete(t),
            Step::Done(message) => resumed_after_completion(message),
            Step::Poisoned(message) => resumed_after_panic(message),
        }
    }
}

impl<S, F, Y> Iterator for Generator<S, F>
where
    S: Unpin,
    F: FnMut(Pin<&mut S>, ()) -> Step<Y, ()>,
{
    type Item = Y;

    #[inline]
    fn next(&mut self) -> Option<Y> {
        match (self.step)(Pin::new(&mut self.state), ()) {
            Step::Yielded(y) => Some(y),
            Step::Complete(()) | Step::Done(_) => None,
            Step::Poisoned(message) => resumed_after_panic(message),
        }
    }
}

impl<S, F, Y> FusedIterator for Generator<S, F>
where
    S: Unpin,
    F: FnMut(Pin<&mut S>, ()) -> Step<Y, ()>,
{
}

pin_project_lite::pin_project! {
    /// The machine behind an `async fn`: a [`Future`] exactly as large as its state enum.
    pub struct AsyncFn<S, F> {
        #[pin]
        state: S,
        step: F,
    }
}

impl<S: StateTrace, F> fmt::Debug for AsyncFn<S, F> {
    /// `AsyncFn(` and the machine's trace on one line `)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::trace::debug_machine(f, "AsyncFn", self)
    }
}

impl<S: StateTrace, F> Trace for AsyncFn<S, F> {
    #[inline]
    fn level(&self) -> Level<'_> {
        self.state.state_level()
    }
}

/// Builds an [`AsyncFn`]. A step returns `Step::Yielded(())` for "pending".
#[doc(hidden)]
#[inline(always)]
pub fn future<S, F, T>(state: S, step: F) -> AsyncFn<S, F>
where
    F: FnMut(Pin<&mut S>, &mut Context<'_>) -> Step<(), T>,
{
    AsyncFn { state, step }
}

impl<S, F, T> Future for AsyncFn<S, F>
where
    F: FnMut(Pin<&mut S>, &mut Context<'_>) -> Step<(), T>,
{
    type Output = T;

    #[inline]
    #[track_caller]
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let this = self.project();
        match (this.step)(this.state, cx) {
            Step::Yielded(()) => Poll::Pending,
            Step::Complete(t) => Poll::Ready(t),
            Step::Done(message) => resumed_after_completion(message),
            Step::Poisoned(message) => resumed_after_panic(message),
        }
    }
}

pin_project_lite::pin_project! {
    /// The machine behind an async generator (`-> impl Stream`): a [`Stream`] exactly as
    /// large as its state enum. After its last item it keeps returning `Ready(None)`.
    pub struct AsyncGen<S, F> {
        #[pin]
        state: S,
        step: F,
    }
}

impl<S: StateTrace, F> fmt::Debug for AsyncGen<S, F> {
    /// `AsyncGen(` and the machine's trace on one line `)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::trace::debug_machine(f, "AsyncGen", self)
    }
}

impl<S: StateTrace, F> Trace for AsyncGen<S, F> {
    #[inline]
    fn level(&self) -> Level<'_> {
        self.state.state_level()
    }
}

/// Builds an [`AsyncGen`]. A step returns `Yielded(Ready(item))` for an item,
/// `Yielded(Pending)` for "pending" and `Complete(())` at the end.
#[doc(hidden)]
#[inline(always)]
pub fn stream<S, F, Y>(state: S, step: F) -> AsyncGen<S, F>
where
    F: FnMut(Pin<&mut S>, &mut Context<'_>) -> Step<Poll<Y>, ()>,
{
    AsyncGen { state, step }
}

impl<S, F, Y> Stream for AsyncGen<S, F>
where
    F: FnMut(Pin<&mut S>, &mut Context<'_>) -> Step<Poll<Y>, ()>,
{
    type Item = Y;

    #[inline]
    #[track_caller]
    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Y>> {
        let this = self.project();
        match (this.step)(this.state, cx) {
            Step::Yielded(Poll::Ready(y)) => Poll::Ready(Some(y)),
            Step::Yielded(Poll::Pending) => Poll::Pending,
            Step::Complete(()) | Step::Done(_) => Poll::Ready(None),
            Step::Poisoned(message) => resumed_after_panic(message),
        }
    }
}

impl<S, F, Y> FusedStream for AsyncGen<S, F>
where
    S: Terminated,
    F: FnMut(Pin<&mut S>, &mut Context<'_>) -> Step<Poll<Y>, ()>,
{
    #[inline]
    fn is_terminated(&self) -> bool {
        self.state.terminated()
    }
}

/// Whether an async generator's state says that it has nothing more to give: `Done` (its
/// body has ended) or `Running` outside a step (its body panicked). Not a public API: the
/// expansion implements it for a stream's state enum (or, with pinned slots, its tag), so
/// that [`FusedStream::is_terminated`] reads the state's own tag and costs no byte.
#[doc(hidden)]
pub trait Terminated {
    /// `Done` or `Running`.
    fn terminated(&self) -> bool;
}

/// `false`, opaquely enough that the twin's branch is not flagged as constant. Not a public
/// API: the borrow-checked twin of a coroutine with pinned slots sits behind it.
#[doc(hidden)]
#[inline(always)]
pub fn never() -> bool {
    false
}

/// The twin's view of the machine's types: resume `R`, yield `Y`, return `T`. Not a public
/// API. The twin (the body as a never-run `async` block that rustc borrow-checks) sends
/// every yielded value through [`yielded`](Self::yielded), takes every resume value from
/// [`resume`](Self::resume) and its output through [`body`](Self::body); after the machine
/// is built, [`resumes`](Self::resumes), [`yields`](Self::yields), [`returns`](Self::returns)
/// (or [`outputs`](Self::outputs), [`items`](Self::items)) equate each that the signature
/// spells out (no `impl Trait` in it) with the machine's own. The machine's types
/// are the signature's (`-> impl Iterator<Item = &str>` with the elided lifetime of the
/// argument), so the twin's yields and return are checked against them — lifetimes
/// included, elided or not — and a reference to a local of the body cannot leave it in the
/// twin when it could not leave the native coroutine (the soundness argument in the macro
/// docs, invariant "twin-checked"). Invariant in all three, so no lifetime shrinks.
#[doc(hidden)]
pub struct Witness<R, Y, T>(PhantomData<Invariant<(R, Y, T)>>);

/// Invariant in `T`.
type Invariant<T> = fn(T) -> T;

impl<R, Y, T> Clone for Witness<R, Y, T> {
    #[inline(always)]
    fn clone(&self) -> Self {
        *self
    }
}

impl<R, Y, T> Copy for Witness<R, Y, T> {}

impl<R, Y, T> Witness<R, Y, T> {
    #[doc(hidden)]
    #[inline(always)]
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        Witness(PhantomData)
    }

    /// A value the twin yields.
    #[doc(hidden)]
    #[inline(always)]
    pub fn yielded(self, _: Y) {}

    /// The value a `yield_!` evaluates to in the twin: never produced.
    #[doc(hidden)]
    #[inline(always)]
    pub fn resume(self) -> core::future::Pending<R> {
        core::future::pending()
    }

    /// The twin's body; its output is the machine's return value (so `?` and `return` in it
    /// infer as in the coroutine).
    #[doc(hidden)]
    #[inline(always)]
    pub fn body<F: Future<Output = T>>(self, _: F) {}

    /// Equates the twin's resume type with a generator's or coroutine's.
    #[doc(hidden)]
    #[inline(always)]
    pub fn resumes<G: Coroutine<R>>(self, _: &G) {}

    /// Equates the twin's yield type with a generator's or coroutine's.
    #[doc(hidden)]
    #[inline(always)]
    pub fn yields<G: Coroutine<A, Yield = Y>, A>(self, _: &G) {}

    /// Equates the twin's return type with a generator's or coroutine's.
    #[doc(hidden)]
    #[inline(always)]
    pub fn returns<G: Coroutine<A, Return = T>, A>(self, _: &G) {}

    /// Equates the twin's output with an `async fn` machine's.
    #[doc(hidden)]
    #[inline(always)]
    pub fn outputs<F: Future<Output = T>>(self, _: &F) {}

    /// Equates the twin's items with an async generator's.
    #[doc(hidden)]
    #[inline(always)]
    pub fn items<S: Stream<Item = Y>>(self, _: &S) {}
}

/// The twin's `pin!` (and `pin_mut!`, `tokio::pin!`): the pinned reference the user's macro
/// made, no longer-lived than the block it is in (`anchor`, a local of that block), as the
/// machine's, which points into a slot of the frame that lives until the pinned local's scope
/// ends. Not a public API.
#[doc(hidden)]
#[inline(always)]
pub fn anchored<'a, T: ?Sized>(
    _anchor: &'a (),
    pinned: core::pin::Pin<&'a mut T>,
) -> core::pin::Pin<&'a mut T> {
    pinned
}

/// What a `select!`/`join!` call run in an `async` block of its own hands out (macro
/// `await_macros.rs`): its value, or the control flow one of its handlers takes out of the
/// enclosing function — a `return` with its value, the residual of a `?` (applied with `?`
/// again outside, where the coroutine's own `?` rules hold), a `break`/`continue` of the
/// `k`th loop label it names. Not a public API.
#[doc(hidden)]
pub enum Flow<V, R, Q> {
    /// The macro's value.
    Normal(V),
    /// `return` this from the function.
    Return(R),
    /// A `?` stopped here with this residual.
    Residual(Q),
    /// `break` out of the loop of this label index.
    Break(u8),
    /// `continue` the loop of this label index.
    Continue(u8),
}

/// The identity, with an expected type: `expect::<Y>(v)` coerces a yielded value as the
/// coroutine's `yield_!` does. Not a public API.
#[doc(hidden)]
#[inline(always)]
pub fn expect<T>(t: T) -> T {
    t
}

/// What a block form (`iter! { .. }`, `stream! { .. }`, `co!(..)`) that did not compile
/// stands for beside its error: a value of a type with every machine's traits, so that the
/// expression's uses are no second error. Never built at run time (the crate does not
/// compile).
pub struct Broken<Y, T = ()>(PhantomData<fn() -> (Y, T)>);

impl<Y, T> Broken<Y, T> {
    /// The value beside the error.
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        Broken(PhantomData)
    }
}

impl<Y, T> Iterator for Broken<Y, T> {
    type Item = Y;
    fn next(&mut self) -> Option<Y> {
        unreachable!("a block that did not compile")
    }
}

impl<Y, T> Stream for Broken<Y, T> {
    type Item = Y;
    fn poll_next(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Y>> {
        unreachable!("a block that did not compile")
    }
}

impl<R, Y, T> Coroutine<R> for Broken<Y, T> {
    type Yield = Y;
    type Return = T;
    fn resume(self: Pin<&mut Self>, _: R) -> CoroutineState<Y, T> {
        unreachable!("a block that did not compile")
    }
}
