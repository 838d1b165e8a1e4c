//! The bundled sample photo as the designs drawn on it rely on it.

mod common;

/// The sample's head is an egg with a wavering outline, not the ellipse the designs were drawn
/// on: every impression of every bundled design on it must still land on the skin, never on an
/// ear or the cape past the head.
#[test]
fn every_impression_of_the_bundled_designs_lands_on_the_sample_heads_skin() {
    let mut checked = 0;
    for path in common::sample_paths() {
        let design = common::load(&path);
        if !design.photo.path.ends_with("sample-scalp.jpg") {
            continue;
        }
        for vi in 0..design.variants.len() {
            let dots = hairline::engine::compute(&design, vi).dots;
            let off: Vec<_> = dots
                .dots
                .iter()
                .map(|d| d.pos_px())
                .filter(|p| !hairline::sample::on_head(p.x, p.y))
                .collect();
            assert!(
                off.is_empty(),
                "{}: variant {vi}: {} impressions off the head, e.g. {:?}",
                path.display(),
                off.len(),
                off.first()
            );
            checked += dots.dots.len();
        }
    }
    eprintln!("{checked} impressions checked");
    assert!(checked > 10_000, "{checked}");
}

/// What the README says the sample shows past the head: the ears, skin-coloured and redder than
/// the scalp, just outside its outline at either side; and the client's shoulders under a dark
/// cape all round, not a light studio backdrop.
#[test]
fn the_sample_shows_the_ears_and_a_dark_cape_past_the_head() {
    let photo = image::open(common::root().join("assets/sample-scalp.jpg"))
        .expect("sample photo")
        .into_rgb8();
    let at = |x: u32, y: u32| photo.get_pixel(x, y).0.map(f64::from);
    let scalp = at(1200, 900);
    for (x, y) in [(330, 1114), (2070, 1114)] {
        assert!(!hairline::sample::on_head(x as f64, y as f64));
        let [r, g, b] = at(x, y);
        // Skin, lit or in the fill's shade, and redder for its share of green than the scalp.
        assert!(
            r > 120.0 && r > g && g > b,
            "ear at ({x}, {y}): {r} {g} {b}"
        );
        assert!(
            r / g > scalp[0] / scalp[1],
            "ear at ({x}, {y}): {r} {g} {b}"
        );
    }
    for (x, y) in [
        (150, 1000),
        (2250, 300),
        (100, 1700),
        (2300, 1750),
        (1200, 5),
    ] {
        assert!(!hairline::sample::on_head(x as f64, y as f64));
        let [r, g, b] = at(x, y);
        assert!(
            r < 70.0 && g < 70.0 && b < 80.0 && b > r,
            "cape at ({x}, {y}): {r} {g} {b}"
        );
    }
}
