//! The global allocator of Nixpen's programs (`nixpen`, the benchmark, the
//! playground's wasm): during an evaluation, small blocks are bumped out of
//! 64 KiB chunks (`chunks`); everything else goes to the platform's
//! allocator (`fallback`): mimalloc natively, the standard one on wasm.
//!
//! The evaluator allocates and frees many small objects (thunks, envs,
//! sets, strings). Carving them in order from chunks keeps what an
//! evaluation touches together and in address order, where a free-list
//! allocator hands out blocks scattered by the previous evaluation's frees
//! (with mimalloc alone, a sixth of a warm render of the tutorial's flake
//! was cache misses reading its free lists). The evaluator marks its
//! evaluations with [`Evaluating`]; what an evaluation makes to keep (cache
//! entries) it makes inside [`outside_evaluation`], so that no chunk is
//! held by it.
//!
//! ```
//! #[global_allocator]
//! static ALLOCATOR: nixpen_alloc::NixpenAlloc = nixpen_alloc::NixpenAlloc;
//! let v: Vec<u64> = (0..1000).collect();
//! let w: Vec<u64> = {
//!     let _scope = nixpen_alloc::Evaluating::begin();
//!     v.iter().map(|x| x * 2).collect()
//! };
//! assert_eq!(w.iter().sum::<u64>(), 999_000);
//! ```

mod chunks;
mod fallback;
mod global;
mod platform;

pub use chunks::{outside_evaluation, Evaluating};

pub use global::NixpenAlloc;

#[cfg(test)]
mod tests {
    use super::*;
    use std::alloc::{GlobalAlloc, Layout};

    #[test]
    fn blocks_have_the_alignment_asked_for() {
        let _serial = chunks::tests::serial();
        let a = NixpenAlloc;
        for scoped in [false, true] {
            let _scope = scoped.then(Evaluating::begin);
            for align in [1, 2, 4, 8, 16, 32, 64, 4096] {
                for size in [1, 7, 8, 9, 24, 100, 5000] {
                    let layout = Layout::from_size_align(size, align).unwrap();
                    unsafe {
                        let p = a.alloc(layout);
                        assert!(!p.is_null());
                        assert_eq!(p as usize % align, 0, "size {size}, align {align}");
                        let q = a.realloc(p, layout, size * 3);
                        assert_eq!(q as usize % align, 0, "realloc: size {size}, align {align}");
                        a.dealloc(q, Layout::from_size_align(size * 3, align).unwrap());
                        let z = a.alloc_zeroed(layout);
                        assert!(std::slice::from_raw_parts(z, size).iter().all(|b| *b == 0));
                        a.dealloc(z, layout);
                    }
                }
            }
        }
    }
}
