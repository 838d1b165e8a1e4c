//! The worst case: the client's hair receded to a later Norwood stage, on the bundled sample.

mod common;

use hairline::geometry::Point;
use hairline::head::{Camera, SAMPLE_SIZE, V3, mannequin_photo_at, sample_views};
use hairline::norwood::{FOREHEAD_MM, STAGES, photo_at_stage, stage, unsupported};
use hairline::norwood::{HeadWorst, StageView};
use hairline::stubble::measure_stubble;
use image::RgbaImage;
use std::sync::Arc;

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
    // The red is laid at 0.45 opacity, so full red on skin is about 60 levels redder; the
    // strip between the zone and the horseshoe is a few millimetres wide, so its best pixel
    // on this grid of rows is partly red.
    assert!(more_red > 20.0, "{more_red}");
    assert!(untreated > 0.5, "{untreated}");
    // Without its zones the design treats nothing: every lost hair is bare skin.
    let mut bare_design = design.clone();
    bare_design.variants[0].zones.clear();
    let (_, all_bare) = photo_at_stage(&photo, &bare_design, 0, 7).expect("supported");
    eprintln!("without zones: {all_bare:.1} cm2 untreated");
    // The sample's side zone stops a feather's width (6 mm) inside the head's outline, so at
    // stage 7 the rim of the horseshoe that goes is left bare too: a third of what no zones
    // leave.
    assert!(all_bare > 2.5 * untreated, "{all_bare} vs {untreated}");
}

#[test]
fn a_design_the_template_cannot_place_is_told_why() {
    // A head design has its own glabella and millimetres: the head model's.
    let head = common::sample("whole-scalp-head");
    assert!(unsupported(&head).is_none());
    let mut d = common::sample("shaved-soft-hairline");
    d.glabella_px = None;
    assert!(unsupported(&d).unwrap().contains("glabella"));
}

/// Photos of the bundled head sample's head (front, left and top as bundled, and one from
/// behind) of a client shaved at Norwood `n`, with the cameras they were taken by.
fn head_photos(n: u8) -> Vec<(RgbaImage, Camera)> {
    let design = common::sample("whole-scalp-head");
    let shape = design.head.expect("a head design").shape();
    let mut cameras: Vec<Camera> = sample_views().into_iter().map(|v| v.2).collect();
    let size = (SAMPLE_SIZE.0 as f64, SAMPLE_SIZE.1 as f64);
    cameras.push(Camera::look_at(
        V3::new(20.0, 120.0, -700.0),
        V3::new(0.0, 20.0, 0.0),
        V3::new(0.0, 1.0, 0.0),
        cameras[0].focal_px,
        size,
    ));
    cameras
        .into_iter()
        .map(|c| {
            let photo = mannequin_photo_at(&shape, &c, SAMPLE_SIZE, &[], n);
            (image::DynamicImage::ImageRgb8(photo).to_rgba8(), c)
        })
        .collect()
}

/// On a head design the worst case finds the client's hair in the head's photos (a client at
/// Norwood 3, drawn by the head model itself, so where the hair is is known), loses at stage 7
/// the hair the template says, takes it out of every photo, and counts the bare skin once, per
/// cm² of skin.
#[test]
fn the_worst_case_on_a_head_finds_its_hair_in_the_photos_and_takes_it_out() {
    let design = common::sample("whole-scalp-head");
    let chart = design.head.unwrap().chart();
    let shape = chart.head;
    let photos = head_photos(3);
    let seen: Vec<_> = photos.iter().map(|(p, c)| (p, c)).collect();
    let at3 = HeadWorst::new(chart, 3, &seen);
    let at7 = HeadWorst::new(chart, 7, &seen);
    let (bald3, bald7) = (at3.bald_cm2(), at7.bald_cm2());
    let (lost3, lost7, unseen7) = (at3.lost_cm2(), at7.lost_cm2(), at7.unseen_cm2());
    eprintln!(
        "bald cm2 of skin: stage 3 {bald3:.0}, stage 7 {bald7:.0}; hair lost at 3 {lost3:.1}, at 7 {lost7:.0}; bald at 7 in no photo {unseen7:.0}"
    );
    // Bare skin is not taken for hair: at its own stage the client loses next to nothing (the
    // hair is looked for over about 3 mm, so a rim of about a millimetre along the hair's edge).
    assert!(lost3 < 0.08 * bald3, "{lost3} of {bald3}");
    // The hair between stage 3's bald area and stage 7's is found where a photo shows it.
    let between = bald7 - bald3;
    assert!(between > 100.0, "{between}");
    assert!(lost7 > 0.85 * (between - unseen7), "{lost7} of {between}");
    assert!(lost7 < 1.05 * between, "{lost7} of {between}");
    assert!(
        unseen7 < 0.1 * bald7,
        "four photos see the scalp: {unseen7}"
    );
    // Each stage loses more.
    let lost: Vec<f64> = (3..=7)
        .map(|n| HeadWorst::new(chart, n, &seen).lost_cm2())
        .collect();
    assert!(lost.windows(2).all(|w| w[1] > w[0]), "{lost:?}");
    // A client already at Norwood 6 has far less to lose.
    let photos6 = head_photos(6);
    let seen6: Vec<_> = photos6.iter().map(|(p, c)| (p, c)).collect();
    let lost6 = HeadWorst::new(chart, 7, &seen6).lost_cm2();
    assert!(lost6 < 0.35 * lost7, "{lost6} vs {lost7}");

    // The photo from above at stage 7: the hair on top is gone, as on the client at Norwood 6.
    let at7 = Arc::new(at7);
    let (top3, camera) = &photos[2];
    let top6 = &photos6[2].0;
    let stage_photo = StageView::on_head(top3, Arc::clone(&at7), Some(camera), 0.1).photo;
    let (w, h) = top3.dimensions();
    let luma = |img: &RgbaImage, x: u32, y: u32| {
        let p = img.get_pixel(x, y).0;
        0.299 * p[0] as f64 + 0.587 * p[1] as f64 + 0.114 * p[2] as f64
    };
    let (mut n, mut hair, mut taken_out) = (0.0, 0.0, 0.0);
    for y in (0..h).step_by(3) {
        for x in (0..w).step_by(3) {
            let (o, d) = camera.ray(x as f64, y as f64);
            let Some(p) = shape.intersect(o, d) else {
                continue;
            };
            // Well inside what stage 7 takes and stage 3 kept (2 mm soft edges aside).
            let inside = |dx: f64, dz: f64| {
                let q = shape.intersect(o + V3::new(dx, 0.0, dz), d);
                q.is_some_and(|q| {
                    stage(7).bald_on_head(&shape, q) && !stage(3).bald_on_head(&shape, q)
                })
            };
            if inside(0.0, 0.0)
                && inside(4.0, 0.0)
                && inside(-4.0, 0.0)
                && inside(0.0, 4.0)
                && inside(0.0, -4.0)
                && p.y > 20.0
            {
                n += 1.0;
                hair += luma(top6, x, y) - luma(top3, x, y);
                taken_out += luma(top6, x, y) - luma(&stage_photo, x, y);
            }
        }
    }
    let (hair, left) = (hair / n, (taken_out / n).abs());
    eprintln!(
        "top photo over {n} pixels: the hair darkens by {hair:.1} levels; at stage 7, {left:.1} levels from the bald client"
    );
    assert!(n > 5000.0 && hair > 3.0, "{n} {hair}");
    assert!(left < 0.25 * hair, "{left} of {hair}");

    // The skin left bare: a design without zones leaves all the lost hair's skin untreated (the
    // same area from the scalp map and from a photo: it is counted on the head); the sample's
    // zones cover most of it.
    let mut bare = design.clone();
    bare.variants[0].zones.clear();
    let map = StageView::on_head(
        &RgbaImage::new(400, 400),
        Arc::clone(&at7),
        None,
        chart.side_mm() / 400.0,
    );
    let on_top = StageView::on_head(top3, Arc::clone(&at7), Some(camera), 0.1);
    let (_, untreated_bare) = map.untreated(&bare, 0);
    assert_eq!(on_top.untreated(&bare, 0).1, untreated_bare);
    let (_, untreated) = map.untreated(&design, 0);
    eprintln!(
        "untreated at 7: {untreated_bare:.0} cm2 without zones, {untreated:.1} with the sample's"
    );
    assert!(untreated_bare > 0.9 * lost7, "{untreated_bare} of {lost7}");
    assert!(
        untreated < 0.5 * untreated_bare,
        "{untreated} vs {untreated_bare}"
    );
    // The red on the photo from above lies where the hair is lost.
    let (red, _) = on_top.untreated(&bare, 0);
    assert!(red.iter().filter(|&&r| r > 0.5).count() > 1000);
}
