//! The months the charges (`GET /api/v1/companies/{id}/charges`) can be asked for, one rule for
//! both ends: whole months that have a certificate (`document_months`, since the charges are
//! the certificates' Appendix 1), at most [`MAX_MONTHS`] at once.

use crate::error::{Error, ErrorCode, Result};
use crate::rules::document_months::{self, MonthlyDocument, YearMonth};
use chrono::{DateTime, Utc};

/// The most months one request covers: a year, what Spend shows.
pub const MAX_MONTHS: i64 = 12;

/// Refuses `from..=to` when a month has no certificate at `now` (the certificate's reasons,
/// naming `from` or `to`) or the period is longer than [`MAX_MONTHS`] (`period_too_long`,
/// field `from`, param `max`).
pub fn check(from: YearMonth, to: YearMonth, now: DateTime<Utc>) -> Result<()> {
    document_months::check(MonthlyDocument::ServiceCertificate, from, to, now)?;
    if to.index() - from.index() + 1 > MAX_MONTHS {
        return Err(Error::new(
            ErrorCode::PeriodTooLong,
            format!("The charges can be asked for at most {MAX_MONTHS} months at once."),
        )
        .with_field("from")
        .with_param("max", MAX_MONTHS));
    }
    Ok(())
}

/// The last [`MAX_MONTHS`] months that have a certificate at `now`, oldest first.
pub fn last_year(now: DateTime<Utc>) -> (YearMonth, YearMonth) {
    let last = document_months::available(MonthlyDocument::ServiceCertificate, now).last;
    (last.minus(MAX_MONTHS as u32 - 1), last)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn ym(y: i32, m: u32) -> YearMonth {
        YearMonth::new(y, m).unwrap()
    }

    #[test]
    fn twelve_certificate_months_at_most() {
        // 10 December 2026 in Almaty: November's certificate is out.
        let now = Utc.with_ymd_and_hms(2026, 12, 10, 7, 0, 0).unwrap();
        let (from, to) = last_year(now);
        assert_eq!((from, to), (ym(2025, 12), ym(2026, 11)));
        assert!(check(from, to, now).is_ok());
        let e = check(from.minus(1), to, now).unwrap_err();
        assert_eq!((e.code, e.field.as_deref()), (ErrorCode::PeriodTooLong, Some("from")));
        assert_eq!(check(from, to.next(), now).unwrap_err().code, ErrorCode::NotYetAvailable);
        assert_eq!(check(ym(2017, 12), ym(2018, 2), now).unwrap_err().field.as_deref(), Some("from"));
    }
}
