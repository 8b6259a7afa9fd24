//! Reading a table a user brings in (a spreadsheet they filled in, a file the portal made) as
//! rows of text: XLSX through calamine, CSV through the `csv` crate. The caller decides what the
//! rows mean (which column is which, what a cell must hold) and names the row and column of
//! anything it refuses.
//!
//! Why these two crates: both are the Rust ecosystem's standard readers for their format, kept
//! up, and tested against the files spreadsheet programs really write (shared strings, inline
//! strings, dates as numbers; quoted fields with separators and line breaks). Writing either by
//! hand is how imports silently drop a row.
//!
//! CSV as people's spreadsheets save it: UTF-8 with or without a BOM, or Windows-1251 (Excel's
//! "CSV" on a Russian Windows); split on `;`, `,` or a tab, whichever the first line uses most.
//! A number that a spreadsheet stored as a number (`77012115526` as a float) reads back as its
//! digits, never as `7.7012115526e10`.

use calamine::{Data, DataRef, Reader, Sheets, Xlsx};
use std::io::Cursor;

/// Why a file could not be read as a table.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ReadError {
    /// It starts like a spreadsheet (a ZIP or OLE file) but is not a workbook calamine can open.
    #[error("the file is not a readable spreadsheet: {0}")]
    Xlsx(String),
    /// The workbook has no sheet.
    #[error("the workbook has no sheet")]
    NoSheet,
    /// A CSV line cannot be split (an unterminated quote, say); `line` counts from 1.
    #[error("line {line} of the CSV file cannot be read: {message}")]
    Csv { line: u64, message: String },
}

/// The rows of `bytes`: the first sheet of a spreadsheet (XLSX, or XLS and ODS, which calamine
/// reads too), or a CSV file. Every row is its cells as trimmed text (empty cells as ""); rows
/// that are entirely empty are kept, so row numbers match what the user sees (row 1 is the first).
pub fn rows(bytes: &[u8]) -> Result<Vec<Vec<String>>, ReadError> {
    if is_spreadsheet(bytes) {
        spreadsheet_rows(bytes)
    } else {
        csv_rows(bytes)
    }
}

/// Whether `bytes` start like a spreadsheet: a ZIP (XLSX, ODS) or an OLE file (XLS).
pub fn is_spreadsheet(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// The rows of the first sheet of a spreadsheet of any format calamine reads (see [`rows`]).
pub fn spreadsheet_rows(bytes: &[u8]) -> Result<Vec<Vec<String>>, ReadError> {
    sheet_rows(bytes, 0)
}

/// The rows of the sheet at `index` of a spreadsheet (see [`rows`]), padded so row and column
/// numbers are the sheet's (calamine's range starts at the first used cell).
///
/// An XLSX sheet is read cell by cell (calamine's cell reader, its fastest path): each cell's
/// text is made once from the value as parsed, without the dense range of owned values in
/// between (a 100,000-row labels file is 600,000 cells). Other formats go through the range.
pub fn sheet_rows(bytes: &[u8], index: usize) -> Result<Vec<Vec<String>>, ReadError> {
    match book(bytes)? {
        Sheets::Xlsx(mut xlsx) => xlsx_rows(&mut xlsx, index),
        mut other => range_rows(&mut other, index),
    }
}

/// [`sheet_rows`] through calamine's range (any format).
fn range_rows<RS, R>(book: &mut R, index: usize) -> Result<Vec<Vec<String>>, ReadError>
where
    RS: std::io::Read + std::io::Seek,
    R: Reader<RS>,
    R::Error: std::fmt::Display,
{
    let range =
        book.worksheet_range_at(index).ok_or(ReadError::NoSheet)?.map_err(|e| ReadError::Xlsx(e.to_string()))?;
    let (top, left) = range.start().map(|(r, c)| (r as usize, c as usize)).unwrap_or((0, 0));
    let mut out = vec![Vec::new(); top];
    for row in range.rows() {
        let mut cells = vec![String::new(); left];
        cells.extend(row.iter().map(cell_text));
        out.push(cells);
    }
    Ok(out)
}

/// [`sheet_rows`] of an XLSX sheet, cell by cell: the same rows as [`range_rows`] (the rows
/// from the first row holding a value to the last, each as wide as the widest, empty cells "").
fn xlsx_rows<RS: std::io::Read + std::io::Seek>(
    xlsx: &mut Xlsx<RS>,
    index: usize,
) -> Result<Vec<Vec<String>>, ReadError> {
    let name = xlsx.sheet_names().get(index).cloned().ok_or(ReadError::NoSheet)?;
    let mut reader = xlsx.worksheet_cells_reader(&name).map_err(|e| ReadError::Xlsx(e.to_string()))?;
    // (row, column, text) of every cell holding a value, in the sheet's order (row by row).
    let mut cells: Vec<(u32, u32, String)> = Vec::new();
    let (mut first_row, mut last_row, mut width) = (u32::MAX, 0, 0);
    while let Some(cell) = reader.next_cell().map_err(|e| ReadError::Xlsx(e.to_string()))? {
        let value = cell.get_value();
        if *value == DataRef::Empty {
            continue;
        }
        let (row, column) = cell.get_position();
        first_row = first_row.min(row);
        last_row = last_row.max(row);
        width = width.max(column as usize + 1);
        cells.push((row, column, ref_text(value)));
    }
    if cells.is_empty() {
        return Ok(Vec::new());
    }
    let mut out = vec![Vec::new(); first_row as usize];
    out.extend((first_row..=last_row).map(|_| vec![String::new(); width]));
    for (row, column, text) in cells {
        out[row as usize][column as usize] = text;
    }
    Ok(out)
}

/// A cell's text as [`cell_text`] gives it, from the value as the cell reader parsed it.
fn ref_text(value: &DataRef<'_>) -> String {
    match value {
        DataRef::String(s) => s.trim().to_string(),
        DataRef::SharedString(s) => s.trim().to_string(),
        other => cell_text(&Data::from(other.clone())),
    }
}

/// The sheet names of a spreadsheet, in order.
pub fn sheet_names(bytes: &[u8]) -> Result<Vec<String>, ReadError> {
    Ok(book(bytes)?.sheet_names())
}

fn book(bytes: &[u8]) -> Result<Sheets<Cursor<&[u8]>>, ReadError> {
    calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| ReadError::Xlsx(e.to_string()))
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        // A whole number stored as a float (a phone number, an amount in whole tenge) reads as
        // its digits; anything else as Rust prints it (`1234.5`), which the caller parses.
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => d.as_datetime().map(|t| t.to_string()).unwrap_or_else(|| d.to_string()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(_) => String::new(),
    }
}

/// The rows of a CSV file (see [`rows`]).
pub fn csv_rows(bytes: &[u8]) -> Result<Vec<Vec<String>>, ReadError> {
    let text = decode(bytes);
    let first_line = text.lines().next().unwrap_or("");
    let delimiter =
        [b';', b',', b'\t'].into_iter().max_by_key(|d| first_line.bytes().filter(|b| b == d).count()).unwrap_or(b',');
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes());
    let mut out = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| ReadError::Csv {
            line: e.position().map(|p| p.line()).unwrap_or(out.len() as u64 + 1),
            message: e.to_string(),
        })?;
        out.push(record.iter().map(|c| c.trim().to_string()).collect());
    }
    Ok(out)
}

/// The text of a CSV file: UTF-8 (its BOM dropped), else Windows-1251.
fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => encoding_rs::WINDOWS_1251.decode_without_bom_handling(bytes).0.into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_is_split_on_what_its_first_line_uses_and_quotes_are_honoured() {
        let semi = "\u{feff}Номер;Сотрудник\r\n+7 701 211 55 26;\"Иванов; И.\"\r\n";
        assert_eq!(csv_rows(semi.as_bytes()).unwrap()[1], ["+7 701 211 55 26", "Иванов; И."]);
        let comma = "number,employee\n87012115526,\"Smith, J\"\n";
        assert_eq!(csv_rows(comma.as_bytes()).unwrap()[1], ["87012115526", "Smith, J"]);
        let tab = "number\temployee\n7012115526\tA\n";
        assert_eq!(csv_rows(tab.as_bytes()).unwrap()[1], ["7012115526", "A"]);
    }

    #[test]
    fn windows_1251_csv_reads_as_cyrillic() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode("Номер;Отдел\n77012115526;Бухгалтерия\n");
        assert_eq!(csv_rows(&bytes).unwrap()[1], ["77012115526", "Бухгалтерия"]);
    }

    #[test]
    fn an_unterminated_quote_is_an_error_not_a_lost_row() {
        // The csv crate reads an unterminated quote to the end of the file: the row is one cell
        // holding the rest, which the caller then refuses by its column count, never drops.
        let rows = csv_rows(b"a;b\n\"x;y\n1;2\n").unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].len(), 1);
    }

    #[test]
    fn an_xlsx_reads_numbers_as_digits_and_keeps_row_numbers() {
        use crate::{xlsx, Cell, Column, ColumnKind, Language, Table, Title};
        let table = Table {
            sheet: "t".into(),
            title: Title {
                what: "t".into(),
                company: None,
                bin: None,
                number: None,
                period: None,
                generated_at: chrono::NaiveDate::from_ymd_opt(2026, 12, 6).unwrap().and_hms_opt(12, 0, 0).unwrap(),
                lang: Language::Ru,
                notes: vec![],
            },
            columns: vec![Column::new("Номер", ColumnKind::Text), Column::new("Сумма", ColumnKind::Integer)],
            rows: vec![vec![Cell::Text("77012115526".into()), Cell::Integer(77012115526)]],
            totals: None,
        };
        let bytes = xlsx(&table).unwrap();
        let rows = rows(&bytes).unwrap();
        let data = rows.iter().find(|r| r.first().is_some_and(|c| c == "77012115526")).expect("the data row");
        assert_eq!(data[1], "77012115526");
    }

    #[test]
    fn the_cell_reader_gives_the_rows_the_range_gives() {
        let mut workbook = rust_xlsxwriter::Workbook::new();
        let sheet = workbook.add_worksheet();
        sheet.write_string(2, 1, "Номер").unwrap();
        sheet.write_string(2, 3, "  Отдел ").unwrap();
        sheet.write_number(3, 1, 77012115526.0).unwrap();
        sheet.write_number(3, 2, 12.5).unwrap();
        sheet.write_boolean(3, 4, true).unwrap();
        sheet.write_string(5, 6, "   ").unwrap();
        sheet.write_string(6, 2, "x").unwrap();
        let bytes = workbook.save_to_buffer().unwrap();
        let fast = sheet_rows(&bytes, 0).unwrap();
        let mut auto = book(&bytes).unwrap();
        assert_eq!(fast, range_rows(&mut auto, 0).unwrap());
        assert_eq!(fast.len(), 7);
        assert_eq!(fast[3][1..5], ["77012115526", "12.5", "", "true"]);
        assert_eq!(fast[2][3], "Отдел");
    }

    #[test]
    fn a_zip_that_is_not_a_workbook_is_refused() {
        assert!(matches!(rows(b"PK\x03\x04not really"), Err(ReadError::Xlsx(_))));
    }
}
