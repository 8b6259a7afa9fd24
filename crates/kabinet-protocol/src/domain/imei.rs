//! IMEI, as the portal shows it: 14 digits (TAC + serial, without the check digit).
//!
//! Users may type the 15-digit form printed on the box; then the last digit must be the Luhn
//! check digit of the first 14, and it is dropped so that both forms compare equal.

use super::{code_digits, luhn, DomainError};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Imei(String);

impl Imei {
    /// The canonical forms as a regular expression, for the published API: 14 digits, or 15 with
    /// the check digit (the portal also reads the written forms [`Imei::parse`] takes).
    pub const PATTERN: &'static str = "^[0-9]{14,15}$";

    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let digits = code_digits(raw).ok_or_else(|| {
            DomainError::new("invalid_imei", "An IMEI has only digits: 14, or 15 with the check digit.")
        })?;
        match digits.len() {
            14 => Ok(Self(digits)),
            15 if luhn::is_valid(&digits) => Ok(Self(digits[..14].to_string())),
            15 => Err(DomainError::check_digit(
                "invalid_imei",
                "The last digit of this IMEI is not its check digit; check for a typo.",
            )),
            _ => Err(DomainError::new("invalid_imei", "An IMEI has 14 digits, or 15 with the check digit.")),
        }
    }

    /// The 14-digit form the portal shows.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The full 15-digit form with its Luhn check digit.
    pub fn with_check_digit(&self) -> String {
        format!("{}{}", self.0, luhn::check_digit(&self.0))
    }
}

impl TryFrom<String> for Imei {
    type Error = DomainError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Imei> for String {
    fn from(value: Imei) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn portal_form_of_14_digits() {
        assert_eq!(Imei::parse("35367807651154").unwrap().as_str(), "35367807651154");
    }

    #[test]
    fn fifteen_digits_with_valid_check_digit_is_shortened() {
        let imei = Imei::parse("353678076511548").unwrap();
        assert_eq!(imei.as_str(), "35367807651154");
        assert_eq!(imei.with_check_digit(), "353678076511548");
    }

    #[test]
    fn check_digit_failure() {
        assert_eq!(Imei::parse("353678076511549").unwrap_err().code, "invalid_imei");
    }

    #[test]
    fn wrong_length_or_letters() {
        for bad in ["", "3536780765115", "3536780765115480", "35367807651A54"] {
            assert_eq!(Imei::parse(bad).unwrap_err().code, "invalid_imei", "{bad}");
        }
    }
}
