//! Hairline Studio, the application: the egui studio (`app`), its OpenGL canvas (`gpu`) and the
//! command line (`cli`), on top of the core crate `hairline`.
//!
//! The core's modules are re-exported at this crate's root, so the application names them as
//! `crate::design`, `crate::dots`... as it did when they were one crate.

// Per-channel colour arithmetic and grid rows read better with an index than with zipped iterators.
#![allow(clippy::needless_range_loop)]

pub use hairline::*;

pub mod app;
pub mod cli;
pub mod gpu;

/// A bundled sample design, `designs/NAME.json`, for the application's own unit tests (the
/// core's is for the core's).
#[cfg(test)]
pub(crate) fn bundled_design(name: &str) -> design::Design {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("designs")
        .join(format!("{name}.json"));
    design::load_design(&path).expect("bundled sample design")
}
