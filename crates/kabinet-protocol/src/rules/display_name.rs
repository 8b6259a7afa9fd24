//! The display name an administrator gives a company (the name in the profile and the company
//! selector): at most [`MAX_CHARS`] characters, and only characters that show as themselves.
//!
//! Control, format and separator characters are refused because they make a name display
//! misleadingly: U+202E (right-to-left override) reverses what follows it, U+200B (zero width
//! space) and the other format characters are invisible, so two names that look the same differ,
//! and U+2028 / U+2029 (line and paragraph separators) break a one-line name. The ordinary space
//! is the one separator allowed; other spaces (no-break, em, ideographic) are refused too, since
//! they pass for it. The client checks this before asking the portal, and the sandbox checks it
//! again when it answers, with this same function.

use crate::error::{Error, ErrorCode, Result};
use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

/// The longest display name, in characters.
pub const MAX_CHARS: usize = 100;

/// The display name to store: `raw` without surrounding whitespace, or an
/// `invalid_display_name` error that says what is wrong. Empty means "use the company's own name".
pub fn check(raw: &str) -> Result<&str> {
    let name = raw.trim();
    if name.chars().count() > MAX_CHARS {
        return Err(Error::new(
            ErrorCode::InvalidDisplayName,
            format!("The display name is too long: it can have at most {MAX_CHARS} characters."),
        ));
    }
    if let Some(c) = name.chars().find(|&c| !shows_as_itself(c)) {
        return Err(Error::new(
            ErrorCode::InvalidDisplayName,
            format!(
                "The display name contains an invisible, line-break or direction-changing character (U+{:04X}); \
                 remove it.",
                c as u32
            ),
        ));
    }
    Ok(name)
}

/// Whether `c` is neither a control, format or separator character (the plain space excepted).
pub fn shows_as_itself(c: char) -> bool {
    use GeneralCategory::*;
    match c.general_category() {
        Control | Format | LineSeparator | ParagraphSeparator => false,
        SpaceSeparator => c == ' ',
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_name_refuses_direction_changing_invisible_and_separator_characters() {
        for bad in [
            "ТОО \u{202E}тенибаК",   // right-to-left override
            "Кабинет\u{200B}",       // zero width space (inside, after trimming)
            "Каби\u{200B}нет",       // zero width space
            "Кабинет\u{2028}Алматы", // line separator
            "Кабинет\u{2029}Алматы", // paragraph separator
            "Кабинет\u{2066}x",      // left-to-right isolate
            "Кабинет\u{FEFF}x",      // zero width no-break space
            "Каби\u{00A0}нет",       // no-break space passing for a space
            "Кабинет\nАлматы",       // line feed
            "Кабинет\tАлматы",       // tab
            "Кабинет\u{7}",          // bell
        ] {
            let err = check(bad).unwrap_err();
            assert_eq!(err.code, ErrorCode::InvalidDisplayName, "{bad:?}");
            assert!(err.message.contains("display name") && err.message.contains("U+"), "{}", err.message);
        }
    }

    #[test]
    fn display_name_keeps_letters_of_any_script_and_trims() {
        assert_eq!(check("  ТОО «Кабинет» Алматы  ").unwrap(), "ТОО «Кабинет» Алматы");
        assert_eq!(check("Қазақстан Өнім — 2026 & Co.").unwrap(), "Қазақстан Өнім — 2026 & Co.");
        assert_eq!(check("").unwrap(), "", "blank restores the company's own name");
    }

    #[test]
    fn display_name_length_is_counted_in_characters() {
        assert!(check(&"Ж".repeat(MAX_CHARS)).is_ok());
        let err = check(&"Ж".repeat(MAX_CHARS + 1)).unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidDisplayName);
        assert!(err.message.contains("at most 100"), "{}", err.message);
    }
}
