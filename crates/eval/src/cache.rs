//! The long-lived parse/lower cache: files by path and content hash.

use std::collections::HashMap;
use std::rc::Rc;

use crate::expr::Expr;
use crate::source::{Files, SourceFile};

/// A parsed and lowered file.
pub struct Parsed {
    /// Hash of the source text.
    pub hash: u64,
    /// File id.
    pub file: u32,
    /// The lowered root (or the error message and position).
    pub root: Result<Rc<Expr>, (String, u32)>,
    /// Warnings of the parse (byte offset, text), repeated whenever the
    /// file is loaded again from the cache.
    pub warnings: Vec<(u32, String)>,
}

/// What survives between evaluations.
#[derive(Default)]
pub struct Cache {
    /// All source files seen (ids are stable per path).
    pub files: Files,
    /// Path → parsed file.
    pub parsed: HashMap<String, Parsed>,
    /// How many files were parsed (for tests of the cache).
    pub parse_count: usize,
    /// Compiled regular expressions by pattern. Shared (not cloned: a cloned
    /// `Regex` starts with empty match caches, which are costly to build).
    pub regexes: HashMap<String, Rc<regex_lite::Regex>>,
    /// How many thunks the last evaluation made: the next one reserves that
    /// much room up front instead of growing (and copying) its arena.
    pub arena_hint: usize,
}

/// FNV-1a 64-bit hash of the text.
pub fn hash_text(text: &str) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in text.as_bytes() {
        h ^= *b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h ^ (text.len() as u64)
}

impl Cache {
    /// Registers (or refreshes) the source file `path` and returns its id and
    /// whether it is unchanged (then `parsed[path]` is valid).
    pub fn file_id(&mut self, key: &str, path: &str, text: &str) -> (u32, bool, u64) {
        let h = hash_text(text);
        if let Some(p) = self.parsed.get(key) {
            if p.hash == h {
                return (p.file, true, h);
            }
            let id = p.file;
            self.files.replace(id, SourceFile::new(path, Rc::from(text)));
            return (id, false, h);
        }
        let id = self.files.add(SourceFile::new(path, Rc::from(text)));
        (id, false, h)
    }
}
