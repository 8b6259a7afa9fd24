//! The "List of numbers report" the portal e-mails: the manual's fields (mobile number, billing
//! method, credit limit, amount owed, balance, remaining credit limit, tariff, current status),
//! built here so the sandbox's file and any app export of it are the same table.

use super::{company_title, payment_label, state_label, ExportCompany};
use crate::{Cell, Column, ColumnKind, Table};
use chrono::{DateTime, Utc};
use kabinet_protocol::api::{NumberSummary, PaymentMethod};
use kabinet_protocol::Language;

fn headers(lang: Language) -> [&'static str; 8] {
    match lang {
        Language::En => [
            "Mobile number",
            "Billing method",
            "Credit limit, ₸",
            "Amount owed, ₸",
            "Balance, ₸",
            "Remaining credit limit, ₸",
            "Tariff",
            "Current status",
        ],
        Language::Ru => [
            "Мобильный номер",
            "Способ расчётов",
            "Кредитный лимит, ₸",
            "Задолженность, ₸",
            "Баланс, ₸",
            "Остаток кредитного лимита, ₸",
            "Тариф",
            "Текущий статус",
        ],
        Language::Kk => [
            "Ұялы нөмір",
            "Есеп айырысу тәсілі",
            "Кредит лимиті, ₸",
            "Қарыз, ₸",
            "Теңгерім, ₸",
            "Кредит лимитінің қалдығы, ₸",
            "Тариф",
            "Ағымдағы күйі",
        ],
    }
}

/// The report's table: a credit number has a credit limit and its remainder, an advance
/// number a balance; what a number does not have is left empty, not zero.
pub fn numbers_report_table(
    numbers: &[NumberSummary],
    company: &ExportCompany,
    lang: Language,
    now: DateTime<Utc>,
) -> Table {
    Table {
        sheet: lang.pick(["Numbers", "Номера", "Нөмірлер"]).into(),
        title: company_title(
            lang.pick(["List of numbers report", "Отчёт по списку номеров", "Нөмірлер тізімі бойынша есеп"]),
            company,
            None,
            lang,
            now,
        ),
        columns: headers(lang)
            .into_iter()
            .enumerate()
            .map(|(i, h)| {
                let kind = if (2..=5).contains(&i) { ColumnKind::Money } else { ColumnKind::Text };
                Column::new(h, kind)
            })
            .collect(),
        rows: numbers
            .iter()
            .map(|n| {
                let credit = n.payment_method == PaymentMethod::Credit;
                let money = |yes: bool, tiyn: i64| if yes { Cell::Money(tiyn) } else { Cell::Empty };
                vec![
                    Cell::text(&n.msisdn),
                    Cell::text(payment_label(&n.payment_method, lang)),
                    money(credit, n.credit_limit.0),
                    Cell::Money(n.debt.0),
                    money(!credit, n.balance.0),
                    money(credit, n.balance.0),
                    Cell::text(&n.tariff),
                    Cell::text(state_label(&n.state, lang)),
                ]
            })
            .collect(),
        totals: None,
    }
}
