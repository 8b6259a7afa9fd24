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
//!   is exactly what it was;
//! - a simple action on a number describes itself here (the words are in `form.rs`): its
//!   parameters read from a form by their rules ([`Action::from_params`]), its request
//!   ([`Action::request`]), what it answers ([`ActionKind::answer`]) and its menu item with its
//!   dialog ([`offers`]). Core sends every such action one way (`act.rs`), and the window builds
//!   its menus and dialogs from these, so neither has code per action.
//!
//! Adding an action: a variant here (both enums, [`ActionKind::ALL`], the matches the compiler
//! then asks for, its [`offers`] line when a menu asks for it with a dialog), its row of
//! `rules::number_actions::TABLE` when it acts on a number, and its `intent.action.<id>` and
//! dialog locale lines (ARCHITECTURE.md, "Adding an action").

mod form;
mod history;
mod request;

pub use form::{Answer, Ask, Choice, Field, FieldKind, Menu, Method, Notice, Offer, Request, Step};
pub use history::{history_label, history_template, lenient_kind, HistoryAction};

use crate::api::Ban;
use crate::domain::{Iccid, Phone};
use crate::error::{Error, ErrorCode};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// An action without its parameters, by its id (`block`, `service_enable`, `ban_set`, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
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
    /// Viewing the PIN and PUK codes of the number's SIM (a read the history keeps).
    SimCodesView,
    /// Asking for the certificates of work performed of a company (BIN).
    CertificatesRequest,
    /// Asking for the invoice register of a company (BIN).
    InvoiceRegister,
    /// Searching the numbers billed by an invoice of a company (BIN).
    InvoiceSearch,
}

impl ActionKind {
    /// Every kind, in the manual's menu order where it has one.
    pub const ALL: [ActionKind; 25] = [
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
        Self::SimCodesView,
        Self::CertificatesRequest,
        Self::InvoiceRegister,
        Self::InvoiceSearch,
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
            Self::SimCodesView => "sim_codes_view",
            Self::CertificatesRequest => "certificates_request",
            Self::InvoiceRegister => "invoice_register",
            Self::InvoiceSearch => "invoice_search",
        }
    }

    /// The kind of an id ([`Self::id`]); none for an id this version does not know.
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.id() == id)
    }

    /// Whether it acts on one number, so the number's state decides whether it is possible
    /// (it has a row of the state × action table). A report, an e-mail change, a display
    /// name and the billing documents are the company's or the administrator's; the SIM's codes
    /// are shown whatever the number's state.
    pub fn on_number(self) -> bool {
        !matches!(
            self,
            Self::Report
                | Self::EmailChange
                | Self::DisplayName
                | Self::SimCodesView
                | Self::CertificatesRequest
                | Self::InvoiceRegister
                | Self::InvoiceSearch
        )
    }

    /// Whether the app sends it as an intent (`intent.action.<id>` names it in the notices):
    /// every kind but a read (the payments report, the SIM's codes, the billing documents) and
    /// a transfer's receiving side.
    pub fn sent(self) -> bool {
        !matches!(
            self,
            Self::PaymentsReport
                | Self::TransferReceive
                | Self::SimCodesView
                | Self::CertificatesRequest
                | Self::InvoiceRegister
                | Self::InvoiceSearch
        )
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
    /// SIM card replacement with the new SIM's ICCID. In bulk the ICCID is each number's own,
    /// kept beside it (the run's pairs), so the bulk wire form carries none: `None` until a
    /// number's own is put in ([`Action::with_iccid`]).
    SimReplacement {
        #[serde(skip)]
        iccid: Option<Iccid>,
    },
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
    #[serde(skip)]
    SimCodesView,
    #[serde(skip)]
    CertificatesRequest,
    #[serde(skip)]
    InvoiceRegister,
    #[serde(skip)]
    InvoiceSearch,
}

impl Action {
    /// The action without its parameters.
    pub fn kind(&self) -> ActionKind {
        match self {
            Self::Block => ActionKind::Block,
            Self::Unblock => ActionKind::Unblock,
            Self::ServiceEnable { .. } => ActionKind::ServiceEnable,
            Self::ServiceDisable { .. } => ActionKind::ServiceDisable,
            Self::SimReplacement { .. } => ActionKind::SimReplacement,
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
            Self::SimCodesView => ActionKind::SimCodesView,
            Self::CertificatesRequest => ActionKind::CertificatesRequest,
            Self::InvoiceRegister => ActionKind::InvoiceRegister,
            Self::InvoiceSearch => ActionKind::InvoiceSearch,
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
                | Self::SimReplacement { .. }
                | Self::BanSet { .. }
                | Self::BanRemove { .. }
                | Self::SecretCodeSend
        )
    }

    /// Whether each number of a bulk run needs its own value beside it: SIM replacement, each
    /// number with its new SIM's ICCID (the run takes pairs).
    pub fn needs_iccids(&self) -> bool {
        matches!(self, Self::SimReplacement { .. })
    }

    /// The action for one number of a bulk run, with that number's own ICCID put in (a SIM
    /// replacement); any other action as it is.
    pub fn with_iccid(&self, iccid: Option<Iccid>) -> Self {
        match self {
            Self::SimReplacement { .. } => Self::SimReplacement { iccid },
            other => other.clone(),
        }
    }
}

/// How an action on a number describes itself (see `form.rs`): its parameters read from a form,
/// its request, what the portal answers, and the menu items that offer it. Adding a simple
/// action is its arms here and its [`offers`] line; the client sends it (`act.rs`) and the
/// window asks for it (the `actions` command) with no code of their own.
impl Action {
    /// The action of `kind` with its parameters as a form gives them (by field name), each
    /// checked by its shared rule, naming the field of a wrong one. An action that is not sent
    /// this way (it has a screen of its own) is refused, naming `action`.
    pub fn from_params(kind: ActionKind, params: &BTreeMap<String, String>) -> Result<Self, Error> {
        let param = |name: &str| params.get(name).map(|v| v.trim()).unwrap_or_default();
        let service = || service_id(param("service")).map(str::to_string);
        let ban = || {
            let ban = Ban::from_wire(param("ban"));
            known(&ban)?;
            Ok::<_, Error>(ban)
        };
        Ok(match kind {
            ActionKind::Block => Self::Block,
            ActionKind::Unblock => Self::Unblock,
            ActionKind::ServiceEnable => Self::ServiceEnable { service: service()? },
            ActionKind::ServiceDisable => Self::ServiceDisable { service: service()? },
            ActionKind::SimReplacement => Self::SimReplacement {
                iccid: Some(Iccid::parse(param("iccid")).map_err(|e| Error::from(e).with_field("iccid"))?),
            },
            ActionKind::BanSet => Self::BanSet { ban: ban()? },
            ActionKind::BanRemove => Self::BanRemove { ban: ban()? },
            ActionKind::SecretCodeSend => Self::SecretCodeSend,
            ActionKind::SecretCodeDelete => Self::SecretCodeDelete,
            _ => return Err(not_sent_this_way()),
        })
    }

    /// Its parameters by name, as [`Self::from_params`] reads them back (an ICCID's digits).
    pub fn params(&self) -> BTreeMap<&'static str, String> {
        let one = |name, value: &str| BTreeMap::from([(name, value.to_string())]);
        match self {
            Self::ServiceEnable { service } | Self::ServiceDisable { service } => one("service", service),
            Self::SimReplacement { iccid: Some(iccid) } => one("iccid", iccid.as_str()),
            Self::BanSet { ban } | Self::BanRemove { ban } => one("ban", ban.as_str()),
            _ => BTreeMap::new(),
        }
    }

    /// The request that does it for the number `msisdn`; an action with a screen of its own
    /// (its request built by its area) is refused, naming `action`.
    pub fn request(&self, msisdn: &Phone) -> Result<Request, Error> {
        let on = |method, rest: &str| Request::on_number(method, msisdn, rest);
        Ok(match self {
            Self::Block => on(Method::Post, "block"),
            Self::Unblock => on(Method::Post, "unblock"),
            Self::ServiceEnable { service } => on(Method::Post, &format!("services/{}", service_id(service)?)),
            Self::ServiceDisable { service } => on(Method::Delete, &format!("services/{}", service_id(service)?)),
            Self::SimReplacement { iccid: Some(iccid) } => on(Method::Post, "sim-replacement")
                .with_body(&crate::api::SimReplacement { iccid: iccid.as_str().to_string() }),
            Self::SimReplacement { iccid: None } => {
                return Err(Error::invalid_field(
                    crate::error::ErrorCode::InvalidIccid,
                    "iccid",
                    "Enter the new SIM card's number (ICCID).",
                ))
            }
            Self::BanSet { ban } => on(Method::Put, &format!("bans/{}", known(ban)?)),
            Self::BanRemove { ban } => on(Method::Delete, &format!("bans/{}", known(ban)?)),
            Self::SecretCodeSend => on(Method::Post, "secret-code"),
            Self::SecretCodeDelete => on(Method::Delete, "secret-code"),
            _ => return Err(not_sent_this_way()),
        })
    }
}

impl ActionKind {
    /// What the portal answers it with (the wire type), so the client keeps what it says.
    pub fn answer(self) -> Answer {
        match self {
            Self::Block
            | Self::Unblock
            | Self::SimReplacement
            | Self::DeviceRegister
            | Self::DeviceReregister
            | Self::DeviceDuplicate
            | Self::DeviceDeregister
            | Self::Report => Answer::Request,
            Self::BanSet | Self::BanRemove => Answer::BanChange,
            Self::ServiceEnable | Self::ServiceDisable => Answer::ServiceChange,
            Self::SecretCodeSend => Answer::SecretCodeSent,
            Self::SecretCodeDelete => Answer::SecretCodeDeleted,
            Self::Transfer => Answer::Transfer,
            _ => Answer::Other,
        }
    }
}

/// The menu items that ask for an action through a dialog built from its description, in the
/// manual's order (`position`; the items with a screen of their own are placed between by
/// `kabinet-core`'s catalogue): SIM card replacement, the three bans, the secret code.
pub fn offers() -> Vec<Offer> {
    const BOTH: &[Menu] = &[Menu::Row, Menu::Profile];
    let iccid = Field {
        name: "iccid",
        kind: FieldKind::Iccid,
        label_key: "sim.iccid",
        hint_key: Some("sim.iccid_hint"),
        required_key: "check.iccid_required",
    };
    let sim = Step::ask(ActionKind::SimReplacement, "sim.title", "sim.enter_iccid", "sim.continue")
        .field(iccid)
        .check_first("sim.confirm")
        .done("sim.sent", None);
    let ban = |ban: Ban, position| {
        let (wire, title) = (ban.as_str(), format!("ban.{}", ban.as_str()));
        let step = |kind, message, confirm| Step::ask(kind, title.clone(), message, confirm).param("ban", wire);
        Offer {
            id: format!("ban-{wire}"),
            label_key: title.clone(),
            menus: BOTH,
            position,
            why_key: None,
            ask: Ask::Toggle {
                flag: format!("ban_{wire}"),
                // Setting a ban locks the number's user out of something: a stray Enter must not.
                on: step(ActionKind::BanSet, "ban.not_set", "ban.set").destructive().done("ban.done", None),
                off: step(ActionKind::BanRemove, "ban.is_set", "ban.remove").done("ban.removed", None),
            },
        }
    };
    let send = Step::ask(ActionKind::SecretCodeSend, "secret.send_title", "secret.send_message", "secret.send")
        .done("secret.sent_replaced", Some("replaced"))
        .done("secret.sent", None);
    let delete =
        Step::ask(ActionKind::SecretCodeDelete, "secret.delete_title", "secret.delete_message", "secret.delete")
            .destructive()
            .done("secret.deleted", None);
    let once = |id: &str, label_key: &str, position, why_key, step| Offer {
        id: id.to_string(),
        label_key: label_key.to_string(),
        menus: BOTH,
        position,
        why_key,
        ask: Ask::Once { step },
    };
    vec![
        // FAQ 8: listed on every state, disabled with the reason.
        once("sim-replace", "sim.menu", 30, Some("sim.why_not"), sim),
        ban(Ban::MykcellDetails, 40),
        ban(Ban::Mykcell, 50),
        ban(Ban::SmsUssd, 70),
        once("secret-send", "menu.secret_send", 90, None, send),
        once("secret-delete", "menu.secret_delete", 100, None, delete),
    ]
}

/// A service's id as its route takes it: a plain path segment (letters, digits, `-`).
fn service_id(id: &str) -> Result<&str, Error> {
    if id.is_empty() {
        return Err(Error::invalid_field(ErrorCode::InvalidInput, "service", "Choose a service."));
    }
    if id.len() <= 64 && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Ok(id);
    }
    Err(Error::invalid_field(ErrorCode::InvalidInput, "service", "This identifier is not valid."))
}

/// A ban this version knows, by its wire name.
fn known(ban: &Ban) -> Result<&str, Error> {
    if ban.is_known() {
        return Ok(ban.as_str());
    }
    Err(Error::invalid_field(ErrorCode::InvalidInput, "ban", format!("There is no ban {:?}.", ban.as_str())))
}

fn not_sent_this_way() -> Error {
    Error::invalid_field(ErrorCode::InvalidInput, "action", "This action is sent from its own screen.")
}

#[cfg(test)]
mod tests;
