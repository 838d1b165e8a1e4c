//! The precomputed ranked blue-noise tile the dot engine thresholds.
//!
//! Dots are not thrown at generation time. Once per process, a square toroidal tile of
//! `TILE_POINTS` points is built and ranked by greedy farthest-point selection among random
//! candidates: every prefix of the ranking is then itself well spread (each point was chosen as
//! far as possible from all earlier ones). A dot field of local density `d` keeps the points whose
//! rank is below `d / MAX_DENSITY`, so generation is a lookup per candidate, sessions are rank
//! prefixes of each other, and a local change of density changes only local dots.
//!
//! The construction uses a fixed seed, integer hashing and IEEE `+ - * / sqrt` only, so the tile is
//! bit-identical on every machine; `tests/golden.rs` pins it.

use crate::noise::{hash, unit};
use std::collections::BinaryHeap;
use std::sync::OnceLock;

/// Points in one tile.
pub const TILE_POINTS: usize = 32_768;
/// Density of the full tile: the densest field the engine produces.
pub const MAX_DENSITY_PER_CM2: f64 = crate::design::params::MAX_DENSITY_PER_CM2;
/// Side of the square tile: `TILE_POINTS` at `MAX_DENSITY_PER_CM2` (128 mm, larger than a
/// hairline's width is deep, so repetition is not noticeable).
pub const TILE_MM: f64 = 128.0;
/// Candidates per selected point: more gives better spacing at the cost of start-up time.
const CANDIDATES_PER_POINT: usize = 10;
const TILE_SEED: u64 = 0x5a1c_2026_0001;

/// A tile point: position in the tile (mm) and its rank as a fraction in (0, 1).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TilePoint {
    pub x_mm: f32,
    pub y_mm: f32,
    pub rank: f32,
    pub index: u32,
}

/// The tile split into square blocks, each block's points sorted by rank, so generation can stop
/// scanning a block at the highest rank its density allows.
pub struct Tile {
    pub blocks_per_side: usize,
    pub block_mm: f64,
    /// `blocks[by * blocks_per_side + bx]`, each sorted by rank.
    pub blocks: Vec<Vec<TilePoint>>,
}

/// The tile's points in rank order as little-endian `f32` pairs (mm), precomputed by
/// `construct_tile_bytes` because construction takes about a second: the studio and the command
/// line start at once. A test rebuilds it and compares every bit.
static SHIPPED: &[u8] = include_bytes!("../../assets/blue-noise-tile.bin");

pub fn tile() -> &'static Tile {
    static TILE: OnceLock<Tile> = OnceLock::new();
    TILE.get_or_init(|| {
        let order: Vec<(f64, f64)> = SHIPPED
            .chunks_exact(8)
            .map(|c| {
                let x = f32::from_le_bytes([c[0], c[1], c[2], c[3]]);
                let y = f32::from_le_bytes([c[4], c[5], c[6], c[7]]);
                (x as f64, y as f64)
            })
            .collect();
        if order.len() == TILE_POINTS {
            tile_from_order(&order, TILE_MM)
        } else {
            // Only a broken build could ship a wrong-sized tile; construct it rather than fail.
            tile_from_order(
                &farthest_point_order(TILE_POINTS, TILE_MM, TILE_SEED),
                TILE_MM,
            )
        }
    })
}

/// Constructs the tile from scratch, in the shipped byte format.
pub fn construct_tile_bytes() -> Vec<u8> {
    farthest_point_order(TILE_POINTS, TILE_MM, TILE_SEED)
        .iter()
        .flat_map(|&(x, y)| {
            (x as f32)
                .to_le_bytes()
                .into_iter()
                .chain((y as f32).to_le_bytes())
        })
        .collect()
}

/// The shipped tile bytes.
pub fn shipped_tile_bytes() -> &'static [u8] {
    SHIPPED
}

/// Points of the tile in rank order (for tests and tools).
pub fn ranked_points(n: usize, side: f64, seed: u64) -> Vec<(f64, f64)> {
    farthest_point_order(n, side, seed)
}

fn tile_from_order(order: &[(f64, f64)], side: f64) -> Tile {
    let n = order.len();
    let blocks_per_side = 16;
    let block_mm = side / blocks_per_side as f64;
    let mut blocks = vec![Vec::new(); blocks_per_side * blocks_per_side];
    for (rank, &(x, y)) in order.iter().enumerate() {
        let bx = ((x / block_mm) as usize).min(blocks_per_side - 1);
        let by = ((y / block_mm) as usize).min(blocks_per_side - 1);
        blocks[by * blocks_per_side + bx].push(TilePoint {
            x_mm: x as f32,
            y_mm: y as f32,
            rank: ((rank as f64 + 0.5) / n as f64) as f32,
            index: rank as u32,
        });
    }
    Tile {
        blocks_per_side,
        block_mm,
        blocks,
    }
}

/// Greedy farthest-point ordering of `n` points chosen among `CANDIDATES_PER_POINT * n` random
/// candidates on a torus of side `side`.
fn farthest_point_order(n: usize, side: f64, seed: u64) -> Vec<(f64, f64)> {
    farthest_point_order_with(n, side, seed, CANDIDATES_PER_POINT)
}

fn farthest_point_order_with(n: usize, side: f64, seed: u64, candidates: usize) -> Vec<(f64, f64)> {
    let m = n * candidates;
    let cand: Vec<(f64, f64)> = (0..m as u64)
        .map(|i| {
            (
                unit(hash(&[seed, i, 0])) * side,
                unit(hash(&[seed, i, 1])) * side,
            )
        })
        .collect();
    // Uniform grid over the torus, about 4 candidates per cell.
    let cells = ((m as f64 / 4.0).sqrt() as usize).max(1);
    let cell = side / cells as f64;
    let cell_of = |v: f64| ((v / cell) as usize).min(cells - 1);
    let mut grid: Vec<Vec<u32>> = vec![Vec::new(); cells * cells];
    for (i, &(x, y)) in cand.iter().enumerate() {
        grid[cell_of(y) * cells + cell_of(x)].push(i as u32);
    }
    let torus_d2 = |a: (f64, f64), b: (f64, f64)| {
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
    let mut dist2 = vec![f64::INFINITY; m];
    let mut taken = vec![false; m];
    // Keys are unique (distance bits, then index), so the order never depends on how the heap
    // breaks ties: the result is the same with any standard library.
    let mut heap: BinaryHeap<(u64, u32)> = BinaryHeap::new();
    let mut order = Vec::with_capacity(n);
    let mut next = 0u32;
    loop {
        let p = cand[next as usize];
        taken[next as usize] = true;
        order.push(p);
        if order.len() == n {
            break;
        }
        let reach2 = if order.len() == 1 {
            f64::INFINITY
        } else {
            dist2[next as usize]
        };
        let reach_cells = if reach2.is_finite() {
            (reach2.sqrt() / cell).ceil() as i64 + 1
        } else {
            cells as i64
        };
        let span = reach_cells.min(cells as i64 / 2);
        let (cx, cy) = (cell_of(p.0) as i64, cell_of(p.1) as i64);
        let wrap = |v: i64| v.rem_euclid(cells as i64) as usize;
        let full = span * 2 + 1 >= cells as i64;
        let range: Vec<i64> = if full {
            (0..cells as i64).collect()
        } else {
            (-span..=span).collect()
        };
        for &dy in &range {
            for &dx in &range {
                let (gx, gy) = if full {
                    (dx as usize, dy as usize)
                } else {
                    (wrap(cx + dx), wrap(cy + dy))
                };
                for &c in &grid[gy * cells + gx] {
                    if taken[c as usize] {
                        continue;
                    }
                    let d2 = torus_d2(p, cand[c as usize]);
                    if d2 < dist2[c as usize] {
                        dist2[c as usize] = d2;
                        heap.push((d2.to_bits(), c));
                    }
                }
            }
        }
        next = loop {
            let Some((bits, c)) = heap.pop() else {
                return order;
            };
            if !taken[c as usize] && dist2[c as usize].to_bits() == bits {
                break c;
            }
        };
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_prefix_keeps_a_minimum_distance() {
        let side = 40.0;
        let pts = ranked_points(2000, side, 1);
        for n in [50, 200, 1000, 2000] {
            let prefix = &pts[..n];
            let ideal = (2.0 * side * side / (3f64.sqrt() * n as f64)).sqrt();
            let mut min_d = f64::INFINITY;
            for i in 0..n {
                for j in 0..i {
                    let mut dx = (prefix[i].0 - prefix[j].0).abs();
                    let mut dy = (prefix[i].1 - prefix[j].1).abs();
                    dx = dx.min(side - dx);
                    dy = dy.min(side - dy);
                    min_d = min_d.min((dx * dx + dy * dy).sqrt());
                }
            }
            assert!(
                min_d > 0.55 * ideal,
                "prefix {n}: min distance {min_d:.3} vs ideal {ideal:.3}"
            );
        }
    }
}
