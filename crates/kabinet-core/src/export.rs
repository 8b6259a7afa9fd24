//! Files people take elsewhere: the numbers list as XLSX or CSV, usage reports as XLSX, and the
//! payments report as XLSX bytes (the sandbox attaches them to its e-mail, the app keeps them in
//! the cache).
//!
//! Money goes out as numbers of tenge with two decimals (a number format, so spreadsheets can
//! sum it), computed from integer tiyn. Files are written next to their destination and renamed
//! into place, so a failed export never leaves half a file under the user's chosen name. Files
//! are readable by their owner only (0600 on Unix, [`crate::private_fs`]).

use crate::api::{NumberState, NumberSummary, PaymentChannel, PaymentMethod, PaymentsReport, UsageKind, UsageReport};
use crate::domain::Tiyn;
use crate::error::{Error, ErrorCode, Result};
use crate::private_fs;
use crate::settings::Language;
use rust_xlsxwriter::{Format, Workbook, XlsxError};
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

/// Writes the numbers list in `format`.
pub fn numbers_file(path: &Path, numbers: &[NumberSummary], lang: Language, format: ListFormat) -> Result<()> {
    match format {
        ListFormat::Xlsx => numbers_xlsx(path, numbers, lang),
        ListFormat::Csv => numbers_csv(path, numbers, lang),
    }
}

fn export_error(e: impl std::fmt::Display) -> Error {
    Error::new(ErrorCode::Internal, format!("The file could not be written: {e}"))
}

impl From<XlsxError> for Error {
    fn from(e: XlsxError) -> Self {
        export_error(e)
    }
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

fn tenge(t: Tiyn) -> f64 {
    // Display only: i64 tiyn of any real amount is exact in f64.
    t.0 as f64 / 100.0
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

/// The numbers list as XLSX, the columns of the portal's list.
pub fn numbers_xlsx(path: &Path, numbers: &[NumberSummary], lang: Language) -> Result<()> {
    write_atomically(path, |tmp| {
        let mut book = Workbook::new();
        let bold = Format::new().set_bold();
        let money = Format::new().set_num_format("#,##0.00");
        let sheet = book.add_worksheet_with_constant_memory()?;
        sheet.set_name(if lang == Language::Ru { "Номера" } else { "Numbers" })?;
        for (col, header) in numbers_headers(lang).iter().enumerate() {
            sheet.write_string_with_format(0, col as u16, *header, &bold)?;
        }
        for (i, n) in numbers.iter().enumerate() {
            let row = i as u32 + 1;
            sheet.write_string(row, 0, &n.msisdn)?;
            sheet.write_string(row, 1, &n.account)?;
            sheet.write_string(row, 2, &n.tariff)?;
            sheet.write_string(row, 3, payment_label(&n.payment_method, lang))?;
            sheet.write_string(row, 4, state_label(&n.state, lang))?;
            if let Some(f) = n.available_funds {
                sheet.write_number_with_format(row, 5, tenge(f), &money)?;
            }
            sheet.write_number_with_format(row, 6, tenge(n.balance), &money)?;
        }
        book.save(tmp)?;
        Ok(())
    })
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

/// A usage report as XLSX: one row per record, and the total.
pub fn usage_xlsx(path: &Path, report: &UsageReport, lang: Language) -> Result<()> {
    write_atomically(path, |tmp| {
        let mut book = Workbook::new();
        let bold = Format::new().set_bold();
        let money = Format::new().set_num_format("#,##0.00");
        let when = Format::new().set_num_format("dd.mm.yyyy hh:mm:ss");
        let megabytes = Format::new().set_num_format("0.00");
        let sheet = book.add_worksheet();
        let ru = lang == Language::Ru;
        sheet.write_string_with_format(0, 0, if ru { "Детализация" } else { "Usage details" }, &bold)?;
        sheet.write_string(0, 1, &report.msisdn)?;
        sheet.write_string(1, 0, if ru { "Период" } else { "Period" })?;
        sheet.write_string(1, 1, format!("{} — {}", report.from, report.to))?;
        let headers = if ru {
            ["Дата и время (UTC+5)", "Тип", "Номер / точка доступа", "Количество", "Единица", "Стоимость, ₸"]
        } else {
            ["Date and time (UTC+5)", "Type", "Number / access point", "Quantity", "Unit", "Cost, ₸"]
        };
        for (col, h) in headers.iter().enumerate() {
            sheet.write_string_with_format(3, col as u16, *h, &bold)?;
        }
        for (i, r) in report.records.iter().enumerate() {
            let row = i as u32 + 4;
            let local = r.at.with_timezone(&crate::kz::offset()).naive_local();
            sheet.write_datetime_with_format(row, 0, local, &when)?;
            let (kind, unit) = usage_kind_and_unit(r.kind, lang);
            sheet.write_string(row, 1, kind)?;
            sheet.write_string(row, 2, &r.counterparty)?;
            if r.kind == UsageKind::Data {
                // Kilobytes on the wire, megabytes as the allowances show them.
                sheet.write_number_with_format(row, 3, r.quantity as f64 / 1024.0, &megabytes)?;
            } else {
                sheet.write_number(row, 3, r.quantity as f64)?;
            }
            sheet.write_string(row, 4, unit)?;
            sheet.write_number_with_format(row, 5, tenge(r.cost), &money)?;
        }
        let total_row = report.records.len() as u32 + 4;
        sheet.write_string_with_format(total_row, 0, if ru { "Итого" } else { "Total" }, &bold)?;
        sheet.write_number_with_format(total_row, 5, tenge(report.total_cost), &money)?;
        sheet.set_column_width(0, 22)?;
        sheet.set_column_width(2, 24)?;
        book.save(tmp)?;
        Ok(())
    })
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

/// The payments report as XLSX bytes: the number, the period, one row per payment (date and
/// time in Kazakhstan, amount in tenge, method, document number) and the total. Bytes, not a
/// file: the sandbox attaches them to an e-mail and the app keeps them in its cache.
pub fn payments_xlsx(report: &PaymentsReport, lang: Language) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let money = Format::new().set_num_format("#,##0.00");
    let when = Format::new().set_num_format("dd.mm.yyyy hh:mm");
    let sheet = book.add_worksheet();
    let ru = lang == Language::Ru;
    sheet.set_name(if ru { "Платежи" } else { "Payments" })?;
    sheet.write_string_with_format(0, 0, if ru { "Отчёт по платежам" } else { "Payments report" }, &bold)?;
    sheet.write_string(0, 1, &report.msisdn)?;
    sheet.write_string(1, 0, if ru { "Период" } else { "Period" })?;
    sheet.write_string(1, 1, format!("{} — {}", report.from, report.to))?;
    let headers = if ru {
        ["Дата и время (UTC+5)", "Сумма, ₸", "Способ оплаты", "Номер документа"]
    } else {
        ["Date and time (UTC+5)", "Amount, ₸", "Payment method", "Document number"]
    };
    for (col, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(3, col as u16, *h, &bold)?;
    }
    for (i, p) in report.payments.iter().enumerate() {
        let row = i as u32 + 4;
        sheet.write_datetime_with_format(row, 0, p.at.with_timezone(&crate::kz::offset()).naive_local(), &when)?;
        sheet.write_number_with_format(row, 1, tenge(p.amount), &money)?;
        sheet.write_string(row, 2, channel_label(&p.channel, lang))?;
        sheet.write_string(row, 3, &p.reference)?;
    }
    let total_row = report.payments.len() as u32 + 4;
    sheet.write_string_with_format(total_row, 0, if ru { "Итого" } else { "Total" }, &bold)?;
    sheet.write_number_with_format(total_row, 1, tenge(report.total), &money)?;
    sheet.set_column_width(0, 22)?;
    sheet.set_column_width(1, 14)?;
    sheet.set_column_width(2, 20)?;
    sheet.set_column_width(3, 18)?;
    Ok(book.save_to_buffer()?)
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
        numbers_xlsx(&path, &[sample()], Language::Ru).unwrap();
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
            numbers_file(&path, &[sample()], Language::En, format).unwrap();
            assert_eq!(mode_of(&path).unwrap(), 0o600, "{name}");
        }
    }
}
