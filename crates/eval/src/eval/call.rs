//! Function application.

use std::rc::Rc;

use super::Interp;
use crate::error::*;
use crate::expr::*;
use crate::value::*;

impl<'a> Interp<'a> {
    /// The name of a lambda for messages (`'f'` or `anonymous lambda`).
    pub fn lambda_name(def: &LambdaDef) -> String {
        match &def.name {
            Some(n) => format!("'{n}'"),
            None => "anonymous lambda".into(),
        }
    }

    /// The name of a lambda without quotes (`f` or `anonymous lambda`).
    pub fn bare_lambda_name(def: &LambdaDef) -> String {
        match &def.name {
            Some(n) => n.to_string(),
            None => "anonymous lambda".into(),
        }
    }

    /// Applies a function to two arguments (`f a b`), without building the
    /// intermediate closure when `f` is `a: b: body`.
    pub fn call2(&mut self, f: Value, a: Value, b: Value, sp: Span) -> R<Value> {
        if let Value::Lambda(c) = &f {
            if let (Param::Ident(_), Expr::Lambda(inner)) = (&c.def.param, &c.def.body) {
                if let Param::Ident(_) = inner.param {
                    self.depth += 1;
                    if self.depth > self.config.limits.max_depth {
                        self.depth -= 1;
                        return err_kind(ErrKind::Limit, Some(sp), "stack overflow; max-call-depth exceeded");
                    }
                    self.check_stack()?;
                    let env1 = Env::one(a, Some(c.env.clone()));
                    let env2 = Env::one(b, Some(env1));
                    let r = self
                        .eval(&inner.body, &env2)
                        .frame(Some(inner.span), || format!("while calling {}", Self::lambda_name(inner)))
                        .frame(Some(sp), || "from call site".into());
                    self.depth -= 1;
                    return r;
                }
            }
        }
        let g = self.call(f, a, sp)?;
        self.call(g, b, sp)
    }

    /// Applies a function value to one argument.
    pub fn call(&mut self, f: Value, arg: Value, sp: Span) -> R<Value> {
        match f {
            Value::Lambda(c) => self.call_closure(&c.def, &c.env, arg, sp),
            Value::Prim(p) => {
                if p.args.len() + 1 == p.op.arity {
                    let mut args = PrimArgs::new();
                    for a in &p.args {
                        args.push(a.clone());
                    }
                    args.push(arg);
                    self.call_prim(p.op, args.as_slice(), sp)
                } else {
                    let mut args = Vec::with_capacity(p.op.arity - 1);
                    args.extend(p.args.iter().cloned());
                    args.push(arg);
                    Ok(Value::Prim(Rc::new(PrimApp { op: p.op, args })))
                }
            }
            Value::Attrs(a) => match a.get_sym(&self.syms.functor) {
                Some(fun) => {
                    let fun = self.force(fun.clone())?;
                    let g = self.call(fun, Value::Attrs(a.clone()), sp)?;
                    self.call(g, arg, sp)
                }
                None => err_at(
                    sp,
                    format!(
                        "attempt to call something which is not a function but {}",
                        self.show_short(&Value::Attrs(a.clone()))
                    ),
                ),
            },
            Value::Thunk(_) => {
                let f = self.force(f)?;
                self.call(f, arg, sp)
            }
            v => err_at(sp, format!("attempt to call something which is not a function but {}", self.show_short(&v))),
        }
    }

    /// Runs builtin `op` on all its arguments (`args.len() == op.arity`).
    pub(super) fn call_prim(&mut self, op: &'static PrimOp, args: &[Value], sp: Span) -> R<Value> {
        self.depth += 1;
        if self.depth > self.config.limits.max_depth {
            self.depth -= 1;
            return err_kind(ErrKind::Limit, Some(sp), "stack overflow; max-call-depth exceeded");
        }
        let r = (op.f)(self, args, sp);
        self.depth -= 1;
        let name = op.name;
        r.map_err(|mut e| {
            // The frame carries the call position, as in Nix.
            if e.span == Some(sp) {
                e.span = None;
            }
            let shown = if name == "foldl'" { "foldlStrict" } else { name };
            for f in e.frames.iter_mut() {
                if let Some(ord) = f.1.strip_prefix(ARG_MARKER) {
                    f.1 = format!("while evaluating the {ord} argument passed to builtins.{shown}");
                }
            }
            e
        })
        .frame(Some(sp), || format!("while calling the '{name}' builtin"))
    }

    /// Applies a curried lambda (`a: b: …`, `c`) to as many of `args`
    /// (expressions of `env`) as it takes one by one, at least two: each
    /// argument but the last is bound without building the closure the
    /// call would return, as that closure is called at once. Returns the
    /// result and how many arguments were used.
    pub(super) fn apply_curried(
        &mut self,
        c: Rc<Closure>,
        args: &[Rc<Expr>],
        env: &Env,
        sp: Span,
    ) -> R<(Value, usize)> {
        let mut def = &c.def;
        let mut fenv = c.env.clone();
        let mut used = 0;
        loop {
            let arg = self.thunk_expr(&args[used], env);
            used += 1;
            match (&def.param, &def.body) {
                (Param::Ident(_), Expr::Lambda(inner)) if used < args.len() => {
                    fenv = Env::one(arg, Some(fenv));
                    def = inner;
                }
                _ => return self.call_closure(def, &fenv, arg, sp).map(|v| (v, used)),
            }
        }
    }

    /// Calls the lambda `def` closed over `cenv` with `arg` from the call
    /// site `sp`, one level deeper, within the call-depth and stack budgets.
    #[inline(always)]
    fn call_closure(&mut self, def: &LambdaDef, cenv: &Env, arg: Value, sp: Span) -> R<Value> {
        self.depth += 1;
        if self.depth > self.config.limits.max_depth {
            self.depth -= 1;
            return err_kind(ErrKind::Limit, Some(sp), "stack overflow; max-call-depth exceeded");
        }
        self.check_stack()?;
        let r = self.call_lambda(def, cenv, arg, sp);
        self.depth -= 1;
        r.frame(Some(sp), || "from call site".into())
    }

    /// Calls the lambda `def` closed over `cenv` with `arg`.
    fn call_lambda(&mut self, def: &LambdaDef, cenv: &Env, arg: Value, sp: Span) -> R<Value> {
        let env = match &def.param {
            Param::Ident(_) => Env::one(arg, Some(cenv.clone())),
            Param::Formals { .. } => self.formals_env(def, cenv, arg, sp)?,
        };
        self.eval(&def.body, &env).frame(Some(def.span), || format!("while calling {}", Self::lambda_name(def)))
    }

    /// The env of a call of a function taking a set (`{ a, b ? 1, ... }@s:`):
    /// the argument's attributes in the formals' slots, defaults for the
    /// missing ones. Out of line: its locals would make every call's frame
    /// bigger, one-argument calls too.
    #[inline(never)]
    fn formals_env(&mut self, def: &LambdaDef, cenv: &Env, arg: Value, sp: Span) -> R<Env> {
        let Param::Formals { formals, ellipsis, at, hints } = &def.param else {
            unreachable!("formals_env is called for functions taking a set")
        };
        let args = match self.force(arg.clone())? {
            Value::Attrs(a) => a,
            v => return Err(self.not_a_set_argument(def, &v)),
        };
        let env = Env::blank(def.slots as usize, Some(cenv.clone()));
        let mut missing = Vec::new();
        let mut used = 0usize;
        for (i, ((name, default, _), hint)) in formals.iter().zip(hints.iter()).enumerate() {
            match args.find_hinted(name, hint) {
                Some(k) => {
                    used += 1;
                    env.set(i, args.entries[k].1.clone());
                }
                None if default.is_some() => missing.push(i),
                None => return Err(missing_argument(def, name)),
            }
        }
        if !*ellipsis && used < args.len() {
            if let Some(e) = unexpected_argument(def, formals, &args, sp) {
                return Err(e);
            }
        }
        if at.is_some() {
            env.set(formals.len(), arg);
        }
        // Defaults see the whole frame, so they are made once it is filled.
        for i in missing {
            if let Some(d) = &formals[i].1 {
                let v = self.thunk_expr_deferred(d, &env);
                env.set(i, v);
            }
        }
        Ok(env)
    }

    /// A function taking a set called with something else. Error paths are
    /// kept out of line: inlined, they made every call's frame bigger.
    #[cold]
    #[inline(never)]
    fn not_a_set_argument(&self, def: &LambdaDef, v: &Value) -> Box<Error> {
        error(ErrKind::Eval, Some(def.span), format!("expected a set but found {}", self.show_short(v)))
    }
}

/// A function called without a formal that has no default.
#[cold]
#[inline(never)]
fn missing_argument(def: &LambdaDef, name: &crate::symbol::Sym) -> Box<Error> {
    let msg = format!("function '{}' called without required argument '{name}'", Interp::bare_lambda_name(def));
    error(ErrKind::Eval, Some(def.span), msg)
}

/// A function without `...` called with an argument it does not take (the
/// first such, in the set's order), with a suggestion; `None` if every
/// argument is one it takes.
#[cold]
#[inline(never)]
fn unexpected_argument(
    def: &LambdaDef,
    formals: &[(crate::symbol::Sym, Option<Rc<Expr>>, Span)],
    args: &Attrs,
    sp: Span,
) -> Option<Box<Error>> {
    let k = args.entries.iter().map(|e| &e.0).find(|k| !formals.iter().any(|f| f.0 == **k))?;
    let names: Vec<&str> = formals.iter().map(|f| f.0.as_str()).collect();
    let fake = AttrSet::new(names.iter().map(|n| (crate::symbol::Sym::new(n), Value::Null, sp)).collect());
    let hint = super::attrs::did_you_mean(&fake, k.as_str());
    let mut e = error(
        ErrKind::Eval,
        Some(def.span),
        format!("function '{}' called with unexpected argument '{k}'", Interp::bare_lambda_name(def)),
    );
    e.hint = hint;
    Some(e)
}

/// The arguments of one builtin call, on the stack (builtins take at most
/// [`PrimArgs::MAX`] arguments): a saturated call allocates nothing.
pub(super) struct PrimArgs {
    values: [Value; PrimArgs::MAX],
    len: usize,
}

impl PrimArgs {
    /// The largest arity of a builtin.
    pub const MAX: usize = 3;

    /// No arguments yet.
    #[inline]
    pub fn new() -> PrimArgs {
        PrimArgs { values: [Value::Null, Value::Null, Value::Null], len: 0 }
    }

    /// Adds the next argument.
    #[inline]
    pub fn push(&mut self, v: Value) {
        self.values[self.len] = v;
        self.len += 1;
    }

    /// The arguments so far.
    #[inline]
    pub fn as_slice(&self) -> &[Value] {
        &self.values[..self.len]
    }
}
