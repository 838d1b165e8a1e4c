//! Reading, migrating and writing design files.

use super::{Design, DesignError, validate};
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};

pub const FORMAT_NAME: &str = "hairline-studio-design";
/// Version 1 held a single design; version 2 holds named variants; version 3 names the dot
/// layout (`layout`; a file without it keeps layout 1); version 4 may hold the client's head and
/// its photos (`head`, `views`: a design drawn on the scalp; a file without them is a design on
/// one photo, as before).
pub const FORMAT_VERSION: u32 = 4;
/// Refuse larger files before reading them: a real design is kilobytes to a few megabytes.
const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// A `DesignError` together with the file it is about.
#[derive(Debug, thiserror::Error)]
#[error("{}: {error}{}", path.display(), what_to_do(path, error))]
pub struct FileError {
    pub path: PathBuf,
    /// Already part of the message, so not a `source`: printing the chain would repeat it.
    pub error: DesignError,
}

/// What the user can do about an error, where the message itself does not say.
fn what_to_do(path: &Path, error: &DesignError) -> String {
    match error {
        DesignError::Read(e) if e.kind() == std::io::ErrorKind::NotFound => {
            " (check the file's name and folder)".into()
        }
        DesignError::Read(e) if e.kind() == std::io::ErrorKind::IsADirectory => {
            " (it is a folder; choose a design file inside it)".into()
        }
        DesignError::Empty
        | DesignError::Json(_)
        | DesignError::NotADesign(_)
        | DesignError::BadVersion(_)
        | DesignError::Invalid { .. } => {
            // Every save keeps the version before it: a damaged file has a whole one beside it.
            let mut bak = path.as_os_str().to_owned();
            bak.push(".bak");
            let bak = PathBuf::from(bak);
            if bak.is_file() {
                format!(
                    "; the previous version is in {} (open it, or copy it over this file)",
                    bak.display()
                )
            } else {
                String::new()
            }
        }
        _ => String::new(),
    }
}

/// Parses, migrates and validates design JSON.
pub fn parse_design(text: &str) -> Result<Design, DesignError> {
    // Editors on Windows often start UTF-8 files with a byte-order mark; JSON allows ignoring it.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(DesignError::Empty);
    }
    let mut value: Value =
        serde_json::from_str(text).map_err(|e| DesignError::Json(e.to_string()))?;
    super::json_check::refuse_duplicate_keys(text).map_err(|e| DesignError::Json(e.to_string()))?;
    let Some(obj) = value.as_object() else {
        return Err(DesignError::NotADesign(
            "missing: the top level is not an object".into(),
        ));
    };
    match obj.get("format") {
        Some(Value::String(s)) if s == FORMAT_NAME => {}
        Some(other) => return Err(DesignError::NotADesign(other.to_string())),
        None => return Err(DesignError::NotADesign("missing".into())),
    }
    let version = match obj.get("version") {
        Some(Value::Number(n)) => n
            .as_u64()
            .ok_or_else(|| DesignError::BadVersion(format!("{n} is not a whole number")))?,
        Some(other) => return Err(DesignError::BadVersion(format!("{other} is not a number"))),
        None => return Err(DesignError::BadVersion("missing".into())),
    };
    if version > FORMAT_VERSION as u64 {
        return Err(DesignError::NewerVersion {
            found: version,
            supported: FORMAT_VERSION,
        });
    }
    if version == 0 {
        return Err(DesignError::BadVersion("0 is not a version".into()));
    }
    if version == 1 {
        migrate_v1(&mut value);
    }
    let mut design: Design = serde_path_to_error::deserialize(&value).map_err(|e| {
        let field = e.path().to_string();
        DesignError::Invalid {
            field,
            message: e.into_inner().to_string(),
        }
    })?;
    if let Some(head) = design.head {
        // A head design's frame is its scalp map: size and scale follow from the head, whatever
        // the file says of them (it writes them for a reader's sake).
        super::validate::check_head(&design)?;
        crate::head::set_chart_frame(&mut design, &head.chart(), head.map_mm_per_px);
        design.photo.path.clear();
    }
    validate(&design)?;
    Ok(design)
}

/// Version 1 had one design at the top level; it becomes the single variant "Design".
fn migrate_v1(value: &mut Value) {
    let Some(obj) = value.as_object_mut() else {
        return;
    };
    let mut variant = serde_json::Map::new();
    variant.insert("name".into(), Value::String("Design".into()));
    for key in [
        "hairline",
        "zones",
        "scars",
        "dots",
        "pigment",
        "sessions",
        "test_patch",
    ] {
        if let Some(v) = obj.remove(key) {
            variant.insert(key.into(), v);
        }
    }
    obj.insert(
        "variants".into(),
        Value::Array(vec![Value::Object(variant)]),
    );
    obj.insert("active_variant".into(), Value::from(0));
    obj.insert("version".into(), Value::from(FORMAT_VERSION));
}

/// Reads a design file, refusing oversized files before reading them.
pub fn load_design(path: &Path) -> Result<Design, FileError> {
    let wrap = |error| FileError {
        path: path.to_path_buf(),
        error,
    };
    let meta = fs::metadata(path).map_err(|e| wrap(DesignError::Read(e)))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(wrap(DesignError::TooLarge {
            bytes: meta.len(),
            limit: MAX_FILE_BYTES,
        }));
    }
    let bytes = fs::read(path).map_err(|e| wrap(DesignError::Read(e)))?;
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Err(wrap(DesignError::Json(
            "the file is UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8"
                .into(),
        )));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        wrap(DesignError::Json(format!(
            "the file is not UTF-8 text (byte {} is not valid UTF-8); save it as UTF-8",
            e.utf8_error().valid_up_to()
        )))
    })?;
    parse_design(&text).map_err(wrap)
}

/// The design as pretty JSON, always in the current version.
pub fn to_json(design: &Design) -> String {
    let mut d = design.clone();
    d.format = FORMAT_NAME.into();
    d.version = FORMAT_VERSION;
    // Serialising plain data structs with string keys cannot fail.
    serde_json::to_string_pretty(&d).unwrap_or_default() + "\n"
}

/// Saves through the program's one atomic write path, keeping the previous version as
/// `NAME.bak`: a crash at any moment leaves either the old or the new file, whole.
pub fn save_design(design: &Design, path: &Path) -> Result<(), crate::output::OutputError> {
    let options = crate::output::WriteOptions {
        backup: true,
        private: false,
    };
    crate::output::write_atomic(path, options, |w| w.write_all(to_json(design).as_bytes()))
}
