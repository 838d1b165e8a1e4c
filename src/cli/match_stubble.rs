//! `match DESIGN --at X,Y [--view NAME]`: the client's own stubble measured at a point of the
//! design's photo (or of one of a head design's photos, per cm² of skin), and the needle,
//! density, shade and dilution that blend with it.

use super::commands::{emit, variant_index, view_index};
use crate::design::load_design;
use crate::engine::{load_design_photo, load_view_photo, register_design};
use crate::geometry::Point;
use crate::stubble::{match_stubble as suggest, measure_stubble, measure_stubble_on_head};
use anyhow::{Context, Result, bail};
use std::fmt::Write as _;
use std::path::Path;

pub fn match_stubble(
    path: &Path,
    at: (f64, f64),
    radius_mm: f64,
    variant: Option<&str>,
    view: Option<&str>,
) -> Result<()> {
    let mut design = load_design(path)?;
    let vi = variant_index(&design, path, variant)?;
    let centre = Point::new(at.0, at.1);
    let measured = match (design.head, view) {
        (Some(head), Some(name)) => {
            // On a photo of the head: per cm² of skin, through the photo's registered camera.
            let k = view_index(path, &design, name)?;
            let photo = load_view_photo(path, &design.views[k])?;
            let cameras =
                register_design(&design).with_context(|| format!("{}", path.display()))?;
            measure_stubble_on_head(
                &photo.image,
                &head.shape(),
                &cameras[k].camera,
                centre,
                radius_mm,
            )
        }
        (Some(_), None) => {
            let names: Vec<&str> = design.views.iter().map(|v| v.name.as_str()).collect();
            bail!(
                "{}: a design on the client's head is measured on one of its photos: --view NAME (it has: {})",
                path.display(),
                names.join(", ")
            );
        }
        (None, Some(_)) => bail!(
            "{}: --view, but the design is drawn on one photo, not on a head",
            path.display()
        ),
        (None, None) => {
            if !design.calibration.measured {
                bail!(
                    "{}: the design is not calibrated: the stubble's density and size need millimetres",
                    path.display()
                );
            }
            let photo = load_design_photo(path, &mut design)?.photo;
            let mm_per_px = design.calibration.mm_per_px();
            measure_stubble(&photo.image, centre, radius_mm / mm_per_px, mm_per_px)
        }
    };
    let stubble = measured
        .map_err(|e| anyhow::anyhow!("{}: at {:.0},{:.0}: {e}", path.display(), at.0, at.1))?;
    let m = suggest(&stubble, &design.variants[vi]);
    let hex = |c: [u8; 3]| format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2]);
    let mut out = String::new();
    writeln!(
        out,
        "{}: the client's stubble within {radius_mm:.0} mm of {:.0},{:.0}",
        path.display(),
        at.0,
        at.1
    )?;
    writeln!(
        out,
        "  {} hairs on {:.2} cm2: {:.0} per cm2, {:.2} mm across (median), hair {} on skin {}, darkening the skin {:.1} %",
        stubble.count,
        stubble.area_cm2,
        stubble.density_per_cm2,
        stubble.diameter_mm,
        hex(stubble.hair_srgb),
        hex(stubble.skin_srgb),
        stubble.darkening * 100.0
    )?;
    writeln!(
        out,
        "  to blend, healed: needle {:.2} mm, {:.0} impressions/cm2, shade {}, dilution {:.0} % (renders {:.1} % darker than the skin)",
        m.needle_mm,
        m.density_per_cm2,
        m.shade,
        m.dilution * 100.0,
        m.darkening * 100.0
    )?;
    for n in &m.notes {
        writeln!(out, "  note: {n}")?;
    }
    emit(&out)
}
