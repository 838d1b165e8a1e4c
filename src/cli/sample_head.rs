//! `hairline-studio sample-head DIR`: the bundled multi-view sample, made again. Its photos are
//! renderings of the head model (a mannequin: no client's photo, no licence question), so every
//! click in it is exactly where the model puts it.

use super::sample_geometry::{SAMPLE_HEAD, hairline_theta, map_px, round};
use crate::design::{Design, PhotoRef, View, save_design};
use crate::geometry::Point;
use crate::head::{SAMPLE_SIZE, exact_clicks, mannequin_photo, pen_dots, sample_views};
use crate::output::{ImageFormatOut, write_image};
use anyhow::{Context, Result};
use serde_json::json;
use std::path::Path;

/// The design file's name in `dir`.
pub const SAMPLE_DESIGN: &str = "whole-scalp-head.json";

/// The design: a soft hairline 75 mm above the glabella and the whole bald top and crown at
/// 80/cm² blending into the fringe, in three sessions.
fn sample_design(views: Vec<View>) -> Result<Design> {
    let chart = SAMPLE_HEAD.chart();
    let mid = hairline_theta(&chart);
    // From the client's right temple to the left one: the crown is on the right of the line.
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
    // The bald area reaches down to the fringe (the mannequin's fringe edge, a little into it)
    // and, at the front, past the hairline, which trims it.
    let zone: Vec<Point> = (0..72)
        .map(|i| {
            let phi = i as f64 * 5f64.to_radians();
            let front = phi.cos().max(0.0).powi(2);
            let mut theta: f64 = 1.0;
            for _ in 0..20 {
                let top = 0.42 + 0.12 * (-theta.sin() * phi.cos()) - 0.05;
                theta = top.clamp(-1.0, 1.0).acos();
            }
            let theta = theta * (1.0 - front) + (mid + 0.25) * front;
            map_px(&chart, theta, phi)
        })
        .collect();
    let value = json!({
        "format": crate::design::FORMAT_NAME,
        "version": crate::design::FORMAT_VERSION,
        "client": {
            "name": "Sample client (rendered head)",
            "id": "SMP-0005",
            "consultation_date": "2026-11-30",
            "notes": "Norwood 6, shaved. Whole top and crown with a soft hairline. Photos: renderings of the head model, with pen dots on the scalp.",
            "skin_type": 3
        },
        "photo": {"path": "", "width_px": 1, "height_px": 1, "sha256": ""},
        "calibration": {"a_px": [0.0, 0.0], "b_px": [100.0, 0.0], "distance_mm": 10.0},
        "seed": 5,
        "layout": 2,
        "active_variant": 0,
        "variants": [{
            "name": "Whole scalp",
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
                "name": "Top and crown",
                "shape": {"polygons": [zone.iter().map(|p| [p.x, p.y]).collect::<Vec<_>>()], "strokes": []},
                "density_per_cm2": 80.0,
                "feather_mm": 10.0
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
    let mut design: Design = serde_json::from_value(value).context("the sample design")?;
    design.head = Some(SAMPLE_HEAD);
    design.views = views;
    crate::head::set_chart_frame(&mut design, &chart, SAMPLE_HEAD.map_mm_per_px);
    Ok(design)
}

pub fn sample_head(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("{}", dir.display()))?;
    let views = photographed(dir, &sample_views())?;
    let design = sample_design(views.clone())?;
    let path = dir.join(SAMPLE_DESIGN);
    save_design(&design, &path)?;
    println!("{}: {} views", path.display(), design.views.len());
    // The whole head, sides and back too: the same photos and a right side and a back.
    let extra = super::sample_full_head::extra_views();
    let mut all = views;
    all.extend(photographed(dir, &extra)?);
    let design = super::sample_full_head::full_head_design(all)?;
    let path = dir.join(super::sample_full_head::FULL_HEAD_DESIGN);
    save_design(&design, &path)?;
    println!("{}: {} views", path.display(), design.views.len());
    Ok(())
}

/// Each camera's photo of the sample head written to `dir`, and the view a practitioner makes
/// of it (its clicks exactly where the model puts them).
fn photographed(
    dir: &Path,
    cameras: &[(&str, crate::head::ViewKind, crate::head::Camera)],
) -> Result<Vec<View>> {
    let head = SAMPLE_HEAD.shape();
    let dots = pen_dots(&head);
    let mut views = Vec::new();
    for &(name, kind, camera) in cameras {
        let file = format!("head-{name}.jpg");
        let path = dir.join(&file);
        let img = mannequin_photo(&head, &camera, SAMPLE_SIZE, &dots);
        let rgba = image::DynamicImage::ImageRgb8(img).to_rgba8();
        write_image(&path, &rgba, ImageFormatOut::for_path(&path, 90)?)?;
        let sha256 = crate::photo::load_photo(&path)?.sha256;
        let clicks = exact_clicks(&head, &camera, 24);
        views.push(View {
            name: name.into(),
            kind: kind.name().into(),
            photo: PhotoRef {
                path: file,
                width_px: SAMPLE_SIZE.0,
                height_px: SAMPLE_SIZE.1,
                sha256,
            },
            focal_35mm: Some(52.0),
            landmarks: clicks
                .landmarks
                .iter()
                .map(|&(l, p)| (l.name().to_string(), round(p)))
                .collect(),
            outline: clicks.outline.iter().map(|&p| round(p)).collect(),
            pen_dots: clicks.marks.iter().map(|&(id, p)| (id, round(p))).collect(),
        });
    }
    Ok(views)
}
