//! Domain values that can only be built valid.
//!
//! Each type parses user or portal input once, at the edge, and returns a [`DomainError`]
//! with a stable code; code further in never re-checks.

mod email;
mod iccid;
mod iin;
mod imei;
mod luhn;
mod money;
mod password;
mod phone;
mod written;

pub use email::Email;
pub use iccid::Iccid;
pub use iin::{IinBin, IinBinKind};
pub use imei::Imei;
pub use luhn::check_digit as luhn_check_digit;
pub use money::Tiyn;
pub use password::{Password, PASSWORD_MAX_LEN, PASSWORD_MIN_LEN};
pub use phone::{phone_query_digits, Operator, Phone};
pub(crate) use phone::{trunk_eight_to_seven, written_digits};
use written::code_digits;

/// Why a value was refused. `code` is stable and machine-readable; the UI translates it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct DomainError {
    pub code: &'static str,
    pub message: String,
    /// The value has the right form but its check digit does not match: a typo in a digit, which
    /// the user is told as such rather than "enter N digits".
    pub check_digit: bool,
}

impl DomainError {
    pub(crate) fn new(code: &'static str, message: impl Into<String>) -> Self {
        Self { code, message: message.into(), check_digit: false }
    }

    /// A value whose check digit does not match.
    pub(crate) fn check_digit(code: &'static str, message: impl Into<String>) -> Self {
        Self { check_digit: true, ..Self::new(code, message) }
    }
}
