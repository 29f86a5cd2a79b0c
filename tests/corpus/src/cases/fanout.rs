// Fan-out and fan-in: `tokio::join!`, `tokio::try_join!`, `futures::join!`,
// `futures::future::join_all`, `select!` in loops with `break`/`continue`/`return`/`?`.

use std::time::Duration;

use futures::future::{join_all, try_join_all};
use futures::{FutureExt, StreamExt};
use tokio::sync::{mpsc, oneshot, watch};

use crate::support::{log, tick, D};
use crate::tracing::{debug, info};

#[derive(Debug, Clone, PartialEq)]
pub struct User {
    pub id: u32,
    pub name: String,
}

#[stackless::coroutine]
pub async fn load_user(id: u32) -> Result<User, String> {
    tick().await;
    if id == 0 {
        return Err("no user 0".to_owned());
    }
    Ok(User {
        id,
        name: format!("user{id}"),
    })
}

#[stackless::coroutine]
pub async fn load_posts(id: u32) -> Result<Vec<String>, String> {
    tick().await;
    tick().await;
    Ok((0..id % 3).map(|i| format!("post{id}.{i}")).collect())
}

#[stackless::coroutine]
pub async fn profile(id: u32) -> Result<(User, Vec<String>), String> {
    let (user, posts) = tokio::try_join!(load_user(id), load_posts(id))?;
    info!(user = %user.name, posts = posts.len(), "profile loaded");
    Ok((user, posts))
}

#[stackless::coroutine]
pub async fn dashboard(ids: &[u32]) -> (Vec<Result<User, String>>, usize) {
    let _d = D("dashboard");
    let users = join_all(ids.iter().map(|&id| load_user(id))).await;
    let ok = users.iter().filter(|u| u.is_ok()).count();
    (users, ok)
}

#[stackless::coroutine]
pub async fn all_or_nothing(ids: Vec<u32>) -> Result<Vec<String>, String> {
    let users = try_join_all(ids.into_iter().map(load_user)).await?;
    Ok(users.into_iter().map(|u| u.name).collect())
}

#[stackless::coroutine]
pub async fn tokio_join_three() -> (u32, String, D) {
    let a = async {
        tick().await;
        1
    };
    let b = async { format!("b{}", 2) };
    let (x, y, z) = tokio::join!(a, b, async {
        tick().await;
        D("c")
    });
    (x, y, z)
}

#[stackless::coroutine]
pub async fn futures_join_locals(prefix: &str) -> String {
    let left = load_user(1);
    let right = load_user(2);
    let (l, r) = futures::join!(left, right);
    format!("{prefix}: {} {}", l.unwrap().name, r.unwrap().name)
}

#[stackless::coroutine]
pub async fn try_join_early_error(fail: bool) -> Result<u32, String> {
    let _guard = D("try_join");
    let (a, b) = futures::try_join!(
        async { Ok::<_, String>(1) },
        async {
            tick().await;
            if fail {
                Err("b failed".to_string())
            } else {
                Ok(2)
            }
        }
    )?;
    debug!(a, b);
    Ok(a + b)
}

#[stackless::coroutine]
pub async fn spawn_workers(n: u32) -> Vec<u32> {
    let mut handles = Vec::new();
    for i in 0..n {
        handles.push(tokio::spawn(async move {
            tick().await;
            i * i
        }));
    }
    let mut out = vec![];
    for h in handles {
        out.push(h.await.unwrap());
    }
    out
}

#[stackless::coroutine]
pub async fn first_response(mut a: oneshot::Receiver<u32>, mut b: oneshot::Receiver<u32>) -> Option<u32> {
    tokio::select! {
        biased;
        Ok(v) = &mut a => Some(v),
        Ok(v) = &mut b => Some(v * 10),
        else => None,
    }
}

#[stackless::coroutine]
pub async fn worker_loop(mut jobs: mpsc::Receiver<i32>, mut stop: watch::Receiver<bool>) -> Result<i32, String> {
    let mut total = 0;
    'outer: loop {
        tokio::select! {
            biased;
            changed = stop.changed() => {
                if changed.is_err() || *stop.borrow() {
                    info!(total, "stopping");
                    break 'outer;
                }
            }
            job = jobs.recv() => {
                let Some(job) = job else { break };
                if job == 0 {
                    continue;
                }
                if job < 0 {
                    return Err(format!("bad job {job}"));
                }
                total += job;
            }
        }
    }
    Ok(total)
}

#[stackless::coroutine]
pub async fn select_with_question(mut rx: mpsc::Receiver<Result<u8, String>>) -> Result<Vec<u8>, String> {
    let mut got = vec![];
    loop {
        futures::select! {
            v = rx.recv().fuse() => match v {
                Some(v) => got.push(v?),
                None => return Ok(got),
            },
        }
    }
}

#[stackless::coroutine]
pub async fn timeout_each(items: Vec<u64>) -> Vec<Result<u64, String>> {
    let mut out = Vec::new();
    for ms in items {
        let work = async move {
            if ms > 50 {
                std::future::pending::<()>().await;
            }
            tick().await;
            ms * 2
        };
        out.push(
            tokio::time::timeout(Duration::from_millis(2), work)
                .await
                .map_err(|e| e.to_string()),
        );
    }
    out
}

#[stackless::coroutine]
pub async fn race_two<A, B, T>(a: A, b: B) -> (T, &'static str)
where
    A: std::future::Future<Output = T> + Unpin,
    B: std::future::Future<Output = T> + Unpin,
{
    match futures::future::select(a, b).await {
        futures::future::Either::Left((v, _)) => (v, "left"),
        futures::future::Either::Right((v, _)) => (v, "right"),
    }
}

#[stackless::coroutine]
pub async fn buffered_fetch(ids: Vec<u32>, limit: usize) -> Vec<String> {
    futures::stream::iter(ids)
        .map(|id| async move { load_user(id).await.map(|u| u.name).unwrap_or_else(|e| e) })
        .buffered(limit)
        .collect()
        .await
}

#[stackless::coroutine]
pub async fn join_in_loop(rounds: u32) -> u32 {
    let mut acc = 0;
    for r in 0..rounds {
        let (a, b) = tokio::join!(load_posts(r), load_user(r + 1));
        acc += a.map(|p| p.len() as u32).unwrap_or(0) + b.map(|u| u.id).unwrap_or(0);
        if acc > 10 {
            break;
        }
    }
    acc
}

#[stackless::coroutine]
pub async fn notify_all(senders: Vec<oneshot::Sender<String>>, msg: &str) -> usize {
    let mut delivered = 0;
    for (i, tx) in senders.into_iter().enumerate() {
        if tx.send(format!("{msg}#{i}")).is_ok() {
            delivered += 1;
        } else {
            log(format!("receiver {i} gone"));
        }
        tick().await;
    }
    delivered
}
