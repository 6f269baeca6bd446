//! File trees to feed [`crate::NarSource`]: an in-memory tree (works
//! everywhere, handy for tests and the browser) and, off wasm, the real
//! file system.

use std::collections::BTreeMap;

use crate::error::StoreError;
use crate::nar::{FileKind, NarSource};

/// One node of a [`MemoryTree`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MemoryNode {
    /// A regular file.
    File {
        /// Its bytes.
        contents: Vec<u8>,
        /// Whether it is executable.
        executable: bool,
    },
    /// A directory.
    Directory(BTreeMap<String, MemoryNode>),
    /// A symlink with this target.
    Symlink(String),
}

/// An in-memory file tree whose root is the path `/`.
///
/// ```
/// use nixpen_store::{MemoryTree, nar_hash, HashAlgo};
/// let mut tree = MemoryTree::new();
/// tree.add_file("/src/main.sh", b"echo hi\n", true);
/// let hash = nar_hash(&tree, "/src", HashAlgo::Sha256).unwrap();
/// assert_eq!(hash.bytes().len(), 32);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MemoryTree {
    root: BTreeMap<String, MemoryNode>,
}

impl MemoryTree {
    /// An empty tree (just the root directory).
    pub fn new() -> MemoryTree {
        MemoryTree::default()
    }

    /// Adds a regular file, creating parent directories.
    pub fn add_file(&mut self, path: &str, contents: &[u8], executable: bool) {
        self.insert(path, MemoryNode::File { contents: contents.to_vec(), executable });
    }

    /// Adds a symlink, creating parent directories.
    pub fn add_symlink(&mut self, path: &str, target: &str) {
        self.insert(path, MemoryNode::Symlink(target.to_string()));
    }

    /// Adds an empty directory, creating parent directories.
    pub fn add_dir(&mut self, path: &str) {
        self.insert(path, MemoryNode::Directory(BTreeMap::new()));
    }

    fn insert(&mut self, path: &str, node: MemoryNode) {
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        let Some((last, parents)) = parts.split_last() else {
            return;
        };
        let mut dir = &mut self.root;
        for part in parents {
            let entry = dir.entry(part.to_string()).or_insert_with(|| MemoryNode::Directory(BTreeMap::new()));
            if !matches!(entry, MemoryNode::Directory(_)) {
                *entry = MemoryNode::Directory(BTreeMap::new());
            }
            let MemoryNode::Directory(children) = entry else { unreachable!() };
            dir = children;
        }
        dir.insert(last.to_string(), node);
    }

    fn lookup(&self, path: &str) -> Result<Lookup<'_>, StoreError> {
        let mut current = Lookup::Root(&self.root);
        for part in path.split('/').filter(|p| !p.is_empty()) {
            let children = match current {
                Lookup::Root(children) | Lookup::Node(MemoryNode::Directory(children)) => children,
                Lookup::Node(_) => return Err(not_found(path)),
            };
            current = Lookup::Node(children.get(part).ok_or_else(|| not_found(path))?);
        }
        Ok(current)
    }
}

enum Lookup<'a> {
    Root(&'a BTreeMap<String, MemoryNode>),
    Node(&'a MemoryNode),
}

fn not_found(path: &str) -> StoreError {
    StoreError::Io(format!("getting status of '{path}': No such file or directory"))
}

impl NarSource for MemoryTree {
    fn kind(&self, path: &str) -> Result<FileKind, StoreError> {
        Ok(match self.lookup(path)? {
            Lookup::Root(_) | Lookup::Node(MemoryNode::Directory(_)) => FileKind::Directory,
            Lookup::Node(MemoryNode::File { executable, .. }) => FileKind::Regular { executable: *executable },
            Lookup::Node(MemoryNode::Symlink(_)) => FileKind::Symlink,
        })
    }

    fn read(&self, path: &str) -> Result<Vec<u8>, StoreError> {
        match self.lookup(path)? {
            Lookup::Node(MemoryNode::File { contents, .. }) => Ok(contents.clone()),
            _ => Err(StoreError::Io(format!("'{path}' is not a regular file"))),
        }
    }

    fn read_dir(&self, path: &str) -> Result<Vec<String>, StoreError> {
        match self.lookup(path)? {
            Lookup::Root(children) | Lookup::Node(MemoryNode::Directory(children)) => {
                Ok(children.keys().cloned().collect())
            }
            _ => Err(StoreError::Io(format!("'{path}' is not a directory"))),
        }
    }

    fn read_link(&self, path: &str) -> Result<String, StoreError> {
        match self.lookup(path)? {
            Lookup::Node(MemoryNode::Symlink(target)) => Ok(target.clone()),
            _ => Err(StoreError::Io(format!("'{path}' is not a symlink"))),
        }
    }
}

/// The real file system (not available on wasm).
#[cfg(not(target_arch = "wasm32"))]
#[derive(Clone, Copy, Debug, Default)]
pub struct RealTree;

#[cfg(not(target_arch = "wasm32"))]
impl NarSource for RealTree {
    fn kind(&self, path: &str) -> Result<FileKind, StoreError> {
        let meta = std::fs::symlink_metadata(path).map_err(|e| io(path, "getting status of", e))?;
        let ty = meta.file_type();
        Ok(if ty.is_symlink() {
            FileKind::Symlink
        } else if ty.is_dir() {
            FileKind::Directory
        } else {
            FileKind::Regular { executable: is_executable(&meta) }
        })
    }

    fn read(&self, path: &str) -> Result<Vec<u8>, StoreError> {
        std::fs::read(path).map_err(|e| io(path, "reading file", e))
    }

    fn read_dir(&self, path: &str) -> Result<Vec<String>, StoreError> {
        let entries = std::fs::read_dir(path).map_err(|e| io(path, "opening directory", e))?;
        entries
            .map(|entry| {
                let entry = entry.map_err(|e| io(path, "reading directory", e))?;
                Ok(entry.file_name().to_string_lossy().into_owned())
            })
            .collect()
    }

    fn read_link(&self, path: &str) -> Result<String, StoreError> {
        let target = std::fs::read_link(path).map_err(|e| io(path, "reading symbolic link", e))?;
        Ok(target.to_string_lossy().into_owned())
    }
}

#[cfg(all(not(target_arch = "wasm32"), unix))]
fn is_executable(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::PermissionsExt;
    meta.permissions().mode() & 0o100 != 0
}

#[cfg(all(not(target_arch = "wasm32"), not(unix)))]
fn is_executable(_meta: &std::fs::Metadata) -> bool {
    false
}

#[cfg(not(target_arch = "wasm32"))]
fn io(path: &str, doing: &str, error: std::io::Error) -> StoreError {
    StoreError::Io(format!("{doing} '{path}': {error}"))
}
