//! Wire types of a number's payments report (`POST /api/v1/numbers/{msisdn}/payments/report`):
//! the administrator asks for a period (within the last three months,
//! `rules::payments_period`) and an e-mail; the portal sends the report there and answers with
//! the payments it holds, so the app shows them and keeps the file. Money is [`Tiyn`]; times are
//! UTC, the period's dates are calendar days in Kazakhstan.

use super::open_enum::open_enum;
use crate::domain::Tiyn;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

open_enum! {
    /// How a payment reached the number's account; an unknown channel is kept and shown as sent.
    pub enum PaymentChannel {
        /// The company's payment order by its invoice.
        BankTransfer = "bank_transfer",
        /// A bank card, on the operator's site or app.
        Card = "card",
        /// Kaspi.kz.
        Kaspi = "kaspi",
        /// A payment terminal.
        Terminal = "terminal",
        /// A balance transfer from another number of the company.
        BalanceTransfer = "balance_transfer",
    }
}

/// One payment to a number's account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Payment {
    pub at: DateTime<Utc>,
    /// Always positive.
    pub amount: Tiyn,
    pub channel: PaymentChannel,
    /// The payment document's number, as the bank or the terminal gave it.
    pub reference: String,
}

/// What the administrator asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PaymentsReportRequest {
    /// First day (YYYY-MM-DD), Kazakhstan time; at most three months ago.
    pub from: NaiveDate,
    /// Last day, included; at most today.
    pub to: NaiveDate,
    /// Where the report is sent.
    #[cfg_attr(feature = "openapi", schema(schema_with = super::forms::email))]
    pub email: String,
}

/// The report the portal sent: where, when, under which file name, and its payments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PaymentsReport {
    pub msisdn: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub email: String,
    pub sent_at: DateTime<Utc>,
    /// The name of the file attached to the e-mail.
    pub file_name: String,
    /// Oldest first.
    pub payments: Vec<Payment>,
    pub total: Tiyn,
}
