struct Reader;

impl Reader {
    async fn read(&mut self, buf: &mut [u8]) -> usize {
        buf.len()
    }
}

#[stackless::coroutine]
async fn read_all(src: &mut Reader) -> usize {
    let mut buf = [0u8; 64];
    let n = src.read(&mut buf).await;
    n + buf[0] as usize
}

fn main() {
    let mut r = Reader;
    let _ = read_all(&mut r);
}
