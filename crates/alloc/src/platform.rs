//! Where chunks come from, and telling a chunk block from any other block.
//!
//! Natively, one range of address space is reserved at the first request
//! (`MAP_NORESERVE`: pages cost memory only once touched) and chunks are
//! carved from it in order; a block is a chunk block when its address is in
//! the range. On wasm, chunks come from the standard allocator, and a
//! bitmap of the 65,536 possible 64 KiB blocks says which are chunks.

use crate::chunks::CHUNK;

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use super::CHUNK;
    use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};

    /// The address space reserved for chunks.
    const RESERVE: usize = 16 << 30;

    static BASE: AtomicUsize = AtomicUsize::new(0);
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    /// 0: not reserved yet; 1: being reserved; 2: reserved; 3: refused.
    static STATE: AtomicU8 = AtomicU8::new(0);

    fn reserve() -> bool {
        loop {
            match STATE.compare_exchange(0, 1, Ordering::Acquire, Ordering::Acquire) {
                Ok(_) => break,
                Err(2) => return true,
                Err(3) => return false,
                Err(_) => std::hint::spin_loop(),
            }
        }
        // SAFETY: an anonymous private mapping; no existing memory is touched.
        let p = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                RESERVE + CHUNK,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
                -1,
                0,
            )
        };
        if p == libc::MAP_FAILED {
            STATE.store(3, Ordering::Release);
            return false;
        }
        // Huge pages where the system allows them: a fresh process touches
        // tens of megabytes of chunks, and one fault per 2 MiB instead of
        // per 4 KiB is most of what that first touch costs.
        // SAFETY: advice on the mapping just made; failure is harmless.
        unsafe { libc::madvise(p, RESERVE + CHUNK, libc::MADV_HUGEPAGE) };
        let base = (p as usize + CHUNK - 1) & !(CHUNK - 1);
        NEXT.store(base, Ordering::Relaxed);
        BASE.store(base, Ordering::Relaxed);
        STATE.store(2, Ordering::Release);
        true
    }

    /// Whether the system refused the range (then chunks are never used).
    #[inline]
    pub fn refused() -> bool {
        STATE.load(Ordering::Relaxed) == 3
    }

    /// A chunk never handed out before, or `None` when the range is used up.
    pub fn new_chunk() -> Option<usize> {
        if !reserve() {
            return None;
        }
        let chunk = NEXT.fetch_add(CHUNK, Ordering::Relaxed);
        (chunk + CHUNK <= BASE.load(Ordering::Relaxed) + RESERVE).then_some(chunk)
    }

    /// Whether `addr` is in a chunk.
    #[inline]
    pub fn is_chunk(addr: usize) -> bool {
        let base = BASE.load(Ordering::Relaxed);
        base != 0 && addr.wrapping_sub(base) < RESERVE
    }
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use super::CHUNK;
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::sync::atomic::{AtomicU32, Ordering};

    /// One bit per 64 KiB of the address space: set when it is a chunk.
    static CHUNKS: [AtomicU32; 2048] = [const { AtomicU32::new(0) }; 2048];

    /// A chunk from the standard allocator (aligned to its size), or `None`
    /// when there is no memory left. Chunks are never given back: a free
    /// chunk waits in the free list for the next evaluation. (Growing the
    /// memory by a page per chunk instead would leave chunks between the
    /// standard allocator's regions, which could then not merge.)
    pub fn new_chunk() -> Option<usize> {
        // SAFETY: a valid layout of non-zero size.
        let p = unsafe { System.alloc(Layout::from_size_align_unchecked(CHUNK, CHUNK)) } as usize;
        if p == 0 {
            return None;
        }
        let page = p / CHUNK;
        CHUNKS[page / 32].fetch_or(1 << (page % 32), Ordering::Relaxed);
        Some(p)
    }

    /// Never: chunks come from the standard allocator.
    #[inline]
    pub fn refused() -> bool {
        false
    }

    /// Whether `addr` is in a chunk.
    #[inline]
    pub fn is_chunk(addr: usize) -> bool {
        let page = addr / CHUNK;
        CHUNKS[page / 32].load(Ordering::Relaxed) & (1 << (page % 32)) != 0
    }
}

pub use imp::{is_chunk, new_chunk, refused};
