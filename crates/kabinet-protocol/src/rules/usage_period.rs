//! The usage report's period, one rule for both ends: the client checks it before asking the
//! portal, and the sandbox's usage route refuses what it refuses.
//!
//! Days are whole days in Kazakhstan time (`kz.rs`). A period starts no later than today, ends
//! no earlier than it starts, and spans at most [`MAX_DAYS`] days; it may end after today (the
//! report stops at today). Each date must also lie in a sane window, from [`earliest`] to
//! [`MAX_DAYS`] days after today: a date outside it is a typing or a fuzzing accident, and
//! without the window the portal computed times near the ends of the calendar (year -262143 or
//! +262142) and overflowed.

use crate::error::{Error, ErrorCode, Result};
use chrono::{DateTime, Duration, NaiveDate, Utc};

/// The longest period, in days, both ends included.
pub const MAX_DAYS: i64 = 93;

/// The first day a usage report can start on.
pub fn earliest() -> NaiveDate {
    NaiveDate::from_ymd_opt(2000, 1, 1).expect("a valid date")
}

/// Checks the period `from..=to` at the time `now`: `invalid_input` naming the date that is out
/// of the window or out of order, `period_too_long` beyond [`MAX_DAYS`].
pub fn check(from: NaiveDate, to: NaiveDate, now: DateTime<Utc>) -> Result<()> {
    let today = crate::kz::today(now);
    let latest = today + Duration::days(MAX_DAYS);
    for (name, date) in [("from", from), ("to", to)] {
        if date < earliest() || date > latest {
            return Err(Error::new(
                ErrorCode::InvalidInput,
                format!("The period's {name} date must lie between {} and {latest}; it is {date}.", earliest()),
            ));
        }
    }
    if from > to {
        return Err(Error::new(ErrorCode::InvalidInput, "The period's from date must not be after its to date."));
    }
    if from > today {
        return Err(Error::new(ErrorCode::InvalidInput, "The period's from date cannot be in the future."));
    }
    if (to - from).num_days() + 1 > MAX_DAYS {
        return Err(Error::new(ErrorCode::PeriodTooLong, format!("The period can be at most {MAX_DAYS} days.")));
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

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap()
    }

    fn code(from: NaiveDate, to: NaiveDate) -> Option<ErrorCode> {
        check(from, to, now()).err().map(|e| e.code)
    }

    #[test]
    fn a_period_in_order_within_93_days_up_to_today_is_accepted() {
        assert_eq!(code(d(2026, 10, 1), d(2026, 10, 31)), None);
        assert_eq!(code(d(2026, 11, 1), d(2026, 11, 30)), None, "it may end after today");
        assert_eq!(code(d(2000, 1, 1), d(2000, 1, 1)), None);
        assert_eq!(code(d(2026, 8, 25), d(2026, 11, 25)), None, "93 days");
    }

    #[test]
    fn order_future_and_length_are_refused() {
        assert_eq!(code(d(2026, 10, 31), d(2026, 10, 1)), Some(ErrorCode::InvalidInput));
        assert_eq!(code(d(2026, 11, 26), d(2026, 11, 27)), Some(ErrorCode::InvalidInput));
        assert_eq!(code(d(2026, 6, 1), d(2026, 10, 31)), Some(ErrorCode::PeriodTooLong));
        assert_eq!(code(d(2026, 8, 24), d(2026, 11, 25)), Some(ErrorCode::PeriodTooLong), "94 days");
    }

    #[test]
    fn absurd_dates_are_invalid_input_naming_the_date() {
        for (from, to, named) in [
            (NaiveDate::MIN, NaiveDate::MIN, "from"),
            (d(-262_143, 1, 1), d(-262_143, 1, 2), "from"),
            (d(1999, 12, 31), d(2000, 1, 1), "from"),
            (d(2026, 10, 1), d(9999, 12, 31), "to"),
            (d(2026, 10, 1), NaiveDate::MAX, "to"),
            (NaiveDate::MAX, NaiveDate::MAX, "from"),
        ] {
            let e = check(from, to, now()).unwrap_err();
            assert_eq!(e.code, ErrorCode::InvalidInput, "{from}..{to}");
            assert!(e.message.contains(named), "{from}..{to}: {}", e.message);
        }
    }

    #[test]
    fn the_window_follows_kazakhstan_time() {
        // 25 Nov 20:00 UTC is already 26 November in Almaty.
        let evening = Utc.with_ymd_and_hms(2026, 11, 25, 20, 0, 0).unwrap();
        assert!(check(d(2026, 11, 26), d(2026, 11, 26), evening).is_ok());
    }
}
