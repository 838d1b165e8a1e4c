//! Timing shared by the benchmarks.
#![allow(dead_code)]

use hairline::design::{Design, load_design};
use std::hint::black_box;
use std::path::Path;
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

/// A bundled sample design.
pub fn sample(name: &str) -> Design {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("designs")
        .join(format!("{name}.json"));
    load_design(&path).unwrap_or_else(|e| panic!("{e}"))
}

/// The soft-hairline sample with the strip scar added, the photo covering 2.45 times the width (a
/// whole large scalp) and the zones at high density, to hold about 100k dots: hairline, feathered
/// zones, scar and three sessions.
pub fn full_design() -> Design {
    let mut d = sample("shaved-soft-hairline");
    let scar = sample("fut-scar-camouflage").variants[0].scars.clone();
    d.variants[0].scars = scar;
    d.calibration.distance_mm *= 2.45;
    for z in &mut d.variants[0].zones {
        z.density_per_cm2 = (z.density_per_cm2 * 2.05).min(200.0);
    }
    d
}
