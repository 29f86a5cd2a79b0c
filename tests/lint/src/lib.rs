//! Expansions of `#[stackless::coroutine]` must compile without a single warning under
//! `#![deny(warnings)]` and `#![deny(clippy::all)]`, with `#![forbid(unsafe_code)]` (set in
//! Cargo.toml), and must name only absolute paths: each module below shadows `core` or
//! `stackless` with something else.
#![deny(warnings, clippy::all, rust_2018_idioms)]
#![no_std]

extern crate alloc;

/// Generators over every construct the lowering handles.
pub mod generators {
    use alloc::string::String;
    use alloc::vec::Vec;
    use stackless::{yield_, Coroutine};

    /// Shadows `::core` for relative paths.
    #[allow(dead_code)]
    mod core {}

    /// What `field_methods` keeps in its frame.
    pub struct Fields {
        pub n: usize,
        pub names: Vec<String>,
        pub rows: Vec<Vec<usize>>,
        pub label: alloc::boxed::Box<str>,
    }

    /// The count in `Fields`, held by reference across the points.
    pub struct Held<'a>(pub &'a mut usize);

    /// A local kept in the frame (a borrow of one field held across the points) and methods
    /// called on its other fields: directly, through an index and through a `Deref`.
    #[stackless::coroutine]
    pub fn field_methods(mut s: Fields) -> impl Iterator<Item = usize> {
        let held = Held(&mut s.n);
        *held.0 += 1;
        yield_!(s.names.len());
        s.names.push(String::new());
        s.rows[0].push(*held.0);
        *held.0 += 1;
        yield_!(s.label.len() + s.rows[0].len());
    }

    /// Counts up to `limit`.
    #[stackless::coroutine]
    pub fn count_up(limit: u64) -> impl Iterator<Item = u64> {
        let mut i = 0;
        while i < limit {
            yield_!(i);
            i += 1;
        }
    }

    /// A closure, a mutable closure and an `async`-free adapter made in a loop and kept
    /// across yields (their copies are unified).
    #[stackless::coroutine]
    pub fn loop_closures(n: u32) -> impl Iterator<Item = u32> {
        for i in 0..n {
            let f = move |x: u32| x + i;
            let mut c = 0;
            let mut bump = move || {
                c += 1;
                c
            };
            let it = (0..2).map(move |x| x * i);
            yield_!(f(1));
            yield_!(bump() + f(2));
            for y in it {
                yield_!(y);
            }
        }
    }

    /// Every control-flow construct with a suspension point inside.
    #[stackless::coroutine]
    pub fn everything(items: Vec<Option<u32>>, stop: u32) -> impl Iterator<Item = u32> {
        let _guard = String::from("guard");
        let mut seen = 0;
        'outer: for item in items {
            let Some(x) = item else {
                yield_!(0);
                continue;
            };
            match x {
                0 => continue 'outer,
                n if n == stop => break 'outer,
                n => {
                    let doubled = loop {
                        yield_!(n);
                        break n * 2;
                    };
                    if let Some(y) = doubled.checked_sub(1) {
                        yield_!(y);
                    }
                }
            }
            while seen < 2 {
                seen += 1;
                yield_!(seen);
            }
        }
        yield_!(seen);
    }

    /// A coroutine with `?`, early return and a resume argument.
    #[stackless::coroutine]
    pub fn parse_all(
    ) -> impl Coroutine<&'static str, Yield = usize, Return = Result<u32, ::core::num::ParseIntError>>
    {
        let mut sum = 0;
        loop {
            let s = yield_!(0);
            if s.is_empty() {
                return Ok(sum);
            }
            sum += s.parse::<u32>()?;
        }
    }

    /// Methods with receivers.
    pub struct Bag {
        /// The items.
        pub items: Vec<u8>,
    }

    impl Bag {
        /// Iterates by reference.
        #[stackless::coroutine]
        pub fn iter(&self) -> impl Iterator<Item = u8> + '_ {
            for &x in &self.items {
                yield_!(x);
            }
        }

        /// Drains.
        #[stackless::coroutine]
        pub fn drain(&mut self) -> impl Iterator<Item = u8> + '_ {
            while let Some(x) = self.items.pop() {
                yield_!(x);
            }
        }
    }
}

/// The same with `core` an alias of another crate.
pub mod renamed_core {
    #[allow(unused_extern_crates)]
    extern crate stackless as core;
    use stackless::yield_;

    /// Yields twice.
    #[stackless::coroutine]
    pub fn twice(x: u8) -> impl Iterator<Item = u8> {
        yield_!(x);
        yield_!(x);
    }
}

/// With a local module called `stackless`.
pub mod shadowed_stackless {
    #[allow(dead_code)]
    mod stackless {}

    /// Yields once.
    #[::stackless::coroutine]
    pub fn once() -> impl Iterator<Item = u8> {
        ::stackless::yield_!(1);
    }
}

/// Coroutines that borrow their own locals (pinned slots, the borrow-checked twin), a large
/// array kept in place, a generic one (the extra frame lifetime), a flagged local moved out.
pub mod self_borrows {
    use alloc::string::String;
    use alloc::vec::Vec;
    use stackless::{yield_, Coroutine, Stream};

    /// Shadows `::core` for relative paths.
    #[allow(dead_code)]
    mod core {}

    /// Words of a local string.
    #[stackless::coroutine]
    pub fn words(text: String) -> impl Iterator<Item = usize> {
        let upper = text.to_uppercase();
        for w in upper.split(' ') {
            yield_!(w.len());
        }
    }

    /// Items of a local vector, then the vector moved out.
    #[stackless::coroutine]
    pub fn then_moved(n: u32) -> impl Coroutine<Yield = u32, Return = Vec<u32>> {
        let v: Vec<u32> = (0..n).collect();
        for x in &v {
            yield_!(*x);
        }
        v
    }

    /// A fused stream over a local string (pinned slots), and one without.
    #[stackless::coroutine]
    pub fn fused_words(text: String) -> impl stackless::FusedStream<Item = usize> {
        let upper = text.to_uppercase();
        for w in upper.split(' ') {
            yield_!(w.len());
        }
    }

    /// See `fused_words`.
    #[stackless::coroutine]
    pub fn fused_count(n: u32) -> impl stackless::FusedStream<Item = u32> {
        for i in 0..n {
            yield_!(i);
        }
    }

    /// A generic one.
    #[stackless::coroutine]
    pub fn each<T: Clone>(items: Vec<T>) -> impl Iterator<Item = T> {
        for x in items.iter() {
            yield_!(x.clone());
        }
    }

    /// Reads into a local buffer from a pinned local stream.
    #[stackless::coroutine]
    pub async fn sum_stream<S: Stream<Item = u8>>(s: S) -> u32 {
        let mut s = ::core::pin::pin!(s);
        let mut sum = 0;
        while let Some(b) = stackless::rt::next(&mut s).await {
            sum += u32::from(b);
        }
        sum
    }

    /// A large array kept in place.
    #[stackless::coroutine]
    pub fn table(n: usize) -> impl Iterator<Item = u8> {
        let mut t = [0u8; 1024];
        for i in 0..n {
            t[i % 1024] = i as u8;
            yield_!(t[(i * 3) % 1024]);
        }
    }

    /// A pinned local declared without a value, assigned, moved out; another assigned and
    /// borrowed by a closure kept across yields: the expansion's `unsafe` blocks around the
    /// slot helpers must pass `forbid(unsafe_code)` and `unused_unsafe`.
    #[allow(clippy::needless_late_init)]
    #[stackless::coroutine]
    pub fn flagged(n: u32) -> impl Coroutine<Yield = u32, Return = usize> {
        let v;
        v = (0..n).collect::<Vec<u32>>();
        for x in &v {
            yield_!(*x);
        }
        let w = v;
        let mut u = w.clone();
        for x in &u {
            yield_!(*x + 1);
        }
        u = Vec::new();
        yield_!(u.len() as u32);
        w.len()
    }

    /// A closure kept across yields that borrows a pinned local (through a handle).
    #[stackless::coroutine]
    pub fn handle(n: u32) -> impl Iterator<Item = u32> {
        let u: Vec<u32> = (0..n).collect();
        let f = |x: u32| x + u.len() as u32;
        yield_!(f(1));
        yield_!(f(2));
    }

    /// Formats a pinned local inline.
    #[stackless::coroutine]
    pub fn labels(v: Vec<u8>) -> impl Iterator<Item = String> {
        for x in &v {
            yield_!(alloc::format!("{x} of {v:?}"));
        }
    }
}

/// Resident locals (kept in the state between resumes, reached through references): the
/// rewritten mentions (`(*s).push(c)`, `&*x`, implicit format captures) must not trip a lint.
pub mod resident {
    use alloc::format;
    use alloc::string::String;
    use alloc::vec::Vec;
    use stackless::{yield_, Coroutine};

    /// Shadows `::core` for relative paths.
    #[allow(dead_code)]
    mod core {}

    /// A `String` grown in the loop, read by method, by reference and in a format string.
    #[stackless::coroutine]
    pub fn grow(n: u32, sep: &str) -> impl Iterator<Item = String> + '_ {
        let mut s = String::new();
        let mut i = 0u32;
        while i < n {
            if i % 2 == 0 {
                s.push_str(sep);
                yield_!(format!("{s}:{i}"));
            } else {
                s.push('x');
                let r = &s;
                let len = r.len();
                yield_!(format!("{len}"));
            }
            i += 1;
        }
    }

    /// A general coroutine whose two yields resume different code (`__point`), with an
    /// immutable resident read through a shared reference.
    #[stackless::coroutine]
    pub fn pairs(limit: u64) -> impl Coroutine<u64, Yield = u64, Return = usize> {
        let mut out = Vec::new();
        let mut k = 0;
        while k < limit {
            let a = yield_!(k);
            out.push(a);
            let b = yield_!(a + limit);
            out.push(b);
            k += 1;
        }
        out.len()
    }

    /// A `for` loop's iterator and variable (and an inner loop's) kept in place; a block
    /// whose local drops when it ends; a state matched in place; the accumulated value moved
    /// out at the end.
    #[stackless::coroutine]
    pub fn grid(w: u32, h: u32) -> impl Coroutine<Yield = (u32, u32), Return = Vec<u32>> {
        let mut seen = Vec::new();
        let mut on = true;
        for y in 0..h {
            for x in 0..w {
                match on {
                    true => yield_!((x, y)),
                    false => seen.push(x + y),
                }
            }
            on = !on;
        }
        {
            let mut last = String::new();
            for x in 0..w {
                last.push('x');
                yield_!((x, last.len() as u32));
            }
        }
        seen
    }

    /// An `async fn` whose loop awaits with a `Vec` kept in place (the future in a cell).
    #[stackless::coroutine]
    pub async fn tally(n: u32) -> usize {
        let mut seen = Vec::new();
        for i in 0..n {
            let v = ::core::future::ready(i).await;
            seen.push(v);
        }
        seen.len()
    }

    /// An async generator doing the same between its items.
    #[stackless::coroutine]
    pub fn lines(n: u32) -> impl stackless::Stream<Item = String> {
        let mut text = String::new();
        for i in 0..n {
            let v = ::core::future::ready(i).await;
            text.push_str(&format!("{v}"));
            yield_!(text.clone());
        }
    }
}

/// Partial moves: what is left of a local kept to the end of its scope (`partial.rs`).
pub mod partial_moves {
    use alloc::string::String;
    use alloc::vec::Vec;

    /// Shadows `::core` for relative paths.
    #[allow(dead_code)]
    mod core {}

    /// A server's parts.
    pub struct Parts {
        /// Taken out first.
        pub name: String,
        /// Left behind.
        pub log: Vec<u8>,
        /// Read as a copy.
        pub port: u16,
    }

    /// A destructuring `let` with `..`, then a suspension point.
    #[stackless::coroutine]
    pub async fn destructured(p: Parts) -> usize {
        let Parts { name, .. } = p;
        async {}.await;
        name.len()
    }

    /// A field moved out as an argument, a `Copy` field read, and a generator.
    #[stackless::coroutine]
    pub async fn field_moves(p: Parts, q: Parts) -> usize {
        let n = core_len(p.name);
        let port = q.port;
        async {}.await;
        n + usize::from(port)
    }

    /// The same in a generator.
    #[stackless::coroutine]
    pub fn parts(p: Parts) -> impl Iterator<Item = u8> {
        let Parts { log, .. } = p;
        for b in log {
            stackless::yield_!(b);
        }
    }

    fn core_len(s: String) -> usize {
        s.len()
    }
}

/// Locals moved out on some paths only (`maybe_moved.rs`), and temporaries kept across a
/// point (`temporaries.rs`).
pub mod maybe_moved {
    use alloc::string::String;
    use alloc::vec::Vec;
    use stackless::yield_;

    /// Shadows `::core` for relative paths.
    #[allow(dead_code)]
    mod core {}

    fn take(s: String) -> usize {
        s.len()
    }

    /// A `String` and a `Copy` value moved on some paths, a parameter too, then a yield.
    #[stackless::coroutine]
    pub fn some_paths(c: u8, p: String) -> impl Iterator<Item = usize> {
        let s = String::from("kept");
        let n = 3usize;
        if c == 0 {
            yield_!(take(s));
        } else if c == 1 {
            yield_!(n);
        } else {
            match c {
                2 => yield_!(take(p)),
                _ => yield_!(s.len()),
            }
        }
        yield_!(n);
    }

    fn width(s: &str) -> usize {
        s.len()
    }

    /// Temporaries across an await, in a statement, a condition, a scrutinee and a loop.
    #[stackless::coroutine]
    pub async fn temporaries(v: Vec<usize>) -> usize {
        let mut n = width(&String::from("a")) + async { 1 }.await;
        if width(&String::from("b")) > async { 0 }.await {
            n += 1;
        }
        match async { width(&String::from("c")) }.await {
            1 => n += async { 1 }.await,
            2 => n += 2,
            _ => {}
        }
        for x in 0..width(&String::from("d")) {
            n += async { x }.await + v.len();
        }
        n
    }

    /// A `let … else` whose value suspends, in the parentheses a value ending in `}` needs,
    /// and an `else` of one expression: lowered to a `match`, with neither (they would be
    /// `unused_parens`/`unused_braces` there).
    #[stackless::coroutine]
    pub async fn let_else_block(v: Vec<usize>) -> usize {
        let Some(n) = ({
            let w = String::from("w");
            async { v.first().copied() }.await.map(|x| x + w.len())
        }) else {
            return 7;
        };
        n
    }

    /// The same with a loop, and a typed `let … else`.
    #[stackless::coroutine]
    pub async fn let_else_loop(v: Vec<usize>) -> usize {
        let mut i = 0;
        let Some(n) = (loop {
            i += 1;
            if i > 1 {
                break async { v.first().copied() }.await;
            }
        }) else {
            return 7;
        };
        let Some(m): Option<usize> = async { v.last().copied() }.await else {
            return 8;
        };
        n + m
    }

    /// A block's tail that keeps a temporary across an await, after the block's locals:
    /// the rule of the crate's edition.
    #[stackless::coroutine]
    pub async fn tail_temporaries(v: Vec<usize>) -> usize {
        let n = {
            let w = String::from("w");
            width(&String::from("a")) + w.len() + async { v.len() }.await
        };
        let s = String::from("s");
        width(&String::from("b")) + s.len() + async { n }.await
    }
}

/// Shapes from the corpus (issue 19): a generic function with a `where` clause whose
/// machine keeps a local in place (the frame's lifetime bound goes with the other bounds:
/// clippy's `multiple_bound_locations`), a branch's value typed in another copy of the code
/// (`tie`), a view of a string kept across an await.
pub mod corpus_shapes {
    use alloc::format;
    use alloc::string::{String, ToString};

    /// Shadows `::core` for relative paths.
    #[allow(dead_code)]
    mod core {}

    /// Borrows `r` across an await, so the machine keeps it in its frame.
    #[stackless::coroutine]
    pub async fn generic_where<R, W>(r: R, w: &mut W) -> usize
    where
        R: AsRef<str>,
        W: Extend<u8>,
    {
        let s = r.as_ref();
        async {}.await;
        w.extend([1u8]);
        s.len()
    }

    async fn lookup(k: &str) -> Option<usize> {
        Some(k.len())
    }

    /// `looked` is `None` in one copy of the code after the `match`, the await's value in
    /// the other.
    #[stackless::coroutine]
    pub async fn branch_value(a: Option<&str>) -> Result<String, String> {
        let looked = match a {
            Some(k) => lookup(k).await,
            None => None,
        };
        let n = looked
            .ok_or_else(|| "not found".to_string())
            .and_then(|v| {
                if v > 5 {
                    Err("too big".to_string())
                } else {
                    Ok(v)
                }
            })?;
        Ok(format!("{n}"))
    }

    /// A view of a string kept across an await.
    #[stackless::coroutine]
    pub async fn first_word(owned: String) -> usize {
        let w = owned.split(' ').next().unwrap_or_default();
        async {}.await;
        w.len()
    }
}

/// The block forms, under the same lints (their captures are checked by their twin, so a
/// `mut` the block needs is no "unused mut" outside).
pub mod blocks {
    use ::stackless::{co, iter, stream, try_stream, yield_, Coroutine, Stream};
    use alloc::string::String;
    use alloc::vec::Vec;

    /// Shadows `::stackless` for relative paths.
    #[allow(dead_code)]
    mod stackless {}

    /// A yield after an `if` on one line: no "missing `else`" from clippy.
    #[rustfmt::skip]
    pub fn evens(limit: u32) -> impl Iterator<Item = u32> {
        iter! { for j in 0..limit { if j % 2 == 1 { continue; } yield_!(j); } }
    }

    /// A captured `mut` local the block mutates.
    pub fn drained(mut v: Vec<u32>) -> impl Iterator<Item = u32> {
        iter! {
            while let Some(x) = v.pop() {
                yield_!(x);
            }
        }
    }

    /// `yield` and `for await` as async-stream writes them.
    pub fn lengths<'a>(words: impl Stream<Item = String> + 'a) -> impl Stream<Item = usize> + 'a {
        stream! {
            for await w in words {
                yield w.len();
            }
        }
    }

    /// `?` in a fallible stream.
    pub fn parsed(
        words: Vec<&'static str>,
    ) -> impl Stream<Item = Result<u32, core::num::ParseIntError>> {
        try_stream! {
            for w in words {
                yield_!(w.parse::<u32>()?);
            }
        }
    }

    /// A coroutine block.
    pub fn totals() -> impl Coroutine<i64, Yield = i64, Return = i64> {
        co!(|first: i64| {
            let mut sum = first;
            loop {
                let x = yield_!(sum);
                if x == 0 {
                    break sum;
                }
                sum += x;
            }
        })
    }
}

/// `bail!`/`ensure!` in an `async fn` returning a `Result` (a user's macros in anyhow's
/// shape): each runs in a closure of its own, called where it is written.
pub mod returning_macros {
    use alloc::string::String;

    macro_rules! bail {
        ($e:expr) => {
            return Err($e)
        };
    }

    macro_rules! ensure {
        ($c:expr, $e:expr) => {
            if !$c {
                bail!($e)
            }
        };
    }

    /// Fails for zero and for more than ten.
    #[stackless::coroutine]
    pub async fn checked(n: u32) -> Result<u32, String> {
        core::future::ready(()).await;
        ensure!(n > 0, String::from("empty"));
        if n > 10 {
            bail!(String::from("big"));
        }
        Ok(n)
    }
}

/// Locals the liveness keeps for a loop iteration an arm does not write, and a guard's
/// bindings the arm's body does not use: named by the body only where rustc sees them used.
pub mod copies {
    /// An inner loop that always breaks, and a labelled `continue` of the outer one.
    #[stackless::coroutine]
    pub async fn labelled(n: u32) -> u32 {
        let mut t = 0;
        'o: for i in 0..n {
            loop {
                let x = if i % 2 == 0 {
                    core::future::ready(1).await
                } else {
                    core::future::ready(2).await
                };
                t += x;
                if t > 2 {
                    continue 'o;
                }
                core::future::ready(()).await;
                break;
            }
        }
        t
    }

    /// A binding the guard uses and the body does not.
    #[stackless::coroutine]
    pub async fn guarded(v: alloc::vec::Vec<u32>) -> u32 {
        let mut t = 0;
        for x in v {
            match x {
                n if n == core::future::ready(1).await => t += 1,
                _ => {}
            }
        }
        t
    }

    /// A branch that suspends beside one that never completes (`loop { return .. }`): the
    /// code after the branch is reachable natively, and in the expansion too (it was
    /// "unreachable statement" at the attribute).
    #[stackless::coroutine]
    #[allow(clippy::never_loop)]
    pub async fn one_arm_never_completes(flag: bool) -> u32 {
        let mut x = 1;
        if flag {
            x += core::future::ready(1).await;
        } else {
            loop {
                return 0;
            }
        }
        x
    }
}

/// The receiver's hidden name (`__self`) never reaches a lint's suggestion: a bare `self`
/// formatting argument stays the macro's, so `uninlined_format_args` does not offer
/// `{__self:?}` (which `cargo clippy --fix` would write into the user's code). (Natively the
/// lint fires here and offers `{self:?}`; silence is the difference left.)
pub mod receivers {
    use alloc::format;
    use alloc::string::String;
    use alloc::vec::Vec;

    #[derive(Debug)]
    pub struct Mem(pub Vec<u32>);

    impl Mem {
        #[stackless::coroutine]
        #[deny(clippy::uninlined_format_args)]
        pub async fn show(&self) -> String {
            core::future::ready(()).await;
            let s = format!("{:?}", self);
            s + &format!("{:?} {}", self, self.0.len())
        }
    }
}
