// A mini-redis-style protocol: frames read from a buffered stream with `read_buf`, parsed,
// turned into commands and answered.

use std::collections::HashMap;
use std::io;
use std::sync::{Arc, Mutex};

use tokio::io::{
    AsyncBufRead, AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader,
};

use crate::support::{log, D};
use crate::tracing::{debug, info, warn};

#[derive(Debug, Clone, PartialEq)]
pub enum Frame {
    Simple(String),
    Error(String),
    Integer(i64),
    Bulk(Vec<u8>),
    Null,
    Array(Vec<Frame>),
}

#[derive(Debug)]
pub enum FrameError {
    Incomplete,
    Invalid(String),
    Io(io::ErrorKind),
}

impl From<io::Error> for FrameError {
    fn from(e: io::Error) -> Self {
        FrameError::Io(e.kind())
    }
}

impl std::fmt::Display for FrameError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FrameError::Incomplete => f.write_str("incomplete frame"),
            FrameError::Invalid(m) => write!(f, "protocol error: {m}"),
            FrameError::Io(k) => write!(f, "io: {k:?}"),
        }
    }
}

impl std::error::Error for FrameError {}

fn line(buf: &[u8], at: usize) -> Result<(&[u8], usize), FrameError> {
    let rest = buf.get(at..).ok_or(FrameError::Incomplete)?;
    let end = rest
        .windows(2)
        .position(|w| w == b"\r\n")
        .ok_or(FrameError::Incomplete)?;
    Ok((&rest[..end], at + end + 2))
}

fn int(bytes: &[u8]) -> Result<i64, FrameError> {
    std::str::from_utf8(bytes)
        .ok()
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| FrameError::Invalid(format!("bad integer {bytes:?}")))
}

/// Parses one frame at the start of `buf`: the frame and the bytes it took.
pub fn parse_frame(buf: &[u8], at: usize) -> Result<(Frame, usize), FrameError> {
    let tag = *buf.get(at).ok_or(FrameError::Incomplete)?;
    let (body, next) = line(buf, at + 1)?;
    match tag {
        b'+' => Ok((Frame::Simple(String::from_utf8_lossy(body).into()), next)),
        b'-' => Ok((Frame::Error(String::from_utf8_lossy(body).into()), next)),
        b':' => Ok((Frame::Integer(int(body)?), next)),
        b'$' if body == b"-1" => Ok((Frame::Null, next)),
        b'$' => {
            let len = int(body)? as usize;
            let data = buf.get(next..next + len).ok_or(FrameError::Incomplete)?;
            if buf.len() < next + len + 2 {
                return Err(FrameError::Incomplete);
            }
            Ok((Frame::Bulk(data.to_vec()), next + len + 2))
        }
        b'*' => {
            let n = int(body)?;
            let mut at = next;
            let mut items = Vec::new();
            for _ in 0..n {
                let (f, after) = parse_frame(buf, at)?;
                items.push(f);
                at = after;
            }
            Ok((Frame::Array(items), at))
        }
        other => Err(FrameError::Invalid(format!("unknown tag {other}"))),
    }
}

#[derive(Debug, PartialEq)]
pub enum Command {
    Get { key: String },
    Set { key: String, value: Vec<u8> },
    Ping(Option<String>),
    Unknown(String),
}

impl Command {
    pub fn from_frame(frame: Frame) -> Result<Command, FrameError> {
        let Frame::Array(parts) = frame else {
            return Err(FrameError::Invalid("expected array".into()));
        };
        let mut words = parts.into_iter().map(|p| match p {
            Frame::Bulk(b) => String::from_utf8_lossy(&b).into_owned(),
            Frame::Simple(s) => s,
            other => format!("{other:?}"),
        });
        let name = words.next().unwrap_or_default().to_lowercase();
        Ok(match name.as_str() {
            "get" => Command::Get {
                key: words.next().ok_or(FrameError::Incomplete)?,
            },
            "set" => {
                let key = words.next().ok_or(FrameError::Incomplete)?;
                let value = words.next().ok_or(FrameError::Incomplete)?.into_bytes();
                Command::Set { key, value }
            }
            "ping" => Command::Ping(words.next()),
            _ => Command::Unknown(name),
        })
    }
}

pub type Db = Arc<Mutex<HashMap<String, Vec<u8>>>>;

pub struct Connection<R> {
    reader: BufReader<R>,
    buffer: Vec<u8>,
    _guard: D,
}

impl<R: AsyncRead + Unpin> Connection<R> {
    pub fn new(reader: R) -> Self {
        Connection {
            reader: BufReader::with_capacity(16, reader),
            buffer: Vec::with_capacity(64),
            _guard: D("conn"),
        }
    }

    #[stackless::coroutine]
    pub async fn read_frame(&mut self) -> Result<Option<Frame>, FrameError> {
        loop {
            match parse_frame(&self.buffer, 0) {
                Ok((frame, n)) => {
                    self.buffer.drain(..n);
                    return Ok(Some(frame));
                }
                Err(FrameError::Incomplete) => {}
                Err(e) => return Err(e),
            }
            if 0 == self.reader.read_buf(&mut self.buffer).await? {
                if self.buffer.is_empty() {
                    return Ok(None);
                } else {
                    return Err(FrameError::Invalid("connection reset by peer".into()));
                }
            }
        }
    }

    #[stackless::coroutine]
    pub async fn next_command(&mut self) -> Result<Option<Command>, FrameError> {
        let frame = self.read_frame().await?;
        debug!(?frame, "read");
        frame.map(Command::from_frame).transpose()
    }

    #[stackless::coroutine]
    pub async fn read_line(&mut self) -> io::Result<Option<String>> {
        let mut line = String::new();
        let n = self.reader.read_line(&mut line).await?;
        if n == 0 {
            return Ok(None);
        }
        let trimmed = line.trim_end_matches(['\r', '\n']).to_owned();
        Ok(Some(trimmed))
    }
}

#[stackless::coroutine]
pub async fn write_frame<W: AsyncWrite + Unpin>(w: &mut W, frame: &Frame) -> io::Result<()> {
    match frame {
        Frame::Simple(s) => {
            w.write_u8(b'+').await?;
            w.write_all(s.as_bytes()).await?;
        }
        Frame::Error(s) => {
            w.write_all(format!("-{s}").as_bytes()).await?;
        }
        Frame::Integer(i) => {
            w.write_all(format!(":{i}").as_bytes()).await?;
        }
        Frame::Bulk(b) => {
            w.write_all(format!("${}\r\n", b.len()).as_bytes()).await?;
            w.write_all(b).await?;
        }
        Frame::Null => w.write_all(b"$-1").await?,
        Frame::Array(items) => {
            w.write_all(format!("*{}", items.len()).as_bytes()).await?;
            for item in items {
                w.write_all(b"\r\n").await?;
                w.write_all(format!("{item:?}").as_bytes()).await?;
            }
        }
    }
    w.write_all(b"\r\n").await?;
    w.flush().await
}

#[stackless::coroutine]
pub async fn handle_connection<R, W>(
    reader: R,
    mut writer: W,
    db: &Db,
) -> Result<usize, FrameError>
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut conn = Connection::new(reader);
    let mut handled = 0;
    while let Some(cmd) = conn.next_command().await? {
        info!(?cmd, handled, "command");
        let response = match cmd {
            Command::Get { key } => match db.lock().unwrap().get(&key) {
                Some(v) => Frame::Bulk(v.clone()),
                None => {
                    debug!(%key, "miss");
                    Frame::Null
                }
            },
            Command::Set { key, value } => {
                db.lock().unwrap().insert(key, value);
                Frame::Simple("OK".into())
            }
            Command::Ping(None) => Frame::Simple("PONG".into()),
            Command::Ping(Some(msg)) => Frame::Bulk(msg.into_bytes()),
            Command::Unknown(name) => {
                warn!(name = %name, "unknown command");
                Frame::Error(format!("ERR unknown command '{name}'"))
            }
        };
        write_frame(&mut writer, &response).await?;
        handled += 1;
    }
    Ok(handled)
}

#[stackless::coroutine]
pub async fn read_header(r: &mut (impl AsyncRead + Unpin)) -> io::Result<[u8; 4]> {
    let mut header = [0u8; 4];
    r.read_exact(&mut header).await?;
    Ok(header)
}

#[stackless::coroutine]
pub async fn read_length_prefixed<R: AsyncRead + Unpin>(r: &mut R) -> io::Result<Option<Vec<u8>>> {
    let len = match r.read_u16().await {
        Ok(n) => n as usize,
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e),
    };
    let mut body = vec![0; len];
    r.read_exact(&mut body).await?;
    Ok(Some(body))
}

#[stackless::coroutine]
pub async fn read_all_messages<R: AsyncRead + Unpin>(mut r: R) -> io::Result<Vec<String>> {
    let _d = D("messages");
    let mut out = vec![];
    while let Some(body) = read_length_prefixed(&mut r).await? {
        out.push(String::from_utf8(body).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?);
    }
    Ok(out)
}

#[stackless::coroutine]
pub async fn copy_lines<R, W>(r: R, w: &mut W) -> io::Result<u64>
where
    R: AsyncBufRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut lines = r.lines();
    let mut n = 0u64;
    while let Some(line) = lines.next_line().await? {
        if line.starts_with('#') {
            continue;
        }
        let line = line.to_uppercase();
        w.write_all(line.as_bytes()).await?;
        w.write_all(b"\n").await?;
        n += 1;
    }
    Ok(n)
}

#[derive(Debug, Default)]
pub struct Request {
    pub method: String,
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

#[stackless::coroutine]
pub async fn read_headers<R: AsyncRead + Unpin>(
    r: &mut BufReader<R>,
) -> Result<Vec<(String, String)>, FrameError> {
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).await? == 0 {
            return Err(FrameError::Incomplete);
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        let Some((name, value)) = line.split_once(':') else {
            return Err(FrameError::Invalid(format!("bad header line {line:?}")));
        };
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
    }
    Ok(headers)
}

#[stackless::coroutine]
pub async fn read_request<R: AsyncRead + Unpin>(reader: R) -> Result<Request, FrameError> {
    let mut r = BufReader::new(reader);
    let mut first = String::new();
    r.read_line(&mut first).await?;
    let mut parts = first.split_whitespace();
    let (Some(method), Some(path)) = (parts.next(), parts.next()) else {
        return Err(FrameError::Invalid("bad request line".into()));
    };
    let (method, path) = (method.to_owned(), path.to_owned());
    let headers = read_headers(&mut r).await?;
    let len = headers
        .iter()
        .find(|(k, _)| k == "content-length")
        .map(|(_, v)| v.parse::<usize>())
        .transpose()
        .map_err(|e| FrameError::Invalid(e.to_string()))?
        .unwrap_or(0);
    let mut body = vec![0; len];
    r.read_exact(&mut body).await?;
    log(format!("request {method} {path} {len}"));
    Ok(Request {
        method,
        path,
        headers,
        body,
    })
}

#[stackless::coroutine]
pub async fn drain_commands<R: AsyncRead + Unpin>(mut conn: Connection<R>) -> Vec<String> {
    let mut seen = Vec::new();
    while let Ok(Some(c)) = conn.next_command().await {
        seen.push(match c {
            Command::Get { ref key } => format!("get {key}"),
            Command::Set { ref key, ref value } => format!("set {key}={}", value.len()),
            Command::Ping(p) => format!("ping {}", p.unwrap_or_default()),
            Command::Unknown(n) => n,
        });
    }
    seen
}

#[stackless::coroutine]
pub async fn echo<R, W>(mut r: R, mut w: W) -> io::Result<u64>
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let _d = D("echo");
    let mut buf = [0u8; 8];
    let mut total = 0;
    loop {
        let n = match r.read(&mut buf).await {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        w.write_all(&buf[..n]).await?;
        total += n as u64;
    }
    w.shutdown().await?;
    Ok(total)
}

#[stackless::coroutine]
pub async fn copy_through<R, W>(mut r: R, mut w: W) -> io::Result<(u64, String)>
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin + Clone + Into<crate::support::Sink>,
{
    let n = tokio::io::copy(&mut r, &mut w).await?;
    let sink: crate::support::Sink = w.clone().into();
    Ok((n, sink.text()))
}
