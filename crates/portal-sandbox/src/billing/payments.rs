//! The company's payment orders (платёжные поручения): how the company pays its invoices. They
//! are the ONE source of payments in the sandbox: the reconciliation's credits are these orders,
//! and a number's payments (the number's payments report, the company's payments report) are
//! each order's share for that number ([`of_numbers`]), so the payments reports and the
//! reconciliation of the same days add up to the same tiyn and name the same documents.
//!
//! The rule, deterministic per account and month: the invoice of month M is paid by the
//! company's bank in month M+1, on the 11th to the 26th; about one invoice in five is paid in two
//! parts, half (in whole tenge) then, the rest on the 5th to the 14th of month M+2. So every
//! invoice is paid in full by the 14th of M+2 — which is what lets the reconciliation derive an
//! opening balance from the last two months alone (`reconciliation.rs`).
//!
//! An order pays the account, and the account's numbers share it in proportion to their charges
//! of the invoice's month (largest remainders, so the shares add up to the order exactly).

use super::invoices::{accounting_number, total_with_vat};
use super::{charges, hash, Subscriber};
use chrono::{DateTime, Datelike, Days, NaiveDate, TimeZone, Utc};
use kabinet_protocol::api::{Payment, PaymentChannel};
use kabinet_protocol::domain::Tiyn;
use kabinet_protocol::rules::document_months::{YearMonth, CERTIFICATES_FROM};
use std::collections::HashMap;

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

impl PaymentOrder {
    /// When the bank credited it: the order's day at a time between 10:00 and 17:59 in
    /// Kazakhstan, the same for every number's share.
    pub fn at(&self) -> DateTime<Utc> {
        let h = hash(&self.number, i64::from(self.date.num_days_from_ce()));
        let local = self.date.and_hms_opt(10 + (h % 8) as u32, ((h >> 8) % 60) as u32, 0).unwrap_or_default();
        kabinet_protocol::kz::offset()
            .from_local_datetime(&local)
            .single()
            .map_or_else(|| local.and_utc(), |t| t.to_utc())
    }
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

/// `amount` shared in proportion to `weights` (largest remainders, ties to the first): the
/// shares add up to `amount` exactly. Nothing to share when the weights add up to nothing.
pub fn allocate(amount: i64, weights: &[i64]) -> Vec<i64> {
    let total: i128 = weights.iter().map(|w| i128::from(*w)).sum();
    if total <= 0 {
        return vec![0; weights.len()];
    }
    let exact = |w: i64| i128::from(amount) * i128::from(w);
    let mut shares: Vec<i64> = weights.iter().map(|w| (exact(*w) / total) as i64).collect();
    let left = amount - shares.iter().sum::<i64>();
    let mut by_remainder: Vec<usize> = (0..weights.len()).collect();
    by_remainder.sort_by_key(|i| std::cmp::Reverse(exact(weights[*i]) % total));
    for i in by_remainder.into_iter().take(left.max(0) as usize) {
        shares[i] += 1;
    }
    shares
}

fn month_of(day: NaiveDate) -> Option<YearMonth> {
    YearMonth::new(day.year(), day.month())
}

/// The payments of each of `subscribers` (sorted by account, as [`super::subscribers`] gives
/// them) credited on the days `from` to `to` (Kazakhstan, both included) by `now`, oldest
/// first: each a share of one of its account's payment orders, by bank transfer, with the
/// order's number as its document number. Numbers without a payment are left out.
pub fn of_numbers(
    subscribers: &[Subscriber],
    from: NaiveDate,
    to: NaiveDate,
    now: DateTime<Utc>,
) -> HashMap<String, Vec<Payment>> {
    let mut out: HashMap<String, Vec<Payment>> = HashMap::new();
    let to = to.min(kabinet_protocol::kz::today(now));
    let (Some(first), Some(last)) = (month_of(from), month_of(to)) else { return out };
    if from > to {
        return out;
    }
    // An invoice is paid in its next two months: those of the period's days and the two before.
    let (first, last) = (first.minus(2).max(CERTIFICATES_FROM), last.minus(1));
    for account in subscribers.chunk_by(|a, b| a.account == b.account) {
        let mut month = first;
        while month <= last {
            let nets: Vec<i64> = account.iter().map(|s| charges::net(s.key, s.fee, month)).collect();
            let total = total_with_vat(month, nets.iter().sum());
            let name = &account[0].account;
            for order in paying(name, month, total, &accounting_number(name, month)) {
                let at = order.at();
                if !(from..=to).contains(&order.date) || at > now {
                    continue;
                }
                for (s, share) in account.iter().zip(allocate(order.amount, &nets)) {
                    if share > 0 {
                        out.entry(s.msisdn.clone()).or_default().push(Payment {
                            at,
                            amount: Tiyn(share),
                            channel: PaymentChannel::BankTransfer,
                            reference: order.number.clone(),
                        });
                    }
                }
            }
            month = month.next();
        }
    }
    for payments in out.values_mut() {
        payments.sort_by_key(|p| p.at);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Months;

    fn subscriber(msisdn: &str, account: &str, tariff: &str) -> Subscriber {
        Subscriber {
            msisdn: msisdn.into(),
            key: charges::key(msisdn),
            account: account.into(),
            tariff: tariff.into(),
            fee: charges::subscription_fee(tariff),
        }
    }

    #[test]
    fn shares_add_up_to_the_amount_in_proportion() {
        assert_eq!(allocate(100, &[1, 1, 1]), [34, 33, 33]);
        assert_eq!(allocate(10, &[0, 5, 5]), [0, 5, 5]);
        assert_eq!(allocate(7, &[]), Vec::<i64>::new());
        assert_eq!(allocate(7, &[0, 0]), [0, 0]);
        let weights = [123_456_789, 1, 987_654_321_000, 42];
        for amount in [0, 1, 99, 1_000_000_007, 9_000_000_000_000] {
            let shares = allocate(amount, &weights);
            assert_eq!(shares.iter().sum::<i64>(), amount);
            assert!(shares.iter().all(|s| *s >= 0));
        }
    }

    #[test]
    fn a_numbers_payments_are_shares_of_its_accounts_orders() {
        let now = Utc.with_ymd_and_hms(2026, 5, 20, 6, 0, 0).unwrap();
        let subs = [
            subscriber("77010542006", "25060830", "Бизнес 5000"),
            subscriber("77010542007", "25060830", "Бизнес 3000"),
            subscriber("77010542008", "25060854", "Бизнес 5000"),
        ];
        let to = kabinet_protocol::kz::today(now);
        let from = to.checked_sub_months(Months::new(6)).unwrap();
        let all = of_numbers(&subs, from, to, now);
        assert_eq!(all, of_numbers(&subs, from, to, now), "always the same");
        let one = &all["77010542007"];
        assert!(one.len() >= 6, "one a month at least: {}", one.len());
        assert!(one.windows(2).all(|w| w[0].at <= w[1].at), "oldest first");
        for p in one {
            assert!(p.amount.0 > 0 && p.at <= now);
            assert!((from..=to).contains(&kabinet_protocol::kz::today(p.at)));
            assert_eq!(p.channel, PaymentChannel::BankTransfer);
        }
        // The account's two numbers share each of its orders, which add up to its invoices.
        let mut orders = Vec::new();
        let mut month = YearMonth::new(2025, 9).unwrap();
        while month <= YearMonth::new(2026, 4).unwrap() {
            let net = subs[..2].iter().map(|s| charges::net(s.key, s.fee, month)).sum();
            orders.extend(paying("25060830", month, total_with_vat(month, net), ""));
            month = month.next();
        }
        let paid: i64 = orders.iter().filter(|o| (from..=to).contains(&o.date)).map(|o| o.amount).sum();
        let shares: i64 = all["77010542006"].iter().chain(one).map(|p| p.amount.0).sum();
        assert_eq!(shares, paid);
        assert!(all["77010542008"].iter().all(|p| !one.iter().any(|q| q.at == p.at && q.reference == p.reference)));
    }

    #[test]
    fn the_ends_of_the_calendar_do_not_overflow() {
        let now = Utc.with_ymd_and_hms(2026, 5, 20, 6, 0, 0).unwrap();
        let subs = [subscriber("77010542007", "25060830", "Бизнес 5000")];
        assert!(of_numbers(&subs, NaiveDate::MAX, NaiveDate::MAX, now).is_empty());
        assert!(of_numbers(&subs, NaiveDate::MIN, NaiveDate::MIN, now).is_empty());
    }

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
