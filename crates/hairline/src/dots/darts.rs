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

use super::candidates::Candidates;

/// The first pass's radius, mm: a density of about 2 impressions/cm², below any real zone.
pub const FIRST_MM: f64 = 6.0;
/// Each pass's radius over the last one's.
pub const RATIO: f64 = 0.95;
/// Candidates per kept point: enough for each pass to be nearly maximal.
pub const CANDIDATES_PER_POINT: usize = 20;

/// `n` points on a torus of side `side` (mm), in rank order.
pub fn ranked_by_shrinking_darts(n: usize, side: f64, seed: u64) -> Vec<(f64, f64)> {
    let c = Candidates::new(n * CANDIDATES_PER_POINT, side, seed);
    let m = c.len();
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
            let p = c.pts[i];
            order.push(p);
            if order.len() == n {
                break;
            }
            c.for_each_near(p, c.span(r), |j| {
                let d2 = c.torus_d2(p, c.pts[j]);
                if d2 < r2 && d2 < near2[j] {
                    near2[j] = d2;
                }
            });
        }
        r *= RATIO;
    }
    order
}
