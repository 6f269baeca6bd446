//! Coercion of values to strings (interpolation, `toString`) and paths to the store.

use std::rc::Rc;

use nixpen_store::{ContextElem, FileKind, IngestionMethod, NarSource, StoreError};

use super::Interp;
use crate::error::*;
use crate::expr::Span;
use crate::fs::{FileSystem, FileType};
use crate::value::*;

/// How much to coerce.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CoerceMode {
    /// Interpolation / `+`: strings, paths (copied to the store if `copy`), sets with `__toString`/`outPath`.
    Interp {
        /// Copy paths to the store.
        copy: bool,
    },
    /// `toString`: also numbers, Booleans, null and lists; paths not copied.
    ToString,
    /// What `derivationStrict` does to attributes: like `ToString`, but paths
    /// (also inside lists) are copied to the store, as Nix does.
    ToStringCopy,
}

impl CoerceMode {
    /// Whether numbers, Booleans, null and lists are coerced too.
    fn more(self) -> bool {
        matches!(self, CoerceMode::ToString | CoerceMode::ToStringCopy)
    }

    /// Whether path values are copied to the store.
    fn copies(self) -> bool {
        matches!(self, CoerceMode::Interp { copy: true } | CoerceMode::ToStringCopy)
    }
}

/// Adapts the evaluator's file system to the store's NAR reader.
pub struct FsNarSource<'f>(pub &'f dyn FileSystem);

impl NarSource for FsNarSource<'_> {
    fn kind(&self, path: &str) -> Result<FileKind, StoreError> {
        match self.0.file_type(path) {
            Some(FileType::Regular) => Ok(FileKind::Regular { executable: self.0.is_executable(path) }),
            Some(FileType::Directory) => Ok(FileKind::Directory),
            Some(FileType::Symlink) => Ok(FileKind::Symlink),
            // A device, socket or pipe: Nix's NAR writer refuses it so.
            Some(FileType::Unknown) => Err(StoreError::BadPath(format!("file '{path}' has an unsupported type"))),
            None => Err(StoreError::BadPath(format!("path '{path}' does not exist"))),
        }
    }
    fn read(&self, path: &str) -> Result<Vec<u8>, StoreError> {
        self.0.read(path).map_err(StoreError::BadPath)
    }
    fn read_dir(&self, path: &str) -> Result<Vec<String>, StoreError> {
        Ok(self.0.read_dir(path).map_err(StoreError::BadPath)?.into_iter().map(|e| e.0).collect())
    }
    fn read_link(&self, path: &str) -> Result<String, StoreError> {
        self.0.read_link(path).map_err(StoreError::BadPath)
    }
}

impl<'a> Interp<'a> {
    /// Copies a path to the (imaginary) store, returning the store path.
    pub fn copy_to_store(&mut self, path: &str, sp: Span) -> R<String> {
        if let Some(p) = self.store_copies.get(path) {
            return Ok(p.clone());
        }
        let name = path.rsplit('/').next().unwrap_or("").to_string();
        let fs = self.config.fs.clone();
        if fs.file_type(path).is_none() {
            return err_at(sp, format!("path '{path}' does not exist"));
        }
        let src = FsNarSource(fs.as_ref());
        let r = self.store.add_source(&src, path, &name, IngestionMethod::Recursive, None);
        match r {
            Ok(p) => {
                self.store_copies.insert(path.to_string(), p.clone());
                Ok(p)
            }
            Err(e) => err_at(sp, e.message().to_string()),
        }
    }

    /// Coerces a value to a string with context.
    pub fn coerce_to_string(&mut self, v: Value, mode: CoerceMode, sp: Span) -> R<Rc<NixStr>> {
        match self.force(v)? {
            Value::Str(s) => Ok(s),
            v => self.coerce_other_to_string(v, mode, sp),
        }
    }

    /// [`Interp::coerce_to_string`] of anything but a string: out of line,
    /// so that the usual case (a string) keeps a small stack frame.
    #[inline(never)]
    fn coerce_other_to_string(&mut self, v: Value, mode: CoerceMode, sp: Span) -> R<Rc<NixStr>> {
        match v {
            Value::Str(s) => Ok(s),
            Value::Path(p) => {
                if mode.copies() {
                    let sp2 = self.copy_to_store(&p, sp)?;
                    let mut ctx = Context::new();
                    ctx.insert(ContextElem::Opaque(sp2.clone()));
                    Ok(Rc::new(NixStr { s: sp2.into(), ctx: Some(Box::new(ctx)) }))
                } else {
                    Ok(Rc::new(NixStr { s: (**p).into(), ctx: None }))
                }
            }
            Value::Attrs(a) => {
                if let Some(f) = a.get_sym(&self.syms.to_string) {
                    let f = f.clone();
                    let r = self.call(f, Value::Attrs(a.clone()), sp)?;
                    return match r {
                        Value::Str(s) => Ok(s),
                        Value::Path(_) => self.coerce_to_string(r, mode, sp),
                        Value::Attrs(ref b)
                            if b.get_sym(&self.syms.to_string).is_some()
                                || b.get_sym(&self.syms.out_path).is_some() =>
                        {
                            self.coerce_to_string(r, mode, sp)
                        }
                        r => err_at(sp, format!("`__toString` must return a string, but got {}", self.show_short(&r))),
                    };
                }
                if let Some(o) = a.get_sym(&self.syms.out_path) {
                    let o = o.clone();
                    return self.coerce_to_string(o, mode, sp);
                }
                err_at(sp, format!("cannot coerce a set to a string: {}", self.show_value_brief(&Value::Attrs(a))))
            }
            Value::Int(i) if mode.more() => Ok(Rc::new(NixStr { s: i.to_string().into(), ctx: None })),
            Value::Float(f) if mode.more() => Ok(Rc::new(NixStr { s: format!("{f:.6}").into(), ctx: None })),
            Value::Bool(b) if mode.more() => Ok(Rc::new(NixStr { s: if b { "1" } else { "" }.into(), ctx: None })),
            Value::Null if mode.more() => Ok(Rc::new(NixStr { s: "".into(), ctx: None })),
            Value::List(l) if mode.more() => {
                // Nix puts a space after every item but the last, except
                // after an empty list: `toString [ [ ] [ ] 1 ]` is "1".
                let mut out = String::new();
                let mut ctx: Option<Context> = None;
                for (i, x) in l.iter().enumerate() {
                    let s = self.coerce_to_string(x.clone(), mode, sp)?;
                    out.push_str(&s.s);
                    let empty_list = matches!(self.force(x.clone())?, Value::List(ref inner) if inner.is_empty());
                    if i + 1 < l.len() && !empty_list {
                        out.push(' ');
                    }
                    if let Some(c) = &s.ctx {
                        ctx.get_or_insert_with(Context::new).extend(c.iter().cloned());
                    }
                }
                Ok(Rc::new(NixStr { s: crate::bytes::joined(out).into(), ctx: ctx.map(Box::new) }))
            }
            v => err_at(sp, format!("cannot coerce {} to a string: {}", v.show_type(), self.show_value_brief(&v))),
        }
    }

    /// Brief value text used in coercion errors.
    pub fn show_value_brief(&self, v: &Value) -> String {
        crate::print::print_error_value(self, v)
    }

    /// Coerces to a path string (absolute, or a store path string).
    pub fn coerce_to_path(&mut self, v: Value, sp: Span) -> R<String> {
        let s = self.coerce_to_string(v, CoerceMode::Interp { copy: false }, sp)?;
        if !s.s.starts_with('/') {
            return err_at(sp, format!("string '{}' doesn't represent an absolute path", s.s));
        }
        Ok(s.s.to_string())
    }
}
