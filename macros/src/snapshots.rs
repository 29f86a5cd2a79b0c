//! Expansion snapshots: `tests/expand/NAME.rs` holds functions marked
//! `#[stackless::coroutine]` (or using the block forms, `iter! { .. }`, …);
//! `tests/expand/NAME.expanded.rs` holds what the macro turns them into, formatted with
//! prettyplease. A change to the lowering shows up as a readable diff.
//!
//! Regenerate after an intended change with
//! `STACKLESS_BLESS=1 cargo test -p stackless-macros snapshots`.

use std::path::PathBuf;

fn expand_file(src: &str) -> String {
    let mut file: syn::File = syn::parse_str(src).expect("snapshot input parses");
    for item in &mut file.items {
        match item {
            syn::Item::Fn(f) => {
                if let Some(args) = take_marker(&mut f.attrs) {
                    *item = syn::parse2(expand(args, quote::quote!(#f)))
                        .expect("expansion parses as an item");
                }
            }
            syn::Item::Impl(imp) => {
                for it in &mut imp.items {
                    let syn::ImplItem::Fn(f) = it else { continue };
                    if let Some(args) = take_marker(&mut f.attrs) {
                        *it = syn::parse2(expand(args, quote::quote!(#f)))
                            .expect("expansion parses as a method");
                    }
                }
            }
            _ => {}
        }
    }
    syn::visit_mut::VisitMut::visit_file_mut(&mut Blocks, &mut file);
    prettyplease::unparse(&file)
}

/// Expands the block forms in place (those outside a coroutine's body: the ones inside are
/// still macro calls in its expansion, as rustc sees them).
struct Blocks;

impl syn::visit_mut::VisitMut for Blocks {
    fn visit_expr_mut(&mut self, e: &mut syn::Expr) {
        if let syn::Expr::Macro(m) = e {
            if let Some(form) = crate::blocks::form_of(&m.mac) {
                *e = syn::parse2(crate::blocks::expand(form, m.mac.tokens.clone()))
                    .expect("a block form's expansion parses as an expression");
                return;
            }
        }
        syn::visit_mut::visit_expr_mut(self, e);
    }
    fn visit_stmt_mut(&mut self, s: &mut syn::Stmt) {
        if let syn::Stmt::Macro(m) = s {
            if let Some(form) = crate::blocks::form_of(&m.mac) {
                let e = syn::parse2(crate::blocks::expand(form, m.mac.tokens.clone()))
                    .expect("a block form's expansion parses as an expression");
                *s = syn::Stmt::Expr(e, m.semi_token);
                return;
            }
        }
        syn::visit_mut::visit_stmt_mut(self, s);
    }
}

/// Removes `#[stackless::coroutine(args)]` from `attrs`, returning `args`.
fn take_marker(attrs: &mut Vec<syn::Attribute>) -> Option<proc_macro2::TokenStream> {
    let pos = attrs.iter().position(|a| {
        a.path()
            .segments
            .last()
            .is_some_and(|s| s.ident == "coroutine")
    })?;
    Some(match attrs.remove(pos).meta {
        syn::Meta::List(l) => l.tokens,
        _ => proc_macro2::TokenStream::new(),
    })
}

fn expand(
    args: proc_macro2::TokenStream,
    item: proc_macro2::TokenStream,
) -> proc_macro2::TokenStream {
    crate::expand::expand(args, item)
}

#[test]
fn snapshots() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/expand");
    let bless = std::env::var_os("STACKLESS_BLESS").is_some();
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/expand exists")
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension().is_some_and(|x| x == "rs")
                && !p.to_string_lossy().ends_with(".expanded.rs")
        })
        .collect();
    inputs.sort();
    assert!(
        !inputs.is_empty(),
        "no snapshot inputs in {}",
        dir.display()
    );
    let mut failed = Vec::new();
    for input in &inputs {
        let got = expand_file(&std::fs::read_to_string(input).unwrap());
        let expected_path = input.with_extension("expanded.rs");
        if bless {
            std::fs::write(&expected_path, &got).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != got {
            failed.push(format!(
                "--- {} (expected)\n+++ (got)\n{}",
                expected_path.display(),
                diff(&expected, &got)
            ));
        }
    }
    assert!(
        failed.is_empty(),
        "expansions changed (STACKLESS_BLESS=1 to accept):\n{}",
        failed.join("\n")
    );
}

/// A small line diff: the lines that differ, with a little context.
fn diff(a: &str, b: &str) -> String {
    let (a, b): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
    let mut out = String::new();
    let n = a.len().max(b.len());
    let mut shown = 0;
    for i in 0..n {
        let (x, y) = (a.get(i), b.get(i));
        if x != y {
            if let Some(x) = x {
                out.push_str(&format!("{:4} -{x}\n", i + 1));
            }
            if let Some(y) = y {
                out.push_str(&format!("{:4} +{y}\n", i + 1));
            }
            shown += 1;
            if shown > 40 {
                out.push_str("…\n");
                break;
            }
        }
    }
    out
}
