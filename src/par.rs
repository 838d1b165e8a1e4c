//! Splitting row-major work across the machine's cores with scoped threads (no thread pool
//! dependency). Each thread gets whole rows, so results never depend on the number of cores.

use std::ops::Range;

/// Number of worker threads to use.
pub fn threads() -> usize {
    // Asking the system reads cgroup files on Linux: once per process, not on every regeneration.
    static THREADS: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *THREADS.get_or_init(|| {
        std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, 16)
    })
}

/// Calls `f(rows, parts)` on several threads, where `parts[k]` is the slice of `outs[k]` holding
/// `rows` (each output has `row_len` values per row). The rows are cut into bands dealt
/// round-robin, so that work gathered in one part of the photo (the band around a hairline) is
/// still shared between the cores.
pub fn par_rows<T: Send>(
    rows: usize,
    row_len: usize,
    outs: Vec<&mut [T]>,
    f: impl Fn(Range<usize>, &mut [&mut [T]]) + Sync,
) {
    let threads = threads().min(rows.max(1));
    let per = rows.div_ceil(threads * BANDS_PER_THREAD).max(1);
    let mut iters: Vec<_> = outs
        .into_iter()
        .map(|o| o.chunks_mut(per * row_len))
        .collect();
    let mut work: Vec<Vec<Band<T>>> = (0..threads).map(|_| Vec::new()).collect();
    for (b, start) in (0..rows).step_by(per).enumerate() {
        let parts: Vec<&mut [T]> = iters.iter_mut().filter_map(|it| it.next()).collect();
        work[b % threads].push((start..(start + per).min(rows), parts));
    }
    let run = |bands: Vec<Band<T>>| {
        for (rows, mut parts) in bands {
            f(rows, &mut parts);
        }
    };
    // The calling thread takes a share too: one spawn fewer, and none at all on one core.
    let mine = work.pop().unwrap_or_default();
    std::thread::scope(|scope| {
        for bands in work {
            let run = &run;
            scope.spawn(move || run(bands));
        }
        run(mine);
    });
}

/// A band of rows and the slices of each output holding them.
type Band<'a, T> = (Range<usize>, Vec<&'a mut [T]>);

/// Bands per thread in `par_rows`: enough to spread uneven work, few enough that each band is
/// a long run of memory.
const BANDS_PER_THREAD: usize = 8;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_is_handed_out_once_with_its_own_slice() {
        for rows in [0, 1, 2, 7, 33, 100] {
            let row_len = 3;
            let mut a = vec![usize::MAX; rows * row_len];
            let mut b = vec![usize::MAX; rows * row_len];
            par_rows(rows, row_len, vec![&mut a, &mut b], |range, parts| {
                assert_eq!(parts[0].len(), range.len() * row_len);
                for part in parts.iter_mut() {
                    for (o, v) in part.iter_mut().enumerate() {
                        assert_eq!(*v, usize::MAX, "a value written twice");
                        *v = range.start + o / row_len;
                    }
                }
            });
            let expected: Vec<usize> = (0..rows * row_len).map(|k| k / row_len).collect();
            assert_eq!(a, expected, "{rows} rows");
            assert_eq!(b, expected, "{rows} rows");
        }
    }
}
