//! The worst case: the client's hair receded to a later Norwood stage, on the bundled sample.

mod common;

use hairline::geometry::Point;
use hairline::norwood::{FOREHEAD_MM, STAGES, photo_at_stage, stage, unsupported};
use hairline::stubble::measure_stubble;

/// The template's bald area grows with every stage, never takes the forehead (it had no hair)
/// and always leaves the horseshoe at the sides and back.
#[test]
fn each_stage_is_balder_than_the_one_before() {
    let area = |n: u8| {
        let s = stage(n);
        let mut cells = 0;
        for v in (0..260).step_by(2) {
            for u in (-90..=90).step_by(2) {
                let (u, v) = (u as f64, v as f64);
                if s.bald(u, v) {
                    assert!(v >= FOREHEAD_MM, "stage {n}: forehead at {v}");
                    assert!(
                        u.abs() < 70.0 && v < 205.0,
                        "stage {n}: horseshoe at {u},{v}"
                    );
                    cells += 1;
                }
            }
        }
        cells as f64 * 4.0 / 100.0
    };
    let areas: Vec<f64> = STAGES.map(area).collect();
    eprintln!("bald cm2 by stage (photo from above): {areas:.0?}");
    assert_eq!(areas[0], 0.0);
    for w in areas.windows(2) {
        assert!(w[1] > w[0], "{areas:?}");
    }
}

/// At Norwood 7 the sample's hair on top is gone (its stubble no longer found), the horseshoe
/// at the sides is as it was, and skin that would be bare where the design does not reach is
/// tinted red; the design with no zones leaves far more of it untreated.
#[test]
fn at_a_later_stage_the_lost_hair_goes_and_the_untreated_skin_shows() {
    let root = common::root();
    let mut design = common::sample("shaved-soft-hairline");
    let photo = hairline::engine::load_design_photo(
        &root.join("designs/shaved-soft-hairline.json"),
        &mut design,
    )
    .expect("photo")
    .photo
    .image;
    let mm = design.calibration.mm_per_px();
    let (after, untreated) = photo_at_stage(&photo, &design, 0, 7).expect("supported");
    let density = |img: &image::RgbaImage, p: Point| {
        measure_stubble(img, p, 4.0 / mm, mm).map_or(0.0, |s| s.density_per_cm2)
    };
    // On top, 160 mm behind the glabella: hair now, bald at stage 7.
    let g = design.glabella_px.unwrap();
    let top = Point::new(g.x, g.y - 160.0 / mm);
    let (before_top, after_top) = (density(&photo, top), density(&after, top));
    // At the side, 72 mm off the midline: the horseshoe.
    let side = Point::new(g.x - 72.0 / mm, 850.0);
    let (before_side, after_side) = (density(&photo, side), density(&after, side));
    eprintln!(
        "hairs/cm2 on top {before_top:.0} -> {after_top:.0}, at the side {before_side:.0} -> {after_side:.0}; untreated {untreated:.1} cm2"
    );
    assert!(before_top > 20.0, "{before_top}");
    assert!(after_top < 0.1 * before_top, "{after_top}");
    assert!(before_side > 30.0, "{before_side}");
    assert!((after_side / before_side - 1.0).abs() < 0.1, "{after_side}");
    // Red where the side zone stops short of the horseshoe, 55 to 70 mm off the midline, at
    // the side of the head.
    let redness = |img: &image::RgbaImage, x: f64, y: f64| {
        let p = img.get_pixel(x as u32, y as u32).0;
        p[0] as f64 - p[1] as f64
    };
    let (more_red, at) = (550..=700)
        .flat_map(|d| (700..=1100).step_by(10).map(move |y| (d, y)))
        .map(|(d, y)| {
            let (x, y) = (g.x - d as f64 / 10.0 / mm, y as f64);
            (
                redness(&after, x, y) - redness(&photo, x, y),
                (d as f64 / 10.0, y),
            )
        })
        .fold((f64::MIN, (0.0, 0.0)), |a, b| if b.0 > a.0 { b } else { a });
    eprintln!("redder by {more_red:.0} levels at {at:?} (mm off the midline, photo row)");
    assert!(more_red > 30.0, "{more_red}");
    assert!(untreated > 0.5, "{untreated}");
    // Without its zones the design treats nothing: every lost hair is bare skin.
    let mut bare_design = design.clone();
    bare_design.variants[0].zones.clear();
    let (_, all_bare) = photo_at_stage(&photo, &bare_design, 0, 7).expect("supported");
    eprintln!("without zones: {all_bare:.1} cm2 untreated");
    assert!(all_bare > 10.0 * untreated, "{all_bare} vs {untreated}");
}

#[test]
fn a_design_the_template_cannot_place_is_told_why() {
    let head = common::sample("whole-scalp-head");
    assert!(unsupported(&head).unwrap().contains("not yet"));
    let mut d = common::sample("shaved-soft-hairline");
    d.glabella_px = None;
    assert!(unsupported(&d).unwrap().contains("glabella"));
}
