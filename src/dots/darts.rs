//! Ranking points by dart throwing at a slowly shrinking radius (layout 2).
//!
//! The dot engine thresholds a ranked point set by the local density, so every prefix of the
//! ranking must itself be evenly spread at its own density, with no preferred direction and no
//! lattice. After McCool and Fiume (1992, "Hierarchical Poisson disk sampling distributions"):
//! hashed uniform candidates are tried in their (random) index order against a radius that
//! shrinks by `RATIO` per pass; a candidate is kept, and ranked next, when no kept point is
//! nearer than the radius. Each prefix is then a nearly maximal Poisson-disk set at the radius of
//! its pass: the spacing of Bridson's method at every density, in one ranking.
//!
//! What was tried and measured before choosing (64-128 mm tori, prefixes at 5-100 %; figures in
//! docs/dot-layout.md):
//! - greedy farthest-point ranking (layout 1): each pick is the exact farthest candidate, so on a
//!   square torus the picks settle into square lattices along the tile's axes (|psi4| up to 0.6,
//!   spectral peaks 45-93 times their ring);
//! - progressive weighted sample elimination (Yuksel 2015): isotropic, but prefixes between its
//!   halving stages are crowded (nearest-neighbour median 0.70-0.78 of the hexagonal spacing);
//! - shrinking darts from a radius of half the tile inherit the first few points' arrangement
//!   down every pass (global |psi6| 0.06-0.14), as farthest-point does: starting at `FIRST_MM`,
//!   where the first pass already holds hundreds of independent points, removes it, and passes
//!   of 5 % (not 1 %) keep each pass's choices from copying the last one's holes.
//!
//! Integer hashing and IEEE `+ - * /` on `f64` in a fixed order: the same arguments give the same
//! ranking bit for bit on any machine.

use crate::noise::{hash, unit};

/// The first pass's radius, mm: a density of about 2 impressions/cm², below any real zone.
pub const FIRST_MM: f64 = 6.0;
/// Each pass's radius over the last one's.
pub const RATIO: f64 = 0.95;
/// Candidates per kept point: enough for each pass to be nearly maximal.
pub const CANDIDATES_PER_POINT: usize = 20;

/// `n` points on a torus of side `side` (mm), in rank order.
pub fn ranked_by_shrinking_darts(n: usize, side: f64, seed: u64) -> Vec<(f64, f64)> {
    let m = n * CANDIDATES_PER_POINT;
    let pts: Vec<(f64, f64)> = (0..m as u64)
        .map(|i| {
            (
                unit(hash(&[seed, i, 0])) * side,
                unit(hash(&[seed, i, 1])) * side,
            )
        })
        .collect();
    // About four candidates a cell.
    let cells = ((m as f64 / 4.0).sqrt() as usize).max(1);
    let cell = side / cells as f64;
    let cell_of = |v: f64| ((v / cell) as usize).min(cells - 1);
    let mut grid: Vec<Vec<u32>> = vec![Vec::new(); cells * cells];
    for (i, &(x, y)) in pts.iter().enumerate() {
        grid[cell_of(y) * cells + cell_of(x)].push(i as u32);
    }
    let torus2 = |a: (f64, f64), b: (f64, f64)| {
        let mut dx = (a.0 - b.0).abs();
        let mut dy = (a.1 - b.1).abs();
        if dx > side * 0.5 {
            dx = side - dx;
        }
        if dy > side * 0.5 {
            dy = side - dy;
        }
        dx * dx + dy * dy
    };
    // Squared distance from each candidate to the nearest kept point, once below the radius of
    // the pass (farther ones never matter: radii only shrink).
    let mut near2 = vec![f64::INFINITY; m];
    let mut kept = vec![false; m];
    let mut order = Vec::with_capacity(n);
    let mut r = FIRST_MM.min(side * 0.5);
    while order.len() < n {
        let r2 = r * r;
        for i in 0..m {
            if kept[i] || near2[i] < r2 {
                continue;
            }
            kept[i] = true;
            let p = pts[i];
            order.push(p);
            if order.len() == n {
                break;
            }
            let span = ((r / cell).ceil() as i64).min(cells as i64 / 2);
            let (cx, cy) = (cell_of(p.0) as i64, cell_of(p.1) as i64);
            let full = span * 2 + 1 >= cells as i64;
            let (lo, hi) = if full {
                (0, cells as i64 - 1)
            } else {
                (-span, span)
            };
            for dy in lo..=hi {
                for dx in lo..=hi {
                    let (gx, gy) = if full {
                        (dx as usize, dy as usize)
                    } else {
                        (
                            (cx + dx).rem_euclid(cells as i64) as usize,
                            (cy + dy).rem_euclid(cells as i64) as usize,
                        )
                    };
                    for &j in &grid[gy * cells + gx] {
                        let j = j as usize;
                        let d2 = torus2(p, pts[j]);
                        if d2 < r2 && d2 < near2[j] {
                            near2[j] = d2;
                        }
                    }
                }
            }
        }
        r *= RATIO;
    }
    order
}
