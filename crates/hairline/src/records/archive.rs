//! A client's record as one archive for hand-over (to the client, or to another clinic): a tar
//! file (written by the `tar` crate: long and non-Latin names through GNU long-name entries, each
//! file's own date) any system opens, holding the client's folder as it is, except that every
//! photo's camera metadata is taken out, failing closed (`metadata`): a photo whose location
//! cannot be removed for certain is encoded again without metadata, or left out and named.

use super::RecordError;
use super::metadata::{Cleaned, clean_photo};
use std::path::Path;

/// The photo's bytes with no camera metadata, or `None` when it cannot be handed over safely.
pub fn without_metadata(bytes: &[u8]) -> Option<Vec<u8>> {
    match clean_photo(bytes) {
        Cleaned::Stripped(b) | Cleaned::Reencoded(b) => Some(b),
        Cleaned::LeftOut(_) => None,
    }
}

/// What went into an archive.
#[derive(Debug, PartialEq)]
pub struct ArchiveSummary {
    pub files: usize,
    /// Photos whose camera metadata was taken out (encoded again included).
    pub photos_cleaned: usize,
    /// Photos encoded again from their pixels, their metadata not removable for certain.
    pub reencoded: Vec<String>,
    /// Files not handed over, with why.
    pub left_out: Vec<String>,
}

/// Writes the client folder `folder` as a tar archive at `out` (atomically), its top folder
/// named as the client's.
pub fn export_client(folder: &Path, out: &Path) -> Result<ArchiveSummary, RecordError> {
    let top = folder
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "client".into());
    // Backups of the details (`client.json.bak`) stay behind: the record as it stands.
    let files: Vec<_> = super::files_under(folder)?
        .into_iter()
        .filter(|p| !p.to_string_lossy().ends_with(".bak"))
        .collect();
    let mut summary = ArchiveSummary {
        files: 0,
        photos_cleaned: 0,
        reencoded: Vec::new(),
        left_out: Vec::new(),
    };
    let mut entries = Vec::new();
    for rel in &files {
        let path = folder.join(rel);
        let bytes = std::fs::read(&path).map_err(super::io_err(&path))?;
        let name = format!("{top}/{}", rel.to_string_lossy().replace('\\', "/"));
        let data = if rel.starts_with(super::library::PHOTOS_DIR) {
            match clean_photo(&bytes) {
                Cleaned::Stripped(b) => b,
                Cleaned::Reencoded(b) => {
                    summary.reencoded.push(name.clone());
                    b
                }
                Cleaned::LeftOut(why) => {
                    summary.left_out.push(format!("{name}: {why}"));
                    continue;
                }
            }
        } else {
            bytes
        };
        let in_photos = rel.starts_with(super::library::PHOTOS_DIR);
        summary.photos_cleaned += usize::from(in_photos);
        let mtime = std::fs::metadata(&path)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or_else(super::age_format::now, |d| d.as_secs());
        entries.push((name, data, mtime));
    }
    summary.files = entries.len();
    crate::output::write_atomic(
        out,
        crate::output::WriteOptions {
            backup: false,
            private: true,
        },
        |w| {
            let mut b = tar::Builder::new(w);
            for (name, data, mtime) in &entries {
                super::age_format::append_bytes(&mut b, name, data, 0o600, *mtime)?;
            }
            b.finish()
        },
    )?;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn png_text_and_exif_chunks_go_and_the_image_stays() {
        let img =
            image::RgbImage::from_fn(3, 2, |x, y| image::Rgb([x as u8 * 80, y as u8 * 90, 7]));
        let mut png = std::io::Cursor::new(Vec::new());
        img.write_to(&mut png, image::ImageFormat::Png).unwrap();
        let png = png.into_inner();
        // A tEXt chunk with a place in it, before IEND (12 bytes from the end).
        let mut with = png[..png.len() - 12].to_vec();
        let text = b"Location\0Leeds 53.80N";
        with.extend((text.len() as u32).to_be_bytes());
        with.extend(b"tEXt");
        with.extend(text);
        with.extend([0, 0, 0, 0]);
        with.extend(&png[png.len() - 12..]);
        assert_eq!(super::super::metadata::strip_png(&with), Some(png.clone()));
        assert_eq!(without_metadata(&png), Some(png));
        assert_eq!(without_metadata(b"not a photo"), None);
    }

    #[test]
    fn a_damaged_jpeg_is_not_walked_off_its_end() {
        let jpeg = [0xff, 0xd8, 0xff, 0xe1, 0x00, 0x40, 1, 2];
        assert_eq!(super::super::metadata::strip_jpeg(&jpeg), None);
        assert_eq!(super::super::metadata::strip_jpeg(&[0xff, 0xd8]), None);
    }
}
