//! Spacing quality: how evenly dots keep their distance, relative to the ideal at their density.

use crate::geometry::Point;

/// Ideal (hexagonal) spacing in mm at `density_per_cm2`.
pub fn ideal_spacing_mm(density_per_cm2: f64) -> f64 {
    (2.0 / (3f64.sqrt() * density_per_cm2 / 100.0)).sqrt()
}

/// For each point (mm) with its local density, its nearest-neighbour distance divided by the
/// ideal spacing at that density. Points whose density is below `min_density` are skipped (the
/// faint fringe where "ideal spacing" has no meaning).
pub fn spacing_ratios(points: &[(Point, f64)], min_density: f64) -> Vec<f64> {
    if points.len() < 2 {
        return Vec::new();
    }
    let cell = 2.0;
    let min = points
        .iter()
        .fold(Point::new(f64::INFINITY, f64::INFINITY), |m, (p, _)| {
            Point::new(m.x.min(p.x), m.y.min(p.y))
        });
    let key = |p: Point| (((p.x - min.x) / cell) as i64, ((p.y - min.y) / cell) as i64);
    let mut grid: std::collections::HashMap<(i64, i64), Vec<usize>> =
        std::collections::HashMap::new();
    for (i, (p, _)) in points.iter().enumerate() {
        grid.entry(key(*p)).or_default().push(i);
    }
    let mut out = Vec::with_capacity(points.len());
    for (i, &(p, density)) in points.iter().enumerate() {
        if density < min_density {
            continue;
        }
        let (cx, cy) = key(p);
        let mut best = f64::INFINITY;
        let mut ring = 0i64;
        // Widen the search until the nearest found is certainly the nearest.
        while best.sqrt() > (ring as f64 - 1.0).max(0.0) * cell && ring < 64 {
            for dy in -ring..=ring {
                for dx in -ring..=ring {
                    if dx.abs() != ring && dy.abs() != ring {
                        continue;
                    }
                    for &j in grid
                        .get(&(cx + dx, cy + dy))
                        .map(Vec::as_slice)
                        .unwrap_or(&[])
                    {
                        if j != i {
                            best = best.min((points[j].0 - p).length_sq());
                        }
                    }
                }
            }
            ring += 1;
        }
        out.push(best.sqrt() / ideal_spacing_mm(density));
    }
    out
}

/// Percentiles of spacing ratios.
#[derive(Clone, Copy, Debug)]
pub struct SpacingSummary {
    pub count: usize,
    pub p1: f64,
    pub median: f64,
}

pub fn summarize(mut ratios: Vec<f64>) -> SpacingSummary {
    ratios.sort_by(f64::total_cmp);
    let at = |q: f64| {
        ratios
            .get(((ratios.len() as f64 - 1.0) * q).round() as usize)
            .copied()
            .unwrap_or(f64::NAN)
    };
    SpacingSummary {
        count: ratios.len(),
        p1: at(0.01),
        median: at(0.5),
    }
}
