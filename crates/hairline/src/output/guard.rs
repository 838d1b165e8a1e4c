//! An output may never be an input of the same job: writing a preview over the design's own photo
//! or over the design file destroys the client's record.

use super::OutputError;
use std::path::Path;

/// A file the job reads, with what it is in words ("the design file", "the design's photo").
#[derive(Clone, Copy, Debug)]
pub struct Input<'a> {
    pub path: &'a Path,
    pub what: &'a str,
}

/// What a job on a design reads: its file (when it has one) and its photo. Exports and renders,
/// from the studio and the command line, are checked against this.
pub fn design_inputs<'a>(design: Option<&'a Path>, photo: &'a Path) -> Vec<Input<'a>> {
    let mut inputs = vec![Input {
        path: photo,
        what: "the design's photo",
    }];
    if let Some(design) = design {
        inputs.push(Input {
            path: design,
            what: "the design file",
        });
    }
    inputs
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
    for input in inputs {
        if same_file(output, input.path) {
            return Err(OutputError::IsAnInput {
                path: output.to_path_buf(),
                input: input.path.to_path_buf(),
                what: input.what.to_string(),
            });
        }
    }
    Ok(())
}

/// Whether two paths name the same file on disk (after following symlinks). Missing files are
/// never the same.
pub fn same_file(a: &Path, b: &Path) -> bool {
    let (Ok(ma), Ok(mb)) = (std::fs::metadata(a), std::fs::metadata(b)) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        ma.dev() == mb.dev() && ma.ino() == mb.ino()
    }
    #[cfg(not(unix))]
    {
        // Without inode numbers the canonical paths (links and `..` resolved) are compared.
        let _ = (ma, mb);
        matches!((std::fs::canonicalize(a), std::fs::canonicalize(b)), (Ok(x), Ok(y)) if x == y)
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
        let inputs = [Input {
            path: &photo,
            what: "the design's photo",
        }];
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
