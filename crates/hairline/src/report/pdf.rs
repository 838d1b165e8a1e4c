//! A small PDF writer: pages of text, lines, filled boxes and JPEG photos, with the bundled
//! fonts embedded (cut down to the glyphs used), so a report opens the same on every machine
//! and its text can be searched and copied (each glyph maps back to its character). Written
//! here rather than pulled in: the studio needs a dozen drawing operations, and a PDF crate
//! would bring its own font handling beside the one the exports already use.

use super::ttf_subset::subset;
use ab_glyph::{Font, FontRef, GlyphId};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// A colour, 0-1 per channel.
pub type Rgb = [f64; 3];

/// The document's fonts, tried in order for each character (DejaVu Sans, then Droid Sans
/// Fallback for Chinese, Japanese and Korean).
pub struct Fonts {
    faces: Vec<(&'static [u8], FontRef<'static>)>,
    /// Per font: the glyphs used and the text each stands for (for copying and search).
    used: Vec<BTreeMap<u16, String>>,
}

impl Fonts {
    pub fn new() -> Fonts {
        let faces: Vec<_> = crate::render::EXTRA_FONTS
            .iter()
            .filter_map(|(_, bytes)| Some((*bytes, FontRef::try_from_slice(bytes).ok()?)))
            .collect();
        let used = vec![BTreeMap::new(); faces.len()];
        Fonts { faces, used }
    }

    /// The font and glyph for `c`: the first font that has it, else the first font's '?'.
    fn glyph(&self, c: char) -> (usize, GlyphId) {
        self.faces
            .iter()
            .enumerate()
            .find_map(|(i, (_, f))| {
                let g = f.glyph_id(c);
                (g.0 != 0).then_some((i, g))
            })
            .unwrap_or_else(|| (0, self.faces[0].1.glyph_id('?')))
    }

    /// The width of `text` at `size` points.
    pub fn width(&self, text: &str, size: f64) -> f64 {
        shape(text)
            .chars()
            .map(|c| {
                let (i, g) = self.glyph(c);
                let f = &self.faces[i].1;
                f.h_advance_unscaled(g) as f64 / f.units_per_em().unwrap_or(2048.0) as f64
            })
            .sum::<f64>()
            * size
    }

    /// Text as runs of (font, hex glyph codes), recording the glyphs used.
    fn encode(&mut self, text: &str) -> Vec<(usize, String)> {
        let mut runs: Vec<(usize, String)> = Vec::new();
        for c in shape(text).chars() {
            let (i, g) = self.glyph(c);
            self.used[i].entry(g.0).or_insert_with(|| c.to_string());
            match runs.last_mut() {
                Some((f, hex)) if *f == i => {
                    let _ = write!(hex, "{:04X}", g.0);
                }
                _ => runs.push((i, format!("{:04X}", g.0))),
            }
        }
        runs
    }
}

impl Default for Fonts {
    fn default() -> Self {
        Fonts::new()
    }
}

/// Text in drawing order: Arabic letters joined, right-to-left runs reversed, invisible marks
/// dropped (the same shaping the exported images' captions use).
fn shape(text: &str) -> String {
    crate::render::shape_for_drawing(text)
}

/// How text is set.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub size: f64,
    pub bold: bool,
    pub rgb: Rgb,
}

/// One page's drawing, in points from the page's top-left corner.
pub struct Page {
    pub width: f64,
    pub height: f64,
    ops: String,
    images: BTreeSet<usize>,
}

/// A JPEG image added to the document.
#[derive(Clone, Copy, Debug)]
pub struct ImageId {
    index: usize,
    pub width_px: u32,
    pub height_px: u32,
}

impl Page {
    pub fn new(width: f64, height: f64) -> Page {
        Page {
            width,
            height,
            ops: String::new(),
            images: BTreeSet::new(),
        }
    }

    /// Text with its baseline's left end at (x, y); a bold style draws it with a thin outline
    /// too (one embedded weight serves both).
    pub fn text(&mut self, fonts: &mut Fonts, x: f64, y: f64, style: Style, text: &str) {
        let Style { size, bold, rgb } = style;
        if text.is_empty() {
            return;
        }
        let y = self.height - y;
        let _ = write!(
            self.ops,
            "BT {} {} {} rg {} {} {} RG {} w {} Tr {x:.2} {y:.2} Td ",
            rgb[0],
            rgb[1],
            rgb[2],
            rgb[0],
            rgb[1],
            rgb[2],
            size * 0.03,
            if bold { 2 } else { 0 }
        );
        for (font, hex) in fonts.encode(text) {
            let _ = write!(self.ops, "/F{font} {size:.2} Tf <{hex}> Tj ");
        }
        self.ops.push_str("ET\n");
    }

    /// A filled rectangle, top-left corner at (x, y).
    pub fn fill_rect(&mut self, x: f64, y: f64, w: f64, h: f64, rgb: Rgb) {
        let _ = writeln!(
            self.ops,
            "{} {} {} rg {x:.2} {:.2} {w:.2} {h:.2} re f",
            rgb[0],
            rgb[1],
            rgb[2],
            self.height - y - h
        );
    }

    pub fn line(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, width: f64, rgb: Rgb) {
        let _ = writeln!(
            self.ops,
            "{} {} {} RG {width:.2} w {x0:.2} {:.2} m {x1:.2} {:.2} l S",
            rgb[0],
            rgb[1],
            rgb[2],
            self.height - y0,
            self.height - y1
        );
    }

    /// An image in the box with top-left corner (x, y), `w` x `h` points.
    pub fn image(&mut self, image: ImageId, x: f64, y: f64, w: f64, h: f64) {
        self.images.insert(image.index);
        let _ = writeln!(
            self.ops,
            "q {w:.2} 0 0 {h:.2} {x:.2} {:.2} cm /Im{} Do Q",
            self.height - y - h,
            image.index
        );
    }
}

/// A document being made: its images and fonts, and its pages in order.
pub struct Document {
    pub fonts: Fonts,
    images: Vec<(u32, u32, Vec<u8>)>,
    pub pages: Vec<Page>,
    title: String,
}

fn deflate(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(data, 6)
}

fn pdf_string(s: &str) -> String {
    // UTF-16BE with a byte-order mark: any script in the document's title.
    let mut hex = String::from("<FEFF");
    for u in s.encode_utf16() {
        let _ = write!(hex, "{u:04X}");
    }
    hex.push('>');
    hex
}

impl Document {
    pub fn new(title: &str) -> Document {
        Document {
            fonts: Fonts::new(),
            images: Vec::new(),
            pages: Vec::new(),
            title: title.to_string(),
        }
    }

    /// Adds an image, stored as a JPEG (photos stay photos at a tenth of the size).
    pub fn add_image(&mut self, img: &image::RgbImage) -> Result<ImageId, image::ImageError> {
        let mut jpeg = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 88).encode_image(img)?;
        self.images.push((img.width(), img.height(), jpeg));
        Ok(ImageId {
            index: self.images.len() - 1,
            width_px: img.width(),
            height_px: img.height(),
        })
    }

    /// The finished file.
    pub fn finish(self) -> Vec<u8> {
        let Document {
            fonts,
            images,
            pages,
            title,
        } = self;
        let mut objects: Vec<Vec<u8>> = Vec::new();
        // Object numbers are 1-based: reserve each before its body is known.
        let reserve = |objects: &mut Vec<Vec<u8>>| {
            objects.push(Vec::new());
            objects.len()
        };
        let catalog = reserve(&mut objects);
        let pages_id = reserve(&mut objects);
        let info = reserve(&mut objects);
        let stream = |dict: &str, data: &[u8]| {
            let z = deflate(data);
            let mut b = format!(
                "<< {dict} /Length {} /Filter /FlateDecode >>\nstream\n",
                z.len()
            )
            .into_bytes();
            b.extend(z);
            b.extend(b"\nendstream");
            b
        };

        // Fonts: each used font as a Type 0 font over its glyph numbers (Identity-H), with its
        // widths and a ToUnicode map so the text can be searched and copied.
        let mut font_refs = String::new();
        for (i, ((bytes, face), used)) in fonts.faces.iter().zip(&fonts.used).enumerate() {
            if used.is_empty() {
                continue;
            }
            let upem = face.units_per_em().unwrap_or(2048.0) as f64;
            let scale = 1000.0 / upem;
            let glyphs: BTreeSet<u16> = used.keys().copied().collect();
            let program = subset(bytes, &glyphs).unwrap_or_else(|| bytes.to_vec());
            let file = reserve(&mut objects);
            objects[file - 1] = stream(&format!("/Length1 {}", program.len()), &program);
            let name = format!("HSTUD{i}+Embedded");
            let descriptor = reserve(&mut objects);
            objects[descriptor - 1] = format!(
                "<< /Type /FontDescriptor /FontName /{name} /Flags 32 /FontBBox [-1000 -300 2000 1000] /ItalicAngle 0 /Ascent {:.0} /Descent {:.0} /CapHeight {:.0} /StemV 80 /FontFile2 {file} 0 R >>",
                face.ascent_unscaled() as f64 * scale,
                face.descent_unscaled() as f64 * scale,
                face.ascent_unscaled() as f64 * scale * 0.72,
            )
            .into_bytes();
            let mut widths = String::new();
            for g in used.keys() {
                let _ = write!(
                    widths,
                    "{g} [{:.0}] ",
                    face.h_advance_unscaled(GlyphId(*g)) as f64 * scale
                );
            }
            let cid = reserve(&mut objects);
            objects[cid - 1] = format!(
                "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{name} /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor {descriptor} 0 R /CIDToGIDMap /Identity /W [{widths}] >>"
            )
            .into_bytes();
            let mut cmap = String::from(
                "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def /CMapName /Adobe-Identity-UCS def /CMapType 2 def 1 begincodespacerange <0000> <FFFF> endcodespacerange\n",
            );
            let entries: Vec<_> = used.iter().collect();
            for chunk in entries.chunks(100) {
                let _ = writeln!(cmap, "{} beginbfchar", chunk.len());
                for (g, text) in chunk {
                    let hex: String = text.encode_utf16().map(|u| format!("{u:04X}")).collect();
                    let _ = writeln!(cmap, "<{g:04X}> <{hex}>");
                }
                cmap.push_str("endbfchar\n");
            }
            cmap.push_str("endcmap CMapName currentdict /CMap defineresource pop end end");
            let to_unicode = reserve(&mut objects);
            objects[to_unicode - 1] = stream("", cmap.as_bytes());
            let font = reserve(&mut objects);
            objects[font - 1] = format!(
                "<< /Type /Font /Subtype /Type0 /BaseFont /{name} /Encoding /Identity-H /DescendantFonts [{cid} 0 R] /ToUnicode {to_unicode} 0 R >>"
            )
            .into_bytes();
            let _ = write!(font_refs, "/F{i} {font} 0 R ");
        }

        let mut image_ids = Vec::new();
        for (w, h, jpeg) in &images {
            let id = reserve(&mut objects);
            let mut b = format!(
                "<< /Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length {} >>\nstream\n",
                jpeg.len()
            )
            .into_bytes();
            b.extend(jpeg);
            b.extend(b"\nendstream");
            objects[id - 1] = b;
            image_ids.push(id);
        }

        let mut kids = String::new();
        for page in &pages {
            let content = reserve(&mut objects);
            objects[content - 1] = stream("", page.ops.as_bytes());
            let xobjects: String = page
                .images
                .iter()
                .map(|&i| format!("/Im{i} {} 0 R ", image_ids[i]))
                .collect();
            let id = reserve(&mut objects);
            objects[id - 1] = format!(
                "<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 {:.2} {:.2}] /Resources << /Font << {font_refs}>> /XObject << {xobjects}>> >> /Contents {content} 0 R >>",
                page.width, page.height
            )
            .into_bytes();
            let _ = write!(kids, "{id} 0 R ");
        }
        objects[pages_id - 1] =
            format!("<< /Type /Pages /Kids [{kids}] /Count {} >>", pages.len()).into_bytes();
        objects[catalog - 1] = format!("<< /Type /Catalog /Pages {pages_id} 0 R >>").into_bytes();
        objects[info - 1] = format!(
            "<< /Title {} /Producer (Hairline Studio {}) >>",
            pdf_string(&title),
            env!("CARGO_PKG_VERSION")
        )
        .into_bytes();

        let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
        let mut offsets = Vec::with_capacity(objects.len());
        for (i, body) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend(format!("{} 0 obj\n", i + 1).as_bytes());
            out.extend(body);
            out.extend(b"\nendobj\n");
        }
        let xref = out.len();
        let mut table = format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
        for o in offsets {
            let _ = writeln!(table, "{o:010} 00000 n ");
        }
        let _ = write!(
            table,
            "trailer\n<< /Size {} /Root {catalog} 0 R /Info {info} 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        );
        out.extend(table.as_bytes());
        out
    }
}
