//! How long the macro takes to expand a function with many suspension points, and how big
//! the output is, for 50, 100 and 200 points (two shapes: straight-line, and a loop whose body
//! holds every point in an `if`/`else`).
//!
//! `cargo bench --bench expansion` (the token counts are printed before the timings, and
//! those of the corpus's functions: `corpus_tokens`).

// The macro's stages, compiled into this bench as ordinary modules (a proc-macro crate
// cannot be linked as a library).
#[allow(dead_code)]
#[path = "../macros/src/await_macros.rs"]
mod await_macros;
#[allow(dead_code)]
#[path = "../macros/src/blocks.rs"]
mod blocks;

#[allow(dead_code)]
#[path = "../macros/src/boxed.rs"]
mod boxed;

#[path = "../macros/src/cfg.rs"]
mod cfg;
#[allow(dead_code)]
#[path = "../macros/src/emit.rs"]
mod emit;
#[allow(dead_code)]
#[path = "../macros/src/expand.rs"]
mod expand;
#[allow(dead_code)]
#[path = "../macros/src/flow.rs"]
mod flow;

#[path = "../macros/src/for_await.rs"]
mod for_await;

#[allow(dead_code)]
#[path = "../macros/src/guards.rs"]
mod guards;
#[allow(dead_code)]
#[path = "../macros/src/holders.rs"]
mod holders;
#[allow(dead_code)]
#[path = "../macros/src/ir.rs"]
mod ir;
#[allow(dead_code)]
#[path = "../macros/src/layout.rs"]
mod layout;
#[allow(dead_code)]
#[path = "../macros/src/liveness.rs"]
mod liveness;
#[allow(dead_code)]
#[path = "../macros/src/lower.rs"]
mod lower;
#[allow(dead_code)]
#[path = "../macros/src/maybe_moved.rs"]
mod maybe_moved;

#[path = "../macros/src/names.rs"]
mod names;
#[allow(dead_code)]
#[path = "../macros/src/parse.rs"]
mod parse;
#[allow(dead_code)]
#[path = "../macros/src/partial.rs"]
mod partial;
#[allow(dead_code)]
#[path = "../macros/src/pinned.rs"]
mod pinned;
#[allow(dead_code)]
#[path = "../macros/src/resident.rs"]
mod resident;
#[path = "../macros/src/returning.rs"]
mod returning;
#[allow(dead_code)]
#[path = "../macros/src/scan.rs"]
mod scan;
#[allow(dead_code)]
#[path = "../macros/src/state.rs"]
mod state;

#[path = "../macros/src/temporaries.rs"]
mod temporaries;

#[path = "../macros/src/twin.rs"]
mod twin;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use proc_macro2::TokenStream;

/// `n` yields one after another, each with a local that lives to the next.
fn straight(n: usize) -> TokenStream {
    let mut body = String::from("let mut acc = 0u64;\n");
    for k in 0..n {
        body.push_str(&format!(
            "let v{k} = acc + {k};\nyield_!(v{k});\nacc += v{k};\n"
        ));
    }
    format!("fn big() -> impl Iterator<Item = u64> {{ {body} }}")
        .parse()
        .unwrap()
}

/// A loop whose body holds `n` yields, two per `if`/`else`: every resume point's
/// continuation re-enters the loop.
fn in_loop(n: usize) -> TokenStream {
    let mut body = String::new();
    for k in 0..n / 2 {
        body.push_str(&format!(
            "if i % {m} == 0 {{ yield_!(acc); acc += {k}; }} else {{ let t = acc * 2; yield_!(t); }}\n",
            m = k + 2
        ));
    }
    format!(
        "fn big(n: u64) -> impl Iterator<Item = u64> {{ let mut acc = 0u64; for i in 0..n {{ {body} }} }}"
    )
    .parse()
    .unwrap()
}

fn count_tokens(ts: TokenStream) -> usize {
    ts.into_iter()
        .map(|t| match t {
            proc_macro2::TokenTree::Group(g) => 2 + count_tokens(g.stream()),
            _ => 1,
        })
        .sum()
}

/// The macro's output for the corpus (`tests/corpus/src/{cases,gen}/*.rs`, the functions
/// written as users write them): per file, the tokens of the annotated functions as written
/// and as expanded. Printed only (the whole-crate build of the same files, ours against
/// native, is `benches/compile_time.sh`).
fn corpus_tokens() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/src");
    let (mut fns, mut input, mut output) = (0, 0, 0);
    for sub in ["cases", "gen"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(sub))
            .expect("tests/corpus/src exists")
            .map(|e| e.expect("dir entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "rs"))
            .collect();
        files.sort();
        for path in files {
            let file: syn::File =
                syn::parse_str(&std::fs::read_to_string(&path).expect("read")).expect("parses");
            let mut annotated: Vec<TokenStream> = Vec::new();
            let is_marker = |a: &syn::Attribute| {
                a.path()
                    .segments
                    .last()
                    .is_some_and(|s| s.ident == "coroutine")
            };
            let marked = |attrs: &[syn::Attribute]| attrs.iter().any(is_marker);
            let unmarked = |attrs: &[syn::Attribute]| -> Vec<syn::Attribute> {
                attrs.iter().filter(|a| !is_marker(a)).cloned().collect()
            };
            for item in &file.items {
                match item {
                    syn::Item::Fn(f) if marked(&f.attrs) => {
                        let mut f = f.clone();
                        f.attrs = unmarked(&f.attrs);
                        annotated.push(quote::quote!(#f));
                    }
                    syn::Item::Impl(imp) => {
                        for it in &imp.items {
                            if let syn::ImplItem::Fn(f) = it {
                                if marked(&f.attrs) {
                                    let mut f = f.clone();
                                    f.attrs = unmarked(&f.attrs);
                                    annotated.push(quote::quote!(#f));
                                }
                            }
                        }
                    }
                    _ => {}
                }
            }
            let (mut i, mut o) = (0, 0);
            for f in &annotated {
                i += count_tokens(f.clone());
                o += count_tokens(expand::expand(TokenStream::new(), f.clone()));
            }
            eprintln!(
                "expansion/corpus/{sub}/{}: {} functions, {i} input tokens -> {o} output tokens ({:.1}x)",
                path.file_stem().unwrap().to_string_lossy(),
                annotated.len(),
                o as f64 / i.max(1) as f64
            );
            fns += annotated.len();
            input += i;
            output += o;
        }
    }
    eprintln!(
        "expansion/corpus: {fns} functions, {input} input tokens -> {output} output tokens ({:.1}x)",
        output as f64 / input.max(1) as f64
    );
}

fn expansion(c: &mut Criterion) {
    corpus_tokens();
    for (name, shape) in [
        ("straight", straight as fn(usize) -> TokenStream),
        ("in_loop", in_loop),
    ] {
        for n in [50, 100, 200] {
            let input = shape(n);
            let out = expand::try_expand(TokenStream::new(), input.clone(), None).expect("expands");
            eprintln!(
                "expansion/{name}/{n}: {} input tokens -> {} output tokens",
                count_tokens(input),
                count_tokens(out)
            );
        }
    }
    let mut g = c.benchmark_group("expansion");
    g.sample_size(20);
    for (name, shape) in [
        ("straight", straight as fn(usize) -> TokenStream),
        ("in_loop", in_loop),
    ] {
        for n in [50, 100, 200] {
            let input = shape(n);
            g.bench_with_input(BenchmarkId::new(name, n), &input, |b, input| {
                b.iter(|| {
                    expand::try_expand(TokenStream::new(), input.clone(), None).expect("expands")
                })
            });
        }
    }
    g.finish();
}

criterion_group!(benches, expansion);
criterion_main!(benches);
