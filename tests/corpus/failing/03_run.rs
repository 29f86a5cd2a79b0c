// Shape: mini-redis `server::run`: `impl Future` shutdown parameter moved into a `tokio::select!` branch (`_ = shutdown =>`) next to `server.run()`, then graceful shutdown through an mpsc drop guard
// From src/cases/server.rs (same imports and types as there).
// Error with the attribute (the body compiles natively):
//   error[E0507]: cannot move out of a mutable reference
//      --> tests/corpus/src/cases/server.rs:149:1
//       |
//   149 |   #[stackless::coroutine]
//       |   ^----------------------
//       |   |
//       |  _in this attribute macro expansion
//       | |
//   150 | | pub async fn run(listener: TcpListener, db: Db, shutdown: impl Future) -> usize {
//   151 | |     let (notify_shutdown, _) = broadcast::channel(1);
//   152 | |     let (shutdown_complete_tx, mut shutdown_complete_rx) = mpsc::channel(1);
//   ...   |
//   166 | |         _ = shutdown => {
//       | |____________________^ move occurs because value has type `impl Future + '__frame`, which does not implement the `Copy` trait
//       |

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
