//! Spacing quality: how evenly dots keep their distance, relative to the ideal at their density.

use crate::geometry::Point;

/// Ideal (hexagonal) spacing in mm at `density_per_cm2`.
pub fn ideal_spacing_mm(density_per_cm2: f64) -> f64 {
    (2.0 / (3f64.sqrt() * density_per_cm2 / 100.0)).sqrt()
}

/// For each point, the index of its nearest neighbour and the distance to it.
pub fn nearest_neighbours(points: &[Point]) -> Vec<(usize, f64)> {
    if points.len() < 2 {
        return Vec::new();
    }
    let cell = 2.0;
    let min = points
        .iter()
        .fold(Point::new(f64::INFINITY, f64::INFINITY), |m, p| {
            Point::new(m.x.min(p.x), m.y.min(p.y))
        });
    let key = |p: Point| (((p.x - min.x) / cell) as i64, ((p.y - min.y) / cell) as i64);
    let mut grid: std::collections::HashMap<(i64, i64), Vec<usize>> =
        std::collections::HashMap::new();
    for (i, p) in points.iter().enumerate() {
        grid.entry(key(*p)).or_default().push(i);
    }
    let mut out = Vec::with_capacity(points.len());
    for (i, &p) in points.iter().enumerate() {
        let (cx, cy) = key(p);
        let mut best = (usize::MAX, f64::INFINITY);
        let mut ring = 0i64;
        // Widen the search ring by ring until the nearest found is certainly the nearest.
        while best.1.sqrt() > (ring as f64 - 1.0).max(0.0) * cell && ring < 256 {
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
                        let d2 = (points[j] - p).length_sq();
                        if j != i && d2 < best.1 {
                            best = (j, d2);
                        }
                    }
                }
            }
            ring += 1;
        }
        out.push((best.0, best.1.sqrt()));
    }
    out
}

/// For each dot (mm), its nearest-neighbour distance divided by the ideal spacing at the local
/// density, taken where the two neighbours meet (the midpoint of the pair): the spacing two
/// neighbours should keep is set by the density between them. At a crisp zone edge that is the
/// zone's density (not half of it), and in a feather it is the density the pair actually spans.
pub fn spacing_ratios(points: &[Point], density_per_cm2: impl Fn(Point) -> f64) -> Vec<f64> {
    ratios_to(points, density_per_cm2, ideal_spacing_mm)
}

/// Mean spacing `1 / sqrt(density)` in mm at `density_per_cm2`: the yardstick the dot layout's
/// spacing targets are set in (docs/dot-layout.md), 1/1.0746 of the hexagonal spacing.
pub fn mean_spacing_mm(density_per_cm2: f64) -> f64 {
    10.0 / density_per_cm2.sqrt()
}

/// As `spacing_ratios`, over the mean spacing instead of the hexagonal one.
pub fn mean_spacing_ratios(points: &[Point], density_per_cm2: impl Fn(Point) -> f64) -> Vec<f64> {
    ratios_to(points, density_per_cm2, mean_spacing_mm)
}

/// Each point's nearest-neighbour distance over `spacing` at the density where the pair meets.
fn ratios_to(
    points: &[Point],
    density_per_cm2: impl Fn(Point) -> f64,
    spacing: fn(f64) -> f64,
) -> Vec<f64> {
    nearest_neighbours(points)
        .into_iter()
        .enumerate()
        .map(|(i, (j, d))| {
            let mid = points[i].lerp(points[j], 0.5);
            d / spacing(density_per_cm2(mid).max(1e-9))
        })
        .collect()
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
