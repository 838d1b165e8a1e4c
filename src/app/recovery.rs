//! Autosave and crash recovery: unsaved work is written to the application's own data folder,
//! readable by the user alone, and offered back when the studio next starts.

use super::Document;
use crate::design::{Design, parse_design, to_json};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The application's data folder: `HAIRLINE_DATA_DIR` if set, else the platform's usual place.
pub fn data_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("HAIRLINE_DATA_DIR") {
        return Some(PathBuf::from(d));
    }
    if cfg!(windows) {
        return std::env::var_os("APPDATA").map(|d| PathBuf::from(d).join("Hairline Studio"));
    }
    if let Some(d) = std::env::var_os("XDG_DATA_HOME") {
        return Some(PathBuf::from(d).join("hairline-studio"));
    }
    std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share/hairline-studio"))
}

fn recovery_dir() -> Option<PathBuf> {
    data_dir().map(|d| d.join("recovery"))
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
    let mut design = doc.design.clone();
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
    let tmp = path.with_extension("tmp");
    write_private(&tmp, text.as_bytes()).map_err(|e| format!("{}: {e}", tmp.display()))?;
    std::fs::rename(&tmp, &path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path)
}

fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut f = options.open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// Recovery files left by earlier sessions, newest first. Unreadable ones are skipped.
pub fn list_recoveries() -> Vec<(PathBuf, Recovery)> {
    let Some(dir) = recovery_dir() else {
        return Vec::new();
    };
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut out: Vec<(PathBuf, Recovery)> = entries
        .flatten()
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
