//! The generator of the negative suite: program `i` of seed `s` is a pure function of
//! `(s, i)` (splitmix64, as `build.rs`). Every program is a *family* (what it tries: a
//! reference to a local yielded, a closure escaping, a mutation under a borrow held across
//! a suspension point, …) with random variation (the kind of machine, the lifetime in the
//! signature, the borrow's form, where the conflicting statement goes). The generator does
//! not predict rustc's verdict: the native version is the oracle, and every family yields
//! both rejected programs and accepted controls.

pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64, index: usize) -> Rng {
        let mut r = Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B);
        r.0 = r.next() ^ (index as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        r.next();
        r
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pct(&mut self, p: usize) -> bool {
        self.below(100) < p
    }
    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len())]
    }
}

#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Kind {
    /// `-> impl Iterator<Item = Y>`; native: a `static` coroutine closure in a boxed adapter.
    Iter,
    /// `-> impl Coroutine<R, Yield = Y, Return = T>`; native: the `static` closure itself.
    Coro,
    /// `async fn`; native: the same `async fn`.
    Async,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Iter => "iter",
            Kind::Coro => "coro",
            Kind::Async => "async",
        }
    }
}

/// The lifetime a signature gives the references it yields or returns.
#[derive(Clone, Copy, PartialEq)]
enum Lt {
    Elided,
    Named,
    Static,
}

impl Lt {
    /// The lifetime as written in a reference type (`&'a str`), with its trailing space.
    fn r(self) -> &'static str {
        match self {
            Lt::Elided => "",
            Lt::Named => "'a ",
            Lt::Static => "'static ",
        }
    }
    /// The lifetime as a generic argument (`BoxFn<'a>`).
    fn arg(self) -> &'static str {
        match self {
            Lt::Elided => "'_",
            Lt::Named => "'a",
            Lt::Static => "'static",
        }
    }
    fn name(self) -> &'static str {
        match self {
            Lt::Elided => "elided",
            Lt::Named => "named",
            Lt::Static => "static",
        }
    }
}

pub struct Program {
    pub index: usize,
    /// The generator family: the "rejection kind" when rustc rejects the native version.
    pub family: &'static str,
    /// A short description of the variation (for reports).
    pub variant: String,
    pub kind: Kind,
    /// The items of the program (a function, perhaps in an `impl S`), each side.
    pub ours: String,
    pub native: String,
    /// A block expression of type `Vec<String>` that runs the program (same text both sides).
    pub run: String,
}

/// A signature and a body, written once; `emit` makes both versions.
struct Sig {
    generics: &'static str,
    /// `&self` / `&mut self`: the function is a method of `S`.
    receiver: Option<&'static str>,
    params: Vec<(String, String)>,
    /// `Item` (Iter), `Yield` (Coro).
    yield_ty: String,
    /// The resume type (Coro).
    resume: &'static str,
    /// `Return` (Coro), the output (Async).
    ret: String,
    /// `+ '_` / `+ 'a` on an `impl Trait` return type that must capture a lifetime its
    /// item types do not mention (edition 2021 rules).
    bound: &'static str,
    /// The arguments of the call in `run` (after the receiver).
    args: String,
}

/// `yield_!(e)` -> `(yield e)` for the native coroutine body.
fn native_body(body: &str) -> String {
    let mut out = String::new();
    let mut rest = body;
    while let Some(at) = rest.find("yield_!(") {
        out.push_str(&rest[..at]);
        let inner_start = at + "yield_!(".len();
        let bytes = rest.as_bytes();
        let mut depth = 1;
        let mut j = inner_start;
        while depth > 0 {
            match bytes[j] {
                b'(' => depth += 1,
                b')' => depth -= 1,
                _ => {}
            }
            j += 1;
        }
        let inner = native_body(&rest[inner_start..j - 1]);
        if inner.trim().is_empty() {
            out.push_str("(yield ())");
        } else {
            out.push_str(&format!("(yield {inner})"));
        }
        rest = &rest[j..];
    }
    out.push_str(rest);
    out
}

fn emit(
    index: usize,
    family: &'static str,
    variant: String,
    kind: Kind,
    sig: Sig,
    body: &[String],
) -> Program {
    let name = format!("f{index}");
    let mut params: Vec<String> = sig.receiver.iter().map(|r| r.to_string()).collect();
    params.extend(sig.params.iter().map(|(p, t)| format!("{p}: {t}")));
    let params = params.join(", ");
    let body_ours = body.join("\n        ");
    let body_native = native_body(&body_ours);
    let g = sig.generics;
    let b = sig.bound;
    let (y, r, t) = (&sig.yield_ty, sig.resume, &sig.ret);
    let (ours, native) = match kind {
        Kind::Iter => (
            format!(
                "#[stackless::coroutine]\n    pub fn {name}{g}({params}) -> impl Iterator<Item = {y}>{b} {{\n        {body_ours}\n    }}"
            ),
            format!(
                "pub fn {name}{g}({params}) -> impl Iterator<Item = {y}>{b} {{\n        iter(#[coroutine] static move || {{\n        {rebind}{body_native}\n        }})\n    }}",
                rebind = rebinds(&sig)
            ),
        ),
        Kind::Coro => (
            format!(
                "#[stackless::coroutine]\n    pub fn {name}{g}({params}) -> impl Coroutine<{r}, Yield = {y}, Return = {t}>{b} {{\n        {body_ours}\n    }}"
            ),
            format!(
                "pub fn {name}{g}({params}) -> impl Coroutine<{r}, Yield = {y}, Return = {t}>{b} {{\n        #[coroutine] static move |_r: {r}| {{\n        {rebind}{body_native}\n        }}\n    }}",
                rebind = rebinds(&sig)
            ),
        ),
        Kind::Async => (
            format!(
                "#[stackless::coroutine]\n    pub async fn {name}{g}({params}) -> {t} {{\n        {body_ours}\n    }}"
            ),
            format!("pub async fn {name}{g}({params}) -> {t} {{\n        {body_native}\n    }}"),
        ),
    };
    let (ours, native) = if sig.receiver.is_some() {
        (
            format!("impl S {{\n    {ours}\n}}"),
            format!("impl S {{\n    {native}\n}}"),
        )
    } else {
        (ours, native)
    };
    let callee = match sig.receiver {
        Some(r) if r.contains("mut") => format!(
            "{{ let s = Box::leak(Box::new(S::new())); s.{name}({}) }}",
            sig.args
        ),
        Some(_) => format!(
            "{{ let s: &'static S = Box::leak(Box::new(S::new())); s.{name}({}) }}",
            sig.args
        ),
        None => format!("p{index}::{name}({})", sig.args),
    };
    let run = match kind {
        Kind::Iter => format!("run_iter({callee})"),
        Kind::Coro => format!("run_coro!({r}, {callee})"),
        Kind::Async => format!("run_fut!({callee})"),
    };
    Program {
        index,
        family,
        variant,
        kind,
        ours,
        native,
        run,
    }
}

/// `let x = x;` for every parameter, first thing in a native coroutine closure, so it owns
/// them as our machine does (a `move` closure alone would capture only the places used).
fn rebinds(sig: &Sig) -> String {
    sig.params
        .iter()
        .filter(|(p, _)| p != "_")
        .map(|(p, _)| format!("let {p} = {p};\n        ", p = p.trim_start_matches("mut ")))
        .collect::<Vec<_>>()
        .concat()
}

const FAMILIES: &[(&str, fn(&mut Rng, usize) -> Program)] = &[
    ("yield-ref", yield_ref),
    ("return-ref", return_ref),
    ("closure-escape", closure_escape),
    ("borrow-conflict", borrow_conflict),
    ("big-array", big_array),
    ("self-method", self_method),
    ("loop-dangling", loop_dangling),
    ("use-after-move", use_after_move),
];

pub fn family_names() -> Vec<&'static str> {
    FAMILIES.iter().map(|f| f.0).collect()
}

pub fn generate(seed: u64, index: usize) -> Program {
    let mut rng = Rng::new(seed, index);
    // Weights: the families with the most variation get more programs.
    let f = rng.pick(&[0, 0, 0, 1, 1, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 6, 7]);
    (FAMILIES[f].1)(&mut rng, index)
}

// ---- helpers -------------------------------------------------------------------------

/// What a reference is to: `str`, `u8` or `u32`, with a local of that kind, a parameter,
/// and a static to borrow from.
#[derive(Clone, Copy, PartialEq)]
enum Elem {
    Str,
    U8,
    U32,
}

#[derive(Clone, Copy, PartialEq)]
enum Src {
    Local,
    Param,
    Static,
}

impl Elem {
    fn ty(self) -> &'static str {
        match self {
            Elem::Str => "str",
            Elem::U8 => "u8",
            Elem::U32 => "u32",
        }
    }
    /// The local's declaration, the parameter's type (after `&'a `), the argument.
    fn local(self, rng: &mut Rng) -> (String, &'static str) {
        match self {
            Elem::Str => (
                rng.pick(&[
                    "let s = String::from(\"a b c\");",
                    "let s = format!(\"{} {}\", 1, 2);",
                    "let s = \"x y\".to_string();",
                ])
                .to_string(),
                "s",
            ),
            Elem::U8 => (
                rng.pick(&[
                    "let b = [7u8; 256];",
                    "let b = vec![7u8, 8, 9];",
                    "let mut b = [7u8; 256]; b[1] = 3;",
                ])
                .to_string(),
                "b",
            ),
            Elem::U32 => (
                rng.pick(&[
                    "let v = vec![1u32, 2, 3];",
                    "let v = [1u32, 2, 3];",
                    "let v: Vec<u32> = (1..4).collect();",
                ])
                .to_string(),
                "v",
            ),
        }
    }
    fn param(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Elem::Str => ("s", "str", "\"p q\""),
            Elem::U8 => ("b", "[u8; 256]", "&[5u8; 256]"),
            Elem::U32 => ("v", "[u32]", "&[6u32, 7][..]"),
        }
    }
    fn static_base(self) -> &'static str {
        match self {
            Elem::Str => "\"k l\"",
            Elem::U8 => "BUF",
            Elem::U32 => "V32",
        }
    }
    /// A reference of type `&Elem` that borrows nothing local (a filler to yield).
    fn filler(self) -> &'static str {
        match self {
            Elem::Str => "\"z\"",
            Elem::U8 => "&0u8",
            Elem::U32 => "&1u32",
        }
    }
    /// Expressions of type `&Elem` borrowing from base `b` (a local, a `&` parameter or a
    /// static): (setup statements, the expression).
    fn single(self, b: &str, src: Src, rng: &mut Rng) -> (Vec<String>, String) {
        // `&x` of a parameter `x: &T` is `x` (a reborrow keeps the parameter's lifetime).
        let amp = if src == Src::Param { "" } else { "&" };
        match self {
            Elem::Str => match rng.below(5) {
                0 => (vec![], format!("{b}.trim()")),
                1 => (vec![], format!("&{b}[..1]")),
                2 => (
                    vec![format!("let w = {b}.split(' ').next().unwrap();")],
                    "w".into(),
                ),
                3 if src == Src::Local => (vec![], format!("{b}.as_str()")),
                _ => (vec![], format!("{b}.split_whitespace().last().unwrap()")),
            },
            Elem::U8 => match rng.below(4) {
                0 if b == "b" && src == Src::Local => (vec![], format!("&{b}[1]")),
                0 | 1 => (vec![], format!("{b}.first().unwrap()")),
                2 => (vec![], format!("&{b}[2]")),
                _ => (
                    vec![format!("let r = {b}.iter().next().unwrap();")],
                    "r".into(),
                ),
            },
            Elem::U32 => match rng.below(5) {
                0 => (vec![], format!("first_of({amp}{b})")),
                1 => (vec![], format!("&{b}[0]")),
                2 => (vec![], format!("{b}.first().unwrap()")),
                3 => (vec![format!("let o = {b}.get(1);")], "o.unwrap()".into()),
                _ => (
                    vec![format!("let r = {b}.iter().max().unwrap();")],
                    "r".into(),
                ),
            },
        }
    }
    /// A loop yielding every reference of an iterator over `b`.
    fn each(self, b: &str) -> String {
        match self {
            Elem::Str => format!("for w in {b}.split(' ') {{ yield_!(w); }}"),
            _ => format!("for x in {b}.iter() {{ yield_!(x); }}"),
        }
    }
}

/// A `&`-parameter of lifetime `lt` that nothing reads (to give an elided or named output
/// lifetime something to refer to).
fn dummy_param(lt: Lt) -> (String, String) {
    ("_x".into(), format!("&{}str", lt.r()))
}

fn kind3(rng: &mut Rng) -> Kind {
    rng.pick(&[Kind::Iter, Kind::Coro, Kind::Async])
}

/// A suspension point that yields a filler (sync kinds) or awaits (`async`).
fn susp(kind: Kind, filler: &str) -> String {
    match kind {
        Kind::Async => "pend().await;".into(),
        _ => format!("yield_!({filler});"),
    }
}

// ---- families ------------------------------------------------------------------------

/// A reference yielded by a generator: to a local (rejected natively), or to a parameter or
/// a static (accepted); with an elided, a named or a `'static` lifetime in the item type.
fn yield_ref(rng: &mut Rng, index: usize) -> Program {
    let kind = rng.pick(&[Kind::Iter, Kind::Coro]);
    let elem = rng.pick(&[Elem::Str, Elem::U8, Elem::U32]);
    let lt = rng.pick(&[Lt::Elided, Lt::Named, Lt::Static]);
    let src = if lt == Lt::Static {
        rng.pick(&[Src::Local, Src::Static])
    } else {
        rng.pick(&[Src::Local, Src::Local, Src::Param, Src::Static])
    };
    let mut body = Vec::new();
    let mut params = Vec::new();
    let mut args = String::new();
    let base = match src {
        Src::Local => {
            let (decl, b) = elem.local(rng);
            body.push(decl);
            b.to_string()
        }
        Src::Param => {
            let (p, t, a) = elem.param();
            params.push((p.to_string(), format!("&{}{t}", lt.r())));
            args = a.to_string();
            p.to_string()
        }
        Src::Static => elem.static_base().to_string(),
    };
    if lt != Lt::Static && params.is_empty() {
        params.push(dummy_param(lt));
        args = "\"d\"".into();
    }
    if rng.pct(40) {
        body.push(format!("yield_!({});", elem.filler()));
    }
    let how = if rng.pct(40) {
        body.push(elem.each(&base));
        "each"
    } else {
        let (setup, e) = elem.single(&base, src, rng);
        body.extend(setup);
        if rng.pct(30) {
            body.push(format!("let y = {e};"));
            body.push(format!("yield_!({});", elem.filler()));
            body.push("yield_!(y);".into());
        } else {
            body.push(format!("yield_!({e});"));
        }
        "single"
    };
    if rng.pct(30) {
        body.push(format!("yield_!({});", elem.filler()));
    }
    let sig = Sig {
        generics: if lt == Lt::Named { "<'a>" } else { "" },
        receiver: None,
        params,
        yield_ty: format!("&{}{}", lt.r(), elem.ty()),
        resume: "()",
        ret: "()".into(),
        bound: "",
        args,
    };
    let variant = format!(
        "{} {} from {}, {how}",
        lt.name(),
        elem.ty(),
        match src {
            Src::Local => "local",
            Src::Param => "param",
            Src::Static => "static",
        }
    );
    emit(index, "yield-ref", variant, kind, sig, &body)
}

/// A reference returned after a suspension point: `async fn f(x: &u8) -> &u8`, or a
/// coroutine's `Return = &T`.
fn return_ref(rng: &mut Rng, index: usize) -> Program {
    let kind = rng.pick(&[Kind::Coro, Kind::Async, Kind::Async]);
    let elem = rng.pick(&[Elem::Str, Elem::U8, Elem::U32]);
    let lt = rng.pick(&[Lt::Elided, Lt::Named, Lt::Static]);
    let src = if lt == Lt::Static {
        rng.pick(&[Src::Local, Src::Static])
    } else {
        rng.pick(&[Src::Local, Src::Local, Src::Param, Src::Static])
    };
    let mut body = Vec::new();
    let mut params = Vec::new();
    let mut args = String::new();
    let base = match src {
        Src::Local => {
            let (decl, b) = elem.local(rng);
            body.push(decl);
            b.to_string()
        }
        Src::Param => {
            let (p, t, a) = elem.param();
            params.push((p.to_string(), format!("&{}{t}", lt.r())));
            args = a.to_string();
            p.to_string()
        }
        Src::Static => elem.static_base().to_string(),
    };
    if lt != Lt::Static && params.is_empty() {
        params.push(dummy_param(lt));
        args = "\"d\"".into();
    }
    let early = rng.pct(50);
    if early {
        body.push(susp(kind, "0u32"));
    }
    let (setup, e) = elem.single(&base, src, rng);
    body.extend(setup);
    if !early || rng.pct(50) {
        body.push("let y = ".to_string() + &e + ";");
        body.push(susp(kind, "1u32"));
        if rng.pct(50) {
            body.push("return y;".into());
        } else {
            body.push("y".into());
        }
    } else {
        body.push(e);
    }
    let sig = Sig {
        generics: if lt == Lt::Named { "<'a>" } else { "" },
        receiver: None,
        params,
        yield_ty: "u32".into(),
        resume: "()",
        ret: format!("&{}{}", lt.r(), elem.ty()),
        bound: "",
        args,
    };
    let variant = format!(
        "{} &{} from {}",
        lt.name(),
        elem.ty(),
        match src {
            Src::Local => "local",
            Src::Param => "param",
            Src::Static => "static",
        }
    );
    emit(index, "return-ref", variant, kind, sig, &body)
}

/// A closure or an `async` block over a local escapes (yielded, returned, pushed into a
/// `Vec` passed in): by reference (rejected natively) or by value (`move`, or a non-`move`
/// closure that moves the value: accepted). The local is borrowed across a suspension
/// point first, half of the time, so that it lives in a pinned slot of ours.
fn closure_escape(rng: &mut Rng, index: usize) -> Program {
    let kind = kind3(rng);
    let lt = rng.pick(&[Lt::Elided, Lt::Named, Lt::Static]);
    let fut = rng.pct(30);
    let ty = if fut { "BoxFut" } else { "BoxFn" };
    let (decl, var) = rng.pick(&[
        ("let v = vec![1u32, 2, 3];", "v"),
        ("let v = String::from(\"abc\");", "v"),
        ("let n = 5usize;", "n"),
        ("let mut v = vec![4u8]; v.push(5);", "v"),
    ]);
    let read = if var == "n" {
        "n + 1".to_string()
    } else {
        format!("{var}.len()")
    };
    // (capture, the closure or future)
    let (capture, value) = if fut {
        match rng.below(3) {
            0 => ("ref", format!("Box::pin(async {{ {read} }})")),
            1 => ("move", format!("Box::pin(async move {{ {read} }})")),
            _ => (
                "value",
                format!(
                    "Box::pin(async {{ let w = {var}; pend().await; w{} }})",
                    if var == "n" { "" } else { ".len()" }
                ),
            ),
        }
    } else {
        match rng.below(4) {
            0 | 1 => ("ref", format!("Box::new(|| {read})")),
            2 => ("move", format!("Box::new(move || {read})")),
            _ => (
                "value",
                format!(
                    "Box::new(|| {{ let w = {var}; w{} }})",
                    if var == "n" { "" } else { ".len()" }
                ),
            ),
        }
    };
    let route = match kind {
        Kind::Iter => rng.pick(&["yield", "out"]),
        Kind::Coro => rng.pick(&["yield", "return", "out"]),
        Kind::Async => rng.pick(&["return", "return", "out"]),
    };
    // What escapes into the `Vec` passed in is `'static` (an elided `'_` in its type would be
    // a second input lifetime).
    let esc_ty = if route == "out" {
        format!("{ty}<'static>")
    } else {
        format!("{ty}<{}>", lt.arg())
    };
    let mut params = Vec::new();
    let mut args = String::new();
    let mut generics = if lt == Lt::Named { "<'a>" } else { "" };
    let mut bound = "";
    let mut body = vec![decl.to_string()];
    let filler_y = format!("Box::new(|| 0usize) as {ty}");
    let filler_y = if fut {
        "Box::pin(async { 0usize }) as BoxFut".to_string()
    } else {
        filler_y
    };
    let yield_ty = if route == "yield" {
        esc_ty.clone()
    } else {
        "u32".into()
    };
    let yf = if route == "yield" {
        filler_y.clone()
    } else {
        "0u32".into()
    };
    if rng.pct(60) {
        // Borrow the local across a suspension point (ours: a pinned slot).
        match kind {
            Kind::Async => body.push(format!("touch(&{var}).await;")),
            _ => {
                let it = match (var, decl.contains("String")) {
                    ("n", _) => "std::iter::once(&n)".to_string(),
                    (_, true) => format!("{var}.chars().take(2)"),
                    _ => format!("{var}.iter().take(2)"),
                };
                body.push(format!("for _x in {it} {{ yield_!({yf}); }}"));
            }
        }
    } else if rng.pct(50) {
        body.push(susp(kind, &yf));
    }
    let bind = format!("let f: {esc_ty} = {value};");
    body.push(bind);
    let mut ret = "()".to_string();
    match route {
        "yield" => {
            body.push("yield_!(f);".into());
            if rng.pct(50) {
                body.push(format!("yield_!({filler_y});"));
            }
        }
        "return" => {
            if kind == Kind::Coro && rng.pct(50) {
                body.push(susp(kind, "0u32"));
            }
            body.push("f".into());
            ret = esc_ty.clone();
        }
        _ => {
            // The Vec's element type is `'static` (an elided `'_` there would be a second input lifetime).
            let elt = format!("{ty}<'static>");
            body.push("out.push(f);".into());
            body.push(susp(kind, &yf));
            params.push(("out".into(), format!("&'o mut Vec<{elt}>")));
            generics = if lt == Lt::Named { "<'a, 'o>" } else { "<'o>" };
            bound = if kind == Kind::Async { "" } else { " + 'o" };
            args = "&mut Vec::new()".into();
        }
    }
    if lt != Lt::Static {
        params.insert(0, dummy_param(lt));
        args = if args.is_empty() {
            "\"d\"".into()
        } else {
            format!("\"d\", {args}")
        };
        if route == "out" && kind != Kind::Async {
            // Two input lifetimes: the output must name the one it captures.
            params[0].1 = "&'o str".into();
        }
    }
    // An elided lifetime needs exactly one lifetime in the inputs (or a named one).
    if lt == Lt::Elided && route == "out" {
        for (_, t) in params.iter_mut() {
            if t == "&str" {
                *t = "&'o str".into();
            }
        }
    }
    let sig = Sig {
        generics,
        receiver: None,
        params,
        yield_ty,
        resume: "()",
        ret,
        bound,
        args,
    };
    let variant = format!("{} {ty} by {capture} of `{var}`, {route}", lt.name());
    emit(index, "closure-escape", variant, kind, sig, &body)
}

/// A local borrowed (in one of many forms) across a suspension point, then mutated, moved,
/// reassigned, shadowed or only read, before or after the borrow's last use.
fn borrow_conflict(rng: &mut Rng, index: usize) -> Program {
    let kind = kind3(rng);
    let yf = "0u32";
    // (declaration, borrow statement binding `r`, a use of `r` as a u32 expression, conflicts)
    struct Base {
        decl: &'static str,
        borrows: &'static [(&'static str, &'static str)],
        conflicts: &'static [&'static str],
    }
    const COMMON_CONFLICTS: &[&str] = &[
        "let w = X; drop(w);",
        "drop(X);",
        "let X = 0u32; let _ = X;",
    ];
    let bases = [
        Base {
            decl: "let mut X = vec![1u32, 2, 3];",
            borrows: &[
                ("let r = &X;", "r.len() as u32"),
                ("let r = &X[0];", "*r"),
                ("let r = first_of(&X);", "*r"),
                ("let r = X.as_slice();", "r[1]"),
                ("let mut r = X.iter();", "*r.next().unwrap()"),
                ("let ref r = X;", "r[0]"),
                ("let r = X.first().unwrap();", "*r"),
                ("let r = &mut X;", "{ r.push(1); r.len() as u32 }"),
                ("let r = X.iter_mut().next().unwrap();", "{ *r += 1; *r }"),
                ("let ref mut r = X;", "{ r[0] += 1; r[0] }"),
                ("let [r, ..] = X.as_slice() else { panic!() };", "*r"),
            ],
            conflicts: &[
                "X.push(4);",
                "X = vec![9];",
                "X[0] = 7;",
                "X.clear();",
                "let m = &mut X; m.push(1);",
                "X.sort();",
            ],
        },
        Base {
            decl: "let mut X = String::from(\"a b\");",
            borrows: &[
                ("let r = X.as_str();", "r.len() as u32"),
                (
                    "let mut r = X.split(' ');",
                    "r.next().unwrap().len() as u32",
                ),
                ("let r = &X[..1];", "r.len() as u32"),
                ("let r = X.trim();", "r.len() as u32"),
                ("let r = &mut X;", "{ r.push('c'); r.len() as u32 }"),
            ],
            conflicts: &[
                "X.push('z');",
                "X = String::new();",
                "X.clear();",
                "X += \"q\";",
            ],
        },
        Base {
            decl: "let mut X = [7u8; 256];",
            borrows: &[
                ("let r = first(&X);", "*r as u32"),
                ("let r = &X[3];", "*r as u32"),
                ("let r = X.iter().max().unwrap();", "*r as u32"),
                ("let r = &mut X[4];", "{ *r += 1; *r as u32 }"),
                ("let mut r = X.iter();", "*r.next().unwrap() as u32"),
            ],
            conflicts: &["X[0] = 1;", "X[0] += 1;", "X = [0u8; 256];", "X.fill(3);"],
        },
        Base {
            decl: "let mut X = Some(vec![1u32]);",
            borrows: &[
                ("let r = X.as_ref().unwrap();", "r.len() as u32"),
                ("let Some(r) = &X else { panic!() };", "r.len() as u32"),
                (
                    "let r = match &X { Some(w) => w, None => panic!() };",
                    "r[0]",
                ),
                (
                    "let r = X.as_mut().unwrap();",
                    "{ r.push(2); r.len() as u32 }",
                ),
                ("let Some(ref r) = X else { panic!() };", "r[0]"),
            ],
            conflicts: &["X = None;", "X.take();", "X.as_mut().unwrap().push(3);"],
        },
        Base {
            decl: "let mut X = S::new();",
            borrows: &[
                ("let r = &X.n;", "*r"),
                (
                    "let r = X.v.iter().sum::<u32>() + *first_of(&X.v); let r = &r;",
                    "*r",
                ),
                ("let r = &X.name;", "r.len() as u32"),
                ("let r = X.v.last().unwrap();", "*r"),
                ("let S { v: ref sv, .. } = X; let r = sv;", "r[0]"),
            ],
            conflicts: &[
                "X.n = 1;",
                "X.v.push(1);",
                "X = S::new();",
                "X.name.push('x');",
            ],
        },
    ];
    let base = &bases[rng.below(bases.len())];
    let var = rng.pick(&["v", "buf", "s", "data"]);
    let (borrow, use_r) = base.borrows[rng.below(base.borrows.len())];
    let mut conflicts: Vec<&str> = base.conflicts.to_vec();
    conflicts.extend_from_slice(COMMON_CONFLICTS);
    // Reads: accepted unless the borrow is mutable.
    conflicts.extend_from_slice(&["let _n = X.clone();", "let _p = &X;"]);
    let conflict = rng.pick(&conflicts);
    let fix = |s: &str| s.replace('X', var);
    let mut body = vec![fix(base.decl)];
    if rng.pct(20) {
        body.push(susp(kind, yf));
    }
    body.push(fix(borrow));
    // Where the conflicting statement goes: 0 before the first point, 1 between the points,
    // 2 after the last use of `r` (usually accepted), 3 in the suspension's operand.
    let sync = kind != Kind::Async;
    let at = match rng.below(4) {
        3 if !sync || conflict.starts_with("let") => 1,
        at => at,
    };
    if at == 0 {
        body.push(fix(conflict));
    }
    if at == 3 {
        body.push(format!("yield_!({{ {} {yf} }});", fix(conflict)));
    } else {
        body.push(susp(kind, yf));
    }
    if at == 1 {
        body.push(fix(conflict));
        if rng.pct(50) {
            body.push(susp(kind, yf));
        }
    }
    let use_r = fix(use_r);
    let use_in_yield = sync && rng.pct(50);
    if use_in_yield {
        body.push(format!("yield_!({use_r});"));
    } else {
        body.push(format!("let u = {use_r};"));
    }
    if at == 2 {
        body.push(susp(kind, yf));
        body.push(fix(conflict));
    }
    let ret = if kind == Kind::Async { "u32" } else { "()" };
    if kind == Kind::Async {
        body.push(if use_in_yield { "0".into() } else { "u".into() });
    } else if !use_in_yield {
        body.push("yield_!(u);".into());
    }
    let sig = Sig {
        generics: "",
        receiver: None,
        params: vec![],
        yield_ty: "u32".into(),
        resume: "()",
        ret: ret.into(),
        bound: "",
        args: String::new(),
    };
    let variant = format!("`{}` then `{}` at {at}", fix(borrow), fix(conflict));
    emit(index, "borrow-conflict", variant, kind, sig, &body)
}

/// A `[u8; 256]` (kept in place in movable machines) borrowed across a suspension point that
/// sits in a method call's argument on the array, a compound assignment to it, or a plain
/// statement.
fn big_array(rng: &mut Rng, index: usize) -> Program {
    let kind = kind3(rng);
    let n = rng.pick(&[256, 256, 512, 64]);
    let mut body = vec![format!("let mut buf = [7u8; {n}];"), "buf[0] = 42;".into()];
    let borrow = rng.pick(&[
        "let r = &buf[0];",
        "let r = buf.first().unwrap();",
        "let r = &buf;",
        "let r = buf.iter().max().unwrap();",
        "let r = &buf[1..4];",
        "let r = &mut buf[2];",
    ]);
    let slice = borrow.contains("1..4") || borrow == "let r = &buf;";
    if n == 256 && rng.pct(50) && borrow == "let r = &buf[0];" {
        body.push("let r = first(&buf);".into());
    } else {
        body.push(borrow.into());
    }
    // the suspension point: yields a u8 (Coro, R = u8); in Iter and Async it is `()`
    let (y0, y1) = match kind {
        Kind::Coro => ("yield_!(0)".to_string(), "yield_!(1)".to_string()),
        Kind::Iter => ("yield_!(0)".into(), "{ yield_!(1); 1 }".into()),
        Kind::Async => ("pend().await".into(), "{ pend().await; 1 }".into()),
    };
    let with = if kind == Kind::Coro { "with_u" } else { "with" };
    let st = rng.pick(&[0, 1, 2, 3, 4, 5]);
    let n_expr = match st {
        0 if n == 256 => {
            body.push(format!("let n = buf.{with}({y0});"));
            "n"
        }
        1 => {
            body.push(format!("buf[0] += {y1};"));
            "0"
        }
        2 => {
            body.push(format!("buf[5] = {y1};"));
            "buf[5]"
        }
        3 => {
            body.push(format!("let n = buf[3].wrapping_add({y1});"));
            "n"
        }
        4 => {
            body.push(format!("let n = buf.len() as u8 + {y1};"));
            "n"
        }
        _ => {
            body.push(format!("{y0};"));
            "1"
        }
    };
    let r_val = if slice {
        if borrow.contains("1..4") {
            "r[0]"
        } else {
            "r[1]"
        }
    } else {
        "(*r)"
    };
    let out = format!("{r_val}.wrapping_add({n_expr})");
    if rng.pct(30) {
        body.push(format!(
            "{};",
            match kind {
                Kind::Async => "pend().await".to_string(),
                _ => "yield_!(2)".to_string(),
            }
        ));
    }
    let ret;
    match kind {
        Kind::Async => {
            body.push(out);
            ret = "u8";
        }
        _ => {
            body.push(format!("yield_!({out});"));
            ret = "()";
        }
    }
    let sig = Sig {
        generics: "",
        receiver: None,
        params: vec![],
        yield_ty: "u8".into(),
        resume: if kind == Kind::Coro { "u8" } else { "()" },
        ret: ret.into(),
        bound: "",
        args: String::new(),
    };
    let variant = format!("[u8; {n}] `{}` point {st}", body[2]);
    emit(index, "big-array", variant, kind, sig, &body)
}

/// A method of `S` (`&self` / `&mut self`, elided lifetimes) yielding or returning
/// references into `self` (accepted) or into a local copy (rejected).
fn self_method(rng: &mut Rng, index: usize) -> Program {
    let kind = kind3(rng);
    let receiver = rng.pick(&["&self", "&self", "&mut self"]);
    let local = rng.pct(50);
    let (mut body, item, src) = match rng.below(4) {
        0 => (vec![], "&u32", "self.v.iter()".to_string()),
        1 => (vec![], "&str", "self.name.split(' ')".to_string()),
        2 => (vec![], "&u32", "std::iter::once(&self.n)".to_string()),
        _ => (vec![], "&u32", "self.v.iter().rev()".to_string()),
    };
    let src = if local {
        let (decl, copy) = if src.contains("name") {
            ("let c = self.name.clone();", src.replace("self.name", "c"))
        } else if src.contains("self.n") {
            ("let c = self.n;", src.replace("self.n", "c"))
        } else {
            ("let c = self.v.clone();", src.replace("self.v", "c"))
        };
        body.push(decl.to_string());
        copy
    } else {
        src
    };
    let filler = if item == "&str" { "\"f\"" } else { "&0u32" };
    if receiver == "&mut self" && rng.pct(60) {
        body.push("self.n += 1;".into());
    }
    let ret;
    let yield_ty;
    match kind {
        Kind::Async => {
            body.push("pend().await;".into());
            body.push(format!("{src}.next().unwrap()"));
            ret = item.to_string();
            yield_ty = "u32".to_string();
        }
        _ => {
            if rng.pct(30) {
                body.push(format!("yield_!({filler});"));
            }
            body.push(format!("for x in {src} {{ yield_!(x); }}"));
            ret = "()".into();
            yield_ty = item.to_string();
        }
    }
    let sig = Sig {
        generics: "",
        receiver: Some(receiver),
        params: vec![],
        yield_ty,
        resume: "()",
        ret,
        bound: "",
        args: String::new(),
    };
    let variant = format!(
        "{receiver} {item} from {}",
        if local { "a local copy" } else { "self" }
    );
    emit(index, "self-method", variant, kind, sig, &body)
}

/// A reference to a loop-local kept past its iteration, across suspension points.
fn loop_dangling(rng: &mut Rng, index: usize) -> Program {
    let kind = kind3(rng);
    let inner = rng.pct(60);
    let mut body = vec![
        "let xs = [0u32, 2, 4];".to_string(),
        "let mut last: Option<&u32> = None;".into(),
    ];
    body.push("for i in 0..3usize {".into());
    if inner {
        body.push(
            rng.pick(&["let x = xs[i] * 2;", "let x = i as u32;"])
                .into(),
        );
        body.push("last = Some(&x);".into());
    } else {
        body.push("last = Some(&xs[i]);".into());
    }
    body.push(susp(kind, "i as u32"));
    body.push("}".into());
    let fin = "last.copied().unwrap_or(0)";
    let ret = if kind == Kind::Async {
        body.push(fin.into());
        "u32"
    } else {
        body.push(format!("yield_!({fin});"));
        "()"
    };
    let sig = Sig {
        generics: "",
        receiver: None,
        params: vec![],
        yield_ty: "u32".into(),
        resume: "()",
        ret: ret.into(),
        bound: "",
        args: String::new(),
    };
    let variant = (if inner { "loop-local" } else { "outer array" }).to_string();
    emit(index, "loop-dangling", variant, kind, sig, &body)
}

/// A local moved before a suspension point and used after it (or only its clone moved).
fn use_after_move(rng: &mut Rng, index: usize) -> Program {
    let kind = kind3(rng);
    let (decl, var) = rng.pick(&[
        ("let v = vec![1u32, 2];", "v"),
        ("let v = String::from(\"m\");", "v"),
        ("let v = Box::new(3u32);", "v"),
    ]);
    let mv = rng.pick(&[
        "let w = v;",
        "let w = v.clone();",
        "let w = { v };",
        "let w = std::mem::drop(v);",
        "let w = (v, 1).1;",
    ]);
    let mut body = vec![decl.to_string()];
    let held = rng.pct(50);
    if held {
        body.push(match kind {
            Kind::Async => format!("touch(&{var}).await;"),
            _ => format!("let it = &{var}; yield_!(0u32); let _ = it;"),
        });
    }
    body.push(mv.into());
    body.push(susp(kind, "1u32"));
    let tail = "let _ = &w; let n = v.clone(); drop(n);";
    body.push(tail.into());
    let ret = if kind == Kind::Async {
        body.push("1u32".into());
        "u32"
    } else {
        "()"
    };
    let sig = Sig {
        generics: "",
        receiver: None,
        params: vec![],
        yield_ty: "u32".into(),
        resume: "()",
        ret: ret.into(),
        bound: "",
        args: String::new(),
    };
    let variant = format!("`{mv}`{}", if held { " after a held borrow" } else { "" });
    emit(index, "use-after-move", variant, kind, sig, &body)
}
