//! A library locked with a passphrase: everything under `clients/` sealed in the age format
//! (`age_format`), one file per entry of the folder, whatever its name: a client's folder, a
//! folder without `client.json`, a stray file, dot-files included. A sealed file's name says
//! nothing (`clients/<random id>.age`); what the list shows of each (the client's details, their
//! log's file names) is kept in one more sealed file, `clients/index.age`, so unlocking costs one
//! passphrase check (scrypt, about a second), not one per client.
//!
//! A client's folder is unsealed when it is opened and sealed again when the library locks; one
//! that did not change since it was unsealed (the same files, byte for byte: its digest is in the
//! index) is not encrypted again, only removed. The order of the steps makes a kill at any moment
//! harmless:
//! - sealing writes every `<id>.age` whole, then the index, and only then removes the plain
//!   folders (renamed to `.hairline-removing-<id>` first, so a half-removed folder is never
//!   taken for a client's);
//! - unsealing writes into `.hairline-unsealing-<id>/` and renames the folder into place when
//!   whole; the sealed file stays;
//! - at the next start the staging folders are removed before anything else (their content is
//!   sealed), and any other plain entry is a leftover, named by `leftovers` until the passphrase
//!   is given, then sealed.

use super::age_format::{self, Binding, OpenError, Passphrase};
use super::{RecordError, io_err};
use serde::{Deserialize, Serialize};
use sha2::Digest as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

pub const LOCK_FILE: &str = "lock.json";
pub const SEALED_EXT: &str = "age";
pub const INDEX_FILE: &str = "index.age";
/// Inside a client's unsealed folder: the id it was unsealed from (or will be sealed as), so
/// sealing it again replaces that file.
pub const UNSEALED_FROM: &str = ".sealed-as";
const UNSEALING: &str = ".hairline-unsealing-";
const REMOVING: &str = ".hairline-removing-";
const LOCK_FORMAT: &str = "hairline-studio-lock";

/// What the list needs of one sealed entry of `clients/`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Unit {
    pub id: String,
    /// Its name in `clients/` (a client's folder name).
    pub name: String,
    pub is_dir: bool,
    /// The client's details, as their `client.json` held them (none: not a client's folder).
    pub client_json: Option<String>,
    /// The names in its `sessions/`.
    pub session_files: Vec<String>,
    /// SHA-256 over its files' paths and bytes, to tell whether it changed since sealed.
    pub digest: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Index {
    pub units: Vec<Unit>,
}

/// An unlocked library's passphrase and index.
#[derive(Clone, Debug)]
pub struct Unlocked {
    pub passphrase: Passphrase,
    pub index: Arc<Mutex<Index>>,
    pub log_n: u8,
}

impl PartialEq for Unlocked {
    fn eq(&self, other: &Self) -> bool {
        self.passphrase == other.passphrase
    }
}

impl Unlocked {
    pub fn units(&self) -> Vec<Unit> {
        self.index
            .lock()
            .map(|i| i.units.clone())
            .unwrap_or_default()
    }
}

fn client_binding(id: &str) -> Binding {
    Binding {
        id: id.into(),
        role: "client".into(),
    }
}

fn index_binding() -> Binding {
    Binding {
        id: "index".into(),
        role: "index".into(),
    }
}

fn open_err(path: &Path, e: OpenError) -> RecordError {
    match e {
        OpenError::WrongPassphrase => RecordError::WrongPassphrase,
        OpenError::Damaged(why) => RecordError::Json {
            path: path.to_path_buf(),
            cause: format!("damaged: {why}"),
        },
    }
}

fn random_id() -> String {
    let mut b = [0u8; 16];
    // The system's random source; without one nothing can be sealed safely.
    getrandom::fill(&mut b).expect("the system's random number source");
    b.iter().map(|b| format!("{b:02x}")).collect()
}

fn is_id(s: &str) -> bool {
    s.len() == 32 && s.chars().all(|c| c.is_ascii_hexdigit())
}

/// Whether the library at `root` is locked with a passphrase.
pub fn has_lock(root: &Path) -> bool {
    root.join(LOCK_FILE).is_file()
}

/// Whether `name` in `clients/` is the lock's own (sealed files, the index, staging folders).
pub fn is_own(name: &str) -> bool {
    name.ends_with(&format!(".{SEALED_EXT}"))
        || name.ends_with(&format!(".{}", super::lock_legacy::LEGACY_EXT))
        || name.starts_with(UNSEALING)
        || name.starts_with(REMOVING)
        || crate::output::is_temp_file(name)
}

/// Writes the index, sealed.
pub fn write_index(un: &Unlocked, clients: &Path) -> Result<(), RecordError> {
    let index = un.index.lock().map(|i| i.clone()).unwrap_or_default();
    let json = serde_json::to_vec_pretty(&index).expect("serialisable");
    write_sealed(un, &clients.join(INDEX_FILE), &index_binding(), |b| {
        age_format::append_bytes(b, "index.json", &json, 0o600, age_format::now())
    })
}

fn write_sealed(
    un: &Unlocked,
    path: &Path,
    binding: &Binding,
    entries: impl FnOnce(&mut tar::Builder<&mut dyn std::io::Write>) -> std::io::Result<()>,
) -> Result<(), RecordError> {
    crate::output::write_atomic(
        path,
        crate::output::WriteOptions {
            backup: false,
            private: true,
        },
        |w| age_format::seal_tar(&un.passphrase, un.log_n, w, binding, entries).map(|_| ()),
    )?;
    Ok(())
}

/// Gives the library at `root` a passphrase: an empty index sealed with it, then `lock.json`.
pub fn create_lock(root: &Path, passphrase: &str, log_n: u8) -> Result<Unlocked, RecordError> {
    if passphrase.chars().count() < 8 {
        return super::invalid(
            "passphrase",
            "is shorter than 8 characters: choose a longer one".into(),
        );
    }
    let un = Unlocked {
        passphrase: Passphrase::new(passphrase),
        index: Default::default(),
        log_n,
    };
    let clients = root.join(super::CLIENTS_DIR);
    fs::create_dir_all(&clients).map_err(io_err(&clients))?;
    write_index(&un, &clients)?;
    write_lock_file(root)?;
    Ok(un)
}

fn write_lock_file(root: &Path) -> Result<(), RecordError> {
    let text = serde_json::json!({
        "format": LOCK_FORMAT,
        "version": 2,
        "encryption": "age-encryption.org/v1, passphrase (scrypt); see docs/records.md",
    });
    let text = serde_json::to_string_pretty(&text).expect("serialisable");
    super::write_private(&root.join(LOCK_FILE), format!("{text}\n").as_bytes(), false)
}

/// Reads the sealed index; `Ok(None)` when there is none.
pub(crate) fn read_index(un: &Unlocked, clients: &Path) -> Result<Option<Index>, RecordError> {
    let path = clients.join(INDEX_FILE);
    let file = match fs::File::open(&path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_err(&path)(e)),
    };
    let items = age_format::open_tar(&un.passphrase, file, &index_binding())
        .map_err(|e| open_err(&path, e))?;
    let damaged = |why: String| RecordError::Json {
        path: path.clone(),
        cause: format!("damaged: {why}"),
    };
    let json = match items.as_slice() {
        [(name, Some(json), _)] if name == "index.json" => json,
        _ => return Err(damaged("it holds no index.json".into())),
    };
    serde_json::from_slice(json)
        .map(Some)
        .map_err(|e| damaged(e.to_string()))
}

/// The passphrase's unlocked library at `root`: its index opened (which checks the passphrase),
/// an old ("HSLOCK1") library written again in the age format, sealed files the index lacks (a
/// kill between writing them and the index) read into it. Returns notes for the user.
pub fn unlock(
    root: &Path,
    passphrase: &str,
    log_n: u8,
) -> Result<(Unlocked, Vec<String>), RecordError> {
    let clients = root.join(super::CLIENTS_DIR);
    let lock_path = root.join(LOCK_FILE);
    let text = fs::read_to_string(&lock_path).map_err(io_err(&lock_path))?;
    let un = Unlocked {
        passphrase: Passphrase::new(passphrase),
        index: Default::default(),
        log_n,
    };
    let mut notes = Vec::new();
    let legacy = super::lock_legacy::is_legacy_lock(&text);
    if legacy {
        let key = super::lock_legacy::unlock(&lock_path, passphrase)?;
        let n = super::lock_migrate::migrate(&un, &key, &clients, &mut notes)?;
        notes.push(format!(
            "{n} record{} written again in the age format (they were in the studio's first lock format)",
            if n == 1 { "" } else { "s" }
        ));
    } else {
        let v: serde_json::Value = serde_json::from_str(&text).map_err(|e| RecordError::Json {
            path: lock_path.clone(),
            cause: e.to_string(),
        })?;
        if v.get("format").and_then(|f| f.as_str()) != Some(LOCK_FORMAT) {
            return Err(RecordError::Json {
                path: lock_path,
                cause: format!("not a {LOCK_FORMAT} file"),
            });
        }
    }
    let mut index_ok = false;
    match read_index(&un, &clients) {
        Ok(Some(index)) => {
            index_ok = true;
            *un.index.lock().expect("index") = index;
        }
        Ok(None) if legacy => {}
        Ok(None) => notes.push("the index was missing: made again from the sealed files".into()),
        Err(RecordError::WrongPassphrase) => return Err(RecordError::WrongPassphrase),
        Err(e) => notes.push(format!("{e}: made again from the sealed files")),
    }
    // Sealed files the index does not know: read into it. With no index, the first of them
    // checks the passphrase.
    let known: Vec<String> = un.units().into_iter().map(|u| u.id).collect();
    let mut added = false;
    for (id, path) in sealed_files(&clients) {
        if known.contains(&id) {
            continue;
        }
        match read_unit(&un, &clients, &id) {
            Ok(unit) => {
                un.index.lock().expect("index").units.push(unit);
                added = true;
            }
            Err(RecordError::WrongPassphrase) if !index_ok => {
                return Err(RecordError::WrongPassphrase);
            }
            Err(e) => notes.push(format!("{}: {e}", path.display())),
        }
    }
    // Units whose sealed file is gone (removed by hand) are forgotten.
    let before = un.units().len();
    un.index
        .lock()
        .expect("index")
        .units
        .retain(|u| clients.join(format!("{}.{SEALED_EXT}", u.id)).is_file());
    if added || !index_ok || before != un.units().len() || legacy {
        write_index(&un, &clients)?;
    }
    if legacy {
        write_lock_file(root)?;
        let ids: Vec<String> = un.units().into_iter().map(|u| u.id).collect();
        super::lock_migrate::remove_legacy(&clients, &ids);
    }
    Ok((un, notes))
}

/// Every `<id>.age` in `clients/` but the index.
pub fn sealed_files(clients: &Path) -> Vec<(String, PathBuf)> {
    let mut out: Vec<(String, PathBuf)> = fs::read_dir(clients)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let id = name.strip_suffix(&format!(".{SEALED_EXT}"))?;
            is_id(id).then(|| (id.to_string(), e.path()))
        })
        .collect();
    out.sort();
    out
}

/// A sealed file's summary, read from the file itself.
fn read_unit(un: &Unlocked, clients: &Path, id: &str) -> Result<Unit, RecordError> {
    let path = clients.join(format!("{id}.{SEALED_EXT}"));
    let files = open_unit(un, &path, id)?;
    Ok(summarise(id, &files))
}

/// One file or folder of a unit: its path ('/'-separated, starting with the unit's name), and
/// its bytes (`None` for a folder).
pub type UnitFile = age_format::Item;

pub(crate) fn summarise(id: &str, files: &[UnitFile]) -> Unit {
    let name = files
        .first()
        .map(|(p, _, _)| p.split('/').next().unwrap_or("").to_string())
        .unwrap_or_default();
    fn below<'a>(p: &'a str, name: &str) -> Option<&'a str> {
        p.strip_prefix(name).and_then(|r| r.strip_prefix('/'))
    }
    let under = |p: &'_ str| below(p, &name).map(str::to_string);
    let client_json = files.iter().find_map(|(p, d, _)| {
        (under(p).as_deref() == Some(super::client::CLIENT_FILE))
            .then(|| String::from_utf8_lossy(d.as_deref().unwrap_or(&[])).into_owned())
    });
    Unit {
        id: id.to_string(),
        is_dir: files.len() != 1 || files[0].1.is_none(),
        client_json,
        session_files: files
            .iter()
            .filter_map(|(p, d, _)| {
                d.as_ref()?;
                under(p)?.strip_prefix("sessions/").map(str::to_string)
            })
            .collect(),
        digest: digest(files),
        name,
    }
}

fn digest(files: &[UnitFile]) -> String {
    let mut h = sha2::Sha256::new();
    for (p, d, _) in files {
        h.update((p.len() as u64).to_le_bytes());
        h.update(p.as_bytes());
        match d {
            Some(d) => {
                h.update([1]);
                h.update((d.len() as u64).to_le_bytes());
                h.update(d);
            }
            None => h.update([0]),
        }
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// A sealed unit's files, checked: it is `id`'s, and every path stays inside its one top name.
pub fn open_unit(un: &Unlocked, path: &Path, id: &str) -> Result<Vec<UnitFile>, RecordError> {
    let file = fs::File::open(path).map_err(io_err(path))?;
    let out = age_format::open_tar(&un.passphrase, file, &client_binding(id))
        .map_err(|e| open_err(path, e))?;
    let damaged = |why: String| RecordError::Json {
        path: path.to_path_buf(),
        cause: format!("damaged: {why}"),
    };
    let top = out
        .first()
        .map(|(f, _, _)| f.split('/').next().unwrap_or("").to_string());
    for (p, _, _) in &out {
        if !super::session_log::is_plain_relative(p) || top.as_deref() != p.split('/').next() {
            return Err(damaged(format!("{p}: a path outside its folder")));
        }
    }
    if out.is_empty() {
        return Err(damaged("holds nothing".into()));
    }
    Ok(out)
}

/// Every file and folder of `path` (a client's folder, or one file), as a unit's files: its own
/// name first, then everything under it, dot-files included, its `.sealed-as` left out.
pub fn read_plain(path: &Path) -> Result<Vec<UnitFile>, RecordError> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mtime = |p: &Path| {
        fs::metadata(p)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_secs())
    };
    if !path.is_dir() {
        let data = fs::read(path).map_err(io_err(path))?;
        return Ok(vec![(name, Some(data), mtime(path))]);
    }
    let mut out = vec![(name.clone(), None, mtime(path))];
    let mut todo = vec![(path.to_path_buf(), name)];
    while let Some((dir, rel)) = todo.pop() {
        let mut entries: Vec<_> = fs::read_dir(&dir)
            .map_err(io_err(&dir))?
            .flatten()
            .collect();
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let n = e.file_name().to_string_lossy().into_owned();
            if dir == path && n == UNSEALED_FROM {
                continue;
            }
            let (p, r) = (e.path(), format!("{rel}/{n}"));
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                out.push((r.clone(), None, mtime(&p)));
                todo.push((p, r));
            } else {
                let data = fs::read(&p).map_err(io_err(&p))?;
                out.push((r, Some(data), mtime(&p)));
            }
        }
    }
    // Parents before children, in a stable order, so the digest does not depend on the walk.
    out[1..].sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

/// Seals `path` (an entry of `clients/`) as its unit, unless the sealed file already holds the
/// same files; the index is updated in memory, the plain entry left for `remove_plain` once the
/// index is written. Returns the unit's id.
pub fn seal_unit(un: &Unlocked, path: &Path) -> Result<String, RecordError> {
    let clients = path.parent().unwrap_or(Path::new("."));
    let id = if path.is_dir() {
        let marker = path.join(UNSEALED_FROM);
        match fs::read_to_string(&marker)
            .ok()
            .map(|s| s.trim().to_string())
            .filter(|s| is_id(s))
        {
            Some(id) => id,
            None => {
                // Named before sealing, so a kill after the sealed file is written but before
                // the folder goes finds the same id again, not a second copy.
                let id = random_id();
                super::write_private(&marker, id.as_bytes(), false)?;
                id
            }
        }
    } else {
        // A stray file: its id from its name, for the same reason.
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let h = sha2::Sha256::digest(format!("file:{}", name.unwrap_or_default()));
        h[..16].iter().map(|b| format!("{b:02x}")).collect()
    };
    let files = read_plain(path)?;
    seal_files(un, clients, &id, &files)?;
    Ok(id)
}

/// Seals `files` as unit `id` in `clients/`, unless its sealed file already holds the same, and
/// puts it in the index (in memory).
pub fn seal_files(
    un: &Unlocked,
    clients: &Path,
    id: &str,
    files: &[UnitFile],
) -> Result<(), RecordError> {
    let unit = summarise(id, files);
    let sealed = clients.join(format!("{id}.{SEALED_EXT}"));
    let current = un.index.lock().is_ok_and(|i| {
        i.units
            .iter()
            .any(|u| u.id == id && u.digest == unit.digest)
    });
    if !(current && sealed.is_file()) {
        write_sealed(un, &sealed, &client_binding(id), |b| {
            for (p, data, mtime) in files {
                match data {
                    Some(d) => age_format::append_bytes(b, p, d, 0o600, *mtime)?,
                    None => {
                        let mut h = tar::Header::new_gnu();
                        h.set_entry_type(tar::EntryType::Directory);
                        h.set_mode(0o700);
                        h.set_mtime(*mtime);
                        h.set_size(0);
                        b.append_data(&mut h, format!("{p}/"), std::io::empty())?;
                    }
                }
            }
            Ok(())
        })?;
    }
    let mut index = un.index.lock().expect("index");
    index.units.retain(|u| u.id != id);
    index.units.push(unit);
    Ok(())
}

/// Removes a plain entry whose content is sealed (and in the written index): renamed first, so
/// a kill halfway leaves a name the next start removes, never half a client's folder.
pub fn remove_plain(path: &Path, id: &str) -> Result<(), RecordError> {
    let clients = path.parent().unwrap_or(Path::new("."));
    let gone = clients.join(format!("{REMOVING}{id}"));
    let _ = fs::remove_dir_all(&gone);
    fs::rename(path, &gone).map_err(io_err(path))?;
    remove_any(&gone);
    Ok(())
}

fn remove_any(p: &Path) {
    if p.is_dir() {
        let _ = fs::remove_dir_all(p);
    } else {
        let _ = fs::remove_file(p);
    }
}

/// Removes what a kill left half done (folders being unsealed or removed: their content is in
/// sealed files); returns how many. Run before anything else reads `clients/`.
pub fn clear_staging(clients: &Path) -> usize {
    let mut n = 0;
    for e in fs::read_dir(clients).into_iter().flatten().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        // Half-written files too: a sealed file or the index a kill interrupted.
        if name.starts_with(UNSEALING)
            || name.starts_with(REMOVING)
            || crate::output::is_temp_file(&name)
        {
            remove_any(&e.path());
            n += 1;
        }
    }
    n
}

/// The plain entries of `clients/` (not the lock's own): all of them are leftovers while the
/// library is locked.
pub fn plain_entries(clients: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = fs::read_dir(clients)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| !is_own(&e.file_name().to_string_lossy()))
        .map(|e| e.path())
        .collect();
    out.sort();
    out
}

/// Unseals unit `id` into `clients/` and returns its path; the sealed file stays. A folder
/// already unsealed from it is returned as it is.
pub fn unseal_unit(un: &Unlocked, clients: &Path, id: &str) -> Result<PathBuf, RecordError> {
    let sealed = clients.join(format!("{id}.{SEALED_EXT}"));
    let files = open_unit(un, &sealed, id)?;
    let name = files[0].0.clone();
    let target = clients.join(&name);
    if target.exists() {
        let marker = fs::read_to_string(target.join(UNSEALED_FROM)).unwrap_or_default();
        if marker.trim() == id {
            return Ok(target);
        }
        return super::invalid(
            "folder",
            format!(
                "{} is already there and is not the record sealed as {id}: move it aside first",
                target.display()
            ),
        );
    }
    let staging = clients.join(format!("{UNSEALING}{id}"));
    remove_any(&staging);
    super::make_private_dir(&staging)?;
    for (p, data, mtime) in &files {
        let out = staging.join(p);
        match data {
            None => super::make_private_dir(&out)?,
            Some(d) => {
                if let Some(parent) = out.parent() {
                    super::make_private_dir(parent)?;
                }
                super::write_private(&out, d, false)?;
                let t = std::time::UNIX_EPOCH + std::time::Duration::from_secs(*mtime);
                let _ = fs::File::options()
                    .write(true)
                    .open(&out)
                    .and_then(|f| f.set_modified(t));
            }
        }
    }
    if files[0].1.is_none() {
        super::write_private(
            &staging.join(&name).join(UNSEALED_FROM),
            id.as_bytes(),
            false,
        )?;
    }
    fs::rename(staging.join(&name), &target).map_err(io_err(&target))?;
    let _ = fs::remove_dir(&staging);
    Ok(target)
}

/// Removes unit `id`'s sealed file and forgets it (the client was deleted).
pub fn remove_sealed(clients: &Path, id: &str) {
    let _ = fs::remove_file(clients.join(format!("{id}.{SEALED_EXT}")));
}
