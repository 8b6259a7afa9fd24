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

/// A PDF read back: each page's text, one line per text run drawn (a cell's line, a paragraph's
/// line, the footer), in drawing order, and each page's size in points.
pub struct InspectedPdf {
    pub pages: Vec<Vec<String>>,
    pub sizes: Vec<(f32, f32)>,
    /// The embedded fonts' names (a subset's name starts with a six-letter tag and `+`).
    pub fonts: Vec<String>,
}

impl InspectedPdf {
    pub fn read(bytes: &[u8]) -> Self {
        let doc = lopdf::Document::load_mem(bytes).expect("a PDF file");
        let mut pages = Vec::new();
        let mut sizes = Vec::new();
        let mut fonts = std::collections::BTreeSet::new();
        for (number, id) in doc.get_pages() {
            let text = doc.extract_text(&[number]).unwrap_or_else(|e| panic!("page {number}: {e}"));
            pages.push(text.lines().map(|l| l.trim_end().to_string()).collect());
            let page = doc.get_dictionary(id).expect("a page");
            let media = page.get(b"MediaBox").and_then(lopdf::Object::as_array).expect("a MediaBox");
            let n = |i: usize| media[i].as_float().expect("a number");
            sizes.push((n(2) - n(0), n(3) - n(1)));
            for font in doc.get_page_fonts(id).expect("the page's fonts").values() {
                // A Type0 font names its descendant's name; either has the subset's tag.
                if let Ok(name) = font.get(b"BaseFont").and_then(lopdf::Object::as_name) {
                    fonts.insert(String::from_utf8_lossy(name).into_owned());
                }
            }
        }
        Self { pages, sizes, fonts: fonts.into_iter().collect() }
    }

    /// Every page's lines, one after another.
    pub fn lines(&self) -> Vec<String> {
        self.pages.concat()
    }

    /// The whole text, lines joined with `\n`.
    pub fn text(&self) -> String {
        self.lines().join("\n")
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
