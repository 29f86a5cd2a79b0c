//! The article's `fetch_user`: two awaits, and the state machine they become.
//!
//! `cargo run --example fetch_user` prints the user and the size of our future next to the
//! native `async fn` with the same body. `tests/expand/fetch_user.expanded.rs` shows the
//! expansion: `Start { id }`, `Await0 { __fut }`, `Await1 { __fut }`, as in the article.

use std::future::Future;
use std::mem::size_of_val;
use std::pin::Pin;
use std::task::{Context, Poll};

#[derive(Debug)]
struct User {
    id: u64,
    name: String,
}

/// A database read that takes a couple of polls, holding a 256-byte row buffer meanwhile.
struct DbFuture {
    id: u64,
    polls: u8,
    row: [u8; 256],
}

impl Future for DbFuture {
    type Output = Vec<u8>;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Vec<u8>> {
        if self.polls < 2 {
            self.polls += 1;
            let id = self.id;
            self.row[0] = id as u8;
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        Poll::Ready(format!("{}:user{}", self.id, self.row[0]).into_bytes())
    }
}

fn fetch_from_db(id: u64) -> DbFuture {
    DbFuture {
        id,
        polls: 0,
        row: [0; 256],
    }
}

async fn parse_user_native(data: Vec<u8>) -> User {
    let text = String::from_utf8(data).expect("utf-8 row");
    let (id, name) = text.split_once(':').expect("id:name");
    User {
        id: id.parse().expect("numeric id"),
        name: name.to_string(),
    }
}

#[stackless::coroutine]
async fn parse_user(data: Vec<u8>) -> User {
    parse_user_native(data).await
}

/// Ours: the attribute turns it into an explicit enum state machine.
#[stackless::coroutine]
async fn fetch_user(id: u64) -> User {
    let data = fetch_from_db(id).await;
    let user = parse_user(data).await;
    user
}

/// The same body as a native `async fn`, for comparison.
async fn fetch_user_native(id: u64) -> User {
    let data = fetch_from_db(id).await;
    let user = parse_user_native(data).await;
    user
}

fn main() {
    let user = stackless::rt::block_on(fetch_user(7));
    println!("fetched {user:?} (id {}, name {})", user.id, user.name);
    let native = stackless::rt::block_on(fetch_user_native(7));
    assert_eq!((user.id, user.name), (native.id, native.name));

    println!("size of fetch_user's future:");
    println!(
        "  #[stackless::coroutine] async fn  {:>4} bytes",
        size_of_val(&fetch_user(7))
    );
    println!(
        "  native async fn                   {:>4} bytes",
        size_of_val(&fetch_user_native(7))
    );
}
