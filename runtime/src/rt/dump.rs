//! Task dumps: every live task of a runtime, with where it is suspended.
//!
//! A dump takes a snapshot of the runtime's registry of live tasks (a reference to each,
//! under each shard's lock, briefly), then reads the tasks one at a time: a task being
//! polled is reported as running and not read; any other task is claimed as a poll would
//! claim it, its future read through a shared reference (`stackless::trace`), and let go as
//! a poll that returned `Pending` lets go (`task.rs`, `dump`). No task is stopped for
//! longer than it takes to read its state, and the poll path is unchanged.

use core::fmt;
use core::panic::Location;
use std::prelude::rust_2021::*;
use std::string::String;

use super::task::{RawTask, TaskState, TaskView};
use crate::trace::{Awaited, Backtrace};

/// What [`dump`](super::dump) returns: the live tasks, by id. `Display` prints each task on
/// a line, its trace indented below it.
///
/// ```text
/// task 3 idle, spawned at src/main.rs:40:9
///   handler (src/server.rs:42:35) awaiting
///     read_frame (src/conn.rs:88:21) awaiting
///       stackless_runtime::rt::time::Sleep
/// task 4 running, spawned at src/main.rs:41:9
/// ```
#[derive(Clone, Debug, Default)]
pub struct Dump {
    tasks: Vec<TaskDump>,
}

/// One task of a [`Dump`].
#[derive(Clone, Debug)]
pub struct TaskDump {
    /// The task's id: unique among the runtime's live tasks (reused after it finishes).
    pub id: u32,
    /// Running, scheduled or idle, when it was read.
    pub state: TaskState,
    /// Where it was spawned.
    pub spawned_at: &'static Location<'static>,
    /// Where it is suspended, one line per level ([`Backtrace`]'s `Display`), or the type
    /// name of its future if it is not a traced machine; empty if it was running.
    pub trace: String,
    /// The functions of the machines in the trace, outermost first.
    pub functions: Vec<&'static str>,
}

impl Dump {
    pub(crate) fn of(tasks: Vec<RawTask>) -> Dump {
        let mut out = Vec::with_capacity(tasks.len());
        for raw in tasks {
            raw.dump(&mut |view: TaskView<'_>| out.push(TaskDump::from(view)));
        }
        out.sort_by_key(|t| t.id);
        Dump { tasks: out }
    }

    /// The tasks, by id.
    pub fn tasks(&self) -> &[TaskDump] {
        &self.tasks
    }

    /// How many tasks are in each state: running, scheduled, idle.
    pub fn counts(&self) -> (usize, usize, usize) {
        let n = |s| self.tasks.iter().filter(|t| t.state == s).count();
        (
            n(TaskState::Running),
            n(TaskState::Scheduled),
            n(TaskState::Idle),
        )
    }
}

impl From<TaskView<'_>> for TaskDump {
    fn from(view: TaskView<'_>) -> TaskDump {
        let mut trace = String::new();
        let mut functions = Vec::new();
        match view.future {
            Some(Awaited::Machine(m)) => {
                let bt: Backtrace<'_> = crate::trace::trace(m);
                functions.extend(bt.levels().map(|l| l.function));
                let _ = bt.write_indented(&mut trace, 0);
            }
            Some(Awaited::Opaque(name)) => trace.push_str(name),
            None => {}
        }
        TaskDump {
            id: view.id,
            state: view.state,
            spawned_at: view.spawned_at,
            trace,
            functions,
        }
    }
}

impl fmt::Display for TaskState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TaskState::Running => "running",
            TaskState::Scheduled => "scheduled",
            TaskState::Idle => "idle",
        })
    }
}

impl fmt::Display for TaskDump {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "task {} {}, spawned at {}",
            self.id, self.state, self.spawned_at
        )?;
        for line in self.trace.lines() {
            write!(f, "\n  {line}")?;
        }
        Ok(())
    }
}

impl fmt::Display for Dump {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (running, scheduled, idle) = self.counts();
        write!(
            f,
            "{} tasks ({running} running, {scheduled} scheduled, {idle} idle)",
            self.tasks.len()
        )?;
        for t in &self.tasks {
            write!(f, "\n{t}")?;
        }
        Ok(())
    }
}
