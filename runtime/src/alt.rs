//! One type for the copies of an iterator or a future that the expansion writes more than
//! once.
//!
//! An expansion writes the code after a suspension point into the arm that resumes there,
//! so the body of a loop that suspends appears in several arms. A closure or an `async`
//! block is a new type at each place it is written: a `for` loop over
//! `v.iter().map(|x| x + 1)` inside an outer loop would make the inner loop's iterator one
//! type in one arm and another in the next, and the state's field can hold only one. The
//! expansion wraps the copies of such an iterator (or awaited future) in [`Alt`], the k-th
//! copy as `Second(Second(…First(it)))`, so that all of them have one type; `Alt` iterates
//! (or polls) whichever it holds. It costs a tag test per `next`/`poll`, and only where
//! the alternative was a type error.

use core::future::Future;
use core::iter::FusedIterator;
use core::pin::Pin;
use core::task::{Context, Poll};

pin_project_lite::pin_project! {
    /// One of two iterators or futures of the same item or output type. Not a public API.
    #[doc(hidden)]
    #[project = AltProject]
    #[derive(Debug)]
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
