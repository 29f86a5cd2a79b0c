//! Runs a case and its native twin the same ways and compares what they did: the output,
//! the log (drops and events), how many polls it took, and the log when dropped after `k`
//! polls for every `k` before completion.

use std::fmt::Debug;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use crate::support::{log, take_log};

/// How a case is run.
#[derive(Clone, Copy, Debug)]
pub struct Opts {
    /// Also run on `stackless::rt::block_on` (no tokio reactor or timers).
    pub rt: bool,
    /// Compare the logs when dropped after every `k` polls before completion.
    pub cancel: bool,
    /// Real I/O or timers: compare the logs sorted, and not the poll counts.
    pub racy: bool,
}

/// Deterministic, runs on both executors, cancelled at every poll.
pub const ALL: Opts = Opts {
    rt: true,
    cancel: true,
    racy: false,
};
/// Deterministic but needs tokio (timers with tiny durations are racy: see `TIMED`).
pub const TOKIO: Opts = Opts {
    rt: false,
    cancel: true,
    racy: false,
};
/// Real sockets or timers: tokio only, one full run, logs compared sorted.
pub const RACY: Opts = Opts {
    rt: false,
    cancel: false,
    racy: true,
};

/// What one run did.
#[derive(Debug, PartialEq, Eq)]
pub struct Outcome {
    /// The output, `{:?}`, or `None` when dropped first.
    pub output: Option<String>,
    /// Polls made.
    pub polls: usize,
    /// The log.
    pub log: Vec<String>,
}

struct Counted<F> {
    fut: Option<Pin<Box<F>>>,
    polls: usize,
    limit: Option<usize>,
}

impl<F: Future> Future for Counted<F>
where
    F::Output: Debug,
{
    type Output = (Option<String>, usize);

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        if this.limit == Some(this.polls) {
            log("cancel");
            this.fut = None;
            return Poll::Ready((None, this.polls));
        }
        this.polls += 1;
        let fut = this.fut.as_mut().expect("polled after completion");
        match fut.as_mut().poll(cx) {
            Poll::Ready(v) => {
                let out = format!("{v:?}");
                drop(v);
                log("output dropped");
                this.fut = None;
                Poll::Ready((Some(out), this.polls))
            }
            Poll::Pending => Poll::Pending,
        }
    }
}

fn tokio_rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime")
}

/// Runs the future `make()` returns (called inside the runtime) on tokio or `stackless::rt`.
pub fn run<F, M>(on_rt: bool, make: &M, limit: Option<usize>) -> Outcome
where
    M: Fn() -> F,
    F: Future,
    F::Output: Debug,
{
    take_log();
    let go = async {
        Counted {
            fut: Some(Box::pin(make())),
            polls: 0,
            limit,
        }
        .await
    };
    let (output, polls) = if on_rt {
        stackless::rt::block_on(go)
    } else {
        let rt = tokio_rt();
        let r = rt.block_on(go);
        drop(rt);
        r
    };
    Outcome {
        output,
        polls,
        log: take_log(),
    }
}

/// Runs `ours` and `native` every way `opts` says and panics on the first difference.
pub fn compare<FA, FB, A, B>(name: &str, opts: Opts, ours: A, native: B)
where
    A: Fn() -> FA,
    B: Fn() -> FB,
    FA: Future,
    FB: Future,
    FA::Output: Debug,
    FB::Output: Debug,
{
    let mut executors = vec![false];
    if opts.rt {
        executors.push(true);
    }
    for on_rt in executors {
        let exec = if on_rt { "stackless::rt" } else { "tokio" };
        let verbose = std::env::var_os("CORPUS_VERBOSE").is_some();
        if verbose {
            eprintln!("{name} on {exec}: native");
        }
        let mut n = run(on_rt, &native, None);
        if verbose {
            eprintln!("{name} on {exec}: ours ({} polls native)", n.polls);
        }
        let mut o = run(on_rt, &ours, None);
        assert!(n.output.is_some(), "{name}: native did not finish");
        if opts.racy {
            n.log.sort();
            o.log.sort();
            n.polls = 0;
            o.polls = 0;
        }
        assert_eq!(
            o, n,
            "{name} on {exec}: ours (left) differs from native (right)"
        );
        if opts.cancel {
            for k in 0..n.polls {
                let nk = run(on_rt, &native, Some(k));
                let ok = run(on_rt, &ours, Some(k));
                assert_eq!(
                    ok, nk,
                    "{name} on {exec}, dropped after {k} polls: ours (left) differs from native (right)"
                );
            }
        }
    }
}

/// Fails to compile unless `T` is `Send`.
pub fn assert_send<T: Send>(_: &T) {}

/// Runs `ours`/`native` (a closure of one module path, `|m| expr`) and compares them.
macro_rules! same {
    ($name:expr, $opts:expr, |$m:ident| $body:expr) => {
        $crate::harness::compare(
            $name,
            $opts,
            || {
                use $crate::cases as $m;
                $body
            },
            || {
                use $crate::native as $m;
                $body
            },
        )
    };
}
pub(crate) use same;

/// Collects a stream on tokio and on `stackless::rt`, with the log; both must agree.
pub fn collect_stream<S, M>(make: M) -> (Vec<S::Item>, Vec<String>)
where
    M: Fn() -> S,
    S: futures_core::Stream,
{
    use futures::StreamExt;
    take_log();
    let rt = tokio_rt();
    let a: Vec<S::Item> = rt.block_on(async { make().collect().await });
    drop(rt);
    let la = take_log();
    let b: Vec<S::Item> = stackless::rt::block_on(async { make().collect().await });
    let lb = take_log();
    assert_eq!(la, lb, "tokio and stackless::rt logs differ");
    assert_eq!(a.len(), b.len());
    (a, la)
}

/// One `#[test]` per case: `name: OPTS, |m| expr;` (see `same!`).
macro_rules! tests {
    ($($name:ident: $opts:expr, |$m:ident| $body:expr;)*) => {
        $(
            #[test]
            fn $name() {
                $crate::harness::same!(stringify!($name), $opts, |$m| $body);
            }
        )*
    };
}
pub(crate) use tests;
