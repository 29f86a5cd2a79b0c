use crate::harness::{same, ALL, RACY, TOKIO};
use crate::support::tick;

#[test]
fn joins() {
    same!("load_user", ALL, |m| m::fanout::load_user(3));
    same!("load_posts", ALL, |m| m::fanout::load_posts(5));
    same!("profile", ALL, |m| async {
        (m::fanout::profile(5).await, m::fanout::profile(0).await)
    });
    same!("dashboard", ALL, |m| m::fanout::dashboard(&[1, 0, 2]));
    same!("all_or_nothing", ALL, |m| async {
        (
            m::fanout::all_or_nothing(vec![1, 2]).await,
            m::fanout::all_or_nothing(vec![1, 0, 3]).await,
        )
    });
    same!("futures_join_locals", ALL, |m| {
        m::fanout::futures_join_locals("p")
    });
    same!("try_join_early_error", ALL, |m| async {
        (
            m::fanout::try_join_early_error(false).await,
            m::fanout::try_join_early_error(true).await,
        )
    });
    same!("join_in_loop", ALL, |m| m::fanout::join_in_loop(6));
    same!("tokio_join_three", ALL, |m| m::fanout::tokio_join_three());
    same!("buffered_fetch", ALL, |m| m::fanout::buffered_fetch(
        vec![1, 0, 4, 2],
        2
    ));
}

#[test]
fn spawns() {
    same!("spawn_workers", TOKIO, |m| {
        let f = m::fanout::spawn_workers(4);
        crate::harness::assert_send(&f);
        f
    });
}

#[test]
fn selects() {
    same!("first_response", ALL, |m| async {
        let (atx, arx) = tokio::sync::oneshot::channel();
        let (btx, brx) = tokio::sync::oneshot::channel();
        let (ctx, crx) = tokio::sync::oneshot::channel::<u32>();
        let (dtx, drx) = tokio::sync::oneshot::channel::<u32>();
        btx.send(4).unwrap();
        drop(atx);
        drop((ctx, dtx));
        (
            m::fanout::first_response(arx, brx).await,
            m::fanout::first_response(crx, drx).await,
        )
    });
    same!("race_two", ALL, |m| async {
        let a = m::fanout::race_two(Box::pin(async { 1 }), Box::pin(async { 2 })).await;
        let b = m::fanout::race_two(
            Box::pin(async {
                tick().await;
                1
            }),
            Box::pin(async { 2 }),
        )
        .await;
        (a, b)
    });
    same!("notify_all", ALL, |m| async {
        let (a, ra) = tokio::sync::oneshot::channel();
        let (b, rb) = tokio::sync::oneshot::channel();
        drop(rb);
        let n = m::fanout::notify_all(vec![a, b], "hey").await;
        (n, ra.await)
    });
    same!("timeout_each", RACY, |m| m::fanout::timeout_each(vec![
        1, 100, 3
    ]));
}

#[test]
fn select_loops() {
    same!("worker_loop", ALL, |m| async {
        let stopped = {
            let (jtx, jrx) = tokio::sync::mpsc::channel(8);
            let (stx, srx) = tokio::sync::watch::channel(false);
            let driver = async move {
                for j in [1, 0, 2] {
                    jtx.send(j).await.unwrap();
                }
                tick().await;
                tick().await;
                stx.send(true).unwrap();
                tick().await;
                drop(jtx);
            };
            tokio::join!(m::fanout::worker_loop(jrx, srx), driver).0
        };
        let failed = {
            let (jtx, jrx) = tokio::sync::mpsc::channel(8);
            let (_stx, srx) = tokio::sync::watch::channel(false);
            jtx.send(4).await.unwrap();
            jtx.send(-3).await.unwrap();
            m::fanout::worker_loop(jrx, srx).await
        };
        let closed = {
            let (jtx, jrx) = tokio::sync::mpsc::channel(8);
            let (_stx, srx) = tokio::sync::watch::channel(false);
            jtx.send(5).await.unwrap();
            drop(jtx);
            m::fanout::worker_loop(jrx, srx).await
        };
        (stopped, failed, closed)
    });
    same!("select_with_question", ALL, |m| async {
        let (tx, rx) = tokio::sync::mpsc::channel(4);
        tx.send(Ok(1)).await.unwrap();
        tx.send(Ok(2)).await.unwrap();
        drop(tx);
        let a = m::fanout::select_with_question(rx).await;
        let (tx, rx) = tokio::sync::mpsc::channel(4);
        tx.send(Ok(1)).await.unwrap();
        tx.send(Err("bad".to_string())).await.unwrap();
        let b = m::fanout::select_with_question(rx).await;
        (a, b)
    });
}
