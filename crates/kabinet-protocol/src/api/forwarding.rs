//! Wire types of call forwarding (`/api/v1/numbers/{msisdn}/forwarding...`): the four kinds, a
//! kind's forwarding as set, and the request that sets one. The rules of a target and of the
//! delay are `rules::forwarding`, applied by both ends.

use super::open_enum::open_enum;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

open_enum! {
    /// When calls are forwarded, by its wire name (also the last segment of its route).
    pub enum ForwardKind {
        /// Every call.
        Unconditional = "unconditional",
        /// When the line is busy.
        Busy = "busy",
        /// When the call is not answered within the delay (5 to 30 s).
        NoAnswer = "no_answer",
        /// When the phone is off or out of coverage.
        Unreachable = "unreachable",
    }
}

/// One kind's forwarding, as set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Forwarding {
    pub kind: ForwardKind,
    /// A Kazakh number as 11 digits (`77012115526`), or an international one as `+` and its
    /// digits (`+4915112345678`).
    pub target: String,
    /// Seconds before an unanswered call is forwarded: for `no_answer` only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delay_s: Option<u32>,
    pub set_at: DateTime<Utc>,
}

/// A number's forwardings: only the kinds that are set, in the kinds' order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ForwardingList {
    pub msisdn: String,
    pub items: Vec<Forwarding>,
}

/// Sets (or replaces) one kind's forwarding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SetForwarding {
    /// As typed: `+7 701 211 55 26`, `8 727 250 00 00`, `+49 151 1234 5678`. The pattern
    /// gives the canonical forms: a Kazakh number's 11 digits, or `+` and an international
    /// number (E.164: 8 to 15 digits, zone 7 with 11).
    #[cfg_attr(feature = "openapi", schema(pattern = r"^(77[0-9]{9}|\+(7[0-9]{10}|[1-689][0-9]{7,14}))$"))]
    pub target: String,
    /// For `no_answer` only: 5 to 30 seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delay_s: Option<u32>,
}
