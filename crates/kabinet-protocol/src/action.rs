//! One [`Action`]: what an administrator does, named once for every place that needs to say it.
//!
//! Why: the same action used to have six names (the table's `NumberAction`, the bulk screen's
//! `BulkAction`, an intent's `&str`, the UI's two lists, the notices' locale keys), mapped by
//! hand, so one of them could quietly disagree with the others. Now:
//! - [`ActionKind`] is the action without its parameters: the row of the state × action table
//!   (`rules::number_actions`), the kind an intent is stored with (its [`ActionKind::id`], the
//!   text the cache has always kept), the UI's ids and the `intent.action.<id>` locale keys (a
//!   test ties those to [`ActionKind::ALL`]);
//! - [`Action`] is the action with its parameters (which service, which ban): the bulk action
//!   ("this Action for each of these numbers"), whose serde form is the bulk check's wire form
//!   (`{"action": "service_on", "service": "roaming"}`). Only the actions a bulk run can take
//!   have a wire form; the others are skipped by serde (and by the OpenAPI schema), so the wire
//!   is exactly what it was.
//!
//! Adding an action: a variant here (both enums, [`ActionKind::ALL`], the matches the compiler
//! then asks for), its row of `rules::number_actions::TABLE` when it acts on a number, and its
//! `intent.action.<id>` locale lines when it is sent.

use crate::api::Ban;
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// An action without its parameters, by its id (`block`, `service_enable`, `ban_set`, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    Block,
    Unblock,
    /// Enabling a service on the number.
    ServiceEnable,
    /// Disabling a service on the number.
    ServiceDisable,
    /// SIM card replacement (a request that completes later).
    SimReplacement,
    /// Setting a ban (MyKcell details access, MyKcell access, SMS / USSD control).
    BanSet,
    /// Removing a ban.
    BanRemove,
    /// Registering a device (IMEI) with the number.
    DeviceRegister,
    /// Re-registering a device from its previous owner to the number.
    DeviceReregister,
    /// Registering a duplicate of a device with the number too.
    DeviceDuplicate,
    /// Deregistering a device (IMEI) from the number.
    DeviceDeregister,
    /// Setting a call forwarding (one of the four kinds).
    ForwardingSet,
    /// Switching a call forwarding off.
    ForwardingClear,
    /// Sending a secret code to the number by SMS.
    SecretCodeSend,
    /// Deleting the number's secret code.
    SecretCodeDelete,
    /// The payments report of a number (it reads the payments, and changes nothing).
    PaymentsReport,
    /// A balance transfer, sent from the number that gives.
    Transfer,
    /// The other side of a transfer: the number that receives (never sent on its own).
    TransferReceive,
    /// A company report the portal prepares and e-mails.
    Report,
    /// The administrator's e-mail change.
    EmailChange,
    /// A company's display name.
    DisplayName,
}

impl ActionKind {
    /// Every kind, in the manual's menu order where it has one.
    pub const ALL: [ActionKind; 21] = [
        Self::Block,
        Self::Unblock,
        Self::ServiceEnable,
        Self::ServiceDisable,
        Self::SimReplacement,
        Self::BanSet,
        Self::BanRemove,
        Self::DeviceRegister,
        Self::DeviceReregister,
        Self::DeviceDuplicate,
        Self::DeviceDeregister,
        Self::ForwardingSet,
        Self::ForwardingClear,
        Self::SecretCodeSend,
        Self::SecretCodeDelete,
        Self::PaymentsReport,
        Self::Transfer,
        Self::TransferReceive,
        Self::Report,
        Self::EmailChange,
        Self::DisplayName,
    ];

    /// The id: the stored intent's action (kept as it always was, so older caches still read),
    /// the UI's name and the `intent.action.<id>` locale key's end.
    pub fn id(self) -> &'static str {
        match self {
            Self::Block => "block",
            Self::Unblock => "unblock",
            Self::ServiceEnable => "service_enable",
            Self::ServiceDisable => "service_disable",
            Self::SimReplacement => "sim_replacement",
            Self::BanSet => "ban_set",
            Self::BanRemove => "ban_remove",
            Self::DeviceRegister => "device_register",
            Self::DeviceReregister => "device_reregister",
            Self::DeviceDuplicate => "device_duplicate",
            Self::DeviceDeregister => "device_deregister",
            Self::ForwardingSet => "forwarding_set",
            Self::ForwardingClear => "forwarding_clear",
            Self::SecretCodeSend => "secret_code_send",
            Self::SecretCodeDelete => "secret_code_delete",
            Self::PaymentsReport => "payments_report",
            Self::Transfer => "transfer",
            Self::TransferReceive => "transfer_receive",
            Self::Report => "report",
            Self::EmailChange => "email_change",
            Self::DisplayName => "display_name",
        }
    }

    /// The kind of an id ([`Self::id`]); none for an id this version does not know.
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.id() == id)
    }

    /// Whether it acts on one number, so the number's state decides whether it is possible
    /// (it has a row of the state × action table). A report, an e-mail change and a display
    /// name are the company's or the administrator's.
    pub fn on_number(self) -> bool {
        !matches!(self, Self::Report | Self::EmailChange | Self::DisplayName)
    }

    /// Whether the app sends it as an intent (`intent.action.<id>` names it in the notices):
    /// every kind but a read (the payments report) and a transfer's receiving side.
    pub fn sent(self) -> bool {
        !matches!(self, Self::PaymentsReport | Self::TransferReceive)
    }
}

/// An action with its parameters. Its serde form is the bulk check's wire form (see the
/// module's doc): only the actions a bulk run can take have one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Action {
    Block,
    Unblock,
    #[serde(rename = "service_on")]
    ServiceEnable {
        service: String,
    },
    #[serde(rename = "service_off")]
    ServiceDisable {
        service: String,
    },
    /// In bulk, each number's new SIM (its ICCID) is the number's own, kept beside it (the
    /// run's pairs), not a parameter of the action.
    SimReplacement,
    #[serde(rename = "ban_on")]
    BanSet {
        ban: Ban,
    },
    #[serde(rename = "ban_off")]
    BanRemove {
        ban: Ban,
    },
    #[serde(skip)]
    DeviceRegister,
    #[serde(skip)]
    DeviceReregister,
    #[serde(skip)]
    DeviceDuplicate,
    #[serde(skip)]
    DeviceDeregister,
    #[serde(skip)]
    ForwardingSet,
    #[serde(skip)]
    ForwardingClear,
    #[serde(rename = "send_secret_code")]
    SecretCodeSend,
    #[serde(skip)]
    SecretCodeDelete,
    #[serde(skip)]
    PaymentsReport,
    #[serde(skip)]
    Transfer,
    #[serde(skip)]
    TransferReceive,
    #[serde(skip)]
    Report,
    #[serde(skip)]
    EmailChange,
    #[serde(skip)]
    DisplayName,
}

impl Action {
    /// The action without its parameters.
    pub fn kind(&self) -> ActionKind {
        match self {
            Self::Block => ActionKind::Block,
            Self::Unblock => ActionKind::Unblock,
            Self::ServiceEnable { .. } => ActionKind::ServiceEnable,
            Self::ServiceDisable { .. } => ActionKind::ServiceDisable,
            Self::SimReplacement => ActionKind::SimReplacement,
            Self::BanSet { .. } => ActionKind::BanSet,
            Self::BanRemove { .. } => ActionKind::BanRemove,
            Self::DeviceRegister => ActionKind::DeviceRegister,
            Self::DeviceReregister => ActionKind::DeviceReregister,
            Self::DeviceDuplicate => ActionKind::DeviceDuplicate,
            Self::DeviceDeregister => ActionKind::DeviceDeregister,
            Self::ForwardingSet => ActionKind::ForwardingSet,
            Self::ForwardingClear => ActionKind::ForwardingClear,
            Self::SecretCodeSend => ActionKind::SecretCodeSend,
            Self::SecretCodeDelete => ActionKind::SecretCodeDelete,
            Self::PaymentsReport => ActionKind::PaymentsReport,
            Self::Transfer => ActionKind::Transfer,
            Self::TransferReceive => ActionKind::TransferReceive,
            Self::Report => ActionKind::Report,
            Self::EmailChange => ActionKind::EmailChange,
            Self::DisplayName => ActionKind::DisplayName,
        }
    }

    /// The name it travels by: for an action a bulk run can take, its bulk wire name (`block`,
    /// `service_on`, `ban_off`, …); for another, its kind's id.
    pub fn name(&self) -> &'static str {
        match self {
            Self::ServiceEnable { .. } => "service_on",
            Self::ServiceDisable { .. } => "service_off",
            Self::BanSet { .. } => "ban_on",
            Self::BanRemove { .. } => "ban_off",
            Self::SecretCodeSend => "send_secret_code",
            other => other.kind().id(),
        }
    }

    /// Whether a bulk run can take it (it has a wire form): Block, Unblock, a service on or
    /// off, SIM replacement (each number with its own new SIM), a ban on or off, Send secret code.
    pub fn is_bulk(&self) -> bool {
        matches!(
            self,
            Self::Block
                | Self::Unblock
                | Self::ServiceEnable { .. }
                | Self::ServiceDisable { .. }
                | Self::SimReplacement
                | Self::BanSet { .. }
                | Self::BanRemove { .. }
                | Self::SecretCodeSend
        )
    }

    /// Whether each number of a bulk run needs its own value beside it: SIM replacement, each
    /// number with its new SIM's ICCID (the run takes pairs).
    pub fn needs_iccids(&self) -> bool {
        matches!(self, Self::SimReplacement)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_own_id_and_reads_back() {
        for kind in ActionKind::ALL {
            assert_eq!(ActionKind::from_id(kind.id()), Some(kind));
            assert_eq!(serde_json::to_value(kind).unwrap(), serde_json::json!(kind.id()));
        }
        let ids: std::collections::BTreeSet<_> = ActionKind::ALL.iter().map(|k| k.id()).collect();
        assert_eq!(ids.len(), ActionKind::ALL.len());
        assert_eq!(ActionKind::from_id("frozen"), None);
    }

    #[test]
    fn bulk_actions_travel_by_their_wire_name_and_the_others_have_none() {
        let on = Action::ServiceEnable { service: "roaming".into() };
        assert_eq!(
            serde_json::to_value(&on).unwrap(),
            serde_json::json!({"action": "service_on", "service": "roaming"})
        );
        let ban: Action = serde_json::from_str(r#"{"action":"ban_off","ban":"mykcell"}"#).unwrap();
        assert_eq!(ban, Action::BanRemove { ban: Ban::Mykcell });
        assert_eq!(
            serde_json::to_value(Action::SecretCodeSend).unwrap(),
            serde_json::json!({"action": "send_secret_code"})
        );
        assert!(serde_json::to_value(Action::Transfer).is_err());
        assert!(serde_json::from_str::<Action>(r#"{"action":"transfer"}"#).is_err());
        let sim: Action = serde_json::from_str(r#"{"action":"sim_replacement"}"#).unwrap();
        assert_eq!(sim, Action::SimReplacement);
        assert!(sim.needs_iccids() && sim.is_bulk());
    }
}
