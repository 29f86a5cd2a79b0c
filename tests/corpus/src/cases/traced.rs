// `tracing` everywhere: spans entered with `.entered()` and `in_scope`, futures
// `.instrument(span)`ed, events with `?x`/`%x` sigils, `target:`, shorthand fields and
// inline format arguments naming locals kept across awaits.

use crate::support::{tick, D};
use crate::tracing::{debug, error, event, info, info_span, span, trace, Instrument, Level};

#[derive(Debug, Clone)]
pub struct Job {
    pub id: u64,
    pub name: String,
}

#[stackless::coroutine]
pub async fn process(job: Job) -> Result<u64, String> {
    let span = info_span!("process", id = job.id, name = %job.name);
    let start = job.id * 10;
    debug!(?job, start, "starting");
    let result = async {
        tick().await;
        if job.name.is_empty() {
            error!(id = job.id, "empty name");
            return Err(format!("job {} has no name", job.id));
        }
        info!(id = %job.id, "working");
        Ok(start + job.name.len() as u64)
    }
    .instrument(span)
    .await;
    trace!(?result);
    result
}

// `batch` does not compile with the attribute: failing/15_batch.rs

#[stackless::coroutine]
pub async fn in_scope_sync(values: Vec<u32>) -> u32 {
    let span = info_span!("sum", n = values.len());
    let mut acc = 0;
    for v in &values {
        tick().await;
        acc = span.in_scope(|| {
            debug!(v, acc, "adding");
            acc + v
        });
    }
    info!(acc);
    acc
}

#[stackless::coroutine]
pub async fn entered_between(name: &str) -> String {
    let guard = D("g");
    {
        let _e = info_span!("setup", name).entered();
        info!("in setup");
    }
    tick().await;
    let user = format!("{name}!");
    {
        let _e = span!(Level::WARN, "work", %user).entered();
        event!(Level::WARN, user_len = user.len(), "working on {user}");
    }
    tick().await;
    debug!(?guard, "done with {}", name);
    user
}

#[stackless::coroutine]
pub async fn sigils(id: u32, label: &str, items: Vec<&str>) -> usize {
    let count = items.len();
    tick().await;
    info!(?id, %label, count, "listing");
    info!(id, label, ?items);
    tick().await;
    debug!(target: "sigils", first = ?items.first(), last = %items.last().unwrap_or(&"-"));
    info!("{label} has {count} items, id {id}");
    info!("{} and {:?}", label, items);
    count
}

#[stackless::coroutine]
pub async fn nested_spans(depth: u32) -> u32 {
    let outer = info_span!("outer", depth);
    let inner_sum = async move {
        let mut sum = 0;
        for i in 0..depth {
            let s = async move {
                tick().await;
                info!(i, "inner");
                i
            }
            .instrument(info_span!("inner", i))
            .await;
            sum += s;
        }
        sum
    }
    .instrument(outer)
    .await;
    info!(inner_sum);
    inner_sum
}

#[stackless::coroutine]
pub async fn current_span(tag: &'static str) -> String {
    let fut = async move {
        tick().await;
        info!(tag, "inside");
        tag.len()
    };
    let n = fut.in_current_span().await;
    format!("{tag}:{n}")
}
