//! `#[stackless::coroutine]` futures on `stackless::rt`, and more shapes of async bodies.

mod common;
use common::{delay, log, take_log, D};
use stackless::rt;
use std::time::Duration;

#[stackless::coroutine]
async fn sleeper(ms: u64, v: u32) -> u32 {
    rt::sleep(Duration::from_millis(ms)).await;
    rt::yield_now().await;
    v + 1
}

#[test]
fn runs_on_stackless_rt_with_timers() {
    assert_eq!(rt::block_on(sleeper(2, 1)), 2);
}

#[test]
fn spawned_tasks_on_the_current_thread_runtime() {
    let v = rt::block_on(async {
        let handles: Vec<_> = (0..10).map(|i| rt::spawn(sleeper(1, i))).collect();
        let mut out = Vec::new();
        for h in handles {
            out.push(h.await.unwrap());
        }
        out
    });
    assert_eq!(v, (1..=10).collect::<Vec<_>>());
}

#[test]
fn spawned_on_the_multi_thread_runtime() {
    let runtime = rt::Runtime::builder().worker_threads(2).build().unwrap();
    let v = runtime.block_on(async {
        let handles: Vec<_> = (0..100).map(|i| rt::spawn(sleeper(0, i))).collect();
        let mut sum = 0;
        for h in handles {
            sum += h.await.unwrap();
        }
        sum
    });
    assert_eq!(v, (1..=100).sum::<u32>());
}

#[stackless::coroutine]
async fn guarded_sleep() -> u32 {
    let _g = D("guard");
    rt::sleep(Duration::from_secs(30)).await;
    log("never");
    1
}

#[test]
fn rt_timeout_cancels_and_drops_live_locals() {
    take_log();
    let r = rt::block_on(rt::timeout(Duration::from_millis(5), guarded_sleep()));
    assert!(r.is_err());
    assert_eq!(take_log(), ["drop guard"]);
}

#[stackless::coroutine]
async fn inner_task() -> u32 {
    let _i = D("inner local");
    delay(3, 7).await
}

#[stackless::coroutine]
async fn outer_task() -> u32 {
    let _o = D("outer local");
    inner_task().await + 1
}

#[test]
fn cancelling_the_outer_future_drops_the_inner_one_first() {
    take_log();
    assert_eq!(common::poll_n_then_drop(outer_task(), 2), None);
    assert_eq!(take_log(), ["drop inner local", "drop outer local"]);
    assert_eq!(rt::block_on(outer_task()), 8);
    assert_eq!(take_log(), ["drop inner local", "drop outer local"]);
}

#[stackless::coroutine]
async fn abort_me() -> u32 {
    let _g = D("aborted local");
    rt::sleep(Duration::from_secs(30)).await;
    0
}

#[test]
fn aborting_a_spawned_stackless_future_drops_it() {
    take_log();
    let err = rt::block_on(async {
        let h = rt::spawn(abort_me());
        rt::yield_now().await;
        h.abort();
        h.await.unwrap_err()
    });
    assert!(err.is_cancelled());
    assert_eq!(take_log(), ["drop aborted local"]);
}

struct Wrapper<T> {
    value: T,
}

impl<T: Clone + Unpin> Wrapper<T> {
    #[stackless::coroutine]
    async fn get(&self) -> T {
        delay(1, self.value.clone()).await
    }

    #[stackless::coroutine]
    async fn name(&self, s: &'static str) -> &'static str {
        rt::yield_now().await;
        s
    }
}

#[test]
fn methods_in_a_generic_impl() {
    let w = Wrapper {
        value: String::from("v"),
    };
    assert_eq!(rt::block_on(w.get()), "v");
    assert_eq!(rt::block_on(w.name("n")), "n");
}

#[stackless::coroutine]
async fn returns_impl_trait(n: u32) -> impl Iterator<Item = u32> {
    let k = delay(1, n).await;
    (0..k).map(|x| x * 2)
}

#[test]
fn output_type_containing_impl_trait() {
    assert_eq!(
        rt::block_on(returns_impl_trait(3)).collect::<Vec<_>>(),
        [0, 2, 4]
    );
}

#[derive(Debug, PartialEq)]
enum AppError {
    Parse(String),
    Io,
}

impl From<std::num::ParseIntError> for AppError {
    fn from(e: std::num::ParseIntError) -> Self {
        AppError::Parse(e.to_string())
    }
}

#[stackless::coroutine]
async fn converting_errors(s: &str, io_ok: bool) -> Result<u32, AppError> {
    let n: u32 = delay(1, s).await.parse()?;
    if !delay(1, io_ok).await {
        return Err(AppError::Io);
    }
    Ok(n)
}

#[test]
fn question_mark_converts_error_types() {
    assert_eq!(rt::block_on(converting_errors("5", true)), Ok(5));
    assert_eq!(
        rt::block_on(converting_errors("5", false)),
        Err(AppError::Io)
    );
    assert!(matches!(
        rt::block_on(converting_errors("x", true)),
        Err(AppError::Parse(_))
    ));
}

enum Cmd {
    Add(u32),
    Wait(u32),
    Stop,
}

#[stackless::coroutine]
async fn interpreter(mut cmds: Vec<Cmd>) -> u32 {
    cmds.reverse();
    let mut acc = 0;
    while let Some(cmd) = cmds.pop() {
        match cmd {
            Cmd::Add(n) => acc += delay(1, n).await,
            Cmd::Wait(ticks) => {
                for _ in 0..ticks {
                    rt::yield_now().await;
                }
            }
            Cmd::Stop => break,
        }
    }
    acc
}

#[test]
fn match_arms_and_while_let_with_awaits() {
    let cmds = vec![
        Cmd::Add(2),
        Cmd::Wait(3),
        Cmd::Add(5),
        Cmd::Stop,
        Cmd::Add(100),
    ];
    assert_eq!(rt::block_on(interpreter(cmds)), 7);
}

#[stackless::coroutine]
async fn nested_early_return(grid: Vec<Vec<u32>>, target: u32) -> Option<(usize, usize)> {
    for (i, row) in grid.into_iter().enumerate() {
        for (j, x) in row.into_iter().enumerate() {
            if delay(1, x).await == target {
                return Some((i, j));
            }
        }
    }
    None
}

#[test]
fn early_return_from_nested_loops() {
    let grid = vec![vec![1, 2], vec![3, 4]];
    assert_eq!(
        rt::block_on(nested_early_return(grid.clone(), 3)),
        Some((1, 0))
    );
    assert_eq!(rt::block_on(nested_early_return(grid, 9)), None);
}

#[test]
fn boxed_as_dyn_future() {
    let futs: Vec<std::pin::Pin<Box<dyn std::future::Future<Output = u32> + Send>>> =
        vec![Box::pin(sleeper(0, 1)), Box::pin(outer_task())];
    let v = rt::block_on(async {
        let mut out = vec![];
        for f in futs {
            out.push(f.await);
        }
        out
    });
    assert_eq!(v, [2, 8]);
    take_log();
}
