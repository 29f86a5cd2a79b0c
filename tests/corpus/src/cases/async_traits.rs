// `#[async_trait]` services, as applications wrote them before `async fn` in traits (and
// still do where the trait must be object-safe): a repository behind a lock, request
// handlers as trait objects in a middleware chain, an authenticator with `?`, a default
// method, a `?Send` trait over `Rc` state, and a boxed recursive walk written by hand.

use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

use async_trait::async_trait;
use futures::future::BoxFuture;
use tokio::sync::Mutex;

use crate::support::{log, tick, Guard, D};
use crate::tracing::{debug, info, warn};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: u32,
    pub name: String,
}

#[async_trait]
pub trait Repo: Send + Sync {
    async fn find(&self, id: u32) -> Option<User>;
    async fn insert(&self, user: User) -> Result<(), String>;
    /// A default body, under the attribute in the trait.
    #[stackless::coroutine]
    async fn find_or_default(&self, id: u32) -> User {
        let _g = Guard(format!("find_or_default {id}"));
        match self.find(id).await {
            Some(u) => u,
            None => {
                debug!(id, "not found");
                User { id, name: String::from("anonymous") }
            }
        }
    }
}

#[derive(Default)]
pub struct MemRepo {
    users: Mutex<HashMap<u32, User>>,
}

#[async_trait]
impl Repo for MemRepo {
    #[stackless::coroutine]
    async fn find(&self, id: u32) -> Option<User> {
        let users = self.users.lock().await;
        tick().await;
        users.get(&id).cloned()
    }

    #[stackless::coroutine]
    async fn insert(&self, user: User) -> Result<(), String> {
        if user.name.is_empty() {
            return Err(format!("user {} has no name", user.id));
        }
        let mut users = self.users.lock().await;
        tick().await;
        if users.contains_key(&user.id) {
            warn!(id = user.id, "duplicate");
            return Err(format!("user {} exists", user.id));
        }
        info!(id = user.id, name = %user.name, "inserted");
        users.insert(user.id, user);
        Ok(())
    }
}

#[derive(Debug)]
pub struct Request {
    pub path: String,
    pub token: Option<String>,
    pub body: D,
}

#[derive(Debug, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub text: String,
}

#[async_trait]
pub trait Handler: Send + Sync {
    async fn handle(&self, req: Request) -> Response;
}

pub struct Echo;

#[async_trait]
impl Handler for Echo {
    #[stackless::coroutine]
    async fn handle(&self, req: Request) -> Response {
        let Request { path, body, .. } = req;
        tick().await;
        log(format!("echo {path}"));
        Response { status: 200, text: format!("{path}:{}", body.0) }
    }
}

pub struct Auth<H> {
    pub inner: H,
    pub tokens: Vec<String>,
}

impl<H> Auth<H> {
    fn check(&self, token: Option<&str>) -> Result<(), Response> {
        match token {
            Some(t) if self.tokens.iter().any(|k| k == t) => Ok(()),
            Some(_) => Err(Response { status: 403, text: "forbidden".into() }),
            None => Err(Response { status: 401, text: "no token".into() }),
        }
    }
}

#[async_trait]
impl<H: Handler> Handler for Auth<H> {
    #[stackless::coroutine]
    async fn handle(&self, req: Request) -> Response {
        tick().await;
        if let Err(resp) = self.check(req.token.as_deref()) {
            info!(status = resp.status, path = %req.path, "rejected");
            return resp;
        }
        self.inner.handle(req).await
    }
}

/// Middleware that counts calls through a shared counter and times nothing.
pub struct Counted {
    pub inner: Box<dyn Handler>,
    pub calls: Arc<Mutex<u32>>,
}

#[async_trait]
impl Handler for Counted {
    #[stackless::coroutine]
    async fn handle(&self, req: Request) -> Response {
        {
            let mut n = self.calls.lock().await;
            *n += 1;
        }
        let _g = Guard(String::from("counted"));
        let resp = self.inner.handle(req).await;
        tick().await;
        resp
    }
}

/// Runs a chain of boxed handlers over requests, as a server's dispatch loop would.
#[stackless::coroutine]
pub async fn serve(chain: Vec<Box<dyn Handler>>, reqs: Vec<Request>) -> Vec<Response> {
    let mut out = Vec::new();
    for (h, r) in chain.iter().cycle().zip(reqs) {
        out.push(h.handle(r).await);
    }
    out
}

#[async_trait]
pub trait Parser {
    async fn parse(&mut self, input: &str) -> Result<Vec<u32>, String>;
}

#[derive(Default)]
pub struct Numbers {
    pub seen: usize,
}

#[async_trait]
impl Parser for Numbers {
    #[stackless::coroutine]
    async fn parse(&mut self, input: &str) -> Result<Vec<u32>, String> {
        let mut out = Vec::new();
        for part in input.split(',') {
            tick().await;
            let n: u32 = part.trim().parse().map_err(|e| format!("{part:?}: {e}"))?;
            self.seen += 1;
            out.push(n);
        }
        Ok(out)
    }
}

// `?Send`: single-threaded state behind `Rc`.
#[async_trait(?Send)]
pub trait LocalCache {
    async fn get_or_load(&self, key: &str, load: Rc<dyn Fn(String) -> String>) -> String;
}

#[derive(Default)]
pub struct RcCache {
    pub map: std::cell::RefCell<HashMap<String, Rc<str>>>,
}

#[async_trait(?Send)]
impl LocalCache for RcCache {
    #[stackless::coroutine]
    async fn get_or_load(&self, key: &str, load: Rc<dyn Fn(String) -> String>) -> String {
        if let Some(v) = self.map.borrow().get(key) {
            return v.to_string();
        }
        tick().await;
        let v: Rc<str> = load(key.to_string()).into();
        self.map.borrow_mut().insert(key.to_string(), Rc::clone(&v));
        v.to_string()
    }
}

/// A tree walked by a boxed recursive future, written by hand: the parameter the block does
/// not name (`_visit`) is dropped when the function returns.
pub struct Node {
    pub name: &'static str,
    pub kids: Vec<Node>,
}

#[stackless::coroutine]
pub fn walk<'a>(node: &'a Node, depth: usize, _visit: D) -> BoxFuture<'a, Vec<String>> {
    Box::pin(async move {
        let mut out = vec![format!("{}{}", "-".repeat(depth), node.name)];
        tick().await;
        for k in &node.kids {
            out.extend(walk(k, depth + 1, D("visit")).await);
        }
        out
    })
}
