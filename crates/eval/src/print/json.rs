//! `builtins.toJSON` / `--json` output and the `fromJSON` parser.

use super::fmt_float;
use crate::error::*;
use crate::eval::coerce::CoerceMode;
use crate::eval::Interp;
use crate::expr::Span;
use crate::symbol::Sym;
use crate::value::*;

/// Escapes a string as JSON (as Nix does).
pub fn json_str(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Converts a value to JSON text, forcing it; collects string context.
pub fn to_json(it: &mut Interp, v: Value, copy: bool, ctx: &mut Context, sp: Span) -> R<String> {
    let mut out = String::new();
    write_json(it, v, copy, ctx, sp, &mut out)?;
    Ok(out)
}

/// Like Nix, each nesting level of `toJSON` counts against `max-call-depth`,
/// so the limit does not depend on how large the native stack frames are.
fn write_json(it: &mut Interp, v: Value, copy: bool, ctx: &mut Context, sp: Span, out: &mut String) -> R<()> {
    it.depth += 1;
    let result = if it.depth > it.config.limits.max_depth {
        err_kind(ErrKind::Limit, Some(sp), "stack overflow; max-call-depth exceeded")
    } else {
        write_json_nested(it, v, copy, ctx, sp, out)
    };
    it.depth -= 1;
    result
}

fn write_json_nested(it: &mut Interp, v: Value, copy: bool, ctx: &mut Context, sp: Span, out: &mut String) -> R<()> {
    it.check_stack()?;
    let v = it.force(v)?;
    match &v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(i) => out.push_str(&i.to_string()),
        Value::Float(f) => out.push_str(&fmt_float(*f)),
        Value::Str(s) => {
            if let Some(c) = &s.ctx {
                ctx.extend(c.iter().cloned());
            }
            match crate::bytes::check_utf8(&s.s) {
                Ok(()) => json_str(&s.s, out),
                // Nix's error (from nlohmann's dump) has no position.
                Err((index, byte)) => {
                    return err(format!(
                        "JSON serialization error: [json.exception.type_error.316] invalid UTF-8 byte at index {index}: 0x{byte:02X}"
                    ))
                }
            }
        }
        Value::Path(p) => {
            let s = if copy { it.copy_to_store(p, sp)? } else { p.to_string() };
            if copy {
                ctx.insert(nixpen_store::ContextElem::Opaque(s.clone()));
            }
            json_str(&s, out)
        }
        Value::Attrs(a) => {
            if a.get("__toString").is_some() {
                let s = it.coerce_to_string(v.clone(), CoerceMode::Interp { copy }, sp)?;
                if let Some(c) = &s.ctx {
                    ctx.extend(c.iter().cloned());
                }
                json_str(&s.s, out);
                return Ok(());
            }
            if let Some(o) = a.get("outPath") {
                return write_json(it, o.clone(), copy, ctx, sp, out);
            }
            out.push('{');
            for (i, (k, x, _)) in a.entries.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json_str(k.as_str(), out);
                out.push(':');
                write_json(it, x.clone(), copy, ctx, sp, out)
                    .frame(None, || format!("while evaluating attribute '{k}'"))?;
            }
            out.push('}');
        }
        Value::List(l) => {
            out.push('[');
            for (i, x) in l.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json(it, x.clone(), copy, ctx, sp, out)
                    .frame(None, || format!("while evaluating list element at index {i}"))?;
            }
            out.push(']');
        }
        v => return err_at(sp, format!("cannot convert {} to JSON", v.show_type())),
    }
    Ok(())
}

/// Parses JSON text into a value.
pub fn from_json(it: &mut Interp, text: &str) -> Result<Value, String> {
    // Parsed over the bytes the text stands for (its raw bytes as bytes).
    let bytes = crate::bytes::as_bytes(text);
    let mut p = JsonParser { s: &bytes, i: 0, depth: 0 };
    p.ws();
    let v = p.value(it)?;
    p.ws();
    if p.i != p.s.len() {
        return Err(format!("[json.exception.parse_error.101] parse error at {}: syntax error", p.i + 1));
    }
    Ok(v)
}

fn nul_msg(s: &str) -> String {
    format!(
        "input string '{}' cannot be represented as Nix string because it contains null bytes",
        s.replace('\0', "␀")
    )
}

struct JsonParser<'s> {
    s: &'s [u8],
    i: usize,
    depth: usize,
}

impl JsonParser<'_> {
    fn ws(&mut self) {
        while self.i < self.s.len() && matches!(self.s[self.i], b' ' | b'\n' | b'\r' | b'\t') {
            self.i += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn expect(&mut self, lit: &str) -> Result<(), String> {
        if self.s[self.i..].starts_with(lit.as_bytes()) {
            self.i += lit.len();
            Ok(())
        } else {
            Err(self.syntax())
        }
    }

    fn syntax(&self) -> String {
        format!(
            "[json.exception.parse_error.101] parse error at line 1, column {}: syntax error while parsing value",
            self.i + 1
        )
    }

    fn value(&mut self, it: &mut Interp) -> Result<Value, String> {
        self.depth += 1;
        if self.depth > 2000 {
            return Err("JSON nested too deeply".into());
        }
        let r = self.value_inner(it);
        self.depth -= 1;
        r
    }

    fn value_inner(&mut self, it: &mut Interp) -> Result<Value, String> {
        match self.peek() {
            Some(b'{') => {
                self.i += 1;
                let mut entries: Vec<(Sym, Value, Span)> = Vec::new();
                self.ws();
                if self.peek() == Some(b'}') {
                    self.i += 1;
                    return Ok(Value::attrs(AttrSet::new(Vec::new())));
                }
                loop {
                    self.ws();
                    let k = self.string()?;
                    if k.contains('\0') {
                        return Err(nul_msg(&k));
                    }
                    self.ws();
                    self.expect(":")?;
                    self.ws();
                    let v = self.value(it)?;
                    entries.push((Sym::new(&k), v, Span::default()));
                    self.ws();
                    match self.peek() {
                        Some(b',') => self.i += 1,
                        Some(b'}') => {
                            self.i += 1;
                            break;
                        }
                        _ => return Err(self.syntax()),
                    }
                }
                // The last value of a repeated key wins, as in Nix (which
                // inserts each key with `insert_or_assign`).
                Ok(Value::attrs(AttrSet::from_unsorted(entries)))
            }
            Some(b'[') => {
                self.i += 1;
                let mut items = Vec::new();
                self.ws();
                if self.peek() == Some(b']') {
                    self.i += 1;
                    return Ok(Value::list(items));
                }
                loop {
                    self.ws();
                    items.push(self.value(it)?);
                    self.ws();
                    match self.peek() {
                        Some(b',') => self.i += 1,
                        Some(b']') => {
                            self.i += 1;
                            break;
                        }
                        _ => return Err(self.syntax()),
                    }
                }
                Ok(Value::list(items))
            }
            Some(b'"') => {
                let s = self.string()?;
                if s.contains('\0') {
                    return Err(nul_msg(&s));
                }
                Ok(Value::str(&s))
            }
            Some(b't') => self.expect("true").map(|_| Value::Bool(true)),
            Some(b'f') => self.expect("false").map(|_| Value::Bool(false)),
            Some(b'n') => self.expect("null").map(|_| Value::Null),
            Some(c) if c == b'-' || c.is_ascii_digit() => {
                let start = self.i;
                if c == b'-' {
                    self.i += 1;
                }
                let mut float = false;
                while let Some(c) = self.peek() {
                    if c.is_ascii_digit() {
                        self.i += 1;
                    } else if matches!(c, b'.' | b'e' | b'E' | b'+' | b'-') {
                        float = true;
                        self.i += 1;
                    } else {
                        break;
                    }
                }
                let t = std::str::from_utf8(&self.s[start..self.i]).unwrap();
                if !float {
                    match t.parse::<i64>() {
                        Ok(i) => return Ok(Value::Int(i)),
                        Err(_) => {
                            if t.parse::<u64>().is_ok() {
                                return Err(format!("unsigned json number {t} outside of Nix integer range"));
                            }
                        }
                    }
                }
                match crate::float::parse_f64(t) {
                    // nlohmann's parser, which Nix uses, rejects what overflows a double.
                    Some(f) if !f.is_finite() => {
                        Err(format!("[json.exception.out_of_range.406] number overflow parsing '{t}'"))
                    }
                    Some(f) => Ok(Value::Float(f)),
                    None => Err(self.syntax()),
                }
            }
            _ => Err(self.syntax()),
        }
    }

    fn string(&mut self) -> Result<String, String> {
        if self.peek() != Some(b'"') {
            return Err(self.syntax());
        }
        self.i += 1;
        let mut out: Vec<u8> = Vec::new();
        loop {
            let Some(c) = self.peek() else { return Err(self.syntax()) };
            self.i += 1;
            match c {
                b'"' => break,
                b'\\' => {
                    let Some(e) = self.peek() else { return Err(self.syntax()) };
                    self.i += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b't' => out.push(b'\t'),
                        b'r' => out.push(b'\r'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'/' => out.push(b'/'),
                        b'\\' => out.push(b'\\'),
                        b'"' => out.push(b'"'),
                        b'u' => {
                            let mut cp = self.hex4()?;
                            if (0xD800..0xDC00).contains(&cp) && self.s[self.i..].starts_with(b"\\u") {
                                self.i += 2;
                                let lo = self.hex4()?;
                                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                            }
                            let ch = char::from_u32(cp).unwrap_or('\u{fffd}');
                            let mut buf = [0u8; 4];
                            out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                        }
                        _ => return Err(self.syntax()),
                    }
                }
                c => out.push(c),
            }
        }
        // `out` holds the string's bytes: escapes and the input's bytes.
        Ok(crate::bytes::decode(&out))
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let t = self.s.get(self.i..self.i + 4).ok_or_else(|| self.syntax())?;
        let t = std::str::from_utf8(t).map_err(|_| self.syntax())?;
        self.i += 4;
        u32::from_str_radix(t, 16).map_err(|_| self.syntax())
    }
}
