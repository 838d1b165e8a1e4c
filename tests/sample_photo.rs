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
