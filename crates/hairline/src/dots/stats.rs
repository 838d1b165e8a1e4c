//! Counts a practitioner plans, prices and times the work with.

use super::DotSet;
use crate::density::DensityField;
use crate::design::Variant;
use serde::Serialize;

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ZoneStats {
    pub name: String,
    pub impressions: usize,
    /// Area the zone owns (its region less what later zones paint over), cm².
    pub area_cm2: f64,
    pub target_per_cm2: f64,
    /// Impressions per cm² actually placed in the zone, over all its area (thinned parts, such
    /// as the skin ahead of a hairline or a feathered edge, included).
    pub achieved_per_cm2: f64,
    /// The part of the zone at its own density (not thinned by a feather or the hairline, nor
    /// raised by a scar), cm².
    pub full_density_area_cm2: f64,
    /// Impressions per cm² placed there: what the practitioner set, if the engine keeps its
    /// promise.
    pub full_density_per_cm2: f64,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ScarStats {
    pub name: String,
    /// Impressions inside the scar and its halo.
    pub impressions: usize,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Stats {
    pub total: usize,
    /// Impressions placed in each session.
    pub per_session: Vec<usize>,
    pub zones: Vec<ZoneStats>,
    /// Impressions in no zone (feathered edges, scar halos).
    pub outside_zones: usize,
    pub scars: Vec<ScarStats>,
    pub treated_area_cm2: f64,
    /// Impressions inside the test patch, when there is one.
    pub test_patch: Option<usize>,
}

pub fn stats(variant: &Variant, field: &DensityField, dots: &DotSet) -> Stats {
    let mut per_session = vec![0; dots.session_count.max(1)];
    let mut per_zone = vec![0usize; variant.zones.len()];
    let mut per_zone_full = vec![0usize; variant.zones.len()];
    let targets: Vec<f64> = variant.zones.iter().map(|z| z.density_per_cm2).collect();
    let mut per_scar = vec![0usize; variant.scars.len()];
    let mut outside_zones = 0;
    let mut in_patch = 0;
    let patch = variant
        .test_patch
        .as_ref()
        .map(|t| t.corners_px(dots.mm_per_px));
    for d in &dots.dots {
        if let Some(s) = per_session.get_mut(d.session as usize) {
            *s += 1;
        }
        match d.in_zone().and_then(|z| per_zone.get_mut(z)) {
            Some(c) => *c += 1,
            None => outside_zones += 1,
        }
        if let Some(z) = d.in_zone().filter(|&z| z < targets.len()) {
            let node = field.grid.nearest(d.pos_px() * dots.mm_per_px);
            if field.at_zone_density(node, z, targets[z]) {
                per_zone_full[z] += 1;
            }
        }
        if let Some(c) = d.in_scar().and_then(|s| per_scar.get_mut(s)) {
            *c += 1;
        }
        if patch
            .as_ref()
            .is_some_and(|c| crate::geometry::polygon_contains(c, d.pos_px()))
        {
            in_patch += 1;
        }
    }
    let areas = field.zone_area_cm2(variant.zones.len());
    let full_areas = field.zone_full_density_area_cm2(&targets);
    let per_area = |n: usize, area: f64| if area > 0.0 { n as f64 / area } else { 0.0 };
    let zones = variant
        .zones
        .iter()
        .enumerate()
        .map(|(i, z)| ZoneStats {
            name: z.name.clone(),
            impressions: per_zone[i],
            area_cm2: areas[i],
            target_per_cm2: z.density_per_cm2,
            achieved_per_cm2: per_area(per_zone[i], areas[i]),
            full_density_area_cm2: full_areas[i],
            full_density_per_cm2: per_area(per_zone_full[i], full_areas[i]),
        })
        .collect();
    let scars = variant
        .scars
        .iter()
        .zip(per_scar)
        .map(|(s, impressions)| ScarStats {
            name: s.name.clone(),
            impressions,
        })
        .collect();
    Stats {
        total: dots.dots.len(),
        per_session,
        zones,
        outside_zones,
        scars,
        treated_area_cm2: field.treated_area_cm2(),
        test_patch: patch.map(|_| in_patch),
    }
}
