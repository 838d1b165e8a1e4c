//! Presentation on a real photo: it opens framed on the treated area at a zoom where the
//! impressions read, so before and after differ where the work is. The photo is NASA's portrait
//! of Eileen Collins (tests/data/astronaut.jpg, from scikit-image; public domain, see
//! tests/data/README.md), a photo nobody here made. Fitted whole in the window, an impression
//! of this 512-pixel portrait is under half a screen pixel and the work barely shows.

mod common;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use hairline::design::{Design, Hairline, HairlineStyle, Side, validate};
use hairline::geometry::Point;
use hairline::render::{PhotoPyramid, ViewTransform, render_view};
use hairline_studio::app::{Command, Studio};

fn astronaut() -> std::path::PathBuf {
    common::root().join("tests/data/astronaut.jpg")
}

/// The bundled sample's settings (dots, pigment, sessions), drawn on the astronaut: the scale
/// from her pupils (62 mm apart), a hairline along the front of her hair, and a zone over it.
fn design_on_astronaut() -> Design {
    let mut d = common::sample("shaved-soft-hairline");
    let photo = hairline::photo::load_photo(&astronaut()).expect("the photo loads");
    d.photo.path = astronaut().to_string_lossy().into_owned();
    d.photo.width_px = photo.image.width();
    d.photo.height_px = photo.image.height();
    d.photo.sha256 = photo.sha256;
    d.glabella_px = None;
    d.calibration.a_px = Point::new(199.0, 112.0);
    d.calibration.b_px = Point::new(246.0, 112.0);
    d.calibration.distance_mm = 62.0;
    // One variant, drawn on this photo: the sample's others are drawn on the sample photo.
    d.variants.truncate(1);
    d.active_variant = 0;
    let v = &mut d.variants[0];
    v.hairline = Some(Hairline {
        // Left to right across the forehead: the treated side (left of travel) is up.
        points_px: [
            (172.0, 104.0),
            (190.0, 84.0),
            (222.0, 74.0),
            (256.0, 80.0),
            (282.0, 102.0),
        ]
        .into_iter()
        .map(|(x, y)| Point::new(x, y))
        .collect(),
        treated_side: Side::Left,
        style: HairlineStyle::Soft,
        transition_mm: 10.0,
        micro_irregularity: 0.6,
        macro_amplitude_mm: 1.5,
        macro_wavelength_mm: 25.0,
        asymmetry_mm: 0.0,
        peak_mm: 0.0,
        preset_moved: None,
    });
    v.zones.truncate(1);
    v.zones[0].shape.polygons = vec![
        [
            (150.0, 110.0),
            (158.0, 45.0),
            (200.0, 16.0),
            (250.0, 14.0),
            (296.0, 40.0),
            (306.0, 110.0),
        ]
        .into_iter()
        .map(|(x, y)| Point::new(x, y))
        .collect(),
    ];
    v.zones[0].shape.strokes.clear();
    v.scars.clear();
    v.test_patch = None;
    validate(&d).expect("a valid design");
    d
}

/// Of the impressions on screen in `view`, the share whose own pixel differs between the photo
/// alone and the photo with the work by at least `visible` levels (0-255) of luminance.
fn impressions_that_show(
    studio: &mut Studio,
    photo: &PhotoPyramid,
    view: ViewTransform,
    size: [usize; 2],
    visible: f64,
) -> (f64, usize) {
    let design = studio.doc.design().clone();
    let options = studio.view.preview;
    let (w, h) = (size[0] as u32, size[1] as u32);
    let computed = studio.computed();
    let dots = &computed.dots;
    let after = render_view(
        photo,
        &design.variants[0],
        Some(dots),
        &options,
        view,
        (w, h),
    );
    let before = render_view(photo, &design.variants[0], None, &options, view, (w, h));
    let luma =
        |p: &image::Rgba<u8>| 0.2126 * p[0] as f64 + 0.7152 * p[1] as f64 + 0.0722 * p[2] as f64;
    let (mut shown, mut differ) = (0usize, 0usize);
    for d in &dots.dots {
        let x = (f64::from(d.x_px) - view.origin_px.x) * view.scale;
        let y = (f64::from(d.y_px) - view.origin_px.y) * view.scale;
        if x < 0.0 || y < 0.0 || x >= f64::from(w) || y >= f64::from(h) {
            continue;
        }
        shown += 1;
        let (x, y) = (x as u32, y as u32);
        if (luma(before.get_pixel(x, y)) - luma(after.get_pixel(x, y))).abs() >= visible {
            differ += 1;
        }
    }
    (differ as f64 / shown.max(1) as f64, shown)
}

#[test]
fn presentation_opens_on_the_work_where_before_and_after_differ_on_a_real_photo() {
    let design = design_on_astronaut();
    let photo = PhotoPyramid::new(hairline::photo::load_photo(&astronaut()).unwrap().image);
    let studio = Studio::with_design(design, None);
    assert!(studio.notice.is_none(), "{:?}", studio.notice);
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_ui_state(|ui, s: &mut Studio| s.ui(ui), studio);
    h.run_steps(3);
    let (fit_view, fit_size, _) = h.state().canvas_view().expect("laid out");

    h.state_mut().queue(Command::Present);
    h.run_steps(4);
    assert!(h.state().view.presenting);
    let (view, size, _) = h.state().canvas_view().expect("laid out");
    let mm_per_px = h.state().doc.design().calibration.mm_per_px();
    // Impressions of about 0.3 mm on a photo of 1.3 mm a pixel: readable from a few screen
    // pixels an impression, many times the whole-photo zoom.
    assert!(
        view.scale > 4.0 * fit_view.scale,
        "presentation at {:.0} %, the whole photo at {:.0} %",
        view.scale * 100.0,
        fit_view.scale * 100.0
    );
    // Framed on the work: the hairline's middle is on screen.
    let middle = Point::new(222.0, 74.0);
    let (mx, my) = (
        (middle.x - view.origin_px.x) * view.scale,
        (middle.y - view.origin_px.y) * view.scale,
    );
    assert!(
        mx > 0.0 && my > 0.0 && mx < size[0] as f64 && my < size[1] as f64,
        "the hairline's middle at ({mx:.0}, {my:.0}) of {size:?}"
    );

    // Before and after differ visibly at the impressions, at the zoom presentation opens at.
    let (share, shown) = impressions_that_show(h.state_mut(), &photo, view, size, 8.0);
    let (fit_share, _) = impressions_that_show(h.state_mut(), &photo, fit_view, fit_size, 8.0);
    eprintln!(
        "presentation at {:.0} % ({:.1} screen px a mm): {:.0} % of {shown} impressions show; at the whole-photo zoom ({:.0} %): {:.0} %",
        view.scale * 100.0,
        view.scale / mm_per_px,
        share * 100.0,
        fit_view.scale * 100.0,
        fit_share * 100.0
    );
    assert!(
        shown > 500,
        "the treated area is on screen: {shown} impressions"
    );
    assert!(
        share > 0.5,
        "only {:.0} % of the impressions show",
        share * 100.0
    );

    // The whole head, one click away.
    h.get_by_label("Whole head").click();
    h.run_steps(3);
    let (whole, _, _) = h.state().canvas_view().unwrap();
    assert!((whole.scale - view.scale).abs() > 1e-6 && whole.scale < view.scale);
}
