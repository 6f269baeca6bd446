//! Attribute and variable names: shared strings compared by content,
//! with a pointer-equality fast path (names from one file are deduplicated).

use std::cmp::Ordering;
use std::fmt;
use std::rc::Rc;

/// A name. Cloning is a reference-count increment.
#[derive(Clone)]
pub struct Sym(pub Rc<str>);

impl Sym {
    /// A new name.
    pub fn new(s: &str) -> Sym {
        Sym(Rc::from(s))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl PartialEq for Sym {
    #[inline]
    fn eq(&self, other: &Sym) -> bool {
        Rc::ptr_eq(&self.0, &other.0) || *self.0 == *other.0
    }
}

impl Eq for Sym {}

impl PartialOrd for Sym {
    fn partial_cmp(&self, other: &Sym) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Sym {
    #[inline]
    fn cmp(&self, other: &Sym) -> Ordering {
        if Rc::ptr_eq(&self.0, &other.0) {
            Ordering::Equal
        } else {
            name_cmp(self.0.as_bytes(), other.0.as_bytes())
        }
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

/// Byte-wise (lexicographic) order of two names, as `<[u8]>::cmp`.
#[inline]
pub fn name_cmp(a: &[u8], b: &[u8]) -> Ordering {
    let (x, y) = (prefix8(a), prefix8(b));
    if x != y {
        return x.cmp(&y);
    }
    // Equal first eight bytes (zero padding included): only the rest decides.
    if a.len() <= 8 && b.len() <= 8 {
        return a.len().cmp(&b.len());
    }
    a.cmp(b)
}

impl std::borrow::Borrow<str> for Sym {
    fn borrow(&self) -> &str {
        &self.0
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
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.0.hash(h)
    }
}

impl fmt::Debug for Sym {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", &*self.0)
    }
}

impl fmt::Display for Sym {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for Sym {
    fn from(s: &str) -> Sym {
        Sym::new(s)
    }
}

#[cfg(test)]
mod tests {
    use super::name_cmp;

    #[test]
    fn name_order_is_byte_order() {
        let names = ["", "a", "ab", "ab\0", "ab\0\0", "abcdefgh", "abcdefg", "abcdefgh\0", "abcdefghi", "abcdefgz", "b", "\u{e9}", "key1", "key10", "key2"];
        for x in names {
            for y in names {
                assert_eq!(name_cmp(x.as_bytes(), y.as_bytes()), x.as_bytes().cmp(y.as_bytes()), "{x:?} {y:?}");
            }
        }
    }
}
