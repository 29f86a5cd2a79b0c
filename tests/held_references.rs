//! A reference to a local held across suspension points, `let r = &d;` (or `&mut d`,
//! `&d.field`): instead of keeping `d` in a pinned slot and carrying `r`, the point carries
//! `d` and the arm that resumes takes `r` again from it (`liveness.rs`, `rederive`). The
//! machine stays movable and no larger than rustc's (a slot would also make it `!Unpin`). Results, drop logs and sizes are compared with
//! rustc's own coroutines in `tests/conformance`; here, with native `async fn`s and by hand.

#[macro_use]
mod common;
use common::{block_on, cancel_after, delay, take_log, D};
use stackless::{yield_, Coroutine, CoroutineState};
use std::num::NonZeroU32;

#[stackless::coroutine]
fn shared(n: u32) -> impl Iterator<Item = String> {
    let d = D("d");
    let r = &d;
    for i in 0..n {
        yield_!(format!("{}{i}", r.0));
    }
    yield_!(d.0.to_string());
}

#[stackless::coroutine]
fn exclusive() -> impl Iterator<Item = u32> {
    let mut v = vec![1u32];
    let r = &mut v;
    yield_!(r.len() as u32);
    r.push(2);
    yield_!(r.len() as u32);
    yield_!(v.iter().sum());
}

struct Pair {
    name: String,
    n: u32,
}

#[stackless::coroutine]
fn field(p: Pair) -> impl Iterator<Item = String> {
    let name = &p.name;
    for i in 0..p.n {
        yield_!(format!("{name}{i}"));
    }
}

#[test]
fn references_taken_again_after_each_resume() {
    take_log();
    assert_eq!(shared(2).collect::<Vec<_>>(), ["d0", "d1", "d"]);
    assert_eq!(take_log(), ["drop d"]);
    assert_eq!(exclusive().collect::<Vec<_>>(), [1, 2, 3]);
    let p = Pair {
        name: "x".into(),
        n: 2,
    };
    assert_eq!(field(p).collect::<Vec<_>>(), ["x0", "x1"]);
}

#[test]
fn cancelled_at_every_yield() {
    for k in 0..4 {
        let (items, log) = cancel_after(shared(2), k);
        assert_eq!(items.len(), k.min(3));
        // Never started: nothing was made to drop.
        let want: &[&str] = if k == 0 { &[] } else { &["drop d"] };
        assert_eq!(log, want, "after {k}");
    }
}

/// The shape rustc lays out in 16 bytes: a 4-byte value and a reference to it, kept across
/// a yield (a pinned slot beside the enum made it 24).
#[stackless::coroutine]
fn small() -> impl Coroutine<(), Yield = u32, Return = u32> {
    let d = NonZeroU32::new(7).unwrap();
    let r = &d;
    yield_!(1);
    yield_!(r.get());
    d.get() + r.get()
}

#[test]
fn a_small_value_and_a_reference_to_it() {
    let co = small();
    assert!(size_of_val(&co) <= 16, "{} bytes", size_of_val(&co));
    // Movable: nothing points into the machine between resumes.
    fn unpin<T: Unpin>(_: &T) {}
    unpin(&co);
    let mut co = co;
    let mut resume = || std::pin::Pin::new(&mut co).resume(());
    assert!(matches!(resume(), CoroutineState::Yielded(1)));
    assert!(matches!(resume(), CoroutineState::Yielded(7)));
    assert!(matches!(resume(), CoroutineState::Complete(14)));
}

both! {
    async fn awaits / awaits_native(x: String) -> usize {
        let g = D("g");
        let r = &x;
        let gr = &g;
        delay(1, ()).await;
        let n = r.len();
        delay(1, ()).await;
        n + r.len() + gr.0.len()
    }
}

#[test]
fn across_awaits_like_the_native_async_fn() {
    take_log();
    assert_eq!(block_on(awaits("ab".into())), 5);
    let ours = take_log();
    assert_eq!(block_on(awaits_native("ab".into())), 5);
    assert_eq!(ours, take_log());
    common::cancels_like_native(|| awaits("ab".into()), || awaits_native("ab".into()), 3);
    let ours = size_of_val(&awaits(String::new()));
    let native = size_of_val(&awaits_native(String::new()));
    assert!(ours <= native, "ours {ours} > native {native}");
}

// A reference to a call's result, kept alive by its `let` (a temporary), held across
// awaits: the value becomes a hidden local the state carries.
both! {
    async fn temp_ref / temp_ref_native(x: String) -> usize {
        let n = &x.len();
        delay(1, ()).await;
        let s = &mut String::from("a");
        delay(1, ()).await;
        s.push('b');
        *n + s.len()
    }
}
#[stackless::coroutine]
fn gen_temp(v: Vec<u32>) -> impl Iterator<Item = u32> {
    let total = &v.iter().sum::<u32>();
    for x in &v {
        yield_!(x * total);
    }
}
#[test]
fn references_to_call_results_kept_by_their_let() {
    assert_eq!(block_on(temp_ref("abc".into())), 5);
    assert_eq!(block_on(temp_ref_native("abc".into())), 5);
    assert_eq!(gen_temp(vec![1, 2]).collect::<Vec<_>>(), [3, 6]);
}

struct Parts {
    a: String,
    b: u32,
}

fn parts() -> Parts {
    Parts {
        a: "xy".into(),
        b: 3,
    }
}

// References to `format!`/`vec!` results and to fields of a call's result.
both! {
    async fn temps / temps_native(k: u32) -> usize {
        let s = &format!("{k}!");
        let v = &mut vec![1u32, 2];
        let a = &parts().a;
        let b = &mut parts().b;
        delay(1, ()).await;
        *b += 1;
        v.push(3);
        s.len() + v.len() + a.len() + *b as usize
    }
}
#[test]
fn references_to_macro_results_and_fields_of_call_results() {
    assert_eq!(block_on(temps(7)), 11);
    assert_eq!(block_on(temps_native(7)), 11);
}
