use std::sync::Arc;

use crate::harness::{assert_send, tests, ALL};
use crate::support::{tick, D};

tests! {
    mem_store: ALL, |m| async {
        use m::traits::Store;
        let mut s = m::traits::MemStore::default();
        assert_send(&s.get("a"));
        let a = s.put("a".into(), "1".into()).await;
        let b = s.put("a".into(), "2".into()).await;
        (a, b, s.get("a").await, s.get("b").await)
    };
    cache: ALL, |m| async {
        let mut c = m::traits::Cache::new(m::traits::MemStore::default());
        let n = m::traits::Store::put(&mut c.inner, "k".into(), "v".into()).await.map(|_| 0).unwrap_or(0);
        let a = c.get("k").await;
        let b = c.get("k").await;
        let d = c.get("q").await;
        (n, a, b, d, c.stats())
    };
    cache_put: ALL, |m| async {
        let mut c = m::traits::Cache::new(m::traits::MemStore::default());
        let a = c.put("k", "v").await;
        let b = c.get("k").await;
        let n = c.put("k", String::from("w")).await;
        let d = c.get("k").await;
        (a, b, n, d, c.stats())
    };
    service_arc: ALL, |m| async {
        let s = m::traits::Service::new("svc");
        let f = s.clone().handle(1);
        assert_send(&f);
        let a = f.await;
        let b = s.handle_many(vec![2, 3]).await;
        let n = s.calls().await;
        drop(s);
        (a, b, n)
    };
    counter: ALL, |m| async {
        let mut c = m::traits::Counter { n: 1 };
        let a = c.incr_by(2).await;
        let b = c.incr_by(3).await;
        (a, b, c.into_total(10).await)
    };
    use_store: ALL, |m| m::traits::use_store(m::traits::MemStore::default(), &["x", "y"]);
    sum_all: ALL, |m| async {
        (m::traits::sum_all(vec![1i32, 2, 3]).await, m::traits::sum_all([7u8]).await)
    };
    apply: ALL, |m| async {
        let k = D("k");
        let v = m::traits::apply(vec![1, 2], |x| format!("{}{x}", k.0)).await;
        (v, k)
    };
    then_each: ALL, |m| m::traits::then_each(3, |i| async move {
        tick().await;
        format!("#{i}")
    });
    run_plugins: ALL, |m| async {
        let plugins: Vec<Box<dyn m::traits::Plugin>> = vec![
            Box::new(m::traits::Doubler),
            Box::new(m::traits::AddOne(D("p"))),
        ];
        m::traits::run_plugins(plugins, 5).await
    };
    pick_plugin: ALL, |m| async {
        let plugins: Vec<Arc<dyn m::traits::Plugin>> = vec![
            Arc::new(m::traits::Doubler),
            Arc::new(m::traits::AddOne(D("p"))),
        ];
        (
            m::traits::pick_plugin(&plugins, "add1").await,
            m::traits::pick_plugin(&plugins, "zzz").await,
        )
    };
    display_all: ALL, |m| async {
        let a = m::traits::display_all::<dyn std::fmt::Display>(&[&1, &"x", &D("d")]).await;
        let b = m::traits::display_all::<str>(&["p", "q"]).await;
        (a, b)
    };
    const_generic: ALL, |m| m::traits::const_generic([0, 1, 2]);
}
