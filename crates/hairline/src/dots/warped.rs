//! Thresholding the ranked tile on a chart other than the design's own plane: a head design's
//! impressions are laid out on a conformal chart of the head (`head::skin_warp`), where the
//! tile's even spacing stays even on the skin, and placed on the scalp map the design is drawn
//! on, where the density field is.
//!
//! Everything the flat layout promises holds as it does there: each candidate keeps or drops by
//! its rank against the density where it falls (sessions are rank prefixes of each other, and a
//! local edit changes only local dots), the chart is a fixed function of the head's size, and the
//! density is per cm² of skin (the field's density per map cm², times the map's area per chart
//! area, is the density per chart cm²).

use super::generate::{Dot, DotSet, SessionThresholds, Symmetry, gather};
use super::tile::{MAX_DENSITY_PER_CM2, tile};
use crate::density::{DensityField, Grid};
use crate::design::{Design, Variant};
use crate::geometry::{Point, Rect};
use crate::noise::{hash, unit};

/// A chart tabulated at the nodes of a grid: where each node is on the design's plane and how
/// much plane area a unit of chart area holds there.
#[derive(Clone, Debug)]
pub struct Warp {
    /// The nodes, in chart millimetres from `origin`.
    pub grid: Grid,
    /// Chart position of node (0, 0), mm.
    pub origin: Point,
    /// Per node: the plane's x and y (mm), the plane's area per chart area (0 where the chart
    /// holds nothing to lay out), and a spare channel (the interpolation reads four).
    pub nodes: Vec<[f32; 4]>,
}

const PLANE_X: usize = 0;
const PLANE_Y: usize = 1;
const AREA: usize = 2;

/// Salt of the warped layout's hashes, so its symmetry, offset and per-dot variation are its
/// own and not the flat layout's of the same seed.
const SALT: u64 = 0x5a1c_2026_0030;

/// Generates the dots of `variant` laid out on `warp`'s chart, placed on the design's plane.
pub fn generate_warped(
    design: &Design,
    variant: &Variant,
    field: &DensityField,
    warp: &Warp,
) -> DotSet {
    let thresholds = SessionThresholds::new(&variant.sessions);
    let t = tile(design.layout);
    let tile_mm = t.side_mm;
    let seed = design.seed;
    let sym = Symmetry::from_index(hash(&[SALT, seed, 1]));
    let offset = Point::new(
        unit(hash(&[SALT, seed, 2])) * tile_mm,
        unit(hash(&[SALT, seed, 3])) * tile_mm,
    );
    let wg = warp.grid;
    // The chart's domain, from its first node (chart positions are taken from there).
    let domain = Rect {
        min: Point::default(),
        max: wg.node(wg.nx - 1, wg.ny - 1),
    };
    let corners = [
        domain.min,
        domain.max,
        Point::new(domain.min.x, domain.max.y),
        Point::new(domain.max.x, domain.min.y),
    ];
    let in_tile = Rect::from_points(corners.map(|c| sym.invert(c - offset)));
    let span = |lo: f64, hi: f64| ((lo / tile_mm).floor() as i64, (hi / tile_mm).floor() as i64);
    let (ti0, ti1) = span(in_tile.min.x, in_tile.max.x);
    let (tj0, tj1) = span(in_tile.min.y, in_tile.max.y);
    let blocks = t.blocks_per_side * t.blocks_per_side;
    let jobs: Vec<(i64, i64, usize)> = (tj0..=tj1)
        .flat_map(|tj| (ti0..=ti1).flat_map(move |ti| (0..blocks).map(move |b| (ti, tj, b))))
        .collect();
    let dots_mm = variant.dots.needle_mm;
    let fine_mm = variant.dots.hairline_needle_mm;
    let variation = variant.dots.size_variation;
    let inv_max = 1.0 / MAX_DENSITY_PER_CM2;
    let fg = field.grid;
    let run = |job: (i64, i64, usize), dots: &mut Vec<Dot>| {
        let (ti, tj, b) = job;
        let (bx, by) = (b % t.blocks_per_side, b / t.blocks_per_side);
        let origin = Point::new(ti as f64 * tile_mm, tj as f64 * tile_mm);
        let block_min = origin + Point::new(bx as f64, by as f64) * t.block_mm;
        let block = Rect::from_points([block_min, block_min + Point::new(t.block_mm, t.block_mm)]);
        let placed =
            Rect::from_points([sym.apply(block.min) + offset, sym.apply(block.max) + offset]);
        let Some(w) = wg.window(placed.intersect(domain).expanded(wg.cell_mm)) else {
            return;
        };
        // The block's reach on the plane and its largest area factor bound the ranks worth
        // looking at (bilinear values lie within their nodes').
        let mut most_area = 0f32;
        let (mut lo, mut hi) = (
            Point::new(f64::MAX, f64::MAX),
            Point::new(f64::MIN, f64::MIN),
        );
        for j in w.y0..=w.y1 {
            for n in &warp.nodes[j * wg.nx + w.x0..=j * wg.nx + w.x1] {
                most_area = most_area.max(n[AREA]);
                let (x, y) = (n[PLANE_X] as f64, n[PLANE_Y] as f64);
                lo = Point::new(lo.x.min(x), lo.y.min(y));
                hi = Point::new(hi.x.max(x), hi.y.max(y));
            }
        }
        if most_area <= 0.0 {
            return;
        }
        let Some(fw) = fg.window(Rect { min: lo, max: hi }.expanded(fg.cell_mm)) else {
            return;
        };
        let max_rank = field.max_density_in(fw) as f64 * most_area as f64 * inv_max;
        let copy_hash = hash(&[SALT, seed, ti as u64, tj as u64]);
        for q in &t.blocks[b] {
            let rank = q.rank as f64;
            if rank >= max_rank {
                break;
            }
            let c = sym.apply(origin + Point::new(q.x_mm as f64, q.y_mm as f64)) + offset;
            if !domain.contains(c) {
                continue;
            }
            let n = wg.sample4(&warp.nodes, c);
            let area = n[AREA] as f64;
            if area <= 0.0 {
                continue;
            }
            let p = Point::new(n[PLANE_X] as f64, n[PLANE_Y] as f64);
            let [d_full, d_first, fine, scale] = fg.sample4(&field.nodes, p);
            let t_full = d_full as f64 * area * inv_max;
            if rank >= t_full {
                continue;
            }
            let t_first = d_first as f64 * area * inv_max;
            let Some(session) = thresholds.session_of(rank, t_full, t_first) else {
                continue;
            };
            let h = crate::noise::mix64(copy_hash ^ q.index(t.points) as u64);
            let node = fg.nearest(p);
            let base = dots_mm + (fine_mm - dots_mm) * fine as f64;
            let jitter = 1.0 + variation * (2.0 * unit(h) - 1.0);
            dots.push(Dot {
                x_px: (p.x / field.mm_per_px) as f32,
                y_px: (p.y / field.mm_per_px) as f32,
                diameter_mm: (base * jitter * scale as f64) as f32,
                shade: (1.0 + 0.12 * (2.0 * unit(crate::noise::mix64(h)) - 1.0)) as f32,
                session,
                zone: field.zone_owner[node],
                scar: field.scar_owner[node],
                squash: Dot::FLAT,
                tilt: 0,
            });
        }
    };
    DotSet {
        dots: gather(jobs.len(), &|i, dots| run(jobs[i], dots)),
        session_count: variant.sessions.sessions.len(),
        mm_per_px: field.mm_per_px,
        made: None,
    }
}
