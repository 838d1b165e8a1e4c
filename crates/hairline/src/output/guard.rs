//! An output may never be an input of the same job: writing a preview over the design's own photo,
//! over one of a head design's photos or over the design file destroys the client's record.
//! What a job on a design reads is listed in one place ([`super::design_inputs`]); every writer
//! checks its output against that list here.

use super::OutputError;
use std::path::{Path, PathBuf};

/// What an input is to the job, so a writer that legitimately replaces one kind (a save replaces
/// the design file) can leave that kind out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputKind {
    /// The design file itself, or another design of the client.
    Design,
    /// A photo: the design's, a head view's, a later visit's, one in the client's folder.
    Photo,
    /// A record of the client library: settings, texts, the client's details and log.
    Record,
}

/// A file the job reads, with what it is in words ("the design file", "the photo of view
/// \"front\"").
#[derive(Clone, Debug)]
pub struct Input {
    pub path: PathBuf,
    pub what: String,
    pub kind: InputKind,
}

impl Input {
    pub fn new(path: impl Into<PathBuf>, what: impl Into<String>, kind: InputKind) -> Input {
        Input {
            path: path.into(),
            what: what.into(),
            kind,
        }
    }
}

/// Checks an image output before any work is done on it: the format its extension asks for
/// (returned), a place that can be written (not a folder or a device, in a folder that
/// exists), and not one of `inputs`.
pub fn check_image_output(
    output: &Path,
    jpeg_quality: u32,
    inputs: &[Input],
) -> Result<super::ImageFormatOut, OutputError> {
    let format = super::ImageFormatOut::for_path(output, jpeg_quality)?;
    super::check_target(output)?;
    refuse_inputs(output, inputs)?;
    Ok(format)
}

/// Refuses `output` if it is, or leads to, any of `inputs`: the same file through a symlink, a
/// hard link or `..` counts. An output that does not exist yet cannot be any input.
pub fn refuse_inputs(output: &Path, inputs: &[Input]) -> Result<(), OutputError> {
    let Some(out) = Identity::of(output) else {
        return Ok(());
    };
    for input in inputs {
        if Identity::of(&input.path).is_some_and(|i| i == out) {
            return Err(OutputError::IsAnInput {
                path: output.to_path_buf(),
                input: input.path.clone(),
                what: input.what.clone(),
            });
        }
    }
    Ok(())
}

/// Whether two paths name the same file on disk (after following symlinks). Missing files are
/// never the same.
pub fn same_file(a: &Path, b: &Path) -> bool {
    matches!((Identity::of(a), Identity::of(b)), (Some(x), Some(y)) if x == y)
}

/// A file's identity on disk: device and inode where the platform has them (so hard links are
/// the same file), else the canonical path (links and `..` resolved).
#[derive(PartialEq, Eq)]
enum Identity {
    #[cfg_attr(not(unix), allow(dead_code))]
    Inode(u64, u64),
    #[cfg_attr(unix, allow(dead_code))]
    Canonical(PathBuf),
}

impl Identity {
    fn of(path: &Path) -> Option<Identity> {
        let meta = std::fs::metadata(path).ok()?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Some(Identity::Inode(meta.dev(), meta.ino()))
        }
        #[cfg(not(unix))]
        {
            let _ = meta;
            std::fs::canonicalize(path).ok().map(Identity::Canonical)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_and_dot_dot_paths_to_an_input_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let photo = dir.path().join("photo.jpg");
        std::fs::write(&photo, b"jpeg").unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        let inputs = [Input::new(&photo, "the design's photo", InputKind::Photo)];
        let dotdot = dir.path().join("sub").join("..").join("photo.jpg");
        assert!(refuse_inputs(&dotdot, &inputs).is_err());
        #[cfg(unix)]
        {
            let hard = dir.path().join("hard.png");
            std::fs::hard_link(&photo, &hard).unwrap();
            let soft = dir.path().join("soft.png");
            std::os::unix::fs::symlink(&photo, &soft).unwrap();
            for p in [&hard, &soft] {
                let e = refuse_inputs(p, &inputs).unwrap_err().to_string();
                assert!(e.contains("the design's photo"), "{e}");
            }
        }
        let other = dir.path().join("other.png");
        assert!(refuse_inputs(&other, &inputs).is_ok());
        std::fs::write(&other, b"png").unwrap();
        assert!(refuse_inputs(&other, &inputs).is_ok());
    }
}
