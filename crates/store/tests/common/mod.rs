//! A tiny description language for derivation graphs, shared by the fixed
//! vector tests and the differential test against `nix-instantiate`. The
//! same `Case` is turned into a Nix expression (for real Nix) and evaluated
//! with `nixpen-store` directly, so both sides compute from one source.

#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};

use nixpen_store::{
    ContextElem, DerivationInput, DrvStore, FileKind, Filtered, IngestionMethod, NarSource, RealTree, StoreError,
};

/// A string-valued expression.
#[derive(Clone, Debug)]
pub enum Val {
    /// A string literal.
    Lit(String),
    /// `"${d<i>.<output>}"`.
    Out(usize, String),
    /// `d<i>.drvPath`.
    DrvPath(usize),
    /// `builtins.toFile name <val>`.
    ToFile(String, Box<Val>),
    /// `builtins.path { path = <root>/<rel>; name = …; recursive = …; }`.
    Path { rel: String, name: Option<String>, recursive: bool },
    /// `"${<root>/<rel>}"`.
    Interp(String),
    /// `builtins.filterSource (p: t: t != "symlink") <root>/<rel>`.
    NoSymlinks(String),
    /// Concatenation.
    Cat(Vec<Val>),
}

/// One `derivation { … }` call.
#[derive(Clone, Debug, Default)]
pub struct DrvSpec {
    pub name: String,
    /// Attributes other than `name`, `args` and `outputs`.
    pub attrs: Vec<(String, Val)>,
    pub args: Option<Vec<Val>>,
    pub outputs: Option<Vec<String>>,
    /// `__structuredAttrs = true`.
    pub structured: bool,
}

impl DrvSpec {
    /// A minimal derivation: name, builder, system.
    pub fn basic(name: &str) -> DrvSpec {
        DrvSpec {
            name: name.into(),
            attrs: vec![("builder".into(), lit("/bin/sh")), ("system".into(), lit("x86_64-linux"))],
            ..DrvSpec::default()
        }
    }

    /// Adds an attribute.
    pub fn attr(mut self, key: &str, val: Val) -> DrvSpec {
        self.attrs.push((key.into(), val));
        self
    }

    /// Sets `outputs`.
    pub fn outputs(mut self, outputs: &[&str]) -> DrvSpec {
        self.outputs = Some(outputs.iter().map(|s| s.to_string()).collect());
        self
    }

    /// Sets `args`.
    pub fn args(mut self, args: Vec<Val>) -> DrvSpec {
        self.args = Some(args);
        self
    }
}

/// A string literal value.
pub fn lit(s: &str) -> Val {
    Val::Lit(s.into())
}

/// What one derivation evaluates to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Result1 {
    pub drv_path: String,
    pub outputs: BTreeMap<String, String>,
    pub aterm: String,
}

/// A Nix string literal for `s`.
pub fn nix_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '$' => out.push_str("\\$"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn nix_val(v: &Val, root: &str) -> String {
    match v {
        Val::Lit(s) => nix_str(s),
        Val::Out(i, o) => format!("\"${{d{i}.{o}}}\""),
        Val::DrvPath(i) => format!("d{i}.drvPath"),
        Val::ToFile(name, body) => format!("(builtins.toFile {} {})", nix_str(name), nix_val(body, root)),
        Val::Path { rel, name, recursive } => format!(
            "(builtins.path {{ path = {root}/{rel}; {} recursive = {recursive}; }})",
            name.as_ref().map(|n| format!("name = {};", nix_str(n))).unwrap_or_default()
        ),
        Val::Interp(rel) => format!("\"${{{root}/{rel}}}\""),
        Val::NoSymlinks(rel) => {
            format!("\"${{builtins.filterSource (p: t: t != \"symlink\") {root}/{rel}}}\"")
        }
        Val::Cat(parts) => {
            if parts.is_empty() {
                "\"\"".into()
            } else {
                format!("({})", parts.iter().map(|p| nix_val(p, root)).collect::<Vec<_>>().join(" + "))
            }
        }
    }
}

/// The Nix expression for a case: a list with, per derivation, its
/// drvPath, then `<output>=<path>` per output, then the `.drv` text.
pub fn nix_expr(specs: &[DrvSpec], root: &str) -> String {
    let mut e = String::from("(let\n");
    for (i, spec) in specs.iter().enumerate() {
        e.push_str(&format!("  d{i} = derivation {{ name = {};", nix_str(&spec.name)));
        if spec.structured {
            e.push_str(" __structuredAttrs = true;");
        }
        for (k, v) in &spec.attrs {
            e.push_str(&format!(" {} = {};", nix_str(k), nix_val(v, root)));
        }
        if let Some(args) = &spec.args {
            let items: Vec<String> = args.iter().map(|a| nix_val(a, root)).collect();
            e.push_str(&format!(" args = [ {} ];", items.join(" ")));
        }
        if let Some(outs) = &spec.outputs {
            let items: Vec<String> = outs.iter().map(|o| nix_str(o)).collect();
            e.push_str(&format!(" outputs = [ {} ];", items.join(" ")));
        }
        e.push_str(" };\n");
    }
    e.push_str("in [\n");
    for (i, spec) in specs.iter().enumerate() {
        e.push_str(&format!("  d{i}.drvPath"));
        for o in spec.outputs.clone().unwrap_or_else(|| vec!["out".into()]) {
            e.push_str(&format!(" ({} + d{i}.{o}.outPath)", nix_str(&format!("{o}="))));
        }
        e.push_str(&format!(" (builtins.readFile d{i}.drvPath)\n"));
    }
    e.push_str("])\n");
    e
}

/// Parses what `nix-instantiate --eval --strict` prints for [`nix_expr`].
pub fn parse_nix_output(text: &str, count: usize) -> Vec<Result1> {
    let strings = parse_strings(text);
    let mut out = Vec::new();
    let mut it = strings.into_iter();
    // Strings come flattened: drvPath, outputs…, aterm; outputs contain '='
    // and no store path contains '=' before the first '/'.
    let mut pending: Option<Result1> = None;
    for s in it.by_ref() {
        match &mut pending {
            None => pending = Some(Result1 { drv_path: s, outputs: BTreeMap::new(), aterm: String::new() }),
            Some(r) => {
                if s.starts_with("Derive(") {
                    r.aterm = s;
                    out.push(pending.take().unwrap());
                } else {
                    let (k, v) = s.split_once('=').expect("output entry");
                    r.outputs.insert(k.to_string(), v.to_string());
                }
            }
        }
    }
    assert_eq!(out.len(), count, "could not parse nix output: {text}");
    out
}

/// All string literals in a printed Nix value, unescaped.
pub fn parse_strings(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '"' {
            continue;
        }
        let mut s = String::new();
        while let Some(c) = chars.next() {
            match c {
                '"' => break,
                '\\' => match chars.next() {
                    Some('n') => s.push('\n'),
                    Some('r') => s.push('\r'),
                    Some('t') => s.push('\t'),
                    Some(c) => s.push(c),
                    None => {}
                },
                c => s.push(c),
            }
        }
        out.push(s);
    }
    out
}

/// Evaluates a case with `nixpen-store`.
pub fn eval_case(specs: &[DrvSpec], root: &str) -> Result<Vec<Result1>, StoreError> {
    let mut store = DrvStore::new("/nix/store");
    eval_case_in(&mut store, specs, root)
}

/// Evaluates a case with `nixpen-store` in a given store.
pub fn eval_case_in(store: &mut DrvStore, specs: &[DrvSpec], root: &str) -> Result<Vec<Result1>, StoreError> {
    let mut done: Vec<Result1> = Vec::new();
    for spec in specs {
        let mut ctx = BTreeSet::new();
        let mut attrs = BTreeMap::new();
        attrs.insert("name".to_string(), spec.name.clone());
        for (k, v) in &spec.attrs {
            let s = eval_val(store, &done, v, root, &mut ctx)?;
            attrs.insert(k.clone(), s);
        }
        let mut args = Vec::new();
        for a in spec.args.iter().flatten() {
            args.push(eval_val(store, &done, a, root, &mut ctx)?);
        }
        let input = if spec.structured {
            structured_input(spec, attrs, args, ctx)
        } else {
            if let Some(outs) = &spec.outputs {
                attrs.insert("outputs".to_string(), outs.join(" "));
            }
            DerivationInput::from_env(&spec.name, attrs, args, ctx)
        };
        let result = store.instantiate(input)?;
        let aterm = store.derivation(&result.drv_path).unwrap().to_aterm();
        done.push(Result1 { drv_path: result.drv_path, outputs: result.outputs, aterm });
    }
    Ok(done)
}

/// The input for `__structuredAttrs = true`: every attribute but `args`
/// goes into `__json` (keys sorted, as Nix 2.8 writes them).
fn structured_input(
    spec: &DrvSpec,
    attrs: BTreeMap<String, String>,
    args: Vec<String>,
    context: BTreeSet<ContextElem>,
) -> DerivationInput {
    let mut fields: BTreeMap<String, String> = attrs.iter().map(|(k, v)| (k.clone(), json_str(v))).collect();
    if let Some(outs) = &spec.outputs {
        let items: Vec<String> = outs.iter().map(|o| json_str(o)).collect();
        fields.insert("outputs".into(), format!("[{}]", items.join(",")));
    }
    let body: Vec<String> = fields.iter().map(|(k, v)| format!("{}:{v}", json_str(k))).collect();
    let get = |k: &str| attrs.get(k).cloned();
    DerivationInput {
        name: spec.name.clone(),
        builder: get("builder").unwrap_or_default(),
        system: get("system").unwrap_or_default(),
        args,
        env: BTreeMap::from([("__json".to_string(), format!("{{{}}}", body.join(",")))]),
        outputs: spec.outputs.clone(),
        output_hash: get("outputHash"),
        output_hash_algo: get("outputHashAlgo"),
        output_hash_mode: get("outputHashMode"),
        context,
    }
}

/// A JSON string as Nix 2.8 writes one.
pub fn json_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 32 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn base_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap()
}

fn eval_val(
    store: &mut DrvStore,
    done: &[Result1],
    v: &Val,
    root: &str,
    ctx: &mut BTreeSet<ContextElem>,
) -> Result<String, StoreError> {
    Ok(match v {
        Val::Lit(s) => s.clone(),
        Val::Out(i, o) => {
            let r = &done[*i];
            ctx.insert(ContextElem::Built { drv_path: r.drv_path.clone(), output: o.clone() });
            r.outputs[o].clone()
        }
        Val::DrvPath(i) => {
            ctx.insert(ContextElem::DrvDeep(done[*i].drv_path.clone()));
            done[*i].drv_path.clone()
        }
        Val::ToFile(name, body) => {
            let mut inner = BTreeSet::new();
            let text = eval_val(store, done, body, root, &mut inner)?;
            let path = store.to_file(name, text.as_bytes(), &inner)?;
            ctx.insert(ContextElem::Opaque(path.clone()));
            path
        }
        Val::Path { rel, name, recursive } => {
            let full = format!("{root}/{rel}");
            let name = name.clone().unwrap_or_else(|| base_name(&full).to_string());
            let method = if *recursive { IngestionMethod::Recursive } else { IngestionMethod::Flat };
            let path = store.add_source(&RealTree, &full, &name, method, None)?;
            ctx.insert(ContextElem::Opaque(path.clone()));
            path
        }
        Val::Interp(rel) => {
            let full = format!("{root}/{rel}");
            let path = store.add_source(&RealTree, &full, base_name(&full), IngestionMethod::Recursive, None)?;
            ctx.insert(ContextElem::Opaque(path.clone()));
            path
        }
        Val::NoSymlinks(rel) => {
            let full = format!("{root}/{rel}");
            let filtered = Filtered { source: RealTree, filter: |_: &str, k: FileKind| Ok(k != FileKind::Symlink) };
            let src: &dyn NarSource = &filtered;
            let path = store.add_source(src, &full, base_name(&full), IngestionMethod::Recursive, None)?;
            ctx.insert(ContextElem::Opaque(path.clone()));
            path
        }
        Val::Cat(parts) => {
            let mut s = String::new();
            for p in parts {
                s.push_str(&eval_val(store, done, p, root, ctx)?);
            }
            s
        }
    })
}

/// Creates the source tree the cases refer to, under `root`:
/// `file.txt`, `exec.sh` (mode 755), `dir/{a, b/c, link -> a}`, `dir/empty/`.
pub fn make_tree(root: &str) {
    use std::os::unix::fs::PermissionsExt;
    let _ = std::fs::remove_dir_all(root);
    std::fs::create_dir_all(format!("{root}/dir/b")).unwrap();
    std::fs::create_dir_all(format!("{root}/dir/empty")).unwrap();
    std::fs::write(format!("{root}/file.txt"), "hello\n").unwrap();
    std::fs::write(format!("{root}/exec.sh"), "#!/bin/sh\necho hi\n").unwrap();
    std::fs::set_permissions(format!("{root}/exec.sh"), std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::write(format!("{root}/dir/a"), "aaa").unwrap();
    std::fs::write(format!("{root}/dir/b/c"), "").unwrap();
    std::os::unix::fs::symlink("a", format!("{root}/dir/link")).unwrap();
}
