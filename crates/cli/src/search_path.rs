//! Nix search paths: `-I` arguments and the `NIX_PATH` variable, parsed as Nix
//! parses them.

use nixpen_eval::SearchPathEntry;

/// Parses one search-path element: `name=path` or a plain `path`.
///
/// ```ignore
/// let e = parse_entry("nixpkgs=/src/nixpkgs");
/// assert_eq!((e.prefix.as_str(), e.path.as_str()), ("nixpkgs", "/src/nixpkgs"));
/// ```
pub fn parse_entry(text: &str) -> SearchPathEntry {
    match text.split_once('=') {
        Some((prefix, path)) => SearchPathEntry { prefix: prefix.to_string(), path: path.to_string() },
        None => SearchPathEntry { prefix: String::new(), path: text.to_string() },
    }
}

/// Makes a relative search-path directory absolute against `cwd`, as Nix
/// does; URLs and absolute paths are kept.
pub fn absolute(mut entry: SearchPathEntry, cwd: &str) -> SearchPathEntry {
    if !entry.path.starts_with('/') && !entry.path.contains("://") {
        entry.path = format!("{}/{}", cwd.trim_end_matches('/'), entry.path);
    }
    entry
}

/// Splits `NIX_PATH` on `:` as Nix does: a `:` followed by `//` belongs to a
/// URL (`nixpkgs=https://…`) and does not separate entries.
pub fn split_nix_path(value: &str) -> Vec<String> {
    let mut entries = Vec::new();
    let mut current = String::new();
    let mut rest = value;
    while let Some(ch) = rest.chars().next() {
        if ch == ':' && !rest[1..].starts_with("//") {
            if !current.is_empty() {
                entries.push(std::mem::take(&mut current));
            }
        } else {
            current.push(ch);
        }
        rest = &rest[ch.len_utf8()..];
    }
    if !current.is_empty() {
        entries.push(current);
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_nix_path_but_keeps_urls_whole() {
        assert_eq!(
            split_nix_path("nixpkgs=https://example.org/x.tar.gz:/a/b::c=/d"),
            vec!["nixpkgs=https://example.org/x.tar.gz", "/a/b", "c=/d"]
        );
    }

    #[test]
    fn parses_prefixed_and_plain_entries() {
        let e = parse_entry("dir5=lang/dir3");
        assert_eq!((e.prefix.as_str(), e.path.as_str()), ("dir5", "lang/dir3"));
        let e = parse_entry("/plain");
        assert_eq!((e.prefix.as_str(), e.path.as_str()), ("", "/plain"));
    }
}
