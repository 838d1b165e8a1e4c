//! `cargo bench --bench head`: a whole-scalp head design of about 60,000 impressions seen in five
//! photos, each figure beside a peer measured in the same run (the machines are shared: absolute
//! times drift, ratios hold). Run under `taskset -c 0` for the one-core figures.
//!
//! - the live loop: regenerating the head design's dots (field on the scalp map, dots laid out
//!   on the skin) against the same work on a flat design of the same count, and against the
//!   layout on the map of before issue 30;
//! - the head's layout chart, made once per head size and kept, against the 2 s target;
//! - each photo's view of them (projection, culling, foreshortening) against that regeneration;
//! - the preview catching up on one photo at 1920x1080 (regenerate, project, render) against
//!   the 50 ms target, and the render alone against a plain copy of the frame;
//! - registering one photo, and all five together, against the 50 ms target; fitting the
//!   head's three axes to the five photos against registering them once.

use hairline::design::{Design, Zone, load_design};
use hairline::geometry::Point;
use hairline::head::{
    Camera, HeadShape, Measurements, ScalpChart, V3, ViewInput, ViewKind, dots_in_view,
    exact_clicks, fit_head_shape, register, register_views,
};
use hairline::render::{PhotoPyramid, PreviewOptions, ViewTransform, render_view};
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

mod common;
use common::{ms, time};

fn regenerate(d: &Design) -> hairline::dots::DotSet {
    hairline::engine::compute(d, 0).dots
}

/// The bundled head sample with one zone over the whole scalp (to 100 degrees from the top) at
/// `density`, so that it holds about 60,000 impressions.
fn whole_scalp(density: f64) -> (Design, ScalpChart) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut d = load_design(&root.join("designs/whole-scalp-head.json")).expect("sample");
    let head = d.head.expect("a head design");
    let chart = head.chart();
    let c = chart.side_mm() / 2.0;
    let r = c * (2.0 * (50f64.to_radians()).sin()) / (2.0 * 60f64.to_radians().sin());
    let polygon: Vec<Point> = (0..128)
        .map(|i| {
            let a = i as f64 / 128.0 * std::f64::consts::TAU;
            Point::new(c + r * a.cos(), c + r * a.sin()) * (1.0 / head.map_mm_per_px)
        })
        .collect();
    let v = &mut d.variants[0];
    v.zones = vec![Zone {
        name: "whole scalp".into(),
        shape: hairline::design::Shape {
            polygons: vec![polygon],
            strokes: vec![],
        },
        density_per_cm2: density,
        feather_mm: 10.0,
    }];
    (d, chart)
}

/// A flat design (today's path) of about `n` dots: the bundled flat sample's top zone at a
/// density that gives that count.
fn flat_peer(n: usize) -> Design {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut d = load_design(&root.join("designs/crown-density.json")).expect("sample");
    let v = &mut d.variants[0];
    v.zones.truncate(1);
    v.zones[0].shape.polygons = vec![vec![
        Point::new(0.0, 0.0),
        Point::new(2400.0, 0.0),
        Point::new(2400.0, 1800.0),
        Point::new(0.0, 1800.0),
    ]];
    let area_cm2 = 2400.0 * 1800.0 * d.calibration.mm_per_px().powi(2) / 100.0;
    v.zones[0].density_per_cm2 = (n as f64 / area_cm2).min(200.0);
    v.zones[0].feather_mm = 0.0;
    d
}

/// Five photos of the head: the sample's front, left and top, and a right 45-degree and a back.
fn cameras(head: &hairline::head::HeadShape) -> Vec<(ViewKind, Camera)> {
    let size = (1512.0, 2016.0);
    let f = hairline::head::focal_px_from_35mm(52.0, size.0, size.1);
    let up = V3::new(0.0, 1.0, 0.0);
    let mut v: Vec<(ViewKind, Camera)> = hairline::head::sample_views()
        .into_iter()
        .map(|(_, k, c)| (k, c))
        .collect();
    v.push((
        ViewKind::Right,
        Camera::look_at(V3::new(-500.0, 60.0, 500.0), V3::default(), up, f, size),
    ));
    v.push((
        ViewKind::Back,
        // From behind and above, as a crown photo is taken: it sees the pen dots of the crown
        // that the top photo sees too, which is what places it (the back has no landmarks).
        Camera::look_at(V3::new(0.0, 420.0, -560.0), V3::default(), up, f, size),
    ));
    let _ = head;
    v
}

fn main() {
    println!(
        "threads: {} (run under `taskset -c 0` for the one-core figures)",
        hairline::par::threads()
    );
    let (design, chart) = whole_scalp(145.0);
    let dots = regenerate(&design);
    let n = dots.dots.len();
    let head_t = time(11, || regenerate(&design).dots.len());
    let flat = flat_peer(n);
    let flat_n = regenerate(&flat).dots.len();
    let flat_t = time(11, || regenerate(&flat).dots.len());
    println!(
        "head design regenerated: {n} impressions in {:.2} ms",
        ms(head_t)
    );
    println!(
        "flat design regenerated: {flat_n} impressions in {:.2} ms",
        ms(flat_t)
    );
    let per = |t: Duration, n: usize| t.as_secs_f64() / n as f64;
    let mut ratios = vec![
        format!(
            "head design against a flat one, per impression: {:.2}x the time",
            per(head_t, n) / per(flat_t, flat_n)
        ),
        format!(
            "head design against a flat one, whole regeneration: {:.2}x the time",
            head_t.as_secs_f64() / flat_t.as_secs_f64()
        ),
    ];
    // The layout of before: the flat tile thresholded on the scalp map.
    let map_layout = || {
        let v = &design.variants[0];
        let field = hairline::density::DensityField::build(&design, v);
        hairline::dots::generate(&design, v, &field).dots.len()
    };
    let map_n = map_layout();
    let map_t = time(11, map_layout);
    println!(
        "the same head design laid out on the map (before issue 30): {map_n} impressions in {:.2} ms",
        ms(map_t)
    );
    ratios.push(format!(
        "laid out on the skin against on the map: {:.2}x the time",
        head_t.as_secs_f64() / map_t.as_secs_f64()
    ));
    // The layout chart, made once per head size (kept while the head stays the same size).
    let build_t = time(3, || hairline::head::build_warp(&chart).nodes.len());
    let kept_t = time(11, || hairline::head::skin_warp(&chart).nodes.len());
    println!(
        "the head's layout chart: made in {:.0} ms, then fetched in {:.4} ms",
        ms(build_t),
        ms(kept_t)
    );
    ratios.push(format!(
        "the head's layout chart made: {:.3}x the 2 s target",
        build_t.as_secs_f64() / 2.0
    ));

    let head = chart.head;
    let cams = cameras(&head);
    let size = (1512.0, 2016.0);
    let mut project_total = Duration::ZERO;
    for (kind, cam) in &cams {
        let seen = dots_in_view(&chart, &dots, cam, size).dots.len();
        let t = time(11, || dots_in_view(&chart, &dots, cam, size).dots.len());
        project_total += t;
        println!(
            "{:>6} view: {seen} impressions seen, projected in {:.2} ms",
            kind.name(),
            ms(t)
        );
    }
    ratios.push(format!(
        "all five views projected: {:.2}x the regeneration (the studio projects only the one shown)",
        project_total.as_secs_f64() / head_t.as_secs_f64()
    ));

    // The preview catching up on the front photo at 1920x1080: what the worker does after a
    // drag ends.
    let photo = PhotoPyramid::new(image::RgbaImage::from_pixel(
        1512,
        2016,
        image::Rgba([200, 170, 150, 255]),
    ));
    let (_, front) = cams[0];
    let view = ViewTransform::fit(1512.0, 2016.0, 1920.0, 1080.0);
    let options = PreviewOptions::default();
    let render = |seen: &hairline::dots::DotSet| {
        render_view(
            &photo,
            &design.variants[0],
            Some(seen),
            &options,
            view,
            (1920, 1080),
        )
        .width()
    };
    let catch_up = time(7, || {
        let d = regenerate(&design);
        render(&dots_in_view(&chart, &d, &front, size))
    });
    let seen = dots_in_view(&chart, &dots, &front, size);
    let render_t = time(7, || render(&seen));
    let src = vec![7u8; 1920 * 1080 * 4];
    let mut dst = vec![0u8; src.len()];
    let copy_t = time(15, || {
        dst.copy_from_slice(black_box(&src));
        dst[12]
    });
    println!(
        "front photo preview at 1920x1080: caught up in {:.1} ms (render alone {:.1} ms, a plain copy {:.2} ms)",
        ms(catch_up),
        ms(render_t),
        ms(copy_t)
    );
    ratios.push(format!(
        "preview caught up after a drag: {:.2}x the 50 ms target",
        catch_up.as_secs_f64() / 0.050
    ));
    ratios.push(format!(
        "render of the front photo: {:.0}x a plain copy of the frame",
        render_t.as_secs_f64() / copy_t.as_secs_f64()
    ));

    // Registration from the clicks a practitioner makes (the model's own points).
    let inputs: Vec<ViewInput> = cams
        .iter()
        .map(|(kind, cam)| ViewInput {
            kind: *kind,
            clicks: exact_clicks(&head, cam, 24),
            size_px: size,
            focal_prior_px: cam.focal_px,
        })
        .collect();
    let one = &inputs[0];
    let one_t = time(11, || {
        register(
            &head,
            one.kind,
            &one.clicks,
            one.size_px,
            one.focal_prior_px,
        )
        .map(|r| r.rms_px)
        .unwrap_or(0.0)
    });
    assert_eq!(
        register_views(&head, &inputs).map(|r| r.len()),
        Ok(inputs.len()),
        "every photo registers"
    );
    let all_t = time(5, || {
        register_views(&head, &inputs).map(|r| r.len()).unwrap_or(0)
    });
    println!(
        "registration: the front photo in {:.2} ms, all five together in {:.1} ms",
        ms(one_t),
        ms(all_t)
    );
    ratios.push(format!(
        "registering one photo: {:.3}x the 50 ms target",
        one_t.as_secs_f64() / 0.050
    ));
    ratios.push(format!(
        "registering all five together: {:.2}x the 50 ms target",
        all_t.as_secs_f64() / 0.050
    ));
    // The head's shape from the photos: on demand (a button), about 150 joint registrations.
    let measured = HeadShape::from_measurements(Measurements {
        breadth_mm: head.measurements().breadth_mm * 0.95,
        ..head.measurements()
    });
    let fit = fit_head_shape(&measured, &inputs).expect("the five photos register");
    assert!(
        (fit.0.axes.x / head.axes.x - 1.0).abs() < 0.01,
        "{:?}",
        fit.0
    );
    let fit_t = time(3, || {
        fit_head_shape(&measured, &inputs)
            .map(|(h, _)| h.axes.x)
            .unwrap_or(0.0)
    });
    println!(
        "the head's length, breadth and height from the five photos: {:.0} ms",
        ms(fit_t)
    );
    ratios.push(format!(
        "the head's shape from five photos: {:.1}x registering them once",
        fit_t.as_secs_f64() / all_t.as_secs_f64()
    ));
    println!("\nratios:");
    for r in ratios {
        println!("  {r}");
    }
}
