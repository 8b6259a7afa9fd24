//! Money as an integer number of tiyn (1 ₸ = 100 tiyn). Never a float.

use super::DomainError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// An amount of tenge in tiyn. Signed: debts and negative balances exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Tiyn(pub i64);

impl Tiyn {
    pub const ZERO: Tiyn = Tiyn(0);

    /// Whole tenge.
    pub fn from_tenge(tenge: i64) -> Self {
        Self(tenge * 100)
    }

    /// Parses what a user types in a tenge field: `8476.9`, `8 476,90`, `446`, with at most
    /// two decimals. Negative amounts are refused (a user never enters a debt).
    pub fn parse_tenge(raw: &str) -> Result<Self, DomainError> {
        let err = || {
            DomainError::new(
                "invalid_amount",
                "Enter an amount in tenge with at most two decimals, for example 8476.90.",
            )
        };
        let cleaned: String =
            raw.trim().chars().filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '₸').collect();
        let cleaned = cleaned.replace(',', ".");
        let (whole, frac) = cleaned.split_once('.').unwrap_or((&cleaned, ""));
        if whole.is_empty()
            || !whole.bytes().all(|b| b.is_ascii_digit())
            || frac.len() > 2
            || !frac.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(err());
        }
        let whole: i64 = whole.parse().map_err(|_| err())?;
        let frac: i64 = if frac.is_empty() { 0 } else { format!("{frac:0<2}").parse().map_err(|_| err())? };
        whole.checked_mul(100).and_then(|w| w.checked_add(frac)).map(Self).ok_or_else(err)
    }

    pub fn checked_add(self, other: Tiyn) -> Option<Tiyn> {
        self.0.checked_add(other.0).map(Tiyn)
    }

    pub fn checked_sub(self, other: Tiyn) -> Option<Tiyn> {
        self.0.checked_sub(other.0).map(Tiyn)
    }
}

impl fmt::Display for Tiyn {
    /// `8476.90 ₸`: a neutral form for logs and exports; the UI formats for the user's language.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:02} ₸", abs / 100, abs % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_user_amounts() {
        assert_eq!(Tiyn::parse_tenge("8476.9").unwrap(), Tiyn(847_690));
        assert_eq!(Tiyn::parse_tenge("8 476,90 ₸").unwrap(), Tiyn(847_690));
        assert_eq!(Tiyn::parse_tenge("446").unwrap(), Tiyn(44_600));
        assert_eq!(Tiyn::parse_tenge("0.05").unwrap(), Tiyn(5));
    }

    #[test]
    fn refuses_bad_amounts() {
        for bad in ["", "-5", "1.234", "abc", "1.2.3", ".5", "99999999999999999999"] {
            assert_eq!(Tiyn::parse_tenge(bad).unwrap_err().code, "invalid_amount", "{bad}");
        }
    }

    #[test]
    fn displays_with_two_decimals() {
        assert_eq!(Tiyn(847_690).to_string(), "8476.90 ₸");
        assert_eq!(Tiyn(-1_322_200).to_string(), "-13222.00 ₸");
    }
}
