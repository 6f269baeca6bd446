//! The one error type of this crate.

use std::fmt;

/// Everything that can go wrong in store arithmetic.
///
/// `Display` prints the message exactly as Nix 2.8 words it (without the
/// leading `error: `), so the evaluator can show it unchanged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// A store path name is empty, too long or has an illegal character.
    InvalidName(String),
    /// A hash string could not be parsed, or a hash algorithm is unknown.
    BadHash(String),
    /// The attributes given to `derivationStrict` are not a valid derivation.
    BadDerivation(String),
    /// A store path is malformed or not known to the [`crate::DrvStore`].
    BadPath(String),
    /// Reading a file tree failed (reported by a [`crate::NarSource`]).
    Io(String),
}

impl StoreError {
    /// The message, as Nix words it.
    pub fn message(&self) -> &str {
        match self {
            StoreError::InvalidName(m)
            | StoreError::BadHash(m)
            | StoreError::BadDerivation(m)
            | StoreError::BadPath(m)
            | StoreError::Io(m) => m,
        }
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for StoreError {}
