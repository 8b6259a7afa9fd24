//! Wire types of a company's actions history (`/api/v1/companies/{id}/actions`).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// An entry of the actions history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ActionRecord {
    pub at: DateTime<Utc>,
    pub action: String,
    pub msisdn: Option<String>,
    pub status: String,
    pub admin_name: String,
    pub admin_phone: String,
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
