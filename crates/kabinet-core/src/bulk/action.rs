//! What each bulk action is, in the terms the rest of the app already has: its row of the shared
//! state × action table (`rules::number_actions`), the reason the portal gives when a number's
//! state refuses it (the same words as the sandbox's stores), and the one request that does it
//! for one number (sent as an intent of the run, `run.rs`).

use crate::api::{Ban, BulkAction};
use crate::client::Call;
use crate::domain::Phone;
use crate::error::{Error, ErrorCode, Result};
use crate::rules::number_actions::NumberAction;

/// The action's row of the shared state × action table.
pub(crate) fn number_action(action: &BulkAction) -> NumberAction {
    match action {
        BulkAction::Block => NumberAction::Block,
        BulkAction::Unblock => NumberAction::Unblock,
        BulkAction::ServiceOn { .. } => NumberAction::EnableService,
        BulkAction::ServiceOff { .. } => NumberAction::DisableService,
        BulkAction::BanOn { .. } | BulkAction::BanOff { .. } => NumberAction::ChangeBan,
        BulkAction::SendSecretCode => NumberAction::SendSecretCode,
    }
}

/// Refuses an action that names nothing to act on (an empty service, a ban this version does
/// not know), naming the field, before anything is previewed.
pub(crate) fn check(action: &BulkAction) -> Result<()> {
    match action {
        BulkAction::ServiceOn { service } | BulkAction::ServiceOff { service } if service.trim().is_empty() => {
            Err(Error::invalid_field(ErrorCode::InvalidInput, "service", "Choose a service."))
        }
        BulkAction::BanOn { ban } | BulkAction::BanOff { ban } if matches!(ban, Ban::Unknown(_)) => {
            Err(Error::invalid_field(ErrorCode::InvalidInput, "ban", "Choose a ban."))
        }
        _ => Ok(()),
    }
}

/// The action's request for one number, built by its area's client file.
pub(crate) fn call(action: &BulkAction, phone: &Phone) -> Result<Call> {
    Ok(match action {
        BulkAction::Block => Call::set_blocked(phone, true),
        BulkAction::Unblock => Call::set_blocked(phone, false),
        BulkAction::ServiceOn { service } => Call::set_service(phone, service, true)?,
        BulkAction::ServiceOff { service } => Call::set_service(phone, service, false)?,
        BulkAction::BanOn { ban } => Call::set_ban(phone, ban, true),
        BulkAction::BanOff { ban } => Call::set_ban(phone, ban, false),
        BulkAction::SendSecretCode => Call::send_secret_code(phone),
    })
}
