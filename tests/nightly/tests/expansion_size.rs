//! How many lines a reader of `cargo expand` sees for the main example's `count_up`: the
//! example expanded the way `cargo expand` does it (`rustc -Zunpretty=expanded`, every macro
//! expanded, pin-project-lite's included), the lines from `fn count_up` to the next item.
//!
//! Recorded: 280 lines before the plain-enum state (session 12), 169 after; 149 in session
//! 21 (a state that moves freely projected through one runtime trait, no one-arm dispatch
//! `match`; `running_total` 104 -> 89; prettyplease's layout, `cargo expand`'s, gives 176 ->
//! 148 and 119 -> 100); issue 20 asks for 80. The assertion guards what was reached, so that
//! growth is seen; it does not claim the target.

use std::process::Command;

fn item_lines(expanded: &str, item: &str) -> usize {
    let lines: Vec<&str> = expanded.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.starts_with(item))
        .unwrap_or_else(|| panic!("`{item}` in the expansion"));
    let end = lines[start + 1..]
        .iter()
        .position(|l| l.starts_with("fn ") || l.starts_with("#["))
        .map_or(lines.len(), |k| start + 1 + k);
    end - start
}

#[test]
fn count_up_expansion_stays_under_its_recorded_size() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let target = concat!(env!("CARGO_MANIFEST_DIR"), "/../../target/nightly-expand");
    let out = Command::new(env!("CARGO"))
        .args(["rustc", "-q", "--example", "count_up", "--manifest-path"])
        .arg(format!("{root}/Cargo.toml"))
        .args(["--", "-Zunpretty=expanded"])
        .env("CARGO_TARGET_DIR", target)
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let expanded = String::from_utf8(out.stdout).unwrap();
    let count_up = item_lines(&expanded, "fn count_up(");
    let running_total = item_lines(&expanded, "fn running_total(");
    println!(
        "count_up: {count_up} lines, running_total: {running_total} lines, the example: {} lines (issue 20's target for count_up: 80)",
        expanded.lines().count()
    );
    assert!(count_up <= 150, "count_up expands to {count_up} lines");
    assert!(
        running_total <= 90,
        "running_total expands to {running_total} lines"
    );
}
