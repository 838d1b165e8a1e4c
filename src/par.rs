//! Splitting row-major work across the machine's cores with scoped threads (no thread pool
//! dependency). Each thread gets whole rows, so results never depend on the number of cores.

use std::ops::Range;

/// Number of worker threads to use.
pub fn threads() -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 16)
}

/// Calls `f(rows, parts)` on several threads, where `parts[k]` is the slice of `outs[k]` holding
/// `rows` (each output has `row_len` values per row).
pub fn par_rows<T: Send>(
    rows: usize,
    row_len: usize,
    outs: Vec<&mut [T]>,
    f: impl Fn(Range<usize>, &mut [&mut [T]]) + Sync,
) {
    let threads = threads().min(rows.max(1));
    let per = rows.div_ceil(threads).max(1);
    let mut iters: Vec<_> = outs
        .into_iter()
        .map(|o| o.chunks_mut(per * row_len))
        .collect();
    std::thread::scope(|scope| {
        for t in 0..threads {
            let start = t * per;
            if start >= rows {
                break;
            }
            let mut parts: Vec<&mut [T]> = iters.iter_mut().filter_map(|it| it.next()).collect();
            let f = &f;
            scope.spawn(move || f(start..(start + per).min(rows), &mut parts));
        }
    });
}
