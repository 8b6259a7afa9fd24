//! Wire types only the sandbox serves (`/sandbox/...`): the messages it "sent", its clock and
//! its planned faults. Kept apart so the portal's own API reads without them.

use super::CodeChannel;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

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
    /// A file sent with an e-mail (a report), by its name and size; the sandbox keeps no bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachment: Option<OutboxAttachment>,
}

/// A file attached to an outbox e-mail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct OutboxAttachment {
    pub name: String,
    pub content_type: String,
    /// In bytes.
    pub size: u64,
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
    /// 0 to 30 days.
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 2_592_000))]
    pub seconds: i64,
}

/// Makes the sandbox fail on purpose, for tests of interrupted work.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct FaultPlan {
    /// Serve this many more pages of numbers, then answer 503 to the next ones (None: no fault).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<u64>, maximum = 4_294_967_295_u64))]
    pub fail_numbers_after_pages: Option<u32>,
    /// Hold every answer to a state-changing request this long, AFTER its action committed (a
    /// client that dies meanwhile never hears that it was done). None: answer at once.
    #[serde(default)]
    pub delay_answers_ms: Option<u64>,
    /// The next state-changing request dies AFTER its change committed and BEFORE its answer
    /// leaves (a crash of the portal at the worst moment). None: no crash planned.
    #[serde(default)]
    pub crash_after_change: Option<CrashAfterChange>,
}

/// How the planned crash happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CrashAfterChange {
    /// The request's task panics: its connection is dropped, the sandbox goes on (in-process tests).
    Task,
    /// The sandbox process aborts, like `kill -9` (tests that run the sandbox as a process).
    Process,
}
