//! Thresholding the ranked tile by the density field.

use super::tile::{MAX_DENSITY_PER_CM2, tile};
use crate::density::{DensityField, NONE};
use crate::design::{Design, SessionPlan, Variant};
use crate::geometry::{Point, Rect};
use crate::noise::{hash, unit};
use crate::recycle::Pool;

/// One impression.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Dot {
    /// Position on the photo, pixels.
    pub x_px: f32,
    pub y_px: f32,
    /// Needle impression diameter as placed (fresh), mm.
    pub diameter_mm: f32,
    /// Darkness relative to the session's pigment (natural variation around 1).
    pub shade: f32,
    /// Session index, 0-based.
    pub session: u8,
    /// Zone that owns the position, or `density::NONE`.
    pub zone: u16,
    /// Scar (region or halo) at the position, or `density::NONE`.
    pub scar: u16,
    /// How a photo of a curved head foreshortens the impression: its width across `tilt` over
    /// its length, in 255ths (`FLAT`: seen square-on, as on a flat design).
    pub squash: u8,
    /// Direction of the foreshortened axis in the photo, in 256ths of a half turn.
    pub tilt: u8,
}

impl Dot {
    /// `squash` of an impression seen square-on.
    pub const FLAT: u8 = 255;
}

/// All dots of one variant.
#[derive(Clone, Debug, Default)]
pub struct DotSet {
    pub dots: Vec<Dot>,
    pub session_count: usize,
    pub mm_per_px: f64,
    /// Where the dots were made, when they are the dots of a head design seen on one of its
    /// photos (`head::dots_in_view`); `None` when they are where they were made.
    pub made: Option<Made>,
}

/// Where a set of dots seen on a photo was made: each impression's own shape and share of ink
/// are hashed from its place on the scalp map (and the test patch is found there), so one
/// impression looks the same from every photo.
#[derive(Clone, Debug, Default)]
pub struct Made {
    /// Each dot's place on the map, pixels.
    pub places: Vec<[f32; 2]>,
    pub mm_per_px: f64,
}

impl DotSet {
    /// Where dot `i` was made, pixels (see `made`).
    pub fn place(&self, i: usize) -> [f32; 2] {
        self.made
            .as_ref()
            .and_then(|m| m.places.get(i).copied())
            .unwrap_or([self.dots[i].x_px, self.dots[i].y_px])
    }
    /// Millimetres per pixel where the dots were made.
    pub fn made_mm_per_px(&self) -> f64 {
        self.made.as_ref().map_or(self.mm_per_px, |m| m.mm_per_px)
    }
}

/// Which rank each session may reach at a point: sessions are nested rank prefixes, so session
/// 1's dots are a well-spread subset and each later session adds dots between them.
#[derive(Clone, Debug)]
pub struct SessionThresholds {
    /// Cumulative share of impressions after each session (last is 1).
    pub cumulative: Vec<f64>,
    /// Whether session 1 uses the held-back field (only when there is more than one session).
    pub hold_back_first: bool,
}

impl SessionThresholds {
    pub fn new(plan: &SessionPlan) -> Self {
        let total: f64 = plan.sessions.iter().map(|s| s.share).sum();
        let mut acc = 0.0;
        let mut cumulative: Vec<f64> = plan
            .sessions
            .iter()
            .map(|s| {
                acc += s.share / total;
                acc
            })
            .collect();
        if let Some(last) = cumulative.last_mut() {
            *last = 1.0; // no rounding gap at the end
        }
        Self {
            hold_back_first: cumulative.len() > 1,
            cumulative,
        }
    }

    /// Density (impressions/cm²) of sessions 1..=k+1 together at `p_mm`.
    pub fn cumulative_density_at(&self, field: &DensityField, k: usize, p_mm: Point) -> f64 {
        if k == 0 && self.hold_back_first {
            self.cumulative[0] * field.first_session_at(p_mm)
        } else {
            self.cumulative[k.min(self.cumulative.len() - 1)] * field.density_at(p_mm)
        }
    }

    /// The session of a dot of rank `rank` given the field's thresholds at its position, if any.
    pub(super) fn session_of(&self, rank: f64, t_full: f64, t_first: f64) -> Option<u8> {
        if rank >= t_full {
            return None;
        }
        let t0 = if self.hold_back_first {
            t_first
        } else {
            t_full
        };
        if rank < self.cumulative[0] * t0 {
            return Some(0);
        }
        (1..self.cumulative.len())
            .find(|&k| rank < self.cumulative[k] * t_full)
            .map(|k| k as u8)
    }
}

/// One of the eight symmetries of the square, chosen by the seed so different seeds give
/// different patterns from the same tile.
#[derive(Clone, Copy)]
pub(super) struct Symmetry {
    m: [[f64; 2]; 2],
}

impl Symmetry {
    pub(super) fn from_index(i: u64) -> Self {
        let (a, b) = match i % 4 {
            0 => (1.0, 0.0),
            1 => (0.0, 1.0),
            2 => (-1.0, 0.0),
            _ => (0.0, -1.0),
        };
        let flip = if i / 4 % 2 == 1 { -1.0 } else { 1.0 };
        Symmetry {
            m: [[a, -b * flip], [b, a * flip]],
        }
    }
    pub(super) fn apply(&self, p: Point) -> Point {
        Point::new(
            self.m[0][0] * p.x + self.m[0][1] * p.y,
            self.m[1][0] * p.x + self.m[1][1] * p.y,
        )
    }
    /// Inverse of an orthogonal matrix is its transpose.
    pub(super) fn invert(&self, p: Point) -> Point {
        Point::new(
            self.m[0][0] * p.x + self.m[1][0] * p.y,
            self.m[0][1] * p.x + self.m[1][1] * p.y,
        )
    }
}

/// Generates the dots of `variant`.
pub fn generate(design: &Design, variant: &Variant, field: &DensityField) -> DotSet {
    let thresholds = SessionThresholds::new(&variant.sessions);
    let t = tile(design.layout);
    let tile_mm = t.side_mm;
    let seed = design.seed;
    let sym = Symmetry::from_index(hash(&[seed, 1]));
    let offset = Point::new(
        unit(hash(&[seed, 2])) * tile_mm,
        unit(hash(&[seed, 3])) * tile_mm,
    );
    let grid = field.grid;
    let domain = Rect {
        min: Point::default(),
        max: grid.node(grid.nx - 1, grid.ny - 1),
    };
    // The domain in tile space, to find which tile copies cover it.
    let corners = [
        domain.min,
        domain.max,
        Point::new(domain.min.x, domain.max.y),
        Point::new(domain.max.x, domain.min.y),
    ];
    let in_tile = Rect::from_points(corners.map(|c| sym.invert(c - offset)));
    let (ti0, ti1) = (
        (in_tile.min.x / tile_mm).floor() as i64,
        (in_tile.max.x / tile_mm).floor() as i64,
    );
    let (tj0, tj1) = (
        (in_tile.min.y / tile_mm).floor() as i64,
        (in_tile.max.y / tile_mm).floor() as i64,
    );
    let dots_mm = variant.dots.needle_mm;
    let fine_mm = variant.dots.hairline_needle_mm;
    let variation = variant.dots.size_variation;
    let inv_max = 1.0 / MAX_DENSITY_PER_CM2;
    // Every (tile copy, block) is independent: split them across cores and concatenate in order,
    // so the result is the same whatever the number of cores.
    let jobs: Vec<(i64, i64, usize)> = (tj0..=tj1)
        .flat_map(|tj| {
            (ti0..=ti1).flat_map(move |ti| {
                (0..t.blocks_per_side * t.blocks_per_side).map(move |b| (ti, tj, b))
            })
        })
        .collect();
    // Appends the dots of one job to `dots`.
    let run = |job: (i64, i64, usize), dots: &mut Vec<Dot>| {
        let (ti, tj, b) = job;
        let (bx, by) = (b % t.blocks_per_side, b / t.blocks_per_side);
        let origin = Point::new(ti as f64 * tile_mm, tj as f64 * tile_mm);
        let block_min = origin + Point::new(bx as f64, by as f64) * t.block_mm;
        let block = Rect::from_points([block_min, block_min + Point::new(t.block_mm, t.block_mm)]);
        let placed =
            Rect::from_points([sym.apply(block.min) + offset, sym.apply(block.max) + offset]);
        let Some(w) = grid.window(placed.intersect(domain).expanded(grid.cell_mm)) else {
            return;
        };
        // The densest point of the block bounds the ranks worth looking at.
        let max_density = field.max_density_in(w);
        // Interpolating between equal nodes gives the nodes' value bit for bit: take it once.
        let uniform = field.uniform_in(w);
        let max_rank = max_density as f64 * inv_max;
        let points = &t.blocks[b];
        dots.reserve((points.len() as f64 * max_rank) as usize + 8);
        // Per-dot randomness: one mix of this tile copy's hash with the point's index.
        let copy_hash = hash(&[seed, ti as u64, tj as u64]);
        for q in points {
            let rank = q.rank as f64;
            if rank >= max_rank {
                break;
            }
            let p = sym.apply(origin + Point::new(q.x_mm as f64, q.y_mm as f64)) + offset;
            if !domain.contains(p) {
                continue;
            }
            let [d_full, d_first, fine, scale] = match uniform {
                Some(values) => values,
                None => grid.sample4(&field.nodes, p),
            };
            let t_full = d_full as f64 * inv_max;
            if rank >= t_full {
                continue;
            }
            let t_first = d_first as f64 * inv_max;
            let Some(session) = thresholds.session_of(rank, t_full, t_first) else {
                continue;
            };
            let h = crate::noise::mix64(copy_hash ^ q.index(t.points) as u64);
            let node = grid.nearest(p);
            let base = dots_mm + (fine_mm - dots_mm) * fine as f64;
            let jitter = 1.0 + variation * (2.0 * unit(h) - 1.0);
            let scale = scale as f64;
            dots.push(Dot {
                x_px: (p.x / field.mm_per_px) as f32,
                y_px: (p.y / field.mm_per_px) as f32,
                diameter_mm: (base * jitter * scale) as f32,
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

/// Runs jobs `0..jobs`, each appending its dots to the buffer it is handed, over the cores, and
/// joins their dots in job order.
pub(super) fn gather(jobs: usize, run: &(dyn Fn(usize, &mut Vec<Dot>) + Sync)) -> Vec<Dot> {
    // Jobs are dealt round-robin so dense and empty parts of the photo spread evenly over the
    // cores, each core appending to one buffer and noting where each job's dots are; the dots
    // are then joined in job order, so the result does not depend on the number of cores.
    let threads = crate::par::threads();
    let share = |t: usize| {
        let mut dots = DOTS.take_empty(0);
        let ends: Vec<usize> = (t..jobs)
            .step_by(threads)
            .map(|i| {
                run(i, &mut dots);
                dots.len()
            })
            .collect();
        (dots, ends)
    };
    let mut shares = crate::par::spread((0..threads).collect(), share);
    if shares.len() == 1 {
        // One core did every job in order: its buffer is the result, with nothing to join.
        return shares.remove(0).0;
    }
    let mut dots = DOTS.take_empty(shares.iter().map(|s| s.0.len()).sum());
    for i in 0..jobs {
        let (part, ends) = &shares[i % threads];
        let k = i / threads;
        let start = if k == 0 { 0 } else { ends[k - 1] };
        dots.extend_from_slice(&part[start..ends[k]]);
    }
    for (part, _) in shares {
        DOTS.give(part);
    }
    dots
}

/// Dot buffers handed back by dropped dot sets (see `recycle`).
static DOTS: Pool<Dot> = Pool::new();

impl Drop for DotSet {
    fn drop(&mut self) {
        DOTS.give(std::mem::take(&mut self.dots));
    }
}

impl Dot {
    pub fn in_zone(&self) -> Option<usize> {
        (self.zone != NONE).then_some(self.zone as usize)
    }
    pub fn in_scar(&self) -> Option<usize> {
        (self.scar != NONE).then_some(self.scar as usize)
    }
    pub fn pos_px(&self) -> Point {
        Point::new(self.x_px as f64, self.y_px as f64)
    }
}
