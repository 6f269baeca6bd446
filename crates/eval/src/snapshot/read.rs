//! Reading one file's tree back from a snapshot, with the run time's file
//! id in every span and the snapshot's strings shared as `Rc<str>`.

use std::rc::Rc;

use super::codec::{bin_op, path_kind, tag, Cursor};
use super::Snapshot;
use crate::expr::*;
use crate::parse::Lowered;
use crate::symbol::Sym;

/// The strings of one snapshot as `Rc<str>`s and as names, each made once,
/// when a tree first needs it, and shared by every tree read afterwards.
/// Kept by the evaluator's cache.
#[derive(Default)]
pub(crate) struct Strings {
    /// Which snapshot the table belongs to: the address and length of its bytes.
    of: (usize, usize),
    table: Vec<Option<Rc<str>>>,
    /// The same strings as names, interned on first use.
    syms: Vec<Option<Sym>>,
}

impl Strings {
    /// The names made so far (to keep while the table is kept).
    pub(crate) fn names(&self) -> impl Iterator<Item = &Sym> {
        self.syms.iter().flatten()
    }

    /// Forgets the table if it belongs to another snapshot than `snap`.
    fn belong_to(&mut self, snap: &Snapshot) {
        let of = (snap.bytes.as_ptr() as usize, snap.bytes.len());
        if self.of != of || self.table.len() != snap.strings.len() {
            self.of = of;
            self.table = vec![None; snap.strings.len()];
            self.syms = vec![None; snap.strings.len()];
        }
    }
}

/// The tree of file `path` lowered for file id `file`, and its parse
/// warnings, if the snapshot holds that file made from exactly `text`.
/// `None` also when the snapshot is damaged: the caller then parses.
pub(crate) fn read(snap: &Snapshot, strings: &mut Strings, path: &str, text: &str, file: u32) -> Option<Lowered> {
    let entry = snap.entry(path, text)?;
    strings.belong_to(snap);
    let mut d = Decoder {
        cur: Cursor::new(snap.bytes.get(entry.tree.clone())?),
        snap,
        table: &mut strings.table,
        syms: &mut strings.syms,
        file,
    };
    let root = d.expr()?;
    if !d.cur.at_end() {
        return None;
    }
    let mut warnings = Vec::with_capacity(entry.warnings.len());
    for &(off, text) in &entry.warnings {
        warnings.push((off, d.string(text as usize)?.to_string()));
    }
    Some((Rc::new(root), warnings))
}

struct Decoder<'a> {
    cur: Cursor<'a>,
    snap: &'a Snapshot,
    table: &'a mut Vec<Option<Rc<str>>>,
    syms: &'a mut Vec<Option<Sym>>,
    file: u32,
}

impl Decoder<'_> {
    /// String number `i` of the table (made on first use).
    fn string(&mut self, i: usize) -> Option<Rc<str>> {
        if let Some(s) = self.table.get(i)? {
            return Some(s.clone());
        }
        let range = self.snap.strings.get(i)?.clone();
        let s: Rc<str> = Rc::from(std::str::from_utf8(self.snap.bytes.get(range)?).ok()?);
        self.table[i] = Some(s.clone());
        Some(s)
    }

    fn str(&mut self) -> Option<Rc<str>> {
        let i = self.cur.len()?;
        self.string(i)
    }

    /// String number `i` of the table as a name.
    fn name(&mut self, i: usize) -> Option<Sym> {
        if let Some(s) = self.syms.get(i)? {
            // The tree being read uses it: kept with the tree.
            crate::symbol::note(*s);
            return Some(*s);
        }
        // The snapshot's names are a fixed vocabulary: made in the process
        // table unless this evaluator has the name already.
        let s = Sym::lasting(&self.string(i)?);
        self.syms[i] = Some(s);
        Some(s)
    }

    fn sym(&mut self) -> Option<Sym> {
        let i = self.cur.len()?;
        self.name(i)
    }

    fn opt_sym(&mut self) -> Option<Option<Sym>> {
        match self.cur.len()? {
            0 => Some(None),
            n => Some(Some(self.name(n - 1)?)),
        }
    }

    fn u(&mut self) -> Option<u32> {
        self.cur.u32()
    }

    fn flag(&mut self) -> Option<bool> {
        match self.cur.byte()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }

    fn span(&mut self) -> Option<Span> {
        Some(Span { file: self.file, off: self.cur.u32()? })
    }

    /// A count of items that each take at least one byte (so a damaged
    /// count cannot reserve more room than the snapshot has bytes).
    fn count(&mut self) -> Option<usize> {
        let n = self.cur.len()?;
        (n <= self.snap.bytes.len()).then_some(n)
    }

    fn boxed(&mut self) -> Option<Box<Expr>> {
        Some(Box::new(self.expr()?))
    }

    fn opt_expr(&mut self) -> Option<Option<Box<Expr>>> {
        Some(if self.flag()? { Some(self.boxed()?) } else { None })
    }

    fn exprs(&mut self) -> Option<Vec<Rc<Expr>>> {
        let n = self.count()?;
        let mut v = Vec::with_capacity(n);
        for _ in 0..n {
            v.push(Rc::new(self.expr()?));
        }
        Some(v)
    }

    fn parts(&mut self) -> Option<Vec<StrPart>> {
        let n = self.count()?;
        let mut v = Vec::with_capacity(n);
        for _ in 0..n {
            v.push(if self.flag()? {
                let e = self.expr()?;
                StrPart::Interp(e, self.span()?)
            } else {
                StrPart::Lit(self.str()?)
            });
        }
        Some(v)
    }

    fn attr_path(&mut self) -> Option<Vec<AttrName>> {
        let n = self.count()?;
        let mut v = Vec::with_capacity(n);
        for _ in 0..n {
            v.push(if self.flag()? {
                AttrName::Dynamic(self.expr()?)
            } else {
                AttrName::Static(self.sym()?, Hint::default())
            });
        }
        Some(v)
    }

    fn attrs(&mut self) -> Option<Box<AttrsDef>> {
        let flags = self.cur.byte()?;
        if flags > 3 {
            return None;
        }
        let n = self.count()?;
        let mut statics = Vec::with_capacity(n);
        for _ in 0..n {
            let name = self.sym()?;
            let span = self.span()?;
            let value = match self.cur.byte()? {
                0 => BindingValue::Expr(Rc::new(self.expr()?)),
                1 => BindingValue::Inherit(Rc::new(self.expr()?)),
                2 => BindingValue::InheritFrom { slot: self.u()?, name: self.sym()? },
                _ => return None,
            };
            statics.push(Binding { name, value, span });
        }
        let froms = self.exprs()?;
        let n = self.count()?;
        let mut dynamics = Vec::with_capacity(n);
        for _ in 0..n {
            let key = self.expr()?;
            let value = Rc::new(self.expr()?);
            dynamics.push((key, value, self.span()?));
        }
        Some(Box::new(AttrsDef { rec: flags & 1 != 0, needs_env: flags & 2 != 0, statics, froms, dynamics }))
    }

    fn lambda(&mut self) -> Option<LambdaDef> {
        let param = if self.flag()? {
            let n = self.count()?;
            let mut formals = Vec::with_capacity(n);
            for _ in 0..n {
                let s = self.sym()?;
                let default = if self.flag()? { Some(Rc::new(self.expr()?)) } else { None };
                formals.push((s, default, self.span()?));
            }
            let ellipsis = self.flag()?;
            Param::formals(formals, ellipsis, self.opt_sym()?)
        } else {
            Param::Ident(self.sym()?)
        };
        let body = self.expr()?;
        let name = self.opt_sym()?;
        let span = self.span()?;
        Some(LambdaDef { param, body, name, span, slots: self.u()? })
    }

    /// One expression, as [`write`](fn@super::write) encoded it.
    fn expr(&mut self) -> Option<Expr> {
        Some(match self.cur.byte()? {
            tag::INT => Expr::Int(self.cur.i()?),
            tag::FLOAT => Expr::Float(f64::from_bits(self.cur.u64_le()?)),
            tag::STR => Expr::str_lit(self.str()?),
            tag::INTERP => {
                let parts = self.parts()?;
                Expr::Interp(parts, self.span()?)
            }
            tag::PATH => {
                let kind = path_kind(self.cur.byte()?)?;
                let parts = self.parts()?;
                Expr::Path(kind, parts, self.span()?)
            }
            tag::SEARCH_PATH => {
                let s = self.str()?;
                Expr::SearchPath(s, self.span()?)
            }
            tag::VAR => {
                let depth = self.u()?;
                let slot = self.u()?;
                let sp = self.span()?;
                Expr::Var(depth, slot, sp, self.sym()?)
            }
            tag::GLOBAL => {
                let g = self.u()?;
                Expr::Global(g, self.span()?)
            }
            tag::WITH_VAR => {
                let name = self.sym()?;
                let global = match self.u()? {
                    0 => None,
                    g => Some(g - 1),
                };
                Expr::WithVar(name, global, self.span()?)
            }
            tag::ATTRS => {
                let def = self.attrs()?;
                Expr::Attrs(def, self.span()?)
            }
            tag::LET => {
                let def = self.attrs()?;
                Expr::Let(def, self.boxed()?)
            }
            tag::LIST => Expr::List(self.exprs()?),
            tag::SELECT => {
                let e = self.boxed()?;
                let path = self.attr_path()?;
                let default = self.opt_expr()?;
                Expr::Select(e, path, default, self.span()?)
            }
            tag::HAS_ATTR => {
                let e = self.boxed()?;
                let path = self.attr_path()?;
                Expr::HasAttr(e, path, self.span()?)
            }
            tag::APPLY => {
                let f = self.boxed()?;
                let args = self.exprs()?;
                Expr::Apply(f, args, self.span()?)
            }
            tag::LAMBDA => Expr::Lambda(Rc::new(self.lambda()?)),
            tag::IF => {
                let c = self.boxed()?;
                let a = self.boxed()?;
                let b = self.boxed()?;
                Expr::If(c, a, b, self.span()?)
            }
            tag::ASSERT => {
                let c = self.boxed()?;
                let body = self.boxed()?;
                Expr::Assert(c, body, self.span()?)
            }
            tag::WITH => {
                let ns = Rc::new(self.expr()?);
                let body = self.boxed()?;
                Expr::With(ns, body, self.span()?)
            }
            tag::BIN => {
                let op = bin_op(self.cur.byte()?)?;
                let l = self.boxed()?;
                let r = self.boxed()?;
                Expr::Bin(op, l, r, self.span()?)
            }
            tag::NOT => {
                let e = self.boxed()?;
                Expr::Not(e, self.span()?)
            }
            tag::NEG => {
                let e = self.boxed()?;
                Expr::Neg(e, self.span()?)
            }
            tag::CUR_POS => Expr::CurPos(self.span()?),
            _ => return None,
        })
    }
}
