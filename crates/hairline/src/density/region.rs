//! Rasterising a `Shape` (polygons, paint and erase strokes) and measuring distance outside it.

use super::grid::{Grid, Window};
use crate::geometry::{Point, Rect, point_segment_distance_sq};
use crate::recycle;

/// A shape in millimetres, ready to rasterise.
pub struct RegionMm {
    pub polygons: Vec<Vec<Point>>,
    /// (centre line, radius, erase)
    pub strokes: Vec<(Vec<Point>, f64, bool)>,
}

impl RegionMm {
    pub fn bounds(&self) -> Rect {
        let mut r = Rect::EMPTY;
        for p in &self.polygons {
            r = r.union(Rect::from_points(p.iter().copied()));
        }
        for (line, radius, erase) in &self.strokes {
            if !erase {
                r = r.union(Rect::from_points(line.iter().copied()).expanded(*radius));
            }
        }
        r
    }

    /// Distance (mm) from each node of window `w` to the region, exact from its polygons' edges
    /// and its (paint) strokes' capsules, for nodes within `band` of it (farther nodes get
    /// `f32::INFINITY`; nodes inside get a value that callers ignore). Splatting each edge over
    /// the band around it costs the band's area, not the window's, which a feather of a few
    /// millimetres around a large zone makes much smaller.
    pub fn distance_band(&self, grid: &Grid, w: Window, band: f64) -> Vec<f32> {
        let ww = w.width();
        let mut d2 = recycle::F64.take(ww * w.height(), f64::INFINITY);
        let mut splat = |a: Point, b: Point, radius: f64| {
            let Some(sw) = grid.window(Rect::from_points([a, b]).expanded(band + radius)) else {
                return;
            };
            for j in sw.y0.max(w.y0)..=sw.y1.min(w.y1) {
                for i in sw.x0.max(w.x0)..=sw.x1.min(w.x1) {
                    let mut d = point_segment_distance_sq(grid.node(i, j), a, b);
                    if radius > 0.0 {
                        let r = (d.sqrt() - radius).max(0.0);
                        d = r * r;
                    }
                    let k = (j - w.y0) * ww + (i - w.x0);
                    if d < d2[k] {
                        d2[k] = d;
                    }
                }
            }
        };
        for poly in &self.polygons {
            for (k, &a) in poly.iter().enumerate() {
                splat(a, poly[(k + 1) % poly.len()], 0.0);
            }
        }
        for (line, radius, _) in &self.strokes {
            if line.len() == 1 {
                splat(line[0], line[0], *radius);
            }
            for s in line.windows(2) {
                splat(s[0], s[1], *radius);
            }
        }
        let mut out = recycle::F32.take_empty(d2.len());
        out.extend(d2.iter().map(|&v| v.sqrt() as f32));
        recycle::F64.give(d2);
        out
    }

    /// Inside mask over window `w` of `grid` (row-major in the window).
    pub fn rasterise(&self, grid: &Grid, w: Window) -> Vec<bool> {
        let (ww, wh) = (w.width(), w.height());
        let mut inside = recycle::BOOL.take(ww * wh, false);
        for poly in &self.polygons {
            fill_polygon(poly, grid, w, &mut inside);
        }
        for (line, radius, erase) in &self.strokes {
            paint_stroke(line, *radius, !erase, grid, w, &mut inside);
        }
        inside
    }
}

/// Even-odd scanline fill: for each node row, toggle between edge crossings.
fn fill_polygon(poly: &[Point], grid: &Grid, w: Window, inside: &mut [bool]) {
    let ww = w.width();
    let mut xs = Vec::new();
    for j in w.y0..=w.y1 {
        let y = grid.node(0, j).y;
        xs.clear();
        for (k, &a) in poly.iter().enumerate() {
            let b = poly[(k + 1) % poly.len()];
            if (a.y > y) != (b.y > y) {
                xs.push(a.x + (y - a.y) * (b.x - a.x) / (b.y - a.y));
            }
        }
        xs.sort_by(f64::total_cmp);
        for pair in xs.chunks_exact(2) {
            let from = (pair[0] / grid.cell_mm).ceil().max(w.x0 as f64) as usize;
            let to_f = (pair[1] / grid.cell_mm).floor();
            if to_f < w.x0 as f64 {
                continue;
            }
            let to = (to_f as usize).min(w.x1);
            for i in from..=to {
                if i >= w.x0 {
                    inside[(j - w.y0) * ww + (i - w.x0)] = true;
                }
            }
        }
    }
}

fn paint_stroke(
    line: &[Point],
    radius: f64,
    value: bool,
    grid: &Grid,
    w: Window,
    inside: &mut [bool],
) {
    let ww = w.width();
    let r2 = radius * radius;
    let segments: Vec<(Point, Point)> = if line.len() == 1 {
        vec![(line[0], line[0])]
    } else {
        line.windows(2).map(|s| (s[0], s[1])).collect()
    };
    for (a, b) in segments {
        let Some(sw) = grid.window(Rect::from_points([a, b]).expanded(radius)) else {
            continue;
        };
        for j in sw.y0.max(w.y0)..=sw.y1.min(w.y1) {
            for i in sw.x0.max(w.x0)..=sw.x1.min(w.x1) {
                if point_segment_distance_sq(grid.node(i, j), a, b) <= r2 {
                    inside[(j - w.y0) * ww + (i - w.x0)] = value;
                }
            }
        }
    }
}

/// Euclidean distance (in mm) from every node to the nearest inside node: 0 inside.
/// Felzenszwalb & Huttenlocher's exact linear-time transform, row pass then column pass.
pub fn distance_outside(inside: &[bool], width: usize, height: usize, cell_mm: f64) -> Vec<f32> {
    const FAR: f64 = 1e20;
    let mut f: Vec<f64> = inside.iter().map(|&v| if v { 0.0 } else { FAR }).collect();
    let mut buf = vec![0.0; width.max(height)];
    let mut out = vec![0.0; width.max(height)];
    for j in 0..height {
        buf[..width].copy_from_slice(&f[j * width..(j + 1) * width]);
        edt_1d(&buf[..width], &mut out[..width]);
        f[j * width..(j + 1) * width].copy_from_slice(&out[..width]);
    }
    for i in 0..width {
        for j in 0..height {
            buf[j] = f[j * width + i];
        }
        edt_1d(&buf[..height], &mut out[..height]);
        for j in 0..height {
            f[j * width + i] = out[j];
        }
    }
    f.iter().map(|&d2| (d2.sqrt() * cell_mm) as f32).collect()
}

/// 1-D squared distance transform of sampled function `f` (lower envelope of parabolas).
fn edt_1d(f: &[f64], d: &mut [f64]) {
    let n = f.len();
    if n == 0 {
        return;
    }
    let mut v = vec![0usize; n];
    let mut z = vec![0.0f64; n + 1];
    let mut k = 0;
    z[0] = f64::NEG_INFINITY;
    z[1] = f64::INFINITY;
    for q in 1..n {
        // z[0] is -inf, so this never steps below the first parabola.
        let s = loop {
            let p = v[k];
            let s = ((f[q] + (q * q) as f64) - (f[p] + (p * p) as f64))
                / (2.0 * q as f64 - 2.0 * p as f64);
            if s <= z[k] {
                k -= 1;
            } else {
                break s;
            }
        };
        k += 1;
        v[k] = q;
        z[k] = s;
        z[k + 1] = f64::INFINITY;
    }
    k = 0;
    for (q, dq) in d.iter_mut().enumerate() {
        while z[k + 1] < q as f64 {
            k += 1;
        }
        let p = v[k];
        let dx = q as f64 - p as f64;
        *dq = dx * dx + f[p];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_transform_matches_brute_force() {
        let (w, h) = (23, 17);
        let inside: Vec<bool> = (0..w * h).map(|k| k % 37 == 5 || k == 100).collect();
        let d = distance_outside(&inside, w, h, 0.5);
        for j in 0..h {
            for i in 0..w {
                let mut best = f64::INFINITY;
                for (k, &v) in inside.iter().enumerate() {
                    if v {
                        let (x, y) = ((k % w) as f64, (k / w) as f64);
                        best = best.min(((x - i as f64).powi(2) + (y - j as f64).powi(2)).sqrt());
                    }
                }
                assert!(
                    (d[j * w + i] as f64 - best * 0.5).abs() < 1e-4,
                    "node {i},{j}"
                );
            }
        }
    }

    #[test]
    fn square_polygon_fills_its_nodes() {
        let grid = Grid::covering(10.0, 10.0, 0.5);
        let poly = vec![
            Point::new(2.0, 2.0),
            Point::new(6.0, 2.0),
            Point::new(6.0, 6.0),
            Point::new(2.0, 6.0),
        ];
        let r = RegionMm {
            polygons: vec![poly],
            strokes: vec![],
        };
        let inside = r.rasterise(&grid, grid.full());
        let count = inside.iter().filter(|&&v| v).count();
        // 4 mm / 0.5 mm = 8 steps -> 8 or 9 nodes per side depending on edge rounding.
        assert!((64..=81).contains(&count), "{count}");
    }
}
