//! A TrueType font cut down to the glyphs a document uses, for embedding in a PDF: the glyphs
//! keep their numbers (the PDF names them by number), every other glyph is emptied. The bundled
//! DejaVu Sans is 760 kB; a report's few hundred glyphs take a few tens of kB.

use std::collections::BTreeSet;

/// The tables a PDF reader needs to draw glyphs by number (no `cmap`: the PDF maps codes to
/// glyphs itself); hinting tables are kept so small text renders as the font intends.
const KEEP: [&[u8; 4]; 9] = [
    b"cvt ", b"fpgm", b"glyf", b"head", b"hhea", b"hmtx", b"loca", b"maxp", b"prep",
];

fn u16_at(b: &[u8], o: usize) -> Option<u16> {
    Some(u16::from_be_bytes(b.get(o..o + 2)?.try_into().ok()?))
}
fn u32_at(b: &[u8], o: usize) -> Option<u32> {
    Some(u32::from_be_bytes(b.get(o..o + 4)?.try_into().ok()?))
}

fn table<'a>(font: &'a [u8], tag: &[u8; 4]) -> Option<&'a [u8]> {
    let n = u16_at(font, 4)? as usize;
    (0..n).find_map(|i| {
        let rec = 12 + 16 * i;
        if font.get(rec..rec + 4)? != tag {
            return None;
        }
        let (off, len) = (
            u32_at(font, rec + 8)? as usize,
            u32_at(font, rec + 12)? as usize,
        );
        font.get(off..off.checked_add(len)?)
    })
}

fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, c| {
        let mut w = [0u8; 4];
        w[..c.len()].copy_from_slice(c);
        sum.wrapping_add(u32::from_be_bytes(w))
    })
}

/// The glyph `gid`'s bytes in `glyf`, from `loca`.
fn glyph<'a>(glyf: &'a [u8], loca: &[u8], long: bool, gid: usize) -> Option<&'a [u8]> {
    let (a, b) = if long {
        (
            u32_at(loca, 4 * gid)? as usize,
            u32_at(loca, 4 * gid + 4)? as usize,
        )
    } else {
        (
            2 * u16_at(loca, 2 * gid)? as usize,
            2 * u16_at(loca, 2 * gid + 2)? as usize,
        )
    };
    glyf.get(a..b.max(a))
}

/// The glyphs a composite glyph is built from.
fn components(g: &[u8]) -> Vec<u16> {
    let mut out = Vec::new();
    if g.len() < 10 || (u16_at(g, 0).unwrap_or(0) as i16) >= 0 {
        return out;
    }
    let mut o = 10;
    while let (Some(flags), Some(gid)) = (u16_at(g, o), u16_at(g, o + 2)) {
        out.push(gid);
        o += 4 + if flags & 0x1 != 0 { 4 } else { 2 };
        o += if flags & 0x8 != 0 {
            2
        } else if flags & 0x40 != 0 {
            4
        } else if flags & 0x80 != 0 {
            8
        } else {
            0
        };
        if flags & 0x20 == 0 || out.len() > 64 {
            break;
        }
    }
    out
}

/// The font with only the glyphs in `used` (and those they are built from, and glyph 0).
/// `None` when the font is not a TrueType font with `glyf` outlines.
pub fn subset(font: &[u8], used: &BTreeSet<u16>) -> Option<Vec<u8>> {
    let head = table(font, b"head")?;
    let long = u16_at(head, 50)? == 1;
    let glyph_count = u16_at(table(font, b"maxp")?, 4)? as usize;
    let (glyf, loca) = (table(font, b"glyf")?, table(font, b"loca")?);
    let mut keep: BTreeSet<u16> = used
        .iter()
        .copied()
        .filter(|&g| (g as usize) < glyph_count)
        .collect();
    keep.insert(0);
    let mut todo: Vec<u16> = keep.iter().copied().collect();
    while let Some(g) = todo.pop() {
        for c in components(glyph(glyf, loca, long, g as usize)?) {
            if (c as usize) < glyph_count && keep.insert(c) {
                todo.push(c);
            }
        }
    }
    let mut new_glyf = Vec::new();
    let mut new_loca = Vec::with_capacity(4 * (glyph_count + 1));
    for gid in 0..glyph_count {
        new_loca.extend((new_glyf.len() as u32).to_be_bytes());
        if keep.contains(&(gid as u16)) {
            new_glyf.extend_from_slice(glyph(glyf, loca, long, gid)?);
            while new_glyf.len() % 4 != 0 {
                new_glyf.push(0);
            }
        }
    }
    new_loca.extend((new_glyf.len() as u32).to_be_bytes());
    let mut new_head = head.to_vec();
    new_head[50..52].copy_from_slice(&1u16.to_be_bytes());
    new_head[8..12].copy_from_slice(&[0; 4]);

    let tables: Vec<(&[u8; 4], Vec<u8>)> = KEEP
        .iter()
        .filter_map(|&tag| {
            let data = match tag {
                b"glyf" => new_glyf.clone(),
                b"loca" => new_loca.clone(),
                b"head" => new_head.clone(),
                _ => table(font, tag)?.to_vec(),
            };
            Some((tag, data))
        })
        .collect();
    let n = tables.len() as u16;
    let mut out = Vec::new();
    out.extend(0x0001_0000u32.to_be_bytes());
    let sel = 15 - n.leading_zeros() as u16;
    out.extend(n.to_be_bytes());
    out.extend((16u16 << sel).to_be_bytes());
    out.extend(sel.to_be_bytes());
    out.extend((n * 16 - (16u16 << sel)).to_be_bytes());
    let mut offset = 12 + 16 * tables.len();
    let mut head_at = 0;
    for (tag, data) in &tables {
        if *tag == b"head" {
            head_at = offset;
        }
        out.extend(tag.as_slice());
        out.extend(checksum(data).to_be_bytes());
        out.extend((offset as u32).to_be_bytes());
        out.extend((data.len() as u32).to_be_bytes());
        offset += data.len().next_multiple_of(4);
    }
    for (_, data) in &tables {
        out.extend(data);
        while out.len() % 4 != 0 {
            out.push(0);
        }
    }
    let adjust = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
    out[head_at + 8..head_at + 12].copy_from_slice(&adjust.to_be_bytes());
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ab_glyph::{Font, FontRef};

    #[test]
    fn a_subset_draws_the_kept_glyphs_as_the_font_does() {
        let full = crate::render::EXTRA_FONTS[0].1;
        let f = FontRef::try_from_slice(full).unwrap();
        // "é" and "Å" are composites in many fonts: their parts must come along.
        let used: BTreeSet<u16> = "Hairline é Å".chars().map(|c| f.glyph_id(c).0).collect();
        let small = subset(full, &used).unwrap();
        assert!(
            small.len() * 10 < full.len(),
            "{} of {} bytes",
            small.len(),
            full.len()
        );
        let s = FontRef::try_from_slice(&small).unwrap();
        for c in "Hairline é Å".chars() {
            let g = f.glyph_id(c);
            let (a, b) = (f.outline(g), s.outline(g));
            assert_eq!(a.map(|o| o.curves.len()), b.map(|o| o.curves.len()), "{c}");
            assert_eq!(f.h_advance_unscaled(g), s.h_advance_unscaled(g));
        }
        let unused = f.glyph_id('Z');
        assert!(s.outline(unused).is_none(), "an unused glyph is emptied");
        assert!(subset(b"not a font", &used).is_none());
    }
}
