//! Store paths: `makeStorePath` and the kinds built on it (text, source,
//! fixed-output, derivation output), name validation and parsing.

use std::collections::BTreeSet;

use crate::base32;
use crate::error::StoreError;
use crate::hash::{sha256, Hash, HashAlgo};

/// Length of the base-32 hash part of a store path's base name.
pub const HASH_PART_LEN: usize = 32;

/// Longest allowed name (the part after `<hash>-`).
pub const MAX_NAME_LEN: usize = 211;

/// How a file system object is hashed for a content-addressed path.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IngestionMethod {
    /// The bytes of a single regular file.
    Flat,
    /// The NAR serialisation of a file tree (`outputHashMode = "recursive"`).
    Recursive,
}

impl IngestionMethod {
    /// `"r:"` for recursive, `""` for flat, the prefix Nix puts before an
    /// algorithm name in `.drv` files and fixed-output fingerprints.
    pub fn prefix(self) -> &'static str {
        match self {
            IngestionMethod::Flat => "",
            IngestionMethod::Recursive => "r:",
        }
    }
}

/// The name of output `output` of a derivation named `drv_name`:
/// `drv_name` for `out`, `drv_name-output` otherwise.
///
/// ```
/// assert_eq!(nixpen_store::output_path_name("hello", "out"), "hello");
/// assert_eq!(nixpen_store::output_path_name("hello", "dev"), "hello-dev");
/// ```
pub fn output_path_name(drv_name: &str, output: &str) -> String {
    if output == "out" {
        drv_name.to_string()
    } else {
        format!("{drv_name}-{output}")
    }
}

/// Checks a store path name as Nix 2.8 does: not empty, at most 211
/// bytes, only `A-Za-z0-9+-._?=`. `base_name` (`<hash>-<name>`) is what
/// the error message shows. (For a non-ASCII character Nix prints only its
/// first byte, which is not valid UTF-8; we print the whole character.)
///
/// ```
/// let err = nixpen_store::check_name("00000000000000000000000000000000-a b", "a b").unwrap_err();
/// assert_eq!(err.to_string(), "store path '00000000000000000000000000000000-a b' contains illegal character ' '");
/// ```
pub fn check_name(base_name: &str, name: &str) -> Result<(), StoreError> {
    if name.is_empty() {
        return Err(StoreError::InvalidName(format!("store path '{base_name}' has an empty name")));
    }
    if name.len() > MAX_NAME_LEN {
        return Err(StoreError::InvalidName(format!(
            "store path '{base_name}' has a name longer than {MAX_NAME_LEN} characters"
        )));
    }
    let ok = |c: char| c.is_ascii_alphanumeric() || "+-._?=".contains(c);
    if let Some(c) = name.chars().find(|&c| !ok(c)) {
        return Err(StoreError::InvalidName(format!("store path '{base_name}' contains illegal character '{c}'")));
    }
    Ok(())
}

/// A store directory (normally `/nix/store`) and the path arithmetic that
/// depends on it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoreDir {
    dir: String,
}

impl Default for StoreDir {
    fn default() -> Self {
        StoreDir::new("/nix/store")
    }
}

impl StoreDir {
    /// A store directory; a trailing `/` is dropped.
    pub fn new(dir: &str) -> StoreDir {
        let trimmed = dir.trim_end_matches('/');
        StoreDir { dir: if trimmed.is_empty() { "/".into() } else { trimmed.into() } }
    }

    /// The directory, e.g. `/nix/store`.
    pub fn as_str(&self) -> &str {
        &self.dir
    }

    /// Nix's `makeStorePath`: the fingerprint
    /// `"<type>:<algo>:<hex digest>:<store dir>:<name>"` is hashed with
    /// sha256, folded to 20 bytes and written in base-32, giving
    /// `<store dir>/<hash>-<name>`. Fails if `name` is not a valid name.
    ///
    /// ```
    /// use nixpen_store::{sha256, StoreDir};
    /// let dir = StoreDir::default();
    /// let path = dir.make_store_path("text", &sha256(b"hello"), "greeting").unwrap();
    /// assert!(path.starts_with("/nix/store/") && path.ends_with("-greeting"));
    /// ```
    pub fn make_store_path(&self, ty: &str, hash: &Hash, name: &str) -> Result<String, StoreError> {
        let fingerprint = format!("{ty}:{}:{}:{name}", hash.encode(crate::HashFormat::Base16, true), self.dir);
        let digest = base32::encode(&sha256(fingerprint.as_bytes()).compress(20));
        let base_name = format!("{digest}-{name}");
        check_name(&base_name, name)?;
        Ok(format!("{}/{base_name}", self.dir))
    }

    /// Nix's `makeType`: `ty`, then `:<path>` for each reference (in
    /// sorted order), then `:self` if the object refers to itself.
    pub fn make_type(&self, ty: &str, references: &BTreeSet<String>, self_reference: bool) -> String {
        let mut out = ty.to_string();
        for reference in references {
            out.push(':');
            out.push_str(reference);
        }
        if self_reference {
            out.push_str(":self");
        }
        out
    }

    /// The path of a text file with these contents and references, as
    /// `builtins.toFile` and `.drv` files get.
    ///
    /// ```
    /// use nixpen_store::StoreDir;
    /// let dir = StoreDir::default();
    /// // nix-instantiate --eval -E 'builtins.toFile "x" "hello"'
    /// assert_eq!(dir.make_text_path("x", b"hello", &Default::default()).unwrap(),
    ///            "/nix/store/4g4g9i669dl63abpww0djbl2jxl6bwiz-x");
    /// ```
    pub fn make_text_path(
        &self,
        name: &str,
        contents: &[u8],
        references: &BTreeSet<String>,
    ) -> Result<String, StoreError> {
        self.make_store_path(&self.make_type("text", references, false), &sha256(contents), name)
    }

    /// Nix's `makeFixedOutputPath`. A recursive sha256 hash gives a
    /// `source` path (which may have references); anything else hashes
    /// `fixed:out:<r:?><algo>:<hex>:` again and gives an `output:out` path.
    pub fn make_fixed_output_path(
        &self,
        method: IngestionMethod,
        hash: &Hash,
        name: &str,
        references: &BTreeSet<String>,
        self_reference: bool,
    ) -> Result<String, StoreError> {
        if hash.algo() == HashAlgo::Sha256 && method == IngestionMethod::Recursive {
            let ty = self.make_type("source", references, self_reference);
            return self.make_store_path(&ty, hash, name);
        }
        if !references.is_empty() || self_reference {
            return Err(StoreError::BadPath(format!("fixed-output path '{name}' cannot have references")));
        }
        let inner = format!("fixed:out:{}{}:", method.prefix(), hash.encode(crate::HashFormat::Base16, true));
        self.make_store_path("output:out", &sha256(inner.as_bytes()), name)
    }

    /// Nix's `makeOutputPath`: the path of output `output` of an
    /// input-addressed derivation named `drv_name` whose masked derivation
    /// hashes to `drv_hash` (see [`crate::hash_derivation_modulo`]).
    pub fn make_output_path(&self, output: &str, drv_hash: &Hash, drv_name: &str) -> Result<String, StoreError> {
        self.make_store_path(&format!("output:{output}"), drv_hash, &output_path_name(drv_name, output))
    }

    /// Whether `path` is directly inside this store directory
    /// (`<store dir>/<something>`, no further `/`).
    pub fn is_store_path(&self, path: &str) -> bool {
        self.parse_store_path(path).is_ok()
    }

    /// Splits a store path into its hash part and name, checking both as
    /// Nix's `parseStorePath` does.
    ///
    /// ```
    /// use nixpen_store::StoreDir;
    /// let dir = StoreDir::default();
    /// let (hash, name) = dir.parse_store_path("/nix/store/4g4g9i669dl63abpww0djbl2jxl6bwiz-x").unwrap();
    /// assert_eq!((hash, name), ("4g4g9i669dl63abpww0djbl2jxl6bwiz", "x"));
    /// ```
    pub fn parse_store_path<'a>(&self, path: &'a str) -> Result<(&'a str, &'a str), StoreError> {
        let base = path
            .strip_prefix(self.dir.as_str())
            .and_then(|rest| rest.strip_prefix('/'))
            .filter(|base| !base.contains('/'))
            .ok_or_else(|| StoreError::BadPath(format!("path '{path}' is not in the Nix store")))?;
        if base.len() < HASH_PART_LEN + 1 {
            return Err(StoreError::BadPath(format!("'{base}' is too short to be a valid store path")));
        }
        let bad_digit = base
            .char_indices()
            .take_while(|(i, _)| *i < HASH_PART_LEN)
            .find(|(_, c)| !c.is_ascii() || !base32::ALPHABET.contains(&(*c as u8)));
        if let Some((_, c)) = bad_digit {
            return Err(StoreError::BadPath(format!("store path '{base}' contains illegal base-32 character '{c}'")));
        }
        // The hash part is ASCII, so byte 32 starts a character.
        let hash = &base[..HASH_PART_LEN];
        let name = match base.get(HASH_PART_LEN + 1..) {
            Some(name) => name,
            None => {
                let c = base[HASH_PART_LEN..].chars().next().unwrap_or('-');
                return Err(StoreError::InvalidName(format!("store path '{base}' contains illegal character '{c}'")));
            }
        };
        check_name(base, name)?;
        Ok((hash, name))
    }

    /// The store path a path inside the store belongs to:
    /// `/nix/store/abc-x/bin/sh` → `/nix/store/abc-x`. `None` if `path` is
    /// not under the store directory.
    pub fn to_store_path<'a>(&self, path: &'a str) -> Option<&'a str> {
        let rest = path.strip_prefix(self.dir.as_str())?.strip_prefix('/')?;
        let len = self.dir.len() + 1 + rest.find('/').unwrap_or(rest.len());
        (len > self.dir.len() + 1).then(|| &path[..len])
    }
}

/// Nix's `hashPlaceholder`, the value of `builtins.placeholder output`:
/// `/` followed by the base-32 sha256 of `nix-output:<output>`.
///
/// ```
/// // nix-instantiate --eval -E 'builtins.placeholder "out"'
/// assert_eq!(nixpen_store::placeholder("out"), "/1rz4g4znpzjwh1xymhjpm42vipw92pr73vdgl6xs1hycac8kf2n9");
/// ```
pub fn placeholder(output: &str) -> String {
    format!("/{}", sha256(format!("nix-output:{output}").as_bytes()).to_base32())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_store_path_rejects_without_panicking() {
        let dir = StoreDir::default();
        let hash = "4g4g9i669dl63abpww0djbl2jxl6bwiz";
        for bad in [
            "/nix/store/x".to_string(),
            "/nix/storex/abc".to_string(),
            format!("/nix/store/{hash}-a/b"),
            format!("/nix/store/{}-x", "é".repeat(16)),
            format!("/nix/store/{}-x", "e".repeat(32)),
            format!("/nix/store/{hash}é"),
            format!("/nix/store/{hash}-a b"),
            format!("/nix/store/{hash}-"),
        ] {
            assert!(dir.parse_store_path(&bad).is_err(), "{bad}");
        }
        assert_eq!(dir.parse_store_path(&format!("/nix/store/{hash}-ok")).unwrap(), (hash, "ok"));
        assert_eq!(
            dir.to_store_path(&format!("/nix/store/{hash}-ok/bin/sh")),
            Some(format!("/nix/store/{hash}-ok").as_str())
        );
        assert_eq!(dir.to_store_path("/nix/store/"), None);
        assert_eq!(dir.to_store_path("/etc/passwd"), None);
    }

    #[test]
    fn names_at_the_length_limit() {
        let long = "x".repeat(MAX_NAME_LEN);
        assert!(check_name("h-", &long).is_ok());
        let longer = "x".repeat(MAX_NAME_LEN + 1);
        assert_eq!(
            check_name("h", &longer).unwrap_err().to_string(),
            "store path 'h' has a name longer than 211 characters"
        );
    }
}
