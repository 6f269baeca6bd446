//! `assert`, with Nix's explanations of why an `a == b` condition is false.

use super::Interp;
use crate::error::*;
use crate::expr::*;
use crate::print::{print_error_value, show_expr};
use crate::value::*;

fn assert_err<T>(msg: String) -> R<T> {
    err_kind(ErrKind::Assert, None, msg)
}

impl<'a> Interp<'a> {
    #[inline(never)]
    pub(super) fn eval_assert(&mut self, c: &Expr, body: &Expr, sp: Span, env: &Env) -> R<Value> {
        let frame = || format!("while evaluating the condition of the assertion '{}'", show_expr(c));
        let ok = match c {
            Expr::Bin(BinOp::Eq, l, r, opsp) => {
                let a = self.eval(l, env).frame(Some(sp), frame)?;
                let b = self.eval(r, env).frame(Some(sp), frame)?;
                if let (Value::Lambda(_), Value::Lambda(_)) = (&a, &b) {
                    return assert_err(
                        "distinct functions and immediate comparisons of identical functions compare as unequal".into(),
                    )
                    .frame(Some(sp), frame);
                }
                self.explain_equal(a, b, *opsp).frame(Some(sp), frame)?;
                true
            }
            _ => match self.eval(c, env).frame(Some(sp), frame)? {
                Value::Bool(b) => b,
                v => {
                    return err_at(sp, format!("expected a Boolean but found {}", self.show_short(&v)))
                        .frame(Some(sp), frame)
                }
            },
        };
        if !ok {
            return err_kind(ErrKind::Assert, Some(sp), format!("assertion '{}' failed", show_expr(c)));
        }
        self.eval(body, env)
    }

    /// Succeeds if `a == b`; otherwise fails saying where they differ.
    fn explain_equal(&mut self, a: Value, b: Value, opsp: Span) -> R<()> {
        let a = self.force(a)?;
        let b = self.force(b)?;
        if self.equal_nested(a.clone(), b.clone(), opsp)? {
            return Ok(());
        }
        let pa = print_error_value(self, &a);
        let pb = print_error_value(self, &b);
        match (&a, &b) {
            (Value::Attrs(x), Value::Attrs(y)) => {
                if self.is_derivation(x)? && self.is_derivation(y)? {
                    if let (Some(p), Some(q)) = (x.get_sym(&self.syms.out_path), y.get_sym(&self.syms.out_path)) {
                        let (p, q) = (p.clone(), q.clone());
                        return self
                            .explain_equal(p, q, opsp)
                            .frame(Some(opsp), || "while comparing a derivation by its 'outPath' attribute".into());
                    }
                }
                let same_names = x.len() == y.len() && x.entries.iter().zip(y.entries.iter()).all(|(p, q)| p.0 == q.0);
                if !same_names {
                    return assert_err(format!(
                        "attribute names of attribute set '{pa}' differs from attribute set '{pb}'"
                    ));
                }
                for (p, q) in x.entries.iter().zip(y.entries.iter()) {
                    if !self.equal_nested(p.1.clone(), q.1.clone(), opsp)? {
                        let name = p.0;
                        let (lp, rp) = (p.2, q.2);
                        return self
                            .explain_equal(p.1.clone(), q.1.clone(), opsp)
                            .frame(Some(rp), || "where right hand side is".into())
                            .frame(Some(lp), || "where left hand side is".into())
                            .frame(Some(opsp), || format!("while comparing attribute '{name}'"));
                    }
                }
                assert_err(format!("attribute set '{pa}' is not equal to attribute set '{pb}'"))
            }
            (Value::List(x), Value::List(y)) => {
                if x.len() != y.len() {
                    return assert_err(format!(
                        "list of size '{}' is not equal to list of size '{}', left hand side is '{pa}', right hand side is '{pb}'",
                        x.len(),
                        y.len()
                    ));
                }
                for (i, (p, q)) in x.iter().zip(y.iter()).enumerate() {
                    if !self.equal_nested(p.clone(), q.clone(), opsp)? {
                        return self
                            .explain_equal(p.clone(), q.clone(), opsp)
                            .frame(Some(opsp), || format!("while comparing list element {i}"));
                    }
                }
                assert_err(format!("list '{pa}' is not equal to list '{pb}'"))
            }
            (Value::Int(_) | Value::Float(_), Value::Int(_) | Value::Float(_)) => assert_err(format!(
                "{} with value '{pa}' is not equal to {} with value '{pb}'",
                a.type_desc(),
                b.type_desc()
            )),
            (Value::Bool(_), Value::Bool(_)) => assert_err(format!("boolean '{pa}' is not equal to boolean '{pb}'")),
            (Value::Str(_), Value::Str(_)) => assert_err(format!("string '{pa}' is not equal to string '{pb}'")),
            (Value::Path(_), Value::Path(_)) => assert_err(format!("path '{pa}' is not equal to path '{pb}'")),
            (Value::Lambda(_) | Value::Prim(_), Value::Lambda(_) | Value::Prim(_)) => assert_err(
                "distinct functions and immediate comparisons of identical functions compare as unequal".into(),
            ),
            _ => assert_err(format!(
                "{} of value '{pa}' is not equal to {} of value '{pb}'",
                a.type_desc(),
                b.type_desc()
            )),
        }
    }
}
