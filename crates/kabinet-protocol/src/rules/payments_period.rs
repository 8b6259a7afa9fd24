//! The payments report's period, one rule for both ends (manual: "The payments information is
//! only available for the last three months!"): the client checks it before asking the portal,
//! the UI gets [`earliest`] and [`default_period`] through a command (and refuses an older date
//! as it is typed), and the sandbox's payments route refuses what it refuses.
//!
//! Days are whole days in Kazakhstan time (`kz.rs`). A period lies within the last three
//! calendar months: it starts no earlier than the same day three months ago ([`earliest`]; the
//! 31 May gives the 28 or 29 February, as the calendar has no 31st), ends no later than today,
//! and starts no later than it ends. Each refusal names the date it is about (`field`: `from` or
//! `to`) and its rule (`reason`), so a form shows it under that date.
//!
//! No arithmetic is done on the dates asked for, only comparisons, so no date of the calendar
//! (however absurd) can overflow.

use crate::error::{Error, ErrorCode, Reason, Result};
use chrono::{DateTime, Months, NaiveDate, Utc};
use serde::Serialize;

/// How many months back the payments can be asked for.
pub const MONTHS: u32 = 3;

/// The first day a payments period can start on at `now`: today three months ago (Kazakhstan).
pub fn earliest(now: DateTime<Utc>) -> NaiveDate {
    let today = crate::kz::today(now);
    today.checked_sub_months(Months::new(MONTHS)).unwrap_or(NaiveDate::MIN)
}

/// The dialog's default: the last month, from today one month ago to today, as the manual's
/// example has it (24-12-2021 → 24-01-2022).
pub fn default_period(now: DateTime<Utc>) -> (NaiveDate, NaiveDate) {
    let today = crate::kz::today(now);
    (today.checked_sub_months(Months::new(1)).unwrap_or(today), today)
}

/// What the UI needs to offer the period: its bounds and its default, at one time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PeriodBounds {
    pub earliest: NaiveDate,
    pub latest: NaiveDate,
    pub default_from: NaiveDate,
    pub default_to: NaiveDate,
}

/// The bounds and the default at `now`.
pub fn bounds(now: DateTime<Utc>) -> PeriodBounds {
    let (default_from, default_to) = default_period(now);
    PeriodBounds { earliest: earliest(now), latest: crate::kz::today(now), default_from, default_to }
}

/// Checks the period `from..=to` at `now`. Refusals, each naming its date (`field`):
/// - a date after today: `invalid_input`, reason `period_in_future`;
/// - `from` after `to`: `invalid_input`, reason `period_reversed` (field `to`);
/// - `from` before [`earliest`]: `period_too_long`, reason `payments_older_than_three_months`,
///   with the earliest date as the `earliest` param.
pub fn check(from: NaiveDate, to: NaiveDate, now: DateTime<Utc>) -> Result<()> {
    let earliest = earliest(now);
    check_days(from, to, crate::kz::today(now), earliest, Reason::PaymentsOlderThanThreeMonths, || {
        format!("The payments information is only available for the last three months: from {earliest} on.")
    })
}

/// A period of past days `from..=to` that starts no earlier than `earliest`, at `today`: the
/// checks every such period shares (this one, `history_period`), in this order, each naming its
/// date (`field`): a date after today (`invalid_input`, reason `period_in_future`, param
/// `today`); `from` after `to` (`invalid_input`, reason `period_reversed`, field `to`); `from`
/// before `earliest` (`period_too_long`, reason `too_old`, param `earliest`, `message`).
pub(crate) fn check_days(
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
    earliest: NaiveDate,
    too_old: Reason,
    message: impl FnOnce() -> String,
) -> Result<()> {
    for (field, date) in [("from", from), ("to", to)] {
        if date > today {
            return Err(Error::refused(
                ErrorCode::InvalidInput,
                Reason::PeriodInFuture,
                format!("The period's {field} date ({date}) is in the future; the latest is today, {today}."),
            )
            .with_field(field)
            .with_param("today", today));
        }
    }
    if from > to {
        return Err(Error::refused(
            ErrorCode::InvalidInput,
            Reason::PeriodReversed,
            "The end of the period must not be before its beginning.",
        )
        .with_field("to"));
    }
    if from < earliest {
        return Err(Error::refused(ErrorCode::PeriodTooLong, too_old, message())
            .with_field("from")
            .with_param("earliest", earliest));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// Midnight in Kazakhstan (UTC+5) starting the given day, and the second before it.
    fn kz_midnight(y: i32, m: u32, day: u32) -> DateTime<Utc> {
        crate::kz::offset().with_ymd_and_hms(y, m, day, 0, 0, 0).single().unwrap().with_timezone(&Utc)
    }

    fn refusal(from: NaiveDate, to: NaiveDate, now: DateTime<Utc>) -> Option<(ErrorCode, Reason, String)> {
        check(from, to, now).err().map(|e| (e.code, e.reason.unwrap(), e.field.unwrap().into()))
    }

    #[test]
    fn the_earliest_day_is_today_three_months_ago_clamped_to_the_month() {
        let noon = |y, m, day| Utc.with_ymd_and_hms(y, m, day, 7, 0, 0).unwrap();
        assert_eq!(earliest(noon(2026, 5, 20)), d(2026, 2, 20));
        assert_eq!(earliest(noon(2026, 5, 31)), d(2026, 2, 28), "no 31 February");
        assert_eq!(earliest(noon(2028, 5, 31)), d(2028, 2, 29), "leap year");
        assert_eq!(earliest(noon(2026, 1, 15)), d(2025, 10, 15), "across the year");
        assert_eq!(default_period(noon(2022, 1, 24)), (d(2021, 12, 24), d(2022, 1, 24)), "the manual's example");
    }

    #[test]
    fn the_earliest_day_moves_at_midnight_in_kazakhstan() {
        let midnight = kz_midnight(2026, 5, 20);
        let before = midnight - chrono::Duration::seconds(1);
        // 19 May 23:59:59 in Almaty (18:59:59 UTC): three months back is 19 February.
        assert!(check(d(2026, 2, 19), d(2026, 5, 19), before).is_ok());
        assert_eq!(
            refusal(d(2026, 2, 18), d(2026, 5, 19), before),
            Some((ErrorCode::PeriodTooLong, Reason::PaymentsOlderThanThreeMonths, "from".into()))
        );
        // At midnight it is 20 May: 19 February is now too old, and 20 May no longer the future.
        assert_eq!(
            refusal(d(2026, 2, 19), d(2026, 5, 19), midnight),
            Some((ErrorCode::PeriodTooLong, Reason::PaymentsOlderThanThreeMonths, "from".into()))
        );
        assert!(check(d(2026, 2, 20), d(2026, 5, 20), midnight).is_ok());
        assert_eq!(
            refusal(d(2026, 5, 20), d(2026, 5, 20), before),
            Some((ErrorCode::InvalidInput, Reason::PeriodInFuture, "from".into()))
        );
    }

    #[test]
    fn future_and_reversed_dates_are_refused_naming_the_date() {
        let now = kz_midnight(2026, 5, 20) + chrono::Duration::hours(12);
        assert!(check(d(2026, 5, 20), d(2026, 5, 20), now).is_ok(), "today alone");
        assert_eq!(
            refusal(d(2026, 5, 1), d(2026, 5, 21), now),
            Some((ErrorCode::InvalidInput, Reason::PeriodInFuture, "to".into()))
        );
        assert_eq!(
            refusal(d(2026, 5, 10), d(2026, 5, 9), now),
            Some((ErrorCode::InvalidInput, Reason::PeriodReversed, "to".into()))
        );
        let e = check(d(2025, 1, 1), d(2025, 1, 31), now).unwrap_err();
        assert_eq!(e.params.as_ref().and_then(|p| p.get("earliest")).map(String::as_str), Some("2026-02-20"));
        assert_eq!(e.code.http_status(), 422);
    }

    #[test]
    fn the_ends_of_the_calendar_are_refused_without_overflow() {
        let now = kz_midnight(2026, 5, 20);
        assert_eq!(refusal(NaiveDate::MIN, NaiveDate::MIN, now).unwrap().1, Reason::PaymentsOlderThanThreeMonths);
        assert_eq!(refusal(NaiveDate::MAX, NaiveDate::MAX, now).unwrap().1, Reason::PeriodInFuture);
        assert_eq!(refusal(NaiveDate::MIN, NaiveDate::MAX, now).unwrap().2, "to");
    }

    #[test]
    fn the_bounds_the_ui_gets_agree_with_the_check() {
        let now = kz_midnight(2026, 5, 20) + chrono::Duration::hours(3);
        let b = bounds(now);
        assert_eq!((b.earliest, b.latest), (d(2026, 2, 20), d(2026, 5, 20)));
        assert!(check(b.earliest, b.latest, now).is_ok());
        assert!(check(b.default_from, b.default_to, now).is_ok());
        assert!(check(b.earliest.pred_opt().unwrap(), b.latest, now).is_err());
        assert!(check(b.earliest, b.latest.succ_opt().unwrap(), now).is_err());
    }
}
