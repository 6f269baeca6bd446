//! Attribute and variable names, interned: each distinct name is stored
//! once, and a [`Sym`] is a pointer to it. Copying a name is copying a
//! pointer, two names are equal exactly when their pointers are, and a
//! set's entries hold no reference counts to update.
//!
//! Names made outside an evaluation, and those the evaluator itself knows
//! (builtins, `outPath`, …), live for the life of the process in one
//! table. Names an evaluator meets in the code it reads or makes while
//! evaluating live in that evaluator's own table ([`local`]), which drops
//! those no cached file uses any more once enough have piled up: a
//! long session typing ever new names uses bounded memory.

mod local;

use std::cmp::Ordering;
use std::collections::HashMap;
use std::fmt;
use std::ptr::NonNull;
use std::sync::{LazyLock, Mutex};

pub(crate) use local::{note, recording, LocalNames, Scope};

/// A name: a pointer to its one interned copy.
#[derive(Clone, Copy)]
pub struct Sym(NonNull<Name>);

// SAFETY: a `Sym` points to a `Name` that is never changed; it is read for
// as long as the name lives: for ever in the process table, and in an
// evaluator's table while something that evaluator keeps may use it (see
// `local`). Reading immutable data from any thread is safe.
unsafe impl Send for Sym {}
// SAFETY: as for `Send`.
unsafe impl Sync for Sym {}

/// An interned name: its text, its first eight bytes as a number for
/// ordering names without reading their text (see [`Sym::cmp_text`]), and
/// its number (see [`Sym::index`]).
struct Name {
    prefix: u64,
    index: u32,
    text: Box<str>,
}

impl Name {
    /// A new name, kept until freed by its table: outside the evaluation's
    /// chunks, which it would pin (see `nixpen_alloc::outside_evaluation`).
    fn make(text: &str, index: u32) -> NonNull<Name> {
        nixpen_alloc::outside_evaluation(|| {
            NonNull::from(Box::leak(Box::new(Name { prefix: prefix8(text.as_bytes()), index, text: text.into() })))
        })
    }
}

/// The numbers of names in an evaluator's table have this bit set (those of
/// the process table do not).
pub const LOCAL_INDEX: u32 = 1 << 31;

/// The process table: every name made outside evaluations, and the names
/// the evaluator knows itself ([`KNOWN`]), by text. Never freed.
static NAMES: LazyLock<Mutex<HashMap<&'static str, Sym, NameHash>>> = LazyLock::new(|| {
    let mut names = HashMap::default();
    for text in KNOWN.iter().copied().chain(crate::builtins::all_primops().iter().map(|p| p.name)) {
        intern_in(&mut names, text);
    }
    Mutex::new(names)
});

/// Names the evaluator itself makes in every evaluation, put in the process
/// table before any evaluation can make them in its own (where they would be
/// made and dropped over and over).
const KNOWN: &[&str] = &[
    "outPath",
    "type",
    "__functor",
    "__toString",
    "value",
    "name",
    "success",
    "file",
    "line",
    "column",
    "__overrides",
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
    "path",
    "prefix",
    "drvPath",
    "out",
];

/// The name `text` in the process table, made if missing.
fn intern_in(names: &mut HashMap<&'static str, Sym, NameHash>, text: &str) -> Sym {
    if let Some(sym) = names.get(text) {
        return *sym;
    }
    let sym = Sym(Name::make(text, names.len() as u32));
    // SAFETY: names of the process table are never freed.
    let key: &'static str = unsafe { &(*sym.0.as_ptr()).text };
    names.insert(key, sym);
    sym
}

/// The name `text` if the process table has it.
fn process_name(text: &str) -> Option<Sym> {
    NAMES.lock().unwrap_or_else(|e| e.into_inner()).get(text).copied()
}

impl Sym {
    /// The name with text `s`: in the current evaluator's table during an
    /// evaluation (unless the process table has it), else in the process
    /// table; made on first use.
    pub fn new(s: &str) -> Sym {
        if let Some(sym) = local::intern(s, false) {
            return sym;
        }
        intern_in(&mut NAMES.lock().unwrap_or_else(|e| e.into_inner()), s)
    }

    /// As [`Sym::new`], but a name neither table has is made in the process
    /// table: for names of a fixed vocabulary (the snapshot's), which need
    /// no dropping and are then shared by every evaluator.
    pub fn lasting(s: &str) -> Sym {
        if let Some(sym) = local::intern(s, true) {
            return sym;
        }
        intern_in(&mut NAMES.lock().unwrap_or_else(|e| e.into_inner()), s)
    }

    /// A name the evaluator knows itself (a builtin's, or one of
    /// [`KNOWN`]), taken from the process table without looking in the
    /// evaluator's own first: no evaluator's table ever has such a name,
    /// since the process table has it from the start.
    pub fn known(s: &str) -> Sym {
        debug_assert!(KNOWN.contains(&s) || crate::builtins::all_primops().iter().any(|p| p.name == s), "{s}");
        intern_in(&mut NAMES.lock().unwrap_or_else(|e| e.into_inner()), s)
    }

    fn name(&self) -> &Name {
        // SAFETY: the name lives while this `Sym` may be used (see the
        // `Send` implementation).
        unsafe { self.0.as_ref() }
    }

    /// The text.
    #[inline]
    pub fn as_str(&self) -> &str {
        &self.name().text
    }

    /// The order of this name's text and the text `key` (made once for
    /// many comparisons): mostly decided by the first eight bytes, without
    /// reading the text.
    #[inline]
    pub fn cmp_text(&self, key: &TextKey) -> Ordering {
        if self.name().prefix != key.prefix {
            return self.name().prefix.cmp(&key.prefix);
        }
        rest_cmp(self.name().text.as_bytes(), key.text)
    }

    /// The name's number, unique among the names that exist: names of the
    /// process table are numbered 0, 1, 2, … as they are made, those of an
    /// evaluator's table [`LOCAL_INDEX`] plus a number it reuses once the
    /// name is dropped; so tables of names can be vectors.
    #[inline]
    pub fn index(&self) -> usize {
        self.name().index as usize
    }
}

/// A text to compare names with ([`Sym::cmp_text`]).
pub struct TextKey<'a> {
    prefix: u64,
    text: &'a [u8],
}

impl TextKey<'_> {
    /// The key of `text`.
    #[inline]
    pub fn new(text: &str) -> TextKey<'_> {
        TextKey { prefix: prefix8(text.as_bytes()), text: text.as_bytes() }
    }
}

impl PartialEq for Sym {
    #[inline]
    fn eq(&self, other: &Sym) -> bool {
        self.0 == other.0
    }
}

impl Eq for Sym {}

impl PartialOrd for Sym {
    fn partial_cmp(&self, other: &Sym) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Sym {
    /// Byte-wise order of the texts.
    #[inline]
    fn cmp(&self, other: &Sym) -> Ordering {
        if self == other {
            return Ordering::Equal;
        }
        let (a, b) = (self.name(), other.name());
        if a.prefix != b.prefix {
            return a.prefix.cmp(&b.prefix);
        }
        rest_cmp(a.text.as_bytes(), b.text.as_bytes())
    }
}

/// The first eight bytes of a name as a big-endian number (zero-padded):
/// comparing these orders most names without a call to `memcmp`.
#[inline(always)]
fn prefix8(s: &[u8]) -> u64 {
    if s.len() >= 8 {
        u64::from_be_bytes(s[..8].try_into().unwrap())
    } else {
        // A loop, not `copy_from_slice`: that would call `memcpy`.
        let mut x = 0u64;
        for (i, b) in s.iter().enumerate() {
            x |= (*b as u64) << (56 - 8 * i);
        }
        x
    }
}

/// The order of two names whose first eight bytes (zero-padded) are equal.
#[inline]
fn rest_cmp(a: &[u8], b: &[u8]) -> Ordering {
    if a.len() <= 8 && b.len() <= 8 {
        return a.len().cmp(&b.len());
    }
    a.cmp(b)
}

impl std::borrow::Borrow<str> for Sym {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

/// FNV-1a: a fast hash for short names in tables that need no protection
/// against chosen collisions (a file's own identifiers).
#[derive(Default)]
pub struct NameHasher(u64);

impl std::hash::Hasher for NameHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A `HashSet`/`HashMap` hasher built on [`NameHasher`].
pub type NameHash = std::hash::BuildHasherDefault<NameHasher>;

impl std::hash::Hash for Sym {
    /// The text's hash (as `Borrow<str>` requires).
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.as_str().hash(h)
    }
}

impl fmt::Debug for Sym {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.as_str())
    }
}

impl fmt::Display for Sym {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<&str> for Sym {
    fn from(s: &str) -> Sym {
        Sym::new(s)
    }
}

#[cfg(test)]
mod tests {
    use super::{Sym, TextKey};

    #[test]
    fn a_name_is_interned_once() {
        let a = Sym::new("services");
        let b = Sym::new(&(String::from("servic") + "es"));
        assert_eq!(a.index(), b.index());
        assert_eq!(a, b);
        assert_ne!(a, Sym::new("service"));
        assert_eq!(b.as_str(), "services");
    }

    #[test]
    fn names_order_as_their_text() {
        let names = [
            "",
            "a",
            "ab",
            "ab\0",
            "abcdefgh",
            "abcdefg",
            "abcdefgh\0",
            "abcdefghi",
            "abcdefgz",
            "b",
            "key1",
            "key10",
            "key2",
        ];
        for x in names {
            for y in names {
                assert_eq!(Sym::new(x).cmp(&Sym::new(y)), x.cmp(y), "{x:?} {y:?}");
            }
        }
    }

    #[test]
    fn a_name_and_a_text_order_as_bytes() {
        let names = [
            "",
            "a",
            "ab",
            "ab\0",
            "ab\0\0",
            "abcdefgh",
            "abcdefg",
            "abcdefgh\0",
            "abcdefghi",
            "abcdefgz",
            "b",
            "\u{e9}",
            "key1",
            "key10",
            "key2",
        ];
        for x in names {
            for y in names {
                assert_eq!(Sym::new(x).cmp_text(&TextKey::new(y)), x.as_bytes().cmp(y.as_bytes()), "{x:?} {y:?}");
            }
        }
    }
}
