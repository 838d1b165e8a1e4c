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

/// Calls `f` on every input on at most `threads()` threads (the calling thread one of them),
/// each taking the next input not yet taken, and returns the results in input order. A panic in
/// any of them carries on in the caller. Callers hand it rows by the thousand; a thread each
/// would cost more than the work on one core.
pub fn spread<I: Send, R: Send>(inputs: Vec<I>, f: impl Fn(I) -> R + Sync) -> Vec<R> {
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let n = inputs.len();
    let workers = threads().min(n);
    if workers <= 1 {
        return inputs.into_iter().map(f).collect();
    }
    let inputs: Vec<Mutex<Option<I>>> = inputs.into_iter().map(|i| Mutex::new(Some(i))).collect();
    let results: Vec<Mutex<Option<R>>> = (0..n).map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let work = || {
        loop {
            let k = next.fetch_add(1, Ordering::Relaxed);
            if k >= n {
                break;
            }
            let input = inputs[k]
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .take()
                .expect("each input is taken once");
            let r = f(input);
            *results[k].lock().unwrap_or_else(|e| e.into_inner()) = Some(r);
        }
    };
    std::thread::scope(|scope| {
        let others: Vec<_> = (1..workers).map(|_| scope.spawn(work)).collect();
        work();
        for h in others {
            h.join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        }
    });
    results
        .into_iter()
        .map(|r| {
            r.into_inner()
                .unwrap_or_else(|e| e.into_inner())
                .expect("every input was worked")
        })
        .collect()
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

    /// A thousand rows run on the cores there are, not a thread each, and come back in order.
    #[test]
    fn many_inputs_share_the_threads_there_are() {
        let seen = std::sync::Mutex::new(std::collections::HashSet::new());
        let out = spread((0..1000).collect(), |i: usize| {
            seen.lock().unwrap().insert(std::thread::current().id());
            i * 2
        });
        assert_eq!(out, (0..1000).map(|i| i * 2).collect::<Vec<_>>());
        let used = seen.lock().unwrap().len();
        assert!(used >= 1 && used <= threads(), "{used} threads");
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
