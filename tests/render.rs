//! The preview: impressions at their real size, and the looks differ the way skin heals.

mod common;

use hairline::design::Design;
use hairline::dots::{Dot, DotSet};
use hairline::engine::compute;
use hairline::render::{
    Look, PhotoPyramid, PreviewOptions, SessionView, ViewTransform, render_view,
};
use image::{Rgba, RgbaImage};

fn skin(w: u32, h: u32) -> PhotoPyramid {
    PhotoPyramid::new(RgbaImage::from_pixel(w, h, Rgba([220, 180, 150, 255])))
}

/// Total darkening (sum over pixels of lost brightness) of a render against the bare photo.
fn ink(img: &RgbaImage) -> f64 {
    img.pixels()
        .map(|p| (220 + 180 + 150) as f64 - (p[0] as f64 + p[1] as f64 + p[2] as f64))
        .sum()
}

fn one_dot(diameter_mm: f32) -> DotSet {
    DotSet {
        dots: vec![Dot {
            x_px: 100.0,
            y_px: 100.0,
            diameter_mm,
            shade: 1.0,
            session: 0,
            zone: u16::MAX,
            scar: u16::MAX,
            squash: Dot::FLAT,
            tilt: 0,
        }],
        session_count: 1,
        mm_per_px: 0.01,
        made: None,
    }
}

#[test]
fn a_dot_covers_its_real_size() {
    // 0.01 mm per pixel: a 0.5 mm healed impression (x0.85) spans about 42 pixels.
    let d = common::sample("crown-density");
    let v = &d.variants[0];
    let photo = skin(200, 200);
    let opts = PreviewOptions {
        look: Look::Healed,
        sessions: SessionView::Cumulative(0),
        test_patch_only: false,
        hide_photo: false,
    };
    let img = render_view(
        &photo,
        v,
        Some(&one_dot(0.5)),
        &opts,
        ViewTransform::IDENTITY,
        (200, 200),
    );
    // The impression's edge is soft, ragged and slightly elongated: measure its size as the
    // diameter of the disc of its area where it is at least half as dark as its centre.
    let centre_loss = 220.0 - img.get_pixel(100, 100)[0] as f64;
    let area = img
        .pixels()
        .filter(|p| 220.0 - p[0] as f64 >= centre_loss * 0.5)
        .count() as f64;
    let width = 2.0 * (area / std::f64::consts::PI).sqrt();
    let expected = 0.5 * 0.85 / 0.01;
    assert!(
        (width - expected).abs() <= 2.0,
        "dot is {width:.1} px across (as a disc of its area), expected about {expected}"
    );
    // Double the diameter, four times the ink.
    let big = render_view(
        &photo,
        v,
        Some(&one_dot(1.0)),
        &opts,
        ViewTransform::IDENTITY,
        (200, 200),
    );
    let ratio = ink(&big) / ink(&img);
    assert!((3.4..4.6).contains(&ratio), "ink ratio {ratio}");
}

fn sample_render(d: &Design, opts: PreviewOptions) -> RgbaImage {
    let c = compute(d, 0);
    let photo = skin(d.photo.width_px, d.photo.height_px);
    let view = ViewTransform {
        scale: 0.5,
        origin_px: hairline::geometry::Point::new(0.0, 0.0),
    };
    render_view(
        &photo,
        &d.variants[0],
        Some(&c.dots),
        &opts,
        view,
        (1200, 900),
    )
}

#[test]
fn healed_is_lighter_than_fresh_and_years_fade_further() {
    let d = common::sample("shaved-soft-hairline");
    let all = SessionView::Cumulative(2);
    let at = |look| {
        ink(&sample_render(
            &d,
            PreviewOptions {
                look,
                sessions: all,
                test_patch_only: false,
                hide_photo: false,
            },
        ))
    };
    let (fresh, healed, aged) = (
        at(Look::Fresh),
        at(Look::Healed),
        at(Look::Aged { years: 10.0 }),
    );
    assert!(fresh > healed * 1.2, "fresh {fresh} vs healed {healed}");
    assert!(healed > aged, "healed {healed} vs 10 years {aged}");
}

#[test]
fn healed_dots_read_grey_blue_not_black() {
    let d = common::sample("shaved-soft-hairline");
    let img = sample_render(
        &d,
        PreviewOptions {
            look: Look::Healed,
            sessions: SessionView::Cumulative(2),
            test_patch_only: false,
            hide_photo: false,
        },
    );
    // Among darkened pixels, blue is lost less than red: pigment under skin shifts blue.
    let (mut dr, mut db) = (0.0, 0.0);
    for p in img.pixels() {
        dr += 220.0 - p[0] as f64;
        db += 150.0 - p[2] as f64;
    }
    assert!(
        dr > 0.0 && db / 150.0 < dr / 220.0,
        "relative red loss {} vs blue {}",
        dr / 220.0,
        db / 150.0
    );
}

#[test]
fn sessions_build_up_and_test_patch_shows_only_itself() {
    let d = common::sample("shaved-soft-hairline");
    let healed = |sessions, patch| {
        ink(&sample_render(
            &d,
            PreviewOptions {
                look: Look::Healed,
                sessions,
                test_patch_only: patch,
                hide_photo: false,
            },
        ))
    };
    let (s1, s2, s3) = (
        healed(SessionView::Cumulative(0), false),
        healed(SessionView::Cumulative(1), false),
        healed(SessionView::Cumulative(2), false),
    );
    assert!(s1 < s2 && s2 < s3, "{s1} {s2} {s3}");
    let only2 = healed(SessionView::Only(1), false);
    assert!(only2 < s2 && only2 > 0.0);
    let patch = healed(SessionView::Cumulative(2), true);
    assert!(
        patch > 0.0 && patch < s3 * 0.05,
        "test patch {patch} vs all {s3}"
    );
}
