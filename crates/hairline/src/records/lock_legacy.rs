//! The studio's first lock format ("HSLOCK1"), read so that no library locked with it is lost:
//! `lock.json` held scrypt's salt and parameters and a sealed check; each client was two files,
//! `<id>.hsl` (the folder's files packed one after another) and `<id>.summary.hsl`, each sealed
//! with XChaCha20-Poly1305 under the one scrypt key. Unlocking such a library writes every client
//! again in the age format (`age_format`); nothing is written in this format any more.

use super::RecordError;
use base64::Engine as _;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use serde::Deserialize;
use std::path::Path;
use zeroize::Zeroizing;

const MAGIC: &[u8] = b"HSLOCK1\n";
const KEY_CHECK: &[u8] = b"hairline-studio library key";
pub const LEGACY_EXT: &str = "hsl";
/// The most work an old `lock.json` may ask for: the studio wrote 2^15; 2^18 is a generous bound,
/// and more is a damaged (or edited) file, refused before any work.
const MAX_LOG_N: u8 = 18;

/// The old format's key, zeroised when dropped.
pub struct LegacyKey(Zeroizing<[u8; 32]>);

#[derive(Deserialize)]
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

/// Whether `lock.json`'s text is the old format's (it names a salt).
pub fn is_legacy_lock(text: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(text).is_ok_and(|v| v.get("salt").is_some())
}

fn derive(passphrase: &str, salt: &[u8], log_n: u8) -> Result<LegacyKey, String> {
    let params = scrypt::Params::new(log_n, 8, 1, 32).map_err(|e| e.to_string())?;
    let mut key = Zeroizing::new([0u8; 32]);
    scrypt::scrypt(passphrase.as_bytes(), salt, &params, &mut key[..])
        .map_err(|e| e.to_string())?;
    Ok(LegacyKey(key))
}

/// The old key of the library whose `lock.json` is at `path`, if `passphrase` is its.
pub fn unlock(path: &Path, passphrase: &str) -> Result<LegacyKey, RecordError> {
    let lock: LockFile = super::library::read_json(path)?;
    let bad = |why: String| RecordError::Json {
        path: path.to_path_buf(),
        cause: format!("damaged: {why}"),
    };
    if lock.format != "hairline-studio-lock" || lock.kdf != "scrypt" {
        return Err(bad("not a hairline-studio lock".into()));
    }
    if !(10..=MAX_LOG_N).contains(&lock.log_n) || lock.r != 8 || lock.p != 1 {
        return Err(bad(format!(
            "scrypt parameters out of range (2^{} rounds, r {}, p {}; at most 2^{MAX_LOG_N}, r 8, p 1)",
            lock.log_n, lock.r, lock.p
        )));
    }
    let salt = B64
        .decode(&lock.salt)
        .map_err(|_| bad("salt is not base64".into()))?;
    let check = B64
        .decode(&lock.check)
        .map_err(|_| bad("check is not base64".into()))?;
    let key = derive(passphrase, &salt, lock.log_n).map_err(bad)?;
    match open(&key, &check) {
        Some(c) if c == KEY_CHECK => Ok(key),
        _ => Err(RecordError::WrongPassphrase),
    }
}

/// The plain bytes of an old sealed file, or `None` when the key is wrong or it was changed.
pub fn open(key: &LegacyKey, sealed: &[u8]) -> Option<Vec<u8>> {
    let rest = sealed.strip_prefix(MAGIC)?;
    let (nonce, body) = (rest.get(..24)?, rest.get(24..)?);
    XChaCha20Poly1305::new((&*key.0).into())
        .decrypt(
            XNonce::from_slice(nonce),
            Payload {
                msg: body,
                aad: MAGIC,
            },
        )
        .ok()
}

/// An old client file's files, as (relative path, bytes).
pub fn unpack(mut b: &[u8]) -> Option<Vec<(String, Vec<u8>)>> {
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

/// The folder name an old summary file recorded.
pub fn summary_folder_name(plain: &[u8]) -> Option<String> {
    #[derive(Deserialize)]
    struct Summary {
        folder_name: String,
    }
    serde_json::from_slice::<Summary>(plain)
        .ok()
        .map(|s| s.folder_name)
}

/// Writes a library locked in the old format, as the studio once did: for the tests that old
/// libraries still open. `clients` are (folder name, files).
#[doc(hidden)]
pub fn write_old_library_for_tests(
    root: &Path,
    passphrase: &str,
    clients: &[(&str, Vec<(String, Vec<u8>)>)],
) {
    let salt = [9u8; 16];
    let key = derive(passphrase, &salt, 10).expect("scrypt");
    let seal = |plain: &[u8]| {
        let nonce = [3u8; 24];
        let body = XChaCha20Poly1305::new((&*key.0).into())
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: plain,
                    aad: MAGIC,
                },
            )
            .expect("encrypts");
        [MAGIC, &nonce[..], &body].concat()
    };
    let lock = serde_json::json!({
        "format": "hairline-studio-lock", "kdf": "scrypt", "log_n": 10, "r": 8, "p": 1,
        "salt": B64.encode(salt), "check": B64.encode(seal(KEY_CHECK)),
    });
    std::fs::create_dir_all(root.join("clients")).expect("folder");
    std::fs::write(root.join("lock.json"), lock.to_string()).expect("lock.json");
    for (i, (name, files)) in clients.iter().enumerate() {
        let mut packed = Vec::new();
        for (path, data) in files {
            packed.extend((path.len() as u32).to_le_bytes());
            packed.extend(path.as_bytes());
            packed.extend((data.len() as u64).to_le_bytes());
            packed.extend(data);
        }
        let summary = serde_json::json!({
            "folder_name": name, "client_json": "", "session_files": Vec::<String>::new(),
        });
        let id = format!("{i:032x}");
        let dir = root.join("clients");
        std::fs::write(dir.join(format!("{id}.hsl")), seal(&packed)).expect("write");
        std::fs::write(
            dir.join(format!("{id}.summary.hsl")),
            seal(summary.to_string().as_bytes()),
        )
        .expect("write");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_files_open_and_refuse_a_wrong_key_or_a_changed_byte() {
        let dir = tempfile::tempdir().unwrap();
        let files = vec![("client.json".to_string(), b"{}".to_vec())];
        write_old_library_for_tests(dir.path(), "correct horse battery", &[("Ana-1", files)]);
        let lock = dir.path().join("lock.json");
        assert!(is_legacy_lock(&std::fs::read_to_string(&lock).unwrap()));
        assert!(matches!(
            unlock(&lock, "wrong horse battery"),
            Err(RecordError::WrongPassphrase)
        ));
        let key = unlock(&lock, "correct horse battery").unwrap();
        let sealed = std::fs::read(dir.path().join(format!("clients/{:032x}.hsl", 0))).unwrap();
        let plain = open(&key, &sealed).unwrap();
        assert_eq!(
            unpack(&plain).unwrap(),
            vec![("client.json".to_string(), b"{}".to_vec())]
        );
        for i in 0..sealed.len() {
            let mut t = sealed.clone();
            t[i] ^= 1;
            assert!(open(&key, &t).is_none(), "byte {i} changed");
        }
        let mut evil = 4u32.to_le_bytes().to_vec();
        evil.extend(b"../x");
        evil.extend(1u64.to_le_bytes());
        evil.push(1);
        assert_eq!(unpack(&evil), None);
    }

    #[test]
    fn an_old_lock_asking_too_much_work_is_damaged() {
        let dir = tempfile::tempdir().unwrap();
        write_old_library_for_tests(dir.path(), "correct horse battery", &[]);
        let lock = dir.path().join("lock.json");
        let text = std::fs::read_to_string(&lock).unwrap();
        std::fs::write(&lock, text.replace("\"log_n\":10", "\"log_n\":25")).unwrap();
        // The key has no Debug on purpose (it would print the key): match instead of unwrap_err.
        let Err(err) = unlock(&lock, "correct horse battery") else {
            panic!("a work factor of 2^25 was accepted");
        };
        assert!(err.to_string().contains("damaged"), "{err}");
    }
}
