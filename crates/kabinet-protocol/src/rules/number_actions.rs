//! Which number states allow which action: ONE table, read by the sandbox when it answers, by
//! the client, and by the UI (through the `number_actions` command), so the three can never
//! disagree about when Block, Unblock, a service change, a SIM replacement or a ban is possible.
//!
//! The portal stays the authority: the client's copy of a number's state may be stale, so the
//! client uses the table to decide what to offer, and the portal refuses what it refuses.
//!
//! Adding an action is one [`NumberAction`] variant and one row of [`TABLE`]. A state this
//! version does not know ([`NumberState::Unknown`]) is in no row, so it allows nothing.

use crate::api::NumberState;
use crate::error::Reason;
use serde::Serialize;

/// An action on one number, by its wire name (`block`, `enable_service`, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NumberAction {
    Block,
    Unblock,
    EnableService,
    DisableService,
    /// SIM card replacement (a request that completes later).
    ReplaceSim,
    /// Setting or removing a ban (MyKcell details access, MyKcell access, SMS / USSD control).
    ChangeBan,
    /// Register a device (IMEI) with the number: register, re-register, register a duplicate.
    RegisterDevice,
    /// Deregister a device (IMEI) from the number (Delete in its registered IMEIs).
    DeregisterDevice,
    /// Setting a call forwarding (one of the four kinds).
    SetForwarding,
    /// Switching a call forwarding off.
    ClearForwarding,
    /// Sending a secret code to the number by SMS.
    SendSecretCode,
    /// Deleting the number's secret code.
    DeleteSecretCode,
    /// The payments report of a number (it reads the payments, and changes nothing).
    PaymentsReport,
    /// Giving balance to another number of the company (the sender of a balance transfer).
    TransferFrom,
    /// Receiving balance from another number of the company (the recipient of a transfer).
    TransferTo,
}

/// One row of the table: an action and the states that allow it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Row {
    pub action: NumberAction,
    pub states: &'static [NumberState],
}

/// The table, one row per action.
///
/// - Block: only an Active number. Unblock: only a Blocked one (Blocked / Debt is unblocked by
///   paying, not by the administrator).
/// - Enabling a service: only on an Active number.
/// - Disabling a service: in every known state (the portal has never refused it by state).
/// - SIM replacement: only an Active number (FAQ 8: "Unable to change my SIM card, function is
///   not available" on any other state). A blocked line keeps its SIM until it is unblocked.
/// - Setting or removing a ban: Active, Blocked and Blocked / Debt. A ban only limits what the
///   number's user may do in MyKcell or by SMS / USSD, so it is the administrator's to change
///   whatever the line's state (a blocked number is where one is most often wanted); In process
///   waits for the portal, like every change of the line.
/// - Registering a device (IMEI), re-registering or registering a duplicate: only with an
///   Active number (the SIM is in the device and works).
/// - Deregistering a device: in every known state but In process (a blocked number's owner may
///   still give the device away).
/// - Setting a call forwarding: only on an Active number; switching one off: in every known
///   state (like disabling a service, taking something away is never held back).
/// - Sending a secret code (by SMS to the number): only to an Active number; deleting one: in
///   every known state (the employee's access must always be revocable).
/// - The payments report: in every known state (a blocked number's payments stay readable).
/// - Balance transfer: only an Active number gives (a blocked line's balance is held for its
///   charges); an Active, Blocked or Blocked / Debt one receives (money paid in is how a blocked
///   line comes back); In process receives nothing until the portal has finished with it. How
///   much a sender can give is `rules::transfer::available`.
/// - In process waits for the portal: nothing but taking something away (disabling a
///   service, switching a forwarding off, deleting a secret code) and reading reports.
pub const TABLE: &[Row] = &[
    Row { action: NumberAction::Block, states: &[NumberState::Active] },
    Row { action: NumberAction::Unblock, states: &[NumberState::Blocked] },
    Row { action: NumberAction::EnableService, states: &[NumberState::Active] },
    Row {
        action: NumberAction::DisableService,
        states: &[NumberState::Active, NumberState::Blocked, NumberState::InProcess, NumberState::BlockedDebt],
    },
    Row { action: NumberAction::ReplaceSim, states: &[NumberState::Active] },
    Row {
        action: NumberAction::ChangeBan,
        states: &[NumberState::Active, NumberState::Blocked, NumberState::BlockedDebt],
    },
    Row { action: NumberAction::RegisterDevice, states: &[NumberState::Active] },
    Row {
        action: NumberAction::DeregisterDevice,
        states: &[NumberState::Active, NumberState::Blocked, NumberState::BlockedDebt],
    },
    Row { action: NumberAction::SetForwarding, states: &[NumberState::Active] },
    Row {
        action: NumberAction::ClearForwarding,
        states: &[NumberState::Active, NumberState::Blocked, NumberState::InProcess, NumberState::BlockedDebt],
    },
    Row { action: NumberAction::SendSecretCode, states: &[NumberState::Active] },
    Row {
        action: NumberAction::DeleteSecretCode,
        states: &[NumberState::Active, NumberState::Blocked, NumberState::InProcess, NumberState::BlockedDebt],
    },
    Row {
        action: NumberAction::PaymentsReport,
        states: &[NumberState::Active, NumberState::Blocked, NumberState::InProcess, NumberState::BlockedDebt],
    },
    Row { action: NumberAction::TransferFrom, states: &[NumberState::Active] },
    Row {
        action: NumberAction::TransferTo,
        states: &[NumberState::Active, NumberState::Blocked, NumberState::BlockedDebt],
    },
];

/// Whether a number in `state` allows `action`. An action without a row allows nothing.
pub fn allows(state: &NumberState, action: NumberAction) -> bool {
    TABLE.iter().any(|row| row.action == action && row.states.contains(state))
}

/// Why the table refuses `action` on a number in `state`, if it does: the rule's reason and the
/// portal's English message. Worded once, for the portal's answers (the sandbox's refusals) and
/// for what a bulk preview says of a number it skips by the cached state.
pub fn refusal(state: &NumberState, action: NumberAction) -> Option<(Reason, &'static str)> {
    use NumberAction::*;
    if allows(state, action) {
        return None;
    }
    Some(match (action, state) {
        // Also the actions every known state allows: only an unknown state refuses them.
        (_, NumberState::Unknown(_)) | (DeleteSecretCode | PaymentsReport, _) => {
            (Reason::StateUnknown, "This number's state is not one this version knows; nothing can be done with it.")
        }
        (_, NumberState::InProcess) => (Reason::RequestInProcess, "A request for this number is still in process."),
        (Block, _) => (Reason::BlockNeedsActive, "Only an active number can be blocked."),
        (Unblock, NumberState::BlockedDebt) => (
            Reason::BlockedForDebt,
            "The number is blocked for debt: it can be unblocked only after the unpaid charges are paid.",
        ),
        (Unblock, _) => (Reason::UnblockNeedsBlocked, "Only a blocked number can be unblocked."),
        (EnableService, _) => (Reason::ServiceNeedsActive, "Services can be enabled only on an active number."),
        (DisableService, _) => {
            (Reason::ServiceCannotBeDisabled, "Services cannot be disabled on this number in its current state.")
        }
        (ReplaceSim, _) => {
            (Reason::SimReplacementNeedsActive, "The SIM card can be replaced only on an active number.")
        }
        (ChangeBan, _) => (Reason::BanNotAllowedInState, "Bans cannot be changed on this number in its current state."),
        (RegisterDevice, _) => (Reason::ImeiNeedsActive, "A device can be registered only with an active number."),
        (DeregisterDevice, _) => {
            (Reason::ImeiNotAllowedInState, "A device cannot be deregistered from this number in its current state.")
        }
        (SetForwarding | ClearForwarding, _) => {
            (Reason::ForwardingNeedsActive, "Call forwarding can be set only on an active number.")
        }
        (SendSecretCode, _) => (Reason::SecretCodeNeedsActive, "A secret code can be sent only to an active number."),
        (TransferFrom, _) => (Reason::TransferSenderState, "Only an active number can give balance."),
        (TransferTo, _) => (Reason::TransferRecipientState, "This number cannot receive balance in its current state."),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use NumberAction::*;

    #[test]
    fn every_refusal_of_the_table_has_its_reason_and_nothing_allowed_has_one() {
        let states = [
            NumberState::Active,
            NumberState::Blocked,
            NumberState::InProcess,
            NumberState::BlockedDebt,
            NumberState::Unknown("frozen".into()),
        ];
        for action in ALL {
            for state in &states {
                assert_eq!(refusal(state, action).is_some(), !allows(state, action), "{action:?} in {state:?}");
            }
        }
        assert_eq!(refusal(&NumberState::BlockedDebt, Unblock).unwrap().0, Reason::BlockedForDebt);
        assert_eq!(refusal(&NumberState::BlockedDebt, Block).unwrap().0, Reason::BlockNeedsActive);
        assert_eq!(refusal(&NumberState::InProcess, EnableService).unwrap().0, Reason::RequestInProcess);
        assert_eq!(refusal(&NumberState::Unknown("x".into()), DisableService).unwrap().0, Reason::StateUnknown);
    }

    const ALL: [NumberAction; 15] = [
        Block,
        Unblock,
        EnableService,
        DisableService,
        ReplaceSim,
        ChangeBan,
        RegisterDevice,
        DeregisterDevice,
        SetForwarding,
        ClearForwarding,
        SendSecretCode,
        DeleteSecretCode,
        PaymentsReport,
        TransferFrom,
        TransferTo,
    ];

    /// Every state × every action, written out here apart from the table, so a changed row
    /// fails this test until the change is meant.
    #[test]
    fn every_state_allows_exactly_its_actions() {
        let unknown = NumberState::Unknown("suspended".into());
        let expected: [(&NumberState, &[NumberAction]); 5] = [
            (
                &NumberState::Active,
                &[
                    Block,
                    EnableService,
                    DisableService,
                    ReplaceSim,
                    ChangeBan,
                    RegisterDevice,
                    DeregisterDevice,
                    SetForwarding,
                    ClearForwarding,
                    SendSecretCode,
                    DeleteSecretCode,
                    PaymentsReport,
                    TransferFrom,
                    TransferTo,
                ],
            ),
            (
                &NumberState::Blocked,
                &[
                    Unblock,
                    DisableService,
                    ChangeBan,
                    DeregisterDevice,
                    ClearForwarding,
                    DeleteSecretCode,
                    PaymentsReport,
                    TransferTo,
                ],
            ),
            (&NumberState::InProcess, &[DisableService, ClearForwarding, DeleteSecretCode, PaymentsReport]),
            (
                &NumberState::BlockedDebt,
                &[
                    DisableService,
                    ChangeBan,
                    DeregisterDevice,
                    ClearForwarding,
                    DeleteSecretCode,
                    PaymentsReport,
                    TransferTo,
                ],
            ),
            (&unknown, &[]),
        ];
        for (state, allowed) in expected {
            for action in ALL {
                assert_eq!(allows(state, action), allowed.contains(&action), "{state:?} × {action:?}");
            }
        }
        assert_eq!(expected.len() - 1, NumberState::KNOWN.len(), "every known state is checked");
    }

    #[test]
    fn every_action_has_exactly_one_row() {
        for action in ALL {
            assert_eq!(TABLE.iter().filter(|r| r.action == action).count(), 1, "{action:?}");
        }
        assert_eq!(TABLE.len(), ALL.len());
    }

    #[test]
    fn the_table_goes_to_the_ui_by_wire_names() {
        let json = serde_json::to_value(TABLE).unwrap();
        assert_eq!(json[0], serde_json::json!({"action": "block", "states": ["active"]}));
        assert_eq!(json[2]["action"], "enable_service");
        assert_eq!(json[4]["action"], "replace_sim");
        assert_eq!(json[5]["action"], "change_ban");
    }
}
