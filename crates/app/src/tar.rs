//! A minimal POSIX ustar archive writer, for "download all rendered files":
//! regular files only, mode 0644, owner root, time zero. Plain bytes in,
//! bytes out; no dependency.

/// The size of a tar block.
const BLOCK: usize = 512;

/// An archive holding `files` (path inside the archive, contents), in
/// order. Paths longer than ustar allows (100 bytes, or 155 + 100 split at
/// a `/`) are shortened to their last 100 bytes rather than dropped.
pub fn archive(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    for (path, contents) in files {
        out.extend_from_slice(&header(path, contents.len()));
        out.extend_from_slice(contents);
        out.resize(out.len().div_ceil(BLOCK) * BLOCK, 0);
    }
    out.resize(out.len() + 2 * BLOCK, 0); // end of archive
    out
}

/// The 512-byte header of a regular file.
fn header(path: &str, size: usize) -> [u8; BLOCK] {
    let mut h = [0u8; BLOCK];
    let (prefix, name) = split_path(path);
    put(&mut h, 0, 100, name.as_bytes());
    put(&mut h, 100, 8, b"0000644\0");
    put(&mut h, 108, 8, b"0000000\0");
    put(&mut h, 116, 8, b"0000000\0");
    put(&mut h, 124, 12, format!("{size:011o}\0").as_bytes());
    put(&mut h, 136, 12, b"00000000000\0");
    put(&mut h, 148, 8, b"        "); // checksum counted as spaces
    h[156] = b'0';
    put(&mut h, 257, 8, b"ustar\x0000");
    put(&mut h, 265, 32, b"root");
    put(&mut h, 297, 32, b"root");
    put(&mut h, 345, 155, prefix.as_bytes());
    let sum: u32 = h.iter().map(|&b| b as u32).sum();
    put(&mut h, 148, 8, format!("{sum:06o}\0 ").as_bytes());
    h
}

/// Splits `path` into ustar's prefix (≤ 155 bytes) and name (≤ 100 bytes).
fn split_path(path: &str) -> (&str, &str) {
    if path.len() <= 100 {
        return ("", path);
    }
    let fits =
        path.char_indices().filter(|&(i, c)| c == '/' && i <= 155 && path.len() - i - 1 <= 100).map(|(i, _)| i).next();
    match fits {
        Some(i) => (&path[..i], &path[i + 1..]),
        None => {
            let mut start = path.len() - 100;
            while !path.is_char_boundary(start) {
                start += 1;
            }
            ("", &path[start..])
        }
    }
}

fn put(h: &mut [u8; BLOCK], at: usize, len: usize, bytes: &[u8]) {
    let n = bytes.len().min(len);
    h[at..at + n].copy_from_slice(&bytes[..n]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tar_lists_and_extracts_the_files() {
        let long = format!("system/{}/unit.service", "d".repeat(120));
        let files = vec![
            ("system/etc/hosts".to_owned(), b"127.0.0.1 localhost\n".to_vec()),
            ("system/etc/empty".to_owned(), Vec::new()),
            (long.clone(), vec![b'x'; 700]),
        ];
        let bytes = archive(&files);
        assert_eq!(bytes.len() % BLOCK, 0);
        let dir = std::env::temp_dir().join(format!("nixpen-tar-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("all.tar");
        std::fs::write(&file, &bytes).unwrap();
        let Ok(out) = std::process::Command::new("tar").arg("-xf").arg(&file).arg("-C").arg(&dir).output() else {
            return; // no tar(1) here: the layout was still checked above
        };
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(std::fs::read(dir.join("system/etc/hosts")).unwrap(), files[0].1);
        assert_eq!(std::fs::read(dir.join("system/etc/empty")).unwrap(), b"");
        assert_eq!(std::fs::read(dir.join(&long)).unwrap().len(), 700);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
