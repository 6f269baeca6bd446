//! Arithmetic and bitwise builtins.

use crate::error::*;
use crate::eval::Interp;
use crate::expr::{BinOp, Span};
use crate::value::*;

fn add(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let x = it.force(a[0].clone())?;
    let y = it.force(a[1].clone())?;
    num_check(it, &x, sp)?;
    num_check(it, &y, sp)?;
    it.binop_values(BinOp::Add, x, y, sp)
}

fn sub(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let x = it.force(a[0].clone())?;
    let y = it.force(a[1].clone())?;
    it.binop_values(BinOp::Sub, x, y, sp)
}

fn mul(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let x = it.force(a[0].clone())?;
    let y = it.force(a[1].clone())?;
    it.binop_values(BinOp::Mul, x, y, sp)
}

fn div(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let x = it.force(a[0].clone())?;
    let y = it.force(a[1].clone())?;
    it.binop_values(BinOp::Div, x, y, sp)
}

fn num_check(it: &Interp, v: &Value, sp: Span) -> R<()> {
    match v {
        Value::Int(_) | Value::Float(_) => Ok(()),
        v => err_at(sp, format!("expected an integer but found {}", it.show_short(v))),
    }
}

fn less_than(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let x = it.force(a[0].clone())?;
    let y = it.force(a[1].clone())?;
    it.binop_values(BinOp::Lt, x, y, sp)
}

fn bit_and(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    Ok(Value::Int(it.force_int(a[0].clone(), sp).arg(0)? & it.force_int(a[1].clone(), sp).arg(1)?))
}

fn bit_or(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    Ok(Value::Int(it.force_int(a[0].clone(), sp).arg(0)? | it.force_int(a[1].clone(), sp).arg(1)?))
}

fn bit_xor(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    Ok(Value::Int(it.force_int(a[0].clone(), sp).arg(0)? ^ it.force_int(a[1].clone(), sp).arg(1)?))
}

/// `builtins.ceil` / `builtins.floor` as current Nix: the float rounded,
/// if it is an integer's; an integer argument must come back unchanged
/// (Nix goes through a float, and says so when that lost precision).
fn round_op(it: &mut Interp, a: &[Value], sp: Span, f: fn(f64) -> f64) -> R<Value> {
    const BUG: &str = "Due to a bug (see https://github.com/NixOS/nix/issues/12899)";
    const FUTURE: &str = "\n\tFuture Nix versions might implement the correct behavior.";
    let (x, int) = match it.force(a[0].clone())? {
        Value::Int(i) => (i as f64, Some(i)),
        Value::Float(x) => (x, None),
        v => return err_at(sp, format!("expected a float but found {}", it.show_short(&v))),
    };
    let r = f(x);
    // -2^63 is a power of two: no rounding in the bounds.
    let bound = -(i64::MIN as f64);
    if !(-bound..bound).contains(&r) {
        return match int {
            Some(i) => err_at(
                sp,
                format!("{BUG} the NixInt argument {i} caused undefined behavior in previous Nix versions.{FUTURE}"),
            ),
            None => {
                err_at(sp, format!("NixFloat argument {} is not in the range of NixInt", crate::print::fmt_float(x)))
            }
        };
    }
    let rounded = r as i64;
    match int {
        Some(i) if i != rounded => err_at(
            sp,
            format!("{BUG} a loss of precision occurred in previous Nix versions because the NixInt argument {i} was rounded to {rounded}.{FUTURE}"),
        ),
        _ => Ok(Value::Int(rounded)),
    }
}

fn ceil(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    round_op(it, a, sp, f64::ceil)
}

fn floor(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    round_op(it, a, sp, f64::floor)
}

/// The family.
pub static PRIMOPS: &[PrimOp] = &[
    PrimOp { name: "add", arity: 2, f: add },
    PrimOp { name: "sub", arity: 2, f: sub },
    PrimOp { name: "mul", arity: 2, f: mul },
    PrimOp { name: "div", arity: 2, f: div },
    PrimOp { name: "lessThan", arity: 2, f: less_than },
    PrimOp { name: "bitAnd", arity: 2, f: bit_and },
    PrimOp { name: "bitOr", arity: 2, f: bit_or },
    PrimOp { name: "bitXor", arity: 2, f: bit_xor },
    PrimOp { name: "ceil", arity: 1, f: ceil },
    PrimOp { name: "floor", arity: 1, f: floor },
];
