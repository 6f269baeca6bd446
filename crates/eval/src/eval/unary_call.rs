//! A function of one argument called for each element of a list by a
//! builtin (`filter`, `all`, `any`, `partition`, `concatMap`, `groupBy`):
//! prepared once, as [`super::BinaryCall`] is for two arguments, so that
//! each call of a lambda `x: body` costs what evaluating its body does, and
//! little more.

use std::rc::Rc;

use super::Interp;
use crate::error::*;
use crate::expr::*;
use crate::value::*;

/// `f` prepared for many calls `f x` (see [`Interp::unary_call`]).
pub struct UnaryCall {
    kind: Kind,
}

enum Kind {
    /// A lambda `x: body`; `frame` holds the last call's one-slot frame
    /// while nothing else refers to it, for the next call to refill.
    Lambda { closure: Rc<Closure>, frame: Option<Env> },
    /// A builtin given all its arguments but one.
    Prim(Rc<PrimApp>),
    /// Anything else (a function taking a set, a functor), called as usual.
    Other(Value),
}

impl UnaryCall {
    /// Prepares `f` (a forced function value).
    pub fn new(f: &Value) -> UnaryCall {
        let kind = match f {
            Value::Lambda(c) if matches!(c.def.param, Param::Ident(_)) => {
                Kind::Lambda { closure: c.clone(), frame: None }
            }
            Value::Prim(p) if p.args.len() + 1 == p.op.arity => Kind::Prim(p.clone()),
            f => Kind::Other(f.clone()),
        };
        UnaryCall { kind }
    }
}

impl<'a> Interp<'a> {
    /// `f x` for a prepared `f`, inside [`Interp::with_repeated_calls`]. A
    /// lambda's frame is reused from the last call when that call left no
    /// closure or thunk referring to it (then nothing can tell).
    #[inline]
    pub fn unary_call(&mut self, call: &mut UnaryCall, x: Value, sp: Span) -> R<Value> {
        match &mut call.kind {
            Kind::Lambda { closure, frame } => {
                let env = match frame.take() {
                    Some(env) if env.is_unique() => {
                        env.set(0, x);
                        env
                    }
                    _ => Env::one(x, Some(closure.env.clone())),
                };
                let def = &closure.def;
                let r = self
                    .eval(&def.body, &env)
                    .frame(Some(def.span), || format!("while calling {}", Self::lambda_name(def)))
                    .frame(Some(sp), || "from call site".into());
                *frame = Some(env);
                r
            }
            Kind::Prim(p) => {
                let mut args = super::call::PrimArgs::new();
                for v in &p.args {
                    args.push(v.clone());
                }
                args.push(x);
                self.call_prim(p.op, args.as_slice(), sp)
            }
            Kind::Other(f) => {
                let f = f.clone();
                self.call(f, x, sp)
            }
        }
    }
}
