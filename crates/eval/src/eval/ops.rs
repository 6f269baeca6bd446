//! Operators: arithmetic, comparison, equality, `++`, `//`.

use std::cmp::Ordering;
use std::rc::Rc;

use super::coerce::CoerceMode;
use super::Interp;
use crate::error::*;
use crate::expr::*;
use crate::value::*;

impl<'a> Interp<'a> {
    #[inline(never)]
    pub(super) fn eval_binop(&mut self, op: BinOp, l: &Expr, r: &Expr, sp: Span, env: &Env) -> R<Value> {
        match op {
            BinOp::And => {
                let a = self.eval(l, env)?;
                if !self.bool_operand(a, sp, "&&")? {
                    return Ok(Value::Bool(false));
                }
                let b = self.eval(r, env)?;
                Ok(Value::Bool(self.bool_operand(b, sp, "&&")?))
            }
            BinOp::Or => {
                let a = self.eval(l, env)?;
                if self.bool_operand(a, sp, "||")? {
                    return Ok(Value::Bool(true));
                }
                let b = self.eval(r, env)?;
                Ok(Value::Bool(self.bool_operand(b, sp, "||")?))
            }
            BinOp::Impl => {
                let a = self.eval(l, env)?;
                if !self.bool_operand(a, sp, "->")? {
                    return Ok(Value::Bool(true));
                }
                let b = self.eval(r, env)?;
                Ok(Value::Bool(self.bool_operand(b, sp, "->")?))
            }
            BinOp::PipeRight | BinOp::PipeLeft if !self.config.limits.allow_pipe_operators() => err_at(
                sp,
                "experimental Nix feature 'pipe-operators' is disabled; add '--extra-experimental-features pipe-operators' to enable it",
            ),
            BinOp::PipeRight | BinOp::PipeLeft => {
                let (fe, xe) = if op == BinOp::PipeRight { (r, l) } else { (l, r) };
                let f = self.eval(fe, env)?;
                let x = self.eval(xe, env)?;
                self.call(f, x, sp)
            }
            _ => {
                let a = self.eval(l, env).frame(Some(sp), || format!("in the left operand of the {} operator", op_name(op)))?;
                let b = self.eval(r, env).frame(Some(sp), || format!("in the right operand of the {} operator", op_name(op)))?;
                if let (Value::Int(x), Value::Int(y)) = (&a, &b) {
                    if let Some(v) = int_op(op, *x, *y) {
                        // Integers own nothing: no drop to call.
                        std::mem::forget(a);
                        std::mem::forget(b);
                        return Ok(v);
                    }
                }
                self.binop_values(op, a, b, sp)
            }
        }
    }

    #[inline]
    fn bool_operand(&mut self, v: Value, sp: Span, op: &str) -> R<bool> {
        match v.into_bool() {
            Ok(b) => Ok(b),
            Err(v) => Err(self.not_a_bool_operand(&v, sp, op)),
        }
    }

    /// `expected a Boolean` for an operand of `op`: out of line, as error
    /// paths are (see `Interp::not_a_bool`).
    #[cold]
    #[inline(never)]
    fn not_a_bool_operand(&self, v: &Value, sp: Span, op: &str) -> Box<Error> {
        let mut e = error(ErrKind::Eval, Some(sp), format!("expected a Boolean but found {}", self.show_short(v)));
        e.frames.push((Some(sp), format!("in the operand of the {op} operator")));
        e
    }

    /// Applies a strict binary operator to two forced values.
    #[inline(never)]
    pub fn binop_values(&mut self, op: BinOp, a: Value, b: Value, sp: Span) -> R<Value> {
        match op {
            BinOp::Add => self.add(a, b, sp),
            BinOp::Sub | BinOp::Mul | BinOp::Div => self.arith(op, a, b, sp),
            BinOp::Concat => {
                let x = self.force_list(a, sp).frame(Some(sp), || "in the left operand of the ++ operator".into())?;
                let y = self.force_list(b, sp).frame(Some(sp), || "in the right operand of the ++ operator".into())?;
                if x.is_empty() {
                    return Ok(Value::List(y));
                }
                if y.is_empty() {
                    return Ok(Value::List(x));
                }
                self.alloc((x.len() + y.len()) * 16)?;
                let mut v = Vec::with_capacity(x.len() + y.len());
                v.extend(x.iter().cloned());
                v.extend(y.iter().cloned());
                Ok(Value::list(v))
            }
            BinOp::Update => {
                let x = self
                    .force_attrs(a, sp)
                    .frame(Some(sp), || "in the left operand of the update (//) operator".into())?;
                let y = self
                    .force_attrs(b, sp)
                    .frame(Some(sp), || "in the right operand of the update (//) operator".into())?;
                Ok(Value::Attrs(self.update(&x, &y)?))
            }
            BinOp::Eq => Ok(Value::Bool(self.equal(a, b, sp)?)),
            BinOp::Neq => Ok(Value::Bool(!self.equal(a, b, sp)?)),
            BinOp::Lt => Ok(Value::Bool(self.compare(a, b, sp)? == Ordering::Less)),
            BinOp::Le => Ok(Value::Bool(self.compare(b, a, sp)? != Ordering::Less)),
            BinOp::Gt => Ok(Value::Bool(self.compare(b, a, sp)? == Ordering::Less)),
            BinOp::Ge => Ok(Value::Bool(self.compare(a, b, sp)? != Ordering::Less)),
            _ => unreachable!(),
        }
    }

    fn add(&mut self, a: Value, b: Value, sp: Span) -> R<Value> {
        match (&a, &b) {
            (Value::Int(x), Value::Int(y)) => match x.checked_add(*y) {
                Some(r) => Ok(Value::Int(r)),
                None => err_at(sp, format!("integer overflow in adding {x} + {y}")),
            },
            (Value::Int(x), Value::Float(y)) => Ok(Value::Float(*x as f64 + y)),
            (Value::Float(x), Value::Int(y)) => Ok(Value::Float(x + *y as f64)),
            (Value::Float(x), Value::Float(y)) => Ok(Value::Float(x + y)),
            (Value::Path(p), _) => {
                let s = self
                    .coerce_to_string(b, CoerceMode::Interp { copy: false }, sp)
                    .frame(Some(sp), || "while evaluating the second operand of a path concatenation".into())?;
                if s.ctx.is_some() {
                    return err_at(sp, "a string that refers to a store path cannot be appended to a path".to_string());
                }
                let joined = format!("{}{}", p, s.s);
                self.alloc(joined.len())?;
                Ok(Value::path(crate::fs::canon(&joined).as_str()))
            }
            (Value::Str(s), _) => {
                let t = self.coerce_to_string(b, CoerceMode::Interp { copy: true }, sp)?;
                let mut out = String::with_capacity(s.s.len() + t.s.len());
                out.push_str(&s.s);
                out.push_str(&t.s);
                self.alloc(out.len())?;
                let ctx = merge_ctx(s.ctx.as_deref(), t.ctx.as_deref());
                Ok(Value::string(out, ctx))
            }
            (Value::Int(_) | Value::Float(_), _) => {
                err_at(sp, format!("cannot add {} to {}", type_word(&b), type_word(&a)))
            }
            // Any other first operand makes a string concatenation, as in
            // Nix: both are coerced (a set by `__toString` or `outPath`,
            // anything else an error naming it).
            _ => {
                let s = self.coerce_to_string(a, CoerceMode::Interp { copy: true }, sp)?;
                let t = self.coerce_to_string(b, CoerceMode::Interp { copy: true }, sp)?;
                let ctx = merge_ctx(s.ctx.as_deref(), t.ctx.as_deref());
                Ok(Value::string(format!("{}{}", s.s, t.s), ctx))
            }
        }
    }

    fn arith(&mut self, op: BinOp, a: Value, b: Value, sp: Span) -> R<Value> {
        match (&a, &b) {
            (Value::Int(x), Value::Int(y)) => {
                let (x, y) = (*x, *y);
                let r = match op {
                    BinOp::Sub => x.checked_sub(y).ok_or_else(|| format!("integer overflow in subtracting {x} - {y}")),
                    BinOp::Mul => x.checked_mul(y).ok_or_else(|| format!("integer overflow in multiplying {x} * {y}")),
                    _ => {
                        if y == 0 {
                            Err("division by zero".to_string())
                        } else {
                            x.checked_div(y).ok_or_else(|| format!("integer overflow in dividing {x} / {y}"))
                        }
                    }
                };
                match r {
                    Ok(v) => Ok(Value::Int(v)),
                    Err(m) => err_at(sp, m),
                }
            }
            // As Nix's __sub, __mul, __div: a division checks its divisor
            // first; with a float on either side both must be numbers ("a
            // float"), else integers.
            _ => {
                if op == BinOp::Div && self.num(&b, sp, "a float")? == 0.0 {
                    return err_at(sp, "division by zero");
                }
                let want =
                    if matches!(a, Value::Float(_)) || matches!(b, Value::Float(_)) { "a float" } else { "an integer" };
                let x = self.num(&a, sp, want)?;
                let y = self.num(&b, sp, want)?;
                Ok(Value::Float(match op {
                    BinOp::Sub => x - y,
                    BinOp::Mul => x * y,
                    _ => {
                        if y == 0.0 {
                            return err_at(sp, "division by zero");
                        }
                        x / y
                    }
                }))
            }
        }
    }

    fn num(&self, v: &Value, sp: Span, want: &str) -> R<f64> {
        match v {
            Value::Int(i) => Ok(*i as f64),
            Value::Float(f) => Ok(*f),
            v => err_at(sp, format!("expected {want} but found {}", self.show_short(v))),
        }
    }

    /// Nix `==`: deep, forcing.
    pub fn equal(&mut self, a: Value, b: Value, sp: Span) -> R<bool> {
        self.equal_inner(a, b, sp, false)
    }

    /// `==` as inside a list or set (identical functions are equal).
    pub fn equal_nested(&mut self, a: Value, b: Value, sp: Span) -> R<bool> {
        self.equal_inner(a, b, sp, true)
    }

    /// `nested`: inside a list or set, where identical functions compare equal (as in Nix).
    fn equal_inner(&mut self, a: Value, b: Value, sp: Span, nested: bool) -> R<bool> {
        self.check_stack()?;
        if let (Value::Thunk(x), Value::Thunk(y)) = (&a, &b) {
            if x == y {
                return Ok(true);
            }
        }
        let a = self.force(a)?;
        let b = self.force(b)?;
        Ok(match (&a, &b) {
            (Value::Lambda(x), Value::Lambda(y)) => nested && Rc::ptr_eq(x, y),
            (Value::Int(x), Value::Int(y)) => x == y,
            (Value::Int(x), Value::Float(y)) => (*x as f64) == *y,
            (Value::Float(x), Value::Int(y)) => *x == (*y as f64),
            (Value::Float(x), Value::Float(y)) => x == y,
            (Value::Bool(x), Value::Bool(y)) => x == y,
            (Value::Null, Value::Null) => true,
            (Value::Str(x), Value::Str(y)) => x.s == y.s,
            (Value::Path(x), Value::Path(y)) => x == y,
            (Value::List(x), Value::List(y)) => {
                if Rc::ptr_eq(x, y) {
                    return Ok(true);
                }
                if x.len() != y.len() {
                    return Ok(false);
                }
                for (p, q) in x.iter().zip(y.iter()) {
                    if !self.equal_inner(p.clone(), q.clone(), sp, true)? {
                        return Ok(false);
                    }
                }
                true
            }
            (Value::Attrs(x), Value::Attrs(y)) => {
                if AttrSet::ptr_eq(x, y) {
                    return Ok(true);
                }
                if self.is_derivation(x)? && self.is_derivation(y)? {
                    if let (Some(p), Some(q)) = (x.get_sym(&self.syms.out_path), y.get_sym(&self.syms.out_path)) {
                        let (p, q) = (p.clone(), q.clone());
                        return self.equal(p, q, sp);
                    }
                }
                if x.len() != y.len() {
                    return Ok(false);
                }
                for (p, q) in x.entries.iter().zip(y.entries.iter()) {
                    if p.0 != q.0 {
                        return Ok(false);
                    }
                }
                for (p, q) in x.entries.iter().zip(y.entries.iter()) {
                    if !self.equal_inner(p.1.clone(), q.1.clone(), sp, true)? {
                        return Ok(false);
                    }
                }
                true
            }
            _ => false,
        })
    }

    /// Whether a set has `type = "derivation"`.
    pub fn is_derivation(&mut self, a: &Attrs) -> R<bool> {
        match a.get_sym(&self.syms.type_) {
            Some(t) => {
                let t = self.force(t.clone())?;
                Ok(matches!(&t, Value::Str(s) if &*s.s == "derivation"))
            }
            None => Ok(false),
        }
    }

    /// Nix `<` ordering (numbers, strings, paths, lists).
    pub fn compare(&mut self, a: Value, b: Value, sp: Span) -> R<Ordering> {
        let a = self.force(a)?;
        let b = self.force(b)?;
        Ok(match (&a, &b) {
            (Value::Int(x), Value::Int(y)) => x.cmp(y),
            (Value::Int(_) | Value::Float(_), Value::Int(_) | Value::Float(_)) => {
                let x = self.num(&a, sp, "a float")?;
                let y = self.num(&b, sp, "a float")?;
                x.partial_cmp(&y).unwrap_or(Ordering::Greater)
            }
            (Value::Str(x), Value::Str(y)) => x.s.as_bytes().cmp(y.s.as_bytes()),
            (Value::Path(x), Value::Path(y)) => x.as_bytes().cmp(y.as_bytes()),
            (Value::List(x), Value::List(y)) => {
                for (p, q) in x.iter().zip(y.iter()) {
                    // Equal elements are skipped without requiring them to be comparable.
                    if self.equal(p.clone(), q.clone(), sp)? {
                        continue;
                    }
                    return self.compare(p.clone(), q.clone(), sp);
                }
                x.len().cmp(&y.len())
            }
            _ => {
                let (ta, tb) = (a.show_type(), b.show_type());
                if ta == tb {
                    return err_at(
                        sp,
                        format!(
                            "cannot compare {ta} with {tb}; values of that type are incomparable (values are {} and {})",
                            self.show_value_brief(&a),
                            self.show_value_brief(&b)
                        ),
                    );
                }
                return err_at(
                    sp,
                    format!(
                        "cannot compare {ta} with {tb}; values are {} and {}",
                        self.show_value_brief(&a),
                        self.show_value_brief(&b)
                    ),
                );
            }
        })
    }
}

/// An operator on two integers when it cannot fail (overflow and division
/// by zero take the general path, which words the error).
#[inline]
pub(super) fn int_op(op: BinOp, x: i64, y: i64) -> Option<Value> {
    Some(match op {
        BinOp::Add => Value::Int(x.checked_add(y)?),
        BinOp::Sub => Value::Int(x.checked_sub(y)?),
        BinOp::Mul => Value::Int(x.checked_mul(y)?),
        BinOp::Div if y != 0 => Value::Int(x.checked_div(y)?),
        BinOp::Eq => Value::Bool(x == y),
        BinOp::Neq => Value::Bool(x != y),
        BinOp::Lt => Value::Bool(x < y),
        BinOp::Le => Value::Bool(x <= y),
        BinOp::Gt => Value::Bool(x > y),
        BinOp::Ge => Value::Bool(x >= y),
        _ => return None,
    })
}

fn type_word(v: &Value) -> &'static str {
    v.type_desc()
}

fn op_name(op: BinOp) -> &'static str {
    op.symbol()
}

/// Union of two optional contexts.
pub fn merge_ctx(a: Option<&Context>, b: Option<&Context>) -> Option<Context> {
    match (a, b) {
        (None, None) => None,
        (Some(x), None) | (None, Some(x)) => Some(x.clone()),
        (Some(x), Some(y)) => {
            let mut c = x.clone();
            c.extend(y.iter().cloned());
            Some(c)
        }
    }
}
