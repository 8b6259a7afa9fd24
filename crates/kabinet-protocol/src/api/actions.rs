//! Wire types of a company's actions history (`/api/v1/companies/{id}/actions`).
//!
//! A row carries the portal's text (`action`, the manual's wording) and, since the history has
//! kinds, the [`ActionKind`] it was made from, so the client filters by kind and words the row
//! in the user's language. A portal that sends no kind, or one this version does not know, is
//! read with none: the row is then shown and filtered by its text.

use crate::action::{lenient_kind, ActionKind, HistoryAction};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// An entry of the actions history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ActionRecord {
    pub at: DateTime<Utc>,
    /// The portal's text of the action (the manual's wording).
    pub action: String,
    /// The action's kind; none when the portal sent none or one this version does not know.
    #[serde(default, deserialize_with = "lenient_kind")]
    pub kind: Option<ActionKind>,
    /// Whether the row is the completion of a request the portal finished later.
    #[serde(default)]
    pub completed: bool,
    /// What the text names besides the kind (the service, the ban, the report, the BIN).
    #[serde(default)]
    pub detail: Option<String>,
    pub msisdn: Option<String>,
    pub status: String,
    pub admin_name: String,
    pub admin_phone: String,
}

impl ActionRecord {
    /// The action the row records, as far as this version knows it.
    pub fn history_action(&self) -> HistoryAction {
        HistoryAction { kind: self.kind, completed: self.completed, detail: self.detail.clone() }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ActionList {
    /// Newest first.
    pub items: Vec<ActionRecord>,
    /// There were more in the period than one answer holds (the oldest are left out).
    #[serde(default)]
    pub truncated: bool,
}
