//! Lowering attribute sets and `let`: nested paths merged, inherits resolved.

use std::rc::Rc;

use rnix::ast::{self, HasEntry};
use rowan::ast::AstNode;

use super::scope::{Scope, ScopeKind};
use super::{LResult, LowerError, Lowerer};
use crate::expr::*;
use crate::symbol::Sym;

/// A binding before lowering.
enum PVal {
    Ast(ast::Expr),
    Nested(PAttrs),
    Inherit(Span),
    InheritFrom(u32),
    /// `inherit (e) x` inside a set merged into a path (`e.x`).
    InheritSelect(ast::Expr, Span),
}

#[derive(Default)]
struct PAttrs {
    statics: Vec<(Sym, PVal, Span)>,
    dynamics: Vec<(ast::Attr, PVal, Span)>,
    /// Merged from a `rec { … }` literal: bindings see each other.
    rec: bool,
}

fn path_text(path: &[String]) -> String {
    path.join(".")
}

/// `attribute 'a.b' already defined at …`: `path` defined at `sp` again,
/// first defined at `prev`.
fn duplicate(path: &[String], sp: Span, prev: Span) -> LowerError {
    LowerError { msg: format!("attribute '{}' already defined", path_text(path)), span: sp, prev: Some(prev) }
}

impl<'a> Lowerer<'a> {
    fn static_name(&mut self, a: &ast::Attr) -> LResult<Option<Sym>> {
        Ok(match self.lower_attr(a)? {
            AttrName::Static(s, _) => Some(s),
            AttrName::Dynamic(_) => None,
        })
    }

    /// `prefix` followed by the names of `rest`, for messages.
    fn full_path(&mut self, mut prefix: Vec<String>, rest: &[ast::Attr]) -> LResult<Vec<String>> {
        for a in rest {
            prefix.push(match self.static_name(a)? {
                Some(name) => name.to_string(),
                None => "\"${…}\"".into(),
            });
        }
        Ok(prefix)
    }

    fn collect_entries(
        &mut self,
        node: &impl HasEntry,
        into: &mut PAttrs,
        froms: &mut Vec<ast::Expr>,
        prefix: &[String],
        allow_from: bool,
    ) -> LResult<()> {
        for entry in node.entries() {
            match entry {
                ast::Entry::Inherit(inh) => {
                    let mut select_from = None;
                    let from = match inh.from() {
                        Some(f) => {
                            let Some(e) = f.expr() else { return self.err(inh.syntax(), "syntax error".into()) };
                            if !allow_from {
                                select_from = Some(e);
                                None
                            } else {
                                froms.push(e);
                                Some(froms.len() as u32 - 1)
                            }
                        }
                        None => None,
                    };
                    for a in inh.attrs() {
                        let sp = self.span(a.syntax());
                        let Some(name) = self.static_name(&a)? else {
                            return self.err(a.syntax(), "dynamic attributes not allowed in inherit".into());
                        };
                        if let Some(prev) = into.statics.iter().find(|s| s.0 == name) {
                            let mut p = prefix.to_vec();
                            p.push(name.to_string());
                            return Err(duplicate(&p, sp, prev.2));
                        }
                        let v = match (&select_from, from) {
                            (Some(e), _) => PVal::InheritSelect(e.clone(), sp),
                            (None, Some(i)) => PVal::InheritFrom(i),
                            (None, None) => PVal::Inherit(sp),
                        };
                        into.statics.push((name, v, sp));
                    }
                }
                ast::Entry::AttrpathValue(av) => {
                    let Some(path) = av.attrpath() else { return self.err(av.syntax(), "syntax error".into()) };
                    let Some(value) = av.value() else { return self.err(av.syntax(), "syntax error".into()) };
                    let attrs: Vec<ast::Attr> = path.attrs().collect();
                    self.insert_path(into, &attrs, value, prefix.to_vec(), None)?;
                }
            }
        }
        Ok(())
    }

    fn insert_path(
        &mut self,
        into: &mut PAttrs,
        attrs: &[ast::Attr],
        value: ast::Expr,
        mut prefix: Vec<String>,
        path_sp: Option<Span>,
    ) -> LResult<()> {
        let a = &attrs[0];
        // Attributes of a path `a.b.c` are all positioned at its start (as in Nix).
        let sp = path_sp.unwrap_or_else(|| self.span(a.syntax()));
        let path_sp = Some(sp);
        let last = attrs.len() == 1;
        match self.static_name(a)? {
            Some(name) => {
                prefix.push(name.to_string());
                let pos = into.statics.iter().position(|s| s.0 == name);
                match pos {
                    None => {
                        if last {
                            into.statics.push((name, PVal::Ast(value), sp));
                        } else {
                            let mut nested = PAttrs::default();
                            self.insert_path(&mut nested, &attrs[1..], value, prefix, path_sp)?;
                            into.statics.push((name, PVal::Nested(nested), sp));
                        }
                    }
                    Some(i) => {
                        // Merge into an existing nested set or attribute set literal.
                        let existing = &mut into.statics[i].1;
                        if let PVal::Ast(ast::Expr::AttrSet(set)) = existing {
                            let set = set.clone();
                            let mut nested = PAttrs { rec: set.rec_token().is_some(), ..PAttrs::default() };
                            let mut froms = Vec::new();
                            self.collect_entries(&set, &mut nested, &mut froms, &prefix, false)?;
                            into.statics[i].1 = PVal::Nested(nested);
                        }
                        let existing = &mut into.statics[i].1;
                        match existing {
                            PVal::Nested(nested) => {
                                if last {
                                    match value {
                                        ast::Expr::AttrSet(set) => {
                                            let mut froms = Vec::new();
                                            let mut tmp = std::mem::take(nested);
                                            tmp.rec |= set.rec_token().is_some();
                                            let r = self.collect_entries(&set, &mut tmp, &mut froms, &prefix, false);
                                            if let PVal::Nested(n) = &mut into.statics[i].1 {
                                                *n = tmp;
                                            }
                                            r?;
                                        }
                                        _ => return Err(duplicate(&prefix, sp, into.statics[i].2)),
                                    }
                                } else {
                                    let mut tmp = std::mem::take(nested);
                                    let r = self.insert_path(&mut tmp, &attrs[1..], value, prefix, path_sp);
                                    if let PVal::Nested(n) = &mut into.statics[i].1 {
                                        *n = tmp;
                                    }
                                    r?;
                                }
                            }
                            _ => {
                                let full = self.full_path(prefix, &attrs[1..])?;
                                return Err(duplicate(&full, sp, into.statics[i].2));
                            }
                        }
                    }
                }
            }
            None => {
                prefix.push("\"${…}\"".into());
                if last {
                    into.dynamics.push((a.clone(), PVal::Ast(value), sp));
                } else {
                    let mut nested = PAttrs::default();
                    self.insert_path(&mut nested, &attrs[1..], value, prefix, path_sp)?;
                    into.dynamics.push((a.clone(), PVal::Nested(nested), sp));
                }
            }
        }
        Ok(())
    }

    /// Lowers an attribute set or `let` bindings. For `let` (`is_let`) the
    /// caller lowers the body with the statics in scope.
    pub(super) fn lower_attrs(&mut self, node: &impl HasEntry, rec: bool, is_let: bool) -> LResult<AttrsDef> {
        let mut p = PAttrs::default();
        let mut froms = Vec::new();
        self.collect_entries(node, &mut p, &mut froms, &[], true)?;
        nixpen_store::sort::sort_by(&mut p.statics, |a, b| a.0.cmp(&b.0));
        if is_let {
            if let Some(d) = p.dynamics.first() {
                return Err(LowerError::new("dynamic attributes not allowed in let".into(), d.2));
            }
        }
        let needs_env = rec || !froms.is_empty();
        let nstatic = p.statics.len() as u32;
        if needs_env {
            let mut names: Vec<Sym> = if rec { p.statics.iter().map(|s| s.0).collect() } else { Vec::new() };
            for _ in 0..froms.len() {
                names.push(Sym::new("\u{0}from"));
            }
            self.scopes.push(Scope::new(ScopeKind::Env, names));
        }
        let from_base = if rec { nstatic } else { 0 };
        let r = self.finish_attrs(p, froms, rec, needs_env, from_base);
        if needs_env {
            self.scopes.pop();
        }
        r
    }

    fn finish_attrs(
        &mut self,
        mut p: PAttrs,
        froms: Vec<ast::Expr>,
        rec: bool,
        needs_env: bool,
        from_base: u32,
    ) -> LResult<AttrsDef> {
        nixpen_store::sort::sort_by(&mut p.statics, |a, b| a.0.cmp(&b.0));
        let mut from_exprs = Vec::new();
        for f in &froms {
            from_exprs.push(Rc::new(self.lower(f)?));
        }
        let mut statics = Vec::new();
        for (name, v, sp) in p.statics {
            let value = match v {
                PVal::Inherit(isp) => {
                    BindingValue::Inherit(Rc::new(self.resolve(name.as_str(), isp, if needs_env { 1 } else { 0 })?))
                }
                PVal::InheritFrom(i) => BindingValue::InheritFrom { slot: from_base + i, name },
                PVal::InheritSelect(e, isp) => {
                    let from = self.lower(&e)?;
                    BindingValue::Expr(Rc::new(Expr::Select(
                        Box::new(from),
                        vec![AttrName::Static(name, Hint::default())],
                        None,
                        isp,
                    )))
                }
                v => BindingValue::Expr(Rc::new(self.lower_pval(v, Some(name))?)),
            };
            statics.push(Binding { name, value, span: sp });
        }
        let mut dynamics = Vec::new();
        for (a, v, sp) in p.dynamics {
            let key = match self.lower_attr(&a)? {
                AttrName::Dynamic(e) => e,
                AttrName::Static(s, _) => Expr::str_lit(Rc::from(s.as_str())),
            };
            let value = Rc::new(self.lower_pval(v, None)?);
            dynamics.push((key, value, sp));
        }
        Ok(AttrsDef { rec, needs_env, statics, froms: from_exprs, dynamics })
    }

    fn lower_pval(&mut self, v: PVal, name: Option<Sym>) -> LResult<Expr> {
        match v {
            PVal::Ast(ast::Expr::Lambda(l)) => Ok(Expr::Lambda(Rc::new(self.lower_lambda(&l, name)?))),
            PVal::Ast(e) => self.lower(&e),
            PVal::Nested(mut p) => {
                let sp = p
                    .statics
                    .first()
                    .map(|s| s.2)
                    .or(p.dynamics.first().map(|d| d.2))
                    .unwrap_or_else(|| self.span_at(0));
                if p.rec {
                    nixpen_store::sort::sort_by(&mut p.statics, |a, b| a.0.cmp(&b.0));
                    let names = p.statics.iter().map(|s| s.0).collect();
                    self.scopes.push(Scope::new(ScopeKind::Env, names));
                    let r = self.finish_attrs(p, Vec::new(), true, true, 0);
                    self.scopes.pop();
                    return Ok(Expr::Attrs(Box::new(r?), sp));
                }
                Ok(Expr::Attrs(Box::new(self.finish_attrs(p, Vec::new(), false, false, 0)?), sp))
            }
            PVal::Inherit(_) | PVal::InheritFrom(_) | PVal::InheritSelect(..) => unreachable!(),
        }
    }
}
