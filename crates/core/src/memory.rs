//! The memory allocator's settings for a run over large exports (#11).

/// Caps glibc's malloc at one arena per core (at least two), where glibc is the
/// allocator (Linux with the GNU C library); elsewhere it does nothing.
///
/// glibc gives each thread that allocates its own arena, up to eight per core. An
/// import reads its files on several threads at once, and Polars computes on a pool of
/// its own, so an audit of a million leads touched about ten arenas; the memory each
/// freed was kept for its own thread and not used again by the others. With one arena
/// per core, `audit` at 1M contacts peaked at 1.71 GB instead of 2.36 GB, in the same
/// time (`./dev bench`).
///
/// Call it first thing in `main`, before any thread starts.
pub fn limit_malloc_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        let arenas = libc::c_int::try_from(cores.max(2)).unwrap_or(libc::c_int::MAX);
        // SAFETY: `mallopt` only sets a tuning parameter of glibc's allocator; it takes
        // plain integers and is safe to call at any time.
        unsafe {
            libc::mallopt(libc::M_ARENA_MAX, arenas);
        }
    }
}
