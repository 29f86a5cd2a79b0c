use futures::StreamExt;

use crate::harness::{assert_send, tests, ALL, RACY};
use crate::support::{tick, D};

tests! {
    lru: ALL, |m| async {
        let cache = m::services::SharedLru::new(2);
        let load = |k: String| async move {
            tick().await;
            if k == "bad" {
                Err(format!("cannot load {k}"))
            } else {
                Ok(k.to_uppercase())
            }
        };
        let f = cache.get_or_load("a", load);
        assert_send(&f);
        let mut out = vec![f.await];
        for k in ["b", "a", "c", "bad", "b", "a"] {
            out.push(cache.get_or_load(k, load).await);
        }
        (out, cache.keys().await)
    };
    counter_actor: ALL, |m| async {
        let (actor, handle) = m::services::counter_actor(2);
        let h2 = handle.clone();
        let client = async move {
            let a = handle.incr("x", 2).await;
            let b = h2.incr("x", i64::MAX).await;
            let c = handle.incr("y", -1).await;
            let d = (handle.get("x").await, handle.get("z").await);
            drop((handle, h2));
            (a, b, c, d)
        };
        let (counts, replies) = tokio::join!(actor.run(), client);
        let mut counts: Vec<_> = counts.into_iter().collect();
        counts.sort();
        (counts, replies)
    };
    rate_limited: RACY, |m| m::services::rate_limited(vec!["a", "b", "c", "d", "e"], 2);
    stream_pipeline: ALL, |m| async {
        let (tx, rx) = tokio::sync::mpsc::channel(16);
        for v in 1..=12 {
            tx.send(v).await.unwrap();
        }
        drop(tx);
        let f = m::services::stream_pipeline(rx, 100);
        assert_send(&f);
        f.await
    };
    retry_until: ALL, |m| async {
        let mut calls = 0;
        let a = m::services::retry_until(
            || {
                calls += 1;
                let n = calls;
                async move {
                    tick().await;
                    if n < 3 { Err(format!("e{n}")) } else { Ok(D("ok")) }
                }
            },
            5,
            |e: &String| e.starts_with('e'),
        )
        .await;
        let b = m::services::retry_until(|| async { Err::<u8, _>(7) }, 3, |_| true).await;
        let c = m::services::retry_until(|| async { Err::<u8, _>("fatal") }, 3, |e| *e != "fatal").await;
        (a, calls, b, c)
    };
    counter_actor_stopped: ALL, |m| async {
        let (actor, handle) = m::services::counter_actor(1);
        drop(actor);
        (handle.incr("x", 1).await, handle.get("x").await)
    };
    lru_keys: ALL, |m| async { m::services::SharedLru::new(2).keys().await };
    middleware_chain: ALL, |m| async {
        let chain: Vec<Box<dyn m::services::Middleware>> = vec![
            Box::new(m::services::Deny("admin")),
            Box::new(m::services::Prefix("/api".into())),
            Box::new(m::services::Deny("/api/x")),
        ];
        let f = m::services::run_chain(&chain, "/users");
        assert_send(&f);
        (
            f.await,
            m::services::run_chain(&chain, "/admin").await,
            m::services::run_chain(&chain, "/x").await,
        )
    };
    parse_chunks: ALL, |m| async {
        let chunks: [&[u8]; 5] = [b"GET /\nHost", b": a\n\n", b"x", b"y\nlast\xff\n", b"tail"];
        let s = futures::stream::iter(chunks).then(|c| async move {
            tick().await;
            c
        });
        let a = m::services::parse_chunks(Box::pin(s)).await;
        let b = m::services::parse_chunks(futures::stream::iter([&b"one\n"[..]])).await;
        format!("{a:?} {b:?}")
    };
    coordinate: RACY, |m| {
        let f = m::services::coordinate(vec![vec![1, 2, 3], vec![], vec![10; 20]]);
        assert_send(&f);
        f
    };
    fetch_unordered: ALL, |m| m::services::fetch_unordered(vec![3, 0, 1, 5, 2, 4]);
    load_settings: ALL, |m| async {
        let cases = [
            "port = 8080\nworkers=8\nname = api",
            "port=80",
            "workers=2",
            "port=99999",
            "port=1\nworkers=x",
            "port=1\nworkers=100",
        ];
        let mut out = vec![];
        for c in cases {
            out.push(m::services::load_settings(c).await.map_err(|e| e.to_string()));
        }
        out
    };
}
