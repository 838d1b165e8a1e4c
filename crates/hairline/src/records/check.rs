//! `library check`: every problem of a library named, nothing changed. Unencrypted entries in a
//! locked library, what a kill left half done, sealed files that do not open or lie under
//! another's name, the index out of step with the sealed files, damaged log entries, two entries
//! with one number, files and folders others may read.

use super::library::{CLIENTS_DIR, parse_entry_name};
use super::lock::{self, Unlocked};
use super::session_log::{LogEntry, SESSIONS_DIR};
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

/// The problems of the library at `root`, one line each; `passphrase` opens its sealed files.
pub fn check(root: &Path, passphrase: Option<&str>) -> Vec<String> {
    let mut out = Vec::new();
    let clients = root.join(CLIENTS_DIR);
    if !clients.is_dir() {
        return vec![format!("{}: no clients folder", clients.display())];
    }
    let locked = lock::has_lock(root);
    for path in lock::plain_entries(&clients) {
        if locked {
            out.push(format!(
                "{}: not encrypted, in a locked library (`library lock` encrypts it)",
                path.display()
            ));
        }
        if path.is_dir() {
            let files = read_sessions(&path.join(SESSIONS_DIR));
            check_entries(&path.display().to_string(), &files, &mut out);
        }
    }
    for e in fs::read_dir(&clients).into_iter().flatten().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if lock::is_own(&name) && !name.ends_with(".age") && !name.ends_with(".hsl") {
            out.push(format!(
                "{}: left half done by an interrupted lock or unlock (its content is sealed; \
                 the next start removes it)",
                e.path().display()
            ));
        }
    }
    if locked {
        check_sealed(root, &clients, passphrase, &mut out);
    }
    check_modes(&clients, &mut out);
    out
}

fn read_sessions(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            Some((name, fs::read(e.path()).ok()?))
        })
        .collect();
    files.sort();
    files
}

/// A client's log entries (file name, bytes): damaged ones, and numbers taken twice.
fn check_entries(client: &str, files: &[(String, Vec<u8>)], out: &mut Vec<String>) {
    let mut numbers: BTreeMap<u32, Vec<&str>> = BTreeMap::new();
    for (name, bytes) in files {
        if name.starts_with('.') || name.ends_with(".bak") {
            continue;
        }
        let Some((n, _)) = parse_entry_name(name) else {
            out.push(format!("{client}: sessions/{name}: not a log entry's name"));
            continue;
        };
        numbers.entry(n).or_default().push(name);
        let entry = serde_json::from_slice::<LogEntry>(bytes)
            .map_err(|e| e.to_string())
            .and_then(|e| e.validate().map(|()| e).map_err(|e| e.to_string()));
        match entry {
            Ok(e) if e.entry != n => out.push(format!(
                "{client}: sessions/{name}: says entry {}, its name {n}",
                e.entry
            )),
            Ok(_) => {}
            Err(e) => out.push(format!("{client}: sessions/{name}: damaged: {e}")),
        }
    }
    for (n, names) in numbers {
        if names.len() > 1 {
            out.push(format!(
                "{client}: entry number {n} taken by {} files: {}",
                names.len(),
                names.join(", ")
            ));
        }
    }
}

fn check_sealed(root: &Path, clients: &Path, passphrase: Option<&str>, out: &mut Vec<String>) {
    let lock_text = fs::read_to_string(root.join(lock::LOCK_FILE)).unwrap_or_default();
    if super::lock_legacy::is_legacy_lock(&lock_text) {
        out.push(format!(
            "{}: the studio's first lock format; unlocking once writes the library again in the \
             age format",
            root.join(lock::LOCK_FILE).display()
        ));
        if let Some(p) = passphrase
            && let Err(e) = super::lock_legacy::unlock(&root.join(lock::LOCK_FILE), p)
        {
            out.push(e.to_string());
        }
        return;
    }
    let Some(p) = passphrase else {
        out.push("the sealed files were not checked: no passphrase given".into());
        return;
    };
    let un = Unlocked {
        passphrase: super::age_format::Passphrase::new(p),
        index: Default::default(),
        log_n: super::age_format::WORK_FACTOR,
    };
    let index = match lock::read_index(&un, clients) {
        Ok(Some(i)) => i,
        Ok(None) => {
            out.push(format!(
                "{}: missing (unlocking makes it again)",
                clients.join(lock::INDEX_FILE).display()
            ));
            Default::default()
        }
        Err(e) => {
            out.push(e.to_string());
            if matches!(e, super::RecordError::WrongPassphrase) {
                return;
            }
            Default::default()
        }
    };
    let sealed = lock::sealed_files(clients);
    for unit in &index.units {
        if !sealed.iter().any(|(id, _)| id == &unit.id) {
            out.push(format!(
                "{}: in the index but missing",
                clients.join(format!("{}.age", unit.id)).display()
            ));
        }
    }
    for (id, path) in sealed {
        let files = match lock::open_unit(&un, &path, &id) {
            Ok(f) => f,
            Err(e) => {
                out.push(e.to_string());
                continue;
            }
        };
        match index.units.iter().find(|u| u.id == id) {
            None => out.push(format!(
                "{}: not in the index (unlocking adds it)",
                path.display()
            )),
            Some(u) if u.digest != lock::summarise(&id, &files).digest => out.push(format!(
                "{}: the index's summary is older than the file (unlocking updates it)",
                path.display()
            )),
            Some(_) => {}
        }
        let name = files[0].0.clone();
        let sessions: Vec<(String, Vec<u8>)> = files
            .iter()
            .filter_map(|(p, d, _)| {
                let rest = p.strip_prefix(&format!("{name}/{SESSIONS_DIR}/"))?;
                if rest.contains('/') {
                    return None;
                }
                Some((rest.to_string(), d.clone()?))
            })
            .collect();
        check_entries(
            &format!("{} (sealed {name})", path.display()),
            &sessions,
            out,
        );
    }
}

/// Files and folders under `clients/` that others than the user may read.
fn check_modes(clients: &Path, out: &mut Vec<String>) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mut todo = vec![clients.to_path_buf()];
        while let Some(dir) = todo.pop() {
            if let Ok(m) = fs::metadata(&dir)
                && m.permissions().mode() & 0o077 != 0
            {
                out.push(format!(
                    "{}: a folder others may open (mode {:o}; the studio makes it 700 when it opens the library)",
                    dir.display(),
                    m.permissions().mode() & 0o777
                ));
            }
            for e in fs::read_dir(&dir).into_iter().flatten().flatten() {
                let Ok(m) = e.metadata() else { continue };
                if m.is_dir() {
                    todo.push(e.path());
                } else if m.permissions().mode() & 0o077 != 0 {
                    out.push(format!(
                        "{}: a file others may read (mode {:o})",
                        e.path().display(),
                        m.permissions().mode() & 0o777
                    ));
                }
            }
        }
    }
    #[cfg(not(unix))]
    let _ = (clients, out);
}
