//! The rows of a bulk run as the cache keeps and returns them (`cache::bulk`): the run with its
//! state and counts, and each number with its result. They are the cache's types, re-exported
//! by `crate::bulk`, so the cache imports no feature module.

use crate::action::Action;
use crate::api::RequestState;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Where a run stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RunState {
    /// Previewed, nothing sent yet.
    Ready,
    /// A runner is sending its numbers now.
    Running,
    /// Stopped before the end (the portal could not be reached, the session ended, or the app
    /// closed); `Bulk::run` resumes it.
    Paused,
    /// Cancelled by the user: the numbers not sent stay `to_run` (shown "cancelled"); it can
    /// still be resumed.
    Cancelled,
    /// Every number to run was done or failed.
    Finished,
}

impl RunState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ready => "ready",
            Self::Running => "running",
            Self::Paused => "paused",
            Self::Cancelled => "cancelled",
            Self::Finished => "finished",
        }
    }

    pub(crate) fn parse(s: &str) -> Self {
        match s {
            "ready" => Self::Ready,
            "running" => Self::Running,
            "cancelled" => Self::Cancelled,
            "finished" => Self::Finished,
            _ => Self::Paused,
        }
    }
}

/// Whether the portal's own checks were made at the preview, and if not, why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PortalCheck {
    /// The portal checked every number the local rules let through.
    Checked,
    /// The portal could not be reached (offline, a timeout): only the local rules were applied.
    Unreachable,
    /// The portal has no bulk check (an older portal: 404 or 405 for the route): only the local
    /// rules were applied.
    NotOffered,
}

impl PortalCheck {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Checked => "checked",
            Self::Unreachable => "unreachable",
            Self::NotOffered => "not_offered",
        }
    }
}

/// Where one number of a run stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemState {
    ToRun,
    Skipped,
    /// Sent (or about to be), its answer not recorded yet: re-sent with the same key on resume.
    /// Kept as an intent of the run (`cache::intents`, read back as this state); rows of runs
    /// kept before migration 0009 have it written.
    Sending,
    Done,
    Failed,
}

impl ItemState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ToRun => "to_run",
            Self::Skipped => "skipped",
            Self::Sending => "sending",
            Self::Done => "done",
            Self::Failed => "failed",
        }
    }

    pub(crate) fn parse(s: &str) -> Self {
        match s {
            "skipped" => Self::Skipped,
            "sending" => Self::Sending,
            "done" => Self::Done,
            "failed" => Self::Failed,
            _ => Self::ToRun,
        }
    }
}

/// A bulk run: its action, state and counts (`to_run` = `total` − `skipped`; `remaining` =
/// `to_run` − `done` − `failed`), and while it runs an estimate of the seconds left.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkRun {
    pub id: String,
    pub company_id: i64,
    pub action: Action,
    pub state: RunState,
    pub total: u64,
    pub to_run: u64,
    pub skipped: u64,
    pub done: u64,
    pub failed: u64,
    pub remaining: u64,
    /// Whether the portal's checks were made at the preview, or why only the local rules were.
    pub portal_check: PortalCheck,
    pub created_at: DateTime<Utc>,
    pub eta_s: Option<u64>,
}

/// One number of a run, with its result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkItem {
    /// Its place in the selection, from 0.
    pub position: u64,
    /// The canonical number, or the line as written when it is not a number.
    pub msisdn: String,
    pub state: ItemState,
    /// A SIM replacement's new SIM for this number (its digits; as written when it was refused).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iccid: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// The portal's request, when the action is one (block, unblock, SIM replacement).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// That request's state as the watcher last saw it: `in_process` until the portal completes
    /// it, then `done` or `failed`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_state: Option<RequestState>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finished_at: Option<DateTime<Utc>>,
}
