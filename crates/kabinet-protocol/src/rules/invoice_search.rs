//! The invoice search's number (the manual's "Search for numbers by an invoice"): by the
//! invoice's own number, or by its registration number in the electronic invoice system, which
//! always has [`REGISTRATION_NUMBER_LEN`] characters.

use crate::api::InvoiceSearchBy;
use crate::error::{Error, ErrorCode, Result};

/// The length of an electronic invoice's registration number.
pub const REGISTRATION_NUMBER_LEN: usize = 34;

/// The number searched for, trimmed: a registration number has 34 characters; none is refused.
/// Both name the field `number`.
pub fn check_number(by: InvoiceSearchBy, number: &str) -> Result<String> {
    let number = number.trim();
    if number.is_empty() {
        return Err(Error::invalid_field(ErrorCode::InvalidInput, "number", "Enter the invoice's number."));
    }
    if by == InvoiceSearchBy::Registration && number.chars().count() != REGISTRATION_NUMBER_LEN {
        return Err(Error::invalid_field(
            ErrorCode::InvalidInput,
            "number",
            format!("A registration number has {REGISTRATION_NUMBER_LEN} characters."),
        )
        .with_param("length", REGISTRATION_NUMBER_LEN));
    }
    Ok(number.to_string())
}
