//! The allocator for what chunks do not hold: the standard allocator on
//! wasm; natively mimalloc, through `mi_malloc` for word-aligned blocks. The `mimalloc` crate's allocator asks for every
//! block through `mi_malloc_aligned`, whose checks cost about as much as the
//! allocation itself; blocks whose alignment is at most a machine word are
//! aligned by `mi_malloc` already.

use std::alloc::Layout;

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use std::alloc::Layout;
    use std::ffi::c_void;

    use libmimalloc_sys as mi;

    /// Every mimalloc block is aligned to at least this (its smallest size
    /// class is one word).
    const WORD: usize = std::mem::size_of::<usize>();

    pub unsafe fn alloc(layout: Layout) -> *mut u8 {
        if layout.align() <= WORD {
            mi::mi_malloc(layout.size()) as *mut u8
        } else {
            mi::mi_malloc_aligned(layout.size(), layout.align()) as *mut u8
        }
    }

    pub unsafe fn alloc_zeroed(layout: Layout) -> *mut u8 {
        if layout.align() <= WORD {
            mi::mi_zalloc(layout.size()) as *mut u8
        } else {
            mi::mi_zalloc_aligned(layout.size(), layout.align()) as *mut u8
        }
    }

    pub unsafe fn dealloc(ptr: *mut u8, _layout: Layout) {
        mi::mi_free(ptr as *mut c_void);
    }

    pub unsafe fn realloc(ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if layout.align() <= WORD {
            mi::mi_realloc(ptr as *mut c_void, new_size) as *mut u8
        } else {
            mi::mi_realloc_aligned(ptr as *mut c_void, new_size, layout.align()) as *mut u8
        }
    }
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use std::alloc::{GlobalAlloc, Layout, System};

    pub unsafe fn alloc(layout: Layout) -> *mut u8 {
        System.alloc(layout)
    }

    pub unsafe fn alloc_zeroed(layout: Layout) -> *mut u8 {
        System.alloc_zeroed(layout)
    }

    pub unsafe fn dealloc(ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }

    pub unsafe fn realloc(ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        System.realloc(ptr, layout, new_size)
    }
}

/// A block of `layout`, or null.
///
/// # Safety
/// As `GlobalAlloc::alloc`.
#[inline]
pub unsafe fn alloc(layout: Layout) -> *mut u8 {
    imp::alloc(layout)
}

/// A zeroed block of `layout`, or null.
///
/// # Safety
/// As `GlobalAlloc::alloc_zeroed`.
#[inline]
pub unsafe fn alloc_zeroed(layout: Layout) -> *mut u8 {
    imp::alloc_zeroed(layout)
}

/// Frees a block this allocator made.
///
/// # Safety
/// As `GlobalAlloc::dealloc`.
#[inline]
pub unsafe fn dealloc(ptr: *mut u8, layout: Layout) {
    imp::dealloc(ptr, layout)
}

/// Resizes a block this allocator made.
///
/// # Safety
/// As `GlobalAlloc::realloc`.
#[inline]
pub unsafe fn realloc(ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
    imp::realloc(ptr, layout, new_size)
}
