//! Every `unsafe` block and `unsafe impl` in the macro and the runtime says why it holds: a
//! `// SAFETY:` comment right above it (or above the statement it starts in), naming the
//! invariants of the soundness argument (`stackless::coroutine`'s docs, "Soundness").

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).expect("readable source directory") {
        let p = e.expect("entry").path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Whether the comment lines right above line `i` (skipping attributes and the lines of a
/// statement that continues onto line `i`) include a `SAFETY` comment.
fn justified(lines: &[&str], i: usize) -> bool {
    let mut j = i;
    while j > 0 {
        j -= 1;
        let s = lines[j].trim();
        if s.starts_with("//") {
            if s.contains("SAFETY") {
                return true;
            }
            continue;
        }
        if s.starts_with("#[") {
            continue;
        }
        if s.is_empty() || s.ends_with(';') || s.ends_with('}') || s.ends_with('{') {
            return false;
        }
    }
    false
}

#[test]
fn every_unsafe_block_has_a_safety_comment() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("macros/src"), &mut files);
    rust_files(&root.join("runtime/src"), &mut files);
    files.sort();
    let (mut total, mut missing) = (0, Vec::new());
    for f in &files {
        let text = std::fs::read_to_string(f).expect("readable source");
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            let mut rest = code;
            while let Some(k) = rest.find("unsafe") {
                let before = rest[..k].chars().last();
                let after = rest[k + "unsafe".len()..].trim_start();
                let word = before.is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
                if word && (after.starts_with('{') || after.starts_with("impl")) {
                    total += 1;
                    if !justified(&lines, i) {
                        missing.push(format!("{}:{}: {}", f.display(), i + 1, line.trim()));
                    }
                }
                rest = &rest[k + "unsafe".len()..];
            }
        }
    }
    assert!(
        total > 100,
        "found only {total} unsafe blocks: is the scan broken?"
    );
    assert!(
        missing.is_empty(),
        "{} of {total} `unsafe` blocks have no SAFETY comment:\n{}",
        missing.len(),
        missing.join("\n")
    );
    println!("{total} unsafe blocks and impls, each with a SAFETY comment");
}
