use futures::StreamExt;

use crate::gen::{generators as g, streams as s};
use crate::harness::collect_stream;
use crate::support::{take_log, D};

#[test]
fn generators() {
    use g::Tree::*;
    let t = Node(
        Box::new(Node(Box::new(Leaf(1)), Box::new(Leaf(2)))),
        Box::new(Leaf(3)),
    );
    assert_eq!(g::walk(&t).collect::<Vec<_>>(), [1, 2, 3]);
    assert_eq!(
        g::bfs(vec![vec![1, 2], vec![3], vec![3], vec![0]], 0).collect::<Vec<_>>(),
        [0, 1, 2, 3]
    );
    assert_eq!(
        g::words("hi, there  you2!").collect::<Vec<_>>(),
        ["hi", "there", "you2"]
    );
    assert_eq!(
        g::chunks(vec![1, 2, 3, 4, 5], 2).collect::<Vec<_>>(),
        [vec![1, 2], vec![3, 4], vec![5]]
    );
    assert_eq!(g::dedup([1, 1, 2, 2, 2, 1]).collect::<Vec<_>>(), [1, 2, 1]);
    assert_eq!(g::fib(20).collect::<Vec<_>>(), [0, 1, 1, 2, 3, 5, 8, 13]);
    take_log();
    assert_eq!(
        g::pages(5, 2)
            .map(|(p, r)| (p, r.len()))
            .collect::<Vec<_>>(),
        [(0, 2), (1, 2), (2, 1)]
    );
    assert_eq!(take_log(), ["pages done", "drop pages"]);
    let mut p = g::pages(5, 2);
    p.next();
    drop(p);
    assert_eq!(take_log(), ["drop pages"]);
    assert_eq!(
        g::lines_numbered("a\n\n// c\n  b ").collect::<Vec<_>>(),
        ["  1: a", "  4: b"]
    );
    assert_eq!(
        g::holding(vec!["x", "y"]).collect::<Vec<_>>(),
        ["x", "y", "end"]
    );
    assert_eq!(take_log(), ["drop x", "drop y", "drop guard"]);
    let mut h = g::holding(vec!["x", "y"]);
    h.next();
    drop(h);
    assert_eq!(take_log(), ["drop x", "drop guard"]);
    assert_eq!(
        g::windows(vec![1, 3, 2, 5, 4, 4]).collect::<Vec<_>>(),
        [3, 5]
    );
    assert_eq!(
        g::flatten_results(vec![Ok(vec![1, 2]), Err("e".into()), Ok(vec![3])]).collect::<Vec<_>>(),
        [Ok(1), Ok(2), Err("e".to_string())]
    );
    use stackless::{Coroutine, CoroutineState};
    let mut c = std::pin::pin!(g::running_total());
    assert_eq!(c.as_mut().resume(0), CoroutineState::Yielded(0));
    assert_eq!(c.as_mut().resume(5), CoroutineState::Yielded(5));
    assert_eq!(c.as_mut().resume(2), CoroutineState::Yielded(7));
    assert_eq!(
        c.as_mut().resume(0),
        CoroutineState::Complete("total=7".to_string())
    );
}

fn chan<T: Send + 'static>(items: Vec<T>) -> tokio::sync::mpsc::Receiver<T> {
    let (tx, rx) = tokio::sync::mpsc::channel(items.len().max(1));
    for i in items {
        tx.try_send(i).ok().unwrap();
    }
    rx
}

#[test]
fn streams() {
    let (v, log) = collect_stream(|| s::from_channel(chan(vec![D("a"), D("b")])));
    assert_eq!(v, [D("a"), D("b")]);
    drop(v);
    assert!(log.is_empty());
    take_log();
    let (v, log) = collect_stream(|| s::rows(5, 2));
    assert_eq!(v.iter().map(|r| r.id).collect::<Vec<_>>(), [0, 1, 2, 3, 4]);
    assert_eq!(log, ["rows done", "drop conn"]);
    let (v, _) = collect_stream(|| s::try_rows(5, 2));
    assert_eq!(v.len(), 3);
    assert_eq!(v[2], Err("row 2 is corrupt".to_string()));
    let (v, _) = collect_stream(|| s::mapped(futures::stream::iter(vec![1, 2, 3, 4]), 10));
    assert_eq!(v, [20, 40]);
    let (v, _) = collect_stream(|| s::merge_sorted(chan(vec![1, 4, 9]), chan(vec![2, 3, 10, 11])));
    assert_eq!(v, [1, 2, 3, 4, 9, 10, 11]);
    let (v, _) = collect_stream(|| s::batches(chan(vec!["a".into(), "b".into(), "c".into()]), 2));
    assert_eq!(v, [vec!["a".to_string(), "b".into()], vec!["c".into()]]);
    let (v, log) = collect_stream(|| s::events(2));
    assert_eq!(v, ["e0", "e1"]);
    assert_eq!(
        log,
        ["DEBUG event{i=0}: producing", "DEBUG event{i=1}: producing"]
    );
    let (v, _) = collect_stream(|| s::countdown(3));
    assert_eq!(v, [3, 2, 1]);
    // Dropped part-way: the connection guard goes with the stream.
    take_log();
    stackless::rt::block_on(async {
        let mut r = std::pin::pin!(s::rows(5, 2));
        assert_eq!(r.next().await.map(|r| r.id), Some(0));
    });
    assert_eq!(take_log(), ["drop conn"]);
}
