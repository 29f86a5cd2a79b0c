// Service building blocks: a rate limiter on `tokio::time::interval`, a `Stream` pipeline over
// a channel with `StreamExt` adapters, an LRU cache behind `tokio::sync::RwLock`, a retry
// helper generic over `FnMut() -> Fut`, a oneshot request/response actor with a handle,
// trait methods returning `Pin<Box<dyn Future + Send + '_>>`, a parser over a stream of
// `&[u8]` chunks, a shutdown coordinator on `watch`, `FuturesUnordered`, `JoinSet`, and
// error conversions through `?` and `From`.

use std::borrow::Cow;
use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use futures::stream::{FuturesUnordered, Stream, StreamExt};
use tokio::sync::{mpsc, oneshot, watch, RwLock};
use tokio::task::JoinSet;
use tokio::time::{interval, MissedTickBehavior};

use crate::support::{log, tick, D};
use crate::tracing::{debug, info, warn};

#[stackless::coroutine]
pub async fn rate_limited(items: Vec<&'static str>, burst: usize) -> Vec<String> {
    let mut ticker = interval(Duration::from_micros(300));
    ticker.set_missed_tick_behavior(MissedTickBehavior::Delay);
    let mut out = Vec::with_capacity(items.len());
    for (i, chunk) in items.chunks(burst).enumerate() {
        ticker.tick().await;
        for item in chunk {
            out.push(format!("{i}:{item}"));
        }
        debug!(batch = i, size = chunk.len());
    }
    out
}

#[stackless::coroutine]
pub async fn stream_pipeline(rx: mpsc::Receiver<u32>, limit: u32) -> (Vec<String>, u32) {
    let stream = futures::stream::unfold(rx, |mut rx| async move {
        let v = rx.recv().await?;
        Some((v, rx))
    });
    let words: Vec<String> = stream
        .filter(|v| std::future::ready(v % 3 != 0))
        .map(|v| v * 10)
        .then(|v| async move {
            tick().await;
            v + 1
        })
        .take_while(|v| std::future::ready(*v < limit))
        .chunks(2)
        .map(|c| c.iter().map(|v| v.to_string()).collect::<Vec<_>>().join("+"))
        .collect()
        .await;
    let total = words.iter().map(|w| w.split('+').count() as u32).sum();
    (words, total)
}

pub struct Lru {
    cap: usize,
    map: HashMap<String, String>,
    order: VecDeque<String>,
}

impl Lru {
    pub fn new(cap: usize) -> Lru {
        Lru {
            cap,
            map: HashMap::new(),
            order: VecDeque::new(),
        }
    }

    fn touch(&mut self, key: &str) {
        if let Some(pos) = self.order.iter().position(|k| k == key) {
            let k = self.order.remove(pos).unwrap();
            self.order.push_back(k);
        }
    }
}

pub struct SharedLru {
    inner: RwLock<Lru>,
    loads: std::sync::atomic::AtomicU32,
}

impl SharedLru {
    pub fn new(cap: usize) -> SharedLru {
        SharedLru {
            inner: RwLock::new(Lru::new(cap)),
            loads: Default::default(),
        }
    }

    #[stackless::coroutine]
    pub async fn get_or_load<F, Fut>(&self, key: &str, load: F) -> Result<String, String>
    where
        F: FnOnce(String) -> Fut,
        Fut: Future<Output = Result<String, String>>,
    {
        {
            let cache = self.inner.read().await;
            if let Some(v) = cache.map.get(key) {
                let v = v.clone();
                drop(cache);
                self.inner.write().await.touch(key);
                return Ok(v);
            }
        }
        self.loads.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let value = load(key.to_owned()).await?;
        let mut cache = self.inner.write().await;
        if cache.map.len() >= cache.cap {
            if let Some(old) = cache.order.pop_front() {
                cache.map.remove(&old);
                log(format!("evict {old}"));
            }
        }
        cache.map.insert(key.to_owned(), value.clone());
        cache.order.push_back(key.to_owned());
        Ok(value)
    }

    #[stackless::coroutine]
    pub async fn keys(&self) -> (Vec<String>, u32) {
        let cache = self.inner.read().await;
        (
            cache.order.iter().cloned().collect(),
            self.loads.load(std::sync::atomic::Ordering::Relaxed),
        )
    }
}

#[stackless::coroutine]
pub async fn retry_until<F, Fut, T, E>(mut op: F, max: u32, mut retryable: impl FnMut(&E) -> bool) -> (Result<T, E>, u32)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, E>>,
    E: fmt::Debug,
{
    let mut tries = 0;
    let result = loop {
        tries += 1;
        let err = match op().await {
            Ok(v) => break Ok(v),
            Err(e) => e,
        };
        if tries >= max || !retryable(&err) {
            warn!(?err, tries, "giving up");
            break Err(err);
        }
        tick().await;
    };
    (result, tries)
}

#[derive(Debug)]
pub enum Command {
    Get {
        key: String,
        resp: oneshot::Sender<Option<i64>>,
    },
    Incr {
        key: String,
        by: i64,
        resp: oneshot::Sender<Result<i64, String>>,
    },
}

pub struct CounterActor {
    rx: mpsc::Receiver<Command>,
    counts: HashMap<String, i64>,
    _guard: D,
}

#[derive(Clone)]
pub struct CounterHandle {
    tx: mpsc::Sender<Command>,
}

pub fn counter_actor(cap: usize) -> (CounterActor, CounterHandle) {
    let (tx, rx) = mpsc::channel(cap);
    (
        CounterActor {
            rx,
            counts: HashMap::new(),
            _guard: D("actor"),
        },
        CounterHandle { tx },
    )
}

impl CounterActor {
    #[stackless::coroutine]
    pub async fn run(mut self) -> HashMap<String, i64> {
        while let Some(cmd) = self.rx.recv().await {
            match cmd {
                Command::Get { key, resp } => {
                    let _ = resp.send(self.counts.get(&key).copied());
                }
                Command::Incr { key, by, resp } => {
                    let entry = self.counts.entry(key).or_insert(0);
                    let reply = match entry.checked_add(by) {
                        Some(n) => {
                            *entry = n;
                            Ok(n)
                        }
                        None => Err("overflow".to_string()),
                    };
                    if resp.send(reply).is_err() {
                        log("caller went away");
                    }
                }
            }
        }
        self.counts
    }
}

impl CounterHandle {
    #[stackless::coroutine]
    pub async fn incr(&self, key: &str, by: i64) -> Result<i64, String> {
        let (resp, rx) = oneshot::channel();
        let cmd = Command::Incr {
            key: key.to_owned(),
            by,
            resp,
        };
        self.tx.send(cmd).await.map_err(|_| "actor stopped".to_string())?;
        rx.await.map_err(|_| "no reply".to_string())?
    }

    #[stackless::coroutine]
    pub async fn get(&self, key: &str) -> Option<i64> {
        let (resp, rx) = oneshot::channel();
        self.tx
            .send(Command::Get {
                key: key.into(),
                resp,
            })
            .await
            .ok()?;
        rx.await.ok().flatten()
    }
}

pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

pub trait Middleware: Send + Sync {
    fn name(&self) -> &str;
    fn handle<'a>(&'a self, req: &'a str) -> BoxFuture<'a, Result<String, String>>;
}

pub struct Prefix(pub String);

impl Prefix {
    #[stackless::coroutine]
    async fn apply(&self, req: &str) -> Result<String, String> {
        tick().await;
        Ok(format!("{}{req}", self.0))
    }
}

impl Middleware for Prefix {
    fn name(&self) -> &str {
        "prefix"
    }

    fn handle<'a>(&'a self, req: &'a str) -> BoxFuture<'a, Result<String, String>> {
        Box::pin(self.apply(req))
    }
}

pub struct Deny(pub &'static str);

impl Deny {
    #[stackless::coroutine]
    async fn check(&self, req: &str) -> Result<String, String> {
        if req.contains(self.0) {
            return Err(format!("denied: {}", self.0));
        }
        tick().await;
        Ok(req.to_owned())
    }
}

impl Middleware for Deny {
    fn name(&self) -> &str {
        "deny"
    }

    fn handle<'a>(&'a self, req: &'a str) -> BoxFuture<'a, Result<String, String>> {
        Box::pin(self.check(req))
    }
}

#[stackless::coroutine]
pub async fn run_chain(chain: &[Box<dyn Middleware>], req: &str) -> Result<String, String> {
    let mut cur = req.to_owned();
    for m in chain {
        cur = m.handle(&cur).await.map_err(|e| format!("{}: {e}", m.name()))?;
        debug!(name = m.name(), %cur);
    }
    Ok(cur)
}

#[derive(Debug, PartialEq)]
pub enum Token<'a> {
    Line(Cow<'a, str>),
    Partial(usize),
}

#[stackless::coroutine]
pub async fn parse_chunks<'a, S>(mut chunks: S) -> Vec<Token<'a>>
where
    S: Stream<Item = &'a [u8]> + Unpin,
{
    let mut out = Vec::new();
    let mut carry: Vec<u8> = Vec::new();
    while let Some(chunk) = chunks.next().await {
        let mut rest = chunk;
        while let Some(nl) = rest.iter().position(|&b| b == b'\n') {
            let (line, tail) = rest.split_at(nl);
            rest = &tail[1..];
            if carry.is_empty() {
                out.push(Token::Line(String::from_utf8_lossy(line)));
            } else {
                carry.extend_from_slice(line);
                let owned = String::from_utf8_lossy(&carry).into_owned();
                carry.clear();
                out.push(Token::Line(Cow::Owned(owned)));
            }
        }
        carry.extend_from_slice(rest);
    }
    if !carry.is_empty() {
        out.push(Token::Partial(carry.len()));
    }
    out
}

#[stackless::coroutine]
pub async fn shutdown_worker(id: u32, mut jobs: mpsc::Receiver<u32>, mut shutdown: watch::Receiver<bool>) -> (u32, u32) {
    let mut done = 0;
    loop {
        tokio::select! {
            biased;
            changed = shutdown.changed() => {
                if changed.is_err() || *shutdown.borrow() {
                    info!(id, done, "worker stopping");
                    break;
                }
            }
            job = jobs.recv() => match job {
                Some(j) => {
                    tick().await;
                    done += j;
                }
                None => break,
            },
        }
    }
    (id, done)
}

#[stackless::coroutine]
pub async fn coordinate(jobs: Vec<Vec<u32>>) -> Vec<(u32, u32)> {
    let (stop_tx, stop_rx) = watch::channel(false);
    let mut senders = Vec::new();
    let mut set = JoinSet::new();
    for (id, work) in jobs.into_iter().enumerate() {
        let (tx, rx) = mpsc::channel(4);
        set.spawn(shutdown_worker(id as u32, rx, stop_rx.clone()));
        for j in work {
            tx.send(j).await.unwrap();
        }
        senders.push(tx);
    }
    drop(stop_rx);
    for _ in 0..8 {
        tick().await;
    }
    stop_tx.send_replace(true);
    stop_tx.closed().await;
    let mut results = Vec::new();
    while let Some(r) = set.join_next().await {
        results.push(r.unwrap());
    }
    results.sort();
    drop(senders);
    results
}

#[stackless::coroutine]
pub async fn fetch_unordered(delays: Vec<u32>) -> Vec<(usize, u32)> {
    let mut pending: FuturesUnordered<_> = delays
        .iter()
        .enumerate()
        .map(|(i, &d)| async move {
            for _ in 0..d {
                tick().await;
            }
            (i, d)
        })
        .collect();
    let mut order = Vec::new();
    while let Some((i, d)) = pending.next().await {
        if d == 0 {
            continue;
        }
        order.push((i, d));
        if order.len() == 3 {
            break;
        }
    }
    log(format!("left {}", pending.len()));
    order
}

#[derive(Debug)]
pub enum AppError {
    Missing(&'static str),
    Number(std::num::ParseIntError),
    Range(u32),
}

impl From<std::num::ParseIntError> for AppError {
    fn from(e: std::num::ParseIntError) -> Self {
        AppError::Number(e)
    }
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AppError::Missing(k) => write!(f, "missing {k}"),
            AppError::Number(e) => write!(f, "bad number: {e}"),
            AppError::Range(v) => write!(f, "{v} out of range"),
        }
    }
}

#[derive(Debug, PartialEq)]
pub struct Settings {
    pub port: u16,
    pub workers: u32,
    pub name: String,
}

#[stackless::coroutine]
pub async fn load_settings(src: &str) -> Result<Settings, AppError> {
    let vars: HashMap<&str, &str> = src
        .lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.trim(), v.trim()))
        .collect();
    tick().await;
    let port: u16 = vars.get("port").ok_or(AppError::Missing("port"))?.parse()?;
    let workers = match vars.get("workers") {
        Some(w) => w.parse::<u32>()?,
        None => 4,
    };
    if !(1..=64).contains(&workers) {
        return Err(AppError::Range(workers));
    }
    tick().await;
    let name = vars
        .get("name")
        .map(|n| n.to_string())
        .unwrap_or_else(|| format!("svc-{port}"));
    Ok(Settings {
        port,
        workers,
        name,
    })
}
