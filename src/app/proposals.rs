//! Where the studio proposes to put each file it writes, and under which name. The answer comes
//! from the design the file is made of, never from whichever client the library has selected:
//! a design filed under a client (or drawn on a photo from their folder) proposes that client's
//! folder and name; a design that belongs to no client proposes its own folder, so one client's
//! plan is never offered into another's record.

use super::Studio;
use super::dialogs::Purpose;
use crate::records::ClientFolder;
use crate::records::library::{DESIGNS_DIR, client_folder_of as filed_under};
use std::path::{Path, PathBuf};

/// The client's name as their folder records it.
fn recorded_name(folder: &Path) -> Option<String> {
    ClientFolder {
        path: folder.to_path_buf(),
    }
    .details()
    .ok()
    .map(|d| d.name)
    .filter(|n| !n.trim().is_empty())
}

/// The folder a file is in, made absolute (a design opened by a relative path still proposes a
/// real folder).
fn folder_of(file: &Path) -> Option<PathBuf> {
    std::path::absolute(file)
        .ok()
        .and_then(|p| p.parent().map(Path::to_path_buf))
}

impl Studio {
    /// The folder of the client the open design belongs to: the one it is filed under, else
    /// (a design started on a client's photo, or saved elsewhere) the one its photo is in.
    /// `None` for a design of no client.
    pub fn design_client_folder(&self) -> Option<PathBuf> {
        self.doc
            .path
            .as_deref()
            .and_then(filed_under)
            .or_else(|| filed_under(&self.doc.photo_path))
    }

    /// The name of the open design's client: their folder's record, else the design's own.
    fn design_client_name(&self) -> Option<String> {
        let own = self.doc.design().client.name.trim();
        self.design_client_folder()
            .and_then(|f| recorded_name(&f))
            .or_else(|| (!own.is_empty()).then(|| own.to_string()))
    }

    /// Where a save, export or report of the open design is proposed: the client's designs
    /// folder for the design itself, the client's folder for what is made of it; for a design
    /// of no client, the folder the design is in.
    pub(super) fn proposed_folder(&self, purpose: Purpose) -> Option<PathBuf> {
        // A new design of no client has no folder yet: its photo's is the nearest.
        let own = self
            .doc
            .path
            .as_deref()
            .and_then(folder_of)
            .or_else(|| folder_of(&self.doc.photo_path));
        match purpose {
            Purpose::SaveAs => self
                .design_client_folder()
                .map(|c| c.join(DESIGNS_DIR))
                .or(own),
            Purpose::Export(_) => self.design_client_folder().or(own),
            Purpose::Report => self
                .clients
                .report_design
                .as_deref()
                .and_then(|d| filed_under(d).or_else(|| folder_of(d))),
            _ => None,
        }
    }

    /// Whose the report of `design` is, for its file name: the client it is filed under (their
    /// record's name), else the name in the design when it is the one open, else the design
    /// file's own name.
    pub(super) fn report_owner(&self, design: &Path) -> String {
        if let Some(name) = filed_under(design).and_then(|c| recorded_name(&c)) {
            return name;
        }
        let open = self
            .doc
            .path
            .as_deref()
            .and_then(|p| std::path::absolute(p).ok());
        if open.is_some() && open == std::path::absolute(design).ok() {
            let own = self.doc.design().client.name.trim();
            if !own.is_empty() {
                return own.to_string();
            }
        }
        design
            .file_stem()
            .map_or_else(|| "design".into(), |s| s.to_string_lossy().into_owned())
    }

    /// The client's name an export's file name starts with (their id when they have no name).
    pub(super) fn export_owner(&self) -> String {
        self.design_client_name()
            .unwrap_or_else(|| self.doc.design().client.id.clone())
    }

    /// Makes the client's `designs/` folder when a save is about to be proposed in it (a new
    /// client has none yet), so the dialog opens there and not wherever the studio started.
    pub(super) fn prepare_folder(&mut self, purpose: Purpose) {
        if purpose != Purpose::SaveAs {
            return;
        }
        if let Some(designs) = self.design_client_folder().map(|c| c.join(DESIGNS_DIR))
            && !designs.is_dir()
            && let Err(e) = std::fs::create_dir_all(&designs)
        {
            self.status = format!("Cannot make {}: {e}", designs.display());
        }
    }
}
