//! Attribute and variable names, interned: each distinct name is stored
//! once for the life of the process, and a [`Sym`] is a pointer to it.
//! Copying a name is copying a pointer, two names are equal exactly when
//! their pointers are, and a set's entries hold no reference counts to
//! update (as Nix's own symbol table, names are never freed: a program
//! makes a bounded vocabulary of them, the same on every evaluation).

use std::cmp::Ordering;
use std::collections::HashMap;
use std::fmt;
use std::sync::{LazyLock, Mutex};

/// A name: a pointer to its one interned copy.
#[derive(Clone, Copy)]
pub struct Sym(&'static Name);

/// An interned name: its text, its first eight bytes as a number for
/// ordering names without reading their text (see [`Sym::cmp_text`]), and
/// its number in the order names were interned.
struct Name {
    prefix: u64,
    index: u32,
    text: Box<str>,
}

/// Every name interned so far, by text.
static NAMES: LazyLock<Mutex<HashMap<&'static str, &'static Name, NameHash>>> = LazyLock::new(Default::default);

impl Sym {
    /// The name with text `s` (interned on first use).
    pub fn new(s: &str) -> Sym {
        let mut names = NAMES.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(name) = names.get(s) {
            return Sym(name);
        }
        // Kept for good: not from the evaluation's chunks, which it would
        // pin (see `nixpen_alloc::outside_evaluation`).
        nixpen_alloc::outside_evaluation(|| {
            let index = names.len() as u32;
            let name: &'static Name =
                Box::leak(Box::new(Name { prefix: prefix8(s.as_bytes()), index, text: s.into() }));
            names.insert(&name.text, name);
            Sym(name)
        })
    }

    /// The text.
    #[inline]
    pub fn as_str(&self) -> &'static str {
        &self.0.text
    }

    /// The order of this name's text and the text `key` (made once for
    /// many comparisons): mostly decided by the first eight bytes, without
    /// reading the text.
    #[inline]
    pub fn cmp_text(&self, key: &TextKey) -> Ordering {
        if self.0.prefix != key.prefix {
            return self.0.prefix.cmp(&key.prefix);
        }
        rest_cmp(self.0.text.as_bytes(), key.text)
    }

    /// The name's number: names are numbered 0, 1, 2, … as they are
    /// first interned, so that tables of names can be vectors.
    #[inline]
    pub fn index(&self) -> usize {
        self.0.index as usize
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
        std::ptr::eq(self.0, other.0)
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
        let (a, b) = (self.0, other.0);
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
