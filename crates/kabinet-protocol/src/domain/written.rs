//! A number as people write one, the ONE rule for every number-like input: phone numbers (login,
//! recovery, bulk lines), forwarding targets, the list's search, ICCID, IMEI and IIN/BIN.
//!
//! Why one strict rule: reading "digits, and drop whatever else" made `-9223372036854775809` a
//! 19-digit ICCID and `+-77012115526` a forwarding target. What people type is digits in groups:
//! `+7 (701) 234-56-78`, `8(701)234-56-78`, `7701 234 5678`, `8999-7027-5080-1684-8485`. So:
//!
//! - an optional `+` first, then groups of ASCII digits;
//! - between two groups a separator: spaces (no-break ones too), or one hyphen with spaces
//!   around it or not;
//! - a group may stand in brackets, `(701)`, next to its neighbours or spaced from them;
//! - nothing else: no letters, no other punctuation, no second `+` or hyphen in a row, no
//!   separator first or last, no empty or nested brackets, no digits of other scripts
//!   (`７`, `٧`), which look like digits but are not what the portal stores.
//!
//! What the digits must then be (11 starting with 7, 19 or 20 with a Luhn digit, …) is each
//! value's own rule; a code (ICCID, IMEI, IIN/BIN) has no country, so it refuses the `+`.

/// The digits of `raw` and whether it began with `+`, if it is written as the rule says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Written {
    pub digits: String,
    pub plus: bool,
}

/// Where the reading is, after the last character.
#[derive(Clone, Copy, PartialEq, Eq)]
enum At {
    /// The start, or just after the `+`: a group must come.
    Start,
    /// In a group of digits outside brackets.
    Digits,
    /// Just after `(`: a digit must come.
    Opened,
    /// In the digits of a bracketed group.
    Bracketed,
    /// Just after `)`: a group ended.
    Closed,
    /// Spaces after a group: another group or a hyphen may come.
    Spaces,
    /// A hyphen (and maybe spaces after it): a group must come.
    Hyphen,
}

/// Reads `raw` by the rule above; `None` when anything in it is not a number as people write one.
pub(crate) fn read(raw: &str) -> Option<Written> {
    let trimmed = raw.trim();
    let (plus, body) = match trimmed.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, trimmed),
    };
    let mut digits = String::with_capacity(body.len());
    let mut at = At::Start;
    for c in body.chars() {
        at = match (at, c) {
            (At::Opened | At::Bracketed, c) if c.is_ascii_digit() => At::Bracketed,
            (_, c) if c.is_ascii_digit() => At::Digits,
            (At::Bracketed, ')') => At::Closed,
            (At::Start | At::Digits | At::Closed | At::Spaces | At::Hyphen, '(') => At::Opened,
            (At::Digits | At::Closed | At::Spaces, c) if c.is_whitespace() => At::Spaces,
            (At::Hyphen, c) if c.is_whitespace() => At::Hyphen,
            (At::Digits | At::Closed | At::Spaces, '-') => At::Hyphen,
            _ => return None,
        };
        if c.is_ascii_digit() {
            digits.push(c);
        }
    }
    matches!(at, At::Digits | At::Closed).then_some(Written { digits, plus })
}

/// The digits of a code (ICCID, IMEI, IIN/BIN) written by the rule, without a `+`.
pub(crate) fn code_digits(raw: &str) -> Option<String> {
    read(raw).filter(|w| !w.plus).map(|w| w.digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digits(raw: &str) -> Option<(String, bool)> {
        read(raw).map(|w| (w.digits, w.plus))
    }

    #[test]
    fn groups_with_spaces_hyphens_and_brackets_are_read() {
        let some = |d: &str, plus: bool| Some((d.to_string(), plus));
        assert_eq!(digits("+7 (701) 234-56-78"), some("77012345678", true));
        assert_eq!(digits("8(701)234-56-78"), some("87012345678", false));
        assert_eq!(digits("(701) 234"), some("701234", false));
        assert_eq!(digits("7701 - 234"), some("7701234", false));
        assert_eq!(digits("  42  "), some("42", false));
        assert_eq!(digits("7\u{a0}701\u{202f}234"), some("7701234", false));
    }

    #[test]
    fn anything_else_is_not_a_written_number() {
        for raw in ["", " ", "+", "-", "()", "(1", "1)", "-1", "1-", "+-1", "++1", "1+1", "1--1", "1 - - 1", "1((2))"] {
            assert_eq!(read(raw), None, "{raw:?}");
        }
        for raw in ["(1-2)", "( 1)", "1.2", "1/2", "1_2", "1a", "\u{ff11}", "\u{0661}"] {
            assert_eq!(read(raw), None, "{raw:?}");
        }
    }

    #[test]
    fn a_code_has_no_plus() {
        assert_eq!(code_digits("+1234"), None);
        assert_eq!(code_digits("12-34"), Some("1234".into()));
    }
}
