//! Files people take elsewhere: the numbers list as XLSX or CSV, and usage reports as XLSX.
//!
//! Money goes out as numbers of tenge with two decimals (a number format, so spreadsheets can
//! sum it), computed from integer tiyn. Files are written next to their destination and renamed
//! into place, so a failed export never leaves half a file under the user's chosen name. Files
//! are readable by their owner only (0600 on Unix, [`crate::private_fs`]).

use crate::api::{NumberState, NumberSummary, PaymentMethod, UsageKind, UsageReport};
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

fn csv_field(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

/// The numbers list as CSV (UTF-8 with a BOM, so spreadsheet programs read Cyrillic right).
pub fn numbers_csv(path: &Path, numbers: &[NumberSummary], lang: Language) -> Result<()> {
    write_atomically(path, |tmp| {
        let file = private_fs::create_private_file(tmp).map_err(export_error)?;
        let mut out = std::io::BufWriter::new(file);
        let amount = |t: Option<Tiyn>| t.map(|t| format!("{}.{:02}", t.0 / 100, (t.0 % 100).abs())).unwrap_or_default();
        let mut text = String::from("\u{feff}");
        text.push_str(&numbers_headers(lang).map(csv_field).join(","));
        text.push_str("\r\n");
        out.write_all(text.as_bytes()).map_err(export_error)?;
        for n in numbers {
            let fields = [
                n.msisdn.clone(),
                n.account.clone(),
                n.tariff.clone(),
                payment_label(&n.payment_method, lang).into(),
                state_label(&n.state, lang).into(),
                amount(n.available_funds),
                amount(Some(n.balance)),
            ];
            let line = fields.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(",");
            out.write_all(line.as_bytes()).and_then(|()| out.write_all(b"\r\n")).map_err(export_error)?;
        }
        out.flush().map_err(export_error)
    })
}

/// A usage report as XLSX: one row per record, and the total.
pub fn usage_xlsx(path: &Path, report: &UsageReport, lang: Language) -> Result<()> {
    write_atomically(path, |tmp| {
        let mut book = Workbook::new();
        let bold = Format::new().set_bold();
        let money = Format::new().set_num_format("#,##0.00");
        let when = Format::new().set_num_format("dd.mm.yyyy hh:mm:ss");
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
            let (kind, unit) = match (r.kind, ru) {
                (UsageKind::Calls, false) => ("Call", "s"),
                (UsageKind::Sms, false) => ("SMS", "pcs"),
                (UsageKind::Data, false) => ("Data", "KB"),
                (UsageKind::Calls, true) => ("Звонок", "с"),
                (UsageKind::Sms, true) => ("SMS", "шт"),
                (UsageKind::Data, true) => ("Интернет", "КБ"),
                (UsageKind::All, _) => ("", ""),
            };
            sheet.write_string(row, 1, kind)?;
            sheet.write_string(row, 2, &r.counterparty)?;
            sheet.write_number(row, 3, r.quantity as f64)?;
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

    #[test]
    fn csv_quotes_and_keeps_tiyn_exact() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("numbers.csv");
        numbers_csv(&path, &[sample()], Language::En).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        let line = text.lines().nth(1).unwrap();
        assert_eq!(line, "77010542007,25060830,\"Корпоративный, \"\"безлимит\"\"\",Credit,Active,446.00,8476.90");
        assert!(text.starts_with('\u{feff}'));
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
