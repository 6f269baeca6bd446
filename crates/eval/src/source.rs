//! Source files known to the evaluator: text, line starts, display names.

use std::cell::OnceCell;
use std::rc::Rc;

/// One source file (or expression text).
#[derive(Debug)]
pub struct SourceFile {
    /// Absolute path, or `«string»` / `«stdin»` for expressions.
    pub path: String,
    /// The text.
    pub text: Rc<str>,
    /// Where each line starts, found when a position is first asked for
    /// (most files loaded never need one).
    line_starts: OnceCell<Vec<u32>>,
}

impl SourceFile {
    /// A file (its line starts are found on first use).
    pub fn new(path: &str, text: Rc<str>) -> SourceFile {
        SourceFile { path: path.to_string(), text, line_starts: OnceCell::new() }
    }

    fn line_starts(&self) -> &[u32] {
        self.line_starts.get_or_init(|| {
            let mut starts = vec![0];
            for (i, b) in self.text.bytes().enumerate() {
                if b == b'\n' {
                    starts.push(i as u32 + 1);
                }
            }
            starts
        })
    }

    /// 1-based line and column of a byte offset.
    pub fn line_col(&self, off: u32) -> (u32, u32) {
        let line_starts = self.line_starts();
        let line = match line_starts.binary_search(&off) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = line_starts[line] as usize;
        let end = (off as usize).min(self.text.len());
        let col = self.text.get(start..end).map(|s| s.chars().count()).unwrap_or(end - start);
        (line as u32 + 1, col as u32 + 1)
    }

    /// The name shown in positions.
    pub fn display_name(&self) -> &str {
        &self.path
    }
}

/// The table of files, indexed by file id.
#[derive(Debug, Default)]
pub struct Files {
    files: Vec<SourceFile>,
}

impl Files {
    /// The file with id `id`.
    pub fn get(&self, id: u32) -> Option<&SourceFile> {
        self.files.get(id as usize)
    }

    /// Adds a file, returning its id.
    pub fn add(&mut self, f: SourceFile) -> u32 {
        self.files.push(f);
        self.files.len() as u32 - 1
    }

    /// Replaces the file with id `id`.
    pub fn replace(&mut self, id: u32, f: SourceFile) {
        self.files[id as usize] = f;
    }
}
