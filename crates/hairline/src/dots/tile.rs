//! The precomputed ranked tiles the dot engine thresholds.
//!
//! Dots are not thrown at generation time. A square toroidal tile of points at the engine's
//! highest density is ranked once, offline, so that every prefix of the ranking is itself well
//! spread; a dot field of local density `d` keeps the points whose rank is below
//! `d / MAX_DENSITY`. Generation is then a lookup per candidate, sessions are rank prefixes of
//! each other, and a local change of density changes only local dots.
//!
//! Two rankings exist, and a design file names its own (`Layout`), so a saved design keeps the
//! dots it was shown and exported with:
//! - layout 1: 128 mm, greedy farthest-point ranking. It has square-lattice patches and repeats
//!   every 128 mm (docs/dot-layout.md); kept only to regenerate designs saved with it.
//! - layout 2: 512 mm, ranked by shrinking-radius darts (`darts.rs`): no lattice, no preferred
//!   direction, and no repetition within any photo up to 512 mm across.
//!
//! Both are built from fixed seeds with integer hashing and IEEE arithmetic only and shipped as
//! bytes (construction takes seconds); `tests/golden.rs` rebuilds them and compares every bit.

use super::candidates::Candidates;
use crate::design::Layout;
use std::collections::BinaryHeap;
use std::sync::OnceLock;

/// Density of a full tile: the densest field the engine produces.
pub const MAX_DENSITY_PER_CM2: f64 = crate::design::params::MAX_DENSITY_PER_CM2;

/// How a layout's tile is made and stored.
#[derive(Clone, Copy, Debug)]
pub struct TileSpec {
    pub side_mm: f64,
    pub points: usize,
    blocks_per_side: usize,
    seed: u64,
}

impl TileSpec {
    pub fn of(layout: Layout) -> TileSpec {
        match layout {
            // 32,768 points at 200/cm2.
            Layout::V1 => TileSpec {
                side_mm: 128.0,
                points: 32_768,
                blocks_per_side: 16,
                seed: 0x5a1c_2026_0001,
            },
            // 524,288 points at 200/cm2: wider than a head photo, so nothing in it repeats.
            Layout::V2 => TileSpec {
                side_mm: 512.0,
                points: 524_288,
                blocks_per_side: 64,
                seed: 0x5a1c_2026_0002,
            },
        }
    }
}

/// Candidates per selected point of layout 1's farthest-point ranking.
const CANDIDATES_PER_POINT: usize = 10;

/// A tile point: position in the tile (mm) and its rank as a fraction in (0, 1). Twelve bytes,
/// since generation streams the tile through the cache: the rank's index is `index()`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TilePoint {
    pub x_mm: f32,
    pub y_mm: f32,
    pub rank: f32,
}

impl TilePoint {
    /// The point's place in the ranking, given the tile's number of points. Exact: ranks are
    /// `(index + 0.5) / points` with `points` a power of two, which an `f32` holds exactly.
    pub fn index(&self, points: usize) -> u32 {
        (self.rank as f64 * points as f64 - 0.5) as u32
    }
}

/// The tile split into square blocks, each block's points sorted by rank, so generation can stop
/// scanning a block at the highest rank its density allows.
pub struct Tile {
    pub side_mm: f64,
    /// Points in the whole tile.
    pub points: usize,
    pub blocks_per_side: usize,
    pub block_mm: f64,
    /// `blocks[by * blocks_per_side + bx]`, each sorted by rank.
    pub blocks: Vec<Vec<TilePoint>>,
}

/// Layout 1: points in rank order as little-endian `f32` pairs (mm).
static SHIPPED_V1: &[u8] = include_bytes!("../../../../assets/blue-noise-tile.bin");
/// Layout 2: points in rank order as little-endian `u16` pairs in 1/128 mm (exact in `f32`; the
/// 8 micron step is a hundredth of the finest needle).
static SHIPPED_V2: &[u8] = include_bytes!("../../../../assets/dot-layout-2.bin");

pub fn tile(layout: Layout) -> &'static Tile {
    static V1: OnceLock<Tile> = OnceLock::new();
    static V2: OnceLock<Tile> = OnceLock::new();
    let cell = match layout {
        Layout::V1 => &V1,
        Layout::V2 => &V2,
    };
    cell.get_or_init(|| {
        let spec = TileSpec::of(layout);
        let order = decode(layout, shipped_tile_bytes(layout));
        if order.len() == spec.points {
            tile_from_order(&order, spec)
        } else {
            // Only a broken build could ship a wrong-sized tile; construct it rather than fail.
            tile_from_order(&ranked_points(layout), spec)
        }
    })
}

fn decode(layout: Layout, bytes: &[u8]) -> Vec<(f64, f64)> {
    match layout {
        Layout::V1 => bytes
            .chunks_exact(8)
            .map(|c| {
                let x = f32::from_le_bytes([c[0], c[1], c[2], c[3]]);
                let y = f32::from_le_bytes([c[4], c[5], c[6], c[7]]);
                (x as f64, y as f64)
            })
            .collect(),
        Layout::V2 => bytes
            .chunks_exact(4)
            .map(|c| {
                let x = u16::from_le_bytes([c[0], c[1]]);
                let y = u16::from_le_bytes([c[2], c[3]]);
                (x as f64 / V2_UNITS_PER_MM, y as f64 / V2_UNITS_PER_MM)
            })
            .collect(),
    }
}

const V2_UNITS_PER_MM: f64 = 128.0;

/// A layout's points in rank order, constructed from scratch (seconds; see `tile`).
pub fn ranked_points(layout: Layout) -> Vec<(f64, f64)> {
    let spec = TileSpec::of(layout);
    match layout {
        Layout::V1 => farthest_point_order(spec.points, spec.side_mm, spec.seed),
        Layout::V2 => super::darts::ranked_by_shrinking_darts(spec.points, spec.side_mm, spec.seed),
    }
}

/// Constructs a layout's tile from scratch, in its shipped byte format.
pub fn construct_tile_bytes(layout: Layout) -> Vec<u8> {
    let order = ranked_points(layout);
    match layout {
        Layout::V1 => order
            .iter()
            .flat_map(|&(x, y)| {
                (x as f32)
                    .to_le_bytes()
                    .into_iter()
                    .chain((y as f32).to_le_bytes())
            })
            .collect(),
        Layout::V2 => {
            let side_units = TileSpec::of(layout).side_mm * V2_UNITS_PER_MM;
            // Rounded to the unit; the tile's far edge is its near edge on the torus.
            let q = |v: f64| ((v * V2_UNITS_PER_MM).round() % side_units) as u16;
            order
                .iter()
                .flat_map(|&(x, y)| q(x).to_le_bytes().into_iter().chain(q(y).to_le_bytes()))
                .collect()
        }
    }
}

/// A layout's shipped tile bytes.
pub fn shipped_tile_bytes(layout: Layout) -> &'static [u8] {
    match layout {
        Layout::V1 => SHIPPED_V1,
        Layout::V2 => SHIPPED_V2,
    }
}

fn tile_from_order(order: &[(f64, f64)], spec: TileSpec) -> Tile {
    let n = order.len();
    debug_assert!(n.is_power_of_two(), "ranks must be exact in f32");
    let blocks_per_side = spec.blocks_per_side;
    let block_mm = spec.side_mm / blocks_per_side as f64;
    let mut blocks = vec![Vec::new(); blocks_per_side * blocks_per_side];
    for (rank, &(x, y)) in order.iter().enumerate() {
        let bx = ((x / block_mm) as usize).min(blocks_per_side - 1);
        let by = ((y / block_mm) as usize).min(blocks_per_side - 1);
        blocks[by * blocks_per_side + bx].push(TilePoint {
            x_mm: x as f32,
            y_mm: y as f32,
            rank: ((rank as f64 + 0.5) / n as f64) as f32,
        });
    }
    Tile {
        side_mm: spec.side_mm,
        points: n,
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
    let cand = Candidates::new(n * candidates, side, seed);
    let m = cand.len();
    let mut dist2 = vec![f64::INFINITY; m];
    let mut taken = vec![false; m];
    // Keys are unique (distance bits, then index), so the order never depends on how the heap
    // breaks ties: the result is the same with any standard library.
    let mut heap: BinaryHeap<(u64, u32)> = BinaryHeap::new();
    let mut order = Vec::with_capacity(n);
    let mut next = 0u32;
    loop {
        let p = cand.pts[next as usize];
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
        // One cell more than the reach: a candidate's distance may still fall to it.
        let span = cand.span(reach2.sqrt()).saturating_add(1);
        cand.for_each_near(p, span, |c| {
            if taken[c] {
                return;
            }
            let d2 = cand.torus_d2(p, cand.pts[c]);
            if d2 < dist2[c] {
                dist2[c] = d2;
                heap.push((d2.to_bits(), c as u32));
            }
        });
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
        let pts = farthest_point_order(2000, side, 1);
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
