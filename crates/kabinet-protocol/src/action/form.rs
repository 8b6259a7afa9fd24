//! The words an action on a number describes itself with (`super::Action::request`,
//! `super::offers`, `super::ActionKind::answer`): its HTTP request, the dialog that asks for it
//! (its fields as data, its question, whether it is destructive, the notice once done) and the
//! menus that offer it.
//!
//! Why data: the client sends every simple action the same way (`kabinet-core`'s `act.rs`) and
//! the window builds its menus and dialogs from these descriptions (the `actions` command), so
//! adding an action is its description in `action/mod.rs`, not a function in every layer.
//! Nothing here changes when an action is added.

use super::ActionKind;
use serde::Serialize;
use std::collections::BTreeMap;

/// The HTTP method of a state-changing request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    Post,
    Put,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Post => "POST",
            Self::Put => "PUT",
            Self::Delete => "DELETE",
        }
    }
}

/// An action's request to the portal: method, path under the portal's base address (e.g.
/// `api/v1/numbers/77010542007/block`), JSON body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub method: Method,
    pub path: String,
    pub body: serde_json::Value,
}

impl Request {
    /// A request about one number: `api/v1/numbers/{msisdn}/{rest}` with an empty JSON object.
    pub fn on_number(method: Method, msisdn: &crate::domain::Phone, rest: &str) -> Self {
        Self { method, path: format!("api/v1/numbers/{msisdn}/{rest}"), body: serde_json::json!({}) }
    }

    /// The same request with `body` (a wire type).
    pub fn with_body(mut self, body: &impl Serialize) -> Self {
        self.body = serde_json::to_value(body).unwrap_or_default();
        self
    }
}

/// What the portal answers an action with (a wire type of `api`), so the client knows what the
/// answer leaves to keep, whichever way it was sent (a user's action, a left-over intent).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// A `RequestRecord`: the portal completes it later (the watcher follows it).
    Request,
    /// A `BanChange`: the number's general information after the change.
    BanChange,
    /// A `SecretCodeSent`.
    SecretCodeSent,
    /// A `SecretCodeDeleted`.
    SecretCodeDeleted,
    /// A `ServiceChange`: the number's summary and services after the change.
    ServiceChange,
    /// A `Transfer`: both numbers' new summaries.
    Transfer,
    /// Any other answer: nothing of it is kept; after an action on a number the client reads
    /// the number's profile again, so a new action needs no client code to show its change.
    Other,
}

/// Where an action is offered: the numbers list's row menu (⋮), the profile's "…" menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Menu {
    Row,
    Profile,
}

/// What a field takes; the window picks its input by it, and the action's own parameter check
/// (`super::Action::from_params`) is the rule that decides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FieldKind {
    Text,
    /// A phone number (any written form).
    Phone,
    /// A SIM card's ICCID (digits, Luhn).
    Iccid,
    /// A device's IMEI (digits, Luhn).
    Imei,
    /// One of `options`.
    Choice {
        options: Vec<Choice>,
    },
}

/// One option of a [`FieldKind::Choice`]: its value and its text key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Choice {
    pub value: String,
    pub label_key: String,
}

/// A value the dialog asks for, by the parameter's name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Field {
    pub name: &'static str,
    pub kind: FieldKind,
    pub label_key: &'static str,
    pub hint_key: Option<&'static str>,
    /// Said under the field when it is left empty (nothing is sent).
    pub required_key: &'static str,
}

/// A notice said once the action is done: the first whose `when` (a true flag of the answer,
/// e.g. `replaced`) holds, or that has none. Its text gets `{number}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Notice {
    pub key: &'static str,
    pub when: Option<&'static str>,
}

/// One dialog that asks for an action, then sends it (`kind` with `params` and the fields'
/// values): its texts by key, its fields, an optional second question about the checked values
/// (`check_key`, with each value as `{<name>}`), whether it is destructive (the focus starts on
/// Cancel, the button is red), and its notices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    pub kind: ActionKind,
    /// Parameters fixed by the menu item (the ban of "Ban on MyKcell access").
    pub params: BTreeMap<&'static str, String>,
    pub title_key: String,
    pub message_key: &'static str,
    pub confirm_key: &'static str,
    pub fields: Vec<Field>,
    pub check_key: Option<&'static str>,
    pub destructive: bool,
    pub done: Vec<Notice>,
}

impl Step {
    /// A question with no fields about `kind` (no parameters).
    pub fn ask(
        kind: ActionKind,
        title_key: impl Into<String>,
        message_key: &'static str,
        confirm_key: &'static str,
    ) -> Self {
        Self {
            kind,
            params: BTreeMap::new(),
            title_key: title_key.into(),
            message_key,
            confirm_key,
            fields: Vec::new(),
            check_key: None,
            destructive: false,
            done: Vec::new(),
        }
    }

    pub fn param(mut self, name: &'static str, value: &str) -> Self {
        self.params.insert(name, value.to_string());
        self
    }

    pub fn field(mut self, field: Field) -> Self {
        self.fields.push(field);
        self
    }

    /// After the fields are checked, asks `key` (destructive) about their values.
    pub fn check_first(mut self, key: &'static str) -> Self {
        self.check_key = Some(key);
        self
    }

    pub fn destructive(mut self) -> Self {
        self.destructive = true;
        self
    }

    /// Says `key` once done (when the answer's flag `when` is true, if given).
    pub fn done(mut self, key: &'static str, when: Option<&'static str>) -> Self {
        self.done.push(Notice { key, when });
        self
    }
}

/// How a menu item asks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Ask {
    /// One dialog.
    Once { step: Step },
    /// By a flag of the number's general information (`ban_mykcell`): `off` when it is set,
    /// `on` when it is not.
    Toggle { flag: String, on: Step, off: Step },
}

impl Ask {
    /// The kinds it may send.
    pub fn kinds(&self) -> Vec<ActionKind> {
        match self {
            Self::Once { step } => vec![step.kind],
            Self::Toggle { on, off, .. } => vec![on.kind, off.kind],
        }
    }
}

/// A menu item that asks for an action on a number: its id (the item is `menu-<id>` in the row
/// menu, `more-<id>` in the profile's, its dialog `<id>-dialog`), its text key, its menus and
/// its place among them (the manual's order; the catalogue puts the items with a screen of
/// their own between), the reason said when the number's state does not allow it (the item is
/// then listed, disabled; hidden when there is none), and how it asks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Offer {
    pub id: String,
    pub label_key: String,
    pub menus: &'static [Menu],
    pub position: u16,
    pub why_key: Option<&'static str>,
    pub ask: Ask,
}
