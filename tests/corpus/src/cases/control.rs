// Everyday control flow around awaits: early returns, labeled loops, shadowing, `let else`,
// `if let .. else`, `matches!`, closures, combinators, destructuring and `ref` bindings,
// `_` parameters, formatting macros with locals.

use std::collections::{BTreeMap, HashMap};

use crate::support::{log, tick, D};
use crate::tracing::debug;

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub name: String,
    pub retries: u32,
    pub tags: Vec<String>,
}

#[derive(Debug)]
pub struct Point {
    pub x: i32,
    pub y: i32,
}

#[stackless::coroutine]
pub async fn lookup(key: &str) -> Option<u32> {
    tick().await;
    match key {
        "a" => Some(1),
        "b" => Some(2),
        k if k.len() > 3 => Some(k.len() as u32),
        _ => None,
    }
}

#[stackless::coroutine]
pub async fn early_return(keys: &[&str]) -> Result<u32, String> {
    let mut sum = 0;
    for k in keys {
        if k.is_empty() {
            return Err("empty key".into());
        }
        let Some(v) = lookup(k).await else {
            return Err(format!("missing {k}"));
        };
        sum += v;
    }
    Ok(sum)
}

#[stackless::coroutine]
pub async fn labeled(grid: Vec<Vec<&'static str>>) -> (usize, usize, u32) {
    let mut found = (usize::MAX, usize::MAX);
    let mut total = 0;
    'rows: for (i, row) in grid.iter().enumerate() {
        for (j, cell) in row.iter().enumerate() {
            match lookup(cell).await {
                Some(0) => continue 'rows,
                Some(v) if v > 3 => {
                    found = (i, j);
                    break 'rows;
                }
                Some(v) => total += v,
                None => continue,
            }
        }
    }
    (found.0, found.1, total)
}

#[stackless::coroutine]
pub async fn shadowing(input: &str) -> String {
    let input = input.trim();
    let input = lookup(input).await.map(|v| v * 10).unwrap_or(0);
    let input = format!("{input:04}");
    tick().await;
    let input = input.chars().rev().collect::<String>();
    input
}

#[stackless::coroutine]
pub async fn if_let_else(v: Option<&str>, d: D) -> String {
    let out = if let Some(k) = v {
        match lookup(k).await {
            Some(n) => format!("{k}={n}"),
            None => format!("{k}=?"),
        }
    } else if d.0.starts_with('x') {
        tick().await;
        "x".to_owned()
    } else {
        drop(d);
        tick().await;
        "dropped".to_owned()
    };
    log(&out);
    out
}

#[stackless::coroutine]
pub async fn classify(items: Vec<Result<u32, String>>) -> (usize, usize, Vec<u32>) {
    let mut ok = 0;
    let mut big = 0;
    let mut small = vec![];
    for item in &items {
        tick().await;
        if matches!(item, Ok(n) if *n > 100) {
            big += 1;
        }
        if item.is_ok() {
            ok += 1;
        }
        if let Ok(n @ 0..=9) = item {
            small.push(*n);
        }
    }
    (ok, big, small)
}

#[stackless::coroutine]
pub async fn closures(words: Vec<String>) -> Vec<String> {
    let prefix = String::from(">");
    let decorate = |w: &str| format!("{prefix}{w}");
    let mut out = Vec::new();
    for w in &words {
        let n = lookup(w).await.unwrap_or_default();
        out.push(decorate(&format!("{w}{n}")));
    }
    let mut count = 0;
    let mut bump = || count += 1;
    bump();
    tick().await;
    bump();
    out.push(format!("count={count}"));
    out
}

#[stackless::coroutine]
pub async fn combinators(a: Option<&str>, b: Result<u32, String>) -> Result<String, String> {
    let first = a.map(str::to_uppercase).filter(|s| !s.is_empty());
    let second = b.as_ref().map(|v| v + 1).map_err(|e| e.clone());
    let looked = match first.as_deref() {
        Some(k) => lookup(&k.to_lowercase()).await,
        None => None,
    };
    let n = looked.ok_or_else(|| "not found".to_string()).and_then(|v| {
        if v > 5 {
            Err("too big".to_string())
        } else {
            Ok(v)
        }
    })?;
    Ok(format!("{:?}-{}-{}", first, second.unwrap_or(0), n))
}

#[stackless::coroutine]
pub async fn destructure_params(Point { x, y }: Point, (a, _): (u32, D), [first, .., last]: [u8; 4]) -> i64 {
    tick().await;
    (x * y) as i64 + a as i64 + first as i64 * 100 + last as i64
}

#[stackless::coroutine]
pub async fn underscore_params(_: D, _unused: u32, keep: D) -> &'static str {
    tick().await;
    keep.0
}

#[stackless::coroutine]
pub async fn ref_bindings(mut cfg: Config) -> Config {
    let Config {
        ref name,
        ref mut retries,
        ..
    } = cfg;
    *retries += name.len() as u32;
    tick().await;
    match cfg {
        Config { ref mut tags, .. } if tags.is_empty() => tags.push("default".into()),
        Config { ref tags, .. } => debug!(n = tags.len()),
    }
    tick().await;
    cfg
}

#[stackless::coroutine]
pub async fn counting(text: &str) -> BTreeMap<char, usize> {
    let mut counts = BTreeMap::new();
    for (i, c) in text.chars().enumerate() {
        if i % 4 == 0 {
            tick().await;
        }
        if !c.is_alphabetic() {
            continue;
        }
        *counts.entry(c).or_insert(0) += 1;
    }
    counts
}

#[stackless::coroutine]
pub async fn while_loop(mut n: u64) -> (u64, Vec<u64>) {
    let mut steps = vec![n];
    while n != 1 {
        n = if n % 2 == 0 { n / 2 } else { 3 * n + 1 };
        if steps.len() % 3 == 0 {
            tick().await;
        }
        steps.push(n);
    }
    (steps.len() as u64, steps)
}

#[stackless::coroutine]
pub async fn loop_break_value(limit: u32) -> u32 {
    let mut i = 0;
    let found = loop {
        i += 1;
        if lookup(if i % 2 == 0 { "a" } else { "zz" }).await.is_some() && i > limit {
            break i * 100;
        }
        if i > 50 {
            break 0;
        }
    };
    found + 1
}

#[stackless::coroutine]
pub async fn formatting(name: &str, n: u32) -> Vec<String> {
    let width = 6;
    let v = lookup(name).await;
    let lines = vec![
        format!("{name:>width$}|"),
        format!("{n:#x} {n:08b}"),
        format!("{:?} {v:?}", name),
        format!("{0}-{0}-{1}", n, name),
    ];
    lines
}

#[stackless::coroutine]
pub async fn nested_blocks(d: D) -> u32 {
    let a = {
        let inner = D("inner");
        let v = lookup("a").await.unwrap();
        drop(inner);
        v
    };
    let b = {
        let _keep = &d;
        lookup("b").await.unwrap()
    };
    a + b
}

#[stackless::coroutine]
pub async fn hashmap_entry(keys: Vec<&'static str>) -> Vec<(String, u32)> {
    let mut m: HashMap<&str, u32> = HashMap::new();
    for k in keys {
        let v = lookup(k).await.unwrap_or(0);
        m.entry(k).and_modify(|e| *e += v).or_insert(v);
    }
    let mut out: Vec<_> = m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
    out.sort();
    out
}

#[stackless::coroutine]
pub async fn tuple_struct_match(p: (Option<D>, Result<D, D>)) -> String {
    match p {
        (Some(a), Ok(b)) => {
            tick().await;
            format!("{a}{b}")
        }
        (None, Ok(b)) | (None, Err(b)) => {
            tick().await;
            format!("{b}")
        }
        (Some(a), Err(e)) => {
            drop(e);
            tick().await;
            format!("{a}!")
        }
    }
}

#[stackless::coroutine]
pub async fn question_on_option(words: &[&str]) -> Option<u32> {
    let first = words.first()?;
    let a = lookup(first).await?;
    let b = lookup(words.get(1)?).await?;
    Some(a * 10 + b)
}

#[stackless::coroutine]
pub async fn drops_in_order(flag: bool) -> Vec<&'static str> {
    let a = D("a");
    let b = D("b");
    let mut names = vec![a.0];
    tick().await;
    if flag {
        drop(a);
        tick().await;
        names.push(b.0);
        return names;
    }
    let c = D("c");
    tick().await;
    names.push(c.0);
    names.push(b.0);
    names
}

#[stackless::coroutine]
pub async fn moved_into_closure(items: Vec<D>) -> usize {
    let keep = D("keep");
    let count = move || items.len();
    tick().await;
    let n = count();
    drop(keep);
    tick().await;
    n
}
