//! Values that hold a borrow of another local across an `.await`, made by calls the macro
//! cannot see into: a tuple struct's or an enum variant's constructor (`Some(&v)`,
//! `Wrap(&mut v)`), a function given `&v` or a view of it (`from_utf8(s.as_bytes())`,
//! `wrap(&mut v)`, `parse(&s.as_bytes()[1..])`). Each compiled to rustc's E0597/E0505 before
//! (the borrowed local was carried in the state, moving under the borrow): now a local that
//! certainly has drop glue (a `String`, a `Vec`, …) is kept in place whenever such a value
//! is used after a point (it stays to the end of its scope anyway, so that costs no byte),
//! and a constructor holds its arguments as a struct literal does. Each runs against the
//! native `async fn` with the same body, also dropped after every number of polls.

#![allow(clippy::match_single_binding)] // a `match` moving its scrutinee is the shape under test

#[macro_use]
mod common;
use common::{block_on, delay, poll_n_then_drop};

struct Wrap<'a>(&'a mut Vec<String>);

struct Named<'a> {
    r: &'a mut Vec<String>,
}

fn wrap(r: &mut Vec<String>) -> Named<'_> {
    Named { r }
}

fn strs(s: &str) -> Vec<&str> {
    s.split(',').collect()
}

both!(async fn tuple_struct / tuple_struct_native (v: Vec<String>) -> usize {
    let mut v = v;
    let held = Wrap(&mut v);
    delay(1, ()).await;
    held.0.push("x".into());
    delay(1, ()).await;
    held.0.push("y".into());
    v.len()
});

both!(async fn variant / variant_native (v: Vec<String>) -> usize {
    let first = Some(&v);
    delay(2, ()).await;
    first.map_or(0, |s| s.len()) + v.len()
});

both!(async fn function_result / function_result_native (v: Vec<String>) -> usize {
    let mut v = v;
    let held = wrap(&mut v);
    delay(1, ()).await;
    held.r.push("x".into());
    v.len()
});

both!(async fn view_of_an_argument / view_of_an_argument_native (s: String) -> usize {
    let t = std::str::from_utf8(s.as_bytes()).unwrap();
    delay(1, ()).await;
    t.len()
});

both!(async fn question_mark / question_mark_native (s: String) -> Result<usize, std::str::Utf8Error> {
    let t = std::str::from_utf8(s.as_bytes())?;
    delay(1, ()).await;
    Ok(t.len())
});

both!(async fn indexed_view / indexed_view_native (s: String) -> usize {
    let t = core::str::from_utf8(&s.as_bytes()[1..]).unwrap();
    delay(1, ()).await;
    t.len()
});

both!(async fn local_string / local_string_native (n: u32) -> usize {
    let s = format!("{n},{n},x");
    let parts = strs(&s);
    delay(1, ()).await;
    parts.len() + parts[2].len()
});

#[test]
fn held_borrows_made_by_calls_behave_as_natively() {
    let v = || vec!["a".to_string()];
    assert_eq!(
        block_on(tuple_struct(v())),
        block_on(tuple_struct_native(v()))
    );
    assert_eq!(block_on(variant(v())), block_on(variant_native(v())));
    assert_eq!(
        block_on(function_result(v())),
        block_on(function_result_native(v()))
    );
    let s = || "héllo".to_string();
    assert_eq!(block_on(view_of_an_argument(s())), 6);
    assert_eq!(
        block_on(view_of_an_argument(s())),
        block_on(view_of_an_argument_native(s()))
    );
    assert_eq!(
        block_on(question_mark(s())),
        block_on(question_mark_native(s()))
    );
    assert_eq!(block_on(indexed_view("xab".into())), 2);
    assert_eq!(
        block_on(indexed_view(s())),
        block_on(indexed_view_native(s()))
    );
    assert_eq!(block_on(local_string(7)), 4);
    assert_eq!(block_on(local_string(7)), block_on(local_string_native(7)));
}

#[test]
fn cancelled_at_every_point() {
    for k in 0..4 {
        let v = || vec!["a".to_string()];
        assert_eq!(
            poll_n_then_drop(tuple_struct(v()), k),
            poll_n_then_drop(tuple_struct_native(v()), k)
        );
        assert_eq!(
            poll_n_then_drop(variant(v()), k),
            poll_n_then_drop(variant_native(v()), k)
        );
        assert_eq!(
            poll_n_then_drop(local_string(3), k),
            poll_n_then_drop(local_string_native(3), k)
        );
    }
}

#[test]
fn no_larger_than_rustc() {
    use std::mem::size_of_val;
    let v = Vec::new();
    assert!(size_of_val(&tuple_struct(v.clone())) <= size_of_val(&tuple_struct_native(v.clone())));
    assert!(size_of_val(&variant(v.clone())) <= size_of_val(&variant_native(v.clone())));
    assert!(size_of_val(&function_result(v.clone())) <= size_of_val(&function_result_native(v)));
    let s = String::new();
    assert!(
        size_of_val(&view_of_an_argument(s.clone()))
            <= size_of_val(&view_of_an_argument_native(s.clone()))
    );
    assert!(size_of_val(&indexed_view(s.clone())) <= size_of_val(&indexed_view_native(s)));
    assert!(size_of_val(&local_string(1)) <= size_of_val(&local_string_native(1)));
}

async fn show(s: &str) -> usize {
    delay(1, ()).await;
    s.len()
}

both!(async fn drain_front / drain_front_native (queue: std::collections::VecDeque<String>) -> usize {
    let mut queue = queue;
    let mut n = 0;
    while let Some(item) = queue.front() {
        n += show(item).await;
        queue.pop_front();
    }
    n
});

/// A view of a collection (`queue.front()`, a method the macro does not know) passed into
/// an awaited call, the collection changed after the await: the collection has drop glue,
/// so it stays in place while the future holds the view. (Before, E0521 and E0499 in the
/// expansion; found by the peer hunt.)
#[test]
fn a_view_passed_into_an_awaited_call() {
    let q = || std::collections::VecDeque::from(["ab".to_string(), "c".to_string()]);
    assert_eq!(block_on(drain_front(q())), 3);
    assert_eq!(
        block_on(drain_front(q())),
        block_on(drain_front_native(q()))
    );
    for k in 0..5 {
        assert_eq!(
            poll_n_then_drop(drain_front(q()), k),
            poll_n_then_drop(drain_front_native(q()), k)
        );
    }
}

both!(async fn consumed_after / consumed_after_native (v: Vec<String>) -> (usize, usize) {
    let mut v = v;
    while let Some(_x) = v.pop() {
        delay(1, ()).await;
        if v.len() == 1 {
            break;
        }
    }
    let n = match v {
        w => w.len(),
    };
    (n, n)
});

both!(async fn converted_after / converted_after_native (v: Vec<String>) -> usize {
    let mut v = v;
    while let Some(_x) = v.pop() {
        delay(1, ()).await;
        if v.len() == 1 {
            break;
        }
    }
    let b: Box<[String]> = v.into();
    b.len()
});

/// A collection kept in place (its items were popped across points) then consumed: `into()`
/// moves it out of its slot, and a `match` whose pattern binds it by value moves it whole.
/// (Found by review: E0507 once such locals were kept in place.)
#[test]
fn a_collection_kept_in_place_then_consumed() {
    let v = || vec!["a".to_string(), "b".to_string(), "c".to_string()];
    assert_eq!(
        block_on(consumed_after(v())),
        block_on(consumed_after_native(v()))
    );
    assert_eq!(block_on(consumed_after(v())), (1, 1));
    assert_eq!(
        block_on(converted_after(v())),
        block_on(converted_after_native(v()))
    );
}

both!(async fn async_closure_twice / async_closure_twice_native () -> u32 {
    let base = 1;
    let f = async move |x: u32| x + base;
    let n = f(1).await;
    delay(1, ()).await;
    n + f(2).await
});

both!(async fn async_closure_in_a_loop / async_closure_in_a_loop_native (xs: Vec<u32>) -> u32 {
    let k = 3;
    let f = async |x: u32| {
        delay(1, ()).await;
        x * k
    };
    let mut s = 0;
    for x in xs {
        s += f(x).await;
    }
    s
});

/// An async closure called and awaited more than once: its future borrows the closure, which
/// stays in place and is called there. (Before, E0597/E0505; found porting rustc's
/// async-closures tests and by the peer hunt.)
#[test]
fn an_async_closure_awaited_twice() {
    assert_eq!(
        block_on(async_closure_twice()),
        block_on(async_closure_twice_native())
    );
    assert_eq!(block_on(async_closure_in_a_loop(vec![1, 2])), 9);
    for k in 0..4 {
        assert_eq!(
            poll_n_then_drop(async_closure_in_a_loop(vec![1, 2]), k),
            poll_n_then_drop(async_closure_in_a_loop_native(vec![1, 2]), k)
        );
    }
}

#[stackless::coroutine]
async fn retry<F, Fut>(
    mut op: F,
    max: u32,
    mut retryable: impl FnMut(&u32) -> bool,
) -> (Result<u32, u32>, u32)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<u32, u32>>,
{
    let mut tries = 0;
    let result = loop {
        tries += 1;
        let err = match op().await {
            Ok(v) => break Ok(v),
            Err(e) => e,
        };
        if tries >= max || !retryable(&err) {
            break Err(err);
        }
        delay(1, ()).await;
    };
    (result, tries)
}

/// Callables kept in the frame and called in a loop (`op().await`, `retryable(&err)`): called
/// in place through `FnMut`, not read out of the slot by value (which the second turn found
/// gone: "a pinned local was used after it was moved"; found by the corpus when `op` came
/// to be kept in place for the async-closure rule above).
#[test]
fn callables_in_the_frame_called_in_a_loop() {
    let mut n = 0;
    let op = || {
        n += 1;
        let k = n;
        async move {
            if k < 3 {
                Err(k)
            } else {
                Ok(k)
            }
        }
    };
    assert_eq!(block_on(retry(op, 5, |_| true)), (Ok(3), 3));
}
