//! Sealed files in the age format (age-encryption.org/v1, passphrase recipient: scrypt), through
//! the maintained `age` crate: any sealed file of a locked library opens with the standard
//! `age -d` and the passphrase, and a file made with `age -p` opens here.
//!
//! Each sealed file's payload is a tar archive (readable with `age -d FILE | tar x`) whose first
//! entry, `.hairline-seal.json`, names what the file is: the id its name carries and its role.
//! It is checked after decryption, so a sealed file copied over another's name (Maria's record
//! under Daniel's id) is refused instead of opened as the wrong client.

use age::secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use std::io::{Read, Write};
use std::sync::Arc;

/// scrypt's work for each file sealed: N = 2^18, age's default (what `age -p` writes), about a
/// second and 256 MiB per file opened or sealed.
pub const WORK_FACTOR: u8 = 18;
/// The most work a file may ask for: 2^20 (1 GiB, a few seconds). A file asking for more is
/// refused as damaged before any work is done, not taken as a wrong passphrase.
pub const MAX_WORK_FACTOR: u8 = 20;
/// The first entry of a sealed file's payload: what the file is.
pub const SEAL_ENTRY: &str = ".hairline-seal.json";

/// A passphrase, zeroised when the last copy is dropped (age's `SecretString`).
#[derive(Clone)]
pub struct Passphrase(Arc<SecretString>);

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(..)")
    }
}

impl PartialEq for Passphrase {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Passphrase {
    pub fn new(typed: &str) -> Passphrase {
        Passphrase(Arc::new(SecretString::from(typed.to_owned())))
    }

    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }

    /// A copy for the age crate, which takes its own (zeroised by it when dropped).
    fn secret(&self) -> SecretString {
        SecretString::from(self.expose().to_owned())
    }
}

/// What a sealed file is: checked against where it lies.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Binding {
    /// The id in the file's name (`clients/<id>.age`), or "index".
    pub id: String,
    /// "client" (a folder under clients/), "index" (the list's summaries).
    pub role: String,
}

/// Why a sealed file did not open.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("the passphrase is not this file's")]
    WrongPassphrase,
    #[error("damaged: {0}")]
    Damaged(String),
}

fn damaged(why: impl std::fmt::Display) -> OpenError {
    OpenError::Damaged(why.to_string())
}

/// Encrypts what `payload` writes into `out` with `passphrase`, at scrypt work 2^`log_n`.
pub fn seal<W: Write>(
    passphrase: &Passphrase,
    log_n: u8,
    out: W,
    payload: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<W> {
    let mut recipient = age::scrypt::Recipient::new(passphrase.secret());
    recipient.set_work_factor(log_n);
    let encryptor =
        age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
            .map_err(std::io::Error::other)?;
    let mut w = encryptor.wrap_output(out)?;
    payload(&mut w)?;
    w.finish()
}

/// The plain stream of the age file `sealed`, checked as far as the header: a wrong passphrase
/// or a file asking too much work is known here; a changed byte of the payload shows as a read
/// error later (age authenticates each 64 KiB chunk).
pub fn open<R: Read>(passphrase: &Passphrase, sealed: R) -> Result<impl Read, OpenError> {
    use age::DecryptError as E;
    let decryptor = age::Decryptor::new(sealed).map_err(|e| match e {
        E::UnknownFormat => damaged("not an age file (unknown format)"),
        e => damaged(format!("not an age file ({e})")),
    })?;
    if !decryptor.is_scrypt() {
        return Err(damaged(
            "an age file for a key, not for a passphrase: the library's files are sealed with a passphrase",
        ));
    }
    let mut identity = age::scrypt::Identity::new(passphrase.secret());
    identity.set_max_work_factor(MAX_WORK_FACTOR);
    decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .map_err(|e| match e {
            E::ExcessiveWork { required, .. } => damaged(format!(
                "asks for scrypt work 2^{required}, more than the 2^{MAX_WORK_FACTOR} any library uses"
            )),
            E::DecryptionFailed | E::KeyDecryptionFailed | E::NoMatchingKeys => {
                OpenError::WrongPassphrase
            }
            e => damaged(e),
        })
}

/// A sealed file's payload: the binding first, then what `entries` adds.
pub fn seal_tar<W: Write>(
    passphrase: &Passphrase,
    log_n: u8,
    out: W,
    binding: &Binding,
    entries: impl FnOnce(&mut tar::Builder<&mut dyn Write>) -> std::io::Result<()>,
) -> std::io::Result<W> {
    seal(passphrase, log_n, out, |w| {
        let mut b = tar::Builder::new(w);
        let json = serde_json::to_vec(binding).map_err(std::io::Error::other)?;
        append_bytes(&mut b, SEAL_ENTRY, &json, 0o600, now())?;
        entries(&mut b)?;
        b.finish()
    })
}

/// Seconds since 1970, for an entry's date.
pub fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Adds a file to a tar archive: long and non-Latin names through GNU's long-name entries.
pub fn append_bytes<W: Write>(
    b: &mut tar::Builder<W>,
    path: &str,
    data: &[u8],
    mode: u32,
    mtime: u64,
) -> std::io::Result<()> {
    let mut h = tar::Header::new_gnu();
    h.set_size(data.len() as u64);
    h.set_mode(mode);
    h.set_mtime(mtime);
    h.set_entry_type(tar::EntryType::Regular);
    b.append_data(&mut h, path, data)
}

/// One entry of a sealed file's payload: its path ('/'-separated, no trailing '/'), its bytes
/// (`None` for a folder) and its date (seconds since 1970).
pub type Item = (String, Option<Vec<u8>>, u64);

/// Opens a sealed file made by `seal_tar`, checks it is `expected`, and returns its entries after
/// the binding (files and folders only: a link or device is refused as damage).
pub fn open_tar<R: Read>(
    passphrase: &Passphrase,
    sealed: R,
    expected: &Binding,
) -> Result<Vec<Item>, OpenError> {
    let mut archive = tar::Archive::new(open(passphrase, sealed)?);
    let mut entries = archive.entries().map_err(damaged)?;
    let mut first = entries
        .next()
        .ok_or_else(|| damaged("empty"))?
        .map_err(damaged)?;
    if first.path_bytes().as_ref() != SEAL_ENTRY.as_bytes() || first.size() > 4096 {
        return Err(damaged(format!(
            "its payload does not start with {SEAL_ENTRY}"
        )));
    }
    let mut json = Vec::new();
    first.read_to_end(&mut json).map_err(damaged)?;
    let found: Binding = serde_json::from_slice(&json).map_err(damaged)?;
    if &found != expected {
        return Err(damaged(format!(
            "it is the {} \"{}\", not the {} \"{}\" its name says: a sealed file moved or \
             copied over another",
            found.role, found.id, expected.role, expected.id
        )));
    }
    let mut out = Vec::new();
    for entry in entries {
        let mut entry = entry.map_err(damaged)?;
        let path = String::from_utf8(entry.path_bytes().into_owned())
            .map_err(|_| damaged("a name that is not UTF-8"))?
            .trim_end_matches('/')
            .to_string();
        let mtime = entry.header().mtime().unwrap_or(0);
        match entry.header().entry_type() {
            tar::EntryType::Directory => out.push((path, None, mtime)),
            tar::EntryType::Regular => {
                let mut data = Vec::new();
                entry.read_to_end(&mut data).map_err(damaged)?;
                out.push((path, Some(data), mtime));
            }
            other => return Err(damaged(format!("{path}: an entry of kind {other:?}"))),
        }
    }
    Ok(out)
}

/// A whole file opened into memory (an `age -p` file, the index).
pub fn open_all<R: Read>(passphrase: &Passphrase, sealed: R) -> Result<Vec<u8>, OpenError> {
    let mut out = Vec::new();
    open(passphrase, sealed)?
        .read_to_end(&mut out)
        .map_err(damaged)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    // At a low work factor: these test the format's checks, not scrypt's cost.
    const LOW: u8 = 10;

    #[test]
    fn a_sealed_tar_opens_only_as_what_it_is_and_only_with_its_passphrase() {
        let p = Passphrase::new("correct horse battery");
        let maria = Binding {
            id: "aa".into(),
            role: "client".into(),
        };
        let sealed = seal_tar(&p, LOW, Vec::new(), &maria, |b| {
            append_bytes(b, "Maria/client.json", b"{\"name\":\"Maria\"}", 0o600, 1)
        })
        .unwrap();
        assert!(sealed.starts_with(b"age-encryption.org/v1\n-> scrypt "));
        let items = open_tar(&p, &sealed[..], &maria).unwrap();
        assert_eq!(
            items,
            vec![(
                "Maria/client.json".to_string(),
                Some(b"{\"name\":\"Maria\"}".to_vec()),
                1
            )]
        );
        let daniel = Binding {
            id: "bb".into(),
            role: "client".into(),
        };
        let err = open_tar(&p, &sealed[..], &daniel).err().unwrap();
        assert!(err.to_string().contains("not the client \"bb\""), "{err}");
        let wrong = Passphrase::new("wrong horse battery");
        assert!(matches!(
            open_tar(&wrong, &sealed[..], &maria).err().unwrap(),
            OpenError::WrongPassphrase
        ));
    }

    #[test]
    fn a_file_asking_too_much_work_is_damaged_not_a_wrong_passphrase() {
        let p = Passphrase::new("correct horse battery");
        let sealed = seal(&p, LOW, Vec::new(), |w| w.write_all(b"x")).unwrap();
        let text = String::from_utf8_lossy(&sealed).into_owned();
        let line = text.lines().nth(1).unwrap().to_string();
        assert!(line.ends_with(" 10"), "{line}");
        let asked = line.replace(" 10", " 30");
        let mut evil = sealed.clone();
        let at = text.find(&line).unwrap();
        evil.splice(at..at + line.len(), asked.bytes());
        let t = std::time::Instant::now();
        let err = open_all(&p, &evil[..]).unwrap_err();
        assert!(matches!(err, OpenError::Damaged(_)), "{err}");
        assert!(err.to_string().contains("2^30"), "{err}");
        assert!(t.elapsed().as_secs_f64() < 1.0, "refused before any work");
    }
}
