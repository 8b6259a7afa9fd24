//! Wire types of bulk actions: one action for many numbers, and the portal's read-only check of
//! it (`POST /api/v1/companies/{id}/actions/check`), which says for each number whether the
//! portal would refuse the action now, and why, without doing anything.
//!
//! The portal has no bulk route: a bulk run sends one ordinary request per number (each with
//! its own Idempotency-Key). The check exists so a preview can skip, before anything runs, what
//! the portal knows better than the client's cache (a service already enabled, short funds, a
//! ban already set).

use super::bans::Ban;
use crate::error::Error;
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// One action applied to many numbers, by its wire name in `action` (with its `service` or
/// `ban` where it needs one): `{"action": "block"}`, `{"action": "service_on", "service":
/// "roaming"}`, `{"action": "ban_off", "ban": "mykcell"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum BulkAction {
    Block,
    Unblock,
    ServiceOn { service: String },
    ServiceOff { service: String },
    BanOn { ban: Ban },
    BanOff { ban: Ban },
    SendSecretCode,
}

impl BulkAction {
    /// The wire name (`block`, `service_on`, …).
    pub fn name(&self) -> &'static str {
        match self {
            Self::Block => "block",
            Self::Unblock => "unblock",
            Self::ServiceOn { .. } => "service_on",
            Self::ServiceOff { .. } => "service_off",
            Self::BanOn { .. } => "ban_on",
            Self::BanOff { .. } => "ban_off",
            Self::SendSecretCode => "send_secret_code",
        }
    }
}

/// The most numbers one check (and one bulk run) takes: a whole company of the largest size
/// the app supports.
pub const BULK_MAX_NUMBERS: usize = 100_000;

/// `POST /api/v1/companies/{id}/actions/check`: the action and the numbers, as canonical
/// msisdns (`77010542007`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ActionCheckRequest {
    #[serde(flatten)]
    pub action: BulkAction,
    pub numbers: Vec<String>,
}

/// The check's answer: one row per number asked, in the order asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ActionCheck {
    pub results: Vec<NumberCheck>,
}

/// One number of a check: no `error` when the portal would do the action now; otherwise the
/// error the action's own route would answer (`not_found` for a number that is not the
/// company's, `already_enabled`, `insufficient_funds`, `not_allowed_in_state` with its reason).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NumberCheck {
    pub msisdn: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<Error>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_travel_tagged_by_their_wire_name() {
        let on = BulkAction::ServiceOn { service: "roaming".into() };
        assert_eq!(
            serde_json::to_value(&on).unwrap(),
            serde_json::json!({"action": "service_on", "service": "roaming"})
        );
        let ban: BulkAction = serde_json::from_str(r#"{"action":"ban_off","ban":"mykcell"}"#).unwrap();
        assert_eq!(ban, BulkAction::BanOff { ban: Ban::Mykcell });
        assert_eq!(serde_json::to_value(BulkAction::Block).unwrap(), serde_json::json!({"action": "block"}));
        let request = ActionCheckRequest { action: on, numbers: vec!["77010542007".into()] };
        assert_eq!(
            serde_json::to_value(&request).unwrap(),
            serde_json::json!({"action": "service_on", "service": "roaming", "numbers": ["77010542007"]})
        );
    }
}
