//! `DrvStore`: the memory of one evaluation — the derivations, text files
//! and sources it has "added" — and `derivationStrict` on top of it.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::context::ContextElem;
use crate::derivation::{hash_derivation_modulo, Derivation, DerivationOutput, DrvHash};
use crate::error::StoreError;
use crate::hash::{Hash, HashAlgo};
use crate::nar::{nar_hash, FileKind, NarSource};
use crate::path::{IngestionMethod, StoreDir};

/// The attributes `derivationStrict` needs, already turned into strings by
/// the evaluator (`__ignoreNulls` applied, values coerced to strings, or
/// with `__structuredAttrs` the `__json` entry in `env`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DerivationInput {
    /// The `name` attribute.
    pub name: String,
    /// The `builder` attribute (empty if absent).
    pub builder: String,
    /// The `system` attribute (empty if absent).
    pub system: String,
    /// The `args` attribute.
    pub args: Vec<String>,
    /// The environment: every attribute but `args` (and `__structuredAttrs`
    /// / `__ignoreNulls`), in the non-structured case; `__json` otherwise.
    /// Output variables are added by [`DrvStore::instantiate`].
    pub env: BTreeMap<String, String>,
    /// The output names, in the order given; `None` means `["out"]`.
    pub outputs: Option<Vec<String>>,
    /// `outputHash`, if set.
    pub output_hash: Option<String>,
    /// `outputHashAlgo`, if set.
    pub output_hash_algo: Option<String>,
    /// `outputHashMode`, if set (`flat` or `recursive`).
    pub output_hash_mode: Option<String>,
    /// The union of the contexts of all strings in the attributes.
    pub context: BTreeSet<ContextElem>,
}

impl DerivationInput {
    /// Fills the input from the environment the non-structured way: every
    /// attribute is in `env`, and `builder`, `system`, `outputHash`,
    /// `outputHashAlgo`, `outputHashMode` and `outputs` (split on
    /// whitespace) are read from it.
    ///
    /// ```
    /// use nixpen_store::DerivationInput;
    /// let env = [("name", "x"), ("builder", "/bin/sh"), ("system", "x86_64-linux"), ("outputs", "out dev")]
    ///     .into_iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    /// let input = DerivationInput::from_env("x", env, vec![], Default::default());
    /// assert_eq!(input.outputs, Some(vec!["out".to_string(), "dev".to_string()]));
    /// ```
    pub fn from_env(
        name: &str,
        env: BTreeMap<String, String>,
        args: Vec<String>,
        context: BTreeSet<ContextElem>,
    ) -> DerivationInput {
        let get = |key: &str| env.get(key).cloned();
        DerivationInput {
            name: name.to_string(),
            builder: get("builder").unwrap_or_default(),
            system: get("system").unwrap_or_default(),
            args,
            outputs: get("outputs")
                .map(|s| s.split([' ', '\t', '\n', '\r']).filter(|w| !w.is_empty()).map(str::to_string).collect()),
            output_hash: get("outputHash"),
            output_hash_algo: get("outputHashAlgo"),
            output_hash_mode: get("outputHashMode"),
            env,
            context,
        }
    }
}

/// What [`DrvStore::instantiate`] returns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Instantiated {
    /// The `.drv` path (`drvPath`).
    pub drv_path: String,
    /// Output name → output path.
    pub outputs: BTreeMap<String, String>,
    /// Warnings Nix would print (`found empty hash, assuming …`).
    pub warnings: Vec<String>,
}

/// Everything one evaluation has put in its (imaginary) store: derivations
/// with their modulo hashes, and the references of text files, so later
/// derivations can hash their inputs and follow `drvPath` closures.
///
/// ```
/// use nixpen_store::{DrvStore, DerivationInput};
/// let mut store = DrvStore::new("/nix/store");
/// let input = DerivationInput {
///     name: "x".into(), builder: "/bin/sh".into(), system: "x86_64-linux".into(),
///     env: [("name", "x"), ("builder", "/bin/sh"), ("system", "x86_64-linux")]
///         .into_iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
///     ..Default::default()
/// };
/// let result = store.instantiate(input).unwrap();
/// // nix-instantiate --eval -E '(derivation { name = "x"; system = "x86_64-linux"; builder = "/bin/sh"; }).drvPath'
/// assert_eq!(result.drv_path, "/nix/store/97qlv6h78lxlm9zc8849ahsbcklhsi2y-x.drv");
/// assert_eq!(result.outputs["out"], "/nix/store/s668cfx1vrqfjryf96jj8wfhg7f67dhj-x");
/// ```
#[derive(Clone, Debug, Default)]
pub struct DrvStore {
    store_dir: StoreDir,
    derivations: HashMap<String, Derivation>,
    hashes: HashMap<String, DrvHash>,
    references: HashMap<String, BTreeSet<String>>,
    texts: HashMap<String, Vec<u8>>,
    sources: HashMap<String, String>,
}

/// What a store path added to a [`DrvStore`] holds, so the evaluator can
/// serve `builtins.readFile` and friends on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StoreObject<'a> {
    /// A `toFile` result: its contents.
    Text(&'a [u8]),
    /// A `.drv` file: the derivation (its text is [`Derivation::to_aterm`]).
    Derivation(&'a Derivation),
    /// A copy of a file tree: the path it was copied from (before filtering).
    Source(&'a str),
}

impl DrvStore {
    /// An empty store rooted at `store_dir` (normally `/nix/store`).
    pub fn new(store_dir: &str) -> DrvStore {
        DrvStore { store_dir: StoreDir::new(store_dir), ..DrvStore::default() }
    }

    /// The store directory.
    pub fn store_dir(&self) -> &StoreDir {
        &self.store_dir
    }

    /// Forgets everything added.
    pub fn clear(&mut self) {
        self.derivations.clear();
        self.hashes.clear();
        self.references.clear();
        self.texts.clear();
        self.sources.clear();
    }

    /// What the store path `path` holds, if this store added it.
    pub fn object(&self, path: &str) -> Option<StoreObject<'_>> {
        if let Some(drv) = self.derivations.get(path) {
            Some(StoreObject::Derivation(drv))
        } else if let Some(text) = self.texts.get(path) {
            Some(StoreObject::Text(text))
        } else {
            self.sources.get(path).map(|origin| StoreObject::Source(origin))
        }
    }

    /// A derivation added earlier, by `.drv` path.
    pub fn derivation(&self, drv_path: &str) -> Option<&Derivation> {
        self.derivations.get(drv_path)
    }

    /// The modulo hash of a derivation added earlier.
    pub fn drv_hash(&self, drv_path: &str) -> Option<&DrvHash> {
        self.hashes.get(drv_path)
    }

    /// The references recorded for a path added earlier (text files,
    /// derivations, sources).
    pub fn references(&self, path: &str) -> Option<&BTreeSet<String>> {
        self.references.get(path)
    }

    /// The closure of `path` under references, `path` included. Paths this
    /// store has not seen count as having no references.
    pub fn closure(&self, path: &str) -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut todo = vec![path.to_string()];
        while let Some(p) = todo.pop() {
            if let Some(refs) = self.references.get(&p) {
                todo.extend(refs.iter().filter(|r| !seen.contains(*r)).cloned());
            }
            seen.insert(p);
        }
        seen
    }

    /// Registers a complete derivation (all output paths filled in): writes
    /// nothing, but remembers it, its modulo hash and its references.
    /// Returns its `.drv` path.
    pub fn add_derivation(&mut self, drv: Derivation) -> Result<String, StoreError> {
        let drv_path = drv.drv_path(&self.store_dir)?;
        let hash = hash_derivation_modulo(&drv, false, &|p| self.hashes.get(p).cloned())?;
        self.references.insert(drv_path.clone(), drv.references());
        self.hashes.insert(drv_path.clone(), hash);
        self.derivations.insert(drv_path.clone(), drv);
        Ok(drv_path)
    }

    /// `builtins.toFile name contents`: the text path, remembering its
    /// references. Only plain store paths may be in the context.
    ///
    /// ```
    /// use nixpen_store::DrvStore;
    /// let mut store = DrvStore::new("/nix/store");
    /// assert_eq!(store.to_file("x", b"hello", &Default::default()).unwrap(),
    ///            "/nix/store/4g4g9i669dl63abpww0djbl2jxl6bwiz-x");
    /// ```
    pub fn to_file(
        &mut self,
        name: &str,
        contents: &[u8],
        context: &BTreeSet<ContextElem>,
    ) -> Result<String, StoreError> {
        let mut refs = BTreeSet::new();
        let mut ordered: Vec<String> = context.iter().map(ContextElem::to_string).collect();
        crate::sort::sort(&mut ordered);
        for elem in ordered {
            if !elem.starts_with('/') {
                return Err(StoreError::BadPath(format!(
                    "in 'toFile': the file named '{name}' must not contain a reference to a derivation but contains ({elem})"
                )));
            }
            self.store_dir.parse_store_path(&elem)?;
            refs.insert(elem);
        }
        let path = self.store_dir.make_text_path(name, contents, &refs)?;
        self.references.insert(path.clone(), refs);
        self.texts.insert(path.clone(), contents.to_vec());
        Ok(path)
    }

    /// Adds a file tree as `"${./foo}"`, `builtins.path` and `filterSource`
    /// do: the store path of `path` in `source` under `name`, hashed as a
    /// NAR (`Recursive`) or as the bytes of one file (`Flat`), with sha256.
    /// If `expected` is given (`builtins.path { sha256 = …; }`) the result
    /// must be the path that hash gives.
    pub fn add_source(
        &mut self,
        source: &dyn NarSource,
        path: &str,
        name: &str,
        method: IngestionMethod,
        expected: Option<&Hash>,
    ) -> Result<String, StoreError> {
        let hash = match method {
            IngestionMethod::Recursive => nar_hash(source, path, HashAlgo::Sha256)?,
            IngestionMethod::Flat => match source.kind(path)? {
                FileKind::Regular { .. } => Hash::of(HashAlgo::Sha256, &source.read(path)?),
                _ => return Err(StoreError::Io(format!("file '{path}' has an unsupported type"))),
            },
        };
        let none = BTreeSet::new();
        let store_path = self.store_dir.make_fixed_output_path(method, &hash, name, &none, false)?;
        if let Some(expected) = expected {
            let wanted = self.store_dir.make_fixed_output_path(method, expected, name, &none, false)?;
            if wanted != store_path {
                return Err(StoreError::BadPath(format!(
                    "store path mismatch in (possibly filtered) path added from '{path}'"
                )));
            }
        }
        self.references.insert(store_path.clone(), none);
        self.sources.insert(store_path.clone(), path.to_string());
        Ok(store_path)
    }

    /// Nix's `derivationStrict` from its evaluated attributes: checks them,
    /// computes the output paths (hashing the derivation with empty output
    /// paths first, or from `outputHash` for a fixed-output derivation),
    /// then the `.drv` path, and remembers the derivation for later ones.
    pub fn instantiate(&mut self, input: DerivationInput) -> Result<Instantiated, StoreError> {
        let bad = |m: String| Err(StoreError::BadDerivation(m));
        let method = match input.output_hash_mode.as_deref() {
            None | Some("flat") => IngestionMethod::Flat,
            Some("recursive") => IngestionMethod::Recursive,
            Some(other) => return bad(format!("invalid value '{other}' for 'outputHashMode' attribute")),
        };
        let output_names = input.outputs.clone().unwrap_or_else(|| vec!["out".to_string()]);
        let mut outputs = BTreeSet::new();
        for name in &output_names {
            if outputs.contains(name) {
                return bad(format!("duplicate derivation output '{name}'"));
            }
            if name == "drv" {
                return bad("invalid derivation output name 'drv'".to_string());
            }
            outputs.insert(name.clone());
        }
        if outputs.is_empty() {
            return bad("derivation cannot have an empty set of outputs".to_string());
        }

        let mut drv = Derivation {
            name: input.name.clone(),
            system: input.system,
            builder: input.builder,
            args: input.args,
            env: input.env,
            ..Derivation::default()
        };
        self.add_context(&mut drv, &input.context)?;

        if drv.builder.is_empty() {
            return bad("required attribute 'builder' missing".to_string());
        }
        if drv.system.is_empty() {
            return bad("required attribute 'system' missing".to_string());
        }
        if drv.name.ends_with(".drv") {
            return bad("derivation names are not allowed to end in '.drv'".to_string());
        }

        let mut warnings = Vec::new();
        if let Some(output_hash) = &input.output_hash {
            if outputs.len() != 1 || !outputs.contains("out") {
                return bad("multiple outputs are not supported in fixed-output derivations".to_string());
            }
            let algo = input.output_hash_algo.as_deref().and_then(HashAlgo::from_name);
            let (hash, warning) = Hash::parse_allow_empty(output_hash, algo)?;
            warnings.extend(warning);
            let path = self.store_dir.make_fixed_output_path(method, &hash, &drv.name, &BTreeSet::new(), false)?;
            drv.env.insert("out".to_string(), path.clone());
            drv.outputs.insert("out".to_string(), DerivationOutput::Fixed { method, hash, path });
        } else {
            for name in &outputs {
                drv.env.insert(name.clone(), String::new());
                drv.outputs.insert(name.clone(), DerivationOutput::Deferred);
            }
            let masked = hash_derivation_modulo(&drv, true, &|p| self.hashes.get(p).cloned())?;
            let DrvHash::Regular(hash) = masked else {
                unreachable!("a derivation with deferred outputs is not fixed-output")
            };
            for name in &outputs {
                let path = self.store_dir.make_output_path(name, &hash, &drv.name)?;
                drv.env.insert(name.clone(), path.clone());
                drv.outputs.insert(name.clone(), DerivationOutput::InputAddressed { path });
            }
        }

        let outputs = drv.output_paths();
        let drv_path = self.add_derivation(drv)?;
        Ok(Instantiated { drv_path, outputs, warnings })
    }

    /// Turns the string context into `inputDrvs` and `inputSrcs`, in the
    /// order Nix 2.8 walks its context set (`!…`, then `/…`, then `=…`).
    fn add_context(&self, drv: &mut Derivation, context: &BTreeSet<ContextElem>) -> Result<(), StoreError> {
        let mut ordered: Vec<(String, &ContextElem)> = context.iter().map(|e| (e.to_string(), e)).collect();
        crate::sort::sort(&mut ordered);
        for (_, elem) in ordered {
            self.store_dir.parse_store_path(elem.path())?;
            match elem {
                ContextElem::Opaque(path) => {
                    drv.input_srcs.insert(path.clone());
                }
                ContextElem::Built { drv_path, output } => {
                    drv.input_drvs.entry(drv_path.clone()).or_default().insert(output.clone());
                }
                ContextElem::DrvDeep(drv_path) => {
                    if !self.derivations.contains_key(drv_path) {
                        return Err(StoreError::BadPath(format!("path '{drv_path}' is not valid")));
                    }
                    for path in self.closure(drv_path) {
                        drv.input_srcs.insert(path.clone());
                        if let Some(dep) = self.derivations.get(&path) {
                            // Extended, not collected: collecting sorts the
                            // (already ordered) names with a sort of its own.
                            let mut outputs = BTreeSet::new();
                            outputs.extend(dep.outputs.keys().cloned());
                            drv.input_drvs.insert(path, outputs);
                        }
                    }
                }
            }
        }
        Ok(())
    }
}
