//! `builtins.sort`: a stable merge sort of the list's positions. Every
//! element is forced first, as Nix does; then a comparator that is
//! `builtins.lessThan` or `a: b: a < b` (or `>`, or with its operands
//! swapped) compares two numbers or two strings itself, without a call,
//! and any other is called as cheaply as a call can be (`BinaryCall`).

use std::cmp::Ordering;

use crate::error::*;
use crate::eval::{BinaryCall, Interp};
use crate::expr::{BinOp, Expr, Param, Span};
use crate::value::*;

/// `builtins.sort comparator list`.
pub fn sort(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let l = it.force_list(a[1].clone(), sp).arg(1)?;
    // As Nix: an empty list is returned as it is, before the function is
    // looked at.
    if l.is_empty() {
        return Ok(Value::List(l));
    }
    let f = it.force_fn(a[0].clone(), sp).arg(0)?;
    let mut items = Vec::with_capacity(l.len());
    for x in l.iter() {
        items.push(it.force(x.clone())?);
    }
    if items.len() < 2 {
        return Ok(Value::List(l));
    }
    it.alloc(items.len() * 16)?;
    let mut call = BinaryCall::new(&f);
    let direct = direct_comparison(&call);
    let order = it.with_repeated_calls(sp, |it| {
        sorted_positions(items.len(), |i, j| {
            let (x, y) = (&items[i as usize], &items[j as usize]);
            if let Some(swapped) = direct {
                let (x, y) = if swapped { (y, x) } else { (x, y) };
                if let Some(less) = less_than(x, y) {
                    return Ok(less);
                }
            }
            let r = it.binary_call(&mut call, x.clone(), y.clone(), sp)?;
            it.force_bool(r, sp)
        })
    })?;
    Ok(Value::list(order.into_iter().map(|i| items[i as usize].clone()).collect()))
}

/// For a comparator that is `builtins.lessThan`, or a lambda written
/// `a: b: a < b` (or `b < a`, or with `>`): whether its operands are
/// swapped relative to `a < b`. Numbers and strings it then compares
/// without a call (the call would only compare them).
fn direct_comparison(call: &BinaryCall) -> Option<bool> {
    if let Some(p) = call.prim() {
        return (p.op.name == "lessThan" && p.args.is_empty()).then_some(false);
    }
    let c = call.lambda()?;
    let (Param::Ident(_), Expr::Lambda(inner)) = (&c.def.param, &c.def.body) else { return None };
    let Expr::Bin(op, l, r, _) = &inner.body else { return None };
    // `a` is one env up (slot 0), `b` is in the innermost env (slot 0).
    let a_then_b = matches!((&**l, &**r), (Expr::Var(1, 0, ..), Expr::Var(0, 0, ..)));
    let b_then_a = matches!((&**l, &**r), (Expr::Var(0, 0, ..), Expr::Var(1, 0, ..)));
    match op {
        BinOp::Lt if a_then_b => Some(false),
        BinOp::Lt if b_then_a => Some(true),
        BinOp::Gt if a_then_b => Some(true),
        BinOp::Gt if b_then_a => Some(false),
        _ => None,
    }
}

/// `x < y` for two integers, two floats or two strings, as the `<`
/// operator gives it; `None` for anything else (the comparator is then
/// called, and gives the result or the error).
#[inline]
fn less_than(x: &Value, y: &Value) -> Option<bool> {
    match (x, y) {
        (Value::Int(a), Value::Int(b)) => Some(a < b),
        (Value::Float(a), Value::Float(b)) => Some(a.partial_cmp(b) == Some(Ordering::Less)),
        (Value::Str(a), Value::Str(b)) => Some(a.s.as_bytes() < b.s.as_bytes()),
        _ => None,
    }
}

/// The positions `0..len` in the order `less` sorts them, equal ones in
/// their order: a bottom-up merge sort, which asks `less` about each pair
/// at most once per merge and makes sense of any answers (a comparator
/// that is no order gives some permutation, never a panic). The first
/// error ends the sort.
fn sorted_positions(len: usize, mut less: impl FnMut(u32, u32) -> R<bool>) -> R<Vec<u32>> {
    let mut from: Vec<u32> = (0..len as u32).collect();
    let mut to = vec![0u32; len];
    let mut width = 1;
    while width < len {
        for start in (0..len).step_by(2 * width) {
            let mid = (start + width).min(len);
            let end = (start + 2 * width).min(len);
            let (mut i, mut j) = (start, mid);
            for slot in &mut to[start..end] {
                // From the right run only when its head is strictly less:
                // equal elements keep their order.
                let right = j < end && (i == mid || less(from[j], from[i])?);
                if right {
                    *slot = from[j];
                    j += 1;
                } else {
                    *slot = from[i];
                    i += 1;
                }
            }
        }
        std::mem::swap(&mut from, &mut to);
        width *= 2;
    }
    Ok(from)
}

#[cfg(test)]
mod tests {
    use super::sorted_positions;

    fn sorted_by_key(keys: &[u32]) -> Vec<u32> {
        sorted_positions(keys.len(), |i, j| Ok(keys[i as usize] < keys[j as usize])).unwrap()
    }

    #[test]
    fn sorts_stably() {
        for n in [0usize, 1, 2, 3, 7, 16, 17, 100, 1000] {
            let keys: Vec<u32> = (0..n as u32).map(|i| (i * 7919 + 13) % 10).collect();
            let mut expected: Vec<u32> = (0..n as u32).collect();
            expected.sort_by_key(|&i| keys[i as usize]);
            assert_eq!(sorted_by_key(&keys), expected, "length {n}");
        }
    }

    #[test]
    fn any_comparator_gives_a_permutation() {
        let mut calls = 0u32;
        let mut order = sorted_positions(50, |i, j| {
            calls += 1;
            Ok((i * 31 + j * 17 + calls).is_multiple_of(3))
        })
        .unwrap();
        order.sort();
        assert_eq!(order, (0..50).collect::<Vec<u32>>());
    }

    #[test]
    fn the_first_error_ends_the_sort() {
        let mut calls = 0;
        let r = sorted_positions(100, |_, _| {
            calls += 1;
            if calls == 5 {
                Err(crate::error::error(crate::error::ErrKind::Eval, None, "no"))
            } else {
                Ok(true)
            }
        });
        assert!(r.is_err());
        assert_eq!(calls, 5);
    }
}
