//! Subscriber phone numbers: 11 digits starting with 7, as the portal writes them (`77010016515`).
//!
//! The operator decides by prefix whether a recovery code goes by SMS (its own numbers) or by
//! e-mail (Tele2/Altel and foreign numbers), so the operator lookup lives here, in one place.

use super::DomainError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A Kazakh mobile number in the portal's canonical form: 11 digits, the first one 7.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(try_from = "String", into = "String")]
pub struct Phone(String);

/// The network a number belongs to, by its prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Operator {
    /// Kcell/activ (701, 702, 775, 778): the portal's own operator.
    Kcell,
    Beeline,
    Tele2,
    Altel,
    /// A Kazakh number of no network we know.
    OtherKazakh,
}

impl Phone {
    /// The canonical form as a regular expression, for the published API: what a client sends
    /// (the portal also reads the written forms [`Phone::parse`] takes).
    pub const PATTERN: &'static str = "^7[0-9]{10}$";

    /// Parses `77010016515`, also accepting the ways people write it: `+7 701 001 65 15`,
    /// `8 701 001 65 15`, `+7 (701) 001-65-15` (see [`written_digits`]).
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let err = || {
            DomainError::new(
                "invalid_phone",
                "Enter the phone number as 11 digits starting with 7, for example 77010016515.",
            )
        };
        let mut digits = written_digits(raw).ok_or_else(err)?;
        trunk_eight_to_seven(&mut digits, raw);
        if digits.len() != 11 || !digits.starts_with('7') {
            return Err(err());
        }
        Ok(Self(digits))
    }

    /// Whether `s` is a number exactly as the portal writes one (its 11 digits, nothing else):
    /// what a portal answer must hold where a number is expected.
    pub fn is_canonical(s: &str) -> bool {
        Self::parse(s).is_ok_and(|p| p.as_str() == s)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The network of this number, by its three-digit prefix after the country code.
    pub fn operator(&self) -> Operator {
        match &self.0[1..4] {
            "701" | "702" | "775" | "778" => Operator::Kcell,
            "705" | "771" | "776" | "777" => Operator::Beeline,
            "707" | "747" => Operator::Tele2,
            "700" | "708" => Operator::Altel,
            _ => Operator::OtherKazakh,
        }
    }

    /// Whether the operator delivers codes to this number by SMS (its own numbers only).
    pub fn gets_sms_codes(&self) -> bool {
        self.operator() == Operator::Kcell
    }

    /// The number as people read it: `+7 701 001 65 15`.
    pub fn display(&self) -> String {
        let d = &self.0;
        format!("+7 {} {} {} {}", &d[1..4], &d[4..7], &d[7..9], &d[9..11])
    }
}

/// A national `8 701 ...` number (11 digits, no `+`) becomes the international `7 701 ...`.
pub(crate) fn trunk_eight_to_seven(digits: &mut String, raw: &str) {
    if digits.len() == 11 && digits.starts_with('8') && !raw.trim().starts_with('+') {
        digits.replace_range(0..1, "7");
    }
}

/// The digits to search for when a search query looks like (part of) a phone number, as the app
/// shows it or as people write it: `+7 701 211 55 26`, `+7 (701) 211-55-26`, `87012115526`,
/// `211-55-26`. `None` for anything else (a tariff, a state, an account), which stays plain text.
///
/// Why: the list shows `+7 701 211 55 26` and the cache holds `77012115526`, so a query copied
/// from the screen must lose its separators and, like the login field, read a leading `8` of a
/// whole number as `7`. Only a number written as `written.rs` says counts as phone-like.
pub fn phone_query_digits(raw: &str) -> Option<String> {
    let mut digits = written_digits(raw).filter(|d| !d.is_empty())?;
    trunk_eight_to_seven(&mut digits, raw);
    Some(digits)
}

/// The digits of a number as people write one (`written.rs`: digits in groups, spaces, hyphens,
/// brackets and a leading `+`); `None` when anything else is in it. One rule for the login field,
/// search and forwarding targets (`rules::forwarding`), so whatever login reads as a number, the
/// others read alike.
pub(crate) fn written_digits(raw: &str) -> Option<String> {
    super::written::read(raw).map(|w| w.digits)
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Phone {
    type Error = DomainError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Phone> for String {
    fn from(value: Phone) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_number_is_accepted() {
        assert_eq!(Phone::parse("77010016515").unwrap().as_str(), "77010016515");
    }

    #[test]
    fn spaced_plus_and_eight_forms_are_normalised() {
        assert_eq!(Phone::parse("+7 701 001 65 15").unwrap().as_str(), "77010016515");
        assert_eq!(Phone::parse("8 701 001-65-15").unwrap().as_str(), "77010016515");
        assert_eq!(Phone::parse("+7 (701) 001-65-15").unwrap().as_str(), "77010016515");
        assert_eq!(Phone::parse("+7\u{a0}701\u{a0}001\u{a0}65\u{a0}15").unwrap().as_str(), "77010016515");
    }

    #[test]
    fn phone_like_search_queries_become_the_digits_login_would_read() {
        for query in [
            "+7 701 211 55 26",
            "+77012115526",
            "87012115526",
            "+7 (701) 211-55-26",
            " 7 701 211 55 26 ",
            "+7\u{a0}701\u{a0}211\u{a0}55\u{a0}26",
        ] {
            assert_eq!(phone_query_digits(query).as_deref(), Some("77012115526"), "{query:?}");
        }
        assert_eq!(phone_query_digits("701 211 55 26").as_deref(), Some("7012115526"));
        assert_eq!(phone_query_digits("211-55-26").as_deref(), Some("2115526"));
        // A run of digits stays what it was: only a whole 11-digit national number loses its 8.
        assert_eq!(phone_query_digits("8701").as_deref(), Some("8701"));
        assert_eq!(phone_query_digits("+87012115526").as_deref(), Some("87012115526"));
    }

    #[test]
    fn other_search_queries_are_not_phone_numbers() {
        for query in ["", "   ", "-", "( )", "Business 500", "корпоративный", "kcell", "7701a", "++7701", "7+701"]
        {
            assert_eq!(phone_query_digits(query), None, "{query:?}");
        }
    }

    #[test]
    fn malformed_numbers_are_refused() {
        for bad in ["", "7701001651", "770100165150", "67010016515", "7701001651a", "+8 701 001 65 15"] {
            let err = Phone::parse(bad).unwrap_err();
            assert_eq!(err.code, "invalid_phone", "{bad:?}");
        }
    }

    #[test]
    fn operators_by_prefix() {
        let op = |s: &str| Phone::parse(s).unwrap().operator();
        assert_eq!(op("77010542006"), Operator::Kcell);
        assert_eq!(op("77751234567"), Operator::Kcell);
        assert_eq!(op("77051234567"), Operator::Beeline);
        assert_eq!(op("77071234567"), Operator::Tele2);
        assert_eq!(op("77471234567"), Operator::Tele2);
        assert_eq!(op("77001234567"), Operator::Altel);
        assert_eq!(op("77081234567"), Operator::Altel);
        assert_eq!(op("77271234567"), Operator::OtherKazakh);
        assert!(Phone::parse("77010542006").unwrap().gets_sms_codes());
        assert!(!Phone::parse("77071234567").unwrap().gets_sms_codes());
    }

    #[test]
    fn display_groups_digits() {
        assert_eq!(Phone::parse("77010542007").unwrap().display(), "+7 701 054 20 07");
    }
}
