//! Lowering: rnix syntax tree → [`Expr`](crate::expr::Expr) with resolved scopes.

mod attrs;
mod cursed_or;
mod indented;
mod lints;
mod scope;

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use rnix::ast::{self, AstToken, InterpolPart};
use rowan::ast::AstNode;

use crate::expr::*;
use crate::symbol::{NameHash, Sym};
use scope::{Scope, ScopeKind};

/// A lowering error (undefined variable, duplicate attribute, …).
#[derive(Debug)]
pub struct LowerError {
    /// The message.
    pub msg: String,
    /// Where.
    pub span: Span,
    /// For a duplicate attribute: where it was first defined (the message
    /// then ends with ` at FILE:LINE:COLUMN` of that place, as Nix's does).
    pub prev: Option<Span>,
}

impl LowerError {
    /// An error at `span`.
    pub fn new(msg: String, span: Span) -> LowerError {
        LowerError { msg, span, prev: None }
    }
}

type LResult<T> = Result<T, LowerError>;

/// Lowers one parsed file.
pub struct Lowerer<'a> {
    file: u32,
    /// Directory of the file, for relative paths.
    dir: String,
    globals: &'a HashMap<&'static str, u32>,
    scopes: Vec<Scope>,
    names: HashSet<Sym, NameHash>,
    /// `scopedImport`: unbound names (globals included) are looked up in the root `with` first.
    scoped: bool,
    /// The `lint-*` settings (`lints.rs`).
    lints: crate::lints::Lints,
    /// Parse-time warnings: byte offset and text (a text starting with
    /// [`crate::parse::FRAMED`] is shown with the code, as Nix's
    /// `logWarning` shows a lint's).
    pub warnings: Vec<(u32, String)>,
}

impl<'a> Lowerer<'a> {
    /// A lowerer for file `file` in directory `dir`.
    pub fn new(file: u32, dir: &str, globals: &'a HashMap<&'static str, u32>) -> Lowerer<'a> {
        Lowerer {
            file,
            dir: dir.to_string(),
            globals,
            scopes: Vec::new(),
            names: HashSet::default(),
            scoped: false,
            lints: crate::lints::Lints::default(),
            warnings: Vec::new(),
        }
    }

    /// Lowers for `scopedImport` (see the `scoped` field).
    pub fn set_scoped(&mut self, scoped: bool) {
        self.scoped = scoped;
    }

    /// Sets the `lint-*` settings applied to literals.
    pub fn set_lints(&mut self, lints: crate::lints::Lints) {
        self.lints = lints;
    }

    /// Lowers a root expression in the global scope.
    pub fn lower_root(&mut self, root: &ast::Root) -> LResult<Expr> {
        match root.expr() {
            Some(e) => self.lower(&e),
            None => Err(LowerError::new("syntax error, unexpected end of file".into(), self.span_at(0))),
        }
    }

    /// The symbol for the name `s`: from the file's own table when the
    /// file named it before (no lock taken), else interned.
    pub fn sym(&mut self, s: &str) -> Sym {
        if let Some(x) = self.names.get(s) {
            return *x;
        }
        let x = Sym::new(s);
        self.names.insert(x);
        x
    }

    fn span_at(&self, off: u32) -> Span {
        Span { file: self.file, off }
    }

    fn span(&self, node: &rnix::SyntaxNode) -> Span {
        self.span_at(u32::from(node.text_range().start()))
    }

    fn err<T>(&self, node: &rnix::SyntaxNode, msg: String) -> LResult<T> {
        Err(LowerError::new(msg, self.span(node)))
    }

    fn ident_text(&self, id: &ast::Ident) -> String {
        // The identifier token's text directly: `SyntaxText` walks the tree.
        match id.ident_token() {
            Some(t) if t.text_range() == id.syntax().text_range() => t.text().to_string(),
            _ => id.syntax().text().to_string(),
        }
    }

    /// Lowers an expression in the current scope.
    pub fn lower(&mut self, e: &ast::Expr) -> LResult<Expr> {
        use ast::Expr as E;
        let node = e.syntax();
        let sp = self.span(node);
        Ok(match e {
            E::Paren(p) => return self.lower_opt(p.expr(), node),
            E::Root(r) => return self.lower_opt(r.expr(), node),
            E::Error(_) => return self.err(node, "syntax error".into()),
            E::Literal(l) => match l.kind() {
                ast::LiteralKind::Integer(i) => match i.value() {
                    Ok(v) => Expr::Int(v),
                    Err(_) => return self.err(node, format!("invalid integer '{}'", i.syntax().text())),
                },
                ast::LiteralKind::Float(f) => Expr::Float(crate::float::parse_f64(f.syntax().text()).unwrap_or(0.0)),
                ast::LiteralKind::Uri(u) => {
                    self.lint_url(u.syntax().text(), sp)?;
                    Expr::str_lit(Rc::from(u.syntax().text()))
                }
            },
            E::Ident(id) => {
                let name = self.ident_text(id);
                self.resolve(&name, sp, 0)?
            }
            E::Str(s) => self.lower_str(s)?,
            E::PathAbs(_) | E::PathRel(_) | E::PathHome(_) | E::PathSearch(_) => self.lower_path(e)?,
            E::List(l) => {
                let mut items = Vec::new();
                for it in l.items() {
                    items.push(Rc::new(self.lower(&it)?));
                }
                Expr::List(items)
            }
            E::AttrSet(a) => {
                let rec = a.rec_token().is_some();
                let def = self.lower_attrs(a, rec, false)?;
                Expr::Attrs(Box::new(def), sp)
            }
            E::LetIn(l) => {
                let def = self.lower_attrs(l, true, true).map_err(|mut e| {
                    if e.msg.starts_with("dynamic attributes not allowed in let") {
                        e.span = sp;
                    }
                    e
                })?;
                let body = match l.body() {
                    Some(b) => {
                        self.scopes.push(Scope::new(ScopeKind::Env, def.statics.iter().map(|b| b.name).collect()));
                        let r = self.lower(&b);
                        self.scopes.pop();
                        r?
                    }
                    None => return self.err(node, "syntax error, unexpected end of file".into()),
                };
                Expr::Let(Box::new(def), Box::new(body))
            }
            E::LegacyLet(l) => {
                // `let { body = …; }` ≡ `(rec { … }).body`
                let def = self.lower_attrs(l, true, false)?;
                let body = self.sym("body");
                Expr::Select(
                    Box::new(Expr::Attrs(Box::new(def), sp)),
                    vec![AttrName::Static(body, Hint::default())],
                    None,
                    sp,
                )
            }
            E::Select(s) => {
                let inner = self.lower_opt(s.expr(), node)?;
                let path = self.lower_attrpath(s.attrpath(), node)?;
                let default = match s.default_expr() {
                    Some(d) => Some(Box::new(self.lower(&d)?)),
                    None => None,
                };
                Expr::Select(Box::new(inner), path, default, sp)
            }
            E::HasAttr(h) => {
                let inner = self.lower_opt(h.expr(), node)?;
                let path = self.lower_attrpath(h.attrpath(), node)?;
                Expr::HasAttr(Box::new(inner), path, sp)
            }
            E::Apply(a) => {
                self.check_cursed_or(a);
                let f = self.lower_opt(a.lambda(), node)?;
                let arg = Rc::new(self.lower_opt(a.argument(), node)?);
                match f {
                    Expr::Apply(f0, mut args, s0) => {
                        args.push(arg);
                        Expr::Apply(f0, args, s0)
                    }
                    f => Expr::Apply(Box::new(f), vec![arg], sp),
                }
            }
            E::Lambda(l) => Expr::Lambda(Rc::new(self.lower_lambda(l, None)?)),
            E::IfElse(i) => Expr::If(
                Box::new(self.lower_opt(i.condition(), node)?),
                Box::new(self.lower_opt(i.body(), node)?),
                Box::new(self.lower_opt(i.else_body(), node)?),
                sp,
            ),
            E::Assert(a) => Expr::Assert(
                Box::new(self.lower_opt(a.condition(), node)?),
                Box::new(self.lower_opt(a.body(), node)?),
                sp,
            ),
            E::With(w) => {
                let ns = Rc::new(self.lower_opt(w.namespace(), node)?);
                self.scopes.push(Scope::new(ScopeKind::With, Vec::new()));
                let body = self.lower_opt(w.body(), node);
                self.scopes.pop();
                Expr::With(ns, Box::new(body?), sp)
            }
            E::BinOp(b) => {
                let op = match b.operator() {
                    Some(op) => op,
                    None => return self.err(node, "syntax error".into()),
                };
                let l = self.lower_opt(b.lhs(), node)?;
                let r = self.lower_opt(b.rhs(), node)?;
                use ast::BinOpKind as K;
                let op = match op {
                    K::Concat => BinOp::Concat,
                    K::Update => BinOp::Update,
                    K::Add => BinOp::Add,
                    K::Sub => BinOp::Sub,
                    K::Mul => BinOp::Mul,
                    K::Div => BinOp::Div,
                    K::And => BinOp::And,
                    K::Equal => BinOp::Eq,
                    K::Implication => BinOp::Impl,
                    K::Less => BinOp::Lt,
                    K::LessOrEq => BinOp::Le,
                    K::More => BinOp::Gt,
                    K::MoreOrEq => BinOp::Ge,
                    K::NotEqual => BinOp::Neq,
                    K::Or => BinOp::Or,
                    K::PipeRight => BinOp::PipeRight,
                    K::PipeLeft => BinOp::PipeLeft,
                };
                // Operators are positioned at the operator token in Nix; use the lhs start otherwise.
                let opsp = b
                    .syntax()
                    .children_with_tokens()
                    .filter_map(|c| c.into_token())
                    .find(|t| ast::BinOpKind::from_kind(t.kind()).is_some())
                    .map(|t| self.span_at(u32::from(t.text_range().start())))
                    .unwrap_or(sp);
                Expr::Bin(op, Box::new(l), Box::new(r), opsp)
            }
            E::UnaryOp(u) => {
                let inner = self.lower_opt(u.expr(), node)?;
                match u.operator() {
                    Some(ast::UnaryOpKind::Invert) => Expr::Not(Box::new(inner), sp),
                    _ => match inner {
                        Expr::Int(i) if false => Expr::Int(-i),
                        inner => Expr::Neg(Box::new(inner), sp),
                    },
                }
            }
            E::CurPos(_) => Expr::CurPos(sp),
        })
    }

    fn lower_opt(&mut self, e: Option<ast::Expr>, parent: &rnix::SyntaxNode) -> LResult<Expr> {
        match e {
            Some(e) => self.lower(&e),
            None => self.err(parent, "syntax error, unexpected end of file".into()),
        }
    }

    /// Resolves a variable name; `skip` innermost scopes are ignored (for `inherit`).
    fn resolve(&mut self, name: &str, sp: Span, skip: usize) -> LResult<Expr> {
        let mut with_seen = false;
        let n = self.scopes.len();
        for (depth, (i, scope)) in self.scopes.iter().enumerate().rev().enumerate() {
            if i + skip < n {
                if scope.kind == ScopeKind::With {
                    with_seen = true;
                } else if let Some(slot) = scope.find(name) {
                    let sym = scope.names[slot as usize];
                    return Ok(Expr::Var(depth as u32, slot, sp, sym));
                }
            }
        }
        let global = self.globals.get(name).copied();
        if self.scoped {
            let s = self.sym(name);
            return Ok(Expr::WithVar(s, global, sp));
        }
        if let Some(g) = global {
            return Ok(Expr::Global(g, sp));
        }
        if with_seen {
            let s = self.sym(name);
            return Ok(Expr::WithVar(s, None, sp));
        }
        match global {
            Some(g) => Ok(Expr::Global(g, sp)),
            None => Err(LowerError::new(format!("undefined variable '{name}'"), sp)),
        }
    }

    fn lower_str(&mut self, s: &ast::Str) -> LResult<Expr> {
        let sp = self.span(s.syntax());
        let mut parts = Vec::new();
        let indented = s.syntax().first_token().is_some_and(|t| t.text() == "''");
        let normalized = if indented { indented::parts(s) } else { s.normalized_parts() };
        for p in normalized {
            match p {
                InterpolPart::Literal(t) => parts.push(StrPart::Lit(Rc::from(t.as_str()))),
                InterpolPart::Interpolation(i) => {
                    let isp = self.span(i.syntax());
                    let e = self.lower_opt(i.expr(), i.syntax())?;
                    parts.push(StrPart::Interp(e, isp));
                }
            }
        }
        Ok(match parts.len() {
            0 => Expr::str_lit(Rc::from("")),
            _ if parts.iter().any(|p| matches!(p, StrPart::Lit(t) if t.contains('\0'))) => {
                return Err(LowerError::new(
                    "input string cannot be represented as Nix string because it contains null bytes".into(),
                    sp,
                ))
            }
            1 if matches!(parts[0], StrPart::Lit(_)) => match parts.pop() {
                Some(StrPart::Lit(t)) => Expr::str_lit(t),
                _ => unreachable!(),
            },
            _ => Expr::Interp(parts, sp),
        })
    }

    fn lower_path(&mut self, e: &ast::Expr) -> LResult<Expr> {
        let node = e.syntax();
        let sp = self.span(node);
        if let ast::Expr::PathSearch(p) = e {
            let text = p.content().map(|c| c.text().to_string()).unwrap_or_default();
            let inner = text.trim_start_matches('<').trim_end_matches('>');
            // `<x>` is `__findFile __nixPath "x"`, both looked up lexically.
            let find = self.resolve("__findFile", sp, 0)?;
            let path = self.resolve("__nixPath", sp, 0)?;
            return Ok(Expr::Apply(Box::new(find), vec![Rc::new(path), Rc::new(Expr::str_lit(Rc::from(inner)))], sp));
        }
        // rnix's `parts` unwraps each child as a path piece or an
        // interpolation; a damaged path node (a fuzzer found one with a
        // newline and `${` after a relative path) is a syntax error here.
        let damaged = node.children_with_tokens().any(|c| match c {
            rowan::NodeOrToken::Token(t) => !matches!(
                t.kind(),
                rnix::SyntaxKind::TOKEN_PATH_ABS | rnix::SyntaxKind::TOKEN_PATH_REL | rnix::SyntaxKind::TOKEN_PATH_HOME
            ),
            rowan::NodeOrToken::Node(n) => ast::Interpol::cast(n).is_none(),
        });
        if damaged {
            return self.err(node, "syntax error".into());
        }
        let parts = match e {
            ast::Expr::PathAbs(p) => p.parts(),
            ast::Expr::PathRel(p) => p.parts(),
            ast::Expr::PathHome(p) => p.parts(),
            _ => unreachable!(),
        };
        let mut out = Vec::new();
        let mut kind = PathKind::Abs;
        for (i, p) in parts.into_iter().enumerate() {
            match p {
                InterpolPart::Literal(c) => {
                    let mut t = c.text().to_string();
                    if i == 0 {
                        self.lint_path(&t, sp)?;
                        if let Some(rest) = t.strip_prefix("~/") {
                            kind = PathKind::Home;
                            t = format!("/{rest}");
                        } else if !t.starts_with('/') {
                            t = if self.dir == "/" { format!("/{t}") } else { format!("{}/{}", self.dir, t) };
                        }
                    }
                    out.push(StrPart::Lit(Rc::from(t.as_str())));
                }
                InterpolPart::Interpolation(ip) => {
                    let isp = self.span(ip.syntax());
                    let e = self.lower_opt(ip.expr(), ip.syntax())?;
                    out.push(StrPart::Interp(e, isp));
                }
            }
        }
        if out.len() == 1 {
            if let StrPart::Lit(t) = &out[0] {
                let c = crate::fs::canon(t);
                out[0] = StrPart::Lit(Rc::from(c.as_str()));
            }
        }
        Ok(Expr::Path(kind, out, sp))
    }

    fn lower_attr(&mut self, a: &ast::Attr) -> LResult<AttrName> {
        match a {
            ast::Attr::Ident(id) => Ok(AttrName::Static(self.sym(&self.ident_text(id)), Hint::default())),
            ast::Attr::Str(s) => match self.lower_str(s)? {
                Expr::Str(t) => Ok(AttrName::Static(self.sym(&t.s), Hint::default())),
                e => Ok(AttrName::Dynamic(e)),
            },
            ast::Attr::Dynamic(d) => {
                let e = self.lower_opt(d.expr(), d.syntax())?;
                match e {
                    Expr::Str(t) => Ok(AttrName::Static(self.sym(&t.s), Hint::default())),
                    e => Ok(AttrName::Dynamic(e)),
                }
            }
        }
    }

    fn lower_attrpath(&mut self, p: Option<ast::Attrpath>, parent: &rnix::SyntaxNode) -> LResult<Vec<AttrName>> {
        let Some(p) = p else { return self.err(parent, "syntax error, unexpected end of file".into()) };
        let mut out = Vec::new();
        for a in p.attrs() {
            out.push(self.lower_attr(&a)?);
        }
        Ok(out)
    }

    fn lower_lambda(&mut self, l: &ast::Lambda, name: Option<Sym>) -> LResult<LambdaDef> {
        let node = l.syntax();
        let sp = self.span(node);
        let Some(param) = l.param() else { return self.err(node, "syntax error".into()) };
        match param {
            ast::Param::IdentParam(ip) => {
                let pname = ip.ident().map(|i| self.ident_text(&i)).unwrap_or_default();
                let s = self.sym(&pname);
                self.scopes.push(Scope::new(ScopeKind::Env, vec![s]));
                let body = self.lower_opt(l.body(), node);
                self.scopes.pop();
                Ok(LambdaDef { param: Param::Ident(s), body: body?, name, span: sp, slots: 1 })
            }
            ast::Param::Pattern(p) => {
                let mut names = Vec::new();
                let mut entries = Vec::new();
                for e in p.pat_entries() {
                    let n = e.ident().map(|i| self.ident_text(&i)).unwrap_or_default();
                    let s = self.sym(&n);
                    if names.contains(&s) {
                        return self.err(e.syntax(), format!("duplicate formal function argument '{n}'"));
                    }
                    names.push(s);
                    entries.push(e);
                }
                let at = p.pat_bind().and_then(|b| b.ident()).map(|i| self.ident_text(&i)).map(|n| self.sym(&n));
                if let Some(a) = &at {
                    if names.contains(a) {
                        return self.err(node, format!("duplicate formal function argument '{a}'"));
                    }
                }
                let mut slot_names = names.clone();
                if let Some(a) = &at {
                    slot_names.push(*a);
                }
                let slots = slot_names.len() as u32;
                self.scopes.push(Scope::new(ScopeKind::Env, slot_names));
                let mut formals = Vec::new();
                let mut res = Ok(());
                for (s, e) in names.iter().zip(&entries) {
                    let esp = self.span(e.syntax());
                    let d = match e.default() {
                        Some(d) => match self.lower(&d) {
                            Ok(x) => Some(Rc::new(x)),
                            Err(err) => {
                                res = Err(err);
                                break;
                            }
                        },
                        None => None,
                    };
                    formals.push((*s, d, esp));
                }
                let body = match res {
                    Ok(()) => self.lower_opt(l.body(), node),
                    Err(e) => Err(e),
                };
                self.scopes.pop();
                let psp = self.span(p.syntax());
                Ok(LambdaDef {
                    param: Param::formals(formals, p.ellipsis_token().is_some(), at),
                    body: body?,
                    name,
                    span: psp,
                    slots,
                })
            }
        }
    }
}
