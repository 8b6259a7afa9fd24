//! Wire types of the numbers list and the number profile (`/api/v1/companies/{id}/numbers`,
//! `/api/v1/numbers/{msisdn}`), PIN/PUK included. Money is [`Tiyn`]; times are UTC. How a
//! summary is kept in SQLite is the cache's business (`cache/summary_row.rs`), not the wire's.

use super::open_enum::open_enum;
use crate::domain::Tiyn;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

open_enum! {
    /// The state of a number. `blocked_debt` cannot be unblocked by the administrator; a state
    /// this version does not know is kept as `Unknown` and allows no action.
    pub enum NumberState {
        Active = "active",
        Blocked = "blocked",
        InProcess = "in_process",
        BlockedDebt = "blocked_debt",
    }
}

impl NumberState {
    /// The names people search for, in English and Russian (lower case); an unknown state is
    /// found by its raw name.
    pub fn search_terms(&self) -> &str {
        match self {
            Self::Active => "active активен",
            Self::Blocked => "blocked заблокирован",
            Self::InProcess => "in process в обработке",
            Self::BlockedDebt => "blocked debt заблокирован долг",
            Self::Unknown(raw) => raw,
        }
    }
}

open_enum! {
    /// How a number pays; an unknown method is kept as `Unknown` and shown as sent.
    pub enum PaymentMethod {
        /// Postpaid, with a credit limit.
        Credit = "credit",
        /// Prepaid.
        Advance = "advance",
    }
}

/// A row of the numbers list, with the figures of the number information block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NumberSummary {
    pub msisdn: String,
    pub account: String,
    pub tariff: String,
    pub payment_method: PaymentMethod,
    pub state: NumberState,
    pub state_changed_at: DateTime<Utc>,
    /// None: no individual limit is set.
    pub individual_limit: Option<Tiyn>,
    pub available_funds: Option<Tiyn>,
    pub credit_limit: Tiyn,
    /// Remaining credit limit (credit) or prepaid balance (advance).
    pub balance: Tiyn,
    /// Debt for past periods.
    pub debt: Tiyn,
    pub updated_at: DateTime<Utc>,
}

/// One page of a company's numbers, in msisdn order.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NumberPage {
    pub items: Vec<NumberSummary>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
    /// The portal's time when the first page was served; pass it as `updated_since` next time.
    pub server_time: DateTime<Utc>,
}

/// "General information" of the number profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct GeneralInfo {
    pub payment_method: PaymentMethod,
    pub registration_form: String,
    pub account: String,
    pub ban_sms_ussd: bool,
    pub ban_mykcell_details: bool,
    pub ban_mykcell: bool,
    /// When the number's secret code was sent (manual "Obtaining a secret code"); `None` when
    /// it has none: never sent, deleted, or ended by too many wrong tries. An older portal that
    /// does not say reads as none.
    #[serde(default)]
    pub secret_code_sent_at: Option<DateTime<Utc>>,
}

/// "SIM card and device", without the PIN and PUK codes (see [`SimSecrets`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SimInfo {
    pub iccid: String,
    pub sim_replaced_at: Option<DateTime<Utc>>,
    /// 14 digits, as the portal shows it.
    pub imei: Option<String>,
}

/// PIN and PUK codes: fetched on demand, shown masked until revealed, never cached.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SimSecrets {
    pub pin1: String,
    pub pin2: String,
    pub puk1: String,
    pub puk2: String,
}

impl std::fmt::Debug for SimSecrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SimSecrets(***)")
    }
}

/// The number profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NumberDetail {
    pub summary: NumberSummary,
    pub general: GeneralInfo,
    pub sim: SimInfo,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_enums_round_trip_unknown_values_unchanged() {
        let state: NumberState = serde_json::from_str(r#""frozen""#).unwrap();
        assert_eq!(state, NumberState::Unknown("frozen".into()));
        assert_eq!(serde_json::to_string(&state).unwrap(), r#""frozen""#);
        for known in NumberState::KNOWN {
            let json = serde_json::to_string(known).unwrap();
            assert_eq!(&serde_json::from_str::<NumberState>(&json).unwrap(), known);
        }
        assert_eq!(serde_json::to_string(&NumberState::InProcess).unwrap(), r#""in_process""#);
        assert_eq!(serde_json::from_str::<PaymentMethod>(r#""advance""#).unwrap(), PaymentMethod::Advance);
    }
}
