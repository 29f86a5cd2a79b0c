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
