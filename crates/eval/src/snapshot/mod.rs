//! Snapshots: the lowered trees of files known when the program is built
//! (the embedded nixpkgs), so that importing them needs no parsing.
//!
//! A build script lowers the files and encodes the trees with [`write()`];
//! the program opens the bytes once with [`Snapshot::open`] and puts the
//! snapshot in [`EvalConfig::snapshot`](crate::EvalConfig::snapshot). When
//! the evaluator first loads a file the snapshot holds, with exactly the
//! text it was made from, it decodes that file's tree (`read.rs`) instead of
//! parsing it: same spans, warnings and positions. Anything else (another
//! text, a damaged or stale snapshot) is parsed as usual.

mod codec;
mod read;
mod verify;
mod write;

use std::collections::HashMap;
use std::ops::Range;

use codec::{globals_id, Cursor, FORMAT, MAGIC};
pub(crate) use read::{read, Strings};
pub use verify::verify;
pub use write::write;

/// An opened snapshot: its bytes, where each string and each file's tree
/// lies in them, and the text each file was made from.
pub struct Snapshot {
    bytes: &'static [u8],
    /// Where each string of the table lies in `bytes`.
    strings: Vec<Range<usize>>,
    /// The files by absolute path (`MOUNT/PATH`).
    files: HashMap<String, Entry>,
}

/// One file of a snapshot.
struct Entry {
    /// The text the tree was made from.
    text: &'static [u8],
    /// Parse warnings: byte offset and string number of the text.
    warnings: Vec<(u32, u32)>,
    /// Where the encoded tree lies in the snapshot's bytes.
    tree: Range<usize>,
}

impl Snapshot {
    /// Opens a snapshot [`write()`] made of the files mounted at `mount`,
    /// whose texts `texts` holds (path relative to `mount`, contents, as
    /// given to `write`). `None` if the bytes are empty, damaged, made by
    /// another version of the encoder or for another mount. A file whose
    /// text is not in `texts` with the same length is left out.
    pub fn open(bytes: &'static [u8], mount: &str, texts: &[(&str, &'static [u8])]) -> Option<Snapshot> {
        let mut c = Cursor::new(bytes);
        if c.bytes(MAGIC.len())? != MAGIC || c.u64_le()? != FORMAT || c.u64_le()? != globals_id() || c.str()? != mount {
            return None;
        }
        let n = c.len()?;
        let mut strings = Vec::with_capacity(n.min(bytes.len()));
        for _ in 0..n {
            let len = c.len()?;
            let start = c.pos();
            c.bytes(len)?;
            strings.push(start..start + len);
        }
        let texts: HashMap<&str, &'static [u8]> = texts.iter().copied().collect();
        let mut files = HashMap::new();
        for _ in 0..c.len()? {
            let rel = c.str()?;
            let len = c.len()?;
            let mut warnings = Vec::new();
            for _ in 0..c.len()? {
                let off = c.u32()?;
                let text = c.u32()?;
                if text as usize >= strings.len() {
                    return None;
                }
                warnings.push((off, text));
            }
            let tree_len = c.len()?;
            let start = c.pos();
            c.bytes(tree_len)?;
            if let Some(text) = texts.get(rel).filter(|t| t.len() == len) {
                files.insert(format!("{mount}/{rel}"), Entry { text, warnings, tree: start..start + tree_len });
            }
        }
        c.at_end().then_some(Snapshot { bytes, strings, files })
    }

    /// How many files the snapshot holds.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether the snapshot holds no file.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The absolute paths of the files the snapshot holds, in no order.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    /// The entry of `path` if its text is `text`.
    fn entry(&self, path: &str, text: &str) -> Option<&Entry> {
        self.files.get(path).filter(|e| e.text == text.as_bytes())
    }

    /// The text the snapshot's tree of `path` was made from.
    fn text(&self, path: &str) -> Option<&'static [u8]> {
        self.files.get(path).map(|e| e.text)
    }
}

impl std::fmt::Debug for Snapshot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Snapshot").field("files", &self.files.len()).field("strings", &self.strings.len()).finish()
    }
}
