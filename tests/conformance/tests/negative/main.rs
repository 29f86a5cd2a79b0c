//! The negative conformance suite: generated programs that borrow across suspension points,
//! many of which rustc rejects as native coroutines or `async fn`s. Each is written twice —
//! natively and as `#[stackless::coroutine]` — and the two sets are compiled as two crates;
//! every rustc error is mapped back to its program by line. The check: rustc rejects the
//! native version ⇔ stackless rejects ours. A program ours accepts and rustc rejects is a
//! soundness failure (the test fails); one ours rejects and rustc accepts is a false
//! rejection (reported; fails only with `STACKLESS_NEGATIVE_STRICT=1`). The programs both
//! accept are then built and run, ours moved to a fresh allocation between resumes wherever
//! safe code may move it, and their traces compared (optionally under AddressSanitizer).
//! See the README.

mod gen;
mod prelude;

use gen::{Kind, Program};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

#[derive(Clone, Copy, PartialEq)]
enum Side {
    Native,
    Ours,
}

impl Side {
    fn name(self) -> &'static str {
        match self {
            Side::Native => "native",
            Side::Ours => "ours",
        }
    }
}

/// One compile error: its code (`E0597`, or `-` for one without a code), the line of the
/// generated file it points at, and its one-line text.
#[derive(Clone)]
struct Diag {
    code: String,
    text: String,
}

/// How to call rustc: the compiler cargo used, and our library (`stackless`) for ours.
struct Toolchain {
    rustc: String,
    deps: PathBuf,
    stackless: PathBuf,
    /// Extra flags (AddressSanitizer), and the matching library build.
    asan: Option<(PathBuf, PathBuf)>,
}

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .map(|s| {
            s.trim()
                .parse()
                .unwrap_or_else(|_| panic!("{name}: an integer"))
        })
        .unwrap_or(default)
}

fn env_flag(name: &str) -> bool {
    std::env::var(name).is_ok_and(|v| !v.is_empty() && v != "0")
}

/// The newest `libstackless-*.rlib` in `dir` (cargo built it for this test just now).
fn find_rlib(dir: &Path) -> Option<PathBuf> {
    std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy();
            n.starts_with("libstackless-") && n.ends_with(".rlib")
        })
        .max_by_key(|p| p.metadata().and_then(|m| m.modified()).ok())
}

/// The source of one side's crate over `programs`, and the line range of each program.
/// With `run`, a `main` runs each program (from the one given as its argument on) and
/// prints `p<i>\t<trace>`.
fn source(side: Side, programs: &[&Program], run: bool) -> (String, Vec<(usize, usize, usize)>) {
    let mut s = String::new();
    if side == Side::Native {
        s.push_str("#![feature(coroutines, coroutine_trait, stmt_expr_attributes)]\n");
    }
    s.push_str(prelude::COMMON);
    match side {
        Side::Native => {
            s.push_str(prelude::NATIVE);
            s.push_str(prelude::NATIVE_MACROS);
        }
        Side::Ours => s.push_str(prelude::OURS),
    }
    let mut ranges = Vec::new();
    for p in programs {
        let start = s.lines().count() + 1;
        let items = match side {
            Side::Native => &p.native,
            Side::Ours => &p.ours,
        };
        writeln!(
            s,
            "pub mod p{} {{\n    use super::*;\n    {items}\n}}",
            p.index
        )
        .unwrap();
        ranges.push((start, s.lines().count(), p.index));
    }
    if run {
        s.push_str("\nfn main() {\n    let from: usize = std::env::args().nth(1).map_or(0, |a| a.parse().unwrap());\n");
        s.push_str("    let programs: Vec<(usize, fn() -> Vec<String>)> = vec![\n");
        for p in programs {
            writeln!(s, "        ({}, || {}),", p.index, p.run).unwrap();
        }
        s.push_str("    ];\n    std::panic::set_hook(Box::new(|_| {}));\n");
        s.push_str("    for (i, f) in programs.into_iter().skip(from) {\n");
        s.push_str("        println!(\"p{i}\\t{}\", guard(f).join(\" | \"));\n    }\n}\n");
    }
    (s, ranges)
}

/// Parses rustc's `--error-format=short` output: (line, diagnostic) for the errors located
/// in `file`, and the other error lines.
fn parse_errors(stderr: &str, file: &str) -> (Vec<(usize, Diag)>, Vec<String>) {
    let mut located = Vec::new();
    let mut other = Vec::new();
    for line in stderr.lines() {
        if line.starts_with("error: aborting due to") || line.trim().is_empty() {
            continue;
        }
        if let Some(rest) = line.strip_prefix(file).and_then(|r| r.strip_prefix(':')) {
            let mut parts = rest.splitn(3, ':');
            let ln = parts.next().and_then(|l| l.parse::<usize>().ok());
            let _col = parts.next();
            let msg = parts.next().unwrap_or("").trim();
            if let (Some(ln), Some(m)) = (ln, msg.strip_prefix("error")) {
                let (code, text) = match m.strip_prefix('[') {
                    Some(r) => {
                        let end = r.find(']').unwrap_or(0);
                        (
                            r[..end].to_string(),
                            r[end + 1..].trim_start_matches(':').trim(),
                        )
                    }
                    None => ("-".to_string(), m.trim_start_matches(':').trim()),
                };
                located.push((
                    ln,
                    Diag {
                        code,
                        text: text.to_string(),
                    },
                ));
                continue;
            }
            if msg.starts_with("warning") || msg.starts_with("note") || msg.starts_with("help") {
                continue;
            }
        }
        if line.starts_with("error") || line.contains(": error") {
            other.push(line.to_string());
        }
    }
    (located, other)
}

struct Checker<'t> {
    tc: &'t Toolchain,
    dir: PathBuf,
    /// rustc invocations, for the report.
    compiles: usize,
}

impl Checker<'_> {
    fn rustc(
        &mut self,
        side: Side,
        file: &Path,
        out: &Path,
        bin: bool,
        asan: bool,
    ) -> std::process::Output {
        self.compiles += 1;
        let mut c = Command::new(&self.tc.rustc);
        c.args([
            "--edition",
            "2021",
            "--error-format=short",
            "-A",
            "warnings",
            "-Zwrite-long-types-to-disk=no",
        ])
        .arg("--crate-name")
        .arg(format!("neg_{}", side.name()))
        .args(["--crate-type", if bin { "bin" } else { "lib" }]);
        if bin {
            c.args(["-C", "debuginfo=0", "-C", "opt-level=0"]);
        } else {
            c.arg("--emit=metadata");
        }
        c.arg("-o").arg(out);
        let lib = match (&self.tc.asan, asan) {
            (Some((deps, lib)), true) => {
                c.args([
                    "-Zsanitizer=address",
                    "--target",
                    "x86_64-unknown-linux-gnu",
                ]);
                c.arg("-L").arg(format!("dependency={}", deps.display()));
                lib
            }
            _ => &self.tc.stackless,
        };
        if side == Side::Ours {
            // The host's deps hold the proc macro in both cases.
            c.arg("-L")
                .arg(format!("dependency={}", self.tc.deps.display()));
            c.arg("--extern")
                .arg(format!("stackless={}", lib.display()));
        }
        c.arg(file);
        c.output().expect("running rustc")
    }

    /// The errors of each program of `programs` on `side`: compiles them all; removes the
    /// programs with errors and compiles the rest again, until a build has no errors (so a
    /// program whose errors were hidden behind another's is still found, and every program
    /// called accepted compiled without error). Errors that point at no program split the
    /// set in halves.
    fn check(
        &mut self,
        side: Side,
        programs: &[&Program],
        tag: &str,
    ) -> BTreeMap<usize, Vec<Diag>> {
        let mut rejected: BTreeMap<usize, Vec<Diag>> = BTreeMap::new();
        let mut live: Vec<&Program> = programs.to_vec();
        let mut round = 0;
        while !live.is_empty() {
            round += 1;
            let (src, ranges) = source(side, &live, false);
            let file = self.dir.join(format!("{}-{tag}-{round}.rs", side.name()));
            std::fs::write(&file, &src).unwrap();
            let out = self.dir.join(format!("{}-{tag}.rmeta", side.name()));
            let o = self.rustc(side, &file, &out, false, false);
            let stderr = String::from_utf8_lossy(&o.stderr);
            let (located, mut other) = parse_errors(&stderr, &file.display().to_string());
            let mut found = BTreeSet::new();
            for (ln, d) in located {
                match ranges.iter().find(|r| r.0 <= ln && ln <= r.1) {
                    Some(r) => {
                        found.insert(r.2);
                        rejected.entry(r.2).or_default().push(d);
                    }
                    None => other.push(format!("line {ln}: error[{}]: {}", d.code, d.text)),
                }
            }
            if o.status.success() && found.is_empty() && other.is_empty() {
                break;
            }
            if !other.is_empty() || found.is_empty() {
                if live.len() == 1 {
                    let text = if other.is_empty() {
                        stderr.lines().next().unwrap_or("?").to_string()
                    } else {
                        other.join("; ")
                    };
                    rejected.entry(live[0].index).or_default().push(Diag {
                        code: "-".into(),
                        text,
                    });
                    break;
                }
                let (a, b) = live.split_at(live.len() / 2);
                let (a, b) = (a.to_vec(), b.to_vec());
                for (k, half) in [a, b].iter().enumerate() {
                    let r = self.check(side, half, &format!("{tag}{round}{}", ["a", "b"][k]));
                    for (i, ds) in r {
                        rejected.entry(i).or_default().extend(ds);
                    }
                }
                break;
            }
            live.retain(|p| !found.contains(&p.index));
        }
        rejected
    }

    /// Builds `programs` into one binary per side and runs it: the trace of each program.
    /// A crash is charged to the program after the last line printed, and the rest run again.
    fn run(
        &mut self,
        side: Side,
        programs: &[&Program],
        asan: bool,
        batch: usize,
    ) -> Result<BTreeMap<usize, String>, String> {
        let (src, _) = source(side, programs, true);
        let tag = format!("{}{batch}", if asan { "asan" } else { "run" });
        let file = self.dir.join(format!("{}-{tag}.rs", side.name()));
        std::fs::write(&file, &src).unwrap();
        let exe = self.dir.join(format!("{}-{tag}", side.name()));
        let o = self.rustc(side, &file, &exe, true, asan);
        if !o.status.success() {
            return Err(format!(
                "building the {} programs that both accept failed:\n{}",
                side.name(),
                String::from_utf8_lossy(&o.stderr)
            ));
        }
        let mut traces = BTreeMap::new();
        let mut from = 0;
        while from < programs.len() {
            let o = Command::new(&exe)
                .arg(from.to_string())
                .env("ASAN_OPTIONS", "detect_leaks=0")
                .output()
                .expect("running the programs");
            let stdout = String::from_utf8_lossy(&o.stdout);
            let mut n = 0;
            for line in stdout.lines() {
                if let Some((p, t)) = line.split_once('\t') {
                    traces.insert(p[1..].parse::<usize>().unwrap(), t.to_string());
                    n += 1;
                }
            }
            from += n;
            if o.status.success() {
                break;
            }
            if from < programs.len() {
                let stderr = String::from_utf8_lossy(&o.stderr);
                let first = stderr
                    .lines()
                    .find(|l| l.contains("ERROR") || l.contains("SUMMARY"))
                    .or_else(|| stderr.lines().next())
                    .unwrap_or("");
                traces.insert(
                    programs[from].index,
                    format!("crashed ({}): {first}", o.status),
                );
                from += 1;
            }
        }
        Ok(traces)
    }
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

fn codes(m: &BTreeMap<usize, Vec<Diag>>) -> String {
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for ds in m.values() {
        let set: BTreeSet<&str> = ds.iter().map(|d| d.code.as_str()).collect();
        for c in set {
            *count.entry(c).or_default() += 1;
        }
    }
    let mut v: Vec<_> = count.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    v.iter()
        .map(|(c, n)| format!("{c} {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn first_error(m: &BTreeMap<usize, Vec<Diag>>, i: usize) -> String {
    m.get(&i)
        .and_then(|ds| ds.first())
        .map_or("(accepted)".to_string(), |d| {
            format!("error[{}]: {}", d.code, d.text)
        })
}

/// Programs of one category printed in full; the rest get their first errors only.
const FULL: usize = 12;

fn show_program(
    out: &mut String,
    nth: usize,
    p: &Program,
    native: &BTreeMap<usize, Vec<Diag>>,
    ours: &BTreeMap<usize, Vec<Diag>>,
) {
    writeln!(
        out,
        "  program {} ({}, {}: {})",
        p.index,
        p.family,
        p.kind.name(),
        p.variant
    )
    .unwrap();
    writeln!(out, "    rustc: {}", first_error(native, p.index)).unwrap();
    writeln!(out, "    ours:  {}", first_error(ours, p.index)).unwrap();
    if nth >= FULL {
        return;
    }
    writeln!(out, "    --- ours ---\n{}", indent(&p.ours)).unwrap();
    writeln!(out, "    --- native ---\n{}", indent(&p.native)).unwrap();
}

fn indent(s: &str) -> String {
    s.lines()
        .map(|l| format!("    {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `STACKLESS_NEGATIVE_VERIFY=1`: compiles every program alone, on both sides, and compares
/// the set of error codes with the batch's (the batch maps errors to programs by line; this
/// checks that no error was hidden by, or charged for, another program).
fn verify(
    ck: &mut Checker,
    all: &[&Program],
    native: &BTreeMap<usize, Vec<Diag>>,
    ours: &BTreeMap<usize, Vec<Diag>>,
) {
    let codes = |m: &BTreeMap<usize, Vec<Diag>>, i: usize| {
        m.get(&i)
            .map(|ds| ds.iter().map(|d| d.code.clone()).collect::<BTreeSet<_>>())
    };
    let mut differ = Vec::new();
    for p in all {
        for (side, batch) in [(Side::Native, native), (Side::Ours, ours)] {
            let alone = ck.check(side, &[p], "alone");
            if codes(&alone, p.index) != codes(batch, p.index) {
                differ.push(format!(
                    "program {} {}: alone {:?}, in the batch {:?}",
                    p.index,
                    side.name(),
                    codes(&alone, p.index),
                    codes(batch, p.index)
                ));
            }
        }
    }
    println!(
        "verify: {} programs compiled alone, on both sides; {} differ from the batch (error codes)",
        all.len(),
        differ.len()
    );
    for d in &differ {
        println!("  {d}");
    }
}

fn main() {
    let t0 = Instant::now();
    let seed = env_usize("STACKLESS_NEGATIVE_SEED", 1) as u64;
    let cases = env_usize("STACKLESS_NEGATIVE_CASES", 300);
    let strict = env_flag("STACKLESS_NEGATIVE_STRICT");
    let run = std::env::var("STACKLESS_NEGATIVE_RUN").map_or(true, |v| v != "0");
    let asan = env_flag("STACKLESS_NEGATIVE_ASAN");
    let only: Option<Vec<usize>> = std::env::var("STACKLESS_NEGATIVE_ONLY").ok().map(|s| {
        s.split(',')
            .map(|x| x.trim().parse().expect("STACKLESS_NEGATIVE_ONLY: indices"))
            .collect()
    });
    let indices: Vec<usize> = only.unwrap_or_else(|| (0..cases).collect());
    let programs: Vec<Program> = indices.iter().map(|&i| gen::generate(seed, i)).collect();
    let all: Vec<&Program> = programs.iter().collect();

    let exe = std::env::current_exe().unwrap();
    let deps = exe.parent().unwrap().to_path_buf();
    let stackless = find_rlib(&deps).expect("libstackless-*.rlib next to the test binary");
    let asan_lib = if asan {
        // `cargo build --target x86_64-unknown-linux-gnu` with `RUSTFLAGS=-Zsanitizer=address`
        // and the same CARGO_TARGET_DIR puts the library there (see the README).
        let dir = std::env::var("STACKLESS_NEGATIVE_ASAN_DEPS").map_or_else(
            |_| deps.join("../../x86_64-unknown-linux-gnu/debug/deps"),
            PathBuf::from,
        );
        let lib = find_rlib(&dir).unwrap_or_else(|| {
            panic!(
                "no libstackless-*.rlib in {}: build it with AddressSanitizer first (README)",
                dir.display()
            )
        });
        Some((dir, lib))
    } else {
        None
    };
    let tc = Toolchain {
        rustc: env!("STACKLESS_NEGATIVE_RUSTC").to_string(),
        deps,
        stackless,
        asan: asan_lib,
    };
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("negative-seed{seed}"));
    std::fs::create_dir_all(&dir).unwrap();
    let mut ck = Checker {
        tc: &tc,
        dir: dir.clone(),
        compiles: 0,
    };

    // Batches: rustc's time and memory grow faster than linearly with the size of one crate
    // of these programs (5,000 in one crate took 8 GB and minutes; 400 take seconds).
    let batch = env_usize("STACKLESS_NEGATIVE_BATCH", 400).max(1);
    let (mut native, mut ours) = (BTreeMap::new(), BTreeMap::new());
    for (k, chunk) in all.chunks(batch).enumerate() {
        native.extend(ck.check(Side::Native, chunk, &format!("b{k}")));
        ours.extend(ck.check(Side::Ours, chunk, &format!("b{k}")));
    }
    let t_check = t0.elapsed();
    if env_flag("STACKLESS_NEGATIVE_VERIFY") {
        verify(&mut ck, &all, &native, &ours);
    }

    let mut unsound = Vec::new();
    let mut false_rej = Vec::new();
    let mut kinds: BTreeSet<&str> = BTreeSet::new();
    let mut per_family: BTreeMap<&str, [usize; 4]> = BTreeMap::new();
    for p in &programs {
        let (n, o) = (native.contains_key(&p.index), ours.contains_key(&p.index));
        let f = per_family.entry(p.family).or_default();
        f[0] += 1;
        if n {
            kinds.insert(p.family);
            f[1] += 1;
        }
        match (n, o) {
            (true, false) => {
                unsound.push(p);
                f[2] += 1;
            }
            (false, true) => {
                false_rej.push(p);
                f[3] += 1;
            }
            _ => {}
        }
    }
    let rejected = native.len();
    let mut report = String::new();

    // Run what both accept.
    let mut run_line = String::new();
    let mut run_diffs = Vec::new();
    if run {
        let both: Vec<&Program> = programs
            .iter()
            .filter(|p| !native.contains_key(&p.index) && !ours.contains_key(&p.index))
            .collect();
        let t1 = Instant::now();
        let (mut n_traces, mut o_traces) = (Ok(BTreeMap::new()), Ok(BTreeMap::new()));
        for (k, chunk) in both.chunks(batch).enumerate() {
            for (side, traces, asan) in [
                (Side::Native, &mut n_traces, false),
                (Side::Ours, &mut o_traces, asan),
            ] {
                if let Ok(t) = traces {
                    match ck.run(side, chunk, asan, k) {
                        Ok(more) => t.extend(more),
                        Err(e) => *traces = Err(e),
                    }
                }
            }
        }
        match (n_traces, o_traces) {
            (Ok(nt), Ok(ot)) => {
                for p in &both {
                    let (a, b) = (nt.get(&p.index), ot.get(&p.index));
                    if a != b {
                        run_diffs.push((
                            *p,
                            a.cloned().unwrap_or_default(),
                            b.cloned().unwrap_or_default(),
                        ));
                    }
                }
                run_line = format!(
                    "run{}: {} programs accepted by both, {} traces differ (ours moved between resumes where safe code may move it) [{:.1}s]",
                    if asan { " under AddressSanitizer" } else { "" },
                    thousands(both.len()),
                    run_diffs.len(),
                    t1.elapsed().as_secs_f64()
                );
            }
            (a, b) => {
                for e in [a.err(), b.err()].into_iter().flatten() {
                    writeln!(report, "{e}").unwrap();
                }
                run_line = "run: could not build the accepted programs".into();
                run_diffs.push((all[0], String::new(), String::new()));
            }
        }
    }

    if !unsound.is_empty() {
        writeln!(
            report,
            "\n== ACCEPTED BY STACKLESS, REJECTED BY RUSTC (soundness failures): {}",
            unsound.len()
        )
        .unwrap();
        for (k, p) in unsound.iter().enumerate() {
            show_program(&mut report, k, p, &native, &ours);
        }
    }
    if !run_diffs.is_empty() && !run_line.starts_with("run: could") {
        writeln!(
            report,
            "\n== ACCEPTED BY BOTH, DIFFERENT TRACES when run (soundness failures): {}",
            run_diffs.len()
        )
        .unwrap();
        for (k, (p, a, b)) in run_diffs.iter().enumerate() {
            writeln!(report, "  trace, rustc: {a}\n  trace, ours:  {b}").unwrap();
            show_program(&mut report, k, p, &native, &ours);
        }
    }
    if !false_rej.is_empty() {
        writeln!(
            report,
            "\n== REJECTED BY STACKLESS, ACCEPTED BY RUSTC (false rejections): {}",
            false_rej.len()
        )
        .unwrap();
        for (k, p) in false_rej.iter().enumerate() {
            show_program(&mut report, k, p, &native, &ours);
        }
    }
    if env_flag("STACKLESS_NEGATIVE_VERBOSE") {
        for p in &programs {
            println!(
                "{:>5} {:<15} {:<5} rustc {:<40} ours {:<40} {}",
                p.index,
                p.family,
                p.kind.name(),
                first_error(&native, p.index)
                    .chars()
                    .take(40)
                    .collect::<String>(),
                first_error(&ours, p.index)
                    .chars()
                    .take(40)
                    .collect::<String>(),
                p.variant
            );
        }
    }
    print!("{report}");
    println!(
        "\nnegative conformance: {} programs ({} rejected by rustc, {} accepted), {} accepted that rustc rejects, {} rejected that rustc accepts; {} rejection kinds",
        thousands(programs.len()),
        thousands(rejected),
        thousands(programs.len() - rejected),
        unsound.len(),
        false_rej.len(),
        kinds.len()
    );
    let fams: Vec<String> = per_family
        .iter()
        .map(|(f, c)| {
            format!(
                "{f} {}/{} rejected{}{}",
                c[1],
                c[0],
                if c[2] > 0 {
                    format!(", {} unsound", c[2])
                } else {
                    String::new()
                },
                if c[3] > 0 {
                    format!(", {} false", c[3])
                } else {
                    String::new()
                }
            )
        })
        .collect();
    let kinds_n = [Kind::Iter, Kind::Coro, Kind::Async]
        .map(|k| programs.iter().filter(|p| p.kind == k).count());
    println!(
        "  (seed {seed}; {} iter, {} coro, {} async; families: {}; families never generated: {:?})",
        kinds_n[0],
        kinds_n[1],
        kinds_n[2],
        fams.join("; "),
        gen::family_names()
            .into_iter()
            .filter(|f| !per_family.contains_key(f))
            .collect::<Vec<_>>()
    );
    println!("  rustc's error codes: {}", codes(&native));
    println!("  ours' error codes:   {}", codes(&ours));
    println!(
        "  checked in {:.1}s ({} rustc runs; files in {})",
        t_check.as_secs_f64(),
        ck.compiles,
        dir.display()
    );
    if run {
        println!("  {run_line}");
    }
    let fail = !unsound.is_empty() || !run_diffs.is_empty() || (strict && !false_rej.is_empty());
    if fail {
        eprintln!(
            "negative conformance FAILED: {} soundness failures at compile time, {} at run time{}",
            unsound.len(),
            run_diffs.len(),
            if strict {
                format!(", {} false rejections (strict)", false_rej.len())
            } else {
                String::new()
            }
        );
        std::process::exit(1);
    }
}
