//! Wire types of a number's allowances (`/api/v1/numbers/{msisdn}/allowances`).

use super::open_enum::open_enum;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

open_enum! {
    /// What an allowance counts; an unknown kind is kept and shown by its figures as sent.
    pub enum AllowanceKind {
        /// Counted in seconds.
        Voice = "voice",
        /// Counted in messages.
        Sms = "sms",
        /// Counted in megabytes.
        Data = "data",
    }
}

/// One allowance: available and total (in the kind's unit), or unlimited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Allowance {
    pub name: String,
    pub name_ru: String,
    pub kind: AllowanceKind,
    pub unlimited: bool,
    pub available: Option<i64>,
    pub total: Option<i64>,
    pub connected_on: NaiveDate,
    pub disconnect_on: NaiveDate,
}

/// "Remaining allowance from tariff" and "Additional".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Allowances {
    pub tariff: Vec<Allowance>,
    pub additional: Vec<Allowance>,
}
