//! The open design, its file, and its undo history.

use crate::design::{Design, save_design};
use std::path::PathBuf;

/// Undo steps kept; older ones are dropped.
const MAX_UNDO: usize = 200;

pub struct Document {
    pub design: Design,
    /// Where it was loaded from / last saved to; `None` for a new design.
    pub path: Option<PathBuf>,
    /// Where the photo is on disk.
    pub photo_path: PathBuf,
    /// Revision counter: bumped by every change, so caches know to recompute.
    pub revision: u64,
    saved_revision: u64,
    undo: Vec<Design>,
    redo: Vec<Design>,
}

impl Document {
    pub fn new(design: Design, path: Option<PathBuf>, photo_path: PathBuf) -> Self {
        Self {
            design,
            path,
            photo_path,
            revision: 1,
            saved_revision: 1,
            undo: Vec::new(),
            redo: Vec::new(),
        }
    }

    pub fn is_dirty(&self) -> bool {
        self.revision != self.saved_revision
    }

    /// Records the state before an edit: call once per gesture (press, not every drag frame).
    pub fn checkpoint(&mut self) {
        self.undo.push(self.design.clone());
        if self.undo.len() > MAX_UNDO {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    /// Marks the design changed (after `checkpoint` and the edit).
    pub fn touch(&mut self) {
        self.revision += 1;
    }

    /// Marks the document as not saved (recovered work).
    pub fn mark_unsaved(&mut self) {
        self.saved_revision = 0;
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn undo(&mut self) {
        if let Some(prev) = self.undo.pop() {
            self.redo.push(std::mem::replace(&mut self.design, prev));
            self.touch();
        }
    }

    pub fn redo(&mut self) {
        if let Some(next) = self.redo.pop() {
            self.undo.push(std::mem::replace(&mut self.design, next));
            self.touch();
        }
    }

    /// Saves to `path` (atomically), rewriting the photo path relative to it. The photo itself
    /// is never a place to save to.
    pub fn save_to(&mut self, path: PathBuf) -> Result<(), String> {
        // A design typed over "photo.jpg" of another client would replace a record with JSON.
        if !path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        {
            return Err(format!(
                "{}: a design is saved as a .json file; choose a name ending in .json",
                path.display()
            ));
        }
        crate::output::refuse_inputs(
            &path,
            &[crate::output::Input {
                path: &self.photo_path,
                what: "the design's photo",
            }],
        )
        .map_err(|e| e.to_string())?;
        let mut d = self.design.clone();
        d.photo.path = crate::engine::relative_photo_path(&path, &self.photo_path);
        save_design(&d, &path).map_err(|e| e.to_string())?;
        self.design.photo.path = d.photo.path;
        self.path = Some(path);
        self.saved_revision = self.revision;
        Ok(())
    }

    pub fn title(&self) -> String {
        let name = self
            .path
            .as_ref()
            .and_then(|p| p.file_name())
            .map_or("Untitled".into(), |n| n.to_string_lossy().into_owned());
        format!(
            "{}{name} — Hairline Studio",
            if self.is_dirty() { "● " } else { "" }
        )
    }
}
