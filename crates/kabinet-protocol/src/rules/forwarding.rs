//! Call forwarding, one rule for both ends: the client checks a forwarding before it asks the
//! portal, and the sandbox refuses what it refuses, with the same errors (each naming its field,
//! `target` or `delay_s`, so the form shows it there).
//!
//! - A target is a Kazakh number, mobile or landline (country code 7, then a code starting with
//!   7: `7 701 …` mobile, `7 727 …` Almaty), written as people write one (`+7 701 211 55 26`,
//!   `8 727 250 00 00`, `7012115526`), kept as its 11 digits; or an international number, `+`
//!   and 8 to 15 digits (E.164), kept as `+` and its digits. Another `+7` number (Russia) is
//!   international and must then have its 11 digits. A number never forwards to itself.
//! - Only forwarding on no answer has a delay, [`DELAY_MIN_S`] to [`DELAY_MAX_S`] seconds
//!   ([`DELAY_DEFAULT_S`] when none is given).

use crate::api::ForwardKind;
use crate::domain::{trunk_eight_to_seven, written_digits};
use crate::error::{Error, ErrorCode, Reason, Result};

/// The shortest no-answer delay, in seconds.
pub const DELAY_MIN_S: u32 = 5;
/// The longest no-answer delay, in seconds.
pub const DELAY_MAX_S: u32 = 30;
/// The delay when none is given.
pub const DELAY_DEFAULT_S: u32 = 20;

/// A forwarding that passed the rule: the target in its kept form, the delay for no answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub target: String,
    pub delay_s: Option<u32>,
}

/// Checks one kind's forwarding of the number `msisdn` (11 digits) to `target` as typed.
pub fn check(msisdn: &str, kind: &ForwardKind, target: &str, delay_s: Option<u32>) -> Result<Checked> {
    if !kind.is_known() {
        return Err(Error::invalid_field(
            ErrorCode::InvalidInput,
            "kind",
            format!("Unknown forwarding kind {:?}: use unconditional, busy, no_answer or unreachable.", kind.as_str()),
        ));
    }
    let target = parse_target(target)?;
    if target == msisdn {
        return Err(Error::invalid_field(
            ErrorCode::InvalidPhone,
            "target",
            "A number cannot forward calls to itself.",
        )
        .with_reason(Reason::ForwardToItself));
    }
    let delay_s = match (kind, delay_s) {
        (ForwardKind::NoAnswer, None) => Some(DELAY_DEFAULT_S),
        (ForwardKind::NoAnswer, Some(s)) if (DELAY_MIN_S..=DELAY_MAX_S).contains(&s) => Some(s),
        (ForwardKind::NoAnswer, Some(s)) => {
            return Err(Error::invalid_field(
                ErrorCode::InvalidInput,
                "delay_s",
                format!("The delay must be {DELAY_MIN_S} to {DELAY_MAX_S} seconds; it is {s}."),
            )
            .with_reason(Reason::ForwardDelayRange)
            .with_param("min", DELAY_MIN_S)
            .with_param("max", DELAY_MAX_S))
        }
        (_, None) => None,
        (_, Some(_)) => {
            return Err(Error::invalid_field(
                ErrorCode::InvalidInput,
                "delay_s",
                "Only forwarding on no answer has a delay.",
            ))
        }
    };
    Ok(Checked { target, delay_s })
}

/// The delay as typed in a form: empty is none (the default applies); anything but a whole
/// number of seconds is refused like a delay out of range.
pub fn parse_delay(raw: &str) -> Result<Option<u32>> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    raw.parse::<u32>().map(Some).map_err(|_| {
        Error::invalid_field(
            ErrorCode::InvalidInput,
            "delay_s",
            format!("The delay must be {DELAY_MIN_S} to {DELAY_MAX_S} seconds."),
        )
        .with_reason(Reason::ForwardDelayRange)
        .with_param("min", DELAY_MIN_S)
        .with_param("max", DELAY_MAX_S)
    })
}

/// A target as typed → its kept form (`77012115526` or `+4915112345678`). Read as the login
/// field reads a number (`domain::phone`), then held to the rule above.
pub fn parse_target(raw: &str) -> Result<String> {
    let bad = || {
        Error::invalid_field(
            ErrorCode::InvalidPhone,
            "target",
            "Enter a Kazakh mobile or landline number (+7 7XX XXX XX XX) or an international number starting with +.",
        )
        .with_reason(Reason::ForwardTargetInvalid)
    };
    let international = raw.trim().starts_with('+');
    let mut digits = written_digits(raw).filter(|d| !d.is_empty()).ok_or_else(bad)?;
    if !international {
        // National forms: 8 7XX …, 7 7XX …, or the ten digits after the country code.
        trunk_eight_to_seven(&mut digits, raw);
        if digits.len() == 10 {
            digits.insert(0, '7');
        }
        return if is_kazakh(&digits) { Ok(digits) } else { Err(bad()) };
    }
    if is_kazakh(&digits) {
        return Ok(digits);
    }
    let e164 = (8..=15).contains(&digits.len()) && !digits.starts_with('0');
    // Zone 7 (Kazakhstan, Russia) numbers have exactly 11 digits.
    if !e164 || (digits.starts_with('7') && digits.len() != 11) {
        return Err(bad());
    }
    Ok(format!("+{digits}"))
}

/// A Kazakh number: 11 digits, country code 7, then a code starting with 7 (mobile 70X, 747,
/// 77X; landline 71X, 72X).
fn is_kazakh(digits: &str) -> bool {
    digits.len() == 11 && digits.starts_with("77")
}

#[cfg(test)]
mod tests {
    use super::*;

    const OWN: &str = "77010542007";

    #[test]
    fn kazakh_mobile_and_landline_targets_are_kept_as_11_digits() {
        for (typed, kept) in [
            ("77012115526", "77012115526"),
            ("+7 701 211 55 26", "77012115526"),
            ("8 (701) 211-55-26", "77012115526"),
            ("7012115526", "77012115526"),
            ("+7 727 250 00 00", "77272500000"),
            ("8 7172 55 00 00", "77172550000"),
        ] {
            assert_eq!(parse_target(typed).unwrap(), kept, "{typed:?}");
        }
    }

    #[test]
    fn international_targets_keep_their_plus() {
        assert_eq!(parse_target("+49 151 1234 5678").unwrap(), "+4915112345678");
        assert_eq!(parse_target("+7 916 123 45 67").unwrap(), "+79161234567");
        assert_eq!(parse_target("+1 (202) 555-0100").unwrap(), "+12025550100");
    }

    #[test]
    fn other_targets_are_refused_by_the_target_field() {
        for bad in [
            "",
            "   ",
            "+",
            "12345",
            "79161234567",
            "4915112345678",
            "770121155",
            "6012115526",
            "+0049151123456",
            "+1234567",
            "+7916123456",
            "+1234567890123456",
            "7701a115526",
            "++77012115526",
            "+7 701 211 55 26 ext 2",
        ] {
            let e = parse_target(bad).unwrap_err();
            assert_eq!((e.code, e.field.as_deref()), (ErrorCode::InvalidPhone, Some("target")), "{bad:?}");
            assert_eq!(e.reason, Some(Reason::ForwardTargetInvalid), "{bad:?}");
        }
    }

    #[test]
    fn a_number_does_not_forward_to_itself() {
        let e = check(OWN, &ForwardKind::Busy, "+7 701 054 20 07", None).unwrap_err();
        assert_eq!(e.reason, Some(Reason::ForwardToItself));
        assert_eq!(e.field.as_deref(), Some("target"));
    }

    #[test]
    fn only_no_answer_has_a_delay_of_5_to_30_seconds() {
        let ok = |kind, delay| check(OWN, &kind, "77012115526", delay);
        assert_eq!(ok(ForwardKind::NoAnswer, None).unwrap().delay_s, Some(DELAY_DEFAULT_S));
        assert_eq!(ok(ForwardKind::NoAnswer, Some(5)).unwrap().delay_s, Some(5));
        assert_eq!(ok(ForwardKind::NoAnswer, Some(30)).unwrap().delay_s, Some(30));
        for out in [0, 4, 31, 600] {
            let e = ok(ForwardKind::NoAnswer, Some(out)).unwrap_err();
            assert_eq!((e.field.as_deref(), e.reason.clone()), (Some("delay_s"), Some(Reason::ForwardDelayRange)));
            assert_eq!(e.param("min"), Some("5"));
            assert_eq!(e.param("max"), Some("30"));
        }
        assert_eq!(ok(ForwardKind::Busy, None).unwrap().delay_s, None);
        assert_eq!(ok(ForwardKind::Busy, Some(10)).unwrap_err().field.as_deref(), Some("delay_s"));
    }

    #[test]
    fn a_typed_delay_is_whole_seconds_or_nothing() {
        assert_eq!(parse_delay(" 15 ").unwrap(), Some(15));
        assert_eq!(parse_delay("").unwrap(), None);
        for bad in ["abc", "-5", "12.5", "1e3"] {
            let e = parse_delay(bad).unwrap_err();
            assert_eq!((e.field.as_deref(), e.reason), (Some("delay_s"), Some(Reason::ForwardDelayRange)), "{bad:?}");
        }
    }

    #[test]
    fn an_unknown_kind_is_refused() {
        let e = check(OWN, &ForwardKind::from_wire("sometimes"), "77012115526", None).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("kind"));
    }
}
