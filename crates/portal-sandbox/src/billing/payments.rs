//! The company's payment orders (платёжные поручения): how the company pays its invoices.
//!
//! The rule, deterministic per account and month: the invoice of month M is paid by the
//! company's bank in month M+1, on the 11th to the 26th; about one invoice in five is paid in two
//! parts, half (in whole tenge) then, the rest on the 5th to the 14th of month M+2. So every
//! invoice is paid in full by the 14th of M+2 — which is what lets the reconciliation derive an
//! opening balance from the last two months alone (`reconciliation.rs`).

use super::hash;
use chrono::{Days, NaiveDate};
use kabinet_core::rules::document_months::YearMonth;

/// One payment order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentOrder {
    pub number: String,
    pub date: NaiveDate,
    pub account: String,
    /// Tiyn, positive.
    pub amount: i64,
    /// The accounting number of the invoice it pays.
    pub invoice: String,
}

/// The orders that pay the invoice of `account` for `month`, whose total is `total` tiyn.
pub fn paying(account: &str, month: YearMonth, total: i64, invoice: &str) -> Vec<PaymentOrder> {
    if total <= 0 {
        return Vec::new();
    }
    let h = hash(account, month.index() + 2_000_000);
    let order = |part: u64, date: NaiveDate, amount: i64| PaymentOrder {
        number: format!("{}", 1 + (h >> 24).wrapping_add(part) % 9_999),
        date,
        account: account.to_string(),
        amount,
        invoice: invoice.to_string(),
    };
    let first = month.next().first_day() + Days::new(10 + h % 16);
    let half = total / 2 / 100 * 100;
    if (h >> 8) % 5 == 0 && half > 0 {
        let second = month.next().next().first_day() + Days::new(4 + (h >> 16) % 10);
        vec![order(0, first, half), order(1, second, total - half)]
    } else {
        vec![order(0, first, total)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_invoice_is_paid_in_full_by_the_14th_of_the_second_month() {
        let mut month = YearMonth::new(2018, 1).unwrap();
        let mut split = 0;
        for i in 0..100 {
            let total = 1_000_000 + i * 12_345;
            let orders = paying("25060854", month, total, "x");
            assert_eq!(orders.iter().map(|o| o.amount).sum::<i64>(), total);
            assert!(orders.iter().all(|o| o.amount > 0 && o.date > month.last_day()));
            assert!(orders.iter().all(|o| o.date <= month.next().next().first_day() + Days::new(13)));
            split += usize::from(orders.len() == 2);
            month = month.next();
        }
        assert!((5..50).contains(&split), "{split} of 100 in two parts");
    }
}
