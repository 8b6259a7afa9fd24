//! Pages laid out before anything is drawn: A4 (portrait or landscape) with margins, a cursor
//! going down the page, wrapped paragraphs, and grids (tables) whose rows wrap inside their
//! cells and break across pages with the header repeated on each page. Laying out first gives
//! the page count, so every page's footer can say "Страница N из M"; [`render`] then writes the
//! pages with krilla.

use super::text::{Fonts, Style};
use crate::Language;
use krilla::color::luma;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::Document;

/// A4 in points.
const A4: (f32, f32) = (595.28, 841.89);
const MARGIN: f32 = 36.0;
/// Room kept at the bottom of every page for its number.
const FOOTER: f32 = 18.0;
/// Space between a cell's border and its text.
const PAD: f32 = 3.0;
/// Line height as a multiple of the font size, and where the baseline sits in a line.
const LEADING: f32 = 1.25;
const ASCENT: f32 = 0.95;
/// Space between blocks side by side.
const GUTTER: f32 = 12.0;
/// A grid header's font size relative to its cells'.
pub const HEADER_SCALE: f32 = 0.9;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Orientation {
    Portrait,
    Landscape,
}

impl Orientation {
    fn size(self) -> (f32, f32) {
        match self {
            Orientation::Portrait => A4,
            Orientation::Landscape => (A4.1, A4.0),
        }
    }

    /// The width between the margins.
    pub fn content_width(self) -> f32 {
        self.size().0 - 2.0 * MARGIN
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// What a page shows, top-left origin, `y` of text at its baseline.
enum Op {
    Text { x: f32, y: f32, style: Style, size: f32, text: String },
    Line { from: (f32, f32), to: (f32, f32) },
    Shade { x: f32, y: f32, w: f32, h: f32 },
}

struct Page {
    orientation: Orientation,
    ops: Vec<Op>,
}

/// A grid's column: header, width in points, alignment of its cells.
pub struct GridColumn {
    pub header: String,
    pub width: f32,
    pub align: Align,
}

/// A header over several adjacent columns ("Выполнено работ (оказано услуг)").
pub struct Group {
    pub first: usize,
    pub span: usize,
    pub text: String,
}

pub struct GridRow {
    pub cells: Vec<String>,
    pub bold: bool,
}

/// A table as the PDF draws it: every cell already text.
pub struct Grid {
    pub columns: Vec<GridColumn>,
    pub groups: Vec<Group>,
    pub rows: Vec<GridRow>,
    pub size: f32,
    /// `(n, height)`: the last `n` rows and the `height` of what follows the table (the
    /// conclusion, the signature blocks) stay on one page: when they do not fit under the rows
    /// before them, the page breaks before those rows, so a signature block never stands alone.
    pub keep_with_last: Option<(usize, f32)>,
}

/// The document being laid out: finished pages and the current one, with its cursor.
pub struct Doc<'f> {
    fonts: &'f Fonts,
    pages: Vec<Page>,
    y: f32,
}

impl<'f> Doc<'f> {
    pub fn new(fonts: &'f Fonts, orientation: Orientation) -> Self {
        Self { fonts, pages: vec![Page { orientation, ops: Vec::new() }], y: MARGIN }
    }

    pub fn fonts(&self) -> &'f Fonts {
        self.fonts
    }

    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("a page")
    }

    fn orientation(&self) -> Orientation {
        self.pages.last().expect("a page").orientation
    }

    /// The width between the margins of the current page.
    pub fn width(&self) -> f32 {
        self.orientation().content_width()
    }

    fn bottom(&self) -> f32 {
        self.orientation().size().1 - MARGIN - FOOTER
    }

    /// Starts a new page.
    pub fn new_page(&mut self, orientation: Orientation) {
        self.pages.push(Page { orientation, ops: Vec::new() });
        self.y = MARGIN;
    }

    /// Starts a new page unless `height` still fits on this one (or this one is empty).
    pub fn ensure(&mut self, height: f32) {
        if self.y + height > self.bottom() && self.y > MARGIN {
            self.new_page(self.orientation());
        }
    }

    pub fn space(&mut self, height: f32) {
        self.y += height;
    }

    fn text(&mut self, x: f32, baseline: f32, style: Style, size: f32, text: String) {
        if !text.is_empty() {
            self.page().ops.push(Op::Text { x, y: baseline, style, size, text });
        }
    }

    fn line(&mut self, from: (f32, f32), to: (f32, f32)) {
        self.page().ops.push(Op::Line { from, to });
    }

    /// One line of text in the box `(x, width)`, aligned in it, its top at `top`.
    fn line_in(&mut self, (x, width): (f32, f32), top: f32, style: Style, size: f32, align: Align, text: &str) {
        let w = self.fonts.width(style, size, text);
        let x = match align {
            Align::Left => x,
            Align::Center => x + (width - w) / 2.0,
            Align::Right => x + width - w,
        };
        self.text(x, top + size * ASCENT, style, size, text.to_string());
    }

    /// A paragraph across the page, wrapped, breaking to a new page between its lines.
    pub fn paragraph(&mut self, text: &str, style: Style, size: f32, align: Align) {
        self.paragraph_in(MARGIN, self.width(), text, style, size, align);
    }

    /// A paragraph in the column `[x, x + width]` from the page's left edge.
    pub fn paragraph_in(&mut self, x: f32, width: f32, text: &str, style: Style, size: f32, align: Align) {
        for line in self.fonts.wrap(style, size, text, width) {
            self.ensure(size * LEADING);
            let top = self.y;
            self.line_in((x, width), top, style, size, align, &line);
            self.y += size * LEADING;
        }
    }

    /// How tall [`Doc::paragraph`] makes `text` across the page.
    pub fn paragraph_height(&self, text: &str, style: Style, size: f32) -> f32 {
        self.fonts.wrap(style, size, text, self.width()).len() as f32 * size * LEADING
    }

    /// How tall [`Doc::columns`] makes `blocks`.
    pub fn columns_height(&self, blocks: &[Vec<(String, Style)>], size: f32) -> f32 {
        self.wrap_blocks(blocks, size).iter().map(Vec::len).max().unwrap_or(0) as f32 * size * LEADING
    }

    /// Each block's lines wrapped in its share of the width.
    fn wrap_blocks(&self, blocks: &[Vec<(String, Style)>], size: f32) -> Vec<Vec<(String, Style)>> {
        let width = self.width() / blocks.len().max(1) as f32;
        blocks
            .iter()
            .map(|block| {
                block
                    .iter()
                    .flat_map(|(text, style)| {
                        self.fonts.wrap(*style, size, text, width - GUTTER).into_iter().map(|l| (l, *style))
                    })
                    .collect()
            })
            .collect()
    }

    /// Blocks side by side (signature blocks), each a list of lines in its share of the width,
    /// kept together on one page.
    pub fn columns(&mut self, blocks: &[Vec<(String, Style)>], size: f32) {
        let width = self.width() / blocks.len() as f32;
        let gutter = GUTTER;
        let wrapped = self.wrap_blocks(blocks, size);
        let lines = wrapped.iter().map(Vec::len).max().unwrap_or(0);
        self.ensure(lines as f32 * size * LEADING);
        let top = self.y;
        for (i, block) in wrapped.iter().enumerate() {
            let x = MARGIN + i as f32 * width;
            for (n, (line, style)) in block.iter().enumerate() {
                self.line_in((x, width - gutter), top + n as f32 * size * LEADING, *style, size, Align::Left, line);
            }
        }
        self.y = top + lines as f32 * size * LEADING;
    }

    /// A table: the header (with its groups) on top, then the rows, each as tall as its most
    /// wrapped cell; a row that does not fit goes to the next page, under the header again.
    pub fn grid(&mut self, grid: &Grid) {
        let size = grid.size;
        let line_h = size * LEADING;
        // The header's text, a little smaller than the cells'.
        let hsize = size * HEADER_SCALE;
        let hline_h = hsize * LEADING;
        let xs: Vec<f32> = std::iter::once(MARGIN)
            .chain(grid.columns.iter().scan(MARGIN, |x, c| {
                *x += c.width;
                Some(*x)
            }))
            .collect();
        let inner = |i: usize| grid.columns[i].width - 2.0 * PAD;
        // The header: the groups' band, then the column headers (a column outside every group
        // spans both).
        let group_of = |i: usize| grid.groups.iter().find(|g| (g.first..g.first + g.span).contains(&i));
        let group_lines: Vec<Vec<String>> = grid
            .groups
            .iter()
            .map(|g| self.fonts.wrap(Style::Bold, hsize, &g.text, xs[g.first + g.span] - xs[g.first] - 2.0 * PAD))
            .collect();
        let band = group_lines.iter().map(|l| l.len() as f32 * hline_h + 2.0 * PAD).fold(0.0, f32::max);
        let header_lines: Vec<Vec<String>> = grid
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| self.fonts.wrap(Style::Bold, hsize, &c.header, inner(i)))
            .collect();
        // A grouped column's header sits below the band; the others span the whole header.
        let height = |i: usize| header_lines[i].len() as f32 * hline_h + 2.0 * PAD;
        let grouped = (0..header_lines.len()).filter(|i| group_of(*i).is_some()).map(height).fold(0.0, f32::max);
        let whole = (0..header_lines.len()).filter(|i| group_of(*i).is_none()).map(height).fold(0.0, f32::max);
        let header_h = whole.max(band + grouped);

        let draw_header = |doc: &mut Doc| {
            let top = doc.y;
            let right = *xs.last().expect("a column");
            doc.page().ops.push(Op::Shade { x: MARGIN, y: top, w: right - MARGIN, h: header_h });
            doc.line((MARGIN, top), (right, top));
            for (g, lines) in grid.groups.iter().zip(&group_lines) {
                let (x0, x1) = (xs[g.first], xs[g.first + g.span]);
                for (n, line) in lines.iter().enumerate() {
                    let y = top + PAD + n as f32 * hline_h;
                    doc.line_in((x0 + PAD, x1 - x0 - 2.0 * PAD), y, Style::Bold, hsize, Align::Center, line);
                }
                doc.line((x0, top + band), (x1, top + band));
            }
            for (i, lines) in header_lines.iter().enumerate() {
                let cell_top = if group_of(i).is_some() { top + band } else { top };
                for (n, line) in lines.iter().enumerate() {
                    let y = cell_top + PAD + n as f32 * hline_h;
                    doc.line_in((xs[i] + PAD, inner(i)), y, Style::Bold, hsize, Align::Center, line);
                }
                // A column's left border, except inside a group's band.
                let starts_group = group_of(i).is_none_or(|g| g.first == i);
                let from = if starts_group { top } else { top + band };
                doc.line((xs[i], from), (xs[i], top + header_h));
            }
            doc.line((right, top), (right, top + header_h));
            doc.line((MARGIN, top + header_h), (right, top + header_h));
            doc.y = top + header_h;
        };

        let wrap = |doc: &Doc, row: &GridRow| {
            let style = if row.bold { Style::Bold } else { Style::Regular };
            let cells: Vec<Vec<String>> = (0..grid.columns.len())
                .map(|i| doc.fonts.wrap(style, size, row.cells.get(i).map_or("", String::as_str), inner(i)))
                .collect();
            let height = cells.iter().map(Vec::len).max().unwrap_or(1) as f32 * line_h + 2.0 * PAD;
            (style, cells, height)
        };
        // Where the rows kept with what follows start, and how tall they are with it.
        let kept = grid.keep_with_last.map(|(n, after)| {
            let first = grid.rows.len().saturating_sub(n);
            (first, grid.rows[first..].iter().map(|r| wrap(self, r).2).sum::<f32>() + after)
        });

        self.ensure(header_h + line_h + 2.0 * PAD);
        draw_header(self);
        let mut rows_on_page = 0;
        for (index, row) in grid.rows.iter().enumerate() {
            let (style, cells, height) = wrap(self, row);
            // Move the kept rows to the next page when they and what follows do not fit here
            // but would there, and some rows stay here.
            let keep = kept.is_some_and(|(first, tail)| {
                index == first
                    && rows_on_page > 0
                    && self.y + tail > self.bottom()
                    && MARGIN + header_h + tail <= self.bottom()
            });
            if self.y + height > self.bottom() || keep {
                self.new_page(self.orientation());
                draw_header(self);
                rows_on_page = 0;
            }
            rows_on_page += 1;
            let top = self.y;
            for (i, lines) in cells.iter().enumerate() {
                for (n, line) in lines.iter().enumerate() {
                    let align = grid.columns[i].align;
                    self.line_in((xs[i] + PAD, inner(i)), top + PAD + n as f32 * line_h, style, size, align, line);
                }
            }
            for x in &xs {
                self.line((*x, top), (*x, top + height));
            }
            self.line((MARGIN, top + height), (*xs.last().expect("a column"), top + height));
            self.y = top + height;
        }
    }

    /// Every page with its number ("Страница N из M", right-aligned at the bottom), as a PDF
    /// titled `title` in `lang`.
    pub fn render(self, lang: Language, title: &str) -> crate::Result<Vec<u8>> {
        let fonts = self.fonts;
        let count = self.pages.len();
        let mut document = Document::new();
        let language = match lang {
            Language::Ru => "ru",
            Language::En => "en",
            Language::Kk => "kk",
        };
        document.set_metadata(krilla::metadata::Metadata::new().title(title.to_string()).language(language.into()));
        for (index, page) in self.pages.into_iter().enumerate() {
            let (width, height) = page.orientation.size();
            let settings = PageSettings::from_wh(width, height).ok_or_else(|| crate::Error::Pdf("page size".into()))?;
            let mut pdf_page = document.start_page_with(settings);
            let mut surface = pdf_page.surface();
            let label = super::page_label(lang, index + 1, count);
            let footer_size = 8.0;
            let label_x = width - MARGIN - fonts.width(Style::Regular, footer_size, &label);
            let footer_op =
                Op::Text { x: label_x, y: height - MARGIN, style: Style::Regular, size: footer_size, text: label };
            for op in page.ops.iter().chain(std::iter::once(&footer_op)) {
                match op {
                    Op::Text { x, y, style, size, text } => {
                        surface.set_stroke(None);
                        surface.set_fill(Some(Fill::default()));
                        let glyphs = fonts.glyphs(*style, text);
                        surface.draw_glyphs(Point::from_xy(*x, *y), &glyphs, fonts.font(*style), text, *size, false);
                    }
                    Op::Line { from, to } => {
                        let mut path = PathBuilder::new();
                        path.move_to(from.0, from.1);
                        path.line_to(to.0, to.1);
                        if let Some(path) = path.finish() {
                            surface.set_fill(None);
                            surface.set_stroke(Some(Stroke { width: 0.5, ..Stroke::default() }));
                            surface.draw_path(&path);
                        }
                    }
                    Op::Shade { x, y, w, h } => {
                        let mut path = PathBuilder::new();
                        if let Some(rect) = Rect::from_xywh(*x, *y, *w, *h) {
                            path.push_rect(rect);
                        }
                        if let Some(path) = path.finish() {
                            surface.set_stroke(None);
                            surface.set_fill(Some(Fill { paint: luma::Color::new(235).into(), ..Fill::default() }));
                            surface.draw_path(&path);
                        }
                    }
                }
            }
            surface.finish();
            pdf_page.finish();
        }
        document.finish().map_err(|e| crate::Error::Pdf(format!("{e:?}")))
    }
}
