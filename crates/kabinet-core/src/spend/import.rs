//! Importing the charges breakdown XLSX that the portal makes (the certificate's workbook, whose
//! sheet "Приложение 1" lists each number's charges by service for one account and month), so
//! Spend can be built from files received earlier or by e-mail.
//!
//! The file is read with the one reader of users' spreadsheets (`kabinet_documents::read`,
//! calamine) and recognised by its structure, the words the certificate's writer uses
//! (`kabinet_documents::APPENDIX_*`, the service columns of `rules::breakdown`): the title with
//! the document's date (its month), the account line, the number, tariff, service and total
//! columns, one line per number that adds up, and the totals row that adds the lines up. A file
//! that lacks any of these is refused as `not_a_breakdown`, naming the file and what it lacks,
//! before anything is written.
//!
//! The breakdown has no VAT per line; each line's VAT is its share of the certificate's VAT in
//! the certificate's order (`rules::breakdown::VatShares`), exactly as the charges route shares
//! it, so an imported month equals the fetched one to the tiyn.

use crate::api::{MonthCharges, NumberCharges, ServiceCharge};
use crate::domain::{Phone, Tiyn};
use crate::error::{Error, ErrorCode, Reason, Result};
use crate::rules::breakdown::{service_of_column, VatShares};
use crate::rules::document_months::YearMonth;
use chrono::NaiveDate;
use kabinet_documents::{APPENDIX_ACCOUNT, APPENDIX_NUMBER, APPENDIX_TARIFF, APPENDIX_TITLE, APPENDIX_TOTAL};
use serde::Serialize;
use std::collections::HashSet;

/// One account's month as a breakdown file gives it, each line's VAT shared.
#[derive(Debug, Clone)]
pub struct Breakdown {
    pub account: String,
    pub month: YearMonth,
    /// By the file's order (the certificate's: by number).
    pub lines: Vec<NumberCharges>,
    /// Tiyn.
    pub net: i64,
    pub vat: i64,
}

/// What importing one file did.
#[derive(Debug, Clone, Serialize)]
pub struct Imported {
    /// The file's name, as given.
    pub file: String,
    pub month: YearMonth,
    pub account: String,
    /// Numbers in the file.
    pub numbers: usize,
    /// Of them, numbers not in the company's list as last synced: kept all the same (see
    /// `Spend::import`).
    pub not_in_company: usize,
    /// Tiyn.
    pub net: i64,
    pub vat: i64,
    pub total: i64,
}

/// The refusal of `file`, lacking `missing` (see `Reason::NotABreakdown`).
pub(crate) fn refused(file: &str, missing: &str, detail: impl std::fmt::Display) -> Error {
    Error::refused(
        ErrorCode::InvalidInput,
        Reason::NotABreakdown,
        format!("{file} is not a charges breakdown (Appendix 1 of the certificate): {detail}."),
    )
    .with_field("file")
    .with_param("file", file)
    .with_param("missing", missing)
}

/// A file that could not be read from the disk at all (gone, no permission).
pub fn unreadable(file: &str, e: &std::io::Error) -> Error {
    refused(file, "workbook", format!("it cannot be read: {e}"))
}

/// Reads `bytes` (the file `file`) as a breakdown, or refuses it (see the module's note).
pub fn read(file: &str, bytes: &[u8]) -> Result<Breakdown> {
    use kabinet_documents::read as sheets;
    if !sheets::is_spreadsheet(bytes) {
        return Err(refused(file, "workbook", "it is not an XLSX workbook"));
    }
    let names = sheets::sheet_names(bytes).map_err(|e| refused(file, "workbook", e))?;
    let mut found = None;
    for index in 0..names.len() {
        let rows = sheets::sheet_rows(bytes, index).map_err(|e| refused(file, "workbook", e))?;
        if let Some(header) = rows.iter().position(|r| is_header(r)) {
            found = Some((rows, header));
            break;
        }
    }
    let Some((rows, header_at)) = found else {
        return Err(refused(
            file,
            "columns",
            format!("no sheet has the columns {APPENDIX_NUMBER}, {APPENDIX_TARIFF}, the services and {APPENDIX_TOTAL}"),
        ));
    };
    let title = &rows[..header_at];
    let month =
        title.iter().flatten().find_map(|c| c.strip_prefix(APPENDIX_TITLE).and_then(document_month)).ok_or_else(
            || refused(file, "month", format!("no title \"{APPENDIX_TITLE} … от dd.mm.yyyy\" above the columns")),
        )?;
    let account = title
        .iter()
        .flatten()
        .find_map(|c| account_of(c))
        .ok_or_else(|| refused(file, "account", format!("no \"{APPENDIX_ACCOUNT}\" line above the columns")))?;
    let columns = Columns::of(&rows[header_at]).ok_or_else(|| {
        refused(file, "columns", "a column between the tariff and the total is not a service of the breakdown")
    })?;
    let mut lines = Vec::new();
    let mut seen = HashSet::new();
    let mut shares = VatShares::new(month, 0);
    let (mut net, mut vat) = (0i64, 0i64);
    let mut totals = None;
    for (i, row) in rows.iter().enumerate().skip(header_at + 1) {
        let line = i + 1;
        let cell = |at: usize| row.get(at).map(String::as_str).unwrap_or("");
        if row.iter().all(String::is_empty) {
            continue;
        }
        let bad = |what: &str| refused(file, "rows", format!("row {line}: {what}")).with_param("line", line);
        if cell(columns.number) == APPENDIX_TOTAL {
            totals = Some(columns.amounts(row).ok_or_else(|| bad("the totals are not amounts"))?);
            break;
        }
        let msisdn = Phone::parse(cell(columns.number)).map_err(|_| bad("the number is not a phone number"))?;
        let amounts = columns.amounts(row).ok_or_else(|| bad("an amount is not a number"))?;
        let (services, total) = amounts.split_at(columns.services.len());
        if services.iter().sum::<i64>() != total[0] {
            return Err(bad("the services do not add up to the line's total"));
        }
        if !seen.insert(msisdn.as_str().to_string()) {
            return Err(bad("the number is listed twice"));
        }
        let services: Vec<ServiceCharge> = columns
            .services
            .iter()
            .zip(services)
            .filter(|(_, n)| **n != 0)
            .map(|(service, n)| {
                let share = shares.next(*n);
                vat += share;
                net += n;
                ServiceCharge { service: service.clone(), net: Tiyn(*n), vat: Tiyn(share) }
            })
            .collect();
        lines.push(NumberCharges {
            account: account.clone(),
            msisdn: msisdn.as_str().to_string(),
            tariff: cell(columns.tariff).to_string(),
            months: vec![MonthCharges { month, services }],
        });
    }
    let Some(totals) = totals else {
        return Err(refused(file, "total", format!("no \"{APPENDIX_TOTAL}\" row below the numbers")));
    };
    if lines.is_empty() {
        return Err(refused(file, "rows", "no number is listed").with_param("line", header_at + 2));
    }
    if totals.last() != Some(&net) {
        return Err(refused(file, "total", format!("the lines add up to {net} tiyn, the total row says otherwise")));
    }
    Ok(Breakdown { account, month, lines, net, vat })
}

/// Whether a row is the breakdown's header: the number and tariff columns, at least one service
/// column, and the total.
fn is_header(row: &[String]) -> bool {
    let has = |name: &str| row.iter().any(|c| c == name);
    has(APPENDIX_NUMBER)
        && has(APPENDIX_TARIFF)
        && has(APPENDIX_TOTAL)
        && row.iter().any(|c| service_of_column(c).is_some())
}

/// Where the breakdown's columns are.
struct Columns {
    number: usize,
    tariff: usize,
    /// The service columns, in order, then the total column.
    amount_at: Vec<usize>,
    services: Vec<crate::api::ChargeService>,
}

impl Columns {
    /// The columns of a header row; `None` when a column between the tariff and the total
    /// names no service.
    fn of(header: &[String]) -> Option<Self> {
        let at = |name: &str| header.iter().position(|c| c == name);
        let (number, tariff, total) = (at(APPENDIX_NUMBER)?, at(APPENDIX_TARIFF)?, at(APPENDIX_TOTAL)?);
        let mut amount_at = Vec::new();
        let mut services = Vec::new();
        for (i, cell) in header.iter().enumerate().take(total).skip(tariff + 1) {
            services.push(service_of_column(cell)?);
            amount_at.push(i);
        }
        amount_at.push(total);
        (!services.is_empty()).then_some(Self { number, tariff, amount_at, services })
    }

    /// A row's amounts in tiyn: the services', then the total.
    fn amounts(&self, row: &[String]) -> Option<Vec<i64>> {
        self.amount_at.iter().map(|i| tiyn(row.get(*i).map(String::as_str).unwrap_or(""))).collect()
    }
}

/// Tenge as the workbook stores them (`1990`, `1234.5`; an empty cell is nothing billed) in
/// tiyn.
fn tiyn(cell: &str) -> Option<i64> {
    if cell.is_empty() {
        return Some(0);
    }
    let tenge: f64 = cell.replace([' ', '\u{a0}'], "").replace(',', ".").parse().ok()?;
    (tenge.is_finite() && tenge.abs() < 1e13).then(|| (tenge * 100.0).round() as i64)
}

/// The month of the document's date at the end of the title (`2601-25060854 от 31.01.2026`).
fn document_month(rest: &str) -> Option<YearMonth> {
    let date = rest.rsplit_once(" от ")?.1.trim();
    let day = NaiveDate::parse_from_str(date, "%d.%m.%Y").ok()?;
    YearMonth::new(chrono::Datelike::year(&day), chrono::Datelike::month(&day))
}

/// The account after "лицевой счёт" in a title line.
fn account_of(line: &str) -> Option<String> {
    let (_, rest) = line.split_once(APPENDIX_ACCOUNT)?;
    let digits: String = rest.trim_start().chars().take_while(char::is_ascii_digit).collect();
    (!digits.is_empty()).then_some(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_and_title_parts_read() {
        assert_eq!(tiyn("1990"), Some(199_000));
        assert_eq!(tiyn("1234.56"), Some(123_456));
        assert_eq!(tiyn(""), Some(0));
        assert_eq!(tiyn("abc"), None);
        assert_eq!(document_month(" 2601-25060854 от 31.01.2026"), YearMonth::new(2026, 1));
        assert_eq!(account_of("Расшифровка …, лицевой счёт 25060854, без НДС").as_deref(), Some("25060854"));
        assert_eq!(account_of("лицевой счёт —"), None);
    }

    #[test]
    fn a_csv_and_a_table_without_the_columns_are_refused_naming_what_is_missing() {
        let e = read("labels.csv", b"number;employee\n77012115526;A\n").unwrap_err();
        assert_eq!((e.reason.clone(), e.param("missing")), (Some(Reason::NotABreakdown), Some("workbook")));
        assert_eq!(e.param("file"), Some("labels.csv"));
    }
}
