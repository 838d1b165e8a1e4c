//! A client's record as one archive for hand-over (to the client, or to another clinic): a plain
//! tar file any system opens, holding the client's folder as it is, except that every photo's
//! camera metadata is taken out, location first: JPEG's APP1 (EXIF, XMP) segments, PNG's eXIf
//! and text chunks, WebP's EXIF and XMP chunks; a TIFF, whose metadata is woven into its
//! structure, is written again from its pixels; an HEIC keeps its boxes, its GPS block and XMP
//! blanked in place.

use super::RecordError;
use std::path::Path;

/// The JPEG without its APP1 segments (EXIF and XMP: where a phone writes the place), or
/// `None` if it is not a JPEG it can walk.
fn strip_jpeg(b: &[u8]) -> Option<Vec<u8>> {
    if b.get(..2)? != [0xff, 0xd8] {
        return None;
    }
    let mut out = vec![0xff, 0xd8];
    let mut i = 2;
    loop {
        if *b.get(i)? != 0xff {
            return None;
        }
        let marker = *b.get(i + 1)?;
        if marker == 0xda {
            // Start of scan: the image data to the end, as it is.
            out.extend_from_slice(&b[i..]);
            return Some(out);
        }
        let len = u16::from_be_bytes([*b.get(i + 2)?, *b.get(i + 3)?]) as usize;
        let seg = b.get(i..i + 2 + len)?;
        if marker != 0xe1 {
            out.extend_from_slice(seg);
        }
        i += 2 + len;
    }
}

/// The PNG without its eXIf and text chunks.
fn strip_png(b: &[u8]) -> Option<Vec<u8>> {
    let sig = b.get(..8)?;
    if sig != b"\x89PNG\r\n\x1a\n" {
        return None;
    }
    let mut out = sig.to_vec();
    let mut i = 8;
    while i < b.len() {
        let len = u32::from_be_bytes(b.get(i..i + 4)?.try_into().ok()?) as usize;
        let kind = b.get(i + 4..i + 8)?;
        let whole = b.get(i..i + 12 + len)?;
        if !matches!(kind, b"eXIf" | b"tEXt" | b"iTXt" | b"zTXt") {
            out.extend_from_slice(whole);
        }
        i += 12 + len;
    }
    Some(out)
}

/// The WebP without its EXIF and XMP chunks (and their flags in VP8X).
fn strip_webp(b: &[u8]) -> Option<Vec<u8>> {
    if b.get(..4)? != b"RIFF" || b.get(8..12)? != b"WEBP" {
        return None;
    }
    let mut body = b"WEBP".to_vec();
    let mut i = 12;
    while i < b.len() {
        let kind = b.get(i..i + 4)?;
        let len = u32::from_le_bytes(b.get(i + 4..i + 8)?.try_into().ok()?) as usize;
        let padded = len + (len & 1);
        let whole = b.get(i..(i + 8 + padded).min(b.len()))?;
        match kind {
            b"EXIF" | b"XMP " => {}
            b"VP8X" => {
                let mut c = whole.to_vec();
                // Flags: bit 3 EXIF, bit 2 XMP.
                if let Some(f) = c.get_mut(8) {
                    *f &= !0b0000_1100;
                }
                body.extend(c);
            }
            _ => body.extend_from_slice(whole),
        }
        i += 8 + padded;
    }
    let mut out = b"RIFF".to_vec();
    out.extend((body.len() as u32).to_le_bytes());
    out.extend(body);
    Some(out)
}

/// The photo's bytes with no camera metadata, or `None` when it is not a photo.
pub fn without_metadata(bytes: &[u8]) -> Option<Vec<u8>> {
    if crate::heic::is_heif(bytes) {
        // Its metadata is woven into its boxes: the location is blanked where it lies.
        let mut b = bytes.to_vec();
        crate::photo_exif::blank_heif_location_in_place(&mut b);
        return Some(b);
    }
    match image::guess_format(bytes).ok()? {
        image::ImageFormat::Jpeg => strip_jpeg(bytes),
        image::ImageFormat::Png => strip_png(bytes),
        image::ImageFormat::WebP => strip_webp(bytes),
        image::ImageFormat::Tiff => {
            let img = image::load_from_memory(bytes).ok()?;
            let mut out = std::io::Cursor::new(Vec::new());
            img.write_to(&mut out, image::ImageFormat::Tiff).ok()?;
            Some(out.into_inner())
        }
        _ => None,
    }
}

/// One file in a ustar archive: its 512-byte header, its data, padding to 512.
fn tar_entry(out: &mut Vec<u8>, path: &str, data: &[u8]) -> Result<(), String> {
    let mut h = [0u8; 512];
    // ustar keeps 100 bytes of name and 155 of prefix.
    let (prefix, name) = if path.len() <= 100 {
        ("", path)
    } else {
        let cut = path[..path.len().min(155)]
            .rfind('/')
            .filter(|&c| path.len() - c - 1 <= 100)
            .ok_or_else(|| format!("{path}: too long a path for the archive"))?;
        (&path[..cut], &path[cut + 1..])
    };
    h[..name.len()].copy_from_slice(name.as_bytes());
    h[100..108].copy_from_slice(b"0000600\0");
    h[108..116].copy_from_slice(b"0000000\0");
    h[116..124].copy_from_slice(b"0000000\0");
    h[124..136].copy_from_slice(format!("{:011o}\0", data.len()).as_bytes());
    h[136..148].copy_from_slice(b"00000000000\0");
    h[156] = b'0';
    h[257..263].copy_from_slice(b"ustar\0");
    h[263..265].copy_from_slice(b"00");
    h[345..345 + prefix.len()].copy_from_slice(prefix.as_bytes());
    h[148..156].copy_from_slice(b"        ");
    let sum: u32 = h.iter().map(|&b| u32::from(b)).sum();
    h[148..156].copy_from_slice(format!("{sum:06o}\0 ").as_bytes());
    out.extend_from_slice(&h);
    out.extend_from_slice(data);
    out.resize(out.len().next_multiple_of(512), 0);
    Ok(())
}

/// What went into an archive.
#[derive(Debug, PartialEq)]
pub struct ArchiveSummary {
    pub files: usize,
    /// Photos whose camera metadata was taken out.
    pub photos_cleaned: usize,
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
    let mut tar = Vec::new();
    let mut cleaned = 0;
    for rel in &files {
        let path = folder.join(rel);
        let bytes = std::fs::read(&path).map_err(super::io_err(&path))?;
        let in_photos = rel.starts_with(super::library::PHOTOS_DIR);
        let data = match in_photos.then(|| without_metadata(&bytes)).flatten() {
            Some(clean) => {
                cleaned += 1;
                clean
            }
            None => bytes,
        };
        let name = format!("{top}/{}", rel.to_string_lossy().replace('\\', "/"));
        tar_entry(&mut tar, &name, &data).map_err(|why| RecordError::Invalid {
            field: "archive".into(),
            why,
        })?;
    }
    tar.extend_from_slice(&[0u8; 1024]);
    super::write_private(out, &tar, false)?;
    Ok(ArchiveSummary {
        files: files.len(),
        photos_cleaned: cleaned,
    })
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
        assert_eq!(strip_png(&with), Some(png.clone()));
        assert_eq!(without_metadata(&png), Some(png));
        assert_eq!(without_metadata(b"not a photo"), None);
    }

    #[test]
    fn a_damaged_jpeg_is_not_walked_off_its_end() {
        let jpeg = [0xff, 0xd8, 0xff, 0xe1, 0x00, 0x40, 1, 2];
        assert_eq!(strip_jpeg(&jpeg), None);
        assert_eq!(strip_jpeg(&[0xff, 0xd8]), None);
    }
}
