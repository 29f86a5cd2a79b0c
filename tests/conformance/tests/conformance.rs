//! Differential conformance: every generated program runs as `#[stackless::coroutine]` and
//! as a rustc nightly coroutine, with the same resume arguments, cancelled after every
//! number of resumes; the traces (yields, return value, panics, drops, in order) must be
//! identical, and our machine must never be larger than rustc's. See the README.
#![feature(coroutines, coroutine_trait)]

use stackless_conformance::*;
use std::fmt::Write as _;

pub struct Case {
    pub index: usize,
    /// The program again, as a block form (`co!(|_first| { .. })` capturing the parameters)
    /// against rustc's coroutine closure capturing them: counted apart from the programs.
    pub block: bool,
    /// Every `D` is kept alive to its block's end by a final `touch` (the native body is the
    /// same text, with `yield`, in every program).
    pub coincide: bool,
    /// An `async fn` (awaits of `tick`) driven by polling, against a native `async fn`.
    pub is_async: bool,
    pub salt: u64,
    pub ours_src: &'static str,
    pub native_src: &'static str,
    pub ours: fn(Option<usize>) -> Run,
    pub native: fn(Option<usize>) -> Run,
    pub sizes: fn() -> (usize, usize),
}

#[allow(warnings, clippy::all)]
mod generated {
    use super::Case;
    use stackless::{yield_, Coroutine};
    use stackless_conformance::*;
    include!(concat!(env!("OUT_DIR"), "/cases.rs"));
}

fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The first index at which two traces differ, and a description.
fn first_difference(a: &[String], b: &[String]) -> Option<String> {
    let n = a.len().max(b.len());
    for i in 0..n {
        let x = a.get(i).map(String::as_str).unwrap_or("<end>");
        let y = b.get(i).map(String::as_str).unwrap_or("<end>");
        if x != y {
            return Some(format!("event {i}: ours `{x}`, rustc `{y}`"));
        }
    }
    None
}

fn main() {
    let filter: Option<Vec<usize>> = std::env::var("STACKLESS_CONFORMANCE_RUN").ok().map(|s| {
        s.split(',')
            .map(|x| x.trim().parse().expect("indices"))
            .collect()
    });
    let verbose = std::env::var_os("STACKLESS_CONFORMANCE_VERBOSE").is_some();
    // Panics are part of what is compared; keep their messages off the terminal.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));

    let mut programs = 0;
    let mut blocks = 0;
    let mut points = 0;
    let mut mismatches = 0;
    let (mut smaller, mut equal, mut larger) = (0, 0, 0);
    let (mut coincide, mut modelled) = (0, 0);
    let mut asyncs = 0;
    // Full runs that returned Ok, returned Err (through `?` or `return Err`), panicked, other.
    let mut ended = [0usize; 4];
    let mut reports = String::new();
    let mut sizes_csv = String::from("program,coincide,async,ours_bytes,rustc_bytes\n");
    let mut larger_report = String::new();
    for case in generated::CASES {
        if filter.as_ref().is_some_and(|f| !f.contains(&case.index)) {
            continue;
        }
        let full_ours = (case.ours)(None);
        let full_native = (case.native)(None);
        if case.block {
            blocks += 1;
        } else {
            programs += 1;
            if case.coincide {
                coincide += 1;
            } else {
                modelled += 1;
            }
            if case.is_async {
                asyncs += 1;
            }
            match full_native.trace.iter().rev().nth(1).map(String::as_str) {
                Some(e) if e.starts_with("return Ok") => ended[0] += 1,
                Some(e) if e.starts_with("return Err") => ended[1] += 1,
                Some("panic") => ended[2] += 1,
                _ => ended[3] += 1,
            }
        }
        let mut failure = first_difference(&full_ours.trace, &full_native.trace)
            .map(|d| (None, d, full_ours.trace.clone(), full_native.trace.clone()));
        // Cancellation after k resumes (polls), k = 0 (never started) ..= the number of
        // yields (`Pending`s).
        let n = full_native.yields.max(full_ours.yields);
        for k in 0..=n {
            points += 1;
            if failure.is_some() {
                continue;
            }
            let o = (case.ours)(Some(k));
            let r = (case.native)(Some(k));
            if let Some(d) = first_difference(&o.trace, &r.trace) {
                failure = Some((Some(k), d, o.trace, r.trace));
            }
        }
        if verbose {
            println!("case {}: {:?}", case.index, full_native.trace);
        }
        let (ours_size, native_size) = (case.sizes)();
        take_log();
        writeln!(
            sizes_csv,
            "{}{},{},{},{ours_size},{native_size}",
            case.index,
            if case.block { " (block)" } else { "" },
            case.coincide,
            case.is_async
        )
        .unwrap();
        match ours_size.cmp(&native_size) {
            std::cmp::Ordering::Less => smaller += 1,
            std::cmp::Ordering::Equal => equal += 1,
            std::cmp::Ordering::Greater => {
                larger += 1;
                writeln!(
                    larger_report,
                    "---- program {}{} (seed {}): ours is {ours_size} bytes, rustc's {native_size}\n{}",
                    case.index,
                    if case.block { " as a block" } else { "" },
                    generated::SEED,
                    case.ours_src
                )
                .unwrap();
            }
        }
        if let Some((k, diff, ours, native)) = failure {
            mismatches += 1;
            let when = match k {
                None => "run to completion".to_string(),
                Some(k) if case.is_async => format!("cancelled after {k} polls"),
                Some(k) => format!("cancelled after {k} resumes"),
            };
            writeln!(
                reports,
                "==== MISMATCH: program {}{} (STACKLESS_CONFORMANCE_SEED={} STACKLESS_CONFORMANCE_ONLY={}), {when}\n\
                 first difference: {diff}\n  ours:  {ours:?}\n  rustc: {native:?}\n\
                 --- ours:\n{}--- rustc (oracle):\n{}",
                case.index,
                if case.block { " as a block" } else { "" },
                generated::SEED,
                case.index,
                case.ours_src,
                case.native_src
            )
            .unwrap();
        }
    }
    std::panic::set_hook(default_hook);
    let csv = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("conformance-sizes.csv");
    std::fs::write(&csv, sizes_csv).expect("write the size table");
    print!("{reports}");
    print!("{larger_report}");
    println!(
        "conformance: {} programs, {} cancellation points, {} mismatches; size: {} smaller, {} equal, {} larger than rustc",
        thousands(programs),
        thousands(points),
        thousands(mismatches),
        thousands(smaller),
        thousands(equal),
        thousands(larger)
    );
    println!(
        "  (seed {}; {coincide} programs with final touches, {modelled} without; \
         {asyncs} async; {blocks} also compared as `co!` blocks; full runs: {} Ok, {} Err, {} panicked, {} other; sizes in {})",
        generated::SEED,
        ended[0],
        ended[1],
        ended[2],
        ended[3],
        csv.display()
    );
    if mismatches > 0 || larger > 0 {
        std::process::exit(1);
    }
}
