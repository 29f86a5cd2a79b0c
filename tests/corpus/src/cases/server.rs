// A tokio line-protocol server in the style of mini-redis: an accept loop with backoff, one
// task per connection, `select!` on a shutdown broadcast, graceful shutdown that waits for
// every handler through an `mpsc` drop guard, plus a client and a chat relay.

use std::collections::HashMap;
use std::error::Error;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{broadcast, mpsc, Semaphore};

use crate::support::log;
use crate::tracing::{debug, error, info, info_span, Instrument};

pub type BoxError = Box<dyn Error + Send + Sync>;
pub type Db = Arc<Mutex<HashMap<String, String>>>;

pub struct Shutdown {
    is_shutdown: bool,
    notify: broadcast::Receiver<()>,
}

impl Shutdown {
    pub fn new(notify: broadcast::Receiver<()>) -> Shutdown {
        Shutdown {
            is_shutdown: false,
            notify,
        }
    }

    pub fn is_shutdown(&self) -> bool {
        self.is_shutdown
    }

    #[stackless::coroutine]
    pub async fn recv(&mut self) {
        if self.is_shutdown {
            return;
        }
        let _ = self.notify.recv().await;
        self.is_shutdown = true;
    }
}

pub struct Listener {
    listener: TcpListener,
    db: Db,
    limit: Arc<Semaphore>,
    notify_shutdown: broadcast::Sender<()>,
    shutdown_complete_tx: mpsc::Sender<()>,
}

pub struct Handler {
    db: Db,
    lines: tokio::io::Lines<BufReader<tokio::net::tcp::OwnedReadHalf>>,
    writer: tokio::net::tcp::OwnedWriteHalf,
    shutdown: Shutdown,
    _shutdown_complete: mpsc::Sender<()>,
}

impl Listener {
    pub fn new(
        listener: TcpListener,
        db: Db,
        notify_shutdown: broadcast::Sender<()>,
        shutdown_complete_tx: mpsc::Sender<()>,
    ) -> Listener {
        Listener {
            listener,
            db,
            limit: Arc::new(Semaphore::new(8)),
            notify_shutdown,
            shutdown_complete_tx,
        }
    }

    #[stackless::coroutine]
    pub async fn accept(&mut self) -> Result<TcpStream, BoxError> {
        let mut backoff = 1;
        loop {
            match self.listener.accept().await {
                Ok((socket, _)) => return Ok(socket),
                Err(err) => {
                    if backoff > 8 {
                        return Err(err.into());
                    }
                }
            }
            tokio::time::sleep(Duration::from_millis(backoff)).await;
            backoff *= 2;
        }
    }

    #[stackless::coroutine]
    pub async fn run(&mut self) -> Result<(), BoxError> {
        info!("accepting inbound connections");
        loop {
            let permit = self.limit.clone().acquire_owned().await.unwrap();
            let socket = self.accept().await?;
            let peer = socket.peer_addr()?.ip();
            let (r, w) = socket.into_split();
            let mut handler = Handler {
                db: self.db.clone(),
                lines: BufReader::new(r).lines(),
                writer: w,
                shutdown: Shutdown::new(self.notify_shutdown.subscribe()),
                _shutdown_complete: self.shutdown_complete_tx.clone(),
            };
            tokio::spawn(async move {
                if let Err(err) = handler.run().await {
                    error!(cause = ?err, "connection error");
                }
                drop(permit);
            }.instrument(info_span!("conn", %peer)));
        }
    }
}

impl Handler {
    pub fn new(
        socket: TcpStream,
        db: Db,
        notify: broadcast::Receiver<()>,
        shutdown_complete: mpsc::Sender<()>,
    ) -> Handler {
        let (r, w) = socket.into_split();
        Handler {
            db,
            lines: BufReader::new(r).lines(),
            writer: w,
            shutdown: Shutdown::new(notify),
            _shutdown_complete: shutdown_complete,
        }
    }

    #[stackless::coroutine]
    pub async fn run(&mut self) -> Result<(), BoxError> {
        while !self.shutdown.is_shutdown() {
            let maybe_line = tokio::select! {
                res = self.lines.next_line() => res?,
                _ = self.shutdown.recv() => {
                    debug!("shutdown while idle");
                    return Ok(());
                }
            };
            let line = match maybe_line {
                Some(line) => line,
                None => return Ok(()),
            };
            let reply = apply(&self.db, &line);
            debug!(%line, ?reply);
            let Some(reply) = reply else {
                self.writer.write_all(b"BYE\n").await?;
                return Ok(());
            };
            self.writer.write_all(format!("{reply}\n").as_bytes()).await?;
        }
        Ok(())
    }
}

pub fn apply(db: &Db, line: &str) -> Option<String> {
    let mut words = line.split_whitespace();
    let reply = match (words.next(), words.next(), words.next()) {
        (Some("GET"), Some(k), None) => db.lock().unwrap().get(k).cloned().unwrap_or("(nil)".into()),
        (Some("SET"), Some(k), Some(v)) => {
            db.lock().unwrap().insert(k.into(), v.into());
            "OK".into()
        }
        (Some("QUIT"), ..) => return None,
        _ => format!("ERR {line}"),
    };
    Some(reply)
}

#[stackless::coroutine]
pub async fn run(listener: TcpListener, db: Db, shutdown: impl Future) -> usize {
    let (notify_shutdown, _) = broadcast::channel(1);
    let (shutdown_complete_tx, mut shutdown_complete_rx) = mpsc::channel(1);
    let mut server = Listener {
        listener,
        db,
        limit: Arc::new(Semaphore::new(8)),
        notify_shutdown,
        shutdown_complete_tx,
    };
    tokio::select! {
        res = server.run() => {
            if let Err(err) = res {
                error!(cause = %err, "failed to accept");
            }
        }
        _ = shutdown => {
            info!("shutting down");
        }
    }
    let Listener {
        shutdown_complete_tx,
        notify_shutdown,
        ..
    } = server;
    let waiting = notify_shutdown.receiver_count();
    drop(notify_shutdown);
    drop(shutdown_complete_tx);
    let _ = shutdown_complete_rx.recv().await;
    log("server stopped");
    waiting
}

#[stackless::coroutine]
pub async fn session(addr: SocketAddr, commands: &[&str]) -> Result<Vec<String>, BoxError> {
    let stream = TcpStream::connect(addr).await?;
    let (r, mut w) = stream.into_split();
    let mut lines = BufReader::new(r).lines();
    let mut replies = Vec::new();
    for cmd in commands {
        w.write_all(cmd.as_bytes()).await?;
        w.write_all(b"\n").await?;
        match lines.next_line().await? {
            Some(reply) if reply == "BYE" => {
                replies.push(reply);
                break;
            }
            Some(reply) => replies.push(reply),
            None => return Err("server closed the connection".into()),
        }
    }
    Ok(replies)
}

#[stackless::coroutine]
pub async fn serve_one(listener: &TcpListener) -> std::io::Result<(usize, String)> {
    let (mut socket, _) = listener.accept().await?;
    let (r, mut w) = socket.split();
    let mut reader = BufReader::new(r);
    let mut total = 0;
    let mut last = String::new();
    loop {
        let mut line = String::new();
        let n = reader.read_line(&mut line).await?;
        if n == 0 {
            break;
        }
        total += n;
        w.write_all(line.as_bytes()).await?;
        last = line;
    }
    Ok((total, last.trim().to_owned()))
}

#[stackless::coroutine]
pub async fn echo_client(addr: SocketAddr, lines: Vec<String>) -> std::io::Result<String> {
    let mut stream = TcpStream::connect(addr).await?;
    let (r, mut w) = stream.split();
    let mut reader = BufReader::new(r);
    let mut echoed = String::new();
    for l in &lines {
        w.write_all(format!("{l}\n").as_bytes()).await?;
        reader.read_line(&mut echoed).await?;
    }
    w.shutdown().await?;
    Ok(echoed)
}

#[stackless::coroutine]
pub async fn chat_member(
    name: String,
    mut inbox: mpsc::Receiver<String>,
    room: broadcast::Sender<(String, String)>,
    mut feed: broadcast::Receiver<(String, String)>,
) -> Vec<String> {
    let mut heard = vec![];
    let mut sent = 0;
    loop {
        tokio::select! {
            biased;
            got = feed.recv() => match got {
                Ok((from, _)) if from == name => continue,
                Ok((from, text)) => heard.push(format!("{from}: {text}")),
                Err(broadcast::error::RecvError::Lagged(n)) => heard.push(format!("lagged {n}")),
                Err(broadcast::error::RecvError::Closed) => break,
            },
            msg = inbox.recv(), if sent < 8 => match msg {
                Some(text) => {
                    let _ = room.send((name.clone(), text));
                    sent += 1;
                }
                None => break,
            },
        }
    }
    heard
}
