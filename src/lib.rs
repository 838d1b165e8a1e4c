//! Hairline Studio: design scalp micropigmentation dot patterns with real sizes, densities and
//! sessions.
//!
//! The core (`design`, `geometry`, `density`, `dots`, `render`, `photo`) never touches a window;
//! `app` is the egui studio and `cli` the command line.

pub mod app;
pub mod cli;
pub mod density;
pub mod design;
pub mod dots;
pub mod engine;
pub mod geometry;
pub mod noise;
pub mod photo;
pub mod render;
pub mod sample;
