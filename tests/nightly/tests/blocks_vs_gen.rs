//! The block forms against rustc's own: `iter! { .. }` against a `gen move { .. }` block and
//! `co!(|x| { .. })` against a `#[coroutine] move |x| { .. }` closure with the same body and
//! the same captures. Items, return values and drop logs (completion, every cancellation
//! point, never started) must be equal.
#![feature(
    gen_blocks,
    coroutines,
    coroutine_trait,
    stmt_expr_attributes,
    iter_from_coroutine
)]

use stackless::{Coroutine as _, CoroutineState, co, iter, yield_};
use std::cell::RefCell;
use std::ops::{Coroutine as NativeCoroutine, CoroutineState as Native};
use std::pin::pin;

thread_local! {
    static LOG: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

struct D(&'static str);

impl Drop for D {
    fn drop(&mut self) {
        log(format!("drop {}", self.0));
    }
}

fn log(s: impl Into<String>) {
    LOG.with(|l| l.borrow_mut().push(s.into()));
}

fn take() -> Vec<String> {
    LOG.with(|l| std::mem::take(&mut *l.borrow_mut()))
}

fn name(d: &D) -> &'static str {
    d.0
}

/// For every `k`: takes `k` items from each iterator, drops it, and compares the logs.
fn same_as_gen<A: Iterator, B: Iterator<Item = A::Item>>(
    ours: impl Fn() -> A,
    native: impl Fn() -> B,
    max: usize,
) where
    A::Item: PartialEq + std::fmt::Debug,
{
    for k in 0..=max {
        take();
        let a: Vec<_> = ours().take(k).collect();
        let la = take();
        let b: Vec<_> = native().take(k).collect();
        let lb = take();
        assert_eq!(a, b, "items after {k}");
        assert_eq!(la, lb, "log after {k}");
    }
}

#[test]
fn captures_and_locals_drop_as_in_a_gen_block() {
    same_as_gen(
        || {
            let (a, b, c) = (D("a"), D("b"), D("c"));
            iter! {
                let _l = D("local");
                yield_!(name(&b));
                drop(c);
                yield_!(name(&a));
                let _m = D("later");
                yield_!("end");
            }
        },
        || {
            let (a, b, c) = (D("a"), D("b"), D("c"));
            gen move {
                let _l = D("local");
                yield name(&b);
                drop(c);
                yield name(&a);
                let _m = D("later");
                yield "end";
            }
        },
        4,
    );
}

#[test]
fn a_loop_over_a_captured_collection_drops_as_in_a_gen_block() {
    same_as_gen(
        || {
            let items = vec![D("x"), D("y"), D("z")];
            let tag = D("tag");
            iter! {
                for it in items {
                    yield_!(name(&it));
                }
                yield_!(name(&tag));
            }
        },
        || {
            let items = vec![D("x"), D("y"), D("z")];
            let tag = D("tag");
            gen move {
                for it in items {
                    yield name(&it);
                }
                yield name(&tag);
            }
        },
        5,
    );
}

#[test]
fn a_borrowed_capture_drops_as_in_a_gen_block() {
    same_as_gen(
        || {
            let words = vec![D("p"), D("q")];
            let extra = D("extra");
            iter! {
                for w in &words {
                    yield_!(name(w));
                }
                drop(extra);
                yield_!("after");
            }
        },
        || {
            let words = vec![D("p"), D("q")];
            let extra = D("extra");
            // (A `gen` block cannot hold a borrow across a yield: a static coroutine can.)
            std::iter::from_coroutine(Box::pin(
                #[coroutine]
                static move || {
                    for w in &words {
                        yield name(w);
                    }
                    drop(extra);
                    yield "after";
                },
            ))
        },
        4,
    );
}

#[test]
fn a_coroutine_block_binds_its_first_argument_as_a_coroutine_closure_does() {
    for stop in 0..4 {
        take();
        let cap = D("cap");
        let mut ours = pin!(co!(|first: D| {
            let _keep = &cap;
            let second: D = yield_!(name(&first));
            log("resumed");
            let third: D = yield_!(name(&second));
            drop(first);
            name(&third)
        }));
        let mut ours_out = Vec::new();
        for (i, arg) in ["1", "2", "3"].into_iter().enumerate().take(stop) {
            match ours.as_mut().resume(D(arg)) {
                CoroutineState::Yielded(y) => ours_out.push(y),
                CoroutineState::Complete(r) => ours_out.push(r),
            }
            log(format!("step {i}"));
        }
        drop(ours);
        let ours_log = take();

        let cap = D("cap");
        let mut native = pin!(
            #[coroutine]
            move |first: D| {
                let _keep = &cap;
                let second: D = yield name(&first);
                log("resumed");
                let third: D = yield name(&second);
                drop(first);
                name(&third)
            }
        );
        let mut native_out = Vec::new();
        for (i, arg) in ["1", "2", "3"].into_iter().enumerate().take(stop) {
            match native.as_mut().resume(D(arg)) {
                Native::Yielded(y) => native_out.push(y),
                Native::Complete(r) => native_out.push(r),
            }
            log(format!("step {i}"));
        }
        drop(native);
        assert_eq!(ours_out, native_out, "after {stop} resumes");
        assert_eq!(ours_log, take(), "after {stop} resumes");
    }
}
