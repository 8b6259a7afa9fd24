//! The actions as the window offers them, from the one [`Action`] (`kabinet_protocol::action`),
//! through the `actions` command: each kind with the number states that allow it (its row of
//! the shared table) and its notice's text key, and the bulk screen's choices with their text
//! keys. The UI keeps no list of its own, so its menus, the bulk screen and the notices of
//! unanswered intents cannot disagree with core (`tests/locales.rs` ties the keys to the enum).

use crate::action::{Action, ActionKind};
use crate::api::{Ban, NumberState};
use crate::rules::number_actions::TABLE;
use serde::Serialize;

/// Everything the UI knows about actions.
#[derive(Debug, Clone, Serialize)]
pub struct Catalogue {
    /// Every kind, in [`ActionKind::ALL`]'s order.
    pub actions: Vec<ActionInfo>,
    /// What the bulk screen offers, in the number's menus' order.
    pub bulk: Vec<BulkChoice>,
}

/// One kind of action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActionInfo {
    pub id: ActionKind,
    /// The number states that allow it (its row of the table); none for an action that is not
    /// on a number (a report, an e-mail change, a display name).
    pub states: Option<&'static [NumberState]>,
    /// The text key that names it in a notice of an unanswered intent (`intent.action.<id>`);
    /// none for one never sent as an intent.
    pub notice_key: Option<String>,
}

/// The catalogue the `actions` command gives.
pub fn catalogue() -> Catalogue {
    let actions = ActionKind::ALL
        .into_iter()
        .map(|id| ActionInfo {
            id,
            states: TABLE.iter().find(|row| row.action == id).map(|row| row.states),
            notice_key: id.sent().then(|| notice_key(id)),
        })
        .collect();
    Catalogue { actions, bulk: bulk_choices() }
}

/// The text key of a notice about an intent of this kind.
pub fn notice_key(kind: ActionKind) -> String {
    format!("intent.action.{}", kind.id())
}

/// What the bulk screen offers, in the number's menus' order, each with its text key: Block,
/// Unblock, enable or disable a service (the service is chosen on the screen: empty here), SIM
/// replacement (each number with its new SIM: pairs), each ban on and off, Send secret code.
pub fn bulk_choices() -> Vec<BulkChoice> {
    let service = String::new;
    let mut choices = vec![
        BulkChoice::new(Action::Block, "number.block"),
        BulkChoice::new(Action::Unblock, "number.unblock"),
        BulkChoice::new(Action::ServiceEnable { service: service() }, "bulk.action.service_on"),
        BulkChoice::new(Action::ServiceDisable { service: service() }, "bulk.action.service_off"),
        BulkChoice::new(Action::SimReplacement, "sim.menu"),
    ];
    for ban in Ban::KNOWN {
        for action in [Action::BanSet { ban: ban.clone() }, Action::BanRemove { ban: ban.clone() }] {
            let key = format!("bulk.action.{}.{}", action.name(), ban.as_str());
            choices.push(BulkChoice::new(action, key));
        }
    }
    choices.push(BulkChoice::new(Action::SecretCodeSend, "menu.secret_send"));
    choices
}

/// One action the bulk screen offers: its option's id (`block`, `ban_on:mykcell`), its text
/// key, whether a service is chosen for it, whether each number needs its own new SIM (the
/// selection is then pairs, `bulk::Selection::Pairs`), and the action as the bulk commands take
/// it (the screen fills in `service`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BulkChoice {
    pub id: String,
    pub kind: ActionKind,
    pub label_key: String,
    pub needs_service: bool,
    pub needs_pairs: bool,
    pub action: Action,
}

impl BulkChoice {
    fn new(action: Action, label_key: impl Into<String>) -> Self {
        let name = action.name();
        let id = match &action {
            Action::BanSet { ban } | Action::BanRemove { ban } => format!("{name}:{}", ban.as_str()),
            _ => name.to_string(),
        };
        let needs_service = matches!(action, Action::ServiceEnable { .. } | Action::ServiceDisable { .. });
        let needs_pairs = action.needs_iccids();
        Self { id, kind: action.kind(), label_key: label_key.into(), needs_service, needs_pairs, action }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bulk_screen_offers_every_bulk_action_once_with_each_ban() {
        let choices = bulk_choices();
        let ids: Vec<_> = choices.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "block",
                "unblock",
                "service_on",
                "service_off",
                "sim_replacement",
                "ban_on:mykcell_details",
                "ban_off:mykcell_details",
                "ban_on:mykcell",
                "ban_off:mykcell",
                "ban_on:sms_ussd",
                "ban_off:sms_ussd",
                "send_secret_code",
            ]
        );
        for choice in &choices {
            assert!(choice.action.is_bulk(), "{}", choice.id);
            assert_eq!(choice.kind, choice.action.kind());
        }
        assert_eq!(
            serde_json::to_value(&choices[5]).unwrap(),
            serde_json::json!({"id": "ban_on:mykcell_details", "kind": "ban_set",
                "label_key": "bulk.action.ban_on.mykcell_details", "needs_service": false, "needs_pairs": false,
                "action": {"action": "ban_on", "ban": "mykcell_details"}})
        );
    }

    #[test]
    fn every_action_on_a_number_carries_its_row_and_every_sent_one_its_notice() {
        let catalogue = catalogue();
        assert_eq!(catalogue.actions.len(), ActionKind::ALL.len());
        for info in &catalogue.actions {
            assert_eq!(info.states.is_some(), info.id.on_number(), "{:?}", info.id);
            assert_eq!(info.notice_key.is_some(), info.id.sent(), "{:?}", info.id);
        }
        let block = serde_json::to_value(&catalogue.actions[0]).unwrap();
        assert_eq!(
            block,
            serde_json::json!({"id": "block", "states": ["active"], "notice_key": "intent.action.block"})
        );
    }
}
