//! Kazakhstan time: the operator's calendar rules ("last month", bill cycles) use UTC+5, which
//! the whole country has kept since 1 March 2024. A fixed offset, so old tz data cannot move it.

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, Utc};

pub fn offset() -> FixedOffset {
    FixedOffset::east_opt(5 * 3600).expect("UTC+5")
}

/// Today's date in Kazakhstan.
pub fn today(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&offset()).date_naive()
}

/// The previous calendar month in Kazakhstan: the usage report's default period.
pub fn last_month(now: DateTime<Utc>) -> (NaiveDate, NaiveDate) {
    let today = today(now);
    let first_this = NaiveDate::from_ymd_opt(today.year(), today.month(), 1).expect("first of month");
    let last_prev = first_this - Duration::days(1);
    (NaiveDate::from_ymd_opt(last_prev.year(), last_prev.month(), 1).expect("first of month"), last_prev)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn last_month_in_kazakhstan_time() {
        // 31 Jan 2026 20:00 UTC is 1 February in Almaty: last month is January.
        let (from, to) = last_month(Utc.with_ymd_and_hms(2026, 1, 31, 20, 0, 0).unwrap());
        assert_eq!((from.to_string(), to.to_string()), ("2026-01-01".into(), "2026-01-31".into()));
        let (from, to) = last_month(Utc.with_ymd_and_hms(2026, 1, 15, 0, 0, 0).unwrap());
        assert_eq!((from.to_string(), to.to_string()), ("2025-12-01".into(), "2025-12-31".into()));
    }
}
