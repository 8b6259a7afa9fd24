//! Wire types of the company's charges (`GET /api/v1/companies/{id}/charges`): Appendix 1 of
//! the certificates as data, per account, month, number and service, without VAT and with the
//! VAT each line carries. The lines of an account's month add up, net and VAT, to that month's
//! certificate and invoice to the tiyn (the VAT of a line is its share by
//! `rules::vat::share`). Paged by number, like the numbers list.

use crate::api::open_enum::open_enum;
use crate::domain::Tiyn;
use crate::rules::document_months::YearMonth;
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

open_enum! {
    /// A service the certificate bills (a column of Appendix 1); a newer portal may bill more.
    pub enum ChargeService {
        /// The tariff's monthly fee.
        Subscription = "subscription",
        Calls = "calls",
        Sms = "sms",
        Internet = "internet",
        Roaming = "roaming",
    }
}

/// One service of a number in a month. Services with nothing billed are left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ServiceCharge {
    pub service: ChargeService,
    /// Without VAT.
    pub net: Tiyn,
    /// This line's share of its certificate's VAT.
    pub vat: Tiyn,
}

/// A number's charges in one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct MonthCharges {
    pub month: YearMonth,
    pub services: Vec<ServiceCharge>,
}

/// A number's charges over the months asked, with the account that bills it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NumberCharges {
    pub account: String,
    pub msisdn: String,
    pub tariff: String,
    /// Every month asked, oldest first.
    pub months: Vec<MonthCharges>,
}

/// `GET /api/v1/companies/{id}/charges`: a page of numbers, by account then number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ChargesPage {
    pub items: Vec<NumberCharges>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}
