//! Timers: one binary heap per runtime, driven by the park timeout of its threads.
//!
//! A [`Sleep`] registers `(deadline, waker)` on its first poll. The heap orders entries by
//! deadline (then by registration order); a slab of slots holds the wakers, and a
//! generation number per slot lets a dropped `Sleep` cancel its entry in O(1) (the heap
//! entry goes stale and is skipped; the heap is compacted when stale entries dominate).
//! Runtime threads fire due timers between tasks and park with a timeout equal to the time
//! left until the earliest deadline. There is no thread per timer. A `Sleep` polled outside
//! any `stackless` runtime (say, on another executor) uses one process-wide timer thread.

use core::cmp::Reverse;
use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::sync::atomic::AtomicU64;
use core::sync::atomic::Ordering::{Acquire, Release};
use core::task::{Context, Poll, Waker};
use core::time::Duration;
use std::collections::BinaryHeap;
use std::prelude::rust_2021::*;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};
use std::thread::{self, Thread};
use std::time::Instant;

use super::context;

const NONE_DUE: u64 = u64::MAX;
const NO_SLOT: u32 = u32::MAX;

/// The timer structure of one runtime (or of the fallback timer thread).
pub(crate) struct Timer {
    inner: Mutex<Inner>,
    /// Earliest live deadline in nanoseconds since `base`, or `NONE_DUE`: lets the hot loop
    /// check for due timers without taking the lock.
    next_due: AtomicU64,
    base: Instant,
    /// Called (outside the lock) when a registration becomes the earliest deadline, so
    /// that a thread parked with a longer timeout can be woken.
    on_earlier: Box<dyn Fn() + Send + Sync>,
}

struct Inner {
    heap: BinaryHeap<Reverse<Entry>>,
    slots: Vec<Slot>,
    free_head: u32,
    live: usize,
    seq: u64,
    closed: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Entry {
    deadline: Instant,
    seq: u64,
    key: u32,
    gen: u32,
}

struct Slot {
    gen: u32,
    next_free: u32,
    waker: Option<Waker>,
}

impl Timer {
    pub(crate) fn new(on_earlier: Box<dyn Fn() + Send + Sync>) -> Timer {
        Timer {
            inner: Mutex::new(Inner {
                heap: BinaryHeap::new(),
                slots: Vec::new(),
                free_head: NO_SLOT,
                live: 0,
                seq: 0,
                closed: false,
            }),
            next_due: AtomicU64::new(NONE_DUE),
            base: Instant::now(),
            on_earlier,
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn nanos(&self, t: Instant) -> u64 {
        let n = t.saturating_duration_since(self.base).as_nanos();
        n.min(u128::from(NONE_DUE - 1)) as u64
    }

    /// Re-derives `next_due` from the heap, dropping stale entries at the top.
    fn refresh(&self, inner: &mut Inner) {
        while let Some(Reverse(top)) = inner.heap.peek() {
            if inner.slots[top.key as usize].gen == top.gen {
                break;
            }
            inner.heap.pop();
        }
        let due = match inner.heap.peek() {
            Some(Reverse(top)) => self.nanos(top.deadline),
            None => NONE_DUE,
        };
        self.next_due.store(due, Release);
    }

    fn register(&self, deadline: Instant, waker: &Waker) -> Option<(u32, u32)> {
        let (key, gen, earliest) = {
            let mut inner = self.lock();
            if inner.closed {
                return None;
            }
            let key = if inner.free_head != NO_SLOT {
                let key = inner.free_head;
                let slot = &mut inner.slots[key as usize];
                let next_free = slot.next_free;
                slot.waker = Some(waker.clone());
                inner.free_head = next_free;
                key
            } else {
                let key = u32::try_from(inner.slots.len()).expect("too many timers");
                assert!(key != NO_SLOT, "too many timers");
                inner.slots.push(Slot {
                    gen: 0,
                    next_free: NO_SLOT,
                    waker: Some(waker.clone()),
                });
                key
            };
            let gen = inner.slots[key as usize].gen;
            inner.seq += 1;
            let seq = inner.seq;
            inner.heap.push(Reverse(Entry {
                deadline,
                seq,
                key,
                gen,
            }));
            inner.live += 1;
            let due = self.nanos(deadline);
            let earliest = due < self.next_due.load(Acquire);
            if earliest {
                self.next_due.store(due, Release);
            }
            (key, gen, earliest)
        };
        if earliest {
            (self.on_earlier)();
        }
        Some((key, gen))
    }

    fn update(&self, key: u32, gen: u32, waker: &Waker) {
        let mut inner = self.lock();
        let slot = &mut inner.slots[key as usize];
        if slot.gen == gen {
            match &mut slot.waker {
                Some(w) if w.will_wake(waker) => {}
                other => *other = Some(waker.clone()),
            }
        }
    }

    fn free_slot(inner: &mut Inner, key: u32) -> Option<Waker> {
        let free_head = inner.free_head;
        let slot = &mut inner.slots[key as usize];
        slot.gen = slot.gen.wrapping_add(1);
        slot.next_free = free_head;
        inner.free_head = key;
        inner.live -= 1;
        slot.waker.take()
    }

    fn deregister(&self, key: u32, gen: u32) {
        let waker = {
            let mut inner = self.lock();
            if inner.slots.get(key as usize).is_none_or(|s| s.gen != gen) {
                return;
            }
            let waker = Self::free_slot(&mut inner, key);
            if inner.heap.len() > 64 && inner.heap.len() > 2 * inner.live {
                let Inner { heap, slots, .. } = &mut *inner;
                heap.retain(|Reverse(e)| slots[e.key as usize].gen == e.gen);
            }
            self.refresh(&mut inner);
            waker
        };
        drop(waker);
    }

    /// `true` if some deadline is due at `now` (lock-free check).
    pub(crate) fn is_due(&self, now: Instant) -> bool {
        let due = self.next_due.load(Acquire);
        due != NONE_DUE && due <= self.nanos(now)
    }

    /// `true` if any timer is registered (lock-free check).
    pub(crate) fn has_timers(&self) -> bool {
        self.next_due.load(Acquire) != NONE_DUE
    }

    /// Fires every due timer; `buf` is a reusable buffer. Returns how many fired.
    pub(crate) fn fire(&self, buf: &mut Vec<Waker>) -> usize {
        if !self.has_timers() {
            return 0;
        }
        let now = Instant::now();
        if !self.is_due(now) {
            return 0;
        }
        {
            let mut inner = self.lock();
            while let Some(&Reverse(top)) = inner.heap.peek() {
                if top.deadline > now {
                    break;
                }
                inner.heap.pop();
                if inner.slots[top.key as usize].gen == top.gen {
                    if let Some(w) = Self::free_slot(&mut inner, top.key) {
                        buf.push(w);
                    }
                }
            }
            self.refresh(&mut inner);
        }
        let n = buf.len();
        for w in buf.drain(..) {
            w.wake();
        }
        n
    }

    /// The earliest registered deadline.
    pub(crate) fn next_deadline(&self) -> Option<Instant> {
        match self.next_due.load(Acquire) {
            NONE_DUE => None,
            n => Some(self.base + Duration::from_nanos(n)),
        }
    }

    /// Refuses new registrations and drops every registered waker.
    pub(crate) fn close(&self) {
        let slots = {
            let mut inner = self.lock();
            inner.closed = true;
            inner.heap.clear();
            inner.live = 0;
            self.next_due.store(NONE_DUE, Release);
            core::mem::take(&mut inner.slots)
        };
        drop(slots);
    }

    /// Parks the current thread until woken or the earliest deadline passes.
    pub(crate) fn park(&self) {
        match self.next_deadline() {
            Some(deadline) => {
                let now = Instant::now();
                if deadline > now {
                    thread::park_timeout(deadline - now);
                }
            }
            None => thread::park(),
        }
    }
}

/// The process-wide timer used by a `Sleep` polled outside any runtime of this crate.
fn fallback_timer() -> Arc<Timer> {
    static TIMER: OnceLock<Arc<Timer>> = OnceLock::new();
    static THREAD: OnceLock<Thread> = OnceLock::new();
    TIMER
        .get_or_init(|| {
            let timer = Arc::new(Timer::new(Box::new(|| {
                if let Some(t) = THREAD.get() {
                    t.unpark();
                }
            })));
            let driver = timer.clone();
            let handle = thread::Builder::new()
                .name(String::from("stackless-timer"))
                .spawn(move || {
                    let mut buf = Vec::new();
                    loop {
                        driver.fire(&mut buf);
                        driver.park();
                    }
                })
                .expect("failed to start the stackless timer thread");
            let _ = THREAD.set(handle.thread().clone());
            timer
        })
        .clone()
}

struct Registration {
    timer: Arc<Timer>,
    key: u32,
    gen: u32,
}

/// Future returned by [`sleep`] and [`sleep_until`]: completes at its deadline.
///
/// The timer entry is made on the first poll and removed when the `Sleep` is dropped.
#[must_use = "futures do nothing unless you `.await` or poll them"]
pub struct Sleep {
    deadline: Instant,
    entry: Option<Registration>,
}

impl Sleep {
    fn new(deadline: Instant) -> Sleep {
        Sleep {
            deadline,
            entry: None,
        }
    }

    /// The instant at which this `Sleep` completes.
    pub fn deadline(&self) -> Instant {
        self.deadline
    }

    /// `true` once the deadline has passed.
    pub fn is_elapsed(&self) -> bool {
        Instant::now() >= self.deadline
    }

    /// Moves the deadline; the `Sleep` becomes pending again if it is in the future.
    pub fn reset(mut self: Pin<&mut Self>, deadline: Instant) {
        self.deregister();
        self.deadline = deadline;
    }

    fn deregister(&mut self) {
        if let Some(r) = self.entry.take() {
            r.timer.deregister(r.key, r.gen);
        }
    }
}

impl Future for Sleep {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if Instant::now() >= self.deadline {
            // The entry has fired or is about to; either way its slot is freed by the
            // timer, so no lock is taken here.
            self.entry = None;
            return Poll::Ready(());
        }
        match &self.entry {
            Some(r) => r.timer.update(r.key, r.gen, cx.waker()),
            None => {
                let timer = context::timer().unwrap_or_else(fallback_timer);
                if let Some((key, gen)) = timer.register(self.deadline, cx.waker()) {
                    self.entry = Some(Registration { timer, key, gen });
                }
            }
        }
        Poll::Pending
    }
}

impl Drop for Sleep {
    fn drop(&mut self) {
        self.deregister();
    }
}

impl fmt::Debug for Sleep {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sleep")
            .field("deadline", &self.deadline)
            .finish()
    }
}

fn deadline_after(duration: Duration) -> Instant {
    let now = Instant::now();
    now.checked_add(duration)
        .unwrap_or_else(|| now + Duration::from_secs(60 * 60 * 24 * 365 * 30))
}

/// Waits until `duration` has elapsed.
///
/// No thread is blocked: the task is suspended and woken by the runtime's timer.
///
/// ```
/// use std::time::{Duration, Instant};
/// stackless::rt::block_on(async {
///     let start = Instant::now();
///     stackless::rt::sleep(Duration::from_millis(5)).await;
///     assert!(start.elapsed() >= Duration::from_millis(5));
/// });
/// ```
pub fn sleep(duration: Duration) -> Sleep {
    Sleep::new(deadline_after(duration))
}

/// Waits until `deadline`.
pub fn sleep_until(deadline: Instant) -> Sleep {
    Sleep::new(deadline)
}

pin_project_lite::pin_project! {
    /// Future returned by [`timeout`] and [`timeout_at`].
    #[must_use = "futures do nothing unless you `.await` or poll them"]
    #[derive(Debug)]
    pub struct Timeout<F> {
        #[pin]
        future: F,
        sleep: Sleep,
    }
}

impl<F> Timeout<F> {
    /// The wrapped future.
    pub fn get_ref(&self) -> &F {
        &self.future
    }

    /// Unwraps the future.
    pub fn into_inner(self) -> F {
        self.future
    }
}

impl<F: Future> Future for Timeout<F> {
    type Output = Result<F::Output, Elapsed>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        if let Poll::Ready(v) = this.future.poll(cx) {
            return Poll::Ready(Ok(v));
        }
        match Pin::new(this.sleep).poll(cx) {
            Poll::Ready(()) => Poll::Ready(Err(Elapsed(()))),
            Poll::Pending => Poll::Pending,
        }
    }
}

/// Runs `future` for at most `duration`: `Ok(output)` if it finished in time, otherwise
/// `Err(Elapsed)` (and `future` is dropped with the `Timeout`).
///
/// ```
/// use std::time::Duration;
/// use stackless::rt::{block_on, sleep, timeout};
/// block_on(async {
///     assert_eq!(timeout(Duration::from_secs(5), async { 1 }).await, Ok(1));
///     assert!(timeout(Duration::from_millis(1), sleep(Duration::from_secs(5))).await.is_err());
/// });
/// ```
pub fn timeout<F: Future>(duration: Duration, future: F) -> Timeout<F> {
    Timeout {
        future,
        sleep: sleep(duration),
    }
}

/// Like [`timeout`], with an absolute deadline.
pub fn timeout_at<F: Future>(deadline: Instant, future: F) -> Timeout<F> {
    Timeout {
        future,
        sleep: sleep_until(deadline),
    }
}

/// Error returned by [`timeout`] when the deadline passed before the future finished.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Elapsed(());

impl fmt::Display for Elapsed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("deadline has elapsed")
    }
}

impl std::error::Error for Elapsed {}
