//! [`NixpenAlloc`]: chunks for small blocks during evaluations, the
//! platform's allocator for the rest.

use std::alloc::{GlobalAlloc, Layout};

use crate::{chunks, fallback};

/// The global allocator: chunks for small blocks during evaluations, the
/// platform's allocator (mimalloc natively) otherwise.
pub struct NixpenAlloc;

// SAFETY: blocks come either from `chunks` (aligned as asked, at most 16,
// valid until freed: a chunk is reused only once all its blocks are freed)
// or from the fallback; `chunks::owns` tells which one a pointer came from,
// so each is freed and resized by the allocator that made it.
unsafe impl GlobalAlloc for NixpenAlloc {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = chunks::alloc(layout);
        if !p.is_null() {
            return p;
        }
        fallback::alloc(layout)
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = chunks::alloc(layout);
        if !p.is_null() {
            // A chunk's memory may hold an earlier block's bytes.
            p.write_bytes(0, layout.size());
            return p;
        }
        fallback::alloc_zeroed(layout)
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if chunks::owns(ptr) {
            chunks::dealloc(ptr);
        } else {
            fallback::dealloc(ptr, layout);
        }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if chunks::owns(ptr) {
            chunks::realloc(ptr, layout, new_size, |l| self.alloc(l))
        } else {
            fallback::realloc(ptr, layout, new_size)
        }
    }
}
