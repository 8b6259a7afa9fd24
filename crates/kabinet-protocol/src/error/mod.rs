//! The one error type of Kabinet, from the sandbox over the wire to the UI: `{code, message}`.
//!
//! The portal answers errors in this shape, the client maps HTTP failures into it (see
//! `client::map_error`), and the app hands it to the UI unchanged. The UI decides by `reason`
//! (which rule refused, see [`Reason`]) when there is one, else by `code` (stable, snake_case),
//! and shows its own translation with `params` filled in, falling back to `message` (in the
//! language the request asked for, [`texts`]; English by default).
//! `field` names the input a validation error is about, so a form shows it by that field.

mod reason;
pub mod texts;

pub use reason::Reason;

use crate::domain::DomainError;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Stable machine codes. Add new ones at the end of their group; never rename one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ErrorCode {
    // Input that fails validation (400/422).
    InvalidPhone,
    InvalidEmail,
    WeakPassword,
    PasswordMismatch,
    InvalidAmount,
    InvalidImei,
    InvalidIccid,
    InvalidIinBin,
    InvalidInput,
    InvalidDisplayName,
    // Sign-in and account rules.
    InvalidCredentials,
    LockedOut,
    ActivationRequired,
    SessionExpired,
    WrongPassword,
    InvalidCode,
    CodeExpired,
    CodeAttemptsExceeded,
    RateLimited,
    // Access and state.
    Forbidden,
    NotFound,
    NotAllowedInState,
    InsufficientFunds,
    AlreadyEnabled,
    PeriodTooLong,
    IdempotencyKeyRequired,
    IdempotencyKeyReused,
    Internal,
    /// The route exists, but not with this HTTP method.
    MethodNotAllowed,
    /// A document of a period the operator has not prepared yet (422).
    NotYetAvailable,
    // Raised on this side of the wire.
    PortalUnreachable,
    PortalTimeout,
    InvalidResponse,
    InvalidSettings,
    Cache,
    NotSignedIn,
    /// No application on this computer opens a kind of file (or shows a folder); `path` and
    /// `extension` params say which file.
    NoApplication,
    /// A downloaded update whose signature does not match the release key: not installed.
    UpdateRefused,
    /// An update that could not be downloaded or installed (the app is left as it was).
    UpdateFailed,
    /// A code this version does not know (a newer portal).
    #[serde(other)]
    Unknown,
}

impl ErrorCode {
    /// The HTTP status the portal answers this code with.
    pub fn http_status(self) -> u16 {
        use ErrorCode::*;
        match self {
            InvalidPhone
            | InvalidEmail
            | InvalidAmount
            | InvalidImei
            | InvalidIccid
            | InvalidIinBin
            | InvalidInput
            | InvalidDisplayName
            | IdempotencyKeyRequired => 400,
            InvalidCredentials | SessionExpired | NotSignedIn => 401,
            Forbidden | ActivationRequired => 403,
            NotFound => 404,
            MethodNotAllowed => 405,
            NotAllowedInState | InsufficientFunds | AlreadyEnabled => 409,
            WeakPassword | PasswordMismatch | WrongPassword | InvalidCode | CodeExpired | CodeAttemptsExceeded
            | IdempotencyKeyReused | PeriodTooLong | NotYetAvailable => 422,
            LockedOut | RateLimited => 429,
            // A failing portal says "try again later", which clients treat as unreachable.
            Internal => 503,
            PortalUnreachable | PortalTimeout | InvalidResponse | InvalidSettings | Cache | NoApplication
            | UpdateRefused | UpdateFailed | Unknown => 500,
        }
    }

    fn from_domain(code: &str) -> Self {
        serde_json::from_value(serde_json::Value::String(code.to_string())).unwrap_or(ErrorCode::InvalidInput)
    }
}

/// An error with a stable code and an English message; optional details for the UI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{message}")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Error {
    pub code: ErrorCode,
    pub message: String,
    /// Seconds until a retry can succeed (lockout, resend cooldown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after_s: Option<u64>,
    /// Tries left before a code dies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attempts_left: Option<u32>,
    /// Which rule refused (`blocked_for_debt`, `sim_replacement_needs_active`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<Reason>,
    /// The input a validation error is about (`iccid`, `from`, `previous_owner_iin`), by the
    /// name the request gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<Box<str>>,
    /// Values the reason's text names (`{"state": "blocked"}`), as text. Boxed, like `field`:
    /// most errors have neither, and every `Result` carries an `Error`'s size.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub params: Option<Box<BTreeMap<String, String>>>,
}

impl Error {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            retry_after_s: None,
            attempts_left: None,
            reason: None,
            field: None,
            params: None,
        }
    }

    /// A refusal by a rule: its code, which rule, and the English message.
    pub fn refused(code: ErrorCode, reason: Reason, message: impl Into<String>) -> Self {
        Self::new(code, message).with_reason(reason)
    }

    /// An input that is not valid, naming the field (`invalid_input` unless a more precise
    /// code is given).
    pub fn invalid_field(code: ErrorCode, field: &str, message: impl Into<String>) -> Self {
        Self::new(code, message).with_field(field)
    }

    pub fn with_reason(mut self, reason: Reason) -> Self {
        self.reason = Some(reason);
        self
    }

    pub fn with_field(mut self, field: &str) -> Self {
        self.field = Some(field.into());
        self
    }

    /// A value the reason's text names, if given.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params.as_ref()?.get(name).map(String::as_str)
    }

    pub fn with_param(mut self, name: &str, value: impl ToString) -> Self {
        self.params.get_or_insert_default().insert(name.to_string(), value.to_string());
        self
    }

    pub fn with_retry_after(mut self, seconds: u64) -> Self {
        self.retry_after_s = Some(seconds);
        self
    }

    pub fn with_attempts_left(mut self, n: u32) -> Self {
        self.attempts_left = Some(n);
        self
    }

    /// The code as it travels on the wire, for logs.
    pub fn code_str(&self) -> String {
        serde_json::to_value(self.code).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
    }

    /// The local cache failed (`detail` says how: a database error, a failed upgrade).
    pub fn cache(detail: impl std::fmt::Display) -> Self {
        Error::new(ErrorCode::Cache, format!("The local cache failed: {detail}"))
    }

    /// Whether the portal could not be reached at all (offline mode applies).
    pub fn is_unreachable(&self) -> bool {
        matches!(self.code, ErrorCode::PortalUnreachable | ErrorCode::PortalTimeout)
    }
}

impl From<DomainError> for Error {
    /// The one place a domain refusal gets its reason: a check digit that does not match is
    /// `iin_bin_check_digit` for an IIN/BIN (whose text explains that number) and
    /// `check_digit` for the others; a wrong form keeps only its code.
    fn from(e: DomainError) -> Self {
        let code = ErrorCode::from_domain(e.code);
        let error = Error::new(code, e.message);
        match (e.check_digit, code) {
            (false, _) => error,
            (true, ErrorCode::InvalidIinBin) => error.with_reason(Reason::IinBinCheckDigit),
            (true, _) => error.with_reason(Reason::CheckDigit),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_shape_is_pinned() {
        let e = Error::new(ErrorCode::LockedOut, "Too many attempts.").with_retry_after(900);
        assert_eq!(
            serde_json::to_string(&e).unwrap(),
            r#"{"code":"locked_out","message":"Too many attempts.","retry_after_s":900}"#
        );
        let plain = Error::new(ErrorCode::NotFound, "Not found.");
        assert_eq!(serde_json::to_string(&plain).unwrap(), r#"{"code":"not_found","message":"Not found."}"#);
    }

    #[test]
    fn reasons_fields_and_params_travel_and_are_left_out_when_absent() {
        let e = Error::refused(ErrorCode::NotAllowedInState, Reason::BlockedForDebt, "Pay first.")
            .with_param("state", "blocked_debt");
        assert_eq!(
            serde_json::to_string(&e).unwrap(),
            r#"{"code":"not_allowed_in_state","message":"Pay first.","reason":"blocked_for_debt","params":{"state":"blocked_debt"}}"#
        );
        let back: Error = serde_json::from_str(&serde_json::to_string(&e).unwrap()).unwrap();
        assert_eq!(back, e);
        let f = Error::invalid_field(ErrorCode::InvalidIccid, "iccid", "Bad ICCID.");
        assert_eq!(serde_json::to_value(&f).unwrap()["field"], "iccid");
    }

    #[test]
    fn unknown_codes_from_a_newer_portal_are_kept_as_unknown() {
        let e: Error = serde_json::from_str(r#"{"code":"brand_new","message":"x"}"#).unwrap();
        assert_eq!(e.code, ErrorCode::Unknown);
    }

    #[test]
    fn a_check_digit_that_does_not_match_says_so_apart_from_a_wrong_length() {
        use crate::domain::{Iccid, IinBin, Imei};
        let typo: Error = Iccid::parse("89997020000000000006").unwrap_err().into();
        assert_eq!((typo.code, typo.reason), (ErrorCode::InvalidIccid, Some(Reason::CheckDigit)));
        let short: Error = Iccid::parse("8999702").unwrap_err().into();
        assert_eq!((short.code, short.reason), (ErrorCode::InvalidIccid, None));
        // An IIN/BIN's check digit has its own reason (and text); a wrong length has none.
        let iin: Error = IinBin::parse("921029350852").unwrap_err().into();
        assert_eq!(
            (iin.code, iin.reason.as_ref().map(Reason::as_str)),
            (ErrorCode::InvalidIinBin, Some("iin_bin_check_digit"))
        );
        let iin_short: Error = IinBin::parse("92102935085").unwrap_err().into();
        assert_eq!((iin_short.code, iin_short.reason), (ErrorCode::InvalidIinBin, None));
        let imei: Error = Imei::parse("353678076511540").unwrap_err().into();
        assert_eq!((imei.code, imei.reason), (ErrorCode::InvalidImei, Some(Reason::CheckDigit)));
    }

    #[test]
    fn domain_errors_keep_their_code() {
        let e: Error = crate::domain::Phone::parse("123").unwrap_err().into();
        assert_eq!(e.code, ErrorCode::InvalidPhone);
    }
}
