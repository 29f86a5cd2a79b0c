use crate::harness::{same, ALL};
use crate::support::{Sink, Trickle};

const CMDS: &[u8] = b"*2\r\n$4\r\nPING\r\n$2\r\nhi\r\n*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$2\r\nv1\r\n*2\r\n$3\r\nGET\r\n$1\r\nk\r\n*2\r\n$3\r\nGET\r\n$1\r\nz\r\n*1\r\n$4\r\nPING\r\n*1\r\n$4\r\nQUIT\r\n";

#[test]
fn read_frame() {
    same!("read_frame", ALL, |m| async {
        let mut c = m::frames::Connection::new(Trickle::new(CMDS, 7));
        let mut v = vec![];
        while let Some(f) = c.read_frame().await.unwrap() {
            v.push(f);
        }
        (v, c.read_frame().await.map_err(|e| e.to_string()))
    });
    same!("read_frame_reset", ALL, |m| async {
        let mut c = m::frames::Connection::new(Trickle::new(&b"*2\r\n$4\r\nPI"[..], 3));
        c.read_frame().await.map_err(|e| e.to_string())
    });
    same!("read_frame_invalid", ALL, |m| async {
        let mut c = m::frames::Connection::new(Trickle::new(&b"?x\r\n"[..], 3));
        c.read_frame().await.map_err(|e| e.to_string())
    });
}

#[test]
fn next_command_and_drain() {
    same!("next_command", ALL, |m| async {
        let mut c = m::frames::Connection::new(Trickle::new(CMDS, 5));
        let a = c.next_command().await.map_err(|e| e.to_string());
        let b = c.next_command().await.map_err(|e| e.to_string());
        (a, b)
    });
    same!("drain_commands", ALL, |m| m::frames::drain_commands(
        m::frames::Connection::new(Trickle::new(CMDS, 11))
    ));
}

#[test]
fn read_line() {
    same!("read_line", ALL, |m| async {
        let mut c = m::frames::Connection::new(Trickle::new(&b"hello\r\nworld\nlast"[..], 4));
        let mut v = vec![];
        while let Some(l) = c.read_line().await.unwrap() {
            v.push(l);
        }
        v
    });
}

#[test]
fn handle_connection() {
    same!("handle_connection", ALL, |m| async {
        let db = m::frames::Db::default();
        let w = Sink::default();
        let r = m::frames::handle_connection(Trickle::new(CMDS, 9), w.clone(), &db).await;
        (r.map_err(|e| e.to_string()), w.text())
    });
    same!("handle_connection_err", ALL, |m| async {
        let db = m::frames::Db::default();
        let w = Sink::default();
        let r = m::frames::handle_connection(Trickle::new(&b"+x\r\n"[..], 9), w.clone(), &db).await;
        (r.map_err(|e| e.to_string()), w.text())
    });
}

#[test]
fn write_frame() {
    same!("write_frame", ALL, |m| async {
        use m::frames::Frame;
        let mut w = Sink::default();
        for f in [
            Frame::Simple("OK".into()),
            Frame::Error("bad".into()),
            Frame::Integer(-4),
            Frame::Bulk(b"abc".to_vec()),
            Frame::Null,
            Frame::Array(vec![Frame::Integer(1), Frame::Null]),
        ] {
            m::frames::write_frame(&mut w, &f).await.unwrap();
        }
        w.text()
    });
}

#[test]
fn length_prefixed() {
    same!("read_header", ALL, |m| async {
        let mut r = Trickle::new(&b"abcdefg"[..], 2);
        let a = m::frames::read_header(&mut r).await.map_err(|e| e.kind());
        let b = m::frames::read_header(&mut r).await.map_err(|e| e.kind());
        (a, b)
    });
    same!("read_all_messages", ALL, |m| m::frames::read_all_messages(
        Trickle::new(&b"\x00\x03abc\x00\x00\x00\x02hi"[..], 3)
    ));
    same!("read_all_messages_bad", ALL, |m| {
        m::frames::read_all_messages(Trickle::new(&b"\x00\x02\xff\xfe"[..], 3))
    });
}

#[test]
fn lines_and_requests() {
    same!("read_request", ALL, |m| m::frames::read_request(
        Trickle::new(
            &b"POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\n\r\nbodyEXTRA"[..],
            6
        )
    ));
    same!("read_request_bad_header", ALL, |m| m::frames::read_request(
        Trickle::new(&b"GET / HTTP/1.1\r\nnocolon\r\n\r\n"[..], 6)
    ));
    same!("read_request_bad_line", ALL, |m| m::frames::read_request(
        Trickle::new(&b"\r\n"[..], 6)
    ));
}

#[test]
fn echo_and_copy() {
    same!("echo", ALL, |m| async {
        let w = Sink::default();
        let n = m::frames::echo(Trickle::new(&b"0123456789abcdefghij"[..], 6), w.clone()).await;
        (n.unwrap(), w.text())
    });
    same!("copy_through", ALL, |m| m::frames::copy_through(
        Trickle::new(&b"0123456789abcdefghij"[..], 6),
        Sink::default()
    ));
    same!("copy_lines", ALL, |m| async {
        let mut w = Sink::default();
        let r = tokio::io::BufReader::new(Trickle::new(&b"one\n# skip\ntwo\n\nthree"[..], 4));
        let n = m::frames::copy_lines(r, &mut w).await;
        (n.map_err(|e| e.kind()), w.text())
    });
}
