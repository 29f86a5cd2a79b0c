// Shared state as services hold it: `Arc<std::sync::Mutex<..>>` (guard dropped before the
// await), `tokio::sync::{Mutex, RwLock, Semaphore, Notify, oneshot, watch}`, request/response
// over channels, actor loops.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tokio::sync::{mpsc, oneshot, watch, Notify, RwLock, Semaphore};

use crate::support::{log, tick, D};
use crate::tracing::{info, warn};

#[derive(Clone, Default)]
pub struct AppState {
    pub hits: Arc<Mutex<HashMap<String, u32>>>,
    pub sessions: Arc<tokio::sync::Mutex<Vec<String>>>,
    pub config: Arc<RwLock<String>>,
}

#[stackless::coroutine]
pub async fn record_hit(state: &AppState, path: &str) -> u32 {
    let n = {
        let mut hits = state.hits.lock().unwrap();
        let n = hits.entry(path.to_owned()).or_default();
        *n += 1;
        *n
    };
    tick().await;
    n
}

#[stackless::coroutine]
pub async fn add_session(state: AppState, user: String) -> usize {
    let mut sessions = state.sessions.lock().await;
    tick().await;
    sessions.push(user);
    sessions.len()
}

#[stackless::coroutine]
pub async fn read_config(state: &AppState) -> String {
    let cfg = state.config.read().await;
    tick().await;
    cfg.clone()
}

#[stackless::coroutine]
pub async fn update_config(state: &AppState, f: impl FnOnce(&mut String)) -> String {
    let mut cfg = state.config.write().await;
    f(&mut cfg);
    info!(config = %*cfg, "updated");
    cfg.clone()
}

#[stackless::coroutine]
pub async fn limited(sem: Arc<Semaphore>, id: u32) -> Result<u32, String> {
    let _permit = sem.acquire().await.map_err(|e| e.to_string())?;
    tick().await;
    Ok(id * 2)
}

#[stackless::coroutine]
pub async fn wait_notified(notify: Arc<Notify>, flag: Arc<Mutex<bool>>) -> &'static str {
    loop {
        if *flag.lock().unwrap() {
            return "ready";
        }
        notify.notified().await;
    }
}

pub enum Msg {
    Get(String, oneshot::Sender<Option<u32>>),
    Set(String, u32),
    Stop(D),
}

#[stackless::coroutine]
pub async fn actor(mut rx: mpsc::Receiver<Msg>) -> usize {
    let mut map = HashMap::new();
    let mut handled = 0;
    while let Some(msg) = rx.recv().await {
        handled += 1;
        match msg {
            Msg::Get(k, reply) => {
                if reply.send(map.get(&k).copied()).is_err() {
                    warn!(key = %k, "requester gone");
                }
            }
            Msg::Set(k, v) => {
                map.insert(k, v);
            }
            Msg::Stop(d) => {
                log(format!("stopping on {d}"));
                break;
            }
        }
    }
    handled
}

#[stackless::coroutine]
pub async fn ask(tx: &mpsc::Sender<Msg>, key: &str) -> Result<Option<u32>, String> {
    let (reply, rx) = oneshot::channel();
    tx.send(Msg::Get(key.to_owned(), reply))
        .await
        .map_err(|_| "actor gone".to_string())?;
    rx.await.map_err(|e| e.to_string())
}

#[stackless::coroutine]
pub async fn watch_until(mut rx: watch::Receiver<u32>, target: u32) -> Vec<u32> {
    let mut seen = vec![*rx.borrow()];
    while *rx.borrow() < target {
        if rx.changed().await.is_err() {
            break;
        }
        let v = *rx.borrow_and_update();
        seen.push(v);
    }
    seen
}

#[stackless::coroutine]
pub async fn producer(tx: mpsc::Sender<D>, names: Vec<&'static str>) -> Result<usize, String> {
    let mut sent = 0;
    for n in names {
        tx.send(D(n)).await.map_err(|e| format!("send failed: {}", e.0))?;
        sent += 1;
    }
    Ok(sent)
}

#[stackless::coroutine]
pub async fn consumer(mut rx: mpsc::Receiver<D>, stop_at: &str) -> Vec<String> {
    let mut got = Vec::new();
    while let Some(d) = rx.recv().await {
        if d.0 == stop_at {
            rx.close();
            continue;
        }
        got.push(d.to_string());
    }
    got
}

#[stackless::coroutine]
pub async fn unbounded_pipeline(input: Vec<u32>) -> Vec<u32> {
    let (tx, mut rx) = mpsc::unbounded_channel();
    let (out_tx, mut out_rx) = mpsc::unbounded_channel();
    for i in input {
        tx.send(i).unwrap();
    }
    drop(tx);
    while let Some(v) = rx.recv().await {
        out_tx.send(v + 1).unwrap();
        tick().await;
    }
    drop(out_tx);
    let mut out = vec![];
    while let Some(v) = out_rx.recv().await {
        out.push(v);
    }
    out
}
