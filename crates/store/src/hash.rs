//! Hash algorithms (md5, sha1, sha256, sha512), hash values, and their
//! text forms: base-16, Nix base-32, base-64 and SRI, in both directions.

use crate::error::StoreError;
use crate::{base16, base32, base64};
use sha2::Digest;

/// A hash algorithm Nix knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum HashAlgo {
    /// MD5, 16 bytes.
    Md5,
    /// SHA-1, 20 bytes.
    Sha1,
    /// SHA-256, 32 bytes.
    Sha256,
    /// SHA-512, 64 bytes.
    Sha512,
}

impl HashAlgo {
    /// All algorithms, shortest digest first.
    pub const ALL: [HashAlgo; 4] = [HashAlgo::Md5, HashAlgo::Sha1, HashAlgo::Sha256, HashAlgo::Sha512];

    /// The name Nix uses: `md5`, `sha1`, `sha256`, `sha512`.
    pub fn name(self) -> &'static str {
        match self {
            HashAlgo::Md5 => "md5",
            HashAlgo::Sha1 => "sha1",
            HashAlgo::Sha256 => "sha256",
            HashAlgo::Sha512 => "sha512",
        }
    }

    /// The algorithm with this name, if any.
    pub fn from_name(name: &str) -> Option<HashAlgo> {
        HashAlgo::ALL.into_iter().find(|a| a.name() == name)
    }

    /// Like [`HashAlgo::from_name`], failing with Nix's message.
    ///
    /// ```
    /// use nixpen_store::HashAlgo;
    /// assert_eq!(HashAlgo::parse("sha512"), Ok(HashAlgo::Sha512));
    /// assert_eq!(HashAlgo::parse("sha3").unwrap_err().to_string(), "unknown hash algorithm 'sha3'");
    /// ```
    pub fn parse(name: &str) -> Result<HashAlgo, StoreError> {
        HashAlgo::from_name(name).ok_or_else(|| StoreError::BadHash(format!("unknown hash algorithm '{name}'")))
    }

    /// Digest size in bytes.
    pub fn size(self) -> usize {
        match self {
            HashAlgo::Md5 => 16,
            HashAlgo::Sha1 => 20,
            HashAlgo::Sha256 => 32,
            HashAlgo::Sha512 => 64,
        }
    }
}

/// A text encoding of a hash.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HashFormat {
    /// Lower-case hexadecimal.
    Base16,
    /// Nix base-32 (see [`crate::base32`]).
    Base32,
    /// Padded base-64.
    Base64,
    /// Subresource Integrity: `<algo>-<base64>`.
    Sri,
}

impl HashFormat {
    /// The format named as `builtins.convertHash`'s `toHashFormat` names it:
    /// `base16`, `nix32` (or the older `base32`), `base64`, `sri`.
    pub fn from_name(name: &str) -> Option<HashFormat> {
        match name {
            "base16" => Some(HashFormat::Base16),
            "nix32" | "base32" => Some(HashFormat::Base32),
            "base64" => Some(HashFormat::Base64),
            "sri" => Some(HashFormat::Sri),
            _ => None,
        }
    }
}

/// A hash value: an algorithm and its digest bytes.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Hash {
    algo: HashAlgo,
    bytes: Vec<u8>,
}

impl Hash {
    /// Wraps digest bytes; `None` if their length does not fit `algo`.
    pub fn from_bytes(algo: HashAlgo, bytes: Vec<u8>) -> Option<Hash> {
        (bytes.len() == algo.size()).then_some(Hash { algo, bytes })
    }

    /// The all-zero hash of `algo` (what Nix assumes for an empty `outputHash`).
    pub fn zero(algo: HashAlgo) -> Hash {
        Hash { algo, bytes: vec![0; algo.size()] }
    }

    /// Hashes `data` in one go.
    ///
    /// ```
    /// use nixpen_store::{Hash, HashAlgo};
    /// assert_eq!(Hash::of(HashAlgo::Md5, b"").to_base16(), "d41d8cd98f00b204e9800998ecf8427e");
    /// ```
    pub fn of(algo: HashAlgo, data: &[u8]) -> Hash {
        let mut hasher = Hasher::new(algo);
        hasher.update(data);
        hasher.finish()
    }

    /// The algorithm.
    pub fn algo(&self) -> HashAlgo {
        self.algo
    }

    /// The digest bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Lower-case hexadecimal, no algorithm prefix.
    pub fn to_base16(&self) -> String {
        base16::encode(&self.bytes)
    }

    /// Nix base-32, no algorithm prefix.
    pub fn to_base32(&self) -> String {
        base32::encode(&self.bytes)
    }

    /// Padded base-64, no algorithm prefix.
    pub fn to_base64(&self) -> String {
        base64::encode(&self.bytes)
    }

    /// SRI form, `sha256-…`.
    pub fn to_sri(&self) -> String {
        format!("{}-{}", self.algo.name(), self.to_base64())
    }

    /// Encodes in `format`; with `with_algo`, non-SRI forms get an
    /// `<algo>:` prefix (SRI always carries its algorithm), as Nix's
    /// `Hash::to_string` does.
    ///
    /// ```
    /// use nixpen_store::{Hash, HashAlgo, HashFormat};
    /// let h = Hash::of(HashAlgo::Sha1, b"");
    /// assert_eq!(h.encode(HashFormat::Base16, true), "sha1:da39a3ee5e6b4b0d3255bfef95601890afd80709");
    /// ```
    pub fn encode(&self, format: HashFormat, with_algo: bool) -> String {
        let body = match format {
            HashFormat::Base16 => self.to_base16(),
            HashFormat::Base32 => self.to_base32(),
            HashFormat::Base64 => self.to_base64(),
            HashFormat::Sri => return self.to_sri(),
        };
        if with_algo {
            format!("{}:{}", self.algo.name(), body)
        } else {
            body
        }
    }

    /// Parses a hash in any of Nix's forms: `<algo>:<digest>`,
    /// `<algo>-<base64>` (SRI) or a bare digest when `algo` is given; the
    /// digest may be base-16, Nix base-32 or base-64, told apart by length.
    /// If both the text and `algo` name an algorithm they must agree.
    /// This is Nix's `Hash::parseAny`, with its error messages.
    ///
    /// ```
    /// use nixpen_store::{Hash, HashAlgo};
    /// let sri = "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";
    /// let h = Hash::parse_any(sri, None).unwrap();
    /// assert_eq!(h, Hash::of(HashAlgo::Sha256, b""));
    /// assert_eq!(Hash::parse_any(&h.to_base32(), Some(HashAlgo::Sha256)).unwrap(), h);
    /// ```
    pub fn parse_any(text: &str, algo: Option<HashAlgo>) -> Result<Hash, StoreError> {
        let (prefix, rest, is_sri) = match text.split_once(':') {
            Some((p, r)) => (Some(p), r, false),
            None => match text.split_once('-') {
                Some((p, r)) => (Some(p), r, true),
                None => (None, text, false),
            },
        };
        let parsed = prefix.map(HashAlgo::parse).transpose()?;
        let algo = match (parsed, algo) {
            (None, None) => {
                return Err(StoreError::BadHash(format!(
                    "hash '{rest}' does not include a type, nor is the type otherwise known from context"
                )))
            }
            (Some(p), Some(a)) if p != a => {
                return Err(StoreError::BadHash(format!("hash '{text}' should have type '{}'", a.name())))
            }
            (Some(a), _) | (None, Some(a)) => a,
        };
        Hash::decode(rest, algo, is_sri)
    }

    /// Parses an SRI hash, `<algo>-<base64>`.
    ///
    /// ```
    /// use nixpen_store::Hash;
    /// assert!(Hash::parse_sri("md5-1B2M2Y8AsgTpgAmY7PhCfg==").is_ok());
    /// assert_eq!(Hash::parse_sri("abc").unwrap_err().to_string(), "hash 'abc' is not SRI");
    /// ```
    pub fn parse_sri(text: &str) -> Result<Hash, StoreError> {
        let (prefix, rest) =
            text.split_once('-').ok_or_else(|| StoreError::BadHash(format!("hash '{text}' is not SRI")))?;
        Hash::decode(rest, HashAlgo::parse(prefix)?, true)
    }

    /// Nix's `newHashAllowEmpty`: like [`Hash::parse_any`], except that an
    /// empty string with a known algorithm gives the all-zero hash and a
    /// warning text (`found empty hash, assuming 'sha256-AAA…='`).
    pub fn parse_allow_empty(text: &str, algo: Option<HashAlgo>) -> Result<(Hash, Option<String>), StoreError> {
        if !text.is_empty() {
            return Ok((Hash::parse_any(text, algo)?, None));
        }
        let algo = algo.ok_or_else(|| StoreError::BadHash("empty hash requires explicit hash type".to_string()))?;
        let hash = Hash::zero(algo);
        let warning = format!("found empty hash, assuming '{}'", hash.to_sri());
        Ok((hash, Some(warning)))
    }

    /// Decodes a bare digest of a known algorithm. Outside SRI the encoding
    /// is chosen by length (base-16, then base-32, then base-64); SRI text
    /// is always base-64.
    pub fn decode(digest: &str, algo: HashAlgo, is_sri: bool) -> Result<Hash, StoreError> {
        let size = algo.size();
        let bad = |kind: &str| StoreError::BadHash(format!("invalid {kind} hash '{digest}'"));
        let bytes = if !is_sri && digest.len() == size * 2 {
            base16::decode(digest).ok_or_else(|| bad("base-16"))?
        } else if !is_sri && digest.len() == base32::encoded_len(size) {
            base32::decode(digest, size).ok_or_else(|| bad("base-32"))?
        } else if is_sri || digest.len() == base64::encoded_len(size) {
            // Nix 2.8's message means to show the character but its
            // formatting drops it; we print what Nix prints.
            let bytes = base64::decode(digest)
                .map_err(|_| StoreError::BadHash("invalid character in Base64 string: ''".to_string()))?;
            if bytes.len() != size {
                return Err(bad(if is_sri { "SRI" } else { "base-64" }));
            }
            bytes
        } else {
            return Err(StoreError::BadHash(format!(
                "hash '{digest}' has wrong length for hash type '{}'",
                algo.name()
            )));
        };
        Ok(Hash { algo, bytes })
    }

    /// XOR-folds the digest to `size` bytes (Nix's `compressHash`): byte
    /// `i` of the digest is XORed into byte `i % size` of the result.
    ///
    /// ```
    /// use nixpen_store::{Hash, HashAlgo};
    /// let h = Hash::of(HashAlgo::Sha256, b"x");
    /// assert_eq!(h.compress(20).len(), 20);
    /// ```
    pub fn compress(&self, size: usize) -> Vec<u8> {
        let mut out = vec![0u8; size];
        if size == 0 {
            return out;
        }
        for (i, b) in self.bytes.iter().enumerate() {
            out[i % size] ^= b;
        }
        out
    }
}

/// An incremental hasher for any [`HashAlgo`].
#[derive(Clone)]
pub enum Hasher {
    /// MD5 state.
    Md5(md5::Md5),
    /// SHA-1 state.
    Sha1(sha1::Sha1),
    /// SHA-256 state.
    Sha256(sha2::Sha256),
    /// SHA-512 state.
    Sha512(sha2::Sha512),
}

impl Hasher {
    /// A fresh hasher.
    pub fn new(algo: HashAlgo) -> Hasher {
        match algo {
            HashAlgo::Md5 => Hasher::Md5(md5::Md5::new()),
            HashAlgo::Sha1 => Hasher::Sha1(sha1::Sha1::new()),
            HashAlgo::Sha256 => Hasher::Sha256(sha2::Sha256::new()),
            HashAlgo::Sha512 => Hasher::Sha512(sha2::Sha512::new()),
        }
    }

    /// Feeds bytes.
    pub fn update(&mut self, data: &[u8]) {
        match self {
            Hasher::Md5(h) => h.update(data),
            Hasher::Sha1(h) => h.update(data),
            Hasher::Sha256(h) => h.update(data),
            Hasher::Sha512(h) => h.update(data),
        }
    }

    /// The digest of everything fed so far.
    pub fn finish(self) -> Hash {
        let (algo, bytes) = match self {
            Hasher::Md5(h) => (HashAlgo::Md5, h.finalize().to_vec()),
            Hasher::Sha1(h) => (HashAlgo::Sha1, h.finalize().to_vec()),
            Hasher::Sha256(h) => (HashAlgo::Sha256, h.finalize().to_vec()),
            Hasher::Sha512(h) => (HashAlgo::Sha512, h.finalize().to_vec()),
        };
        Hash { algo, bytes }
    }
}

/// `sha256` of a string, the workhorse of store path computation.
pub fn sha256(data: &[u8]) -> Hash {
    #[cfg(target_arch = "wasm32")]
    if data.len() >= crate::sha256_memo::MIN_LEN {
        return crate::sha256_memo::sha256(data);
    }
    Hash::of(HashAlgo::Sha256, data)
}

/// `builtins.convertHash { hash; hashAlgo ? null; toHashFormat; }` (a
/// builtin of Nix 2.19+, so not checked against our Nix 2.8): parses
/// `hash` as [`Hash::parse_any`] does and writes it in `to_format`
/// (`base16`, `nix32`/`base32`, `base64` without the algorithm; `sri` with).
///
/// ```
/// let sri = nixpen_store::convert_hash("sha256:00xyyr3fi8l6hb839bv3f7yb86yjv7xi1cgh1xnhipym4asvb4aq", None, "sri");
/// assert_eq!(sri.unwrap(), "sha256-WJG1tSLV3whtD/CxEPvZ0hu0/HFjrzTQgoai6Eb2vgM=");
/// ```
pub fn convert_hash(hash: &str, algo: Option<&str>, to_format: &str) -> Result<String, StoreError> {
    let format = HashFormat::from_name(to_format).ok_or_else(|| {
        StoreError::BadHash(format!(
            "unknown hash format '{to_format}', expect 'base16', 'base32', 'nix32', 'base64', or 'sri'"
        ))
    })?;
    let algo = algo.map(HashAlgo::parse).transpose()?;
    Ok(Hash::parse_any(hash, algo)?.encode(format, false))
}
