// Owned-buffer IO: values moved into an awaited call and assigned back afterwards are
// not carried, only redeclared in the resumed arm.
#[stackless::coroutine]
async fn echo_server(stream: TcpStream) -> std::io::Result<usize> {
    let mut stream = stream;
    let mut buf = vec![0u8; 1024];
    let mut total = 0;
    loop {
        let (s, b, n) = read_some(stream, buf).await?;
        if n == 0 {
            return Ok(total);
        }
        total += n;
        let (s, mut b) = write_all(s, b[..n].to_vec()).await?;
        b.resize(1024, 0);
        stream = s;
        buf = b;
    }
}
