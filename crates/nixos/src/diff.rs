//! What changed between two renders: for each file that differs (by the
//! names views give them: `units/NAME`, `nginx.conf`, `etc/PATH`,
//! `firewall`), its lines kept, added and removed (Myers' shortest edit
//! script), counts, and a unified diff.

use crate::Rendered;

/// What happened to a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// In both.
    Same,
    /// Only in the new file.
    Added,
    /// Only in the old file.
    Removed,
}

/// One line of a file's diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffLine {
    /// What happened to it.
    pub op: Op,
    /// Its number in the old file (from 1), unless added.
    pub old: Option<usize>,
    /// Its number in the new file (from 1), unless removed.
    pub new: Option<usize>,
    /// Its text.
    pub text: String,
}

/// A file that differs between two renders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileDiff {
    /// Its name (`units/nginx.service`, `nginx.conf`, `etc/hosts`, `firewall`).
    pub path: String,
    /// Whether it is only in the old render.
    pub removed_file: bool,
    /// Whether it is only in the new render.
    pub added_file: bool,
    /// Lines added.
    pub added: usize,
    /// Lines removed.
    pub removed: usize,
    /// Every line of both, in order.
    pub lines: Vec<DiffLine>,
}

/// The files of a render by the names views give them, with their texts.
pub fn files(r: &Rendered) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = r.units.iter().map(|(n, t)| (format!("units/{n}"), t.clone())).collect();
    out.extend(r.nginx.iter().map(|t| ("nginx.conf".to_owned(), t.clone())));
    out.extend(r.etc.iter().map(|(n, t)| (format!("etc/{n}"), t.clone())));
    out.push(("firewall".to_owned(), r.firewall_text()));
    out
}

/// The files that differ between `old` and `new`, in the order of
/// [`files`] (the new render's, then those only in the old one).
///
/// ```
/// use nixpen_nixos::{diff::render_diff, Rendered};
/// let mut old = Rendered::default();
/// old.units.insert("a.service".into(), "[Unit]\nDescription=A\n".into());
/// let mut new = old.clone();
/// new.units.insert("a.service".into(), "[Unit]\nDescription=B\n".into());
/// let d = render_diff(&old, &new);
/// assert_eq!((d[0].path.as_str(), d[0].added, d[0].removed), ("units/a.service", 1, 1));
/// ```
pub fn render_diff(old: &Rendered, new: &Rendered) -> Vec<FileDiff> {
    let old_files = files(old);
    let new_files = files(new);
    let mut out = Vec::new();
    for (path, text) in &new_files {
        match old_files.iter().find(|(p, _)| p == path) {
            Some((_, before)) if before == text => {}
            Some((_, before)) => out.push(file_diff(path, before, text, false, false)),
            None => out.push(file_diff(path, "", text, false, true)),
        }
    }
    for (path, text) in old_files.iter().filter(|(p, _)| !new_files.iter().any(|(n, _)| n == p)) {
        out.push(file_diff(path, text, "", true, false));
    }
    out
}

fn file_diff(path: &str, old: &str, new: &str, removed_file: bool, added_file: bool) -> FileDiff {
    let lines = line_diff(old, new);
    let count = |op| lines.iter().filter(|l| l.op == op).count();
    FileDiff {
        path: path.to_owned(),
        removed_file,
        added_file,
        added: count(Op::Added),
        removed: count(Op::Removed),
        lines,
    }
}

/// Beyond this many differences the diff is not made minimal: the lines
/// are all removed and all added (the search keeps about 4·MAX_EDITS²
/// bytes).
const MAX_EDITS: usize = 1000;

/// The lines of `old` and `new`, each kept, removed or added, in order.
///
/// ```
/// use nixpen_nixos::diff::{line_diff, Op};
/// let ops: Vec<Op> = line_diff("a\nb\nc\n", "a\nc\nd\n").iter().map(|l| l.op).collect();
/// assert_eq!(ops, [Op::Same, Op::Removed, Op::Same, Op::Added]);
/// ```
pub fn line_diff(old: &str, new: &str) -> Vec<DiffLine> {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..].iter().rev().zip(b[prefix..].iter().rev()).take_while(|(x, y)| x == y).count();
    let ops = edits(&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let mut out = Vec::with_capacity(a.len().max(b.len()));
    let (mut i, mut j) = (0, 0);
    let mut push = |op, i: &mut usize, j: &mut usize| {
        let (old, new, text) = match op {
            Op::Same => (Some(*i + 1), Some(*j + 1), a[*i]),
            Op::Removed => (Some(*i + 1), None, a[*i]),
            Op::Added => (None, Some(*j + 1), b[*j]),
        };
        out.push(DiffLine { op, old, new, text: text.to_owned() });
        *i += usize::from(op != Op::Added);
        *j += usize::from(op != Op::Removed);
    };
    for op in std::iter::repeat_n(Op::Same, prefix).chain(ops).chain(std::iter::repeat_n(Op::Same, suffix)) {
        push(op, &mut i, &mut j);
    }
    out
}

/// Myers' shortest edit script from `a` to `b`, as operations in order.
fn edits(a: &[&str], b: &[&str]) -> Vec<Op> {
    let (n, m) = (a.len() as isize, b.len() as isize);
    let max = (n + m) as usize;
    let offset = max as isize + 1;
    let mut v = vec![0isize; 2 * max + 3];
    // V at the start of each round d, for k in -d..=d.
    let mut trace: Vec<Vec<i32>> = Vec::new();
    let mut end = None;
    for d in 0..=max.min(MAX_EDITS) as isize {
        trace.push(v[(offset - d) as usize..=(offset + d) as usize].iter().map(|&x| x as i32).collect());
        for k in (-d..=d).step_by(2) {
            let at = |k: isize| (offset + k) as usize;
            let mut x =
                if k == -d || (k != d && v[at(k - 1)] < v[at(k + 1)]) { v[at(k + 1)] } else { v[at(k - 1)] + 1 };
            let mut y = x - k;
            while x < n && y < m && a[x as usize] == b[y as usize] {
                x += 1;
                y += 1;
            }
            v[at(k)] = x;
            if x >= n && y >= m {
                end = Some(d);
                break;
            }
        }
        if end.is_some() {
            break;
        }
    }
    let Some(d_end) = end else {
        // Too different: everything removed, then everything added.
        return std::iter::repeat_n(Op::Removed, a.len()).chain(std::iter::repeat_n(Op::Added, b.len())).collect();
    };
    let mut ops = Vec::new();
    let (mut x, mut y) = (n, m);
    for d in (0..=d_end).rev() {
        let window = &trace[d as usize];
        let get = |k: isize| window[(k + d) as usize] as isize;
        let k = x - y;
        let prev_k = if k == -d || (k != d && get(k - 1) < get(k + 1)) { k + 1 } else { k - 1 };
        let prev_x = if d == 0 { 0 } else { get(prev_k) };
        let prev_y = prev_x - prev_k;
        while x > prev_x && y > prev_y {
            ops.push(Op::Same);
            x -= 1;
            y -= 1;
        }
        if d > 0 {
            ops.push(if x == prev_x { Op::Added } else { Op::Removed });
        }
        x = prev_x;
        y = prev_y;
    }
    ops.reverse();
    ops
}

impl FileDiff {
    /// The numbers (from 1) of the new file's added lines.
    pub fn added_lines(&self) -> Vec<usize> {
        self.lines.iter().filter(|l| l.op == Op::Added).filter_map(|l| l.new).collect()
    }

    /// The diff as `diff -u` writes it, with `context` lines around each
    /// change (`--- a/PATH`, `+++ b/PATH`, `@@ -l,n +l,n @@` hunks).
    pub fn unified(&self, context: usize) -> String {
        let mut out = format!(
            "--- {}\n+++ {}\n",
            if self.added_file { "/dev/null".to_owned() } else { format!("a/{}", self.path) },
            if self.removed_file { "/dev/null".to_owned() } else { format!("b/{}", self.path) }
        );
        let changed: Vec<usize> = (0..self.lines.len()).filter(|&i| self.lines[i].op != Op::Same).collect();
        let mut i = 0;
        while i < changed.len() {
            let start = changed[i].saturating_sub(context);
            let mut last = changed[i];
            while i + 1 < changed.len() && changed[i + 1] <= last + 2 * context + 1 {
                i += 1;
                last = changed[i];
            }
            let end = (last + context + 1).min(self.lines.len());
            let hunk = &self.lines[start..end];
            let old_count = hunk.iter().filter(|l| l.op != Op::Added).count();
            let new_count = hunk.iter().filter(|l| l.op != Op::Removed).count();
            // The first line of each side in the hunk (or the one before, for an empty side).
            let before = &self.lines[..start];
            let old_start =
                hunk.iter().find_map(|l| l.old).unwrap_or(before.iter().rev().find_map(|l| l.old).unwrap_or(0));
            let new_start =
                hunk.iter().find_map(|l| l.new).unwrap_or(before.iter().rev().find_map(|l| l.new).unwrap_or(0));
            out.push_str(&format!("@@ -{old_start},{old_count} +{new_start},{new_count} @@\n"));
            for l in hunk {
                let mark = match l.op {
                    Op::Same => ' ',
                    Op::Added => '+',
                    Op::Removed => '-',
                };
                out.push_str(&format!("{mark}{}\n", l.text));
            }
            i += 1;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `old` turned into `new` by the diff's operations.
    fn apply(old: &str, lines: &[DiffLine]) -> String {
        let mut kept = old.lines();
        let mut out = String::new();
        for l in lines {
            match l.op {
                Op::Same => assert_eq!(kept.next(), Some(l.text.as_str())),
                Op::Removed => {
                    assert_eq!(kept.next(), Some(l.text.as_str()));
                    continue;
                }
                Op::Added => {}
            }
            out.push_str(&l.text);
            out.push('\n');
        }
        assert_eq!(kept.next(), None);
        out
    }

    #[test]
    fn diffs_are_minimal_and_reproduce_the_new_text() {
        let cases = [
            ("", "a\n", 1, 0),
            ("a\n", "", 0, 1),
            ("a\nb\nc\nd\n", "a\nc\nd\ne\n", 1, 1),
            ("x\na\nb\n", "a\nb\nx\n", 1, 1),
            ("a\nb\nc\na\nb\nb\na\n", "c\nb\na\nb\na\nc\n", 2, 3),
            ("same\n", "same\n", 0, 0),
        ];
        for (old, new, added, removed) in cases {
            let lines = line_diff(old, new);
            assert_eq!(apply(old, &lines), new, "{old:?} -> {new:?}");
            let count = |op| lines.iter().filter(|l| l.op == op).count();
            assert_eq!((count(Op::Added), count(Op::Removed)), (added, removed), "{old:?} -> {new:?}");
        }
    }

    #[test]
    fn numbers_and_unified_text() {
        let mut old = Rendered::default();
        old.units.insert("a.service".into(), "1\n2\n3\n4\n5\n6\n7\n8\n9\n".into());
        old.etc.insert("gone".into(), "x\n".into());
        let mut new = Rendered::default();
        new.units.insert("a.service".into(), "1\n2\n3\nfour\n5\n6\n7\n8\n9\n".into());
        new.nginx = Some("http {\n}\n".into());
        let d = render_diff(&old, &new);
        let paths: Vec<&str> = d.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["units/a.service", "nginx.conf", "etc/gone"]);
        assert_eq!(d[0].added_lines(), [4]);
        assert_eq!(
            d[0].unified(2),
            "--- a/units/a.service\n+++ b/units/a.service\n@@ -2,5 +2,5 @@\n 2\n 3\n-4\n+four\n 5\n 6\n"
        );
        assert!(
            d[1].added_file
                && d[1].unified(3).starts_with("--- /dev/null\n+++ b/nginx.conf\n@@ -0,0 +1,2 @@\n+http {\n")
        );
        assert!(d[2].removed_file && d[2].unified(3).ends_with("+++ /dev/null\n@@ -1,1 +0,0 @@\n-x\n"));
    }

    #[test]
    fn very_different_files_are_replaced_whole() {
        let old: String = (0..3000).map(|i| format!("a{i}\n")).collect();
        let new: String = (0..3000).map(|i| format!("b{i}\n")).collect();
        let lines = line_diff(&old, &new);
        assert_eq!(apply(&old, &lines), new);
        assert_eq!(lines.len(), 6000);
    }
}
