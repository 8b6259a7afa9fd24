//! What a log line, or the diagnostics a user copies for support, must never hold in clear:
//! phone numbers in full, session tokens, passwords, `Authorization` headers, one-time codes,
//! PIN and PUK.
//!
//! Why one function applied at the writer (the app's log writer and "Copy diagnostics" call
//! [`redact`] on every line they write): a caller that logs a URL with a number in it, or an
//! error that quotes a header, cannot forget to hide it. It errs on the side of hiding: a
//! ten- or eleven-digit run written as a Kazakh number is hidden even where it is something else.
//!
//! - a number written any way the list's search reads one (`domain::written`: `77010016515`,
//!   `87010016515`, `+7 701 001 65 15`, `+7 (701) 001-65-15`, `8(701)001-65-15`, `7010016515`)
//!   keeps only its last two digits: `[phone …15]`;
//! - the value after a secret's name (`token`, `password`, `secret`, `authorization`, `cookie`,
//!   `api_key`, `session_id`, …: `name=value`, `name: value`, `"name":"value"`) and after
//!   `Bearer`/`Basic` becomes `[redacted]`; after `code`, `pin`, `puk`, `otp` too when it holds
//!   four digits or more (so `code=session_expired` and `status code: 500` stay readable);
//! - an opaque run of 24 or more letters and digits (a token wherever it stands, as in a URL)
//!   becomes `[redacted]`; a UUID (a request's key) stays.

use regex::{Captures, Regex};
use std::sync::LazyLock;

const HIDDEN: &str = "[redacted]";

/// `name=value` where the name says the value is secret; the name and separator are kept.
static SECRET_VALUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?i)(?P<key>[\w-]*(?:token|secret|password|passwd|authorization|cookie|api[_-]?key|session[_-]?id))(?P<sep>"?\s*[:=]\s*"?)(?P<value>(?:(?:bearer|basic)\s+)?[^\s"',;&}\]]+)"#,
    )
    .expect("a valid pattern")
});

/// `code=123456`, `puk: 12345678`, `"pin":"1234"`: a code's name and a value with 4+ digits.
static CODE_VALUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?i)(?P<key>[\w-]*(?:code|puk|pin|otp)\d?)(?P<sep>"?\s*[:=]\s*"?)(?P<value>[^\s"',;&}\]]*\d{4}[^\s"',;&}\]]*)"#,
    )
    .expect("a valid pattern")
});

/// `Bearer <token>` wherever it stands (an `Authorization` header quoted in an error).
static BEARER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?P<scheme>bearer|basic)\s+[A-Za-z0-9._~+/=-]+").expect("a valid pattern"));

/// A long opaque run of letters and digits: a token in a URL or a message.
static OPAQUE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[A-Za-z0-9_+=-]{24,}").expect("a valid pattern"));

static UUID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
        .expect("a valid pattern")
});

/// Digits in groups as people write a number (`domain::written`): an optional `+`, groups of
/// digits or bracketed digits, spaces and at most one hyphen between them.
static WRITTEN_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\+[ \t\u{a0}]*)?(?:\(\d+\)|\d+)(?:[ \t\u{a0}]*-?[ \t\u{a0}]*(?:\(\d+\)|\d+))*")
        .expect("a valid pattern")
});

static DIGITS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d+").expect("a valid pattern"));

/// `text` with every number, token, password and code hidden (see the module's doc).
pub fn redact(text: &str) -> String {
    let text = SECRET_VALUE.replace_all(text, |c: &Captures| format!("{}{}{HIDDEN}", &c["key"], &c["sep"]));
    let text = CODE_VALUE.replace_all(&text, |c: &Captures| format!("{}{}{HIDDEN}", &c["key"], &c["sep"]));
    let text = BEARER.replace_all(&text, |c: &Captures| format!("{} {HIDDEN}", &c["scheme"]));
    let text = OPAQUE.replace_all(&text, |c: &Captures| {
        let run = &c[0];
        let opaque = run.bytes().any(|b| b.is_ascii_digit()) && run.bytes().any(|b| b.is_ascii_alphabetic());
        if opaque && !UUID.is_match(run) {
            HIDDEN.to_string()
        } else {
            run.to_string()
        }
    });
    WRITTEN_NUMBER.replace_all(&text, |c: &Captures| hide_phones(&c[0])).into_owned()
}

/// Within one run of digit groups, hides each stretch of whole groups that makes a Kazakh
/// number: 11 digits starting with 7 or 8, or 10 starting with 7 (without the country code).
fn hide_phones(run: &str) -> String {
    let groups: Vec<(usize, usize)> = DIGITS.find_iter(run).map(|m| (m.start(), m.end())).collect();
    let mut out = String::with_capacity(run.len());
    let mut copied = 0;
    let mut i = 0;
    while i < groups.len() {
        let Some(last) = phone_ending_at(run, &groups[i..]).map(|n| i + n) else {
            i += 1;
            continue;
        };
        // The `+` or `(` written before the first group and the `)` after the last go too.
        let mut start = groups[i].0;
        if i == 0 {
            start = 0;
        } else if run[..start].ends_with('(') {
            start -= 1;
        }
        let mut end = groups[last].1;
        if run[end..].starts_with(')') {
            end += 1;
        }
        let digits: String = groups[i..=last].iter().map(|&(s, e)| &run[s..e]).collect();
        out.push_str(&run[copied..start]);
        out.push_str(&format!("[phone …{}]", &digits[digits.len() - 2..]));
        copied = end;
        i = last + 1;
    }
    out.push_str(&run[copied..]);
    out
}

/// The index of the last group of the longest stretch from `groups[0]` that is a number.
fn phone_ending_at(run: &str, groups: &[(usize, usize)]) -> Option<usize> {
    let mut count = 0;
    let mut found = None;
    let first = run.as_bytes()[groups[0].0];
    for (n, &(s, e)) in groups.iter().enumerate() {
        count += e - s;
        match count {
            11 if first == b'7' || first == b'8' => found = Some(n),
            10 if first == b'7' => found = Some(n),
            c if c > 11 => break,
            _ => {}
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEMO: &str = "77010016515";

    fn assert_hidden(line: &str, secret: &str) -> String {
        let out = redact(line);
        assert!(!out.contains(secret), "{secret:?} left in {out:?} (from {line:?})");
        out
    }

    #[test]
    fn a_number_written_any_way_the_search_reads_keeps_only_its_last_two_digits() {
        for written in [
            "77010016515",
            "87010016515",
            "7010016515",
            "+77010016515",
            "+7 701 001 65 15",
            "+7 (701) 001-65-15",
            "+7(701)001-65-15",
            "8 (701) 001 65 15",
            "8(701)001-65-15",
            "7701 001 6515",
            "7 701 001 65 15",
            "+7\u{a0}701\u{a0}001\u{a0}65\u{a0}15",
            "701 001 65 15",
        ] {
            let out = redact(&format!("search for {written} done"));
            assert_eq!(out, "search for [phone …15] done", "{written:?}");
        }
    }

    #[test]
    fn numbers_inside_urls_keys_and_json_are_hidden() {
        let out = assert_hidden(&format!("GET /api/v1/numbers/{DEMO}/services?x=1"), DEMO);
        assert_eq!(out, "GET /api/v1/numbers/[phone …15]/services?x=1");
        assert_hidden(&format!(r#"{{"msisdn":"{DEMO}","phone":"+7 701 001 65 15"}}"#), "001");
        assert_hidden(&format!("company 1 {DEMO}"), DEMO);
        assert_hidden(&format!("admin_phone={DEMO}&company=1"), DEMO);
        assert_hidden(&format!("numbers {DEMO}, 77010542006 and 87770000000"), "7701054");
    }

    #[test]
    fn what_is_not_a_number_stays_readable() {
        for line in [
            "2026-12-06T19:17:37.123Z INFO synced 1200 numbers in 350 ms",
            "status code: 500, code=session_expired",
            "ICCID 8997012345678901234 and account 100200300",
            "request 550e8400-e29b-41d4-a716-446655440000 done",
            "cache at /tmp/.tmpAbC123/app/cache.sqlite",
            "tauri-plugin-single-instance started",
            "2026-12-06 19:17:37",
        ] {
            assert_eq!(redact(line), line);
        }
    }

    #[test]
    fn tokens_authorization_headers_and_passwords_are_hidden() {
        let token = "3f9a0c2e7b1d4e5f8a9b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f";
        for line in [
            format!("Authorization: Bearer {token}"),
            format!("authorization=Bearer {token}"),
            format!(r#"headers: {{"authorization": "Bearer {token}"}}"#),
            format!("retrying with bearer {token}"),
            format!("session token={token}"),
            format!(r#"{{"token":"{token}","expires":"2026"}}"#),
            format!("GET /api/v1/reset?t={token}"),
            format!("session_id: {token}"),
            format!("X-Sandbox-Secret: {token}"),
        ] {
            assert_hidden(&line, &token[..12]);
        }
        assert_hidden("password=Kabinet-2026 remember=true", "Kabinet-2026");
        assert_hidden(r#"{"new_password":"Qwerty-12"}"#, "Qwerty-12");
        assert_hidden("x-sandbox-secret: e2e-demo-portal-secret", "e2e-demo-portal-secret");
        assert_hidden("Authorization: Basic dXNlcjpwYXNz", "dXNlcjpwYXNz");
        assert_hidden("Cookie: sid=abc", "sid=abc");
    }

    #[test]
    fn codes_pins_and_puks_are_hidden() {
        assert_hidden("recovery code=482913 sent", "482913");
        assert_hidden(r#"{"code":"482913"}"#, "482913");
        assert_hidden("PUK: 12345678", "12345678");
        assert_hidden("puk1=12345678 puk2=87654321", "87654321");
        assert_hidden("new PIN: 4321", "4321");
        assert_hidden("otp = 9876", "9876");
        assert_hidden("secret_code: 1234", "1234");
    }
}
