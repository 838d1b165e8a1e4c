//! The one list of what a job on a design reads, so every writer (the command line's renders,
//! dot lists and reports, the studio's exports and saves, the hand-over archive) is checked
//! against the same files: the design, its photo, every photo of a head design's views, and the
//! client library's files when the design is filed in one.

use super::{Input, InputKind};
use crate::design::Design;
use crate::records::Library;
use crate::records::library::{DESIGNS_DIR, PHOTOS_DIR};
use crate::records::session_log::SESSIONS_DIR;
use crate::records::settings::{SETTINGS_FILE, TEMPLATES_DIR};
use std::path::{Path, PathBuf};

/// Everything a job on `design` (read from `design_path`, when it has a file) reads.
pub fn design_inputs(design_path: Option<&Path>, design: &Design) -> Vec<Input> {
    let base = design_path.unwrap_or(Path::new(""));
    let mut inputs = Vec::new();
    if let Some(p) = design_path {
        inputs.push(Input::new(p, "the design file", InputKind::Design));
    }
    if design.head.is_none() && !design.photo.path.is_empty() {
        inputs.push(Input::new(
            crate::engine::photo_path(base, design),
            "the design's photo",
            InputKind::Photo,
        ));
    }
    for v in &design.views {
        inputs.push(Input::new(
            crate::engine::view_photo_path(base, v),
            format!("the photo of view \"{}\"", v.name),
            InputKind::Photo,
        ));
    }
    if let Some(p) = design_path {
        inputs.extend(library_inputs(p));
    }
    inputs
}

/// The client library's files, when `design` is filed in a client's folder: the library's
/// settings and texts, and the client's details, log, photos and designs.
fn library_inputs(design: &Path) -> Vec<Input> {
    let Some((library, folder)) = Library::of_design(design) else {
        return Vec::new();
    };
    let mut inputs = library_inputs_at(&library.root);
    inputs.extend(client_folder_inputs(&folder.path));
    inputs
}

/// The library's own files at `root`: its settings and the report's texts.
pub fn library_inputs_at(root: &Path) -> Vec<Input> {
    let mut inputs = vec![Input::new(
        root.join(SETTINGS_FILE),
        "the client library's settings",
        InputKind::Record,
    )];
    for f in files_in(&root.join(TEMPLATES_DIR)) {
        inputs.push(Input::new(
            f,
            "a text of the client library",
            InputKind::Record,
        ));
    }
    inputs
}

/// The files of a client's folder: details, session log, photos and designs (what the hand-over
/// archive reads, and what a job on one of the client's designs must never replace).
pub fn client_folder_inputs(folder: &Path) -> Vec<Input> {
    let mut inputs = vec![Input::new(
        folder.join(crate::records::client::CLIENT_FILE),
        "the client's details",
        InputKind::Record,
    )];
    let parts = [
        (
            SESSIONS_DIR,
            "an entry of the client's session log",
            InputKind::Record,
        ),
        (
            PHOTOS_DIR,
            "a photo in the client's folder",
            InputKind::Photo,
        ),
        (
            DESIGNS_DIR,
            "a design in the client's folder",
            InputKind::Design,
        ),
    ];
    for (dir, what, kind) in parts {
        for f in files_in(&folder.join(dir)) {
            inputs.push(Input::new(f, what, kind));
        }
    }
    inputs
}

/// Every file under `dir`, in every subfolder (none when it cannot be read).
fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                // A link to a folder outside is not followed: the library's own files only.
                if !e.file_type().is_ok_and(|t| t.is_symlink()) {
                    todo.push(p);
                }
            } else {
                out.push(p);
            }
        }
    }
    out
}
