//! Spend's figures, put together from the sums the cache adds up (`cache/spend_totals.rs`), as
//! pure functions (no I/O, unit-tested here): the total by month; by cost centre, by
//! department, by tariff and by service, each stacked by month, with how many numbers are behind
//! each group; the top numbers with the change against their own previous-3-month average. Every
//! figure carries net, VAT and total, so the view switches with VAT and without; the numbers
//! behind a figure are read when it is opened (`Spend::behind`), not with the overview.
//!
//! A number without a cost centre (or department) is counted under "Unassigned" (`key: None`),
//! never dropped, so the groups of a month add up to the month's total.

use crate::cache::spend_totals::{GroupSum, NumberMonthSum};
use crate::rules::document_months::YearMonth;
pub use crate::spend::dimension::Dimension;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// An amount in tiyn: without VAT, the VAT, and both.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Amounts {
    pub net: i64,
    pub vat: i64,
    pub total: i64,
}

impl Amounts {
    pub fn add(&mut self, net: i64, vat: i64) {
        self.net += net;
        self.vat += vat;
        self.total += net + vat;
    }

    /// The amount a view shows.
    pub fn of(&self, basis: Basis) -> i64 {
        match basis {
            Basis::WithVat => self.total,
            Basis::WithoutVat => self.net,
        }
    }
}

/// With VAT or without: what the view sorts and compares by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    WithVat,
    WithoutVat,
}

/// A month's total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MonthAmount {
    pub month: YearMonth,
    pub amounts: Amounts,
}

/// One group (a cost centre, a department, a tariff or a service) over the months.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    /// The cost centre's code, the department, the tariff or the service's wire name; `None`:
    /// Unassigned (no cost centre or department).
    pub key: Option<String>,
    /// The cost centre's name (empty otherwise).
    pub name: String,
    /// By month, in the order of the `months` asked.
    pub months: Vec<Amounts>,
    pub total: Amounts,
    /// How many numbers are behind it over the months (`Spend::behind` lists them).
    pub numbers: i64,
}

/// A month as the cache writes it (`YYYY-MM`).
pub(crate) fn parse_month(text: &str) -> Option<YearMonth> {
    let (y, m) = text.split_once('-')?;
    YearMonth::new(y.parse().ok()?, m.parse().ok()?)
}

/// The total of each of `months` from the cache's `(month, net, vat)` (a month without any is
/// zero; other months are left out).
pub fn by_month(sums: &[(String, i64, i64)], months: &[YearMonth]) -> Vec<MonthAmount> {
    let mut out: Vec<MonthAmount> =
        months.iter().map(|m| MonthAmount { month: *m, amounts: Amounts::default() }).collect();
    for (month, net, vat) in sums {
        if let Some(i) = parse_month(month).and_then(|m| months.iter().position(|x| *x == m)) {
            out[i].amounts.add(*net, *vat);
        }
    }
    out
}

/// Spend by a dimension from the cache's sums by group and month and its `counts` of numbers,
/// stacked by `months` (other months left out), the largest total first and Unassigned last.
pub fn stacked(sums: &[GroupSum], counts: &[(Option<String>, i64)], months: &[YearMonth]) -> Vec<Group> {
    let index: HashMap<YearMonth, usize> = months.iter().enumerate().map(|(i, m)| (*m, i)).collect();
    let mut groups: HashMap<&Option<String>, (&str, Vec<Amounts>)> = HashMap::new();
    for (month, key, name, net, vat) in sums {
        let Some(&i) = parse_month(month).and_then(|m| index.get(&m)) else { continue };
        let group = groups.entry(key).or_insert_with(|| (name, vec![Amounts::default(); months.len()]));
        // One name per group whatever the month: the smallest, as each month's is.
        if name.as_str() < group.0 {
            group.0 = name;
        }
        group.1[i].add(*net, *vat);
    }
    let counts: HashMap<&Option<String>, i64> = counts.iter().map(|(k, n)| (k, *n)).collect();
    let mut out: Vec<Group> = groups
        .into_iter()
        .map(|(key, (name, months))| {
            let mut total = Amounts::default();
            months.iter().for_each(|m| total.add(m.net, m.vat));
            let numbers = counts.get(key).copied().unwrap_or_default();
            Group { key: key.clone(), name: name.to_string(), months, total, numbers }
        })
        .collect();
    sort_groups(&mut out);
    out
}

/// The largest total first, Unassigned last, then by key.
pub fn sort_groups(groups: &mut [Group]) {
    groups.sort_by(group_order);
}

/// The order groups are shown in: the largest first, Unassigned last.
pub fn group_order(a: &Group, b: &Group) -> std::cmp::Ordering {
    (a.key.is_none(), std::cmp::Reverse(a.total.total), &a.key).cmp(&(
        b.key.is_none(),
        std::cmp::Reverse(b.total.total),
        &b.key,
    ))
}

/// A figure of the view: one group of `dimension` (`key: None`: Unassigned), or the whole
/// total (`dimension: None`), in one `month` or over all the months shown (`month: None`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Figure {
    pub dimension: Option<Dimension>,
    #[serde(default)]
    pub key: Option<String>,
    #[serde(default)]
    pub month: Option<YearMonth>,
}

/// One number behind a figure, with its part of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NumberAmount {
    pub msisdn: String,
    pub account: String,
    pub tariff: String,
    pub amounts: Amounts,
}

/// The average of a number's months (tiyn), rounded half up: the ONE average Spend's top
/// numbers and the spend-rise rule (`changes/charges.rs`) show, so both say the same figure.
pub fn average(months: &[i64]) -> Option<i64> {
    let n = months.len() as i64;
    (n > 0).then(|| (2 * months.iter().sum::<i64>() + n).div_euclid(2 * n))
}

/// A number's spend in a month against its own previous-3-month average.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopNumber {
    pub msisdn: String,
    pub account: String,
    pub tariff: String,
    pub amounts: Amounts,
    /// The average, by `basis`, of the three months before over the months it was billed in;
    /// `None` when it was billed in none of them.
    pub average: Option<i64>,
    /// The change against the average in percent (`None` without an average, or an average of 0).
    pub change_percent: Option<f64>,
}

/// The top numbers of `month` (`top`: their month, already the largest by `basis`), with their
/// change against their months in `before` (the three months before; other rows left out).
pub fn top_numbers(
    top: &[NumberMonthSum],
    before: &[NumberMonthSum],
    month: YearMonth,
    basis: Basis,
) -> Vec<TopNumber> {
    let previous = [month.minus(1), month.minus(2), month.minus(3)];
    let mut billed: HashMap<&str, Vec<i64>> = HashMap::new();
    for (m, msisdn, _, _, net, vat) in before {
        if parse_month(m).is_some_and(|m| previous.contains(&m)) {
            let mut a = Amounts::default();
            a.add(*net, *vat);
            billed.entry(msisdn).or_default().push(a.of(basis));
        }
    }
    top.iter()
        .map(|(_, msisdn, account, tariff, net, vat)| {
            let mut amounts = Amounts::default();
            amounts.add(*net, *vat);
            let average = billed.get(msisdn.as_str()).and_then(|b| average(b));
            let change_percent = average.filter(|a| *a != 0).map(|a| (amounts.of(basis) - a) as f64 * 100.0 / a as f64);
            TopNumber {
                msisdn: msisdn.clone(),
                account: account.clone(),
                tariff: tariff.clone(),
                amounts,
                average,
                change_percent,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ym(y: i32, m: u32) -> YearMonth {
        YearMonth::new(y, m).unwrap()
    }

    #[test]
    fn the_average_rounds_half_up() {
        assert_eq!(average(&[]), None);
        assert_eq!(average(&[10, 0, 0]), Some(3));
        assert_eq!(average(&[14, 0, 0]), Some(5), "4.67");
        assert_eq!(average(&[1_444_640, 1_444_641, 1_444_641]), Some(1_444_641), "not truncated");
        assert_eq!(average(&[3, 4]), Some(4), "3.5 up");
    }

    #[test]
    fn months_without_sums_are_zero_and_others_left_out() {
        let months = [ym(2026, 7), ym(2026, 8)];
        let sums = vec![("2026-08".to_string(), 100, 16), ("2026-09".to_string(), 5, 1)];
        let totals = by_month(&sums, &months);
        assert_eq!(totals[0].amounts, Amounts::default());
        assert_eq!(totals[1].amounts, Amounts { net: 100, vat: 16, total: 116 });
    }

    #[test]
    fn groups_are_stacked_by_month_the_largest_first_and_unassigned_last() {
        let months = [ym(2026, 8), ym(2026, 9)];
        let sum = |m: &str, key: Option<&str>, name: &str, net| {
            (m.to_string(), key.map(String::from), name.to_string(), net, net / 10)
        };
        let sums = vec![
            sum("2026-08", None, "", 5_000),
            sum("2026-08", Some("CC-10"), "Finance", 100),
            sum("2026-09", Some("CC-10"), "Finance", 200),
            sum("2026-09", Some("CC-20"), "Logistics", 1_000),
            sum("2026-10", Some("CC-30"), "Outside", 9_000),
        ];
        let counts = vec![(None, 3), (Some("CC-10".to_string()), 1), (Some("CC-20".to_string()), 2)];
        let groups = stacked(&sums, &counts, &months);
        let keys: Vec<_> = groups.iter().map(|g| (g.key.as_deref(), g.name.as_str(), g.numbers)).collect();
        assert_eq!(keys, vec![(Some("CC-20"), "Logistics", 2), (Some("CC-10"), "Finance", 1), (None, "", 3)]);
        assert_eq!(
            groups[1].months,
            vec![Amounts { net: 100, vat: 10, total: 110 }, Amounts { net: 200, vat: 20, total: 220 }]
        );
        assert_eq!(groups[1].total.net, 300);
    }

    #[test]
    fn top_numbers_change_against_their_own_previous_three_months() {
        let nov = ym(2026, 11);
        let row = |m: &str, msisdn: &str, net: i64| {
            (m.to_string(), msisdn.to_string(), "1".to_string(), "K".to_string(), net, net / 10)
        };
        let top = vec![
            row("2026-11", "77010000002", 2_000),
            row("2026-11", "77010000001", 1_000),
            row("2026-11", "77010000004", 50),
        ];
        let before = vec![
            row("2026-08", "77010000001", 1_100),
            row("2026-09", "77010000001", 1_200),
            row("2026-10", "77010000001", 1_300),
            row("2026-10", "77010000002", 2_000),
            // Four months before: not one of the three.
            row("2026-07", "77010000004", 9_000),
        ];
        let found = top_numbers(&top, &before, nov, Basis::WithoutVat);
        assert_eq!((found[0].average, found[0].change_percent), (Some(2_000), Some(0.0)));
        let change = found[1].change_percent.unwrap();
        assert!((change - (-200.0 * 100.0 / 1_200.0)).abs() < 1e-9, "{change}");
        assert_eq!((found[2].average, found[2].change_percent), (None, None), "new: no average");
        let with_vat = top_numbers(&top, &before, nov, Basis::WithVat);
        assert_eq!(with_vat[0].average, Some(2_200));
    }
}
