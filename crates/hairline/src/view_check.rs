//! A head design's photos checked wherever they are used (`check`, `stats`, `render`, `report`,
//! the studio): each view's photo must be there, be the size and the picture (SHA-256) its clicks
//! were made on, and the view must be placed on the head within a few millimetres. A photo that
//! fails is named with its problem and never shown as the client's.

use crate::design::Design;
use crate::engine::{view_inputs, view_photo_path};
use crate::head::{Registration, register_views, unplaced_views};
use crate::photo::Photo;
use std::path::Path;

/// A view whose clicks fit the head worse than this (rms, on the skin) is taken as misplaced: a
/// careful clicking fits within 1-2 mm; 5 mm off moves a hairline visibly.
pub const REGISTRATION_LIMIT_MM: f64 = 5.0;

/// What is wrong with one view.
#[derive(Clone, Debug, PartialEq)]
pub struct ViewIssue {
    /// Index in `design.views`.
    pub view: usize,
    pub name: String,
    /// What is wrong, naming the file where there is one.
    pub problem: String,
    /// Whether the view's photo may still be shown (a poor fit is shown, with the warning).
    pub shown: bool,
}

impl std::fmt::Display for ViewIssue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "view \"{}\": {}", self.name, self.problem)
    }
}

/// A head design's views as checked: each one's photo (when it loads as the one clicked on), its
/// place on the head (when it can be placed), and every problem found.
pub struct CheckedViews {
    pub photos: Vec<Option<Photo>>,
    pub registrations: Vec<Option<Registration>>,
    pub issues: Vec<ViewIssue>,
}

impl CheckedViews {
    /// Whether view `k` may be shown as the client's photo.
    pub fn usable(&self, k: usize) -> bool {
        self.photos.get(k).is_some_and(Option::is_some)
            && self.registrations.get(k).is_some_and(Option::is_some)
            && !self.issues.iter().any(|i| i.view == k && !i.shown)
    }
}

/// Checks every view of `design` (read from `design_path`). With `load_photos` false only the
/// placing is checked (and the photos' files are not decoded).
pub fn check_views(design_path: &Path, design: &Design, load_photos: bool) -> CheckedViews {
    let mut issues = Vec::new();
    let issue = |k: usize, problem: String, shown: bool| ViewIssue {
        view: k,
        name: design.views[k].name.clone(),
        problem,
        shown,
    };
    let mut photos = Vec::new();
    for (k, v) in design.views.iter().enumerate() {
        if !load_photos {
            photos.push(None);
            continue;
        }
        let path = view_photo_path(design_path, v);
        let photo = match crate::engine::load_view_photo(design_path, v) {
            Ok(p) => p,
            Err(e) => {
                issues.push(issue(k, e.to_string(), false));
                photos.push(None);
                continue;
            }
        };
        if !v.photo.sha256.is_empty() && v.photo.sha256 != photo.sha256 {
            issues.push(issue(
                k,
                format!(
                    "{}: is not the picture the view was clicked on (its SHA-256 differs); point the view to its own photo",
                    path.display()
                ),
                false,
            ));
            photos.push(None);
            continue;
        }
        photos.push(Some(photo));
    }
    let registrations = match design.head {
        None => Vec::new(),
        Some(head) => {
            let shape = head.shape();
            let inputs = view_inputs(design);
            let unplaced = unplaced_views(&shape, &inputs);
            for (k, e) in &unplaced {
                issues.push(issue(
                    *k,
                    format!("cannot be placed on the head: {e}"),
                    false,
                ));
            }
            // The others are placed together, as if the unplaced ones were not there.
            let placed: Vec<usize> = (0..inputs.len())
                .filter(|k| !unplaced.iter().any(|(u, _)| u == k))
                .collect();
            let subset: Vec<_> = placed.iter().map(|&k| inputs[k].clone()).collect();
            let mut out = vec![None; inputs.len()];
            if let Ok(regs) = register_views(&shape, &subset) {
                for (&k, r) in placed.iter().zip(regs) {
                    if r.rms_mm > REGISTRATION_LIMIT_MM {
                        issues.push(issue(
                            k,
                            format!(
                                "its clicks fit the head only within {:.1} mm rms (over {REGISTRATION_LIMIT_MM} mm): a click is off, or the photo is of another head; what it shows is misplaced",
                                r.rms_mm
                            ),
                            true,
                        ));
                    }
                    out[k] = Some(r);
                }
            }
            out
        }
    };
    issues.sort_by_key(|i| i.view);
    CheckedViews {
        photos,
        registrations,
        issues,
    }
}
