//! `builtins.fromTOML`: a small TOML 1.0 parser.

use crate::error::*;
use crate::eval::Interp;
use crate::expr::Span;
use crate::symbol::Sym;
use crate::value::*;

/// A parsed TOML value (tables keep insertion order).
#[derive(Clone, Debug)]
enum T {
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    Arr(Vec<T>),
    Tab(Vec<(String, T)>),
    Date(String),
}

struct P<'s> {
    s: &'s [u8],
    i: usize,
}

type PR<X> = Result<X, String>;

impl<'s> P<'s> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }
    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.i += 1;
        }
    }
    fn ws_nl(&mut self) {
        loop {
            match self.peek() {
                Some(b' ' | b'\t' | b'\n' | b'\r') => self.i += 1,
                Some(b'#') => {
                    while !matches!(self.peek(), None | Some(b'\n')) {
                        self.i += 1;
                    }
                }
                _ => break,
            }
        }
    }
    fn line_end(&mut self) -> PR<()> {
        self.ws();
        if self.peek() == Some(b'#') {
            while !matches!(self.peek(), None | Some(b'\n')) {
                self.i += 1;
            }
        }
        match self.peek() {
            None => Ok(()),
            Some(b'\n') => {
                self.i += 1;
                Ok(())
            }
            Some(b'\r') if self.s.get(self.i + 1) == Some(&b'\n') => {
                self.i += 2;
                Ok(())
            }
            _ => Err(self.err("expected newline")),
        }
    }
    fn err(&self, m: &str) -> String {
        let line = self.s[..self.i.min(self.s.len())].iter().filter(|c| **c == b'\n').count() + 1;
        format!("while parsing TOML: {m} at line {line}")
    }
    fn key(&mut self) -> PR<Vec<String>> {
        let mut parts = Vec::new();
        loop {
            self.ws();
            let k = match self.peek() {
                Some(b'"') => self.basic_string()?,
                Some(b'\'') => self.literal_string()?,
                _ => {
                    let st = self.i;
                    while matches!(self.peek(), Some(c) if c.is_ascii_alphanumeric() || c == b'_' || c == b'-') {
                        self.i += 1;
                    }
                    if st == self.i {
                        return Err(self.err("expected key"));
                    }
                    String::from_utf8_lossy(&self.s[st..self.i]).into_owned()
                }
            };
            parts.push(k);
            self.ws();
            if self.peek() == Some(b'.') {
                self.i += 1;
            } else {
                return Ok(parts);
            }
        }
    }
    fn basic_string(&mut self) -> PR<String> {
        if self.s[self.i..].starts_with(b"\"\"\"") {
            self.i += 3;
            if self.peek() == Some(b'\n') {
                self.i += 1;
            } else if self.s[self.i..].starts_with(b"\r\n") {
                self.i += 2;
            }
            let mut out = Vec::new();
            loop {
                if self.s[self.i..].starts_with(b"\"\"\"") && !self.s[self.i..].starts_with(b"\"\"\"\"") {
                    self.i += 3;
                    break;
                }
                match self.peek() {
                    None => return Err(self.err("unterminated string")),
                    Some(b'\\') => {
                        self.i += 1;
                        if matches!(self.peek(), Some(b'\n' | b' ' | b'\t' | b'\r')) {
                            while matches!(self.peek(), Some(b'\n' | b' ' | b'\t' | b'\r')) {
                                self.i += 1;
                            }
                        } else {
                            self.escape(&mut out)?;
                        }
                    }
                    Some(c) => {
                        out.push(c);
                        self.i += 1;
                    }
                }
            }
            return Ok(String::from_utf8_lossy(&out).into_owned());
        }
        self.i += 1;
        let mut out = Vec::new();
        loop {
            match self.peek() {
                None | Some(b'\n') => return Err(self.err("unterminated string")),
                Some(b'"') => {
                    self.i += 1;
                    break;
                }
                Some(b'\\') => {
                    self.i += 1;
                    self.escape(&mut out)?;
                }
                Some(c) => {
                    out.push(c);
                    self.i += 1;
                }
            }
        }
        Ok(String::from_utf8_lossy(&out).into_owned())
    }
    fn escape(&mut self, out: &mut Vec<u8>) -> PR<()> {
        let c = self.peek().ok_or_else(|| self.err("bad escape"))?;
        self.i += 1;
        match c {
            b'n' => out.push(b'\n'),
            b't' => out.push(b'\t'),
            b'r' => out.push(b'\r'),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'e' => out.push(27),
            b'"' => out.push(b'"'),
            b'\\' => out.push(b'\\'),
            b'u' | b'U' => {
                let n = if c == b'u' { 4 } else { 8 };
                let h = std::str::from_utf8(self.s.get(self.i..self.i + n).ok_or_else(|| self.err("bad escape"))?)
                    .map_err(|_| self.err("bad escape"))?;
                let cp = u32::from_str_radix(h, 16).map_err(|_| self.err("bad escape"))?;
                self.i += n;
                let ch = char::from_u32(cp).ok_or_else(|| self.err("bad escape"))?;
                let mut b = [0; 4];
                out.extend_from_slice(ch.encode_utf8(&mut b).as_bytes());
            }
            _ => return Err(self.err("bad escape")),
        }
        Ok(())
    }
    fn literal_string(&mut self) -> PR<String> {
        if self.s[self.i..].starts_with(b"'''") {
            self.i += 3;
            if self.peek() == Some(b'\n') {
                self.i += 1;
            }
            let st = self.i;
            loop {
                if self.s[self.i..].starts_with(b"'''") && !self.s[self.i..].starts_with(b"''''") {
                    let r = String::from_utf8_lossy(&self.s[st..self.i]).into_owned();
                    self.i += 3;
                    return Ok(r);
                }
                if self.peek().is_none() {
                    return Err(self.err("unterminated string"));
                }
                self.i += 1;
            }
        }
        self.i += 1;
        let st = self.i;
        while !matches!(self.peek(), None | Some(b'\'') | Some(b'\n')) {
            self.i += 1;
        }
        if self.peek() != Some(b'\'') {
            return Err(self.err("unterminated string"));
        }
        let r = String::from_utf8_lossy(&self.s[st..self.i]).into_owned();
        self.i += 1;
        Ok(r)
    }
    fn value(&mut self) -> PR<T> {
        self.ws();
        match self.peek() {
            Some(b'"') => Ok(T::Str(self.basic_string()?)),
            Some(b'\'') => Ok(T::Str(self.literal_string()?)),
            Some(b'[') => {
                self.i += 1;
                let mut items = Vec::new();
                loop {
                    self.ws_nl();
                    if self.peek() == Some(b']') {
                        self.i += 1;
                        break;
                    }
                    items.push(self.value()?);
                    self.ws_nl();
                    match self.peek() {
                        Some(b',') => self.i += 1,
                        Some(b']') => {
                            self.i += 1;
                            break;
                        }
                        _ => return Err(self.err("expected , or ]")),
                    }
                }
                Ok(T::Arr(items))
            }
            Some(b'{') => {
                self.i += 1;
                let mut tab = Vec::new();
                self.ws();
                if self.peek() == Some(b'}') {
                    self.i += 1;
                    return Ok(T::Tab(tab));
                }
                loop {
                    let k = self.key()?;
                    self.ws();
                    if self.peek() != Some(b'=') {
                        return Err(self.err("expected ="));
                    }
                    self.i += 1;
                    let v = self.value()?;
                    insert(&mut tab, &k, v).map_err(|m| self.err(&m))?;
                    self.ws();
                    match self.peek() {
                        Some(b',') => self.i += 1,
                        Some(b'}') => {
                            self.i += 1;
                            break;
                        }
                        _ => return Err(self.err("expected , or }")),
                    }
                }
                Ok(T::Tab(tab))
            }
            _ => {
                let st = self.i;
                while matches!(self.peek(), Some(c) if !matches!(c, b',' | b']' | b'}' | b'\n' | b'\r' | b'#')) {
                    self.i += 1;
                }
                let raw = String::from_utf8_lossy(&self.s[st..self.i]).trim().to_string();
                // A date-time may contain one space; keep what was consumed.
                scalar(&raw).ok_or_else(|| self.err(&format!("invalid value '{raw}'")))
            }
        }
    }
}

fn scalar(raw: &str) -> Option<T> {
    match raw {
        "true" => return Some(T::Bool(true)),
        "false" => return Some(T::Bool(false)),
        "inf" | "+inf" => return Some(T::Float(f64::INFINITY)),
        "-inf" => return Some(T::Float(f64::NEG_INFINITY)),
        "nan" | "+nan" | "-nan" => return Some(T::Float(f64::NAN)),
        _ => {}
    }
    let clean: String = raw.chars().filter(|c| *c != '_').collect();
    for (p, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(d) = clean.strip_prefix(p) {
            return i64::from_str_radix(d, radix).ok().map(T::Int);
        }
    }
    if clean.trim_start_matches(['+', '-']).chars().all(|c| c.is_ascii_digit())
        && !clean.trim_start_matches(['+', '-']).is_empty()
        && clean.parse::<i64>().is_err()
    {
        return None;
    }
    if let Ok(i) = clean.parse::<i64>() {
        if clean.len() > 1 && clean.trim_start_matches(['+', '-']).starts_with('0') {
            return None;
        }
        return Some(T::Int(i));
    }
    if clean.chars().next().is_some_and(|c| c.is_ascii_digit() || c == '+' || c == '-' || c == '.')
        && clean.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'))
        && !raw.contains(':')
        && !(raw.len() == 10 && raw.as_bytes()[4] == b'-')
    {
        if let Some(f) = crate::float::parse_f64(&clean) {
            return Some(T::Float(f));
        }
    }
    if raw.len() >= 8 && (raw.as_bytes().get(4) == Some(&b'-') || raw.as_bytes().get(2) == Some(&b':')) {
        return Some(T::Date(raw.to_string()));
    }
    None
}

fn insert(tab: &mut Vec<(String, T)>, key: &[String], v: T) -> Result<(), String> {
    let (first, rest) = key.split_first().unwrap();
    if rest.is_empty() {
        if tab.iter().any(|(k, _)| k == first) {
            return Err(format!("duplicate key '{first}'"));
        }
        tab.push((first.clone(), v));
        return Ok(());
    }
    let idx = match tab.iter().position(|(k, _)| k == first) {
        Some(i) => i,
        None => {
            tab.push((first.clone(), T::Tab(Vec::new())));
            tab.len() - 1
        }
    };
    match &mut tab[idx].1 {
        T::Tab(t) => insert(t, rest, v),
        _ => Err(format!("key '{first}' is not a table")),
    }
}

fn table_at<'t>(
    tab: &'t mut Vec<(String, T)>,
    key: &[String],
    array: bool,
) -> Result<&'t mut Vec<(String, T)>, String> {
    let Some((first, rest)) = key.split_first() else { return Ok(tab) };
    let idx = match tab.iter().position(|(k, _)| k == first) {
        Some(i) => i,
        None => {
            let v = if array && rest.is_empty() { T::Arr(Vec::new()) } else { T::Tab(Vec::new()) };
            tab.push((first.clone(), v));
            tab.len() - 1
        }
    };
    match &mut tab[idx].1 {
        T::Tab(t) => table_at(t, rest, array),
        T::Arr(a) => {
            if array && rest.is_empty() {
                a.push(T::Tab(Vec::new()));
            }
            match a.last_mut() {
                Some(T::Tab(t)) => table_at(t, rest, array),
                _ => Err(format!("key '{first}' is not a table")),
            }
        }
        _ => Err(format!("key '{first}' is not a table")),
    }
}

fn parse(text: &str) -> PR<T> {
    let mut p = P { s: text.as_bytes(), i: 0 };
    let mut root: Vec<(String, T)> = Vec::new();
    let mut current: Vec<String> = Vec::new();
    let mut current_array = false;
    loop {
        p.ws_nl();
        let Some(c) = p.peek() else { break };
        if c == b'[' {
            let arr = p.s.get(p.i + 1) == Some(&b'[');
            p.i += if arr { 2 } else { 1 };
            let k = p.key()?;
            p.ws();
            let close: &[u8] = if arr { b"]]" } else { b"]" };
            if !p.s[p.i..].starts_with(close) {
                return Err(p.err("expected ]"));
            }
            p.i += close.len();
            p.line_end()?;
            table_at(&mut root, &k, arr)?;
            current = k;
            current_array = arr;
            continue;
        }
        let k = p.key()?;
        p.ws();
        if p.peek() != Some(b'=') {
            return Err(p.err("expected ="));
        }
        p.i += 1;
        let v = p.value()?;
        p.line_end()?;
        let t = table_at(&mut root, &current, false)?;
        let _ = current_array;
        insert(t, &k, v)?;
    }
    Ok(T::Tab(root))
}

fn has_nul(t: &T) -> bool {
    match t {
        T::Str(s) => s.contains('\0'),
        T::Arr(a) => a.iter().any(has_nul),
        T::Tab(t) => t.iter().any(|(k, v)| k.contains('\0') || has_nul(v)),
        _ => false,
    }
}

fn has_date(t: &T) -> bool {
    match t {
        T::Date(_) => true,
        T::Arr(a) => a.iter().any(has_date),
        T::Tab(t) => t.iter().any(|(_, v)| has_date(v)),
        _ => false,
    }
}

fn to_value(t: T) -> Value {
    match t {
        T::Str(s) => Value::string(crate::bytes::from_text(s), None),
        T::Int(i) => Value::Int(i),
        T::Float(f) => Value::Float(f),
        T::Bool(b) => Value::Bool(b),
        T::Date(d) => super::mk_attrs(vec![("_type", Value::str("timestamp")), ("value", Value::str(&d))]),
        T::Arr(a) => Value::list(a.into_iter().map(to_value).collect()),
        T::Tab(t) => Value::attrs(AttrSet::from_unsorted(
            t.into_iter().map(|(k, v)| (Sym::new(&k), to_value(v), Span::default())).collect(),
        )),
    }
}

fn from_toml(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let s = it.force_str(a[0].clone(), sp).arg(0)?;
    if s.s.contains('\0') {
        return err_at(sp, "while parsing TOML: input contains a null byte");
    }
    // Parsed as the text its bytes are (TOML is UTF-8; a raw byte left is
    // kept as the replacement character's stand-in would be misread).
    let text = String::from_utf8_lossy(&crate::bytes::encode(&s.s)).into_owned();
    match parse(&text) {
        Ok(t) if has_nul(&t) => err_at(sp, "while parsing TOML: a string contains a null byte"),
        Ok(t) if has_date(&t) => err_at(sp, "while parsing TOML: Dates and times are not supported"),
        Ok(t) => Ok(to_value(t)),
        Err(m) => err_at(sp, m),
    }
}

/// The family.
pub static PRIMOPS: &[PrimOp] = &[PrimOp { name: "fromTOML", arity: 1, f: from_toml }];
