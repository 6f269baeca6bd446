//! NAR ("Nix ARchive") serialisation of a file tree, read through the
//! [`NarSource`] trait so any file system (the evaluator's virtual one, an
//! in-memory tree, the real disk) can feed it.
//!
//! The format: every string is its length as a little-endian `u64`, its
//! bytes, then zero padding to a multiple of 8. The archive is the string
//! `nix-archive-1` then a node; a node is `(`, `type`, then
//! `regular [executable ""] contents <data>`, `symlink target <target>` or
//! `directory` followed by `entry ( name <n> node <node> )` per entry in
//! byte order of names, and finally `)`.

use crate::error::StoreError;
use crate::hash::{Hash, HashAlgo, Hasher};

/// What a path is, as `lstat` sees it (symlinks are not followed).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// A regular file; `executable` if any execute bit is set.
    Regular {
        /// Whether the file is executable.
        executable: bool,
    },
    /// A directory.
    Directory,
    /// A symbolic link.
    Symlink,
}

/// A read-only file tree. Paths are `/`-separated strings; children are
/// addressed as `<dir>/<name>`.
pub trait NarSource {
    /// The kind of `path`, without following a final symlink.
    fn kind(&self, path: &str) -> Result<FileKind, StoreError>;
    /// The contents of the regular file `path`.
    fn read(&self, path: &str) -> Result<Vec<u8>, StoreError>;
    /// The names of the entries of directory `path` (any order, no `.`/`..`).
    fn read_dir(&self, path: &str) -> Result<Vec<String>, StoreError>;
    /// The target of symlink `path`.
    fn read_link(&self, path: &str) -> Result<String, StoreError>;
}

impl<T: NarSource + ?Sized> NarSource for &T {
    fn kind(&self, path: &str) -> Result<FileKind, StoreError> {
        (**self).kind(path)
    }
    fn read(&self, path: &str) -> Result<Vec<u8>, StoreError> {
        (**self).read(path)
    }
    fn read_dir(&self, path: &str) -> Result<Vec<String>, StoreError> {
        (**self).read_dir(path)
    }
    fn read_link(&self, path: &str) -> Result<String, StoreError> {
        (**self).read_link(path)
    }
}

/// A [`NarSource`] that hides entries a predicate rejects, as
/// `builtins.filterSource` and `builtins.path { filter = …; }` do. The
/// predicate gets the full path and its kind; the root is never filtered.
pub struct Filtered<S, F> {
    /// The underlying tree.
    pub source: S,
    /// Keeps an entry when it returns `Ok(true)`.
    pub filter: F,
}

impl<S, F> NarSource for Filtered<S, F>
where
    S: NarSource,
    F: Fn(&str, FileKind) -> Result<bool, StoreError>,
{
    fn kind(&self, path: &str) -> Result<FileKind, StoreError> {
        self.source.kind(path)
    }
    fn read(&self, path: &str) -> Result<Vec<u8>, StoreError> {
        self.source.read(path)
    }
    fn read_dir(&self, path: &str) -> Result<Vec<String>, StoreError> {
        let mut kept = Vec::new();
        for name in self.source.read_dir(path)? {
            let child = join(path, &name);
            if (self.filter)(&child, self.source.kind(&child)?)? {
                kept.push(name);
            }
        }
        Ok(kept)
    }
    fn read_link(&self, path: &str) -> Result<String, StoreError> {
        self.source.read_link(path)
    }
}

/// `dir/name`, without doubling a trailing `/` of `dir`.
pub fn join(dir: &str, name: &str) -> String {
    if dir.ends_with('/') {
        format!("{dir}{name}")
    } else {
        format!("{dir}/{name}")
    }
}

/// Writes the NAR of `path` to `sink`, piece by piece.
pub fn dump(source: &dyn NarSource, path: &str, sink: &mut dyn FnMut(&[u8])) -> Result<(), StoreError> {
    write_str(sink, b"nix-archive-1");
    dump_node(source, path, sink)
}

/// The whole NAR of `path` in memory.
pub fn nar_bytes(source: &dyn NarSource, path: &str) -> Result<Vec<u8>, StoreError> {
    let mut out = Vec::new();
    dump(source, path, &mut |bytes| out.extend_from_slice(bytes))?;
    Ok(out)
}

/// The hash of the NAR of `path`, computed without holding the archive.
pub fn nar_hash(source: &dyn NarSource, path: &str, algo: HashAlgo) -> Result<Hash, StoreError> {
    let mut hasher = Hasher::new(algo);
    dump(source, path, &mut |bytes| hasher.update(bytes))?;
    Ok(hasher.finish())
}

fn dump_node(source: &dyn NarSource, path: &str, sink: &mut dyn FnMut(&[u8])) -> Result<(), StoreError> {
    write_str(sink, b"(");
    write_str(sink, b"type");
    match source.kind(path)? {
        FileKind::Regular { executable } => {
            write_str(sink, b"regular");
            if executable {
                write_str(sink, b"executable");
                write_str(sink, b"");
            }
            write_str(sink, b"contents");
            write_str(sink, &source.read(path)?);
        }
        FileKind::Symlink => {
            write_str(sink, b"symlink");
            write_str(sink, b"target");
            write_str(sink, source.read_link(path)?.as_bytes());
        }
        FileKind::Directory => {
            write_str(sink, b"directory");
            let mut names = source.read_dir(path)?;
            crate::sort::sort(&mut names);
            for name in names {
                write_str(sink, b"entry");
                write_str(sink, b"(");
                write_str(sink, b"name");
                write_str(sink, name.as_bytes());
                write_str(sink, b"node");
                dump_node(source, &join(path, &name), sink)?;
                write_str(sink, b")");
            }
        }
    }
    write_str(sink, b")");
    Ok(())
}

fn write_str(sink: &mut dyn FnMut(&[u8]), bytes: &[u8]) {
    sink(&(bytes.len() as u64).to_le_bytes());
    sink(bytes);
    let padding = (8 - bytes.len() % 8) % 8;
    if padding > 0 {
        sink(&[0u8; 8][..padding]);
    }
}
