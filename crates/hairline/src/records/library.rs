//! The client library: a folder a person can read, back up and move.
//!
//! ```text
//! LIBRARY/library.json              settings (clinic, time and price, paper)
//! LIBRARY/templates/aftercare.txt   the report's texts, edited by the clinic
//! LIBRARY/templates/consent.txt
//! LIBRARY/clients/NAME-ID/client.json              who the client is
//! LIBRARY/clients/NAME-ID/designs/*.json           the designs and their variants
//! LIBRARY/clients/NAME-ID/photos/YYYY-MM-DD/*.jpg  each visit's photos
//! LIBRARY/clients/NAME-ID/sessions/0001-YYYY-MM-DD.json   the session log, one file per entry
//! ```
//! The folders are the truth and there is no index to go stale: listing reads each client's
//! `client.json` and the names in `sessions/` (the date is in the name), which for 1,000 clients
//! takes milliseconds (`cargo bench --bench records`). Every file goes through the one atomic
//! write, so a kill during a write leaves the old file or the new one, never half of one; a
//! folder that cannot be read is reported with why and skipped, never fatal to the rest.

use super::client::{CLIENT_FILE, ClientDetails, folder_name};
use super::session_log::{LogEntry, PhotoWhen, SESSIONS_DIR, SessionLog, SessionPhoto};
use super::settings::{
    AFTERCARE_FILE, CONSENT_FILE, DEFAULT_AFTERCARE, DEFAULT_CONSENT, SETTINGS_FILE, Settings,
    TEMPLATES_DIR,
};
use super::{RecordError, date, io_err, lock, read_json, write_private};
use crate::output::{WriteOptions, write_atomic};
use serde::Serialize;
use std::fs;
use std::path::{Path, PathBuf};

pub use super::CLIENTS_DIR;
pub const DESIGNS_DIR: &str = "designs";
pub const PHOTOS_DIR: &str = "photos";
/// Photos from a phone are a few megabytes; a raw scan may be tens.
const MAX_PHOTO_BYTES: u64 = 200 * 1024 * 1024;

/// The library at a folder.
#[derive(Clone, Debug, PartialEq)]
pub struct Library {
    pub root: PathBuf,
    /// The passphrase's key while a locked library is unlocked.
    key: Option<super::lock::Key>,
}

/// One client as the library lists them.
#[derive(Clone, Debug, PartialEq)]
pub struct ClientSummary {
    pub folder: ClientFolder,
    pub details: ClientDetails,
    /// Entries in the session log (corrections included).
    pub log_entries: usize,
    /// The latest session's date, if any.
    pub last_session: Option<String>,
    /// The id of the sealed file the client is in, while the library is locked.
    pub sealed: Option<String>,
}

impl ClientSummary {
    /// The date the list sorts by: the latest session, or when the client was added.
    pub fn recent(&self) -> &str {
        self.last_session
            .as_deref()
            .unwrap_or(self.details.created.as_str())
    }
}

/// The library's clients, most recent first, and the folders that could not be read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Listing {
    pub clients: Vec<ClientSummary>,
    /// "FOLDER: what is wrong", one per client folder skipped.
    pub problems: Vec<String>,
}

impl Listing {
    /// The clients whose name or contact has every word of `query`.
    pub fn search<'a>(&'a self, query: &'a str) -> impl Iterator<Item = &'a ClientSummary> + 'a {
        self.clients
            .iter()
            .filter(move |c| c.details.matches(query))
    }
}

/// Where the library is when the user has not chosen: `HAIRLINE_LIBRARY`, else "Hairline Studio
/// clients" in the documents folder (XDG's, else ~/Documents), else in the home folder.
pub fn default_root() -> PathBuf {
    if let Some(p) = std::env::var_os("HAIRLINE_LIBRARY").filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    let home = std::env::var_os("HOME")
        .or_else(|| std::env::var_os("USERPROFILE"))
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("."));
    let documents = std::env::var_os("XDG_DOCUMENTS_DIR")
        .map(PathBuf::from)
        .filter(|p| p.is_dir())
        .unwrap_or_else(|| home.join("Documents"));
    let base = if documents.is_dir() { documents } else { home };
    base.join("Hairline Studio clients")
}

fn write_json<T: Serialize>(path: &Path, value: &T, backup: bool) -> Result<(), RecordError> {
    let text = serde_json::to_string_pretty(value).map_err(|e| RecordError::Json {
        path: path.to_path_buf(),
        cause: e.to_string(),
    })?;
    write_private(path, format!("{text}\n").as_bytes(), backup)
}

fn in_file(path: &Path, e: RecordError) -> RecordError {
    match e {
        RecordError::Invalid { .. } => RecordError::InFile {
            path: path.to_path_buf(),
            inner: Box::new(e),
        },
        e => e,
    }
}

/// A number to tell apart two clients of the same name added in the same second.
fn unique() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    h.write_u32(std::process::id());
    h.finish()
}

impl Library {
    /// The library at `root` as it is, nothing made.
    pub fn at(root: &Path) -> Library {
        Library {
            root: root.to_path_buf(),
            key: None,
        }
    }

    /// Opens the library at `root`, making its folders and default templates when they are
    /// missing (a new library) and leaving everything that is there as it is.
    pub fn open(root: &Path) -> Result<Library, RecordError> {
        let lib = Library::at(root);
        for dir in [
            root.to_path_buf(),
            lib.clients_dir(),
            root.join(TEMPLATES_DIR),
        ] {
            fs::create_dir_all(&dir).map_err(io_err(&dir))?;
        }
        if !root.join(SETTINGS_FILE).exists() {
            lib.save_settings(&Settings::default())?;
        }
        for (name, text) in [
            (AFTERCARE_FILE, DEFAULT_AFTERCARE),
            (CONSENT_FILE, DEFAULT_CONSENT),
        ] {
            let path = root.join(TEMPLATES_DIR).join(name);
            if !path.exists() {
                write_atomic(&path, WriteOptions::default(), |w| {
                    w.write_all(format!("{text}\n").as_bytes())
                })?;
            }
        }
        Ok(lib)
    }

    /// The library a design belongs to, and its client, if the design sits in a client's folder.
    pub fn of_design(design: &Path) -> Option<(Library, ClientFolder)> {
        // The same finding of the client's folder as the studio's (`client_folder_of`).
        let client = client_folder_of(design)?;
        let root = client.parent()?.parent()?;
        root.join(SETTINGS_FILE).is_file().then(|| {
            (
                Library::at(root),
                ClientFolder {
                    path: client.clone(),
                },
            )
        })
    }

    pub fn clients_dir(&self) -> PathBuf {
        self.root.join(CLIENTS_DIR)
    }

    pub fn settings(&self) -> Result<Settings, RecordError> {
        let path = self.root.join(SETTINGS_FILE);
        let s: Settings = read_json(&path)?;
        s.validate().map_err(|e| in_file(&path, e))?;
        Ok(s)
    }

    pub fn save_settings(&self, settings: &Settings) -> Result<(), RecordError> {
        settings.validate()?;
        write_json(&self.root.join(SETTINGS_FILE), settings, true)
    }

    /// The report's aftercare and consent texts, as the clinic last edited them (the defaults
    /// when a file is missing or unreadable).
    pub fn templates(&self) -> (String, String) {
        let read = |name: &str, default: &str| {
            fs::read_to_string(self.root.join(TEMPLATES_DIR).join(name))
                .map(|t| t.trim().to_string())
                .ok()
                .filter(|t| !t.is_empty())
                .unwrap_or_else(|| default.to_string())
        };
        (
            read(AFTERCARE_FILE, DEFAULT_AFTERCARE),
            read(CONSENT_FILE, DEFAULT_CONSENT),
        )
    }

    /// Saves one of the report's texts (`templates/NAME`).
    pub fn save_template(&self, name: &str, text: &str) -> Result<(), RecordError> {
        let path = self.root.join(TEMPLATES_DIR).join(name);
        write_atomic(&path, WriteOptions::default(), |w| {
            w.write_all(format!("{}\n", text.trim()).as_bytes())
        })?;
        Ok(())
    }

    /// Every client, most recent first; a folder that cannot be read is named in `problems`.
    pub fn list(&self) -> Listing {
        let mut listing = Listing::default();
        let dir = self.clients_dir();
        let read = match fs::read_dir(&dir) {
            Ok(r) => r,
            Err(e) => {
                listing.problems.push(format!("{}: {e}", dir.display()));
                return listing;
            }
        };
        // One pass over the folder: client folders, and the sealed clients' summaries.
        let mut sealed = Vec::new();
        let summary_suffix = format!(".summary.{}", lock::SEALED_EXT);
        for entry in read.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if let Some(id) = name.strip_suffix(&summary_suffix) {
                sealed.push((id.to_string(), entry.path()));
                continue;
            }
            if name.starts_with('.') || !entry.path().is_dir() {
                continue;
            }
            let folder = ClientFolder { path: entry.path() };
            match folder.details() {
                Ok(details) => {
                    let (log_entries, last_session) = folder.log_summary();
                    listing.clients.push(ClientSummary {
                        folder,
                        details,
                        log_entries,
                        last_session,
                        sealed: None,
                    });
                }
                Err(e) => listing.problems.push(format!("skipped: {e}")),
            }
        }
        self.list_sealed(&mut listing, sealed);
        listing.clients.sort_by(|a, b| {
            b.recent()
                .cmp(a.recent())
                .then_with(|| a.details.name.cmp(&b.details.name))
        });
        listing.problems.sort();
        listing
    }

    /// The sealed clients: listed from their summaries while unlocked, counted while locked.
    fn list_sealed(&self, listing: &mut Listing, sealed: Vec<(String, PathBuf)>) {
        let dir = self.clients_dir();
        let Some(key) = &self.key else {
            let sealed = sealed.len();
            if sealed > 0 {
                listing.problems.push(format!(
                    "{sealed} client{} locked: unlock the library with its passphrase to see them",
                    if sealed == 1 { " is" } else { "s are" }
                ));
            }
            return;
        };
        // A client unsealed for work is listed from its folder, not twice.
        let unsealed: Vec<String> = listing
            .clients
            .iter()
            .filter_map(|c| fs::read_to_string(c.folder.path.join(lock::UNSEALED_FROM)).ok())
            .map(|s| s.trim().to_string())
            .collect();
        let (summaries, problems) = lock::sealed_summaries(key, sealed);
        listing.problems.extend(problems);
        for (id, s) in summaries {
            if unsealed.contains(&id) {
                continue;
            }
            let details = serde_json::from_str::<ClientDetails>(&s.client_json)
                .map_err(|e| e.to_string())
                .and_then(|d| d.validate().map(|()| d).map_err(|e| e.to_string()));
            match details {
                Ok(details) => {
                    let dates: Vec<String> = s
                        .session_files
                        .iter()
                        .filter_map(|n| parse_entry_name(n).map(|(_, d)| d))
                        .collect();
                    listing.clients.push(ClientSummary {
                        folder: ClientFolder {
                            path: dir.join(format!("{id}.{}", lock::SEALED_EXT)),
                        },
                        details,
                        log_entries: dates.len(),
                        last_session: dates.into_iter().max(),
                        sealed: Some(id),
                    });
                }
                Err(e) => listing
                    .problems
                    .push(format!("skipped: sealed client {id}: client.json {e}")),
            }
        }
    }

    /// Whether the library has a passphrase, and whether it is unlocked now.
    pub fn is_locked(&self) -> bool {
        lock::has_lock(&self.root) && self.key.is_none()
    }

    pub fn has_passphrase(&self) -> bool {
        lock::has_lock(&self.root)
    }

    /// Unlocks the library (its sealed clients listed, opened when chosen).
    pub fn unlock(&mut self, passphrase: &str) -> Result<(), RecordError> {
        self.key = Some(lock::unlock(&self.root, passphrase)?);
        Ok(())
    }

    /// Gives the library a passphrase (`log_n`: scrypt's work, 2^log_n); it stays unlocked until
    /// `lock` (which the caller runs, knowing which record is still in use).
    pub fn set_passphrase(&mut self, passphrase: &str, log_n: u8) -> Result<(), RecordError> {
        if self.has_passphrase() {
            return super::invalid("passphrase", "the library already has one".into());
        }
        self.key = Some(lock::create_lock(&self.root, passphrase, log_n)?);
        Ok(())
    }

    /// Seals every client folder (but `keep`, a folder still in use with unsaved work) and
    /// forgets the key; returns how many were sealed.
    pub fn lock(&mut self, keep: Option<&Path>) -> Result<usize, RecordError> {
        let Some(key) = self.key.take() else {
            return Ok(0);
        };
        let mut sealed = 0;
        let mut result = Ok(());
        for e in fs::read_dir(self.clients_dir())
            .into_iter()
            .flatten()
            .flatten()
        {
            let path = e.path();
            if !path.is_dir() || keep.is_some_and(|k| k == path) {
                continue;
            }
            if path.join(CLIENT_FILE).is_file() {
                match lock::seal_client(&key, &path) {
                    Ok(()) => sealed += 1,
                    Err(err) => result = Err(err),
                }
            }
        }
        if keep.is_some() {
            // Still needed to seal the kept folder later.
            self.key = Some(key);
        }
        result.map(|()| sealed)
    }

    /// The folder of a listed client, unsealed first if it is sealed.
    pub fn client_folder(&self, summary: &ClientSummary) -> Result<ClientFolder, RecordError> {
        match (&summary.sealed, &self.key) {
            (None, _) => Ok(summary.folder.clone()),
            (Some(id), Some(key)) => Ok(ClientFolder {
                path: lock::unseal_client(key, &self.clients_dir(), id)?,
            }),
            (Some(_), None) => Err(RecordError::WrongPassphrase),
        }
    }

    /// Adds a client: a new folder named after them, with their details.
    pub fn add_client(&self, details: &ClientDetails) -> Result<ClientFolder, RecordError> {
        details.validate()?;
        let mut path;
        loop {
            path = self
                .clients_dir()
                .join(folder_name(&details.name, unique()));
            if !path.exists() {
                break;
            }
        }
        fs::create_dir(&path).map_err(io_err(&path))?;
        let folder = ClientFolder { path };
        folder.save_details(details)?;
        Ok(folder)
    }
}

/// One client's folder.
#[derive(Clone, Debug, PartialEq)]
pub struct ClientFolder {
    pub path: PathBuf,
}

impl ClientFolder {
    pub fn details(&self) -> Result<ClientDetails, RecordError> {
        let path = self.path.join(CLIENT_FILE);
        let d: ClientDetails = read_json(&path)?;
        d.validate().map_err(|e| in_file(&path, e))?;
        Ok(d)
    }

    /// Saves the details over the old ones (kept as `client.json.bak`).
    pub fn save_details(&self, details: &ClientDetails) -> Result<(), RecordError> {
        details.validate()?;
        write_json(&self.path.join(CLIENT_FILE), details, true)
    }

    pub fn designs_dir(&self) -> PathBuf {
        self.path.join(DESIGNS_DIR)
    }

    /// The client's designs, by name.
    pub fn designs(&self) -> Vec<PathBuf> {
        let mut out: Vec<PathBuf> = fs::read_dir(self.designs_dir())
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("json"))
            })
            .collect();
        out.sort();
        out
    }

    /// The number of log entries and the latest session date, from the entries' file names.
    fn log_summary(&self) -> (usize, Option<String>) {
        let mut count = 0;
        let mut last: Option<String> = None;
        for e in fs::read_dir(self.path.join(SESSIONS_DIR))
            .into_iter()
            .flatten()
            .flatten()
        {
            if let Some((_, d)) = parse_entry_name(&e.file_name().to_string_lossy()) {
                count += 1;
                if last.as_deref().is_none_or(|l| d.as_str() > l) {
                    last = Some(d);
                }
            }
        }
        (count, last)
    }

    /// The session log; entries that cannot be read are in its `problems`, the rest kept.
    pub fn log(&self) -> SessionLog {
        let dir = self.path.join(SESSIONS_DIR);
        let mut log = SessionLog::default();
        let mut names: Vec<(u32, PathBuf)> = Vec::new();
        for e in fs::read_dir(&dir).into_iter().flatten().flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') || name.ends_with(".bak") {
                continue;
            }
            match parse_entry_name(&name) {
                Some((n, _)) => names.push((n, e.path())),
                None => log.problems.push(format!(
                    "{}: not a log entry's name (NNNN-YYYY-MM-DD.json); left alone",
                    e.path().display()
                )),
            }
        }
        names.sort();
        for (n, path) in names {
            match read_json::<LogEntry>(&path).and_then(|e| {
                e.validate().map_err(|err| in_file(&path, err))?;
                if e.entry != n {
                    let why = format!("is {}, but the file's name says {n}", e.entry);
                    return super::invalid("entry", why).map_err(|err| in_file(&path, err));
                }
                Ok(e)
            }) {
                Ok(e) => log.entries.push(e),
                Err(e) => log.problems.push(e.to_string()),
            }
        }
        log
    }

    /// Writes `entry` as the log's next entry and returns its number. Nothing already in the log
    /// is touched: a correction is an entry whose `corrects` names the one it replaces.
    pub fn append(&self, mut entry: LogEntry) -> Result<u32, RecordError> {
        let dir = self.path.join(SESSIONS_DIR);
        fs::create_dir_all(&dir).map_err(io_err(&dir))?;
        // Numbered after every file that looks like an entry, readable or not, so a damaged
        // entry's number is never reused.
        let taken: Vec<u32> = fs::read_dir(&dir)
            .map_err(io_err(&dir))?
            .flatten()
            .filter_map(|e| parse_entry_name(&e.file_name().to_string_lossy()).map(|(n, _)| n))
            .collect();
        let n = taken.iter().max().copied().unwrap_or(0) + 1;
        if let Some(c) = entry.corrects
            && !taken.contains(&c)
        {
            return super::invalid(
                "corrects",
                format!("names entry {c}, which is not in the log"),
            );
        }
        entry.entry = n;
        entry.recorded = date::now_stamp();
        entry.validate()?;
        let path = dir.join(format!("{:04}-{}.json", n, entry.date));
        write_json(&path, &entry, false)?;
        Ok(n)
    }

    /// Copies a photo into the visit's folder (`photos/DATE/`), never replacing one already
    /// there, and returns it as the log records it. The visit's date is the camera's date
    /// (EXIF `DateTimeOriginal`) when the photo has one, else `fallback_date`.
    pub fn import_photo(
        &self,
        source: &Path,
        view: &str,
        when: PhotoWhen,
        fallback_date: &str,
    ) -> Result<SessionPhoto, RecordError> {
        let meta = fs::metadata(source).map_err(io_err(source))?;
        if meta.len() > MAX_PHOTO_BYTES {
            return Err(RecordError::Photo {
                path: source.to_path_buf(),
                why: format!(
                    "{} MB: larger than any photo the studio takes ({} MB)",
                    meta.len() >> 20,
                    MAX_PHOTO_BYTES >> 20
                ),
            });
        }
        let bytes = fs::read(source).map_err(io_err(source))?;
        // An HEIC is kept as it came even where this build cannot show it: the record is whole.
        if image::guess_format(&bytes).is_err() && !crate::heic::is_heif(&bytes) {
            return Err(RecordError::Photo {
                path: source.to_path_buf(),
                why: format!(
                    "not a photo the studio reads ({})",
                    crate::photo::PHOTO_EXTENSIONS.join(", ")
                ),
            });
        }
        let taken = crate::photo_exif::date_taken(&bytes).unwrap_or_default();
        let day = if taken.is_empty() {
            fallback_date.to_string()
        } else {
            taken.clone()
        };
        if date::parse(&day).is_none() {
            return super::invalid("date", format!("\"{day}\" is not a date (YYYY-MM-DD)"));
        }
        let dir = self.path.join(PHOTOS_DIR).join(&day);
        fs::create_dir_all(&dir).map_err(io_err(&dir))?;
        let stem = source
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "photo".into());
        let ext = source
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_else(|| "jpg".into());
        let mut name = format!("{stem}.{ext}");
        let mut k = 2;
        while dir.join(&name).exists() {
            name = format!("{stem}-{k}.{ext}");
            k += 1;
        }
        write_private(&dir.join(&name), &bytes, false)?;
        Ok(SessionPhoto {
            file: format!("{PHOTOS_DIR}/{day}/{name}"),
            view: view.trim().to_string(),
            when,
            taken,
        })
    }

    /// Files a copy of `design` (opened from `from`) under the client's `designs/` as
    /// `name.json`, its photos copied into the consultation's visit folder so the client's
    /// folder holds everything it needs. Refuses to replace a design already there.
    pub fn add_design(
        &self,
        design: &crate::design::Design,
        from: &Path,
        name: &str,
    ) -> Result<PathBuf, RecordError> {
        let stem: String = name
            .trim()
            .trim_end_matches(".json")
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || " -_".contains(c) {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        if stem.trim().is_empty() {
            return super::invalid("name", "is empty: a design needs a name".into());
        }
        let dir = self.designs_dir();
        fs::create_dir_all(&dir).map_err(io_err(&dir))?;
        let target = dir.join(format!("{}.json", stem.trim()));
        if target.exists() {
            return super::invalid(
                "name",
                format!("{} already exists: choose another name", target.display()),
            );
        }
        let details = self.details()?;
        let day = Some(design.client.consultation_date.as_str())
            .filter(|d| date::parse(d).is_some())
            .map_or_else(date::today, str::to_string);
        let mut copy = design.clone();
        copy.client.name = details.name.clone();
        copy.client.id = self
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if copy.client.skin_type == 0 {
            copy.client.skin_type = details.skin_type;
        }
        let file_photo = |rel: &mut String, source: PathBuf, view: &str| {
            let inside = std::path::absolute(&source).ok().is_some_and(|a| {
                a.starts_with(std::path::absolute(&self.path).unwrap_or_default())
            });
            let kept = if inside {
                source
            } else {
                let p = self.import_photo(&source, view, PhotoWhen::Before, &day)?;
                self.path.join(p.file)
            };
            *rel = crate::engine::relative_photo_path(&target, &kept);
            Ok::<(), RecordError>(())
        };
        let main = crate::engine::photo_path(from, design);
        if design.views.is_empty() || main.is_file() {
            file_photo(&mut copy.photo.path, main, "design")?;
        }
        for (view, orig) in copy.views.iter_mut().zip(&design.views) {
            let source = crate::engine::view_photo_path(from, orig);
            file_photo(&mut view.photo.path, source, &orig.name)?;
        }
        crate::design::save_design(&copy, &target)?;
        Ok(target)
    }

    /// Deletes the client's folder and everything in it (the right to erasure). The caller
    /// asks the user first.
    pub fn delete(self) -> Result<(), RecordError> {
        if !self.path.join(CLIENT_FILE).is_file() {
            // Never remove a folder that is not a client's, whatever path was handed in.
            return super::invalid(
                "folder",
                format!("{} is not a client's folder", self.path.display()),
            );
        }
        // A client unsealed from a locked library: their sealed files go too.
        if let Ok(id) = fs::read_to_string(self.path.join(lock::UNSEALED_FROM))
            && let Some(clients) = self.path.parent()
        {
            lock::remove_sealed(clients, id.trim());
        }
        fs::remove_dir_all(&self.path).map_err(io_err(&self.path))
    }
}

/// The client folder `path` lies in (a photo in a visit's folder, a design in `designs/`), if
/// any: the nearest folder above it with a `client.json`.
pub fn client_folder_of(path: &Path) -> Option<PathBuf> {
    let abs = std::path::absolute(path).ok()?;
    abs.ancestors()
        .skip(1)
        .take(4)
        .find(|a| a.join(CLIENT_FILE).is_file())
        .map(Path::to_path_buf)
}

/// `0007-2026-11-30.json` -> (7, "2026-11-30").
fn parse_entry_name(name: &str) -> Option<(u32, String)> {
    let stem = name.strip_suffix(".json")?;
    let (n, d) = stem.split_once('-')?;
    let n: u32 = n.parse().ok().filter(|&n| n > 0)?;
    date::parse(d)?;
    Some((n, d.to_string()))
}
