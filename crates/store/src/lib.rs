//! Nix store arithmetic without a store.
//!
//! Everything Nix computes about store paths, exact to the byte, from plain
//! Rust data: hashes and their encodings ([`Hash`], [`base32`]), NAR
//! serialisation of file trees ([`nar_hash`] over a [`NarSource`]), store
//! paths ([`StoreDir`]), derivations and their `.drv` text ([`Derivation`],
//! [`aterm`], [`hash_derivation_modulo`]) and the whole of
//! `derivationStrict` ([`DrvStore::instantiate`]). Nothing here touches a
//! disk except [`RealTree`], which does not exist on wasm.
//!
//! ```
//! use nixpen_store::{DrvStore, placeholder};
//! let mut store = DrvStore::new("/nix/store");
//! let path = store.to_file("x", b"hello", &Default::default()).unwrap();
//! assert_eq!(path, "/nix/store/4g4g9i669dl63abpww0djbl2jxl6bwiz-x");
//! assert!(placeholder("out").starts_with('/'));
//! ```

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
mod store;
mod tree;

pub use context::ContextElem;
pub use derivation::{hash_derivation_modulo, Derivation, DerivationOutput, DrvHash};
pub use error::StoreError;
pub use hash::{sha256, Hash, HashAlgo, HashFormat, Hasher};
pub use nar::{dump, join, nar_bytes, nar_hash, FileKind, Filtered, NarSource};
pub use path::{
    check_name, output_path_name, placeholder, IngestionMethod, StoreDir, HASH_PART_LEN,
    MAX_NAME_LEN,
};
pub use store::{DerivationInput, DrvStore, Instantiated};
#[cfg(not(target_arch = "wasm32"))]
pub use tree::RealTree;
pub use tree::{MemoryNode, MemoryTree};
