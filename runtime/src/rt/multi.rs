//! The multi-thread, work-stealing scheduler.
//!
//! In the spirit of Go's scheduler: each worker owns a local FIFO run queue
//! (`crossbeam_deque::Worker`); tasks spawned or woken from outside the workers go to a
//! global injection queue. A worker looks at its local queue first (and at the injection
//! queue first every 61st task, for fairness), then takes a batch from the injection queue,
//! then steals about half of a random victim's queue. A worker that finds nothing registers
//! as a sleeper, re-checks every queue, and only then parks (with a timeout equal to the
//! time to the next timer deadline). New work wakes one sleeper, unless some worker is
//! already searching for work; a searching worker that finds some wakes the next one.

use core::sync::atomic::Ordering::{Acquire, Release, SeqCst};
use core::sync::atomic::{fence, AtomicBool, AtomicUsize};
use crossbeam_deque::{Injector, Steal, Stealer, Worker};
use std::prelude::rust_2021::*;
use std::rc::Rc;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError, Weak};
use std::thread::{self, Thread};

use super::blocking::BlockingPool;
use super::context::{self, Ctx, Local};
use super::runtime::Scheduler;
use super::task::{Notified, Registry, Schedule};
use super::time::Timer;

const GLOBAL_INTERVAL: u32 = 61;

pub(crate) struct Shared {
    me: Weak<Shared>,
    registry: Registry,
    injector: Injector<Notified>,
    stealers: Box<[Stealer<Notified>]>,
    threads: Box<[OnceLock<Thread>]>,
    idle: Mutex<Idle>,
    num_sleeping: AtomicUsize,
    num_searching: AtomicUsize,
    shutdown: AtomicBool,
    pub(crate) timer: Arc<Timer>,
    pub(crate) blocking: BlockingPool,
}

struct Idle {
    sleepers: Vec<usize>,
    /// `notified[i]`: worker `i` was taken off `sleepers` by a waker and counted as
    /// searching on its behalf.
    notified: Vec<bool>,
}

/// Per-worker state reachable from the thread-local context.
pub(crate) struct WorkerCore {
    shared: Arc<Shared>,
    index: usize,
    local: Worker<Notified>,
}

impl Shared {
    /// Creates the shared state and the local queues, one per worker.
    pub(crate) fn new(
        workers: usize,
        blocking: BlockingPool,
    ) -> (Arc<Shared>, Vec<Worker<Notified>>) {
        let locals: Vec<Worker<Notified>> = (0..workers).map(|_| Worker::new_fifo()).collect();
        let stealers = locals
            .iter()
            .map(Worker::stealer)
            .collect::<Vec<_>>()
            .into_boxed_slice();
        let shared = Arc::new_cyclic(|me: &Weak<Shared>| {
            let weak = me.clone();
            Shared {
                me: me.clone(),
                registry: Registry::new(workers * 4),
                injector: Injector::new(),
                stealers,
                threads: (0..workers).map(|_| OnceLock::new()).collect(),
                idle: Mutex::new(Idle {
                    sleepers: Vec::new(),
                    notified: vec![false; workers],
                }),
                num_sleeping: AtomicUsize::new(0),
                num_searching: AtomicUsize::new(0),
                shutdown: AtomicBool::new(false),
                timer: Arc::new(Timer::new(Box::new(move || {
                    if let Some(shared) = weak.upgrade() {
                        if shared.num_sleeping.load(SeqCst) > 0 {
                            shared.wake_one();
                        }
                    }
                }))),
                blocking,
            }
        });
        (shared, locals)
    }

    fn lock_idle(&self) -> MutexGuard<'_, Idle> {
        self.idle.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Wakes a sleeping worker if there is one and nobody is already searching.
    fn notify_one(&self) {
        fence(SeqCst);
        if self.num_searching.load(SeqCst) != 0 || self.num_sleeping.load(SeqCst) == 0 {
            return;
        }
        self.wake_one();
    }

    fn wake_one(&self) {
        let index = {
            let mut idle = self.lock_idle();
            let Some(i) = idle.sleepers.pop() else { return };
            idle.notified[i] = true;
            self.num_searching.fetch_add(1, SeqCst);
            self.num_sleeping.fetch_sub(1, SeqCst);
            i
        };
        if let Some(t) = self.threads[index].get() {
            t.unpark();
        }
    }

    fn has_work(&self) -> bool {
        !self.injector.is_empty() || self.stealers.iter().any(|s| !s.is_empty())
    }

    /// Asks the workers to stop (they finish the task they are polling).
    pub(crate) fn begin_shutdown(&self) {
        self.shutdown.store(true, SeqCst);
        for t in self.threads.iter().filter_map(OnceLock::get) {
            t.unpark();
        }
    }

    /// After the workers stopped: drop every task's future, queued entry and timer.
    pub(crate) fn finish_shutdown(&self) {
        for task in self.registry.close() {
            task.shutdown();
        }
        loop {
            match self.injector.steal() {
                Steal::Success(task) => drop(task),
                Steal::Retry => continue,
                Steal::Empty => break,
            }
        }
        for stealer in self.stealers.iter() {
            loop {
                match stealer.steal() {
                    Steal::Success(task) => drop(task),
                    Steal::Retry => continue,
                    Steal::Empty => break,
                }
            }
        }
        self.timer.close();
        self.blocking.shutdown();
    }

    #[allow(dead_code)]
    pub(crate) fn live_tasks(&self) -> usize {
        self.registry.len()
    }
}

impl Schedule for Arc<Shared> {
    fn schedule(&self, task: Notified) -> Option<Notified> {
        let this: &Shared = self;
        let task = context::with(move |ctx| match ctx {
            Some(Ctx {
                local: Local::Worker(w),
                ..
            }) if core::ptr::eq(&*w.shared, this) => {
                w.local.push(task);
                w.shared.notify_one();
                None
            }
            _ => Some(task),
        })?;
        // From outside the workers: keep the runtime alive for the duration of this call.
        let shared = this.me.upgrade()?;
        if shared.shutdown.load(Acquire) {
            return Some(task);
        }
        shared.injector.push(task);
        shared.notify_one();
        None
    }

    fn registry(&self) -> Option<&Registry> {
        Some(&self.registry)
    }
}

/// Starts worker `index`; returns its join handle.
pub(crate) fn spawn_worker(
    shared: Arc<Shared>,
    index: usize,
    local: Worker<Notified>,
    name: String,
) -> std::io::Result<thread::JoinHandle<()>> {
    thread::Builder::new().name(name).spawn(move || {
        let _ = shared.threads[index].set(thread::current());
        let core = Rc::new(WorkerCore {
            shared: shared.clone(),
            index,
            local,
        });
        let _enter = context::enter(Ctx {
            handle: Scheduler::Multi(shared.clone()),
            local: Local::Worker(core.clone()),
        });
        run(&core);
        // Entries left in the local queue only hold references; the registry cancels the
        // tasks themselves.
        while let Some(task) = core.local.pop() {
            drop(task);
        }
    })
}

struct Search {
    searching: bool,
    rng: u32,
}

fn run(core: &WorkerCore) {
    let shared = &*core.shared;
    let mut tick: u32 = 0;
    let mut search = Search {
        searching: false,
        rng: (core.index as u32).wrapping_mul(0x9E37_79B9) | 1,
    };
    let mut buf = Vec::new();
    loop {
        if shared.shutdown.load(Acquire) {
            break;
        }
        tick = tick.wrapping_add(1);
        let mut task = if tick % GLOBAL_INTERVAL == 0 {
            shared.timer.fire(&mut buf);
            steal_global(core).or_else(|| core.local.pop())
        } else {
            core.local.pop()
        };
        if task.is_none() {
            if !search.searching {
                search.searching = true;
                shared.num_searching.fetch_add(1, SeqCst);
            }
            task = steal_global(core).or_else(|| steal_others(core, &mut search.rng));
        }
        if let Some(task) = task {
            if search.searching {
                search.searching = false;
                if shared.num_searching.fetch_sub(1, SeqCst) == 1 {
                    // The last searcher found work: let another worker look for more.
                    shared.notify_one();
                }
            }
            task.run();
            continue;
        }
        if shared.timer.fire(&mut buf) > 0 {
            continue;
        }
        // Nothing to do: stop searching, register as a sleeper, re-check, park.
        if search.searching {
            search.searching = false;
            shared.num_searching.fetch_sub(1, SeqCst);
        }
        {
            let mut idle = shared.lock_idle();
            idle.sleepers.push(core.index);
            shared.num_sleeping.fetch_add(1, SeqCst);
        }
        fence(SeqCst);
        if !shared.has_work() && !shared.shutdown.load(SeqCst) {
            shared.timer.park();
        }
        let mut idle = shared.lock_idle();
        if idle.notified[core.index] {
            idle.notified[core.index] = false;
            search.searching = true;
        } else if let Some(pos) = idle.sleepers.iter().position(|&i| i == core.index) {
            idle.sleepers.swap_remove(pos);
            shared.num_sleeping.fetch_sub(1, SeqCst);
        }
    }
    if search.searching {
        shared.num_searching.fetch_sub(1, Release);
    }
}

fn steal_global(core: &WorkerCore) -> Option<Notified> {
    loop {
        match core.shared.injector.steal_batch_and_pop(&core.local) {
            Steal::Success(task) => return Some(task),
            Steal::Empty => return None,
            Steal::Retry => continue,
        }
    }
}

fn steal_others(core: &WorkerCore, rng: &mut u32) -> Option<Notified> {
    let stealers = &core.shared.stealers;
    let n = stealers.len();
    if n <= 1 {
        return None;
    }
    *rng ^= *rng << 13;
    *rng ^= *rng >> 17;
    *rng ^= *rng << 5;
    let start = *rng as usize % n;
    for k in 0..n {
        let victim = (start + k) % n;
        if victim == core.index {
            continue;
        }
        loop {
            match stealers[victim].steal_batch_and_pop(&core.local) {
                Steal::Success(task) => return Some(task),
                Steal::Empty => break,
                Steal::Retry => continue,
            }
        }
    }
    None
}
