//! `x // y`: the entries of both sets, `y`'s where both have a name.
//!
//! The names of the smaller set are placed among those of the bigger one,
//! and the bigger one's runs between them are copied without a comparison:
//! `pkgs // { a = …; }` costs a few binary searches and one copy of the
//! big set (as a merge, it had cost a name comparison per entry), and the
//! result is built in its block directly, not gathered first.

use super::Interp;
use crate::error::*;
use crate::value::*;

impl<'a> Interp<'a> {
    /// `x // y`.
    pub fn update(&mut self, x: &AttrSet, y: &AttrSet) -> R<AttrSet> {
        if y.is_empty() {
            return Ok(x.clone());
        }
        if x.is_empty() {
            return Ok(y.clone());
        }
        let y_is_small = y.len() <= x.len();
        let (big, small) = if y_is_small { (x, y) } else { (y, x) };
        let places = places(&big.entries, &small.entries);
        let shared = places.iter().filter(|p| p.1).count();
        let len = big.len() + small.len() - shared;
        self.alloc(len * Attrs::ENTRY_BYTES)?;
        // Entry k of the result, made in order: the bigger set's entries up
        // to the next place, then the smaller set's entry there (or, for a
        // name both have, the entry of `y`).
        let (mut b, mut s) = (0, 0);
        Ok(AttrSet::build(len, |_| {
            if let Some(&(at, both)) = places.get(s) {
                if b == at {
                    s += 1;
                    if both {
                        b += 1;
                        return if y_is_small { small.entries[s - 1].clone() } else { big.entries[b - 1].clone() };
                    }
                    return small.entries[s - 1].clone();
                }
            }
            b += 1;
            big.entries[b - 1].clone()
        }))
    }
}

/// For each entry of `small`, in order: the position in `big` of the first
/// name not less than its own, and whether that name is the same. Found by
/// binary search when `small` has few entries next to `big`, by one walk
/// through both otherwise.
fn places(big: &[Entry], small: &[Entry]) -> Vec<(usize, bool)> {
    let log2 = (usize::BITS - big.len().leading_zeros()) as usize;
    let search = small.len() * log2 < big.len();
    let mut from = 0;
    small
        .iter()
        .map(|(name, _, _)| {
            from += if search {
                big[from..].partition_point(|e| e.0 < *name)
            } else {
                big[from..].iter().take_while(|e| e.0 < *name).count()
            };
            (from, big.get(from).is_some_and(|e| e.0 == *name))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::places;
    use crate::expr::Span;
    use crate::symbol::Sym;
    use crate::value::{Entry, Value};

    fn entries(names: &[String]) -> Vec<Entry> {
        let mut v: Vec<Entry> = names.iter().map(|n| (Sym::new(n), Value::Null, Span::default())).collect();
        v.sort_by_key(|a| a.0);
        v.dedup_by(|a, b| a.0 == b.0);
        v
    }

    #[test]
    fn places_agree_with_a_plain_search() {
        let mut x = 7u64;
        let mut next = |m: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % m
        };
        for round in 0..200 {
            let (nb, ns) = (next(60) as usize, 1 + next(if round % 2 == 0 { 4 } else { 80 }) as usize);
            let big = entries(&(0..nb).map(|_| format!("name{}", next(100))).collect::<Vec<_>>());
            let small = entries(&(0..ns).map(|_| format!("name{}", next(100))).collect::<Vec<_>>());
            let expected: Vec<(usize, bool)> = small
                .iter()
                .map(|s| {
                    let at = big.iter().position(|b| b.0 >= s.0).unwrap_or(big.len());
                    (at, big.get(at).is_some_and(|b| b.0 == s.0))
                })
                .collect();
            assert_eq!(places(&big, &small), expected, "round {round}");
        }
    }
}
