//! Timing shared by the benchmarks.

use std::hint::black_box;
use std::time::{Duration, Instant};

/// Median wall time of `reps` runs (after one warm-up run).
pub fn time<T>(reps: usize, mut f: impl FnMut() -> T) -> Duration {
    black_box(f());
    let mut times: Vec<Duration> = (0..reps)
        .map(|_| {
            let t = Instant::now();
            black_box(f());
            t.elapsed()
        })
        .collect();
    times.sort();
    times[reps / 2]
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
