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

use crate::api::{NumberState, NumberSummary, PaymentChannel, PaymentMethod, PaymentsReport, UsageKind, UsageReport};
use crate::domain::Tiyn;
use crate::error::{Error, ErrorCode, Result};
use crate::private_fs;
use crate::settings::Language;
use chrono::{DateTime, Utc};
use kabinet_documents::{Cell, Column, ColumnKind, Lang, Table, Title};
use std::io::Write;
use std::path::Path;

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

/// Whose export it is, as the caller knows it: for the title block of an XLSX file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportCompany {
    pub name: Option<String>,
    pub bin: Option<String>,
}

/// Writes the numbers list in `format` (the company is for the XLSX title; CSV has none).
pub fn numbers_file(
    path: &Path,
    numbers: &[NumberSummary],
    company: &ExportCompany,
    lang: Language,
    format: ListFormat,
) -> Result<()> {
    match format {
        ListFormat::Xlsx => numbers_xlsx(path, numbers, company, lang),
        ListFormat::Csv => numbers_csv(path, numbers, lang),
    }
}

fn export_error(e: impl std::fmt::Display) -> Error {
    Error::new(ErrorCode::Internal, format!("The file could not be written: {e}"))
}

impl From<kabinet_documents::Error> for Error {
    fn from(e: kabinet_documents::Error) -> Self {
        export_error(e)
    }
}

fn doc_lang(lang: Language) -> Lang {
    match lang {
        Language::En => Lang::En,
        Language::Ru => Lang::Ru,
    }
}

/// A moment as Kazakhstan's wall-clock time, how every file shows it.
fn kz_local(at: DateTime<Utc>) -> chrono::NaiveDateTime {
    at.with_timezone(&crate::kz::offset()).naive_local()
}

/// Renders `table` and writes it to `path` atomically.
fn write_table(path: &Path, table: &Table) -> Result<()> {
    let bytes = kabinet_documents::xlsx(table)?;
    write_atomically(path, |tmp| std::fs::write(tmp, &bytes).map_err(export_error))
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

fn state_label(state: &NumberState, lang: Language) -> &str {
    match (state, lang) {
        (NumberState::Active, Language::En) => "Active",
        (NumberState::Blocked, Language::En) => "Blocked",
        (NumberState::InProcess, Language::En) => "In process",
        (NumberState::BlockedDebt, Language::En) => "Blocked / Debt",
        (NumberState::Active, Language::Ru) => "Активен",
        (NumberState::Blocked, Language::Ru) => "Заблокирован",
        (NumberState::InProcess, Language::Ru) => "В обработке",
        (NumberState::BlockedDebt, Language::Ru) => "Заблокирован / Долг",
        // A state this version does not know: as the portal sent it.
        (NumberState::Unknown(raw), _) => raw,
    }
}

fn payment_label(method: &PaymentMethod, lang: Language) -> &str {
    match (method, lang) {
        (PaymentMethod::Credit, Language::En) => "Credit",
        (PaymentMethod::Advance, Language::En) => "Advance",
        (PaymentMethod::Credit, Language::Ru) => "Кредитный",
        (PaymentMethod::Advance, Language::Ru) => "Авансовый",
        (PaymentMethod::Unknown(raw), _) => raw,
    }
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
    }
}

/// The numbers list as a table, the columns of the portal's list, titled with the company.
pub fn numbers_table(numbers: &[NumberSummary], company: &ExportCompany, lang: Language, now: DateTime<Utc>) -> Table {
    let ru = lang == Language::Ru;
    let [number, account, tariff, method, state, funds, balance] = numbers_headers(lang);
    Table {
        sheet: (if ru { "Номера" } else { "Numbers" }).into(),
        title: Title {
            what: (if ru { "Список номеров" } else { "List of numbers" }).into(),
            company: company.name.clone(),
            bin: company.bin.clone(),
            number: None,
            period: None,
            generated_at: kz_local(now),
            lang: doc_lang(lang),
        },
        columns: vec![
            Column::new(number, ColumnKind::Text),
            Column::new(account, ColumnKind::Text),
            Column::new(tariff, ColumnKind::Text),
            Column::new(method, ColumnKind::Text),
            Column::new(state, ColumnKind::Text),
            Column::new(funds, ColumnKind::Money),
            Column::new(balance, ColumnKind::Money),
        ],
        rows: numbers
            .iter()
            .map(|n| {
                vec![
                    Cell::text(&n.msisdn),
                    Cell::text(&n.account),
                    Cell::text(&n.tariff),
                    Cell::text(payment_label(&n.payment_method, lang)),
                    Cell::text(state_label(&n.state, lang)),
                    n.available_funds.map_or(Cell::Empty, |f| Cell::Money(f.0)),
                    Cell::Money(n.balance.0),
                ]
            })
            .collect(),
        totals: None,
    }
}

/// The numbers list as XLSX ([`numbers_table`], generated now).
pub fn numbers_xlsx(path: &Path, numbers: &[NumberSummary], company: &ExportCompany, lang: Language) -> Result<()> {
    write_table(path, &numbers_table(numbers, company, lang, Utc::now()))
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
            Language::Ru => Self { separator: ';', decimal: ',' },
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
    let csv = CsvDialect::for_language(lang);
    let separator = csv.separator.to_string();
    write_atomically(path, |tmp| {
        let file = private_fs::create_private_file(tmp).map_err(export_error)?;
        let mut out = std::io::BufWriter::new(file);
        let mut text = String::from("\u{feff}");
        text.push_str(&numbers_headers(lang).map(|h| csv.text(h)).join(&separator));
        text.push_str("\r\n");
        out.write_all(text.as_bytes()).map_err(export_error)?;
        for n in numbers {
            let fields = [
                csv.text(&n.msisdn),
                csv.text(&n.account),
                csv.text(&n.tariff),
                csv.text(payment_label(&n.payment_method, lang)),
                csv.text(state_label(&n.state, lang)),
                n.available_funds.map(|t| csv.amount(t)).unwrap_or_default(),
                csv.amount(n.balance),
            ];
            let line = fields.join(&separator);
            out.write_all(line.as_bytes()).and_then(|()| out.write_all(b"\r\n")).map_err(export_error)?;
        }
        out.flush().map_err(export_error)
    })
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
        (UsageKind::All, _) => ("", ""),
    }
}

/// A usage report as a table: one row per record (data in megabytes), and the total.
pub fn usage_table(report: &UsageReport, lang: Language, now: DateTime<Utc>) -> Table {
    let ru = lang == Language::Ru;
    let headers = if ru {
        ["Дата и время (UTC+5)", "Тип", "Номер / точка доступа", "Количество", "Единица", "Стоимость, ₸"]
    } else {
        ["Date and time (UTC+5)", "Type", "Number / access point", "Quantity", "Unit", "Cost, ₸"]
    };
    let kinds = [
        ColumnKind::DateTime,
        ColumnKind::Text,
        ColumnKind::Text,
        ColumnKind::Decimal,
        ColumnKind::Text,
        ColumnKind::Money,
    ];
    let mut total = vec![Cell::Empty; 6];
    total[0] = Cell::text(if ru { "Итого" } else { "Total" });
    total[5] = Cell::Money(report.total_cost.0);
    Table {
        sheet: (if ru { "Детализация" } else { "Usage details" }).into(),
        title: Title {
            what: (if ru { "Детализация" } else { "Usage details" }).into(),
            company: None,
            bin: None,
            number: Some(report.msisdn.clone()),
            period: Some((report.from, report.to)),
            generated_at: kz_local(now),
            lang: doc_lang(lang),
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
    write_table(path, &usage_table(report, lang, Utc::now()))
}

/// The payments report's file name: `payments-<number>-<from>-<to>.xlsx` (the number as the
/// portal sent it, made safe like a company's name).
pub fn payments_file_name(msisdn: &str, from: chrono::NaiveDate, to: chrono::NaiveDate) -> String {
    let number = crate::file_name::safe_component(msisdn, "number");
    format!("payments-{number}-{from}-{to}.xlsx")
}

fn channel_label(channel: &PaymentChannel, lang: Language) -> &str {
    match (channel, lang) {
        (PaymentChannel::BankTransfer, Language::En) => "Bank transfer",
        (PaymentChannel::Card, Language::En) => "Bank card",
        (PaymentChannel::Kaspi, Language::En) => "Kaspi.kz",
        (PaymentChannel::Terminal, Language::En) => "Payment terminal",
        (PaymentChannel::BalanceTransfer, Language::En) => "Balance transfer",
        (PaymentChannel::BankTransfer, Language::Ru) => "Банковский перевод",
        (PaymentChannel::Card, Language::Ru) => "Банковская карта",
        (PaymentChannel::Kaspi, Language::Ru) => "Kaspi.kz",
        (PaymentChannel::Terminal, Language::Ru) => "Платёжный терминал",
        (PaymentChannel::BalanceTransfer, Language::Ru) => "Перевод баланса",
        (PaymentChannel::Unknown(raw), _) => raw,
    }
}

/// The payments report as a table: the number, the period, one row per payment (date and time
/// in Kazakhstan, amount, method, document number) and the total; generated when it was sent.
pub fn payments_table(report: &PaymentsReport, lang: Language) -> Table {
    let ru = lang == Language::Ru;
    let headers = if ru {
        ["Дата и время (UTC+5)", "Сумма, ₸", "Способ оплаты", "Номер документа"]
    } else {
        ["Date and time (UTC+5)", "Amount, ₸", "Payment method", "Document number"]
    };
    let kinds = [ColumnKind::DateTime, ColumnKind::Money, ColumnKind::Text, ColumnKind::Text];
    Table {
        sheet: (if ru { "Платежи" } else { "Payments" }).into(),
        title: Title {
            what: (if ru { "Отчёт по платежам" } else { "Payments report" }).into(),
            company: None,
            bin: None,
            number: Some(report.msisdn.clone()),
            period: Some((report.from, report.to)),
            generated_at: kz_local(report.sent_at),
            lang: doc_lang(lang),
        },
        columns: headers.iter().zip(kinds).map(|(h, k)| Column::new(*h, k)).collect(),
        rows: report
            .payments
            .iter()
            .map(|p| {
                vec![
                    Cell::DateTime(kz_local(p.at)),
                    Cell::Money(p.amount.0),
                    Cell::text(channel_label(&p.channel, lang)),
                    Cell::text(&p.reference),
                ]
            })
            .collect(),
        totals: Some(vec![Cell::text(if ru { "Итого" } else { "Total" }), Cell::Money(report.total.0)]),
    }
}

/// The payments report as XLSX bytes ([`payments_table`]). Bytes, not a file: the sandbox
/// attaches them to an e-mail and the app keeps them in its cache.
pub fn payments_xlsx(report: &PaymentsReport, lang: Language) -> Result<Vec<u8>> {
    Ok(kabinet_documents::xlsx(&payments_table(report, lang))?)
}

/// Writes bytes made elsewhere (a saved report) to `path`, privately and atomically like every
/// export.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomically(path, |tmp| std::fs::write(tmp, bytes).map_err(export_error))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;

    fn sample() -> NumberSummary {
        NumberSummary {
            msisdn: "77010542007".into(),
            account: "25060830".into(),
            tariff: "Корпоративный, \"безлимит\"".into(),
            payment_method: PaymentMethod::Credit,
            state: NumberState::Active,
            state_changed_at: Utc::now(),
            individual_limit: Some(Tiyn(44_600)),
            available_funds: Some(Tiyn(44_600)),
            credit_limit: Tiyn(1_200_000),
            balance: Tiyn(847_690),
            debt: Tiyn(0),
            updated_at: Utc::now(),
        }
    }

    fn csv_lines(numbers: &[NumberSummary], lang: Language) -> (String, Vec<String>) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("numbers.csv");
        numbers_csv(&path, numbers, lang).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        let lines = text.split("\r\n").map(String::from).collect();
        (text, lines)
    }

    #[test]
    fn csv_in_english_uses_commas_and_decimal_points() {
        let (text, lines) = csv_lines(&[sample()], Language::En);
        assert!(text.starts_with('\u{feff}'), "a BOM so Excel reads UTF-8");
        assert_eq!(lines[1], "77010542007,25060830,\"Корпоративный, \"\"безлимит\"\"\",Credit,Active,446.00,8476.90");
    }

    #[test]
    fn csv_in_russian_uses_semicolons_and_decimal_commas_for_excel() {
        let (text, lines) = csv_lines(&[sample()], Language::Ru);
        assert!(text.starts_with("\u{feff}Номер;Лицевой счёт;"), "{text}");
        // The comma in the tariff needs no quotes when `;` separates the fields.
        assert_eq!(
            lines[1],
            "77010542007;25060830;\"Корпоративный, \"\"безлимит\"\"\";Кредитный;Активен;446,00;8476,90"
        );
        assert_eq!(lines[0].split(';').count(), 7);
    }

    #[test]
    fn csv_amounts_below_one_tenge_keep_their_sign() {
        let mut n = sample();
        n.balance = Tiyn(-50);
        n.available_funds = None;
        let (_, lines) = csv_lines(&[n], Language::Ru);
        assert!(lines[1].ends_with("Активен;;-0,50"), "{}", lines[1]);
    }

    #[test]
    fn csv_text_a_spreadsheet_would_run_as_a_formula_is_escaped() {
        let mut n = sample();
        n.tariff = "=HYPERLINK(\"http://x\")".into();
        let (_, lines) = csv_lines(&[n], Language::En);
        assert!(lines[1].contains(",\"'=HYPERLINK(\"\"http://x\"\")\","), "{}", lines[1]);
    }

    #[test]
    fn usage_data_is_in_megabytes_like_the_allowances() {
        assert_eq!(usage_kind_and_unit(UsageKind::Data, Language::Ru), ("Интернет", "МБ"));
        assert_eq!(usage_kind_and_unit(UsageKind::Data, Language::En), ("Data", "MB"));
    }

    #[test]
    fn numbers_file_is_named_by_the_company_name_made_safe() {
        let at = chrono::DateTime::parse_from_rfc3339("2026-03-01T19:30:05Z").unwrap().with_timezone(&Utc);
        assert_eq!(
            numbers_file_name("TOO Кабинет", 1, at, ListFormat::Csv),
            "numbers-TOO Кабинет-2026-03-02-003005.csv"
        );
        assert_eq!(numbers_file_name("A/B: C?", 2, at, ListFormat::Xlsx), "numbers-A_B_ C_-2026-03-02-003005.xlsx");
        assert_eq!(numbers_file_name(" .. ", 7, at, ListFormat::Csv), "numbers-7-2026-03-02-003005.csv");
    }

    #[test]
    fn payments_xlsx_is_a_zip_named_by_number_and_period() {
        let at = chrono::DateTime::parse_from_rfc3339("2026-03-01T19:30:05Z").unwrap().with_timezone(&Utc);
        let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 3, d).unwrap();
        let report = PaymentsReport {
            msisdn: "77010542007".into(),
            from: day(1),
            to: day(2),
            email: "a@b.kz".into(),
            sent_at: at,
            file_name: payments_file_name("77010542007", day(1), day(2)),
            payments: vec![crate::api::Payment {
                at,
                amount: Tiyn(500_000),
                channel: PaymentChannel::Unknown("crypto".into()),
                reference: "П-1".into(),
            }],
            total: Tiyn(500_000),
        };
        assert_eq!(report.file_name, "payments-77010542007-2026-03-01-2026-03-02.xlsx");
        for lang in [Language::En, Language::Ru] {
            let bytes = payments_xlsx(&report, lang).unwrap();
            assert_eq!(&bytes[..2], b"PK");
        }
        assert_eq!(payments_file_name("../x", day(1), day(1)), "payments-_x-2026-03-01-2026-03-01.xlsx");
    }

    #[test]
    fn xlsx_is_a_zip_and_no_partial_file_remains() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("numbers.xlsx");
        numbers_xlsx(&path, &[sample()], &ExportCompany::default(), Language::Ru).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(&bytes[..2], b"PK");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    #[cfg(unix)]
    #[test]
    fn exported_files_are_readable_by_their_owner_only() {
        use crate::private_fs::mode_of;
        let dir = tempfile::tempdir().unwrap();
        for (name, format) in [("numbers.csv", ListFormat::Csv), ("numbers.xlsx", ListFormat::Xlsx)] {
            let path = dir.path().join(name);
            numbers_file(&path, &[sample()], &ExportCompany::default(), Language::En, format).unwrap();
            assert_eq!(mode_of(&path).unwrap(), 0o600, "{name}");
        }
    }

    /// The exports read back with an independent reader (calamine) and from the sheet's XML.
    mod golden {
        use super::*;
        use crate::api::{Payment, UsageRecord};
        use kabinet_documents::inspect::{Inspected, Value};
        use kabinet_documents::{DATE_TIME_FORMAT, MONEY_FORMAT};

        fn at(rfc3339: &str) -> DateTime<Utc> {
            DateTime::parse_from_rfc3339(rfc3339).unwrap().with_timezone(&Utc)
        }

        fn local(s: &str) -> chrono::NaiveDateTime {
            chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap()
        }

        fn day(d: u32) -> chrono::NaiveDate {
            chrono::NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
        }

        fn bytes_of(table: &Table) -> Inspected {
            Inspected::read(&kabinet_documents::xlsx(table).unwrap())
        }

        #[test]
        fn numbers_list_has_its_title_typed_cells_frozen_header_and_filter() {
            let company =
                ExportCompany { name: Some("ТОО «Кабинет»".into()), bin: Some("123456789012".into()) };
            let mut second = sample();
            second.msisdn = "77010000001".into();
            second.available_funds = None;
            second.balance = Tiyn(-50);
            second.state = NumberState::Unknown("frozen".into());
            let table = numbers_table(&[sample(), second], &company, Language::Ru, at("2026-03-01T19:30:05Z"));
            let x = bytes_of(&table);
            assert_eq!(x.sheet_name, "Номера");
            let title: Vec<_> = (0..4).map(|r| x.text(r, 0)).collect();
            assert_eq!(
                title,
                [
                    "Список номеров",
                    "Компания: ТОО «Кабинет»",
                    "БИН: 123456789012",
                    "Сформирован: 02.03.2026 00:30:05 (UTC+5)"
                ]
            );
            let header: Vec<_> = (0..7).map(|c| x.text(5, c)).collect();
            assert_eq!(header, numbers_headers(Language::Ru));
            assert!((0..7).all(|c| x.bold(5, c)));
            // Numbers the portal names stay text; money is a number in tenge with the ₸ format.
            assert_eq!(x.text(6, 0), "77010542007");
            assert_eq!(x.text(6, 1), "25060830");
            assert_eq!(x.text(6, 3), "Кредитный");
            assert_eq!(x.text(6, 4), "Активен");
            assert_eq!(x.number(6, 5), 446.0);
            assert_eq!(x.number(6, 6), 8476.9);
            assert_eq!(x.number_format(6, 6), MONEY_FORMAT);
            assert_eq!(x.value(7, 5), Value::Empty, "no individual limit: an empty cell, not 0");
            assert_eq!(x.number(7, 6), -0.5);
            assert_eq!(x.text(7, 4), "frozen", "an unknown state as the portal sent it");
            assert_eq!(x.frozen_rows(), Some(6));
            assert_eq!(x.autofilter().as_deref(), Some("A6:G8"));
            assert!(x.column_width(6).unwrap() >= 12.0);

            // A company that is not cached: no company lines; English labels.
            let x = bytes_of(&numbers_table(&[sample()], &ExportCompany::default(), Language::En, Utc::now()));
            assert_eq!(x.text(0, 0), "List of numbers");
            assert!(x.text(1, 0).starts_with("Generated: "));
            assert_eq!(x.text(3, 0), "Number");
            assert_eq!(x.text(4, 4), "Active");
            assert_eq!(x.frozen_rows(), Some(4));
        }

        #[test]
        fn numbers_xlsx_file_is_titled_with_the_company() {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("numbers.xlsx");
            let company = ExportCompany { name: Some("Kabinet LLP".into()), bin: None };
            numbers_file(&path, &[sample()], &company, Language::En, ListFormat::Xlsx).unwrap();
            let x = Inspected::read(&std::fs::read(&path).unwrap());
            assert_eq!(x.text(1, 0), "Company: Kabinet LLP");
            assert!(x.text(2, 0).starts_with("Generated: "), "no BIN line when it is not known");
        }

        #[test]
        fn usage_report_has_dates_numbers_megabytes_and_the_total() {
            let record = |t: &str, kind, counterparty: &str, quantity, cost| UsageRecord {
                at: at(t),
                kind,
                counterparty: counterparty.into(),
                quantity,
                cost: Tiyn(cost),
            };
            let report = UsageReport {
                msisdn: "77010542007".into(),
                from: day(1),
                to: day(2),
                kind: UsageKind::All,
                records: vec![
                    record("2026-03-01T05:00:00Z", UsageKind::Calls, "77011112233", 125, 2_500),
                    record("2026-03-01T20:10:30Z", UsageKind::Data, "internet", 1536, 100),
                ],
                total_cost: Tiyn(2_600),
            };
            let x = bytes_of(&usage_table(&report, Language::En, at("2026-03-02T10:00:00Z")));
            let title: Vec<_> = (0..4).map(|r| x.text(r, 0)).collect();
            assert_eq!(
                title,
                [
                    "Usage details",
                    "Number: 77010542007",
                    "Period: 01.03.2026 — 02.03.2026",
                    "Generated: 02.03.2026 15:00:00 (UTC+5)"
                ]
            );
            assert_eq!(x.text(5, 0), "Date and time (UTC+5)");
            assert_eq!(x.text(5, 5), "Cost, ₸");
            // Kazakhstan time, as an Excel date-time.
            assert_eq!(x.datetime(6, 0), local("2026-03-01 10:00:00"));
            assert_eq!(x.number_format(6, 0), DATE_TIME_FORMAT);
            assert_eq!(x.datetime(7, 0), local("2026-03-02 01:10:30"));
            assert_eq!(x.text(6, 1), "Call");
            assert_eq!(x.number(6, 3), 125.0);
            assert_eq!(x.text(6, 4), "s");
            assert_eq!(x.number(7, 3), 1.5, "kilobytes as megabytes");
            assert_eq!(x.text(7, 4), "MB");
            assert_eq!(x.number(6, 5), 25.0);
            assert_eq!(x.number_format(6, 5), MONEY_FORMAT);
            // The total below the filtered data, after an empty row.
            assert_eq!(x.autofilter().as_deref(), Some("A6:F8"));
            assert_eq!(x.frozen_rows(), Some(6));
            assert_eq!(x.text(9, 0), "Total");
            assert!(x.bold(9, 0));
            assert_eq!(x.number(9, 5), 26.0);
        }

        #[test]
        fn payments_report_bytes_read_back() {
            let report = PaymentsReport {
                msisdn: "77010542007".into(),
                from: day(1),
                to: day(2),
                email: "a@b.kz".into(),
                sent_at: at("2026-03-02T04:00:00Z"),
                file_name: payments_file_name("77010542007", day(1), day(2)),
                payments: vec![Payment {
                    at: at("2026-03-01T19:30:05Z"),
                    amount: Tiyn(500_001),
                    channel: PaymentChannel::Kaspi,
                    reference: "П-1".into(),
                }],
                total: Tiyn(500_001),
            };
            let x = Inspected::read(&payments_xlsx(&report, Language::Ru).unwrap());
            assert_eq!(x.sheet_name, "Платежи");
            assert_eq!(x.text(0, 0), "Отчёт по платежам");
            assert_eq!(x.text(1, 0), "Номер: 77010542007");
            assert_eq!(x.text(2, 0), "Период: 01.03.2026 — 02.03.2026");
            assert_eq!(x.text(3, 0), "Сформирован: 02.03.2026 09:00:00 (UTC+5)", "when it was sent");
            assert_eq!(x.text(5, 1), "Сумма, ₸");
            assert_eq!(x.datetime(6, 0), local("2026-03-02 00:30:05"));
            assert_eq!(x.number(6, 1), 5000.01);
            assert_eq!(x.number_format(6, 1), MONEY_FORMAT);
            assert_eq!(x.text(6, 2), "Kaspi.kz");
            assert_eq!(x.text(6, 3), "П-1");
            assert_eq!(x.frozen_rows(), Some(6));
            assert_eq!(x.autofilter().as_deref(), Some("A6:D7"));
            assert_eq!(x.text(8, 0), "Итого");
            assert_eq!(x.number(8, 1), 5000.01);
        }
    }
}
