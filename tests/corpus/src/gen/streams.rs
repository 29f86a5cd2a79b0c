//! Async generators (`-> impl Stream`): producers over channels, row streams with paging,
//! ticking streams, transforming streams. Checked against values written in the tests.

use futures::{Stream, StreamExt};
use tokio::sync::mpsc;

use stackless::yield_;

use crate::support::{log, tick, D};
use crate::tracing::{debug, info_span, Instrument};

#[stackless::coroutine]
pub fn from_channel<T: Send>(mut rx: mpsc::Receiver<T>) -> impl Stream<Item = T> {
    while let Some(v) = rx.recv().await {
        yield_!(v);
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub id: u32,
    pub name: String,
}

#[stackless::coroutine]
async fn fetch_page(offset: u32, limit: u32, total: u32) -> Vec<Row> {
    tick().await;
    (offset..(offset + limit).min(total))
        .map(|id| Row {
            id,
            name: format!("row{id}"),
        })
        .collect()
}

#[stackless::coroutine]
pub fn rows(total: u32, page: u32) -> impl Stream<Item = Row> {
    let _conn = D("conn");
    let mut offset = 0;
    loop {
        let batch = fetch_page(offset, page, total).await;
        if batch.is_empty() {
            break;
        }
        offset += batch.len() as u32;
        for row in batch {
            yield_!(row);
        }
    }
    log("rows done");
}

#[stackless::coroutine]
pub fn try_rows(total: u32, fail_at: u32) -> impl Stream<Item = Result<Row, String>> {
    for id in 0..total {
        tick().await;
        if id == fail_at {
            yield_!(Err(format!("row {id} is corrupt")));
            return;
        }
        yield_!(Ok(Row {
            id,
            name: String::new(),
        }));
    }
}

#[stackless::coroutine]
pub fn mapped<S>(input: S, factor: u32) -> impl Stream<Item = u32>
where
    S: Stream<Item = u32> + Unpin,
{
    let mut input = input;
    while let Some(v) = input.next().await {
        if v % 2 == 1 {
            continue;
        }
        yield_!(v * factor);
    }
}

#[stackless::coroutine]
pub fn merge_sorted(
    mut a: mpsc::Receiver<u32>,
    mut b: mpsc::Receiver<u32>,
) -> impl Stream<Item = u32> {
    let mut x = a.recv().await;
    let mut y = b.recv().await;
    loop {
        match (x, y) {
            (Some(p), Some(q)) if p <= q => {
                yield_!(p);
                x = a.recv().await;
            }
            (Some(_), Some(q)) => {
                yield_!(q);
                y = b.recv().await;
            }
            (Some(p), None) => {
                yield_!(p);
                x = a.recv().await;
            }
            (None, Some(q)) => {
                yield_!(q);
                y = b.recv().await;
            }
            (None, None) => break,
        }
    }
}

#[stackless::coroutine]
pub fn batches(mut rx: mpsc::Receiver<String>, max: usize) -> impl Stream<Item = Vec<String>> {
    let mut batch = Vec::new();
    loop {
        match rx.recv().await {
            Some(item) => {
                batch.push(item);
                if batch.len() == max {
                    yield_!(std::mem::take(&mut batch));
                }
            }
            None => {
                if !batch.is_empty() {
                    yield_!(batch);
                }
                return;
            }
        }
    }
}

#[stackless::coroutine]
pub fn events(n: u32) -> impl Stream<Item = String> {
    for i in 0..n {
        let span = info_span!("event", i);
        let s = async move {
            debug!("producing");
            tick().await;
            format!("e{i}")
        }
        .instrument(span)
        .await;
        yield_!(s);
    }
}

#[stackless::coroutine]
pub fn countdown(from: u32) -> impl Stream<Item = u32> {
    let mut n = from;
    while n > 0 {
        tokio::task::yield_now().await;
        yield_!(n);
        n -= 1;
    }
}
