//! Hairline Studio: design scalp micropigmentation dot patterns with real sizes, densities and
//! sessions.
//!
//! This crate is the core: the design document, geometry, the density field, the dots, the
//! renderer, the head model, the client records and the report. It never touches a window: no
//! GUI crate is in its dependency tree (the compiler holds that boundary, not a convention). The
//! studio, its OpenGL canvas and the command line are the `hairline-studio` crate on top of it.

// Per-channel colour arithmetic and grid rows read better with an index than with zipped iterators.
#![allow(clippy::needless_range_loop)]

pub mod align;
pub mod colour;
pub mod density;
pub mod design;
pub mod dots;
pub mod engine;
pub mod geometry;
pub mod head;
pub mod heic;
pub mod noise;
pub mod norwood;
pub mod output;
pub mod par;
pub mod photo;
pub mod photo_exif;
pub mod records;
pub mod recycle;
pub mod render;
pub mod report;
pub mod review;
pub mod sample;
pub mod specks;
pub mod stubble;
