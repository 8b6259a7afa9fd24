//! Wire types of signing in and password recovery (`/api/v1/auth/...`).

use super::open_enum::open_enum;
use super::Profile;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct LoginRequest {
    /// 11 digits starting with 7 (written forms such as `+7 701 001 65 15` are read too).
    #[cfg_attr(feature = "openapi", schema(schema_with = super::forms::phone))]
    pub phone: String,
    pub password: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct LoginResponse {
    /// Bearer token for `Authorization: Bearer ...`.
    pub token: String,
    /// When the session ends if unused (it slides with every request).
    pub expires_at: DateTime<Utc>,
    pub profile: Profile,
}

open_enum! {
    /// Where a recovery code goes; an unknown channel is kept and shown as sent.
    pub enum CodeChannel {
        /// By SMS to the number itself (the operator's own numbers).
        Sms = "sms",
        /// A one-time password by e-mail (Tele2/Altel and foreign numbers).
        Email = "email",
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct RecoveryStartRequest {
    /// 11 digits starting with 7 (written forms are read too).
    #[cfg_attr(feature = "openapi", schema(schema_with = super::forms::phone))]
    pub phone: String,
}

/// A password recovery in progress. The portal answers the same for unknown numbers, so the
/// form cannot be used to learn which numbers have accounts.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct RecoveryTicket {
    pub recovery_id: String,
    pub channel: CodeChannel,
    /// Seconds before the code can be sent again (60 after each send).
    pub resend_after_s: u64,
    /// Seconds before the code expires (300 after each send).
    pub expires_in_s: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct RecoveryVerifyRequest {
    pub code: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct RecoveryVerified {
    /// One-time token for the last step.
    pub reset_token: String,
    /// The account has never been activated: setting the password activates it.
    pub activation_required: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct RecoveryCompleteRequest {
    pub reset_token: String,
    pub password: String,
    pub confirmation: String,
}
