//! The receiver of a method whose future is awaited: a `&self` method borrows it (it stays in
//! place while the future runs), a `self` method moves it into the future. The macro cannot
//! see which; it takes a method that takes `self` where such calls are most often awaited
//! (`json`, `commit`, `instrument`, `collect`, …) to move a receiver that is not named after
//! the point, and any other method to borrow it. A `self` method it does not know is called
//! as a path (`Obj::by_val(o).await`) or on a block (`{ o }.by_val().await`). Each case runs
//! against the native `async fn` with the same body, with drop logs, cancelled after every
//! number of polls.

#[macro_use]
mod common;
use common::{block_on, delay, poll_n_then_drop, take_log, D};

struct Tx {
    _d: D,
    n: u32,
}

impl Tx {
    async fn commit(self) -> u32 {
        delay(1, ()).await;
        self.n
    }
    async fn peek(&self) -> u32 {
        delay(1, ()).await;
        self.n
    }
    async fn by_val(self) -> u32 {
        delay(1, ()).await;
        self.n + 100
    }
}

fn tx(n: u32) -> Tx {
    Tx { _d: D("tx"), n }
}

both!(async fn commit_after_a_point / commit_after_a_point_native (n: u32) -> u32 {
    let t = tx(n);
    let _g = D("guard");
    delay(1, ()).await;
    t.commit().await + 1
});

both!(async fn borrowed_then_committed / borrowed_then_committed_native (n: u32) -> u32 {
    let t = tx(n);
    let seen = t.peek().await;
    seen + t.commit().await
});

both!(async fn borrowed_last / borrowed_last_native (n: u32) -> u32 {
    let t = tx(n);
    let _g = D("guard");
    t.peek().await
});

both!(async fn unknown_by_path / unknown_by_path_native (n: u32) -> u32 {
    let t = tx(n);
    let seen = t.peek().await;
    seen + Tx::by_val(t).await
});

both!(async fn unknown_on_a_block / unknown_on_a_block_native (n: u32) -> u32 {
    let t = tx(n);
    delay(1, ()).await;
    { t }.by_val().await
});

both!(async fn stream_collected / stream_collected_native (v: Vec<u32>) -> Vec<u32> {
    use futures::StreamExt;
    let s = futures::stream::iter(v).map(|x| x * 2);
    delay(1, ()).await;
    s.collect::<Vec<_>>().await
});

both!(async fn channel_send_last / channel_send_last_native (tx: tokio::sync::mpsc::Sender<u32>) -> bool {
    delay(1, ()).await;
    tx.send(3).await.is_ok()
});

#[test]
fn awaited_receivers_behave_as_natively() {
    macro_rules! same {
        ($ours:ident, $native:ident, $arg:expr) => {
            let ours = block_on($ours($arg));
            let ours_log = take_log();
            assert_eq!(ours, block_on($native($arg)));
            assert_eq!(ours_log, take_log(), stringify!($ours));
            for k in 0..5 {
                let ours = poll_n_then_drop($ours($arg), k);
                let ours_log = take_log();
                assert_eq!(ours, poll_n_then_drop($native($arg), k));
                assert_eq!(
                    ours_log,
                    take_log(),
                    "{} after {k} polls",
                    stringify!($ours)
                );
            }
        };
    }
    same!(commit_after_a_point, commit_after_a_point_native, 1);
    same!(borrowed_then_committed, borrowed_then_committed_native, 2);
    same!(borrowed_last, borrowed_last_native, 3);
    same!(unknown_by_path, unknown_by_path_native, 4);
    same!(unknown_on_a_block, unknown_on_a_block_native, 5);
    same!(stream_collected, stream_collected_native, vec![1, 2]);
    let (s, mut r) = tokio::sync::mpsc::channel(4);
    assert!(block_on(channel_send_last(s.clone())));
    assert!(block_on(channel_send_last_native(s)));
    assert_eq!((r.try_recv(), r.try_recv()), (Ok(3), Ok(3)));
}
