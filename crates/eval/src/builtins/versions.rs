//! `parseDrvName`, `compareVersions`, `splitVersion`.

use std::cmp::Ordering;

use crate::error::*;
use crate::eval::Interp;
use crate::expr::Span;
use crate::value::*;

/// Splits a version into components as Nix does (digits runs, other runs; `.`/`-` separate).
pub fn split_version(v: &str) -> Vec<String> {
    let mut out = Vec::new();
    let b: Vec<char> = v.chars().collect();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == '.' || c == '-' {
            i += 1;
            continue;
        }
        let digit = c.is_ascii_digit();
        let start = i;
        while i < b.len() && b[i] != '.' && b[i] != '-' && b[i].is_ascii_digit() == digit {
            i += 1;
        }
        out.push(b[start..i].iter().collect());
    }
    out
}

fn cmp_component(a: &str, b: &str) -> Ordering {
    let an = !a.is_empty() && a.chars().all(|c| c.is_ascii_digit());
    let bn = !b.is_empty() && b.chars().all(|c| c.is_ascii_digit());
    if an && bn {
        let x: u128 = a.parse().unwrap_or(0);
        let y: u128 = b.parse().unwrap_or(0);
        return x.cmp(&y);
    }
    if a.is_empty() && bn {
        return Ordering::Less;
    }
    if b.is_empty() && an {
        return Ordering::Greater;
    }
    if a == "pre" && b != "pre" {
        return Ordering::Less;
    }
    if b == "pre" && a != "pre" {
        return Ordering::Greater;
    }
    if bn {
        return Ordering::Less;
    }
    if an {
        return Ordering::Greater;
    }
    a.cmp(b)
}

/// Nix's `compareVersions`.
pub fn compare_versions(a: &str, b: &str) -> Ordering {
    let x = split_version(a);
    let y = split_version(b);
    let n = x.len().max(y.len());
    for i in 0..n {
        let p = x.get(i).map(|s| s.as_str()).unwrap_or("");
        let q = y.get(i).map(|s| s.as_str()).unwrap_or("");
        match cmp_component(p, q) {
            Ordering::Equal => continue,
            o => return o,
        }
    }
    Ordering::Equal
}

fn compare_versions_fn(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let x = it.force_str_no_ctx(a[0].clone(), sp).arg(0)?;
    let y = it.force_str_no_ctx(a[1].clone(), sp).arg(1)?;
    Ok(Value::Int(match compare_versions(&x.s, &y.s) {
        Ordering::Less => -1,
        Ordering::Equal => 0,
        Ordering::Greater => 1,
    }))
}

fn split_version_fn(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let x = it.force_str_no_ctx(a[0].clone(), sp).arg(0)?;
    Ok(Value::list(split_version(&x.s).iter().map(|s| Value::str(s)).collect()))
}

fn parse_drv_name(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let s = it.force_str_no_ctx(a[0].clone(), sp).arg(0)?;
    let t: &str = &s.s;
    let bytes = t.as_bytes();
    let mut split = None;
    for i in 0..bytes.len() {
        if bytes[i] == b'-' && i + 1 < bytes.len() && !bytes[i + 1].is_ascii_alphabetic() {
            split = Some(i);
            break;
        }
    }
    let (name, version) = match split {
        Some(i) => (&t[..i], &t[i + 1..]),
        None => (t, ""),
    };
    Ok(super::mk_attrs(vec![("name", Value::str(name)), ("version", Value::str(version))]))
}

/// The family.
pub static PRIMOPS: &[PrimOp] = &[
    PrimOp { name: "compareVersions", arity: 2, f: compare_versions_fn },
    PrimOp { name: "splitVersion", arity: 1, f: split_version_fn },
    PrimOp { name: "parseDrvName", arity: 1, f: parse_drv_name },
];
