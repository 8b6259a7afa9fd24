//! The two rules of What changed that read the charges rather than the numbers list, pure so
//! they are tested without a cache:
//!
//! - a **spend rise**: a number's month costs (with VAT) at least the company's percent more than
//!   its own average over the three months before, all three held and billed (a new number has
//!   no average to rise from);
//! - a **dormant line**: no usage (calls, SMS, internet, roaming) billed in any month that
//!   overlaps the company's last N days up to the month's end, every such month held and the
//!   line billed in each: the bills prove N days without usage. Only an active line, one that
//!   can still be blocked; its cost is the month's total.
//!
//! Monthly charges are what the portal gives (the certificates' Appendix 1), so a dormant line
//! is found in whole months: "no usage for 60 days" at the end of November means nothing billed
//! in October and November. Each is kept once: a spend rise once per number and month, a dormant
//! line once per idle spell (nothing again while no usage was billed since it was recorded).

use super::detect::{ChangeKind, Found};
use crate::rules::document_months::YearMonth;
use chrono::{Datelike, Duration};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// A number's month as the cache holds it: what it cost and what its usage services cost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberMonth {
    pub msisdn: String,
    pub month: YearMonth,
    /// Tiyn with VAT, every service.
    pub total: i64,
    /// Tiyn with VAT, the services other than the subscription.
    pub usage: i64,
}

/// A change already kept by these rules: (number, kind, month it was found in).
pub type Recorded = (String, ChangeKind, YearMonth);

/// The first month whose bill covers a day of the last `days` days up to `month`'s end.
pub fn dormant_window(month: YearMonth, days: i64) -> YearMonth {
    let first = month.last_day() - Duration::days(days.max(1) - 1);
    YearMonth::new(first.year(), first.month()).unwrap_or(month)
}

/// The months the rules read for `month`: its three before (the average) and the dormant window
/// with the month before it (to say when the line was last used).
pub fn months_read(month: YearMonth, days: i64) -> (YearMonth, YearMonth) {
    (month.minus(3).min(dormant_window(month, days).minus(1)), month)
}

fn by_number(rows: &[NumberMonth]) -> BTreeMap<&str, BTreeMap<YearMonth, &NumberMonth>> {
    let mut by_number: BTreeMap<&str, BTreeMap<YearMonth, &NumberMonth>> = BTreeMap::new();
    for r in rows {
        by_number.entry(r.msisdn.as_str()).or_default().insert(r.month, r);
    }
    by_number
}

/// The active lines with no usage billed in `month`'s dormant window (`rows` covering
/// [`months_read`]): the numbers whose last usage the caller looks up in every month held.
pub fn dormant_lines(
    rows: &[NumberMonth],
    held: &BTreeSet<YearMonth>,
    month: YearMonth,
    days: i64,
    active: &HashSet<String>,
) -> Vec<String> {
    by_number(rows)
        .into_iter()
        .filter(|(msisdn, months)| active.contains(*msisdn) && dormant(months, held, month, days))
        .map(|(msisdn, _)| msisdn.to_string())
        .collect()
}

/// What `month`'s bill shows by the company's rules, not yet kept (`recorded`). `held`: the
/// months the cache holds whole; `active`: the numbers the list shows active; `last_used`: the
/// month each of the [`dormant_lines`] last had usage billed, in every month held.
pub fn found(
    rows: &[NumberMonth],
    held: &BTreeSet<YearMonth>,
    month: YearMonth,
    rules: super::detect::Rules,
    active: &HashSet<String>,
    recorded: &[Recorded],
    last_used: &HashMap<String, YearMonth>,
) -> Vec<Found> {
    let by_number = by_number(rows);
    let mut kept: HashMap<(&str, ChangeKind), Vec<YearMonth>> = HashMap::new();
    for (msisdn, kind, at) in recorded {
        kept.entry((msisdn.as_str(), *kind)).or_default().push(*at);
    }
    let mut out = Vec::new();
    for (msisdn, months) in &by_number {
        let Some(now) = months.get(&month) else { continue };
        let kept_of = |kind| kept.get(&(*msisdn, kind)).map(Vec::as_slice).unwrap_or_default();
        if let Some(average) = spend_rise(months, held, month, rules.spend_rise_percent) {
            if !kept_of(ChangeKind::SpendRise).contains(&month) {
                out.push(change(msisdn, ChangeKind::SpendRise, average.to_string(), now.total, month));
            }
        }
        if active.contains(*msisdn) && dormant(months, held, month, rules.dormant_days) {
            let last_used = last_used.get(*msisdn).copied();
            // Kept since its last usage: the same idle spell, already told.
            let told = kept_of(ChangeKind::Dormant).iter().any(|at| last_used.is_none_or(|used| *at > used));
            if !told {
                let before = last_used.map(|m| m.to_string()).unwrap_or_default();
                out.push(change(msisdn, ChangeKind::Dormant, before, now.total, month));
            }
        }
    }
    out
}

fn change(msisdn: &str, kind: ChangeKind, before: String, after: i64, month: YearMonth) -> Found {
    Found { msisdn: msisdn.to_string(), kind, before, after: after.to_string(), month: Some(month) }
}

/// The number's previous 3-month average (tiyn, rounded) when `month` is `percent` or more
/// above it.
fn spend_rise(
    months: &BTreeMap<YearMonth, &NumberMonth>,
    held: &BTreeSet<YearMonth>,
    month: YearMonth,
    percent: i64,
) -> Option<i64> {
    let now = months.get(&month)?.total;
    let mut before = [0; 3];
    for (back, total) in (1..=3).zip(before.iter_mut()) {
        let m = month.minus(back);
        if !held.contains(&m) {
            return None;
        }
        *total = months.get(&m)?.total;
    }
    let sum: i64 = before.iter().sum();
    // now ≥ average × (100 + percent) / 100, in integers: now × 300 ≥ sum × (100 + percent).
    (sum > 0 && now * 300 >= sum * (100 + percent)).then(|| crate::spend::aggregate::average(&before)).flatten()
}

/// Whether the line was billed in every month of `month`'s dormant window, all held, with no
/// usage in any.
fn dormant(
    months: &BTreeMap<YearMonth, &NumberMonth>,
    held: &BTreeSet<YearMonth>,
    month: YearMonth,
    days: i64,
) -> bool {
    let mut m = dormant_window(month, days);
    while m <= month {
        match months.get(&m) {
            Some(billed) if held.contains(&m) && billed.usage == 0 => m = m.next(),
            _ => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::changes::detect::Rules;

    fn ym(y: i32, m: u32) -> YearMonth {
        YearMonth::new(y, m).unwrap()
    }

    fn row(msisdn: &str, month: YearMonth, total: i64, usage: i64) -> NumberMonth {
        NumberMonth { msisdn: msisdn.into(), month, total, usage }
    }

    fn held(from: YearMonth, to: YearMonth) -> BTreeSet<YearMonth> {
        let mut set = BTreeSet::new();
        let mut m = from;
        while m <= to {
            set.insert(m);
            m = m.next();
        }
        set
    }

    fn active(list: &[&str]) -> HashSet<String> {
        list.iter().map(|m| m.to_string()).collect()
    }

    #[test]
    fn a_month_at_the_percent_above_its_own_average_is_a_rise_once() {
        let nov = ym(2026, 11);
        let mut rows = Vec::new();
        for (back, total) in [(3, 9_000), (2, 10_000), (1, 11_000)] {
            rows.push(row("77010000001", nov.minus(back), total, 1));
            rows.push(row("77010000002", nov.minus(back), total, 1));
        }
        rows.push(row("77010000001", nov, 15_000, 1)); // average 10 000: +50% exactly
        rows.push(row("77010000002", nov, 14_999, 1)); // just under
        let found = found(&rows, &held(ym(2026, 1), nov), nov, Rules::default(), &HashSet::new(), &[], &HashMap::new());
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0].msisdn.as_str(), found[0].kind, found[0].before.as_str(), found[0].after.as_str()),
            ("77010000001", ChangeKind::SpendRise, "10000", "15000")
        );
        assert_eq!(found[0].month, Some(nov));
        // Kept: not again for that month; the company's own percent counts.
        let kept = [("77010000001".to_string(), ChangeKind::SpendRise, nov)];
        assert!(super::found(
            &rows,
            &held(ym(2026, 1), nov),
            nov,
            Rules::default(),
            &HashSet::new(),
            &kept,
            &HashMap::new()
        )
        .is_empty());
        let strict = Rules { spend_rise_percent: 51, ..Rules::default() };
        assert!(
            super::found(&rows, &held(ym(2026, 1), nov), nov, strict, &HashSet::new(), &[], &HashMap::new()).is_empty()
        );
    }

    #[test]
    fn no_rise_without_three_held_months_or_from_nothing() {
        let nov = ym(2026, 11);
        let rows = vec![
            row("77010000001", nov.minus(2), 1_000, 1),
            row("77010000001", nov.minus(1), 1_000, 1),
            row("77010000001", nov, 90_000, 1),
        ];
        // Held, but the number was not billed three months ago: a new line has no average.
        assert!(found(&rows, &held(ym(2026, 1), nov), nov, Rules::default(), &HashSet::new(), &[], &HashMap::new())
            .is_empty());
        // August not held: unknown.
        let mut some = held(ym(2026, 9), nov);
        some.insert(ym(2026, 7));
        let rows = [rows, vec![row("77010000001", nov.minus(3), 1_000, 1)]].concat();
        assert!(found(&rows, &some, nov, Rules::default(), &HashSet::new(), &[], &HashMap::new()).is_empty());
        assert_eq!(
            found(&rows, &held(ym(2026, 1), nov), nov, Rules::default(), &HashSet::new(), &[], &HashMap::new()).len(),
            1
        );
    }

    #[test]
    fn a_line_with_no_usage_billed_for_the_days_is_dormant_once_per_idle_spell() {
        let nov = ym(2026, 11);
        // 60 days to 30 November: October and November.
        assert_eq!(dormant_window(nov, 60), ym(2026, 10));
        assert_eq!(dormant_window(nov, 30), nov);
        assert_eq!(dormant_window(nov, 31), ym(2026, 10));
        let rows = vec![
            row("77010000001", ym(2026, 9), 5_000, 1_200),
            row("77010000001", ym(2026, 10), 3_500, 0),
            row("77010000001", nov, 3_500, 0),
            // Used in November.
            row("77010000002", ym(2026, 10), 3_500, 0),
            row("77010000002", nov, 4_000, 500),
            // Not billed in October: not a line for 60 days.
            row("77010000003", nov, 3_500, 0),
            // Idle but blocked: not a candidate to block.
            row("77010000004", ym(2026, 10), 3_500, 0),
            row("77010000004", nov, 3_500, 0),
        ];
        let numbers = active(&["77010000001", "77010000002", "77010000003"]);
        let all = held(ym(2026, 1), nov);
        assert_eq!(dormant_lines(&rows, &all, nov, 60, &numbers), ["77010000001"]);
        let used = HashMap::from([("77010000001".to_string(), ym(2026, 9))]);
        let found = found(&rows, &all, nov, Rules::default(), &numbers, &[], &used);
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0].msisdn.as_str(), found[0].kind, found[0].before.as_str(), found[0].after.as_str()),
            ("77010000001", ChangeKind::Dormant, "2026-09", "3500")
        );
        // October not held: nothing is proven.
        let gap: BTreeSet<_> = all.iter().copied().filter(|m| *m != ym(2026, 10)).collect();
        assert!(super::found(&rows, &gap, nov, Rules::default(), &numbers, &[], &used).is_empty());
        // Kept in November: December, still idle, finds nothing new ...
        let dec = nov.next();
        let mut later = rows.clone();
        later.push(row("77010000001", dec, 3_500, 0));
        let kept = [("77010000001".to_string(), ChangeKind::Dormant, nov)];
        assert!(super::found(&later, &held(ym(2026, 1), dec), dec, Rules::default(), &numbers, &kept, &used).is_empty());
        // ... but a new spell after a month of usage is told again.
        let mut again = later.clone();
        again.retain(|r| r.month != dec);
        again.extend([
            row("77010000001", dec, 4_000, 500),
            row("77010000001", ym(2027, 1), 3_500, 0),
            row("77010000001", ym(2027, 2), 3_500, 0),
            row("77010000001", ym(2027, 3), 3_500, 0),
        ]);
        // 60 days to 28 February reach 31 December, which had usage; to 31 March they do not.
        let used = HashMap::from([("77010000001".to_string(), dec)]);
        let feb = ym(2027, 2);
        assert!(super::found(&again, &held(ym(2026, 1), feb), feb, Rules::default(), &numbers, &kept, &used).is_empty());
        let mar = ym(2027, 3);
        let found = super::found(&again, &held(ym(2026, 1), mar), mar, Rules::default(), &numbers, &kept, &used);
        assert_eq!((found.len(), found[0].before.as_str()), (1, "2026-12"));
    }
}
