//! The hashed candidate points both tile rankings choose from, on a torus, with a grid to find
//! those near a point. Shared so that layout 1's farthest-point ranking and layout 2's shrinking
//! darts draw the same way and wrap the same way.

use crate::noise::{hash, unit};

pub(super) struct Candidates {
    pub pts: Vec<(f64, f64)>,
    side: f64,
    cells: usize,
    cell: f64,
    grid: Vec<Vec<u32>>,
}

impl Candidates {
    /// `m` uniform candidates on a torus of side `side` (mm), from integer hashes of `seed`,
    /// filed in a grid of about four a cell.
    pub fn new(m: usize, side: f64, seed: u64) -> Candidates {
        let pts: Vec<(f64, f64)> = (0..m as u64)
            .map(|i| {
                (
                    unit(hash(&[seed, i, 0])) * side,
                    unit(hash(&[seed, i, 1])) * side,
                )
            })
            .collect();
        let cells = ((m as f64 / 4.0).sqrt() as usize).max(1);
        let cell = side / cells as f64;
        let mut c = Candidates {
            pts,
            side,
            cells,
            cell,
            grid: vec![Vec::new(); cells * cells],
        };
        for i in 0..c.pts.len() {
            let (x, y) = c.pts[i];
            let k = c.cell_of(y) * cells + c.cell_of(x);
            c.grid[k].push(i as u32);
        }
        c
    }

    pub fn len(&self) -> usize {
        self.pts.len()
    }

    fn cell_of(&self, v: f64) -> usize {
        ((v / self.cell) as usize).min(self.cells - 1)
    }

    /// Cells to search either side of a point to see everything within `reach` mm.
    pub fn span(&self, reach: f64) -> i64 {
        if reach.is_finite() {
            (reach / self.cell).ceil() as i64
        } else {
            self.cells as i64
        }
    }

    /// Squared distance on the torus.
    pub fn torus_d2(&self, a: (f64, f64), b: (f64, f64)) -> f64 {
        let side = self.side;
        let mut dx = (a.0 - b.0).abs();
        let mut dy = (a.1 - b.1).abs();
        if dx > side * 0.5 {
            dx = side - dx;
        }
        if dy > side * 0.5 {
            dy = side - dy;
        }
        dx * dx + dy * dy
    }

    /// Calls `f` with every candidate in the cells within `span` of `p`'s cell, wrapping round
    /// the torus, each cell once.
    pub fn for_each_near(&self, p: (f64, f64), span: i64, mut f: impl FnMut(usize)) {
        let cells = self.cells as i64;
        let span = span.min(cells / 2);
        let (cx, cy) = (self.cell_of(p.0) as i64, self.cell_of(p.1) as i64);
        let full = span * 2 + 1 >= cells;
        let (lo, hi) = if full { (0, cells - 1) } else { (-span, span) };
        for dy in lo..=hi {
            for dx in lo..=hi {
                let (gx, gy) = if full {
                    (dx, dy)
                } else {
                    ((cx + dx).rem_euclid(cells), (cy + dy).rem_euclid(cells))
                };
                for &j in &self.grid[gy as usize * self.cells + gx as usize] {
                    f(j as usize);
                }
            }
        }
    }
}
