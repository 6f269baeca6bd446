//! `builtins.match` and `builtins.split` (POSIX extended regular expressions,
//! translated to the `regex-lite` crate's syntax: small in wasm, no Unicode tables).

use std::rc::Rc;

use crate::error::*;
use crate::eval::Interp;
use crate::expr::Span;
use crate::value::*;

/// Translates a POSIX ERE to `regex` syntax: escapes characters that are
/// literal in POSIX brackets but special in `regex` (`[`, `&`, `~`, `-` runs).
pub fn translate(re: &str) -> String {
    let mut out = String::with_capacity(re.len() + 8);
    let chars: Vec<char> = re.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' && i + 1 < chars.len() {
            out.push(c);
            out.push(chars[i + 1]);
            i += 2;
            continue;
        }
        if c == '[' {
            // Copy a bracket expression, escaping what regex treats specially.
            out.push('[');
            i += 1;
            if i < chars.len() && chars[i] == '^' {
                out.push('^');
                i += 1;
            }
            if i < chars.len() && chars[i] == ']' {
                out.push_str("\\]");
                i += 1;
            }
            while i < chars.len() && chars[i] != ']' {
                if chars[i] == '['
                    && i + 1 < chars.len()
                    && (chars[i + 1] == ':' || chars[i + 1] == '.' || chars[i + 1] == '=')
                {
                    let close = chars[i + 1];
                    let start = i;
                    i += 2;
                    while i + 1 < chars.len() && !(chars[i] == close && chars[i + 1] == ']') {
                        i += 1;
                    }
                    i += 2;
                    let s: String = chars[start..i.min(chars.len())].iter().collect();
                    out.push_str(&s);
                    continue;
                }
                match chars[i] {
                    '[' | '\\' | '&' | '~' => {
                        out.push('\\');
                        out.push(chars[i]);
                    }
                    c => out.push(c),
                }
                i += 1;
            }
            if i < chars.len() {
                out.push(']');
                i += 1;
            }
            continue;
        }
        if c == '{' {
            // A literal `{` unless it starts a bound.
            let rest: String = chars[i + 1..].iter().take_while(|c| **c != '}').collect();
            if rest.is_empty() || !rest.chars().all(|c| c.is_ascii_digit() || c == ',') {
                out.push_str("\\{");
                i += 1;
                continue;
            }
        }
        if c == '}' {
            // Balanced with a preceding `{` bound? regex handles; lone `}` is literal.
            let opened = out.rfind('{').is_some_and(|p| !out[..p].ends_with('\\') && !out[p..].contains('}'));
            if !opened {
                out.push_str("\\}");
                i += 1;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Most patterns a long-lived evaluator keeps compiled.
const MAX_CACHED_REGEXES: usize = 2000;

fn compile(it: &mut Interp, re: &str, anchored: bool, sp: Span) -> R<Rc<regex_lite::Regex>> {
    let key = format!("{}{}", if anchored { "A" } else { "U" }, re);
    if let Some(r) = it.cache.regexes.get(&key) {
        return Ok(r.clone());
    }
    let t = translate(re);
    // POSIX `.` matches newlines too.
    let pat = if anchored { format!("(?s)^(?:{t})$") } else { format!("(?s){t}") };
    // Kept across evaluations: made outside this one's memory.
    let compiled = nixpen_alloc::outside_evaluation(|| {
        let r = Rc::new(regex_lite::RegexBuilder::new(&pat).size_limit(1 << 22).build().ok()?);
        if it.cache.regexes.len() >= MAX_CACHED_REGEXES {
            it.cache.regexes.clear();
        }
        it.cache.regexes.insert(key, r.clone());
        Some(r)
    });
    match compiled {
        Some(r) => Ok(r),
        None => err_at(sp, format!("invalid regular expression '{re}'")),
    }
}

/// Inputs up to this length have their `match` results remembered.
const MAX_REMEMBERED_INPUT: usize = 4096;

fn match_(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let re = it.force_str_no_ctx(a[0].clone(), sp).arg(0)?;
    let s = it.force_str(a[1].clone(), sp).arg(1)?;
    // The result (null, or a list of strings and nulls without context)
    // depends on the two texts alone, and the same lines are matched on
    // every evaluation of a configuration: it is remembered.
    let key = (re.s.clone(), s.s.clone());
    if let Some(v) = it.cache.matches.get(&key) {
        return Ok(v.clone());
    }
    let r = compile(it, &re.s, true, sp)?;
    let captures = |text: &str| match r.captures(text) {
        None => Value::Null,
        Some(c) => {
            let groups =
                (1..c.len()).map(|i| c.get(i).map(|m| Value::str(m.as_str())).unwrap_or(Value::Null)).collect();
            Value::list(groups)
        }
    };
    if s.s.len() > MAX_REMEMBERED_INPUT {
        return Ok(captures(&s.s));
    }
    // Kept across evaluations: made, key too, outside this one's memory.
    Ok(nixpen_alloc::outside_evaluation(|| {
        let result = captures(&s.s);
        it.cache.remember_match((Rc::from(&*key.0), Rc::from(&*key.1)), result.clone());
        result
    }))
}

/// Inputs up to this length have their `split` results remembered (the
/// text of a configuration's file, split on every evaluation).
const MAX_REMEMBERED_SPLIT_INPUT: usize = 65536;

fn split(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let re = it.force_str_no_ctx(a[0].clone(), sp).arg(0)?;
    let s = it.force_str(a[1].clone(), sp).arg(1)?;
    // As with `match`, the result (strings without context, lists of
    // strings and nulls) depends on the two texts alone: it is remembered.
    let key = (re.s.clone(), s.s.clone());
    if let Some(v) = it.cache.splits.get(&key) {
        return Ok(v.clone());
    }
    let r = compile(it, &re.s, false, sp)?;
    let text: &str = &s.s;
    let mut found = Vec::new();
    let mut from = Some((0, false));
    while let Some(c) = from.and_then(|(at, after_empty)| next_match(&r, text, at, after_empty)) {
        let m = c.get(0).unwrap_or_else(|| unreachable!("group 0 is the match"));
        let groups: Vec<Option<(usize, usize)>> =
            (1..c.len()).map(|i| c.get(i).map(|g| (g.start(), g.end()))).collect();
        found.push(((m.start(), m.end()), groups));
        from = (m.end() <= text.len()).then_some((m.end(), m.is_empty()));
        it.step_external()?;
    }
    let build = || {
        let mut out = Vec::with_capacity(2 * found.len() + 1);
        let mut last = 0;
        for ((start, end), groups) in &found {
            out.push(Value::str(&text[last..*start]));
            let groups =
                groups.iter().map(|g| g.map(|(a, b)| Value::str(&text[a..b])).unwrap_or(Value::Null)).collect();
            out.push(Value::list(groups));
            last = *end;
        }
        out.push(Value::str(&text[last..]));
        Value::list(out)
    };
    if text.len() > MAX_REMEMBERED_SPLIT_INPUT {
        return Ok(build());
    }
    // Kept across evaluations: made, key too, outside this one's memory.
    Ok(nixpen_alloc::outside_evaluation(|| {
        let result = build();
        it.cache.remember_split((Rc::from(&*key.0), Rc::from(&*key.1)), result.clone());
        result
    }))
}

/// The next match at or after `at`, as C++'s `std::regex_iterator` (which
/// Nix's `split` walks) finds it: after a match that was not empty, an
/// empty match may follow right at its end (Rust's iterators skip it);
/// after an empty match, a match at the same place must not be empty,
/// else the search goes on from the next character.
fn next_match<'t>(
    r: &regex_lite::Regex,
    text: &'t str,
    at: usize,
    after_empty: bool,
) -> Option<regex_lite::Captures<'t>> {
    if !after_empty {
        return r.captures_at(text, at);
    }
    if let Some(c) = r.captures_at(text, at) {
        if c.get(0).is_some_and(|m| m.start() == at && !m.is_empty()) {
            return Some(c);
        }
    }
    let next = text[at..].chars().next()?;
    r.captures_at(text, at + next.len_utf8())
}

/// The family.
pub static PRIMOPS: &[PrimOp] =
    &[PrimOp { name: "match", arity: 2, f: match_ }, PrimOp { name: "split", arity: 2, f: split }];
