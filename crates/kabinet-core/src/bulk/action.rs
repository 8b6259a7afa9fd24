//! What each bulk action is, in the terms the rest of the app already has: its `Action`
//! (`kabinet_protocol::action`, whose kind is its row of the shared state × action table), the
//! check that it names something to act on, and the one request that does it for one number
//! (`Call::of`, the request the action describes; sent as an intent of the run, `run.rs`).

use crate::action::Action;
use crate::api::Ban;
use crate::client::Call;
use crate::domain::Phone;
use crate::error::{Error, ErrorCode, Result};

/// Refuses an action a bulk run cannot take, or one that names nothing to act on (an empty
/// service, a ban this version does not know), naming the field, before anything is previewed.
pub(crate) fn check(action: &Action) -> Result<()> {
    match action {
        other if !other.is_bulk() => {
            Err(Error::invalid_field(ErrorCode::InvalidInput, "action", "This action cannot be run on many numbers."))
        }
        Action::ServiceEnable { service } | Action::ServiceDisable { service } if service.trim().is_empty() => {
            Err(Error::invalid_field(ErrorCode::InvalidInput, "service", "Choose a service."))
        }
        Action::BanSet { ban } | Action::BanRemove { ban } if matches!(ban, Ban::Unknown(_)) => {
            Err(Error::invalid_field(ErrorCode::InvalidInput, "ban", "Choose a ban."))
        }
        _ => Ok(()),
    }
}

/// The action's request for one number, as the action describes it (`Call::of`); one a bulk
/// run cannot take is refused.
pub(crate) fn call(action: &Action, phone: &Phone) -> Result<Call> {
    check(action)?;
    Call::of(action, phone)
}
