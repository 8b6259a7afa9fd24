//! The table model every document renders from: a title block, typed columns, rows of typed
//! cells and an optional totals row.

use chrono::{NaiveDate, NaiveDateTime};
use kabinet_protocol::Language;

/// What a document is, whose and when: rendered as lines above the table.
#[derive(Debug, Clone, PartialEq)]
pub struct Title {
    /// What the document is ("List of numbers"), the first line, in bold.
    pub what: String,
    /// The company's name, when the caller knows it.
    pub company: Option<String>,
    /// The company's BIN, when the caller knows it.
    pub bin: Option<String>,
    /// The number a per-number report is about.
    pub number: Option<String>,
    /// First and last day, both included.
    pub period: Option<(NaiveDate, NaiveDate)>,
    /// When the document was made, Kazakhstan time (UTC+5).
    pub generated_at: NaiveDateTime,
    pub lang: Language,
    /// Lines the document states under the title block as they are (terms, what the data
    /// covers), already in the document's language; usually none.
    pub notes: Vec<String>,
}

impl Title {
    /// The title block's lines, in order: what, company, BIN, number, period, generated at (the
    /// ones the caller does not know left out), then the notes.
    pub fn lines(&self) -> Vec<String> {
        let lang = self.lang;
        let mut lines = vec![self.what.clone()];
        let mut push = |labels: [&str; 3], value: &str| {
            let label = match lang {
                Language::En => labels[0],
                Language::Ru => labels[1],
                Language::Kk => labels[2],
            };
            lines.push(format!("{label}: {value}"));
        };
        if let Some(company) = &self.company {
            push(["Company", "Компания", "Компания"], company);
        }
        if let Some(bin) = &self.bin {
            push(["BIN", "БИН", "БСН"], bin);
        }
        if let Some(number) = &self.number {
            push(["Number", "Номер", "Нөмір"], number);
        }
        if let Some((from, to)) = self.period {
            let period = format!("{} — {}", from.format("%d.%m.%Y"), to.format("%d.%m.%Y"));
            push(["Period", "Период", "Кезең"], &period);
        }
        let generated = format!("{} (UTC+5)", self.generated_at.format("%d.%m.%Y %H:%M:%S"));
        push(["Generated", "Сформирован", "Жасалған"], &generated);
        lines.extend(self.notes.iter().cloned());
        lines
    }
}

/// What a column holds; it decides the number format and which cells it accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// Text as it is (numbers the portal names, such as phone and account numbers, are text).
    Text,
    /// Whole numbers.
    Integer,
    /// Numbers with two decimals (megabytes); whole numbers are accepted too.
    Decimal,
    /// Money: cells in integer tiyn, shown as tenge with the `₸` format.
    Money,
    /// A day, as an Excel date (`dd.mm.yyyy`).
    Date,
    /// A moment, Kazakhstan time, as an Excel date-time (`dd.mm.yyyy hh:mm:ss`).
    DateTime,
}

/// A column: its header, its kind and a width hint (the least width in characters; the
/// renderer widens it to fit the header and the content).
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub header: String,
    pub kind: ColumnKind,
    pub width: Option<f64>,
}

impl Column {
    pub fn new(header: impl Into<String>, kind: ColumnKind) -> Self {
        Self { header: header.into(), kind, width: None }
    }

    pub fn with_width(mut self, width: f64) -> Self {
        self.width = Some(width);
        self
    }
}

/// One cell's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Integer(i64),
    Decimal(f64),
    /// Integer tiyn (1/100 of a tenge).
    Money(i64),
    Date(NaiveDate),
    DateTime(NaiveDateTime),
}

impl Cell {
    pub fn text(value: impl Into<String>) -> Self {
        Cell::Text(value.into())
    }

    /// Whether a data cell fits a column of `kind`. The totals row may also put a text label in
    /// any column.
    pub(crate) fn fits(&self, kind: ColumnKind) -> bool {
        matches!(
            (self, kind),
            (Cell::Empty, _)
                | (Cell::Text(_), ColumnKind::Text)
                | (Cell::Integer(_), ColumnKind::Integer | ColumnKind::Decimal)
                | (Cell::Decimal(_), ColumnKind::Decimal)
                | (Cell::Money(_), ColumnKind::Money)
                | (Cell::Date(_), ColumnKind::Date)
                | (Cell::DateTime(_), ColumnKind::DateTime)
        )
    }
}

/// A document's one table.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The sheet's name (at most 31 characters, none of `[]:*?/\`).
    pub sheet: String,
    pub title: Title,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
    /// A totals row below the data, outside the filter.
    pub totals: Option<Vec<Cell>>,
}

impl Table {
    /// Checks that every row fits the columns: no more cells than columns, each of its column's
    /// kind (the totals row may also hold text labels anywhere).
    pub fn check(&self) -> crate::Result<()> {
        if self.columns.is_empty() {
            return Err(crate::Error::Table("a table needs at least one column".into()));
        }
        let rows = self.rows.iter().enumerate().map(|(i, r)| (format!("row {}", i + 1), r, false));
        for (name, row, totals) in rows.chain(self.totals.iter().map(|r| ("the totals row".to_string(), r, true))) {
            if row.len() > self.columns.len() {
                return Err(crate::Error::Table(format!(
                    "{name} has {} cells for {} columns",
                    row.len(),
                    self.columns.len()
                )));
            }
            for (cell, column) in row.iter().zip(&self.columns) {
                if !(cell.fits(column.kind) || totals && matches!(cell, Cell::Text(_))) {
                    return Err(crate::Error::Table(format!(
                        "{name}: {cell:?} in the {:?} column {:?}",
                        column.kind, column.header
                    )));
                }
            }
        }
        Ok(())
    }
}

/// Tiyn as tenge for a spreadsheet cell. Both integers are exact in `f64` up to 2^53 tiyn (90
/// trillion tenge), and the division is correctly rounded, so the result is the double nearest
/// to the exact amount: it shows and sums to the cent.
pub fn tenge(tiyn: i64) -> f64 {
    tiyn as f64 / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn title(lang: Language) -> Title {
        Title {
            what: "List of numbers".into(),
            company: Some("ТОО Кабинет".into()),
            bin: None,
            number: None,
            period: Some((NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(), NaiveDate::from_ymd_opt(2026, 3, 31).unwrap())),
            generated_at: NaiveDate::from_ymd_opt(2026, 4, 2).unwrap().and_hms_opt(0, 30, 5).unwrap(),
            lang,
            notes: Vec::new(),
        }
    }

    #[test]
    fn title_lines_leave_out_what_is_unknown() {
        assert_eq!(
            title(Language::En).lines(),
            [
                "List of numbers",
                "Company: ТОО Кабинет",
                "Period: 01.03.2026 — 31.03.2026",
                "Generated: 02.04.2026 00:30:05 (UTC+5)"
            ]
        );
        let mut ru = title(Language::Ru);
        ru.bin = Some("123456789012".into());
        ru.number = Some("77010542007".into());
        ru.period = None;
        ru.notes = vec!["Пакет: 950 ₸ в сутки".into()];
        assert_eq!(
            ru.lines()[1..],
            [
                "Компания: ТОО Кабинет",
                "БИН: 123456789012",
                "Номер: 77010542007",
                "Сформирован: 02.04.2026 00:30:05 (UTC+5)",
                "Пакет: 950 ₸ в сутки"
            ]
        );
    }

    #[test]
    fn tenge_is_exact_to_the_cent() {
        for tiyn in [0, 1, -1, 5, 10, 99, -50, 847_690, 123_456_789_012_345, (1 << 53) - 1, -(1 << 53) + 1] {
            let shown = format!("{:.2}", tenge(tiyn));
            let sign = if tiyn < 0 { "-" } else { "" };
            let abs = tiyn.unsigned_abs();
            assert_eq!(shown, format!("{sign}{}.{:02}", abs / 100, abs % 100), "{tiyn}");
        }
    }

    #[test]
    fn cells_must_fit_their_column() {
        let mut table = Table {
            sheet: "S".into(),
            title: title(Language::En),
            columns: vec![Column::new("Amount", ColumnKind::Money), Column::new("Qty", ColumnKind::Decimal)],
            rows: vec![vec![Cell::Money(1), Cell::Integer(2)], vec![Cell::Empty, Cell::Decimal(0.5)]],
            totals: Some(vec![Cell::text("Total"), Cell::Decimal(2.5)]),
        };
        table.check().unwrap();
        table.rows.push(vec![Cell::Integer(100)]);
        assert!(table.check().unwrap_err().to_string().contains("row 3"));
        table.rows.pop();
        table.rows.push(vec![Cell::Empty, Cell::Empty, Cell::Empty]);
        assert!(table.check().unwrap_err().to_string().contains("3 cells for 2 columns"));
        table.rows.pop();
        table.columns.clear();
        assert!(table.check().is_err());
    }
}
