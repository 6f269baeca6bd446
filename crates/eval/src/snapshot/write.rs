//! Making a snapshot (in a build script): each file is lowered as the
//! evaluator lowers it when it imports it, and the trees are encoded with
//! every string and name going through one table.

use std::collections::HashMap;
use std::rc::Rc;

use super::codec::{bin_op_code, path_kind_code, put_i, put_str, put_u, tag, FORMAT, MAGIC};
use crate::expr::*;
use crate::parse::{file_dir, parse_and_lower};
use crate::source::SourceFile;
use crate::symbol::Sym;

/// The file id spans get while lowering for a snapshot. Only byte offsets
/// are stored (the reader puts the run time's id back), so every span must
/// carry this id: a span of another file would be misplaced.
const FILE: u32 = u32::MAX;

/// Lowers every file of `files` (path relative to `mount`, contents) as the
/// evaluator lowers `MOUNT/PATH` on `import`, and encodes the trees, their
/// parse warnings and a string table into one snapshot for
/// [`Snapshot::open`](super::Snapshot::open). Files that are not UTF-8 are
/// left out (the evaluator parses them); a file that does not parse or
/// lower is an error naming it, its line and column.
pub fn write(mount: &str, files: &[(&str, &[u8])]) -> Result<Vec<u8>, String> {
    let mut enc = Encoder::default();
    let mut entries = Vec::new();
    for (rel, bytes) in files {
        let Ok(text) = std::str::from_utf8(bytes) else { continue };
        let path = format!("{mount}/{rel}");
        let place = |off: u32| {
            let (line, col) = SourceFile::new(&path, Rc::from(text)).line_col(off);
            format!("{path}:{line}:{col}")
        };
        let (root, warnings) =
            parse_and_lower(text, FILE, &file_dir(&path, "/"), false, crate::lints::Lints::default())
                .map_err(|f| format!("{}: {}", place(f.off), f.msg))?;
        enc.out.clear();
        enc.expr(&root);
        if let Some(sp) = enc.foreign {
            return Err(format!("{}: a span of file {} in the tree of this file", place(sp.off), sp.file));
        }
        let warnings = warnings.iter().map(|(off, text)| (*off, enc.string(text))).collect();
        entries.push(Stored { rel, len: text.len(), warnings, tree: std::mem::take(&mut enc.out) });
    }
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT.to_le_bytes());
    out.extend_from_slice(&super::codec::globals_id().to_le_bytes());
    put_str(&mut out, mount);
    put_u(&mut out, enc.table.len() as u64);
    for s in &enc.table {
        put_str(&mut out, s);
    }
    put_u(&mut out, entries.len() as u64);
    for Stored { rel, len, warnings, tree } in entries {
        put_str(&mut out, rel);
        put_u(&mut out, len as u64);
        put_u(&mut out, warnings.len() as u64);
        for (off, text) in warnings {
            put_u(&mut out, u64::from(off));
            put_u(&mut out, u64::from(text));
        }
        put_u(&mut out, tree.len() as u64);
        out.extend_from_slice(&tree);
    }
    Ok(out)
}

/// One file as stored, made before the string table is complete.
struct Stored<'a> {
    /// The path relative to the mount.
    rel: &'a str,
    /// The length of the text.
    len: usize,
    /// Parse warnings: byte offset and string number.
    warnings: Vec<(u32, u32)>,
    /// The encoded tree.
    tree: Vec<u8>,
}

/// Encodes trees into `out`; strings are numbered in `table`.
#[derive(Default)]
struct Encoder {
    out: Vec<u8>,
    numbers: HashMap<Rc<str>, u32>,
    table: Vec<Rc<str>>,
    /// The first span seen whose file is not [`FILE`].
    foreign: Option<Span>,
}

impl Encoder {
    /// The table number of `s` (added if new).
    fn string(&mut self, s: &str) -> u32 {
        if let Some(&n) = self.numbers.get(s) {
            return n;
        }
        let n = self.table.len() as u32;
        let s: Rc<str> = Rc::from(s);
        self.table.push(s.clone());
        self.numbers.insert(s, n);
        n
    }

    fn str(&mut self, s: &str) {
        let n = self.string(s);
        put_u(&mut self.out, u64::from(n));
    }

    fn sym(&mut self, s: &Sym) {
        self.str(s.as_str());
    }

    /// `None` as 0, a name as its table number plus one.
    fn opt_sym(&mut self, s: &Option<Sym>) {
        match s {
            None => put_u(&mut self.out, 0),
            Some(s) => {
                let n = self.string(s.as_str());
                put_u(&mut self.out, u64::from(n) + 1);
            }
        }
    }

    fn u(&mut self, v: u32) {
        put_u(&mut self.out, u64::from(v));
    }

    fn flag(&mut self, b: bool) {
        self.out.push(u8::from(b));
    }

    fn span(&mut self, sp: Span) {
        if sp.file != FILE && self.foreign.is_none() {
            self.foreign = Some(sp);
        }
        self.u(sp.off);
    }

    fn opt_expr(&mut self, e: Option<&Expr>) {
        match e {
            None => self.flag(false),
            Some(e) => {
                self.flag(true);
                self.expr(e);
            }
        }
    }

    fn exprs(&mut self, es: &[Rc<Expr>]) {
        self.u(es.len() as u32);
        for e in es {
            self.expr(e);
        }
    }

    fn parts(&mut self, parts: &[StrPart]) {
        self.u(parts.len() as u32);
        for p in parts {
            match p {
                StrPart::Lit(s) => {
                    self.flag(false);
                    self.str(s);
                }
                StrPart::Interp(e, sp) => {
                    self.flag(true);
                    self.expr(e);
                    self.span(*sp);
                }
            }
        }
    }

    fn attr_path(&mut self, path: &[AttrName]) {
        self.u(path.len() as u32);
        for a in path {
            match a {
                AttrName::Static(s, _) => {
                    self.flag(false);
                    self.sym(s);
                }
                AttrName::Dynamic(e) => {
                    self.flag(true);
                    self.expr(e);
                }
            }
        }
    }

    fn attrs(&mut self, def: &AttrsDef) {
        let AttrsDef { rec, needs_env, statics, froms, dynamics } = def;
        self.out.push(u8::from(*rec) | u8::from(*needs_env) << 1);
        self.u(statics.len() as u32);
        for Binding { name, value, span } in statics {
            self.sym(name);
            self.span(*span);
            match value {
                BindingValue::Expr(e) => {
                    self.out.push(0);
                    self.expr(e);
                }
                BindingValue::Inherit(e) => {
                    self.out.push(1);
                    self.expr(e);
                }
                BindingValue::InheritFrom { slot, name } => {
                    self.out.push(2);
                    self.u(*slot);
                    self.sym(name);
                }
            }
        }
        self.exprs(froms);
        self.u(dynamics.len() as u32);
        for (key, value, sp) in dynamics {
            self.expr(key);
            self.expr(value);
            self.span(*sp);
        }
    }

    fn lambda(&mut self, def: &LambdaDef) {
        let LambdaDef { param, body, name, span, slots } = def;
        match param {
            Param::Ident(s) => {
                self.flag(false);
                self.sym(s);
            }
            Param::Formals { formals, ellipsis, at, .. } => {
                self.flag(true);
                self.u(formals.len() as u32);
                for (s, default, sp) in formals {
                    self.sym(s);
                    self.opt_expr(default.as_deref());
                    self.span(*sp);
                }
                self.flag(*ellipsis);
                self.opt_sym(at);
            }
        }
        self.expr(body);
        self.opt_sym(name);
        self.span(*span);
        self.u(*slots);
    }

    /// Encodes `e`: its tag, then its fields in declaration order.
    fn expr(&mut self, e: &Expr) {
        match e {
            Expr::Int(i) => {
                self.out.push(tag::INT);
                put_i(&mut self.out, *i);
            }
            Expr::Float(f) => {
                self.out.push(tag::FLOAT);
                self.out.extend_from_slice(&f.to_bits().to_le_bytes());
            }
            Expr::Str(s) => {
                self.out.push(tag::STR);
                self.str(&s.s);
            }
            Expr::Interp(parts, sp) => {
                self.out.push(tag::INTERP);
                self.parts(parts);
                self.span(*sp);
            }
            Expr::Path(kind, parts, sp) => {
                self.out.push(tag::PATH);
                self.out.push(path_kind_code(*kind));
                self.parts(parts);
                self.span(*sp);
            }
            Expr::SearchPath(s, sp) => {
                self.out.push(tag::SEARCH_PATH);
                self.str(s);
                self.span(*sp);
            }
            Expr::Var(depth, slot, sp, name) => {
                self.out.push(tag::VAR);
                self.u(*depth);
                self.u(*slot);
                self.span(*sp);
                self.sym(name);
            }
            Expr::Global(g, sp) => {
                self.out.push(tag::GLOBAL);
                self.u(*g);
                self.span(*sp);
            }
            Expr::WithVar(name, global, sp) => {
                self.out.push(tag::WITH_VAR);
                self.sym(name);
                put_u(&mut self.out, global.map_or(0, |g| u64::from(g) + 1));
                self.span(*sp);
            }
            Expr::Attrs(def, sp) => {
                self.out.push(tag::ATTRS);
                self.attrs(def);
                self.span(*sp);
            }
            Expr::Let(def, body) => {
                self.out.push(tag::LET);
                self.attrs(def);
                self.expr(body);
            }
            Expr::List(items) => {
                self.out.push(tag::LIST);
                self.exprs(items);
            }
            Expr::Select(e, path, default, sp) => {
                self.out.push(tag::SELECT);
                self.expr(e);
                self.attr_path(path);
                self.opt_expr(default.as_deref());
                self.span(*sp);
            }
            Expr::HasAttr(e, path, sp) => {
                self.out.push(tag::HAS_ATTR);
                self.expr(e);
                self.attr_path(path);
                self.span(*sp);
            }
            Expr::Apply(f, args, sp) => {
                self.out.push(tag::APPLY);
                self.expr(f);
                self.exprs(args);
                self.span(*sp);
            }
            Expr::Lambda(def) => {
                self.out.push(tag::LAMBDA);
                self.lambda(def);
            }
            Expr::If(c, a, b, sp) => {
                self.out.push(tag::IF);
                self.expr(c);
                self.expr(a);
                self.expr(b);
                self.span(*sp);
            }
            Expr::Assert(c, body, sp) => {
                self.out.push(tag::ASSERT);
                self.expr(c);
                self.expr(body);
                self.span(*sp);
            }
            Expr::With(ns, body, sp) => {
                self.out.push(tag::WITH);
                self.expr(ns);
                self.expr(body);
                self.span(*sp);
            }
            Expr::Bin(op, l, r, sp) => {
                self.out.push(tag::BIN);
                self.out.push(bin_op_code(*op));
                self.expr(l);
                self.expr(r);
                self.span(*sp);
            }
            Expr::Not(e, sp) => {
                self.out.push(tag::NOT);
                self.expr(e);
                self.span(*sp);
            }
            Expr::Neg(e, sp) => {
                self.out.push(tag::NEG);
                self.expr(e);
                self.span(*sp);
            }
            Expr::CurPos(sp) => {
                self.out.push(tag::CUR_POS);
                self.span(*sp);
            }
        }
    }
}
