//! The library's side of the lock (`lock`): unlocking, locking, listing the sealed clients and
//! unsealing one when it is opened.

use super::client::ClientDetails;
use super::library::{ClientFolder, ClientSummary, Library, Listing, parse_entry_name};
use super::{RecordError, lock};
use std::path::{Path, PathBuf};

impl Library {
    /// Lowers scrypt's work for files sealed from now on (tests that lock many times); the studio
    /// and the command line keep age's default.
    #[doc(hidden)]
    pub fn set_work_factor(&mut self, log_n: u8) {
        self.log_n = log_n;
    }

    /// Whether the library has a passphrase, and whether it is unlocked now.
    pub fn is_locked(&self) -> bool {
        lock::has_lock(&self.root) && self.key.is_none()
    }

    pub fn has_passphrase(&self) -> bool {
        lock::has_lock(&self.root)
    }

    /// Plain files and folders under `clients/` while the library is locked: left by a crash
    /// (or put there by hand). Empty while unlocked, where plain folders are the records in use.
    pub fn leftovers(&self) -> Vec<PathBuf> {
        if !self.is_locked() {
            return Vec::new();
        }
        lock::plain_entries(&self.clients_dir())
    }

    /// Unlocks the library: its index opened, an old-format library written again in the age
    /// format, and anything a crash left plain sealed at once (before anything is shown).
    /// Returns notes for the user on what was found.
    pub fn unlock(&mut self, passphrase: &str) -> Result<Vec<String>, RecordError> {
        let clients = self.clients_dir();
        lock::clear_staging(&clients);
        let leftovers = lock::plain_entries(&clients);
        let (un, mut notes) = lock::unlock(&self.root, passphrase, self.log_n)?;
        self.key = Some(un);
        if !leftovers.is_empty() {
            let n = self.seal_all(None, &leftovers)?;
            notes.push(format!(
                "{n} item{} found unencrypted in the locked library (left by a crash) and encrypted",
                if n == 1 { "" } else { "s" }
            ));
        }
        // Entries that are not clients' folders are given back at once: nothing else opens them.
        if let Some(un) = &self.key {
            for unit in un.units().iter().filter(|u| u.client_json.is_none()) {
                if let Err(e) = lock::unseal_unit(un, &clients, &unit.id) {
                    notes.push(e.to_string());
                }
            }
        }
        Ok(notes)
    }

    /// Gives the library a passphrase (`log_n`: scrypt's work, 2^log_n); it stays unlocked until
    /// `lock` (which the caller runs, knowing which record is still in use).
    pub fn set_passphrase(&mut self, passphrase: &str, log_n: u8) -> Result<(), RecordError> {
        if self.has_passphrase() {
            return super::invalid("passphrase", "the library already has one".into());
        }
        self.log_n = log_n;
        self.key = Some(lock::create_lock(&self.root, passphrase, log_n)?);
        Ok(())
    }

    /// Seals everything under `clients/` (but `keep`, a folder still in use with unsaved work)
    /// and forgets the key; returns how many entries were sealed.
    pub fn lock(&mut self, keep: Option<&Path>) -> Result<usize, RecordError> {
        if self.key.is_none() {
            return Ok(0);
        }
        let entries = lock::plain_entries(&self.clients_dir());
        let result = self.seal_all(keep, &entries);
        if keep.is_none() {
            self.key = None;
        }
        result
    }

    /// Seals `entries` (but `keep`): every sealed file whole, then the index, then the plain
    /// entries removed. Errors are reported after the rest is done.
    fn seal_all(&self, keep: Option<&Path>, entries: &[PathBuf]) -> Result<usize, RecordError> {
        let Some(un) = &self.key else {
            return Err(RecordError::WrongPassphrase);
        };
        let mut done = Vec::new();
        let mut result = Ok(());
        for path in entries {
            if keep.is_some_and(|k| k == path) {
                continue;
            }
            match lock::seal_unit(un, path) {
                Ok(id) => done.push((path, id)),
                Err(e) => result = Err(e),
            }
        }
        lock::write_index(un, &self.clients_dir())?;
        for (path, id) in &done {
            if let Err(e) = lock::remove_plain(path, id) {
                result = Err(e);
            }
        }
        result.map(|()| done.len())
    }

    /// The sealed clients: listed from the index while unlocked, counted while locked.
    pub(super) fn list_sealed(&self, listing: &mut Listing) {
        let dir = self.clients_dir();
        let Some(un) = &self.key else {
            let sealed = lock::sealed_files(&dir).len()
                + std::fs::read_dir(&dir)
                    .into_iter()
                    .flatten()
                    .flatten()
                    .filter(|e| e.file_name().to_string_lossy().ends_with(".summary.hsl"))
                    .count();
            if sealed > 0 {
                listing.problems.push(format!(
                    "{sealed} client{} locked: unlock the library with its passphrase to see them",
                    if sealed == 1 { " is" } else { "s are" }
                ));
            }
            let left = self.leftovers().len();
            if self.is_locked() && left > 0 {
                listing.problems.push(format!(
                    "{left} item{} in clients/ not encrypted (left by a crash?): unlock the library to encrypt {}",
                    if left == 1 { " is" } else { "s are" },
                    if left == 1 { "it" } else { "them" }
                ));
            }
            return;
        };
        // A client unsealed for work is listed from its folder, not twice.
        let unsealed: Vec<String> = listing
            .clients
            .iter()
            .filter_map(|c| std::fs::read_to_string(c.folder.path.join(lock::UNSEALED_FROM)).ok())
            .map(|s| s.trim().to_string())
            .collect();
        for unit in un.units() {
            let Some(json) = unit.client_json.as_deref() else {
                continue;
            };
            let sealed_file = dir.join(format!("{}.{}", unit.id, lock::SEALED_EXT));
            // Unsealed for work (listed from its folder), or deleted since the index was read.
            if unsealed.contains(&unit.id) || !sealed_file.is_file() {
                continue;
            }
            let details = serde_json::from_str::<ClientDetails>(json)
                .map_err(|e| e.to_string())
                .and_then(|d| d.validate().map(|()| d).map_err(|e| e.to_string()));
            match details {
                Ok(details) => {
                    let dates: Vec<String> = unit
                        .session_files
                        .iter()
                        .filter_map(|n| parse_entry_name(n).map(|(_, d)| d))
                        .collect();
                    listing.clients.push(ClientSummary {
                        folder: ClientFolder { path: sealed_file },
                        details,
                        log_entries: dates.len(),
                        last_session: dates.into_iter().max(),
                        sealed: Some(unit.id.clone()),
                    });
                }
                Err(e) => listing.problems.push(format!(
                    "skipped: sealed client {}: client.json {e}",
                    unit.id
                )),
            }
        }
    }

    /// The folder of a listed client, unsealed first if it is sealed.
    pub fn client_folder(&self, summary: &ClientSummary) -> Result<ClientFolder, RecordError> {
        match (&summary.sealed, &self.key) {
            (None, _) => Ok(summary.folder.clone()),
            (Some(id), Some(un)) => Ok(ClientFolder {
                path: lock::unseal_unit(un, &self.clients_dir(), id)?,
            }),
            (Some(_), None) => Err(RecordError::WrongPassphrase),
        }
    }

    /// Unseals every sealed entry (the command line's `library unlock`, for a backup or work
    /// outside the studio); returns how many.
    pub fn unseal_all(&self) -> Result<usize, RecordError> {
        let Some(un) = &self.key else {
            return Err(RecordError::WrongPassphrase);
        };
        let mut n = 0;
        for unit in un.units() {
            lock::unseal_unit(un, &self.clients_dir(), &unit.id)?;
            n += 1;
        }
        Ok(n)
    }

    /// Makes every folder and file under `clients/` the user's alone (an older library's were
    /// not).
    pub(super) fn make_folders_private(&self) {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mut todo = vec![self.clients_dir()];
            while let Some(dir) = todo.pop() {
                for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                    let Ok(meta) = e.metadata() else { continue };
                    if meta.is_file() && meta.permissions().mode() & 0o077 != 0 {
                        let _ = std::fs::set_permissions(
                            e.path(),
                            std::fs::Permissions::from_mode(0o600),
                        );
                    }
                    if meta.is_dir() {
                        if meta.permissions().mode() & 0o077 != 0 {
                            let _ = std::fs::set_permissions(
                                e.path(),
                                std::fs::Permissions::from_mode(0o700),
                            );
                        }
                        todo.push(e.path());
                    }
                }
            }
        }
    }
}
