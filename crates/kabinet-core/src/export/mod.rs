//! Files people take elsewhere: the numbers list as XLSX or CSV, usage reports as XLSX, and the
//! payments report as XLSX bytes (the sandbox attaches them to its e-mail, the app keeps them in
//! the cache).
//!
//! Each XLSX is a [`kabinet_documents::Table`] built here (labels in the user's language) and
//! rendered by `kabinet_documents::xlsx`: a title block (what, company and BIN when known, number,
//! period, when generated), a bold frozen header with an autofilter, money as tenge with a `₸`
//! number format computed from integer tiyn, dates as Excel dates, fitted widths. Files are
//! written next to their destination and renamed into place, so a failed export never leaves half
//! a file under the user's chosen name. Files are readable by their owner only (0600 on Unix,
//! [`crate::private_fs`]).

mod actions_history;
mod bulk;

pub use actions_history::{action_words, actions_file_name, actions_table, actions_xlsx};
pub use bulk::{bulk_file_name, bulk_table};

use crate::api::{NumberSummary, UsageKind, UsageReport};
use crate::domain::Tiyn;
use crate::error::{Error, ErrorCode, Result};
use crate::number_label::{Label, LabelColumn};
use crate::private_fs;
use crate::settings::Language;
use chrono::{DateTime, Utc};
use kabinet_documents::{Cell, Column, ColumnKind, Table, Title};
use std::collections::HashMap;
use std::path::Path;

pub use kabinet_documents::portal::{
    channel_label, numbers_report_table, payments_file_name, payments_table, payments_xlsx, ExportCompany,
};
use kabinet_documents::portal::{company_title, kz_local, payment_label, state_label};

/// The file formats of the numbers list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ListFormat {
    Xlsx,
    Csv,
}

impl ListFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ListFormat::Xlsx => "xlsx",
            ListFormat::Csv => "csv",
        }
    }
}

/// Writes the numbers list in `format` (the company is for the XLSX title; CSV has none).
pub fn numbers_file(
    path: &Path,
    numbers: &[NumberSummary],
    labels: Option<&Labels>,
    company: &ExportCompany,
    lang: Language,
    format: ListFormat,
) -> Result<()> {
    write_file(path, &numbers_bytes(numbers, labels, company, lang, format)?)
}

/// The numbers list in `format` as a file's bytes, generated now.
pub fn numbers_bytes(
    numbers: &[NumberSummary],
    labels: Option<&Labels>,
    company: &ExportCompany,
    lang: Language,
    format: ListFormat,
) -> Result<Vec<u8>> {
    match format {
        ListFormat::Xlsx => Ok(kabinet_documents::xlsx(&numbers_table(numbers, labels, company, lang, Utc::now()))?),
        ListFormat::Csv => numbers_csv_bytes(numbers, labels, lang),
    }
}

fn export_error(e: impl std::fmt::Display) -> Error {
    Error::new(ErrorCode::Internal, format!("The file could not be written: {e}"))
}

/// Writes through a temporary file in the same folder, then renames it over `path`. The folder
/// must exist: a mistyped folder is refused, as every other tool does, not silently created.
fn write_atomically(path: &Path, write: impl FnOnce(&Path) -> Result<()>) -> Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if !dir.is_dir() {
        return Err(Error::new(
            ErrorCode::InvalidInput,
            format!("The folder {} does not exist: create it first, or choose another one.", dir.display()),
        ));
    }
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("export");
    let tmp = dir.join(format!(".{name}.partial"));
    // Private from the start (0600 on Unix): the file holds the company's numbers and balances.
    // The writers truncate it and keep its mode; it is made private again in case one replaced it.
    let result = private_fs::create_private_file(&tmp)
        .map_err(export_error)
        .and_then(|_| write(&tmp))
        .and_then(|()| private_fs::make_private_if_exists(&tmp).map_err(export_error))
        .and_then(|()| std::fs::rename(&tmp, path).map_err(export_error));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

fn numbers_headers(lang: Language) -> [&'static str; 7] {
    match lang {
        Language::En => [
            "Number",
            "Account number",
            "Tariff plan",
            "Method of payment",
            "State",
            "Available funds (individual limit), ₸",
            "Remaining credit limit / prepaid balance, ₸",
        ],
        Language::Ru => [
            "Номер",
            "Лицевой счёт",
            "Тарифный план",
            "Способ оплаты",
            "Состояние",
            "Доступные средства (индивидуальный лимит), ₸",
            "Остаток кредитного лимита / авансовый баланс, ₸",
        ],
        Language::Kk => [
            "Нөмір",
            "Дербес шот",
            "Тарифтік жоспар",
            "Төлем тәсілі",
            "Күйі",
            "Қолжетімді қаражат (жеке лимит), ₸",
            "Кредит лимитінің қалдығы / аванстық теңгерім, ₸",
        ],
    }
}

/// The company's labels by number, as the numbers list's export writes them (see `labels`).
pub type Labels = HashMap<String, Label>;

/// The label columns' headers: the ones a labels import reads ([`LabelColumn`]), so an
/// exported list, filled in, imports back.
fn label_headers(lang: Language) -> [&'static str; 5] {
    use LabelColumn as Column;
    [Column::Employee, Column::Department, Column::CostCentreCode, Column::CostCentreName, Column::Tags]
        .map(|c| c.header(lang))
}

fn label_cells(label: Option<&Label>) -> [String; 5] {
    let Some(l) = label else { return Default::default() };
    [
        l.employee.clone(),
        l.department.clone(),
        l.cost_centre.code.clone(),
        l.cost_centre.name.clone(),
        l.tags.join(", "),
    ]
}

/// The numbers list as a table, the columns of the portal's list, titled with the company; with
/// `labels`, the label columns after them (empty cells for a number without one).
pub fn numbers_table(
    numbers: &[NumberSummary],
    labels: Option<&Labels>,
    company: &ExportCompany,
    lang: Language,
    now: DateTime<Utc>,
) -> Table {
    let [number, account, tariff, method, state, funds, balance] = numbers_headers(lang);
    let mut columns = vec![
        Column::new(number, ColumnKind::Text),
        Column::new(account, ColumnKind::Text),
        Column::new(tariff, ColumnKind::Text),
        Column::new(method, ColumnKind::Text),
        Column::new(state, ColumnKind::Text),
        Column::new(funds, ColumnKind::Money),
        Column::new(balance, ColumnKind::Money),
    ];
    if labels.is_some() {
        columns.extend(label_headers(lang).map(|h| Column::new(h, ColumnKind::Text)));
    }
    Table {
        sheet: lang.pick(["Numbers", "Номера", "Нөмірлер"]).into(),
        title: company_title(
            lang.pick(["List of numbers", "Список номеров", "Нөмірлер тізімі"]),
            company,
            None,
            lang,
            now,
        ),
        columns,
        rows: numbers
            .iter()
            .map(|n| {
                let mut row = vec![
                    Cell::text(&n.msisdn),
                    Cell::text(&n.account),
                    Cell::text(&n.tariff),
                    Cell::text(payment_label(&n.payment_method, lang)),
                    Cell::text(state_label(&n.state, lang)),
                    n.available_funds.map_or(Cell::Empty, |f| Cell::Money(f.0)),
                    Cell::Money(n.balance.0),
                ];
                if let Some(labels) = labels {
                    row.extend(label_cells(labels.get(&n.msisdn)).map(Cell::Text));
                }
                row
            })
            .collect(),
        totals: None,
    }
}

/// The numbers list as XLSX ([`numbers_table`], generated now).
pub fn numbers_xlsx(path: &Path, numbers: &[NumberSummary], company: &ExportCompany, lang: Language) -> Result<()> {
    numbers_file(path, numbers, None, company, lang, ListFormat::Xlsx)
}

/// How a CSV file is split and how its amounts are written, per language, so that Excel opens it
/// in columns with numbers it can sum: in a Russian locale Excel splits on `;` and reads `,` as
/// the decimal mark (`8476,90`); in an English one, `,` and `.`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CsvDialect {
    pub separator: char,
    pub decimal: char,
}

impl CsvDialect {
    pub fn for_language(lang: Language) -> Self {
        match lang {
            Language::En => Self { separator: ',', decimal: '.' },
            // Kazakh and Russian spreadsheets both write the decimal comma.
            Language::Ru | Language::Kk => Self { separator: ';', decimal: ',' },
        }
    }

    /// A text field: quoted when it holds the separator, a quote or a line break. Text that a
    /// spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) gets a leading `'`.
    fn text(self, value: &str) -> String {
        let value =
            if value.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{value}") } else { value.to_string() };
        if value.contains([self.separator, '"', '\n', '\r']) {
            format!("\"{}\"", value.replace('"', "\"\""))
        } else {
            value
        }
    }

    /// Tiyn as tenge with two decimals and no grouping: `8476,90` or `-0.50`.
    fn amount(self, t: Tiyn) -> String {
        let sign = if t.0 < 0 { "-" } else { "" };
        let abs = t.0.unsigned_abs();
        format!("{sign}{}{}{:02}", abs / 100, self.decimal, abs % 100)
    }
}

/// The numbers list as CSV in the language's dialect ([`CsvDialect`]), UTF-8 with a BOM so
/// spreadsheet programs read Cyrillic right, lines ending in CRLF.
pub fn numbers_csv(path: &Path, numbers: &[NumberSummary], lang: Language) -> Result<()> {
    write_file(path, &numbers_csv_bytes(numbers, None, lang)?)
}

/// The numbers list as CSV bytes (see [`numbers_csv`]).
pub fn numbers_csv_bytes(numbers: &[NumberSummary], labels: Option<&Labels>, lang: Language) -> Result<Vec<u8>> {
    let csv = CsvDialect::for_language(lang);
    let separator = csv.separator.to_string();
    let mut out = Vec::with_capacity(64 * (numbers.len() + 1));
    out.extend_from_slice("\u{feff}".as_bytes());
    let mut headers: Vec<&str> = numbers_headers(lang).to_vec();
    if labels.is_some() {
        headers.extend(label_headers(lang));
    }
    out.extend_from_slice(headers.iter().map(|h| csv.text(h)).collect::<Vec<_>>().join(&separator).as_bytes());
    out.extend_from_slice(b"\r\n");
    for n in numbers {
        let mut fields = vec![
            csv.text(&n.msisdn),
            csv.text(&n.account),
            csv.text(&n.tariff),
            csv.text(payment_label(&n.payment_method, lang)),
            csv.text(state_label(&n.state, lang)),
            n.available_funds.map(|t| csv.amount(t)).unwrap_or_default(),
            csv.amount(n.balance),
        ];
        if let Some(labels) = labels {
            fields.extend(label_cells(labels.get(&n.msisdn)).map(|c| csv.text(&c)));
        }
        out.extend_from_slice(fields.join(&separator).as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    Ok(out)
}

/// The numbers list's file name: `numbers-<company name>-<Kazakhstan time>.<ext>`, the name made
/// safe for every OS ([`crate::file_name::safe_component`]), the id when nothing of it is left.
pub fn numbers_file_name(
    company_name: &str,
    company_id: i64,
    now: chrono::DateTime<chrono::Utc>,
    format: ListFormat,
) -> String {
    let name = crate::file_name::safe_component(company_name, &company_id.to_string());
    let stamp = now.with_timezone(&crate::kz::offset()).format("%Y-%m-%d-%H%M%S");
    format!("numbers-{name}-{stamp}.{}", format.extension())
}

/// The usage report's file name: `usage-<number>-<from>-<to>.xlsx` (the number as the portal
/// sent it, made safe like a company's name).
pub fn usage_file_name(report: &UsageReport) -> String {
    let number = crate::file_name::safe_component(&report.msisdn, "number");
    format!("usage-{number}-{}-{}.xlsx", report.from, report.to)
}

/// A usage record's type and unit: data in megabytes, as the allowances show it.
fn usage_kind_and_unit(kind: UsageKind, lang: Language) -> (&'static str, &'static str) {
    match (kind, lang) {
        (UsageKind::Calls, Language::En) => ("Call", "s"),
        (UsageKind::Sms, Language::En) => ("SMS", "pcs"),
        (UsageKind::Data, Language::En) => ("Data", "MB"),
        (UsageKind::Calls, Language::Ru) => ("Звонок", "с"),
        (UsageKind::Sms, Language::Ru) => ("SMS", "шт"),
        (UsageKind::Data, Language::Ru) => ("Интернет", "МБ"),
        (UsageKind::Calls, Language::Kk) => ("Қоңырау", "с"),
        (UsageKind::Sms, Language::Kk) => ("SMS", "дана"),
        (UsageKind::Data, Language::Kk) => ("Интернет", "МБ"),
        (UsageKind::All, _) => ("", ""),
    }
}

/// A usage report as a table: one row per record (data in megabytes), and the total.
pub fn usage_table(report: &UsageReport, lang: Language, now: DateTime<Utc>) -> Table {
    let headers = lang.pick([
        ["Date and time (UTC+5)", "Type", "Number / access point", "Quantity", "Unit", "Cost, ₸"],
        ["Дата и время (UTC+5)", "Тип", "Номер / точка доступа", "Количество", "Единица", "Стоимость, ₸"],
        ["Күні мен уақыты (UTC+5)", "Түрі", "Нөмір / кіру нүктесі", "Саны", "Бірлігі", "Құны, ₸"],
    ]);
    let kinds = [
        ColumnKind::DateTime,
        ColumnKind::Text,
        ColumnKind::Text,
        ColumnKind::Decimal,
        ColumnKind::Text,
        ColumnKind::Money,
    ];
    let mut total = vec![Cell::Empty; 6];
    total[0] = Cell::text(lang.pick(["Total", "Итого", "Барлығы"]));
    total[5] = Cell::Money(report.total_cost.0);
    Table {
        sheet: lang.pick(["Usage details", "Детализация", "Детализация"]).into(),
        title: Title {
            what: lang.pick(["Usage details", "Детализация", "Детализация"]).into(),
            company: None,
            bin: None,
            number: Some(report.msisdn.clone()),
            period: Some((report.from, report.to)),
            generated_at: kz_local(now),
            lang,
            notes: Vec::new(),
        },
        columns: headers.iter().zip(kinds).map(|(h, k)| Column::new(*h, k)).collect(),
        rows: report
            .records
            .iter()
            .map(|r| {
                let (kind, unit) = usage_kind_and_unit(r.kind, lang);
                let quantity = if r.kind == UsageKind::Data {
                    // Kilobytes on the wire, megabytes as the allowances show them.
                    Cell::Decimal(r.quantity as f64 / 1024.0)
                } else {
                    Cell::Integer(r.quantity)
                };
                vec![
                    Cell::DateTime(kz_local(r.at)),
                    Cell::text(kind),
                    Cell::text(&r.counterparty),
                    quantity,
                    Cell::text(unit),
                    Cell::Money(r.cost.0),
                ]
            })
            .collect(),
        totals: Some(total),
    }
}

/// A usage report as XLSX ([`usage_table`], generated now).
pub fn usage_xlsx(path: &Path, report: &UsageReport, lang: Language) -> Result<()> {
    write_file(path, &usage_bytes(report, lang)?)
}

/// A usage report as XLSX bytes, generated now.
pub fn usage_bytes(report: &UsageReport, lang: Language) -> Result<Vec<u8>> {
    Ok(kabinet_documents::xlsx(&usage_table(report, lang, Utc::now()))?)
}

/// Writes bytes made elsewhere (a saved report) to `path`, privately and atomically like every
/// export.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomically(path, |tmp| std::fs::write(tmp, bytes).map_err(export_error))
}

#[cfg(test)]
mod tests;
