//! Wire types of the secret code (manual: "Obtaining a secret code", FAQ 6): the administrator
//! has the portal send one to the number by SMS, or deletes it; the employee who holds it signs
//! in to that one number with it (`/api/v1/auth/code-login`) and may read, never change.
//!
//! No type here carries the code to the administrator: the portal sends it to the number only.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// The answer to "Send secret code": that it was sent, never the code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SecretCodeSent {
    pub msisdn: String,
    pub sent_at: DateTime<Utc>,
    /// Whether a previous code was replaced (it stopped working, its sessions ended).
    pub replaced: bool,
}

/// The answer to "Delete secret code".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SecretCodeDeleted {
    pub msisdn: String,
    pub deleted_at: DateTime<Utc>,
    /// The code holder's sessions that ended with it.
    pub sessions_ended: u32,
}

/// The employee's sign-in with the number and its secret code.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CodeLoginRequest {
    /// 11 digits starting with 7 (written forms are read too).
    #[cfg_attr(feature = "openapi", schema(schema_with = super::forms::phone))]
    pub msisdn: String,
    pub code: String,
}

/// A session for that one number: it reads the number's information and usage, nothing else.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CodeLoginResponse {
    /// Bearer token for `Authorization: Bearer ...`.
    pub token: String,
    pub expires_at: DateTime<Utc>,
    /// The one number this session may read.
    pub msisdn: String,
}
