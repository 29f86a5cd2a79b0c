//! One type for the copies of an iterator or a future that the expansion writes more than
//! once.
//!
//! An expansion writes the code after a suspension point into the arm that resumes there,
//! so the body of a loop that suspends appears in several arms. A closure or an `async`
//! block is a new type at each place it is written: a `for` loop over
//! `v.iter().map(|x| x + 1)` inside an outer loop would make the inner loop's iterator one
//! type in one arm and another in the next, and the state's field can hold only one. The
//! expansion wraps the copies of such an iterator (or awaited future, or a value a `let` in
//! the loop binds and the state keeps) in [`Alt`], the k-th copy as
//! `Second(Second(…First(it)))`, so that all of them have one type; `Alt` iterates (or
//! polls) whichever it holds. It costs a tag test per `next`/`poll`, and only where the
//! alternative was a type error. A closure's copies are wrapped once more, in an `AltFn{N}`
//! (below), since `Alt` cannot be called.

use core::future::Future;
use core::iter::FusedIterator;
use core::marker::PhantomData;
use core::ops::{Deref, DerefMut};
use core::pin::Pin;
use core::task::{Context, Poll};

pin_project_lite::pin_project! {
    /// One of two iterators or futures of the same item or output type. Not a public API.
    #[doc(hidden)]
    #[project = AltProject]
    #[derive(Clone, Debug)]
    pub enum Alt<A, B> {
        /// The first copy.
        First { #[pin] a: A },
        /// Any later copy.
        Second { #[pin] b: B },
    }
}

/// Wraps the first copy.
#[doc(hidden)]
#[inline(always)]
pub fn alt_first<A, B>(a: A) -> Alt<A, B> {
    Alt::First { a }
}

/// Wraps a later copy.
#[doc(hidden)]
#[inline(always)]
pub fn alt_second<A, B>(b: B) -> Alt<A, B> {
    Alt::Second { b }
}

impl<A, B> Iterator for Alt<A, B>
where
    A: Iterator,
    B: Iterator<Item = A::Item>,
{
    type Item = A::Item;

    #[inline]
    fn next(&mut self) -> Option<A::Item> {
        match self {
            Alt::First { a } => a.next(),
            Alt::Second { b } => b.next(),
        }
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        match self {
            Alt::First { a } => a.size_hint(),
            Alt::Second { b } => b.size_hint(),
        }
    }
}

impl<A, B> DoubleEndedIterator for Alt<A, B>
where
    A: DoubleEndedIterator,
    B: DoubleEndedIterator<Item = A::Item>,
{
    #[inline]
    fn next_back(&mut self) -> Option<A::Item> {
        match self {
            Alt::First { a } => a.next_back(),
            Alt::Second { b } => b.next_back(),
        }
    }
}

impl<A, B> ExactSizeIterator for Alt<A, B>
where
    A: ExactSizeIterator,
    B: ExactSizeIterator<Item = A::Item>,
{
}

impl<A, B> FusedIterator for Alt<A, B>
where
    A: FusedIterator,
    B: FusedIterator<Item = A::Item>,
{
}

impl<A, B> Future for Alt<A, B>
where
    A: Future,
    B: Future<Output = A::Output>,
{
    type Output = A::Output;

    #[inline]
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<A::Output> {
        match self.project() {
            AltProject::First { a } => a.poll(cx),
            AltProject::Second { b } => b.poll(cx),
        }
    }
}

impl<A, B> futures_core::Stream for Alt<A, B>
where
    A: futures_core::Stream,
    B: futures_core::Stream<Item = A::Item>,
{
    type Item = A::Item;

    #[inline]
    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<A::Item>> {
        match self.project() {
            AltProject::First { a } => a.poll_next(cx),
            AltProject::Second { b } => b.poll_next(cx),
        }
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        match self {
            Alt::First { a } => a.size_hint(),
            Alt::Second { b } => b.size_hint(),
        }
    }
}

impl<A, B> futures_core::stream::FusedStream for Alt<A, B>
where
    A: futures_core::stream::FusedStream,
    B: futures_core::stream::FusedStream<Item = A::Item>,
{
    #[inline]
    fn is_terminated(&self) -> bool {
        match self {
            Alt::First { a } => a.is_terminated(),
            Alt::Second { b } => b.is_terminated(),
        }
    }
}

// (A coroutine block written more than once: `co!(..)` in a loop that suspends.)
impl<R, A, B> crate::Coroutine<R> for Alt<A, B>
where
    A: crate::Coroutine<R>,
    B: crate::Coroutine<R, Yield = A::Yield, Return = A::Return>,
{
    type Yield = A::Yield;
    type Return = A::Return;

    #[inline]
    fn resume(self: Pin<&mut Self>, arg: R) -> crate::CoroutineState<A::Yield, A::Return> {
        match self.project() {
            AltProject::First { a } => a.resume(arg),
            AltProject::Second { b } => b.resume(arg),
        }
    }
}

// Closures. `Alt` cannot implement the `Fn` traits on stable Rust, so the copies of a
// closure kept across a suspension point (`let f = move |x| x + i;` in a loop that yields
// before calling `f`) are wrapped, all of them, in one `AltFn{N}` (`AltFnMut{N}` for a
// `let mut`), which dereferences to `dyn Fn(..) -> R` (`dyn FnMut`): `f(x)` calls through
// it, as a call expression looks through `Deref`. It costs one indirect call per call, and
// only where the copies would otherwise be a type error.
macro_rules! alt_fns {
    ($($as_fn:ident $as_fn_mut:ident $alt_fn:ident $alt_fn_mut:ident $new:ident $new_mut:ident
       $sig:ident $sig_mut:ident ($($x:ident),*);)*) => {$(
        /// A closure, or an [`Alt`] of closures, seen as `dyn Fn`. Not a public API.
        #[doc(hidden)]
        pub trait $as_fn<'a, $($x,)* R> {
            /// The closure held.
            fn as_fn(&self) -> &(dyn Fn($($x),*) -> R + 'a);
        }

        impl<'a, F: Fn($($x),*) -> R + 'a, $($x,)* R> $as_fn<'a, $($x,)* R> for F {
            #[inline]
            fn as_fn(&self) -> &(dyn Fn($($x),*) -> R + 'a) {
                self
            }
        }

        impl<'a, A, B, $($x,)* R> $as_fn<'a, $($x,)* R> for Alt<A, B>
        where
            A: $as_fn<'a, $($x,)* R>,
            B: $as_fn<'a, $($x,)* R>,
        {
            #[inline]
            fn as_fn(&self) -> &(dyn Fn($($x),*) -> R + 'a) {
                match self {
                    Alt::First { a } => a.as_fn(),
                    Alt::Second { b } => b.as_fn(),
                }
            }
        }

        /// A closure, or an [`Alt`] of closures, seen as `dyn FnMut`. Not a public API.
        #[doc(hidden)]
        pub trait $as_fn_mut<'a, $($x,)* R> {
            /// The closure held (not callable through `&`).
            fn as_fn_mut_ref(&self) -> &(dyn FnMut($($x),*) -> R + 'a);
            /// The closure held.
            fn as_fn_mut(&mut self) -> &mut (dyn FnMut($($x),*) -> R + 'a);
        }

        impl<'a, F: FnMut($($x),*) -> R + 'a, $($x,)* R> $as_fn_mut<'a, $($x,)* R> for F {
            #[inline]
            fn as_fn_mut_ref(&self) -> &(dyn FnMut($($x),*) -> R + 'a) {
                self
            }
            #[inline]
            fn as_fn_mut(&mut self) -> &mut (dyn FnMut($($x),*) -> R + 'a) {
                self
            }
        }

        impl<'a, A, B, $($x,)* R> $as_fn_mut<'a, $($x,)* R> for Alt<A, B>
        where
            A: $as_fn_mut<'a, $($x,)* R>,
            B: $as_fn_mut<'a, $($x,)* R>,
        {
            #[inline]
            fn as_fn_mut_ref(&self) -> &(dyn FnMut($($x),*) -> R + 'a) {
                match self {
                    Alt::First { a } => a.as_fn_mut_ref(),
                    Alt::Second { b } => b.as_fn_mut_ref(),
                }
            }
            #[inline]
            fn as_fn_mut(&mut self) -> &mut (dyn FnMut($($x),*) -> R + 'a) {
                match self {
                    Alt::First { a } => a.as_fn_mut(),
                    Alt::Second { b } => b.as_fn_mut(),
                }
            }
        }

        /// The copies of a `Fn` closure, as one type that derefs to `dyn Fn`. Not a public
        /// API.
        #[doc(hidden)]
        pub struct $alt_fn<'a, C, $($x,)* R> {
            copies: C,
            _sig: PhantomData<(&'a (), fn($($x),*) -> R)>,
        }

        impl<'a, C: Clone, $($x,)* R> Clone for $alt_fn<'a, C, $($x,)* R> {
            fn clone(&self) -> Self {
                $alt_fn { copies: self.copies.clone(), _sig: PhantomData }
            }
        }

        impl<'a, C: $as_fn<'a, $($x,)* R>, $($x,)* R> Deref for $alt_fn<'a, C, $($x,)* R> {
            type Target = dyn Fn($($x),*) -> R + 'a;
            #[inline]
            fn deref(&self) -> &Self::Target {
                self.copies.as_fn()
            }
        }

        /// The copies of an `FnMut` closure, as one type that derefs to `dyn FnMut`. Not a
        /// public API.
        #[doc(hidden)]
        pub struct $alt_fn_mut<'a, C, $($x,)* R> {
            copies: C,
            _sig: PhantomData<(&'a (), fn($($x),*) -> R)>,
        }

        impl<'a, C: Clone, $($x,)* R> Clone for $alt_fn_mut<'a, C, $($x,)* R> {
            fn clone(&self) -> Self {
                $alt_fn_mut { copies: self.copies.clone(), _sig: PhantomData }
            }
        }

        impl<'a, C: $as_fn_mut<'a, $($x,)* R>, $($x,)* R> Deref
            for $alt_fn_mut<'a, C, $($x,)* R>
        {
            type Target = dyn FnMut($($x),*) -> R + 'a;
            #[inline]
            fn deref(&self) -> &Self::Target {
                self.copies.as_fn_mut_ref()
            }
        }

        impl<'a, C: $as_fn_mut<'a, $($x,)* R>, $($x,)* R> DerefMut
            for $alt_fn_mut<'a, C, $($x,)* R>
        {
            #[inline]
            fn deref_mut(&mut self) -> &mut Self::Target {
                self.copies.as_fn_mut()
            }
        }

        /// Wraps the [`Alt`] of a `Fn` closure's copies.
        #[doc(hidden)]
        #[inline(always)]
        pub fn $new<'a, C: $as_fn<'a, $($x,)* R>, $($x,)* R>(copies: C)
            -> $alt_fn<'a, C, $($x,)* R>
        {
            $alt_fn { copies, _sig: PhantomData }
        }

        /// Wraps the [`Alt`] of an `FnMut` closure's copies.
        #[doc(hidden)]
        #[inline(always)]
        pub fn $new_mut<'a, C: $as_fn_mut<'a, $($x,)* R>, $($x,)* R>(copies: C)
            -> $alt_fn_mut<'a, C, $($x,)* R>
        {
            $alt_fn_mut { copies, _sig: PhantomData }
        }

        /// A copy of a `Fn` closure, its signature deduced from the bound as a `let` would
        /// from the call.
        #[doc(hidden)]
        #[inline(always)]
        pub fn $sig<F: Fn($($x),*) -> R, $($x,)* R>(f: F) -> F {
            f
        }

        /// A copy of an `FnMut` closure.
        #[doc(hidden)]
        #[inline(always)]
        pub fn $sig_mut<F: FnMut($($x),*) -> R, $($x,)* R>(f: F) -> F {
            f
        }
    )*};
}

alt_fns! {
    AsFn0 AsFnMut0 AltFn0 AltFnMut0 alt_fn0 alt_fn_mut0 fn_sig0 fn_mut_sig0 ();
    AsFn1 AsFnMut1 AltFn1 AltFnMut1 alt_fn1 alt_fn_mut1 fn_sig1 fn_mut_sig1 (X1);
    AsFn2 AsFnMut2 AltFn2 AltFnMut2 alt_fn2 alt_fn_mut2 fn_sig2 fn_mut_sig2 (X1, X2);
    AsFn3 AsFnMut3 AltFn3 AltFnMut3 alt_fn3 alt_fn_mut3 fn_sig3 fn_mut_sig3 (X1, X2, X3);
    AsFn4 AsFnMut4 AltFn4 AltFnMut4 alt_fn4 alt_fn_mut4 fn_sig4 fn_mut_sig4 (X1, X2, X3, X4);
}

// A yielded closure (`yield_!(move |x| x + i)` in a loop, the item type `impl Fn(u32) ->
// u32`): its copies are one `Alt`, and the item must be a closure itself, not a `Deref` to
// one: `closure{N}` makes the `Alt` one closure, whose type depends only on the `Alt`'s, so
// every copy of the `yield_!` makes the same type. A call tests the tag, then calls the
// copy it holds.
macro_rules! alt_closures {
    ($($call:ident $call_mut:ident $call_once:ident $closure:ident $closure_mut:ident
       $closure_once:ident ($($x:ident),*);)*) => {$(
        /// A closure, or an [`Alt`] of closures, called through `&self`. Not a public API.
        #[doc(hidden)]
        pub trait $call<$($x,)* R> {
            /// Calls the closure held.
            #[allow(non_snake_case)]
            fn call(&self, $($x: $x),*) -> R;
        }

        impl<F: Fn($($x),*) -> R, $($x,)* R> $call<$($x,)* R> for F {
            #[inline]
            #[allow(non_snake_case)]
            fn call(&self, $($x: $x),*) -> R {
                self($($x),*)
            }
        }

        impl<A: $call<$($x,)* R>, B: $call<$($x,)* R>, $($x,)* R> $call<$($x,)* R> for Alt<A, B> {
            #[inline]
            #[allow(non_snake_case)]
            fn call(&self, $($x: $x),*) -> R {
                match self {
                    Alt::First { a } => a.call($($x),*),
                    Alt::Second { b } => b.call($($x),*),
                }
            }
        }

        /// A closure, or an [`Alt`] of closures, called through `&mut self`. Not a public
        /// API.
        #[doc(hidden)]
        pub trait $call_mut<$($x,)* R> {
            /// Calls the closure held.
            #[allow(non_snake_case)]
            fn call_mut(&mut self, $($x: $x),*) -> R;
        }

        impl<F: FnMut($($x),*) -> R, $($x,)* R> $call_mut<$($x,)* R> for F {
            #[inline]
            #[allow(non_snake_case)]
            fn call_mut(&mut self, $($x: $x),*) -> R {
                self($($x),*)
            }
        }

        impl<A: $call_mut<$($x,)* R>, B: $call_mut<$($x,)* R>, $($x,)* R> $call_mut<$($x,)* R>
            for Alt<A, B>
        {
            #[inline]
            #[allow(non_snake_case)]
            fn call_mut(&mut self, $($x: $x),*) -> R {
                match self {
                    Alt::First { a } => a.call_mut($($x),*),
                    Alt::Second { b } => b.call_mut($($x),*),
                }
            }
        }

        /// A closure, or an [`Alt`] of closures, called once. Not a public API.
        #[doc(hidden)]
        pub trait $call_once<$($x,)* R> {
            /// Calls the closure held.
            #[allow(non_snake_case)]
            fn call_once(self, $($x: $x),*) -> R;
        }

        impl<F: FnOnce($($x),*) -> R, $($x,)* R> $call_once<$($x,)* R> for F {
            #[inline]
            #[allow(non_snake_case)]
            fn call_once(self, $($x: $x),*) -> R {
                self($($x),*)
            }
        }

        impl<A: $call_once<$($x,)* R>, B: $call_once<$($x,)* R>, $($x,)* R> $call_once<$($x,)* R>
            for Alt<A, B>
        {
            #[inline]
            #[allow(non_snake_case)]
            fn call_once(self, $($x: $x),*) -> R {
                match self {
                    Alt::First { a } => a.call_once($($x),*),
                    Alt::Second { b } => b.call_once($($x),*),
                }
            }
        }

        /// The copies of a yielded `Fn` closure, as one closure.
        #[doc(hidden)]
        #[inline(always)]
        pub fn $closure<C: $call<$($x,)* R>, $($x,)* R>(copies: C) -> impl Fn($($x),*) -> R {
            #[allow(non_snake_case)]
            move |$($x: $x),*| copies.call($($x),*)
        }

        /// The copies of a yielded `FnMut` closure, as one closure.
        #[doc(hidden)]
        #[inline(always)]
        pub fn $closure_mut<C: $call_mut<$($x,)* R>, $($x,)* R>(
            mut copies: C,
        ) -> impl FnMut($($x),*) -> R {
            #[allow(non_snake_case)]
            move |$($x: $x),*| copies.call_mut($($x),*)
        }

        /// The copies of a yielded `FnOnce` closure, as one closure.
        #[doc(hidden)]
        #[inline(always)]
        pub fn $closure_once<C: $call_once<$($x,)* R>, $($x,)* R>(
            copies: C,
        ) -> impl FnOnce($($x),*) -> R {
            #[allow(non_snake_case)]
            move |$($x: $x),*| copies.call_once($($x),*)
        }
    )*};
}

alt_closures! {
    Call0 CallMut0 CallOnce0 closure0 closure_mut0 closure_once0 ();
    Call1 CallMut1 CallOnce1 closure1 closure_mut1 closure_once1 (X1);
    Call2 CallMut2 CallOnce2 closure2 closure_mut2 closure_once2 (X1, X2);
    Call3 CallMut3 CallOnce3 closure3 closure_mut3 closure_once3 (X1, X2, X3);
    Call4 CallMut4 CallOnce4 closure4 closure_mut4 closure_once4 (X1, X2, X3, X4);
}
