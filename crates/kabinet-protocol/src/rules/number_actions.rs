//! Which number states allow which action: ONE table, read by the sandbox when it answers, by
//! the client, and by the UI (through the `number_actions` command), so the three can never
//! disagree about when Block, Unblock, a service change, a SIM replacement or a ban is possible.
//!
//! The portal stays the authority: the client's copy of a number's state may be stale, so the
//! client uses the table to decide what to offer, and the portal refuses what it refuses.
//!
//! A row is an [`ActionKind`] (`crate::action`): every kind that acts on a number has exactly
//! one row. A state this version does not know ([`NumberState::Unknown`]) is in no row, so it
//! allows nothing.

pub use crate::action::ActionKind;
use crate::api::NumberState;
use crate::error::Reason;
use serde::Serialize;

/// Setting and removing a ban: the same states.
const CHANGE_BAN: &[NumberState] = &[NumberState::Active, NumberState::Blocked, NumberState::BlockedDebt];

/// One row of the table: an action and the states that allow it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Row {
    pub action: ActionKind,
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
    Row { action: ActionKind::Block, states: &[NumberState::Active] },
    Row { action: ActionKind::Unblock, states: &[NumberState::Blocked] },
    Row { action: ActionKind::ServiceEnable, states: &[NumberState::Active] },
    Row {
        action: ActionKind::ServiceDisable,
        states: &[NumberState::Active, NumberState::Blocked, NumberState::InProcess, NumberState::BlockedDebt],
    },
    Row { action: ActionKind::SimReplacement, states: &[NumberState::Active] },
    Row { action: ActionKind::BanSet, states: CHANGE_BAN },
    Row { action: ActionKind::BanRemove, states: CHANGE_BAN },
    Row { action: ActionKind::DeviceRegister, states: &[NumberState::Active] },
    Row { action: ActionKind::DeviceReregister, states: &[NumberState::Active] },
    Row { action: ActionKind::DeviceDuplicate, states: &[NumberState::Active] },
    Row {
        action: ActionKind::DeviceDeregister,
        states: &[NumberState::Active, NumberState::Blocked, NumberState::BlockedDebt],
    },
    Row { action: ActionKind::ForwardingSet, states: &[NumberState::Active] },
    Row {
        action: ActionKind::ForwardingClear,
        states: &[NumberState::Active, NumberState::Blocked, NumberState::InProcess, NumberState::BlockedDebt],
    },
    Row { action: ActionKind::SecretCodeSend, states: &[NumberState::Active] },
    Row {
        action: ActionKind::SecretCodeDelete,
        states: &[NumberState::Active, NumberState::Blocked, NumberState::InProcess, NumberState::BlockedDebt],
    },
    Row {
        action: ActionKind::PaymentsReport,
        states: &[NumberState::Active, NumberState::Blocked, NumberState::InProcess, NumberState::BlockedDebt],
    },
    Row { action: ActionKind::Transfer, states: &[NumberState::Active] },
    Row {
        action: ActionKind::TransferReceive,
        states: &[NumberState::Active, NumberState::Blocked, NumberState::BlockedDebt],
    },
];

/// Whether a number in `state` allows `action`. An action on a number is allowed only by the
/// states of its row; one that is not on a number (a report, an e-mail change, a display name)
/// has no row, and no number's state holds it back.
pub fn allows(state: &NumberState, action: ActionKind) -> bool {
    !action.on_number() || TABLE.iter().any(|row| row.action == action && row.states.contains(state))
}

/// Why the table refuses `action` on a number in `state`, if it does: the rule's reason and the
/// portal's English message. Worded once, for the portal's answers (the sandbox's refusals) and
/// for what a bulk preview says of a number it skips by the cached state.
pub fn refusal(state: &NumberState, action: ActionKind) -> Option<(Reason, &'static str)> {
    use ActionKind::*;
    if allows(state, action) {
        return None;
    }
    Some(match (action, state) {
        // Also the actions every known state allows: only an unknown state refuses them (those
        // not on a number are allowed above).
        (_, NumberState::Unknown(_))
        | (
            SecretCodeDelete | PaymentsReport | Report | EmailChange | DisplayName | SimCodesView | CertificatesRequest
            | InvoiceRegister | InvoiceSearch,
            _,
        ) => (Reason::StateUnknown, "This number's state is not one this version knows; nothing can be done with it."),
        (_, NumberState::InProcess) => (Reason::RequestInProcess, "A request for this number is still in process."),
        (Block, _) => (Reason::BlockNeedsActive, "Only an active number can be blocked."),
        (Unblock, NumberState::BlockedDebt) => (
            Reason::BlockedForDebt,
            "The number is blocked for debt: it can be unblocked only after the unpaid charges are paid.",
        ),
        (Unblock, _) => (Reason::UnblockNeedsBlocked, "Only a blocked number can be unblocked."),
        (ServiceEnable, _) => (Reason::ServiceNeedsActive, "Services can be enabled only on an active number."),
        (ServiceDisable, _) => {
            (Reason::ServiceCannotBeDisabled, "Services cannot be disabled on this number in its current state.")
        }
        (SimReplacement, _) => {
            (Reason::SimReplacementNeedsActive, "The SIM card can be replaced only on an active number.")
        }
        (BanSet | BanRemove, _) => {
            (Reason::BanNotAllowedInState, "Bans cannot be changed on this number in its current state.")
        }
        (DeviceRegister | DeviceReregister | DeviceDuplicate, _) => {
            (Reason::ImeiNeedsActive, "A device can be registered only with an active number.")
        }
        (DeviceDeregister, _) => {
            (Reason::ImeiNotAllowedInState, "A device cannot be deregistered from this number in its current state.")
        }
        (ForwardingSet | ForwardingClear, _) => {
            (Reason::ForwardingNeedsActive, "Call forwarding can be set only on an active number.")
        }
        (SecretCodeSend, _) => (Reason::SecretCodeNeedsActive, "A secret code can be sent only to an active number."),
        (Transfer, _) => (Reason::TransferSenderState, "Only an active number can give balance."),
        (TransferReceive, _) => {
            (Reason::TransferRecipientState, "This number cannot receive balance in its current state.")
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ActionKind::*;

    /// The kinds that act on a number: the table's rows.
    fn on_number() -> impl Iterator<Item = ActionKind> {
        ActionKind::ALL.into_iter().filter(|kind| kind.on_number())
    }

    #[test]
    fn every_refusal_of_the_table_has_its_reason_and_nothing_allowed_has_one() {
        let states = [
            NumberState::Active,
            NumberState::Blocked,
            NumberState::InProcess,
            NumberState::BlockedDebt,
            NumberState::Unknown("frozen".into()),
        ];
        for action in ActionKind::ALL {
            for state in &states {
                assert_eq!(refusal(state, action).is_some(), !allows(state, action), "{action:?} in {state:?}");
            }
        }
        assert_eq!(refusal(&NumberState::BlockedDebt, Unblock).unwrap().0, Reason::BlockedForDebt);
        assert_eq!(refusal(&NumberState::BlockedDebt, Block).unwrap().0, Reason::BlockNeedsActive);
        assert_eq!(refusal(&NumberState::InProcess, ServiceEnable).unwrap().0, Reason::RequestInProcess);
        assert_eq!(refusal(&NumberState::Unknown("x".into()), ServiceDisable).unwrap().0, Reason::StateUnknown);
    }

    /// Every state × every action, written out here apart from the table, so a changed row
    /// fails this test until the change is meant.
    #[test]
    fn every_state_allows_exactly_its_actions() {
        let unknown = NumberState::Unknown("suspended".into());
        let expected: [(&NumberState, &[ActionKind]); 5] = [
            (
                &NumberState::Active,
                &[
                    Block,
                    ServiceEnable,
                    ServiceDisable,
                    SimReplacement,
                    BanSet,
                    BanRemove,
                    DeviceRegister,
                    DeviceReregister,
                    DeviceDuplicate,
                    DeviceDeregister,
                    ForwardingSet,
                    ForwardingClear,
                    SecretCodeSend,
                    SecretCodeDelete,
                    PaymentsReport,
                    Transfer,
                    TransferReceive,
                ],
            ),
            (
                &NumberState::Blocked,
                &[
                    Unblock,
                    ServiceDisable,
                    BanSet,
                    BanRemove,
                    DeviceDeregister,
                    ForwardingClear,
                    SecretCodeDelete,
                    PaymentsReport,
                    TransferReceive,
                ],
            ),
            (&NumberState::InProcess, &[ServiceDisable, ForwardingClear, SecretCodeDelete, PaymentsReport]),
            (
                &NumberState::BlockedDebt,
                &[
                    ServiceDisable,
                    BanSet,
                    BanRemove,
                    DeviceDeregister,
                    ForwardingClear,
                    SecretCodeDelete,
                    PaymentsReport,
                    TransferReceive,
                ],
            ),
            (&unknown, &[]),
        ];
        for (state, allowed) in expected {
            for action in on_number() {
                assert_eq!(allows(state, action), allowed.contains(&action), "{state:?} × {action:?}");
            }
            for action in ActionKind::ALL.into_iter().filter(|a| !a.on_number()) {
                assert!(allows(state, action), "{state:?} holds back {action:?}, which is not on a number");
            }
        }
        assert_eq!(expected.len() - 1, NumberState::KNOWN.len(), "every known state is checked");
    }

    #[test]
    fn every_action_on_a_number_has_exactly_one_row_and_no_other_has_one() {
        for action in ActionKind::ALL {
            let rows = TABLE.iter().filter(|r| r.action == action).count();
            assert_eq!(rows, usize::from(action.on_number()), "{action:?}");
        }
        assert_eq!(TABLE.len(), on_number().count());
    }

    #[test]
    fn the_table_goes_to_the_ui_by_ids() {
        let json = serde_json::to_value(TABLE).unwrap();
        assert_eq!(json[0], serde_json::json!({"action": "block", "states": ["active"]}));
        assert_eq!(json[2]["action"], "service_enable");
        assert_eq!(json[4]["action"], "sim_replacement");
        assert_eq!(json[5]["action"], "ban_set");
    }
}
