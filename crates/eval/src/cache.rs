//! The long-lived parse/lower cache: files by path, valid while their text
//! is unchanged.

use std::collections::HashMap;
use std::rc::Rc;

use crate::expr::Expr;
use crate::source::{Files, SourceFile};
use crate::value::Value;

/// A parsed and lowered file.
pub struct Parsed {
    /// File id (the text of that file is the one parsed).
    pub file: u32,
    /// The lowered root (or the error message and position).
    pub root: Result<Rc<Expr>, (String, u32)>,
    /// Warnings of the parse (byte offset, text), repeated whenever the
    /// file is loaded again from the cache.
    pub warnings: Vec<(u32, String)>,
    /// The bytes the text was last read from, when the file system shares
    /// them (`FileSystem::read_shared`): the same bytes again mean the
    /// same text.
    pub source: Option<std::sync::Arc<[u8]>>,
    /// The names of the evaluator's own table the tree uses: kept while
    /// the tree is (see `crate::symbol::LocalNames::sweep`).
    pub(crate) names: Vec<crate::symbol::Sym>,
}

/// What survives between evaluations.
#[derive(Default)]
pub struct Cache {
    /// All source files seen (ids are stable per path).
    pub files: Files,
    /// Path → parsed file.
    pub parsed: HashMap<String, Parsed>,
    /// How many files were parsed (for tests of the cache); files whose
    /// tree came from the snapshot are not counted.
    pub parse_count: usize,
    /// The strings of the configured snapshot, made once as they are needed.
    pub(crate) snapshot_strings: crate::snapshot::Strings,
    /// Compiled regular expressions by pattern. Shared (not cloned: a cloned
    /// `Regex` starts with empty match caches, which are costly to build).
    pub regexes: HashMap<String, Rc<regex_lite::Regex>>,
    /// Results of `builtins.match` by (regular expression, input): `null`
    /// or a list of strings and nulls, which hold no thunks and so can be
    /// shared between evaluations.
    pub matches: HashMap<(Rc<str>, Rc<str>), Value>,
    /// Results of `builtins.split` by (regular expression, input), kept as
    /// `matches` are: lists of strings and of lists of strings and nulls.
    pub splits: HashMap<(Rc<str>, Rc<str>), Value>,
    /// How many thunks the last evaluation made: the next one reserves that
    /// much room up front instead of growing (and copying) its arena.
    pub arena_hint: usize,
    /// The memory of a freed evaluation's thunk arena, empty, for the next
    /// evaluation to fill: taking fresh memory from the system for each
    /// evaluation cost a page fault per 4 KiB of it, a twentieth of a warm
    /// render of the tutorial's flake.
    pub(crate) spare_arena: Vec<crate::eval::Thunk>,
    /// The string value of each name an evaluation made a string of
    /// (`attrNames`, `mapAttrs`), by [`crate::symbol::Sym::index`]: shared
    /// by every such string, of this evaluation and the next ones.
    pub(crate) name_texts: Vec<Option<Rc<crate::value::NixStr>>>,
    /// The same for names of the evaluator's own table, by their number
    /// less `LOCAL_INDEX`; emptied when names are dropped.
    pub(crate) local_name_texts: Vec<Option<Rc<crate::value::NixStr>>>,
}

/// Remembered `match` results before [`Cache::matches`] starts afresh.
const MAX_REMEMBERED_MATCHES: usize = 20_000;

/// Remembered `split` results before [`Cache::splits`] starts afresh
/// (each keeps its input, of up to 64 KiB).
const MAX_REMEMBERED_SPLITS: usize = 256;

impl Cache {
    /// Every name of the evaluator's own table that what the cache keeps
    /// uses: the lowered trees' and the snapshot decoder's.
    pub(crate) fn names(&self) -> impl Iterator<Item = &crate::symbol::Sym> {
        self.parsed.values().flat_map(|p| p.names.iter()).chain(self.snapshot_strings.names())
    }

    /// Remembers a `split` result (see [`Cache::splits`]).
    pub fn remember_split(&mut self, key: (Rc<str>, Rc<str>), result: Value) {
        if self.splits.len() >= MAX_REMEMBERED_SPLITS {
            self.splits.clear();
        }
        self.splits.insert(key, result);
    }

    /// Remembers a `match` result (see [`Cache::matches`]).
    pub fn remember_match(&mut self, key: (Rc<str>, Rc<str>), result: Value) {
        if self.matches.len() >= MAX_REMEMBERED_MATCHES {
            self.matches.clear();
        }
        self.matches.insert(key, result);
    }

    /// Registers (or refreshes) the source file `path` and returns its id and
    /// whether it is unchanged (then `parsed[key]` is valid): the new text
    /// is compared with the one kept for the file, so no hash is needed.
    pub fn file_id(&mut self, key: &str, path: &str, text: &str) -> (u32, bool) {
        if let Some(p) = self.parsed.get(key) {
            let id = p.file;
            if self.files.get(id).is_some_and(|f| *f.text == *text) {
                return (id, true);
            }
            self.files.replace(id, SourceFile::new(path, Rc::from(text)));
            return (id, false);
        }
        let id = self.files.add(SourceFile::new(path, Rc::from(text)));
        (id, false)
    }
}
