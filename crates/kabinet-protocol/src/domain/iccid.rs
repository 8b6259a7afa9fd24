//! ICCID, the SIM card's number printed on its back: 19 or 20 digits ending in a Luhn check digit.

use super::{code_digits, luhn, DomainError};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Iccid(String);

impl Iccid {
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let digits = code_digits(raw)
            .ok_or_else(|| DomainError::new("invalid_iccid", "A SIM number (ICCID) has only digits."))?;
        if !(19..=20).contains(&digits.len()) {
            return Err(DomainError::new("invalid_iccid", "A SIM number (ICCID) has 19 or 20 digits."));
        }
        if !luhn::is_valid(&digits) {
            return Err(DomainError::check_digit(
                "invalid_iccid",
                "This SIM number (ICCID) fails its check digit; check for a typo.",
            ));
        }
        Ok(Self(digits))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Iccid {
    type Error = DomainError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Iccid> for String {
    fn from(value: Iccid) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_20_and_19_digits() {
        assert!(Iccid::parse("89997027508016848485").is_ok());
        assert!(Iccid::parse("8997027508016848483").is_ok());
    }

    #[test]
    fn check_digit_failure() {
        assert_eq!(Iccid::parse("89997027508016848486").unwrap_err().code, "invalid_iccid");
    }

    #[test]
    fn wrong_length() {
        assert_eq!(Iccid::parse("899970275080168484").unwrap_err().code, "invalid_iccid");
        assert_eq!(Iccid::parse("899970275080168484851").unwrap_err().code, "invalid_iccid");
        assert_eq!(Iccid::parse("8999702750801684848X").unwrap_err().code, "invalid_iccid");
    }
}
