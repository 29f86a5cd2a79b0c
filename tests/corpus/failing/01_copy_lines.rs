// Shape: generic reader parameter `r: R` consumed by a by-value method (`r.lines()`) before the first await
// From src/cases/frames.rs (same imports and types as there).
// Error with the attribute (the body compiles natively):
//   error[E0507]: cannot move out of a mutable reference
//      --> tests/corpus/src/cases/frames.rs:287:1
//       |
//   287 |   #[stackless::coroutine]
//       |   ^----------------------
//       |   |
//       |  _in this attribute macro expansion
//       | |
//   288 | | pub async fn copy_lines<R, W>(r: R, w: &mut W) -> io::Result<u64>
//   289 | | where
//   290 | |     R: AsyncBufRead + Unpin,
//   ...   |
//   293 | |     let mut lines = r.lines();
//       | |                     ^ ------- value moved due to this method call
//       | |_____________________|
//       |                       move occurs because value has type `R`, which does not implement the `Copy` trait
//       |

#[stackless::coroutine]
pub async fn copy_lines<R, W>(r: R, w: &mut W) -> io::Result<u64>
where
    R: AsyncBufRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut lines = r.lines();
    let mut n = 0u64;
    while let Some(line) = lines.next_line().await? {
        if line.starts_with('#') {
            continue;
        }
        let line = line.to_uppercase();
        w.write_all(line.as_bytes()).await?;
        w.write_all(b"\n").await?;
        n += 1;
    }
    Ok(n)
}
