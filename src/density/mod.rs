//! The density field: impressions per cm² at every point of the photo, from zones, the hairline
//! transition and scar masks, as a raster of nodes `CELL_MM` apart in millimetres.

mod grid;
mod hairline;
mod region;

pub use grid::{CELL_MM, Grid, Window};
pub use region::{RegionMm, distance_outside};

use crate::design::{Design, Shape, Variant};
use crate::dots::MAX_DENSITY_PER_CM2;
use crate::geometry::Point;
use crate::noise::smoothstep;

/// Marks a node that belongs to no zone or scar.
pub const NONE: u16 = u16::MAX;

/// The density field of one variant.
pub struct DensityField {
    pub grid: Grid,
    pub mm_per_px: f64,
    /// Final density, impressions/cm².
    pub density: Vec<f32>,
    /// Density available to session 1 (the hairline held back); never above `density`.
    pub first_session: Vec<f32>,
    /// 1 where the finer hairline needle is used.
    pub hairline_weight: Vec<f32>,
    /// Dot diameter multiplier (scar tissue).
    pub dot_scale: Vec<f32>,
    /// Topmost zone whose region holds the node, or `NONE`.
    pub zone_owner: Vec<u16>,
    /// Scar whose region or halo holds the node, or `NONE`.
    pub scar_owner: Vec<u16>,
    /// `density`, `first_session`, `hairline_weight` and `dot_scale` interleaved per node, for
    /// the dot generator's single lookup per candidate.
    pub packed: Vec<[f32; 4]>,
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
        vec![0.0; inside.len()]
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
}

impl DensityField {
    /// Builds the field of `variant` over the photo of `design`.
    pub fn build(design: &Design, variant: &Variant) -> DensityField {
        let mm_per_px = design.calibration.mm_per_px();
        let grid = Grid::covering(
            design.photo.width_px as f64 * mm_per_px,
            design.photo.height_px as f64 * mm_per_px,
            CELL_MM,
        );
        let n = grid.len();
        let mut zones = vec![0f32; n];
        let mut zone_owner = vec![NONE; n];
        for (z, zone) in variant.zones.iter().enumerate() {
            let target = zone.density_per_cm2 as f32;
            let feather = zone.feather_mm;
            for_each_near(&zone.shape, mm_per_px, feather, &grid, |k, inside, d| {
                let cover = if inside {
                    1.0
                } else {
                    1.0 - smoothstep(0.0, feather, d as f64) as f32
                };
                zones[k] += (target - zones[k]) * cover;
                if inside {
                    zone_owner[k] = z as u16;
                }
            });
        }
        let (mut density, mut first_session, hairline_weight) = match &variant.hairline {
            Some(h) => {
                let mask = hairline::hairline_mask(
                    h,
                    mm_per_px,
                    variant.sessions.first_session_holdback_mm,
                    &grid,
                    design.seed,
                );
                let full = zones.iter().zip(&mask.full).map(|(d, m)| d * m).collect();
                let first = zones.iter().zip(&mask.first).map(|(d, m)| d * m).collect();
                (full, first, mask.fine)
            }
            None => (zones.clone(), zones, vec![0f32; n]),
        };
        let mut dot_scale = vec![1f32; n];
        let mut scar_owner = vec![NONE; n];
        let mut scar_weight = vec![0f32; n];
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
                    density[k] = density[k].max(target * cover);
                    first_session[k] = first_session[k].max(target * cover);
                    // Scar tissue starts at the scar's edge: fade the size change over 1 mm.
                    let w = (1.0 - smoothstep(0.0, 1.0, d)) as f32;
                    if w > scar_weight[k] {
                        scar_weight[k] = w;
                        dot_scale[k] = 1.0 + (scar.dot_scale as f32 - 1.0) * w;
                    }
                    if d <= halo {
                        scar_owner[k] = s as u16;
                    }
                },
            );
        }
        let max = MAX_DENSITY_PER_CM2 as f32;
        for (d, f) in density.iter_mut().zip(first_session.iter_mut()) {
            *d = d.clamp(0.0, max);
            *f = f.clamp(0.0, *d);
        }
        let packed = (0..n)
            .map(|k| {
                [
                    density[k],
                    first_session[k],
                    hairline_weight[k],
                    dot_scale[k],
                ]
            })
            .collect();
        DensityField {
            grid,
            mm_per_px,
            density,
            first_session,
            hairline_weight,
            dot_scale,
            zone_owner,
            scar_owner,
            packed,
        }
    }

    /// Density (impressions/cm²) at `p_mm`.
    pub fn density_at(&self, p_mm: Point) -> f64 {
        self.grid.sample(&self.density, p_mm) as f64
    }

    /// Density available to session 1 at `p_mm`.
    pub fn first_session_at(&self, p_mm: Point) -> f64 {
        self.grid.sample(&self.first_session, p_mm) as f64
    }

    /// Integral of the density over the photo: the expected number of impressions.
    pub fn expected_total(&self) -> f64 {
        let cell_cm2 = self.grid.cell_mm * self.grid.cell_mm / 100.0;
        self.density.iter().map(|&d| d as f64).sum::<f64>() * cell_cm2
    }

    /// Area (cm²) with any impressions at all.
    pub fn treated_area_cm2(&self) -> f64 {
        let cell_cm2 = self.grid.cell_mm * self.grid.cell_mm / 100.0;
        self.density.iter().filter(|&&d| d >= 1.0).count() as f64 * cell_cm2
    }

    /// Area (cm²) owned by each zone (its region less what later zones cover).
    pub fn zone_area_cm2(&self, zones: usize) -> Vec<f64> {
        let cell_cm2 = self.grid.cell_mm * self.grid.cell_mm / 100.0;
        let mut area = vec![0.0; zones];
        for &o in &self.zone_owner {
            if let Some(a) = area.get_mut(o as usize) {
                *a += cell_cm2;
            }
        }
        area
    }
}
