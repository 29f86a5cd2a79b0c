use std::time::Duration;

use crate::harness::{same, ALL, RACY};
use crate::support::D;

fn policy(n: u32) -> (u32, u64) {
    (n, 1)
}

macro_rules! client {
    ($m:ident, $($item:expr),* $(,)?) => {
        $m::client::Client::new($m::client::Scripted::new(vec![$($item),*]), "http://h")
    };
}

#[test]
fn get_and_status() {
    same!("get", ALL, |m| async {
        let c = client!(m, Some(Ok((200, "a"))), Some(Ok((503, "x"))));
        (c.get("/a").await, c.get("/b").await, c.get("/c").await)
    });
}

#[test]
fn retries() {
    same!("get_with_retry", RACY, |m| async {
        let c = client!(
            m,
            Some(Err(m::client::ClientError::Connect("refused".into()))),
            Some(Ok((502, ""))),
            Some(Ok((200, "ok")))
        );
        let (n, b) = policy(4);
        let p = m::client::RetryPolicy {
            max_attempts: n,
            base: Duration::from_micros(b),
        };
        (
            c.get_with_retry("/r", p).await,
            c.get_with_retry("/r", p).await,
        )
    });
    same!("retry_generic", ALL, |m| async {
        let p = m::client::RetryPolicy {
            max_attempts: 3,
            base: Duration::ZERO,
        };
        let a = m::client::retry(
            |i| async move {
                crate::support::tick().await;
                if i < 2 {
                    Err(format!("e{i}"))
                } else {
                    Ok(D("won"))
                }
            },
            p,
        )
        .await;
        let b: Result<u8, _> = m::client::retry(|i| async move { Err(i) }, p).await;
        (a, b)
    });
}

#[test]
fn timeouts() {
    same!("post_with_timeout", RACY, |m| async {
        let c = client!(
            m,
            Some(Ok((201, ""))),
            None,
            Some(Err(m::client::ClientError::Status(500)))
        );
        (
            c.post_with_timeout("/p", vec![1]).await,
            c.post_with_timeout("/p", vec![2]).await,
            c.post_with_timeout("/p", vec![3]).await,
        )
    });
    same!("with_timeout", RACY, |m| async {
        let a = m::client::with_timeout(Duration::from_millis(50), async { D("fast") }).await;
        let b = m::client::with_timeout(Duration::from_millis(1), async {
            let _d = D("slow");
            std::future::pending::<()>().await
        })
        .await;
        (a, b)
    });
}

#[test]
fn decoding() {
    same!("fetch_map", ALL, |m| async {
        let c = client!(
            m,
            Some(Ok((200, "a=1;b=2"))),
            Some(Ok((200, "a"))),
            Some(Ok((200, "a=x"))),
            Some(Ok((404, "")))
        );
        let mut out = vec![];
        for _ in 0..4 {
            out.push(
                c.fetch_map("/m")
                    .await
                    .map(|m| {
                        let mut v: Vec<_> = m.into_iter().collect();
                        v.sort();
                        v
                    })
                    .map_err(|e| e.to_string()),
            );
        }
        out
    });
    same!("fetch_all", ALL, |m| async {
        let c = client!(
            m,
            Some(Ok((200, "a"))),
            Some(Ok((500, ""))),
            Some(Ok((200, "c")))
        );
        c.fetch_all(&["/a", "/b", "/c", "/d"]).await
    });
    same!("first_ok", ALL, |m| async {
        let c = client!(
            m,
            Some(Ok((404, ""))),
            Some(Err(m::client::ClientError::Timeout)),
            Some(Ok((200, "yes")))
        );
        let a = c
            .first_ok(vec!["/1".into(), "/2".into(), "/3".into()])
            .await;
        let b = c.first_ok(vec!["/4".into()]).await;
        (a, b)
    });
    same!("paginate", ALL, |m| async {
        let c = client!(
            m,
            Some(Ok((200, "a,b|c1"))),
            Some(Ok((200, "c|c2"))),
            Some(Ok((200, "d,e|"))),
            Some(Ok((200, "x|y"))),
            Some(Ok((500, "")))
        );
        let a = c.paginate("/items").await;
        let b = c.paginate("/items").await;
        (a, b)
    });
}

#[test]
fn auth_and_spans() {
    same!("login_get_authed", ALL, |m| async {
        let t = m::client::Scripted::new(vec![
            Some(Ok((200, "tok1"))),
            Some(Ok((401, ""))),
            Some(Ok((200, "tok2"))),
            Some(Ok((200, "data"))),
            Some(Ok((403, ""))),
        ]);
        let seen = t.seen.clone();
        let mut c = m::client::Client::new(t, "");
        let a = c.get_authed("/secret").await;
        let b = c.login("u", "p").await;
        let seen = seen.lock().unwrap().clone();
        (a, b, seen)
    });
    same!("traced_get", ALL, |m| async {
        let c = client!(m, Some(Ok((200, "body"))), Some(Ok((500, ""))));
        (c.traced_get(7, "/t").await, c.traced_get(8, "/u").await)
    });
    same!("connect", ALL, |m| async {
        let a = m::client::connect(m::client::Scripted::new(vec![Some(Ok((200, "")))]), "x")
            .await
            .is_ok();
        let b = m::client::connect(m::client::Scripted::new(vec![]), "x")
            .await
            .err();
        (a, b)
    });
}

#[test]
fn hedging() {
    same!("hedged", RACY, |m| async {
        let fast = client!(m, Some(Ok((200, "first"))), Some(Ok((200, "second"))));
        let a = m::client::hedged(&fast, "/a", Duration::from_millis(5)).await;
        let slow = client!(m, None, Some(Ok((200, "second"))));
        let b = m::client::hedged(&slow, "/b", Duration::from_millis(1)).await;
        let failed = client!(m, None, Some(Ok((500, ""))));
        let c = m::client::hedged(&failed, "/c", Duration::from_millis(1)).await;
        (a, b, c)
    });
}
