//! A stable sort that is compiled once, for this crate and `nixpen-eval`.
//!
//! The standard library's stable sort is instantiated anew for every element
//! type and comparison: seventeen copies made up 60 KB of the browser
//! worker's wasm. Here short slices (the usual attribute sets) are sorted by
//! insertion, which is what the standard sort does for them too, and longer
//! ones by sorting their positions once through one shared, non-generic
//! call, then moving the elements into place.

use std::cmp::Ordering;

/// Slices up to this length are sorted by insertion.
const INSERTION_MAX: usize = 20;

/// Sorts `v` by `cmp`, keeping equal elements in their order (as
/// `slice::sort_by` does).
///
/// ```
/// let mut v = [(2, 'a'), (1, 'b'), (2, 'c'), (0, 'd')];
/// nixpen_store::sort::sort_by(&mut v, |x, y| x.0.cmp(&y.0));
/// assert_eq!(v, [(0, 'd'), (1, 'b'), (2, 'a'), (2, 'c')]);
/// ```
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() <= INSERTION_MAX {
        for i in 1..v.len() {
            let mut j = i;
            while j > 0 && cmp(&v[j], &v[j - 1]) == Ordering::Less {
                v.swap(j, j - 1);
                j -= 1;
            }
        }
        return;
    }
    let mut order = sorted_positions(v.len(), &mut |i, j| cmp(&v[i], &v[j]));
    permute(v, &mut order);
}

/// Sorts `v` in ascending order, keeping equal elements in their order.
///
/// ```
/// let mut v = vec!["b".to_owned(), "a".to_owned()];
/// nixpen_store::sort::sort(&mut v);
/// assert_eq!(v, ["a", "b"]);
/// ```
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// The positions `0..len` ordered by `cmp` on them, ties in position order.
fn sorted_positions(len: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&i, &j| cmp(i, j));
    order
}

/// Moves `v[order[k]]` to position `k` for every `k`, one cycle of the
/// permutation at a time; `order` is used up (every entry ends as its own
/// position).
fn permute<T>(v: &mut [T], order: &mut [usize]) {
    for start in 0..order.len() {
        let mut k = start;
        while order[k] != start {
            let from = order[k];
            v.swap(k, from);
            order[k] = k;
            k = from;
        }
        order[k] = k;
    }
}

#[cfg(test)]
mod tests {
    use super::{sort, sort_by};

    /// A small deterministic generator (xorshift), so no dependency is needed.
    fn numbers(n: usize, seed: u64) -> Vec<u64> {
        let mut x = seed;
        (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x % 50
            })
            .collect()
    }

    #[test]
    fn agrees_with_the_standard_stable_sort() {
        for n in [0, 1, 2, 7, 20, 21, 64, 1000] {
            let keyed: Vec<(u64, usize)> = numbers(n, n as u64 + 1).into_iter().zip(0..).collect();
            let mut ours = keyed.clone();
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            let mut std = keyed;
            std.sort_by_key(|a| a.0);
            assert_eq!(ours, std, "length {n}");
        }
    }

    #[test]
    fn sorts_owned_strings() {
        let mut v: Vec<String> = numbers(100, 7).iter().map(|n| format!("n{n}")).collect();
        let mut expected = v.clone();
        expected.sort();
        sort(&mut v);
        assert_eq!(v, expected);
    }
}
