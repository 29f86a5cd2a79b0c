//! Unusual but valid code around suspension points.

mod common;
use stackless::{yield_, Coroutine, CoroutineState::*};
use std::pin::pin;

trait Shape {
    const SIDES: u32;
    fn name(&self) -> String;

    /// A default method with a coroutine body.
    #[stackless::coroutine]
    fn describe(&self) -> impl Iterator<Item = String> + '_ {
        yield_!(self.name());
        for i in 0..Self::SIDES {
            yield_!(format!("side {i}"));
        }
    }
}

struct Tri;
impl Shape for Tri {
    const SIDES: u32 = 3;
    fn name(&self) -> String {
        "tri".into()
    }
}

#[test]
fn default_trait_method_body() {
    assert_eq!(
        Tri.describe().collect::<Vec<_>>(),
        ["tri", "side 0", "side 1", "side 2"]
    );
}

#[stackless::coroutine]
unsafe fn unsafe_coroutine(p: *const u32) -> impl Iterator<Item = u32> {
    // SAFETY: the caller passes a valid pointer (the test does).
    let v = unsafe { *p };
    yield_!(v);
}

#[test]
fn unsafe_fn_coroutine() {
    let x = 7u32;
    // SAFETY: `x` outlives the generator.
    let g = unsafe { unsafe_coroutine(&x) };
    assert_eq!(g.collect::<Vec<_>>(), [7]);
}

#[stackless::coroutine]
fn inference_across_yields() -> impl Iterator<Item = usize> {
    let mut v = Vec::new();
    let d = Default::default();
    yield_!(0);
    v.push(1u8);
    let n: usize = d;
    yield_!(v.len() + n);
}

#[test]
fn types_inferred_after_the_yield() {
    assert_eq!(inference_across_yields().collect::<Vec<_>>(), [0, 1]);
}

#[stackless::coroutine]
fn nested_coroutine_item() -> impl Iterator<Item = u32> {
    #[stackless::coroutine]
    fn inner(n: u32) -> impl Iterator<Item = u32> {
        for i in 0..n {
            yield_!(i * 100);
        }
    }
    for x in inner(2) {
        yield_!(x);
    }
    yield_!(1);
}

#[test]
fn a_coroutine_declared_inside_a_coroutine() {
    assert_eq!(nested_coroutine_item().collect::<Vec<_>>(), [0, 100, 1]);
}

#[stackless::coroutine]
fn closures_with_return_and_question_mark() -> impl Iterator<Item = Result<u32, String>> {
    let parse = |s: &str| -> Result<u32, String> {
        if s.is_empty() {
            return Err("empty".into());
        }
        let n: u32 = s.parse().map_err(|_| "nan".to_string())?;
        Ok(n)
    };
    yield_!(parse("4"));
    yield_!(parse(""));
    let f = || {
        let mut k = 0;
        loop {
            k += 1;
            if k == 5 {
                break k;
            }
        }
    };
    yield_!(Ok(f()));
}

#[test]
fn return_and_question_mark_inside_closures_are_the_closures() {
    let v = closures_with_return_and_question_mark().collect::<Vec<_>>();
    assert_eq!(v, [Ok(4), Err("empty".to_string()), Ok(5)]);
}

#[stackless::coroutine]
fn async_block_in_generator() -> impl Iterator<Item = u32> {
    let fut = async { 6 };
    yield_!(common::block_on(fut));
    let fut2 = async move { 7 };
    yield_!(common::block_on(fut2));
}

#[test]
fn async_blocks_inside_a_generator() {
    assert_eq!(async_block_in_generator().collect::<Vec<_>>(), [6, 7]);
}

#[stackless::coroutine]
fn struct_update(base: (u32, u32)) -> impl Coroutine<u32, Yield = u32, Return = (u32, u32, u32)> {
    #[derive(Clone, Copy)]
    struct S {
        a: u32,
        b: u32,
        c: u32,
    }
    let s0 = S {
        a: base.0,
        b: base.1,
        c: 0,
    };
    let s = S {
        c: yield_!(1),
        ..s0
    };
    let t = S { a: yield_!(2), ..s };
    (t.a, t.b, t.c)
}

#[test]
fn struct_update_syntax_with_yields() {
    let mut co = pin!(struct_update((10, 20)));
    assert_eq!(co.as_mut().resume(0), Yielded(1));
    assert_eq!(co.as_mut().resume(30), Yielded(2));
    assert_eq!(co.as_mut().resume(40), Complete((40, 20, 30)));
}

#[stackless::coroutine]
fn macros_without_yields() -> impl Iterator<Item = bool> {
    let v = vec![1, 2, 3];
    let m = matches!(v.as_slice(), [1, ..]);
    yield_!(m);
    let s = stringify!(v);
    yield_!(s == "v" && cfg!(test));
    debug_assert!(v.len() == 3);
    yield_!(v.contains(&2));
}

#[test]
fn other_macros_around_yields() {
    assert_eq!(
        macros_without_yields().collect::<Vec<_>>(),
        [true, true, true]
    );
}

#[stackless::coroutine]
fn raw_identifiers(r#type: u32) -> impl Iterator<Item = u32> {
    let r#match = r#type + 1;
    yield_!(r#match);
    yield_!(r#match + r#type);
}

#[test]
fn raw_identifiers_as_locals() {
    assert_eq!(raw_identifiers(1).collect::<Vec<_>>(), [2, 3]);
}

#[stackless::coroutine]
fn tuple_and_slice_patterns(pairs: Vec<(u32, [u32; 2])>) -> impl Iterator<Item = u32> {
    for (a, [b, c]) in pairs {
        yield_!(a);
        let (x, y) = (b, c);
        yield_!(x + y);
    }
}

#[test]
fn destructuring_for_patterns() {
    assert_eq!(
        tuple_and_slice_patterns(vec![(1, [2, 3]), (4, [5, 6])]).collect::<Vec<_>>(),
        [1, 5, 4, 11]
    );
}

#[stackless::coroutine]
fn ref_patterns(v: Vec<Option<String>>) -> impl Iterator<Item = usize> {
    for item in v {
        if let Some(ref s) = item {
            let n = s.len();
            yield_!(n);
        }
        match &item {
            Some(s) if s.is_empty() => yield_!(999),
            _ => {}
        }
    }
}

#[test]
fn ref_bindings_that_die_before_the_yield() {
    let v = vec![Some("ab".to_string()), None, Some(String::new())];
    assert_eq!(ref_patterns(v).collect::<Vec<_>>(), [2, 0, 999]);
}

#[stackless::coroutine]
fn while_with_and(mut items: Vec<u32>) -> impl Coroutine<bool, Yield = u32, Return = usize> {
    let mut count = 0;
    while let Some(x) = items.pop() {
        if x > 0 && yield_!(x) {
            count += 1;
        }
    }
    count
}

#[test]
fn short_circuit_in_conditions() {
    let mut co = pin!(while_with_and(vec![3, 0, 5]));
    assert_eq!(co.as_mut().resume(false), Yielded(5));
    assert_eq!(co.as_mut().resume(true), Yielded(3));
    assert_eq!(co.as_mut().resume(false), Complete(1));
}

#[stackless::coroutine]
fn returns_early_from_nested_loop() -> impl Coroutine<Yield = u32, Return = &'static str> {
    for i in 0..3 {
        for j in 0..3 {
            yield_!(i * 10 + j);
            if i == 1 && j == 1 {
                return "stopped";
            }
        }
    }
    "finished"
}

#[test]
fn early_return_from_nested_loops() {
    let mut co = pin!(returns_early_from_nested_loop());
    let mut ys = vec![];
    loop {
        match co.as_mut().resume(()) {
            Yielded(y) => ys.push(y),
            Complete(r) => {
                assert_eq!(r, "stopped");
                break;
            }
        }
    }
    assert_eq!(ys, [0, 1, 2, 10, 11]);
}

#[stackless::coroutine]
fn generic_where_self<T>(items: Vec<T>) -> impl Iterator<Item = T>
where
    T: Clone,
{
    let mut items = items;
    items.reverse();
    while let Some(x) = items.pop() {
        yield_!(x.clone());
        yield_!(x);
    }
}

#[test]
fn generic_items_cloned_and_moved() {
    assert_eq!(
        generic_where_self(vec!["a", "b"]).collect::<Vec<_>>(),
        ["a", "a", "b", "b"]
    );
}

// The runtime's projection of a state that moves freely is a trait in scope of the body
// (`Unpinned`): it must change no method of the user's (the second session-21 reviewer's
// u3/u4: E0308 and E0034 when it applied to every `Pin<&mut T>`).
struct Projected(u32);

impl Projected {
    fn project(&self) -> u32 {
        self.0
    }
}

trait ProjectReplace {
    fn project_replace(self, x: u32) -> u32;
}

impl ProjectReplace for std::pin::Pin<&mut Projected> {
    fn project_replace(self, x: u32) -> u32 {
        self.0 + x
    }
}

#[stackless::coroutine]
fn users_own_projections() -> impl Iterator<Item = u32> {
    let mut p = Projected(7);
    yield_!(1);
    yield_!(std::pin::Pin::new(&mut p).project());
    yield_!(std::pin::Pin::new(&mut p).project_replace(1));
}

#[test]
fn the_machine_projection_changes_no_user_method() {
    assert_eq!(users_own_projections().collect::<Vec<_>>(), [1, 7, 8]);
}
