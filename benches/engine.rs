//! `cargo bench`: the engine's speed, each figure beside a peer measured in the same run, because
//! the machines are shared and noisy: absolute times drift, ratios hold.
//!
//! - generation: dots per second of the full path (density field + dots) against `fast_poisson`
//!   (Bridson's dart throwing) producing the same number of dots;
//! - a full design of about 100k dots regenerated, against the 16.7 ms of a 60 fps frame;
//! - rendering 100k dots on a 1920x1080 viewport and a 12-megapixel export composite, against a
//!   plain copy of the same buffer (the memory-bandwidth floor).

use hairline::density::DensityField;
use hairline::design::{Design, Shape, Zone, load_design};
use hairline::dots::generate;
use hairline::geometry::Point;
use hairline::render::{
    Caption, ExportKind, PhotoPyramid, PreviewOptions, ViewTransform, export_composite, render_view,
};
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

/// Median wall time of `reps` runs (after one warm-up run).
fn time<T>(reps: usize, mut f: impl FnMut() -> T) -> Duration {
    black_box(f());
    let mut times: Vec<Duration> = (0..reps)
        .map(|_| {
            let t = Instant::now();
            black_box(f());
            t.elapsed()
        })
        .collect();
    times.sort();
    times[reps / 2]
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

fn sample(name: &str) -> Design {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("designs")
        .join(format!("{name}.json"));
    load_design(&path).unwrap_or_else(|e| panic!("{e}"))
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

/// The soft-hairline sample with the strip scar added, the photo covering 2.45 times the width (a
/// whole large scalp) and the zones at high density, to hold about 100k dots: hairline, feathered
/// zones, scar and three sessions.
fn full_design() -> Design {
    let mut d = sample("shaved-soft-hairline");
    let scar = sample("fut-scar-camouflage").variants[0].scars.clone();
    d.variants[0].scars = scar;
    d.calibration.distance_mm *= 2.45;
    for z in &mut d.variants[0].zones {
        z.density_per_cm2 = (z.density_per_cm2 * 2.05).min(200.0);
    }
    d
}

fn regenerate(d: &Design) -> usize {
    let field = DensityField::build(d, &d.variants[0]);
    generate(d, &d.variants[0], &field).dots.len()
}

fn main() {
    let mut rows: Vec<(String, String)> = Vec::new();
    let mut ratios: Vec<String> = Vec::new();

    // Calibrate Bridson's radius to the dot count: count per area at radius 1 on a 100 x 100 domain.
    let per_area = fast_poisson::Poisson2D::new()
        .with_dimensions([100.0, 100.0], 1.0)
        .with_seed(1)
        .generate()
        .len() as f64
        / 10_000.0;
    for n in [10_000usize, 100_000, 300_000] {
        let d = flat_design(n);
        let ours_n = regenerate(&d);
        let ours = time(if n > 100_000 { 7 } else { 15 }, || regenerate(&d));
        let side = (n as f64).sqrt();
        let radius = (per_area / (n as f64 / (side * side))).sqrt();
        let poisson = fast_poisson::Poisson2D::new()
            .with_dimensions([side, side], radius)
            .with_seed(7);
        let peer_n = poisson.generate().len();
        let peer = time(3, || poisson.generate().len());
        let ours_rate = ours_n as f64 / ours.as_secs_f64();
        let peer_rate = peer_n as f64 / peer.as_secs_f64();
        let label = format!("{}k", n / 1000);
        rows.push((
            format!("generate {label} dots (field + dots)"),
            format!("{ours_n} dots in {:.2} ms", ours.as_secs_f64() * 1e3),
        ));
        rows.push((
            format!("fast_poisson {label} dots"),
            format!("{peer_n} dots in {:.1} ms", peer.as_secs_f64() * 1e3),
        ));
        ratios.push(format!(
            "fast_poisson {label} dots: {:.0}x",
            ours_rate / peer_rate
        ));
    }

    let full = full_design();
    let full_n = regenerate(&full);
    let full_t = time(15, || regenerate(&full));
    rows.push((
        "full design regenerated".into(),
        format!("{full_n} dots in {:.2} ms", full_t.as_secs_f64() * 1e3),
    ));
    ratios.push(format!(
        "60 fps frame (16.7 ms) full design {}k dots: {:.1}x headroom",
        full_n / 1000,
        0.016_667 / full_t.as_secs_f64()
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
