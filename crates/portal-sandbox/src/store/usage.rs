//! The usage details report: deterministic, realistic records per number and day, so the same
//! request always gives the same report; it stops at the current time. No table holds usage:
//! the records are derived from the number and the day. A demo dormant line has none from its
//! idle month (`billing::charges::idle_since`), as its charges say.

use crate::digest::sha256_hex;
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use kabinet_protocol::api::{UsageKind, UsageRecord, UsageReport};
use kabinet_protocol::domain::Tiyn;

/// The report of a period already checked by `kabinet_protocol::rules::usage_period`.
pub fn report(msisdn: String, from: NaiveDate, to: NaiveDate, kind: UsageKind, now: DateTime<Utc>) -> UsageReport {
    let mut last = to.min(kabinet_protocol::kz::today(now));
    if let Some(idle) = crate::billing::charges::idle_since(crate::billing::charges::key(&msisdn)) {
        last = last.min(idle.first_day() - Duration::days(1));
    }
    let mut records = Vec::new();
    let mut day = from;
    while day <= last {
        records.extend(day_records(&msisdn, day).into_iter().filter(|r| kind == UsageKind::All || r.kind == kind));
        day += Duration::days(1);
    }
    records.retain(|r| r.at <= now);
    let total_cost = Tiyn(records.iter().map(|r| r.cost.0).sum());
    UsageReport { msisdn, from, to, kind, records, total_cost }
}

/// A deterministic generator seeded by `key` (xorshift over SHA-256 of it): `next(n)` is below
/// `n`. The same key gives the same sequence, so derived demo data (usage, payments) repeats.
pub(crate) fn generator(key: &str) -> impl FnMut(u64) -> u64 {
    let seed = sha256_hex(key.as_bytes());
    let mut rng = u64::from_str_radix(&seed[..16], 16).unwrap_or(1) | 1;
    move |n: u64| {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng % n.max(1)
    }
}

/// The records of one number on one day (Kazakhstan time), always the same.
fn day_records(msisdn: &str, day: NaiveDate) -> Vec<UsageRecord> {
    let mut next = generator(&format!("{msisdn}:{day}"));
    let midnight = kabinet_protocol::kz::offset()
        .from_local_datetime(&day.and_hms_opt(0, 0, 0).expect("midnight"))
        .single()
        .expect("a fixed offset has one midnight")
        .with_timezone(&Utc);
    let count = next(9) + 2;
    let mut records: Vec<UsageRecord> = (0..count)
        .map(|_| {
            let at = midnight + Duration::seconds((7 * 3600 + next(15 * 3600)) as i64);
            let prefix = ["701", "702", "705", "707", "747", "771", "775", "777"][next(8) as usize];
            let counterparty = format!("7{prefix}{:07}", next(10_000_000));
            match next(10) {
                0..=4 => {
                    let seconds = (next(600) + 5) as i64;
                    let offnet = !matches!(prefix, "701" | "702" | "775");
                    let cost = if offnet { (seconds + 59) / 60 * 1_500 } else { 0 };
                    UsageRecord { at, kind: UsageKind::Calls, counterparty, quantity: seconds, cost: Tiyn(cost) }
                }
                5..=6 => UsageRecord { at, kind: UsageKind::Sms, counterparty, quantity: 1, cost: Tiyn(1_000) },
                _ => {
                    let kb = (next(200_000) + 10) as i64;
                    UsageRecord {
                        at,
                        kind: UsageKind::Data,
                        counterparty: "internet".into(),
                        quantity: kb,
                        cost: Tiyn(0),
                    }
                }
            }
        })
        .collect();
    records.sort_by_key(|r| r.at);
    records
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_are_deterministic_and_within_the_day() {
        let day = NaiveDate::from_ymd_opt(2026, 10, 15).unwrap();
        let a = day_records("77010542007", day);
        assert_eq!(a, day_records("77010542007", day));
        assert!(!a.is_empty());
        for r in &a {
            assert_eq!(kabinet_protocol::kz::today(r.at), day);
            assert_ne!(r.kind, UsageKind::All);
        }
        assert_ne!(a, day_records("77010542006", day));
    }

    #[test]
    fn a_dormant_line_has_no_usage_from_its_idle_month() {
        let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        let now = chrono::Utc::now();
        let idle = report("77010600592".into(), day(6, 20), day(7, 20), UsageKind::All, now);
        assert!(!idle.records.is_empty());
        assert!(idle.records.iter().all(|r| kabinet_protocol::kz::today(r.at) < day(7, 1)));
    }
}
