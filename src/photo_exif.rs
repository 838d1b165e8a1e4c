//! The one EXIF field the head model needs: the photo's 35 mm equivalent focal length, the prior
//! of each photo's camera (a head 20 cm deep seen from arm's length hardly tells focal length from
//! distance). Read from the raw EXIF block the image decoder hands over; nothing else of it is
//! kept (location data never leaves the file).

use image::{ImageDecoder, ImageReader};
use std::io::Cursor;

/// The photo's `FocalLengthIn35mmFilm` in mm, if its EXIF has one.
pub fn focal_35mm(bytes: &[u8]) -> Option<f64> {
    let mut decoder = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .ok()?
        .into_decoder()
        .ok()?;
    let exif = decoder.exif_metadata().ok()??;
    focal_35mm_in_exif(&exif)
}

/// `FocalLengthIn35mmFilm` (tag 0xA405, a SHORT in the Exif IFD) in a raw EXIF block: a TIFF
/// header, IFD0, and the Exif IFD it points to (tag 0x8769). `None` on anything unexpected.
pub fn focal_35mm_in_exif(exif: &[u8]) -> Option<f64> {
    let tiff = exif.strip_prefix(b"Exif\0\0").unwrap_or(exif);
    let big = match tiff.get(..2)? {
        b"MM" => true,
        b"II" => false,
        _ => return None,
    };
    let u16_at = |o: usize| -> Option<u16> {
        let b: [u8; 2] = tiff.get(o..o + 2)?.try_into().ok()?;
        Some(if big {
            u16::from_be_bytes(b)
        } else {
            u16::from_le_bytes(b)
        })
    };
    let u32_at = |o: usize| -> Option<u32> {
        let b: [u8; 4] = tiff.get(o..o + 4)?.try_into().ok()?;
        Some(if big {
            u32::from_be_bytes(b)
        } else {
            u32::from_le_bytes(b)
        })
    };
    // The value of `tag` in the IFD at `ifd`, as the entry's first 16 or 32 bits.
    let find = |ifd: usize, tag: u16| -> Option<(u16, usize)> {
        let n = u16_at(ifd)? as usize;
        (0..n.min(512)).find_map(|i| {
            let e = ifd + 2 + 12 * i;
            (u16_at(e)? == tag).then_some((u16_at(e + 2)?, e + 8))
        })
    };
    let ifd0 = u32_at(4)? as usize;
    let (_, at) = find(ifd0, 0x8769)?;
    let exif_ifd = u32_at(at)? as usize;
    let (kind, at) = find(exif_ifd, 0xA405)?;
    // SHORT (3); some writers use LONG (4).
    let mm = match kind {
        3 => u16_at(at)? as f64,
        4 => u32_at(at)? as f64,
        _ => return None,
    };
    (mm > 0.0).then_some(mm)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal EXIF block: IFD0 with the Exif IFD pointer, the Exif IFD with the focal length.
    fn block(big: bool, focal: u16) -> Vec<u8> {
        let w16 = |v: u16| {
            if big {
                v.to_be_bytes()
            } else {
                v.to_le_bytes()
            }
        };
        let w32 = |v: u32| {
            if big {
                v.to_be_bytes()
            } else {
                v.to_le_bytes()
            }
        };
        let mut b = Vec::new();
        b.extend(if big { b"MM" } else { b"II" });
        b.extend(w16(42));
        b.extend(w32(8));
        // IFD0 at 8: one entry, the Exif IFD pointer (LONG) to 26.
        b.extend(w16(1));
        b.extend(w16(0x8769));
        b.extend(w16(4));
        b.extend(w32(1));
        b.extend(w32(26));
        b.extend(w32(0));
        // Exif IFD at 26: the focal length (SHORT), value left-justified in the entry.
        b.extend(w16(1));
        b.extend(w16(0xA405));
        b.extend(w16(3));
        b.extend(w32(1));
        b.extend(w16(focal));
        b.extend(w16(0));
        b.extend(w32(0));
        b
    }

    #[test]
    fn reads_the_35mm_focal_length_either_byte_order() {
        assert_eq!(focal_35mm_in_exif(&block(false, 26)), Some(26.0));
        assert_eq!(focal_35mm_in_exif(&block(true, 52)), Some(52.0));
        let mut prefixed = b"Exif\0\0".to_vec();
        prefixed.extend(block(false, 77));
        assert_eq!(focal_35mm_in_exif(&prefixed), Some(77.0));
        // Damaged or missing: nothing, never a panic.
        let b = block(false, 26);
        for cut in 0..b.len() {
            let _ = focal_35mm_in_exif(&b[..cut]);
        }
        assert_eq!(focal_35mm_in_exif(&block(false, 0)), None);
        assert_eq!(focal_35mm_in_exif(b"nonsense"), None);
    }
}
