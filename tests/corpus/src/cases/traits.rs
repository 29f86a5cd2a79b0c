// Trait impls and methods: lifetimes on impl headers, `&mut self`, `self: Arc<Self>`,
// generic services with `where` clauses, `impl Trait` arguments and returns, trait objects.

use std::collections::HashMap;
use std::fmt::Debug;
use std::future::Future;
use std::sync::Arc;

use crate::support::{log, tick, D};
use crate::tracing::{debug, info};

pub trait Store {
    fn get(&self, key: &str) -> impl Future<Output = Option<String>> + Send;
    fn put(&mut self, key: String, value: String) -> impl Future<Output = Option<String>> + Send;
}

#[derive(Debug, Default)]
pub struct MemStore {
    map: HashMap<String, String>,
    writes: u32,
}

impl Store for MemStore {
    #[stackless::coroutine]
    async fn get(&self, key: &str) -> Option<String> {
        tick().await;
        self.map.get(key).cloned()
    }

    #[stackless::coroutine]
    async fn put(&mut self, key: String, value: String) -> Option<String> {
        tick().await;
        self.writes += 1;
        self.map.insert(key, value)
    }
}

pub struct Cache<S> {
    pub inner: S,
    hits: u32,
    misses: u32,
    local: HashMap<String, String>,
}

impl<S> Cache<S>
where
    S: Store + Send + Sync,
{
    pub fn new(inner: S) -> Self {
        Cache {
            inner,
            hits: 0,
            misses: 0,
            local: HashMap::new(),
        }
    }

    #[stackless::coroutine]
    pub async fn get(&mut self, key: &str) -> Option<String> {
        if let Some(v) = self.local.get(key) {
            self.hits += 1;
            return Some(v.clone());
        }
        self.misses += 1;
        let v = self.inner.get(key).await?;
        self.local.insert(key.to_owned(), v.clone());
        Some(v)
    }

    #[stackless::coroutine]
    pub async fn put(&mut self, key: &str, value: impl Into<String>) -> u32 {
        let value = value.into();
        self.local.remove(key);
        self.inner.put(key.to_owned(), value).await;
        self.hits + self.misses
    }

    pub fn stats(&self) -> (u32, u32) {
        (self.hits, self.misses)
    }
}

pub struct Service {
    name: String,
    calls: std::sync::atomic::AtomicU32,
    _d: D,
}

impl Service {
    pub fn new(name: &str) -> Arc<Service> {
        Arc::new(Service {
            name: name.to_owned(),
            calls: Default::default(),
            _d: D("service"),
        })
    }

    #[stackless::coroutine]
    pub async fn handle(self: Arc<Self>, req: u32) -> String {
        self.calls.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        tick().await;
        info!(service = %self.name, req, "handled");
        format!("{}:{}", self.name, req * 2)
    }

    #[stackless::coroutine]
    pub async fn handle_many(self: &Arc<Self>, reqs: Vec<u32>) -> Vec<String> {
        let mut out = Vec::new();
        for r in reqs {
            out.push(Arc::clone(self).handle(r).await);
        }
        out
    }

    #[stackless::coroutine]
    pub async fn calls(&self) -> u32 {
        tick().await;
        self.calls.load(std::sync::atomic::Ordering::SeqCst)
    }
}

pub struct Counter {
    pub n: u64,
}

impl Counter {
    #[stackless::coroutine]
    pub async fn incr_by(&mut self, by: u64) -> u64 {
        tick().await;
        self.n += by;
        self.n
    }

    #[stackless::coroutine]
    pub async fn into_total(self, extra: u64) -> u64 {
        tick().await;
        self.n + extra
    }
}

#[stackless::coroutine]
pub async fn use_store(mut store: impl Store, keys: &[&str]) -> Vec<Option<String>> {
    for k in keys {
        store.put(k.to_string(), k.to_uppercase()).await;
    }
    let mut out = vec![];
    for k in keys.iter().chain(["missing"].iter()) {
        out.push(store.get(k).await);
    }
    out
}

#[stackless::coroutine]
pub async fn sum_all<I>(items: I) -> i64
where
    I: IntoIterator,
    I::Item: Into<i64> + Debug,
{
    let mut total = 0;
    for item in items {
        debug!(?item);
        tick().await;
        total += item.into();
    }
    total
}

#[stackless::coroutine]
pub async fn apply<F, T, U>(values: Vec<T>, mut f: F) -> Vec<U>
where
    F: FnMut(T) -> U,
{
    let mut out = Vec::with_capacity(values.len());
    for v in values {
        tick().await;
        out.push(f(v));
    }
    out
}

#[stackless::coroutine]
pub async fn then_each<F, Fut>(n: u32, f: F) -> Vec<String>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = String>,
{
    let mut out = vec![];
    for i in 0..n {
        out.push(f(i).await);
    }
    out
}

pub trait Plugin: Send + Sync {
    fn name(&self) -> &str;
    fn run(&self, input: u32) -> u32;
}

pub struct Doubler;
impl Plugin for Doubler {
    fn name(&self) -> &str {
        "double"
    }
    fn run(&self, input: u32) -> u32 {
        input * 2
    }
}

pub struct AddOne(pub D);
impl Plugin for AddOne {
    fn name(&self) -> &str {
        "add1"
    }
    fn run(&self, input: u32) -> u32 {
        input + 1
    }
}

#[stackless::coroutine]
pub async fn run_plugins(plugins: Vec<Box<dyn Plugin>>, mut value: u32) -> (u32, Vec<String>) {
    let mut trail = vec![];
    for p in &plugins {
        tick().await;
        value = p.run(value);
        trail.push(format!("{}={}", p.name(), value));
    }
    drop(plugins);
    log("plugins dropped");
    (value, trail)
}

#[stackless::coroutine]
pub async fn pick_plugin(plugins: &[Arc<dyn Plugin>], name: &str) -> Option<u32> {
    tick().await;
    let p = plugins.iter().find(|p| p.name() == name)?;
    Some(p.run(10))
}

#[stackless::coroutine]
pub async fn display_all<T: std::fmt::Display + ?Sized>(items: &[&T]) -> String {
    let mut s = String::new();
    for i in items {
        tick().await;
        s += &i.to_string();
        s.push(';');
    }
    s
}

#[stackless::coroutine]
pub async fn const_generic<const N: usize>(arr: [u8; N]) -> usize {
    tick().await;
    arr.iter().filter(|&&b| b > 0).count() + N
}
