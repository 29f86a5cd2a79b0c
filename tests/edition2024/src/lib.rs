//! `#[stackless::coroutine]` in an edition 2024 crate: `impl Trait` captures every lifetime
//! in scope (no `+ '_` needed), `gen` is a reserved word, `if let` chains exist.
#![deny(warnings, clippy::all)]

use stackless::{Coroutine, yield_};

/// Edition 2024 captures `'a` without `+ 'a`.
#[stackless::coroutine]
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    for w in text.split(' ') {
        if !w.is_empty() {
            yield_!(w);
        }
    }
}

/// A method; `&self` is captured implicitly.
pub struct Counter {
    /// Upper bound.
    pub limit: u32,
}

impl Counter {
    /// Counts to `limit`.
    #[stackless::coroutine]
    pub fn count(&self) -> impl Iterator<Item = u32> {
        let mut i = 0;
        while i < self.limit {
            yield_!(i);
            i += 1;
        }
    }
}

/// `if let` chains around suspension points.
#[stackless::coroutine]
pub fn chains(items: Vec<Option<i32>>) -> impl Iterator<Item = i32> {
    for item in items {
        if let Some(x) = item
            && x > 0
        {
            yield_!(x);
            yield_!(-x);
        }
    }
}

/// A coroutine whose return value borrows an argument.
#[stackless::coroutine]
pub fn longest<'a>(a: &'a str, b: &'a str) -> impl Coroutine<Yield = usize, Return = &'a str> {
    yield_!(a.len());
    yield_!(b.len());
    if a.len() >= b.len() { a } else { b }
}

/// A generic generator with an elided argument lifetime (captured implicitly in 2024) that
/// borrows its own local across yields.
#[stackless::coroutine]
pub fn tagged<T: Clone>(tag: &str, items: Vec<T>) -> impl Iterator<Item = (String, T)> {
    let owned = tag.to_uppercase();
    for x in &items {
        yield_!((owned.clone(), x.clone()));
    }
}

/// The same as an `async fn`, with a named lifetime too.
#[stackless::coroutine]
pub async fn tagged_count<'a, T: PartialEq>(
    tag: &'a str,
    items: Vec<T>,
    x: &T,
) -> (usize, &'a str) {
    let mut n = 0;
    for y in &items {
        stackless::rt::yield_now().await;
        if y == x {
            n += 1;
        }
    }
    (n, tag)
}

/// Locals kept in the state between resumes (a `for` loop's iterator, a `String`, a
/// counter), a block's local that drops when the block ends, a value moved out at the end.
#[stackless::coroutine]
pub fn resident(n: u32) -> impl Coroutine<Yield = String, Return = (String, u32)> {
    let mut total = 0u32;
    let mut s = String::new();
    for i in 0..n {
        s.push('x');
        total += i;
        yield_!(format!("{s}{total}"));
    }
    {
        let mut tail = String::from("-");
        for _ in 0..2 {
            tail.push('+');
            yield_!(tail.clone());
        }
    }
    (s, total)
}

/// An await in a loop keeping a `Vec` in place (its future in a cell), and a `for` loop over
/// an adapter with a closure inside an outer loop (its copies unified).
#[stackless::coroutine]
pub async fn parked(rows: Vec<Vec<u32>>) -> (Vec<u32>, usize) {
    let mut seen = Vec::new();
    for r in 0..rows.len() {
        let v = core::future::ready(r as u32).await;
        seen.push(v);
    }
    let mut n = 0;
    let mut k = 0;
    while k < rows.len() {
        for x in rows[k].iter().map(|x| x * 2) {
            n += x as usize;
            core::future::ready(()).await;
        }
        k += 1;
    }
    (seen, n)
}

/// A method on a field of a local kept in the frame, whose argument is a temporary that the
/// method's result borrows (`s.text.split(&sep())`) and that must live as long as the `for`
/// loop, as in native edition 2024 code.
pub struct Line {
    pub text: String,
    pub parts: Vec<String>,
}

struct Parts<'a>(&'a mut Vec<String>);

fn sep() -> String {
    ",".to_string()
}

#[stackless::coroutine]
pub async fn split_line(mut line: Line) -> String {
    let held = Parts(&mut line.parts);
    core::future::ready(()).await;
    for part in line.text.split(&sep()) {
        held.0.push(part.to_string());
    }
    core::future::ready(()).await;
    held.0.push(line.text.to_uppercase());
    line.parts.join("|")
}

/// A `while let` chain over a collection popped in the condition (the collection is kept in
/// place: its items may be views of it).
#[stackless::coroutine]
pub async fn chained_pops(mut v: Vec<Option<u32>>) -> u32 {
    let mut s = 0;
    while let Some(x) = v.pop()
        && let Some(y) = x
        && y < 10
    {
        s += core::future::ready(y).await;
    }
    s
}

/// A parenthesised `||` as a `let` scrutinee in a chain, naming a local kept in place: the
/// user's parentheses stay.
#[stackless::coroutine]
pub async fn paren_or(mut v: Vec<u32>, flag: bool) -> u32 {
    let mut s = 0;
    while let Some(x) = v.pop() {
        core::future::ready(()).await;
        #[allow(irrefutable_let_patterns)]
        if let true = (flag || v.is_empty())
            && x > 1
        {
            s += x;
        }
    }
    s
}

/// Counts its drops (`DROPS`).
pub struct Counted;

std::thread_local! {
    static DROPS: core::cell::Cell<u32> = const { core::cell::Cell::new(0) };
}

impl Drop for Counted {
    fn drop(&mut self) {
        DROPS.with(|d| d.set(d.get() + 1));
    }
}

async fn slow_sum(v: &[u32]) -> u32 {
    let mut s = 0;
    for x in v {
        stackless::rt::yield_now().await;
        s += *x;
    }
    s
}

/// A binding of a `let` chain that may hold a reference into a local kept in place (`v`)
/// and is dead at a later point gets a slot of its own too: moved into the state when `v`
/// has reallocated, it would be a dangling reference (under Miri). Its name in the chain's
/// later parts is the binding's.
#[stackless::coroutine]
pub async fn chain_holder(mut v: Vec<u32>, k: u32) -> u32 {
    let mut s = 0;
    let mut o = Some((&mut v[0], Counted));
    if let Some(w) = o.take()
        && *w.0 == k
        && w.0.count_ones() > 0
    {
        *w.0 += 1;
        v.push(9);
        s += slow_sum(&v).await;
    }
    s
}

std::thread_local! {
    static ORDER: core::cell::RefCell<Vec<&'static str>> = const { core::cell::RefCell::new(Vec::new()) };
}

/// Logs its name when dropped (`ORDER`).
pub struct Named(pub &'static str);

impl Drop for Named {
    fn drop(&mut self) {
        ORDER.with(|o| o.borrow_mut().push(self.0));
    }
}

fn consume(n: Named) -> bool {
    drop(n);
    true
}

/// A chain's binding moved by a later part of the chain is the inner one: the outer `x`
/// is dropped at the end of its scope (it was taken as moved, and dropped at the point).
#[stackless::coroutine]
pub async fn chain_moves_its_own(o: Option<Named>) -> u32 {
    let x = Named("outer");
    let n = x.0.len() as u32;
    if let Some(x) = o
        && consume(x)
    {
        ORDER.with(|o| o.borrow_mut().push("then"));
    }
    stackless::rt::yield_now().await;
    ORDER.with(|o| o.borrow_mut().push("end"));
    n
}

/// A binding of a `let` chain that a later `let` of the chain borrows (`z` holds `&w.1`)
/// cannot be moved into its slot at the top of the block, where `z` already borrows it:
/// it is moved there right after its own `let`, and the later parts borrow it in its slot.
/// Left where the pattern bound it and moved into the state at the await, it held a
/// dangling reference into `v` once `v` reallocated (under Miri).
#[stackless::coroutine]
pub async fn chain_borrowed_by_a_later_let(mut v: Vec<u32>, k: u32) -> u32 {
    let mut s = 0;
    let o = Some((&mut v[0], Named("w")));
    if let Some(w) = o
        && *w.0 == k
        && let Some(z) = Some((&w.1, Named("z")))
    {
        *w.0 += z.0.0.len() as u32;
        v.push(9);
        s += slow_sum(&v).await;
        ORDER.with(|o| o.borrow_mut().push("then"));
    }
    s
}

/// The same in a `while let` chain, each round's binding a new one.
#[stackless::coroutine]
pub async fn while_chain_borrowed_by_a_later_let(mut v: Vec<u32>) -> u32 {
    let mut s = 0;
    let mut ws = vec![(0, Named("w1")), (1, Named("w2"))];
    while let Some(w) = ws.pop()
        && let Some(z) = Some((&w.1, Named("z")))
        && w.0 < 2
    {
        let _ = z.0;
        v.push(w.0);
        s += slow_sum(&v).await;
    }
    s
}

/// A chain's later `let` whose scrutinee starts with a field of a binding kept in place
/// (`w.0.first()`), and a local kept in place named alone as a chain `let`'s scrutinee:
/// rewritten, each is put in parentheses of the user's span (with the macro's tokens first,
/// rustc took the chain for one of the macro's edition, 2021, and rejected it).
#[stackless::coroutine]
pub async fn chain_scrutinees_in_place(o: Option<(Vec<u32>, u32)>, k: u32) -> u32 {
    let mut s = 0;
    if let Some(w) = o.as_ref()
        && let Some(f) = w.0.first()
    {
        s += *f;
        stackless::rt::yield_now().await;
    }
    let kept: Option<u32> = Some(3);
    let mut it = kept.iter();
    stackless::rt::yield_now().await;
    let _ = it.next();
    if k > 0
        && let Some(x) = kept
    {
        s += x;
    }
    while let Some(x) = kept
        && s < 20
    {
        s += x;
    }
    s
}

/// A machine whose name is also the name of one of the expansion's type parameters
/// (`__K`, `__N2`) once made a type name.
#[stackless::coroutine]
pub async fn n2(v: Vec<u64>) -> u64 {
    let mut t = 0;
    for e in v.iter() {
        if *e > 1 {
            t += *e;
        }
        stackless::rt::yield_now().await;
    }
    t
}

#[stackless::coroutine]
pub async fn k(v: Vec<u64>) -> u64 {
    let mut t = 0;
    for e in v.iter() {
        t += *e;
        stackless::rt::yield_now().await;
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use stackless::CoroutineState::*;

    #[test]
    fn lifetimes_captured_implicitly() {
        let s = String::from("a  bc d");
        assert_eq!(words(&s).collect::<Vec<_>>(), ["a", "bc", "d"]);
        let c = Counter { limit: 3 };
        assert_eq!(c.count().collect::<Vec<_>>(), [0, 1, 2]);
    }

    #[test]
    fn generic_self_borrowing_coroutines() {
        let t = String::from("ab");
        assert_eq!(
            tagged(&t, vec![1, 2]).collect::<Vec<_>>(),
            [("AB".to_string(), 1), ("AB".to_string(), 2)]
        );
        let v = vec![String::from("x"), String::from("y"), String::from("x")];
        let x = String::from("x");
        assert_eq!(stackless::rt::block_on(tagged_count(&t, v, &x)), (2, "ab"));
    }

    #[test]
    fn let_chains() {
        assert_eq!(
            chains(vec![Some(1), None, Some(-2), Some(3)]).collect::<Vec<_>>(),
            [1, -1, 3, -3]
        );
    }

    #[test]
    fn resident_locals() {
        let mut co = std::pin::pin!(resident(3));
        let mut got = Vec::new();
        let ret = loop {
            match co.as_mut().resume(()) {
                Yielded(y) => got.push(y),
                Complete(r) => break r,
            }
        };
        assert_eq!(got, ["x0", "xx1", "xxx3", "-+", "-++"]);
        assert_eq!(ret, (String::from("xxx"), 3));
    }

    #[test]
    fn awaits_in_loops() {
        let rows = vec![vec![1, 2], vec![3]];
        assert_eq!(stackless::rt::block_on(parked(rows)), (vec![0, 1], 12));
    }

    #[test]
    fn borrowed_return_value() {
        let (a, b) = (String::from("xyz"), String::from("pq"));
        let mut co = std::pin::pin!(longest(&a, &b));
        assert_eq!(co.as_mut().resume(()), Yielded(3));
        assert_eq!(co.as_mut().resume(()), Yielded(2));
        assert_eq!(co.as_mut().resume(()), Complete("xyz"));
    }

    #[test]
    fn field_method_with_a_temporary_argument() {
        let line = Line {
            text: "a,b".to_string(),
            parts: Vec::new(),
        };
        assert_eq!(stackless::rt::block_on(split_line(line)), "a|b|A,B");
    }

    #[test]
    fn let_chain_over_a_local_in_the_frame() {
        let v = vec![Some(20), Some(2), None, Some(3), Some(4)];
        assert_eq!(stackless::rt::block_on(chained_pops(v)), 7);
    }

    #[test]
    fn parenthesised_or_in_a_chain() {
        assert_eq!(stackless::rt::block_on(paren_or(vec![3, 1, 2], false)), 3);
        assert_eq!(stackless::rt::block_on(paren_or(vec![3, 1, 2], true)), 5);
    }

    #[test]
    fn a_chain_binding_holding_a_reference_stays_in_place() {
        DROPS.with(|d| d.set(0));
        assert_eq!(stackless::rt::block_on(chain_holder(vec![1], 1)), 11);
        assert_eq!(DROPS.with(|d| d.get()), 1);
        assert_eq!(stackless::rt::block_on(chain_holder(vec![1], 2)), 0);
        assert_eq!(DROPS.with(|d| d.get()), 2);
    }

    #[test]
    fn a_chain_moving_its_own_binding_keeps_the_outer_one() {
        ORDER.with(|o| o.borrow_mut().clear());
        assert_eq!(
            stackless::rt::block_on(chain_moves_its_own(Some(Named("inner")))),
            5
        );
        let order = ORDER.with(|o| core::mem::take(&mut *o.borrow_mut()));
        assert_eq!(order, ["inner", "then", "end", "outer"]);
    }

    #[test]
    fn a_chain_binding_a_later_let_borrows_stays_in_place() {
        ORDER.with(|o| o.borrow_mut().clear());
        assert_eq!(
            stackless::rt::block_on(chain_borrowed_by_a_later_let(vec![1], 1)),
            11
        );
        let order = ORDER.with(|o| core::mem::take(&mut *o.borrow_mut()));
        assert_eq!(order, ["then", "z", "w"]);
        assert_eq!(
            stackless::rt::block_on(chain_borrowed_by_a_later_let(vec![1], 2)),
            0
        );
        let order = ORDER.with(|o| core::mem::take(&mut *o.borrow_mut()));
        assert_eq!(order, ["w"]);
        assert_eq!(
            stackless::rt::block_on(while_chain_borrowed_by_a_later_let(vec![5])),
            5 + 1 + 5 + 1
        );
        let order = ORDER.with(|o| core::mem::take(&mut *o.borrow_mut()));
        assert_eq!(order, ["z", "w2", "z", "w1"]);
    }

    #[test]
    fn chain_scrutinees_kept_in_place_keep_the_users_edition() {
        let o = Some((vec![4, 5], 1));
        assert_eq!(
            stackless::rt::block_on(chain_scrutinees_in_place(o, 1)),
            4 + 3 + 3 * 5
        );
        assert_eq!(
            stackless::rt::block_on(chain_scrutinees_in_place(None, 0)),
            21
        );
    }

    #[test]
    fn a_machine_named_like_an_expansion_type_parameter() {
        assert_eq!(stackless::rt::block_on(n2(vec![1, 2, 3])), 5);
        assert_eq!(stackless::rt::block_on(k(vec![1, 2, 3])), 6);
    }
}

/// Edition 2024 drops a block tail's temporaries at the end of the block, before its locals
/// (2021 after them: `tests/temporaries.rs`); the machine follows the body's edition.
#[cfg(test)]
#[allow(clippy::needless_return, clippy::never_loop)] // `return v`/`break v` tails are the case
mod tail_temporaries {
    use std::cell::RefCell;
    use std::future::Future;
    use std::pin::Pin;
    use std::task::{Context, Poll};

    thread_local!(static LOG: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) });

    fn log(s: &str) {
        LOG.with(|l| l.borrow_mut().push(s.to_string()));
    }

    fn take_log() -> Vec<String> {
        LOG.with(|l| std::mem::take(&mut *l.borrow_mut()))
    }

    struct D(&'static str);

    impl Drop for D {
        fn drop(&mut self) {
            log(&format!("drop {}", self.0));
        }
    }

    /// Pending once.
    struct Later(bool);

    impl Future for Later {
        type Output = ();
        fn poll(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<()> {
            if self.0 {
                Poll::Ready(())
            } else {
                self.0 = true;
                Poll::Pending
            }
        }
    }

    fn named(n: &'static str) -> D {
        D(n)
    }

    async fn later_len(d: &D) -> usize {
        Later(false).await;
        d.0.len()
    }

    macro_rules! both {
        ($name:ident / $native:ident ($($arg:ident : $ty:ty),*) $body:block) => {
            #[stackless::coroutine]
            async fn $name($($arg: $ty),*) -> usize $body
            async fn $native($($arg: $ty),*) -> usize $body
        };
    }

    both! {
        body_tail / body_tail_native (p: D) {
            let _a = D("local");
            later_len(&D("tail")).await + p.0.len()
        }
    }

    both! {
        block_tails / block_tails_native (c: bool) {
            let n = { let _a = D("outer"); { let _b = D("inner"); later_len(&D("tail")).await } };
            log("after the let");
            let m = if c { let _t = D("then"); later_len(&D("then tail")).await } else { 0 };
            log("after the if");
            n + m
        }
    }

    both! {
        tail_after_a_point / tail_after_a_point_native () {
            let n = {
                let _a = D("local");
                Later(false).await;
                named("tail").0.len()
            };
            log("after the let");
            n
        }
    }

    impl D {
        fn me(&self) -> &Self {
            self
        }
    }

    // A method the macro does not know on a call's value, in the body's tail after a point
    // (the reviewer's 2024 probe t28): its temporary drops before `_b` and `_a`.
    both! {
        method_tail_after_a_point / method_tail_after_a_point_native () {
            let _a = D("a");
            Later(false).await;
            let _b = D("b");
            named("tmp").me().0.len()
        }
    }

    // A tail that leaves after a point (the second reviewer's m_unreach): `return v`'s and
    // `break v`'s value drops its temporaries before the locals, and nothing after it is
    // unreachable code (this crate denies warnings).
    both! {
        leaving_tails / leaving_tails_native (c: bool) {
            let n = loop {
                let _l = D("loop local");
                Later(false).await;
                break named("break tmp").0.len()
            };
            let _a = D("local");
            Later(false).await;
            if c {
                return named("return tmp").0.len() + n;
            }
            let m = loop {
                let _l = D("second");
                Later(false).await;
                break 2
            };
            return m
        }
    }

    // A `match` as a block's tail after a point (the second reviewer's a23): its
    // scrutinee's temporary drops before the block's locals.
    both! {
        match_tail_after_a_point / match_tail_after_a_point_native () {
            let n = {
                let _a = D("local");
                Later(false).await;
                match named("tmp").0.len() {
                    0 => 0,
                    k => k + 1,
                }
            };
            log("after the let");
            n
        }
    }

    // Edition 2024 drops an `if let`'s scrutinee temporaries before its `else` (2021 keeps
    // them to the end of the `if`): with a point in either branch.
    both! {
        if_let_else / if_let_else_native (c: bool) {
            let n = if let Some(k) = named(if c { "some" } else { "none" }).0.strip_prefix("so") {
                Later(false).await;
                k.len()
            } else {
                log("else");
                Later(false).await;
                0
            };
            log("after the if");
            n
        }
    }

    // The same with a temporary that is `Copy` (a reference), and an `else if let`:
    // dropping them before the `else` draws no lint.
    both! {
        if_let_else_copy / if_let_else_copy_native (c: bool) {
            let words = [named("a"), named("bb")];
            if let Some(w) = words.iter().find(|w| w.0.len() == if c { 2 } else { 3 }) {
                Later(false).await;
                w.0.len()
            } else if let Some(v) = named("v").0.get(..1) {
                Later(false).await;
                v.len()
            } else {
                0
            }
        }
    }

    /// Polls `f` `k` times (or to completion), then drops it; the log of it all.
    fn run<F: Future<Output = usize>>(f: F, k: usize) -> (Option<usize>, Vec<String>) {
        take_log();
        let mut cx = Context::from_waker(std::task::Waker::noop());
        let mut f = Box::pin(f);
        let mut out = None;
        for _ in 0..k {
            if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
                out = Some(v);
                break;
            }
        }
        drop(f);
        (out, take_log())
    }

    #[test]
    fn a_tail_temporary_drops_before_the_block_locals() {
        for k in 0..4 {
            assert_eq!(
                run(body_tail(D("param")), k),
                run(body_tail_native(D("param")), k)
            );
            for c in [false, true] {
                assert_eq!(run(block_tails(c), k), run(block_tails_native(c), k));
            }
        }
        for k in 0..3 {
            assert_eq!(
                run(tail_after_a_point(), k),
                run(tail_after_a_point_native(), k)
            );
            assert_eq!(
                run(method_tail_after_a_point(), k),
                run(method_tail_after_a_point_native(), k)
            );
        }
        for k in 0..3 {
            assert_eq!(
                run(match_tail_after_a_point(), k),
                run(match_tail_after_a_point_native(), k)
            );
        }
        for k in 0..5 {
            for c in [false, true] {
                assert_eq!(run(leaving_tails(c), k), run(leaving_tails_native(c), k));
            }
        }
        for k in 0..4 {
            for c in [false, true] {
                assert_eq!(run(if_let_else(c), k), run(if_let_else_native(c), k));
            }
        }
        for k in 0..4 {
            for c in [false, true] {
                assert_eq!(
                    run(if_let_else_copy(c), k),
                    run(if_let_else_copy_native(c), k)
                );
            }
        }
        assert_eq!(
            run(if_let_else(false), 3).1,
            ["drop none", "else", "after the if"]
        );
        assert_eq!(
            run(method_tail_after_a_point(), 2).1,
            ["drop tmp", "drop b", "drop a"]
        );
        assert_eq!(
            run(tail_after_a_point(), 2).1,
            ["drop tail", "drop local", "after the let"]
        );
        assert_eq!(
            run(body_tail(D("param")), 3).1,
            ["drop tail", "drop local", "drop param"]
        );
    }
}
