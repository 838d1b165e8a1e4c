//! `cargo bench`: the engine's speed, each figure beside a peer measured in the same run, because
//! the machines are shared and noisy: absolute times drift, ratios hold.
//!
//! - a full design of about 100k dots regenerated (the whole path: density field and dots), on
//!   layout 2 and on layout 1, against the 16.7 ms of a 60 fps frame, and against `fast_poisson`
//!   (Bridson's dart throwing) and the `bluenoise` crate making the same number of points;
//! - the cost per dot from 300k to 3 million dots (linear growth);
//! - rendering 100k dots on a 1920x1080 viewport and a 12-megapixel export composite, against a
//!   plain copy of the same buffer (the memory-bandwidth floor).

use bluenoise::BlueNoise;
use hairline::density::DensityField;
use hairline::design::{Design, Layout, Shape, Zone};
use hairline::dots::generate;
use hairline::geometry::Point;
use hairline::render::{
    Caption, ExportKind, PhotoPyramid, PreviewOptions, ViewTransform, export_composite, render_view,
};
use rand::rngs::StdRng;
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

mod common;
use common::{full_design, ms, sample, time};

/// The radius at which `make(side, radius)` gives about `n` points: measured at radius 1 on a
/// 100 mm square and scaled (a Poisson-disk count goes with the inverse square of the radius).
fn calibrated_radius(n: usize, side: f64, make: impl Fn(f64, f64) -> usize) -> f64 {
    let per_area = make(100.0, 1.0) as f64 / 10_000.0;
    (per_area / (n as f64 / (side * side))).sqrt()
}

/// Median time of a plain copy of a `len`-byte buffer: the memory-bandwidth floor of a render of
/// that size.
fn copy_time(len: usize) -> Duration {
    let src = vec![7u8; len];
    let mut dst = vec![0u8; len];
    time(15, || {
        dst.copy_from_slice(black_box(&src));
        dst[12]
    })
}

/// A square photo holding one zone of 100 impressions/cm² (1 per mm²) with about `n` dots.
fn flat_design(n: usize) -> Design {
    let mut d = sample("crown-density");
    let side_mm = (n as f64).sqrt();
    let side_px = (side_mm * 10.0).ceil() + 2.0;
    d.photo.width_px = side_px as u32;
    d.photo.height_px = side_px as u32;
    d.calibration.a_px = Point::new(0.0, 0.0);
    d.calibration.b_px = Point::new(100.0, 0.0);
    d.calibration.distance_mm = 10.0;
    let v = &mut d.variants[0];
    v.test_patch = None;
    v.zones = vec![Zone {
        name: "all".into(),
        shape: Shape {
            polygons: vec![vec![
                Point::new(1.0, 1.0),
                Point::new(side_px - 1.0, 1.0),
                Point::new(side_px - 1.0, side_px - 1.0),
                Point::new(1.0, side_px - 1.0),
            ]],
            strokes: vec![],
        },
        density_per_cm2: 100.0,
        feather_mm: 0.0,
    }];
    d
}

fn regenerate(d: &Design) -> usize {
    let field = DensityField::build(d, &d.variants[0]);
    generate(d, &d.variants[0], &field).dots.len()
}

fn main() {
    let mut rows: Vec<(String, String)> = Vec::new();
    let mut ratios: Vec<String> = Vec::new();

    println!(
        "threads: {} (run under `taskset -c 0` for the one-core figures)",
        hairline::par::threads()
    );
    let full = full_design();
    let full_n = regenerate(&full);
    let full_t = time(15, || regenerate(&full));
    let mut full_v1 = full.clone();
    full_v1.layout = Layout::V1;
    let v1_n = regenerate(&full_v1);
    let v1_t = time(15, || regenerate(&full_v1));
    rows.push((
        "full design regenerated (layout 2)".into(),
        format!("{full_n} dots in {:.2} ms", ms(full_t)),
    ));
    rows.push((
        "full design regenerated (layout 1)".into(),
        format!("{v1_n} dots in {:.2} ms", ms(v1_t)),
    ));
    ratios.push(format!(
        "60 fps frame (16.7 ms) full design {}k dots: {:.1}x headroom",
        full_n / 1000,
        0.016_667 / full_t.as_secs_f64()
    ));
    ratios.push(format!(
        "layout 1 full design: {:.2}x the time of layout 2",
        v1_t.as_secs_f64() / full_t.as_secs_f64()
    ));

    // Peers making the same number of blue-noise points as the full design, in a square of the
    // same density (dart throwing has no variable density, so this flatters them).
    let side = 100.0 * (full_n as f64 / 10_000.0).sqrt();
    let fp_radius = calibrated_radius(full_n, side, |side, r| {
        fast_poisson::Poisson2D::new()
            .with_dimensions([side, side], r)
            .with_seed(1)
            .generate()
            .len()
    });
    let fp = fast_poisson::Poisson2D::new()
        .with_dimensions([side, side], fp_radius)
        .with_seed(7);
    let fp_n = fp.generate().len();
    let fp_t = time(3, || fp.generate().len());
    let bn_radius = calibrated_radius(full_n, side, |side, r| {
        BlueNoise::<StdRng>::from_seed(side as f32, side as f32, r as f32, 1).count()
    });
    let bn_n =
        BlueNoise::<StdRng>::from_seed(side as f32, side as f32, bn_radius as f32, 7).count();
    let bn_t = time(3, || {
        BlueNoise::<StdRng>::from_seed(side as f32, side as f32, bn_radius as f32, 7).count()
    });
    for (name, n, t) in [("fast_poisson", fp_n, fp_t), ("bluenoise", bn_n, bn_t)] {
        rows.push((
            format!("{name}, same count"),
            format!("{n} dots in {:.1} ms", ms(t)),
        ));
        let per_dot = |t: Duration, n: usize| t.as_secs_f64() / n as f64;
        ratios.push(format!(
            "{name} at the full design's count: ours {:.0}x faster per dot",
            per_dot(t, n) / per_dot(full_t, full_n)
        ));
    }

    // Growth: the cost per dot from 300k to 3 million dots (one zone of 100/cm2).
    let mut per_dot = Vec::new();
    for n in [300_000usize, 1_000_000, 3_000_000] {
        let d = flat_design(n);
        let got = regenerate(&d);
        let t = time(if n > 1_000_000 { 3 } else { 5 }, || regenerate(&d));
        let ns = t.as_secs_f64() * 1e9 / got as f64;
        rows.push((
            format!("flat design, {}k dots", n / 1000),
            format!("{got} dots in {:.1} ms ({ns:.1} ns a dot)", ms(t)),
        ));
        per_dot.push(ns);
    }
    ratios.push(format!(
        "cost per dot, 3M against 300k dots: {:.2}x (linear: 1x)",
        per_dot[2] / per_dot[0]
    ));

    // Rendering: the 100k-dot design on a 1920x1080 viewport.
    let photo = hairline::photo::load_photo(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample-scalp.jpg"),
    )
    .expect("sample photo")
    .image;
    let pyramid = PhotoPyramid::new(photo);
    let field = DensityField::build(&full, &full.variants[0]);
    let dots = generate(&full, &full.variants[0], &field);
    let options = PreviewOptions::default();
    let view = ViewTransform::fit(
        pyramid.width() as f64,
        pyramid.height() as f64,
        1920.0,
        1080.0,
    );
    let vp = time(15, || {
        render_view(
            &pyramid,
            &full.variants[0],
            Some(&dots),
            &options,
            view,
            (1920, 1080),
        )
    });
    versus_copy(
        &mut rows,
        &mut ratios,
        ("render 1920x1080 viewport", "copy 1920x1080 RGBA buffer"),
        "viewport 1920x1080",
        dots.dots.len(),
        vp,
        1920 * 1080 * 4,
    );

    // A 12-megapixel export: the sample photo scaled to 4000x3000 with the design scaled alike.
    let big = image::imageops::resize(
        &pyramid.levels[0],
        4000,
        3000,
        image::imageops::FilterType::Triangle,
    );
    let big_pyramid = PhotoPyramid::new(big);
    let mut d12 = full.clone();
    d12.rescale_to_photo(4000, 3000);
    let field12 = DensityField::build(&d12, &d12.variants[0]);
    let dots12 = generate(&d12, &d12.variants[0], &field12);
    let caption = Caption {
        client: "Bench".into(),
        date: "2026-11-23".into(),
        design: "full".into(),
        session: "All".into(),
        look: "Healed".into(),
        warning: String::new(),
    };
    let export = || {
        export_composite(
            &big_pyramid,
            &d12.variants[0],
            &dots12,
            &options,
            ExportKind::Preview,
            &caption,
        )
    };
    let out = export();
    let ex = time(5, export);
    versus_copy(
        &mut rows,
        &mut ratios,
        (
            &format!("export composite {}x{}", out.width(), out.height()),
            "copy of the same buffer",
        ),
        "export 12 MP",
        dots12.dots.len(),
        ex,
        out.as_raw().len(),
    );

    let w = rows.iter().map(|r| r.0.len()).max().unwrap_or(10);
    println!("\n{:<w$}  result", "measurement");
    println!("{}", "-".repeat(w + 30));
    for (a, b) in &rows {
        println!("{a:<w$}  {b}");
    }
    println!("\nratios (ours against the peer, same run):");
    for r in &ratios {
        println!("{r}");
    }
}

/// Reports a render of `dots` that took `took` beside a plain copy of its `bytes`-long output:
/// the two rows `labels`, and the ratio named after `what`.
fn versus_copy(
    rows: &mut Vec<(String, String)>,
    ratios: &mut Vec<String>,
    labels: (&str, &str),
    what: &str,
    dots: usize,
    took: Duration,
    bytes: usize,
) {
    let copy = copy_time(bytes);
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    rows.push((
        labels.0.into(),
        format!("{dots} dots in {:.2} ms", ms(took)),
    ));
    rows.push((labels.1.into(), format!("{:.3} ms", ms(copy))));
    ratios.push(format!(
        "buffer copy {what}: {:.1}x the copy time",
        took.as_secs_f64() / copy.as_secs_f64()
    ));
}
