//! What a company report request needs, per kind, written once: the client checks it before
//! sending, the sandbox refuses by it when the request arrives. The kinds' own period rules live
//! in their modules (`payments_period`, `document_months`); this file only says which applies.
//!
//! - List of numbers, registered devices: an e-mail.
//! - Payments: an e-mail, a period within the last three months, and the payment type
//!   (credit or advance numbers).
//! - Atlas Pro detailing: an e-mail and a period of past days of the last twelve months
//!   (`history_period`, shared with the actions history).
//! - Reconciliation: an e-mail and a period of whole months within the last 12 whose documents
//!   are ready (`document_months`, the previous month's after the 3rd); PDF or XLSX.
//!
//! The file's format, when asked, must be one the kind is made in (`ReportKind::formats`).

use super::document_months::{self, MonthlyDocument};
use super::payments_period;
use crate::api::{ReportKind, ReportRequest};
use crate::domain::Email;
use crate::error::{Error, ErrorCode, Result};
use chrono::{DateTime, NaiveDate, Utc};

/// Checks `req` at `now`; a refusal names its field (`email`, `from`, `to`, `payment_method`,
/// `format`).
pub fn check(req: &ReportRequest, now: DateTime<Utc>) -> Result<()> {
    Email::parse(&req.email).map_err(|e| Error::from(e).with_field("email"))?;
    if let Some(format) = req.format {
        let offered = req.kind.formats();
        if !offered.contains(&format) {
            let names: Vec<String> = offered.iter().map(|f| f.as_str().to_uppercase()).collect();
            return Err(Error::invalid_field(
                ErrorCode::InvalidInput,
                "format",
                format!("This report is made as {} only.", names.join(" or ")),
            ));
        }
    }
    match &req.kind {
        ReportKind::Numbers | ReportKind::Devices => Ok(()),
        ReportKind::Payments => {
            let (from, to) = period(req)?;
            payments_period::check(from, to, now)?;
            match req.payment_method {
                Some(ref m) if !matches!(m, crate::api::PaymentMethod::Unknown(_)) => Ok(()),
                _ => Err(Error::invalid_field(
                    ErrorCode::InvalidInput,
                    "payment_method",
                    "Choose the payments type: credit or advance numbers.",
                )),
            }
        }
        ReportKind::AtlasPro => {
            let (from, to) = period(req)?;
            atlas_pro_period(from, to, now)
        }
        ReportKind::Reconciliation => {
            let (from, to) = period(req)?;
            document_months::check_days(MonthlyDocument::Reconciliation, from, to, now)
        }
        ReportKind::Unknown(raw) => {
            Err(Error::invalid_field(ErrorCode::InvalidInput, "kind", format!("There is no report \"{raw}\".")))
        }
    }
}

/// The Atlas Pro detailing covers past days of the last twelve months: the rule the actions
/// history has too (`history_period`), written once there.
pub fn atlas_pro_period(from: NaiveDate, to: NaiveDate, now: DateTime<Utc>) -> Result<()> {
    super::history_period::check(from, to, now)
}

/// What the UI offers before anything is asked, from the same rules: each report's allowed
/// days or months at `now`, and the defaults.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ReportBounds {
    pub payments: payments_period::PeriodBounds,
    pub atlas_pro: payments_period::PeriodBounds,
    /// The actions history's period (not a report, but the same tab and the same kind of rule).
    pub actions_history: payments_period::PeriodBounds,
    pub reconciliation: document_months::MonthRange,
    pub certificate: document_months::MonthRange,
    pub register: document_months::MonthRange,
}

/// The bounds at `now`.
pub fn bounds(now: DateTime<Utc>) -> ReportBounds {
    ReportBounds {
        payments: payments_period::bounds(now),
        atlas_pro: super::history_period::bounds(now),
        actions_history: super::history_period::bounds(now),
        reconciliation: document_months::available(MonthlyDocument::Reconciliation, now),
        certificate: document_months::available(MonthlyDocument::ServiceCertificate, now),
        register: document_months::available(MonthlyDocument::InvoiceRegister, now),
    }
}

/// The period a kind with one needs: both dates, each named when missing.
fn period(req: &ReportRequest) -> Result<(NaiveDate, NaiveDate)> {
    let missing = |field: &str| Error::invalid_field(ErrorCode::InvalidInput, field, "Choose the period's dates.");
    Ok((req.from.ok_or_else(|| missing("from"))?, req.to.ok_or_else(|| missing("to"))?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::PaymentMethod;
    use crate::error::Reason;
    use chrono::TimeZone;

    fn kz(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        crate::kz::offset().with_ymd_and_hms(y, m, d, h, 0, 0).unwrap().with_timezone(&Utc)
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn req(kind: ReportKind, from: Option<NaiveDate>, to: Option<NaiveDate>) -> ReportRequest {
        ReportRequest { kind, from, to, email: "buh@kabinet.kz".into(), payment_method: None, format: None }
    }

    fn field(r: Result<()>) -> Option<String> {
        r.unwrap_err().field.map(String::from)
    }

    #[test]
    fn every_kind_needs_an_address() {
        let mut r = req(ReportKind::Numbers, None, None);
        assert!(check(&r, kz(2026, 11, 25, 12)).is_ok());
        r.email = "buh@".into();
        assert_eq!(field(check(&r, kz(2026, 11, 25, 12))).as_deref(), Some("email"));
        let unknown = req(ReportKind::Unknown("x".into()), None, None);
        assert_eq!(field(check(&unknown, kz(2026, 11, 25, 12))).as_deref(), Some("kind"));
    }

    #[test]
    fn the_reconciliation_comes_as_pdf_or_xlsx_and_the_others_as_xlsx() {
        use crate::api::FileFormat;
        let now = kz(2026, 11, 25, 12);
        let mut r = req(ReportKind::Reconciliation, Some(day(2026, 9, 1)), Some(day(2026, 10, 31)));
        assert_eq!(r.file_format(), FileFormat::Pdf, "PDF unless asked");
        for format in [FileFormat::Pdf, FileFormat::Xlsx] {
            r.format = Some(format);
            assert!(check(&r, now).is_ok(), "{format:?}");
            assert_eq!(r.file_format(), format);
        }
        let mut numbers = req(ReportKind::Numbers, None, None);
        numbers.format = Some(FileFormat::Xlsx);
        assert!(check(&numbers, now).is_ok());
        numbers.format = Some(FileFormat::Pdf);
        let e = check(&numbers, now).unwrap_err();
        assert_eq!((e.field.as_deref(), e.message.as_str()), (Some("format"), "This report is made as XLSX only."));
        assert_eq!(req(ReportKind::Numbers, None, None).file_format(), FileFormat::Xlsx);
    }

    #[test]
    fn payments_need_three_months_and_a_payments_type() {
        let now = kz(2026, 11, 25, 12);
        let mut r = req(ReportKind::Payments, Some(day(2026, 8, 25)), Some(day(2026, 11, 25)));
        assert_eq!(field(check(&r, now)).as_deref(), Some("payment_method"));
        r.payment_method = Some(PaymentMethod::Advance);
        assert!(check(&r, now).is_ok());
        r.from = Some(day(2026, 8, 24));
        assert_eq!(check(&r, now).unwrap_err().reason, Some(Reason::PaymentsOlderThanThreeMonths));
        r.from = None;
        assert_eq!(field(check(&r, now)).as_deref(), Some("from"));
    }

    #[test]
    fn a_reconciliation_covers_ready_months_of_the_last_twelve() {
        // Midnight after the 3rd in Kazakhstan: October becomes available.
        let r = req(ReportKind::Reconciliation, Some(day(2026, 10, 1)), Some(day(2026, 10, 31)));
        let e = check(&r, kz(2026, 11, 3, 23)).unwrap_err();
        assert_eq!((e.reason, e.field.as_deref()), (Some(Reason::DocumentNotReadyYet), Some("to")));
        assert!(check(&r, kz(2026, 11, 4, 0)).is_ok());
        let old = req(ReportKind::Reconciliation, Some(day(2025, 10, 31)), Some(day(2026, 10, 31)));
        assert_eq!(check(&old, kz(2026, 11, 25, 12)).unwrap_err().reason, Some(Reason::MonthTooOld));
        let year = req(ReportKind::Reconciliation, Some(day(2025, 11, 1)), Some(day(2026, 10, 31)));
        assert!(check(&year, kz(2026, 11, 25, 12)).is_ok());
    }

    #[test]
    fn atlas_pro_covers_past_days_of_the_last_year() {
        let now = kz(2026, 11, 25, 12);
        assert!(atlas_pro_period(day(2025, 11, 25), day(2026, 11, 25), now).is_ok());
        assert_eq!(field(atlas_pro_period(day(2025, 11, 24), day(2026, 11, 25), now)).as_deref(), Some("from"));
        assert_eq!(field(atlas_pro_period(day(2026, 11, 1), day(2026, 11, 26), now)).as_deref(), Some("to"));
        assert_eq!(field(atlas_pro_period(day(2026, 11, 2), day(2026, 11, 1), now)).as_deref(), Some("to"));
    }
}
