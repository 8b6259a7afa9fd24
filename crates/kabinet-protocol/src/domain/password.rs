//! The password policy, in one place: the sandbox enforces it, the client checks it before
//! sending, and the UI states it (the `password_policy` text in `ui/js/i18n.js` says the same).
//!
//! Policy: 8 to 64 characters, at least one lowercase letter, one uppercase letter and one digit,
//! no spaces, and not containing the account's phone number.

use super::{DomainError, Phone};
use std::fmt;

pub const PASSWORD_MIN_LEN: usize = 8;
pub const PASSWORD_MAX_LEN: usize = 64;

/// A new password that satisfies the policy. `Debug` never prints it.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    /// Checks a new password and its confirmation against the policy.
    pub fn new_with_confirmation(raw: &str, confirmation: &str, phone: Option<&Phone>) -> Result<Self, DomainError> {
        let password = Self::new(raw, phone)?;
        if raw != confirmation {
            return Err(DomainError::new("password_mismatch", "The password and its confirmation do not match."));
        }
        Ok(password)
    }

    /// Checks a new password against the policy.
    pub fn new(raw: &str, phone: Option<&Phone>) -> Result<Self, DomainError> {
        let weak = |why: &str| {
            DomainError::new(
                "weak_password",
                format!(
                    "{why} A password needs {PASSWORD_MIN_LEN} to {PASSWORD_MAX_LEN} characters with a lowercase letter, an uppercase letter and a digit, and no spaces."
                ),
            )
        };
        let len = raw.chars().count();
        if len < PASSWORD_MIN_LEN {
            return Err(weak("The password is too short."));
        }
        if len > PASSWORD_MAX_LEN {
            return Err(weak("The password is too long."));
        }
        if raw.chars().any(char::is_whitespace) {
            return Err(weak("The password contains a space."));
        }
        if !raw.chars().any(char::is_lowercase)
            || !raw.chars().any(char::is_uppercase)
            || !raw.chars().any(|c| c.is_ascii_digit())
        {
            return Err(weak("The password lacks a lowercase letter, an uppercase letter or a digit."));
        }
        if let Some(phone) = phone {
            if raw.contains(&phone.as_str()[1..]) {
                return Err(DomainError::new("weak_password", "The password must not contain your phone number."));
            }
        }
        Ok(Self(raw.to_string()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(raw: &str) -> &'static str {
        Password::new(raw, Some(&Phone::parse("77010016515").unwrap())).map(|_| "ok").unwrap_or_else(|e| e.code)
    }

    #[test]
    fn policy_cases() {
        assert_eq!(code("Kabinet-2026"), "ok");
        assert_eq!(code("Пароль2026x"), "ok");
        assert_eq!(code("Short1a"), "weak_password");
        assert_eq!(code("alllowercase1"), "weak_password");
        assert_eq!(code("ALLUPPERCASE1"), "weak_password");
        assert_eq!(code("NoDigitsHere"), "weak_password");
        assert_eq!(code("Has space 1A"), "weak_password");
        assert_eq!(code(&format!("Aa1{}", "x".repeat(62))), "weak_password");
        assert_eq!(code("Aa7010016515"), "weak_password");
    }

    #[test]
    fn confirmation_must_match() {
        let err = Password::new_with_confirmation("Kabinet-2026", "Kabinet-2027", None).unwrap_err();
        assert_eq!(err.code, "password_mismatch");
    }

    #[test]
    fn debug_hides_the_secret() {
        let p = Password::new("Kabinet-2026", None).unwrap();
        assert_eq!(format!("{p:?}"), "Password(***)");
    }
}
