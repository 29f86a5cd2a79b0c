//! The drop log every case writes to, and small types the cases share.

use std::cell::RefCell;
use std::fmt;

thread_local! {
    static LOG: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Records an event in this thread's log.
pub fn log(event: impl Into<String>) {
    LOG.with(|l| l.borrow_mut().push(event.into()));
}

/// Takes (and clears) this thread's log.
pub fn take_log() -> Vec<String> {
    LOG.with(|l| std::mem::take(&mut *l.borrow_mut()))
}

/// A value that records its drop in this thread's log.
#[derive(Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct D(pub &'static str);

impl Drop for D {
    fn drop(&mut self) {
        log(format!("drop {}", self.0));
    }
}

impl fmt::Display for D {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "D({})", self.0)
    }
}

/// A guard that logs when the scope it lives in ends (the drop-guard shape of servers).
#[derive(Debug)]
pub struct Guard(pub String);

impl Drop for Guard {
    fn drop(&mut self) {
        log(format!("guard {}", self.0));
    }
}

/// Yields to the executor once (works on tokio and on `stackless::rt`).
pub async fn tick() {
    tokio::task::yield_now().await;
}

use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

/// An in-memory reader that hands out `chunk` bytes at a time and is `Pending` before every
/// chunk (it wakes itself), so a reading loop suspends deterministically.
#[derive(Debug)]
pub struct Trickle {
    data: Vec<u8>,
    pos: usize,
    chunk: usize,
    ready: bool,
}

impl Trickle {
    /// A reader of `data`, `chunk` bytes per read.
    pub fn new(data: impl Into<Vec<u8>>, chunk: usize) -> Trickle {
        Trickle {
            data: data.into(),
            pos: 0,
            chunk,
            ready: false,
        }
    }
}

impl AsyncRead for Trickle {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        if !self.ready {
            self.ready = true;
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        self.ready = false;
        let n = self
            .chunk
            .min(self.data.len() - self.pos)
            .min(buf.remaining());
        let start = self.pos;
        buf.put_slice(&self.data[start..start + n]);
        self.pos += n;
        Poll::Ready(Ok(()))
    }
}

/// An in-memory writer that shares what it got and is `Pending` before every write.
#[derive(Debug, Clone, Default)]
pub struct Sink {
    /// Everything written so far.
    pub out: Arc<Mutex<Vec<u8>>>,
    ready: bool,
}

impl Sink {
    /// What was written, lossily as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.out.lock().unwrap()).into_owned()
    }
}

impl AsyncWrite for Sink {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        if !self.ready {
            self.ready = true;
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        self.ready = false;
        let n = buf.len().min(5);
        self.out.lock().unwrap().extend_from_slice(&buf[..n]);
        Poll::Ready(Ok(n))
    }

    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(Ok(()))
    }
}
