//! Nothing the program writes can destroy a file it was not asked to replace. Every output tried
//! here (docs/reliability.md has the table) either gets the new file, whole, or is refused with
//! one `error:` line that names the file and the problem, leaving every file as it was.

mod common;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_hairline-studio");

fn run<S: AsRef<OsStr>>(args: &[S]) -> Output {
    Command::new(BIN).args(args).output().expect("runs")
}

/// Exit 1 with one `error:` line holding every needle.
fn assert_refused(o: &Output, needles: &[&str]) {
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "stderr: {err}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "one line: {err}");
    assert!(lines[0].starts_with("error: "), "{err}");
    for n in needles {
        assert!(lines[0].contains(n), "{err:?} should mention {n:?}");
    }
}

/// A client folder: the crown sample as `design.json` beside its photo `photo.jpg`.
struct Client {
    _dir: tempfile::TempDir,
    root: PathBuf,
    design: PathBuf,
    photo: PathBuf,
}

impl Client {
    fn new() -> Client {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().to_path_buf();
        let photo = root.join("photo.jpg");
        std::fs::copy(common::root().join("assets/sample-scalp.jpg"), &photo).expect("copy");
        let mut d = common::sample("crown-density");
        d.photo.path = "photo.jpg".into();
        let design = root.join("design.json");
        hairline::design::save_design(&d, &design).expect("save");
        Client {
            _dir: dir,
            root,
            design,
            photo,
        }
    }

    /// Every regular file in the folder (and below) with its bytes.
    fn snapshot(&self) -> Vec<(PathBuf, Vec<u8>)> {
        let mut out = Vec::new();
        let mut stack = vec![self.root.clone()];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).expect("readable").flatten() {
                let p = e.path();
                let t = std::fs::symlink_metadata(&p).expect("meta").file_type();
                if t.is_dir() {
                    stack.push(p);
                } else if t.is_file() {
                    let bytes = std::fs::read(&p).expect("read");
                    out.push((p, bytes));
                }
            }
        }
        out.sort();
        out
    }

    fn render(&self, design: &Path, out: &Path) -> Output {
        run(&[
            OsStr::new("render"),
            design.as_os_str(),
            OsStr::new("-o"),
            out.as_os_str(),
        ])
    }
}

#[test]
fn an_output_that_is_an_input_is_refused_and_nothing_changes() {
    let c = Client::new();
    std::fs::create_dir(c.root.join("sub")).expect("mkdir");
    // The design under an image name, and the photo as a PNG for a second design.
    let design_png = c.root.join("design-as.png");
    std::fs::copy(&c.design, &design_png).expect("copy");
    let mut d = common::load(&c.design);
    d.photo.path = "photo.png".into();
    image::open(&c.photo)
        .expect("photo")
        .save(c.root.join("photo.png"))
        .expect("png photo");
    // The PNG photo's content is a re-encode; the design notes it and goes on.
    let png_design = c.root.join("png-photo.json");
    hairline::design::save_design(&d, &png_design).expect("save");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&c.design, c.root.join("link-to-design.png")).expect("ln -s");
        std::fs::hard_link(&c.photo, c.root.join("hard-link-to-photo.jpg")).expect("ln");
    }
    let before = c.snapshot();
    let mut cases: Vec<(PathBuf, PathBuf, &str)> = vec![
        (c.design.clone(), c.photo.clone(), "the design's photo"),
        (
            c.design.clone(),
            c.root.join("sub/../photo.jpg"),
            "the design's photo",
        ),
        (design_png.clone(), design_png.clone(), "the design file"),
        (
            png_design.clone(),
            c.root.join("photo.png"),
            "the design's photo",
        ),
    ];
    #[cfg(unix)]
    cases.extend([
        (
            c.design.clone(),
            c.root.join("link-to-design.png"),
            "the design file",
        ),
        (
            c.design.clone(),
            c.root.join("hard-link-to-photo.jpg"),
            "the design's photo",
        ),
    ]);
    for (design, out, what) in &cases {
        let o = c.render(design, out);
        assert_refused(&o, &[&out.file_name().unwrap().to_string_lossy(), what]);
        assert_eq!(c.snapshot(), before, "{} changed a file", out.display());
    }
}

#[test]
fn an_extension_the_program_does_not_write_is_refused_and_the_file_kept() {
    let c = Client::new();
    let exts = [
        "jpg.txt", "bmp", "gif", "tif", "tiff", "webp", "ico", "tga", "pnm", "hdr", "exr", "qoi",
        "avif", "json", "",
    ];
    for ext in exts {
        let name = if ext.is_empty() {
            "record".to_string()
        } else {
            format!("record.{ext}")
        };
        let out = c.root.join(&name);
        std::fs::write(&out, b"a precious record").expect("write");
        let o = c.render(&c.design, &out);
        assert_refused(&o, &[&name, "png, jpg, jpeg"]);
        assert_eq!(
            std::fs::read(&out).expect("still there"),
            b"a precious record",
            "{name} was touched"
        );
    }
}

#[test]
fn png_and_jpeg_exports_are_written_and_replace_an_old_export_whole() {
    let c = Client::new();
    for (name, quality) in [
        ("out.png", None),
        ("out.jpg", Some("80")),
        ("out.JPEG", None),
    ] {
        let out = c.root.join(name);
        std::fs::write(&out, b"last year's export").expect("old export");
        let mut args = vec![
            c.design.as_os_str().to_owned(),
            "-o".into(),
            out.as_os_str().to_owned(),
        ];
        args.insert(0, "render".into());
        if let Some(q) = quality {
            args.extend(["--quality".into(), q.into()]);
        }
        let o = run(&args);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        let img = image::open(&out).expect("a whole image");
        assert_eq!(img.width(), 2400, "{name}");
        let format = image::ImageFormat::from_path(&out).expect("format");
        assert_eq!(
            image::guess_format(&std::fs::read(&out).expect("read")).expect("guessed"),
            format,
            "{name} holds what its extension says"
        );
    }
    let o = run(&[
        OsStr::new("render"),
        c.design.as_os_str(),
        OsStr::new("-o"),
        c.root.join("q.jpg").as_os_str(),
        OsStr::new("--quality"),
        OsStr::new("101"),
    ]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "a quality out of range is a usage error"
    );
}

#[test]
fn folders_devices_and_missing_folders_are_refused_before_the_render() {
    let c = Client::new();
    let folder = c.root.join("folder.png");
    std::fs::create_dir(&folder).expect("mkdir");
    std::fs::write(folder.join("inside.txt"), b"kept").expect("write");
    let before = c.snapshot();
    let cases: Vec<(PathBuf, &str)> = vec![
        (folder.clone(), "is a folder"),
        (c.root.join("no-such-folder/x.png"), "does not exist"),
    ];
    for (out, needle) in cases {
        let o = c.render(&c.design, &out);
        assert_refused(&o, &[needle]);
        assert_eq!(c.snapshot(), before);
    }
    #[cfg(unix)]
    {
        // A device under an image name: symlinked, so the extension is right and the target is
        // /dev/full, which must never be replaced or written to.
        let dev = c.root.join("device.png");
        std::os::unix::fs::symlink("/dev/full", &dev).expect("ln -s");
        let o = c.render(&c.design, &dev);
        assert_refused(&o, &["not a regular file"]);
        let meta = std::fs::metadata("/dev/full").expect("/dev/full");
        use std::os::unix::fs::FileTypeExt;
        assert!(
            meta.file_type().is_char_device(),
            "/dev/full is still a device"
        );
    }
}

#[cfg(unix)]
#[test]
fn paths_that_are_not_utf8_work_as_any_path() {
    use std::os::unix::ffi::OsStrExt;
    let c = Client::new();
    let design = c.root.join(OsStr::from_bytes(b"cli\xe9nt.json"));
    std::fs::copy(&c.design, &design).expect("copy");
    let out = c.root.join(OsStr::from_bytes(b"r\xe9sultat.png"));
    let o = c.render(&design, &out);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(image::open(&out).is_ok());
    let o = run(&[OsStr::new("stats"), design.as_os_str()]);
    assert_eq!(o.status.code(), Some(0));
}

/// Runs `script` as root of a private user and mount namespace, where it can mount a small or
/// read-only filesystem without touching the machine's own. `$BIN` and `$DESIGN` are set.
#[cfg(target_os = "linux")]
fn in_namespace(c: &Client, script: &str) -> String {
    let o = Command::new("unshare")
        .args(["--user", "--map-root-user", "--mount", "sh", "-c", script])
        .env("BIN", BIN)
        .env("DESIGN", &c.design)
        .env("MNT", c.root.join("mnt"))
        .output()
        .expect("unshare runs (util-linux)");
    let text =
        String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "namespace script failed: {text}");
    text
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_and_a_read_only_folder_leave_the_old_file_whole() {
    let c = Client::new();
    std::fs::create_dir(c.root.join("mnt")).expect("mkdir");
    // A 300 kB disk holding last year's export: the new one (megabytes) cannot fit.
    let full = in_namespace(
        &c,
        r#"mount -t tmpfs -o size=300k tmpfs "$MNT" &&
        printf 'last year' > "$MNT/out.png" &&
        { "$BIN" render "$DESIGN" -o "$MNT/out.png"; echo "exit=$?"; } &&
        echo "content=$(cat "$MNT/out.png")" && echo "files=$(ls -A "$MNT" | tr '\n' ' ')""#,
    );
    assert!(full.contains("exit=1"), "{full}");
    assert!(
        full.contains("the disk is full") && full.contains("out.png"),
        "{full}"
    );
    assert!(full.contains("content=last year"), "{full}");
    assert!(
        full.contains("files=out.png \n") || full.contains("files=out.png\n"),
        "{full}"
    );

    let read_only = in_namespace(
        &c,
        r#"mount -t tmpfs tmpfs "$MNT" && printf 'last year' > "$MNT/out.png" &&
        mount -o remount,ro "$MNT" &&
        { "$BIN" render "$DESIGN" -o "$MNT/out.png"; echo "exit=$?"; } &&
        echo "content=$(cat "$MNT/out.png")""#,
    );
    assert!(read_only.contains("exit=1"), "{read_only}");
    assert!(
        read_only.contains("read-only") && read_only.contains("out.png"),
        "{read_only}"
    );
    assert!(read_only.contains("content=last year"), "{read_only}");
}
