//! The open design, its file, and its undo history.

use crate::design::{Design, save_design};
use std::collections::VecDeque;
use std::path::PathBuf;

/// Undo steps kept; older ones are dropped.
const MAX_UNDO: usize = 200;

pub struct Document {
    /// The design as it is now: read through [`Document::design`], changed only through
    /// [`Document::edit`] or, for widgets bound to its fields, [`Document::bind`], so that no
    /// change escapes the undo history.
    design: Design,
    /// Where it was loaded from / last saved to; `None` for a new design.
    pub path: Option<PathBuf>,
    /// Where the photo is on disk.
    pub photo_path: PathBuf,
    /// Revision counter: bumped by every change, so caches know to recompute.
    pub revision: u64,
    saved_revision: u64,
    /// The revision a new design started at, while nothing has been done to it: unsaved, yet
    /// nothing to lose, so replacing or closing it asks nothing.
    untouched: Option<u64>,
    /// The design as it was before the open gesture began (or now, between gestures): what an
    /// undo step of the next gesture will hold. Kept so that a change can be recorded without
    /// copying the design on every frame to compare.
    committed: Design,
    /// The gesture whose edits are gathered into one undo step.
    open: Option<Gesture>,
    undo: VecDeque<Design>,
    redo: Vec<Design>,
}

/// The design's fields bound to widgets, for one gesture (see [`Document::bind`]).
pub struct Bound<'a> {
    doc: &'a mut Document,
    gesture: Gesture,
    changed: bool,
}

impl Bound<'_> {
    /// The widgets changed the design: recorded as a step of the gesture when the binding ends.
    pub fn changed(&mut self) {
        self.changed = true;
    }
}

impl std::ops::Deref for Bound<'_> {
    type Target = Design;
    fn deref(&self) -> &Design {
        &self.doc.design
    }
}

impl std::ops::DerefMut for Bound<'_> {
    fn deref_mut(&mut self) -> &mut Design {
        &mut self.doc.design
    }
}

impl Drop for Bound<'_> {
    fn drop(&mut self) {
        if self.changed {
            self.doc.edited_in_place(self.gesture);
        } else {
            // A change the widgets did not report would escape undo. Between gestures the design
            // must still be the committed one; checked in debug builds (the tests), where the
            // comparison's cost on every frame does not matter.
            debug_assert!(
                self.doc.open.is_some() || self.doc.design == self.doc.committed,
                "a widget changed the design without saying so"
            );
        }
    }
}

/// What an edit belongs to: the edits of one gesture make one undo step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gesture {
    /// A single action (a click, a button, a command): an undo step of its own.
    Once,
    /// A drag or stroke on the canvas, until the pointer is released.
    Canvas,
    /// Edits in the side panels, until the pointer is released and no field has the focus.
    Panel,
}

impl Document {
    pub fn new(design: Design, path: Option<PathBuf>, photo_path: PathBuf) -> Self {
        Self {
            committed: design.clone(),
            design,
            path,
            photo_path,
            revision: 1,
            saved_revision: 1,
            untouched: None,
            open: None,
            undo: VecDeque::new(),
            redo: Vec::new(),
        }
    }

    pub fn is_dirty(&self) -> bool {
        self.revision != self.saved_revision
    }

    /// Whether replacing or closing the design would lose work: it has unsaved changes, and is
    /// not a new design still as it was started (a photo just opened is not worth a question).
    pub fn has_unsaved_work(&self) -> bool {
        self.is_dirty() && self.untouched != Some(self.revision)
    }

    /// Marks a design just started on a photo: unsaved (Save asks where), but untouched.
    pub fn mark_new(&mut self) {
        self.saved_revision = 0;
        self.untouched = Some(self.revision);
    }

    /// Every change of the design goes through here: it records the undo step for the gesture
    /// (once, at its first edit), marks the document changed and so invalidates what depends on
    /// the design (dots, preview, counts all follow the revision).
    pub fn edit<R>(&mut self, gesture: Gesture, change: impl FnOnce(&mut Design) -> R) -> R {
        self.begin(gesture);
        let r = change(&mut self.design);
        self.changed(gesture);
        r
    }

    /// The design as it is now.
    pub fn design(&self) -> &Design {
        &self.design
    }

    /// The design's fields for widgets bound straight to them, as one step of `gesture`: the
    /// widgets change the fields themselves and say so with [`Bound::changed`], recorded when
    /// the binding ends (a change left unsaid fails a debug assertion: the tests find it).
    pub fn bind(&mut self, gesture: Gesture) -> Bound<'_> {
        Bound {
            doc: self,
            gesture,
            changed: false,
        }
    }

    /// Changes the design as it was opened, before any edit: a fact about the file (whose client
    /// it is), not an edit, so there is no undo step to it and undoing a later edit keeps it.
    /// Only while nothing has been done to the design yet; otherwise it is an ordinary edit.
    pub fn amend_as_opened(&mut self, change: impl FnOnce(&mut Design)) {
        if self.undo.is_empty() && self.redo.is_empty() && self.open.is_none() {
            change(&mut self.design);
            self.committed = self.design.clone();
            let before = self.revision;
            self.revision += 1;
            // A new design still as it was started stays so: naming it is not work to lose.
            if self.untouched == Some(before) {
                self.untouched = Some(self.revision);
            }
        } else {
            self.edit(Gesture::Once, change);
        }
    }

    /// Records a change that widgets bound to the design's fields already made, as `edit` would
    /// have (the state before it is `committed`).
    fn edited_in_place(&mut self, gesture: Gesture) {
        self.begin(gesture);
        self.changed(gesture);
    }

    /// Ends `gesture` if it is the open one: its edits are one undo step from now on.
    pub fn end_gesture(&mut self, gesture: Gesture) {
        if self.open == Some(gesture) {
            self.open = None;
            self.committed = self.design.clone();
        }
    }

    fn begin(&mut self, gesture: Gesture) {
        if self.open == Some(gesture) {
            return;
        }
        if let Some(other) = self.open {
            self.end_gesture(other);
        }
        self.undo.push_back(self.committed.clone());
        if self.undo.len() > MAX_UNDO {
            self.undo.pop_front();
        }
        self.redo.clear();
        self.open = Some(gesture);
    }

    fn changed(&mut self, gesture: Gesture) {
        self.revision += 1;
        if gesture == Gesture::Once {
            self.end_gesture(gesture);
        }
    }

    /// Marks the document as not saved (recovered work, a design moved onto a resized photo).
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
        if let Some(open) = self.open {
            self.end_gesture(open);
        }
        if let Some(prev) = self.undo.pop_back() {
            self.redo.push(std::mem::replace(&mut self.design, prev));
            self.committed = self.design.clone();
            self.revision += 1;
        }
    }

    pub fn redo(&mut self) {
        if let Some(open) = self.open {
            self.end_gesture(open);
        }
        if let Some(next) = self.redo.pop() {
            self.undo
                .push_back(std::mem::replace(&mut self.design, next));
            self.committed = self.design.clone();
            self.revision += 1;
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
        if d.head.is_some() {
            // The scalp map has no file; each photo of the head is written relative to the
            // design, wherever it was read from.
            d.photo.path.clear();
            let from = self.path.clone().unwrap_or_default();
            for v in &mut d.views {
                let photo = crate::engine::view_photo_path(&from, v);
                v.photo.path = crate::engine::relative_photo_path(&path, &photo);
            }
        }
        save_design(&d, &path).map_err(|e| e.to_string())?;
        // Where the photo is written from here is bookkeeping, not an edit to undo.
        self.design.photo.path = d.photo.path.clone();
        self.committed.photo.path = d.photo.path;
        for (k, v) in d.views.iter().enumerate() {
            for design in [&mut self.design, &mut self.committed] {
                if let Some(mine) = design.views.get_mut(k) {
                    mine.photo.path = v.photo.path.clone();
                }
            }
        }
        self.path = Some(path);
        self.saved_revision = self.revision;
        Ok(())
    }

    /// The file's name, "Untitled" before its first save.
    pub fn short_name(&self) -> String {
        self.path
            .as_ref()
            .and_then(|p| p.file_name())
            .map_or("Untitled".into(), |n| n.to_string_lossy().into_owned())
    }

    pub fn title(&self) -> String {
        let name = self.short_name();
        format!(
            "{}{name} — Hairline Studio",
            if self.is_dirty() { "● " } else { "" }
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Document {
        let d = crate::bundled_design("crown-density");
        Document::new(d, None, PathBuf::from("photo.jpg"))
    }

    #[test]
    fn a_gesture_is_one_undo_step_and_history_is_bounded() {
        let mut doc = doc();
        let start = doc.design.seed;
        for i in 0..5 {
            doc.edit(Gesture::Canvas, |d| d.seed = start + i + 1);
        }
        doc.end_gesture(Gesture::Canvas);
        doc.edit(Gesture::Once, |d| d.seed = 100);
        doc.undo();
        assert_eq!(doc.design.seed, start + 5, "the click is undone alone");
        doc.undo();
        assert_eq!(doc.design.seed, start, "the whole drag is one step");
        assert!(!doc.can_undo());
        doc.redo();
        assert_eq!(doc.design.seed, start + 5);
        for i in 0..(MAX_UNDO as u64 + 50) {
            doc.edit(Gesture::Once, |d| d.seed = i);
        }
        assert_eq!(doc.undo.len(), MAX_UNDO, "the oldest steps are dropped");
    }

    #[test]
    fn in_place_edits_are_undone_to_the_state_before_them() {
        let mut doc = doc();
        let before = doc.design.clone();
        let mut fields = doc.bind(Gesture::Panel);
        fields.client.name = "typed".into();
        fields.changed();
        drop(fields);
        let mut fields = doc.bind(Gesture::Panel);
        fields.client.name = "typed more".into();
        fields.changed();
        drop(fields);
        doc.end_gesture(Gesture::Panel);
        assert!(doc.is_dirty());
        doc.undo();
        assert_eq!(doc.design, before);
    }

    #[test]
    fn the_client_a_design_is_opened_for_survives_undoing_the_first_edit() {
        let mut doc = doc();
        doc.amend_as_opened(|d| {
            d.client.name = "Maria Silva".into();
            d.client.id = "maria-silva-1".into();
        });
        assert!(!doc.can_undo(), "naming the client is no undo step");
        doc.edit(Gesture::Once, |d| d.calibration.distance_mm = 12.0);
        doc.undo();
        assert_eq!(doc.design.client.name, "Maria Silva");
        assert_eq!(doc.design.client.id, "maria-silva-1");
        assert!(!doc.can_undo());
    }
}
