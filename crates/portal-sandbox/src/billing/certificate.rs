//! The certificate of work performed (form Р-1) of an account and a month, with Appendix 1:
//! its lines add the account's numbers' charges by service (the subscription by tariff), so its
//! net, VAT and total are exactly that month's invoice of the account ([`super::invoices`]), and
//! Appendix 1 has one line per number.

use super::charges::{self, Service};
use super::{invoices, Customer, Subscriber};
use chrono::{DateTime, Utc};
use kabinet_documents::{AppendixLine, Certificate, CertificateLine};
use kabinet_protocol::rules::document_months::YearMonth;
use std::collections::BTreeMap;

/// The certificate of `account` for `month`, from the account's numbers (`subscribers`, by
/// number); `None` when the account bills no number.
pub fn build(
    customer: &Customer,
    account: &str,
    subscribers: &[Subscriber],
    month: YearMonth,
    now: DateTime<Utc>,
) -> Option<Certificate> {
    if subscribers.is_empty() {
        return None;
    }
    let mut by_tariff: BTreeMap<(&str, i64), i64> = BTreeMap::new();
    let mut quantities = [0i64; 5];
    let mut appendix = Vec::with_capacity(subscribers.len());
    for s in subscribers {
        *by_tariff.entry((s.tariff.as_str(), s.fee)).or_default() += 1;
        let q = charges::quantities(s.key, month);
        for (sum, q) in quantities.iter_mut().zip(q) {
            *sum += q;
        }
        let amounts = charges::amounts(s.key, s.fee, month).to_vec();
        appendix.push(AppendixLine {
            msisdn: s.msisdn.clone(),
            tariff: s.tariff.clone(),
            total: amounts.iter().sum(),
            amounts,
        });
    }
    let mut lines: Vec<CertificateLine> = by_tariff
        .into_iter()
        .map(|((tariff, fee), count)| CertificateLine {
            service: format!("{} по тарифу «{tariff}»", Service::Subscription.name()),
            unit: Service::Subscription.unit().into(),
            quantity: count,
            price: fee,
            amount: count * fee,
        })
        .collect();
    for (service, quantity) in Service::ALL.iter().zip(quantities).skip(1) {
        if quantity > 0 {
            let price = service.price(0);
            lines.push(CertificateLine {
                service: service.name().into(),
                unit: service.unit().into(),
                quantity,
                price,
                amount: quantity * price,
            });
        }
    }
    let net = lines.iter().map(|l| l.amount).sum();
    let invoice = invoices::invoice(customer, account, month, net);
    Some(Certificate {
        number: invoice.accounting_number,
        date: invoice.turnover_date,
        contract: customer.contract(),
        account: account.to_string(),
        customer: customer.party(),
        contractor: super::operator(),
        period: (month.first_day(), month.last_day()),
        lines,
        net,
        vat_rate: invoice.vat_rate,
        vat: invoice.vat.0,
        total: invoice.total.0,
        appendix_columns: Service::ALL.iter().map(|s| s.name().to_string()).collect(),
        appendix,
        generated_at: super::local(now),
    })
}
