//! Checks every value a design file can hold, naming the offending field.

use super::{Design, DesignError, Hairline, Shape, Variant, params};
use crate::geometry::{Point, polygon_area, polygon_self_intersects};

/// The ranges the engine accepts. Outside them a file is refused rather than clamped, so a
/// practitioner never works from a silently altered design.
pub struct Limits;

impl Limits {
    /// Densest field the dot engine can produce (about 0.76 mm spacing).
    pub const MAX_DENSITY_PER_CM2: f64 = params::MAX_DENSITY_PER_CM2;
    pub const MAX_PHOTO_SIDE_PX: u32 = 30_000;
    pub const MAX_PHOTO_PIXELS: u64 = 100_000_000;
    pub const MAX_ZONES: usize = 500;
    pub const MAX_POINTS_PER_PATH: usize = 100_000;
    pub const MAX_VARIANTS: usize = 16;
    /// Photos of one head: the clinic's views (about eight) several times over.
    pub const MAX_VIEWS: usize = 32;
    pub const MAX_SESSIONS: usize = 4;
    /// The largest real size a photo may cover (its longer side).
    pub const MAX_PHOTO_EXTENT_MM: f64 = 1000.0;
}

type Check = Result<(), DesignError>;

fn invalid(field: impl Into<String>, message: impl Into<String>) -> DesignError {
    DesignError::Invalid {
        field: field.into(),
        message: message.into(),
    }
}

/// Validates a parsed design. Geometry may lie a little outside the photo (a hairline drawn to the
/// edge), but not more than one photo size away, which only a damaged file produces.
pub fn validate(d: &Design) -> Check {
    if d.photo.width_px == 0 || d.photo.height_px == 0 {
        return Err(invalid(
            "photo",
            "width_px and height_px must be at least 1",
        ));
    }
    if d.photo.width_px > Limits::MAX_PHOTO_SIDE_PX || d.photo.height_px > Limits::MAX_PHOTO_SIDE_PX
    {
        return Err(invalid(
            "photo",
            format!(
                "a side over {} px is not supported",
                Limits::MAX_PHOTO_SIDE_PX
            ),
        ));
    }
    if d.photo.width_px as u64 * d.photo.height_px as u64 > Limits::MAX_PHOTO_PIXELS {
        return Err(invalid(
            "photo",
            format!(
                "over {} megapixels is not supported",
                Limits::MAX_PHOTO_PIXELS / 1_000_000
            ),
        ));
    }
    if d.client.skin_type > 6 {
        return Err(invalid(
            "client.skin_type",
            format!(
                "{} is not a Fitzpatrick skin type (1 to 6, or 0 when not recorded)",
                d.client.skin_type
            ),
        ));
    }
    if d.head.is_none() && d.photo.path.trim().is_empty() {
        return Err(invalid("photo.path", "is empty"));
    }
    check_head(d)?;
    let bounds = Bounds::new(d.photo.width_px, d.photo.height_px);
    bounds.point("calibration.a_px", d.calibration.a_px)?;
    bounds.point("calibration.b_px", d.calibration.b_px)?;
    params::CALIBRATION_DISTANCE.check("calibration.distance_mm", d.calibration.distance_mm)?;
    if d.calibration.a_px.distance(d.calibration.b_px) < 2.0 {
        return Err(invalid(
            "calibration",
            "the two ruler points are the same point (zero length)",
        ));
    }
    let mm_per_px = d.calibration.mm_per_px();
    let extent_mm = mm_per_px * d.photo.width_px.max(d.photo.height_px) as f64;
    if extent_mm > Limits::MAX_PHOTO_EXTENT_MM {
        // Bounds the density raster and the dot count, whatever the pixel size.
        return Err(invalid(
            "calibration",
            format!(
                "the photo would span {extent_mm:.0} mm; a scalp photo spans at most {} mm",
                Limits::MAX_PHOTO_EXTENT_MM
            ),
        ));
    }
    if !(1e-4..=10.0).contains(&mm_per_px) {
        return Err(invalid(
            "calibration",
            format!("{mm_per_px:.5} mm per pixel is not a plausible photo scale"),
        ));
    }
    if let Some(g) = d.glabella_px {
        bounds.point("glabella_px", g)?;
    }
    if d.variants.is_empty() {
        return Err(invalid("variants", "a design needs at least one variant"));
    }
    if d.variants.len() > Limits::MAX_VARIANTS {
        return Err(invalid(
            "variants",
            format!("more than {} variants", Limits::MAX_VARIANTS),
        ));
    }
    if d.active_variant >= d.variants.len() {
        return Err(invalid(
            "active_variant",
            format!(
                "{} but there are {} variants",
                d.active_variant,
                d.variants.len()
            ),
        ));
    }
    for (i, v) in d.variants.iter().enumerate() {
        let f = format!("variants[{i}]");
        if d.variants[..i].iter().any(|o| o.name == v.name) {
            return Err(invalid(
                format!("{f}.name"),
                format!("\"{}\" is used by another variant", v.name),
            ));
        }
        variant(&f, v, &bounds)?;
    }
    Ok(())
}

struct Bounds {
    w: f64,
    h: f64,
}

impl Bounds {
    fn new(w: u32, h: u32) -> Self {
        Self {
            w: w as f64,
            h: h as f64,
        }
    }
    fn point(&self, field: &str, p: Point) -> Check {
        if !p.is_finite() {
            return Err(invalid(field, "is not a finite point"));
        }
        if p.x < -self.w || p.x > 2.0 * self.w || p.y < -self.h || p.y > 2.0 * self.h {
            return Err(invalid(
                field,
                format!(
                    "[{}, {}] is far outside the {}x{} photo",
                    p.x, p.y, self.w, self.h
                ),
            ));
        }
        Ok(())
    }
    fn path(&self, field: &str, points: &[Point]) -> Check {
        if points.len() > Limits::MAX_POINTS_PER_PATH {
            return Err(invalid(
                field,
                format!("more than {} points", Limits::MAX_POINTS_PER_PATH),
            ));
        }
        for (i, &p) in points.iter().enumerate() {
            self.point(&format!("{field}[{i}]"), p)?;
        }
        Ok(())
    }
}

fn variant(f: &str, v: &Variant, b: &Bounds) -> Check {
    if v.name.trim().is_empty() {
        return Err(invalid(format!("{f}.name"), "is empty"));
    }
    if let Some(h) = &v.hairline {
        hairline(&format!("{f}.hairline"), h, b)?;
    }
    if v.zones.len() > Limits::MAX_ZONES {
        return Err(invalid(
            format!("{f}.zones"),
            format!("more than {} zones", Limits::MAX_ZONES),
        ));
    }
    for (i, z) in v.zones.iter().enumerate() {
        let zf = format!("{f}.zones[{i}]");
        params::ZONE_DENSITY.check(&format!("{zf}.density_per_cm2"), z.density_per_cm2)?;
        params::ZONE_FEATHER.check(&format!("{zf}.feather_mm"), z.feather_mm)?;
        shape(&format!("{zf}.shape"), &z.shape, b)?;
    }
    for (i, s) in v.scars.iter().enumerate() {
        let sf = format!("{f}.scars[{i}]");
        params::SCAR_DENSITY.check(&format!("{sf}.density_per_cm2"), s.density_per_cm2)?;
        params::SCAR_HALO.check(&format!("{sf}.halo_mm"), s.halo_mm)?;
        params::SCAR_DOT_SCALE.check(&format!("{sf}.dot_scale"), s.dot_scale)?;
        shape(&format!("{sf}.shape"), &s.shape, b)?;
    }
    params::NEEDLE.check(&format!("{f}.dots.needle_mm"), v.dots.needle_mm)?;
    params::HAIRLINE_NEEDLE.check(
        &format!("{f}.dots.hairline_needle_mm"),
        v.dots.hairline_needle_mm,
    )?;
    params::SIZE_VARIATION.check(&format!("{f}.dots.size_variation"), v.dots.size_variation)?;
    if v.pigment.rgb().is_none() {
        return Err(invalid(
            format!("{f}.pigment.shade"),
            format!("\"{}\" is not a colour like #2b2b2e", v.pigment.shade),
        ));
    }
    params::DILUTION.check(&format!("{f}.pigment.dilution"), v.pigment.dilution)?;
    let plan = &v.sessions;
    let pf = format!("{f}.sessions");
    if plan.sessions.is_empty() || plan.sessions.len() > Limits::MAX_SESSIONS {
        return Err(invalid(
            format!("{pf}.sessions"),
            format!(
                "{} sessions; 1 to {} are supported",
                plan.sessions.len(),
                Limits::MAX_SESSIONS
            ),
        ));
    }
    for (i, s) in plan.sessions.iter().enumerate() {
        params::SESSION_SHARE.check(&format!("{pf}.sessions[{i}].share"), s.share)?;
        params::SESSION_INTERVAL.check(
            &format!("{pf}.sessions[{i}].days_after_previous"),
            f64::from(s.days_after_previous),
        )?;
        params::SESSION_DARKNESS.check(&format!("{pf}.sessions[{i}].darkness"), s.darkness)?;
    }
    let total: f64 = plan.sessions.iter().map(|s| s.share).sum();
    if (total - 1.0).abs() > 0.01 {
        return Err(invalid(
            format!("{pf}.sessions"),
            format!("the shares add up to {total:.3}, not 1"),
        ));
    }
    params::HOLDBACK.check(
        &format!("{pf}.first_session_holdback_mm"),
        plan.first_session_holdback_mm,
    )?;
    if let Some(t) = &v.test_patch {
        b.point(&format!("{f}.test_patch.center_px"), t.center_px)?;
        params::TEST_PATCH_SIZE.check(&format!("{f}.test_patch.size_mm"), t.size_mm)?;
        params::TEST_PATCH_ANGLE.check(&format!("{f}.test_patch.angle_deg"), t.angle_deg)?;
    }
    Ok(())
}

fn hairline(f: &str, h: &Hairline, b: &Bounds) -> Check {
    if h.points_px.len() < 2 {
        return Err(invalid(
            format!("{f}.points_px"),
            format!(
                "a hairline needs at least 2 points, found {}",
                h.points_px.len()
            ),
        ));
    }
    b.path(&format!("{f}.points_px"), &h.points_px)?;
    params::TRANSITION.check(&format!("{f}.transition_mm"), h.transition_mm)?;
    params::MICRO_IRREGULARITY.check(&format!("{f}.micro_irregularity"), h.micro_irregularity)?;
    params::MACRO_AMPLITUDE.check(&format!("{f}.macro_amplitude_mm"), h.macro_amplitude_mm)?;
    params::MACRO_WAVELENGTH.check(&format!("{f}.macro_wavelength_mm"), h.macro_wavelength_mm)?;
    params::ASYMMETRY.check(&format!("{f}.asymmetry_mm"), h.asymmetry_mm)?;
    params::PEAK_DEPTH.check(&format!("{f}.peak_mm"), h.peak_mm)?;
    if let Some(m) = &h.preset_moved {
        b.path(&format!("{f}.preset_moved.drawn_px"), &m.drawn_px)?;
        b.path(&format!("{f}.preset_moved.moved_px"), &m.moved_px)?;
    }
    Ok(())
}

fn shape(f: &str, s: &Shape, b: &Bounds) -> Check {
    if s.polygons.is_empty() && s.strokes.iter().all(|st| st.erase) {
        return Err(invalid(
            f,
            "has no polygon and no painted stroke, so it covers nothing",
        ));
    }
    for (i, poly) in s.polygons.iter().enumerate() {
        let pf = format!("{f}.polygons[{i}]");
        if poly.len() < 3 {
            return Err(invalid(
                &pf,
                format!("a polygon needs at least 3 points, found {}", poly.len()),
            ));
        }
        b.path(&pf, poly)?;
        // A bow-tie's halves cancel in the area sum: report the crossing, the real problem.
        if polygon_self_intersects(poly) {
            return Err(invalid(&pf, "crosses itself"));
        }
        if polygon_area(poly) < 1.0 {
            return Err(invalid(&pf, "has zero area"));
        }
    }
    for (i, st) in s.strokes.iter().enumerate() {
        let sf = format!("{f}.strokes[{i}]");
        if st.points_px.is_empty() {
            return Err(invalid(
                format!("{sf}.points_px"),
                "a stroke needs at least 1 point",
            ));
        }
        b.path(&format!("{sf}.points_px"), &st.points_px)?;
        params::STROKE_RADIUS.check(&format!("{sf}.radius_mm"), st.radius_mm)?;
    }
    Ok(())
}

/// A head design's head and views (format 4).
pub(super) fn check_head(d: &Design) -> Check {
    let Some(h) = &d.head else {
        if !d.views.is_empty() {
            return Err(invalid(
                "views",
                "photos registered to a head need the design's `head`",
            ));
        }
        return Ok(());
    };
    params::HEAD_LENGTH.check("head.length_mm", h.length_mm)?;
    params::HEAD_BREADTH.check("head.breadth_mm", h.breadth_mm)?;
    params::HEAD_HEIGHT.check("head.height_mm", h.height_mm)?;
    params::HEAD_PUPILS.check("head.pupils_mm", h.pupils_mm)?;
    params::MAP_SCALE.check("head.map_mm_per_px", h.map_mm_per_px)?;
    if h.breadth_mm > h.length_mm {
        return Err(invalid(
            "head",
            format!(
                "breadth {} mm over length {} mm: the two look swapped",
                h.breadth_mm, h.length_mm
            ),
        ));
    }
    if d.views.len() > Limits::MAX_VIEWS {
        return Err(invalid(
            "views",
            format!("more than {} photos", Limits::MAX_VIEWS),
        ));
    }
    let mut names = std::collections::BTreeSet::new();
    for (i, v) in d.views.iter().enumerate() {
        let f = format!("views[{i}]");
        if v.name.trim().is_empty() {
            return Err(invalid(format!("{f}.name"), "is empty"));
        }
        if !names.insert(v.name.as_str()) {
            return Err(invalid(
                format!("{f}.name"),
                format!("\"{}\" names two views", v.name),
            ));
        }
        if v.kind().is_none() {
            let kinds: Vec<&str> = crate::head::ViewKind::ALL
                .iter()
                .map(|k| k.name())
                .collect();
            return Err(invalid(
                format!("{f}.kind"),
                format!("\"{}\" is not one of {}", v.kind, kinds.join(", ")),
            ));
        }
        if v.photo.path.trim().is_empty() {
            return Err(invalid(format!("{f}.photo.path"), "is empty"));
        }
        if v.photo.width_px == 0
            || v.photo.height_px == 0
            || v.photo.width_px > Limits::MAX_PHOTO_SIDE_PX
            || v.photo.height_px > Limits::MAX_PHOTO_SIDE_PX
        {
            return Err(invalid(
                format!("{f}.photo"),
                format!(
                    "width_px and height_px must be 1 to {} px",
                    Limits::MAX_PHOTO_SIDE_PX
                ),
            ));
        }
        if let Some(f35) = v.focal_35mm {
            params::FOCAL_35MM.check(&format!("{f}.focal_35mm"), f35)?;
        }
        let b = Bounds::new(v.photo.width_px, v.photo.height_px);
        for (name, p) in &v.landmarks {
            if crate::head::Landmark::from_name(name).is_none() {
                let known: Vec<&str> = crate::head::Landmark::ALL
                    .iter()
                    .map(|l| l.name())
                    .collect();
                return Err(invalid(
                    format!("{f}.landmarks"),
                    format!("\"{name}\" is not a landmark; known: {}", known.join(", ")),
                ));
            }
            b.point(&format!("{f}.landmarks.{name}"), *p)?;
        }
        b.path(&format!("{f}.outline"), &v.outline)?;
        for (id, p) in &v.pen_dots {
            b.point(&format!("{f}.pen_dots.{id}"), *p)?;
        }
    }
    Ok(())
}
