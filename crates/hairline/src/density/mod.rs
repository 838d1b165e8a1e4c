//! The density field: impressions per cm² at every point of the photo, from zones, the hairline
//! transition and scar masks, as a raster of nodes `CELL_MM` apart in millimetres.

mod grid;
mod hairline;
mod region;

pub use grid::{CELL_MM, Grid, Window};
pub use region::{RegionMm, distance_outside};

use crate::design::params::MAX_DENSITY_PER_CM2;
use crate::design::{Design, Shape, Variant};
use crate::geometry::Point;
use crate::noise::smoothstep;
use crate::recycle;

/// Marks a node that belongs to no zone or scar.
pub const NONE: u16 = u16::MAX;

/// The density field of one variant.
pub struct DensityField {
    pub grid: Grid,
    pub mm_per_px: f64,
    /// Per node, interleaved for the dot generator's single lookup per candidate: final density
    /// (impressions/cm²), density available to session 1 (the hairline held back; never above the
    /// final one), hairline weight (1 where the finer hairline needle is used) and dot diameter
    /// multiplier (scar tissue).
    pub nodes: Vec<[f32; 4]>,
    /// Topmost zone whose region holds the node, or `NONE`.
    pub zone_owner: Vec<u16>,
    /// Scar whose region or halo holds the node, or `NONE`.
    pub scar_owner: Vec<u16>,
    /// The highest final density of each square of `MAX_CELL` x `MAX_CELL` nodes, so the dot
    /// generator bounds a block's density with a few reads, not a hundred.
    coarse_max: Vec<f32>,
    /// Whether every node of the square holds the same four values: there the dot generator
    /// takes them once instead of interpolating for every candidate (most of a large design).
    coarse_flat: Vec<bool>,
    coarse_nx: usize,
    /// Skin area per unit of plane area at each node, where the plane is a chart of a curved
    /// surface (the head's scalp map); `None` for a flat design, where the plane is the skin.
    /// The nodes' densities are per plane cm² (what the dot generator thresholds), so a chart's
    /// dots are `target x skin_per_plane` per chart cm², which is `target` per cm² of skin.
    skin_per_plane: Option<std::sync::Arc<Vec<f32>>>,
}

/// `f` at every node of `grid`, row by row.
fn node_values(grid: Grid, f: &dyn Fn(Point) -> f64) -> Vec<f32> {
    let mut v = Vec::with_capacity(grid.len());
    for j in 0..grid.ny {
        for i in 0..grid.nx {
            v.push(f(grid.node(i, j)) as f32);
        }
    }
    v
}

/// The scalp map's skin area per map area at every node, for `head` on `grid`: it depends on
/// neither the zones nor the hairline, so the last one is kept and every regeneration while the
/// practitioner edits reuses it (working it out is most of a head design's field otherwise).
fn head_factor(head: crate::design::HeadModel, grid: Grid) -> std::sync::Arc<Vec<f32>> {
    type Key = ([u64; 5], usize, usize);
    static LAST: std::sync::Mutex<Option<(Key, std::sync::Arc<Vec<f32>>)>> =
        std::sync::Mutex::new(None);
    let key = (
        [
            head.length_mm,
            head.breadth_mm,
            head.height_mm,
            head.pupils_mm,
            head.map_mm_per_px,
        ]
        .map(f64::to_bits),
        grid.nx,
        grid.ny,
    );
    let mut last = LAST.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((k, v)) = last.as_ref()
        && *k == key
    {
        return std::sync::Arc::clone(v);
    }
    let chart = head.chart();
    let v = std::sync::Arc::new(node_values(grid, &|p| chart.skin_per_chart(p)));
    *last = Some((key, std::sync::Arc::clone(&v)));
    v
}

/// Nodes per side of a `coarse_max` square.
const MAX_CELL: usize = 4;

/// Channels of `DensityField::nodes`.
pub const DENSITY: usize = 0;
pub const FIRST_SESSION: usize = 1;
pub const HAIRLINE_WEIGHT: usize = 2;
pub const DOT_SCALE: usize = 3;

impl Drop for DensityField {
    fn drop(&mut self) {
        recycle::F32X4.give(std::mem::take(&mut self.nodes));
        recycle::U16.give(std::mem::take(&mut self.zone_owner));
        recycle::U16.give(std::mem::take(&mut self.scar_owner));
        recycle::F32.give(std::mem::take(&mut self.coarse_max));
        recycle::BOOL.give(std::mem::take(&mut self.coarse_flat));
    }
}

fn region_mm(shape: &Shape, mm_per_px: f64) -> RegionMm {
    RegionMm {
        polygons: shape
            .polygons
            .iter()
            .map(|p| p.iter().map(|&q| q * mm_per_px).collect())
            .collect(),
        strokes: shape
            .strokes
            .iter()
            .map(|s| {
                (
                    s.points_px.iter().map(|&q| q * mm_per_px).collect(),
                    s.radius_mm,
                    s.erase,
                )
            })
            .collect(),
    }
}

/// Rasterises `shape` and calls `apply(node, inside, distance_mm)` for every node within `margin`
/// mm of it (distance is 0 inside).
fn for_each_near(
    shape: &Shape,
    mm_per_px: f64,
    margin: f64,
    grid: &Grid,
    mut apply: impl FnMut(usize, bool, f32),
) {
    let region = region_mm(shape, mm_per_px);
    let Some(w) = grid.window(region.bounds().expanded(margin + grid.cell_mm)) else {
        return;
    };
    let inside = region.rasterise(grid, w);
    let dist = if margin <= 0.0 {
        recycle::F32.take(inside.len(), 0.0)
    } else if region.strokes.iter().any(|s| s.2) {
        // Erased parts make the boundary irregular: a distance transform of the raster.
        distance_outside(&inside, w.width(), w.height(), grid.cell_mm)
    } else {
        region.distance_band(grid, w, margin)
    };
    for (wj, j) in (w.y0..=w.y1).enumerate() {
        for (wi, i) in (w.x0..=w.x1).enumerate() {
            let wk = wj * w.width() + wi;
            if inside[wk] || (margin > 0.0 && (dist[wk] as f64) < margin) {
                apply(
                    j * grid.nx + i,
                    inside[wk],
                    if inside[wk] { 0.0 } else { dist[wk] },
                );
            }
        }
    }
    recycle::BOOL.give(inside);
    recycle::F32.give(dist);
}

/// The maximum density of each `MAX_CELL` square of nodes. Returns the values and their number
/// per row.
fn coarse_max(grid: &Grid, nodes: &[[f32; 4]]) -> (Vec<f32>, Vec<bool>, usize) {
    let (cnx, cny) = (grid.nx.div_ceil(MAX_CELL), grid.ny.div_ceil(MAX_CELL));
    let mut max = recycle::F32.take(cnx * cny, 0.0);
    let mut flat = recycle::BOOL.take(cnx * cny, true);
    for (j, row) in nodes.chunks_exact(grid.nx).enumerate() {
        let first_row = &nodes[j / MAX_CELL * MAX_CELL * grid.nx..][..grid.nx];
        let out = &mut max[j / MAX_CELL * cnx..][..cnx];
        let same = &mut flat[j / MAX_CELL * cnx..][..cnx];
        for (((m, f), square), first) in out
            .iter_mut()
            .zip(same.iter_mut())
            .zip(row.chunks(MAX_CELL))
            .zip(first_row.chunks(MAX_CELL))
        {
            *m = square.iter().fold(*m, |m, node| m.max(node[DENSITY]));
            // Bit patterns, so that a square is flat only if interpolating in it is exact.
            let bits = |n: &[f32; 4]| n.map(f32::to_bits);
            *f = *f && square.iter().all(|n| bits(n) == bits(&first[0]));
        }
    }
    (max, flat, cnx)
}

/// The zones' blended density in channel `DENSITY` of fresh nodes (the other channels at their
/// neutral values), and the topmost zone holding each node.
fn rasterise_zones(variant: &Variant, mm_per_px: f64, grid: &Grid) -> (Vec<[f32; 4]>, Vec<u16>) {
    let n = grid.len();
    let mut nodes = recycle::F32X4.take(n, [0.0, 0.0, 0.0, 1.0]);
    let mut zone_owner = recycle::U16.take(n, NONE);
    for (z, zone) in variant.zones.iter().enumerate() {
        let target = zone.density_per_cm2 as f32;
        let feather = zone.feather_mm;
        for_each_near(&zone.shape, mm_per_px, feather, grid, |k, inside, d| {
            let cover = if inside {
                1.0
            } else {
                1.0 - smoothstep(0.0, feather, d as f64) as f32
            };
            let zones = &mut nodes[k][DENSITY];
            *zones += (target - *zones) * cover;
            if inside {
                zone_owner[k] = z as u16;
            }
        });
    }
    (nodes, zone_owner)
}

impl DensityField {
    /// Builds the field of `variant` over the photo of `design`.
    ///
    /// A head design's photo is its scalp map: there the zones' densities are per cm² of skin,
    /// through the map's skin area per map area.
    pub fn build(design: &Design, variant: &Variant) -> DensityField {
        match design.head {
            Some(head) => {
                let grid = Self::grid_of(design);
                let factor = head_factor(head, grid);
                Self::build_on(design, variant, Some(factor))
            }
            None => Self::build_on(design, variant, None),
        }
    }

    /// Builds the field of `variant` over a chart of a curved surface: `skin_per_plane(p_mm)`
    /// is the skin area per chart area at `p_mm`, and the zones' densities are per cm² of skin.
    pub fn build_on_surface(
        design: &Design,
        variant: &Variant,
        skin_per_plane: &dyn Fn(Point) -> f64,
    ) -> DensityField {
        let factor = node_values(Self::grid_of(design), skin_per_plane);
        Self::build_on(design, variant, Some(std::sync::Arc::new(factor)))
    }

    /// The nodes covering the design's photo.
    fn grid_of(design: &Design) -> Grid {
        let mm_per_px = design.calibration.mm_per_px();
        Grid::covering(
            design.photo.width_px as f64 * mm_per_px,
            design.photo.height_px as f64 * mm_per_px,
            CELL_MM,
        )
    }

    fn build_on(
        design: &Design,
        variant: &Variant,
        skin_per_plane: Option<std::sync::Arc<Vec<f32>>>,
    ) -> DensityField {
        let mm_per_px = design.calibration.mm_per_px();
        let grid = Self::grid_of(design);
        let n = grid.len();
        let holdback = variant.sessions.first_session_holdback_mm;
        // The hairline's geometry is independent of the zones: trace it on a second core while
        // this one rasterises them (each takes a millisecond or two on a large design, long
        // enough to pay for the thread).
        let ((mut nodes, zone_owner), line) = std::thread::scope(|scope| {
            let line = variant.hairline.as_ref().map(|h| {
                scope.spawn(move || (h, hairline::hairline_depth(h, mm_per_px, holdback, &grid)))
            });
            let zones = rasterise_zones(variant, mm_per_px, &grid);
            (zones, line.map(|t| t.join()))
        });
        match line {
            Some(Ok((h, line))) => {
                hairline::apply_hairline(h, &line, holdback, &grid, design.seed, &mut nodes)
            }
            Some(Err(panic)) => std::panic::resume_unwind(panic),
            None => nodes.iter_mut().for_each(|v| v[FIRST_SESSION] = v[DENSITY]),
        }
        let mut scar_owner = recycle::U16.take(n, NONE);
        if !variant.scars.is_empty() {
            let mut scar_weight = recycle::F32.take(n, 0.0);
            for (s, scar) in variant.scars.iter().enumerate() {
                let target = scar.density_per_cm2 as f32;
                let halo = scar.halo_mm;
                for_each_near(
                    &scar.shape,
                    mm_per_px,
                    halo.max(1.0),
                    &grid,
                    |k, _inside, d| {
                        let d = d as f64;
                        let cover = (1.0 - smoothstep(0.0, halo, d)) as f32;
                        let node = &mut nodes[k];
                        node[DENSITY] = node[DENSITY].max(target * cover);
                        node[FIRST_SESSION] = node[FIRST_SESSION].max(target * cover);
                        // Scar tissue starts at the scar's edge: fade the size change over 1 mm.
                        let w = (1.0 - smoothstep(0.0, 1.0, d)) as f32;
                        if w > scar_weight[k] {
                            scar_weight[k] = w;
                            node[DOT_SCALE] = 1.0 + (scar.dot_scale as f32 - 1.0) * w;
                        }
                        if d <= halo {
                            scar_owner[k] = s as u16;
                        }
                    },
                );
            }
            recycle::F32.give(scar_weight);
        }
        let max = MAX_DENSITY_PER_CM2 as f32;
        for node in nodes.iter_mut() {
            node[DENSITY] = node[DENSITY].clamp(0.0, max);
            node[FIRST_SESSION] = node[FIRST_SESSION].clamp(0.0, node[DENSITY]);
        }
        if let Some(factor) = &skin_per_plane {
            for (node, &k) in nodes.iter_mut().zip(factor.iter()) {
                // The tile holds ranks up to its maximum density per plane cm²: beyond it a
                // steep chart would quietly lose impressions, so the chart is kept near 1.
                node[DENSITY] = (node[DENSITY] * k).min(max);
                node[FIRST_SESSION] = (node[FIRST_SESSION] * k).min(node[DENSITY]);
            }
        }
        let (coarse_max, coarse_flat, coarse_nx) = coarse_max(&grid, &nodes);
        DensityField {
            grid,
            mm_per_px,
            nodes,
            zone_owner,
            scar_owner,
            coarse_max,
            coarse_flat,
            coarse_nx,
            skin_per_plane,
        }
    }

    /// Skin area (cm²) of node `k`'s cell.
    fn cell_skin_cm2(&self, k: usize) -> f64 {
        let plane = self.grid.cell_mm * self.grid.cell_mm / 100.0;
        match &self.skin_per_plane {
            Some(f) => plane * f[k] as f64,
            None => plane,
        }
    }

    /// Density per cm² of skin at node `k` (the plane's density where the plane is the skin).
    fn skin_density(&self, k: usize) -> f64 {
        let d = self.nodes[k][DENSITY] as f64;
        match &self.skin_per_plane {
            Some(f) if f[k] > 0.0 => d / f[k] as f64,
            Some(_) => 0.0,
            None => d,
        }
    }

    /// The four values of every node of window `w`, when they are all the same.
    pub fn uniform_in(&self, w: Window) -> Option<[f32; 4]> {
        let cnx = self.coarse_nx;
        let first = (w.y0 / MAX_CELL * MAX_CELL) * self.grid.nx + w.x0 / MAX_CELL * MAX_CELL;
        let value = self.nodes[first].map(f32::to_bits);
        for cj in w.y0 / MAX_CELL..=w.y1 / MAX_CELL {
            for ci in w.x0 / MAX_CELL..=w.x1 / MAX_CELL {
                let k = (cj * MAX_CELL) * self.grid.nx + ci * MAX_CELL;
                if !self.coarse_flat[cj * cnx + ci] || self.nodes[k].map(f32::to_bits) != value {
                    return None;
                }
            }
        }
        Some(self.nodes[first])
    }

    /// An upper bound of the final density over the nodes of window `w`: the maximum over the
    /// `MAX_CELL` squares holding them.
    pub fn max_density_in(&self, w: Window) -> f32 {
        let mut max = 0f32;
        for cj in w.y0 / MAX_CELL..=w.y1 / MAX_CELL {
            let row = &self.coarse_max[cj * self.coarse_nx..][..self.coarse_nx];
            for &m in &row[w.x0 / MAX_CELL..=w.x1 / MAX_CELL] {
                max = max.max(m);
            }
        }
        max
    }

    /// The final density of every node, impressions/cm².
    pub fn densities(&self) -> impl Iterator<Item = f32> + '_ {
        self.nodes.iter().map(|v| v[DENSITY])
    }

    /// Density (impressions/cm²) at `p_mm`.
    pub fn density_at(&self, p_mm: Point) -> f64 {
        self.grid.sample4(&self.nodes, p_mm)[DENSITY] as f64
    }

    /// Density available to session 1 at `p_mm`.
    pub fn first_session_at(&self, p_mm: Point) -> f64 {
        self.grid.sample4(&self.nodes, p_mm)[FIRST_SESSION] as f64
    }

    /// Integral of the density over the photo: the expected number of impressions.
    pub fn expected_total(&self) -> f64 {
        let cell_cm2 = self.grid.cell_mm * self.grid.cell_mm / 100.0;
        self.densities().map(|d| d as f64).sum::<f64>() * cell_cm2
    }

    /// Area (cm² of skin) with any impressions at all.
    pub fn treated_area_cm2(&self) -> f64 {
        // An empty float sum is -0.0, which prints as "-0.0 cm²": the + 0.0 makes it 0.
        (0..self.nodes.len())
            .filter(|&k| self.skin_density(k) >= 1.0)
            .map(|k| self.cell_skin_cm2(k))
            .sum::<f64>()
            + 0.0
    }

    /// Whether node `k` is owned by zone `zone` and holds that zone's own density `target` (within
    /// 2 %): not thinned by a feather, the hairline or its transition, nor raised by a scar.
    pub fn at_zone_density(&self, k: usize, zone: usize, target: f64) -> bool {
        self.zone_owner.get(k).is_some_and(|&o| o as usize == zone)
            && (self.skin_density(k) - target).abs() <= 0.02 * target.max(1e-9)
    }

    /// Area (cm² of skin) of each zone's full-density part (see `at_zone_density`), given its
    /// targets.
    pub fn zone_full_density_area_cm2(&self, targets: &[f64]) -> Vec<f64> {
        let mut area = vec![0.0; targets.len()];
        for k in 0..self.zone_owner.len() {
            let o = self.zone_owner[k] as usize;
            if let Some(&t) = targets.get(o)
                && t > 0.0
                && self.at_zone_density(k, o, t)
            {
                area[o] += self.cell_skin_cm2(k);
            }
        }
        area
    }

    /// Area (cm² of skin) owned by each zone (its region less what later zones cover).
    pub fn zone_area_cm2(&self, zones: usize) -> Vec<f64> {
        let mut area = vec![0.0; zones];
        for (k, &o) in self.zone_owner.iter().enumerate() {
            if let Some(a) = area.get_mut(o as usize) {
                *a += self.cell_skin_cm2(k);
            }
        }
        area
    }
}
