//! What each bulk action is, in the terms the rest of the app already has: its `Action`
//! (`kabinet_protocol::action`, whose kind is its row of the shared state × action table), the
//! check that it names something to act on, and the one request that does it for one number
//! (`Call::of`, the request the action describes; sent as an intent of the run, `run.rs`).

use super::Selection;
use crate::action::Action;
use crate::api::Ban;
use crate::client::Call;
use crate::domain::{Iccid, Phone};
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

/// Refuses a selection the action cannot take: SIM replacement takes pairs (each number with
/// its own new SIM), and only it does.
pub(crate) fn check_selection(action: &Action, selection: &Selection) -> Result<()> {
    match (action.needs_iccids(), selection) {
        (true, Selection::Pairs(_)) | (false, Selection::Numbers(_) | Selection::Search(_)) => Ok(()),
        (true, _) => Err(Error::invalid_field(
            ErrorCode::InvalidInput,
            "pairs",
            "Give each number with its new SIM card number (ICCID), one pair a line: number ICCID.",
        )),
        (false, _) => Err(Error::invalid_field(
            ErrorCode::InvalidInput,
            "selection",
            "Numbers with a SIM card number each are only for a SIM card replacement.",
        )),
    }
}

/// The action's request for one number, as the action describes it (`Call::of`), with the
/// number's own new SIM put in for a SIM replacement; one a bulk run cannot take is refused.
pub(crate) fn call(action: &Action, phone: &Phone, iccid: Option<&str>) -> Result<Call> {
    check(action)?;
    let iccid = match (action.needs_iccids(), iccid) {
        (true, raw) => Some(Iccid::parse(raw.unwrap_or_default()).map_err(|e| Error::from(e).with_field("iccid"))?),
        (false, _) => None,
    };
    Call::of(&action.with_iccid(iccid), phone)
}
