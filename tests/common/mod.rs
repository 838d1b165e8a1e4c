//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod gl;

use hairline::design::{Design, load_design};
use std::path::{Path, PathBuf};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the command-line program with `args`, from the project's root.
pub fn run_cli<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_hairline-studio"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("runs")
}

/// The same, failing with what it wrote to stderr unless it exits 0.
pub fn run_cli_ok<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> std::process::Output {
    let o = run_cli(args);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

pub fn sample_paths() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("designs"))
        .expect("designs/ exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    v.sort();
    v
}

pub fn load(path: &Path) -> Design {
    load_design(path).unwrap_or_else(|e| panic!("{e}"))
}

pub fn sample(name: &str) -> Design {
    load(&root().join("designs").join(format!("{name}.json")))
}

/// A bundled sample with its photo path made absolute, so it opens from any folder.
pub fn sample_with_absolute_photo(name: &str) -> Design {
    let mut d = sample(name);
    d.photo.path = root()
        .join("assets/sample-scalp.jpg")
        .to_string_lossy()
        .into_owned();
    d
}

/// The dots of variant `v` after each of its sessions (mm, cumulative), with the density field
/// and the sessions' thresholds they were made by.
pub fn dots_after_each_session(
    d: &Design,
    v: usize,
) -> (
    hairline::density::DensityField,
    hairline::dots::SessionThresholds,
    Vec<Vec<hairline::geometry::Point>>,
) {
    let field = hairline::density::DensityField::build(d, &d.variants[v]);
    let dots = hairline::dots::generate(d, &d.variants[v], &field);
    let th = hairline::dots::SessionThresholds::new(&d.variants[v].sessions);
    let mm = dots.mm_per_px;
    let sessions = (0..dots.session_count)
        .map(|k| {
            dots.dots
                .iter()
                .filter(|p| p.session as usize <= k)
                .map(|p| p.pos_px() * mm)
                .collect()
        })
        .collect();
    (field, th, sessions)
}

/// The sample photo as a later visit's camera would frame it: moved, turned a little, darker.
pub fn later_visit_photo(dir: &Path) -> std::path::PathBuf {
    let photo = image::open(root().join("assets/sample-scalp.jpg"))
        .unwrap()
        .to_rgba8();
    // later pixel -> design pixel: the inverse of a 4% zoom, 2 degree turn and a shift.
    let (s, deg): (f64, f64) = (1.04, 2.0);
    let (sin, cos) = deg.to_radians().sin_cos();
    let inv = |x: f64, y: f64| {
        let (x, y) = (x - 50.0, y + 30.0);
        ((cos * x + sin * y) / s, (-sin * x + cos * y) / s)
    };
    let later = image::RgbaImage::from_fn(photo.width(), photo.height(), |x, y| {
        let (px, py) = inv(x as f64, y as f64);
        let (px, py) = (px.round() as i64, py.round() as i64);
        if px < 0 || py < 0 || px >= photo.width() as i64 || py >= photo.height() as i64 {
            return image::Rgba([90, 90, 90, 255]);
        }
        let p = photo.get_pixel(px as u32, py as u32);
        image::Rgba([p[0] / 10 * 9, p[1] / 10 * 9, p[2] / 10 * 9, 255])
    });
    let path = dir.join("visit-2027-03-01-top.png");
    later.save(&path).unwrap();
    path
}

/// Per-pixel error between two renders of the same size (the largest of the three channels),
/// as its mean and 99th percentile, in 8-bit levels.
pub fn pixel_error(a: &image::RgbaImage, b: &image::RgbaImage) -> (f64, u8) {
    let mut errors: Vec<u8> = a
        .pixels()
        .zip(b.pixels())
        .map(|(p, q)| (0..3).map(|c| p[c].abs_diff(q[c])).max().unwrap_or(0))
        .collect();
    let mean = errors.iter().map(|&e| e as f64).sum::<f64>() / errors.len() as f64;
    errors.sort_unstable();
    (mean, errors[errors.len() * 99 / 100])
}
