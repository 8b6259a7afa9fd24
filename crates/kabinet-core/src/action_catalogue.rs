//! The actions as the window offers them, from the one [`Action`] (`kabinet_protocol::action`),
//! through the `actions` command: each kind with the number states that allow it (its row of
//! the shared table) and its notice's text key; the number's menus, item by item in the
//! manual's order (an action's offer, with its dialog as data: fields, question, destructive,
//! notices; or an item with a screen of its own, which the UI's registry runs by id); and the
//! bulk screen's choices with their text keys. The UI keeps no list of its own, so its menus,
//! the bulk screen and the notices of unanswered intents cannot disagree with core
//! (`tests/locales.rs` ties the keys to the enum and the UI's items to [`menu`]).

use crate::action::{offers, Action, ActionKind, Menu, Offer};
use crate::api::{Ban, NumberState};
use crate::rules::number_actions::TABLE;
use serde::Serialize;

/// Everything the UI knows about actions.
#[derive(Debug, Clone, Serialize)]
pub struct Catalogue {
    /// Every kind, in [`ActionKind::ALL`]'s order.
    pub actions: Vec<ActionInfo>,
    /// The number's menus' items, in the manual's order.
    pub menu: Vec<MenuItem>,
    /// What the bulk screen offers, in the number's menus' order.
    pub bulk: Vec<BulkChoice>,
}

/// One item of the number's menus.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum MenuItem {
    /// An action that describes itself: the UI builds its dialog from the offer and sends it
    /// with the `act` command.
    Offer(Box<Offer>),
    /// An item with a screen (or a button) of its own: the UI's registry (`ui/js/actions.js`)
    /// runs it by its id; `kinds` are the actions its screen sends (none for a section).
    Own { id: &'static str, menus: &'static [Menu], kinds: &'static [ActionKind] },
}

impl MenuItem {
    pub fn id(&self) -> &str {
        match self {
            Self::Offer(offer) => &offer.id,
            Self::Own { id, .. } => id,
        }
    }

    /// The actions it leads to.
    pub fn kinds(&self) -> Vec<ActionKind> {
        match self {
            Self::Offer(offer) => offer.ask.kinds(),
            Self::Own { kinds, .. } => kinds.to_vec(),
        }
    }
}

/// The items with a screen or a button of their own, by id, with their menus, their place in
/// the manual's order among the offers (`Offer::position`) and the actions they lead to: the
/// profile (the row's only), Block / Unblock (the profile has its button), device registration,
/// call forwarding, the payments report, then the profile's sections (services: enable and
/// disable), then Balance transfer (a tab in the manual).
const OWN: [(&str, &[Menu], u16, &[ActionKind]); 10] = {
    use ActionKind as K;
    [
        ("profile", &[Menu::Row], 10, &[]),
        ("block", &[Menu::Row], 20, &[K::Block, K::Unblock]),
        ("devices", BOTH, 60, &[K::DeviceRegister, K::DeviceReregister, K::DeviceDuplicate, K::DeviceDeregister]),
        ("forwarding", BOTH, 80, &[K::ForwardingSet, K::ForwardingClear]),
        ("payments", BOTH, 110, &[K::PaymentsReport]),
        ("usage", BOTH, 120, &[]),
        ("sim", BOTH, 130, &[]),
        ("allowances", &[Menu::Profile], 140, &[]),
        ("services", BOTH, 150, &[K::ServiceEnable, K::ServiceDisable]),
        ("transfer", BOTH, 160, &[K::Transfer]),
    ]
};
const BOTH: &[Menu] = &[Menu::Row, Menu::Profile];

/// The number's menus' items in the manual's order: the actions' offers with the items of
/// [`OWN`] placed between them.
pub fn menu() -> Vec<MenuItem> {
    let mut placed: Vec<(u16, MenuItem)> =
        offers().into_iter().map(|o| (o.position, MenuItem::Offer(Box::new(o)))).collect();
    placed.extend(OWN.iter().map(|&(id, menus, position, kinds)| (position, MenuItem::Own { id, menus, kinds })));
    placed.sort_by_key(|(position, _)| *position);
    placed.into_iter().map(|(_, item)| item).collect()
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
    /// The text key, less the detail, that names its actions-history row's detail (`ban.`);
    /// none when the detail is shown as the portal sent it.
    pub history_detail_key: Option<&'static str>,
}

/// The catalogue the `actions` command gives.
pub fn catalogue() -> Catalogue {
    let actions = ActionKind::ALL
        .into_iter()
        .map(|id| ActionInfo {
            id,
            states: TABLE.iter().find(|row| row.action == id).map(|row| row.states),
            notice_key: id.sent().then(|| notice_key(id)),
            history_detail_key: id.history_detail_key(),
        })
        .collect();
    Catalogue { actions, menu: menu(), bulk: bulk_choices() }
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
        BulkChoice::new(Action::SimReplacement { iccid: None }, "sim.menu"),
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
    fn the_menus_list_every_item_once_in_the_manuals_order() {
        let ids: Vec<_> = menu().iter().map(|item| item.id().to_string()).collect();
        assert_eq!(
            ids,
            [
                "profile",
                "block",
                "sim-replace",
                "ban-mykcell_details",
                "ban-mykcell",
                "devices",
                "ban-sms_ussd",
                "forwarding",
                "secret-send",
                "secret-delete",
                "payments",
                "usage",
                "sim",
                "allowances",
                "services",
                "transfer",
            ]
        );
        let mut positions: Vec<_> = offers().iter().map(|o| o.position).chain(OWN.iter().map(|o| o.2)).collect();
        positions.sort_unstable();
        positions.dedup();
        assert_eq!(positions.len(), ids.len(), "two items share a place");
    }

    /// Every action on a number a user starts is reached from the menus: by offers (a ban by
    /// one item per ban) or by the one item of its screen, never both, so a dialog and a screen
    /// cannot both send it. The receiving side of a transfer is never started on its own.
    #[test]
    fn the_menus_cover_every_action_on_a_number() {
        let by = |offer: bool| -> Vec<ActionKind> {
            menu().iter().filter(|i| matches!(i, MenuItem::Offer(_)) == offer).flat_map(MenuItem::kinds).collect()
        };
        let (offered, own) = (by(true), by(false));
        for kind in ActionKind::ALL.into_iter().filter(|k| k.on_number() && *k != ActionKind::TransferReceive) {
            let screens = own.iter().filter(|k| **k == kind).count();
            assert!(
                offered.contains(&kind) != (screens == 1),
                "{kind:?}: offered {}, by {screens} screens",
                offered.contains(&kind)
            );
            assert!(screens <= 1, "{kind:?} is sent from {screens} screens");
        }
        assert!(offered.iter().chain(&own).all(|k| k.on_number()), "a menu item leads to an action not on a number");
    }

    /// Every kind that a menu item's dialog sends is on a number (it has its row of the table),
    /// is sent as an intent (its notice), and is built from the dialog's values: each field and
    /// fixed parameter is one the action reads back, so the dialog and the action cannot
    /// disagree on a name.
    #[test]
    fn every_offered_kind_is_on_a_number_and_reads_its_dialogs_values() {
        let sample = |field: &crate::action::Field| match field.name {
            "iccid" => "89997020000000000007".to_string(),
            other => panic!("no sample value for the field {other}"),
        };
        for offer in offers() {
            let steps = match &offer.ask {
                crate::action::Ask::Once { step } => vec![step],
                crate::action::Ask::Toggle { on, off, .. } => vec![on, off],
            };
            for step in steps {
                assert!(step.kind.on_number() && step.kind.sent(), "{}", offer.id);
                let mut params: std::collections::BTreeMap<String, String> =
                    step.params.iter().map(|(k, v)| (k.to_string(), v.clone())).collect();
                params.extend(step.fields.iter().map(|f| (f.name.to_string(), sample(f))));
                let action = Action::from_params(step.kind, &params).unwrap_or_else(|e| panic!("{}: {e:?}", offer.id));
                assert_eq!(action.kind(), step.kind);
                let read: Vec<_> = action.params().into_keys().collect();
                let given: Vec<_> = params.keys().map(String::as_str).collect();
                assert_eq!(read, given, "{}: the dialog gives what the action reads", offer.id);
                assert!(action.request(&crate::domain::Phone::parse("77010542007").unwrap()).is_ok());
            }
        }
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
            serde_json::json!({"id": "block", "states": ["active"], "notice_key": "intent.action.block", "history_detail_key": null})
        );
        let ban = catalogue.actions.iter().find(|a| a.id == ActionKind::BanSet).unwrap();
        assert_eq!(ban.history_detail_key, Some("ban."));
    }
}
