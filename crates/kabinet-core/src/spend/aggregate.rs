//! Spend's figures from the cached charges, as pure functions (no I/O, unit-tested here): the
//! total by month; by cost centre, by department, by tariff and by service, each stacked by
//! month; the top numbers with the change against their own previous-3-month average. Every
//! figure carries net, VAT and total, so the view switches with VAT and without, and every group
//! lists the numbers behind it (`behind`: each number's part of any one figure).
//!
//! A number without a cost centre (or department) is counted under "Unassigned" (`key: None`),
//! never dropped, so the groups of a month add up to the month's total.

use crate::cache::charges::ChargeRow;
use crate::number_label::Label;
use crate::rules::document_months::YearMonth;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

/// An amount in tiyn: without VAT, the VAT, and both.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
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

/// What spend is grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    CostCentre,
    Department,
    Tariff,
    Service,
}

/// A month's total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MonthAmount {
    pub month: YearMonth,
    pub amounts: Amounts,
}

/// One group (a cost centre, a department, a tariff or a service) over the months.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Group {
    /// The cost centre's code, the department, the tariff or the service's wire name; `None`:
    /// Unassigned (no cost centre or department).
    pub key: Option<String>,
    /// The cost centre's name (empty otherwise).
    pub name: String,
    /// By month, in the order of the `months` asked.
    pub months: Vec<Amounts>,
    pub total: Amounts,
    /// The numbers behind it, in order.
    pub numbers: Vec<String>,
}

/// The total of each of `months` (a month without rows is zero).
pub fn by_month(rows: &[ChargeRow], months: &[YearMonth]) -> Vec<MonthAmount> {
    let mut sums: BTreeMap<YearMonth, Amounts> = months.iter().map(|m| (*m, Amounts::default())).collect();
    for r in rows {
        if let Some(sum) = sums.get_mut(&r.month) {
            sum.add(r.net, r.vat);
        }
    }
    sums.into_iter().map(|(month, amounts)| MonthAmount { month, amounts }).collect()
}

/// The group of a row under `dimension`: its key (`None`: Unassigned) and name, borrowed from
/// the row or its label (no allocation per row: a year of 100,000 numbers is millions of rows).
fn group_of<'r>(row: &'r ChargeRow, label: Option<&'r Label>, dimension: Dimension) -> (Option<&'r str>, &'r str) {
    let nonempty = |s: &'r str| (!s.is_empty()).then_some(s);
    match dimension {
        Dimension::CostCentre => match label.and_then(|l| nonempty(&l.cost_centre.code).map(|c| (c, l))) {
            Some((code, l)) => (Some(code), l.cost_centre.name.as_str()),
            None => (None, ""),
        },
        Dimension::Department => (label.and_then(|l| nonempty(&l.department)), ""),
        Dimension::Tariff => (Some(row.tariff.as_str()), ""),
        Dimension::Service => (Some(row.service.as_str()), ""),
    }
}

/// Spend by `dimension`, stacked by `months` (rows of other months are left out), the largest
/// total first and Unassigned last.
pub fn grouped(
    rows: &[ChargeRow],
    labels: &HashMap<String, Label>,
    months: &[YearMonth],
    dimension: Dimension,
) -> Vec<Group> {
    let index: HashMap<YearMonth, usize> = months.iter().enumerate().map(|(i, m)| (*m, i)).collect();
    /// A group's name, amounts by month and numbers, while they are added up.
    type Sums<'r> = (&'r str, Vec<Amounts>, HashSet<&'r str>);
    let mut groups: HashMap<Option<&str>, Sums> = HashMap::new();
    let by_label = matches!(dimension, Dimension::CostCentre | Dimension::Department);
    for r in rows {
        let Some(&i) = index.get(&r.month) else { continue };
        let label = if by_label { labels.get(&r.msisdn) } else { None };
        let (key, name) = group_of(r, label, dimension);
        let group = groups.entry(key).or_insert_with(|| (name, vec![Amounts::default(); months.len()], HashSet::new()));
        group.1[i].add(r.net, r.vat);
        group.2.insert(&r.msisdn);
    }
    let mut out: Vec<Group> = groups
        .into_iter()
        .map(|(key, (name, months, numbers))| {
            let mut total = Amounts::default();
            months.iter().for_each(|m| total.add(m.net, m.vat));
            let mut numbers: Vec<String> = numbers.into_iter().map(String::from).collect();
            numbers.sort_unstable();
            Group { key: key.map(String::from), name: name.to_string(), months, total, numbers }
        })
        .collect();
    out.sort_by(|a, b| {
        (a.key.is_none(), std::cmp::Reverse(a.total.total), &a.key).cmp(&(
            b.key.is_none(),
            std::cmp::Reverse(b.total.total),
            &b.key,
        ))
    });
    out
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

/// The numbers behind `figure` (rows of months other than `months` left out), each with its
/// part of it, the largest by `basis` first: they add up to the figure.
pub fn behind(
    rows: &[ChargeRow],
    labels: &HashMap<String, Label>,
    months: &[YearMonth],
    figure: &Figure,
    basis: Basis,
) -> Vec<NumberAmount> {
    let mut numbers: HashMap<&str, NumberAmount> = HashMap::new();
    for r in rows {
        let in_month = months.contains(&r.month) && figure.month.is_none_or(|m| m == r.month);
        let in_group = match figure.dimension {
            Some(dimension) => group_of(r, labels.get(&r.msisdn), dimension).0 == figure.key.as_deref(),
            None => true,
        };
        if !in_month || !in_group {
            continue;
        }
        let number = numbers.entry(&r.msisdn).or_insert_with(|| NumberAmount {
            msisdn: r.msisdn.clone(),
            account: r.account.clone(),
            tariff: r.tariff.clone(),
            amounts: Amounts::default(),
        });
        number.amounts.add(r.net, r.vat);
    }
    let mut out: Vec<NumberAmount> = numbers.into_values().collect();
    out.sort_by(|a, b| b.amounts.of(basis).cmp(&a.amounts.of(basis)).then_with(|| a.msisdn.cmp(&b.msisdn)));
    out
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

/// The `count` numbers that cost most in `month` by `basis`, with their change.
pub fn top_numbers(rows: &[ChargeRow], month: YearMonth, basis: Basis, count: usize) -> Vec<TopNumber> {
    let previous = [month.minus(1), month.minus(2), month.minus(3)];
    let mut this: HashMap<&str, (&ChargeRow, Amounts)> = HashMap::new();
    let mut before: HashMap<(&str, YearMonth), Amounts> = HashMap::new();
    for r in rows {
        if r.month == month {
            this.entry(&r.msisdn).or_insert((r, Amounts::default())).1.add(r.net, r.vat);
        } else if previous.contains(&r.month) {
            before.entry((&r.msisdn, r.month)).or_default().add(r.net, r.vat);
        }
    }
    let mut top: Vec<TopNumber> = this
        .into_iter()
        .map(|(msisdn, (row, amounts))| {
            let billed: Vec<i64> =
                previous.iter().filter_map(|m| before.get(&(msisdn, *m))).map(|a| a.of(basis)).collect();
            let average = average(&billed);
            let change_percent = average.filter(|a| *a != 0).map(|a| (amounts.of(basis) - a) as f64 * 100.0 / a as f64);
            TopNumber {
                msisdn: msisdn.to_string(),
                account: row.account.clone(),
                tariff: row.tariff.clone(),
                amounts,
                average,
                change_percent,
            }
        })
        .collect();
    top.sort_by(|a, b| b.amounts.of(basis).cmp(&a.amounts.of(basis)).then_with(|| a.msisdn.cmp(&b.msisdn)));
    top.truncate(count);
    top
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ChargeService;
    use crate::number_label::CostCentre;
    use std::collections::BTreeSet;

    fn ym(y: i32, m: u32) -> YearMonth {
        YearMonth::new(y, m).unwrap()
    }

    fn row(month: YearMonth, msisdn: &str, service: ChargeService, net: i64, vat: i64) -> ChargeRow {
        ChargeRow {
            month,
            msisdn: msisdn.into(),
            account: "25060854".into(),
            tariff: if msisdn.ends_with('1') { "Kcell".into() } else { "Business Class Junior".into() },
            service,
            net,
            vat,
        }
    }

    fn label(code: &str, name: &str, department: &str) -> Label {
        Label {
            department: department.into(),
            cost_centre: CostCentre { code: code.into(), name: name.into() },
            ..Label::default()
        }
    }

    /// Three numbers over three months: A (CC-10, Sales), B (CC-20, no department), C unlabelled.
    fn sample() -> (Vec<ChargeRow>, HashMap<String, Label>, Vec<YearMonth>) {
        let months = vec![ym(2026, 8), ym(2026, 9), ym(2026, 10)];
        let mut rows = Vec::new();
        for (i, m) in months.iter().enumerate() {
            let i = i as i64;
            rows.push(row(*m, "77010000001", ChargeService::Subscription, 1_000, 160));
            rows.push(row(*m, "77010000001", ChargeService::Calls, 100 * (i + 1), 16 * (i + 1)));
            rows.push(row(*m, "77010000002", ChargeService::Subscription, 2_000, 320));
            rows.push(row(*m, "77010000003", ChargeService::Internet, 500, 80));
        }
        let labels = HashMap::from([
            ("77010000001".to_string(), label("CC-10", "Finance", "Sales")),
            ("77010000002".to_string(), label("CC-20", "Logistics", "")),
            // A label with an employee only: still Unassigned.
            ("77010000003".to_string(), Label { employee: "Ivanov".into(), ..Label::default() }),
        ]);
        (rows, labels, months)
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
    fn the_months_add_up_with_and_without_vat() {
        let (rows, _, months) = sample();
        let totals = by_month(&rows, &months);
        assert_eq!(totals.len(), 3);
        assert_eq!(totals[0].amounts, Amounts { net: 3_600, vat: 576, total: 4_176 });
        assert_eq!(totals[2].amounts.net, 3_800);
        // A month without rows is there, with zero.
        let with_empty = by_month(&rows, &[ym(2026, 7), ym(2026, 8)]);
        assert_eq!(with_empty[0].amounts, Amounts::default());
    }

    #[test]
    fn numbers_without_a_cost_centre_or_department_are_unassigned_never_dropped() {
        let (rows, labels, months) = sample();
        for dimension in [Dimension::CostCentre, Dimension::Department, Dimension::Tariff, Dimension::Service] {
            let groups = grouped(&rows, &labels, &months, dimension);
            for (i, month) in by_month(&rows, &months).iter().enumerate() {
                let sum: i64 = groups.iter().map(|g| g.months[i].total).sum();
                assert_eq!(sum, month.amounts.total, "{dimension:?} {}", month.month);
            }
            let numbers: BTreeSet<&String> = groups.iter().flat_map(|g| &g.numbers).collect();
            assert_eq!(numbers.len(), 3, "{dimension:?}");
        }
        let by_cc = grouped(&rows, &labels, &months, Dimension::CostCentre);
        let keys: Vec<_> = by_cc.iter().map(|g| (g.key.as_deref(), g.name.as_str())).collect();
        assert_eq!(keys, vec![(Some("CC-20"), "Logistics"), (Some("CC-10"), "Finance"), (None, "")]);
        assert_eq!(by_cc[2].numbers, vec!["77010000003"]);
        assert_eq!(by_cc[1].months[2], Amounts { net: 1_300, vat: 208, total: 1_508 });
        let by_department = grouped(&rows, &labels, &months, Dimension::Department);
        let unassigned = by_department.iter().find(|g| g.key.is_none()).unwrap();
        assert_eq!(unassigned.numbers, vec!["77010000002", "77010000003"], "Unassigned comes last, with both");
        assert!(by_department.last().unwrap().key.is_none());
        let by_service = grouped(&rows, &labels, &months, Dimension::Service);
        assert_eq!(by_service[0].key.as_deref(), Some("subscription"));
        let by_tariff = grouped(&rows, &labels, &months, Dimension::Tariff);
        assert_eq!(by_tariff.len(), 2);
    }

    #[test]
    fn the_numbers_behind_a_figure_add_up_to_it() {
        let (rows, labels, months) = sample();
        for dimension in [Dimension::CostCentre, Dimension::Department, Dimension::Tariff, Dimension::Service] {
            for group in grouped(&rows, &labels, &months, dimension) {
                for (i, month) in months.iter().enumerate() {
                    let figure = Figure { dimension: Some(dimension), key: group.key.clone(), month: Some(*month) };
                    let numbers = behind(&rows, &labels, &months, &figure, Basis::WithoutVat);
                    let sum: i64 = numbers.iter().map(|n| n.amounts.net).sum();
                    assert_eq!(sum, group.months[i].net, "{dimension:?} {:?} {month}", group.key);
                }
                let all = Figure { dimension: Some(dimension), key: group.key.clone(), month: None };
                let numbers: Vec<String> =
                    behind(&rows, &labels, &months, &all, Basis::WithVat).into_iter().map(|n| n.msisdn).collect();
                let mut sorted = numbers.clone();
                sorted.sort();
                assert_eq!(sorted, group.numbers, "{dimension:?} {:?}", group.key);
            }
        }
        // Unassigned by cost centre: the unlabelled number only; the month's total: every number,
        // the largest first.
        let unassigned = Figure { dimension: Some(Dimension::CostCentre), key: None, month: None };
        let numbers = behind(&rows, &labels, &months, &unassigned, Basis::WithVat);
        assert_eq!(numbers.len(), 1);
        assert_eq!((numbers[0].msisdn.as_str(), numbers[0].amounts.net), ("77010000003", 1_500));
        let october = Figure { dimension: None, key: None, month: Some(ym(2026, 10)) };
        let numbers = behind(&rows, &labels, &months, &october, Basis::WithoutVat);
        let listed: Vec<(&str, i64)> = numbers.iter().map(|n| (n.msisdn.as_str(), n.amounts.net)).collect();
        assert_eq!(listed, vec![("77010000002", 2_000), ("77010000001", 1_300), ("77010000003", 500)]);
        // A month not shown has nothing behind it.
        let outside = Figure { dimension: None, key: None, month: Some(ym(2026, 7)) };
        assert!(behind(&rows, &labels, &months, &outside, Basis::WithVat).is_empty());
    }

    #[test]
    fn top_numbers_change_against_their_own_previous_three_months() {
        let (mut rows, _, _) = sample();
        // November: number 3 triples, number 2 stays, number 4 is new.
        let nov = ym(2026, 11);
        rows.push(row(nov, "77010000001", ChargeService::Subscription, 1_000, 160));
        rows.push(row(nov, "77010000002", ChargeService::Subscription, 2_000, 320));
        rows.push(row(nov, "77010000003", ChargeService::Internet, 1_500, 240));
        rows.push(row(nov, "77010000004", ChargeService::Calls, 50, 8));
        let top = top_numbers(&rows, nov, Basis::WithoutVat, 3);
        let listed: Vec<&str> = top.iter().map(|t| t.msisdn.as_str()).collect();
        assert_eq!(listed, vec!["77010000002", "77010000003", "77010000001"]);
        assert_eq!((top[0].average, top[0].change_percent), (Some(2_000), Some(0.0)));
        assert_eq!((top[1].average, top[1].change_percent), (Some(500), Some(200.0)));
        // Number 1: 1100, 1200, 1300 before (average 1200), 1000 now.
        let change = top[2].change_percent.unwrap();
        assert!((change - (-200.0 * 100.0 / 1_200.0)).abs() < 1e-9, "{change}");
        // With VAT: the same order, the averages with VAT.
        let with_vat = top_numbers(&rows, nov, Basis::WithVat, 10);
        assert_eq!(with_vat[0].average, Some(2_320));
        // A number new this month has no average.
        let new = with_vat.iter().find(|t| t.msisdn == "77010000004").unwrap();
        assert_eq!((new.average, new.change_percent), (None, None));
    }
}
