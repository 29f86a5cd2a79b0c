use std::sync::{Arc, Mutex};

use crate::harness::{assert_send, tests, ALL};
use crate::support::{tick, D};

tests! {
    record_hit: ALL, |m| async {
        let s = m::shared::AppState::default();
        let f = m::shared::record_hit(&s, "/a");
        assert_send(&f);
        (f.await, m::shared::record_hit(&s, "/a").await, m::shared::record_hit(&s, "/b").await)
    };
    add_session: ALL, |m| async {
        let s = m::shared::AppState::default();
        let a = m::shared::add_session(s.clone(), "u1".into());
        assert_send(&a);
        (a.await, m::shared::add_session(s.clone(), "u2".into()).await)
    };
    config: ALL, |m| async {
        let s = m::shared::AppState::default();
        let a = m::shared::update_config(&s, |c| c.push_str("v=1")).await;
        let b = m::shared::read_config(&s).await;
        (a, b)
    };
    wait_notified: ALL, |m| async {
        let n = Arc::new(tokio::sync::Notify::new());
        let flag = Arc::new(Mutex::new(false));
        let w = m::shared::wait_notified(n.clone(), flag.clone());
        let d = async {
            tick().await;
            n.notify_one();
            tick().await;
            *flag.lock().unwrap() = true;
            n.notify_one();
        };
        tokio::join!(w, d).0
    };
    actor_ask: ALL, |m| async {
        let (tx, rx) = tokio::sync::mpsc::channel(4);
        let client = async {
            tx.send(m::shared::Msg::Set("a".into(), 1)).await.ok();
            let a = m::shared::ask(&tx, "a").await;
            let b = m::shared::ask(&tx, "b").await;
            tx.send(m::shared::Msg::Stop(D("stop"))).await.ok();
            let c = m::shared::ask(&tx, "a").await;
            (a, b, c)
        };
        tokio::join!(m::shared::actor(rx), client)
    };
    watch_until: ALL, |m| async {
        let (tx, rx) = tokio::sync::watch::channel(0);
        let d = async move {
            for i in 1..=3 {
                tick().await;
                tx.send(i).unwrap();
            }
        };
        tokio::join!(m::shared::watch_until(rx, 3), d).0
    };
    producer_consumer: ALL, |m| async {
        let (tx, rx) = tokio::sync::mpsc::channel(1);
        tokio::join!(
            m::shared::producer(tx, vec!["a", "b", "stop", "c"]),
            m::shared::consumer(rx, "stop")
        )
    };
    limited: ALL, |m| async {
        let sem = Arc::new(tokio::sync::Semaphore::new(1));
        let (a, b) = tokio::join!(
            m::shared::limited(sem.clone(), 1),
            m::shared::limited(sem.clone(), 2)
        );
        sem.close();
        let c = m::shared::limited(sem.clone(), 3).await;
        (a, b, c)
    };
    unbounded_pipeline: ALL, |m| m::shared::unbounded_pipeline(vec![1, 2, 3]);
}
