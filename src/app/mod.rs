//! The egui studio.

use std::path::PathBuf;

pub fn run(_design: Option<PathBuf>) -> i32 {
    eprintln!("error: the studio is not built yet");
    1
}
