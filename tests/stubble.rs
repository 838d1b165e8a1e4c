//! The client's own stubble measured in a photo, and the design suggested to blend with it,
//! checked against a photo of known stubble and against the preview's own renderer.

// Colour channels read better with an index.
#![allow(clippy::needless_range_loop)]

mod common;

use hairline::geometry::Point;
use hairline::noise::{hash, unit, value_noise};
use hairline::stubble::{StubbleError, match_stubble, measure_stubble, rendered_darkening};
use image::{Rgba, RgbaImage};

const MM_PER_PX: f64 = 0.04;
const SIDE_MM: f64 = 24.0;
const SKIN: [f64; 3] = [198.0, 156.0, 132.0];
const HAIR: [f64; 3] = [52.0, 40.0, 34.0];

/// A photo of shaved stubble: skin with a mottled texture, and hairs at `density` per cm²
/// (follicles at least 0.45 mm apart), each a soft speck of about `diameter` mm. Returns the
/// photo and the hairs' centres.
fn stubble_photo(density: f64, diameter: f64) -> (RgbaImage, Vec<Point>) {
    let side = (SIDE_MM / MM_PER_PX) as u32;
    let want = (density * SIDE_MM * SIDE_MM / 100.0) as usize;
    let mut hairs: Vec<Point> = Vec::new();
    let mut k = 0u64;
    while hairs.len() < want && k < 1_000_000 {
        let p = Point::new(
            unit(hash(&[1, k, 0])) * SIDE_MM,
            unit(hash(&[1, k, 1])) * SIDE_MM,
        );
        k += 1;
        if hairs.iter().all(|q| q.distance(p) >= 0.45) {
            hairs.push(p);
        }
    }
    let mut img = RgbaImage::new(side, side);
    for (x, y, px) in img.enumerate_pixels_mut() {
        let (xm, ym) = (x as f64 * MM_PER_PX, y as f64 * MM_PER_PX);
        // Skin: a few per cent of mottling at about 1 mm and finer.
        let t = 1.0 + 0.04 * value_noise(3, xm, ym) + 0.02 * value_noise(4, xm * 4.0, ym * 4.0);
        *px = Rgba([
            (SKIN[0] * t) as u8,
            (SKIN[1] * t) as u8,
            (SKIN[2] * t) as u8,
            255,
        ]);
    }
    for (i, h) in hairs.iter().enumerate() {
        let r = diameter / 2.0 * (0.8 + 0.4 * unit(hash(&[2, i as u64])));
        let (cx, cy) = (h.x / MM_PER_PX, h.y / MM_PER_PX);
        let rp = r / MM_PER_PX + 1.5;
        for y in (cy - rp).floor().max(0.0) as u32..((cy + rp).ceil() as u32).min(side) {
            for x in (cx - rp).floor().max(0.0) as u32..((cx + rp).ceil() as u32).min(side) {
                let d = ((x as f64 + 0.5 - cx).powi(2) + (y as f64 + 0.5 - cy).powi(2)).sqrt()
                    * MM_PER_PX;
                // A soft edge a pixel wide.
                let cover = ((r - d) / MM_PER_PX + 0.5).clamp(0.0, 1.0);
                if cover > 0.0 {
                    let p = img.get_pixel_mut(x, y);
                    for c in 0..3 {
                        p.0[c] = (p.0[c] as f64 * (1.0 - cover) + HAIR[c] * cover) as u8;
                    }
                }
            }
        }
    }
    (img, hairs)
}

fn centre() -> Point {
    Point::new(SIDE_MM / 2.0 / MM_PER_PX, SIDE_MM / 2.0 / MM_PER_PX)
}

/// Stubble of known density and size is measured as it is: density within 10 %, size within
/// 20 %, the hair darker than the skin and its colour found.
#[test]
fn stubble_is_measured_as_it_is() {
    for (density, diameter) in [(45.0, 0.2), (80.0, 0.16)] {
        let (img, hairs) = stubble_photo(density, diameter);
        let radius_px = 10.0 / MM_PER_PX;
        let s = measure_stubble(&img, centre(), radius_px, MM_PER_PX).expect("stubble");
        let c = Point::new(SIDE_MM / 2.0, SIDE_MM / 2.0);
        let truth = hairs.iter().filter(|h| h.distance(c) <= 10.0).count() as f64
            / (std::f64::consts::PI * 1.0 * 1.0);
        eprintln!(
            "set {density}/cm² of {diameter} mm: counted {} on {:.2} cm², {:.1}/cm² (truly {truth:.1}), {:.3} mm, hair {:?} on skin {:?}, darkening {:.3}",
            s.count,
            s.area_cm2,
            s.density_per_cm2,
            s.diameter_mm,
            s.hair_srgb,
            s.skin_srgb,
            s.darkening
        );
        assert!(
            (s.density_per_cm2 / truth - 1.0).abs() < 0.1,
            "{} vs {truth}",
            s.density_per_cm2
        );
        assert!(
            (s.diameter_mm / diameter - 1.0).abs() < 0.2,
            "{} vs {diameter}",
            s.diameter_mm
        );
        for c in 0..3 {
            assert!(
                (s.hair_srgb[c] as f64 - HAIR[c]).abs() < 40.0,
                "{:?}",
                s.hair_srgb
            );
            assert!(
                (s.skin_srgb[c] as f64 - SKIN[c]).abs() < 12.0,
                "{:?}",
                s.skin_srgb
            );
        }
        assert!(s.darkening > 0.01 && s.darkening < 0.5, "{}", s.darkening);
    }
}

/// The suggested needle, density, shade and dilution, rendered healed by the preview on the
/// client's skin, darken it as much as the stubble does (within 10 %): the treated area reads
/// as the same stubble from a normal distance.
#[test]
fn the_match_renders_as_dark_as_the_stubble() {
    let design = common::sample("shaved-soft-hairline");
    let variant = &design.variants[0];
    for (density, diameter) in [(45.0, 0.2), (80.0, 0.16)] {
        let (img, _) = stubble_photo(density, diameter);
        let s = measure_stubble(&img, centre(), 10.0 / MM_PER_PX, MM_PER_PX).expect("stubble");
        let m = match_stubble(&s, variant);
        eprintln!("{s:?}\n  -> {m:?}");
        assert!(m.notes.iter().all(|n| !n.contains("even")), "{:?}", m.notes);
        assert!(
            m.density_per_cm2 >= s.density_per_cm2.round(),
            "{}",
            m.density_per_cm2
        );
        assert!((0.18..=0.30).contains(&m.needle_mm), "{}", m.needle_mm);
        // Checked again from scratch: the variant with the match applied, rendered.
        let mut v = variant.clone();
        v.pigment.shade = m.shade.clone();
        v.pigment.dilution = m.dilution;
        v.dots.needle_mm = m.needle_mm;
        let tone = rendered_darkening(&v, m.density_per_cm2, s.skin_srgb);
        assert!(
            (tone / s.darkening - 1.0).abs() < 0.1,
            "rendered {tone} vs stubble {}",
            s.darkening
        );
        // And the variant as it was does not match (the test can tell).
        let before = rendered_darkening(variant, m.density_per_cm2, s.skin_srgb);
        eprintln!("  the sample's own pigment and needle: {before:.3}");
        assert!((before / s.darkening - 1.0).abs() > 0.1, "{before}");
    }
}

#[test]
fn a_coarse_photo_or_bare_skin_is_said_so() {
    let (img, _) = stubble_photo(60.0, 0.22);
    let e = measure_stubble(&img, centre(), 50.0, 0.5).unwrap_err();
    assert!(matches!(e, StubbleError::TooCoarse { .. }), "{e}");
    assert!(e.to_string().contains("100 pixels per cm"), "{e}");
    let bare = RgbaImage::from_pixel(400, 400, Rgba([200, 160, 135, 255]));
    let e = measure_stubble(&bare, Point::new(200.0, 200.0), 150.0, MM_PER_PX).unwrap_err();
    assert_eq!(e, StubbleError::NoStubble { found: 0 });
    for far in [
        Point::new(-900.0, 200.0),
        Point::new(1e20, 1e20),
        Point::new(f64::NAN, 3.0),
    ] {
        let e = measure_stubble(&bare, far, 150.0, MM_PER_PX).unwrap_err();
        assert_eq!(e, StubbleError::Outside, "{far:?}");
    }
}

/// Stubble in a photo of the head is counted per cm² of skin, whatever the slant: the head
/// model's own photos (its shaved fringe drawn as one hair a 1.1 mm cell, so about 83 per cm²,
/// each about 0.4 mm across), one square-on and one 50 degrees round, both close enough to show
/// single hairs. Without the slant taken out the second would read half as many again.
#[test]
fn stubble_on_a_photo_of_the_head_is_counted_per_cm2_of_skin() {
    use hairline::head::{
        Camera, HeadShape, Measurements, V3, focal_px_from_35mm, mannequin_photo,
    };
    use hairline::stubble::{measure_stubble_on_head, skin_patch};
    let head = HeadShape::from_measurements(Measurements::ADULT_MALE);
    let a = head.axes;
    // On the left side, above and behind the ear, well inside the fringe.
    let s = V3::new(0.0, 15.0 / a.y, -40.0 / a.z);
    let x = (1.0 - s.y * s.y - s.z * s.z).sqrt();
    let p = V3::new(x, s.y, s.z).scale(a);
    let n = head.normal(p);
    let size = (1200u32, 1200u32);
    let f = focal_px_from_35mm(52.0, size.0 as f64, size.1 as f64);
    let up = V3::new(0.0, 1.0, 0.0);
    let shoot = |degrees: f64| {
        // The way to the camera, turned about the vertical by `degrees`.
        let (c, sn) = (degrees.to_radians().cos(), degrees.to_radians().sin());
        let dir = V3::new(n.x * c - n.z * sn, n.y, n.x * sn + n.z * c).normalized();
        let camera = Camera::look_at(p + dir * 90.0, p, up, f, (size.0 as f64, size.1 as f64));
        let photo =
            image::DynamicImage::ImageRgb8(mannequin_photo(&head, &camera, size, &[])).to_rgba8();
        let (cx, cy) = camera.project(p).expect("in front");
        (photo, camera, Point::new(cx, cy))
    };
    let mut found = Vec::new();
    for degrees in [0.0, 50.0] {
        let (photo, camera, at) = shoot(degrees);
        let patch = skin_patch(&photo, &head, &camera, at, 8.0).expect("a patch");
        let st = measure_stubble_on_head(&photo, &head, &camera, at, 8.0).expect("stubble");
        eprintln!(
            "{degrees} degrees round: seen {:.0} degrees slanted, {:.3} mm a pixel across; {} hairs, {:.1}/cm2, {:.2} mm",
            patch.slant_deg, patch.mm_per_px, st.count, st.density_per_cm2, st.diameter_mm
        );
        assert!(
            (patch.slant_deg - degrees).abs() < 8.0,
            "{}",
            patch.slant_deg
        );
        // Hairs whose specks barely touch make one speck too small to count as two: about a
        // tenth fewer than the cells.
        assert!(
            (0.8..1.05).contains(&(st.density_per_cm2 / 82.6)),
            "{degrees}: {}",
            st.density_per_cm2
        );
        assert!((0.3..0.55).contains(&st.diameter_mm), "{}", st.diameter_mm);
        found.push(st.density_per_cm2);
    }
    assert!((found[1] / found[0] - 1.0).abs() < 0.12, "{found:?}");
    // Past the slant the hairs cannot be told apart, and it is said.
    let (photo, camera, at) = shoot(75.0);
    assert!(matches!(
        measure_stubble_on_head(&photo, &head, &camera, at, 8.0),
        Err(StubbleError::Oblique { .. })
    ));
}

/// The bundled sample photo's stubble, measured where it is full and where it thins towards the
/// bald top, against the follicular units the photo was drawn with (each a speck of one to
/// three hairs, which is what the match counts): the figure `match` gives on the sample is the
/// sample's own density, not a number the tests learned to expect.
#[test]
fn the_sample_photos_stubble_is_counted_as_it_was_drawn() {
    let photo = image::open(common::root().join("assets/sample-scalp.jpg"))
        .expect("sample photo")
        .into_rgba8();
    let mm = hairline::sample::MM_PER_PX;
    let radius_px = 5.0 / mm;
    let units: Vec<_> = hairline::sample::follicular_units()
        .filter(|u| u.y < hairline::sample::BROWS_BELOW_PX)
        .collect();
    for (x, y) in [
        (480.0, 850.0),
        (450.0, 1000.0),
        (1950.0, 900.0),
        (700.0, 420.0),
        (1700.0, 380.0),
    ] {
        let drawn = units
            .iter()
            .filter(|u| Point::new(u.x, u.y).distance(Point::new(x, y)) <= radius_px)
            .count() as f64
            / (std::f64::consts::PI * 0.5 * 0.5);
        let measured = measure_stubble(&photo, Point::new(x, y), radius_px, mm)
            .map_or(0.0, |s| s.density_per_cm2);
        eprintln!("({x}, {y}): drawn {drawn:.0} units per cm2, measured {measured:.0}");
        // Through the sample's lens (each hair spread over a pixel or two) units closer than a
        // speck's width join: counted as specks, 0.74-0.84 of what was drawn; with a joined
        // speck counted by its area, within about a tenth.
        let ratio = measured / drawn;
        assert!(
            (0.85..=1.15).contains(&ratio),
            "({x}, {y}): {measured:.0} of {drawn:.0}"
        );
    }
}
