use std::time::Duration;

use crate::harness::{assert_send, same, RACY};
use crate::support::log;

#[test]
fn handler_with_graceful_shutdown() {
    // The accept loop written out in the test (`Listener::run` is tested by `server_run`).
    same!("handler_run", RACY, |m| async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (notify, _) = tokio::sync::broadcast::channel(1);
        let (done_tx, mut done_rx) = tokio::sync::mpsc::channel::<()>(1);
        let mut server = m::server::Listener::new(
            listener,
            Default::default(),
            notify.clone(),
            done_tx.clone(),
        );
        let db = m::server::Db::default();
        let accept = async move {
            for _ in 0..3 {
                let socket = server.accept().await.unwrap();
                let mut h = m::server::Handler::new(
                    socket,
                    db.clone(),
                    notify.subscribe(),
                    done_tx.clone(),
                );
                let task = async move {
                    let r = h.run().await;
                    log(format!("handler done {:?}", r.map_err(|e| e.to_string())));
                };
                assert_send(&task);
                tokio::spawn(task);
            }
            notify
        };
        let accept = tokio::spawn(accept);
        let a = m::server::session(addr, &["SET a 1", "GET a", "GET b", "NOPE"]).await;
        assert_send(&m::server::session(addr, &[]));
        let b = m::server::session(addr, &["GET a", "QUIT", "GET a"]).await;
        let idle = tokio::net::TcpStream::connect(addr).await.unwrap();
        let notify = accept.await.unwrap();
        tokio::time::sleep(Duration::from_millis(5)).await;
        let waiting = notify.receiver_count();
        drop(notify);
        let _ = done_rx.recv().await;
        drop(idle);
        (
            a.map_err(|e| e.to_string()),
            b.map_err(|e| e.to_string()),
            waiting,
        )
    });
}

#[test]
fn echo_roundtrip() {
    same!("serve_one_echo_client", RACY, |m| async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let client = m::server::echo_client(addr, vec!["one".into(), "two".into()]);
        let (a, b) = tokio::join!(m::server::serve_one(&listener), client);
        (a.unwrap(), b.unwrap())
    });
}

#[test]
fn chat() {
    same!("chat_member", crate::harness::ALL, |m| async {
        let (room, _) = tokio::sync::broadcast::channel(16);
        let (atx, arx) = tokio::sync::mpsc::channel(4);
        let (btx, brx) = tokio::sync::mpsc::channel(4);
        let a = m::server::chat_member("a".into(), arx, room.clone(), room.subscribe());
        let b = m::server::chat_member("b".into(), brx, room.clone(), room.subscribe());
        assert_send(&a);
        let driver = async move {
            atx.send("hi".to_string()).await.unwrap();
            crate::support::tick().await;
            btx.send("hello".to_string()).await.unwrap();
            crate::support::tick().await;
            drop((atx, btx));
            crate::support::tick().await;
            drop(room);
        };
        tokio::join!(a, b, driver)
    });
}

#[test]
fn server_run() {
    same!("server_run", RACY, |m| async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let server = m::server::run(listener, m::server::Db::default(), async move {
            let _ = stop_rx.await;
        });
        let clients = async move {
            let a = m::server::session(addr, &["SET a 1", "GET a", "QUIT"]).await;
            let b = m::server::session(addr, &["GET a", "GET b"]).await;
            let idle = tokio::net::TcpStream::connect(addr).await.unwrap();
            tokio::time::sleep(Duration::from_millis(5)).await;
            stop_tx.send(()).unwrap();
            (
                a.map_err(|e| e.to_string()),
                b.map_err(|e| e.to_string()),
                idle,
            )
        };
        let (waiting, (a, b, idle)) = tokio::join!(server, clients);
        drop(idle);
        (waiting, a, b)
    });
}
