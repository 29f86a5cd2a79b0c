use std::rc::Rc;
use std::sync::Arc;

use crate::harness::{assert_send, tests, ALL};
use crate::support::D;

tests! {
    repo: ALL, |m| async {
        use m::async_traits::{MemRepo, Repo, User};
        let r = MemRepo::default();
        assert_send(&r.find(1));
        let a = r.insert(User { id: 1, name: "ann".into() }).await;
        let b = r.insert(User { id: 1, name: "bob".into() }).await;
        let c = r.insert(User { id: 2, name: String::new() }).await;
        (a, b, c, r.find(1).await, r.find(2).await)
    };
    repo_default_method: ALL, |m| async {
        use m::async_traits::{MemRepo, Repo, User};
        let r = MemRepo::default();
        r.insert(User { id: 3, name: "cy".into() }).await.unwrap();
        (r.find_or_default(3).await, r.find_or_default(4).await)
    };
    middleware: ALL, |m| async {
        use m::async_traits::{serve, Auth, Counted, Echo, Handler, Request};
        let calls = Arc::new(tokio::sync::Mutex::new(0));
        let chain: Vec<Box<dyn Handler>> = vec![
            Box::new(Counted { inner: Box::new(Echo), calls: Arc::clone(&calls) }),
            Box::new(Auth { inner: Echo, tokens: vec!["t1".into()] }),
        ];
        let req = |path: &str, token: Option<&str>, body| Request {
            path: path.into(),
            token: token.map(Into::into),
            body: D(body),
        };
        let out = serve(chain, vec![
            req("/a", None, "a"),
            req("/b", None, "b"),
            req("/c", Some("t1"), "c"),
            req("/d", Some("t2"), "d"),
        ]).await;
        let n = *calls.lock().await;
        (out, n)
    };
    parser: ALL, |m| async {
        use m::async_traits::{Numbers, Parser};
        let mut p = Numbers::default();
        let a = p.parse("1, 2,3").await;
        let b = p.parse("4,x").await;
        (a, b, p.seen)
    };
    local_cache: ALL, |m| async {
        use m::async_traits::{LocalCache, RcCache};
        let c = RcCache::default();
        let load: Rc<dyn Fn(String) -> String> = Rc::new(|k: String| k.to_uppercase());
        let a = c.get_or_load("ab", Rc::clone(&load)).await;
        let b = c.get_or_load("ab", Rc::new(|_: String| String::from("never"))).await;
        (a, b)
    };
    walk: ALL, |m| async {
        use m::async_traits::{walk, Node};
        let tree = Node {
            name: "root",
            kids: vec![
                Node { name: "a", kids: vec![Node { name: "a1", kids: vec![] }] },
                Node { name: "b", kids: vec![] },
            ],
        };
        walk(&tree, 0, D("top")).await
    };
}
