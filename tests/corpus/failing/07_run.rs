// Shape: accept loop `loop { let permit = self.limit.clone().acquire_owned().await.unwrap(); let socket = self.accept().await?; ... tokio::spawn(async move { .. }.instrument(info_span!(..))) }` (a `Result` from an await unwrapped in the same statement)
// From src/cases/server.rs (same imports and types as there).
// Error with the attribute (the body compiles natively):
//   (At 4256151 this compiled and passed; it fails since the macro at f97805c.)

#[stackless::coroutine]
pub async fn run(&mut self) -> Result<(), BoxError> {
    info!("accepting inbound connections");
    loop {
        let permit = self.limit.clone().acquire_owned().await.unwrap();
        let socket = self.accept().await?;
        let peer = socket.peer_addr()?.ip();
        let (r, w) = socket.into_split();
        let mut handler = Handler {
            db: self.db.clone(),
            lines: BufReader::new(r).lines(),
            writer: w,
            shutdown: Shutdown::new(self.notify_shutdown.subscribe()),
            _shutdown_complete: self.shutdown_complete_tx.clone(),
        };
        tokio::spawn(async move {
            if let Err(err) = handler.run().await {
                error!(cause = ?err, "connection error");
            }
            drop(permit);
        }.instrument(info_span!("conn", %peer)));
    }
}
