//! IIN (people) and BIN (companies): 12 digits with the Kazakh check digit.
//!
//! Check digit: weights 1..=11 over the first 11 digits, sum mod 11; if that is 10, weights
//! 3,4,...,11,1,2 instead; if still 10, the number is invalid. The 5th digit tells a BIN
//! (4, 5, 6: legal entity, non-resident, joint entrepreneurs) from an IIN (a century/sex digit 1..=6).

use super::{code_digits, DomainError};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct IinBin(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IinBinKind {
    /// An individual's IIN (YYMMDD, century/sex digit, serial).
    Iin,
    /// A business identification number (YYMM, entity type, office type, serial).
    Bin,
}

impl IinBin {
    /// The canonical form as a regular expression, for the published API: 12 digits, the last a
    /// check digit (which a pattern cannot state).
    pub const PATTERN: &'static str = "^[0-9]{12}$";

    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let digits = code_digits(raw)
            .filter(|d| d.len() == 12)
            .ok_or_else(|| DomainError::new("invalid_iin_bin", "An IIN or BIN has exactly 12 digits."))?;
        match Self::check_digit(&digits[..11]) {
            Some(c) if c == digits.as_bytes()[11] - b'0' => Ok(Self(digits)),
            _ => Err(DomainError::check_digit(
                "invalid_iin_bin",
                "This IIN/BIN fails its check digit; check for a typo.",
            )),
        }
    }

    /// The check digit of the first 11 digits, or `None` when no valid one exists.
    pub fn check_digit(first11: &str) -> Option<u8> {
        let d: Vec<u32> = first11.bytes().map(|b| u32::from(b - b'0')).collect();
        let pass = |weights: &[u32]| d.iter().zip(weights).map(|(a, w)| a * w).sum::<u32>() % 11;
        let first = pass(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
        let digit = if first == 10 { pass(&[3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]) } else { first };
        (digit != 10).then_some(digit as u8)
    }

    pub fn kind(&self) -> IinBinKind {
        match self.0.as_bytes()[4] {
            b'4' | b'5' | b'6' => IinBinKind::Bin,
            _ => IinBinKind::Iin,
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for IinBin {
    type Error = DomainError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<IinBin> for String {
    fn from(value: IinBin) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_valid_numbers() {
        assert_eq!(IinBin::parse("940140000385").unwrap().kind(), IinBinKind::Bin);
        assert_eq!(IinBin::parse("990140004654").unwrap().kind(), IinBinKind::Bin);
        assert_eq!(IinBin::parse("921029350851").unwrap().kind(), IinBinKind::Iin);
    }

    #[test]
    fn check_digit_failure() {
        assert_eq!(IinBin::parse("940140000386").unwrap_err().code, "invalid_iin_bin");
        assert_eq!(IinBin::parse("921029350852").unwrap_err().code, "invalid_iin_bin");
    }

    #[test]
    fn second_weight_pass_is_used() {
        // Find a prefix whose first pass gives 10, and check that its number validates with
        // the second pass's digit.
        let prefix = (0..100_000u32)
            .map(|n| format!("9401400{n:04}"))
            .find(|p| {
                let d: Vec<u32> = p.bytes().map(|b| u32::from(b - b'0')).collect();
                d.iter().zip(1..=11).map(|(a, w)| a * w).sum::<u32>() % 11 == 10
            })
            .unwrap();
        if let Some(c) = IinBin::check_digit(&prefix) {
            assert!(IinBin::parse(&format!("{prefix}{c}")).is_ok());
        }
    }

    #[test]
    fn wrong_length_or_letters() {
        for bad in ["", "94014000038", "9401400003851", "94014000038X"] {
            assert_eq!(IinBin::parse(bad).unwrap_err().code, "invalid_iin_bin", "{bad}");
        }
    }
}
