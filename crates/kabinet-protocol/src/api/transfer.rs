//! Wire types of a balance transfer between two numbers of a company
//! (`POST /api/v1/companies/{id}/transfers`). The transfer is done at once (no request): the
//! answer carries both numbers' summaries after it, so the client shows the new balances without
//! asking again. What may be transferred is `rules::transfer`.

use super::numbers::NumberSummary;
use crate::domain::Tiyn;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// A transfer to make: from the sender's balance to the recipient's, in tiyn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct TransferRequest {
    /// The sender (11 digits).
    #[cfg_attr(feature = "openapi", schema(schema_with = super::forms::phone))]
    pub from: String,
    /// The recipient (11 digits).
    #[cfg_attr(feature = "openapi", schema(schema_with = super::forms::phone))]
    pub to: String,
    pub amount_tiyn: Tiyn,
}

/// A transfer done: both numbers as they are after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Transfer {
    pub id: i64,
    pub from: NumberSummary,
    pub to: NumberSummary,
    pub amount: Tiyn,
    pub at: DateTime<Utc>,
}
