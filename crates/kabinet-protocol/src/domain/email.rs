//! E-mail addresses, checked for the shape people mistype (not the full RFC 5322 grammar).

use super::DomainError;
use serde::{Deserialize, Serialize};

/// An e-mail address: one `@`, a non-empty local part, a dotted domain, no spaces, at most 254 chars.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    /// The ASCII addresses [`Email::parse`] takes, as a regular expression for the published API
    /// (the portal also reads internationalised domains and surrounding spaces).
    pub const PATTERN: &'static str =
        r"^[!-?A-~]{1,64}@[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+$";

    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let value = raw.trim();
        let err = || DomainError::new("invalid_email", "Enter an e-mail address such as name@company.kz.");
        if value.len() > 254 || value.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(err());
        }
        let (local, domain) = value.split_once('@').ok_or_else(err)?;
        let labels_ok = domain.split('.').all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        });
        if local.is_empty() || local.len() > 64 || domain.contains('@') || !domain.contains('.') || !labels_ok {
            return Err(err());
        }
        Ok(Self(value.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The address with most of the local part hidden, for "we sent a code to a***@kcell.kz".
    pub fn masked(&self) -> String {
        let (local, domain) = self.0.split_once('@').expect("validated");
        let first: String = local.chars().take(1).collect();
        format!("{first}***@{domain}")
    }
}

impl TryFrom<String> for Email {
    type Error = DomainError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Email> for String {
    fn from(value: Email) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_addresses_pass() {
        for ok in ["aigerim.merechina@kcell.kz", "a@b.kz", " admin+ops@kabinet.kz ", "почта@пример.қз"] {
            assert!(Email::parse(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn typos_are_refused() {
        for bad in
            ["", "kcell.kz", "a@", "@kcell.kz", "a@kcell", "a b@kcell.kz", "a@@kcell.kz", "a@kcell..kz", "a@-kcell.kz"]
        {
            assert_eq!(Email::parse(bad).unwrap_err().code, "invalid_email", "{bad}");
        }
    }

    #[test]
    fn masking_keeps_the_domain() {
        assert_eq!(Email::parse("aigerim@kcell.kz").unwrap().masked(), "a***@kcell.kz");
    }
}
