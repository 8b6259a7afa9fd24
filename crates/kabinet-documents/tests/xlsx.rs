//! Golden test of the XLSX renderer: a table with every kind of column, read back with calamine
//! (cells and their types) and from the sheet's XML (frozen pane, autofilter, formats, widths).

use chrono::NaiveDate;
use kabinet_documents::inspect::{Inspected, Value};
use kabinet_documents::{
    xlsx, Cell, Column, ColumnKind, Language, Table, Title, DATE_FORMAT, DATE_TIME_FORMAT, MONEY_FORMAT,
};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
}

fn table() -> Table {
    Table {
        sheet: "Платежи".into(),
        title: Title {
            what: "Отчёт по платежам".into(),
            company: Some("ТОО «Кабинет»".into()),
            bin: Some("123456789012".into()),
            number: Some("77010542007".into()),
            period: Some((day(1), day(31))),
            generated_at: day(2).and_hms_opt(0, 30, 5).unwrap(),
            lang: Language::Ru,
            notes: Vec::new(),
        },
        columns: vec![
            Column::new("Номер", ColumnKind::Text),
            Column::new("Количество", ColumnKind::Integer),
            Column::new("МБ", ColumnKind::Decimal),
            Column::new("Сумма, ₸", ColumnKind::Money).with_width(14.0),
            Column::new("Дата", ColumnKind::Date),
            Column::new("Дата и время (UTC+5)", ColumnKind::DateTime),
        ],
        rows: vec![
            vec![
                Cell::text("77010542007"),
                Cell::Integer(3600),
                Cell::Decimal(1.5),
                Cell::Money(847_690),
                Cell::Date(day(5)),
                Cell::DateTime(day(5).and_hms_opt(13, 45, 10).unwrap()),
            ],
            vec![
                Cell::text("77010000001 — очень длинное название, которое не должно растягивать столбец бесконечно"),
                Cell::Empty,
                Cell::Integer(2),
                Cell::Money(-50),
            ],
        ],
        totals: Some(vec![Cell::text("Итого"), Cell::Empty, Cell::Empty, Cell::Money(847_640)]),
    }
}

#[test]
fn title_header_cells_and_types_read_back() {
    let x = Inspected::read(&xlsx(&table()).unwrap());
    assert_eq!(x.sheet_name, "Платежи");
    // The title block, its first line bold.
    let title: Vec<_> = (0..6).map(|r| x.text(r, 0)).collect();
    assert_eq!(
        title,
        [
            "Отчёт по платежам",
            "Компания: ТОО «Кабинет»",
            "БИН: 123456789012",
            "Номер: 77010542007",
            "Период: 01.03.2026 — 31.03.2026",
            "Сформирован: 02.03.2026 00:30:05 (UTC+5)",
        ]
    );
    assert!(x.bold(0, 0));
    assert_eq!(x.value(6, 0), Value::Empty, "an empty row between the title and the header");
    // The header, bold.
    let header: Vec<_> = (0..6).map(|c| x.text(7, c)).collect();
    assert_eq!(header, ["Номер", "Количество", "МБ", "Сумма, ₸", "Дата", "Дата и время (UTC+5)"]);
    assert!((0..6).all(|c| x.bold(7, c)));
    // The data: text stays text (a phone number is not a number), numbers are numbers, money is
    // tenge with the ₸ format, dates are dates.
    assert_eq!(x.text(8, 0), "77010542007");
    assert_eq!(x.number(8, 1), 3600.0);
    assert_eq!(x.number(8, 2), 1.5);
    assert_eq!(x.number_format(8, 2), "#,##0.00");
    assert_eq!(x.number(8, 3), 8476.9);
    assert_eq!(x.number_format(8, 3), MONEY_FORMAT);
    assert_eq!(MONEY_FORMAT, "#,##0.00 \"₸\"");
    assert_eq!(x.datetime(8, 4), day(5).and_hms_opt(0, 0, 0).unwrap());
    assert_eq!(x.number_format(8, 4), DATE_FORMAT);
    assert_eq!(x.datetime(8, 5), day(5).and_hms_opt(13, 45, 10).unwrap());
    assert_eq!(x.number_format(8, 5), DATE_TIME_FORMAT);
    assert!(!x.bold(8, 0));
    assert_eq!(x.value(9, 1), Value::Empty);
    assert_eq!(x.number(9, 2), 2.0, "a whole number in a decimal column");
    assert_eq!(x.number(9, 3), -0.5);
    // The totals after an empty row, the label bold.
    assert_eq!(x.value(10, 0), Value::Empty);
    assert_eq!(x.text(11, 0), "Итого");
    assert!(x.bold(11, 0));
    assert_eq!(x.number(11, 3), 8476.4);
    assert_eq!(x.number_format(11, 3), MONEY_FORMAT);
    assert_eq!(x.last_row(), 11);
}

#[test]
fn header_is_frozen_and_filters_the_data_only() {
    let x = Inspected::read(&xlsx(&table()).unwrap());
    assert_eq!(x.frozen_rows(), Some(8), "title (6) + empty row + header");
    assert_eq!(x.autofilter().as_deref(), Some("A8:F10"), "header and data, not the totals");

    let mut empty = table();
    empty.rows.clear();
    empty.totals = None;
    empty.title.company = None;
    empty.title.bin = None;
    let x = Inspected::read(&xlsx(&empty).unwrap());
    assert_eq!(x.frozen_rows(), Some(6));
    assert_eq!(x.autofilter().as_deref(), Some("A6:F6"), "an empty table still has its filter on the header");
}

#[test]
fn widths_fit_hints_headers_and_content_within_bounds() {
    let x = Inspected::read(&xlsx(&table()).unwrap());
    let width = |c| x.column_width(c).unwrap_or_else(|| panic!("column {c} has a width"));
    // Text: its longest cell, capped.
    assert!(width(0) >= 59.0 && width(0) <= 61.0, "{}", width(0));
    // A header wider than its numbers sets the width.
    assert!(width(1) >= 11.0 && width(1) < 14.0, "{}", width(1));
    // The hint is the least.
    assert!(width(3) >= 14.0, "{}", width(3));
    // Dates fit their format.
    assert!(width(4) >= 10.0 && width(4) < 14.0, "{}", width(4));
    assert!(width(5) >= 20.0 && width(5) < 25.0, "{}", width(5));
}

#[test]
fn english_title_and_a_malformed_table_is_refused() {
    let mut t = table();
    t.title.lang = Language::En;
    t.title.what = "Payments report".into();
    let x = Inspected::read(&xlsx(&t).unwrap());
    assert_eq!(x.text(1, 0), "Company: ТОО «Кабинет»");
    assert_eq!(x.text(2, 0), "BIN: 123456789012");
    assert_eq!(x.text(5, 0), "Generated: 02.03.2026 00:30:05 (UTC+5)");

    t.rows[0][3] = Cell::Integer(847_690);
    let err = xlsx(&t).unwrap_err().to_string();
    assert!(err.contains("row 1") && err.contains("Money"), "{err}");
}
