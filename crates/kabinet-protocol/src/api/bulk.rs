//! Wire types of bulk actions: one `Action` (`crate::action`) for many numbers, and the portal's read-only check of
//! it (`POST /api/v1/companies/{id}/actions/check`), which says for each number whether the
//! portal would refuse the action now, and why, without doing anything.
//!
//! The portal has no bulk route: a bulk run sends one ordinary request per number (each with
//! its own Idempotency-Key). The check exists so a preview can skip, before anything runs, what
//! the portal knows better than the client's cache (a service already enabled, short funds, a
//! ban already set).

use crate::action::Action;
use crate::error::Error;
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// The most numbers one check (and one bulk run) takes: a whole company of the largest size
/// the app supports.
pub const BULK_MAX_NUMBERS: usize = 100_000;

/// `POST /api/v1/companies/{id}/actions/check`: the action and the numbers, as canonical
/// msisdns (`77010542007`); for `sim_replacement`, `iccids` gives each number's new SIM, in the
/// numbers' order (one each).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ActionCheckRequest {
    #[serde(flatten)]
    pub action: Action,
    pub numbers: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub iccids: Vec<String>,
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
    fn a_check_carries_its_action_by_wire_name_beside_the_numbers() {
        let on = Action::ServiceEnable { service: "roaming".into() };
        let request = ActionCheckRequest { action: on, numbers: vec!["77010542007".into()], iccids: vec![] };
        assert_eq!(
            serde_json::to_value(&request).unwrap(),
            serde_json::json!({"action": "service_on", "service": "roaming", "numbers": ["77010542007"]})
        );
    }
}
