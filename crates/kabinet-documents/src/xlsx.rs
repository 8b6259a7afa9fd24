//! A [`Table`] as an XLSX workbook of one sheet, or several tables as a sheet each
//! (rust_xlsxwriter, in memory).

use crate::table::{tenge, Cell, ColumnKind, Table};
use rust_xlsxwriter::{Format, FormatBorder, Workbook, Worksheet};

/// Money: tenge with grouping, two decimals and the sign.
pub const MONEY_FORMAT: &str = "#,##0.00 \"₸\"";
/// A day.
pub const DATE_FORMAT: &str = "dd.mm.yyyy";
/// A moment (Kazakhstan time).
pub const DATE_TIME_FORMAT: &str = "dd.mm.yyyy hh:mm:ss";
const DECIMAL_FORMAT: &str = "#,##0.00";
/// The deflate level of the workbook's parts (1 fastest … 9).
const ZIP_LEVEL: u8 = 1;

/// The widest a column is made, in characters; longer text is cut off on screen (not in the cell).
const MAX_WIDTH: f64 = 60.0;
/// The widest a header makes its column; a longer header wraps onto more lines.
const MAX_HEADER_WIDTH: usize = 24;

struct Formats {
    title: Format,
    header: Format,
    /// The cells' formats, plain and bold (the totals and the forms' closing rows: their
    /// amounts as bold as their labels).
    plain: CellFormats,
    bold: CellFormats,
}

struct CellFormats {
    text: Format,
    money: Format,
    decimal: Format,
    date: Format,
    date_time: Format,
}

impl CellFormats {
    fn new(base: impl Fn() -> Format) -> Self {
        Self {
            text: base(),
            money: base().set_num_format(MONEY_FORMAT),
            decimal: base().set_num_format(DECIMAL_FORMAT),
            date: base().set_num_format(DATE_FORMAT),
            date_time: base().set_num_format(DATE_TIME_FORMAT),
        }
    }
}

impl Formats {
    fn new() -> Self {
        Self {
            title: Format::new().set_bold().set_font_size(14),
            header: Format::new().set_bold().set_text_wrap().set_border_bottom(FormatBorder::Thin),
            plain: CellFormats::new(Format::new),
            bold: CellFormats::new(|| Format::new().set_bold()),
        }
    }
}

/// Renders `table` as an XLSX file's bytes: the title block from row 1, an empty row, the bold
/// header frozen below the title with an autofilter over the data, the data, then (after an empty
/// row) the totals in bold. Column widths fit the hints, the headers (wrapped past
/// 24 characters) and the content.
pub fn xlsx(table: &Table) -> crate::Result<Vec<u8>> {
    xlsx_book(std::slice::from_ref(table))
}

/// Several tables as one workbook, a sheet each (named by [`Table::sheet`]), each laid out as
/// [`xlsx`] lays out its one.
pub fn xlsx_book(tables: &[Table]) -> crate::Result<Vec<u8>> {
    let sheets: Vec<Sheet> = tables
        .iter()
        .map(|table| Sheet { table, title: table.title.lines(), footer: Vec::new(), lines: Vec::new() })
        .collect();
    book(&sheets)
}

/// A sheet as [`book`] writes it: the table, the title block's lines, rows in bold below the
/// totals (the accounting forms' НДС, Всего, conclusion), then, after an empty row, lines of
/// text (bold when marked: the total in words, the signature blocks).
pub(crate) struct Sheet<'a> {
    pub table: &'a Table,
    pub title: Vec<String>,
    pub footer: Vec<Vec<Cell>>,
    pub lines: Vec<(String, bool)>,
}

pub(crate) fn book(sheets: &[Sheet]) -> crate::Result<Vec<u8>> {
    if sheets.is_empty() {
        return Err(crate::Error::Table("a workbook needs at least one sheet".into()));
    }
    let formats = Formats::new();
    let mut book = Workbook::new();
    // Deflate at level 1: a large workbook's time is much of it compressing its sheets' XML at
    // the default level 6; level 1 (rust_xlsxwriter's performance guide: about half the save
    // time) gives a somewhat larger file (the 100,000-number list: 5.2 MB), see
    // `kabinet-core/benches/xlsx_export.rs`.
    book.set_zip_compression_level(ZIP_LEVEL);
    for sheet in sheets {
        sheet.table.check()?;
        // Rows go straight to a temporary file as they are written (rows are written in order),
        // so a 100,000-row list neither holds every cell in memory nor builds a shared-strings
        // table.
        let worksheet = book.add_worksheet_with_constant_memory()?;
        write_sheet(worksheet, sheet, &formats)?;
    }
    Ok(book.save_to_buffer()?)
}

/// Writes the sheet while another thread measures its columns' widths over every cell (tens of
/// milliseconds at 2.2M cells, a chargeback's), which are set last.
fn write_sheet(sheet: &mut Worksheet, spec: &Sheet, formats: &Formats) -> crate::Result<()> {
    std::thread::scope(|scope| {
        let widths = scope.spawn(|| column_widths(spec.table));
        write_cells(sheet, spec, formats)?;
        let widths = widths.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        for (col, width) in widths.into_iter().enumerate() {
            sheet.set_column_width(col as u16, width)?;
        }
        Ok(())
    })
}

fn write_cells(sheet: &mut Worksheet, spec: &Sheet, formats: &Formats) -> crate::Result<()> {
    let table = spec.table;
    sheet.set_name(&table.sheet)?;
    for (row, line) in spec.title.iter().enumerate() {
        if row == 0 {
            sheet.write_string_with_format(0, 0, line, &formats.title)?;
        } else {
            sheet.write_string(row as u32, 0, line)?;
        }
    }
    let header_row = spec.title.len() as u32 + 1;
    for (col, column) in table.columns.iter().enumerate() {
        sheet.write_string_with_format(header_row, col as u16, &column.header, &formats.header)?;
    }
    // A money, date or date-time column has its number format once, as the column's: its data
    // cells are written without a format of their own and take the column's (the cell's XML is
    // the same, `s` = the column's style), so no cell looks its format up (a hash of the whole
    // `Format` per cell, which the profile showed).
    for (col, column) in table.columns.iter().enumerate() {
        if let Some(format) = column_format(column.kind, &formats.plain) {
            sheet.set_column_format(col as u16, format)?;
        }
    }
    for (i, row) in table.rows.iter().enumerate() {
        write_data_row(sheet, header_row + 1 + i as u32, row, &formats.plain)?;
    }
    let last_data_row = header_row + table.rows.len() as u32;
    let mut next = last_data_row + 2;
    for cells in table.totals.iter().chain(&spec.footer) {
        write_row(sheet, next, cells, &formats.bold)?;
        next += 1;
    }
    for (i, (line, bold)) in spec.lines.iter().enumerate() {
        let format = if *bold { &formats.bold.text } else { &formats.plain.text };
        sheet.write_string_with_format(next + 1 + i as u32, 0, line, format)?;
    }
    let last_col = table.columns.len() as u16 - 1;
    sheet.set_freeze_panes(header_row + 1, 0)?;
    sheet.autofilter(header_row, 0, last_data_row, last_col)?;
    Ok(())
}

/// The format a column of `kind` gives its data cells: `None` for text and whole numbers (the
/// default format), and for decimals (a whole number in a decimal column keeps the default).
fn column_format(kind: ColumnKind, f: &CellFormats) -> Option<&Format> {
    match kind {
        ColumnKind::Money => Some(&f.money),
        ColumnKind::Date => Some(&f.date),
        ColumnKind::DateTime => Some(&f.date_time),
        ColumnKind::Text | ColumnKind::Integer | ColumnKind::Decimal => None,
    }
}

/// A data row: each cell in its column's format ([`column_format`]; `Table::check` holds that a
/// cell is of its column's kind), a decimal with the decimal format.
fn write_data_row(sheet: &mut Worksheet, row: u32, cells: &[Cell], f: &CellFormats) -> crate::Result<()> {
    for (col, cell) in cells.iter().enumerate() {
        let col = col as u16;
        match cell {
            Cell::Empty => continue,
            Cell::Text(s) => sheet.write_string(row, col, s.as_str())?,
            Cell::Integer(n) => sheet.write_number(row, col, *n as f64)?,
            Cell::Decimal(x) => sheet.write_number_with_format(row, col, *x, &f.decimal)?,
            Cell::Money(tiyn) => sheet.write_number(row, col, tenge(*tiyn))?,
            Cell::Date(d) => sheet.write_datetime(row, col, d)?,
            Cell::DateTime(t) => sheet.write_datetime(row, col, t)?,
        };
    }
    Ok(())
}

fn write_row(sheet: &mut Worksheet, row: u32, cells: &[Cell], f: &CellFormats) -> crate::Result<()> {
    for (col, cell) in cells.iter().enumerate() {
        let col = col as u16;
        match cell {
            Cell::Empty => continue,
            Cell::Text(s) => sheet.write_string_with_format(row, col, s, &f.text)?,
            Cell::Integer(n) => sheet.write_number_with_format(row, col, *n as f64, &f.text)?,
            Cell::Decimal(x) => sheet.write_number_with_format(row, col, *x, &f.decimal)?,
            Cell::Money(tiyn) => sheet.write_number_with_format(row, col, tenge(*tiyn), &f.money)?,
            Cell::Date(d) => sheet.write_datetime_with_format(row, col, d, &f.date)?,
            Cell::DateTime(t) => sheet.write_datetime_with_format(row, col, t, &f.date_time)?,
        };
    }
    Ok(())
}

/// Each column's width in characters: the most of its hint, its header (up to
/// [`MAX_HEADER_WIDTH`]) and its widest cell as shown, plus a margin, at most [`MAX_WIDTH`].
pub fn column_widths(table: &Table) -> Vec<f64> {
    let mut widths: Vec<usize> = table
        .columns
        .iter()
        .map(|c| {
            let header = c.header.chars().count().min(MAX_HEADER_WIDTH);
            let fixed = match c.kind {
                ColumnKind::Date => DATE_FORMAT.len(),
                ColumnKind::DateTime => DATE_TIME_FORMAT.len(),
                _ => 0,
            };
            header.max(fixed).max(c.width.unwrap_or(0.0).ceil() as usize)
        })
        .collect();
    for row in table.rows.iter().chain(&table.totals) {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(shown_len(cell));
        }
    }
    widths.into_iter().map(|w| (w as f64 + 2.0).min(MAX_WIDTH)).collect()
}

/// About how many characters a cell shows in its format.
fn shown_len(cell: &Cell) -> usize {
    fn grouped(digits: usize) -> usize {
        digits + digits.saturating_sub(1) / 3
    }
    fn digits(n: u64) -> usize {
        n.checked_ilog10().map_or(1, |d| d as usize + 1)
    }
    match cell {
        Cell::Empty | Cell::Date(_) | Cell::DateTime(_) => 0,
        Cell::Text(s) => s.chars().count(),
        Cell::Integer(n) => digits(n.unsigned_abs()) + usize::from(*n < 0),
        Cell::Decimal(x) => grouped(digits(x.abs().trunc() as u64)) + 3 + usize::from(*x < 0.0),
        // "-1,234.56 ₸"
        Cell::Money(t) => grouped(digits(t.unsigned_abs() / 100)) + 5 + usize::from(*t < 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_lengths_follow_the_formats() {
        assert_eq!(shown_len(&Cell::Money(847_690)), "8,476.90 ₸".chars().count());
        assert_eq!(shown_len(&Cell::Money(-50)), "-0.50 ₸".chars().count());
        assert_eq!(shown_len(&Cell::Money(12_345_678_900)), "123,456,789.00 ₸".chars().count());
        assert_eq!(shown_len(&Cell::Integer(-3600)), 5);
        assert_eq!(shown_len(&Cell::Integer(0)), 1);
        assert_eq!(shown_len(&Cell::Decimal(1234.5)), "1,234.50".len());
        assert_eq!(shown_len(&Cell::text("Кабинет")), 7);
    }
}
