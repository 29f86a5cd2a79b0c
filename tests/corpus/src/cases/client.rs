// A reqwest-style client over a scripted transport: retries with backoff, timeouts,
// pagination, hedged requests, tokens refreshed through `&mut self`.

use std::collections::{HashMap, VecDeque};
use std::error::Error;
use std::fmt;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::support::{log, tick, D};
use crate::tracing::{debug, info, info_span, warn, Instrument};

#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub method: &'static str,
    pub path: String,
    pub body: Vec<u8>,
    pub token: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    pub status: u16,
    pub body: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ClientError {
    Connect(String),
    Status(u16),
    Timeout,
    Decode(String),
}

impl fmt::Display for ClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClientError::Connect(m) => write!(f, "connect: {m}"),
            ClientError::Status(s) => write!(f, "status {s}"),
            ClientError::Timeout => f.write_str("timed out"),
            ClientError::Decode(m) => write!(f, "decode: {m}"),
        }
    }
}

impl Error for ClientError {}

impl ClientError {
    pub fn is_retryable(&self) -> bool {
        matches!(self, ClientError::Connect(_) | ClientError::Timeout)
            || matches!(self, ClientError::Status(s) if *s >= 500)
    }
}

pub trait Transport {
    fn send(&self, req: Request) -> impl Future<Output = Result<Response, ClientError>> + Send;
}

/// Answers from a script, one entry per request; `None` hangs forever.
#[derive(Clone, Default)]
pub struct Scripted {
    pub script: Arc<Mutex<VecDeque<Option<Result<Response, ClientError>>>>>,
    pub seen: Arc<Mutex<Vec<String>>>,
}

impl Scripted {
    pub fn new(items: Vec<Option<Result<(u16, &str), ClientError>>>) -> Self {
        let script = items
            .into_iter()
            .map(|i| {
                i.map(|r| {
                    r.map(|(status, body)| Response {
                        status,
                        body: body.to_owned(),
                    })
                })
            })
            .collect();
        Scripted {
            script: Arc::new(Mutex::new(script)),
            seen: Arc::default(),
        }
    }
}

impl Transport for Scripted {
    #[stackless::coroutine]
    async fn send(&self, req: Request) -> Result<Response, ClientError> {
        self.seen
            .lock()
            .unwrap()
            .push(format!("{} {}", req.method, req.path));
        tick().await;
        let next = self.script.lock().unwrap().pop_front();
        match next {
            Some(Some(r)) => r,
            Some(None) => std::future::pending().await,
            None => Err(ClientError::Connect("script exhausted".into())),
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct RetryPolicy {
    pub max_attempts: u32,
    pub base: Duration,
}

pub struct Client<T> {
    transport: T,
    base_url: String,
    token: Option<String>,
    timeout: Duration,
}

impl<T: Transport> Client<T> {
    pub fn new(transport: T, base_url: impl Into<String>) -> Self {
        Client {
            transport,
            base_url: base_url.into(),
            token: None,
            timeout: Duration::from_millis(20),
        }
    }

    fn request(&self, method: &'static str, path: &str) -> Request {
        Request {
            method,
            path: format!("{}{}", self.base_url, path),
            body: Vec::new(),
            token: self.token.clone(),
        }
    }

    #[stackless::coroutine]
    pub async fn get(&self, path: &str) -> Result<Response, ClientError> {
        let req = self.request("GET", path);
        let resp = self.transport.send(req).await?;
        if !(200..300).contains(&resp.status) {
            warn!(status = resp.status, path, "request failed");
            return Err(ClientError::Status(resp.status));
        }
        debug!(len = resp.body.len(), "ok");
        Ok(resp)
    }

    #[stackless::coroutine]
    pub async fn get_with_retry(&self, path: &str, policy: RetryPolicy) -> Result<Response, ClientError> {
        let mut attempt = 0;
        loop {
            attempt += 1;
            match self.get(path).await {
                Ok(resp) => return Ok(resp),
                Err(e) if e.is_retryable() && attempt < policy.max_attempts => {
                    let backoff = policy.base * 2u32.pow(attempt - 1);
                    info!(attempt, error = %e, ?backoff, "retrying");
                    tokio::time::sleep(backoff).await;
                }
                Err(e) => {
                    warn!(attempt, "giving up: {e}");
                    return Err(e);
                }
            }
        }
    }

    #[stackless::coroutine]
    pub async fn post_with_timeout(&self, path: &str, body: Vec<u8>) -> Result<u16, ClientError> {
        let mut req = self.request("POST", path);
        req.body = body;
        match tokio::time::timeout(self.timeout, self.transport.send(req)).await {
            Ok(Ok(resp)) => Ok(resp.status),
            Ok(Err(e)) => Err(e),
            Err(_elapsed) => {
                warn!(?path, "timed out");
                Err(ClientError::Timeout)
            }
        }
    }

    #[stackless::coroutine]
    pub async fn fetch_map(&self, path: &str) -> Result<HashMap<String, String>, Box<dyn Error + Send + Sync>> {
        let resp = self.get(path).await?;
        let mut map = HashMap::new();
        for pair in resp.body.split(';').filter(|p| !p.is_empty()) {
            let (k, v) = pair
                .split_once('=')
                .ok_or_else(|| format!("missing '=' in {pair:?}"))?;
            let _: u32 = v.parse()?;
            map.insert(k.to_owned(), v.to_owned());
        }
        Ok(map)
    }

    #[stackless::coroutine]
    pub async fn fetch_all(&self, paths: &[&str]) -> Vec<Result<String, String>> {
        let mut out = Vec::with_capacity(paths.len());
        for path in paths {
            let r = self.get(path).await.map(|r| r.body).map_err(|e| e.to_string());
            out.push(r);
        }
        out
    }

    #[stackless::coroutine]
    pub async fn first_ok(&self, mirrors: Vec<String>) -> Option<(usize, Response)> {
        for (i, m) in mirrors.iter().enumerate() {
            let resp = match self.get(m).await {
                Ok(r) => r,
                Err(ClientError::Status(404)) => continue,
                Err(e) => {
                    debug!(mirror = %m, %e);
                    continue;
                }
            };
            return Some((i, resp));
        }
        None
    }

    #[stackless::coroutine]
    pub async fn paginate(&self, path: &str) -> Result<Vec<String>, ClientError> {
        let mut items = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let url = match &cursor {
                Some(c) => format!("{path}?cursor={c}"),
                None => path.to_owned(),
            };
            let page = self.get(&url).await?;
            let (body, next) = match page.body.split_once('|') {
                Some((b, n)) => (b.to_owned(), Some(n.to_owned())),
                None => (page.body.clone(), None),
            };
            items.extend(body.split(',').map(str::to_owned));
            match next {
                Some(c) if !c.is_empty() => cursor = Some(c),
                _ => break,
            }
        }
        Ok(items)
    }

    #[stackless::coroutine]
    pub async fn login(&mut self, user: &str, password: &str) -> Result<(), ClientError> {
        let mut req = self.request("POST", "/login");
        req.body = format!("{user}:{password}").into_bytes();
        let resp = self.transport.send(req).await?;
        if resp.status != 200 {
            return Err(ClientError::Status(resp.status));
        }
        self.token = Some(resp.body);
        info!(user, "logged in");
        Ok(())
    }

    #[stackless::coroutine]
    pub async fn get_authed(&mut self, path: &str) -> Result<Response, ClientError> {
        if self.token.is_none() {
            self.login("admin", "hunter2").await?;
        }
        match self.get(path).await {
            Err(ClientError::Status(401)) => {
                self.token = None;
                self.login("admin", "hunter2").await?;
                self.get(path).await
            }
            other => other,
        }
    }

    #[stackless::coroutine]
    pub async fn traced_get(&self, id: u64, path: &str) -> Result<String, ClientError> {
        let span = info_span!("request", id, path = %path);
        async move {
            let resp = self.get(path).await?;
            info!(status = resp.status, "done");
            Ok(resp.body)
        }
        .instrument(span)
        .await
    }
}

#[stackless::coroutine]
pub async fn connect<T: Transport>(transport: T, url: &str) -> Result<Client<T>, ClientError> {
    let client = Client::new(transport, url);
    client.get("/health").await?;
    Ok(client)
}

#[stackless::coroutine]
pub async fn retry<F, Fut, T, E>(mut op: F, policy: RetryPolicy) -> Result<T, E>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Result<T, E>>,
    E: fmt::Display,
{
    let _d = D("retry");
    let mut attempt = 0;
    loop {
        match op(attempt).await {
            Ok(v) => break Ok(v),
            Err(e) if attempt + 1 >= policy.max_attempts => break Err(e),
            Err(e) => {
                log(format!("attempt {attempt} failed: {e}"));
                attempt += 1;
                tokio::task::yield_now().await;
            }
        }
    }
}

#[stackless::coroutine]
pub async fn with_timeout<T>(dur: Duration, fut: impl Future<Output = T>) -> Result<T, ClientError> {
    tokio::time::timeout(dur, fut)
        .await
        .map_err(|_| ClientError::Timeout)
}

#[stackless::coroutine]
pub async fn hedged<T: Transport>(client: &Client<T>, path: &str, delay: Duration) -> Result<Response, ClientError> {
    let first = client.get(path);
    tokio::pin!(first);
    tokio::select! {
        r = &mut first => return r,
        _ = tokio::time::sleep(delay) => {
            debug!("hedging");
        }
    }
    tokio::select! {
        r = first => r,
        r = client.get(path) => r,
    }
}
