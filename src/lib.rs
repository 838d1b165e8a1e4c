//! Hairline Studio: design scalp micropigmentation dot patterns with real sizes, densities and
//! sessions.
//!
//! The core (`design`, `geometry`, `density`, `dots`, `render`, `photo`, `engine`) never touches a
//! window; `gpu` draws the same preview with OpenGL for the studio's canvas, `app` is the egui
//! studio and `cli` the command line.

// Per-channel colour arithmetic and grid rows read better with an index than with zipped iterators.
#![allow(clippy::needless_range_loop)]

pub mod align;
pub mod app;
pub mod cli;
pub mod colour;
pub mod density;
pub mod design;
pub mod dots;
pub mod engine;
pub mod geometry;
pub mod gpu;
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
pub mod view_check;
