//! The two EXIF fields the studio reads: the photo's 35 mm equivalent focal length, the prior of
//! each photo's camera for the head model (a head 20 cm deep seen from arm's length hardly tells
//! focal length from distance), and the day it was taken, which dates a visit's photos. Read from
//! the raw EXIF block the image decoder hands over; nothing else of it is kept (location data
//! never leaves the file).

use image::{ImageDecoder, ImageReader};
use std::io::Cursor;

/// The photo's raw EXIF block, if it has one.
fn exif_block(bytes: &[u8]) -> Option<Vec<u8>> {
    #[cfg(feature = "heic")]
    if crate::heic::is_heif(bytes) {
        return crate::heic::exif_block(bytes);
    }
    let mut decoder = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .ok()?
        .into_decoder()
        .ok()?;
    decoder.exif_metadata().ok()?
}

/// The photo's `FocalLengthIn35mmFilm` in mm, if its EXIF has one.
pub fn focal_35mm(bytes: &[u8]) -> Option<f64> {
    focal_35mm_in_exif(&exif_block(bytes)?)
}

/// The day the photo was taken (`DateTimeOriginal`) as `YYYY-MM-DD`, if its EXIF has one: what
/// dates a visit's photos. The time of day and the place are not read.
pub fn date_taken(bytes: &[u8]) -> Option<String> {
    date_taken_in_exif(&exif_block(bytes)?)
}

/// An entry of the Exif IFD (the one IFD0's tag 0x8769 points to): its type and the offset of
/// its value field, with readers for the block's byte order.
struct Exif<'a> {
    tiff: &'a [u8],
    big: bool,
}

impl<'a> Exif<'a> {
    fn new(exif: &'a [u8]) -> Option<Self> {
        let tiff = exif.strip_prefix(b"Exif\0\0").unwrap_or(exif);
        let big = match tiff.get(..2)? {
            b"MM" => true,
            b"II" => false,
            _ => return None,
        };
        Some(Exif { tiff, big })
    }
    fn u16_at(&self, o: usize) -> Option<u16> {
        let b: [u8; 2] = self.tiff.get(o..o + 2)?.try_into().ok()?;
        Some(if self.big {
            u16::from_be_bytes(b)
        } else {
            u16::from_le_bytes(b)
        })
    }
    fn u32_at(&self, o: usize) -> Option<u32> {
        let b: [u8; 4] = self.tiff.get(o..o + 4)?.try_into().ok()?;
        Some(if self.big {
            u32::from_be_bytes(b)
        } else {
            u32::from_le_bytes(b)
        })
    }
    /// `(type, offset of the value field, count)` of `tag` in the IFD at `ifd`.
    fn find(&self, ifd: usize, tag: u16) -> Option<(u16, usize, u32)> {
        let n = self.u16_at(ifd)? as usize;
        (0..n.min(512)).find_map(|i| {
            let e = ifd + 2 + 12 * i;
            (self.u16_at(e)? == tag).then_some((self.u16_at(e + 2)?, e + 8, self.u32_at(e + 4)?))
        })
    }
    fn in_exif_ifd(&self, tag: u16) -> Option<(u16, usize, u32)> {
        let ifd0 = self.u32_at(4)? as usize;
        let (_, at, _) = self.find(ifd0, 0x8769)?;
        self.find(self.u32_at(at)? as usize, tag)
    }
}

/// `FocalLengthIn35mmFilm` (tag 0xA405, a SHORT in the Exif IFD) in a raw EXIF block: a TIFF
/// header, IFD0, and the Exif IFD it points to (tag 0x8769). `None` on anything unexpected.
pub fn focal_35mm_in_exif(exif: &[u8]) -> Option<f64> {
    let x = Exif::new(exif)?;
    let (kind, at, _) = x.in_exif_ifd(0xA405)?;
    // SHORT (3); some writers use LONG (4).
    let mm = match kind {
        3 => x.u16_at(at)? as f64,
        4 => x.u32_at(at)? as f64,
        _ => return None,
    };
    (mm > 0.0).then_some(mm)
}

/// `DateTimeOriginal` (tag 0x9003, ASCII "YYYY:MM:DD HH:MM:SS" in the Exif IFD) as `YYYY-MM-DD`.
pub fn date_taken_in_exif(exif: &[u8]) -> Option<String> {
    let x = Exif::new(exif)?;
    let (kind, at, count) = x.in_exif_ifd(0x9003)?;
    if kind != 2 || count < 10 {
        return None;
    }
    // 20 bytes: longer than the entry's 4, so the field holds an offset to them.
    let text = x.tiff.get(x.u32_at(at)? as usize..)?.get(..10)?;
    let text = std::str::from_utf8(text).ok()?.replace(':', "-");
    crate::records::date::parse(&text).map(|_| text)
}

/// Blanks every GPS block of the EXIF data stored raw in `bytes` (a HEIC's Exif item, a TIFF's
/// own header; wherever a TIFF header with a GPS pointer is found): the GPS directory, the values
/// it points to, and the pointer itself, in place, so nothing else in the file moves. Returns how
/// many GPS blocks were blanked.
pub fn blank_gps_in_place(bytes: &mut [u8]) -> usize {
    let mut blanked = 0;
    let mut at = 0;
    while let Some(found) = bytes[at..]
        .windows(4)
        .position(|w| w == b"II*\0" || w == b"MM\0*")
    {
        let start = at + found;
        at = start + 4;
        if blank_gps_at(&mut bytes[start..]) {
            blanked += 1;
        }
    }
    blanked
}

/// The GPS block of the TIFF structure starting at `tiff[0]`, blanked; false when there is no
/// plausible TIFF with a GPS pointer there (a chance match inside image data).
fn blank_gps_at(tiff: &mut [u8]) -> bool {
    let Some(x) = Exif::new(tiff) else {
        return false;
    };
    let Some(ifd0) = x.u32_at(4).map(|o| o as usize) else {
        return false;
    };
    let plausible = |ifd: usize| {
        x.u16_at(ifd).is_some_and(|n| {
            (1..=64).contains(&n)
                && (0..n as usize).all(|i| {
                    x.u16_at(ifd + 2 + 12 * i + 2)
                        .is_some_and(|t| (1..=12).contains(&t))
                })
        })
    };
    if !plausible(ifd0) {
        return false;
    }
    let Some((_, ptr_at, _)) = x.find(ifd0, 0x8825) else {
        return false;
    };
    let Some(gps) = x.u32_at(ptr_at).map(|o| o as usize) else {
        return false;
    };
    if !plausible(gps) {
        return false;
    }
    let n = x.u16_at(gps).unwrap_or(0) as usize;
    // Each entry's value: in the entry when it fits in 4 bytes, else at the offset it names.
    let size_of = |t: u16| match t {
        1 | 2 | 6 | 7 => 1,
        3 | 8 => 2,
        4 | 9 | 11 => 4,
        _ => 8,
    };
    let mut spans = Vec::new();
    for i in 0..n {
        let e = gps + 2 + 12 * i;
        let (Some(t), Some(count), Some(off)) = (x.u16_at(e + 2), x.u32_at(e + 4), x.u32_at(e + 8))
        else {
            continue;
        };
        let len = size_of(t) * count as usize;
        if len > 4 {
            spans.push((off as usize, len));
        }
    }
    let big = x.big;
    for (off, len) in spans {
        if let Some(s) = tiff.get_mut(off..off.saturating_add(len)) {
            s.fill(0);
        }
    }
    if let Some(s) = tiff.get_mut(gps..gps + 2 + 12 * n + 4) {
        s.fill(0);
    }
    // The pointer's tag becomes 0 (no tag), its value 0.
    let entry = ptr_at - 8;
    if let Some(s) = tiff.get_mut(entry..entry + 12) {
        let tag: [u8; 2] = if big {
            0u16.to_be_bytes()
        } else {
            0u16.to_le_bytes()
        };
        s[..2].copy_from_slice(&tag);
        s[8..].fill(0);
    }
    true
}

/// Blanks, in place, what an HEIF file says about where it was taken: the GPS block of its EXIF
/// and its XMP packet (overwritten with spaces, which XMP allows), so nothing moves in the file.
pub fn blank_heif_location_in_place(bytes: &mut [u8]) {
    blank_gps_in_place(bytes);
    let mut at = 0;
    while let Some(s) = find_bytes(&bytes[at..], b"<x:xmpmeta").map(|i| at + i) {
        let Some(e) =
            find_bytes(&bytes[s..], b"</x:xmpmeta>").map(|i| s + i + b"</x:xmpmeta>".len())
        else {
            break;
        };
        bytes[s..e].fill(b' ');
        at = e;
    }
}

fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
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

    #[test]
    fn reads_the_date_taken() {
        // IFD0 -> Exif IFD with DateTimeOriginal (ASCII, 20 bytes stored after the IFD).
        let mut b = Vec::new();
        b.extend(b"II");
        b.extend(42u16.to_le_bytes());
        b.extend(8u32.to_le_bytes());
        b.extend(1u16.to_le_bytes());
        b.extend(0x8769u16.to_le_bytes());
        b.extend(4u16.to_le_bytes());
        b.extend(1u32.to_le_bytes());
        b.extend(26u32.to_le_bytes());
        b.extend(0u32.to_le_bytes());
        b.extend(1u16.to_le_bytes());
        b.extend(0x9003u16.to_le_bytes());
        b.extend(2u16.to_le_bytes());
        b.extend(20u32.to_le_bytes());
        b.extend(44u32.to_le_bytes());
        b.extend(0u32.to_le_bytes());
        b.extend(b"2026:10:14 09:31:02\0");
        assert_eq!(date_taken_in_exif(&b).as_deref(), Some("2026-10-14"));
        for cut in 0..b.len() {
            let _ = date_taken_in_exif(&b[..cut]);
        }
        let mut wrong = b.clone();
        wrong[44..48].copy_from_slice(b"2026");
        wrong[49..51].copy_from_slice(b"13");
        assert_eq!(date_taken_in_exif(&wrong), None, "month 13 is no date");
    }
}
