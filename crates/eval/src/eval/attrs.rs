//! Attribute sets: construction, `let`, selection and `?`.

use std::rc::Rc;

use super::{Interp, Thunk};
use crate::error::*;
use crate::expr::*;
use crate::symbol::Sym;
use crate::value::*;

impl<'a> Interp<'a> {
    fn binding_value(&mut self, b: &Binding, env: &Env, deferred: bool) -> Value {
        match &b.value {
            BindingValue::Expr(e) | BindingValue::Inherit(e) => {
                if deferred {
                    self.thunk_expr_deferred(e, env)
                } else {
                    self.thunk_expr(e, env)
                }
            }
            BindingValue::InheritFrom { slot, name } => {
                let from = env.get(*slot as usize);
                self.new_thunk(Thunk::Select(Box::new((from, *name, b.span))))
            }
        }
    }

    /// Builds the env of a `rec` set, `let`, or a set with `inherit (from)`.
    fn binding_env(&mut self, def: &AttrsDef, env: &Env) -> Env {
        let nstat = if def.rec { def.statics.len() } else { 0 };
        let env2 = Env::blank(nstat + def.froms.len(), Some(env.clone()));
        for (i, f) in def.froms.iter().enumerate() {
            let v = self.thunk_expr_deferred(f, &env2);
            env2.set(nstat + i, v);
        }
        if def.rec {
            for (i, b) in def.statics.iter().enumerate() {
                let v = self.binding_value(b, &env2, true);
                env2.set(i, v);
            }
        }
        env2
    }

    /// The env of a `let`.
    #[inline(never)]
    pub(super) fn let_env(&mut self, def: &AttrsDef, env: &Env) -> R<Env> {
        self.alloc(def.statics.len() * 16 + 32)?;
        Ok(self.binding_env(def, env))
    }

    #[inline(never)]
    pub(super) fn eval_attrs(&mut self, def: &AttrsDef, _sp: Span, env: &Env) -> R<Value> {
        if def.is_empty() {
            return Ok(self.empty_attrs.clone());
        }
        self.alloc(def.statics.len() * Attrs::ENTRY_BYTES + 32)?;
        // The usual set (every name written out; if `rec`, without
        // `__overrides`): made in place, in the order the names are kept
        // in (sorted).
        let overrides = self.syms.overrides;
        if def.dynamics.is_empty() && !(def.rec && def.statics.iter().any(|b| b.name == overrides)) {
            let set = if def.rec {
                let env2 = self.binding_env(def, env);
                AttrSet::build(def.statics.len(), |i| (def.statics[i].name, env2.get(i), def.statics[i].span))
            } else if def.needs_env {
                let env2 = self.binding_env(def, env);
                AttrSet::build(def.statics.len(), |i| {
                    let b = &def.statics[i];
                    (b.name, self.binding_value(b, &env2, false), b.span)
                })
            } else {
                AttrSet::build(def.statics.len(), |i| {
                    let b = &def.statics[i];
                    (b.name, self.binding_value(b, env, false), b.span)
                })
            };
            return Ok(Value::attrs(set));
        }
        let env2 = if def.needs_env { self.binding_env(def, env) } else { env.clone() };
        let mut entries: Vec<(Sym, Value, Span)> = Vec::with_capacity(def.statics.len() + def.dynamics.len());
        if def.rec {
            {
                for (i, b) in def.statics.iter().enumerate() {
                    entries.push((b.name, env2.get(i), b.span));
                }
            }
            if let Some(oi) = def.statics.iter().position(|b| b.name == overrides) {
                let ov = entries[oi].1.clone();
                let ov = self.force_attrs(ov, def.statics[oi].span)?;
                for (k, v, p) in ov.entries.iter() {
                    match def.statics.iter().position(|b| b.name == *k) {
                        Some(i) => {
                            env2.set(i, v.clone());
                            entries[i].1 = v.clone();
                        }
                        None => entries.push((*k, v.clone(), *p)),
                    }
                }
                nixpen_store::sort::sort_by(&mut entries, |a, b| a.0.cmp(&b.0));
            }
        } else {
            for b in &def.statics {
                let v = self.binding_value(b, &env2, false);
                entries.push((b.name, v, b.span));
            }
        }
        if !def.dynamics.is_empty() {
            for (k, v, sp) in &def.dynamics {
                let key = self
                    .eval(k, &env2)
                    .frame(Some(*sp), || "while evaluating the name of a dynamic attribute".into())?;
                let key = match key {
                    Value::Null => continue,
                    Value::Str(s) => {
                        super::no_context(&s, *sp)
                            .frame(Some(*sp), || "while evaluating the name of a dynamic attribute".into())?;
                        s
                    }
                    v => {
                        return err_at(*sp, format!("expected a string but found {}", self.show_short(&v)))
                            .frame(Some(*sp), || "while evaluating the name of a dynamic attribute".into())
                    }
                };
                let name = Sym::new(&key.s);
                if let Some(prev) = entries.iter().find(|e| e.0 == name) {
                    let pos = self.pos_string(prev.2);
                    return err_at(*sp, format!("dynamic attribute '{name}' already defined at {pos}"));
                }
                let val = self.thunk_expr(v, &env2);
                entries.push((name, val, *sp));
            }
            nixpen_store::sort::sort_by(&mut entries, |a, b| a.0.cmp(&b.0));
        }
        Ok(Value::attrs(AttrSet::new(entries)))
    }

    /// `file:line:col` of a span.
    pub fn pos_string(&self, sp: Span) -> String {
        match self.cache.files.get(sp.file) {
            Some(f) => {
                let (l, c) = f.line_col(sp.off);
                format!("{}:{}:{}", f.path, l, c)
            }
            None => "«unknown»".into(),
        }
    }

    /// Evaluates an attribute name in a path: a static one at once, a
    /// dynamic one out of line.
    #[inline(always)]
    pub(super) fn attr_name<'e>(&mut self, n: &'e AttrName, env: &Env) -> R<NameRef<'e>> {
        match n {
            AttrName::Static(s, hint) => Ok(NameRef::Sym(s, hint)),
            AttrName::Dynamic(e) => self.dynamic_attr_name(e, env),
        }
    }

    /// The name `${e}` evaluates to.
    #[inline(never)]
    fn dynamic_attr_name(&mut self, e: &Expr, env: &Env) -> R<NameRef<'static>> {
        match self.eval(e, env)? {
            Value::Str(s) => {
                super::no_context(&s, Span::default()).frame(None, || "while evaluating an attribute name".into())?;
                Ok(NameRef::Str(s))
            }
            v => err(format!("expected a string but found {}", self.show_short(&v)))
                .frame(None, || "while evaluating an attribute name".into()),
        }
    }

    #[inline(never)]
    pub(super) fn eval_select(
        &mut self,
        inner: &Expr,
        path: &[AttrName],
        default: Option<&Expr>,
        sp: Span,
        env: &Env,
    ) -> R<Value> {
        let mut v = self.eval(inner, env)?;
        for (i, n) in path.iter().enumerate() {
            let name = self.attr_name(n, env).at(sp)?;
            match &v {
                Value::Attrs(a) => match name.find_in(a) {
                    Some(idx) => {
                        let (x, def) = (a.entries[idx].1.clone(), a.entries[idx].2);
                        if !matches!(x, Value::Thunk(_)) {
                            v = x;
                            continue;
                        }
                        let last = i + 1 == path.len();
                        v = match self.force(x) {
                            Ok(v) => v,
                            Err(e) => return Err(self.select_failed(e, def, &name, last.then_some((sp, path, env)))),
                        };
                    }
                    None => {
                        if let Some(d) = default {
                            return self.eval(d, env);
                        }
                        return Err(self.attr_missing(a, &name, sp, path, env));
                    }
                },
                _ => {
                    if let Some(d) = default {
                        return self.eval(d, env);
                    }
                    return Err(self.select_from_non_set(&v, &name, sp));
                }
            }
        }
        Ok(v)
    }

    /// The frames of an error raised while forcing an attribute's value.
    /// Error paths are kept out of line: inlined, they made the frame of
    /// every selection several hundred bytes bigger.
    #[cold]
    #[inline(never)]
    fn select_failed(
        &self,
        mut e: Box<Error>,
        def: Span,
        name: &NameRef,
        last: Option<(Span, &[AttrName], &Env)>,
    ) -> Box<Error> {
        if def != Span::default() {
            e.frames.push((Some(def), format!("from the definition of '{name}'")));
        }
        if let Some((sp, path, env)) = last {
            e.frames.push((Some(sp), format!("while evaluating the attribute '{}'", path_str(self, path, env))));
        }
        e
    }

    /// `attribute 'name' missing`, with a suggestion.
    #[cold]
    #[inline(never)]
    fn attr_missing(&self, a: &Attrs, name: &NameRef, sp: Span, path: &[AttrName], env: &Env) -> Box<Error> {
        let hint = did_you_mean(a, name.as_str());
        let mut e = error(ErrKind::Eval, Some(sp), format!("attribute '{name}' missing"));
        e.hint = hint;
        e.frames.push((Some(sp), format!("while evaluating the attribute '{}'", path_str(self, path, env))));
        e
    }

    /// Selecting from something that is not a set.
    #[cold]
    #[inline(never)]
    fn select_from_non_set(&self, v: &Value, name: &NameRef, sp: Span) -> Box<Error> {
        let mut e = error(ErrKind::Eval, Some(sp), format!("expected a set but found {}", self.show_short(v)));
        e.frames.push((Some(sp), format!("while evaluating the attribute '{name}'")));
        e
    }

    #[inline(never)]
    pub(super) fn eval_has_attr(&mut self, inner: &Expr, path: &[AttrName], env: &Env) -> R<Value> {
        let mut v = self.eval(inner, env)?;
        for (i, n) in path.iter().enumerate() {
            let name = self.attr_name(n, env)?;
            match &v {
                Value::Attrs(a) => match name.find_in(a).map(|k| &a.entries[k].1) {
                    Some(x) => {
                        if i + 1 == path.len() {
                            return Ok(Value::Bool(true));
                        }
                        let x = x.clone();
                        v = self.force(x)?;
                    }
                    None => return Ok(Value::Bool(false)),
                },
                _ => return Ok(Value::Bool(false)),
            }
        }
        Ok(Value::Bool(true))
    }
}

/// An attribute name without allocating a new symbol.
pub enum NameRef<'e> {
    /// A static name (borrowed from the expression) and its hint.
    Sym(&'e Sym, &'e Hint),
    /// A computed string.
    Str(Rc<NixStr>),
}

impl NameRef<'_> {
    /// The index of this name in `attrs`.
    #[inline]
    pub fn find_in(&self, attrs: &Attrs) -> Option<usize> {
        match self {
            NameRef::Sym(s, hint) => attrs.find_hinted(s, hint),
            NameRef::Str(s) => attrs.find(&s.s),
        }
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        match self {
            NameRef::Sym(s, _) => s.as_str(),
            NameRef::Str(s) => &s.s,
        }
    }
}

impl std::fmt::Display for NameRef<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

fn path_str(_it: &Interp, path: &[AttrName], _env: &Env) -> String {
    path.iter()
        .map(|n| match n {
            AttrName::Static(s, _) => crate::print::attr_name(s.as_str()),
            AttrName::Dynamic(_) => "\"${…}\"".to_string(),
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// `Did you mean …?` suggestions (names within edit distance 2).
pub fn did_you_mean(a: &Attrs, name: &str) -> Option<String> {
    let mut c: Vec<&str> = a.entries.iter().map(|e| e.0.as_str()).filter(|n| levenshtein(n, name) <= 2).collect();
    nixpen_store::sort::sort(&mut c);
    c.truncate(10);
    match c.len() {
        0 => None,
        1 => Some(format!("Did you mean {}?", c[0])),
        _ => {
            let last = c.pop().unwrap();
            Some(format!("Did you mean one of {} or {}?", c.join(", "), last))
        }
    }
}

fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > 2 {
        return 3;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = if a[i - 1] == b[j - 1] { 0 } else { 1 };
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        prev = cur;
    }
    prev[b.len()]
}
