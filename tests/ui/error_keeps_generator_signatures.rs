// After a macro error each function keeps its declared return type, so code that uses it as
// an iterator, a coroutine or a stream is no second error: one message per function.
use core::pin::pin;
use stackless::{yield_, Coroutine, FusedStream, Stream};

#[stackless::coroutine]
fn items(v: Vec<u32>) -> impl Iterator<Item = u32> + Clone {
    let f = |x: u32| yield_!(x);
    for x in v {
        f(x);
    }
}

#[stackless::coroutine]
fn running(start: i64) -> impl Coroutine<i64, Yield = i64, Return = String> {
    let mut s = start;
    let total = match s {
        ref mut n if yield_!(*n) > 0 => *n,
        n => -n,
    };
    total.to_string()
}

#[stackless::coroutine]
fn ticks(n: u32) -> impl Stream<Item = u32> + FusedStream + Send {
    for i in 0..n {
        let f = async { yield_!(i) };
        f.await;
    }
}

struct Words(String);

impl Words {
    #[stackless::coroutine]
    fn lengths(&self) -> impl Iterator<Item = usize> + '_ {
        for w in self.0.split(' ') {
            (|| yield_!(w.len()))();
        }
    }
}

fn needs_send<T: Send>(_: &T) {}

fn main() {
    let total: u32 = items(vec![1, 2]).clone().sum();
    let mut co = pin!(running(1));
    let _ = co.as_mut().resume(total.into());
    let s = ticks(2);
    needs_send(&s);
    let _: bool = s.is_terminated();
    let _: Option<usize> = Words(String::new()).lengths().max();
}
