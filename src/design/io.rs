//! Reading, migrating and writing design files.

use super::{Design, validate};
use serde_json::Value;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

pub const FORMAT_NAME: &str = "hairline-studio-design";
/// Version 1 held a single design; version 2 holds named variants.
pub const FORMAT_VERSION: u32 = 2;
/// Refuse larger files before reading them: a real design is kilobytes to a few megabytes.
const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// What is wrong with a design file. Every message names the field or position it is about.
#[derive(Debug, thiserror::Error)]
pub enum DesignError {
    #[error("cannot read the file: {0}")]
    Read(#[source] std::io::Error),
    #[error("cannot write the file: {0}")]
    Write(#[source] std::io::Error),
    #[error("the file is empty")]
    Empty,
    #[error("the file is {bytes} bytes; design files over {MAX_FILE_BYTES} bytes are refused")]
    TooLarge { bytes: u64 },
    #[error("not valid JSON: {0}")]
    Json(String),
    #[error("not a Hairline Studio design (field \"format\" is {0})")]
    NotADesign(String),
    #[error(
        "field \"version\": {0} was written by a newer Hairline Studio (this one reads up to {FORMAT_VERSION}); update the program"
    )]
    NewerVersion(u64),
    #[error("field \"version\": {0}")]
    BadVersion(String),
    #[error("field \"{field}\": {message}")]
    Invalid { field: String, message: String },
}

/// A `DesignError` together with the file it is about.
#[derive(Debug, thiserror::Error)]
#[error("{}: {error}", path.display())]
pub struct FileError {
    pub path: PathBuf,
    #[source]
    pub error: DesignError,
}

/// Parses, migrates and validates design JSON.
pub fn parse_design(text: &str) -> Result<Design, DesignError> {
    if text.trim().is_empty() {
        return Err(DesignError::Empty);
    }
    let mut value: Value =
        serde_json::from_str(text).map_err(|e| DesignError::Json(e.to_string()))?;
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
        return Err(DesignError::NewerVersion(version));
    }
    if version == 0 {
        return Err(DesignError::BadVersion("0 is not a version".into()));
    }
    if version == 1 {
        migrate_v1(&mut value);
    }
    let design: Design = serde_path_to_error::deserialize(&value).map_err(|e| {
        let field = e.path().to_string();
        DesignError::Invalid {
            field,
            message: e.into_inner().to_string(),
        }
    })?;
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
        return Err(wrap(DesignError::TooLarge { bytes: meta.len() }));
    }
    let bytes = fs::read(path).map_err(|e| wrap(DesignError::Read(e)))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| wrap(DesignError::Json("the file is not UTF-8 text".into())))?;
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

/// Saves atomically: the new text is written beside the target and flushed to disk, the previous
/// version is kept as `NAME.bak`, and only then is the new file renamed over the old one. A crash
/// at any moment leaves either the old or the new file, whole.
pub fn save_design(design: &Design, path: &Path) -> Result<(), FileError> {
    let wrap = |e| FileError {
        path: path.to_path_buf(),
        error: DesignError::Write(e),
    };
    let text = to_json(design);
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "design.json".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let write = || -> std::io::Result<()> {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        if path.exists() {
            // Copy (not rename) so the target never goes missing, even for a moment.
            let bak_tmp = dir.join(format!(".{name}.bak.{}.tmp", std::process::id()));
            fs::copy(path, &bak_tmp)?;
            fs::rename(&bak_tmp, dir.join(format!("{name}.bak")))?;
        }
        fs::rename(&tmp, path)?;
        if let Ok(d) = fs::File::open(dir) {
            let _ = d.sync_all(); // directories cannot be synced on every platform
        }
        Ok(())
    };
    write().map_err(|e| {
        let _ = fs::remove_file(&tmp);
        wrap(e)
    })
}
