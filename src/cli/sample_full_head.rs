//! The bundled whole-head sample (`designs/norwood-7-full-head.json`, made by `sample-head`): a
//! Norwood 7 client's full shaved look, the whole scalp treated down to the nape and the sides,
//! so that the layout on the sides and the back is seen (a right side and a back photo) and
//! measured. The same rendered head as the top-and-crown sample.

use super::sample_geometry::{SAMPLE_HEAD, hairline_theta, map_px};
use crate::design::{Design, View};
use crate::geometry::Point;
use crate::head::{Camera, SAMPLE_SIZE, V3, ViewKind, focal_px_from_35mm};
use anyhow::{Context, Result};
use serde_json::json;

/// The design file's name in the sample's folder.
pub const FULL_HEAD_DESIGN: &str = "norwood-7-full-head.json";

/// The photos the top-and-crown sample lacks: the right side and the back, as the left and the
/// crown are taken (the back from behind and a little above, so it sees the crown's pen dots
/// the top photo sees too, which is what places it).
pub fn extra_views() -> Vec<(&'static str, ViewKind, Camera)> {
    let size = (SAMPLE_SIZE.0 as f64, SAMPLE_SIZE.1 as f64);
    let f = focal_px_from_35mm(52.0, size.0, size.1);
    let up = V3::new(0.0, 1.0, 0.0);
    vec![
        (
            "right",
            ViewKind::Right,
            Camera::look_at(
                V3::new(-700.0, 40.0, -40.0),
                V3::new(0.0, 10.0, 0.0),
                up,
                f,
                size,
            ),
        ),
        (
            "back",
            ViewKind::Back,
            Camera::look_at(
                V3::new(0.0, 330.0, -640.0),
                V3::new(0.0, 0.0, -10.0),
                up,
                f,
                size,
            ),
        ),
    ]
}

/// How far down the zone reaches (polar angle, degrees) at azimuth `phi_deg` from the front
/// (either side): past the hairline at the front (which trims it), down the sideburn in front
/// of the ear, a finger's breadth above the ear, and down to the nape's hairline behind it,
/// where the rendered head's shaved fringe stops.
fn lower_edge_deg(front_deg: f64, phi_deg: f64) -> f64 {
    let knots = [
        (0.0, front_deg),
        (55.0, front_deg),
        (70.0, 98.0),
        (80.0, 98.0),
        (87.0, 80.0),
        (106.0, 80.0),
        (118.0, 111.0),
        (180.0, 111.0),
    ];
    let a = phi_deg.abs();
    knots.windows(2).find(|w| a <= w[1].0).map_or(111.0, |w| {
        let t = (a - w[0].0) / (w[1].0 - w[0].0);
        w[0].1 + (w[1].1 - w[0].1) * t
    })
}

/// The design: the top-and-crown sample's soft hairline, and one zone at 90/cm² over the whole
/// scalp below it, down to the nape and round the ears, in three sessions.
pub fn full_head_design(views: Vec<View>) -> Result<Design> {
    let chart = SAMPLE_HEAD.chart();
    let mid = hairline_theta(&chart);
    let hairline: Vec<Point> = [
        (-95.0f64, 0.55),
        (-70.0, 0.2),
        (-40.0, -0.06),
        (-15.0, 0.0),
        (0.0, 0.01),
        (15.0, 0.0),
        (40.0, -0.06),
        (70.0, 0.2),
        (95.0, 0.55),
    ]
    .iter()
    .map(|&(deg, dtheta)| map_px(&chart, mid + dtheta, deg.to_radians()))
    .collect();
    let front_deg = (mid + 0.3).to_degrees();
    let zone: Vec<Point> = (0..180)
        .map(|i| {
            let phi = i as f64 * 2.0 - 180.0;
            map_px(
                &chart,
                lower_edge_deg(front_deg, phi).to_radians(),
                phi.to_radians(),
            )
        })
        .collect();
    let value = json!({
        "format": crate::design::FORMAT_NAME,
        "version": crate::design::FORMAT_VERSION,
        "client": {
            "name": "Sample client (rendered head), whole head",
            "id": "SMP-0007",
            "consultation_date": "2026-12-07",
            "notes": "Norwood 7, full shaved look: the whole scalp down to the nape and the sides, with a soft hairline. Photos: renderings of the head model, with pen dots on the scalp; the right side and the back show the sides and the nape.",
            "skin_type": 3
        },
        "photo": {"path": "", "width_px": 1, "height_px": 1, "sha256": ""},
        "calibration": {"a_px": [0.0, 0.0], "b_px": [100.0, 0.0], "distance_mm": 10.0},
        "seed": 7,
        "layout": 2,
        "active_variant": 0,
        "variants": [{
            "name": "Full shaved look",
            "hairline": {
                "points_px": hairline.iter().map(|p| [p.x, p.y]).collect::<Vec<_>>(),
                "treated_side": "right",
                "style": "soft",
                "transition_mm": 8.0,
                "micro_irregularity": 0.6,
                "macro_amplitude_mm": 1.5,
                "macro_wavelength_mm": 25.0,
                "asymmetry_mm": 1.0
            },
            "zones": [{
                "name": "Whole scalp",
                "shape": {"polygons": [zone.iter().map(|p| [p.x, p.y]).collect::<Vec<_>>()], "strokes": []},
                "density_per_cm2": 90.0,
                "feather_mm": 6.0
            }],
            "scars": [],
            "dots": {"needle_mm": 0.25, "hairline_needle_mm": 0.2, "size_variation": 0.15},
            "pigment": {"shade": "#2b2b2e", "dilution": 0.3},
            "sessions": {
                "sessions": [
                    {"share": 0.45, "darkness": 0.8, "days_after_previous": 0},
                    {"share": 0.35, "darkness": 1.0, "days_after_previous": 14},
                    {"share": 0.2, "darkness": 1.1, "days_after_previous": 21}
                ],
                "first_session_holdback_mm": 3.0
            }
        }]
    });
    let mut design: Design = serde_json::from_value(value).context("the whole-head sample")?;
    design.head = Some(SAMPLE_HEAD);
    design.views = views;
    crate::head::set_chart_frame(&mut design, &chart, SAMPLE_HEAD.map_mm_per_px);
    Ok(design)
}
