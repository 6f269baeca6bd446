//! File-system builtins and path helpers.

use crate::error::*;
use crate::eval::coerce::CoerceMode;
use crate::eval::Interp;
use crate::expr::Span;
use crate::fs::{resolve_symlinks, FileType};
use crate::symbol::Sym;
use crate::value::*;
use nixpen_store::StoreObject;

fn path_arg(it: &mut Interp, v: Value, sp: Span) -> R<String> {
    match it.force(v)? {
        Value::Path(p) => Ok(p.to_string()),
        v => {
            let s = it.coerce_to_string(v, CoerceMode::Interp { copy: false }, sp)?;
            if !s.s.starts_with('/') {
                return err_at(sp, format!("string '{}' doesn't represent an absolute path", s.s));
            }
            Ok(crate::fs::canon(&s.s))
        }
    }
}

/// The contents of a file inside a store path this evaluation added: a
/// `.drv` (its ATerm text), a `toFile` text, or a file of a copied source.
/// `None` when `path` is not inside such a store path.
fn read_store_file(it: &Interp, path: &str) -> Option<Result<Vec<u8>, String>> {
    let dir = it.store.store_dir().as_str().to_string();
    let rest = path.strip_prefix(&dir)?.strip_prefix('/')?;
    let (base, sub) = match rest.split_once('/') {
        Some((b, s)) => (b, Some(s)),
        None => (rest, None),
    };
    let object = it.store.object(&format!("{dir}/{base}"))?;
    Some(match (object, sub) {
        (StoreObject::Derivation(drv), None) => Ok(drv.to_aterm().into_bytes()),
        (StoreObject::Text(text), None) => Ok(text.to_vec()),
        (StoreObject::Source(origin), None) => it.config.fs.read(origin),
        (StoreObject::Source(origin), Some(sub)) => it.config.fs.read(&format!("{origin}/{sub}")),
        (_, Some(_)) => Err(format!("opening file '{path}': Not a directory")),
    })
}

fn read_file(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let p = path_arg(it, a[0].clone(), sp).arg(0)?;
    let fs = it.config.fs.clone();
    let read = match read_store_file(it, &p) {
        Some(r) => r,
        None => fs.read(&p),
    };
    match read {
        Ok(bytes) => {
            it.alloc(bytes.len())?;
            Ok(Value::string(crate::bytes::decode(&bytes), None))
        }
        Err(m) => err_at(sp, m),
    }
}

fn path_exists(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let v = it.force(a[0].clone())?;
    let must_be_dir = match &v {
        Value::Str(s) => s.s.ends_with('/') || s.s.ends_with("/."),
        _ => false,
    };
    let p = path_arg(it, v, sp)?;
    if p == crate::fs::canon(&it.config.store_dir) {
        // The (imaginary) store always exists.
        return Ok(Value::Bool(true));
    }
    let fs = it.config.fs.clone();
    let t = match resolve_symlinks(fs.as_ref(), &p) {
        Ok(r) => fs.file_type(&r),
        Err(_) => None,
    };
    // A dangling symlink still exists (Nix uses lstat).
    let t = t.or_else(|| if must_be_dir { None } else { fs.file_type(&p) });
    Ok(Value::Bool(if must_be_dir { t == Some(FileType::Directory) } else { t.is_some() }))
}

fn read_dir(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let p = path_arg(it, a[0].clone(), sp).arg(0)?;
    let fs = it.config.fs.clone();
    match resolve_symlinks(fs.as_ref(), &p).ok().and_then(|r| fs.file_type(&r).map(|t| (r, t))) {
        None => return err_at(sp, format!("path '{p}' does not exist")),
        Some((r, t)) if t != FileType::Directory => return err_at(sp, format!("'{r}' is not a directory")),
        _ => {}
    }
    match fs.read_dir(&p) {
        Ok(entries) => {
            let e = entries.into_iter().map(|(n, t)| (Sym::new(&n), Value::str(t.nix_name()), sp)).collect();
            Ok(Value::attrs(AttrSet::from_unsorted(e)))
        }
        Err(m) => err_at(sp, m),
    }
}

fn read_file_type(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let p = path_arg(it, a[0].clone(), sp).arg(0)?;
    match it.config.fs.file_type(&p) {
        Some(t) => Ok(Value::str(t.nix_name())),
        None => err_at(sp, format!("getting status of '{p}': No such file or directory")),
    }
}

fn base_name_of(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let s = it.coerce_to_string(a[0].clone(), CoerceMode::Interp { copy: false }, sp).arg(0)?;
    let t = s.s.strip_suffix('/').unwrap_or(&s.s);
    let base = match t.rfind('/') {
        Some(i) => &t[i + 1..],
        None => t,
    };
    Ok(Value::string(base.to_string(), s.ctx.as_deref().cloned()))
}

fn dir_of(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let v = it.force(a[0].clone())?;
    let is_path = matches!(v, Value::Path(_));
    let s = it.coerce_to_string(v, CoerceMode::Interp { copy: false }, sp)?;
    let dir = match s.s.rfind('/') {
        Some(0) => "/".to_string(),
        Some(i) => s.s[..i].to_string(),
        None => ".".to_string(),
    };
    if is_path {
        Ok(Value::path(dir.as_str()))
    } else {
        Ok(Value::string(dir, s.ctx.as_deref().cloned()))
    }
}

fn to_path(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let p = path_arg(it, a[0].clone(), sp).arg(0)?;
    Ok(Value::str(&p))
}

fn find_file(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let l = it.force_list(a[0].clone(), sp).arg(0)?;
    let name = it.force_str_no_ctx(a[1].clone(), sp).arg(1)?;
    for e in l.iter() {
        let e = it.force_attrs(e.clone(), sp)?;
        let prefix = match e.get("prefix") {
            Some(p) => it.force_str_no_ctx(p.clone(), sp)?.s.to_string(),
            None => String::new(),
        };
        let path = match e.get("path") {
            Some(p) => {
                let p = p.clone();
                path_arg(it, p, sp)?
            }
            None => return err_at(sp, "attribute 'path' missing"),
        };
        let rest = if prefix.is_empty() {
            Some(name.s.to_string())
        } else if *name.s == *prefix {
            Some(String::new())
        } else {
            name.s.strip_prefix(prefix.as_str()).and_then(|r| r.strip_prefix('/')).map(|r| r.to_string())
        };
        if let Some(rest) = rest {
            let cand = if rest.is_empty() { path.clone() } else { crate::fs::join(&path, &rest) };
            if it.config.fs.file_type(&cand).is_some() {
                return Ok(Value::path(cand.as_str()));
            }
        }
    }
    if &*name.s == "nix/fetchurl.nix" {
        return Ok(Value::path("/__nix_builtin/nix/fetchurl.nix"));
    }
    err_kind(
        ErrKind::Throw,
        Some(sp),
        format!("file '{}' was not found in the Nix search path (add it using $NIX_PATH or -I)", name.s),
    )
}

fn path_builtin(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let args = it.force_attrs(a[0].clone(), sp).arg(0)?;
    let p = match args.get("path") {
        Some(p) => path_arg(it, p.clone(), sp)?,
        None => return err_at(sp, "attribute 'path' missing"),
    };
    let name = match args.get("name") {
        Some(n) => Some(it.force_str_no_ctx(n.clone(), sp)?.s.to_string()),
        None => None,
    };
    let recursive = match args.get("recursive") {
        Some(r) => it.force_bool(r.clone(), sp)?,
        None => true,
    };
    let expected = match args.get("sha256") {
        Some(h) => {
            let h = it.force_str_no_ctx(h.clone(), sp)?;
            match nixpen_store::Hash::parse_any(&h.s, Some(nixpen_store::HashAlgo::Sha256)) {
                Ok(h) => Some(h),
                Err(e) => return err_at(sp, e.message().to_string()),
            }
        }
        None => None,
    };
    if let Some(filter) = args.get("filter").cloned() {
        let name = name.unwrap_or_else(|| p.rsplit('/').next().unwrap_or("").to_string());
        return filtered_add(it, filter, &p, &name, recursive, expected.as_ref(), sp);
    }
    let store_path = if name.is_some() || !recursive || expected.is_some() {
        let name = name.unwrap_or_else(|| p.rsplit('/').next().unwrap_or("").to_string());
        let method =
            if recursive { nixpen_store::IngestionMethod::Recursive } else { nixpen_store::IngestionMethod::Flat };
        let fs = it.config.fs.clone();
        let src = crate::eval::coerce::FsNarSource(fs.as_ref());
        match it.store.add_source(&src, &p, &name, method, expected.as_ref()) {
            Ok(x) => x,
            Err(e) => return err_at(sp, e.message().to_string()),
        }
    } else {
        it.copy_to_store(&p, sp)?
    };
    let mut ctx = Context::new();
    ctx.insert(nixpen_store::ContextElem::Opaque(store_path.clone()));
    Ok(Value::string(store_path, Some(ctx)))
}

fn hash_file(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let algo = it.force_str_no_ctx(a[0].clone(), sp).arg(0)?;
    let p = path_arg(it, a[1].clone(), sp).arg(1)?;
    let algo = match nixpen_store::HashAlgo::from_name(&algo.s) {
        Some(a) => a,
        None => return err_at(sp, format!("unknown hash algorithm '{}'", algo.s)),
    };
    if it.config.fs.file_type(&p).is_none() {
        return err_at(sp, format!("path '{p}' does not exist"));
    }
    match it.config.fs.read(&p) {
        Ok(b) => Ok(Value::str(&nixpen_store::Hash::of(algo, &b).to_base16())),
        Err(m) => err_at(sp, m),
    }
}

/// Copies `path` to the store keeping only what `filter path type` accepts.
fn filtered_add(
    it: &mut Interp,
    filter: Value,
    path: &str,
    name: &str,
    recursive: bool,
    expected: Option<&nixpen_store::Hash>,
    sp: Span,
) -> R<Value> {
    let fs = it.config.fs.clone();
    let mut tree = nixpen_store::MemoryTree::new();
    let mut todo = vec![(path.to_string(), String::new())];
    let root_type = fs.file_type(path);
    match root_type {
        Some(FileType::Regular) => {
            let data = fs.read(path).map_err(|m| {
                Box::new(Error { kind: ErrKind::Eval, msg: m, span: Some(sp), frames: vec![], hint: None })
            })?;
            tree.add_file("/root", &data, false);
            todo.clear();
        }
        Some(FileType::Directory) => tree.add_dir("/root"),
        Some(FileType::Symlink) => {
            tree.add_symlink("/root", &fs.read_link(path).unwrap_or_default());
            todo.clear();
        }
        _ => return err_at(sp, format!("path '{path}' does not exist")),
    }
    while let Some((dir, rel)) = todo.pop() {
        let entries = match fs.read_dir(&dir) {
            Ok(e) => e,
            Err(m) => return err_at(sp, m),
        };
        for (n, t) in entries {
            let full = format!("{dir}/{n}");
            let r = format!("{rel}/{n}");
            let f = it.call(filter.clone(), Value::str(&full), sp)?;
            let keep = it.call(f, Value::str(t.nix_name()), sp)?;
            if !it.force_bool(keep, sp)? {
                continue;
            }
            match t {
                FileType::Directory => {
                    tree.add_dir(&format!("/root{r}"));
                    todo.push((full, r));
                }
                FileType::Symlink => tree.add_symlink(&format!("/root{r}"), &fs.read_link(&full).unwrap_or_default()),
                _ => {
                    let data = fs.read(&full).unwrap_or_default();
                    tree.add_file(&format!("/root{r}"), &data, false);
                }
            }
        }
    }
    let method = if recursive { nixpen_store::IngestionMethod::Recursive } else { nixpen_store::IngestionMethod::Flat };
    match it.store.add_source(&tree, "/root", name, method, expected) {
        Ok(p) => {
            let mut ctx = Context::new();
            ctx.insert(nixpen_store::ContextElem::Opaque(p.clone()));
            Ok(Value::string(p, Some(ctx)))
        }
        Err(e) => err_at(sp, e.message().to_string()),
    }
}

fn filter_source(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let p = path_arg(it, a[1].clone(), sp).arg(1)?;
    let name = p.rsplit('/').next().unwrap_or("").to_string();
    filtered_add(it, a[0].clone(), &p, &name, true, None, sp)
}

/// The family.
pub static PRIMOPS: &[PrimOp] = &[
    PrimOp { name: "readFile", arity: 1, f: read_file },
    PrimOp { name: "pathExists", arity: 1, f: path_exists },
    PrimOp { name: "readDir", arity: 1, f: read_dir },
    PrimOp { name: "readFileType", arity: 1, f: read_file_type },
    PrimOp { name: "baseNameOf", arity: 1, f: base_name_of },
    PrimOp { name: "dirOf", arity: 1, f: dir_of },
    PrimOp { name: "toPath", arity: 1, f: to_path },
    PrimOp { name: "findFile", arity: 2, f: find_file },
    PrimOp { name: "path", arity: 1, f: path_builtin },
    PrimOp { name: "hashFile", arity: 2, f: hash_file },
    PrimOp { name: "filterSource", arity: 2, f: filter_source },
];
