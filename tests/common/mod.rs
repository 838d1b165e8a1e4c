//! Helpers shared by the integration tests.
#![allow(dead_code)]

use hairline::design::{Design, load_design};
use std::path::{Path, PathBuf};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
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
