//! The published forms of the values a request body carries (`schema_with` on its fields), made
//! from the domain types' own patterns, so the document says what the portal takes and each
//! form is written once. The portal also reads the written forms people type (spaces, hyphens,
//! brackets); these are the canonical ones a client sends.

use crate::domain::{Email, IinBin, Imei, Phone};
use utoipa::openapi::schema::{ObjectBuilder, Type};

fn text(pattern: &str, description: &str) -> ObjectBuilder {
    ObjectBuilder::new().schema_type(Type::String).pattern(Some(pattern)).description(Some(description))
}

/// A number: 11 digits starting with 7.
pub fn phone() -> ObjectBuilder {
    text(Phone::PATTERN, "11 digits starting with 7 (written forms such as `+7 701 001 65 15` are read too).")
}

/// An IMEI: 14 digits, or 15 with the check digit.
pub fn imei() -> ObjectBuilder {
    text(Imei::PATTERN, "14 digits, or 15 whose last is the Luhn check digit.")
}

/// An IIN or BIN: 12 digits, the last a check digit.
pub fn iin_bin() -> ObjectBuilder {
    text(IinBin::PATTERN, "12 digits, the last the Kazakh check digit.")
}

/// An e-mail address, at most 254 characters.
pub fn email() -> ObjectBuilder {
    text(Email::PATTERN, "An e-mail address such as name@company.kz.").max_length(Some(254))
}
