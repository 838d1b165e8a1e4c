//! A design checked against the rules of thumb practitioners work by: the things clients most
//! often regret (a hairline too low, too straight or harsh, a uniform "helmet", work too dark)
//! and plans that will not fit their sessions. Advice only, never an error: the practitioner
//! decides, and a deliberate choice (an aggressive line the client insists on) is theirs.

use crate::design::{Design, HairlineStyle};
use crate::dots::Stats;
use crate::geometry::{Point, catmull_rom_by_length};

/// How much an advice matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// Worth knowing.
    Note,
    /// A common cause of regret: look again before going ahead.
    Caution,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Advice {
    pub level: Level,
    /// What it is about, e.g. "Hairline height".
    pub topic: &'static str,
    pub text: String,
}

/// Hairline heights above the glabella, mm: 7 cm is already aggressive, 8 cm typical.
const AGGRESSIVE_MM: f64 = 70.0;
/// Asymmetry beyond this reads as uneven rather than natural.
const MAX_NATURAL_ASYMMETRY_MM: f64 = 2.0;
/// A transition shorter than this looks harsh, except on a deliberately defined line.
const MIN_SOFT_TRANSITION_MM: f64 = 5.0;
/// Natural follicular-unit density tops out about here.
const NATURAL_MAX_PER_CM2: f64 = 120.0;
/// A zone edge fading over less than this shows as a line against the natural hair.
const MIN_FEATHER_MM: f64 = 2.0;
use crate::design::params::NEEDLE_COMMON_RANGE_MM as NEEDLE_RANGE_MM;
/// A session covers on the order of 10,000 to 15,000 impressions.
const SESSION_MAX_IMPRESSIONS: usize = 15_000;

fn roman(skin_type: u8) -> &'static str {
    ["?", "I", "II", "III", "IV", "V", "VI"]
        .get(skin_type as usize)
        .copied()
        .unwrap_or("?")
}

/// Reviews variant `variant` of `design`, with its statistics.
pub fn review(design: &Design, variant: usize, stats: &Stats) -> Vec<Advice> {
    let mut out = Vec::new();
    let mut add = |level, topic, text: String| out.push(Advice { level, topic, text });
    let Some(v) = design.variants.get(variant) else {
        return Vec::new();
    };
    let sessions = v.sessions.sessions.len();
    if design.layout != crate::design::Layout::CURRENT {
        add(
            Level::Note,
            "Dot layout",
            format!(
                "Saved with dot layout {}, whose dots stand in faint rows and repeat every 128 mm; \
                 they are kept as they were. Open the design in the studio to compare it with \
                 layout {} and move it.",
                design.layout.number(),
                crate::design::Layout::CURRENT.number()
            ),
        );
    }
    if !design.calibration.measured {
        // Every other rule is in millimetres or per cm²: on a placeholder scale they would
        // advise on numbers that mean nothing.
        add(
            Level::Caution,
            "Not calibrated",
            "The photo's scale is a placeholder: click the two ends of a known length (a ruler \
             held to the head, or the centres of the pupils; Calibrate, C) and type its \
             millimetres. Until then sizes, heights, densities and counts are not real."
                .into(),
        );
        return out;
    }
    if v.hairline.is_none() && v.zones.is_empty() && v.scars.is_empty() {
        add(
            Level::Note,
            "Nothing drawn yet",
            "The design has no hairline, zone or scar: place the glabella (L) for the height \
             guides, draw the hairline (H), then paint the area to treat (zone brush Z or \
             polygon X)."
                .into(),
        );
    }
    if v.hairline.is_some() && v.zones.is_empty() {
        add(
            Level::Caution,
            "No zone",
            "The hairline shapes the front of a zone, and there is no zone yet, so nothing is \
             placed: paint the area to treat behind the line with the zone brush (Z) or polygon \
             (X)."
                .into(),
        );
    }
    // A photo too coarse to show single impressions: the preview keeps their ink (each pixel
    // darkens by the area the dots cover), so it shows the treated area's tone, but not the dots.
    let mm_per_px = design.calibration.mm_per_px();
    let finest = v.dots.needle_mm.min(v.dots.hairline_needle_mm);
    if mm_per_px > finest / 2.0 {
        let target = finest / 3.0;
        let across = (design.photo.width_px as f64 * mm_per_px / target).ceil();
        add(
            Level::Note,
            "Photo resolution",
            format!(
                "At {mm_per_px:.2} mm per pixel a {finest:.2} mm impression is under two pixels \
                 across: the preview shows the treated area's tone, not single impressions. A \
                 photo of the same view about {across:.0} pixels wide ({target:.2} mm per pixel) \
                 would show each one."
            ),
        );
    }
    // The shade against the skin: carbon seen through fair skin turns blue when it is dark and
    // little diluted; on dark skin a light shade barely shows.
    let shade = v.pigment.rgb().unwrap_or([0.17, 0.17, 0.18]);
    let lightness = 0.2126 * shade[0] + 0.7152 * shade[1] + 0.0722 * shade[2];
    let dilution = v.pigment.dilution;
    match design.client.skin_type {
        1 | 2 if lightness < 0.25 && dilution < 0.3 => add(
            Level::Caution,
            "Shade and skin",
            format!(
                "On Fitzpatrick type {} skin a dark shade diluted {:.0} % can heal visibly blue: \
                 dilute it more (30 % or more) or choose a lighter grey.",
                roman(design.client.skin_type),
                dilution * 100.0
            ),
        ),
        5 | 6 if lightness > 0.35 || dilution > 0.5 => add(
            Level::Note,
            "Shade and skin",
            format!(
                "Type {} skin takes bolder impressions: a shade this light (or diluted {:.0} %) \
                 may barely show once healed.",
                roman(design.client.skin_type),
                dilution * 100.0
            ),
        ),
        _ => {}
    }
    let (lo, hi) = NEEDLE_RANGE_MM;
    let outside: Vec<String> = [
        ("fill", v.dots.needle_mm),
        ("hairline", v.dots.hairline_needle_mm),
    ]
    .iter()
    .filter(|(_, mm)| *mm < lo - 1e-9 || *mm > hi + 1e-9)
    .map(|(what, mm)| format!("{what} {mm:.2} mm"))
    .collect();
    if !outside.is_empty() {
        let needles = outside.join(" and ");
        if v.dots.needle_reason.trim().is_empty() {
            add(
                Level::Caution,
                "Needle size",
                format!(
                    "The {needles} needle is outside the {lo:.2}-{hi:.2} mm practitioners use \
                     (0.20 and 0.25 mm the most common): larger impressions read as dots rather \
                     than stubble, smaller ones barely hold. If the design needs it, say why in \
                     the design (dots.needle_reason)."
                ),
            );
        } else {
            add(
                Level::Note,
                "Needle size",
                format!(
                    "The {needles} needle is outside the usual {lo:.2}-{hi:.2} mm, on purpose: {}",
                    v.dots.needle_reason.trim()
                ),
            );
        }
    }
    if let Some(h) = &v.hairline {
        // A head design knows where the glabella is: it is on the head.
        let glabella_known = design.glabella_px.is_some() || design.head.is_some();
        match (glabella_known, hairline_height_mm(design, &h.points_px)) {
            (false, _) => add(
                Level::Note,
                "Hairline height",
                "Place the glabella (between the brows) to check the height: about 8 cm above it \
                 is typical, 7 cm aggressive, 10 cm conservative."
                    .into(),
            ),
            (true, Some(height)) if height < AGGRESSIVE_MM => add(
                Level::Caution,
                "Hairline height",
                format!(
                    "The middle of the hairline is {:.1} cm above the glabella, lower than the \
                     7 cm that is already aggressive. A hairline too low is the regret clients \
                     mention most, and it ages badly.",
                    height / 10.0
                ),
            ),
            _ => {}
        }
        let defined = h.style == HairlineStyle::Defined;
        if !defined && h.transition_mm < MIN_SOFT_TRANSITION_MM {
            add(
                Level::Caution,
                "Harsh front",
                format!(
                    "A {:.0} mm transition makes an abrupt front; 5 to 10 mm of sparser dots \
                     reads as natural (or choose the defined style if a crisp line is wanted).",
                    h.transition_mm
                ),
            );
        }
        if !defined && h.micro_irregularity < 0.1 && h.macro_amplitude_mm < 0.5 {
            add(
                Level::Caution,
                "Straight line",
                "Almost no irregularity: a ruler-straight line looks artificial. Some scatter \
                 ahead of the line and gentle waves along it help."
                    .into(),
            );
        }
        if h.asymmetry_mm.abs() > MAX_NATURAL_ASYMMETRY_MM {
            add(
                Level::Caution,
                "Asymmetry",
                format!(
                    "{:.1} mm of left/right asymmetry: up to 2 mm looks natural, more reads as \
                     uneven.",
                    h.asymmetry_mm.abs()
                ),
            );
        } else if h.asymmetry_mm == 0.0 && h.macro_amplitude_mm == 0.0 {
            add(
                Level::Note,
                "Asymmetry",
                "Perfectly symmetric and smooth: a millimetre or so of asymmetry looks more natural."
                    .into(),
            );
        }
        if sessions > 1 && v.sessions.first_session_holdback_mm <= 0.0 {
            add(
                Level::Note,
                "Session 1",
                "Session 1 places the final hairline at once; holding it back 2 to 5 mm keeps \
                 the first session conservative while the client gets used to it."
                    .into(),
            );
        }
    }
    for z in &v.zones {
        if z.density_per_cm2 > NATURAL_MAX_PER_CM2 {
            add(
                Level::Caution,
                "Density",
                format!(
                    "\"{}\" at {:.0}/cm² is denser than natural hair (60 to 120/cm²): the work \
                     can look like a uniform helmet and the dots may blur together as they age.",
                    z.name, z.density_per_cm2
                ),
            );
        }
        if z.feather_mm < MIN_FEATHER_MM {
            add(
                Level::Note,
                "Zone edge",
                format!(
                    "\"{}\" fades over {:.0} mm only: where it meets natural hair, its edge may \
                     show as a line.",
                    z.name, z.feather_mm
                ),
            );
        }
    }
    if v.dots.hairline_needle_mm > v.dots.needle_mm {
        add(
            Level::Caution,
            "Needles",
            "The hairline impressions are larger than the fill: the front usually takes the \
             finer needle."
                .into(),
        );
    }
    if let (Some(first), Some(darkest)) = (
        v.sessions.sessions.first(),
        v.sessions
            .sessions
            .iter()
            .map(|s| s.darkness)
            .reduce(f64::max),
    ) && sessions > 1
        && first.darkness >= darkest
        && first.darkness > v.sessions.sessions[sessions - 1].darkness
    {
        add(
            Level::Note,
            "Session darkness",
            "Session 1 is the darkest: work usually starts lighter and builds up, since dark \
             pigment cannot be taken back."
                .into(),
        );
    }
    for (k, &n) in stats.per_session.iter().enumerate() {
        if n > SESSION_MAX_IMPRESSIONS {
            add(
                Level::Note,
                "Session size",
                format!(
                    "Session {} has {} impressions, more than the 10,000 to 15,000 a session \
                     usually covers: plan a long appointment or another session.",
                    k + 1,
                    n
                ),
            );
        }
    }
    out
}

/// Height (mm) of the hairline above the glabella, measured straight up the photo from it (as
/// the 7/8/10 cm guides are): `None` without a glabella or where the line does not pass above it.
///
/// On a head design it is measured along the forehead's midline, over the skin, from the
/// glabella to where the line crosses the midline: what a tape on the client's forehead reads.
pub fn hairline_height_mm(design: &Design, points_px: &[Point]) -> Option<f64> {
    if let Some(head) = design.head {
        return height_on_head(head, points_px);
    }
    let g = design.glabella_px?;
    let mm_per_px = design.calibration.mm_per_px();
    if points_px.len() < 2 || !mm_per_px.is_finite() || mm_per_px <= 0.0 {
        return None;
    }
    let curve = catmull_rom_by_length(points_px, 1.0 / mm_per_px);
    // The crossing of the vertical through the glabella closest above it.
    curve
        .windows(2)
        .filter_map(|s| {
            let (a, b) = (s[0], s[1]);
            if (a.x - g.x) * (b.x - g.x) > 0.0 || a.x == b.x {
                return None;
            }
            let t = (g.x - a.x) / (b.x - a.x);
            let y = a.y + (b.y - a.y) * t;
            (y < g.y).then_some((g.y - y) * mm_per_px)
        })
        .reduce(f64::min)
}

/// `hairline_height_mm` on a head design's scalp map (face at the top, the midline down its
/// middle).
fn height_on_head(head: crate::design::HeadModel, points_px: &[Point]) -> Option<f64> {
    let chart = head.chart();
    let mm = head.map_mm_per_px;
    if points_px.len() < 2 {
        return None;
    }
    let shape = head.shape();
    let g = chart.to_chart(shape.landmark(crate::head::Landmark::Glabella)) * (1.0 / mm);
    let curve = catmull_rom_by_length(points_px, 1.0 / mm);
    // The crossing of the midline closest behind the glabella.
    let y = curve
        .windows(2)
        .filter_map(|s| {
            let (a, b) = (s[0], s[1]);
            if (a.x - g.x) * (b.x - g.x) > 0.0 || a.x == b.x {
                return None;
            }
            let y = a.y + (b.y - a.y) * (g.x - a.x) / (b.x - a.x);
            (y > g.y).then_some(y)
        })
        .reduce(f64::min)?;
    // Over the skin, in 0.5 mm steps of the map.
    let steps = (((y - g.y) * mm) / 0.5).ceil().max(1.0) as usize;
    let at = |t: f64| chart.from_chart(Point::new(g.x, g.y + (y - g.y) * t) * mm);
    let mut length = 0.0;
    let mut last = at(0.0)?;
    for i in 1..=steps {
        let p = at(i as f64 / steps as f64)?;
        length += (p - last).norm();
        last = p;
    }
    Some(length)
}

#[cfg(test)]
mod tests;
