//! The builtins: registration, the global scope and the `builtins` set.
//!
//! Each file holds one family and exports `PRIMOPS: &[PrimOp]`. To add a
//! family (e.g. `store.rs`), write the file, declare the module below and
//! append its `PRIMOPS` to [`FAMILIES`].

mod arith;
mod attrs;
mod control;
mod derivation;
mod io;
mod lists;
mod regex;
mod sort;
mod strings;
mod toml;
mod versions;

use std::rc::Rc;
use std::sync::OnceLock;

use crate::error::*;
use crate::eval::{Interp, Thunk};
use crate::expr::Span;
use crate::symbol::Sym;
use crate::value::*;

/// Every family of builtins.
pub static FAMILIES: &[&[PrimOp]] = &[
    arith::PRIMOPS,
    attrs::PRIMOPS,
    control::PRIMOPS,
    derivation::PRIMOPS,
    io::PRIMOPS,
    lists::PRIMOPS,
    regex::PRIMOPS,
    strings::PRIMOPS,
    toml::PRIMOPS,
    versions::PRIMOPS,
];

/// Builtins that are not `builtins.x` values but constants.
const CONSTANTS: &[&str] = &[
    "true",
    "false",
    "null",
    "currentSystem",
    "nixVersion",
    "langVersion",
    "storeDir",
    "nixPath",
    "builtins",
    "derivation",
    "currentTime",
];

/// Names visible without `builtins.` (besides `__name` for every builtin).
const TOP_LEVEL: &[&str] = &[
    "abort",
    "baseNameOf",
    "break",
    "builtins",
    "derivation",
    "dirOf",
    "false",
    "fetchGit",
    "fetchMercurial",
    "fetchTarball",
    "fetchTree",
    "fromTOML",
    "import",
    "isNull",
    "map",
    "null",
    "placeholder",
    "removeAttrs",
    "scopedImport",
    "throw",
    "toString",
    "true",
];

macro_rules! impure {
    ($($fname:ident => $name:literal),* $(,)?) => {
        $(
            fn $fname(_: &mut Interp, _: &[Value], sp: Span) -> R<Value> {
                err_at(sp, concat!("builtins.", $name, " is not available in the Nixpen playground"))
            }
        )*
        /// Impure builtins: present, but fail with a clear error.
        static IMPURE: &[PrimOp] = &[$(PrimOp { name: $name, arity: 1, f: $fname }),*];
    };
}

impure! {
    fetchurl => "fetchurl",
    fetch_git => "fetchGit",
    fetch_tarball => "fetchTarball",
    fetch_tree => "fetchTree",
    fetch_mercurial => "fetchMercurial",
    fetch_closure => "fetchClosure",
    get_flake => "getFlake",
    store_path => "storePath",
}

fn impure_primops() -> &'static [PrimOp] {
    IMPURE
}

/// All primops, in a stable order.
pub fn all_primops() -> &'static [&'static PrimOp] {
    static P: OnceLock<Vec<&'static PrimOp>> = OnceLock::new();
    P.get_or_init(|| {
        let mut v: Vec<&'static PrimOp> = Vec::new();
        for fam in FAMILIES {
            v.extend(fam.iter());
        }
        for p in impure_primops() {
            if !v.iter().any(|q| q.name == p.name) {
                v.push(p);
            }
        }
        v
    })
}

/// The names of the global scope, in index order (stable for a build).
pub fn global_names() -> &'static [&'static str] {
    static N: OnceLock<Vec<&'static str>> = OnceLock::new();
    N.get_or_init(|| {
        let mut v: Vec<&'static str> = Vec::new();
        let mut all: Vec<&'static str> = all_primops().iter().map(|p| p.name).collect();
        all.extend(CONSTANTS);
        for n in all {
            v.push(Box::leak(format!("__{n}").into_boxed_str()));
        }
        for n in TOP_LEVEL {
            v.push(n);
        }
        v.push("__nixPath");
        v
    })
}

/// The Nix source of `derivation` (a wrapper over `derivationStrict`).
pub const DERIVATION_NIX: &str = r#"
drvAttrs@{ outputs ? [ "out" ], ... }:
let
  strict = builtins.derivationStrict drvAttrs;
  outputAttr = name: {
    inherit name;
    value = common // {
      outPath = builtins.getAttr name strict;
      drvPath = strict.drvPath;
      type = "derivation";
      outputName = name;
    };
  };
  outputList = map outputAttr outputs;
  common = drvAttrs // builtins.listToAttrs outputList // {
    all = map (o: o.value) outputList;
    inherit drvAttrs;
  };
in (builtins.head outputList).value
"#;

/// `<nix/fetchurl.nix>`: present so it can be imported; fetching fails.
pub const FETCHURL_NIX: &str = r#"
{ url ? null, urls ? [ ], sha256 ? "", hash ? "", name ? "fetchurl", ... }:
throw "fetchurl is not available in the Nixpen playground"
"#;

/// Builds the values of the global scope for one evaluation.
pub fn make_globals(it: &mut Interp) -> Vec<Value> {
    let names = global_names();
    let prims = all_primops();
    let mut entries: Vec<(Sym, Value, Span)> = Vec::new();
    for p in prims {
        entries.push((Sym::known(p.name), Value::Prim(Rc::new(PrimApp { op: p, args: Vec::new() })), Span::default()));
    }
    let cfg = it.config;
    entries.push((Sym::known("true"), Value::Bool(true), Span::default()));
    entries.push((Sym::known("false"), Value::Bool(false), Span::default()));
    entries.push((Sym::known("null"), Value::Null, Span::default()));
    entries.push((Sym::known("currentSystem"), Value::str(&cfg.current_system), Span::default()));
    entries.push((Sym::known("nixVersion"), Value::str("2.24.0"), Span::default()));
    entries.push((Sym::known("langVersion"), Value::Int(6), Span::default()));
    entries.push((Sym::known("storeDir"), Value::str(&cfg.store_dir), Span::default()));
    let nix_path = nix_path_value(it);
    entries.push((Sym::known("nixPath"), nix_path.clone(), Span::default()));
    let builtins_thunk = it.new_thunk(Thunk::Done(Value::Null));
    entries.push((Sym::known("builtins"), builtins_thunk.clone(), Span::default()));
    // `derivation` is written in Nix; evaluated on first use.
    let drv = match it.parse_source("/__nix_builtin/derivation.nix", DERIVATION_NIX) {
        Ok((root, _)) => it.new_thunk(Thunk::Pending(crate::expr::ExprRef::new(&root), Env::root())),
        Err(_) => Value::Null,
    };
    entries.push((Sym::known("derivation"), drv, Span::default()));
    let now = match it.parse_source(
        "/__nix_builtin/currentTime.nix",
        "throw \"builtins.currentTime is not available in the Nixpen playground\"",
    ) {
        Ok((root, _)) => it.new_thunk(Thunk::Pending(crate::expr::ExprRef::new(&root), Env::root())),
        Err(_) => Value::Null,
    };
    entries.push((Sym::known("currentTime"), now, Span::default()));
    let builtins = Value::attrs(AttrSet::from_unsorted(entries));
    if let (Value::Thunk(id), Value::Attrs(_)) = (&builtins_thunk, &builtins) {
        it.set_thunk(*id, builtins.clone());
    }
    let Value::Attrs(b) = &builtins else { unreachable!() };
    names
        .iter()
        .map(|n| {
            if *n == "__nixPath" {
                return nix_path.clone();
            }
            let plain = n.strip_prefix("__").unwrap_or(n);
            b.get(plain).cloned().unwrap_or(Value::Null)
        })
        .collect()
}

fn nix_path_value(it: &mut Interp) -> Value {
    let mut items = Vec::new();
    for e in &it.config.search_path {
        let path = if e.path.starts_with('/') { e.path.clone() } else { crate::fs::join(&it.config.cwd, &e.path) };
        let a = AttrSet::from_unsorted(vec![
            (Sym::known("path"), Value::str(&path), Span::default()),
            (Sym::known("prefix"), Value::str(&e.prefix), Span::default()),
        ]);
        items.push(Value::attrs(a));
    }
    Value::list(items)
}

/// Helper: a set from `(name, value)` pairs.
pub fn mk_attrs(pairs: Vec<(&str, Value)>) -> Value {
    Value::attrs(AttrSet::from_unsorted(pairs.into_iter().map(|(k, v)| (Sym::new(k), v, Span::default())).collect()))
}
