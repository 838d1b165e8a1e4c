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
    spread(work, |bands| {
        for (rows, mut parts) in bands {
            f(rows, &mut parts);
        }
    });
}

/// Calls `f` on every input, each on its own thread, the first on the calling thread (one spawn
/// fewer, and none at all with a single input), and returns the results in input order. A panic
/// in any of them carries on in the caller.
pub fn spread<I: Send, R: Send>(inputs: Vec<I>, f: impl Fn(I) -> R + Sync) -> Vec<R> {
    let mut inputs = inputs.into_iter();
    let Some(first) = inputs.next() else {
        return Vec::new();
    };
    let f = &f;
    std::thread::scope(|scope| {
        let others: Vec<_> = inputs.map(|i| scope.spawn(move || f(i))).collect();
        let mut out = vec![f(first)];
        for h in others {
            out.push(
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            );
        }
        out
    })
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
    fn spread_returns_the_results_in_input_order() {
        let inputs: Vec<usize> = (0..5).collect();
        assert_eq!(spread(inputs, |i| i * 10), vec![0, 10, 20, 30, 40]);
        assert!(spread(Vec::<usize>::new(), |i| i).is_empty());
    }

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
