//! Wire types of slow operations (block, unblock): the portal accepts them (202) with a request
//! record and completes them later.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// Slow operations on a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub enum RequestKind {
    Block,
    Unblock,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub enum RequestState {
    InProcess,
    Done,
    Failed,
}

/// A slow operation the portal accepted (202) and completes later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct RequestRecord {
    pub id: String,
    pub kind: RequestKind,
    pub msisdn: String,
    pub state: RequestState,
    pub result: Option<String>,
    pub created_at: DateTime<Utc>,
}
