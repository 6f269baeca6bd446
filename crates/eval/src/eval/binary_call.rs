//! A function of two arguments called many times in a row by a builtin
//! (the comparator of `sort`, the operator of `foldl'`): prepared once, so
//! that each call of a lambda `a: b: body` costs what evaluating its body
//! does, and little more.

use std::rc::Rc;

use super::Interp;
use crate::error::*;
use crate::expr::*;
use crate::value::*;

/// `f` prepared for many calls `f a b` (see [`Interp::binary_call`]).
pub struct BinaryCall {
    kind: Kind,
}

enum Kind {
    /// A lambda `a: b: body`; `frames` holds the innermost of the last
    /// call's two one-slot frames (its parent the other) while nothing
    /// else refers to them, for the next call to refill.
    Lambda { closure: Rc<Closure>, frames: Option<Env> },
    /// A builtin given all its arguments but two.
    Prim(Rc<PrimApp>),
    /// Anything else, called as usual.
    Other(Value),
}

/// The body of `a: b: body`, if `def` is one.
pub(crate) fn curried_body(def: &LambdaDef) -> Option<&LambdaDef> {
    match (&def.param, &def.body) {
        (Param::Ident(_), Expr::Lambda(inner)) if matches!(inner.param, Param::Ident(_)) => Some(inner),
        _ => None,
    }
}

impl BinaryCall {
    /// Prepares `f` (a forced function value).
    pub fn new(f: &Value) -> BinaryCall {
        let kind = match f {
            Value::Lambda(c) if curried_body(&c.def).is_some() => Kind::Lambda { closure: c.clone(), frames: None },
            Value::Prim(p) if p.args.len() + 2 == p.op.arity => Kind::Prim(p.clone()),
            f => Kind::Other(f.clone()),
        };
        BinaryCall { kind }
    }

    /// The builtin, when `f` is one given all its arguments but two.
    pub fn prim(&self) -> Option<&PrimApp> {
        match &self.kind {
            Kind::Prim(p) => Some(p),
            _ => None,
        }
    }

    /// The lambda, when `f` is `a: b: body`.
    pub fn lambda(&self) -> Option<&Closure> {
        match &self.kind {
            Kind::Lambda { closure, .. } => Some(closure),
            _ => None,
        }
    }
}

impl<'a> Interp<'a> {
    /// Runs `body`, which makes prepared calls ([`BinaryCall`],
    /// [`super::UnaryCall`]) one after another, with them counted as one
    /// level of call depth for them all (each call returns before the next
    /// is made) and the native stack checked once.
    pub fn with_repeated_calls<T>(&mut self, sp: Span, body: impl FnOnce(&mut Self) -> R<T>) -> R<T> {
        self.depth += 1;
        if self.depth > self.config.limits.max_depth {
            self.depth -= 1;
            return err_kind(ErrKind::Limit, Some(sp), "stack overflow; max-call-depth exceeded");
        }
        let r = self.check_stack().and_then(|()| body(self));
        self.depth -= 1;
        r
    }

    /// `f a b` for a prepared `f`, inside [`Interp::with_repeated_calls`]. A
    /// lambda's two frames are reused from the last call when that call left
    /// no closure or thunk referring to them (then nothing can tell).
    #[inline]
    pub fn binary_call(&mut self, call: &mut BinaryCall, a: Value, b: Value, sp: Span) -> R<Value> {
        match &mut call.kind {
            Kind::Lambda { closure, frames } => {
                let inner = curried_body(&closure.def).expect("a curried lambda");
                let env = match frames.take() {
                    Some(env) if env.is_unique() && env.parent().is_some_and(Env::is_unique) => {
                        env.parent().expect("the outer frame").set(0, a);
                        env.set(0, b);
                        env
                    }
                    _ => Env::one(b, Some(Env::one(a, Some(closure.env.clone())))),
                };
                let r = self
                    .eval(&inner.body, &env)
                    .frame(Some(inner.span), || format!("while calling {}", Self::lambda_name(inner)))
                    .frame(Some(sp), || "from call site".into());
                *frames = Some(env);
                r
            }
            Kind::Prim(p) => {
                let mut args = super::call::PrimArgs::new();
                for v in &p.args {
                    args.push(v.clone());
                }
                args.push(a);
                args.push(b);
                self.call_prim(p.op, args.as_slice(), sp)
            }
            Kind::Other(f) => {
                let f = f.clone();
                self.call2(f, a, b, sp)
            }
        }
    }
}
