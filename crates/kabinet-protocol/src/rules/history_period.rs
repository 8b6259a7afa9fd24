//! The period of the company's actions history and of the Atlas Pro detailing, one rule for both
//! ends (the sandbox refuses by it, the client checks it before asking, the UI offers only these
//! dates through a command): whole days in Kazakhstan time (`kz.rs`), from no earlier than today
//! twelve months ago ([`earliest`]; the 29 February gives the 28th a year before), to no later
//! than today, from no later than to. The manual names no limit for either; twelve months is the
//! portal's span for its other company documents (the reconciliation statement), so a year back
//! is what an accountant can count on.
//!
//! Each refusal names the date it is about (`field`: `from` or `to`) and its rule (`reason`), as
//! `payments_period` does, so a form shows it under that date. Only comparisons are made on the
//! dates asked for, so no date of the calendar can overflow.

use crate::error::{Reason, Result};
use chrono::{DateTime, Months, NaiveDate, Utc};

pub use super::payments_period::PeriodBounds;

/// How many months back the history can be asked for.
pub const MONTHS: u32 = 12;

/// The first day a period can start on at `now`: today twelve months ago (Kazakhstan).
pub fn earliest(now: DateTime<Utc>) -> NaiveDate {
    crate::kz::today(now).checked_sub_months(Months::new(MONTHS)).unwrap_or(NaiveDate::MIN)
}

/// The bounds and the default (the last month: today a month ago to today, as the manual's
/// example 24-12-2021 → 24-01-2022) at `now`.
pub fn bounds(now: DateTime<Utc>) -> PeriodBounds {
    let today = crate::kz::today(now);
    PeriodBounds {
        earliest: earliest(now),
        latest: today,
        default_from: today.checked_sub_months(Months::new(1)).unwrap_or(today),
        default_to: today,
    }
}

/// Checks the period `from..=to` at `now`. Refusals, each naming its date (`field`):
/// - a date after today: `invalid_input`, reason `period_in_future` (param `today`);
/// - `from` after `to`: `invalid_input`, reason `period_reversed` (field `to`);
/// - `from` before [`earliest`]: `period_too_long`, reason `period_older_than_twelve_months`
///   (param `earliest`).
pub fn check(from: NaiveDate, to: NaiveDate, now: DateTime<Utc>) -> Result<()> {
    let earliest = earliest(now);
    super::payments_period::check_days(
        from,
        to,
        crate::kz::today(now),
        earliest,
        Reason::PeriodOlderThanTwelveMonths,
        || format!("Only the last twelve months can be asked for: from {earliest} on."),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;
    use chrono::TimeZone;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn kz_midnight(y: i32, m: u32, day: u32) -> DateTime<Utc> {
        crate::kz::offset().with_ymd_and_hms(y, m, day, 0, 0, 0).single().unwrap().with_timezone(&Utc)
    }

    fn refusal(from: NaiveDate, to: NaiveDate, now: DateTime<Utc>) -> Option<(ErrorCode, Reason, String)> {
        check(from, to, now).err().map(|e| (e.code, e.reason.unwrap(), e.field.unwrap().into()))
    }

    #[test]
    fn twelve_months_back_moves_at_midnight_in_kazakhstan() {
        let midnight = kz_midnight(2026, 5, 20);
        let before = midnight - chrono::Duration::seconds(1);
        // 19 May 23:59:59 in Almaty: the earliest day is 19 May 2025.
        assert_eq!(earliest(before), d(2025, 5, 19));
        assert!(check(d(2025, 5, 19), d(2026, 5, 19), before).is_ok());
        assert_eq!(
            refusal(d(2025, 5, 18), d(2026, 5, 19), before),
            Some((ErrorCode::PeriodTooLong, Reason::PeriodOlderThanTwelveMonths, "from".into()))
        );
        // At midnight it is 20 May: 19 May 2025 is too old now, and 20 May 2026 no longer future.
        assert_eq!(refusal(d(2025, 5, 19), d(2026, 5, 19), midnight).unwrap().1, Reason::PeriodOlderThanTwelveMonths);
        assert!(check(d(2025, 5, 20), d(2026, 5, 20), midnight).is_ok());
        assert_eq!(
            refusal(d(2026, 5, 20), d(2026, 5, 20), before),
            Some((ErrorCode::InvalidInput, Reason::PeriodInFuture, "from".into()))
        );
        let e = check(d(2024, 1, 1), d(2024, 1, 2), midnight).unwrap_err();
        assert_eq!(e.params.as_ref().and_then(|p| p.get("earliest")).map(String::as_str), Some("2025-05-20"));
        assert_eq!(e.code.http_status(), 422);
    }

    #[test]
    fn leap_days_reversed_and_missing_dates() {
        assert_eq!(earliest(kz_midnight(2028, 2, 29)), d(2027, 2, 28));
        let now = kz_midnight(2026, 5, 20) + chrono::Duration::hours(12);
        assert_eq!(
            refusal(d(2026, 5, 10), d(2026, 5, 9), now),
            Some((ErrorCode::InvalidInput, Reason::PeriodReversed, "to".into()))
        );
        assert_eq!(
            refusal(d(2026, 5, 1), d(2026, 5, 21), now),
            Some((ErrorCode::InvalidInput, Reason::PeriodInFuture, "to".into()))
        );
        assert_eq!(refusal(NaiveDate::MIN, NaiveDate::MIN, now).unwrap().1, Reason::PeriodOlderThanTwelveMonths);
        assert_eq!(refusal(NaiveDate::MAX, NaiveDate::MAX, now).unwrap().1, Reason::PeriodInFuture);
        let b = bounds(now);
        assert_eq!((b.earliest, b.latest, b.default_from), (d(2025, 5, 20), d(2026, 5, 20), d(2026, 4, 20)));
        assert!(check(b.default_from, b.default_to, now).is_ok());
    }
}
