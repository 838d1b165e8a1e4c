//! A regular grid of nodes over the photo, in millimetres.

use crate::geometry::{Point, Rect};

/// Node spacing of the density raster. Dots are about 1 mm apart; the density changes over
/// millimetres (feathers, transitions), so half a millimetre resolves it with room to spare.
pub const CELL_MM: f64 = 1.0;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Grid {
    pub nx: usize,
    pub ny: usize,
    pub cell_mm: f64,
}

/// An inclusive window of node indices.
#[derive(Clone, Copy, Debug)]
pub struct Window {
    pub x0: usize,
    pub y0: usize,
    pub x1: usize,
    pub y1: usize,
}

impl Window {
    pub fn width(&self) -> usize {
        self.x1 - self.x0 + 1
    }
    pub fn height(&self) -> usize {
        self.y1 - self.y0 + 1
    }
}

impl Grid {
    /// Nodes covering `width_mm` x `height_mm`, one at every multiple of `cell_mm` up to and
    /// including the far edge.
    pub fn covering(width_mm: f64, height_mm: f64, cell_mm: f64) -> Grid {
        let n = |len: f64| (len / cell_mm).ceil().max(0.0) as usize + 1;
        Grid {
            nx: n(width_mm),
            ny: n(height_mm),
            cell_mm,
        }
    }
    pub fn len(&self) -> usize {
        self.nx * self.ny
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    pub fn node(&self, i: usize, j: usize) -> Point {
        Point::new(i as f64 * self.cell_mm, j as f64 * self.cell_mm)
    }
    /// The nodes inside `r` (mm), or `None` if it misses the grid.
    pub fn window(&self, r: Rect) -> Option<Window> {
        if r.is_empty() {
            return None;
        }
        let lo = |v: f64, n: usize| ((v / self.cell_mm).ceil().max(0.0) as usize).min(n);
        let hi = |v: f64, n: usize| {
            let f = (v / self.cell_mm).floor();
            if f < 0.0 {
                None
            } else {
                Some((f as usize).min(n - 1))
            }
        };
        let (x0, y0) = (lo(r.min.x, self.nx), lo(r.min.y, self.ny));
        let (x1, y1) = (hi(r.max.x, self.nx)?, hi(r.max.y, self.ny)?);
        (x0 <= x1 && y0 <= y1).then_some(Window { x0, y0, x1, y1 })
    }
    pub fn full(&self) -> Window {
        Window {
            x0: 0,
            y0: 0,
            x1: self.nx - 1,
            y1: self.ny - 1,
        }
    }
    /// Bilinear interpolation of four interleaved channels at `p` (mm); outside the grid the edge
    /// value holds. One lookup instead of four, which is most of the dot generator's time.
    #[inline]
    pub fn sample4(&self, values: &[[f32; 4]], p: Point) -> [f32; 4] {
        // A reciprocal the inlined caller hoists out of its loop: two divisions per call were a
        // fifth of the dot generator's time. Exact for the 1 mm cells (and any power of two).
        let inv = 1.0 / self.cell_mm;
        let fx = (p.x * inv).clamp(0.0, (self.nx - 1) as f64);
        let fy = (p.y * inv).clamp(0.0, (self.ny - 1) as f64);
        if self.nx < 2 || self.ny < 2 {
            return values[(fy as usize) * self.nx + fx as usize];
        }
        let (i, j) = (
            (fx as usize).min(self.nx - 2),
            (fy as usize).min(self.ny - 2),
        );
        let (tx, ty) = ((fx - i as f64) as f32, (fy - j as f64) as f32);
        let k = j * self.nx + i;
        let (a, b, c, d) = (
            values[k],
            values[k + 1],
            values[k + self.nx],
            values[k + self.nx + 1],
        );
        let mut out = [0f32; 4];
        for ch in 0..4 {
            let top = a[ch] + (b[ch] - a[ch]) * tx;
            let bottom = c[ch] + (d[ch] - c[ch]) * tx;
            out[ch] = top + (bottom - top) * ty;
        }
        out
    }

    /// The node nearest `p` (mm), clamped to the grid.
    #[inline]
    pub fn nearest(&self, p: Point) -> usize {
        // `+ 0.5` then truncation rounds non-negative values without a libm call (hot path); the
        // reciprocal is hoisted as in `sample4`.
        let inv = 1.0 / self.cell_mm;
        let i = ((p.x * inv + 0.5).max(0.0) as usize).min(self.nx - 1);
        let j = ((p.y * inv + 0.5).max(0.0) as usize).min(self.ny - 1);
        j * self.nx + i
    }
}
