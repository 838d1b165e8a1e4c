//! Autosave and crash recovery: unsaved work is written to the application's own data folder,
//! readable by the user alone, and offered back when the studio next starts.

use super::Document;
use crate::design::{Design, parse_design, to_json};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The name eframe knows the studio by; its storage folder is named after it.
pub const APP_ID: &str = "Hairline Studio";

/// The application's data folder: `HAIRLINE_DATA_DIR` if set, else the platform's own place for
/// application data (the folder eframe keeps the studio's settings in: `~/.local/share` on
/// Linux, `Library/Application Support` on macOS, `AppData\Roaming` on Windows).
pub fn data_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("HAIRLINE_DATA_DIR") {
        return Some(PathBuf::from(d));
    }
    eframe::storage_dir(APP_ID)
}

fn recovery_dir() -> Option<PathBuf> {
    data_dir().map(|d| d.join("recovery"))
}

/// Where earlier versions kept recovery files on every system; still read so that work saved
/// there before an upgrade is offered back.
fn legacy_recovery_dir() -> Option<PathBuf> {
    if std::env::var_os("HAIRLINE_DATA_DIR").is_some() {
        return None;
    }
    let base = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::home_dir().map(|h| h.join(".local/share")))?;
    Some(base.join("hairline-studio").join("recovery"))
}

/// What a recovery file holds.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Recovery {
    /// The design's own file, if it had one.
    pub original_path: Option<PathBuf>,
    /// When it was written (seconds since the Unix epoch).
    pub saved_unix: u64,
    /// The design, with the photo path made absolute so it opens from anywhere.
    pub design: serde_json::Value,
}

impl Recovery {
    pub fn design(&self) -> Result<Design, String> {
        parse_design(&self.design.to_string()).map_err(|e| e.to_string())
    }
    pub fn label(&self) -> String {
        self.original_path
            .as_ref()
            .and_then(|p| p.file_name())
            .map_or("an untitled design".into(), |n| {
                n.to_string_lossy().into_owned()
            })
    }
}

/// The recovery file of a document: one per design file (or one for untitled work).
pub fn recovery_path(original: Option<&Path>) -> Option<PathBuf> {
    let key = original.map_or("untitled".to_string(), |p| {
        let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        format!(
            "{:016x}",
            crate::noise::hash(
                &abs.to_string_lossy()
                    .bytes()
                    .map(u64::from)
                    .collect::<Vec<_>>()
            )
        )
    });
    recovery_dir().map(|d| d.join(format!("{key}.recovery.json")))
}

/// Writes the document's unsaved state. The file is created readable and writable by the user
/// alone (client records), written beside and renamed into place.
pub fn write_recovery(doc: &Document) -> Result<PathBuf, String> {
    let path = recovery_path(doc.path.as_deref()).ok_or("no data folder (HOME is not set)")?;
    let dir = path.parent().ok_or("no data folder")?;
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut design = doc.design().clone();
    design.photo.path = std::path::absolute(&doc.photo_path)
        .unwrap_or_else(|_| doc.photo_path.clone())
        .to_string_lossy()
        .into_owned();
    let rec = Recovery {
        original_path: doc.path.clone(),
        saved_unix: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs()),
        design: serde_json::from_str(&to_json(&design)).map_err(|e| e.to_string())?,
    };
    let text = serde_json::to_string(&rec).map_err(|e| e.to_string())?;
    let options = crate::output::WriteOptions {
        backup: false,
        private: true,
    };
    crate::output::write_atomic(&path, options, |w| w.write_all(text.as_bytes()))
        .map_err(|e| e.to_string())?;
    Ok(path)
}

/// Recovery files left by earlier sessions, newest first. Unreadable ones are skipped.
pub fn list_recoveries() -> Vec<(PathBuf, Recovery)> {
    let mut dirs: Vec<PathBuf> = recovery_dir().into_iter().collect();
    dirs.extend(legacy_recovery_dir().filter(|d| !dirs.contains(d)));
    let mut out: Vec<(PathBuf, Recovery)> = dirs
        .iter()
        .filter_map(|d| std::fs::read_dir(d).ok())
        .flat_map(|entries| entries.flatten())
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".recovery.json"))
        .filter_map(|p| {
            let text = std::fs::read_to_string(&p).ok()?;
            let rec: Recovery = serde_json::from_str(&text).ok()?;
            Some((p, rec))
        })
        .collect();
    out.sort_by_key(|(_, r)| std::cmp::Reverse(r.saved_unix));
    out
}

/// Removes the document's recovery file (after a save or a clean close).
pub fn clear_recovery(original: Option<&Path>) {
    if let Some(p) = recovery_path(original) {
        let _ = std::fs::remove_file(p);
    }
}
