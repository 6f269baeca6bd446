//! Strings with interpolation, path literals, the search path and `import`.

use std::rc::Rc;
use std::sync::Arc;

use super::coerce::CoerceMode;
use super::Interp;
use crate::error::*;
use crate::expr::*;
use crate::fs::{canon, FileType};
use crate::value::*;

impl<'a> Interp<'a> {
    #[inline(never)]
    pub(super) fn eval_interp(&mut self, parts: &[StrPart], _sp: Span, env: &Env) -> R<Value> {
        let mut out = String::new();
        let mut ctx: Option<Context> = None;
        for p in parts {
            match p {
                StrPart::Lit(s) => out.push_str(s),
                StrPart::Interp(e, isp) => {
                    let v = self.eval(e, env)?;
                    let s = self
                        .coerce_to_string(v, CoerceMode::Interp { copy: true }, *isp)
                        .frame(Some(*isp), || "while evaluating a path segment".into())?;
                    out.push_str(&s.s);
                    if let Some(c) = &s.ctx {
                        ctx.get_or_insert_with(Context::new).extend(c.iter().cloned());
                    }
                }
            }
        }
        self.alloc(out.len())?;
        Ok(Value::string(out, ctx))
    }

    #[inline(never)]
    pub(super) fn eval_path(&mut self, kind: PathKind, parts: &[StrPart], sp: Span, env: &Env) -> R<Value> {
        let mut out = String::new();
        if kind == PathKind::Home {
            match &self.config.home {
                Some(h) => out.push_str(h),
                None => return err_at(sp, "the home directory is not available in the Nixpen playground"),
            }
        }
        for p in parts {
            match p {
                StrPart::Lit(s) => out.push_str(s),
                StrPart::Interp(e, isp) => {
                    let v = self.eval(e, env)?;
                    let s = self
                        .coerce_to_string(v, CoerceMode::Interp { copy: false }, *isp)
                        .frame(Some(*isp), || "while evaluating a path segment".into())?;
                    if s.ctx.is_some() {
                        return err_at(*isp, "a string that refers to a store path cannot be appended to a path");
                    }
                    out.push_str(&s.s);
                }
            }
        }
        Ok(Value::path(canon(&out).as_str()))
    }

    /// Resolves `<name/rest>` against the search path.
    #[inline(never)]
    pub fn find_search_path(&mut self, name: &str, sp: Span) -> R<Value> {
        match self.resolve_search_path(name) {
            Some(p) => Ok(Value::path(p.as_str())),
            None => {
                err_at(sp, format!("file '{name}' was not found in the Nix search path (add it using $NIX_PATH or -I)"))
            }
        }
    }

    /// The first search-path match for `name`, if it exists.
    pub fn resolve_search_path(&self, name: &str) -> Option<String> {
        for e in &self.config.search_path {
            let base =
                if e.path.starts_with('/') { e.path.clone() } else { crate::fs::join(&self.config.cwd, &e.path) };
            let cand = if e.prefix.is_empty() {
                format!("{base}/{name}")
            } else if name == e.prefix {
                base.clone()
            } else if let Some(rest) = name.strip_prefix(&e.prefix).and_then(|r| r.strip_prefix('/')) {
                format!("{base}/{rest}")
            } else {
                continue;
            };
            let cand = canon(&cand);
            if self.config.fs.file_type(&cand).is_some() {
                return Some(cand);
            }
        }
        if name == "nix/fetchurl.nix" || name == "nix" {
            return Some(format!("/__nix_builtin/{name}"));
        }
        None
    }

    /// Parses (or fetches from the cache) the file at `path` and returns its lowered root.
    pub fn load_file(&mut self, path: &str, sp: Option<Span>) -> R<(Rc<Expr>, u32)> {
        self.load_file_ex(path, sp, false)
    }

    /// Like [`Interp::load_file`]; `scoped` lowers for `scopedImport`.
    pub fn load_file_ex(&mut self, path: &str, sp: Option<Span>, scoped: bool) -> R<(Rc<Expr>, u32)> {
        let mut path = canon(path);
        let fs = self.config.fs.clone();
        match fs.file_type(&path) {
            Some(FileType::Directory) => path = format!("{path}/default.nix"),
            Some(FileType::Symlink) => {
                if let Ok(real) = crate::fs::resolve_symlinks(fs.as_ref(), &path) {
                    if fs.file_type(&real) == Some(FileType::Directory) {
                        path = format!("{real}/default.nix");
                    }
                }
            }
            _ => {}
        }
        // Bytes held in memory and the very ones this file was read from
        // last time: the file is unchanged, no need to read it again.
        let shared = fs.read_shared(&path);
        let key = cache_key(&path, scoped, self.config.lints);
        if let Some(bytes) = &shared {
            if self.cache.parsed.get(&key).and_then(|p| p.source.as_ref()).is_some_and(|s| Arc::ptr_eq(s, bytes)) {
                return self.cached(&key);
            }
        }
        let read;
        let bytes: &[u8] = if path == "/__nix_builtin/nix/fetchurl.nix" {
            crate::builtins::FETCHURL_NIX.as_bytes()
        } else if let Some(bytes) = &shared {
            bytes
        } else {
            match fs.read(&path) {
                Ok(t) => {
                    read = t;
                    &read
                }
                Err(_) => {
                    let msg = format!("path '{path}' does not exist");
                    return match sp {
                        Some(sp) => err_at(sp, msg),
                        None => err(msg),
                    };
                }
            }
        };
        let text = crate::bytes::decode(bytes);
        let r = self.parse_keyed(&key, &path, &text, scoped);
        if let Some(p) = self.cache.parsed.get_mut(&key) {
            p.source = shared;
        }
        r
    }

    /// Parses and lowers source text registered under `name` (cached by name and content).
    pub fn parse_source(&mut self, name: &str, text: &str) -> R<(Rc<Expr>, u32)> {
        self.parse_source_ex(name, text, false)
    }

    /// Like [`Interp::parse_source`]; `scoped` lowers for `scopedImport`.
    pub fn parse_source_ex(&mut self, name: &str, text: &str, scoped: bool) -> R<(Rc<Expr>, u32)> {
        self.parse_keyed(&cache_key(name, scoped, self.config.lints), name, text, scoped)
    }

    /// [`Interp::parse_source_ex`] with the file's cache key made already.
    fn parse_keyed(&mut self, key: &str, name: &str, text: &str, scoped: bool) -> R<(Rc<Expr>, u32)> {
        // The cache keeps what this makes beyond the evaluation: it is made
        // outside the evaluation's memory.
        let (id, same) = nixpen_alloc::outside_evaluation(|| self.cache.file_id(key, name, text));
        if !same {
            let replaced = nixpen_alloc::outside_evaluation(|| {
                let ((root, warnings), names) = crate::symbol::recording(|| self.lower_source(name, text, scoped, id));
                let parsed = crate::cache::Parsed { file: id, root, warnings, source: None, names };
                self.cache.parsed.insert(key.to_owned(), parsed)
            });
            // Thunks of this evaluation may point into the replaced tree
            // (see `ExprRef`): it is kept until they are freed.
            if let Some(crate::cache::Parsed { root: Ok(old), .. }) = replaced {
                self.retired_roots.push(old);
            }
        }
        self.cached(key)
    }

    /// The lowered tree of the file cached under `key` (its parse warnings
    /// emitted again), or its syntax error.
    fn cached(&mut self, key: &str) -> R<(Rc<Expr>, u32)> {
        let p = &self.cache.parsed[key];
        let id = p.file;
        let (root, warnings) = (p.root.clone(), p.warnings.clone());
        self.parse_warnings(id, &warnings);
        match root {
            Ok(e) => Ok((e, id)),
            Err((m, off)) => err_at(Span { file: id, off }, m),
        }
    }

    /// The lowered tree of file `id` (from the snapshot, else parsed), or
    /// its syntax error and where; with its parse warnings.
    #[allow(clippy::type_complexity)]
    fn lower_source(
        &mut self,
        name: &str,
        text: &str,
        scoped: bool,
        id: u32,
    ) -> (Result<Rc<Expr>, (String, u32)>, Vec<(u32, String)>) {
        let stored = match &self.config.snapshot {
            // `cfg!` makes the decoder dead code in wasm (about 9 KB).
            // The snapshot was lowered without lints.
            Some(snap) if !scoped && self.config.lints.all_ignored() && cfg!(not(target_arch = "wasm32")) => {
                crate::snapshot::read(snap, &mut self.cache.snapshot_strings, name, text, id)
            }
            _ => None,
        };
        let root = match stored {
            Some(lowered) => Ok(lowered),
            None => {
                self.cache.parse_count += 1;
                let dir = crate::parse::file_dir(name, &self.config.cwd);
                crate::parse::parse_and_lower(text, id, &dir, scoped, self.config.lints).map_err(|f| {
                    let msg = match f.prev {
                        Some(off) => format!("{} at {}", f.msg, self.pos_string(Span { file: id, off })),
                        None => f.msg,
                    };
                    (msg, f.off)
                })
            }
        };
        match root {
            Ok((e, w)) => (Ok(e), w),
            Err(e) => (Err(e), Vec::new()),
        }
    }

    /// Emits the warnings of parsing file `id` (`warning: at FILE:L:C: …`).
    fn parse_warnings(&mut self, id: u32, warnings: &[(u32, String)]) {
        for (off, text) in warnings {
            let span = Span { file: id, off: *off };
            match text.strip_prefix(crate::parse::FRAMED) {
                Some(msg) => {
                    let shown = crate::error::render_warning(msg, Some(span), Vec::new(), &self.cache.files);
                    self.message(shown);
                }
                None => {
                    let pos = self.pos_string(span);
                    self.message(format!("warning: at {pos}: {text}"));
                }
            }
        }
    }

    /// `scopedImport attrs path`: evaluates the file with `attrs` shadowing the global scope.
    pub fn scoped_import(&mut self, scope: Value, path: &str, sp: Span) -> R<Value> {
        let (root, _) = self.load_file_ex(path, Some(sp), true)?;
        let env = Env::with(scope, None);
        self.eval(&root, &env)
    }

    /// `import path`: evaluates the file (memoised per evaluation).
    pub fn import(&mut self, path: &str, sp: Span) -> R<Value> {
        if let Some(v) = self.imports.get(path) {
            let v = v.clone();
            return self.force(v);
        }
        let (root, _) = self.load_file(path, Some(sp))?;
        let env = Env::root();
        let v = self.new_thunk(super::Thunk::Pending(ExprRef::new(&root), env));
        self.imports.insert(path.to_string(), v.clone());
        self.force(v)
    }
}

/// The parse cache's key of a file (`scopedImport` lowers it
/// differently, and so do lints).
fn cache_key(path: &str, scoped: bool, lints: crate::lints::Lints) -> String {
    match (scoped, lints.all_ignored()) {
        (false, true) => path.to_string(),
        (true, true) => format!("\u{0}scoped:{path}"),
        (scoped, false) => format!("\u{0}{scoped}:{lints:?}:{path}"),
    }
}
