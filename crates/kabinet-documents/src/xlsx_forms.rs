//! The accounting forms as workbooks, through the same sheet writer as every table
//! ([`crate::xlsx`]): the title block's rows, the bold frozen header with its autofilter, money
//! in the `₸` format, dates as dates; the forms' closing rows (Итого, НДС, Всего; turnovers,
//! closing balance, conclusion) in bold below the data, labels and amounts; then the closing
//! lines (the certificate's total in words, stocks and attachments) and both signature blocks
//! with the stamp's place. The wording is the PDF's (the same functions).

use crate::pdf::{certificate as cert, reconciliation as rec};
use crate::table::{Cell, Column, ColumnKind, Table, Title};
use crate::xlsx::{book, Sheet};
use crate::Language;
use crate::{Certificate, Reconciliation};
use chrono::NaiveDateTime;

/// The sheets' names.
pub const CERTIFICATE_SHEET: &str = "Акт";
pub const APPENDIX_SHEET: &str = "Приложение 1";
pub const RECONCILIATION_SHEET: &str = "Акт сверки";

/// Appendix 1's words that an imported breakdown is recognised by (`kabinet-core`'s
/// `spend::import`): its title (`Приложение 1 к акту № … от dd.mm.yyyy`), the account line
/// (`… лицевой счёт 25060854, без НДС`), the number and tariff columns and the totals row.
pub const APPENDIX_TITLE: &str = "Приложение 1 к акту №";
pub const APPENDIX_ACCOUNT: &str = "лицевой счёт";
pub const APPENDIX_NUMBER: &str = "Абонентский номер";
pub const APPENDIX_TARIFF: &str = "Тариф";
pub const APPENDIX_TOTAL: &str = "Итого";

fn generated(at: NaiveDateTime) -> String {
    format!("Сформирован: {} (UTC+5)", at.format("%d.%m.%Y %H:%M:%S"))
}

fn title(what: String, c: &Certificate) -> Title {
    Title {
        what,
        company: Some(c.customer.name.clone()),
        bin: Some(c.customer.bin.clone()),
        number: None,
        period: Some(c.period),
        generated_at: c.generated_at,
        lang: Language::Ru,
        notes: Vec::new(),
    }
}

/// Form Р-1 as a workbook: the sheet "Акт" (the service lines, then Итого, НДС, Всего с НДС)
/// and the sheet "Приложение 1" (one row per number, its amount per service, Итого).
/// Refuses a certificate whose figures disagree.
pub fn certificate_xlsx(c: &Certificate) -> crate::Result<Vec<u8>> {
    c.check()?;
    let money = |header: &str| Column::new(header, ColumnKind::Money);
    let act = Table {
        sheet: CERTIFICATE_SHEET.into(),
        title: title(cert::title(c), c),
        columns: vec![
            Column::new("№ п/п", ColumnKind::Integer),
            Column::new("Наименование работ (услуг)", ColumnKind::Text).with_width(40.0),
            Column::new("Дата выполнения работ (оказания услуг)", ColumnKind::Date),
            Column::new("Сведения об отчёте", ColumnKind::Text),
            Column::new("Единица измерения", ColumnKind::Text),
            Column::new("Количество", ColumnKind::Integer),
            money("Цена за единицу"),
            money("Стоимость"),
        ],
        rows: c
            .lines
            .iter()
            .enumerate()
            .map(|(i, l)| {
                vec![
                    Cell::Integer(i as i64 + 1),
                    Cell::text(&l.service),
                    Cell::Date(c.period.1),
                    Cell::text("—"),
                    Cell::text(&l.unit),
                    Cell::Integer(l.quantity),
                    Cell::Money(l.price),
                    Cell::Money(l.amount),
                ]
            })
            .collect(),
        totals: Some(closing_row("Итого", c.net)),
    };
    let mut act_title = vec![cert::title(c), cert::FORM_REFERENCE.join(" ")];
    act_title.extend(cert::parties(c));
    act_title.push(generated(c.generated_at));

    let mut columns = vec![
        Column::new("№ п/п", ColumnKind::Integer),
        Column::new(APPENDIX_NUMBER, ColumnKind::Text),
        Column::new(APPENDIX_TARIFF, ColumnKind::Text),
    ];
    columns.extend(c.appendix_columns.iter().map(|name| money(name)));
    columns.push(money(APPENDIX_TOTAL));
    let sums = (0..c.appendix_columns.len()).map(|i| Cell::Money(c.appendix.iter().map(|l| l.amounts[i]).sum()));
    let appendix = Table {
        sheet: APPENDIX_SHEET.into(),
        title: title(format!("Приложение 1 к акту № {}", c.number), c),
        columns,
        rows: c
            .appendix
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let mut row = vec![Cell::Integer(i as i64 + 1), Cell::text(&l.msisdn), Cell::text(&l.tariff)];
                row.extend(l.amounts.iter().map(|a| Cell::Money(*a)));
                row.push(Cell::Money(l.total));
                row
            })
            .collect(),
        totals: Some(
            [Cell::Empty, Cell::text(APPENDIX_TOTAL), Cell::Empty]
                .into_iter()
                .chain(sums)
                .chain([Cell::Money(c.net)])
                .collect(),
        ),
    };
    let appendix_title = vec![
        format!("{APPENDIX_TITLE} {} от {}", c.number, c.date.format("%d.%m.%Y")),
        format!("Расшифровка стоимости услуг по абонентским номерам, {APPENDIX_ACCOUNT} {}, без НДС", c.account),
        generated(c.generated_at),
    ];
    book(&[
        Sheet {
            table: &act,
            title: act_title,
            footer: vec![closing_row(&cert::vat_label(c), c.vat), closing_row("Всего с НДС", c.total)],
            lines: certificate_closing(c),
        },
        Sheet { table: &appendix, title: appendix_title, footer: Vec::new(), lines: Vec::new() },
    ])
}

/// The lines below the certificate's totals, worded as in the PDF: the total in words, the
/// customer's stocks, the attached documentation, and both signature blocks (position,
/// signature and its transcript, date, М.П.).
fn certificate_closing(c: &Certificate) -> Vec<(String, bool)> {
    let mut lines =
        vec![(cert::total_in_words(c), true), (cert::STOCKS.to_string(), false), (cert::attachments(c), false)];
    for (role, name) in [("Сдал (Исполнитель)", &c.contractor.name), ("Принял (Заказчик)", &c.customer.name)]
    {
        lines.push((String::new(), false));
        lines.extend(signature_lines(cert::signature(role, name)));
    }
    lines
}

/// A PDF signature block's lines as the workbook's, the empty ones left out.
fn signature_lines(block: Vec<(String, crate::pdf::text::Style)>) -> impl Iterator<Item = (String, bool)> {
    block
        .into_iter()
        .filter(|(text, _)| !text.is_empty())
        .map(|(text, style)| (text, style == crate::pdf::text::Style::Bold))
}

/// A certificate's closing row: the label under the service's name, the amount under Стоимость.
fn closing_row(label: &str, amount: i64) -> Vec<Cell> {
    let mut row = vec![Cell::Empty; 8];
    row[1] = Cell::text(label);
    row[7] = Cell::Money(amount);
    row
}

/// The reconciliation statement as a workbook of one sheet, "Акт сверки": a row per document
/// with its date, the debit and credit by the operator's records and, mirrored, by the
/// customer's; the opening balance first, the turnovers, the closing balance and the conclusion
/// below. Refuses one whose figures disagree.
pub fn reconciliation_xlsx(r: &Reconciliation) -> crate::Result<Vec<u8>> {
    r.check()?;
    let by = |side: &str, whose: &str| Column::new(format!("{side} (по данным {whose})"), ColumnKind::Money);
    let (op, cu) = (&r.operator.name, &r.customer.name);
    let money = |t: i64| if t == 0 { Cell::Empty } else { Cell::Money(t) };
    // The operator's debit and credit, then the customer's (the mirror).
    let sides = |debit: i64, credit: i64| [money(debit), money(credit), money(credit), money(debit)];
    // A balance on its one side, even when it is nothing.
    let balance = |b: i64| {
        if rec::owed_to_operator(b) {
            [Cell::Money(b), Cell::Empty, Cell::Empty, Cell::Money(b)]
        } else {
            [Cell::Empty, Cell::Money(-b), Cell::Money(-b), Cell::Empty]
        }
    };
    let mut rows =
        vec![[Cell::Date(r.period.0), Cell::text("Сальдо начальное")].into_iter().chain(balance(r.opening)).collect()];
    rows.extend(r.rows.iter().map(|row| {
        [Cell::Date(row.date), Cell::text(&row.document)].into_iter().chain(sides(row.debit, row.credit)).collect()
    }));
    let turnovers = [
        Cell::Money(r.debit_turnover),
        Cell::Money(r.credit_turnover),
        Cell::Money(r.credit_turnover),
        Cell::Money(r.debit_turnover),
    ];
    let table = Table {
        sheet: RECONCILIATION_SHEET.into(),
        title: Title {
            what: "Акт сверки взаимных расчётов".into(),
            company: Some(cu.clone()),
            bin: Some(r.customer.bin.clone()),
            number: None,
            period: Some(r.period),
            generated_at: r.generated_at,
            lang: Language::Ru,
            notes: Vec::new(),
        },
        columns: vec![
            Column::new("Дата", ColumnKind::Date),
            Column::new("Документ", ColumnKind::Text).with_width(40.0),
            by("Дебет", op),
            by("Кредит", op),
            by("Дебет", cu),
            by("Кредит", cu),
        ],
        rows,
        totals: Some([Cell::Empty, Cell::text("Обороты за период")].into_iter().chain(turnovers).collect()),
    };
    let mut title = vec!["Акт сверки взаимных расчётов".to_string(), rec::heading(r)];
    title.push(format!("за период {} — {}", r.period.0.format("%d.%m.%Y"), r.period.1.format("%d.%m.%Y")));
    if !r.services.is_empty() {
        title.push(format!("Услуги: {}", r.services.join(", ")));
    }
    title.push(generated(r.generated_at));
    let closing =
        [Cell::Date(r.period.1), Cell::text("Сальдо конечное")].into_iter().chain(balance(r.closing)).collect();
    let conclusion = vec![Cell::Empty, Cell::text(rec::conclusion(r))];
    let mut lines = Vec::new();
    for name in [op, cu] {
        lines.extend(signature_lines(rec::signature(name)));
        lines.push((String::new(), false));
    }
    lines.pop();
    book(&[Sheet { table: &table, title, footer: vec![closing, conclusion], lines }])
}
