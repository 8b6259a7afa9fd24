//! Reading an XLSX back, for golden tests (feature `inspect`, never in the app): the cells and
//! their types through calamine (an independent reader), and what calamine does not tell (the
//! frozen pane, the autofilter, a cell's number format and boldness, column widths) from the
//! sheet's XML in the zip. Rows and columns are 0-based, like the writer's. A PDF's text by
//! page, through lopdf (an independent reader, which decodes the glyphs with the file's
//! ToUnicode maps, as a viewer's copy and search do). Panics on anything unreadable: it is for
//! tests.

use calamine::{Data, Reader, Xlsx};
use std::io::{Cursor, Read};

pub use calamine::Data as Value;

/// A run of text drawn on a PDF page: where (points from the page's top-left corner, `y` at the
/// baseline), in which face and size, and its right edge as the bundled font measures it.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub text: String,
    pub x: f32,
    pub y: f32,
    pub size: f32,
    pub bold: bool,
    pub right: f32,
}

/// A PDF read back: each page's text runs (a cell's line, a paragraph's line, the footer) in
/// drawing order, each page's size in points, and the embedded fonts.
pub struct InspectedPdf {
    pub pages: Vec<Vec<Run>>,
    pub sizes: Vec<(f32, f32)>,
    /// The embedded fonts' names (a subset's name starts with a six-letter tag and `+`).
    pub fonts: Vec<String>,
}

impl InspectedPdf {
    /// Reads the text as krilla writes it: each run its own text object, placed by `Tm` under a
    /// `cm` that flips the page so `y` grows downwards, shown by one `TJ` decoded through the
    /// font's ToUnicode map.
    pub fn read(bytes: &[u8]) -> Self {
        use lopdf::Object;
        let doc = lopdf::Document::load_mem(bytes).expect("a PDF file");
        let measure = crate::pdf::text::Fonts::new().expect("the bundled font");
        let number = |o: &Object| o.as_float().expect("a number");
        let mut pages = Vec::new();
        let mut sizes = Vec::new();
        let mut fonts = std::collections::BTreeSet::new();
        for id in doc.get_pages().into_values() {
            let page = doc.get_dictionary(id).expect("a page");
            let media = page.get(b"MediaBox").and_then(Object::as_array).expect("a MediaBox");
            sizes.push((number(&media[2]) - number(&media[0]), number(&media[3]) - number(&media[1])));
            let mut encodings = std::collections::BTreeMap::new();
            for (name, font) in doc.get_page_fonts(id).expect("the page's fonts") {
                let base =
                    String::from_utf8_lossy(font.get(b"BaseFont").and_then(Object::as_name).expect("a font name"));
                fonts.insert(base.to_string());
                encodings
                    .insert(name, (font.get_font_encoding(&doc).expect("the font's encoding"), base.contains("Bold")));
            }
            let content =
                lopdf::content::Content::decode(&doc.get_page_content(id).expect("the content")).expect("ops");
            let (mut font, mut size, mut at) = (None, 0.0, (0.0, 0.0));
            let mut runs = Vec::new();
            for op in &content.operations {
                match op.operator.as_str() {
                    "Tf" => {
                        font = encodings.get(op.operands[0].as_name().expect("a font"));
                        size = number(&op.operands[1]);
                    }
                    "Tm" => at = (number(&op.operands[4]), number(&op.operands[5])),
                    "TJ" | "Tj" => {
                        let (encoding, bold) = font.expect("a font before the text");
                        let mut text = String::new();
                        let strings = match &op.operands[0] {
                            Object::Array(items) => items.clone(),
                            other => vec![other.clone()],
                        };
                        for item in strings {
                            if let Object::String(bytes, _) = item {
                                encoding.write_to_string(&bytes, &mut text).expect("decodable text");
                            }
                        }
                        let style =
                            if *bold { crate::pdf::text::Style::Bold } else { crate::pdf::text::Style::Regular };
                        let right = at.0 + measure.width(style, size, &text);
                        runs.push(Run { text, x: at.0, y: at.1, size, bold: *bold, right });
                    }
                    _ => {}
                }
            }
            pages.push(runs);
        }
        Self { pages, sizes, fonts: fonts.into_iter().collect() }
    }

    /// Each page's lines of text (one per run).
    pub fn page_lines(&self, page: usize) -> Vec<String> {
        self.pages[page].iter().map(|r| r.text.clone()).collect()
    }

    /// Every page's lines, one after another.
    pub fn lines(&self) -> Vec<String> {
        (0..self.pages.len()).flat_map(|p| self.page_lines(p)).collect()
    }

    /// The whole text, lines joined with `\n`.
    pub fn text(&self) -> String {
        self.lines().join("\n")
    }

    /// The runs on `page` whose text is `text`.
    pub fn find(&self, page: usize, text: &str) -> Vec<&Run> {
        self.pages[page].iter().filter(|r| r.text == text).collect()
    }
}

/// One workbook's sheet, read back.
pub struct Inspected {
    pub sheet_name: String,
    cells: calamine::Range<Data>,
    sheet_xml: String,
    styles_xml: String,
}

impl Inspected {
    /// The workbook's first sheet.
    pub fn read(bytes: &[u8]) -> Self {
        Self::read_sheet(bytes, 0)
    }

    /// The workbook's sheet names, in order.
    pub fn sheet_names(bytes: &[u8]) -> Vec<String> {
        let book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes.to_vec())).expect("an XLSX file");
        book.sheet_names().to_vec()
    }

    /// The workbook's `index`-th sheet (0-based; rust_xlsxwriter names its parts in sheet order).
    pub fn read_sheet(bytes: &[u8], index: usize) -> Self {
        let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes.to_vec())).expect("an XLSX file");
        let sheet_name = book.sheet_names().get(index).cloned().expect("the sheet");
        let cells = book.worksheet_range(&sheet_name).expect("the sheet's cells");
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
        let mut part = |name: &str| {
            let mut text = String::new();
            zip.by_name(name).unwrap_or_else(|e| panic!("{name}: {e}")).read_to_string(&mut text).unwrap();
            text
        };
        let sheet_xml = part(&format!("xl/worksheets/sheet{}.xml", index + 1));
        let styles_xml = part("xl/styles.xml");
        Self { sheet_name, cells, sheet_xml, styles_xml }
    }

    /// The cell's value as calamine reads it (`Empty` outside the used range).
    pub fn value(&self, row: u32, col: u32) -> Data {
        self.cells.get_value((row, col)).cloned().unwrap_or(Data::Empty)
    }

    /// The cell's text; panics when it is not a text cell.
    pub fn text(&self, row: u32, col: u32) -> String {
        match self.value(row, col) {
            Data::String(s) => s,
            other => panic!("{}: expected text, found {other:?}", cell_ref(row, col)),
        }
    }

    /// The cell's number; panics when it is not a number cell (a float, to Excel).
    pub fn number(&self, row: u32, col: u32) -> f64 {
        match self.value(row, col) {
            Data::Float(x) => x,
            other => panic!("{}: expected a number, found {other:?}", cell_ref(row, col)),
        }
    }

    /// The cell's date and time; panics when it is not a date cell.
    pub fn datetime(&self, row: u32, col: u32) -> chrono::NaiveDateTime {
        match self.value(row, col) {
            Data::DateTime(d) => d.as_datetime().expect("a datetime in range"),
            other => panic!("{}: expected a date, found {other:?}", cell_ref(row, col)),
        }
    }

    /// The last row of the used range (0-based).
    pub fn last_row(&self) -> u32 {
        self.cells.end().map_or(0, |(r, _)| r)
    }

    /// The rows frozen at the top, when the pane is frozen.
    pub fn frozen_rows(&self) -> Option<u32> {
        let pane = element(&self.sheet_xml, "pane")?;
        (attr(pane, "state")? == "frozen").then(|| attr(pane, "ySplit").and_then(|y| y.parse().ok())).flatten()
    }

    /// The autofilter's range, as `A8:G10`.
    pub fn autofilter(&self) -> Option<String> {
        attr(element(&self.sheet_xml, "autoFilter")?, "ref").map(String::from)
    }

    /// The width of a column (0-based) when set.
    pub fn column_width(&self, col: u32) -> Option<f64> {
        elements(&self.sheet_xml, "col")
            .find(|c| {
                let min: u32 = attr(c, "min").and_then(|m| m.parse().ok()).unwrap_or(0);
                let max: u32 = attr(c, "max").and_then(|m| m.parse().ok()).unwrap_or(0);
                (min..=max).contains(&(col + 1))
            })
            .and_then(|c| attr(c, "width")?.parse().ok())
    }

    /// The cell's style index in `cellXfs`.
    fn style(&self, row: u32, col: u32) -> usize {
        let r = cell_ref(row, col);
        elements(&self.sheet_xml, "c")
            .find(|c| attr(c, "r") == Some(r.as_str()))
            .and_then(|c| attr(c, "s")?.parse().ok())
            .unwrap_or(0)
    }

    fn xf(&self, row: u32, col: u32) -> &str {
        let xfs = section(&self.styles_xml, "cellXfs");
        elements(xfs, "xf").nth(self.style(row, col)).expect("the cell's style")
    }

    /// The cell's number format code (`General` when none).
    pub fn number_format(&self, row: u32, col: u32) -> String {
        let id = attr(self.xf(row, col), "numFmtId").unwrap_or("0").to_string();
        elements(section(&self.styles_xml, "numFmts"), "numFmt")
            .find(|f| attr(f, "numFmtId") == Some(id.as_str()))
            .and_then(|f| attr(f, "formatCode"))
            .map(unescape)
            .unwrap_or_else(|| if id == "0" { "General".into() } else { format!("builtin {id}") })
    }

    /// Whether the cell's font is bold.
    pub fn bold(&self, row: u32, col: u32) -> bool {
        let font: usize = attr(self.xf(row, col), "fontId").and_then(|f| f.parse().ok()).unwrap_or(0);
        // Fonts are `<font>…</font>` in order; the n-th one says bold with `<b/>`.
        let fonts = section(&self.styles_xml, "fonts");
        let nth = fonts.match_indices("<font").filter(|(i, _)| !fonts[*i..].starts_with("<fonts")).nth(font);
        nth.map(|(i, _)| {
            let rest = &fonts[i..];
            rest[..rest.find("</font>").unwrap_or(rest.len())].contains("<b/>")
        })
        .unwrap_or(false)
    }
}

/// `A1`-style reference of a 0-based cell.
pub fn cell_ref(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        letters.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8(letters).unwrap(), row + 1)
}

/// The inside of `<name …>…</name>` (empty when absent).
fn section<'a>(xml: &'a str, name: &str) -> &'a str {
    let Some(start) = xml.find(&format!("<{name}")) else { return "" };
    let end = xml[start..].find(&format!("</{name}>")).map_or(xml.len(), |e| start + e);
    &xml[start..end]
}

/// Every start tag `<name …>` (its attributes' text).
fn elements<'a>(xml: &'a str, name: &str) -> impl Iterator<Item = &'a str> + 'a {
    let open = format!("<{name}");
    let tags: Vec<&'a str> = xml
        .match_indices(open.as_str())
        .filter_map(|(i, _)| {
            let rest = &xml[i + open.len()..];
            // `<c ` but not `<cols`.
            rest.starts_with([' ', '>', '/']).then(|| &rest[..rest.find('>').unwrap_or(rest.len())])
        })
        .collect();
    tags.into_iter()
}

fn element<'a>(xml: &'a str, name: &str) -> Option<&'a str> {
    elements(xml, name).next()
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    Some(&tag[start..start + tag[start..].find('"')?])
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&apos;", "'").replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    #[test]
    fn cell_refs() {
        assert_eq!(super::cell_ref(0, 0), "A1");
        assert_eq!(super::cell_ref(9, 25), "Z10");
        assert_eq!(super::cell_ref(0, 26), "AA1");
    }
}
