//! The `Derivation` data, its `.drv` path and `hashDerivationModulo`.

use std::collections::{BTreeMap, BTreeSet};

use crate::aterm;
use crate::error::StoreError;
use crate::hash::{sha256, Hash, HashFormat};
use crate::path::{IngestionMethod, StoreDir};

/// One output of a derivation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DerivationOutput {
    /// An input-addressed output at a path computed from the derivation.
    InputAddressed {
        /// The output's store path.
        path: String,
    },
    /// A fixed-output (content-addressed with a known hash) output.
    Fixed {
        /// Flat file or NAR.
        method: IngestionMethod,
        /// The expected hash.
        hash: Hash,
        /// The output's store path (see [`StoreDir::make_fixed_output_path`]).
        path: String,
    },
    /// An output whose path is not known yet: written with empty fields.
    /// `derivationStrict` uses it while hashing the masked derivation.
    Deferred,
}

impl DerivationOutput {
    /// The output's path, if known.
    pub fn path(&self) -> Option<&str> {
        match self {
            DerivationOutput::InputAddressed { path } | DerivationOutput::Fixed { path, .. } => Some(path),
            DerivationOutput::Deferred => None,
        }
    }
}

/// A store derivation: what a `.drv` file holds, plus its name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Derivation {
    /// The `name` attribute (the `.drv` file is `<name>.drv`).
    pub name: String,
    /// Outputs by name.
    pub outputs: BTreeMap<String, DerivationOutput>,
    /// Input derivations (`.drv` paths) and the outputs used from each.
    pub input_drvs: BTreeMap<String, BTreeSet<String>>,
    /// Input sources: store paths used directly.
    pub input_srcs: BTreeSet<String>,
    /// The `system` attribute.
    pub system: String,
    /// The `builder` attribute.
    pub builder: String,
    /// The builder's arguments.
    pub args: Vec<String>,
    /// The builder's environment.
    pub env: BTreeMap<String, String>,
}

impl Derivation {
    /// The `.drv` file text (Nix's `unparse` without masking).
    pub fn to_aterm(&self) -> String {
        aterm::unparse(self, false, None)
    }

    /// Whether this is a fixed-output derivation (its only output has a
    /// known hash).
    pub fn is_fixed_output(&self) -> bool {
        self.outputs.len() == 1 && matches!(self.outputs.values().next(), Some(DerivationOutput::Fixed { .. }))
    }

    /// The references of the `.drv` file: input sources and input
    /// derivations (outputs are not references).
    pub fn references(&self) -> BTreeSet<String> {
        let mut refs = self.input_srcs.clone();
        refs.extend(self.input_drvs.keys().cloned());
        refs
    }

    /// The path of the `.drv` file: a text path named `<name>.drv` with
    /// [`Derivation::references`].
    pub fn drv_path(&self, store_dir: &StoreDir) -> Result<String, StoreError> {
        store_dir.make_text_path(&format!("{}.drv", self.name), self.to_aterm().as_bytes(), &self.references())
    }

    /// Output name → path, for outputs whose path is known.
    pub fn output_paths(&self) -> BTreeMap<String, String> {
        // Inserted one by one: collecting would sort the already ordered
        // pairs again, with a sort compiled for this one type.
        let mut paths = BTreeMap::new();
        for (name, out) in &self.outputs {
            if let Some(path) = out.path() {
                paths.insert(name.clone(), path.to_string());
            }
        }
        paths
    }
}

/// The result of `hashDerivationModulo`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DrvHash {
    /// One hash for the whole (input-addressed) derivation.
    Regular(Hash),
    /// A fixed-output derivation: one hash per output, of
    /// `fixed:out:<r:?><algo>:<hex>:<path>`.
    Fixed(BTreeMap<String, Hash>),
}

/// Nix's `hashDerivationModulo`: a hash of the derivation that does not
/// change when a fixed-output input changes how it is fetched.
///
/// A fixed-output derivation hashes to `fixed:out:<method+algo>:<hex>:<path>`
/// per output. Any other derivation hashes to the sha256 of its ATerm
/// (outputs masked if `mask_outputs`) in which each input derivation is
/// replaced by the base-16 of its own modulo hash: a regular input keeps its
/// output names; a fixed-output input contributes one entry per used output,
/// each with the single output `out`. `lookup` gives the modulo hash of an
/// input `.drv` path (as computed with `mask_outputs = false`).
pub fn hash_derivation_modulo(
    drv: &Derivation,
    mask_outputs: bool,
    lookup: &dyn Fn(&str) -> Option<DrvHash>,
) -> Result<DrvHash, StoreError> {
    if drv.is_fixed_output() {
        let mut hashes = BTreeMap::new();
        for (name, output) in &drv.outputs {
            if let DerivationOutput::Fixed { method, hash, path } = output {
                let fingerprint = format!(
                    "fixed:out:{}{}:{}:{}",
                    method.prefix(),
                    hash.algo().name(),
                    hash.encode(HashFormat::Base16, false),
                    path
                );
                hashes.insert(name.clone(), sha256(fingerprint.as_bytes()));
            }
        }
        return Ok(DrvHash::Fixed(hashes));
    }
    let mut inputs: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (path, outputs) in &drv.input_drvs {
        match lookup(path) {
            Some(DrvHash::Regular(hash)) => {
                inputs.insert(hash.to_base16(), outputs.clone());
            }
            Some(DrvHash::Fixed(hashes)) => {
                for output in outputs {
                    let hash = hashes.get(output).ok_or_else(|| {
                        StoreError::BadDerivation(format!(
                            "derivation '{path}' does not have an output named '{output}'"
                        ))
                    })?;
                    // Not `BTreeSet::from([…])`, which sorts its array with
                    // a sort compiled for it alone.
                    let mut out = BTreeSet::new();
                    out.insert("out".to_string());
                    inputs.insert(hash.to_base16(), out);
                }
            }
            None => {
                return Err(StoreError::BadPath(format!("path '{path}' is not a known derivation")));
            }
        }
    }
    Ok(DrvHash::Regular(sha256(aterm::unparse(drv, mask_outputs, Some(&inputs)).as_bytes())))
}
