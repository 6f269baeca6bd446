//! List builtins.

use crate::error::*;
use crate::eval::{Interp, UnaryCall};
use crate::expr::Span;
use crate::value::*;

fn length(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    Ok(Value::Int(it.force_list(a[0].clone(), sp).arg(0)?.len() as i64))
}

fn elem_at(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let l = it.force_list(a[0].clone(), sp).arg(0)?;
    let i = it.force_int(a[1].clone(), sp).arg(1)?;
    if i < 0 || i as usize >= l.len() {
        return err_at(sp, format!("'builtins.elemAt' called with index {i} on a list of size {}", l.len()));
    }
    it.force(l[i as usize].clone())
}

fn head(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let l = it.force_list(a[0].clone(), sp).arg(0)?;
    match l.first() {
        Some(v) => it.force(v.clone()),
        None => err_at(sp, "'builtins.head' called on an empty list"),
    }
}

fn tail(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let l = it.force_list(a[0].clone(), sp).arg(0)?;
    if l.is_empty() {
        return err_at(sp, "'builtins.tail' called on an empty list");
    }
    it.alloc(l.len() * 16)?;
    Ok(Value::list(l[1..].to_vec()))
}

fn map(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let f = a[0].clone();
    let l0 = it.force_list(a[1].clone(), sp).arg(1)?;
    if !l0.is_empty() {
        it.force_fn(f.clone(), sp)?;
    }
    let l = it.force_list(a[1].clone(), sp).arg(1)?;
    it.alloc(l.len() * 48)?;
    let out: Vec<Value> = l.iter().map(|x| it.lazy_apply(f.clone(), x.clone(), sp)).collect();
    Ok(Value::list(out))
}

fn filter(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let f = it.force_fn(a[0].clone(), sp).arg(0)?;
    let l = it.force_list(a[1].clone(), sp).arg(1)?;
    let mut out = Vec::new();
    let mut call = UnaryCall::new(&f);
    it.with_repeated_calls(sp, |it| {
        for x in l.iter() {
            let r = it.unary_call(&mut call, x.clone(), sp)?;
            if it.force_bool(r, sp)? {
                out.push(x.clone());
            }
        }
        Ok(())
    })?;
    if out.len() == l.len() {
        return Ok(Value::List(l));
    }
    Ok(Value::list(out))
}

fn foldl(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let f = it.force_fn(a[0].clone(), sp).arg(0)?;
    let l = it.force_list(a[2].clone(), sp).arg(2)?;
    if l.is_empty() {
        return it.force(a[1].clone());
    }
    let mut call = crate::eval::BinaryCall::new(&f);
    it.with_repeated_calls(sp, |it| {
        let mut acc = a[1].clone();
        for x in l.iter() {
            acc = it.binary_call(&mut call, acc, x.clone(), sp)?;
        }
        Ok(acc)
    })
}

fn gen_list(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let f = it.force_fn(a[0].clone(), sp).arg(0)?;
    let n = it.force_int(a[1].clone(), sp).arg(1)?;
    if n < 0 {
        return err_at(sp, format!("cannot create list of size {n}"));
    }
    it.alloc((n as usize).saturating_mul(48))?;
    let out: Vec<Value> = (0..n).map(|i| it.lazy_apply(f.clone(), Value::Int(i), sp)).collect();
    Ok(Value::list(out))
}

fn elem(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let l = it.force_list(a[1].clone(), sp).arg(1)?;
    for x in l.iter() {
        if it.equal(a[0].clone(), x.clone(), sp)? {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn concat_lists(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let l = it.force_list(a[0].clone(), sp).arg(0)?;
    let mut out = Vec::new();
    for x in l.iter() {
        let inner = it.force_list(x.clone(), sp)?;
        out.extend(inner.iter().cloned());
    }
    it.alloc(out.len() * 16)?;
    Ok(Value::list(out))
}

fn concat_map(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let f = it.force_fn(a[0].clone(), sp).arg(0)?;
    let l = it.force_list(a[1].clone(), sp).arg(1)?;
    let mut out = Vec::new();
    let mut call = UnaryCall::new(&f);
    it.with_repeated_calls(sp, |it| {
        for x in l.iter() {
            let r = it.unary_call(&mut call, x.clone(), sp)?;
            let inner = it.force_list(r, sp)?;
            out.extend(inner.iter().cloned());
        }
        Ok(())
    })?;
    it.alloc(out.len() * 16)?;
    Ok(Value::list(out))
}

fn all(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    any_is(it, a, sp, false).map(|found| Value::Bool(!found))
}

fn any(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    any_is(it, a, sp, true).map(Value::Bool)
}

/// Whether the predicate `a[0]` gives `wanted` for an element of the list
/// `a[1]` (stopping at the first): `any` asks for `true`, `all` for `false`.
fn any_is(it: &mut Interp, a: &[Value], sp: Span, wanted: bool) -> R<bool> {
    let f = it.force_fn(a[0].clone(), sp).arg(0)?;
    let l = it.force_list(a[1].clone(), sp).arg(1)?;
    let mut call = UnaryCall::new(&f);
    it.with_repeated_calls(sp, |it| {
        for x in l.iter() {
            let r = it.unary_call(&mut call, x.clone(), sp)?;
            if it.force_bool(r, sp)? == wanted {
                return Ok(true);
            }
        }
        Ok(false)
    })
}

fn partition(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let f = it.force_fn(a[0].clone(), sp).arg(0)?;
    let l = it.force_list(a[1].clone(), sp).arg(1)?;
    let (mut right, mut wrong) = (Vec::new(), Vec::new());
    let mut call = UnaryCall::new(&f);
    it.with_repeated_calls(sp, |it| {
        for x in l.iter() {
            // As Nix: each item is forced before the predicate sees it.
            it.force(x.clone())?;
            let r = it.unary_call(&mut call, x.clone(), sp)?;
            if it.force_bool(r, sp)? {
                right.push(x.clone());
            } else {
                wrong.push(x.clone());
            }
        }
        Ok(())
    })?;
    Ok(super::mk_attrs(vec![("right", Value::list(right)), ("wrong", Value::list(wrong))]))
}

fn generic_closure(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let args = it.force_attrs(a[0].clone(), sp).arg(0)?;
    let start = match args.get("startSet") {
        Some(s) => it.force_list(s.clone(), sp)?,
        None => return err_at(sp, "attribute 'startSet' missing"),
    };
    let op = match args.get("operator") {
        Some(o) => it.force_fn(o.clone(), sp)?,
        None => return err_at(sp, "attribute 'operator' missing"),
    };
    let mut work: std::collections::VecDeque<Value> = start.iter().cloned().collect();
    let mut seen: Vec<Value> = Vec::new();
    let mut out = Vec::new();
    while let Some(x) = work.pop_front() {
        let e = it.force_attrs(x.clone(), sp)?;
        let key = match e.get("key") {
            Some(k) => it.force(k.clone())?,
            None => return err_at(sp, "attribute 'key' missing"),
        };
        // `seen` is kept sorted by Nix's `<`, as Nix's std::set of keys is.
        let (mut lo, mut hi) = (0usize, seen.len());
        let mut dup = false;
        while lo < hi {
            let mid = (lo + hi) / 2;
            match it.compare(seen[mid].clone(), key.clone(), sp)? {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => {
                    dup = true;
                    break;
                }
            }
        }
        if dup {
            continue;
        }
        if seen.is_empty() {
            // A single key must still be comparable.
            it.compare(key.clone(), key.clone(), sp)?;
        }
        seen.insert(lo, key);
        out.push(x.clone());
        let next = it.call(op.clone(), x, sp)?;
        let next = it.force_list(next, sp)?;
        work.extend(next.iter().cloned());
        it.step_external()?;
    }
    Ok(Value::list(out))
}

/// The family.
pub static PRIMOPS: &[PrimOp] = &[
    PrimOp { name: "length", arity: 1, f: length },
    PrimOp { name: "elemAt", arity: 2, f: elem_at },
    PrimOp { name: "head", arity: 1, f: head },
    PrimOp { name: "tail", arity: 1, f: tail },
    PrimOp { name: "map", arity: 2, f: map },
    PrimOp { name: "filter", arity: 2, f: filter },
    PrimOp { name: "foldl'", arity: 3, f: foldl },
    PrimOp { name: "genList", arity: 2, f: gen_list },
    PrimOp { name: "elem", arity: 2, f: elem },
    PrimOp { name: "concatLists", arity: 1, f: concat_lists },
    PrimOp { name: "concatMap", arity: 2, f: concat_map },
    PrimOp { name: "all", arity: 2, f: all },
    PrimOp { name: "any", arity: 2, f: any },
    PrimOp { name: "sort", arity: 2, f: super::sort::sort },
    PrimOp { name: "partition", arity: 2, f: partition },
    PrimOp { name: "genericClosure", arity: 1, f: generic_closure },
];
