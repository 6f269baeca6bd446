//! The global allocator of Nixpen's native programs (`nixpen`, the
//! benchmark): mimalloc.
//!
//! The evaluator allocates and frees many small objects (thunks, envs, sets,
//! strings); mimalloc does that several times faster than the system
//! allocator. The `mimalloc` crate's allocator asks for every block through
//! `mi_malloc_aligned`, whose checks cost about as much as the allocation
//! itself; blocks whose alignment is at most a machine word, which is all
//! the evaluator asks for, are aligned by `mi_malloc` already, so they are
//! asked for there.
//!
//! ```
//! #[global_allocator]
//! static ALLOCATOR: nixpen_alloc::Mimalloc = nixpen_alloc::Mimalloc;
//! let v: Vec<u64> = (0..1000).collect();
//! assert_eq!(v.iter().sum::<u64>(), 499_500);
//! ```

use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

use libmimalloc_sys as mi;

/// mimalloc as the global allocator.
pub struct Mimalloc;

/// Every mimalloc block is aligned to at least this (its smallest size
/// class is one word).
const WORD: usize = std::mem::size_of::<usize>();

// SAFETY: each method forwards to mimalloc, which returns blocks of at least
// `layout.size()` bytes aligned to `layout.align()`: `mi_malloc` blocks are
// word-aligned, and larger alignments go through the `_aligned` functions.
unsafe impl GlobalAlloc for Mimalloc {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if layout.align() <= WORD {
            mi::mi_malloc(layout.size()) as *mut u8
        } else {
            mi::mi_malloc_aligned(layout.size(), layout.align()) as *mut u8
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if layout.align() <= WORD {
            mi::mi_zalloc(layout.size()) as *mut u8
        } else {
            mi::mi_zalloc_aligned(layout.size(), layout.align()) as *mut u8
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        mi::mi_free(ptr as *mut c_void);
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if layout.align() <= WORD {
            mi::mi_realloc(ptr as *mut c_void, new_size) as *mut u8
        } else {
            mi::mi_realloc_aligned(ptr as *mut c_void, new_size, layout.align()) as *mut u8
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_have_the_alignment_asked_for() {
        let a = Mimalloc;
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
