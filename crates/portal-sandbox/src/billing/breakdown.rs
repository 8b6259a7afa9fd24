//! The charges as data (`GET /api/v1/companies/{id}/charges`): per number, month and service,
//! the net from [`charges::amounts`] (what the certificate's Appendix 1 and lines add up) and
//! the line's VAT by `rules::vat::share`, taken in the certificate's order (by number, then by
//! service) within each account's month. So an account's month adds up, net and VAT, to its
//! certificate and invoice to the tiyn, whatever page a line falls on.

use super::charges::{self, Service};
use super::Subscriber;
use crate::error::ApiResult;
use kabinet_protocol::api::{MonthCharges, NumberCharges, ServiceCharge};
use kabinet_protocol::domain::Tiyn;
use kabinet_protocol::rules::breakdown::VatShares;
use kabinet_protocol::rules::document_months::YearMonth;
use sqlx::SqliteConnection;

/// A page of the company's charges over `months`: the numbers after `after` (account, number),
/// at most `limit`, and whether more follow.
pub async fn page(
    conn: &mut SqliteConnection,
    company_id: i64,
    after: Option<(&str, &str)>,
    limit: u32,
    months: &[YearMonth],
) -> ApiResult<(Vec<NumberCharges>, bool)> {
    let page = super::subscribers_after(conn, company_id, after, limit).await?;
    // The nets of the first account's numbers before this page, for its lines' VAT shares.
    let before = match (page.first(), after) {
        (Some(first), Some((account, msisdn))) if first.account == account => {
            super::subscribers(conn, company_id, Some(account))
                .await?
                .into_iter()
                .filter(|s| s.msisdn.as_str() <= msisdn)
                .collect()
        }
        _ => Vec::new(),
    };
    let full = page.len() == limit as usize;
    Ok((lines(&before, &page, months), full))
}

/// The lines of `page` (by account then number), `before` being the numbers of its first
/// account that come before it.
pub fn lines(before: &[Subscriber], page: &[Subscriber], months: &[YearMonth]) -> Vec<NumberCharges> {
    let shares_from = |before: &[Subscriber]| -> Vec<VatShares> {
        months.iter().map(|m| VatShares::new(*m, before.iter().map(|s| charges::net(s.key, s.fee, *m)).sum())).collect()
    };
    let mut running = shares_from(before);
    let mut account = page.first().map(|s| s.account.as_str());
    page.iter()
        .map(|s| {
            if account != Some(s.account.as_str()) {
                account = Some(s.account.as_str());
                running = shares_from(&[]);
            }
            let months = months
                .iter()
                .zip(running.iter_mut())
                .map(|(month, shares)| {
                    let services = Service::ALL
                        .iter()
                        .zip(charges::amounts(s.key, s.fee, *month))
                        .filter(|(_, net)| *net != 0)
                        .map(|(service, net)| {
                            let vat = shares.next(net);
                            ServiceCharge { service: service.wire(), net: Tiyn(net), vat: Tiyn(vat) }
                        })
                        .collect();
                    MonthCharges { month: *month, services }
                })
                .collect();
            NumberCharges { account: s.account.clone(), msisdn: s.msisdn.clone(), tariff: s.tariff.clone(), months }
        })
        .collect()
}
