//! A photo's camera metadata taken out for a hand-over, failing closed: the metadata is cut out
//! where the format allows it (JPEG's APP1 EXIF/XMP, APP13 IPTC and the other application and
//! comment segments; PNG's eXIf and text chunks; WebP's EXIF and XMP chunks; an HEIC's GPS block
//! and XMP blanked in place), then the result is checked by other means (kamadak-exif's reader
//! for GPS fields, and a search of the whole file for EXIF, XMP and IPTC signatures, which also
//! finds a second picture appended to a JPEG). A photo that fails the check is encoded again from
//! its pixels (the `image` encoders write no metadata) and checked again; one that still fails,
//! or cannot be decoded, is left out of the archive with the reason: never shipped as it came.

/// What becomes of one photo.
#[derive(Debug, PartialEq)]
pub enum Cleaned {
    /// The same pixels, the metadata cut out.
    Stripped(Vec<u8>),
    /// Encoded again from its pixels, with no metadata.
    Reencoded(Vec<u8>),
    /// Not handed over, and why.
    LeftOut(String),
}

/// `bytes` (a file in a client's photos) cleaned of metadata, or left out.
pub fn clean_photo(bytes: &[u8]) -> Cleaned {
    let heif = crate::heic::is_heif(bytes);
    let format = image::guess_format(bytes).ok();
    let stripped = if heif {
        let mut b = bytes.to_vec();
        crate::photo_exif::blank_heif_location_in_place(&mut b);
        Some(b)
    } else {
        match format {
            Some(image::ImageFormat::Jpeg) => strip_jpeg(bytes),
            Some(image::ImageFormat::Png) => strip_png(bytes),
            Some(image::ImageFormat::WebP) => strip_webp(bytes),
            _ => None,
        }
    };
    let first = match stripped {
        Some(s) => match metadata_left(&s, !heif) {
            None => return Cleaned::Stripped(s),
            Some(why) => why,
        },
        None => "its structure could not be walked".to_string(),
    };
    // Encoded again from the pixels.
    let decoded = if heif {
        Err("an HEIC is not written again here".to_string())
    } else {
        image::load_from_memory(bytes).map_err(|e| e.to_string())
    };
    let img = match decoded {
        Ok(img) => img,
        Err(e) => {
            return Cleaned::LeftOut(format!(
                "{first}, and it cannot be decoded to be written again ({e})"
            ));
        }
    };
    let mut out = std::io::Cursor::new(Vec::new());
    let written = match format.filter(|_| !heif) {
        Some(image::ImageFormat::Png) => img.write_to(&mut out, image::ImageFormat::Png),
        Some(image::ImageFormat::WebP) => img.write_to(&mut out, image::ImageFormat::WebP),
        Some(image::ImageFormat::Tiff) => img.write_to(&mut out, image::ImageFormat::Tiff),
        _ => image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 95)
            .encode_image(&img.to_rgb8()),
    };
    if let Err(e) = written {
        return Cleaned::LeftOut(format!("{first}, and writing it again failed ({e})"));
    }
    let out = out.into_inner();
    match metadata_left(&out, true) {
        None => Cleaned::Reencoded(out),
        Some(why) => Cleaned::LeftOut(format!("{first}; written again, {why}")),
    }
}

fn holds(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// What metadata `bytes` still holds, if any. `all`: any EXIF block counts (the formats it can
/// be cut from); otherwise (an HEIC, whose EXIF stays, blanked) only its GPS fields.
pub fn metadata_left(bytes: &[u8], all: bool) -> Option<String> {
    let reader = exif::Reader::new();
    if let Ok(exif) = reader.read_from_container(&mut std::io::Cursor::new(bytes)) {
        if let Some(f) = exif
            .fields()
            .find(|f| f.tag.context() == exif::Context::Gps)
        {
            return Some(format!("its EXIF still holds {}", f.tag));
        }
        if all {
            return Some("it still holds an EXIF block".into());
        }
    }
    let signs: [(&[u8], &str); 6] = [
        (b"Exif\0\0", "an EXIF block"),
        (b"<x:xmpmeta", "an XMP packet"),
        (b"http://ns.adobe.com/xap/1.0/", "an XMP packet"),
        (b"<rdf:RDF", "an XMP packet"),
        (b"Photoshop 3.0\0", "IPTC data"),
        (b"8BIM\x04\x04", "IPTC data"),
    ];
    for (sign, what) in signs {
        if (all || sign != b"Exif\0\0") && holds(bytes, sign) {
            return Some(format!("it still holds {what}"));
        }
    }
    if let Some(kind) = png_chunks(bytes)
        .into_iter()
        .flatten()
        .find(|k| matches!(k, b"eXIf" | b"tEXt" | b"iTXt" | b"zTXt"))
    {
        return Some(format!(
            "it still holds a PNG {} chunk",
            String::from_utf8_lossy(&kind)
        ));
    }
    None
}

/// The chunk types of a PNG, `None` when it is not one.
fn png_chunks(b: &[u8]) -> Option<Vec<[u8; 4]>> {
    if b.get(..8)? != b"\x89PNG\r\n\x1a\n" {
        return None;
    }
    let mut out = Vec::new();
    let mut i = 8;
    while i + 8 <= b.len() {
        let len = u32::from_be_bytes(b[i..i + 4].try_into().ok()?) as usize;
        out.push(b[i + 4..i + 8].try_into().ok()?);
        i = i.checked_add(12 + len)?;
    }
    Some(out)
}

/// The JPEG without its application segments but JFIF (APP0), the colour profile (APP2
/// ICC_PROFILE) and Adobe's colour transform (APP14), and without comments; fill bytes (0xFF
/// repeated before a marker, which the standard allows) are passed over. `None` when it cannot
/// be walked to its image data.
pub fn strip_jpeg(b: &[u8]) -> Option<Vec<u8>> {
    if b.get(..2)? != [0xff, 0xd8] {
        return None;
    }
    let mut out = vec![0xff, 0xd8];
    let mut i = 2;
    loop {
        if *b.get(i)? != 0xff {
            return None;
        }
        while *b.get(i + 1)? == 0xff {
            i += 1;
        }
        let marker = *b.get(i + 1)?;
        if marker == 0xda {
            // Start of scan: the image data to the end, as it is (checked afterwards).
            out.extend_from_slice(&b[i..]);
            return Some(out);
        }
        if marker == 0x01 || (0xd0..=0xd7).contains(&marker) {
            out.extend_from_slice(&[0xff, marker]);
            i += 2;
            continue;
        }
        let len = u16::from_be_bytes([*b.get(i + 2)?, *b.get(i + 3)?]) as usize;
        if len < 2 {
            return None;
        }
        let seg = b.get(i..i + 2 + len)?;
        let body = &seg[4..];
        let keep = match marker {
            0xe0 => body.starts_with(b"JFIF\0"),
            0xe2 => body.starts_with(b"ICC_PROFILE\0"),
            0xee => body.starts_with(b"Adobe"),
            0xe1 | 0xe3..=0xed | 0xef | 0xfe => false,
            _ => true,
        };
        if keep {
            out.extend_from_slice(seg);
        }
        i += 2 + len;
    }
}

/// The PNG without its eXIf and text chunks.
pub fn strip_png(b: &[u8]) -> Option<Vec<u8>> {
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
pub fn strip_webp(b: &[u8]) -> Option<Vec<u8>> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg() -> Vec<u8> {
        let img =
            image::RgbImage::from_fn(16, 8, |x, y| image::Rgb([x as u8 * 15, y as u8 * 30, 7]));
        let mut out = std::io::Cursor::new(Vec::new());
        img.write_to(&mut out, image::ImageFormat::Jpeg).unwrap();
        out.into_inner()
    }

    fn segment(marker: u8, body: &[u8]) -> Vec<u8> {
        let mut s = vec![0xff, marker];
        s.extend(((body.len() + 2) as u16).to_be_bytes());
        s.extend(body);
        s
    }

    #[test]
    fn a_fill_byte_before_the_first_marker_is_walked_over_and_iptc_and_xmp_go() {
        let plain = jpeg();
        let mut with = plain[..2].to_vec();
        with.push(0xff); // the fill byte
        with.extend(segment(
            0xed,
            b"Photoshop 3.0\08BIM\x04\x04\0\0\0\0\0\x10Leeds",
        ));
        with.extend(segment(
            0xe1,
            b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>53.8N</x:xmpmeta>",
        ));
        with.extend(&plain[2..]);
        assert!(metadata_left(&with, true).is_some());
        match clean_photo(&with) {
            Cleaned::Stripped(s) => {
                assert_eq!(metadata_left(&s, true), None);
                assert_eq!(
                    image::load_from_memory(&s).unwrap().to_rgb8(),
                    image::load_from_memory(&plain).unwrap().to_rgb8()
                );
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_jpeg_that_cannot_be_walked_is_encoded_again_or_left_out() {
        let plain = jpeg();
        // A segment length running past the end: not walkable, but decodable? No: left out.
        let broken = [
            0xff, 0xd8, 0xff, 0xe1, 0x00, 0x40, b'E', b'x', b'i', b'f', 0, 0,
        ];
        assert!(matches!(clean_photo(&broken), Cleaned::LeftOut(_)));
        // A second picture with EXIF appended after the first (as phones do): found, re-encoded.
        let mut appended = plain.clone();
        appended.extend(&plain[..2]);
        appended.extend(segment(0xe1, b"Exif\0\0MM\0*\0\0\0\x08\0\0"));
        appended.extend(&plain[2..]);
        match clean_photo(&appended) {
            Cleaned::Reencoded(r) => assert_eq!(metadata_left(&r, true), None),
            other => panic!("{other:?}"),
        }
    }
}
