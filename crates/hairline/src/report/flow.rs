//! Text and pictures flowed down pages: headings, wrapped paragraphs, tables and rows of
//! photos, a new page when one is full, and each page's header and footer ("page 2 of 3").

use super::pdf::{Document, ImageId, Page, Rgb, Style};

pub const INK: Rgb = [0.11, 0.12, 0.14];
pub const MUTED: Rgb = [0.38, 0.40, 0.44];
pub const RULE: Rgb = [0.78, 0.80, 0.83];
pub const SHADE: Rgb = [0.94, 0.95, 0.96];
pub const ACCENT: Rgb = [0.16, 0.33, 0.47];

/// A column of a table: its title, its share of the width, and whether it is right-aligned
/// (numbers).
pub struct Column<'a> {
    pub title: &'a str,
    pub share: f64,
    pub right: bool,
}

pub struct Flow {
    pub doc: Document,
    pub width: f64,
    pub height: f64,
    pub margin: f64,
    /// The baseline-free top of what comes next, points from the page's top.
    pub y: f64,
    header: String,
    footer: String,
}

impl Flow {
    pub fn new(doc: Document, (width, height): (f64, f64), header: &str, footer: &str) -> Flow {
        let mut f = Flow {
            doc,
            width,
            height,
            margin: 50.0,
            y: 0.0,
            header: header.to_string(),
            footer: footer.to_string(),
        };
        f.new_page();
        f
    }

    pub fn text_width(&self) -> f64 {
        self.width - 2.0 * self.margin
    }

    fn bottom(&self) -> f64 {
        self.height - self.margin - 20.0
    }

    pub fn page(&mut self) -> &mut Page {
        self.doc.pages.last_mut().expect("a page is made first")
    }

    pub fn new_page(&mut self) {
        self.doc.pages.push(Page::new(self.width, self.height));
        let (m, w) = (self.margin, self.width);
        let header = self.header.clone();
        let Flow { doc, .. } = self;
        let page = doc.pages.last_mut().expect("just pushed");
        page.text(
            &mut doc.fonts,
            m,
            m - 18.0,
            Style {
                size: 8.5,
                bold: false,
                rgb: MUTED,
            },
            &header,
        );
        page.line(m, m - 10.0, w - m, m - 10.0, 0.6, RULE);
        self.y = m + 6.0;
    }

    /// Starts a new page unless `h` more points fit on this one.
    pub fn need(&mut self, h: f64) {
        if self.y + h > self.bottom() {
            self.new_page();
        }
    }

    pub fn gap(&mut self, h: f64) {
        self.y += h;
    }

    /// Text at (x, current y + size) without moving on: for pieces set side by side.
    pub fn put(&mut self, x: f64, dy: f64, size: f64, bold: bool, rgb: Rgb, text: &str) {
        let y = self.y + dy + size;
        let Flow { doc, .. } = self;
        let page = doc.pages.last_mut().expect("a page is made first");
        page.text(&mut doc.fonts, x, y, Style { size, bold, rgb }, text);
    }

    pub fn heading(&mut self, text: &str, size: f64) {
        self.need(size * 3.0);
        self.gap(size * 0.6);
        self.put(self.margin, 0.0, size, true, ACCENT, text);
        self.gap(size * 1.5);
    }

    /// The lines `text` wraps to in `width` points at `size`.
    pub fn wrap(&self, text: &str, size: f64, width: f64) -> Vec<String> {
        let mut lines = Vec::new();
        for para in text.lines() {
            let mut line = String::new();
            for word in para.split_whitespace() {
                let trial = if line.is_empty() {
                    word.to_string()
                } else {
                    format!("{line} {word}")
                };
                if !line.is_empty() && self.doc.fonts.width(&trial, size) > width {
                    lines.push(std::mem::replace(&mut line, word.to_string()));
                } else {
                    line = trial;
                }
            }
            lines.push(line);
        }
        lines
    }

    /// A paragraph across the page, wrapped; page breaks between its lines.
    pub fn paragraph(&mut self, text: &str, size: f64, rgb: Rgb) {
        for line in self.wrap(text, size, self.text_width()) {
            self.need(size * 1.45);
            self.put(self.margin, 0.0, size, false, rgb, &line);
            self.gap(size * 1.45);
        }
        self.gap(size * 0.5);
    }

    /// A table with a shaded title row; `total` rows are set in bold under a rule.
    pub fn table(&mut self, columns: &[Column], rows: &[Vec<String>], total: Option<Vec<String>>) {
        let size = 9.5;
        let row_h = size * 1.9;
        let width = self.text_width();
        let shares: f64 = columns.iter().map(|c| c.share).sum();
        let xs: Vec<(f64, f64)> = columns
            .iter()
            .scan(self.margin, |x, c| {
                let w = width * c.share / shares;
                let at = *x;
                *x += w;
                Some((at, w))
            })
            .collect();
        let titles: Vec<String> = columns.iter().map(|c| c.title.to_string()).collect();
        self.need(row_h * 3.0);
        let (m, y) = (self.margin, self.y);
        self.page().fill_rect(m, y, width, row_h, SHADE);
        self.row(columns, &xs, &titles, size, true, MUTED);
        for r in rows {
            if self.y + row_h > self.bottom() {
                self.new_page();
                let (m, y) = (self.margin, self.y);
                self.page().fill_rect(m, y, width, row_h, SHADE);
                self.row(columns, &xs, &titles, size, true, MUTED);
            }
            self.row(columns, &xs, r, size, false, INK);
            let (m, y) = (self.margin, self.y);
            self.page().line(m, y, m + width, y, 0.4, RULE);
        }
        if let Some(t) = total {
            self.need(row_h);
            let (m, y) = (self.margin, self.y);
            self.page().line(m, y, m + width, y, 1.0, INK);
            self.row(columns, &xs, &t, size, true, INK);
        }
        self.gap(10.0);
    }

    fn row(
        &mut self,
        columns: &[Column],
        xs: &[(f64, f64)],
        cells: &[String],
        size: f64,
        bold: bool,
        rgb: Rgb,
    ) {
        let pad = 5.0;
        for ((c, &(x, w)), text) in columns.iter().zip(xs).zip(cells) {
            let tw = self.doc.fonts.width(text, size);
            let x = if c.right { x + w - pad - tw } else { x + pad };
            self.put(x, size * 0.45, size, bold, rgb, text);
        }
        self.gap(size * 1.9);
    }

    /// Images side by side across the page, each with a caption under it, at most `max_h`
    /// points tall; their widths follow their aspect ratios.
    pub fn images(&mut self, row: &[(ImageId, String)], max_h: f64) {
        if row.is_empty() {
            return;
        }
        let gap = 10.0;
        let width = self.text_width() - gap * (row.len() - 1) as f64;
        let aspect_sum: f64 = row
            .iter()
            .map(|(i, _)| i.width_px as f64 / i.height_px.max(1) as f64)
            .sum();
        let h = (width / aspect_sum).min(max_h);
        let caption = 9.0;
        self.need(h + caption * 2.6);
        let total_w: f64 = row
            .iter()
            .map(|(i, _)| h * i.width_px as f64 / i.height_px.max(1) as f64)
            .sum::<f64>()
            + gap * (row.len() - 1) as f64;
        let mut x = self.margin + (self.text_width() - total_w) * 0.5;
        let y = self.y;
        for (img, text) in row {
            let w = h * img.width_px as f64 / img.height_px.max(1) as f64;
            self.page().image(*img, x, y, w, h);
            let lines = self.wrap(text, caption, w);
            for (k, line) in lines.iter().take(2).enumerate() {
                let tw = self.doc.fonts.width(line, caption);
                let save = self.y;
                self.y = y + h + 3.0 + k as f64 * caption * 1.3;
                self.put(x + (w - tw) * 0.5, 0.0, caption, false, MUTED, line);
                self.y = save;
            }
            x += w + gap;
        }
        self.gap(h + caption * 3.2);
    }

    /// The file, every page footed with its number of the total.
    pub fn finish(mut self) -> Vec<u8> {
        let n = self.doc.pages.len();
        let (m, w, h) = (self.margin, self.width, self.height);
        let footer = self.footer.clone();
        let Flow { doc, .. } = &mut self;
        for (i, page) in doc.pages.iter_mut().enumerate() {
            let right = format!("Page {} of {n}", i + 1);
            let rw = doc.fonts.width(&right, 8.5);
            page.line(m, h - m + 4.0, w - m, h - m + 4.0, 0.6, RULE);
            page.text(
                &mut doc.fonts,
                m,
                h - m + 16.0,
                Style {
                    size: 8.5,
                    bold: false,
                    rgb: MUTED,
                },
                &footer,
            );
            page.text(
                &mut doc.fonts,
                w - m - rw,
                h - m + 16.0,
                Style {
                    size: 8.5,
                    bold: false,
                    rgb: MUTED,
                },
                &right,
            );
        }
        self.doc.finish()
    }
}
