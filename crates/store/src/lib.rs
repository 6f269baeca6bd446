//! Nix store arithmetic without a store.
//!
//! Everything Nix computes about store paths, exact to the byte, from plain
//! Rust data: hashes and their encodings ([`struct@Hash`], [`base32`]), NAR
//! serialisation of file trees ([`nar_hash`] over a [`NarSource`]), store
//! paths ([`StoreDir`]), derivations and their `.drv` text ([`Derivation`],
//! [`aterm`], [`hash_derivation_modulo`]) and the whole of
//! `derivationStrict` ([`DrvStore::instantiate`]). Nothing here touches a
//! disk except [`RealTree`], which does not exist on wasm. Error messages
//! are Nix 2.8's, word for word (see [`StoreError`]).
//!
//! ```
//! use nixpen_store::{DrvStore, placeholder};
//! let mut store = DrvStore::new("/nix/store");
//! let path = store.to_file("x", b"hello", &Default::default()).unwrap();
//! assert_eq!(path, "/nix/store/4g4g9i669dl63abpww0djbl2jxl6bwiz-x");
//! assert!(placeholder("out").starts_with('/'));
//! ```
//!
//! # Using it from the evaluator
//!
//! Keep one [`DrvStore`] per evaluation; it remembers every derivation,
//! `toFile` result and source added, which later derivations need.
//!
//! | builtin | call |
//! |---|---|
//! | `derivationStrict attrs` | [`DerivationInput::from_env`] (or fill the fields for `__structuredAttrs`), then [`DrvStore::instantiate`]; the result set is `drvPath` with context `=<drvPath>` ([`ContextElem::DrvDeep`]) and one attribute per output with context `!<out>!<drvPath>` ([`ContextElem::Built`]) |
//! | `toFile name s` | [`DrvStore::to_file`] with the context of `s`; the result has context `<path>` ([`ContextElem::Opaque`]) |
//! | `"${./p}"`, `builtins.path`, `filterSource` | [`DrvStore::add_source`] over a [`NarSource`] view of the evaluator's file system ([`Filtered`] for `filter`) |
//! | `placeholder out` | [`placeholder`] |
//! | `hashString algo s`, `hashFile algo p` | [`HashAlgo::parse`], [`Hash::of`], [`Hash::to_base16`] |
//! | `convertHash { … }` | [`convert_hash`] |
//! | `storePath`, context checks | [`StoreDir::parse_store_path`], [`StoreDir::to_store_path`] |
//!
//! For `derivationStrict` the evaluator does what needs values: it reads
//! `name`, skips `null`s under `__ignoreNulls`, coerces every other
//! attribute to a string (`args` element-wise), or with `__structuredAttrs`
//! writes all attributes but `args` and `__structuredAttrs` as JSON with
//! sorted keys into `env["__json"]`, and collects the union of contexts.
//! This crate does the rest, including the checks and their order.

#![warn(missing_docs)]

pub mod aterm;
pub mod base16;
pub mod base32;
pub mod base64;
mod context;
mod derivation;
mod error;
mod hash;
mod nar;
mod path;
pub mod sha256_memo;
pub mod sort;
mod store;
mod tree;

pub use context::ContextElem;
pub use derivation::{hash_derivation_modulo, Derivation, DerivationOutput, DrvHash};
pub use error::StoreError;
pub use hash::{convert_hash, sha256, Hash, HashAlgo, HashFormat, Hasher};
pub use nar::{dump, join, nar_bytes, nar_hash, FileKind, Filtered, NarSource};
pub use path::{check_name, output_path_name, placeholder, IngestionMethod, StoreDir, HASH_PART_LEN, MAX_NAME_LEN};
pub use store::{DerivationInput, DrvStore, Instantiated, StoreObject};
#[cfg(not(target_arch = "wasm32"))]
pub use tree::RealTree;
pub use tree::{MemoryNode, MemoryTree};
