//! Wire types of the company's billing data (`/api/v1/companies/{id}/accounts`,
//! `/invoices/search`): its personal accounts and its electronic invoices (ЭСФ). The documents
//! themselves (certificate, register, the search as XLSX) travel as files. Money is [`Tiyn`];
//! dates are calendar days in Kazakhstan.

use crate::domain::Tiyn;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// A company's personal account: every number is billed to one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct BillingAccount {
    /// Eight digits ("25060854").
    pub account: String,
    /// How many of the company's numbers it bills.
    pub numbers: i64,
}

/// `GET /api/v1/companies/{id}/accounts`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct BillingAccounts {
    pub items: Vec<BillingAccount>,
}

/// An electronic invoice (ЭСФ): one per account and month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Invoice {
    /// Assigned by the invoicing system, 34 characters ("ESF-940140000385-20260203-00012345").
    pub registration_number: String,
    /// The operator's accounting number ("2601-25060854": the month, then the account).
    pub accounting_number: String,
    pub account: String,
    pub issue_date: NaiveDate,
    /// The month's last day; its VAT rate applies.
    pub turnover_date: NaiveDate,
    pub seller_bin: String,
    pub buyer_bin: String,
    /// Without VAT.
    pub net: Tiyn,
    pub vat_rate: u32,
    pub vat: Tiyn,
    /// `net + vat`.
    pub total: Tiyn,
}

/// A document's file format: the certificate's (`format` of its route) and the
/// reconciliation statement's (`format` of its report request).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum FileFormat {
    Pdf,
    Xlsx,
}

impl FileFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            FileFormat::Pdf => "pdf",
            FileFormat::Xlsx => "xlsx",
        }
    }
}

/// How an invoice is looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum InvoiceSearchBy {
    /// The registration number (34 characters).
    Registration,
    /// The accounting number.
    Accounting,
}

/// One number an invoice bills, with its amount without VAT.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct InvoiceNumber {
    pub msisdn: String,
    pub tariff: String,
    pub net: Tiyn,
}

/// `GET /api/v1/companies/{id}/invoices/search`: the invoice and the numbers it bills.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct InvoiceSearch {
    pub invoice: Invoice,
    pub numbers: Vec<InvoiceNumber>,
}
