//! The virtual file system the evaluator reads through.

use std::collections::BTreeMap;
use std::sync::{Arc, RwLock};

/// The type of a directory entry, as `builtins.readFileType` names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum FileType {
    /// A regular file.
    Regular,
    /// A directory.
    Directory,
    /// A symbolic link.
    Symlink,
    /// Anything else.
    Unknown,
}

impl FileType {
    /// The name Nix uses (`regular`, `directory`, `symlink`, `unknown`).
    pub fn nix_name(self) -> &'static str {
        match self {
            FileType::Regular => "regular",
            FileType::Directory => "directory",
            FileType::Symlink => "symlink",
            FileType::Unknown => "unknown",
        }
    }
}

/// A read-only file system addressed by absolute, normalised paths.
pub trait FileSystem: Send + Sync {
    /// The contents of a file (symlinks followed).
    fn read(&self, path: &str) -> Result<Vec<u8>, String>;
    /// The contents of a file as the bytes the file system holds, for those
    /// that hold them in memory: the very same bytes come back for as long
    /// as the file is unchanged, so a reader can tell it is without
    /// comparing them. `None` where the file system reads afresh each time.
    fn read_shared(&self, _path: &str) -> Option<Arc<[u8]>> {
        None
    }
    /// The entries of a directory (symlinks followed for `path` itself).
    fn read_dir(&self, path: &str) -> Result<Vec<(String, FileType)>, String>;
    /// The type of `path` without following a final symlink (`lstat`); `None` if absent.
    fn file_type(&self, path: &str) -> Option<FileType>;
    /// The target of a symbolic link.
    fn read_link(&self, path: &str) -> Result<String, String>;
    /// Whether a regular file has its executable bit set (this decides its
    /// store path when copied, as in Nix). In-memory files never have it.
    fn is_executable(&self, _path: &str) -> bool {
        false
    }
}

/// Joins `base` and a relative `rel`, then normalises `.`/`..` and slashes.
pub fn join(base: &str, rel: &str) -> String {
    if rel.starts_with('/') {
        return canon(rel);
    }
    canon(&format!("{base}/{rel}"))
}

/// Normalises an absolute path: removes `.`, resolves `..` lexically, drops
/// duplicate and trailing slashes.
pub fn canon(path: &str) -> String {
    if is_canonical(path) {
        return path.to_owned();
    }
    let mut parts: Vec<&str> = Vec::new();
    for c in path.split('/') {
        match c {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            c => parts.push(c),
        }
    }
    let mut out = String::with_capacity(path.len());
    for p in &parts {
        out.push('/');
        out.push_str(p);
    }
    if out.is_empty() {
        out.push('/');
    }
    out
}

/// Whether `canon` would give `path` back unchanged: an absolute path with
/// no empty, `.` or `..` component and no trailing slash (or `/` itself).
/// Most paths are (every file of the embedded nixpkgs is named so), and
/// are then copied without being split.
fn is_canonical(path: &str) -> bool {
    if path == "/" {
        return true;
    }
    let bytes = path.as_bytes();
    if bytes.first() != Some(&b'/') {
        return false;
    }
    bytes[1..].split(|&b| b == b'/').all(|c| !matches!(c, b"" | b"." | b".."))
}

/// Resolves every symlink along `path` in `fs` (at most 40 hops).
pub fn resolve_symlinks(fs: &dyn FileSystem, path: &str) -> Result<String, String> {
    let mut todo: Vec<String> = canon(path).split('/').filter(|s| !s.is_empty()).rev().map(String::from).collect();
    let mut cur = String::new();
    let mut hops = 0;
    while let Some(part) = todo.pop() {
        if part == ".." {
            if let Some(i) = cur.rfind('/') {
                cur.truncate(i);
            }
            continue;
        }
        if part == "." {
            continue;
        }
        let next = format!("{cur}/{part}");
        if fs.file_type(&next) == Some(FileType::Symlink) {
            hops += 1;
            if hops > 40 {
                return Err(format!("too many symbolic links encountered while traversing the path '{path}'"));
            }
            let target = fs.read_link(&next)?;
            if target.starts_with('/') {
                cur.clear();
            }
            for t in target.split('/').filter(|s| !s.is_empty()).rev() {
                todo.push(t.to_string());
            }
        } else {
            cur = next;
        }
    }
    if cur.is_empty() {
        cur.push('/');
    }
    Ok(cur)
}

#[derive(Clone, Debug)]
enum MemNode {
    File(Arc<[u8]>),
    Dir,
    Link(String),
}

/// An in-memory file system; cheap to clone (shared contents).
#[derive(Default)]
pub struct MemoryFs {
    nodes: RwLock<BTreeMap<String, MemNode>>,
    /// How many symbolic links were ever added: without any, a path's real
    /// name is its canonical form (no walk over its components).
    links: std::sync::atomic::AtomicUsize,
}

impl MemoryFs {
    /// An empty file system (only `/`).
    pub fn new() -> MemoryFs {
        let fs = MemoryFs::default();
        fs.nodes.write().unwrap().insert("/".to_string(), MemNode::Dir);
        fs
    }

    fn mkdirs(nodes: &mut BTreeMap<String, MemNode>, path: &str) {
        let mut cur = String::new();
        for part in path.split('/').filter(|s| !s.is_empty()) {
            cur.push('/');
            cur.push_str(part);
            nodes.entry(cur.clone()).or_insert(MemNode::Dir);
        }
    }

    fn parent(path: &str) -> &str {
        match path.rfind('/') {
            Some(0) | None => "/",
            Some(i) => &path[..i],
        }
    }

    /// Adds (or replaces) a file, creating parent directories.
    pub fn add_file(&self, path: &str, contents: impl Into<Vec<u8>>) {
        self.add_shared(path, contents.into().into());
    }

    /// Adds (or replaces) a file whose contents are already shared (from a
    /// slice, `Arc::from` copies once where a `Vec` would be copied twice).
    pub fn add_shared(&self, path: &str, contents: Arc<[u8]>) {
        let path = canon(path);
        let mut nodes = self.nodes.write().unwrap();
        Self::mkdirs(&mut nodes, Self::parent(&path));
        nodes.insert(path, MemNode::File(contents));
    }

    /// Adds an empty directory (and its parents).
    pub fn add_dir(&self, path: &str) {
        Self::mkdirs(&mut self.nodes.write().unwrap(), &canon(path));
    }

    /// Adds a symbolic link to `target`.
    pub fn add_symlink(&self, path: &str, target: &str) {
        let path = canon(path);
        let mut nodes = self.nodes.write().unwrap();
        Self::mkdirs(&mut nodes, Self::parent(&path));
        nodes.insert(path, MemNode::Link(target.to_string()));
        self.links.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }

    /// Removes a file, link or directory (with everything below it).
    pub fn remove(&self, path: &str) {
        let path = canon(path);
        let mut nodes = self.nodes.write().unwrap();
        let prefix = format!("{path}/");
        nodes.retain(|k, _| k != &path && !k.starts_with(&prefix));
    }

    /// `path` with every symbolic link resolved.
    fn real_path(&self, path: &str) -> Result<String, String> {
        if self.links.load(std::sync::atomic::Ordering::Relaxed) == 0 {
            return Ok(canon(path));
        }
        resolve_symlinks(self, path)
    }

    fn lookup(&self, path: &str) -> Result<MemNode, String> {
        let real = self.real_path(path)?;
        self.nodes
            .read()
            .unwrap()
            .get(&real)
            .cloned()
            .ok_or_else(|| format!("opening file '{path}': No such file or directory"))
    }
}

impl FileSystem for MemoryFs {
    fn read(&self, path: &str) -> Result<Vec<u8>, String> {
        match self.lookup(path)? {
            MemNode::File(data) => Ok(data.to_vec()),
            _ => Err(format!("reading file '{path}': Is a directory")),
        }
    }

    fn read_shared(&self, path: &str) -> Option<Arc<[u8]>> {
        match self.lookup(path).ok()? {
            MemNode::File(data) => Some(data),
            _ => None,
        }
    }

    fn read_dir(&self, path: &str) -> Result<Vec<(String, FileType)>, String> {
        let real = self.real_path(path)?;
        match self.lookup(path)? {
            MemNode::Dir => {}
            _ => return Err(format!("cannot read directory '{path}': Not a directory")),
        }
        let prefix = if real == "/" { "/".to_string() } else { format!("{real}/") };
        let nodes = self.nodes.read().unwrap();
        let mut out = Vec::new();
        for (k, v) in nodes.range(prefix.clone()..) {
            let Some(rest) = k.strip_prefix(&prefix) else { break };
            if rest.is_empty() || rest.contains('/') {
                continue;
            }
            let ty = match v {
                MemNode::File(_) => FileType::Regular,
                MemNode::Dir => FileType::Directory,
                MemNode::Link(_) => FileType::Symlink,
            };
            out.push((rest.to_string(), ty));
        }
        Ok(out)
    }

    fn file_type(&self, path: &str) -> Option<FileType> {
        let path = canon(path);
        let parent = Self::parent(&path).to_string();
        let name = &path[path.rfind('/').unwrap_or(0)..];
        let dir = if path == "/" { "/".to_string() } else { self.real_path(&parent).ok()? };
        let full = if path == "/" {
            "/".to_string()
        } else if dir == "/" {
            name.to_string()
        } else {
            format!("{dir}{name}")
        };
        match self.nodes.read().unwrap().get(&full)? {
            MemNode::File(_) => Some(FileType::Regular),
            MemNode::Dir => Some(FileType::Directory),
            MemNode::Link(_) => Some(FileType::Symlink),
        }
    }

    fn read_link(&self, path: &str) -> Result<String, String> {
        let path = canon(path);
        match self.nodes.read().unwrap().get(&path) {
            Some(MemNode::Link(t)) => Ok(t.clone()),
            _ => Err(format!("'{path}' is not a symbolic link")),
        }
    }
}

/// The real file system of the host (not on wasm).
#[cfg(not(target_arch = "wasm32"))]
#[derive(Clone, Debug, Default)]
pub struct RealFs;

#[cfg(not(target_arch = "wasm32"))]
impl RealFs {
    /// The host file system.
    pub fn new() -> RealFs {
        RealFs
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn real_type(meta: &std::fs::Metadata) -> FileType {
    let t = meta.file_type();
    if t.is_symlink() {
        FileType::Symlink
    } else if t.is_dir() {
        FileType::Directory
    } else if t.is_file() {
        FileType::Regular
    } else {
        FileType::Unknown
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl FileSystem for RealFs {
    fn read(&self, path: &str) -> Result<Vec<u8>, String> {
        std::fs::read(path).map_err(|e| format!("opening file '{path}': {}", io_msg(&e)))
    }

    fn read_dir(&self, path: &str) -> Result<Vec<(String, FileType)>, String> {
        let rd = std::fs::read_dir(path).map_err(|e| format!("opening directory '{path}': {}", io_msg(&e)))?;
        let mut out = Vec::new();
        for entry in rd {
            let entry = entry.map_err(|e| e.to_string())?;
            let ty = std::fs::symlink_metadata(entry.path()).map(|m| real_type(&m)).unwrap_or(FileType::Unknown);
            out.push((entry.file_name().to_string_lossy().into_owned(), ty));
        }
        nixpen_store::sort::sort(&mut out);
        Ok(out)
    }

    fn file_type(&self, path: &str) -> Option<FileType> {
        std::fs::symlink_metadata(path).ok().map(|m| real_type(&m))
    }

    fn read_link(&self, path: &str) -> Result<String, String> {
        std::fs::read_link(path).map(|p| p.to_string_lossy().into_owned()).map_err(|e| e.to_string())
    }

    fn is_executable(&self, path: &str) -> bool {
        use std::os::unix::fs::PermissionsExt;
        std::fs::symlink_metadata(path).map(|m| m.is_file() && m.permissions().mode() & 0o100 != 0).unwrap_or(false)
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn io_msg(e: &std::io::Error) -> &'static str {
    match e.kind() {
        std::io::ErrorKind::NotFound => "No such file or directory",
        std::io::ErrorKind::PermissionDenied => "Permission denied",
        _ => "I/O error",
    }
}

/// File systems mounted at path prefixes; the longest matching mount wins.
/// Paths inside a mount are passed on relative to the mount's target root.
#[derive(Default)]
pub struct OverlayFs {
    mounts: Vec<(String, Arc<dyn FileSystem>, String)>,
}

impl OverlayFs {
    /// No mounts: every path is absent.
    pub fn new() -> OverlayFs {
        OverlayFs::default()
    }

    /// Mounts `fs` at `at`; the path `at/x` is read as `root/x` in `fs`.
    pub fn mount(&mut self, at: &str, fs: Arc<dyn FileSystem>, root: &str) {
        self.mounts.push((canon(at), fs, canon(root)));
        nixpen_store::sort::sort_by(&mut self.mounts, |a, b| b.0.len().cmp(&a.0.len()));
    }

    /// Builder form of [`OverlayFs::mount`].
    pub fn with_mount(mut self, at: &str, fs: Arc<dyn FileSystem>, root: &str) -> OverlayFs {
        self.mount(at, fs, root);
        self
    }

    fn route(&self, path: &str) -> Option<(&dyn FileSystem, String, &str, &str)> {
        let path = canon(path);
        for (at, fs, root) in &self.mounts {
            let rest = if at == "/" {
                Some(&path[..])
            } else if path == *at {
                Some("")
            } else {
                path.strip_prefix(at.as_str()).filter(|r| r.starts_with('/'))
            };
            if let Some(rest) = rest {
                let inner = if root == "/" { canon(rest) } else { format!("{root}{rest}") };
                return Some((fs.as_ref(), inner, at, root));
            }
        }
        None
    }

    fn mount_points_under(&self, dir: &str) -> Vec<(String, FileType)> {
        let dir = canon(dir);
        let prefix = if dir == "/" { "/".to_string() } else { format!("{dir}/") };
        let mut out = Vec::new();
        for (at, _, _) in &self.mounts {
            if let Some(rest) = at.strip_prefix(&prefix) {
                if !rest.is_empty() {
                    let first = rest.split('/').next().unwrap().to_string();
                    out.push((first, FileType::Directory));
                }
            }
        }
        out
    }
}

impl FileSystem for OverlayFs {
    fn read(&self, path: &str) -> Result<Vec<u8>, String> {
        match self.route(path) {
            Some((fs, inner, _, _)) => fs.read(&inner).map_err(|e| e.replace(&inner, path)),
            None => Err(format!("opening file '{path}': No such file or directory")),
        }
    }

    fn read_shared(&self, path: &str) -> Option<Arc<[u8]>> {
        let (fs, inner, _, _) = self.route(path)?;
        fs.read_shared(&inner)
    }

    fn read_dir(&self, path: &str) -> Result<Vec<(String, FileType)>, String> {
        let mut out = match self.route(path) {
            Some((fs, inner, _, _)) => fs.read_dir(&inner).unwrap_or_default(),
            None => Vec::new(),
        };
        for m in self.mount_points_under(path) {
            if !out.iter().any(|e| e.0 == m.0) {
                out.push(m);
            }
        }
        if out.is_empty() && self.file_type(path) != Some(FileType::Directory) {
            return Err(format!("opening directory '{path}': No such file or directory"));
        }
        nixpen_store::sort::sort(&mut out);
        Ok(out)
    }

    fn file_type(&self, path: &str) -> Option<FileType> {
        match self.route(path).and_then(|(fs, inner, _, _)| fs.file_type(&inner)) {
            Some(t) => Some(t),
            None if !self.mount_points_under(path).is_empty() => Some(FileType::Directory),
            None => None,
        }
    }

    fn read_link(&self, path: &str) -> Result<String, String> {
        match self.route(path) {
            Some((fs, inner, at, root)) => {
                let t = fs.read_link(&inner)?;
                // Absolute targets inside the mounted root map back into the mount.
                if t.starts_with('/') && root != "/" {
                    if let Some(rest) = t.strip_prefix(root) {
                        return Ok(format!("{at}{rest}"));
                    }
                }
                Ok(t)
            }
            None => Err(format!("'{path}' is not a symbolic link")),
        }
    }

    fn is_executable(&self, path: &str) -> bool {
        self.route(path).is_some_and(|(fs, inner, _, _)| fs.is_executable(&inner))
    }
}

#[cfg(test)]
mod tests {
    use super::canon;

    #[test]
    fn canon_normalises_and_keeps_canonical_paths() {
        for (path, want) in [
            ("/", "/"),
            ("", "/"),
            ("/a/b.nix", "/a/b.nix"),
            ("/a//b/", "/a/b"),
            ("/a/./b", "/a/b"),
            ("/a/../b", "/b"),
            ("/..", "/"),
            ("/a/.", "/a"),
            ("a/b", "/a/b"),
            ("/a/.b/..c", "/a/.b/..c"),
        ] {
            assert_eq!(canon(path), want, "canon({path:?})");
        }
    }
}
