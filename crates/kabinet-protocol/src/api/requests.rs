//! Wire types of requests that finish later (block, unblock, SIM replacement, IMEI
//! registrations; reports next): the portal accepts them (202) with a request record, and
//! completes them after a while. `GET /api/v1/requests/{id}` shows one until and after then.
//!
//! One record for every kind, so the client keeps them all in one cache table and one watcher
//! follows them (`kabinet_core::requests`). Kinds, states and results are open enums: a newer portal's
//! kind is kept as `Unknown` and shown as sent, never read as another kind.

use super::open_enum::open_enum;
use crate::error::Error;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

open_enum! {
    /// What a request does.
    pub enum RequestKind {
        Block = "block",
        Unblock = "unblock",
        /// A new SIM card for the number; the record's `detail` is the new ICCID.
        SimReplacement = "sim_replacement",
        /// Device registration (IMEI) with this number.
        ImeiRegister = "imei_register",
        /// Device re-registration (IMEI): from the previous owner to this number.
        ImeiReregister = "imei_reregister",
        /// Duplicate registration (IMEI): with this number too, keeping the current one.
        ImeiDuplicate = "imei_duplicate",
        /// Deregistration (IMEI) from this number.
        ImeiDeregister = "imei_deregister",
        /// A company report the portal prepares and e-mails (`detail`: its `ReportRequest`).
        Report = "report",
    }
}

open_enum! {
    /// Where a request is: in process until the portal completes it, then done or failed.
    pub enum RequestState {
        InProcess = "in_process",
        Done = "done",
        Failed = "failed",
    }
}

open_enum! {
    /// What a done request did, in the words of the manual's request history (the UI says
    /// them in the user's language: `request.result.<name>`).
    pub enum RequestResult {
        /// "Number blocked".
        Blocked = "blocked",
        /// "Number unblocked".
        Unblocked = "unblocked",
        /// "SIM card replaced".
        SimReplaced = "sim_replaced",
        /// "Registered successfully".
        ImeiRegistered = "imei_registered",
        /// "Re-registered successfully".
        ImeiReregistered = "imei_reregistered",
        /// "Duplicate registered successfully".
        ImeiDuplicateRegistered = "imei_duplicate_registered",
        /// "Registration removed".
        ImeiDeregistered = "imei_deregistered",
        /// The report is e-mailed and its file can be downloaded.
        ReportReady = "report_ready",
    }
}

/// A request the portal accepted (202) and completes later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct RequestRecord {
    pub id: String,
    pub kind: RequestKind,
    /// The company whose request it is.
    pub company_id: i64,
    /// The number it is about; none for a company's request (a report).
    pub msisdn: Option<String>,
    /// What it is about besides the number, as shown in its history: the IMEI, the new ICCID.
    #[serde(default)]
    pub detail: Option<String>,
    pub state: RequestState,
    /// What it did, once done.
    #[serde(default)]
    pub result: Option<RequestResult>,
    /// Why it failed, once failed (with a `reason` the UI translates).
    #[serde(default)]
    pub error: Option<Error>,
    pub created_at: DateTime<Utc>,
    /// When it was done or failed.
    #[serde(default)]
    pub completed_at: Option<DateTime<Utc>>,
}

impl RequestRecord {
    pub fn is_open(&self) -> bool {
        self.state == RequestState::InProcess
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_of_a_newer_portal_keeps_its_unknown_kind_state_and_result() {
        let json = r#"{"id":"r1","kind":"esim_swap","company_id":1,"msisdn":"77010000001","state":"queued",
            "result":"swapped","created_at":"2026-11-25T10:00:00Z"}"#;
        let r: RequestRecord = serde_json::from_str(json).unwrap();
        assert_eq!(r.kind, RequestKind::Unknown("esim_swap".into()));
        assert_eq!(r.state, RequestState::Unknown("queued".into()));
        assert_eq!(r.result, Some(RequestResult::Unknown("swapped".into())));
        assert!(!r.is_open(), "an unknown state is not followed as in process");
        assert_eq!(serde_json::to_value(&r).unwrap()["kind"], "esim_swap");
    }
}
