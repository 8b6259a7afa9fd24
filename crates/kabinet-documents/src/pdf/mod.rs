//! Documents as PDF (krilla): any report [`Table`], the service delivery certificate (form Р-1
//! with Appendix 1) and the reconciliation statement.
//!
//! A4 with margins, the bundled DejaVu Sans (Cyrillic, Kazakh letters, `₸`) embedded as a subset,
//! real text (selectable and extractable), table cells wrapped, tables breaking across pages
//! with the header row repeated, "Страница N из M" on every page, money right-aligned as
//! `1 234 567,89 ₸` and dates as `dd.mm.yyyy`. No I/O and no clock: bytes out, and the same
//! input gives the same text.

pub(crate) mod certificate;
mod layout;
pub(crate) mod reconciliation;
pub mod text;

use crate::table::{Cell, ColumnKind, Table};
use crate::Language;
use crate::{Certificate, Reconciliation};
use layout::{Align, Doc, Grid, GridColumn, GridRow, Orientation};
use text::{Fonts, Style};

/// The font size of table cells and of the title block.
const BODY: f32 = 8.0;
const TITLE: f32 = 12.0;
/// The widest a column's content makes it before its text wraps, in points.
const MAX_NATURAL: f32 = 220.0;
/// The narrowest a text column is squeezed to when the columns do not fit.
const MIN_TEXT: f32 = 40.0;

/// A report table as a PDF: the title block's lines (the first in bold), then the table with
/// its totals row in bold; landscape A4 when the columns do not fit a portrait page. The labels
/// ("Page 1 of 3") follow the title's language.
pub fn table(table: &Table) -> crate::Result<Vec<u8>> {
    table.check()?;
    let fonts = Fonts::new()?;
    let (orientation, widths) = column_widths(&fonts, table);
    let mut doc = Doc::new(&fonts, orientation);
    let lines = table.title.lines();
    for (i, line) in lines.iter().enumerate() {
        if i == 0 {
            doc.paragraph(line, Style::Bold, TITLE, Align::Left);
            doc.space(2.0);
        } else {
            doc.paragraph(line, Style::Regular, 9.0, Align::Left);
        }
    }
    doc.space(8.0);
    let columns = table
        .columns
        .iter()
        .zip(widths)
        .map(|(c, width)| GridColumn { header: c.header.clone(), width, align: align(c.kind) })
        .collect();
    let row = |cells: &[Cell], bold| GridRow { cells: cells.iter().map(shown).collect(), bold };
    let rows = table.rows.iter().map(|r| row(r, false)).chain(table.totals.iter().map(|r| row(r, true))).collect();
    doc.grid(&Grid { columns, groups: Vec::new(), rows, size: BODY, keep_with_last: None });
    doc.render(table.title.lang, &table.title.what)
}

/// The service delivery certificate (form Р-1) and its Appendix 1 by number, in Russian.
/// Refuses a certificate whose figures disagree ([`Certificate::check`]).
pub fn certificate(certificate: &Certificate) -> crate::Result<Vec<u8>> {
    certificate.check()?;
    certificate::render(certificate)
}

/// The reconciliation statement, in Russian, both halves side by side on landscape A4.
/// Refuses one whose figures disagree ([`Reconciliation::check`]).
pub fn reconciliation(reconciliation: &Reconciliation) -> crate::Result<Vec<u8>> {
    reconciliation.check()?;
    reconciliation::render(reconciliation)
}

/// "Страница 1 из 3" / "Page 1 of 3".
pub fn page_label(lang: Language, n: usize, m: usize) -> String {
    match lang {
        Language::Ru => format!("Страница {n} из {m}"),
        Language::En => format!("Page {n} of {m}"),
        Language::Kk => format!("{m} беттің {n}-беті"),
    }
}

/// A cell as the PDF prints it.
fn shown(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(s) => s.clone(),
        Cell::Integer(n) => text::integer(*n),
        Cell::Decimal(x) => text::decimal(*x),
        Cell::Money(tiyn) => text::money(*tiyn),
        Cell::Date(d) => text::date(*d),
        Cell::DateTime(t) => t.format("%d.%m.%Y %H:%M:%S").to_string(),
    }
}

fn align(kind: ColumnKind) -> Align {
    match kind {
        ColumnKind::Text => Align::Left,
        ColumnKind::Date | ColumnKind::DateTime => Align::Center,
        ColumnKind::Integer | ColumnKind::Decimal | ColumnKind::Money => Align::Right,
    }
}

/// The page's orientation and each column's width in points: each column as wide as its
/// widest cell (up to [`MAX_NATURAL`]) and its header's longest word; portrait when that fits,
/// else landscape; then stretched or squeezed to the page's width, squeezing text columns
/// first (their text wraps) and numbers and dates only when that is not enough.
fn column_widths(fonts: &Fonts, table: &Table) -> (Orientation, Vec<f32>) {
    let pad = 8.0;
    let mut natural: Vec<f32> = table
        .columns
        .iter()
        .map(|c| {
            let words = c.header.split_whitespace().map(|w| fonts.width(Style::Bold, BODY, w)).fold(0.0, f32::max);
            let hint = c.width.map_or(0.0, |w| w as f32 * BODY * 0.55);
            words.max(hint)
        })
        .collect();
    for (row, bold) in table.rows.iter().map(|r| (r, false)).chain(table.totals.iter().map(|r| (r, true))) {
        let style = if bold { Style::Bold } else { Style::Regular };
        for (width, cell) in natural.iter_mut().zip(row) {
            *width = width.max(fonts.width(style, BODY, &shown(cell)).min(MAX_NATURAL));
        }
    }
    let natural: Vec<f32> = natural.into_iter().map(|w| w + pad).collect();
    let total: f32 = natural.iter().sum();
    let orientation =
        if total <= Orientation::Portrait.content_width() { Orientation::Portrait } else { Orientation::Landscape };
    let available = orientation.content_width();
    if total <= available {
        return (orientation, natural.iter().map(|w| w * available / total).collect());
    }
    let is_text = |i: usize| table.columns[i].kind == ColumnKind::Text;
    let fixed: f32 = natural.iter().enumerate().filter(|(i, _)| !is_text(*i)).map(|(_, w)| w).sum();
    let flexible = total - fixed;
    let mut widths = natural.clone();
    if flexible > 0.0 && available > fixed {
        let factor = (available - fixed) / flexible;
        for (i, w) in widths.iter_mut().enumerate() {
            if is_text(i) {
                *w = (*w * factor).max(MIN_TEXT.min(*w));
            }
        }
    }
    let sum: f32 = widths.iter().sum();
    if sum > available {
        widths.iter_mut().for_each(|w| *w *= available / sum);
    }
    (orientation, widths)
}
