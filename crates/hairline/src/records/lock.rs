//! A library locked with a passphrase: each client's folder sealed into one file whose name says
//! nothing (`clients/<random>.hsl`), beside a small sealed summary for the list
//! (`<random>.summary.hsl`: the details and the log's file names). Nothing of a locked client is
//! readable on disk: not their name, not a date, not a photo.
//!
//! The key comes from the passphrase through scrypt (N = 2^15, r = 8, p = 1, a random salt kept
//! in `lock.json`), once per unlock; each file is sealed with XChaCha20-Poly1305 under a random
//! 24-byte nonce, so a changed or truncated file is refused rather than read wrong. Unlocking
//! decrypts only the summaries; a client's folder is unsealed when it is opened, and sealed
//! again (and the plain folder removed) when the library is locked.

use super::{RecordError, io_err, write_private};
use base64::Engine as _;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};
use std::fs;
use std::path::{Path, PathBuf};

pub const LOCK_FILE: &str = "lock.json";
/// scrypt's work for a new lock: 2^15 rounds over 32 MiB, about 0.1 s per unlock on a laptop
/// (the check is paid once per unlock, not per file).
pub const WORK_LOG_N: u8 = 15;
pub const SEALED_EXT: &str = "hsl";
const MAGIC: &[u8] = b"HSLOCK1\n";
const KEY_CHECK: &[u8] = b"hairline-studio library key";
/// Inside a client's unsealed folder: the name of the file it was unsealed from, so sealing it
/// again replaces that file.
pub const UNSEALED_FROM: &str = ".sealed-as";

/// The passphrase's key.
#[derive(Clone)]
pub struct Key([u8; 32]);

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Key(..)")
    }
}

impl PartialEq for Key {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct LockFile {
    format: String,
    kdf: String,
    log_n: u8,
    r: u32,
    p: u32,
    salt: String,
    check: String,
}

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

fn random<const N: usize>() -> [u8; N] {
    let mut b = [0u8; N];
    // The system's random source; without one nothing can be sealed safely.
    getrandom::fill(&mut b).expect("the system's random number source");
    b
}

fn derive(passphrase: &str, salt: &[u8], log_n: u8, r: u32, p: u32) -> Result<Key, RecordError> {
    let params = scrypt::Params::new(log_n, r, p, 32).map_err(|e| RecordError::Invalid {
        field: "lock.json".into(),
        why: format!("scrypt parameters refused: {e}"),
    })?;
    let mut key = [0u8; 32];
    scrypt::scrypt(passphrase.as_bytes(), salt, &params, &mut key).map_err(|e| {
        RecordError::Invalid {
            field: "lock.json".into(),
            why: format!("scrypt failed: {e}"),
        }
    })?;
    Ok(Key(key))
}

/// `plain` sealed under `key`.
pub fn seal(key: &Key, plain: &[u8]) -> Vec<u8> {
    let nonce: [u8; 24] = random();
    let cipher = XChaCha20Poly1305::new((&key.0).into());
    let sealed = cipher
        .encrypt(
            XNonce::from_slice(&nonce),
            Payload {
                msg: plain,
                aad: MAGIC,
            },
        )
        .expect("encryption of an in-memory buffer");
    let mut out = Vec::with_capacity(MAGIC.len() + 24 + sealed.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&nonce);
    out.extend(sealed);
    out
}

/// The plain bytes of a sealed file, or `None` when the key is wrong or the file was changed.
pub fn open(key: &Key, sealed: &[u8]) -> Option<Vec<u8>> {
    let rest = sealed.strip_prefix(MAGIC)?;
    let (nonce, body) = (rest.get(..24)?, rest.get(24..)?);
    XChaCha20Poly1305::new((&key.0).into())
        .decrypt(
            XNonce::from_slice(nonce),
            Payload {
                msg: body,
                aad: MAGIC,
            },
        )
        .ok()
}

/// Whether the library at `root` is locked with a passphrase.
pub fn has_lock(root: &Path) -> bool {
    root.join(LOCK_FILE).is_file()
}

/// Makes the library's lock: a new salt and the check that tells a right passphrase.
pub fn create_lock(root: &Path, passphrase: &str, log_n: u8) -> Result<Key, RecordError> {
    if passphrase.chars().count() < 8 {
        return super::invalid(
            "passphrase",
            "is shorter than 8 characters: choose a longer one".into(),
        );
    }
    let salt: [u8; 16] = random();
    let key = derive(passphrase, &salt, log_n, 8, 1)?;
    let lock = LockFile {
        format: "hairline-studio-lock".into(),
        kdf: "scrypt".into(),
        log_n,
        r: 8,
        p: 1,
        salt: B64.encode(salt),
        check: B64.encode(seal(&key, KEY_CHECK)),
    };
    let text = serde_json::to_string_pretty(&lock).expect("serialisable");
    write_private(&root.join(LOCK_FILE), text.as_bytes(), false)?;
    Ok(key)
}

/// The key of the library at `root` from `passphrase`, if it is the right one.
pub fn unlock(root: &Path, passphrase: &str) -> Result<Key, RecordError> {
    let path = root.join(LOCK_FILE);
    let lock: LockFile = super::read_json(&path)?;
    let bad = |why: &str| RecordError::Json {
        path: path.clone(),
        cause: why.to_string(),
    };
    if !(10..=22).contains(&lock.log_n) || lock.r != 8 || lock.p != 1 {
        return Err(bad("scrypt parameters out of range"));
    }
    let salt = B64
        .decode(&lock.salt)
        .map_err(|_| bad("salt is not base64"))?;
    let check = B64
        .decode(&lock.check)
        .map_err(|_| bad("check is not base64"))?;
    let key = derive(passphrase, &salt, lock.log_n, lock.r, lock.p)?;
    match open(&key, &check) {
        Some(c) if c == KEY_CHECK => Ok(key),
        _ => Err(RecordError::WrongPassphrase),
    }
}

/// Every file of a client's folder as (relative path with '/', bytes).
fn read_files(dir: &Path) -> Result<Vec<(String, Vec<u8>)>, RecordError> {
    super::files_under(dir)?
        .into_iter()
        .map(|rel| {
            let path = dir.join(&rel);
            let bytes = fs::read(&path).map_err(io_err(&path))?;
            Ok((rel.to_string_lossy().replace('\\', "/"), bytes))
        })
        .collect()
}

/// Files packed one after another: path length, path, data length, data.
fn pack(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    for (path, data) in files {
        out.extend((path.len() as u32).to_le_bytes());
        out.extend(path.as_bytes());
        out.extend((data.len() as u64).to_le_bytes());
        out.extend(data);
    }
    out
}

fn unpack(mut b: &[u8]) -> Option<Vec<(String, Vec<u8>)>> {
    let mut out = Vec::new();
    while !b.is_empty() {
        let n = u32::from_le_bytes(b.get(..4)?.try_into().ok()?) as usize;
        let path = std::str::from_utf8(b.get(4..4 + n)?).ok()?.to_string();
        b = &b[4 + n..];
        let len = usize::try_from(u64::from_le_bytes(b.get(..8)?.try_into().ok()?)).ok()?;
        let data = b.get(8..8usize.checked_add(len)?)?.to_vec();
        b = &b[8 + len..];
        if !super::session_log::is_plain_relative(&path) {
            return None;
        }
        out.push((path, data));
    }
    Some(out)
}

/// What the list needs of a sealed client: their `client.json` and their log's file names.
#[derive(Serialize, Deserialize)]
pub struct SealedSummary {
    pub folder_name: String,
    pub client_json: String,
    pub session_files: Vec<String>,
}

/// Seals the client folder `folder` into `clients/<id>.hsl` and its summary, then removes the
/// plain folder. The sealed files are whole on disk before anything plain is removed.
pub fn seal_client(key: &Key, folder: &Path) -> Result<(), RecordError> {
    let clients = folder.parent().unwrap_or(Path::new("."));
    let id = fs::read_to_string(folder.join(UNSEALED_FROM))
        .ok()
        .map(|s| s.trim().to_string())
        .filter(|s| s.len() == 32 && s.chars().all(|c| c.is_ascii_hexdigit()))
        .unwrap_or_else(|| random::<16>().iter().map(|b| format!("{b:02x}")).collect());
    let files = read_files(folder)?;
    let summary = SealedSummary {
        folder_name: folder
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        client_json: files
            .iter()
            .find(|(p, _)| p == super::client::CLIENT_FILE)
            .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
            .unwrap_or_default(),
        session_files: files
            .iter()
            .filter_map(|(p, _)| p.strip_prefix("sessions/").map(str::to_string))
            .collect(),
    };
    let summary = serde_json::to_vec(&summary).expect("serialisable");
    write_private(
        &clients.join(format!("{id}.{SEALED_EXT}")),
        &seal(key, &pack(&files)),
        false,
    )?;
    write_private(
        &clients.join(format!("{id}.summary.{SEALED_EXT}")),
        &seal(key, &summary),
        false,
    )?;
    fs::remove_dir_all(folder).map_err(io_err(folder))
}

/// The sealed clients' summaries opened, from their (id, summary file): (id, summary), and the
/// files that would not open.
pub fn sealed_summaries(
    key: &Key,
    files: Vec<(String, PathBuf)>,
) -> (Vec<(String, SealedSummary)>, Vec<String>) {
    let (mut ok, mut bad) = (Vec::new(), Vec::new());
    for (id, path) in files {
        let summary = fs::read(&path)
            .ok()
            .and_then(|b| open(key, &b))
            .and_then(|b| serde_json::from_slice::<SealedSummary>(&b).ok());
        match summary {
            Some(s) => ok.push((id, s)),
            None => bad.push(format!(
                "{}: cannot be opened with this passphrase (damaged, or sealed by another library)",
                path.display()
            )),
        }
    }
    (ok, bad)
}

/// Unseals client `id` into a plain folder beside it and returns the folder; the sealed files
/// stay until the folder is sealed again (a crash leaves both, never neither).
pub fn unseal_client(key: &Key, clients_dir: &Path, id: &str) -> Result<PathBuf, RecordError> {
    let sealed_path = clients_dir.join(format!("{id}.{SEALED_EXT}"));
    let sealed = fs::read(&sealed_path).map_err(io_err(&sealed_path))?;
    let damaged = || RecordError::Json {
        path: sealed_path.clone(),
        cause: "cannot be opened with this passphrase (damaged, or sealed by another library)"
            .into(),
    };
    let files = unpack(&open(key, &sealed).ok_or_else(damaged)?).ok_or_else(damaged)?;
    let summary = fs::read(clients_dir.join(format!("{id}.summary.{SEALED_EXT}")))
        .ok()
        .and_then(|b| open(key, &b))
        .and_then(|b| serde_json::from_slice::<SealedSummary>(&b).ok());
    let name = summary
        .map(|s| s.folder_name)
        .filter(|n| super::session_log::is_plain_relative(n) && !n.contains('/'))
        .unwrap_or_else(|| format!("client-{id}"));
    let folder = clients_dir.join(name);
    for (rel, data) in &files {
        let path = folder.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(io_err(parent))?;
        }
        write_private(&path, data, false)?;
    }
    write_private(&folder.join(UNSEALED_FROM), id.as_bytes(), false)?;
    Ok(folder)
}

/// Removes client `id`'s sealed files (the client was deleted).
pub fn remove_sealed(clients_dir: &Path, id: &str) {
    for name in [
        format!("{id}.{SEALED_EXT}"),
        format!("{id}.summary.{SEALED_EXT}"),
    ] {
        let _ = fs::remove_file(clients_dir.join(name));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealing_round_trips_and_refuses_a_wrong_key_or_a_changed_byte() {
        let k = Key([7; 32]);
        let s = seal(&k, b"Daniel Okafor");
        assert_eq!(open(&k, &s).as_deref(), Some(&b"Daniel Okafor"[..]));
        assert!(open(&Key([8; 32]), &s).is_none());
        for i in 0..s.len() {
            let mut t = s.clone();
            t[i] ^= 1;
            assert!(open(&k, &t).is_none(), "byte {i} changed");
        }
        assert!(open(&k, &s[..s.len() - 1]).is_none());
        assert_ne!(seal(&k, b"x"), seal(&k, b"x"), "a fresh nonce each time");
    }

    #[test]
    fn packing_round_trips_and_refuses_paths_outside() {
        let files = vec![
            ("client.json".to_string(), b"{}".to_vec()),
            ("photos/2026-01-01/a.jpg".to_string(), vec![0xff, 0xd8, 0]),
        ];
        assert_eq!(unpack(&pack(&files)), Some(files));
        let evil = pack(&[("../x".to_string(), vec![1])]);
        assert_eq!(unpack(&evil), None);
        let whole = pack(&[("a".to_string(), vec![1, 2, 3])]);
        for cut in 1..whole.len() {
            assert_eq!(unpack(&whole[..cut]), None);
        }
    }
}
