// Parsers over borrowed buffers, hyper/nom style: results that borrow the input, lifetimes on
// functions and on impl headers, `&str` splitting, cursors with `&mut &[u8]`.

use crate::support::{tick, D};
use crate::tracing::trace;

#[derive(Debug, PartialEq)]
pub enum Frame<'a> {
    Line(&'a str),
    Bytes(&'a [u8]),
    Pair(&'a str, &'a str),
}

#[derive(Debug, PartialEq)]
pub enum ParseError {
    Empty,
    Utf8(usize),
    Missing(&'static str),
}

#[stackless::coroutine]
pub async fn parse<'a>(buf: &'a [u8]) -> Result<Frame<'a>, ParseError> {
    if buf.is_empty() {
        return Err(ParseError::Empty);
    }
    tick().await;
    match buf[0] {
        b'+' => {
            let s = std::str::from_utf8(&buf[1..]).map_err(|e| ParseError::Utf8(e.valid_up_to()))?;
            Ok(Frame::Line(s.trim_end()))
        }
        b'=' => {
            let s = std::str::from_utf8(&buf[1..]).map_err(|e| ParseError::Utf8(e.valid_up_to()))?;
            let (k, v) = s.split_once(':').ok_or(ParseError::Missing(":"))?;
            Ok(Frame::Pair(k, v))
        }
        _ => Ok(Frame::Bytes(buf)),
    }
}

#[stackless::coroutine]
pub async fn parse_all<'a>(bufs: &[&'a [u8]]) -> Vec<Result<Frame<'a>, ParseError>> {
    let mut out = Vec::new();
    for b in bufs {
        out.push(parse(b).await);
    }
    out
}

#[stackless::coroutine]
pub async fn split_words(text: &str) -> Vec<&str> {
    let mut words = Vec::new();
    for (i, w) in text.split_whitespace().enumerate() {
        if i % 2 == 1 {
            tick().await;
        }
        words.push(w);
    }
    words
}

#[stackless::coroutine]
pub async fn longest<'a>(a: &'a str, b: &'a str) -> &'a str {
    tick().await;
    if a.len() >= b.len() {
        a
    } else {
        b
    }
}

#[stackless::coroutine]
pub async fn first_field<'a, 'b>(line: &'a str, sep: &'b str) -> Option<&'a str> {
    tick().await;
    line.split(sep).next().filter(|f| !f.is_empty())
}

#[stackless::coroutine]
pub async fn take_u16(cursor: &mut &[u8]) -> Option<u16> {
    tick().await;
    if cursor.len() < 2 {
        return None;
    }
    let (head, rest) = cursor.split_at(2);
    *cursor = rest;
    Some(u16::from_be_bytes([head[0], head[1]]))
}

#[stackless::coroutine]
pub async fn read_records(mut input: &[u8]) -> Vec<u16> {
    let _d = D("records");
    let mut out = vec![];
    while let Some(v) = take_u16(&mut input).await {
        trace!(v, remaining = input.len());
        out.push(v);
    }
    out
}

pub struct Headers<'a> {
    raw: &'a str,
}

impl<'a> Headers<'a> {
    pub fn new(raw: &'a str) -> Self {
        Headers { raw }
    }

    #[stackless::coroutine]
    pub async fn get(&self, name: &str) -> Option<&'a str> {
        tick().await;
        self.raw.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.trim().eq_ignore_ascii_case(name).then(|| v.trim())
        })
    }

    #[stackless::coroutine]
    pub async fn all(&self) -> Vec<(&'a str, &'a str)> {
        let mut out = vec![];
        for line in self.raw.lines() {
            if let Some((k, v)) = line.split_once(':') {
                out.push((k.trim(), v.trim()));
            }
            tick().await;
        }
        out
    }
}

#[stackless::coroutine]
pub async fn query_params(url: &str) -> Vec<(String, Option<String>)> {
    let Some((_, query)) = url.split_once('?') else {
        return Vec::new();
    };
    let mut params = Vec::new();
    for part in query.split('&') {
        tick().await;
        let mut kv = part.splitn(2, '=');
        let key = kv.next().unwrap_or_default().to_owned();
        let value = kv.next().map(String::from);
        params.push((key, value));
    }
    params
}

#[stackless::coroutine]
pub async fn csv_sum(data: &str, column: usize) -> Result<f64, String> {
    let mut lines = data.lines();
    let header = lines.next().ok_or("no header")?;
    let ncols = header.split(',').count();
    if column >= ncols {
        return Err(format!("column {column} out of {ncols}"));
    }
    let mut sum = 0.0;
    for (n, line) in lines.enumerate() {
        tick().await;
        let cell = line.split(',').nth(column).ok_or_else(|| format!("line {n}: short"))?;
        sum += cell.trim().parse::<f64>().map_err(|e| format!("line {n}: {e}"))?;
    }
    Ok(sum)
}

#[stackless::coroutine]
pub async fn tokenize(src: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut chars = src.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if c.is_ascii_digit() {
            let mut end = i + 1;
            while let Some(&(j, d)) = chars.peek() {
                if !d.is_ascii_digit() {
                    break;
                }
                end = j + 1;
                chars.next();
            }
            tick().await;
            tokens.push(format!("num:{}", &src[i..end]));
        } else {
            tokens.push(format!("op:{c}"));
        }
    }
    tokens
}

pub trait Decode<'de>: Sized {
    fn decode(input: &'de [u8]) -> Option<(Self, &'de [u8])>;
}

impl<'de> Decode<'de> for &'de str {
    fn decode(input: &'de [u8]) -> Option<(Self, &'de [u8])> {
        let n = *input.first()? as usize;
        let s = std::str::from_utf8(input.get(1..1 + n)?).ok()?;
        Some((s, &input[1 + n..]))
    }
}

#[stackless::coroutine]
pub async fn decode_many<'de, T>(mut input: &'de [u8]) -> Vec<T>
where
    T: Decode<'de> + std::fmt::Debug,
{
    let mut out = Vec::new();
    while let Some((v, rest)) = T::decode(input) {
        tick().await;
        out.push(v);
        input = rest;
    }
    out
}
