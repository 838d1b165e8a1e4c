//! `hairline-studio library [--dir DIR] list | lock | unlock | export CLIENT -o FILE.tar | check`:
//! the client library for scripts and backups. The passphrase is read from the terminal (not
//! echoed), or from `HAIRLINE_PASSPHRASE` where a script needs it: weaker, since the environment
//! of a process can be read by the same user's other programs and may end up in a shell's
//! history or a log.

use crate::records::{Library, RecordError};
use anyhow::{Context, Result, bail};
use std::path::PathBuf;
use zeroize::Zeroizing;

#[derive(clap::Args, Clone, Debug, PartialEq)]
pub struct LibraryCli {
    /// The library's folder (by default HAIRLINE_LIBRARY, else "Hairline Studio clients" in the
    /// documents folder, as the studio).
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    #[command(subcommand)]
    pub action: LibraryAction,
}

#[derive(clap::Subcommand, Clone, Debug, PartialEq)]
pub enum LibraryAction {
    /// List the clients (a locked library asks for its passphrase; nothing is decrypted to disk).
    List,
    /// Encrypt everything under clients/ with the passphrase (a library without one is given
    /// one, typed twice).
    Lock,
    /// Decrypt every client's folder onto the disk (for a backup, or work outside the studio);
    /// `lock` encrypts them again.
    Unlock,
    /// Write one client's hand-over archive (tar; photos without camera metadata or location).
    Export {
        /// The client's name (or enough of it to name one client).
        client: String,
        /// The archive to write; it should be outside the library.
        #[arg(short = 'o', long = "out", value_name = "FILE.tar")]
        out: PathBuf,
    },
    /// Name every problem (unencrypted files in a locked library, damaged or misplaced sealed
    /// files, damaged log entries, duplicate entry numbers, files others may read) without
    /// changing anything. Exits 1 if there is any.
    Check,
}

/// The passphrase: `HAIRLINE_PASSPHRASE`, else typed at the terminal (twice when `confirm`).
fn passphrase(prompt: &str, confirm: bool) -> Result<Zeroizing<String>> {
    if let Some(p) = std::env::var_os("HAIRLINE_PASSPHRASE") {
        return Ok(Zeroizing::new(p.to_string_lossy().into_owned()));
    }
    let typed = Zeroizing::new(
        rpassword::prompt_password(format!("{prompt}: "))
            .context("reading the passphrase from the terminal (or set HAIRLINE_PASSPHRASE)")?,
    );
    if confirm {
        let again = Zeroizing::new(rpassword::prompt_password("The same again: ")?);
        if *again != *typed {
            bail!("the two passphrases differ");
        }
    }
    Ok(typed)
}

fn unlocked(lib: &mut Library) -> Result<Vec<String>> {
    if !lib.is_locked() {
        return Ok(Vec::new());
    }
    let p = passphrase("Passphrase of the library", false)?;
    lib.unlock(&p)
        .with_context(|| format!("{}", lib.root.display()))
}

pub fn run(cli: &LibraryCli) -> Result<()> {
    let root = cli
        .dir
        .clone()
        .unwrap_or_else(crate::records::library::default_root);
    if !matches!(cli.action, LibraryAction::Lock) && !root.is_dir() {
        bail!("{}: no library there", root.display());
    }
    if let LibraryAction::Check = cli.action {
        let pass = if crate::records::lock::has_lock(&root) {
            Some(passphrase("Passphrase of the library", false)?)
        } else {
            None
        };
        let problems = crate::records::check::check(&root, pass.as_deref().map(String::as_str));
        for p in &problems {
            println!("{p}");
        }
        if problems.is_empty() {
            println!("{}: no problems found", root.display());
            return Ok(());
        }
        bail!(
            "{} problem{} found",
            problems.len(),
            if problems.len() == 1 { "" } else { "s" }
        );
    }
    let mut lib = Library::open(&root).with_context(|| format!("{}", root.display()))?;
    match &cli.action {
        LibraryAction::List => {
            let was_locked = lib.is_locked();
            for note in unlocked(&mut lib)? {
                eprintln!("{note}");
            }
            let listing = lib.list();
            for c in &listing.clients {
                println!(
                    "{}\t{}\t{} log entr{}",
                    c.details.name,
                    c.last_session.as_deref().unwrap_or("-"),
                    c.log_entries,
                    if c.log_entries == 1 { "y" } else { "ies" }
                );
            }
            for p in &listing.problems {
                eprintln!("{p}");
            }
            if was_locked {
                // Anything it found plain was sealed by unlocking; nothing of it stays open.
                lib.lock(None)?;
            }
        }
        LibraryAction::Lock => {
            if lib.has_passphrase() {
                for note in unlocked(&mut lib)? {
                    eprintln!("{note}");
                }
                if !lib.is_locked() {
                    let n = lib.lock(None)?;
                    println!("{}: locked ({n} encrypted)", root.display());
                } else {
                    println!("{}: locked", root.display());
                }
            } else {
                let p = passphrase("New passphrase for the library", true)?;
                lib.set_passphrase(&p, crate::records::age_format::WORK_FACTOR)?;
                let n = lib.lock(None)?;
                println!("{}: locked ({n} encrypted)", root.display());
            }
        }
        LibraryAction::Unlock => {
            if !lib.has_passphrase() {
                bail!("{}: the library has no passphrase", root.display());
            }
            for note in unlocked(&mut lib)? {
                eprintln!("{note}");
            }
            let n = lib.unseal_all()?;
            println!(
                "{}: {n} decrypted onto the disk; `library lock` encrypts them again",
                root.display()
            );
        }
        LibraryAction::Export { client, out } => {
            let was_locked = lib.is_locked();
            unlocked(&mut lib)?;
            let result = export(&lib, client, out);
            if was_locked {
                lib.lock(None)?;
            }
            result?;
        }
        LibraryAction::Check => unreachable!("handled above"),
    }
    Ok(())
}

fn export(lib: &Library, client: &str, out: &std::path::Path) -> Result<()> {
    let listing = lib.list();
    let found: Vec<_> = listing
        .clients
        .iter()
        .filter(|c| c.details.name == client)
        .collect();
    let found = if found.is_empty() {
        listing.search(client).collect()
    } else {
        found
    };
    let summary = match found.as_slice() {
        [one] => *one,
        [] => bail!("no client named \"{client}\""),
        many => bail!(
            "\"{client}\" names {} clients: {}",
            many.len(),
            many.iter()
                .map(|c| c.details.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let folder = lib.client_folder(summary)?;
    let abs_out = std::path::absolute(out).unwrap_or_else(|_| out.to_path_buf());
    let abs_root = std::path::absolute(&lib.root).unwrap_or_else(|_| lib.root.clone());
    if abs_out.starts_with(&abs_root) {
        eprintln!(
            "warning: {} is inside the library, where it is not encrypted by its lock; \
             move it out once handed over",
            out.display()
        );
    }
    let s = crate::records::archive::export_client(&folder.path, out)
        .map_err(|e: RecordError| anyhow::anyhow!(e))?;
    for note in &s.left_out {
        eprintln!("left out: {note}");
    }
    println!(
        "{}: {} files, {} photos without their metadata{}",
        out.display(),
        s.files,
        s.photos_cleaned,
        if s.left_out.is_empty() {
            String::new()
        } else {
            format!(", {} left out", s.left_out.len())
        }
    );
    Ok(())
}
