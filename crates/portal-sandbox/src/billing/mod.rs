//! The operator's billing data for a company, all derived from the same source so the
//! documents agree with each other:
//!
//! - [`charges`]: per number and month (January 2018 to last month), per service, without VAT,
//!   from a hash of the number and the month;
//! - [`invoices`]: one electronic invoice (ЭСФ) per account and month, its net the sum of the
//!   account's numbers' charges, its VAT by `kabinet_protocol::rules::vat` on the turnover date;
//! - [`breakdown`]: the charges as data (the charges route), per number, month and service, with
//!   each line's share of its certificate's VAT;
//! - [`certificate`]: the certificate (form Р-1) of an account and month, whose totals ARE that
//!   invoice's, with Appendix 1 by number;
//! - [`payments`]: the company's payment orders, paying each invoice in the following months;
//! - [`reconciliation`]: certificates as debits, payments as credits, the opening balance
//!   derived from them.
//!
//! Numbers belong to the account the `numbers` table says, for the whole history (the sandbox
//! keeps no history of moves between accounts). When each document is available is
//! `kabinet_protocol::rules::document_months`; the routes are `routes/billing.rs`.

pub mod breakdown;
pub mod certificate;
pub mod charges;
pub mod files;
pub mod invoices;
pub mod payments;
pub mod reconciliation;

use crate::error::{ApiError, ApiResult};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use kabinet_documents::Party;
use kabinet_protocol::api::BillingAccount;
use sqlx::SqliteConnection;

/// The operator's BIN, the seller of every invoice.
pub const OPERATOR_BIN: &str = "940140000385";

/// The operator, as its documents name it.
pub fn operator() -> Party {
    Party {
        name: "АО «Демо-оператор»".into(),
        bin: OPERATOR_BIN.into(),
        address: "г. Алматы, пр. Әл-Фараби, 77/7".into(),
    }
}

/// A company as its billing documents name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Customer {
    pub id: i64,
    pub name: String,
    pub bin: String,
    pub address: String,
    pub contract_number: String,
    pub contract_date: NaiveDate,
}

impl Customer {
    pub fn party(&self) -> Party {
        Party { name: self.name.clone(), bin: self.bin.clone(), address: self.address.clone() }
    }

    /// "Договор № К-0154/18 от 15.01.2018".
    pub fn contract(&self) -> String {
        format!("Договор № {} от {}", self.contract_number, self.contract_date.format("%d.%m.%Y"))
    }
}

/// The company (already granted to the caller: `store::companies::ensure_granted`).
pub async fn customer(conn: &mut SqliteConnection, company_id: i64) -> ApiResult<Customer> {
    let row: Option<(String, String, String, String, String)> =
        sqlx::query_as("SELECT name, bin, address, contract_number, contract_date FROM companies WHERE id = ?")
            .bind(company_id)
            .fetch_optional(&mut *conn)
            .await?;
    let (name, bin, address, contract_number, contract_date) = row.ok_or_else(ApiError::not_found)?;
    let contract_date = NaiveDate::parse_from_str(&contract_date, "%Y-%m-%d").unwrap_or(NaiveDate::MIN);
    Ok(Customer { id: company_id, name, bin, address, contract_number, contract_date })
}

/// The company's accounts in the portal's order, with how many numbers each bills.
pub async fn accounts(conn: &mut SqliteConnection, company_id: i64) -> ApiResult<Vec<BillingAccount>> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT a.account, (SELECT COUNT(*) FROM numbers n WHERE n.account = a.account AND n.company_id = a.company_id)
         FROM billing_accounts a WHERE a.company_id = ? ORDER BY a.position",
    )
    .bind(company_id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().map(|(account, numbers)| BillingAccount { account, numbers }).collect())
}

/// A number as billing sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscriber {
    pub msisdn: String,
    /// [`charges::key`] of the number.
    pub key: u64,
    pub account: String,
    pub tariff: String,
    /// [`charges::subscription_fee`] of the tariff.
    pub fee: i64,
}

/// The company's numbers (of one account when given), by account then number.
pub async fn subscribers(
    conn: &mut SqliteConnection,
    company_id: i64,
    account: Option<&str>,
) -> ApiResult<Vec<Subscriber>> {
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT msisdn, account, tariff FROM numbers WHERE company_id = ? AND (?2 IS NULL OR account = ?2)
         ORDER BY account, msisdn",
    )
    .bind(company_id)
    .bind(account)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().map(|(msisdn, account, tariff)| subscriber(msisdn, account, tariff)).collect())
}

/// Up to `limit` of the company's numbers after `after` (account, number), by account then
/// number: a page of the charges route.
pub async fn subscribers_after(
    conn: &mut SqliteConnection,
    company_id: i64,
    after: Option<(&str, &str)>,
    limit: u32,
) -> ApiResult<Vec<Subscriber>> {
    let (account, msisdn) = after.unwrap_or(("", ""));
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT msisdn, account, tariff FROM numbers WHERE company_id = ? AND (account, msisdn) > (?, ?)
         ORDER BY account, msisdn LIMIT ?",
    )
    .bind(company_id)
    .bind(account)
    .bind(msisdn)
    .bind(i64::from(limit))
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().map(|(msisdn, account, tariff)| subscriber(msisdn, account, tariff)).collect())
}

fn subscriber(msisdn: String, account: String, tariff: String) -> Subscriber {
    Subscriber { key: charges::key(&msisdn), fee: charges::subscription_fee(&tariff), msisdn, account, tariff }
}

/// `now` as a Kazakhstan wall-clock time, for "generated at".
pub fn local(now: DateTime<Utc>) -> NaiveDateTime {
    now.with_timezone(&kabinet_protocol::kz::offset()).naive_local()
}

/// A small hash of text and a number, for the documents' numbers and days.
pub(crate) fn hash(text: &str, n: i64) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ n as u64;
    for b in text.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01B3);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ (h >> 33)
}

#[cfg(test)]
mod tests;
