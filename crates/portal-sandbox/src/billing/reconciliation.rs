//! The reconciliation statement (акт сверки) of a company for a period of days, in the
//! operator's books: every certificate (its total with VAT, dated the month's last day) is a
//! debit, every payment order a credit, oldest first.
//!
//! The opening balance is derived, never stored: the sum of every document before the period's
//! first day. Every invoice is paid in full by the 14th of its second following month
//! ([`super::payments`]), so the documents of months more than two before the period's first
//! month sum to zero, and only the last two months' are added: the statement of a
//! 100,000-number company over a year reads 14 months of charges, not the whole history (the
//! test `the_opening_balance_is_the_whole_history` checks the shortcut against the sum from
//! January 2018).

use super::invoices::{self, account_nets};
use super::payments::paying;
use super::{Customer, Subscriber};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use kabinet_documents::{Reconciliation, ReconciliationRow};
use kabinet_protocol::rules::document_months::{YearMonth, CERTIFICATES_FROM};

/// The services the statement covers, as the manual names them.
pub const SERVICES: [&str; 5] =
    ["Мобильная связь", "Фиксированный интернет", "Автомониторинг", "Телеметрия", "Контрактный телефон"];

fn month_of(day: NaiveDate) -> YearMonth {
    YearMonth::new(day.year(), day.month()).expect("a calendar day's month")
}

/// One document, with what orders it: date, certificates before payments, account.
struct Document {
    order: (NaiveDate, u8, String),
    row: ReconciliationRow,
}

/// The documents of the invoices of `first` to `last` (certificates and their payments).
fn documents(customer: &Customer, subscribers: &[Subscriber], first: YearMonth, last: YearMonth) -> Vec<Document> {
    let mut documents = Vec::new();
    for account in account_nets(subscribers, first, last) {
        for (month, net) in account.months() {
            let invoice = invoices::invoice(customer, &account.account, month, net);
            let date = invoice.turnover_date;
            documents.push(Document {
                order: (date, 0, account.account.clone()),
                row: ReconciliationRow {
                    date,
                    document: format!(
                        "Акт выполненных работ № {} от {} (лицевой счёт {})",
                        invoice.accounting_number,
                        date.format("%d.%m.%Y"),
                        account.account
                    ),
                    debit: invoice.total.0,
                    credit: 0,
                },
            });
            for order in paying(&account.account, month, invoice.total.0, &invoice.accounting_number) {
                documents.push(Document {
                    order: (order.date, 1, account.account.clone()),
                    row: ReconciliationRow {
                        date: order.date,
                        document: format!(
                            "Платёжное поручение № {} от {} (оплата по акту № {})",
                            order.number,
                            order.date.format("%d.%m.%Y"),
                            order.invoice
                        ),
                        debit: 0,
                        credit: order.amount,
                    },
                });
            }
        }
    }
    documents
}

/// The statement from `from` to `to` (both included; already checked by
/// `rules::document_months::check_days`).
pub fn build(
    customer: &Customer,
    subscribers: &[Subscriber],
    from: NaiveDate,
    to: NaiveDate,
    now: DateTime<Utc>,
) -> Reconciliation {
    let first = month_of(from).minus(2).max(CERTIFICATES_FROM);
    let mut documents = documents(customer, subscribers, first, month_of(to));
    documents.sort_by(|a, b| a.order.cmp(&b.order));
    let opening = documents.iter().filter(|d| d.row.date < from).map(|d| d.row.debit - d.row.credit).sum();
    let rows: Vec<ReconciliationRow> =
        documents.into_iter().filter(|d| (from..=to).contains(&d.row.date)).map(|d| d.row).collect();
    let debit_turnover = rows.iter().map(|r| r.debit).sum();
    let credit_turnover = rows.iter().map(|r| r.credit).sum();
    Reconciliation {
        as_of: to,
        period: (from, to),
        operator: super::operator(),
        customer: customer.party(),
        services: SERVICES.iter().map(|s| s.to_string()).collect(),
        opening,
        rows,
        debit_turnover,
        credit_turnover,
        closing: opening + debit_turnover - credit_turnover,
        generated_at: super::local(now),
    }
}

/// The balance before `day` from every document since January 2018: what [`build`]'s opening
/// balance must equal (for tests).
#[cfg(test)]
pub(crate) fn whole_history_balance(customer: &Customer, subscribers: &[Subscriber], day: NaiveDate) -> i64 {
    documents(customer, subscribers, CERTIFICATES_FROM, month_of(day))
        .iter()
        .filter(|d| d.row.date < day)
        .map(|d| d.row.debit - d.row.credit)
        .sum()
}
