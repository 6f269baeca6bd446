//! Remembered sha256 digests of large inputs.
//!
//! Each evaluation computes the same store paths again: a derivation's
//! `.drv` text is hashed three times (masked, modulo, its own path) and the
//! playground evaluates the same packages on every keystroke. Where sha256
//! runs in software (wasm has no SHA instructions) that was a few percent of
//! an evaluation; looking the digest up by the text costs a fraction of it.
//! Natively, with the CPU's SHA instructions, hashing is as fast as the
//! lookup, so only wasm builds use this.

use std::cell::RefCell;
use std::collections::HashMap;

use crate::hash::{Hash, HashAlgo};

/// Inputs shorter than this are hashed directly.
pub const MIN_LEN: usize = 512;
/// Remembered bytes (inputs) before the memo starts afresh.
const MAX_BYTES: usize = 2 << 20;

#[derive(Default)]
struct Memo {
    digests: HashMap<Box<[u8]>, Hash>,
    bytes: usize,
}

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::new(Memo::default());
}

/// The sha256 of `data`, from the memo when it was computed before.
///
/// ```
/// let text = vec![b'x'; 4096];
/// let first = nixpen_store::sha256_memo::sha256(&text);
/// assert_eq!(first, nixpen_store::Hash::of(nixpen_store::HashAlgo::Sha256, &text));
/// assert_eq!(nixpen_store::sha256_memo::sha256(&text), first);
/// ```
pub fn sha256(data: &[u8]) -> Hash {
    MEMO.with(|memo| {
        if let Some(hash) = memo.borrow().digests.get(data) {
            return hash.clone();
        }
        let hash = Hash::of(HashAlgo::Sha256, data);
        // Kept across evaluations: made outside this one's memory.
        nixpen_alloc::outside_evaluation(|| {
            let mut memo = memo.borrow_mut();
            if memo.bytes + data.len() > MAX_BYTES {
                memo.digests.clear();
                memo.bytes = 0;
            }
            memo.bytes += data.len();
            memo.digests.insert(data.into(), hash.clone());
        });
        hash
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_memo_gives_the_digest_and_stays_bounded() {
        for round in 0..3 {
            for i in 0..3000u32 {
                let text = format!("{i:>4096}");
                assert_eq!(
                    sha256(text.as_bytes()),
                    Hash::of(HashAlgo::Sha256, text.as_bytes()),
                    "round {round}, text {i}"
                );
            }
        }
        MEMO.with(|memo| assert!(memo.borrow().bytes <= MAX_BYTES));
    }
}
