//! The portal API's wire types (`/api/v1/...`), shared by the client and the sandbox.
//!
//! Both ends compile against these structs, so a field renamed here is renamed on both sides.
//! Fields are plain strings where the portal's data is opaque to us; the client turns user input
//! into [`crate::domain`] values before it builds a request. Times are RFC 3339 in UTC.

mod numbers;
mod open_enum;
pub use numbers::*;

use crate::error::{Error, ErrorCode, Result};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// The header every state-changing request carries; the same key replays the first answer.
pub const IDEMPOTENCY_KEY_HEADER: &str = "Idempotency-Key";

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Health {
    pub status: String,
    pub version: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct LoginRequest {
    /// 11 digits starting with 7.
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Profile {
    pub phone: String,
    pub name: String,
    pub email: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub enum CodeChannel {
    /// By SMS to the number itself (the operator's own numbers).
    Sms,
    /// A one-time password by e-mail (Tele2/Altel and foreign numbers).
    Email,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct RecoveryStartRequest {
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

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct EmailChangeRequest {
    pub email: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PasswordChangeRequest {
    pub current_password: String,
    pub new_password: String,
    pub confirmation: String,
}

/// A company granted to the signed-in administrator, with the administrator's own display name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Company {
    pub id: i64,
    pub name: String,
    /// 12-digit BIN.
    pub bin: String,
    /// The name this administrator sees in the profile and the company selector.
    pub display_name: String,
    pub numbers_total: i64,
    pub numbers_active: i64,
    pub numbers_blocked: i64,
}

/// The most numbers one company can have: a count above it (or below zero) is a broken answer.
pub const MAX_COMPANY_NUMBERS: i64 = 10_000_000;

impl Company {
    /// Checks the counts the portal sent, which size the sync's buffers and its progress: a
    /// negative or absurd count is an `invalid_response` naming the field.
    pub fn check(&self) -> Result<()> {
        for (field, value) in [
            ("numbers_total", self.numbers_total),
            ("numbers_active", self.numbers_active),
            ("numbers_blocked", self.numbers_blocked),
        ] {
            if !(0..=MAX_COMPANY_NUMBERS).contains(&value) {
                return Err(Error::new(
                    ErrorCode::InvalidResponse,
                    format!(
                        "The portal sent an impossible {field} ({value}) for company {}: it must be 0 to {MAX_COMPANY_NUMBERS}.",
                        self.id
                    ),
                ));
            }
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CompanyList {
    pub items: Vec<Company>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct DisplayNameRequest {
    /// 1 to 100 characters; an empty name restores the company's own name.
    pub display_name: String,
}

/// A message the sandbox "sent" (SMS or e-mail). Only the sandbox serves these.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct OutboxMessage {
    pub id: i64,
    pub sent_at: DateTime<Utc>,
    pub channel: CodeChannel,
    /// A phone number for SMS, an address for e-mail.
    pub recipient: String,
    pub body: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct OutboxList {
    pub items: Vec<OutboxMessage>,
}

/// Moves the sandbox's clock forward, so tests see expiry and lockout without waiting.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ClockAdvance {
    pub seconds: i64,
}
