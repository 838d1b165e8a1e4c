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
mod tests {
    use super::*;
    use crate::sample::bundled_design as sample;

    fn no_stats(sessions: usize) -> Stats {
        Stats {
            total: 0,
            per_session: vec![0; sessions],
            zones: Vec::new(),
            outside_zones: 0,
            scars: Vec::new(),
            treated_area_cm2: 0.0,
            test_patch: None,
        }
    }

    /// The advice on `topic` for the first variant of `d`, if any.
    fn advice_on(d: &Design, stats: &Stats, topic: &str) -> Option<Advice> {
        review(d, 0, stats).into_iter().find(|a| a.topic == topic)
    }

    fn topics(advice: &[Advice], level: Level) -> Vec<&'static str> {
        advice
            .iter()
            .filter(|a| a.level == level)
            .map(|a| a.topic)
            .collect()
    }

    #[test]
    fn the_samples_raise_no_caution() {
        for name in [
            "shaved-soft-hairline",
            "fut-scar-camouflage",
            "crown-density",
            "defined-widows-peak",
        ] {
            let d = sample(name);
            for vi in 0..d.variants.len() {
                let n = d.variants[vi].sessions.sessions.len();
                let advice = review(&d, vi, &no_stats(n));
                assert!(
                    topics(&advice, Level::Caution).is_empty(),
                    "{name} variant {vi}: {advice:#?}"
                );
            }
        }
    }

    #[test]
    fn the_height_is_measured_straight_up_from_the_glabella() {
        let d = sample("shaved-soft-hairline");
        let h = d.variants[0].hairline.as_ref().expect("hairline");
        let height = hairline_height_mm(&d, &h.points_px).expect("the line passes above");
        // The sample's line crosses the glabella's vertical at y = 985 px, the glabella is at
        // 1765 px, 0.1 mm per pixel: 78 mm.
        assert!((height - 78.0).abs() < 0.5, "{height}");
    }

    #[test]
    fn a_low_harsh_straight_line_is_called_out() {
        let mut d = sample("shaved-soft-hairline");
        let mm_per_px = d.calibration.mm_per_px();
        let g = d.glabella_px.expect("glabella");
        let h = d.variants[0].hairline.as_mut().expect("hairline");
        // A straight line 6 cm above the glabella, no transition to speak of, no irregularity.
        let y = g.y - 60.0 / mm_per_px;
        h.points_px = vec![Point::new(g.x - 800.0, y), Point::new(g.x + 800.0, y)];
        h.transition_mm = 2.0;
        h.micro_irregularity = 0.0;
        h.macro_amplitude_mm = 0.0;
        h.asymmetry_mm = 3.0;
        d.variants[0].zones[0].density_per_cm2 = 150.0;
        let mut stats = no_stats(3);
        stats.per_session[1] = 18_000;
        let advice = review(&d, 0, &stats);
        let cautions = topics(&advice, Level::Caution);
        for topic in [
            "Hairline height",
            "Harsh front",
            "Straight line",
            "Asymmetry",
            "Density",
        ] {
            assert!(cautions.contains(&topic), "{topic}: {advice:#?}");
        }
        let height = advice
            .iter()
            .find(|a| a.topic == "Hairline height")
            .expect("height");
        assert!(height.text.contains("6.0 cm"), "{}", height.text);
        assert!(
            advice
                .iter()
                .any(|a| a.topic == "Session size" && a.text.contains("Session 2 has 18000")),
            "{advice:#?}"
        );
    }

    #[test]
    fn a_head_designs_hairline_is_measured_over_the_forehead() {
        // The bundled head sample's hairline is drawn 75 mm up the midline from the glabella.
        let d = sample("whole-scalp-head");
        let h = d.variants[0].hairline.as_ref().expect("a hairline");
        let height = hairline_height_mm(&d, &h.points_px).expect("crosses the midline");
        assert!((height - 75.0).abs() < 1.5, "{height}");
        assert!(advice_on(&d, &no_stats(3), "Hairline height").is_none());
        // Brought 10 mm of map towards the face, it is below 7 cm and called out.
        let mut low = d.clone();
        let hl = low.variants[0].hairline.as_mut().expect("a hairline");
        for p in &mut hl.points_px {
            p.y -= 10.0 / d.head.expect("head").map_mm_per_px;
        }
        let points = hl.points_px.clone();
        let height = hairline_height_mm(&low, &points).expect("crosses");
        assert!(height < 70.0, "{height}");
        let a = advice_on(&low, &no_stats(3), "Hairline height").expect("a caution");
        assert_eq!(a.level, Level::Caution);
    }

    #[test]
    fn without_a_glabella_the_height_cannot_be_checked_and_says_how() {
        let mut d = sample("shaved-soft-hairline");
        d.glabella_px = None;
        let advice = review(&d, 0, &no_stats(3));
        assert!(
            advice
                .iter()
                .any(|a| a.level == Level::Note && a.text.contains("Place the glabella")),
            "{advice:#?}"
        );
    }

    #[test]
    fn an_empty_design_says_where_to_start() {
        let mut d = sample("shaved-soft-hairline");
        let v = &mut d.variants[0];
        v.zones.clear();
        v.scars.clear();
        v.hairline = None;
        let stats = crate::engine::compute(&d, 0).stats;
        let advice = review(&d, 0, &stats);
        assert!(
            advice.iter().any(|a| a.topic == "Nothing drawn yet"),
            "{advice:?}"
        );
        let d = sample("shaved-soft-hairline");
        let stats = crate::engine::compute(&d, 0).stats;
        assert!(
            review(&d, 0, &stats)
                .iter()
                .all(|a| a.topic != "Nothing drawn yet")
        );
    }

    #[test]
    fn a_hairline_without_a_zone_says_that_a_zone_is_needed() {
        let mut d = sample("shaved-soft-hairline");
        d.variants[0].zones.clear();
        let stats = crate::engine::compute(&d, 0).stats;
        assert_eq!(stats.total, 0, "no zone, no impressions");
        let advice = review(&d, 0, &stats);
        assert!(advice.iter().any(|a| a.topic == "No zone"), "{advice:?}");
        // Texts wrapped in the source read as one sentence (a lost line continuation once left
        // runs of spaces in this one).
        assert!(advice.iter().all(|a| !a.text.contains("  ")), "{advice:?}");
        let d = sample("shaved-soft-hairline");
        let stats = crate::engine::compute(&d, 0).stats;
        assert!(review(&d, 0, &stats).iter().all(|a| a.topic != "No zone"));
    }

    #[test]
    fn an_uncalibrated_design_is_told_so_instead_of_advice_in_millimetres() {
        let mut d = sample("shaved-soft-hairline");
        d.calibration.measured = false;
        // Lower the line below 7 cm: a calibrated design would be warned about its height.
        let stats = crate::engine::compute(&d, 0).stats;
        let advice = review(&d, 0, &stats);
        assert_eq!(advice.len(), 1, "{advice:?}");
        assert_eq!(advice[0].topic, "Not calibrated");
    }

    #[test]
    fn a_needle_outside_what_practitioners_use_is_called_out_unless_explained() {
        let mut d = sample("shaved-soft-hairline");
        let stats = crate::engine::compute(&d, 0).stats;
        assert!(advice_on(&d, &stats, "Needle size").is_none());
        d.variants[0].dots.needle_mm = 0.35;
        let a = advice_on(&d, &stats, "Needle size").expect("advice");
        assert_eq!(a.level, Level::Caution);
        assert!(
            a.text.contains("fill 0.35 mm") && a.text.contains("0.18-0.30 mm"),
            "{}",
            a.text
        );
        d.variants[0].dots.needle_reason = "Scar tissue takes a wider impression".into();
        let a = advice_on(&d, &stats, "Needle size").expect("advice");
        assert_eq!(a.level, Level::Note);
        assert!(a.text.contains("Scar tissue"), "{}", a.text);
    }

    #[test]
    fn a_photo_too_coarse_for_single_impressions_says_what_would_show_them() {
        let mut d = sample("shaved-soft-hairline");
        let stats = crate::engine::compute(&d, 0).stats;
        assert!(advice_on(&d, &stats, "Photo resolution").is_none());
        // The same view at a fifth of the resolution: 0.5 mm per pixel.
        d.rescale_to_photo(480, 360);
        let a = advice_on(&d, &stats, "Photo resolution").expect("advice");
        // 0.2 mm impressions want 0.067 mm per pixel: 480 px x 0.5 / 0.0667 = 3600 px.
        assert!(
            a.text.contains("0.50 mm per pixel") && a.text.contains("3600 pixels wide"),
            "{}",
            a.text
        );
    }

    #[test]
    fn the_shade_is_weighed_against_the_skin_type() {
        let mut d = sample("shaved-soft-hairline");
        let stats = crate::engine::compute(&d, 0).stats;
        let shade_advice = |d: &Design| advice_on(d, &stats, "Shade and skin");
        assert!(
            shade_advice(&d).is_none(),
            "no skin type recorded, nothing to weigh"
        );
        // The sample's near-black shade, diluted 30 %: fine on fair skin.
        d.client.skin_type = 1;
        assert!(shade_advice(&d).is_none());
        d.variants[0].pigment.dilution = 0.1;
        let a = shade_advice(&d).expect("blue risk");
        assert_eq!(a.level, Level::Caution);
        assert!(
            a.text.contains("type I ") && a.text.contains("blue"),
            "{}",
            a.text
        );
        d.client.skin_type = 6;
        d.variants[0].pigment.dilution = 0.6;
        let a = shade_advice(&d).expect("too light for dark skin");
        assert_eq!(a.level, Level::Note);
        assert!(a.text.contains("Type VI"), "{}", a.text);
    }

    #[test]
    fn a_design_on_an_old_dot_layout_is_told_how_to_move_it() {
        let mut d = sample("shaved-soft-hairline");
        let stats = crate::engine::compute(&d, 0).stats;
        assert!(advice_on(&d, &stats, "Dot layout").is_none());
        d.layout = crate::design::Layout::V1;
        let note = advice_on(&d, &stats, "Dot layout");
        assert!(
            note.as_ref()
                .is_some_and(|a| a.level == Level::Note && a.text.contains("layout 2")),
            "{note:?}"
        );
    }
}
