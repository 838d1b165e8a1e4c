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
    let plain: Vec<(f64, f64)> = points.iter().map(|p| (p.x, p.y)).collect();
    nearest(&plain, 1)
        .into_iter()
        .enumerate()
        .map(|(i, nb)| (nb[0], (points[nb[0]] - points[i]).length_sq().sqrt()))
        .collect()
}

/// The `k` nearest neighbours of every point, nearest first.
pub fn nearest(pts: &[(f64, f64)], k: usize) -> Vec<Vec<usize>> {
    let n = pts.len();
    if n <= k {
        return vec![Vec::new(); n];
    }
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for &(x, y) in pts {
        x0 = x0.min(x);
        y0 = y0.min(y);
        x1 = x1.max(x);
        y1 = y1.max(y);
    }
    // About two points a cell.
    let cell = (((x1 - x0) * (y1 - y0)).max(1e-9) / n as f64 * 2.0).sqrt();
    let (nx, ny) = (
        ((x1 - x0) / cell) as usize + 1,
        ((y1 - y0) / cell) as usize + 1,
    );
    let mut grid: Vec<Vec<u32>> = vec![Vec::new(); nx * ny];
    let key = |p: (f64, f64)| {
        (
            (((p.0 - x0) / cell) as usize).min(nx - 1),
            (((p.1 - y0) / cell) as usize).min(ny - 1),
        )
    };
    for (i, &p) in pts.iter().enumerate() {
        let (cx, cy) = key(p);
        grid[cy * nx + cx].push(i as u32);
    }
    pts.iter()
        .enumerate()
        .map(|(i, &p)| {
            let (cx, cy) = key(p);
            let mut best: Vec<(f64, usize)> = Vec::with_capacity(k + 1);
            let mut ring = 0usize;
            loop {
                let (lo_x, hi_x) = (cx.saturating_sub(ring), (cx + ring).min(nx - 1));
                let (lo_y, hi_y) = (cy.saturating_sub(ring), (cy + ring).min(ny - 1));
                for gy in lo_y..=hi_y {
                    for gx in lo_x..=hi_x {
                        if gx.abs_diff(cx) != ring && gy.abs_diff(cy) != ring {
                            continue;
                        }
                        for &j in &grid[gy * nx + gx] {
                            let j = j as usize;
                            if j == i {
                                continue;
                            }
                            let d = (pts[j].0 - p.0).powi(2) + (pts[j].1 - p.1).powi(2);
                            if best.len() < k || d < best[k - 1].0 {
                                let at = best.partition_point(|b| b.0 <= d);
                                best.insert(at, (d, j));
                                best.truncate(k);
                            }
                        }
                    }
                }
                // Everything within `ring` cells is seen: stop once the k-th is certainly inside.
                let covered = ring as f64 * cell;
                let all = lo_x == 0 && lo_y == 0 && hi_x == nx - 1 && hi_y == ny - 1;
                if (best.len() == k && best[k - 1].0.sqrt() <= covered) || all {
                    break;
                }
                ring += 1;
            }
            best.into_iter().map(|b| b.1).collect()
        })
        .collect()
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
