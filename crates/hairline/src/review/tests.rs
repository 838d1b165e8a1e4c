//! The design check's rules, each tried on a design made to break it.
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
