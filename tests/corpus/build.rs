//! Writes the native twin of every file in `src/cases/`: the same text with each
//! `#[stackless::coroutine]` line removed, into `$OUT_DIR/native/`, so `native::x::f` is the
//! body compiled by rustc itself and `cases::x::f` the body compiled by the attribute.

use std::env;
use std::fs;
use std::path::Path;

fn main() {
    let out = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("native");
    fs::create_dir_all(&out).expect("create OUT_DIR/native");
    println!("cargo:rerun-if-changed=src/cases");
    let mut names: Vec<_> = fs::read_dir("src/cases")
        .expect("read src/cases")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    names.sort();
    for path in names {
        println!("cargo:rerun-if-changed={}", path.display());
        let text = fs::read_to_string(&path).expect("read case file");
        let mut native = String::with_capacity(text.len());
        for line in text.lines() {
            if line.trim() == "#[stackless::coroutine]" {
                continue;
            }
            native.push_str(line);
            native.push('\n');
        }
        let name = path.file_name().expect("file name");
        fs::write(out.join(name), native).expect("write native copy");
    }
}
