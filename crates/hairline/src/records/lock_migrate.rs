//! An old ("HSLOCK1") locked library written again in the age format on its first unlock: each
//! old client file opened with the old key and sealed again as `<same id>.age`; the old files go
//! only after the new index and `lock.json` are written, so a kill at any moment leaves a library
//! that opens (the next unlock simply migrates again).

use super::RecordError;
use super::lock::{self, UnitFile, Unlocked};
use super::lock_legacy::{self, LEGACY_EXT, LegacyKey};
use std::fs;
use std::path::Path;

/// Seals every old client file of `clients/` in the age format (the index updated in memory);
/// returns how many. An old file that does not open is named in `notes` and kept.
pub fn migrate(
    un: &Unlocked,
    key: &LegacyKey,
    clients: &Path,
    notes: &mut Vec<String>,
) -> Result<usize, RecordError> {
    let mut n = 0;
    let mut old: Vec<_> = fs::read_dir(clients)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
            name.is_some_and(|n| n.ends_with(&format!(".{LEGACY_EXT}")) && !n.contains(".summary."))
        })
        .collect();
    old.sort();
    for path in old {
        let id = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let files = fs::read(&path)
            .ok()
            .and_then(|b| lock_legacy::open(key, &b))
            .and_then(|plain| lock_legacy::unpack(&plain));
        let Some(files) = files else {
            notes.push(format!(
                "{}: an old sealed file that does not open with this passphrase (damaged); kept as it is",
                path.display()
            ));
            continue;
        };
        let name = fs::read(clients.join(format!("{id}.summary.{LEGACY_EXT}")))
            .ok()
            .and_then(|b| lock_legacy::open(key, &b))
            .and_then(|s| lock_legacy::summary_folder_name(&s))
            .filter(|n| super::session_log::is_plain_relative(n) && !n.contains('/'))
            .unwrap_or_else(|| format!("client-{id}"));
        // The old format kept files only: their folders are made for them.
        let mut unit: Vec<UnitFile> = vec![(name.clone(), None, 0)];
        let mut dirs = std::collections::BTreeSet::new();
        for (rel, _) in &files {
            let mut p = Path::new(rel).parent();
            while let Some(d) = p.filter(|d| !d.as_os_str().is_empty()) {
                dirs.insert(d.to_string_lossy().replace('\\', "/"));
                p = d.parent();
            }
        }
        unit.extend(dirs.into_iter().map(|d| (format!("{name}/{d}"), None, 0)));
        let now = super::age_format::now();
        unit.extend(
            files
                .into_iter()
                .map(|(rel, data)| (format!("{name}/{rel}"), Some(data), now)),
        );
        unit[1..].sort_by(|a, b| a.0.cmp(&b.0));
        lock::seal_files(un, clients, &id, &unit)?;
        n += 1;
    }
    Ok(n)
}

/// Removes the old format's files once the library is written again in the new one.
/// Only those of `ids` (the ones now in the index): an old file that did not open stays.
pub fn remove_legacy(clients: &Path, ids: &[String]) {
    for id in ids {
        for name in [
            format!("{id}.{LEGACY_EXT}"),
            format!("{id}.summary.{LEGACY_EXT}"),
        ] {
            let _ = fs::remove_file(clients.join(name));
        }
    }
}
