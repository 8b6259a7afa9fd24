//! Keeps the app's own heap from holding on to memory it has freed.
//!
//! Measured with `tests/e2e_memory.rs`: after sign-in the app kept about 19 MB more than it
//! used. Signing in to the embedded portal verifies an Argon2 password hash, which allocates
//! one 19 MiB block (Argon2id's default memory cost, kept: it is what makes the hash strong).
//! glibc serves such a block with `mmap` and unmaps it on free, but its *dynamic* thresholds
//! then rise to the block's size: later allocations up to 19 MiB come from the heap, and up to
//! twice that stays at the heap's top untrimmed. Fixing both thresholds turns that off, so big
//! blocks go back to the OS when freed. Other allocators (macOS, Windows, musl) return big
//! blocks already; this is a no-op there.
//!
//! Release build, demo portal, 33 numbers, list open (Xvfb): app RSS 189.1 -> 170.2 MB, its
//! anonymous memory 51.0 -> 31.9 MB. The rest is mostly shared libraries (software GL's
//! LLVM 43 MB under Xvfb, WebKitGTK 25 MB, JavaScriptCore 12 MB) and the binary (15 MB).
//!
//! Arenas: glibc gives each thread that allocates at once its own arena (up to 8 per core), and
//! memory freed in one stays there. The tokio workers, SQLite and the embedded portal all
//! allocate while a list of 100,000 numbers syncs, so the freed pages were spread over many
//! arenas afterwards. Two arenas (`M_ARENA_MAX`, what `MALLOC_ARENA_MAX=2` sets) measured with
//! `tests/bench/memory.rs` (dev build, 100,000 numbers open, idle): app anonymous memory
//! 106.5 -> 85.4 MB, RSS 280.9 -> 259.6 MB.

/// Sets glibc's mmap and trim thresholds and its arena count once, before the app allocates
/// much (and before its threads start).
pub fn return_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        extern "C" {
            /// glibc's `int mallopt(int param, int value)`.
            fn mallopt(param: i32, value: i32) -> i32;
        }
        const M_TRIM_THRESHOLD: i32 = -1;
        const M_MMAP_THRESHOLD: i32 = -3;
        const M_ARENA_MAX: i32 = -8;
        // Blocks from 128 KiB up are mapped on their own and unmapped when freed (glibc's own
        // starting value, now kept); the heap's top is trimmed once 1 MiB of it is free.
        // SAFETY: mallopt only changes the allocator's tunables; it is safe to call at any time.
        unsafe {
            mallopt(M_MMAP_THRESHOLD, 128 * 1024);
            mallopt(M_TRIM_THRESHOLD, 1024 * 1024);
            mallopt(M_ARENA_MAX, 2);
        }
    }
}
