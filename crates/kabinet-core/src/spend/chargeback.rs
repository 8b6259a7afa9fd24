//! The chargeback file: spend by cost centre and month (net, VAT, total), and on a second sheet
//! the numbers under each cost centre, as XLSX kept in the documents library. Numbers with no
//! cost centre are under "Unassigned", never dropped, so each month's total is the company's
//! total of that month, which is the sum of its certificates' totals (the charges' VAT shares
//! add up to each certificate's VAT: `rules::vat::share`).

use super::aggregate::{self, Amounts, Group, MonthAmount};
use crate::cache::spend_totals::NumberYear;
use crate::export::ExportCompany;
use crate::number_label::Label;
use crate::rules::document_months::YearMonth;
use crate::settings::Language;
use chrono::{DateTime, Utc};
use kabinet_documents::portal::company_title;
use kabinet_documents::{Cell, Column, ColumnKind, Table};
use serde::Serialize;
use std::collections::HashMap;

/// A number's line of the chargeback.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChargebackNumber {
    /// The cost centre's code; `None`: Unassigned.
    pub cost_centre: Option<String>,
    pub cost_centre_name: String,
    pub msisdn: String,
    pub employee: String,
    pub department: String,
    pub account: String,
    pub tariff: String,
    /// By month, in the order of [`Chargeback::months`].
    pub months: Vec<Amounts>,
    pub total: Amounts,
}

/// Spend by cost centre and month, and the numbers under each cost centre.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Chargeback {
    pub months: Vec<YearMonth>,
    /// The largest first, Unassigned last.
    pub cost_centres: Vec<Group>,
    pub by_month: Vec<MonthAmount>,
    pub total: Amounts,
    /// By cost centre (in the order of `cost_centres`), then number.
    pub numbers: Vec<ChargebackNumber>,
}

/// The chargeback of `months` from the cache's numbers over them (`numbers`, by number, each
/// month's amounts in the order of `months`), its totals by month and the company's `labels`
/// (by number, as [`crate::cache::spend_totals::chargeback_labels`] gives them): each number's
/// months added up, then each cost centre's numbers. Both lists are walked side by side and each
/// number lands in its cost centre's bucket once: at 100,000 numbers a lookup per number and a
/// sort keyed by a lookup took a fifth of a second.
pub fn build(
    numbers: Vec<NumberYear>,
    by_month: &[MonthAmount],
    labels: Vec<(String, Label)>,
    months: &[YearMonth],
) -> Chargeback {
    let mut total = Amounts::default();
    by_month.iter().for_each(|m| total.add(m.amounts.net, m.amounts.vat));
    let mut groups: Vec<Group> = Vec::new();
    let mut buckets: Vec<Vec<ChargebackNumber>> = Vec::new();
    let mut index: HashMap<Option<String>, usize> = HashMap::new();
    let mut labels = labels.into_iter().peekable();
    for n in numbers {
        while labels.next_if(|(msisdn, _)| *msisdn < n.msisdn).is_some() {}
        let label = labels.next_if(|(msisdn, _)| *msisdn == n.msisdn).map(|(_, l)| l).unwrap_or_default();
        let Label { employee, department, cost_centre, .. } = label;
        let code = Some(cost_centre.code).filter(|c| !c.is_empty());
        let name = if code.is_some() { cost_centre.name } else { String::new() };
        let amounts: Vec<Amounts> = n.months.iter().map(|&(net, vat)| Amounts { net, vat, total: net + vat }).collect();
        let mut sum = Amounts::default();
        amounts.iter().for_each(|a| sum.add(a.net, a.vat));
        let at = match index.get(&code) {
            Some(&at) => at,
            None => {
                index.insert(code.clone(), groups.len());
                groups.push(Group {
                    key: code.clone(),
                    name: name.clone(),
                    months: vec![Amounts::default(); months.len()],
                    total: Amounts::default(),
                    numbers: 0,
                });
                buckets.push(Vec::new());
                groups.len() - 1
            }
        };
        let group = &mut groups[at];
        // One name per cost centre when its labels differ: the smallest, as the overview's.
        if name < group.name {
            group.name.clone_from(&name);
        }
        group.months.iter_mut().zip(&amounts).for_each(|(g, a)| g.add(a.net, a.vat));
        group.total.add(sum.net, sum.vat);
        group.numbers += 1;
        buckets[at].push(ChargebackNumber {
            cost_centre: code,
            cost_centre_name: name,
            msisdn: n.msisdn,
            employee,
            department,
            account: n.account,
            tariff: n.tariff,
            months: amounts,
            total: sum,
        });
    }
    let mut order: Vec<usize> = (0..groups.len()).collect();
    order.sort_by(|&a, &b| aggregate::group_order(&groups[a], &groups[b]));
    let mut numbers = Vec::with_capacity(buckets.iter().map(Vec::len).sum());
    // By number within a cost centre, as `numbers` came.
    order.iter().for_each(|&at| numbers.append(&mut buckets[at]));
    let mut slots: Vec<Option<Group>> = groups.into_iter().map(Some).collect();
    let cost_centres = order.iter().filter_map(|&at| slots[at].take()).collect();
    Chargeback { months: months.to_vec(), cost_centres, by_month: by_month.to_vec(), total, numbers }
}

/// The file's name.
pub fn file_name(months: &[YearMonth]) -> String {
    match (months.first(), months.last()) {
        (Some(from), Some(to)) => format!("chargeback-{from}-{to}.xlsx"),
        _ => "chargeback.xlsx".into(),
    }
}

/// The two sheets: cost centre × month, and the numbers under each cost centre.
pub fn tables(c: &Chargeback, company: &ExportCompany, lang: Language, now: DateTime<Utc>) -> Vec<Table> {
    let pick = |words: [&'static str; 3]| lang.pick(words);
    let unassigned = pick(["Unassigned", "Без ЦФО", "Шығын орталығынсыз"]);
    let period = c.months.first().zip(c.months.last()).map(|(f, l)| (f.first_day(), l.last_day()));
    let what =
        pick(["Chargeback by cost centre", "Распределение затрат по ЦФО", "Шығындарды шығын орталықтары бойынша бөлу"]);
    let money = |h: &str| Column::new(h, ColumnKind::Money);
    let text = |h: &str| Column::new(h, ColumnKind::Text);
    let (net, vat, total) = (
        pick(["Net", "Без НДС", "ҚҚС-сыз"]),
        pick(["VAT", "НДС", "ҚҚС"]),
        pick(["Total", "Всего с НДС", "ҚҚС-пен барлығы"]),
    );
    let (code, name) = (
        pick(["Cost centre code", "Код ЦФО", "Шығын орталығының коды"]),
        pick(["Cost centre", "ЦФО", "Шығын орталығы"]),
    );
    let name_of = |key: &Option<String>, n: &str| if key.is_none() { unassigned.to_string() } else { n.to_string() };
    let amounts = |a: &Amounts| [Cell::Money(a.net), Cell::Money(a.vat), Cell::Money(a.total)];
    let totals_label = pick(["Total", "Итого", "Барлығы"]);

    let mut rows = Vec::new();
    for g in &c.cost_centres {
        for (month, a) in c.months.iter().zip(&g.months) {
            let mut row = vec![
                g.key.as_deref().map_or(Cell::Empty, Cell::text),
                Cell::text(name_of(&g.key, &g.name)),
                Cell::text(month.to_string()),
            ];
            row.extend(amounts(a));
            rows.push(row);
        }
    }
    let summary = Table {
        sheet: pick(["Cost centres", "ЦФО", "Шығын орталықтары"]).into(),
        title: company_title(what, company, period, lang, now),
        columns: vec![
            text(code),
            text(name),
            text(pick(["Month", "Месяц", "Ай"])),
            money(net),
            money(vat),
            money(total),
        ],
        rows,
        totals: Some(
            [Cell::text(totals_label), Cell::Empty, Cell::Empty].into_iter().chain(amounts(&c.total)).collect(),
        ),
    };

    let mut columns = vec![
        text(code),
        text(name),
        text(pick(["Number", "Номер", "Нөмір"])),
        text(pick(["Employee", "Сотрудник", "Қызметкер"])),
        text(pick(["Department", "Отдел", "Бөлім"])),
        text(pick(["Account", "Лицевой счёт", "Дербес шот"])),
        text(pick(["Tariff", "Тариф", "Тариф"])),
    ];
    columns.extend(c.months.iter().map(|m| money(&format!("{m}, {}", total))));
    columns.extend([money(net), money(vat), money(total)]);
    let width = columns.len();
    let rows = c
        .numbers
        .iter()
        .map(|n| {
            let mut row = Vec::with_capacity(width);
            row.extend([
                n.cost_centre.as_deref().map_or(Cell::Empty, Cell::text),
                Cell::text(name_of(&n.cost_centre, &n.cost_centre_name)),
                Cell::text(&n.msisdn),
                Cell::text(&n.employee),
                Cell::text(&n.department),
                Cell::text(&n.account),
                Cell::text(&n.tariff),
            ]);
            row.extend(n.months.iter().map(|a| Cell::Money(a.total)));
            row.extend(amounts(&n.total));
            row
        })
        .collect();
    let mut totals = vec![Cell::text(totals_label)];
    totals.extend(std::iter::repeat_n(Cell::Empty, 6));
    totals.extend(c.by_month.iter().map(|m| Cell::Money(m.amounts.total)));
    totals.extend(amounts(&c.total));
    let numbers = Table {
        sheet: pick(["Numbers", "Номера", "Нөмірлер"]).into(),
        title: company_title(
            pick(["Numbers by cost centre", "Номера по ЦФО", "Шығын орталықтары бойынша нөмірлер"]),
            company,
            period,
            lang,
            now,
        ),
        columns,
        rows,
        totals: Some(totals),
    };
    vec![summary, numbers]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::number_label::CostCentre;

    #[test]
    fn every_number_is_under_a_cost_centre_or_unassigned_and_the_sheets_add_up() {
        let months = [YearMonth::new(2026, 9).unwrap(), YearMonth::new(2026, 10).unwrap()];
        let number = |msisdn: &str, months: [(i64, i64); 2]| NumberYear {
            msisdn: msisdn.to_string(),
            account: "25060854".to_string(),
            tariff: "Kcell".to_string(),
            months: months.to_vec(),
        };
        let rows = vec![
            number("77010000001", [(800, 100), (1_600, 200)]),
            number("77010000002", [(8_000, 1_000), (0, 0)]),
            number("77010000003", [(0, 0), (80, 10)]),
        ];
        let labels = vec![(
            "77010000001".to_string(),
            Label {
                employee: "Иванов".into(),
                cost_centre: CostCentre { code: "CC-10".into(), name: "Финансы".into() },
                ..Label::default()
            },
        )];
        let by_month = [
            MonthAmount { month: months[0], amounts: Amounts { net: 8_800, vat: 1_100, total: 9_900 } },
            MonthAmount { month: months[1], amounts: Amounts { net: 1_680, vat: 210, total: 1_890 } },
        ];
        let c = build(rows, &by_month, labels, &months);
        assert_eq!(c.total, Amounts { net: 10_480, vat: 1_310, total: 11_790 });
        let keys: Vec<_> = c.cost_centres.iter().map(|g| (g.key.as_deref(), g.numbers, g.total.net)).collect();
        assert_eq!(keys, vec![(Some("CC-10"), 1, 2_400), (None, 2, 8_080)]);
        let listed: Vec<(Option<&str>, &str)> =
            c.numbers.iter().map(|n| (n.cost_centre.as_deref(), n.msisdn.as_str())).collect();
        assert_eq!(listed, vec![(Some("CC-10"), "77010000001"), (None, "77010000002"), (None, "77010000003")]);
        let company = ExportCompany { name: Some("ТОО Кабинет".into()), bin: None };
        let tables = tables(&c, &company, Language::Ru, Utc::now());
        for t in &tables {
            t.check().unwrap();
        }
        assert_eq!(tables[0].rows.len(), 4, "two cost centres × two months");
        assert_eq!(tables[0].rows[2][1], Cell::text("Без ЦФО"));
        assert_eq!(tables[1].rows.len(), 3);
        let bytes = kabinet_documents::xlsx_book(&tables).unwrap();
        assert!(bytes.starts_with(b"PK"));
    }

    #[test]
    fn labels_of_numbers_not_billed_are_passed_over_and_cost_centres_come_largest_first() {
        let months = [YearMonth::new(2026, 9).unwrap()];
        let number = |msisdn: &str, net: i64| NumberYear {
            msisdn: msisdn.to_string(),
            account: "25060854".to_string(),
            tariff: "Kcell".to_string(),
            months: vec![(net, net / 10)],
        };
        let rows = vec![number("77010000002", 100), number("77010000004", 900), number("77010000006", 300)];
        let label = |msisdn: &str, code: &str, name: &str| {
            let cost_centre = CostCentre { code: code.into(), name: name.into() };
            (msisdn.to_string(), Label { department: format!("d{msisdn}"), cost_centre, ..Label::default() })
        };
        // Not billed: before the first number, between two, after the last.
        let labels = vec![
            label("77010000001", "CC-99", "Не в счёте"),
            label("77010000002", "CC-10", "Финансы"),
            label("77010000003", "CC-98", "Не в счёте"),
            label("77010000004", "CC-20", "Склад"),
            label("77010000006", "CC-10", "Бухгалтерия"),
            label("77010000007", "CC-97", "Не в счёте"),
        ];
        let by_month = [MonthAmount { month: months[0], amounts: Amounts { net: 1_300, vat: 130, total: 1_430 } }];
        let c = build(rows, &by_month, labels, &months);
        let groups: Vec<_> =
            c.cost_centres.iter().map(|g| (g.key.as_deref(), g.name.as_str(), g.numbers, g.total.net)).collect();
        assert_eq!(groups, vec![(Some("CC-20"), "Склад", 1, 900), (Some("CC-10"), "Бухгалтерия", 2, 400)]);
        let listed: Vec<_> =
            c.numbers.iter().map(|n| (n.msisdn.as_str(), n.cost_centre_name.as_str(), n.department.as_str())).collect();
        assert_eq!(
            listed,
            vec![
                ("77010000004", "Склад", "d77010000004"),
                ("77010000002", "Финансы", "d77010000002"),
                ("77010000006", "Бухгалтерия", "d77010000006"),
            ]
        );
    }
}
