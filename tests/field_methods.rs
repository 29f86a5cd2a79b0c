//! A method called on a field path of a local kept in the frame (`s.v.push(x)`, `s.cfg.name
//! .len()`, `s.rows[i].push(x)`) runs on the field's place projected from the slot's address,
//! so the method's autoref picks `&` or `&mut` (or a `Deref`/`DerefMut` of the field) as it
//! does natively, and borrows that field alone. Each shape below is run against the same body
//! without the attribute, with a borrow of another field held across the points, which is
//! what makes the local stay in the frame (and what a borrow of the whole local would break).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use stackless::yield_;

struct Cfg {
    name: String,
}

struct S {
    count: u64,
    cfg: Arc<Cfg>,
    log: Mutex<Vec<u64>>,
    // (A `Box` reached through `DerefMut`.)
    #[allow(clippy::box_collection)]
    boxed: Box<Vec<u64>>,
    rows: Vec<Vec<u64>>,
    v: Vec<u64>,
    n: u64,
    map: HashMap<&'static str, u64>,
}

/// A borrow of one field held across the points: the local stays in the frame.
struct Hold<'a> {
    r: &'a mut u64,
}

fn s() -> S {
    S {
        count: 0,
        cfg: Arc::new(Cfg {
            name: "cfg".to_string(),
        }),
        log: Mutex::new(Vec::new()),
        boxed: Box::new(vec![1]),
        rows: vec![vec![], vec![]],
        v: vec![3, 1, 2],
        n: 3,
        map: HashMap::new(),
    }
}

fn native_shapes() -> Vec<u64> {
    let mut out = Vec::new();
    let mut s = s();
    let count = Hold { r: &mut s.count };
    *count.r += 1;
    out.push(*count.r);
    // Through an `Arc` (`Deref` only): a `&self` method.
    out.push(s.cfg.name.len() as u64);
    // Through a `Mutex` field: `&self`, then a method on the guard.
    s.log.lock().unwrap().push(7);
    // Through a `Box` (`DerefMut`): a `&mut self` method of `Vec`.
    s.boxed.push(2);
    // An index path: `IndexMut` of the field alone.
    s.rows[1].push(5);
    // A closure argument whose parameter type comes from the method.
    s.v.retain(|x| *x > 1);
    // A two-phase borrow: the receiver reserved, the argument reads the same field.
    s.v.push(s.v.len() as u64);
    // A `self`-by-value method of a `Copy` field.
    out.push(s.n.pow(2));
    // A method returning a borrow of the field, written through.
    *s.map.entry("k").or_insert(0) += 4;
    // The user's own `unsafe`.
    unsafe { s.v.set_len(1) };
    *count.r += 1;
    out.push(*count.r);
    out.push(s.log.lock().unwrap()[0]);
    out.push(s.boxed.iter().sum());
    out.push(s.rows[1][0]);
    out.push(s.v.iter().sum());
    out.push(s.map["k"]);
    out
}

#[stackless::coroutine]
fn machine_shapes() -> impl Iterator<Item = u64> {
    let mut s = s();
    let count = Hold { r: &mut s.count };
    *count.r += 1;
    yield_!(*count.r);
    yield_!(s.cfg.name.len() as u64);
    s.log.lock().unwrap().push(7);
    s.boxed.push(2);
    s.rows[1].push(5);
    s.v.retain(|x| *x > 1);
    s.v.push(s.v.len() as u64);
    yield_!(s.n.pow(2));
    *s.map.entry("k").or_insert(0) += 4;
    unsafe { s.v.set_len(1) };
    *count.r += 1;
    yield_!(*count.r);
    yield_!(s.log.lock().unwrap()[0]);
    yield_!(s.boxed.iter().sum());
    yield_!(s.rows[1][0]);
    yield_!(s.v.iter().sum());
    yield_!(s.map["k"]);
}

#[test]
fn methods_on_field_paths_behave_as_natively() {
    assert_eq!(native_shapes(), [1, 3, 9, 2, 7, 3, 5, 3, 4]);
    assert_eq!(machine_shapes().collect::<Vec<_>>(), native_shapes());
}

fn closure_native() -> Vec<u64> {
    let mut out = Vec::new();
    let mut s = s();
    let count = Hold { r: &mut s.count };
    // A closure holding the local: its calls on a field reach only that field.
    let mut note = |x: u64| s.rows[0].push(x);
    note(1);
    *count.r += 10;
    out.push(*count.r);
    note(2);
    *count.r += 1;
    out.push(*count.r);
    out.push(s.rows[0].iter().sum());
    out
}

#[stackless::coroutine]
fn closure_machine() -> impl Iterator<Item = u64> {
    let mut s = s();
    let count = Hold { r: &mut s.count };
    let mut note = |x: u64| s.rows[0].push(x);
    note(1);
    *count.r += 10;
    yield_!(*count.r);
    note(2);
    *count.r += 1;
    yield_!(*count.r);
    yield_!(s.rows[0].iter().sum());
}

#[test]
fn a_closure_calling_a_method_on_a_field_path() {
    assert_eq!(closure_native(), [10, 11, 3]);
    assert_eq!(closure_machine().collect::<Vec<_>>(), closure_native());
}

struct Conn {
    sent: Vec<u8>,
}

impl Conn {
    async fn send(&mut self, buf: &mut Vec<u8>) -> usize {
        tick().await;
        self.sent.append(buf);
        self.sent.len()
    }
}

struct Session {
    conn: Conn,
    buf: Vec<u8>,
    label: Arc<Cfg>,
}

async fn tick() {
    let mut first = true;
    std::future::poll_fn(|cx| {
        if std::mem::take(&mut first) {
            cx.waker().wake_by_ref();
            std::task::Poll::Pending
        } else {
            std::task::Poll::Ready(())
        }
    })
    .await
}

async fn session_native() -> (usize, usize, String) {
    let mut s = Session {
        conn: Conn { sent: Vec::new() },
        buf: b"ab".to_vec(),
        label: Arc::new(Cfg {
            name: "x".to_string(),
        }),
    };
    // Two fields borrowed at once by one awaited method call.
    let n = s.conn.send(&mut s.buf).await;
    s.buf.extend_from_slice(b"cde");
    let m = s.conn.send(&mut s.buf).await;
    (n, m, s.label.name.to_uppercase())
}

#[stackless::coroutine]
async fn session_machine() -> (usize, usize, String) {
    let mut s = Session {
        conn: Conn { sent: Vec::new() },
        buf: b"ab".to_vec(),
        label: Arc::new(Cfg {
            name: "x".to_string(),
        }),
    };
    let n = s.conn.send(&mut s.buf).await;
    s.buf.extend_from_slice(b"cde");
    let m = s.conn.send(&mut s.buf).await;
    (n, m, s.label.name.to_uppercase())
}

#[test]
fn an_awaited_method_on_one_field_borrowing_another() {
    let native = stackless::rt::block_on(session_native());
    assert_eq!(native, (2, 5, "X".to_string()));
    assert_eq!(stackless::rt::block_on(session_machine()), native);
}
