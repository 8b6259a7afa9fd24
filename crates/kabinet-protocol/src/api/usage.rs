//! Wire types of a number's usage report (`/api/v1/numbers/{msisdn}/usage`). Money is [`Tiyn`];
//! times are UTC, the period's dates are calendar days.

use crate::domain::Tiyn;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub enum UsageKind {
    Calls,
    Sms,
    Data,
    All,
}

/// One usage record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct UsageRecord {
    pub at: DateTime<Utc>,
    /// calls, sms or data (never all).
    pub kind: UsageKind,
    /// The other party's number, or the access point for data.
    pub counterparty: String,
    /// Seconds for calls, messages for SMS, kilobytes for data.
    pub quantity: i64,
    pub cost: Tiyn,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct UsageReport {
    pub msisdn: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub kind: UsageKind,
    pub records: Vec<UsageRecord>,
    pub total_cost: Tiyn,
}
