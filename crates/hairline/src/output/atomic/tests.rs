use super::*;

fn temps(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| is_temp_file(n))
        .collect()
}

#[test]
fn a_failing_write_leaves_the_old_file_whole_and_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.png");
    fs::write(&path, b"the old version").unwrap();
    // Half the bytes go out, then the disk is full.
    let err = write_atomic(&path, WriteOptions::default(), |w| {
        w.write_all(&[7u8; 100_000])?;
        Err(std::io::Error::from(std::io::ErrorKind::StorageFull))
    })
    .unwrap_err();
    assert!(err.to_string().contains("the disk is full"), "{err}");
    assert!(err.to_string().contains("out.png"), "{err}");
    assert_eq!(fs::read(&path).unwrap(), b"the old version");
    assert!(temps(dir.path()).is_empty(), "{:?}", temps(dir.path()));
}

#[test]
fn a_symlink_is_written_through_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.json");
    let link = dir.path().join("link.json");
    fs::write(&real, b"old").unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomic(&link, WriteOptions::default(), |w| w.write_all(b"new")).unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(&real).unwrap(), b"new");
    }
}

#[test]
fn stale_temporaries_of_dead_processes_are_removed_and_live_ones_kept() {
    let dir = tempfile::tempdir().unwrap();
    // No process has pid 4294967295; this one (our own) is alive.
    let dead = dir.path().join(format!(".a.png.4294967295-0{TEMP_SUFFIX}"));
    let dead_backup = dir
        .path()
        .join(format!(".a.png.bak.4294967295-3{TEMP_SUFFIX}"));
    let live = dir
        .path()
        .join(format!(".a.png.{}-999{TEMP_SUFFIX}", std::process::id()));
    let other = dir.path().join(format!(".b.png.4294967295-0{TEMP_SUFFIX}"));
    for p in [&dead, &dead_backup, &live, &other] {
        fs::write(p, b"partial").unwrap();
    }
    write_atomic(&dir.path().join("a.png"), WriteOptions::default(), |w| {
        w.write_all(b"x")
    })
    .unwrap();
    assert!(!dead.exists(), "a dead run's temporary file is cleaned up");
    assert!(!dead_backup.exists(), "and its backup's");
    assert!(live.exists(), "a running writer's file is left alone");
    assert!(other.exists(), "another target's files are not touched");
}

#[test]
fn any_legal_name_is_written_and_its_stale_temporaries_found() {
    let dir = tempfile::tempdir().unwrap();
    for len in [5, 200, 201, 234, 250, 255] {
        let name = format!(
            "{}.png",
            "é".repeat((len - 4) / 2) + &"x".repeat((len - 4) % 2)
        );
        assert_eq!(name.len(), len);
        let path = dir.path().join(&name);
        write_atomic(&path, WriteOptions::default(), |w| w.write_all(b"one")).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"one", "{len} bytes");
        // A killed run's temporary file for this target (pid 4294967295 does not exist).
        let stale = dir
            .path()
            .join(format!(".{}.4294967295-0{TEMP_SUFFIX}", temp_stem(&name)));
        fs::write(&stale, b"partial").unwrap();
        write_atomic(&path, WriteOptions::default(), |w| w.write_all(b"two")).unwrap();
        assert!(!stale.exists(), "{len} bytes");
    }
    assert!(temps(dir.path()).is_empty());
}

#[cfg(unix)]
#[test]
fn files_inside_a_client_library_are_the_users_alone() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let client = dir.path().join("clients").join("A-1");
    fs::create_dir_all(client.join("photos")).unwrap();
    fs::write(client.join(crate::records::client::CLIENT_FILE), b"{}").unwrap();
    let inside = client.join("photos").join("export.png");
    let outside = dir.path().join("export.png");
    for p in [&inside, &outside] {
        write_atomic(p, WriteOptions::default(), |w| w.write_all(b"x")).unwrap();
    }
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&inside), 0o600);
    assert!(fs::read(&outside).is_ok());
}

#[test]
fn folders_devices_and_missing_folders_are_refused_before_anything_is_created() {
    let dir = tempfile::tempdir().unwrap();
    let e = write_atomic(dir.path(), WriteOptions::default(), |_| Ok(())).unwrap_err();
    assert!(matches!(e, OutputError::IsFolder { .. }), "{e}");
    let missing = dir.path().join("no-such-folder").join("x.png");
    let e = write_atomic(&missing, WriteOptions::default(), |_| Ok(())).unwrap_err();
    assert!(matches!(e, OutputError::MissingFolder { .. }), "{e}");
    #[cfg(unix)]
    {
        let e = write_atomic(Path::new("/dev/null"), WriteOptions::default(), |_| Ok(()))
            .unwrap_err();
        assert!(matches!(e, OutputError::NotAFile { .. }), "{e}");
    }
    assert!(temps(dir.path()).is_empty());
}

#[test]
fn backup_keeps_the_previous_version_and_private_files_are_the_users_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.json");
    let opts = WriteOptions {
        backup: true,
        private: true,
    };
    write_atomic(&path, opts, |w| w.write_all(b"one")).unwrap();
    write_atomic(&path, opts, |w| w.write_all(b"two")).unwrap();
    assert_eq!(fs::read(&path).unwrap(), b"two");
    assert_eq!(fs::read(dir.path().join("d.json.bak")).unwrap(), b"one");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    assert!(temps(dir.path()).is_empty());
}
