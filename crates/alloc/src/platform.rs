//! Where chunks come from, and telling a chunk block from any other block.
//!
//! On Linux, one range of address space is reserved at the first request
//! (`MAP_NORESERVE`: pages cost memory only once touched) and chunks are
//! carved from it in order; a block is a chunk block when its address is in
//! the range. On wasm, chunks come from the standard allocator, and a
//! bitmap of the 65,536 possible 64 KiB blocks says which are chunks. On
//! other systems there are no chunks: every block comes from the fallback.

#[cfg(any(target_os = "linux", target_arch = "wasm32"))]
use crate::chunks::CHUNK;

#[cfg(target_os = "linux")]
mod imp {
    use super::CHUNK;
    use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};

    /// The address space reserved for chunks.
    const RESERVE: usize = 16 << 30;

    /// Chunks are faulted in ahead of use this much at a time.
    const POPULATE: usize = 1 << 20;

    static BASE: AtomicUsize = AtomicUsize::new(0);
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    /// The end of the part of the range faulted in ahead of use.
    static POPULATED: AtomicUsize = AtomicUsize::new(0);
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
        // No huge-page advice: where the kernel compacts memory for advised
        // ranges on first touch (`defrag=madvise`, a common setting), a short
        // process stalled in the kernel for tens of milliseconds, and each
        // 2 MiB page is zeroed whole however little of it is used.
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
        if chunk + CHUNK > BASE.load(Ordering::Relaxed) + RESERVE {
            return None;
        }
        if chunk + CHUNK > POPULATED.load(Ordering::Relaxed) {
            populate(chunk);
        }
        Some(chunk)
    }

    /// Faults in the next [`POPULATE`] bytes from `chunk` in one system
    /// call (`MADV_POPULATE_WRITE`, Linux 5.14) instead of one fault per
    /// 4 KiB page as each is first touched; on older kernels the advice is
    /// refused and pages fault in as usual.
    #[cold]
    fn populate(chunk: usize) {
        let end = (chunk + POPULATE).min(BASE.load(Ordering::Relaxed) + RESERVE);
        POPULATED.fetch_max(end, Ordering::Relaxed);
        // SAFETY: advice on part of the range this module mapped; it
        // changes no contents (the pages are fresh), and failure is harmless.
        unsafe { libc::madvise(chunk as *mut libc::c_void, end - chunk, libc::MADV_POPULATE_WRITE) };
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

#[cfg(not(any(target_os = "linux", target_arch = "wasm32")))]
mod imp {
    /// Never a chunk: blocks come from the fallback allocator.
    pub fn new_chunk() -> Option<usize> {
        None
    }

    /// Always: chunks are not used on this system.
    #[inline]
    pub fn refused() -> bool {
        true
    }

    /// Never: no block is a chunk's.
    #[inline]
    pub fn is_chunk(_addr: usize) -> bool {
        false
    }
}

pub use imp::{is_chunk, new_chunk, refused};
