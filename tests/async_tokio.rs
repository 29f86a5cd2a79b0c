//! Interop with tokio: `#[stackless::coroutine]` futures run on tokio's runtimes, await
//! tokio's timers and sockets, and tokio runs them like any future. Loopback only, bounded.

use std::time::{Duration, Instant};

use stackless::{yield_, Stream};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

fn current_thread() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

#[stackless::coroutine]
async fn sleepy(ms: u64, v: u32) -> u32 {
    tokio::time::sleep(Duration::from_millis(ms)).await;
    v * 2
}

#[test]
fn runs_on_tokio_with_real_timers() {
    let rt = current_thread();
    let start = Instant::now();
    let v = rt.block_on(sleepy(20, 21));
    assert_eq!(v, 42);
    assert!(start.elapsed() >= Duration::from_millis(20));
}

#[test]
fn spawned_on_the_multi_thread_runtime() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let handles: Vec<_> = (0..8).map(|i| rt.spawn(sleepy(5, i))).collect();
    let results: Vec<u32> = rt.block_on(async {
        let mut out = Vec::new();
        for h in handles {
            out.push(h.await.unwrap());
        }
        out
    });
    assert_eq!(results, (0..8).map(|i| i * 2).collect::<Vec<_>>());
}

#[stackless::coroutine]
async fn timeout_race() -> (bool, bool) {
    let fast = tokio::time::timeout(Duration::from_secs(5), sleepy(1, 1))
        .await
        .is_ok();
    let slow = tokio::time::timeout(Duration::from_millis(5), sleepy(2_000, 1))
        .await
        .is_ok();
    (fast, slow)
}

#[test]
fn tokio_timeout_cancels_a_stackless_future() {
    assert_eq!(current_thread().block_on(timeout_race()), (true, false));
}

// The socket side uses owned buffers: a coroutine's own locals cannot be borrowed across an
// `.await` (yet), so these small native helpers take and give back ownership.
async fn read_some(
    mut s: TcpStream,
    mut buf: Vec<u8>,
) -> std::io::Result<(TcpStream, Vec<u8>, usize)> {
    let n = s.read(&mut buf).await?;
    Ok((s, buf, n))
}

async fn write_all(mut s: TcpStream, data: Vec<u8>) -> std::io::Result<(TcpStream, Vec<u8>)> {
    s.write_all(&data).await?;
    Ok((s, data))
}

/// Echoes everything it reads until the peer closes; returns the byte count.
#[stackless::coroutine]
async fn echo_server(stream: TcpStream) -> std::io::Result<usize> {
    let mut stream = stream;
    let mut buf = vec![0u8; 1024];
    let mut total = 0;
    loop {
        let (s, b, n) = read_some(stream, buf).await?;
        if n == 0 {
            return Ok(total);
        }
        total += n;
        let (s, mut b) = write_all(s, b[..n].to_vec()).await?;
        b.resize(1024, 0);
        stream = s;
        buf = b;
    }
}

/// One request/reply exchange, with ownership of the stream passed in and back.
async fn exchange(s: TcpStream, msg: String) -> std::io::Result<(TcpStream, String)> {
    let len = msg.len();
    let (mut s, _) = write_all(s, msg.into_bytes()).await?;
    let mut got = vec![0u8; len];
    s.read_exact(&mut got).await?;
    Ok((s, String::from_utf8(got).unwrap()))
}

#[stackless::coroutine]
async fn echo_client(
    addr: std::net::SocketAddr,
    messages: Vec<String>,
) -> std::io::Result<Vec<String>> {
    let mut stream = TcpStream::connect(addr).await?;
    let mut replies = Vec::new();
    for m in messages {
        let (s, reply) = exchange(stream, m).await?;
        stream = s;
        replies.push(reply);
    }
    drop(stream);
    Ok(replies)
}

#[test]
fn loopback_tcp_echo() {
    let rt = current_thread();
    let (replies, served) = rt.block_on(async {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let server = tokio::spawn(async move {
            let (stream, _) = listener.accept().await?;
            echo_server(stream).await
        });
        let msgs = vec![
            "hello".to_string(),
            "stackless".to_string(),
            "world".to_string(),
        ];
        let replies = tokio::time::timeout(Duration::from_secs(10), echo_client(addr, msgs))
            .await
            .expect("echo finished in time")
            .unwrap();
        let served = tokio::time::timeout(Duration::from_secs(10), server)
            .await
            .unwrap()
            .unwrap()
            .unwrap();
        (replies, served)
    });
    assert_eq!(replies, ["hello", "stackless", "world"]);
    assert_eq!(served, 5 + 9 + 5);
}

#[stackless::coroutine]
fn ticks(n: u32, every: Duration) -> impl Stream<Item = u32> {
    for i in 0..n {
        tokio::time::sleep(every).await;
        yield_!(i);
    }
}

#[test]
fn a_stream_driven_by_tokio_timers() {
    let rt = current_thread();
    let got = rt.block_on(async {
        let mut s = Box::pin(ticks(3, Duration::from_millis(2)));
        let mut v = Vec::new();
        while let Some(x) = stackless::rt::next(&mut s).await {
            v.push(x);
        }
        v
    });
    assert_eq!(got, [0, 1, 2]);
}

#[stackless::coroutine]
async fn tokio_task_in_stackless(n: u32) -> u32 {
    let h = tokio::spawn(sleepy(1, n));
    h.await.unwrap() + 1
}

#[test]
fn awaiting_a_tokio_join_handle() {
    assert_eq!(current_thread().block_on(tokio_task_in_stackless(4)), 9);
}

#[test]
fn the_same_futures_run_on_stackless_rt() {
    // Our own runtime polls futures that need no tokio reactor.
    assert_eq!(stackless::rt::block_on(async { 1 + 1 }), 2);
}

/// The echo server written as with a native `async fn`: a local buffer borrowed by every
/// read, the stream borrowed by reads and writes, the listener by `accept` (pinned slots).
#[stackless::coroutine]
async fn borrowing_echo_server(listener: TcpListener) -> std::io::Result<usize> {
    let (mut stream, _) = listener.accept().await?;
    let mut buf = [0u8; 256];
    let mut total = 0;
    loop {
        let n = stream.read(&mut buf).await?;
        if n == 0 {
            return Ok(total);
        }
        stream.write_all(&buf[..n]).await?;
        total += n;
    }
}

/// The client, also borrowing its locals, with a tokio timer pinned by `tokio::pin!`.
#[stackless::coroutine]
async fn borrowing_echo_client(
    addr: std::net::SocketAddr,
    messages: Vec<&'static str>,
) -> std::io::Result<Vec<String>> {
    let mut stream = TcpStream::connect(addr).await?;
    let mut replies = Vec::new();
    for m in &messages {
        stream.write_all(m.as_bytes()).await?;
        let mut got = vec![0u8; m.len()];
        stream.read_exact(&mut got).await?;
        replies.push(String::from_utf8(got).unwrap());
    }
    let pause = tokio::time::sleep(Duration::from_millis(1));
    tokio::pin!(pause);
    (&mut pause).await;
    Ok(replies)
}

#[test]
fn loopback_tcp_echo_with_borrowed_buffers() {
    let rt = current_thread();
    let (replies, served) = rt.block_on(async {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let server = tokio::spawn(borrowing_echo_server(listener));
        let msgs = vec!["borrowed", "buffers", "work"];
        let replies =
            tokio::time::timeout(Duration::from_secs(10), borrowing_echo_client(addr, msgs))
                .await
                .expect("echo finished in time")
                .unwrap();
        let served = tokio::time::timeout(Duration::from_secs(10), server)
            .await
            .unwrap()
            .unwrap()
            .unwrap();
        (replies, served)
    });
    assert_eq!(replies, ["borrowed", "buffers", "work"]);
    assert_eq!(served, 8 + 7 + 4);
}

/// The state of a connection handler, kept across its awaits.
struct Stats {
    seen: Vec<u8>,
    bytes: usize,
    hist: [u32; 16],
}

/// An echo loop: each read is wrapped in `timeout(…, async { … })` (an `async` block in a
/// loop, borrowing the socket and buffer, which live in pinned slots).
#[stackless::coroutine]
async fn timed_echo(listener: TcpListener) -> std::io::Result<usize> {
    let (mut sock, _) = listener.accept().await?;
    let mut st = Stats {
        seen: Vec::new(),
        bytes: 0,
        hist: [0; 16],
    };
    let mut buf = [0u8; 64];
    loop {
        let r =
            tokio::time::timeout(Duration::from_secs(5), async { sock.read(&mut buf).await }).await;
        let n = match r {
            Ok(Ok(n)) => n,
            Ok(Err(e)) => return Err(e),
            Err(_) => break,
        };
        if n == 0 {
            break;
        }
        st.bytes += n;
        st.hist[n % 16] += 1;
        st.seen.extend_from_slice(&buf[..n]);
        sock.write_all(&buf[..n]).await?;
    }
    Ok(st.bytes)
}

/// A stream of the lines a peer sends, read with a `BufReader` it owns.
#[stackless::coroutine]
fn lines_of(sock: TcpStream) -> impl Stream<Item = String> {
    let mut r = BufReader::new(sock);
    let mut line = String::new();
    loop {
        line.clear();
        match r.read_line(&mut line).await {
            Ok(0) | Err(_) => break,
            Ok(_) => yield_!(line.trim_end().to_string()),
        }
    }
}

/// Writes two chunks and reads each echo back.
#[stackless::coroutine]
async fn client(addr: std::net::SocketAddr) -> std::io::Result<Vec<u8>> {
    let mut s = TcpStream::connect(addr).await?;
    let mut out = Vec::new();
    for chunk in [b"hello".as_slice(), b" world"] {
        s.write_all(chunk).await?;
        let mut buf = vec![0u8; chunk.len()];
        s.read_exact(&mut buf).await?;
        out.extend(buf);
    }
    Ok(out)
}

/// Both spawned on the multi-thread runtime (so `Send`), over loopback.
#[test]
fn an_echo_server_with_timeouts_and_a_line_stream() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let server = tokio::spawn(timed_echo(listener));
        let got = tokio::spawn(client(addr)).await.unwrap().unwrap();
        assert_eq!(got, b"hello world");
        assert_eq!(server.await.unwrap().unwrap(), 11);

        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let w = tokio::spawn(async move {
            let (mut s, _) = listener.accept().await.unwrap();
            s.write_all(b"a\nbb\nccc").await.unwrap();
        });
        let sock = TcpStream::connect(addr).await.unwrap();
        let mut st = std::pin::pin!(lines_of(sock));
        let mut got = Vec::new();
        while let Some(l) = stackless::rt::next(&mut st).await {
            got.push(l);
        }
        w.await.unwrap();
        assert_eq!(got, ["a", "bb", "ccc"]);
    });
}

// A method that takes `self` on readers and `&self` on strings (`lines`): a move of a
// generic reader, a borrow of a `String` (was E0507 for the reader: it was kept in place as
// if borrowed). `into()` takes its receiver (was E0382: the parameter was still carried).

#[stackless::coroutine]
async fn copy_lines<R, W>(r: R, w: &mut W) -> std::io::Result<u64>
where
    R: tokio::io::AsyncBufRead + Unpin,
    W: tokio::io::AsyncWrite + Unpin,
{
    let mut lines = r.lines();
    let mut n = 0u64;
    while let Some(line) = lines.next_line().await? {
        w.write_all(line.as_bytes()).await?;
        n += 1;
    }
    Ok(n)
}

#[stackless::coroutine]
async fn count_lines(text: String) -> usize {
    let mut n = 0;
    for line in text.lines() {
        tokio::task::yield_now().await;
        n += line.len();
    }
    n
}

#[stackless::coroutine]
async fn put(key: &str, value: impl Into<String>) -> usize {
    let value: String = value.into();
    tokio::task::yield_now().await;
    key.len() + value.len()
}

#[test]
fn methods_taking_self_on_readers_and_into() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let mut out = Vec::new();
    assert_eq!(
        rt.block_on(copy_lines(&b"a\nbc\n"[..], &mut out)).unwrap(),
        2
    );
    assert_eq!(out, b"abc");
    assert_eq!(rt.block_on(count_lines("ab\ncde".into())), 5);
    assert_eq!(rt.block_on(put("k", "val")), 4);
}
