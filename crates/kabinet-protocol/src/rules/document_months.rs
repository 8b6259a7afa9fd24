//! Which months a document of the company exists for, in Kazakhstan time (the manual's
//! "Documents & Reports" notes), written once: the sandbox refuses by it, the client checks it
//! before asking, and the UI offers only these months (through a command), saying why.
//!
//! - Service delivery certificates (and Appendix 1) exist from January 2018; the previous
//!   month's is available after the 5th of the month.
//! - The invoice register: from January 2018 too (the billing data starts there); the previous
//!   month's after the 3rd.
//! - The reconciliation statement: the last 12 months; the previous month's after the 3rd.
//!
//! "After the 5th" is read as from the 6th at 00:00 in Kazakhstan (the 5th is still the day the
//! operator prepares them). The current month never has a document: it is not over.

use crate::error::{Error, ErrorCode, Reason, Result};
use crate::kz;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct YearMonth {
    pub year: i32,
    /// 1 to 12.
    pub month: u32,
}

impl YearMonth {
    pub fn new(year: i32, month: u32) -> Option<Self> {
        ((1..=12).contains(&month) && (1..=9999).contains(&year)).then_some(Self { year, month })
    }

    /// The month `n` months before this one.
    pub fn minus(self, n: u32) -> Self {
        let index = self.year * 12 + self.month as i32 - 1 - n as i32;
        Self { year: index.div_euclid(12), month: index.rem_euclid(12) as u32 + 1 }
    }

    /// The month of a date in Kazakhstan.
    pub fn of(now: DateTime<Utc>) -> Self {
        let today = kz::today(now);
        Self { year: today.year(), month: today.month() }
    }
}

impl std::fmt::Display for YearMonth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// The company documents whose months are ruled here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MonthlyDocument {
    ServiceCertificate,
    InvoiceRegister,
    Reconciliation,
}

impl MonthlyDocument {
    /// The day of the month after which the previous month's document is available.
    fn ready_after_day(self) -> u32 {
        match self {
            Self::ServiceCertificate => 5,
            Self::InvoiceRegister | Self::Reconciliation => 3,
        }
    }
}

/// The months a document exists for at `now`: the first and the last, both included, and why a
/// later month is not there yet (what the UI says before asking, [`MonthRange::late_reason`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthRange {
    pub first: YearMonth,
    pub last: YearMonth,
    /// This month in Kazakhstan: it and every later month are not over.
    pub not_over_from: YearMonth,
    /// Last month's document is available after this day of the month.
    pub ready_after_day: u32,
}

impl MonthRange {
    /// Why `month`, after [`Self::last`], is not available: it is not over yet, or it is over
    /// and its document comes after [`Self::ready_after_day`].
    pub fn late_reason(&self, month: YearMonth) -> Reason {
        if month >= self.not_over_from {
            Reason::MonthNotOver
        } else {
            Reason::DocumentNotReadyYet
        }
    }
}

/// The first certificate month.
pub const CERTIFICATES_FROM: YearMonth = YearMonth { year: 2018, month: 1 };

/// The months `document` is available for at `now`, in Kazakhstan time.
pub fn available(document: MonthlyDocument, now: DateTime<Utc>) -> MonthRange {
    let this_month = YearMonth::of(now);
    let day = kz::today(now).day();
    let last = if day > document.ready_after_day() { this_month.minus(1) } else { this_month.minus(2) };
    let first = match document {
        // The billing data, and so every invoice, starts with the certificates.
        MonthlyDocument::ServiceCertificate | MonthlyDocument::InvoiceRegister => CERTIFICATES_FROM,
        // Twelve months back from this one: "the last 12 months".
        MonthlyDocument::Reconciliation => this_month.minus(12),
    };
    MonthRange { first, last, not_over_from: this_month, ready_after_day: document.ready_after_day() }
}

/// Refuses a month range (`from` to `to`, both included) the document does not cover at `now`,
/// naming the field and the rule.
pub fn check(document: MonthlyDocument, from: YearMonth, to: YearMonth, now: DateTime<Utc>) -> Result<()> {
    let range = available(document, now);
    if from > to {
        return Err(Error::invalid_field(ErrorCode::InvalidInput, "from", "The first month is after the last one."));
    }
    if to > range.last {
        return Err(Error::refused(
            ErrorCode::NotYetAvailable,
            range.late_reason(to),
            format!("{to} is not available yet: the latest available month is {}.", range.last),
        )
        .with_field("to")
        .with_param("last", range.last)
        .with_param("day", document.ready_after_day()));
    }
    if from < range.first {
        return Err(Error::refused(
            ErrorCode::PeriodTooLong,
            Reason::MonthTooOld,
            format!("{from} is too old: the earliest available month is {}.", range.first),
        )
        .with_field("from")
        .with_param("first", range.first));
    }
    Ok(())
}

/// A period of days (`from` to `to`, both included, Kazakhstan calendar) the document must
/// cover whole months of: the reconciliation statement. Each day's month must be available, so
/// "the last 12 months" starts on the 1st of the month 12 months back and the period ends at
/// the latest on the last available month's last day. A reversed period names `from`.
pub fn check_days(document: MonthlyDocument, from: NaiveDate, to: NaiveDate, now: DateTime<Utc>) -> Result<()> {
    if from > to {
        return Err(Error::refused(
            ErrorCode::InvalidInput,
            Reason::PeriodReversed,
            "The period ends before it begins.",
        )
        .with_field("from"));
    }
    let month = |d: NaiveDate| YearMonth { year: d.year(), month: d.month() };
    check(document, month(from), month(to), now)
}

/// The first and the last day `document` can cover at `now` ([`check_days`]'s bounds).
pub fn available_days(document: MonthlyDocument, now: DateTime<Utc>) -> (NaiveDate, NaiveDate) {
    let range = available(document, now);
    (range.first.first_day(), range.last.last_day())
}

impl YearMonth {
    /// The month's first day.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("a checked month")
    }

    /// The month's last day.
    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().expect("not the first day ever")
    }

    /// The month after this one.
    pub fn next(self) -> Self {
        if self.month == 12 {
            Self { year: self.year + 1, month: 1 }
        } else {
            Self { year: self.year, month: self.month + 1 }
        }
    }

    /// Months since January of year 0: consecutive months differ by one.
    pub fn index(self) -> i64 {
        i64::from(self.year) * 12 + i64::from(self.month) - 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use MonthlyDocument::*;

    /// A moment in Kazakhstan time (UTC+5).
    fn kz(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        kz::offset().with_ymd_and_hms(y, m, d, h, min, 0).unwrap().with_timezone(&Utc)
    }

    fn ym(year: i32, month: u32) -> YearMonth {
        YearMonth::new(year, month).unwrap()
    }

    #[test]
    fn the_previous_months_certificate_comes_at_midnight_after_the_5th() {
        assert_eq!(available(ServiceCertificate, kz(2026, 11, 5, 23, 59)).last, ym(2026, 9));
        assert_eq!(available(ServiceCertificate, kz(2026, 11, 6, 0, 0)).last, ym(2026, 10));
        // 5 November 19:00 UTC is already the 6th in Almaty.
        let utc = Utc.with_ymd_and_hms(2026, 11, 5, 19, 0, 0).unwrap();
        assert_eq!(available(ServiceCertificate, utc).last, ym(2026, 10));
    }

    #[test]
    fn the_register_and_the_reconciliation_come_at_midnight_after_the_3rd() {
        for document in [InvoiceRegister, Reconciliation] {
            assert_eq!(available(document, kz(2026, 1, 3, 23, 59)).last, ym(2025, 11), "{document:?}");
            assert_eq!(available(document, kz(2026, 1, 4, 0, 0)).last, ym(2025, 12), "{document:?}");
        }
    }

    #[test]
    fn certificates_start_in_january_2018_and_reconciliations_12_months_back() {
        let now = kz(2026, 11, 25, 12, 0);
        assert_eq!(available(ServiceCertificate, now).first, ym(2018, 1));
        assert!(check(ServiceCertificate, ym(2018, 1), ym(2018, 1), now).is_ok());
        let e = check(ServiceCertificate, ym(2017, 12), ym(2018, 1), now).unwrap_err();
        assert_eq!(
            (e.code, e.reason, e.field.as_deref()),
            (ErrorCode::PeriodTooLong, Some(Reason::MonthTooOld), Some("from"))
        );
        assert_eq!(available(Reconciliation, now).first, ym(2025, 11));
        assert!(check(Reconciliation, ym(2025, 11), ym(2026, 10), now).is_ok());
        assert_eq!(check(Reconciliation, ym(2025, 10), ym(2026, 10), now).unwrap_err().field.as_deref(), Some("from"));
    }

    #[test]
    fn a_month_not_ready_or_not_over_is_refused_with_its_reason() {
        let now = kz(2026, 11, 5, 12, 0);
        let e = check(ServiceCertificate, ym(2026, 10), ym(2026, 10), now).unwrap_err();
        assert_eq!((e.code, e.reason), (ErrorCode::NotYetAvailable, Some(Reason::DocumentNotReadyYet)));
        assert_eq!(e.code.http_status(), 422);
        let e = check(ServiceCertificate, ym(2026, 11), ym(2026, 11), now).unwrap_err();
        assert_eq!(e.reason, Some(Reason::MonthNotOver));
        let e = check(InvoiceRegister, ym(2026, 9), ym(2026, 8), now).unwrap_err();
        assert_eq!((e.code, e.field.as_deref()), (ErrorCode::InvalidInput, Some("from")));
    }

    #[test]
    fn the_range_says_why_a_later_month_is_not_there() {
        // 2 December: November is over but not ready until after the 3rd; December is not over.
        let range = available(Reconciliation, kz(2026, 12, 2, 12, 0));
        assert_eq!((range.last, range.not_over_from, range.ready_after_day), (ym(2026, 10), ym(2026, 12), 3));
        assert_eq!(range.late_reason(ym(2026, 11)), Reason::DocumentNotReadyYet);
        assert_eq!(range.late_reason(ym(2026, 12)), Reason::MonthNotOver);
        assert_eq!(range.late_reason(ym(2027, 1)), Reason::MonthNotOver);
        // The UI gets it with the bounds, as the wire names it.
        let json = serde_json::to_value(available(Reconciliation, kz(2026, 12, 10, 12, 0))).unwrap();
        assert_eq!(json["not_over_from"], serde_json::json!({"year": 2026, "month": 12}));
        assert_eq!(json["ready_after_day"], 3);
        assert_eq!(json["last"], serde_json::json!({"year": 2026, "month": 11}));
    }

    #[test]
    fn a_reconciliation_period_of_days_covers_available_months_only() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let now = kz(2026, 11, 4, 0, 0);
        assert_eq!(available_days(Reconciliation, now), (day(2025, 11, 1), day(2026, 10, 31)));
        assert!(check_days(Reconciliation, day(2025, 11, 1), day(2026, 10, 31), now).is_ok());
        let e = check_days(Reconciliation, day(2025, 10, 31), day(2026, 1, 1), now).unwrap_err();
        assert_eq!((e.reason, e.field.as_deref()), (Some(Reason::MonthTooOld), Some("from")));
        let e = check_days(Reconciliation, day(2026, 10, 1), day(2026, 11, 1), now).unwrap_err();
        assert_eq!((e.reason, e.field.as_deref()), (Some(Reason::MonthNotOver), Some("to")));
        // One minute earlier, the 3rd in Almaty: October is not ready.
        let e = check_days(Reconciliation, day(2026, 10, 1), day(2026, 10, 31), kz(2026, 11, 3, 23, 59)).unwrap_err();
        assert_eq!((e.reason, e.field.as_deref()), (Some(Reason::DocumentNotReadyYet), Some("to")));
        let e = check_days(Reconciliation, day(2026, 10, 2), day(2026, 10, 1), now).unwrap_err();
        assert_eq!((e.reason, e.field.as_deref()), (Some(Reason::PeriodReversed), Some("from")));
    }

    #[test]
    fn months_know_their_days() {
        assert_eq!(ym(2024, 2).last_day(), NaiveDate::from_ymd_opt(2024, 2, 29).unwrap());
        assert_eq!(ym(2025, 12).last_day(), NaiveDate::from_ymd_opt(2025, 12, 31).unwrap());
        assert_eq!(ym(2025, 12).next(), ym(2026, 1));
        assert_eq!(ym(2026, 1).index() - ym(2025, 12).index(), 1);
    }

    #[test]
    fn months_count_back_across_years() {
        assert_eq!(ym(2026, 1).minus(1), ym(2025, 12));
        assert_eq!(ym(2026, 1).minus(12), ym(2025, 1));
        assert_eq!(ym(2026, 3).minus(26), ym(2024, 1));
        assert_eq!(YearMonth::new(2026, 13), None);
    }
}
