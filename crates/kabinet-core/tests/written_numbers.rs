//! Issue 15, item 5: every number-like input (phone, forwarding target, search, ICCID, IMEI,
//! IIN/BIN) reads digits and the separators people type (spaces, hyphens, brackets, a leading +)
//! and refuses anything else, by one rule.

use kabinet_core::domain::{phone_query_digits, Iccid, IinBin, Imei, Phone};
use kabinet_core::rules::forwarding::parse_target;

/// Hurried inputs no number-like field may read as a number.
const HURRIED: &[&str] = &[
    "-77012115526",
    "77012115526-",
    "+-77012115526",
    "++77012115526",
    "+ 77012115526",
    "7701--2115526",
    "7701 - - 2115526",
    "7+7012115526",
    "77012115526+",
    "7(701)(",
    "7 ((701)) 2115526",
    "7 () 7012115526",
    "7 (701 2115526",
    "7 701) 2115526",
    "7 (7-01) 2115526",
    "7701a2115526",
    "7701.211.5526",
    "7701_2115526",
    "7701/2115526",
    "77012115526 ext 2",
    // Digits of other scripts: fullwidth, Arabic-Indic, Devanagari.
    "\u{ff17}\u{ff17}\u{ff10}\u{ff11}2115526",
    "7701211552\u{0666}",
    "7701211552\u{096c}",
];

#[test]
fn the_reported_inputs_are_refused() {
    let e = Iccid::parse("-9223372036854775809").unwrap_err();
    assert_eq!(e.code, "invalid_iccid");
    assert!(!e.check_digit, "refused for its form, not its check digit");
    let e = parse_target("+-77012115526").unwrap_err();
    assert_eq!(e.field.as_deref(), Some("target"));
}

#[test]
fn phones_and_forwarding_targets_refuse_hurried_inputs() {
    for raw in HURRIED {
        assert!(Phone::parse(raw).is_err(), "phone {raw:?}");
        assert!(parse_target(raw).is_err(), "target {raw:?}");
        assert_eq!(phone_query_digits(raw), None, "search {raw:?}");
    }
}

#[test]
fn numbers_as_people_write_them_are_read() {
    for raw in [
        "+7 (701) 234-56-78",
        "7701 234 5678",
        "8 (701) 234-56-78",
        "8(701)234-56-78",
        "+7-701-234-56-78",
        "+7 701 234 56 78",
        " 87012345678 ",
        "7 701 - 234 56 78",
        "+7\u{a0}701\u{a0}234\u{a0}56\u{a0}78",
    ] {
        assert_eq!(Phone::parse(raw).map(|p| p.as_str().to_string()), Ok("77012345678".into()), "{raw:?}");
        assert_eq!(parse_target(raw).as_deref().ok(), Some("77012345678"), "{raw:?}");
        assert_eq!(phone_query_digits(raw).as_deref(), Some("77012345678"), "{raw:?}");
    }
    assert_eq!(parse_target("+49 (151) 1234-5678").as_deref().ok(), Some("+4915112345678"));
}

#[test]
fn codes_refuse_hurried_inputs_and_read_grouped_digits() {
    // 20-digit ICCID, 15-digit IMEI and a 12-digit BIN, each valid by its check digit.
    let (iccid, imei, bin) = ("89997027508016848485", "353678076511548", "150340001236");
    assert!(IinBin::parse(bin).is_ok(), "the BIN of the test is valid");
    for raw in ["8999 7027 5080 1684 8485", "8999-7027-5080-1684-8485", " 89997027508016848485 "] {
        assert_eq!(Iccid::parse(raw).unwrap().as_str(), iccid, "{raw:?}");
    }
    assert_eq!(Imei::parse("35-367807-651154-8").unwrap().as_str(), &imei[..14]);
    assert_eq!(IinBin::parse("1503 4000 1236").unwrap().as_str(), bin);
    for (prefix, suffix) in [("-", ""), ("", "-"), ("+", ""), ("--", ""), ("", "a"), ("", "\u{0666}")] {
        for value in [iccid, imei, bin] {
            let raw = format!("{prefix}{value}{suffix}");
            assert!(Iccid::parse(&raw).is_err(), "ICCID {raw:?}");
            assert!(Imei::parse(&raw).is_err(), "IMEI {raw:?}");
            assert!(IinBin::parse(&raw).is_err(), "IIN/BIN {raw:?}");
        }
    }
    assert!(Iccid::parse("8999 -- 7027 5080 1684 8485").is_err());
    assert!(Iccid::parse("-9223372036854775809").is_err());
}
